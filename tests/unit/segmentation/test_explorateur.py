"""The segmentation explorer, driven from Python as a learner drives it with the mouse: setting a
widget's ``value`` runs the same handlers as typing in JupyterLab (tests/browser/ checks the page).
Expected figures come from the package's own functions run here on the course data."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

from ia_marketing.data import EXTRACTION_DATE
from ia_marketing.segmentation import (
    assign_segments,
    choose_k,
    kmeans_clusters,
    prepare_features,
    rfm,
    rfm_scores,
    segment_rules,
)
from ia_marketing.segmentation.explorateur import (
    FEATURES,
    ExplorateurSegments,
    explorateur_segments,
    silhouette_reading,
)

KEYS = dict(customer="id_client", date="date_achat", amount="prix")


@pytest.fixture
def explorer(course) -> ExplorateurSegments:
    billets, spectateurs, spectacles = course.billets, course.spectateurs, course.spectacles
    return explorateur_segments(billets, spectateurs, spectacles=spectacles, at=str(EXTRACTION_DATE)).explorateur


def _text(value: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", value.replace("<br>", "\n")))


def _rows(table_html: str) -> dict[str, list[str]]:
    """First cell -> the other cells, for each body row of an HTML table."""
    out = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table_html.split("<tbody>", 1)[1], flags=re.S):
        cells = [_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
        out[cells[0]] = cells[1:]
    return out


def _groups(table_html: str) -> dict[str, list[str]]:
    """Group (a column of the persona table) -> its cells, top to bottom."""
    names = [_text(h).strip() for h in re.findall(r"<th>(.*?)</th>", table_html.split("</thead>", 1)[0])][1:]
    rows = [[_text(c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", table_html.split("<tbody>", 1)[1], flags=re.S)]
    return {name: [row[i] for row in rows] for i, name in enumerate(names)}


def _count(cell: str) -> int:
    return int(re.sub(r"\D", "", cell))


def _rule(explorer: ExplorateurSegments, name: str) -> dict:
    return next(row for row in explorer.rule_rows if row["segment"].value == name)


# -- the default: course data, both tabs filled ------------------------------------------------
def test_default_explorer_shows_the_course_segments_and_groups(course):
    widget = explorateur_segments()
    explorer = widget.explorateur
    assert "ia-explorateur-segments" in widget._dom_classes
    assert list(explorer.tabs.titles) == ["Segments RFM", "Groupes (k-means)"]
    assert "3 000 spectateurs" in _text(widget.children[0].value).replace("\u202f", " ")
    assert "01/07/2026" in widget.children[0].value
    # the segments shown are those of the package's rules on the course's scores
    expected = assign_segments(rfm_scores(course.table)).value_counts()
    shown = _rows(explorer.rfm_table.value)
    assert [r["segment"].value for r in explorer.rule_rows] == list(segment_rules()["segment"])
    for name, n in expected.items():
        assert _count(shown[name][0]) == n, name
    assert _count(shown["autres"][0]) == 0
    # k-means: four groups by default on récence, fréquence, montant; a persona row per group
    assert explorer.k.value == 4 and explorer.features() == ["recence", "frequence", "montant"]
    personas = _groups(explorer.groups_table.value)
    assert list(personas) == ["groupe 1", "groupe 2", "groupe 3", "groupe 4"]
    assert sum(_count(cells[0]) for cells in personas.values()) == 3000
    assert all("théâtre" in cells[5] for cells in personas.values())      # favourite disciplines
    assert "Silhouette 0,44" in explorer.silhouette_html.value


def test_every_offered_feature_has_a_french_checkbox(explorer):
    assert set(explorer.feature_boxes) == set(FEATURES)                  # the course knows birth dates
    assert explorer.feature_boxes["age"].description == "âge"
    assert explorer.table["age"].between(18, 91).all()


# -- tab 1: the rules ------------------------------------------------------------------------
def test_loosening_a_rule_moves_spectators_and_updates_table_and_chart(explorer, course):
    before = _rows(explorer.rfm_table.value)
    _rule(explorer, "champions")["R_min"].value = 3
    after = _rows(explorer.rfm_table.value)
    rules = segment_rules()
    rules.loc[rules["segment"] == "champions", "R_min"] = 3
    expected = assign_segments(rfm_scores(course.table), rules).value_counts()
    assert _count(after["champions"][0]) == expected["champions"] > _count(before["champions"][0])
    assert _count(after["fidèles"][0]) == expected["fidèles"] < _count(before["fidèles"][0])
    assert sum(_count(cells[0]) for cells in after.values()) == 3000
    bars = explorer.figures["segments"].axes[0].patches
    assert [round(b.get_width()) for b in bars][0] == expected["champions"]
    assert explorer.timings["segments"] < 5


def test_a_bad_rule_is_explained_in_red_and_the_last_good_result_stays(explorer):
    _rule(explorer, "fidèles")["F_min"].value = 2
    good_table, good_segments = explorer.rfm_table.value, explorer.segments.copy()
    good_figure = explorer.figures["segments"]
    _rule(explorer, "fidèles")["F_max"].value = 1                      # F_min 2 > F_max 1
    message = _text(explorer.rfm_message.value)
    assert "ia-erreur" in explorer.rfm_message.value
    assert "fidèles" in message and "F_min" in message and "F_max" in message
    assert "dernières règles valides" in message
    assert explorer.rfm_table.value == good_table and explorer.figures["segments"] is good_figure
    assert explorer.segments.equals(good_segments)
    _rule(explorer, "fidèles")["F_max"].value = 6                      # beyond the scores 1–5
    assert "≤ 5" in _text(explorer.rfm_message.value)
    _rule(explorer, "fidèles")["F_max"].value = 5                      # fixed: the error goes
    assert "ia-erreur" not in explorer.rfm_message.value


def test_an_empty_segment_name_is_refused(explorer):
    explorer.rule_rows[2]["segment"].value = "  "
    message = _text(explorer.rfm_message.value)
    assert "ia-erreur" in explorer.rfm_message.value and "Règle 3" in message and "nom" in message


def test_unticking_rules_sends_spectators_to_the_next_rule_or_to_autres(explorer, course):
    _rule(explorer, "nouveaux")["actif"].value = False
    rules = segment_rules().query("segment != 'nouveaux'")
    expected = assign_segments(rfm_scores(course.table), rules).value_counts()
    shown = _rows(explorer.rfm_table.value)
    assert "nouveaux" not in shown
    assert _count(shown["prometteurs"][0]) == expected["prometteurs"] > 361
    for row in explorer.rule_rows:
        row["actif"].value = False
    shown = _rows(explorer.rfm_table.value)
    assert list(shown) == ["autres"] and _count(shown["autres"][0]) == 3000
    assert "aucune règle" in _text(explorer.rfm_message.value)


def test_renaming_and_resetting_the_rules(explorer):
    _rule(explorer, "perdus")["segment"].value = "à réactiver"          # two rules, one segment
    shown = _rows(explorer.rfm_table.value)
    assert "perdus" not in shown and _count(shown["à réactiver"][0]) == 323 + 518
    explorer.rule_rows[0]["M_min"].value = 9
    explorer.reset_rules.click()
    assert [r["segment"].value for r in explorer.rule_rows] == list(segment_rules()["segment"])
    assert "ia-erreur" not in explorer.rfm_message.value
    assert _count(_rows(explorer.rfm_table.value)["perdus"][0]) == 518


# -- tab 2: k-means -----------------------------------------------------------------------------
def test_moving_k_changes_groups_personas_chart_and_silhouette(explorer, course):
    features = prepare_features(course.table)
    expected = choose_k(features, [2, 6]).loc[:, "silhouette"]
    explorer.k.value = 6
    personas = _groups(explorer.groups_table.value)
    sizes = kmeans_clusters(features, 6).sizes.tolist()
    assert [_count(cells[0]) for cells in personas.values()] == sizes
    assert explorer.silhouette == pytest.approx(expected[6])
    assert silhouette_reading(expected[6]).split(" — ")[0] in _text(explorer.silhouette_html.value)
    assert len(explorer.figures["groupes"].axes[0].patches) == 6
    explorer.k.value = 2
    assert len(_groups(explorer.groups_table.value)) == 2
    assert explorer.silhouette == pytest.approx(expected[2])
    assert explorer.timings["groupes"] < 10


def test_changing_features_reclusters_and_says_what_was_logged(explorer, course):
    first = explorer.clusters.labels.copy()
    assert "fréquence, montant" in _text(explorer.groups_message.value)  # logged: long right tails
    explorer.feature_boxes["montant"].value = False
    explorer.feature_boxes["age"].value = True
    assert explorer.features() == ["recence", "frequence", "age"]
    assert not explorer.clusters.labels.equals(first)
    heatmap = explorer.figures["groupes"].axes[1]
    assert [t.get_text() for t in heatmap.get_xticklabels()] == ["récence", "fréquence", "âge"]
    ages = _groups(explorer.groups_table.value)
    assert len({cells[7] for cells in ages.values()}) > 1               # median ages now differ by group


def test_no_feature_ticked_is_explained_and_the_last_groups_stay(explorer):
    good = explorer.groups_table.value
    for box in explorer.feature_boxes.values():
        box.value = False
    message = _text(explorer.groups_message.value)
    assert "ia-erreur" in explorer.groups_message.value and "Cochez au moins une variable" in message
    assert explorer.groups_table.value != "" and explorer.clusters is not None
    explorer.feature_boxes["recence"].value = True
    assert "ia-erreur" not in explorer.groups_message.value and explorer.groups_table.value != good


@pytest.mark.parametrize("value, words", [(0.80, "forte"), (0.71, "forte"), (0.70, "raisonnable"),
                                          (0.51, "raisonnable"), (0.50, "faible, peut-être artificielle"),
                                          (0.44, "faible, peut-être artificielle"), (0.25, "absente"),
                                          (0.10, "absente"), (float("nan"), "incalculable")])
def test_silhouette_reading_in_plain_french(value, words):
    text = silhouette_reading(value)
    assert words in text
    if np.isfinite(value):
        assert text.startswith(f"Silhouette {str(value).replace('.', ',')}")
        assert ("forte" in text) == (value > 0.7)


# -- any transactions table ----------------------------------------------------------------------
def test_a_retail_export_without_customer_tables_shows_the_rfm_summary_per_group():
    rng = np.random.default_rng(3)
    n = 600
    retail = pd.DataFrame({"Invoice": [f"{500 + i // 3}" for i in range(n)],
                           "Customer ID": [f"{12000 + rng.integers(0, 120)}" for _ in range(n)],
                           "InvoiceDate": [f"{d.day}/{d.month}/2024" for d in
                                           pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 300, n), "D")],
                           "Amount": rng.gamma(2.0, 20.0, n).round(2)})
    retail.loc[::50, "Amount"] = -5.0                                   # returns are set aside
    widget = explorateur_segments(retail, customer="Customer ID", date="InvoiceDate", amount="Amount",
                                  order="Invoice", at="2024-11-01")
    explorer = widget.explorateur
    assert "age" not in explorer.feature_boxes
    assert "clients" in _text(widget.children[0].value) and "spectateurs" not in _text(widget.children[0].value)
    customers = len(rfm(retail, customer="Customer ID", date="InvoiceDate", amount="Amount", order="Invoice",
                        at="2024-11-01").table)
    assert customers > 100
    groups = _groups(explorer.groups_table.value)
    assert sum(_count(cells[0]) for cells in groups.values()) == customers
    assert "chiffre d'affaires" in _text(explorer.groups_table.value)
    assert sum(_count(cells[0]) for cells in _rows(explorer.rfm_table.value).values()) == customers


def test_unusable_transactions_give_a_french_message_not_a_traceback(course):
    widget = explorateur_segments(course.billets.drop(columns="prix"))
    assert not hasattr(widget, "explorateur")
    message = _text(widget.children[0].value)
    assert "ia-erreur" in widget.children[0].value and "« prix »" in message and "Colonnes disponibles" in message
