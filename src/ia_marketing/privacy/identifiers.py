"""French identifiers that regular expressions can check: the social security number (NIR),
a date of birth in its context, and an e-mail address written to fool robots.

- **NIR** (numéro d'inscription au répertoire, « numéro de sécu »): 13 characters, then a
  two-digit key, grouped « 1 85 03 75 123 456 78 » or written in one run; sex 1, 2 (3, 4, 7, 8
  for the temporary numbers), year, month, department (two digits, or 2A / 2B for Corsica),
  commune, order number. Accepted only when the key is right: key = 97 − (number mod 97), with
  2A read as 19 and 2B as 18. A random 15-digit number passes once in 97.
- **Date of birth**: a date written « 12/03/1985 », « 12.03.85 », « 1985-03-12 » or « 12 mars
  1985 », right after « né le », « née le », « né(e) le », « date de naissance », « DDN » or
  « naissance : ». A date alone is not a date of birth: only the date is flagged, not the words
  before it.
- **Obfuscated e-mail**: « j.dupont [at] gmail [dot] com », « j.dupont (arobase) gmail.com »,
  « j.dupont arobase gmail point com »: « @ » written as [at], (at), {at}, <at>, « arobase » or
  [@]; dots as [dot], (dot), [point], « dot » or « point ». The plain English « at » counts only
  with a bracketed or spelled-out dot, so that « meet at home.com » is not flagged.
"""

from __future__ import annotations

import re

__all__ = ["find_birth_dates", "find_nirs", "find_obfuscated_emails", "nir_is_valid"]

_SP = "[ \u00a0\u202f.\\-]?"
_NIR_RE = re.compile(
    r"(?<![\w])"
    rf"([1-478]){_SP}(\d\d){_SP}(\d\d){_SP}(\d\d|2[ABab]){_SP}(\d\d\d){_SP}(\d\d\d){_SP}(\d\d)"
    r"(?![\w])")


def nir_is_valid(nir: str) -> bool:
    """Whether *nir* (15 characters, spaces allowed) has the right key."""
    raw = re.sub(r"[\s.\-]", "", nir).upper()
    if len(raw) != 15 or not (raw[:5].isdigit() and raw[7:].isdigit()) or raw[0] not in "123478":
        return False
    body = raw[:13].replace("2A", "19", 1) if raw[5:7] == "2A" else raw[:13].replace("2B", "18", 1) \
        if raw[5:7] == "2B" else raw[:13]
    if not body.isdigit():
        return False
    month = int(raw[3:5])
    if not (1 <= month <= 12 or month == 20 or 30 <= month <= 42 or 50 <= month <= 99):
        return False
    return 97 - int(body) % 97 == int(raw[13:])


def find_nirs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _NIR_RE.finditer(text) if nir_is_valid(m.group())]


_MONTHS = ("janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
           "décembre|decembre")
_DATE = (rf"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})|\d{{4}}-\d{{2}}-\d{{2}}"
         rf"|(?:1er|\d{{1,2}})[ \u00a0](?:{_MONTHS})[ \u00a0]\d{{4}})")
_BIRTH_RE = re.compile(
    r"(?:\bn[ée]{1,2}(?:\s*\(e\)|·e|\.e)?\s+le|\bdate\s+de\s+naissance|\bDDN|\bnaissance)\s*[:：]?\s*"
    rf"({_DATE})(?![\d/])", re.IGNORECASE)


def find_birth_dates(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in _BIRTH_RE.finditer(text)]


def _bracketed(words: str) -> str:
    return r"[\[({<]\s*(?:" + words + r")\s*[\])}>]"


_AT_STRONG = rf"\s*(?:{_bracketed('at|arobase|@')}|\s+arobase\s+)\s*"
_AT_WEAK = r"\s+at\s+"
_DOT_STRONG = rf"\s*(?:{_bracketed('dot|point')}|\s+(?:dot|point)\s+)\s*"
_DOT_ANY = rf"(?:{_DOT_STRONG}|\.)"
_LOCAL = r"(?<![\w.\-])[\w%+\-]+(?:\.[\w%+\-]+)*"
_LABEL = r"[^\W_](?:[\w\-]*[^\W_])?"
_OBFUSCATED_RE = re.compile(
    rf"{_LOCAL}(?P<at>{_AT_STRONG}|{_AT_WEAK}){_LABEL}(?:{_DOT_ANY}{_LABEL})*"
    rf"(?P<last>{_DOT_ANY})[^\W\d_]{{2,}}(?![\w\-])", re.IGNORECASE)
_DOT_FOR_WEAK_AT_RE = re.compile(rf"\s*(?:{_bracketed('dot|point')}|\s+dot\s+)\s*", re.IGNORECASE)


def find_obfuscated_emails(text: str) -> list[tuple[int, int]]:
    """With « arobase » or a bracketed « @ », any dot; with the plain English « at », a dot written
    [dot], (point)… or « dot »: « rendez-vous at le point de vente » is not an address."""
    found = []
    for m in _OBFUSCATED_RE.finditer(text):
        weak_at = re.fullmatch(_AT_WEAK, m.group("at"), re.IGNORECASE)
        if weak_at and not _DOT_FOR_WEAK_AT_RE.search(m.group()[m.end("at") - m.start():]):
            continue
        found.append((m.start(), m.end()))
    return found
