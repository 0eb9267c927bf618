"""French formatting through Babel: numbers, money, percentages, plurals, dates."""

from __future__ import annotations

from datetime import date

import pytest

from ia_marketing.core import fr

NNBSP = "\u202f"  # narrow no-break space: French thousands separator
NBSP = "\u00a0"   # no-break space: before « € » and « % »


@pytest.mark.parametrize("value, digits, expected", [
    (0, 2, "0"),
    (12.0, 2, "12"),
    (0.5, 2, "0,5"),
    (3.14159, 2, "3,14"),
    (-3.25, 2, "-3,25"),
    (1234567.891, 2, f"1{NNBSP}234{NNBSP}567,89"),
    (0.000012345, 2, "0,000012"),     # small values keep two significant digits
    (0.000000001, 4, "0,000000001"),  # never 1e-09
    (0.1 + 0.2, 2, "0,3"),
    (0.0061, 4, "0,0061"),
    (2.25, 1, "2,2"),                 # half to even, as Python's own rounding of 2.25
])
def test_number(value, digits, expected):
    assert fr.number(value, digits) == expected


@pytest.mark.parametrize("value, expected", [
    (0, "0"), (999, "999"), (1000, f"1{NNBSP}000"), (56456, f"56{NNBSP}456"),
    (-1234567, f"-1{NNBSP}234{NNBSP}567"),
])
def test_integer_groups_thousands_with_a_narrow_no_break_space(value, expected):
    assert fr.integer(value) == expected


def test_decimal_drops_trailing_zeros_and_keeps_at_most_the_digits():
    assert fr.decimal(2.50, 2) == "2,5"
    assert fr.decimal(2.0, 2) == "2"
    assert fr.decimal(1234.5678, 1) == f"1{NNBSP}234,6"
    assert fr.decimal(0.004, 2) == "0"  # unlike number(), no significant digits kept


def test_money():
    assert fr.money(1234.5) == f"1{NNBSP}234,50{NBSP}€"
    assert fr.money(0.00421, digits=4) == f"0,0042{NBSP}€"
    assert fr.money(3, "USD", digits=0) == f"3{NBSP}$US"


def test_percent():
    assert fr.percent(0.456) == f"46{NBSP}%"
    assert fr.percent(0.456, 1) == f"45,6{NBSP}%"
    assert fr.percent(1) == f"100{NBSP}%"


@pytest.mark.parametrize("n, expected", [
    (0, "0 appel"), (1, "1 appel"), (2, "2 appels"), (-1, "-1 appel"), (-2, "-2 appels"),
    (2000, f"2{NNBSP}000 appels"),
])
def test_french_plural_starts_at_two(n, expected):
    assert fr.count(n, "appel", "appels") == expected


def test_plural_of_a_decimal_quantity():
    assert fr.plural(1.5, "heure", "heures") == "heure"  # « 1,5 heure »
    assert fr.plural(2.5, "heure", "heures") == "heures"


def test_month_names_and_long_dates():
    assert fr.MONTHS[0] == "janvier" and fr.MONTHS[1] == "février" and fr.MONTHS[7] == "août"
    assert fr.MONTHS[11] == "décembre" and len(fr.MONTHS) == 12
    assert fr.date_long(date(2026, 7, 1)) == "1er juillet 2026"
    assert fr.date_long(date(2026, 7, 11)) == "11 juillet 2026"
    assert fr.date_long(date(2027, 2, 14)) == "14 février 2027"
