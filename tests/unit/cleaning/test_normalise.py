"""The normalisers of `ia_marketing.cleaning.normalise`: examples, properties, bad input."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing import cleaning as K
from ia_marketing import load

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
    bad = K.normalise_phone(S(["12", "00 00 00 00 00", "06 12 34 56", "+33 6 12 34", "+33 0 6 12 34 56 78",
                               "33612345678", "pas de numéro", "06 12 34 56 78 poste 12", "+0033612345678",
                               "+377 93", "+39 1234 5678 9012 3456"], dtype="str"))
    assert bad.isna().all(), bad.tolist()


def test_foreign_numbers_are_kept_in_e164():
    """Monaco and Italy are next door to the venue: their numbers are not emptied."""
    got = K.normalise_phone(S(["+377 93 00 00 00", "00377 6 00 00 00 00", "+39 06 0000 0000", "0039 333 000 0000",
                               "+44 20 7946 0000", " +41 (0)22 000 00 00 "], dtype="str"))
    assert got.tolist() == ["+37793000000", "+377600000000", "+390600000000", "+393330000000", "+442079460000",
                            "+41220000000"]


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


@st.composite
def foreign_phone(draw):
    """A number with a country code other than 33, written with « + » or « 00 » and separators."""
    code = draw(st.sampled_from(["377", "39", "44", "41", "32", "49", "1", "352"]))
    number = draw(st.text(alphabet="0123456789", min_size=max(1, 8 - len(code)), max_size=15 - len(code)))
    prefix = draw(st.sampled_from(["+", "00", "+ ", "00 "]))
    sep = draw(st.sampled_from(["", " ", ".", "-"]))
    written = prefix + code + sep + sep.join(number[i:i + 2] for i in range(0, len(number), 2))
    return "+" + code + number, written


@settings(max_examples=300, deadline=None)
@given(foreign_phone())
def test_any_foreign_phone_keeps_its_country_code(case):
    e164, written = case
    got = K.normalise_phone(S([written], dtype="str")).iloc[0]
    assert got == e164
    assert K.normalise_phone(S([got], dtype="str")).iloc[0] == got  # idempotent


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


def test_a_normaliser_given_a_table_explains():
    with pytest.raises(K.ExportError, match="Series"):
        K.normalise_email(load("export_billetterie"))
