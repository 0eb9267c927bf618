"""Selection audit (`ia_marketing.ethics.bias`): rates, ratios and the four-fifths warning on a
hand-built table, checked against a plain pandas groupby; small groups never warn; missing values
form the group « inconnu »; categorical order kept; rates among a positive outcome; Wilson
intervals against scipy; the criteria built from the customer file; the course's planted age bias
in the past campaign's targeting; the chart."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from ia_marketing import load
from ia_marketing.data.targeting import CAMPAIGN_DAY
from ia_marketing.ethics import (
    FOUR_FIFTHS,
    EthicsError,
    audit_groups,
    plot_selection_rates,
    selection_audit,
    wilson_interval,
)


def block(group, n: int, selected: int, positives: int | None = None) -> pd.DataFrame:
    """*n* rows of *group*, the first *selected* of them selected; outcome true on every other row."""
    outcome = [i % 2 == 0 for i in range(n)] if positives is None else [i < positives for i in range(n)]
    return pd.DataFrame({"g": [group] * n, "s": [i < selected for i in range(n)], "o": outcome})


@pytest.fixture()
def people() -> pd.DataFrame:
    # A: 40 of 50 selected (80 %), B: 20 of 50 (40 %), C: 0 of 10 (too small), unknown: 30 of 40 (75 %)
    return pd.concat([block("A", 50, 40), block("B", 50, 20), block("C", 10, 0), block(None, 40, 30)],
                     ignore_index=True)


def test_rates_ratios_and_warnings_on_a_known_table(people):
    audit = selection_audit(people, "s", ["g"])
    table = audit.table.set_index("groupe")
    assert table.index.tolist() == ["A", "B", "C", "inconnu"]
    expected = people.assign(g=people["g"].fillna("inconnu")).groupby("g")["s"].agg(["size", "sum", "mean"])
    assert table["effectif"].tolist() == expected["size"].tolist() == [50, 50, 10, 40]
    assert table["selectionnes"].tolist() == expected["sum"].tolist() == [40, 20, 0, 30]
    assert table["taux"].tolist() == pytest.approx(expected["mean"].tolist())
    assert table["rapport"].tolist() == pytest.approx([1.0, 0.5, 0.0, 0.75 / 0.8])
    assert table["trop_petit"].tolist() == [False, False, True, False]
    assert table["alerte"].tolist() == [False, True, False, False]     # C at 0 % is too small to warn
    assert audit.warnings["groupe"].tolist() == ["B"]
    assert audit.threshold == FOUR_FIFTHS == 0.8 and audit.min_size == 30 and audit.selected == "s"
    assert audit.table.columns.tolist() == ["critere", "groupe", "effectif", "selectionnes", "taux", "ic_bas",
                                            "ic_haut", "rapport", "alerte", "trop_petit"]
    assert set(audit.table["critere"]) == {"g"}


def test_the_intervals_are_wilson_intervals(people):
    table = selection_audit(people, "s", "g").table
    for row in table.itertuples():
        ci = binomtest(int(row.selectionnes), int(row.effectif)).proportion_ci(method="wilson")
        assert (row.ic_bas, row.ic_haut) == pytest.approx((ci.low, ci.high), abs=1e-7)
        assert row.ic_bas <= row.taux <= row.ic_haut


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 2000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_interval_agrees_with_scipy(pair):
    k, n = pair
    low, high = wilson_interval(np.array([k]), np.array([n]))
    ci = binomtest(k, n).proportion_ci(method="wilson")
    assert low[0] == pytest.approx(ci.low, abs=1e-7) and high[0] == pytest.approx(ci.high, abs=1e-7)


def test_threshold_and_min_size_change_what_warns(people):
    loose = selection_audit(people, "s", "g", threshold=0.4).table.set_index("groupe")
    assert not loose["alerte"].any()                                   # 0.5 is above 0.4
    small_ok = selection_audit(people, "s", "g", min_size=5).table.set_index("groupe")
    assert small_ok.loc["C", "alerte"] and not small_ok.loc["C", "trop_petit"]
    all_small = selection_audit(people, "s", "g", min_size=100)
    assert all_small.table["trop_petit"].all() and not all_small.table["alerte"].any()
    assert all_small.table["rapport"].isna().all()
    assert all_small.resume() == "g : aucun groupe assez grand pour conclure (moins de 100 personnes)."


def test_the_reference_is_the_highest_rate_among_large_enough_groups():
    frame = pd.concat([block("petit", 5, 5), block("A", 40, 20), block("B", 40, 10)], ignore_index=True)
    table = selection_audit(frame, "s", "g").table.set_index("groupe")
    assert table.loc["A", "rapport"] == 1.0                            # not 100 % of a group of five
    assert table.loc["B", "rapport"] == pytest.approx(0.5)
    assert table.loc["petit", "rapport"] == pytest.approx(2.0) and not table.loc["petit", "alerte"]


def test_the_categorical_order_is_kept_and_unknown_comes_last(people):
    frame = people.assign(c=pd.Categorical(people["g"], categories=["C", "B", "A"], ordered=True))
    table = selection_audit(frame, "s", ["c", "g"]).table
    assert table.loc[table["critere"] == "c", "groupe"].tolist() == ["C", "B", "A", "inconnu"]
    assert table["critere"].tolist() == ["c"] * 4 + ["g"] * 4            # criteria in the order given


def test_rates_among_a_positive_outcome(people):
    audit = selection_audit(people, "s", "g", outcome="o")
    table = audit.table.set_index("groupe")
    groups = people["g"].fillna("inconnu")
    among = people[people["o"]].groupby(groups[people["o"]])["s"].mean()
    positives = people.groupby(groups)["o"].sum()
    assert table["effectif_resultat"].tolist() == positives.reindex(table.index).tolist() == [25, 25, 5, 20]
    assert table["taux_parmi_resultat"].tolist() == pytest.approx(among.reindex(table.index).tolist())
    assert audit.table.columns.tolist()[-2:] == ["effectif_resultat", "taux_parmi_resultat"]


def test_the_summary_is_french_and_keeps_group_names(people):
    text = selection_audit(people, "s", "g").resume()
    assert text == ("g : de 40\u00a0% (B) à 80\u00a0% (A) de sélectionnés, rapport le plus bas 0,50 — sous les "
                    "quatre cinquièmes : à examiner (une raison légitime, ou un critère qui en cache un autre ?).")
    gender = pd.concat([block("M.", 40, 30), block("Mme", 40, 28)], ignore_index=True)
    text = selection_audit(gender, "s", "g").resume()
    assert "(M.)" in text and "(Mme)" in text and "0,93" in text and "au-dessus des quatre cinquièmes" in text


def test_nobody_selected_is_said_without_crashing():
    nobody = pd.concat([block("A", 40, 0), block("B", 40, 0)], ignore_index=True)
    audit = selection_audit(nobody, "s", "g")
    assert not audit.table["alerte"].any()
    assert audit.resume() == "g : personne n'est sélectionné dans les groupes assez grands."


@pytest.mark.parametrize(("change", "match"), [
    (lambda t: t.assign(s=t["s"].map({True: "oui", False: "non"})), "« s » doit contenir des vrai/faux"),
    (lambda t: t.assign(s=t["s"].astype(object).where(t.index > 0, None)), "« s » doit contenir des vrai/faux"),
    (lambda t: t.assign(s=t["s"].astype(int) * 2), "« s » doit contenir des vrai/faux"),
    (lambda t: t.iloc[:0], "Le tableau est vide"),
    (lambda t: t.drop(columns="g"), "Colonne introuvable.*« g »"),
])
def test_bad_tables_are_refused(people, change, match):
    with pytest.raises(EthicsError, match=match):
        selection_audit(change(people), "s", ["g"])


def test_bad_settings_are_refused(people):
    with pytest.raises(EthicsError, match="« o » doit contenir des vrai/faux"):
        selection_audit(people.assign(o=1.5), "s", "g", outcome="o")
    for threshold in (0, 1.5, -0.2):
        with pytest.raises(EthicsError, match="Le seuil doit être compris entre 0 et 1"):
            selection_audit(people, "s", "g", threshold=threshold)
    with pytest.raises(EthicsError, match="au moins un critère"):
        selection_audit(people, "s", [])
    with pytest.raises(EthicsError, match="attend un tableau pandas"):
        selection_audit(people.to_numpy(), "s", ["g"])


# -- the criteria from the customer file -----------------------------------------------------
def _age(born: pd.Timestamp, at: pd.Timestamp) -> int:
    return at.year - born.year - ((born.month, born.day) > (at.month, at.day))


def test_audit_groups_on_the_customer_file():
    spectateurs = load("spectateurs")
    groups = audit_groups(spectateurs, at="2026-07-01")
    assert groups.index.equals(spectateurs.index)
    assert groups.columns.tolist() == ["genre", "tranche_age", "territoire"]
    expected_gender = ["femme" if c == "Mme" else "homme" for c in spectateurs["civilite"]]
    assert groups["genre"].tolist() == expected_gender
    at = pd.Timestamp("2026-07-01")
    ages = [_age(b, at) for b in spectateurs["date_naissance"]]
    bands = pd.cut(ages, [0, 30, 45, 60, 75, 200], right=False,
                   labels=["moins de 30 ans", "30-44 ans", "45-59 ans", "60-74 ans", "75 ans et plus"])
    assert list(groups["tranche_age"].cat.categories) == list(bands.categories)
    assert groups["tranche_age"].astype(str).tolist() == bands.astype(str).tolist()
    town = spectateurs["ville"] == "Port-Rivage"
    alpes = spectateurs["code_postal"].str.startswith("06")
    territory = np.where(town, "Port-Rivage", np.where(alpes, "reste des Alpes-Maritimes", "hors Alpes-Maritimes"))
    assert groups["territoire"].astype(str).tolist() == territory.tolist()
    assert list(groups["territoire"].cat.categories) == ["Port-Rivage", "reste des Alpes-Maritimes",
                                                         "hors Alpes-Maritimes"]
    assert set(groups["tranche_age"].dropna()) == set(bands.categories)   # every band is represented


def test_audit_groups_leave_what_the_file_does_not_say_missing():
    people = pd.DataFrame({"civilite": ["Mme", "M.", None, "Mx"],
                           "date_naissance": pd.to_datetime(["1996-07-02", None, "1950-01-01", "2030-01-01"]),
                           "code_postal": ["06290", "75001", None, "06000"],
                           "ville": ["Port-Rivage", "Paris", "Port-Rivage", "Nice"]})
    groups = audit_groups(people, at="2026-07-01")
    assert groups["genre"].tolist()[:2] == ["femme", "homme"] and groups["genre"].iloc[2:].isna().all()
    assert groups["tranche_age"].astype(object).tolist()[0] == "moins de 30 ans"   # 30 only the next day
    assert pd.isna(groups["tranche_age"].iloc[1]) and pd.isna(groups["tranche_age"].iloc[3])
    assert groups["tranche_age"].iloc[2] == "75 ans et plus"
    assert groups["territoire"].astype(object).tolist()[:2] == ["Port-Rivage", "hors Alpes-Maritimes"]
    assert pd.isna(groups["territoire"].iloc[2]) and groups["territoire"].iloc[3] == "reste des Alpes-Maritimes"
    audit = selection_audit(pd.concat([groups, pd.Series([True, False, True, False], name="s")], axis=1),
                            "s", ["genre"], min_size=1)
    assert audit.table["groupe"].tolist() == ["femme", "homme", "inconnu"]
    assert audit.table["effectif"].tolist() == [1, 1, 2]
    with pytest.raises(EthicsError, match="« ville »"):
        audit_groups(people.drop(columns="ville"))


# -- the planted bias ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def campaign() -> pd.DataFrame:
    people = load("ciblage").merge(load("spectateurs"), on="id_client", how="left", validate="one_to_one")
    return people.join(audit_groups(people, at=str(CAMPAIGN_DAY)))


def test_the_audit_finds_the_age_bias_and_no_gender_bias(campaign):
    audit = selection_audit(campaign, "cible", ["genre", "tranche_age", "territoire"])
    table = audit.table.set_index(["critere", "groupe"])
    for criterion in ("genre", "tranche_age", "territoire"):
        rates = campaign.groupby(criterion, observed=True)["cible"].mean()
        assert table.loc[criterion, "taux"].loc[rates.index.astype(str)].tolist() == pytest.approx(rates.tolist())
    assert table.loc[("tranche_age", "60-74 ans"), "alerte"]
    assert table.loc[("tranche_age", "45-59 ans"), "alerte"]
    assert not table.loc[("tranche_age", "moins de 30 ans"), "alerte"]
    assert not table.loc["genre", "alerte"].any()
    # the figures of datasets/README.md: 61 % of the under-30s invited, 34 % of the 60-74, 46 % of men, 43 % of women
    assert round(100 * table.loc[("tranche_age", "moins de 30 ans"), "taux"]) == 61
    assert round(100 * table.loc[("tranche_age", "60-74 ans"), "taux"]) == 34
    assert round(100 * table.loc[("genre", "homme"), "taux"]) == 46
    assert round(100 * table.loc[("genre", "femme"), "taux"]) == 43
    assert table.loc[("tranche_age", "60-74 ans"), "rapport"] < 0.6
    # the explicit postal rule: nobody outside the Alpes-Maritimes
    outside = table.loc[("territoire", "hors Alpes-Maritimes")]
    assert outside["effectif"] == 307 and outside["selectionnes"] == 0 and outside["alerte"]
    summary = audit.resume().splitlines()
    assert summary[0].startswith("genre : ") and summary[0].endswith("au-dessus des quatre cinquièmes.")
    assert "(60-74 ans)" in summary[1] and "sous les quatre cinquièmes" in summary[1]


def test_the_older_spectators_who_came_back_were_less_often_invited(campaign):
    came_back = set(load("billets").query("date_achat >= '2025-07-01'")["id_client"])
    frame = campaign.assign(revenu=campaign["id_client"].isin(came_back))
    table = selection_audit(frame, "cible", "tranche_age", outcome="revenu").table.set_index("groupe")
    returned = frame[frame["revenu"]]
    expected = returned.groupby("tranche_age", observed=True)["cible"].mean()
    assert table.loc[expected.index.astype(str), "taux_parmi_resultat"].tolist() == pytest.approx(expected.tolist())
    assert table.loc["60-74 ans", "taux_parmi_resultat"] < 0.8 * table.loc["moins de 30 ans", "taux_parmi_resultat"]


# -- the chart -------------------------------------------------------------------------------
def test_the_chart_has_one_panel_per_criterion(campaign):
    audit = selection_audit(campaign, "cible", ["genre", "tranche_age", "territoire"])
    fig = plot_selection_rates(audit)
    try:
        assert isinstance(fig, matplotlib.figure.Figure)
        assert len(fig.axes) == 3
        assert [ax.get_title() for ax in fig.axes] == ["genre", "tranche d'âge", "territoire"]
        for ax, criterion in zip(fig.axes, ["genre", "tranche_age", "territoire"]):
            rows = audit.table[audit.table["critere"] == criterion]
            assert len(ax.patches) == len(rows)
            labels = [t.get_text() for t in ax.get_yticklabels()]
            assert labels == [f"{g} ({n})" for g, n in zip(rows["groupe"], rows["effectif"])]
            widths = [p.get_width() for p in ax.patches]
            assert widths == pytest.approx((rows["taux"] * 100).tolist())
            red = [p.get_facecolor()[:3] for p, alert in zip(ax.patches, rows["alerte"]) if alert]
            assert all(c == pytest.approx(matplotlib.colors.to_rgb("#c0392b")) for c in red)
        age = fig.axes[1]
        line = [ln for ln in age.get_lines() if ln.get_linestyle() == "--"][0]
        expected = audit.table.loc[audit.table["critere"] == "tranche_age", "taux"].max() * 0.8 * 100
        assert line.get_xdata()[0] == pytest.approx(expected)
    finally:
        plt.close(fig)


def test_the_chart_can_draw_into_given_axes(people):
    audit = selection_audit(people.assign(h=people["g"]), "s", ["g", "h"])
    fig, axes = plt.subplots(2, 1)
    try:
        assert plot_selection_rates(audit, ax=axes) is fig
        assert [ax.get_title() for ax in axes] == ["g", "h"]
        colours = [p.get_facecolor()[:3] for p in axes[0].patches]
        assert colours[2] == pytest.approx(matplotlib.colors.to_rgb("#b0b0b0"))   # C, too small: grey
    finally:
        plt.close(fig)
