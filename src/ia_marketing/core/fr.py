"""French formatting of numbers, money, percentages, plurals and dates, through Babel.

French writes « 56 456 » (narrow no-break space between thousands), « 0,25 » (decimal comma),
« 12,50 € » and « 46 % » (no-break space before the sign), and the plural starts at 2
(« 0 appel », « 1 appel », « 2 appels »).
"""

from __future__ import annotations

import math
from datetime import date

from babel.dates import format_date, get_month_names
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "fr_FR"

#: « janvier » … « décembre », from the Unicode CLDR through Babel.
MONTHS: tuple[str, ...] = tuple(get_month_names("wide", locale=LOCALE).values())


def integer(n: int) -> str:
    """« 56 456 »: thousands grouped with a narrow no-break space."""
    return format_decimal(int(n), format="#,##0", locale=LOCALE)


def decimal(x: float, digits: int = 2) -> str:
    """« 3,14 »: at most *digits* decimals, trailing zeros dropped, thousands grouped."""
    pattern = "#,##0" + ("." + "#" * digits if digits > 0 else "")
    return format_decimal(x, format=pattern, locale=LOCALE)


def number(x: float, digits: int = 2) -> str:
    """Like `decimal`, but a small non-zero value keeps two significant digits (« 0,000012 »
    rather than « 0 »), and there is never scientific notation."""
    if x == 0 or not math.isfinite(x):
        return "0" if x == 0 else str(x)
    if abs(x) < 10 ** (-digits):
        digits = -math.floor(math.log10(abs(x))) + 1
    return decimal(x, digits)


def money(x: float, currency: str = "EUR", digits: int | None = None) -> str:
    """« 1 234,50 € »; with *digits*, that many decimals (« 0,0042 € » for a token price)."""
    if digits is None:
        return format_currency(x, currency, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "\u00a0¤"
    return format_currency(x, currency, format=pattern, locale=LOCALE, currency_digits=False)


def percent(share: float, digits: int = 0) -> str:
    """« 46 % » for 0.456; with *digits*, « 45,6 % »."""
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "") + "\u00a0%"
    return format_percent(share, format=pattern, locale=LOCALE)


def plural(n: float, singular: str, plural_form: str) -> str:
    """The word that goes with *n*: the French plural starts at 2."""
    return plural_form if abs(n) >= 2 else singular


def count(n: int, singular: str, plural_form: str) -> str:
    """« 0 token envoyé », « 1 reçu », « 56 456 reçus »."""
    return f"{integer(n)} {plural(n, singular, plural_form)}"


def date_long(day: date) -> str:
    """« 1er juillet 2026 », « 14 février 2027 »: French writes the first day of a month as an
    ordinal (« premier »), which Babel's long format does not."""
    text = format_date(day, format="long", locale=LOCALE)
    return "1er" + text[1:] if day.day == 1 else text
