"""Public French reference tables shipped with the course (sources and licences: SOURCES.md).

- ``communes``: the 34 969 current communes of the Code officiel géographique 2026 (INSEE) with
  their department, region and postcodes (La Poste), from ``@etalab/decoupage-administratif``
  6.0.0; Licence Ouverte / Open Licence.
- ``departements`` and ``regions``: the same source's departments (109) and regions or
  overseas collectivities (26).
- ``musees``: the attendance of the Musées de France for 2016–2018, 3 559 rows exactly as the
  Ministère de la Culture writes them (``;``, UTF-8, capitals without accents, several spellings
  of a region); Licence Ouverte / Open Licence. Module 03 cleans its place names.

They live inside the package, so that they load on JupyterHub outside any copy of the course.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ...core.errors import CourseError

__all__ = ["PUBLIC_FILES", "load_public", "public_path"]

_HERE = Path(__file__).resolve().parent

#: Name -> file of this folder.
PUBLIC_FILES: dict[str, str] = {
    "communes": "communes_2026.csv",
    "departements": "departements_2026.csv",
    "regions": "regions_2026.csv",
    "musees": "musees_frequentation_2016_2018.csv",
}


def public_path(name: str) -> Path:
    """The file of a public table, to read it as a trainee reads their own export."""
    if name not in PUBLIC_FILES:
        raise CourseError(f"Table publique inconnue : « {name} ». Tables disponibles : "
                          + ", ".join(f"« {n} »" for n in PUBLIC_FILES) + ".")
    return _HERE / PUBLIC_FILES[name]


def load_public(name: str) -> pd.DataFrame:
    """A public table, every column as text (codes keep their leading zeros)."""
    path = public_path(name)
    sep = ";" if name == "musees" else ","
    return pd.read_csv(path, sep=sep, dtype="string", keep_default_na=False, na_values=[""], encoding="utf-8")
