"""k-anonymity and generalisation (`ia_marketing.ethics.anonymity`): k, the groups smallest first
and the rows at risk, checked against a plain `groupby().size()`; missing values as a value of
their own; the French summary; age bands at a date (birthday not yet reached), départements
(Corsica, overseas), months and years; the original table left as it was."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing import load
from ia_marketing.ethics import AGE_BANDS_10, EthicsError, age_bands, departement, generalise, k_anonymity


@pytest.fixture()
def small() -> pd.DataFrame:
    # (06000, F) ×3, (06000, M) ×1, (75001, F) ×1, (missing, F) ×2
    return pd.DataFrame({"cp": ["06000", "06000", "06000", "06000", "75001", None, None],
                         "civilite": ["Mme", "Mme", "Mme", "M.", "Mme", "Mme", "Mme"],
                         "abonne": [True, False, True, True, False, False, True]})


def test_k_is_the_smallest_group_and_groups_are_sorted_smallest_first(small):
    result = k_anonymity(small, ["cp", "civilite"], k=2)
    assert result.k == 1
    assert result.lignes == 7 and result.seuil == 2 and result.colonnes == ("cp", "civilite")
    groups = result.groupes
    assert groups["effectif"].tolist() == [1, 1, 2, 3]
    assert groups.columns.tolist() == ["cp", "civilite", "effectif"]
    assert {tuple(r) for r in groups.iloc[:2][["cp", "civilite"]].itertuples(index=False)} == {
        ("06000", "M."), ("75001", "Mme")}
    missing = groups[groups["cp"].isna()]
    assert missing["effectif"].tolist() == [2] and missing["civilite"].tolist() == ["Mme"]   # its own group
    assert result.groupes_a_risque == 2 and result.lignes_a_risque == 2
    assert not result.respecte
    assert result.resume() == (
        "Sur « cp », « civilite », le plus petit groupe compte 1 personne (k = 1). 2 combinaisons sur 4 isolent "
        "moins de 2 personnes : 2 lignes (28,6\u00a0%) sont ré-identifiables par recoupement. Généralisez "
        "(tranches, département, mois) ou retirez une colonne.")


def test_a_table_meeting_the_threshold_says_so(small):
    result = k_anonymity(small, "civilite", k=1)
    assert result.k == 1 and result.respecte
    by_gender = k_anonymity(small.iloc[:4].assign(civilite="Mme"), ["civilite"], k=3)
    assert by_gender.k == 4 and by_gender.respecte and by_gender.lignes_a_risque == 0
    assert by_gender.resume() == ("Sur « civilite », le plus petit groupe compte 4 personnes (k = 4). Chaque "
                                  "combinaison est partagée par au moins 3 lignes : le seuil est respecté.")


def test_the_default_threshold_is_five(small):
    result = k_anonymity(small, ["civilite"])
    assert result.seuil == 5
    assert result.k == 1 and result.lignes_a_risque == 1      # one « M. »; the six « Mme » are enough


_values = st.sampled_from(["a", "b", "c", None])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_values, _values, st.integers(0, 2)), min_size=1, max_size=40), st.integers(1, 6))
def test_k_anonymity_agrees_with_a_plain_groupby(rows, threshold):
    frame = pd.DataFrame(rows, columns=["x", "y", "z"])
    result = k_anonymity(frame, ["x", "y", "z"], k=threshold)
    sizes = frame.groupby(["x", "y", "z"], dropna=False).size()
    assert result.k == sizes.min()
    assert len(result.groupes) == len(sizes)
    assert result.groupes["effectif"].sum() == len(frame)
    assert result.groupes["effectif"].is_monotonic_increasing
    assert sorted(result.groupes["effectif"]) == sorted(sizes)
    assert result.lignes_a_risque == sizes[sizes < threshold].sum()
    at_risk = frame.groupby(["x", "y", "z"], dropna=False)["x"].transform("size") < threshold
    assert result.lignes_a_risque == at_risk.sum()
    assert result.respecte == (sizes.min() >= threshold)


def test_an_empty_table_has_k_zero():
    result = k_anonymity(pd.DataFrame({"cp": pd.Series([], dtype=object)}), ["cp"])
    assert result.k == 0 and result.lignes == 0 and len(result.groupes) == 0
    assert result.lignes_a_risque == 0 and not result.respecte
    assert result.resume() == "Tableau vide : rien à vérifier sur « cp »."


@pytest.mark.parametrize("k", [0, -3, 2.5, True, "5", None])
def test_a_bad_threshold_is_refused(small, k):
    with pytest.raises(EthicsError, match="Le seuil k doit être un entier supérieur ou égal à 1"):
        k_anonymity(small, ["cp"], k=k)


def test_bad_columns_are_refused(small):
    with pytest.raises(EthicsError, match="Donnez au moins une colonne"):
        k_anonymity(small, [])
    with pytest.raises(EthicsError, match="Colonne introuvable dans le tableau : « code_postal ».") as error:
        k_anonymity(small, ["code_postal", "civilite"])
    assert "« cp »" in error.value.conseil
    with pytest.raises(EthicsError, match="Colonnes introuvables"):
        k_anonymity(small, ["a", "b"])
    with pytest.raises(EthicsError, match="attend un tableau pandas"):
        k_anonymity(small.to_dict(), ["cp"])


# -- generalisation --------------------------------------------------------------------------
@pytest.mark.parametrize(("born", "band"), [
    ("1996-06-30", "30-39 ans"),          # 30th birthday on the reference day
    ("1996-07-01", "20-29 ans"),          # 30 tomorrow: still 29
    ("1996-12-31", "20-29 ans"),
    ("2006-06-30", "20-29 ans"),
    ("2006-07-01", "moins de 20 ans"),
    ("2020-01-01", "moins de 20 ans"),
    ("1977-01-15", "40-49 ans"),
    ("1946-06-30", "80 ans et plus"),
    ("1930-02-28", "80 ans et plus"),
])
def test_age_bands_at_a_date(born, band):
    assert age_bands(pd.Series([pd.Timestamp(born)]), "2026-06-30").tolist() == [band]


def test_age_bands_leave_missing_and_future_dates_missing():
    out = age_bands(pd.Series([pd.NaT, pd.Timestamp("2030-01-01"), "pas une date"], index=[5, 6, 7]), "2026-06-30")
    assert out.index.tolist() == [5, 6, 7]
    assert out.isna().all()
    assert [label for _, label in AGE_BANDS_10][0] == "moins de 20 ans"


@pytest.mark.parametrize(("postcode", "dept"), [
    ("06290", "06"), ("75001", "75"), ("01000", "01"), ("13008", "13"), (" 06100 ", "06"),
    ("20000", "2A"), ("20090", "2A"), ("20167", "2A"), ("20199", "2A"),      # Corse-du-Sud
    ("20200", "2B"), ("20250", "2B"), ("20600", "2B"),                       # Haute-Corse
    ("97100", "971"), ("97200", "972"), ("97300", "973"), ("97400", "974"), ("97600", "976"),
    ("6290", "06"),                      # a postcode read as a number gets its zero back
])
def test_departement_of_a_postcode(postcode, dept):
    assert departement(pd.Series([postcode])).tolist() == [dept]


@pytest.mark.parametrize("postcode", ["abcde", "062900", "0629", "", "06 290", "2A004", None])
def test_an_invalid_postcode_becomes_missing(postcode):
    out = departement(pd.Series([postcode], dtype=object))
    assert out.isna().all()


def test_generalise_coarsens_a_copy_and_keeps_the_original():
    frame = pd.DataFrame({
        "date_naissance": pd.to_datetime(["1996-07-01", "1985-03-02", None]),
        "code_postal": ["20090", "97411", "abc"],
        "date_achat": pd.to_datetime(["2025-03-14", "2025-12-01", None]),
        "annee_achat": pd.to_datetime(["2025-03-14", "2024-12-01", "2023-05-05"]),
        "email": ["a@x.example", "b@x.example", "c@x.example"],
        "abonne": [True, False, True],
    })
    before = frame.copy(deep=True)
    out = generalise(frame, {"date_naissance": "tranche_age", "code_postal": "departement", "date_achat": "mois",
                             "annee_achat": "annee", "email": "supprimer"}, at="2026-06-30")
    pd.testing.assert_frame_equal(frame, before)
    assert out is not frame
    assert out.columns.tolist() == ["date_naissance", "code_postal", "date_achat", "annee_achat", "abonne"]
    assert out["date_naissance"].tolist()[:2] == ["20-29 ans", "40-49 ans"] and pd.isna(out["date_naissance"].iloc[2])
    assert out["code_postal"].tolist()[:2] == ["2A", "974"] and pd.isna(out["code_postal"].iloc[2])
    assert out["date_achat"].tolist()[:2] == ["2025-03", "2025-12"] and pd.isna(out["date_achat"].iloc[2])
    assert out["annee_achat"].tolist() == ["2025", "2024", "2023"]
    assert out["abonne"].tolist() == [True, False, True]


def test_generalise_refuses_bad_rules():
    frame = pd.DataFrame({"date_naissance": pd.to_datetime(["1990-01-01"]), "cp": ["06000"]})
    with pytest.raises(EthicsError, match="donnez la date de référence"):
        generalise(frame, {"date_naissance": "tranche_age"})
    with pytest.raises(EthicsError, match="Généralisation inconnue pour « cp » : « region »"):
        generalise(frame, {"cp": "region"})
    with pytest.raises(EthicsError, match="Colonne introuvable.*« code_postal »"):
        generalise(frame, {"code_postal": "departement"})


def test_generalising_the_customer_file_raises_k():
    people = load("spectateurs")
    columns = ["code_postal", "date_naissance", "civilite"]
    raw = k_anonymity(people, columns)
    assert raw.k == people.groupby(columns, dropna=False).size().min() == 1
    assert raw.lignes_a_risque > 0.5 * len(people)       # nearly everyone is unique on these three
    coarse = generalise(people, {"code_postal": "departement", "date_naissance": "tranche_age"}, at="2026-07-01")
    after = k_anonymity(coarse, columns)
    sizes = coarse.groupby(columns, dropna=False).size()
    assert after.k == sizes.min() and after.lignes_a_risque == sizes[sizes < 5].sum()
    assert after.lignes_a_risque < raw.lignes_a_risque / 10
    assert len(after.groupes) < len(raw.groupes)
