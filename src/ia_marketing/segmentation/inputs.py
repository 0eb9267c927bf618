"""Reading the columns of any transactions table: customers as integer codes, dates as day
numbers, amounts as floats, on whole columns (the distinct values only where text must be read).

Every problem a learner can fix becomes a `SegmentationError`: a French message saying what is
wrong and what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from ..cleaning import parse_amount
from ..core.errors import CourseError

__all__ = ["LARGE", "SegmentationError", "amounts", "check_columns", "customer_codes", "day_numbers",
           "crosstab_counts", "order_codes", "positions", "progress_bar"]

#: Above this many rows, long steps show a progress bar (tqdm).
LARGE = 200_000


class SegmentationError(CourseError, ValueError):
    """Bad input for a segmentation function: what is wrong, and what to do (in French)."""

    titre = "Segmentation impossible"


def check_columns(df: object, columns: Iterable[str | None], what: str) -> pd.DataFrame:
    """*df* itself when it is a DataFrame holding every named column; a French error otherwise."""
    if not isinstance(df, pd.DataFrame):
        raise SegmentationError(f"{what} attend un tableau pandas (DataFrame), pas {type(df).__name__}.",
                                conseil="Chargez vos données avec load(…) ou pd.read_csv(…).")
    missing = [c for c in columns if c is not None and c not in df.columns]
    if missing:
        shown = ", ".join(f"« {c} »" for c in df.columns[:20])
        raise SegmentationError(
            f"Colonne{'s' if len(missing) > 1 else ''} introuvable{'s' if len(missing) > 1 else ''} "
            f"dans le tableau : {', '.join(f'« {c} »' for c in missing)}.",
            conseil=f"Donnez le nom exact d'une colonne du tableau. Colonnes disponibles : {shown}.")
    return df


def customer_codes(s: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """(code of each row, the customer of each code): code -1 for a missing customer (empty,
    blank or missing value). Works on categories without reading every row."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        codes = s.cat.codes.to_numpy().astype(np.int64)
        uniques = s.cat.categories
    else:
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
        codes = codes.astype(np.int64, copy=False)
        uniques = pd.Index(uniques)
    if uniques.dtype == object or pd.api.types.is_string_dtype(uniques.dtype):
        text = pd.Series(uniques.astype(str))
        blank = (text.str.len().eq(0) | text.str.isspace()).fillna(False).to_numpy(dtype=bool)
        if blank.any():
            lookup = np.where(blank, -1, np.arange(len(uniques)))
            codes = np.where(codes >= 0, lookup[np.maximum(codes, 0)], -1)
    return codes, uniques


# -- dates --------------------------------------------------------------------------------------
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?\s*$")
_DATE_ADVICE = ("Convertissez la colonne vous-même, par exemple "
                "pd.to_datetime(df[colonne], format=\"%d/%m/%Y\"), ou indiquez le format à la fonction : "
                "date_format=\"%d/%m/%Y\" (jour/mois/année, à la française) ou "
                "date_format=\"%m/%d/%Y %H:%M\" (mois/jour/année, export américain).")


def _slashed_dates(text: pd.Series, column: str) -> pd.Series:
    """« 12/03/2024 », « 3/12/2024 8:26 »: day first or month first, decided from the values
    (a first number above 12 means day first, a second number above 12 means month first)."""
    parts = text.str.extract(_SLASHED)
    found = parts[0].notna()
    first, second = pd.to_numeric(parts[0]), pd.to_numeric(parts[1])
    day_first = bool((first[found] > 12).any())
    month_first = bool((second[found] > 12).any())
    if day_first and month_first:
        raise SegmentationError(
            f"Les dates de la colonne « {column} » mélangent jour/mois et mois/jour "
            f"(« {text[found & (first > 12)].iloc[0]} » et « {text[found & (second > 12)].iloc[0]} »).",
            conseil=_DATE_ADVICE)
    if not day_first and not month_first and found.any():
        raise SegmentationError(
            f"Les dates de la colonne « {column} » sont ambiguës : dans « {text[found].iloc[0]} », "
            "rien ne dit si le jour vient avant le mois (à la française) ou après (export américain).",
            conseil=_DATE_ADVICE)
    day, month = (first, second) if day_first else (second, first)
    year = pd.to_numeric(parts[2])
    year = year.where(parts[2].str.len() != 2, 2000 + year)
    frame = pd.DataFrame({"year": year, "month": month, "day": day,
                          "hour": pd.to_numeric(parts[3]).fillna(0), "minute": pd.to_numeric(parts[4]).fillna(0),
                          "second": pd.to_numeric(parts[5]).fillna(0)})[found]
    out = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    if len(frame):
        out[found] = pd.to_datetime(frame, errors="coerce")
    return out


def _text_dates(uniques: pd.Series, column: str, date_format: str | None) -> pd.Series:
    """The distinct texts of a date column, read: ISO first, then « 12/03/2024 » forms."""
    text = uniques.astype(str).str.strip()
    if date_format:
        try:
            return pd.to_datetime(text, format=date_format, errors="coerce")
        except ValueError as error:  # a format pandas cannot use at all
            raise SegmentationError(f"Le format de date « {date_format} » est invalide ({error}).",
                                    conseil=_DATE_ADVICE) from None
    out = pd.to_datetime(text, format="ISO8601", errors="coerce")
    todo = out.isna() & text.ne("")
    if todo.any():
        out[todo] = _slashed_dates(text[todo], column)
    return out


def day_numbers(s: pd.Series, column: str, date_format: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(days since 1970-01-01 as integers, which rows have a readable date) of a date column:
    dates, or text read on its distinct values (ISO « 2024-03-12 », « 12/03/2024 »,
    « 3/12/2024 8:26 »). A time of day is dropped: a purchase belongs to its day.

    Refuses, with what to do, a text column where no value reads as a date, or whose « 01/02/2024 »
    forms do not say whether the day or the month comes first.
    """
    if isinstance(s.dtype, pd.DatetimeTZDtype):
        s = s.dt.tz_localize(None)
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        days = s.to_numpy().astype("datetime64[D]")
        valid = ~np.isnat(days)
        return np.where(valid, days.astype(np.int64), 0), valid
    if pd.api.types.is_numeric_dtype(s.dtype) or pd.api.types.is_bool_dtype(s.dtype):
        raise SegmentationError(
            f"La colonne « {column} » contient des nombres, pas des dates.",
            conseil="Indiquez la colonne des dates d'achat (date=\"…\"), ou convertissez-la avec pd.to_datetime.")
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    parsed = _text_dates(pd.Series(np.asarray(uniques, dtype=object)), column, date_format)
    if len(uniques) and parsed.isna().all():
        examples = ", ".join(f"« {v} »" for v in list(uniques[:3]))
        raise SegmentationError(f"Aucune valeur de la colonne « {column} » ne se lit comme une date ({examples}…).",
                                conseil=_DATE_ADVICE)
    days = np.append(parsed.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]"), np.datetime64("NaT"))[codes]
    valid = ~np.isnat(days)
    return np.where(valid, days.astype(np.int64), 0), valid


# -- amounts ------------------------------------------------------------------------------------
def amounts(s: pd.Series, column: str) -> np.ndarray:
    """Amounts as floats (NaN when missing or unreadable); text such as « 12,50 » or « 1 234,50 € »
    is read on its distinct values."""
    if pd.api.types.is_bool_dtype(s.dtype):
        raise SegmentationError(f"La colonne « {column} » contient des vrai/faux, pas des montants.",
                                conseil="Indiquez la colonne des montants (amount=\"…\").")
    if pd.api.types.is_numeric_dtype(s.dtype):
        return s.to_numpy(dtype=np.float64, na_value=np.nan)
    values = parse_amount(s).to_numpy(dtype=np.float64, na_value=np.nan)
    if len(values) and np.isnan(values).all() and s.notna().any():
        example = s.dropna().iloc[0]
        raise SegmentationError(f"Aucune valeur de la colonne « {column} » ne se lit comme un montant (« {example} »).",
                                conseil="Indiquez la colonne des montants (amount=\"…\") : des nombres, "
                                        "avec un point ou une virgule décimale.")
    return values


# -- orders -------------------------------------------------------------------------------------
def order_codes(df: pd.DataFrame, columns: Sequence[str]) -> np.ndarray:
    """One integer per distinct combination of *columns* (-1 when one of them is missing)."""
    codes = np.zeros(len(df), dtype=np.int64)
    missing = np.zeros(len(df), dtype=bool)
    for column in columns:
        c, uniques = pd.factorize(df[column], use_na_sentinel=True)
        missing |= c < 0
        codes = codes * (len(uniques) + 1) + c + 1
        if len(uniques) and codes.max() > 2 ** 52:  # keep the combined key small
            codes, _ = pd.factorize(codes)
            codes = codes.astype(np.int64)
    return np.where(missing, -1, codes)


def positions(index: pd.Index, values: pd.Series) -> np.ndarray:
    """Where each of *values* is in *index* (-1 when absent), looking up each distinct value once:
    eleven million tickets name a million customers."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
    found = np.append(index.get_indexer(uniques), -1)
    return found[codes]


def crosstab_counts(rows: np.ndarray, columns: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """Counts of each (row, column) pair, as a *shape* array; pairs with a negative code are skipped."""
    ok = (rows >= 0) & (columns >= 0)
    flat = rows[ok].astype(np.int64) * shape[1] + columns[ok]
    return np.bincount(flat, minlength=shape[0] * shape[1]).reshape(shape).astype(np.float64)


def progress_bar(iterable, *, total: int | None = None, desc: str = "", enabled: bool = True):
    """*iterable* wrapped in a tqdm progress bar (a widget in Jupyter, text elsewhere) when
    *enabled*; *iterable* itself otherwise."""
    if not enabled:
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, leave=False)
