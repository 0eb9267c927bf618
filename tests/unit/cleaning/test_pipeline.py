"""The reference pipeline (`ia_marketing.cleaning.pipeline`): kept + set aside = input, the ground
truth restored, the quality report counted from the planted corruptions, pseudonymised columns."""

from __future__ import annotations

import pandas as pd
import pytest

from ia_marketing import cleaning as K
from ia_marketing import load
from ia_marketing.data.messy import EXTRACTION

S = pd.Series


# -- the pipeline --------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cleaned():
    raw = load("export_billetterie")
    truth = load("export_billetterie_verite")
    return raw, truth, K.clean_export(raw, today=EXTRACTION)


def test_kept_plus_set_aside_is_the_input(cleaned):
    raw, _, result = cleaned
    assert len(result.kept) + len(result.set_aside) == len(raw) == result.n_input
    assert set(result.kept.index).isdisjoint(result.set_aside.index)
    assert set(result.kept.index) | set(result.set_aside.index) == set(raw.index)
    assert result.set_aside["raison"].notna().all()
    assert result.set_aside.loc[result.set_aside["raison"].str.startswith("doublon"), "ligne_gardee"].isin(
        result.kept.index).all()
    assert "mises de côté" in result.summary()


def test_values_rejected_in_kept_rows_are_listed(cleaned):
    raw, _, result = cleaned
    problems = result.problems
    assert set(problems["probleme"]) >= {"montant négatif", "naissance dans le futur"}
    assert problems["ligne"].isin(result.kept.index).all()
    negative = problems.loc[problems["probleme"] == "montant négatif", "ligne"]
    assert result.kept.loc[negative, "montant"].isna().all()
    assert raw.loc[negative, "montant"].str.startswith("-").all()


def test_cleaning_restores_the_ground_truth(cleaned):
    raw, truth, result = cleaned
    figures = K.compare_with_truth(result, raw, truth)
    restored = figures["valeurs_restaurees"]
    for field in ("civilite", "email", "telephone", "code_postal", "date_achat"):
        assert restored[field] == 1.0, (field, restored)
    assert restored["date_naissance"] > 0.98 and restored["montant"] > 0.98
    assert restored["nom"] > 0.98 and restored["prenom"] > 0.97  # lost accents cannot come back
    assert figures["doublons_precision"] >= 0.99
    assert figures["doublons_rappel"] >= 0.97


#: Planted corruption -> the column it empties (see datasets/README.md, « export_billetterie_verite »).
EMPTIED_BY = {"email_manquant": "email", "telephone_manquant": "telephone",
              "naissance_manquante": "date_naissance", "montant_manquant": "montant"}


def _tags(truth: pd.DataFrame) -> pd.Series:
    return truth["corruptions"].fillna("").str.split("|")


def test_quality_report_counts_what_the_generator_planted(cleaned):
    """Counted from the ground truth, not recomputed: on the original rows (duplicates copy
    their original's values, approximately), a value is missing exactly where a « …_manquant »
    corruption was planted; a first name is missing exactly where a copy merged it into the
    name; the customer number is shared exactly by the exact copies; and every
    planted e-mail, phone, postcode or date corruption is repairable, so none is invalid."""
    raw, truth, _ = cleaned
    tags = _tags(truth).set_axis(raw.index)
    originals = truth["doublon_de"].fillna("").eq("").set_axis(raw.index)
    report = K.quality_report(raw[originals])
    for corruption, column in EMPTIED_BY.items():
        planted = int(tags[originals].map(lambda t, c=corruption: c in t).sum())
        assert planted > 0, corruption
        assert report.loc[column, "manquantes"] == planted, (column, report.loc[column].to_dict())
    full = K.quality_report(raw)
    # an approximate copy may write « NOM Prénom » in the name column, leaving the first name empty
    assert full.loc["prenom", "manquantes"] == int(tags.map(lambda t: "nom_prenom_ensemble" in t).sum()) > 0
    assert full.loc["numero_client", "en double"] == int((truth["type_doublon"] == "exact").sum()) == 55
    for column, corruption in (("email", "email_faute"), ("code_postal", "cp_zero_perdu")):
        assert tags.map(lambda t, c=corruption: c in t).sum() > 0  # corrupted values are there…
        assert full.loc[column, "invalides"] == 0                  # …and all of them repairable
    fig = K.plot_quality(full)
    assert "Qualité" in fig.axes[0].get_title()


def test_quality_report_counts_invalid_values_on_a_hand_built_export():
    raw = pd.DataFrame({
        "numero_client": ["1", "2", "2", "3"],
        "email": ["a@exemple.fr", "pas-une-adresse", None, "A@exemple.fr "],
        "telephone": ["06 12 34 56 78", "12", "12", None],
        "code_postal": ["6290", "75011", "123", "abcde"],
        "date_naissance": ["12/03/1980", "31/02/1980", None, "demain"],
    }, dtype="str")
    report = K.quality_report(raw)
    assert report.loc["email"].to_dict() == {"manquantes": 1, "invalides": 1, "en double": 0,
                                                  "% manquantes": 25.0}
    assert report.loc["telephone", "invalides"] == 2 and report.loc["telephone", "en double"] == 1
    assert report.loc["code_postal", "invalides"] == 2  # « 6290 » is repairable, « 123 » and « abcde » are not
    assert report.loc["date_naissance", "invalides"] == 2 and report.loc["date_naissance", "manquantes"] == 1
    assert report.loc["numero_client", "en double"] == 1 and pd.isna(report.loc["numero_client", "invalides"])


def _hand_built_case():
    """Four rows of an export, their truth and a cleaning result, all written by hand.

    Row 2 really duplicates row 0; the cleaning sets aside rows 2 and 3 as duplicates (3 wrongly)
    and keeps rows 0 and 1. Among kept rows: the e-mail of row 0 is right, the one of row 1 wrong;
    row 1 had no phone in the export (it cannot be restored) and row 0's phone is right."""
    raw = pd.DataFrame({"civilite": ["Mme", "M", "Mme", "M."], "nom": ["Roux", "Petit", "Roux", "Bon"],
                        "prenom": ["Lea", "Paul", "Lea", "Jo"],
                        "email": ["lea@x.fr", "paul@x.fr", "lea@x.fr", "jo@x.fr"],
                        "telephone": ["0612345678", None, "0612345678", "0700000000"],
                        "code_postal": ["6290", "75011", "6290", "13001"],
                        "date_naissance": ["01/02/1980", None, "01/02/1980", "03/04/1990"],
                        "date_achat": ["01/05/2026"] * 4, "montant": ["36,00", "12,50", "36,00", "-5,00"]},
                       dtype="str")
    truth = pd.DataFrame({"civilite": ["Mme", "M.", "Mme", "M."], "nom": ["Roux", "Petit", "Roux", "Bon"],
                          "prenom": ["Lea", "Paul", "Lea", "Jo"],
                          "email": ["lea@x.fr", "paul@x.fr", "lea@x.fr", "jo@x.fr"],
                          "telephone": ["+33612345678", "+33699999999", "+33612345678", "+33700000000"],
                          "code_postal": ["06290", "75011", "06290", "13001"],
                          "date_naissance": ["1980-02-01", "", "1980-02-01", "1990-04-03"],
                          "date_achat": ["2026-05-01"] * 4, "montant": ["36.00", "12.50", "36.00", "5.00"],
                          "doublon_de": ["", "", "1", ""]})
    kept = pd.DataFrame({"civilite": ["Mme", "M."], "nom": ["Roux", "Petit"], "prenom": ["Lea", "Paul"],
                         "email": ["lea@x.fr", "paul@y.fr"], "telephone": ["+33612345678", None],
                         "code_postal": ["06290", "75011"],
                         "date_naissance": pd.to_datetime(["1980-02-01", None]),
                         "date_achat": pd.to_datetime(["2026-05-01", "2026-05-01"]),
                         "montant": [36.0, 12.5]}, index=[0, 1])
    set_aside = pd.DataFrame({"raison": ["doublon exact", "doublon probable"], "ligne_gardee": [0, 0]},
                             index=[2, 3])
    result = K.CleaningResult(kept=kept, set_aside=set_aside, problems=pd.DataFrame(), n_input=4)
    return raw, truth, result


def test_compare_with_truth_on_a_hand_built_case():
    raw, truth, result = _hand_built_case()
    figures = K.compare_with_truth(result, raw, truth)
    restored, overall = figures["valeurs_restaurees"], figures["valeurs_justes_y_compris_manquantes"]
    assert restored["email"] == 0.5      # row 0 right, row 1 wrong
    assert overall["email"] == 0.5
    assert restored["telephone"] == 1.0  # only row 0 had a phone in the export, and it is right
    assert overall["telephone"] == 0.5   # row 1's phone is missing: wrong when missing values count
    assert restored["date_naissance"] == 1.0 and overall["date_naissance"] == 1.0  # row 1 has no true birth date
    assert restored["civilite"] == 1.0 and restored["montant"] == 1.0 and restored["code_postal"] == 1.0
    assert figures["doublons_trouves"] == 2 and figures["doublons_reels"] == 1
    assert figures["doublons_precision"] == 0.5  # 1 of the 2 rows set aside really is a duplicate
    assert figures["doublons_rappel"] == 1.0     # the one real duplicate was found


def test_compare_with_truth_without_any_duplicate_is_perfect_not_a_division_by_zero():
    raw, truth, result = _hand_built_case()
    truth["doublon_de"] = ""
    result.set_aside = result.set_aside.iloc[0:0]
    figures = K.compare_with_truth(result, raw, truth)
    assert figures["doublons_precision"] == 1.0 and figures["doublons_rappel"] == 1.0


def test_pseudonymise_columns(cleaned):
    _, _, result = cleaned
    kept = result.kept
    a = K.pseudonymise_columns(kept, ["email", "nom"], key="cle-secrete", drop=["telephone", "commentaire"])
    b = K.pseudonymise_columns(kept, ["email", "nom"], key="cle-secrete")
    c = K.pseudonymise_columns(kept, ["email", "nom"], key="autre-cle")
    assert "telephone" not in a.columns and "telephone" in kept.columns
    assert kept["email"].dropna().str.contains("@").all()  # the original is untouched
    assert a["email"].equals(b["email"]) and not a["email"].dropna().equals(c["email"].dropna())
    assert a["email"].isna().equals(kept["email"].isna())
    assert a["nom"].nunique() == kept["nom"].nunique()  # same value, same pseudonym
    with pytest.raises(K.ExportError, match="inconnues"):
        K.pseudonymise_columns(kept, ["mail"], key="x")


# -- any table, through a column mapping -------------------------------------------------------
_OWN = pd.DataFrame({
    "Réf": ["A1", "A2", "A3", "A4"],
    "Mail": [" Lea.Martin@Exemple.fr", "lea.martin@exemple.fr", "pas-un-mail", None],
    "Tél.": ["06 12 34 56 78", "0612345678", "+377 93 15 20 00", "12"],
    "NOM": ["MARTIN", "Martin", "Rossi", "Durand"],
    "Prénom": ["Léa", "Lea", "Marco", "Paul"],
    "Panier": ["1.234,50", "12.345", "inf", "36,00"],
    "Canal": ["web", "guichet", "web", "web"],
})
_MAP = {"Mail": "email", "Tél.": "telephone", "NOM": "nom", "Prénom": "prenom", "Panier": "montant"}


def test_clean_export_on_another_table_through_a_mapping():
    result = K.clean_export(_OWN, colonnes=_MAP)
    assert len(result.kept) + len(result.set_aside) == len(_OWN)
    assert result.set_aside["raison"].tolist() == ["doublon probable"]  # Léa Martin twice, same e-mail
    assert result.kept["Canal"].tolist() == ["web", "web", "web"]  # a column the course does not know: kept
    assert result.kept["telephone"].tolist()[:2] == ["+33612345678", "+37793152000"]
    problems = dict(zip(result.problems["colonne"] + " " + result.problems["valeur"], result.problems["probleme"]))
    assert problems["email pas-un-mail"] == "e-mail invalide"
    assert problems["montant inf"].startswith("montant non fini")
    assert "Mail" in _OWN.columns  # the original table is left as it is


def test_quality_report_on_another_table_keeps_its_names():
    report = K.quality_report(_OWN, colonnes=_MAP)
    assert list(report.index) == list(_OWN.columns)
    assert report.loc["Mail", "invalides"] == 1 and report.loc["Mail", "manquantes"] == 1
    assert report.loc["Tél.", "invalides"] == 1  # « 12 »
    assert pd.isna(report.loc["Canal", "invalides"])
    without = K.quality_report(_OWN)
    assert pd.isna(without.loc["Mail", "invalides"])  # without the mapping, no rule applies


def test_a_wrong_mapping_is_explained():
    with pytest.raises(K.ExportError, match="« courriel ».*Les noms du cours sont"):
        K.clean_export(_OWN, colonnes={"Mail": "courriel"})
    with pytest.raises(K.ExportError, match="« E-mail ».*Colonnes du tableau : Réf, Mail"):
        K.quality_report(_OWN, colonnes={"E-mail": "email"})
