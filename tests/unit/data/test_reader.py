"""Reading the export (`ia_marketing.cleaning.reader`): encodings, separators, bad input, nothing
modified."""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest

from ia_marketing import cleaning as K
from ia_marketing import load
from ia_marketing.data import dataset_path
from ia_marketing.data.messy import EXTRACTION

S = pd.Series


# -- reading: bad input ------------------------------------------------------------------------
def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reading_the_export_guesses_encoding_and_separator():
    raw = K.read_export(dataset_path("export_billetterie"), colonnes="billetterie")
    assert raw.attrs["encodage"] == "cp1252" and raw.attrs["séparateur"] == ";"
    assert list(raw.columns) == list(K.EXPECTED_COLUMNS.values())
    assert len(raw) == 2000
    assert raw["code_postal"].str.len().min() == 4  # read as text: the lost zeros are visible, not worse


def test_the_original_file_is_never_modified():
    path = dataset_path("export_billetterie")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    K.clean_export(K.read_export(path, colonnes="billetterie"), today=EXTRACTION)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_empty_file(tmp_path):
    with pytest.raises(K.ExportError, match="vide"):
        K.read_export(_write(tmp_path, "vide.csv", b"  \n"))


def test_missing_file(tmp_path):
    with pytest.raises(K.ExportError, match="n'existe pas"):
        K.read_export(tmp_path / "absent.csv")


def test_wrong_separator_is_named(tmp_path):
    path = _write(tmp_path, "export.csv", dataset_path("export_billetterie").read_bytes())
    with pytest.raises(K.ExportError, match="séparateur.*sep=\";\""):
        K.read_export(path, sep=",")


def test_wrong_encoding_is_named(tmp_path):
    path = _write(tmp_path, "export.csv", dataset_path("export_billetterie").read_bytes())
    with pytest.raises(K.ExportError, match="cp1252"):
        K.read_export(path, encoding="utf-8")


def test_utf8_export_is_read_too(tmp_path):
    text = dataset_path("export_billetterie").read_bytes().decode("cp1252")
    raw = K.read_export(_write(tmp_path, "utf8.csv", text.encode("utf-8")), colonnes="billetterie")
    assert raw.attrs["encodage"] == "utf-8"
    assert raw.equals(K.read_export(dataset_path("export_billetterie"), colonnes="billetterie"))


def test_missing_column_is_named(tmp_path):
    text = dataset_path("export_billetterie").read_bytes().decode("cp1252")
    broken = text.replace("Code postal", "CP", 1)
    with pytest.raises(K.ExportError, match="« Code postal »"):
        K.read_export(_write(tmp_path, "sans_cp.csv", broken.encode("cp1252")), colonnes="billetterie")


def test_header_damaged_by_utf8_read_as_windows_is_explained(tmp_path):
    text = dataset_path("export_billetterie").read_bytes().decode("cp1252")
    damaged = text.encode("utf-8").decode("cp1252", errors="replace")  # « PrÃ©nom »
    with pytest.raises(K.ExportError, match="encoding=\"utf-8\""):
        K.read_export(_write(tmp_path, "abime.csv", damaged.encode("utf-8")), encoding="cp1252",
                      colonnes="billetterie")


def test_clean_export_cleans_the_columns_it_knows_and_needs_at_least_one():
    raw = load("export_billetterie").drop(columns="email")
    result = K.clean_export(raw, today=EXTRACTION)
    assert "email" not in result.kept.columns and len(result.kept) + len(result.set_aside) == len(raw)
    with pytest.raises(K.ExportError, match="Aucune colonne.*colonnes=\\{"):
        K.clean_export(pd.DataFrame({"Mail": ["a@b.fr"]}))
    with pytest.raises(K.ExportError, match="DataFrame"):
        K.clean_export("export.csv")
