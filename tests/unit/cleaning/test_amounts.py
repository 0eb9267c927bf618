"""Amounts as French (and other) files write them: thousands separators, decimal comma or point;
the ambiguous « 12.345 » reported rather than guessed; non-finite values refused."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ia_marketing import cleaning as K
from ia_marketing.data import dataset_path


def _read(*values):
    return K.parse_amount(pd.Series(list(values), dtype="str")).tolist()


@pytest.mark.parametrize("text, value", [
    ("1 234,50", 1234.5), ("1\u202f234,50 €", 1234.5), ("1.234,50", 1234.5), ("1,234.50", 1234.5),
    ("36,00", 36.0), ("36.5", 36.5), ("1.234.567", 1234567.0), ("1,234,567", 1234567.0),
    ("-12,5", -12.5), ("12 €", 12.0), ("1,5 EUR", 1.5), ("1234.567", 1234.567), ("0,05", 0.05),
])
def test_written_forms_of_an_amount(text, value):
    assert _read(text) == [value] and K.amount_problem(text) is None


@pytest.mark.parametrize("text", ["12.345", "12,345", "1.000", "-999,999"])
def test_an_ambiguous_amount_is_missing_and_reported(text):
    assert math.isnan(_read(text)[0])
    reason = K.amount_problem(text)
    assert reason.startswith("montant ambigu") and f"« {text} »" in reason and "corrigez" in reason


@pytest.mark.parametrize("text", ["inf", "-Infinity", "nan", "NaN"])
def test_non_finite_values_are_refused(text):
    assert math.isnan(_read(text)[0])
    assert "non fini" in K.amount_problem(text)


def test_unreadable_and_missing():
    assert math.isnan(_read("douze euros")[0]) and K.amount_problem("douze euros") == "montant illisible"
    assert K.amount_problem(None) is None and math.isnan(_read(None)[0])


def test_clean_export_gives_the_reason_of_each_rejected_amount():
    raw = K.read_export(dataset_path("export_billetterie"), colonnes="billetterie").head(3).copy()
    raw["montant"] = ["12.345", "inf", "1.234,50"]
    result = K.clean_export(raw)
    reasons = result.problems.query("colonne == 'montant'")["probleme"].tolist()
    assert any(r.startswith("montant ambigu") for r in reasons) and any("non fini" in r for r in reasons)


cents = st.integers(min_value=0, max_value=10**9)


def _french(c: int, thousands: str) -> str:
    euros, rest = divmod(c, 100)
    groups = f"{euros:,}".replace(",", thousands)
    return f"{groups},{rest:02d}"


@given(cents, st.sampled_from([" ", "\u202f", "\u00a0", ".", ""]))
def test_any_french_amount_with_cents_is_read_exactly(c, thousands):
    assert round(_read(_french(c, thousands))[0] * 100) == c


@given(cents)
def test_any_english_amount_with_cents_is_read_exactly(c):
    euros, rest = divmod(c, 100)
    assert round(_read(f"{euros:,}.{rest:02d}")[0] * 100) == c


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=999), st.sampled_from([".", ","]))
def test_one_group_of_three_digits_after_a_separator_is_never_guessed(whole, part, sep):
    text = f"{whole}{sep}{part:03d}"
    assert math.isnan(_read(text)[0]) and K.amount_problem(text).startswith("montant ambigu")
