"""Reading and cleaning a messy customer export (module 03), with nothing lost.

Every function takes and returns pandas objects and works on whole columns, so that the
reference pipeline cleans a million rows in a few seconds. The rules, in order:

1. `read_export` reads the file as text, whatever its encoding (UTF-8 or Windows-1252) and
   separator (« ; », « , », tabulation), and checks the expected columns. Bad input raises
   `ExportError`, a French message that names the problem and the fix.
2. The normalisers put each column in one form: `normalise_email` (lower case, no spaces,
   typos « @@ », « , » and final « . » corrected), `normalise_phone` (E.164, ``+33…``),
   `normalise_postcode` (five characters, leading zero restored), `parse_french_date` (eight
   written forms), `normalise_name` (capitals, doubly encoded accents repaired),
   `normalise_civilite` (« Mme » or « M. ») and `parse_amount` (decimal comma). A value that
   cannot be read becomes missing, and the cleaning records why.
3. `find_duplicates` links rows that describe the same person: the same record twice, or the
   same names (in any order, with or without hyphens and accents) with the same e-mail,
   phone or birth date.
4. `clean_export` returns the kept rows, the set-aside rows with their reason, and the
   problems found in kept rows: kept + set aside = input, always.

`quality_report` counts missing, invalid and duplicated values per column; `pseudonymise_columns`
replaces identifying columns with keyed pseudonyms (`ia_marketing.privacy.pseudonym`) before
any use of AI; `compare_with_truth` measures the cleaning against the generator's ground truth.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from .checks import normalise_text

__all__ = ["ExportError", "EXPECTED_COLUMNS", "read_export", "normalise_email", "normalise_phone",
           "normalise_postcode", "parse_french_date", "normalise_name", "normalise_civilite",
           "parse_amount", "name_key", "find_duplicates", "CleaningResult", "clean_export",
           "quality_report", "plot_quality", "pseudonymise_columns", "compare_with_truth"]

#: Columns of the ticketing export, as the software writes them, and their short names.
EXPECTED_COLUMNS: dict[str, str] = {
    "N° client": "numero_client", "Civilité": "civilite", "Nom": "nom", "Prénom": "prenom",
    "E-mail": "email", "Téléphone": "telephone", "Code postal": "code_postal", "Ville": "ville",
    "Date de naissance": "date_naissance", "Date dernier achat": "date_achat",
    "Montant dernier achat": "montant", "Commentaire": "commentaire",
}


class ExportError(ValueError):
    """A French message: what is wrong with the file, and what to do."""


# =============================================================================================
# 1. Reading
# =============================================================================================
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


def _require_text(s: pd.Series, what: str) -> pd.Series:
    if not isinstance(s, pd.Series):
        raise ExportError(f"{what} attend une colonne de tableau (pandas Series), pas {type(s).__name__}.")
    if pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s):
        # a column read as numbers (its leading zeros already lost): back to text, keep going
        return s.map(lambda v: v if pd.isna(v) else (str(int(v)) if float(v).is_integer() else str(v)))
    return s


def _vector_on_uniques(s: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply the column function *func* to the distinct values only, then spread the results."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    results = func(pd.Series(np.asarray(uniques, dtype=object), dtype="str")).to_numpy(dtype=object, na_value=None)
    return pd.Series(np.append(results, None)[codes], index=s.index, dtype=object)


def _on_uniques(s: pd.Series, func: Callable[[str], object]) -> pd.Series:
    """Apply *func* once per distinct value (columns of a million rows have few distinct values);
    missing values stay missing."""
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    results = np.array([func(str(v)) for v in uniques] + [None], dtype=object)
    return pd.Series(results[codes], index=s.index, dtype=object)


# =============================================================================================
# 2. Normalisers
# =============================================================================================
EMAIL_RE = re.compile(r"^[a-z0-9](?:[a-z0-9._%+'-]*[a-z0-9_%+-])?@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
                      r"(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$")


def _emails(u: pd.Series) -> pd.Series:
    # Most addresses are already clean: only the others go through the corrections.
    clean = u.str.fullmatch(EMAIL_RE.pattern).fillna(False).to_numpy(dtype=bool)
    out = u.where(clean)
    rest = u[~clean]
    text = (rest.str.replace(r"\s+", "", regex=True).str.lower().str.replace(r"@+", "@", regex=True)
            .str.rstrip(".").str.replace(r",([a-z]{2,})$", r".\1", regex=True))
    out[~clean] = text.where(text.str.fullmatch(EMAIL_RE.pattern).fillna(False).astype(bool))
    return out


def normalise_email(s: pd.Series) -> pd.Series:
    """Lower case, spaces removed, « @@ », « , » before the extension and a final « . »
    corrected; an address still invalid becomes missing."""
    return _vector_on_uniques(_require_text(s, "normalise_email"), _emails)


def _phones(u: pd.Series) -> pd.Series:
    # « (0) » and every character but digits and « + » go; then one pattern decides: an optional
    # +33, 0033 or 0, followed by exactly nine digits not starting with 0.
    digits = u.str.replace(r"\(0\)|[^\d+]", "", regex=True)
    nine = digits.str.extract(r"^(?:\+33|0033|0)?([1-9]\d{8})$")[0]
    return ("+33" + nine).where(nine.notna())


def normalise_phone(s: pd.Series) -> pd.Series:
    """French numbers in the E.164 form ``+33612345678``; anything else becomes missing."""
    return _vector_on_uniques(_require_text(s, "normalise_phone"), _phones)


def _postcode_one(value: str) -> str | None:
    text = re.sub(r"\s", "", str(value))
    if text.endswith(".0"):  # read as a number by a spreadsheet
        text = text[:-2]
    if not text.isdigit():
        return None
    if len(text) == 4:
        text = "0" + text
    return text if len(text) == 5 else None


def normalise_postcode(s: pd.Series) -> pd.Series:
    """Five-character strings: « 6290 » (leading zero lost) becomes « 06290 »."""
    return _on_uniques(_require_text(s, "normalise_postcode"), _postcode_one)


_MONTHS = {m: i for i, m in enumerate(
    ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
     "novembre", "decembre"], start=1)}
_WORD_DATE = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})$")
#: Every numeric form in one pattern: ISO (groups 0-2) or day, month, year (groups 3-5).
_ANY_DATE = (r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2}))"
             r"(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")


def _word_date(value: str) -> date | None:
    """« 12 mars 2024 », « 1er mai 1987 » (accents and capitals ignored)."""
    m = _WORD_DATE.match(normalise_text(str(value).strip()))
    if not m or m.group(2) not in _MONTHS:
        return None
    try:
        return date(int(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def parse_french_date(s: pd.Series, *, latest: date | None = None) -> pd.Series:
    """Dates written « 12/03/2024 », « 12/03/24 », « 12-03-2024 », « 12.03.2024 »,
    « 2024-03-12 », « 12/03/2024 00:00 » or « 12 mars 2024 », as datetime64 (missing when
    unreadable). With *latest*, a two-digit year that would fall after it belongs to the
    previous century (« 05/06/50 » is 1950 for a birth date)."""
    text = _require_text(s, "parse_french_date")
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    u = pd.Series(np.asarray(uniques, dtype=object), dtype="str").str.strip().str.lower()
    parts = u.str.extract(_ANY_DATE)
    iso = parts[0].notna()
    day = parts[3].where(~iso, parts[2])
    month = parts[4].where(~iso, parts[1])
    year_text = parts[5].where(~iso, parts[0])
    found = day.notna()
    year = pd.to_numeric(year_text, errors="coerce")
    two_digits = found & (year_text.str.len() == 2).fillna(False).astype(bool)
    year = year.where(~two_digits, 2000 + year)
    if latest is not None:
        year = year.where(~(two_digits & (year > latest.year)), year - 100)
    built = pd.to_datetime(pd.DataFrame({"year": year[found], "month": pd.to_numeric(month[found]),
                                         "day": pd.to_numeric(day[found])}), errors="coerce")
    out = pd.Series(pd.NaT, index=u.index, dtype="datetime64[ns]")
    out[found] = built
    remaining = out.isna() & ~found & u.notna()
    if remaining.any():  # « 12 mars 2024 »: rare enough to read one by one
        out[remaining] = pd.to_datetime(u[remaining].map(_word_date), errors="coerce")
    values = np.append(out.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    return pd.Series(values[codes], index=s.index)


_MOJIBAKE = re.compile("[ÃÂÅ][\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")


def repair_encoding(text: str) -> str:
    """« HÃ©lÃ¨ne » (UTF-8 read as Windows-1252) back to « Hélène »; other text unchanged."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


#: Small words that stay in lower case inside a hyphenated name: « Saint-Laurent-du-Var ».
_PARTICLES = {"sur", "sous", "de", "du", "des", "la", "le", "les", "en", "et", "lès", "lez", "aux", "au"}


def _capitalise(word: str) -> str:
    parts = word.split("-")
    out = []
    for i, part in enumerate(parts):
        if i and i < len(parts) - 1 and part.lower() in _PARTICLES:
            out.append(part.lower())
        else:
            out.append("'".join(p[:1].upper() + p[1:].lower() for p in part.split("'")))
    return "-".join(out)


def _name_one(value: str) -> str | None:
    text = " ".join(repair_encoding(str(value)).split())
    if not text:
        return None
    return " ".join(_capitalise(w) for w in text.split(" "))


def normalise_name(s: pd.Series) -> pd.Series:
    """« DUPONT » → « Dupont », « jean-pierre » → « Jean-Pierre », « HÃ©lÃ¨ne » → « Hélène ».
    Lost accents cannot be guessed back: « Helene » stays « Helene »."""
    return _on_uniques(_require_text(s, "normalise_name"), _name_one)


_CIVILITES = {"mme": "Mme", "madame": "Mme", "mlle": "Mme", "mademoiselle": "Mme", "melle": "Mme",
              "m": "M.", "mr": "M.", "monsieur": "M.", "mon": "M."}


def normalise_civilite(s: pd.Series) -> pd.Series:
    """« Mme » or « M. » (« Mlle » becomes « Mme »: the administration dropped « Mademoiselle »
    in 2012); anything else becomes missing."""
    return _on_uniques(_require_text(s, "normalise_civilite"),
                       lambda v: _CIVILITES.get(re.sub(r"[^a-z]", "", normalise_text(v))))


def parse_amount(s: pd.Series) -> pd.Series:
    """« 1 234,50 » → 1234.5 (float); unreadable → missing. Negative amounts are kept as read:
    deciding what they mean is the caller's job (`clean_export` sets them aside as invalid)."""
    def one(v: str) -> float | None:
        text = re.sub(r"[\s\u00a0\u202f€]", "", str(v)).replace(",", ".")
        try:
            return float(text)
        except ValueError:
            return None
    return _on_uniques(_require_text(s, "parse_amount"), one).astype("float64")


# =============================================================================================
# 3. Duplicates
# =============================================================================================
def _name_words(value: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z]+", normalise_text(repair_encoding(value))))


def name_key(nom: pd.Series, prenom: pd.Series) -> pd.Series:
    """The names of a row as a key that ignores their order, capitals, accents and hyphens:
    « DUPONT Jean-Pierre » and « Jean Pierre », « Dupont » both give « dupont jean pierre »."""
    words_nom = _on_uniques(nom, _name_words).to_numpy()
    words_prenom = _on_uniques(prenom, _name_words).to_numpy()
    keys = [" ".join(sorted((a or ()) + (b or ()))) or None for a, b in zip(words_nom, words_prenom)]
    return pd.Series(keys, index=nom.index, dtype=object)


def _components(n: int, pairs: list[np.ndarray]) -> np.ndarray:
    """For each row, the first row (smallest position) of the group it is linked to by *pairs*."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    edges = np.concatenate(pairs) if pairs else np.empty((0, 2), dtype=np.int64)
    graph = coo_matrix((np.ones(len(edges), dtype=np.int8), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return pd.Series(np.arange(n)).groupby(labels).transform("min").to_numpy()


#: Two rows with the same names are the same person when they also share one of these
#: groups of values. A phone or a birth date alone is not enough in a large file: namesakes
#: share them by chance (there are only about 27 000 possible birth dates). Measured on the
#: 1 M-row export: precision 99,9 %, recall 98,8 % (with any single value: 99,0 % and 99,8 %,
#: that is 788 rows of other people set aside as duplicates).
DUPLICATE_RULES: tuple[tuple[str, ...], ...] = (("email",), ("telephone", "date_naissance"),
                                                 ("telephone", "code_postal"))


def find_duplicates(raw: pd.DataFrame, clean: pd.DataFrame,
                    rules: Sequence[tuple[str, ...]] = DUPLICATE_RULES) -> pd.DataFrame:
    """For each row, the position of the first row describing the same person (itself if none)
    and the kind of link: « exact » (the same record twice) or « approché » (the same names in
    any form, and the same values for one of the *rules*: by default the same e-mail, or the
    same phone and either the same birth date or the same postcode).

    *raw* is the export as read; *clean* has the normalised ``email``, ``telephone``,
    ``date_naissance`` and the ``cle_nom`` from `name_key`. Both share their index.
    """
    n = len(raw)
    positions = np.arange(n)
    # An exact copy repeats the customer number: only rows sharing one are compared in full
    # (identical rows have identical 64-bit hashes).
    first_of_group = positions.copy()
    shared = raw.iloc[:, 0].duplicated(keep=False).to_numpy()
    if shared.any():
        row_hash = pd.util.hash_pandas_object(raw[shared], index=False).to_numpy()
        first_of_group[shared] = pd.Series(positions[shared]).groupby(row_hash).transform("min").to_numpy()
    pairs = [np.column_stack([positions, first_of_group])[first_of_group != positions]]
    codes = {c: pd.factorize(clean[c], use_na_sentinel=True)[0].astype(np.int64)
             for c in {"cle_nom", *(c for rule in rules for c in rule)}}
    for rule in rules:
        combined = codes["cle_nom"].copy()
        known = combined >= 0
        for column in rule:
            value_codes = codes[column]
            known &= value_codes >= 0
            combined = combined * (int(value_codes.max()) + 2) + value_codes
        if not known.any():
            continue
        combined = combined[known]
        pos = positions[known]
        first = pd.Series(pos).groupby(combined).transform("min").to_numpy()
        linked = pos != first
        pairs.append(np.column_stack([pos[linked], first[linked]]))
    root = _components(n, [p for p in pairs if len(p)])
    kind = np.where(root == positions, "", np.where(first_of_group == positions, "approché", "exact"))
    # a row linked only through an exact copy of an approximate duplicate is still approximate
    kind = np.where((kind == "exact") & (root != first_of_group), "approché", kind)
    return pd.DataFrame({"premiere_ligne": root, "doublon": kind}, index=raw.index)


# =============================================================================================
# 4. The pipeline
# =============================================================================================
@dataclass
class CleaningResult:
    """What `clean_export` gives back. ``len(kept) + len(set_aside) == len(input)``, always."""

    kept: pd.DataFrame
    set_aside: pd.DataFrame
    problems: pd.DataFrame
    n_input: int
    durations: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        reasons = self.set_aside["raison"].value_counts()
        lines = [f"{self.n_input} lignes lues : {len(self.kept)} gardées, {len(self.set_aside)} mises de côté."]
        lines += [f"  - {reason} : {count}" for reason, count in reasons.items()]
        if len(self.problems):
            lines.append(f"Valeurs rejetées dans les lignes gardées : {len(self.problems)}")
            lines += [f"  - {p} : {c}" for p, c in self.problems["probleme"].value_counts().items()]
        return "\n".join(lines)


def _check_columns(df: pd.DataFrame, needed: Sequence[str]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise ExportError(f"clean_export attend un tableau pandas (DataFrame), pas {type(df).__name__}.")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ExportError(f"Colonnes manquantes : {', '.join(missing)}. Lisez le fichier avec read_export, "
                          "qui renomme les colonnes de l'export (« E-mail » devient « email »…).")


def clean_export(raw: pd.DataFrame, *, today: date | None = None) -> CleaningResult:
    """Normalise every column, set duplicates aside with their reason, record rejected values.

    Rows set aside: exact duplicates, probable duplicates (see `find_duplicates`) and rows
    without any name. Values rejected inside kept rows (the row stays, the value becomes
    missing, the problem is listed in ``problems``): unreadable e-mail, phone, postcode or
    date, birth dates after *today*, negative or unreadable amounts.
    """
    needed = list(EXPECTED_COLUMNS.values())
    _check_columns(raw, needed)
    today = today or date.today()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    clean = pd.DataFrame(index=raw.index)
    clean["numero_client"] = raw["numero_client"]
    clean["civilite"] = normalise_civilite(raw["civilite"])
    clean["nom"] = normalise_name(raw["nom"])
    clean["prenom"] = normalise_name(raw["prenom"])
    clean["email"] = normalise_email(raw["email"])
    clean["telephone"] = normalise_phone(raw["telephone"])
    clean["code_postal"] = normalise_postcode(raw["code_postal"])
    clean["ville"] = normalise_name(raw["ville"])
    clean["date_naissance"] = parse_french_date(raw["date_naissance"], latest=today)
    clean["date_achat"] = parse_french_date(raw["date_achat"], latest=today)
    clean["montant"] = parse_amount(raw["montant"])
    clean["commentaire"] = raw["commentaire"]
    timings["normalisation"] = time.perf_counter() - start

    # values that were there but could not be kept
    problems = []
    for column, label in (("civilite", "civilité illisible"), ("email", "e-mail invalide"),
                          ("telephone", "téléphone invalide"), ("code_postal", "code postal invalide"),
                          ("date_naissance", "date de naissance illisible"),
                          ("date_achat", "date d'achat illisible"), ("montant", "montant illisible")):
        bad = raw[column].notna() & clean[column].isna()
        problems.append(pd.DataFrame({"ligne": raw.index[bad], "colonne": column, "valeur": raw.loc[bad, column],
                                      "probleme": label}))
    future = clean["date_naissance"] > pd.Timestamp(today)
    problems.append(pd.DataFrame({"ligne": raw.index[future], "colonne": "date_naissance",
                                  "valeur": raw.loc[future, "date_naissance"], "probleme": "naissance dans le futur"}))
    clean.loc[future, "date_naissance"] = pd.NaT
    negative = clean["montant"] < 0
    problems.append(pd.DataFrame({"ligne": raw.index[negative], "colonne": "montant",
                                  "valeur": raw.loc[negative, "montant"], "probleme": "montant négatif"}))
    clean.loc[negative, "montant"] = np.nan

    start = time.perf_counter()
    clean["cle_nom"] = name_key(raw["nom"], raw["prenom"])
    links = find_duplicates(raw, clean)
    timings["doublons"] = time.perf_counter() - start

    positions = np.arange(len(raw))
    first_line = raw.index.to_numpy()[links["premiere_ligne"].to_numpy()]
    reason = pd.Series(None, index=raw.index, dtype=object)
    is_dup = links["premiere_ligne"].to_numpy() != positions
    exact = is_dup & (links["doublon"].to_numpy() == "exact")
    reason[exact] = "doublon exact"
    reason[is_dup & ~exact] = "doublon probable"
    reason[reason.isna() & clean["cle_nom"].isna()] = "nom et prénom manquants"
    set_aside_mask = reason.notna().to_numpy()

    kept = clean.loc[~set_aside_mask].drop(columns="cle_nom")
    set_aside = raw.loc[set_aside_mask].copy()
    set_aside["raison"] = reason[set_aside_mask]
    set_aside["ligne_gardee"] = np.where(is_dup[set_aside_mask], first_line[set_aside_mask], None)
    problems_df = pd.concat(problems, ignore_index=True)
    problems_df = problems_df[problems_df["ligne"].isin(kept.index)].reset_index(drop=True)
    assert len(kept) + len(set_aside) == len(raw)
    return CleaningResult(kept, set_aside, problems_df, len(raw), timings)


# =============================================================================================
# 5. Report, pseudonyms, measure against the truth
# =============================================================================================
_VALIDATORS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "civilite": normalise_civilite, "email": normalise_email, "telephone": normalise_phone,
    "code_postal": normalise_postcode, "date_naissance": parse_french_date,
    "date_achat": parse_french_date, "montant": parse_amount,
}


def quality_report(raw: pd.DataFrame) -> pd.DataFrame:
    """Per column: missing values, values present but unreadable (for the columns that have a
    rule), and values shared by several rows (for columns that should identify a person)."""
    rows = []
    for column in raw.columns:
        s = raw[column]
        missing = int(s.isna().sum())
        invalid = None
        if column in _VALIDATORS:
            invalid = int((s.notna() & _VALIDATORS[column](s).isna()).sum())
        duplicated = int(s.dropna().duplicated().sum()) if column in ("numero_client", "email", "telephone") else None
        rows.append({"colonne": column, "manquantes": missing, "invalides": invalid,
                     "en double": duplicated, "% manquantes": round(100 * missing / max(len(s), 1), 1)})
    return pd.DataFrame(rows).set_index("colonne")


def plot_quality(report: pd.DataFrame, ax=None):
    """Missing and invalid values per column, as horizontal bars."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    shown = report[["manquantes", "invalides"]].fillna(0).astype(int)
    shown.plot.barh(ax=ax, stacked=True, color=["#bdbdbd", "#d95f0e"])
    ax.invert_yaxis()
    ax.set_xlabel("nombre de lignes")
    ax.set_ylabel("")
    ax.set_title("Qualité de l'export : valeurs manquantes et invalides par colonne", fontsize=11)
    ax.legend(["manquantes", "invalides"], fontsize=8)
    ax.figure.tight_layout()
    return ax.figure


def pseudonymise_columns(df: pd.DataFrame, columns: Sequence[str], salt: str | bytes, *,
                         drop: Sequence[str] = ()) -> pd.DataFrame:
    """A copy of *df* where each of *columns* is replaced by a keyed pseudonym (HMAC-SHA-256 with
    *salt*, see `ia_marketing.privacy.pseudonym`) and the *drop* columns are removed
    (minimisation). The same value always gets the same pseudonym, so rows can still be
    counted and linked; the original table is not modified."""
    from .privacy import pseudonym

    missing = [c for c in [*columns, *drop] if c not in df.columns]
    if missing:
        raise ExportError(f"Colonnes inconnues : {', '.join(missing)}. Colonnes du tableau : "
                          f"{', '.join(map(str, df.columns))}.")
    out = df.drop(columns=list(drop)).copy()
    for column in columns:
        out[column] = _on_uniques(out[column].astype(object).where(out[column].notna(), None).map(
            lambda v: v if v is None else str(v)), lambda v: pseudonym(v, salt))
    return out


def compare_with_truth(result: CleaningResult, raw: pd.DataFrame, truth: pd.DataFrame) -> dict[str, object]:
    """Measure the cleaning against the generator's ground truth.

    Returns, per field, the share of values equal to the truth after cleaning among the kept
    rows where the export had a value (``valeurs_restaurees``) and among all kept rows, missing
    values counting as wrong (``valeurs_justes_y_compris_manquantes``); and the precision and
    recall of duplicate detection (a row set aside as a duplicate is
    right when the truth says it duplicates an earlier row).
    """
    truth = truth.set_index(raw.index)
    kept = result.kept
    t = truth.loc[kept.index]
    fields = {
        "civilite": (kept["civilite"], t["civilite"]),
        "nom": (kept["nom"], t["nom"]),
        "prenom": (kept["prenom"], t["prenom"]),
        "email": (kept["email"], t["email"]),
        "telephone": (kept["telephone"], t["telephone"]),
        "code_postal": (kept["code_postal"], t["code_postal"]),
        "date_naissance": (kept["date_naissance"].dt.strftime("%Y-%m-%d"), t["date_naissance"]),
        "date_achat": (kept["date_achat"].dt.strftime("%Y-%m-%d"), t["date_achat"]),
        "montant": (kept["montant"].map(lambda v: None if pd.isna(v) else f"{v:.2f}"), t["montant"]),
    }
    restored, overall = {}, {}
    for name, (got, want) in fields.items():
        known = want.notna() & (want.astype(str) != "")
        right = got.astype(object) == want.astype(object)
        overall[name] = float(right[known].mean())
        present = known & raw.loc[kept.index, name].notna()
        restored[name] = float(right[present].mean())
    predicted = set(result.set_aside.index[result.set_aside["raison"].str.startswith("doublon")])
    actual = set(truth.index[truth["doublon_de"].notna() & (truth["doublon_de"].astype(str) != "")])
    true_positive = len(predicted & actual)
    return {
        "valeurs_restaurees": restored, "valeurs_justes_y_compris_manquantes": overall,
        "doublons_precision": true_positive / len(predicted) if predicted else 1.0,
        "doublons_rappel": true_positive / len(actual) if actual else 1.0,
        "doublons_trouves": len(predicted), "doublons_reels": len(actual),
    }
