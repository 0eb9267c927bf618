"""`read_export` on files a venue really brings: other columns, spreadsheets, UTF-16, damaged rows,
title lines, binary files. Every file is built by the test; every case checks the French message
(what is wrong, what to do) and that rows read = rows kept + rows set aside."""

from __future__ import annotations

import random

import pandas as pd
import pytest

from ia_marketing import cleaning as K
from ia_marketing.data import dataset_path

# A ministry-style attendance table: other columns than the course's, « ; », UTF-8.
HEADER = "Région;Département;Commune;Code postal;Année;Fréquentation;Équipement"
ROWS = [
    "Bretagne;Finistère;Brest;29200;2023;41250;Le Quartz",
    "Pays de la Loire;Vendée;Les Sables-d'Olonne;85100;2023;8120;Le Manège",
    "Provence-Alpes-Côte d'Azur;Alpes-Maritimes;Nice;06000;2023;65400;Théâtre national de Nice",
    "Occitanie;Hérault;Montpellier;34000;2023;30210;Le Corum",
    "Bourgogne-Franche-Comté;Doubs;Besançon;25000;2023;12800;Les 2 Scènes",
]


def _csv(tmp_path, name="frequentation.csv", lines=None, encoding="utf-8", end="\n"):
    path = tmp_path / name
    path.write_bytes(("\n".join([HEADER, *(ROWS if lines is None else lines)]) + end).encode(encoding))
    return path


def _balanced(table):
    a = table.attrs
    return a["lignes lues"] == a["lignes gardées"] + len(a["lignes écartées"]) == len(table) + len(K.set_aside_rows(table))


def _frame():
    return pd.DataFrame([r.split(";") for r in ROWS], columns=HEADER.split(";"))


# -- any table, columns as written -------------------------------------------------------------
def test_another_export_is_read_with_its_own_columns(tmp_path):
    table = K.read_export(_csv(tmp_path))
    assert list(table.columns) == HEADER.split(";")
    assert table["Code postal"].tolist()[2] == "06000"  # text: the leading zero stays
    assert len(table) == 5 and _balanced(table)
    assert "5 lignes lues sous l'en-tête = 5 gardées + 0 mise de côté" in K.reading_report(table)


def test_the_course_columns_are_a_preset_asked_for_explicitly(tmp_path):
    with pytest.raises(K.ExportError) as err:
        K.read_export(_csv(tmp_path), colonnes="billetterie")
    assert "Colonnes manquantes" in str(err.value) and "colonnes=None" in str(err.value)
    course = K.read_export(dataset_path("export_billetterie"), colonnes="billetterie")
    assert list(course.columns) == list(K.EXPECTED_COLUMNS.values())
    with pytest.raises(K.ExportError, match="« billeterie » inconnu.*« billetterie »"):
        K.read_export(_csv(tmp_path), colonnes="billeterie")


def test_a_mapping_requires_and_renames_columns(tmp_path):
    table = K.read_export(_csv(tmp_path), colonnes={"Commune": "ville", "Code postal": "code_postal"})
    assert {"ville", "code_postal", "Région"} <= set(table.columns)
    with pytest.raises(K.ExportError, match="« Mail »"):
        K.read_export(_csv(tmp_path), colonnes={"Mail": "email"})


# -- spreadsheets ------------------------------------------------------------------------------
@pytest.mark.parametrize("engine, suffix", [("openpyxl", ".xlsx"), ("odf", ".ods")])
def test_a_workbook_is_read_as_text(tmp_path, engine, suffix):
    path = tmp_path / f"frequentation{suffix}"
    _frame().to_excel(path, index=False, engine=engine)
    table = K.read_export(path)
    assert table.equals(K.read_export(_csv(tmp_path)))
    assert table.attrs["avertissements"] == [] and _balanced(table)


def test_reading_a_workbook_leaves_no_file_open(tmp_path):
    import gc
    import warnings

    path = tmp_path / "frequentation.xlsx"
    _frame().to_excel(path, index=False, engine="openpyxl")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        K.read_export(path)
        with pytest.raises(K.ExportError, match="Pas de feuille"):
            K.read_export(path, feuille="Absente")
        gc.collect()
    assert not [w for w in caught if issubclass(w.category, ResourceWarning)]


def test_an_excel_file_renamed_csv_is_read_and_named(tmp_path):
    path = tmp_path / "frequentation.csv"
    _frame().to_excel(path, index=False, engine="openpyxl")
    table = K.read_export(path)
    assert table["Commune"].tolist()[1] == "Les Sables-d'Olonne"
    assert any("classeur Excel (.xlsx) enregistré sous un nom en « .csv »" in w for w in table.attrs["avertissements"])


def test_a_workbook_with_a_title_row_and_numbers_typed_as_numbers(tmp_path):
    path = tmp_path / "stats.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame = _frame().assign(Année=2023, Fréquentation=[41250, 8120, 65400, 30210, 12800.5])
        frame.to_excel(writer, index=False, startrow=2, sheet_name="2023")
        frame.head(1).to_excel(writer, index=False, sheet_name="2022")
        pd.DataFrame({"Fréquentation des lieux, 2023": []}).to_excel(writer, index=False, sheet_name="2023",
                                                                      startrow=0)
    table = K.read_export(path)
    assert table["Année"].tolist() == ["2023"] * 5  # not « 2023.0 »
    assert table["Fréquentation"].tolist()[-1] == "12800.5"
    warnings = " ".join(table.attrs["avertissements"])
    assert "2 feuilles" in warnings and "feuille=\"2022\"" in warnings
    assert "au-dessus de l'en-tête" in warnings and _balanced(table)
    assert len(K.read_export(path, feuille="2022")) == 1
    with pytest.raises(K.ExportError, match="Pas de feuille « 2024 ».*« 2023 », « 2022 »"):
        K.read_export(path, feuille="2024")


# -- encodings ---------------------------------------------------------------------------------
def test_utf16_tab_separated_text_from_excel(tmp_path):
    path = tmp_path / "texte_unicode.txt"
    lines = [HEADER.replace(";", "\t"), *(r.replace(";", "\t") for r in ROWS)]
    path.write_bytes("\r\n".join(lines).encode("utf-16"))  # with its byte-order mark, as Excel writes it
    table = K.read_export(path)
    assert len(table) == 5 and table.attrs["séparateur"] == "\t"
    assert not table.apply(lambda c: c.str.contains("\x00", na=False)).any().any()
    assert table.equals(K.read_export(_csv(tmp_path)))
    assert any("UTF-16" in w for w in table.attrs["avertissements"])


def test_utf16_without_byte_order_mark(tmp_path):
    path = tmp_path / "sans_bom.csv"
    path.write_bytes("\n".join([HEADER, *ROWS]).encode("utf-16-le"))
    assert K.read_export(path).equals(K.read_export(_csv(tmp_path)))


# -- damaged rows: set aside, never dropped ----------------------------------------------------
def test_a_row_with_an_extra_separator_is_set_aside_with_its_line(tmp_path):
    lines = list(ROWS)
    lines[2] = "Provence-Alpes-Côte d'Azur;Alpes-Maritimes;Nice;06000;2023;65400;Théâtre; national"
    table = K.read_export(_csv(tmp_path, lines=lines))
    aside = K.set_aside_rows(table)
    assert len(table) == 4 and aside["ligne"].tolist() == [4]
    assert aside["texte"].iloc[0] == lines[2]
    assert "8 champs au lieu de 7" in aside["raison"].iloc[0] and "guillemets" in aside["raison"].iloc[0]
    assert _balanced(table) and "ligne 4" in K.reading_report(table)


def test_a_row_with_too_few_fields_is_set_aside(tmp_path):
    lines = list(ROWS)
    lines[0] = "Bretagne;Finistère;Brest;29200"
    aside = K.set_aside_rows(K.read_export(_csv(tmp_path, lines=lines)))
    assert aside["ligne"].tolist() == [2] and "4 champs au lieu de 7" in aside["raison"].iloc[0]


def test_a_truncated_last_line_is_set_aside_not_kept_with_cut_values(tmp_path):
    lines = [*ROWS[:-1], "Bourgogne-Franche-Comté;Doubs;Besan"]
    table = K.read_export(_csv(tmp_path, lines=lines, end=""))
    aside = K.set_aside_rows(table)
    assert len(table) == 4 and aside["ligne"].tolist() == [6]
    assert aside["raison"].iloc[0].startswith("dernière ligne coupée (3 champs sur 7)")
    assert "refaites l'export" in aside["raison"].iloc[0] and _balanced(table)


def test_a_file_cut_inside_a_quoted_field(tmp_path):
    lines = [*ROWS[:-1], 'Bourgogne-Franche-Comté;Doubs;Besançon;25000;2023;12800;"Les 2 Sc']
    table = K.read_export(_csv(tmp_path, lines=lines, end=""))
    aside = K.set_aside_rows(table)
    assert len(table) == 4 and aside["ligne"].tolist() == [6]
    assert "guillemet jamais refermé" in aside["raison"].iloc[0] and _balanced(table)


def test_a_stray_quote_does_not_swallow_the_rows_after_it(tmp_path):
    lines = list(ROWS)
    lines[1] = 'Pays de la Loire;Vendée;"Les Sables;85100;2023;8120;Le Manège'
    table = K.read_export(_csv(tmp_path, lines=lines))
    aside = K.set_aside_rows(table)
    assert aside["ligne"].tolist() == [3] and "guillemet" in aside["raison"].iloc[0]
    assert table["Commune"].tolist() == ["Brest", "Nice", "Montpellier", "Besançon"] and _balanced(table)


def test_a_quoted_value_over_two_lines_is_one_row(tmp_path):
    lines = [*ROWS, 'Normandie;Calvados;Caen;14000;2023;9000;"Le Cargö\nsalle de concerts"']
    table = K.read_export(_csv(tmp_path, lines=lines))
    assert len(table) == 6 and table["Équipement"].iloc[-1] == "Le Cargö\nsalle de concerts" and _balanced(table)


def test_blank_lines_are_counted(tmp_path):
    table = K.read_export(_csv(tmp_path, lines=[ROWS[0], "", ROWS[1], ";;;;;;", ROWS[2]]))
    assert len(table) == 3
    assert K.set_aside_rows(table)["raison"].tolist() == ["ligne vide", "ligne vide"] and _balanced(table)


# -- title lines, binary files -----------------------------------------------------------------
def test_title_and_blank_lines_above_the_header_are_skipped_and_said(tmp_path):
    path = tmp_path / "avec_titre.csv"
    path.write_text("Fréquentation des équipements culturels — extraction du 12/03/2026\n\n"
                    + "\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    table = K.read_export(path)
    assert table.equals(K.read_export(_csv(tmp_path)))
    warning = " ".join(table.attrs["avertissements"])
    assert "2 lignes au-dessus de l'en-tête ont été sautées" in warning and "lignes_avant_entete" in warning
    assert table.attrs["lignes avant l'en-tête"] == 2
    forced = K.read_export(path, lignes_avant_entete=0)  # the user says the title is the header
    assert list(forced.columns) == ["Fréquentation des équipements culturels — extraction du 12/03/2026"]


@pytest.mark.parametrize("content, what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "une image PNG"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 4, "un document PDF"),
    (random.Random(7).randbytes(5000), "fichier binaire"),
])
def test_a_binary_file_is_refused_with_what_it_is(tmp_path, content, what):
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(K.ExportError) as err:
        K.read_export(path)
    assert what in str(err.value) and "CSV" in str(err.value)


def test_a_wrong_separator_given_by_hand_names_the_right_one(tmp_path):
    with pytest.raises(K.ExportError, match="n.est pas « , ».*essayez sep=\";\""):
        K.read_export(_csv(tmp_path), sep=",")


def test_the_fast_and_the_careful_paths_agree(tmp_path):
    # One stray quote sends the file down the careful path: the other rows come out the same.
    lines = [*ROWS, 'Normandie;Calvados;Caen;14000;2023;9000;Le "Cargö']
    careful = K.read_export(_csv(tmp_path, lines=lines))
    fast = K.read_export(_csv(tmp_path, name="b.csv"))
    assert careful.head(5).equals(fast) and len(K.set_aside_rows(careful)) == 1
