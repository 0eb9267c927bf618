"""Column helpers shared by the normalisers, the duplicate finder and the pipeline: work on the
distinct values of a column only (a million rows hold few distinct values)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..data.reader import ExportError


def require_text(s: pd.Series, what: str) -> pd.Series:
    if not isinstance(s, pd.Series):
        raise ExportError(f"{what} attend une colonne de tableau (pandas Series), pas {type(s).__name__}.")
    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        # a column read as numbers (its leading zeros already lost): back to text, keep going
        return s.map(lambda v: v if pd.isna(v) else (str(int(v)) if float(v).is_integer() else str(v)))
    return s


def vector_on_uniques(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply the column function *func* to the distinct values only, then spread the results."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    results = func(pd.Series(np.asarray(uniques, dtype=object), dtype="str")).to_numpy(dtype=object, na_value=None)
    return pd.Series(np.append(results, None)[codes], index=s.index, dtype=object)


def on_uniques(s: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply *func* once per distinct value (columns of a million rows have few distinct values);
    missing values stay missing."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    results = np.array([func(str(v)) for v in uniques] + [None], dtype=object)
    return pd.Series(results[codes], index=s.index, dtype=object)
