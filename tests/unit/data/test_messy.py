"""The messy export of module 03 and its ground truth."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest

from ia_marketing import load
from ia_marketing.data import dataset_path
from ia_marketing.data.messy import EXPORT_COLUMNS, EXTRACTION, TRUTH_COLUMNS, generate_messy_export
from ia_marketing.privacy import find_personal_data


@pytest.fixture(scope="module")
def export():
    raw = dataset_path("export_billetterie").read_bytes()
    rows = list(csv.reader(io.StringIO(raw.decode("cp1252"), newline=""), delimiter=";"))
    truth = load("export_billetterie_verite")
    return raw, rows[0], rows[1:], truth


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path):
    a = generate_messy_export(tmp_path / "a", rows=300, seed=5)
    b = generate_messy_export(tmp_path / "b", rows=300, seed=5)
    c = generate_messy_export(tmp_path / "c", rows=300, seed=6)
    assert a["export"].read_bytes() == b["export"].read_bytes()
    assert a["verite"].read_bytes() == b["verite"].read_bytes()
    assert a["export"].read_bytes() != c["export"].read_bytes()


def test_it_looks_like_a_windows_export(export):
    raw, header, rows, truth = export
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # accents in Windows-1252
    assert b"\r\n" in raw
    assert header == EXPORT_COLUMNS
    assert len(rows) == len(truth) == 2000
    assert list(truth.columns) == TRUTH_COLUMNS
    assert all(len(r) == len(EXPORT_COLUMNS) for r in rows)
    assert any("," in r[10] for r in rows)  # decimal comma


def test_every_planted_problem_is_there(export):
    _, _, rows, truth = export
    flags = truth["corruptions"].fillna("").str.split("|").explode().value_counts()
    for problem in ["civilite_variante", "nom_casse", "accents_perdus", "accents_doubles", "email_casse",
                    "email_espaces", "email_faute", "email_manquant", "telephone_manquant", "cp_zero_perdu",
                    "naissance_manquante", "naissance_future", "montant_negatif", "montant_manquant",
                    "commentaire_donnees_perso", "doublon_exact", "doublon_approche", "nom_prenom_ensemble"]:
        assert flags.get(problem, 0) > 0, problem


def test_ground_truth_describes_each_corruption(export):
    _, _, rows, truth = export
    export_df = pd.DataFrame(rows, columns=EXPORT_COLUMNS)
    flags = truth["corruptions"].fillna("")
    lost_zero = flags.str.contains("cp_zero_perdu")
    assert (export_df.loc[lost_zero, "Code postal"] == truth.loc[lost_zero, "code_postal"].str[1:]).all()
    assert (truth["code_postal"].str.len() == 5).all()
    assert truth["telephone"].str.fullmatch(r"\+33[1-9]\d{8}").all()
    negative = flags.str.contains("montant_negatif")
    assert export_df.loc[negative, "Montant dernier achat"].str.startswith("-").all()
    missing_email = flags.str.contains("email_manquant")
    assert (export_df.loc[missing_email, "E-mail"] == "").all()
    assert truth.loc[missing_email, "email"].notna().all()  # the truth still knows it
    future = flags.str.contains("naissance_future")
    years = export_df.loc[future, "Date de naissance"].str.extract(r"(\d{4})")[0].dropna().astype(int)
    assert (years > EXTRACTION.year).all() and len(years) > 0
    doubled = flags.str.contains("accents_doubles")
    assert export_df.loc[doubled, ["Nom", "Prénom"]].apply(lambda r: "Ã" in "".join(r) or "ã" in "".join(r),
                                                           axis=1).any()


def test_duplicates_point_to_an_earlier_row_of_the_same_person(export):
    _, _, rows, truth = export
    dup = truth[truth["doublon_de"].notna()]
    assert len(dup) == 160
    first = truth.set_index("ligne")
    for _, row in dup.iterrows():
        original = first.loc[row["doublon_de"]]
        assert int(row["doublon_de"]) < int(row["ligne"])
        assert original["id_personne"] == row["id_personne"]
        assert pd.isna(original["doublon_de"])
    exact = dup[dup["type_doublon"] == "exact"]
    for _, row in exact.iterrows():
        assert rows[int(row["ligne"]) - 1] == rows[int(row["doublon_de"]) - 1]
    fuzzy = dup[dup["type_doublon"] == "approché"]
    assert all(rows[int(r["ligne"]) - 1][0] != rows[int(r["doublon_de"]) - 1][0] for _, r in fuzzy.iterrows())
    # every person appears once without being a duplicate
    assert truth.loc[truth["doublon_de"].isna(), "id_personne"].is_unique


def test_comments_hold_personal_data_the_guard_finds(export):
    _, _, rows, truth = export
    personal = truth["corruptions"].fillna("").str.contains("commentaire_donnees_perso")
    comments = [rows[i][11] for i in truth.index[personal]]
    assert comments and all(find_personal_data(c, known_names=()) for c in comments)


def test_bad_size_is_refused_in_french(tmp_path):
    with pytest.raises(ValueError, match="nombre de lignes"):
        generate_messy_export(tmp_path, rows=0)
    assert not list(tmp_path.iterdir())


def test_truth_dates_are_real_and_before_the_export(export):
    truth = export[3]
    births = pd.to_datetime(truth["date_naissance"], format="%Y-%m-%d")
    assert (births < pd.Timestamp(EXTRACTION)).all()
    assert (pd.to_datetime(truth["date_achat"]) <= pd.Timestamp(date(2026, 6, 30))).all()


def test_the_export_day_is_the_world_s_one_constant():
    from ia_marketing.data import EXTRACTION_DATE, world

    assert EXTRACTION is world.EXTRACTION
    assert EXTRACTION == EXTRACTION_DATE.item() == date(2026, 7, 1)
    assert pd.Timestamp(EXTRACTION_DATE) == pd.Timestamp(EXTRACTION)


@pytest.mark.parametrize("born, shown", [
    (date(1987, 5, 14), date(2087, 5, 14)),
    (date(1996, 2, 29), date(2096, 2, 29)),  # 2096 is a leap year: the 29th stays
    (date(2000, 2, 29), date(2100, 2, 28)),  # 2100 is not: the 28th (the 500 000-row export crashed here)
])
def test_a_century_typo_gives_a_real_date_a_century_later(born, shown):
    from ia_marketing.data.messy import century_typo

    assert century_typo(born) == shown
