"""Read the venue's export as text, whatever its encoding and separator; bad input is a
French `ExportError` that names the problem and the fix.

The export is one of the course's files (`ia_marketing.data.messy` writes it, ``load`` reads it),
so its reader belongs to the data layer; module 03 teaches it as ``ia_marketing.cleaning.read_export``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..core.text import normalise_text

__all__ = ["EXPECTED_COLUMNS", "ExportError", "read_export"]

#: Columns of the ticketing export, as the software writes them, and their short names.
EXPECTED_COLUMNS: dict[str, str] = {
    "N° client": "numero_client", "Civilité": "civilite", "Nom": "nom", "Prénom": "prenom",
    "E-mail": "email", "Téléphone": "telephone", "Code postal": "code_postal", "Ville": "ville",
    "Date de naissance": "date_naissance", "Date dernier achat": "date_achat",
    "Montant dernier achat": "montant", "Commentaire": "commentaire",
}


class ExportError(ValueError):
    """A French message: what is wrong with the file, and what to do."""


def _decode(raw: bytes, encoding: str | None, path: Path) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError as exc:
            raise ExportError(
                f"Le fichier {path.name} ne peut pas être lu avec l'encodage « {encoding} » "
                f"(octet {exc.start}). Essayez encoding=\"cp1252\" (Excel, logiciels Windows) ou "
                "encoding=\"utf-8\", ou laissez encoding=None pour que l'encodage soit deviné.") from None
        except LookupError:
            raise ExportError(f"Encodage « {encoding} » inconnu. Essayez \"utf-8\" ou \"cp1252\".") from None
    for candidate in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(candidate), ("utf-8" if candidate == "utf-8-sig" else candidate)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"  # never fails: every byte is a character


def _sniff_separator(header: str, sep: str | None) -> str:
    if sep is not None:
        return sep
    counts = {s: header.count(s) for s in (";", ",", "\t", "|")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def read_export(path: str | Path, *, encoding: str | None = None, sep: str | None = None,
                required: Iterable[str] = EXPECTED_COLUMNS) -> pd.DataFrame:
    """Read the export as text (every column a string, empty cells missing), short column names.

    The encoding (UTF-8, else Windows-1252) and the separator are guessed unless given. The
    original file is only read, never modified. Raises `ExportError` for an empty file, a
    wrong separator or encoding, or missing columns.
    """
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"Le fichier « {path} » n'existe pas. Vérifiez le nom et le dossier "
                          "(chemin relatif au notebook).")
    raw = path.read_bytes()
    if not raw.strip():
        raise ExportError(f"Le fichier {path.name} est vide : refaites l'export depuis le logiciel "
                          "de billetterie.")
    text, used = _decode(raw, encoding, path)
    header = text.splitlines()[0]
    separator = _sniff_separator(header, sep)
    names = next(csv.reader([header], delimiter=separator))
    names = [n.strip().lstrip("\ufeff") for n in names]
    required = list(required)
    if len(names) == 1 and len(required) > 1:
        raise ExportError(
            f"Une seule colonne lue dans {path.name} (« {names[0][:60]} ») : le séparateur n'est "
            f"pas « {separator} ». Les exports français utilisent souvent « ; » : essayez sep=\";\".")
    missing = [c for c in required if c not in names]
    if missing:
        folded = {normalise_text(n): n for n in names}
        hints = [f"« {c} » (peut-être « {folded[normalise_text(c)]} » ?)" if normalise_text(c) in folded else f"« {c} »"
                 for c in missing]
        if any("Ã" in n for n in names):
            hint = " Les accents de l'en-tête sont abîmés : le fichier est en UTF-8, lisez-le avec encoding=\"utf-8\"."
        else:
            hint = " Vérifiez que c'est bien l'export des clients, et qu'aucune colonne n'a été renommée."
        raise ExportError(f"Colonnes manquantes dans {path.name} : {', '.join(hints)}. Colonnes trouvées : "
                          f"{', '.join(names)}.{hint}")
    df = pd.read_csv(path, sep=separator, encoding=used, dtype=str, keep_default_na=False,
                     na_values=[""], quoting=csv.QUOTE_MINIMAL, skipinitialspace=False)
    df.columns = [c.strip().lstrip("\ufeff") for c in df.columns]
    df = df.rename(columns={c: EXPECTED_COLUMNS.get(c, c) for c in df.columns})
    df.attrs["fichier"] = str(path)
    df.attrs["encodage"] = used
    df.attrs["séparateur"] = separator
    return df
