"""Reading and cleaning the messy export: normalisers (with property-based tests), bad input,
the pipeline's invariant (kept + set aside = input) and its figures against the ground truth."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing import cleaning as K
from ia_marketing import load
from ia_marketing.data import dataset_path
from ia_marketing.data.messy import EXTRACTION

S = pd.Series


# -- normalisers: examples -----------------------------------------------------------------
def test_email_examples():
    got = K.normalise_email(S([" Jean.Dupont@Mail.example ", "a@@b.fr", "x@y,com", "z@w.fr.", "pas une adresse",
                               None, "deux@arobases@x.fr"], dtype="str"))
    assert got.tolist() == ["jean.dupont@mail.example", "a@b.fr", "x@y.com", "z@w.fr", None, None, None]


def test_phone_examples():
    forms = ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78", "+33 6 12 34 56 78",
             "+33612345678", "0033612345678", "(0)612345678", "612345678", "+33 (0)6 12 34 56 78"]
    assert K.normalise_phone(S(forms, dtype="str")).tolist() == ["+33612345678"] * len(forms)
    bad = K.normalise_phone(S(["12", "+44 20 7946 0000", "00 00 00 00 00", "06 12 34 56"], dtype="str"))
    assert bad.isna().all()


def test_postcode_examples():
    got = K.normalise_postcode(S(["6290", "06290", "75011", " 1000 ", "123", "ABCDE", "6290.0"], dtype="str"))
    assert got.tolist() == ["06290", "06290", "75011", "01000", None, None, "06290"]


def test_postcode_from_a_numeric_column_is_handled():
    """A column a spreadsheet read as numbers: the zeros are restored, no row is lost."""
    got = K.normalise_postcode(S([6290, 75011, None]))
    assert got.tolist() == ["06290", "75011", None]


def test_date_examples():
    forms = ["12/03/2024", "12/03/24", "12-03-2024", "12.03.2024", "2024-03-12", "12/03/2024 00:00",
             "12 mars 2024", "12 MARS 2024"]
    got = K.parse_french_date(S(forms, dtype="str"))
    assert (got == pd.Timestamp("2024-03-12")).all(), got.tolist()
    births = K.parse_french_date(S(["05/06/50", "05/06/08", "31/02/2020", "demain"], dtype="str"), latest=date(2026, 7, 1))
    assert births.tolist()[:2] == [pd.Timestamp("1950-06-05"), pd.Timestamp("2008-06-05")]
    assert births.iloc[2:].isna().all()


def test_name_examples():
    got = K.normalise_name(S(["DUPONT", "jean-pierre", "HÃ©lÃ¨ne", "d'ARTAGNAN", "  le   roux ", "Helene"], dtype="str"))
    assert got.tolist() == ["Dupont", "Jean-Pierre", "Hélène", "D'Artagnan", "Le Roux", "Helene"]


def test_civilite_and_amount_examples():
    assert K.normalise_civilite(S(["MME", "Madame", "Mlle", "M", "Monsieur", "Mr", "Dr"], dtype="str")).tolist() == \
        ["Mme", "Mme", "Mme", "M.", "M.", "M.", None]
    assert K.parse_amount(S(["1 234,50", "12,00", "-8,5", "gratuit", None], dtype="str")).tolist()[:3] == \
        [1234.5, 12.0, -8.5]


def test_name_key_ignores_order_case_accents_and_hyphens():
    keys = K.name_key(S(["DUPONT Jean-Pierre", "Dupont", "Jean Pierre", "DUPONT", None], dtype="str"),
                      S([None, "Jean Pierre", "Dupont", "Jean-Pierre", None], dtype="str"))
    assert keys.tolist()[:4] == ["dupont jean pierre"] * 4
    assert keys.iloc[4] is None


# -- normalisers: properties -------------------------------------------------------------------
digits8 = st.text(alphabet="0123456789", min_size=8, max_size=8)


@st.composite
def french_phone(draw):
    national = "0" + draw(st.sampled_from("12345679")) + draw(digits8)
    pairs = [national[i:i + 2] for i in range(0, 10, 2)]
    form = draw(st.sampled_from([
        " ".join(pairs), national, ".".join(pairs), "-".join(pairs), "+33 " + national[1] + " " + " ".join(pairs[1:]),
        "+33" + national[1:], "0033" + national[1:], national[1:], "+33 (0)" + national[1:]]))
    return national, form


@settings(max_examples=300, deadline=None)
@given(french_phone())
def test_any_french_phone_form_gives_its_e164(case):
    national, written = case
    got = K.normalise_phone(S([written], dtype="str")).iloc[0]
    assert got == "+33" + national[1:]
    assert K.normalise_phone(S([got], dtype="str")).iloc[0] == got  # idempotent


local_part = st.from_regex(r"[a-z][a-z0-9._-]{0,15}[a-z0-9]", fullmatch=True).filter(lambda s: ".." not in s)
domain = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]\.(fr|com|example|org)", fullmatch=True)


@settings(max_examples=300, deadline=None)
@given(local_part, domain, st.sampled_from(["", " ", "  ", "\t"]), st.booleans(),
       st.sampled_from(["none", "@@", ",", "."]))
def test_a_messy_email_comes_back_to_its_clean_form(local, dom, space, upper, typo):
    clean = f"{local}@{dom}"
    written = clean.upper() if upper else clean
    if typo == "@@":
        written = written.replace("@", "@@")
    elif typo == ",":
        name, ext = written.rsplit(".", 1)
        written = f"{name},{ext}"
    elif typo == ".":
        written += "."
    got = K.normalise_email(S([space + written + space], dtype="str")).iloc[0]
    assert got == clean
    assert K.normalise_email(S([got], dtype="str")).iloc[0] == got


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789", min_size=5, max_size=5))
def test_a_postcode_that_lost_its_zero_gets_it_back(code):
    written = code[1:] if code.startswith("0") else code
    assert K.normalise_postcode(S([written], dtype="str")).iloc[0] == code


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1930, 1, 1), max_value=date(2026, 6, 30)),
       st.sampled_from(["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y 00:00", "%d/%m/%y", "mois"]))
def test_every_written_form_of_a_date_is_read(day, fmt):
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
    written = f"{day.day} {months[day.month - 1]} {day.year}" if fmt == "mois" else day.strftime(fmt)
    got = K.parse_french_date(S([written], dtype="str"), latest=date(2026, 7, 1)).iloc[0]
    if fmt == "%d/%m/%y" and day.year < 1927:  # two digits cannot tell 1926 from 2026
        return
    assert got == pd.Timestamp(day), (written, got)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=0, max_size=30))
def test_normalisers_never_lose_or_add_rows(values):
    s = S(values, dtype="object")
    for normaliser in (K.normalise_email, K.normalise_phone, K.normalise_postcode, K.normalise_name,
                       K.normalise_civilite, K.parse_amount, K.parse_french_date):
        out = normaliser(s)
        assert len(out) == len(s) and out.index.equals(s.index)
        assert out[s.isna()].isna().all()


# -- reading: bad input ------------------------------------------------------------------------
def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_reading_the_export_guesses_encoding_and_separator():
    raw = K.read_export(dataset_path("export_billetterie"))
    assert raw.attrs["encodage"] == "cp1252" and raw.attrs["séparateur"] == ";"
    assert list(raw.columns) == list(K.EXPECTED_COLUMNS.values())
    assert len(raw) == 2000
    assert raw["code_postal"].str.len().min() == 4  # read as text: the lost zeros are visible, not worse


def test_the_original_file_is_never_modified():
    path = dataset_path("export_billetterie")
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    K.clean_export(K.read_export(path), today=EXTRACTION)
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
    raw = K.read_export(_write(tmp_path, "utf8.csv", text.encode("utf-8")))
    assert raw.attrs["encodage"] == "utf-8"
    assert raw.equals(K.read_export(dataset_path("export_billetterie")))


def test_missing_column_is_named(tmp_path):
    text = dataset_path("export_billetterie").read_bytes().decode("cp1252")
    broken = text.replace("Code postal", "CP", 1)
    with pytest.raises(K.ExportError, match="« Code postal »"):
        K.read_export(_write(tmp_path, "sans_cp.csv", broken.encode("cp1252")))


def test_header_damaged_by_utf8_read_as_windows_is_explained(tmp_path):
    text = dataset_path("export_billetterie").read_bytes().decode("cp1252")
    damaged = text.encode("utf-8").decode("cp1252", errors="replace")  # « PrÃ©nom »
    with pytest.raises(K.ExportError, match="encoding=\"utf-8\""):
        K.read_export(_write(tmp_path, "abime.csv", damaged.encode("utf-8")), encoding="cp1252")


def test_clean_export_needs_the_renamed_columns():
    raw = load("export_billetterie").drop(columns="email")
    with pytest.raises(K.ExportError, match="email"):
        K.clean_export(raw)
    with pytest.raises(K.ExportError, match="DataFrame"):
        K.clean_export("export.csv")


def test_a_normaliser_given_a_table_explains():
    with pytest.raises(K.ExportError, match="Series"):
        K.normalise_email(load("export_billetterie"))


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


def test_duplicate_rules_trade_precision_for_recall(cleaned):
    raw, truth, _ = cleaned
    clean = pd.DataFrame({"cle_nom": ["dupont jean", "dupont jean", "dupont jean"],
                          "email": [None, None, None], "telephone": ["+33600000000"] * 3,
                          "date_naissance": [pd.Timestamp("1980-01-01"), pd.Timestamp("1990-01-01"), None],
                          "code_postal": ["06290", "75011", "06290"]})
    rows = pd.DataFrame({"numero_client": ["1", "2", "3"]})
    strict = K.find_duplicates(rows, clean)
    assert strict["premiere_ligne"].tolist() == [0, 1, 0]  # phone + postcode links 3 to 1 only
    loose = K.find_duplicates(rows, clean, rules=(("telephone",),))
    assert loose["premiere_ligne"].tolist() == [0, 0, 0]


def test_quality_report_counts(cleaned):
    raw, _, _ = cleaned
    report = K.quality_report(raw)
    assert report.loc["email", "manquantes"] == raw["email"].isna().sum()
    assert report.loc["numero_client", "en double"] == raw["numero_client"].duplicated().sum()
    assert report.loc["telephone", "invalides"] == (raw["telephone"].notna() & K.normalise_phone(raw["telephone"]).isna()).sum()
    fig = K.plot_quality(report)
    assert "Qualité" in fig.axes[0].get_title()


def test_pseudonymise_columns(cleaned):
    _, _, result = cleaned
    kept = result.kept
    a = K.pseudonymise_columns(kept, ["email", "nom"], salt="sel-secret", drop=["telephone", "commentaire"])
    b = K.pseudonymise_columns(kept, ["email", "nom"], salt="sel-secret")
    c = K.pseudonymise_columns(kept, ["email", "nom"], salt="autre-sel")
    assert "telephone" not in a.columns and "telephone" in kept.columns
    assert kept["email"].dropna().str.contains("@").all()  # the original is untouched
    assert a["email"].equals(b["email"]) and not a["email"].dropna().equals(c["email"].dropna())
    assert a["email"].isna().equals(kept["email"].isna())
    assert a["nom"].nunique() == kept["nom"].nunique()  # same value, same pseudonym
    with pytest.raises(K.ExportError, match="inconnues"):
        K.pseudonymise_columns(kept, ["mail"], salt="x")
