"""Small helpers shared by the tables of the generator: day numbers, French wording, draws, text columns.

Dates are day numbers (days since 1970-01-01, as numpy int64) until they are written.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from ..core.fr import MONTHS
from .world import IntArray, StrArray

__all__ = ["ObjectArray", "WEEKDAYS", "age_years", "cents_text", "choice", "contract", "date_parts", "days",
           "french_date", "id_width", "ids", "iso", "of_month", "text_table", "weekday", "weighted"]

ObjectArray = NDArray[np.object_]

WEEKDAYS: tuple[str, ...] = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (" de le ", " du "), (" de les ", " des "), (" à le ", " au "), (" à les ", " aux "),
    (" de Le ", " du "), (" de Les ", " des "), (" à Le ", " au "), (" à Les ", " aux "),
)


# -- dates ---------------------------------------------------------------------------------------
def days(iso_date: str) -> int:
    """Days since 1970-01-01 for an ISO date."""
    return int(np.datetime64(iso_date, "D").astype(np.int64))


def iso(day_numbers: IntArray | int) -> StrArray:
    """ISO dates (YYYY-MM-DD) for day numbers."""
    return np.datetime_as_string(np.asarray(day_numbers, dtype=np.int64).astype("datetime64[D]"), unit="D")


def date_parts(day_numbers: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """(year, month 1-12, day 1-31) of day numbers."""
    d = np.asarray(day_numbers, dtype=np.int64).astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month_start = d.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (d - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def age_years(birth: IntArray, at: IntArray) -> IntArray:
    """Exact age in completed years on date *at* for people born on *birth* (day numbers).

    Both dates are looked up as YYYYMMDD numbers in a table of the days they span: the age is
    the difference divided by 10 000, rounded down (a birthday not reached yet takes one off).
    """
    birth = np.asarray(birth, dtype=np.int64)
    at = np.asarray(at, dtype=np.int64)
    if birth.size == 0:
        return np.zeros(np.broadcast_shapes(birth.shape, at.shape), dtype=np.int64)
    low = int(min(birth.min(), at.min()))
    year, month, day = date_parts(np.arange(low, int(max(birth.max(), at.max())) + 1))
    ymd = year * 10_000 + month * 100 + day
    return (ymd[at - low] - ymd[birth - low]) // 10_000


def weekday(day_numbers: IntArray | int) -> IntArray:
    """Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday)."""
    return (np.asarray(day_numbers, dtype=np.int64) + 3) % 7


def french_date(day_number: int, with_weekday: bool = False) -> str:
    """« 14 mars » or « vendredi 14 mars » (« 1er mars » on the first) for a day number."""
    _, month, day = (int(x[0]) for x in date_parts(np.array([day_number])))
    first = "1er" if day == 1 else str(day)
    text = f"{first} {MONTHS[month - 1]}"
    if with_weekday:
        text = f"{WEEKDAYS[int(weekday(day_number))]} {text}"
    return text


# -- French wording ------------------------------------------------------------------------------
def contract(text: str) -> str:
    """French contractions after filling templates: « de le » -> « du », « à les » -> « aux »…"""
    for written, contracted in _CONTRACTIONS:
        text = text.replace(written, contracted)
    return text


def of_month(month: str) -> str:
    """« de mai » but « d'avril »."""
    return f"d'{month}" if month[0] in "aeiouéè" else f"de {month}"


# -- draws ---------------------------------------------------------------------------------------
def choice(rng: np.random.Generator, items: Sequence[str]) -> str:
    """One of *items*, uniformly."""
    return items[int(rng.integers(len(items)))]


def weighted(rng: np.random.Generator, weights: Sequence[float], size: int) -> IntArray:
    """Indices drawn with the given (unnormalised) weights."""
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(p), size=size, p=p / p.sum()).astype(np.int64)


# -- text columns --------------------------------------------------------------------------------
def cents_text(cents: IntArray) -> StrArray:
    """Integer cents -> « 22.50 » (dot decimal, always two decimals)."""
    c = np.asarray(cents, dtype=np.int64)
    euros = (c // 100).astype(np.str_)
    rest = np.strings.zfill((c % 100).astype(np.str_), 2)
    return np.strings.add(np.strings.add(euros, "."), rest)


def ids(prefix: str, start: int, stop: int, width: int) -> StrArray:
    """« S001 »-style identifiers numbered from *start* to *stop* - 1."""
    numbers = np.strings.zfill(np.arange(start, stop, dtype=np.int64).astype(np.str_), width)
    return np.strings.add(prefix, numbers)


def id_width(count: int, minimum: int) -> int:
    """Digits of the identifiers of a table of *count* rows (at least *minimum*)."""
    return max(minimum, len(str(count)))


def text_table(labels: Sequence[str] | StrArray) -> ObjectArray:
    """*labels* as Python strings: indexing it with codes gives a text column of a million rows
    without making a million strings (rows share them)."""
    return np.array([str(label) for label in labels], dtype=object)
