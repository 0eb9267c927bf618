"""Read a venue's export as text: any CSV/TSV/TXT or spreadsheet (.xlsx, .xls, .ods), whatever its
encoding and separator. What is wrong is named in French with what to do, and nothing is lost:
rows that cannot be read are set aside with their line number and raw text.

The course's own export is one preset (``colonnes="billetterie"``: its twelve columns required,
renamed to short names); without a preset, any table is read with its columns as written.

What the reader detects, and what it does:

- a spreadsheet (zip or OLE content), under its own name or renamed ``.csv``: read with
  python-calamine through pandas (one maintained reader for .xlsx, .xls and .ods);
- UTF-16 (Excel's « Texte Unicode »), UTF-8, else Windows-1252;
- a binary file that is not a table (an image, a PDF, random bytes): refused;
- title or blank lines above the header: skipped, and said (``lignes_avant_entete`` overrides);
- a row with too many or too few fields, a truncated last line, a quote never closed: set aside.

Rows read = rows kept + rows set aside, on every path; `set_aside_rows` lists those set aside and
`reading_report` says in French what was done.

The export is one of the course's files (`ia_marketing.data.messy` writes it, ``load`` reads it),
so its reader belongs to the data layer; module 03 teaches it as ``ia_marketing.cleaning.read_export``.
"""

from __future__ import annotations

import csv
import io
import math
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from ..core.fr import count
from ..core.text import normalise_text

__all__ = ["EXPECTED_COLUMNS", "PRESETS", "ExportError", "read_export", "set_aside_rows",
           "reading_report"]

#: Columns of the ticketing export, as the software writes them, and their short names.
EXPECTED_COLUMNS: dict[str, str] = {
    "N° client": "numero_client", "Civilité": "civilite", "Nom": "nom", "Prénom": "prenom",
    "E-mail": "email", "Téléphone": "telephone", "Code postal": "code_postal", "Ville": "ville",
    "Date de naissance": "date_naissance", "Date dernier achat": "date_achat",
    "Montant dernier achat": "montant", "Commentaire": "commentaire",
}
#: Named column sets a lesson asks for: the columns required, and their short names.
PRESETS: dict[str, dict[str, str]] = {"billetterie": EXPECTED_COLUMNS}

_SEPARATORS = (";", ",", "\t", "|")
_SEPARATOR_NAMES = {";": "« ; »", ",": "« , »", "\t": "la tabulation", "|": "« | »"}
_SNIFF_LINES = 60
_SPREADSHEETS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xls": "xls", ".ods": "ods"}
_FORMAT_NAMES = {"texte": "texte (CSV)", "xlsx": "classeur Excel (.xlsx)", "xls": "classeur Excel ancien (.xls)",
                 "ods": "classeur OpenDocument (.ods)"}
_MAGIC = ((b"%PDF", "un document PDF"), (b"\x89PNG", "une image PNG"), (b"\xff\xd8\xff", "une image JPEG"),
          (b"GIF8", "une image GIF"), (b"\x1f\x8b", "un fichier compressé (gzip)"),
          (b"Rar!", "une archive RAR"), (b"7z\xbc\xaf", "une archive 7-Zip"))


class ExportError(ValueError):
    """A French message: what is wrong with the file, and what to do."""


# -- what kind of file ------------------------------------------------------------------------
def _refuse_binary(path: Path, what: str) -> ExportError:
    return ExportError(
        f"Le fichier {path.name} n'est pas un tableau : c'est {what}. Exportez les données depuis "
        "leur logiciel au format CSV (ou enregistrez le classeur en .xlsx), puis lisez ce fichier-là.")


def _kind(raw: bytes, path: Path) -> str:
    """``"texte"``, ``"xlsx"``, ``"xls"`` or ``"ods"`` from the content (not the name)."""
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except zipfile.BadZipFile:
            raise _refuse_binary(path, "une archive zip abîmée (peut-être un classeur incomplet)") from None
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "spreadsheet" in mimetype:
            return "ods"
        if "word/document.xml" in names or "text" in mimetype:
            raise _refuse_binary(path, "un document de traitement de texte")
        raise _refuse_binary(path, "une archive zip")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise _refuse_binary(path, what)
    return "texte"


def _utf16(raw: bytes) -> str | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:4000]
    if len(sample) >= 8:
        even, odd = sample[0::2], sample[1::2]
        if odd.count(0) > 0.3 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        if even.count(0) > 0.3 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
    return None


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
    wide = _utf16(raw)
    if wide:
        try:
            return raw.decode(wide), "utf-16"
        except UnicodeDecodeError:
            pass
    for candidate in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(candidate), ("utf-8" if candidate == "utf-8-sig" else candidate)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"  # never fails: every byte is a character


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f\v")
    return bool(sample) and controls > 0.02 * len(sample)


# -- layout: separator and header line ---------------------------------------------------------
def _fields(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep), [])


def _layout(lines: list[str], sep: str | None) -> tuple[str, int, int]:
    """(separator, index of the header line, number of fields) from the first lines: the
    separator that splits the most lines into the same number (≥ 2) of fields; the header is
    the first line with that number."""
    sample = [(i, line) for i, line in enumerate(lines[:_SNIFF_LINES]) if line.strip()]
    best: tuple[int, int, str] | None = None
    for candidate in ([sep] if sep else _SEPARATORS):
        counts = Counter(len(_fields(line, candidate)) for _, line in sample)
        width, freq = max(counts.items(), key=lambda wf: (wf[1], wf[0]), default=(1, 0))
        if width >= 2 and (best is None or freq > best[0]):
            best = (freq, width, candidate)
    freq, width, chosen = best if best else (0, 1, sep or ";")
    if width < 2:
        return chosen, (sample[0][0] if sample else 0), 1
    header = next((i for i, line in sample if len(_fields(line, chosen)) == width), 0)
    return chosen, header, width


# -- rows ---------------------------------------------------------------------------------------
def _wrong_width(found: int, width: int, cut_at_the_end: bool) -> str:
    if cut_at_the_end and found < width:
        return (f"dernière ligne coupée ({found} champs sur {width}) : le fichier s'arrête au milieu de "
                "cette ligne ; refaites l'export, il a sans doute été interrompu")
    if found > width:
        return (f"{found} champs au lieu de {width} : une valeur contient sans doute le séparateur sans "
                "être entre guillemets")
    return f"{found} champs au lieu de {width} : il manque des valeurs ou des séparateurs"


def _fast_rows(text: str, lines: list[str], header: int, names: list[str], sep: str,
               ends_with_newline: bool) -> tuple[pd.DataFrame, list[dict]] | None:
    """The same result as `_parse_rows` without a Python loop over the fields, when every line is
    a whole record (no quoted value runs over two lines): the lines of the wrong width are found
    by counting separators, and pandas' C parser reads all the others. None otherwise."""
    if any(line.count('"') % 2 for line in lines):
        return None
    width, n = len(names), len(lines)
    counts = [line.count(sep) + 1 if '"' not in line else len(_fields(line, sep)) for line in lines[header + 1:]]
    aside, skip = [], list(range(header + 1))
    for offset, found in enumerate(counts):
        k = header + 1 + offset
        if found == width and lines[k].strip(sep + " \t\r\n"):
            continue
        skip.append(k)
        raw = lines[k].rstrip("\r\n")
        if not raw.strip(sep + " \t"):
            aside.append({"ligne": k + 1, "raison": "ligne vide", "texte": raw})
        else:
            aside.append({"ligne": k + 1, "raison": _wrong_width(found, width, k == n - 1 and not ends_with_newline),
                          "texte": raw})
    if len(skip) == n:
        return pd.DataFrame(columns=names, dtype="str"), aside
    frame = pd.read_csv(io.StringIO(text), sep=sep, header=None, names=names, skiprows=skip, dtype=str,
                        keep_default_na=False, na_values=[""], skip_blank_lines=False, engine="c")
    return frame, aside


def _parse_rows(lines: list[str], start: int, width: int, sep: str, ends_with_newline: bool
                ) -> tuple[list[list[str]], list[dict]]:
    """Kept rows (exactly *width* fields) and rows set aside, each with its line number (from 1)
    and raw text. A record that spans several lines without the right number of fields has a
    quote that is not closed where it should be: its first line is set aside and reading
    resumes on the next line, so one stray quote does not swallow the rows after it."""
    kept: list[list[str]] = []
    aside: list[dict] = []
    n = len(lines)
    i = start
    while i < n:
        reader = csv.reader(lines[i:], delimiter=sep)
        pos = i
        restart = None
        last_first: int | None = None
        last_end = i
        for fields in reader:
            first, pos = pos, i + reader.line_num
            if len(fields) == width and any(fields):
                kept.append(fields)
                last_first, last_end = first, pos
                continue
            last_first = None
            if not any(f.strip() for f in fields):
                aside.append({"ligne": first + 1, "raison": "ligne vide", "texte": lines[first].rstrip("\r\n")})
                continue
            if pos - first > 1:
                aside.append({"ligne": first + 1, "texte": lines[first].rstrip("\r\n"), "raison":
                              "un guillemet ouvert sur cette ligne n'est pas refermé à sa place : la ligne est "
                              "mise de côté et la lecture reprend à la suivante"})
                restart = first + 1
                break
            reason = _wrong_width(len(fields), width, pos >= n and not ends_with_newline)
            aside.append({"ligne": first + 1, "raison": reason, "texte": "".join(lines[first:pos]).rstrip("\r\n")})
        if restart is not None:
            i = restart
            continue
        if last_first is not None:  # an unclosed quote can only run to the end of the file
            first, end = last_first, last_end
            raw = "".join(lines[first:end])
            if raw.count('"') % 2 == 1:
                kept.pop()
                aside.append({"ligne": first + 1, "texte": raw.rstrip("\r\n"), "raison":
                              "guillemet jamais refermé : le fichier s'arrête au milieu d'un champ ; refaites "
                              "l'export, il a sans doute été coupé"})
                if end - first > 1:
                    i = first + 1
                    continue
        break
    return kept, aside


def _cell_text(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "VRAI" if value else "FAUX"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | pd.Timestamp):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _read_sheet(path: Path, kind: str, sheet: str | int | None, warnings: list[str]) -> list[list[str | None]]:
    try:
        book = pd.ExcelFile(path, engine="calamine")
    except ImportError:
        raise ExportError("Pour lire un classeur, le cours utilise le paquet python-calamine, absent de cet "
                          "environnement : relancez « make install », ou enregistrez le classeur en CSV.") from None
    except Exception as exc:  # noqa: BLE001 - any failure of the reader means a damaged workbook
        raise ExportError(f"Le classeur {path.name} n'a pas pu être ouvert ({exc}). Ouvrez-le dans votre "
                          "tableur et enregistrez-le à nouveau, ou exportez-le en CSV.") from None
    with book:  # closes the file, even when the sheet asked for is not there
        return _chosen_sheet(book, path, sheet, warnings)


def _chosen_sheet(book: pd.ExcelFile, path: Path, sheet: str | int | None, warnings: list[str]) -> list[list[str | None]]:
    names = book.sheet_names
    if sheet is None:
        chosen = names[0]
        if len(names) > 1:
            warnings.append(f"Le classeur a {len(names)} feuilles ({', '.join('« ' + n + ' »' for n in names)}) : "
                            f"la première, « {chosen} », a été lue. Pour une autre : feuille=\"{names[1]}\".")
    elif isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise ExportError(f"Le classeur {path.name} a {len(names)} feuilles, numérotées de 0 à {len(names) - 1}.")
        chosen = names[sheet]
    elif sheet in names:
        chosen = sheet
    else:
        raise ExportError(f"Pas de feuille « {sheet} » dans {path.name} : ses feuilles sont "
                          + ", ".join(f"« {n} »" for n in names) + ".")
    frame = pd.read_excel(book, sheet_name=chosen, header=None, dtype=object)
    return [[_cell_text(v) for v in row] for row in frame.itertuples(index=False, name=None)]


def _sheet_layout(rows: list[list[str | None]]) -> tuple[int, int]:
    """(index of the header row, number of columns): the header is the first row with as many
    filled cells as most of the first rows."""
    filled = [(i, sum(v is not None for v in row)) for i, row in enumerate(rows[:_SNIFF_LINES])]
    counts = Counter(c for _, c in filled if c >= 2)
    if not counts:
        return (next((i for i, c in filled if c), 0), 1)
    width = max(counts.items(), key=lambda wc: (wc[1], wc[0]))[0]
    header = next(i for i, c in filled if c >= width)
    last = max(j for j, v in enumerate(rows[header]) if v is not None)
    return header, last + 1


def _sheet_rows(rows: list[list[str | None]], start: int, width: int) -> tuple[list[list], list[dict]]:
    kept, aside = [], []
    for i in range(start, len(rows)):
        row = rows[i]
        if all(v is None for v in row):
            aside.append({"ligne": i + 1, "raison": "ligne vide", "texte": ""})
        elif any(v is not None for v in row[width:]):
            aside.append({"ligne": i + 1, "texte": " | ".join("" if v is None else v for v in row).rstrip(" |"),
                          "raison": "des cellules remplies à droite de la dernière colonne de l'en-tête"})
        else:
            kept.append(row[:width] + [None] * (width - len(row)))
    return kept, aside


# -- columns ------------------------------------------------------------------------------------
def _clean_names(names: list[str], warnings: list[str]) -> list[str]:
    out, seen = [], Counter()
    for k, name in enumerate(names, start=1):
        name = (name or "").strip().lstrip("\ufeff").strip()
        if not name:
            name = f"colonne {k}"
            warnings.append(f"La colonne {k} n'a pas de nom dans l'en-tête : elle s'appelle « {name} ».")
        seen[name] += 1
        if seen[name] > 1:
            renamed = f"{name} ({seen[name]})"
            warnings.append(f"Deux colonnes s'appellent « {name} » : la seconde devient « {renamed} ».")
            name = renamed
        out.append(name)
    return out


def _columns(colonnes) -> tuple[list[str], dict[str, str]]:
    """(required names, renaming) for *colonnes*: None, a preset name, a mapping, or names."""
    if colonnes is None:
        return [], {}
    if isinstance(colonnes, str):
        if colonnes not in PRESETS:
            raise ExportError(f"Jeu de colonnes « {colonnes} » inconnu. Choisissez "
                              + ", ".join(f"« {p} »" for p in PRESETS)
                              + ", donnez vos propres noms de colonnes, ou laissez colonnes=None.")
        preset = PRESETS[colonnes]
        return list(preset), dict(preset)
    if isinstance(colonnes, Mapping):
        return list(colonnes), dict(colonnes)
    return list(colonnes), {}


def _check_required(names: list[str], required: list[str], path: Path) -> None:
    missing = [c for c in required if c not in names]
    if not missing:
        return
    folded = {normalise_text(n): n for n in names}
    hints = [f"« {c} » (peut-être « {folded[normalise_text(c)]} » ?)" if normalise_text(c) in folded else f"« {c} »"
             for c in missing]
    if any("Ã" in n for n in names):
        hint = " Les accents de l'en-tête sont abîmés : le fichier est en UTF-8, lisez-le avec encoding=\"utf-8\"."
    else:
        hint = (" Vérifiez que c'est le bon fichier et qu'aucune colonne n'a été renommée ; pour lire un "
                "autre tableau, laissez colonnes=None.")
    raise ExportError(f"Colonnes manquantes dans {path.name} : {', '.join(hints)}. Colonnes trouvées : "
                      f"{', '.join(names)}.{hint}")


# -- the reader ---------------------------------------------------------------------------------
def read_export(path: str | Path, *, encoding: str | None = None, sep: str | None = None,
                colonnes: str | Mapping[str, str] | Iterable[str] | None = None,
                lignes_avant_entete: int | None = None, feuille: str | int | None = None) -> pd.DataFrame:
    """Read a table exported by any software as text (every column a string, empty cells missing).

    *colonnes*: None reads any table with its columns as written; ``"billetterie"`` requires the
    course export's columns and gives them short names; a mapping ``{"Mail": "email"}`` requires
    and renames those columns; a list of names requires them. The encoding, the separator and the
    header line are guessed unless given (*encoding*, *sep*, *lignes_avant_entete*: the number of
    lines above the header); *feuille* chooses the sheet of a workbook. The original file is only
    read, never modified. Rows that cannot be read are set aside (`set_aside_rows`); what was
    done is in `reading_report`. Raises `ExportError` for a missing, empty or binary file, a
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
    required, renaming = _columns(colonnes)
    warnings: list[str] = []
    frame: pd.DataFrame | None = None
    kind = _kind(raw, path)
    suffix = path.suffix.lower()
    if kind != "texte":
        if _SPREADSHEETS.get(suffix) != kind:
            warnings.append(f"Ce fichier est un {_FORMAT_NAMES[kind]} enregistré sous un nom en « {suffix or 'sans extension'} » : "
                            "il a été lu comme un classeur. Donnez-lui la bonne extension pour éviter la confusion.")
        rows = _read_sheet(path, kind, feuille, warnings)
        if not rows:
            raise ExportError(f"La feuille lue dans {path.name} est vide : choisissez une autre feuille (feuille=…).")
        header, width = _sheet_layout(rows)
        if lignes_avant_entete is not None:
            header = lignes_avant_entete
        skipped = [" | ".join(v for v in row if v) for row in rows[:header]]
        names = _clean_names([v or "" for v in rows[header][:width]], warnings)
        kept, aside = _sheet_rows(rows, header + 1, width)
        used, separator = None, None
    else:
        text, used = _decode(raw, encoding, path)
        if _looks_binary(text):
            raise _refuse_binary(path, "un fichier binaire (des octets qui ne sont pas du texte)")
        if used == "utf-16":
            warnings.append("Le fichier est en UTF-16 (« Texte Unicode » d'Excel) : il a été lu comme tel.")
        lines = text.lstrip("\ufeff").splitlines(keepends=True)
        separator, header, width = _layout(lines, sep)
        if sep is not None:
            guessed, _, guessed_width = _layout(lines, None)
            if guessed != sep and guessed_width > width:
                shown = {"\t": "\\t"}
                raise ExportError(
                    f"Avec sep=\"{shown.get(sep, sep)}\", {path.name} se lit mal ({width} colonne{'s' if width > 1 else ''}) : "
                    f"le séparateur n'est pas {_SEPARATOR_NAMES.get(sep, repr(sep))}. Le fichier semble séparé par "
                    f"{_SEPARATOR_NAMES[guessed]} ({guessed_width} colonnes) : essayez sep=\"{shown.get(guessed, guessed)}\", "
                    "ou laissez sep=None pour que le séparateur soit deviné.")
        if lignes_avant_entete is not None:
            header = lignes_avant_entete
            width = len(_fields(lines[header], separator)) if header < len(lines) else 1
        if width == 1 and (sep is not None or len(required) > 1):
            others = [s for s in _SEPARATORS if s != separator and len(_fields(lines[header], s)) > 1]
            shown = {"\t": "\\t"}
            advice = (f"essayez sep=\"{shown.get(others[0], others[0])}\"" if others else
                      "les exports français utilisent souvent « ; » : essayez sep=\";\"")
            raise ExportError(
                f"Une seule colonne lue dans {path.name} (« {lines[header].strip()[:60]} ») : le séparateur "
                f"n'est pas {_SEPARATOR_NAMES.get(separator, repr(separator))}. {advice[0].upper() + advice[1:]}.")
        if width == 1:
            warnings.append("Une seule colonne lue : si le fichier en a plusieurs, précisez le séparateur "
                            "(sep=\";\", sep=\",\" ou sep=\"\\t\").")
        skipped = [line.rstrip("\r\n") for line in lines[:header]]
        names = _clean_names(_fields(lines[header], separator), warnings)
        ends = text.endswith(("\n", "\r"))
        fast = _fast_rows(text.lstrip("\ufeff"), lines, header, names, separator, ends)
        if fast is None:
            kept, aside = _parse_rows(lines, header + 1, len(names), separator, ends)
        else:
            frame, aside = fast
    if skipped:
        shown = [s for s in skipped if s.strip()]
        what = f" (« {shown[0][:60]} »{' …' if len(shown) > 1 else ''})" if shown else ""
        warnings.append(f"{len(skipped)} ligne{'s' if len(skipped) > 1 else ''} au-dessus de l'en-tête "
                        f"{'ont' if len(skipped) > 1 else 'a'} été sautée{'s' if len(skipped) > 1 else ''}{what} : "
                        f"l'en-tête lu est la ligne {len(skipped) + 1}. Si ce n'est pas le bon, "
                        f"précisez lignes_avant_entete=….")
    _check_required(names, required, path)
    if frame is None:
        frame = pd.DataFrame(kept, columns=names, dtype="str")
        frame = frame.replace("", None) if len(frame) else frame
    df = frame
    df = df.rename(columns=renaming)
    df.attrs.update({
        "fichier": str(path), "format": _FORMAT_NAMES[kind], "encodage": used, "séparateur": separator,
        "lignes avant l'en-tête": len(skipped), "lignes lues": len(df) + len(aside),
        "lignes gardées": len(df), "lignes écartées": aside, "avertissements": warnings,
    })
    return df


def set_aside_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The rows `read_export` could not read: line number in the file, reason, raw text."""
    return pd.DataFrame(table.attrs.get("lignes écartées", []), columns=["ligne", "raison", "texte"])


def reading_report(table: pd.DataFrame) -> str:
    """What `read_export` did, in French: format, encoding, separator, rows read, kept and set
    aside (with why), and every warning."""
    a = table.attrs
    if "lignes lues" not in a:
        return "Ce tableau n'a pas été lu avec read_export : pas de compte rendu de lecture."
    parts = [f"Fichier : {Path(a['fichier']).name} — {a['format']}"
             + (f", encodage {a['encodage']}" if a.get("encodage") else "")
             + (f", séparateur {_SEPARATOR_NAMES.get(a['séparateur'], repr(a['séparateur']))}" if a.get("séparateur") else "")
             + "."]
    aside = a["lignes écartées"]
    parts.append(f"{count(a['lignes lues'], 'ligne lue', 'lignes lues')} sous l'en-tête = "
                 f"{count(a['lignes gardées'], 'gardée', 'gardées')} + {count(len(aside), 'mise de côté', 'mises de côté')}.")
    for reason, times in Counter(r["raison"] for r in aside).most_common():
        lines = [str(r["ligne"]) for r in aside if r["raison"] == reason]
        where = ", ".join(lines[:8]) + (" …" if len(lines) > 8 else "")
        parts.append(f"  - {times} × {reason} (ligne{'s' if times > 1 else ''} {where})")
    parts += [f"Attention : {w}" for w in a["avertissements"]]
    if aside:
        parts.append("Les lignes mises de côté sont dans set_aside_rows(tableau), avec leur texte d'origine.")
    return "\n".join(parts)
