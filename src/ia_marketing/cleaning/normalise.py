"""One form per column: e-mails, phones (E.164, French and foreign), postcodes, dates, names, civilités, amounts.
A value that cannot be read becomes missing; the pipeline records why."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pandas as pd

from ..core.fr import MONTHS
from ..core.text import normalise_text
from .columns import on_uniques, require_text, vector_on_uniques

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
    return vector_on_uniques(require_text(s, "normalise_email"), _emails)


def _phones(u: pd.Series) -> pd.Series:
    # « (0) » and every character but digits and « + » go, and a leading « 00 » (the
    # international prefix dialled from France) is written « + », as in E.164. Then a French
    # number is an optional +33 or 0 followed by exactly nine digits not starting with 0.
    digits = (u.str.replace(r"\(0\)|[^\d+]", "", regex=True)
              .str.replace(r"^00", "+", regex=True))
    nine = digits.str.extract(r"^(?:\+33|0)?([1-9]\d{8})$")[0]
    # Any other country (Monaco +377, Italy +39…) is kept as written: « + », a country code
    # that does not start with 0, and 8 to 15 digits in all (E.164 allows 15 at most). Each
    # country's numbering plan is not checked. A +33 number of the wrong length is refused.
    foreign = digits.str.fullmatch(r"\+(?!33)[1-9]\d{7,14}").fillna(False).astype(bool)
    return ("+33" + nine).where(nine.notna(), digits.where(foreign))


def normalise_phone(s: pd.Series) -> pd.Series:
    """Phone numbers in the E.164 form: French ones as ``+33612345678`` (from « 06 12 34 56 78 »,
    « +33 (0)6… », « 0033… » or nine digits whose leading 0 a spreadsheet ate), foreign ones
    written with their country code as ``+37793000000`` (from « +377 93 00 00 00 » or
    « 00377… »); anything else, which is not a phone number, becomes missing."""
    return vector_on_uniques(require_text(s, "normalise_phone"), _phones)


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
    return on_uniques(require_text(s, "normalise_postcode"), _postcode_one)


#: « janvier » -> 1 … « decembre » -> 12, folded as `normalise_text` folds the dates read.
_MONTHS = {normalise_text(m): i for i, m in enumerate(MONTHS, start=1)}
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
    text = require_text(s, "parse_french_date")
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
    return on_uniques(require_text(s, "normalise_name"), _name_one)


_CIVILITES = {"mme": "Mme", "madame": "Mme", "mlle": "Mme", "mademoiselle": "Mme", "melle": "Mme",
              "m": "M.", "mr": "M.", "monsieur": "M.", "mon": "M."}


def normalise_civilite(s: pd.Series) -> pd.Series:
    """« Mme » or « M. » (« Mlle » becomes « Mme »: the administration dropped « Mademoiselle »
    in 2012); anything else becomes missing."""
    return on_uniques(require_text(s, "normalise_civilite"),
                       lambda v: _CIVILITES.get(re.sub(r"[^a-z]", "", normalise_text(v))))


_AMOUNT_SPACES = re.compile(r"[\s\u00a0\u202f€']|EUR|euros?", re.IGNORECASE)
_AMOUNT_FORMS = (
    # (pattern, thousands separator to remove, decimal separator): the written forms read for sure
    (re.compile(r"[+-]?\d+"), "", "."),
    (re.compile(r"[+-]?\d+,\d+"), "", ","),                           # 1234,5 · 1234,50
    (re.compile(r"[+-]?\d+\.\d+"), "", "."),                          # 1234.5 · 1234.50
    (re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+"), ".", ","),        # 1.234,50 (French, thousands dot)
    (re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\.\d+"), ",", "."),        # 1,234.50 (English)
    (re.compile(r"[+-]?\d{1,3}(?:\.\d{3}){2,}"), ".", ","),          # 1.234.567
    (re.compile(r"[+-]?\d{1,3}(?:,\d{3}){2,}"), ",", "."),           # 1,234,567
)
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3}[.,]\d{3}")                  # 12.345 · 12,345


def amount_problem(value: object) -> str | None:
    """Why *value* is not read as an amount (None when it is, or when it is missing):
    « ambigu » for « 12.345 » (12 345 with a thousands dot, or 12,345?), « non fini » for inf
    or nan written out, « illisible » otherwise."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = _AMOUNT_SPACES.sub("", str(value))
    if not text:
        return None
    if _AMBIGUOUS.fullmatch(text):
        whole, part = re.split(r"[.,]", text.lstrip("+-"))
        return (f"montant ambigu : « {value} » peut valoir {whole} {part} (séparateur des milliers) ou "
                f"{whole},{part} (trois décimales) ; corrigez-le dans le fichier")
    if any(pattern.fullmatch(text) for pattern, _, _ in _AMOUNT_FORMS):
        return None
    if text.lower().lstrip("+-") in {"inf", "infinity", "nan", "infini"}:
        return "montant non fini (infini ou « nan ») : ce n'est pas un montant"
    return "montant illisible"


def parse_amount(s: pd.Series) -> pd.Series:
    """« 1 234,50 », « 1.234,50 », « 1,234.50 », « 36 € » → 1234.5… (float); unreadable,
    ambiguous (« 12.345 ») or non-finite (« inf ») → missing, with the reason in
    `amount_problem`. Negative amounts are kept as read: deciding what they mean is the caller's
    job (`clean_export` sets them aside as invalid)."""
    def one(v: str) -> float | None:
        text = _AMOUNT_SPACES.sub("", str(v))
        if _AMBIGUOUS.fullmatch(text):
            return None
        for pattern, thousands, decimal in _AMOUNT_FORMS:
            if pattern.fullmatch(text):
                return float(text.replace(thousands, "").replace(decimal, ".") if thousands
                             else text.replace(decimal, "."))
        return None
    return on_uniques(require_text(s, "parse_amount"), one).astype("float64")
