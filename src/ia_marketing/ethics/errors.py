"""The error every ethics function raises on bad input: what is wrong and what to do, in French."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..core.errors import CourseError


class EthicsError(CourseError, ValueError):
    """Bad input for a module 05 function (in French, with what to do)."""

    titre = "Vérification impossible"


def check_frame(df: object, columns: Iterable[str], what: str) -> pd.DataFrame:
    """*df* itself when it is a DataFrame holding every named column; a French error otherwise."""
    if not isinstance(df, pd.DataFrame):
        raise EthicsError(f"{what} attend un tableau pandas (DataFrame), pas {type(df).__name__}.",
                          conseil="Chargez vos données avec load(…) ou pd.read_csv(…).")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        shown = ", ".join(f"« {c} »" for c in df.columns[:20])
        raise EthicsError(
            f"Colonne{'s' if len(missing) > 1 else ''} introuvable{'s' if len(missing) > 1 else ''} "
            f"dans le tableau : {', '.join(f'« {c} »' for c in missing)}.",
            conseil=f"Donnez le nom exact d'une colonne du tableau. Colonnes disponibles : {shown}.")
    return df
