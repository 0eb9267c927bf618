"""Find personal data in a text: e-mails (plain or obfuscated), French phone numbers, IBANs,
social security numbers, dates of birth, postal addresses, names of people from the customer
file and names found by spaCy's French model; and mask what was found.

See the package docstring for what is detected and the known limits.
"""

from __future__ import annotations

import bisect
import re
import threading
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..core.text import fold
from .identifiers import find_birth_dates, find_nirs, find_obfuscated_emails
from .ner import find_people

# -- kinds ----------------------------------------------------------------------------------
EMAIL = "adresse e-mail"
PHONE = "numéro de téléphone"
IBAN = "IBAN"
ADDRESS = "adresse postale"
CUSTOMER = "nom de client"
PERSON = "nom de personne"
NIR = "numéro de sécurité sociale"
BIRTH = "date de naissance"

#: French kind -> code used in placeholders such as ``[EMAIL_1]``.
CODES: dict[str, str] = {EMAIL: "EMAIL", PHONE: "TEL", IBAN: "IBAN", ADDRESS: "ADRESSE",
                         CUSTOMER: "PERSONNE", PERSON: "PERSONNE", NIR: "NIR", BIRTH: "NAISSANCE"}

#: When two findings overlap, the first kind in this order wins.
PRIORITY = {IBAN: 0, EMAIL: 1, NIR: 2, PHONE: 3, BIRTH: 4, ADDRESS: 5, CUSTOMER: 6, PERSON: 7}


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text: ``text == source[start:end]``."""

    kind: str
    text: str
    start: int
    end: int

    @property
    def code(self) -> str:
        """Short code used in placeholders: EMAIL, TEL, IBAN, NIR, NAISSANCE, ADRESSE or PERSONNE."""
        return CODES[self.kind]

    @property
    def masked(self) -> str:
        """The value with most characters hidden, safe to show in a message."""
        return mask(self)


# -- text helpers ---------------------------------------------------------------------------
#: Spaces a French text may contain (ordinary, non-breaking, narrow non-breaking).
_SP = " \u00a0\u202f"

# -- e-mail ---------------------------------------------------------------------------------
EMAIL_RE = re.compile(
    r"(?<![\w.%+\-])"
    r"[\w%+\-]+(?:\.[\w%+\-]+)*"                       # local part (no leading/double dot)
    r"@"
    r"(?:[^\W_](?:[\w\-]*[^\W_])?\.)+"                 # domain labels, sub-domains
    r"[^\W\d_]{2,}"                                    # top-level domain: letters
    r"(?![\w\-]|\.[^\W_])"
)


def _find_emails(text: str) -> list[Finding]:
    """E-mail addresses: ``local@domain.tld`` with letters, digits, ``. _ % + -`` in the local
    part, any number of sub-domains and a top-level domain of two letters or more; and the same
    written to fool robots (« j.dupont [at] gmail [dot] com », see `identifiers`)."""
    found = [Finding(EMAIL, m.group(), m.start(), m.end()) for m in EMAIL_RE.finditer(text)]
    return found + [Finding(EMAIL, text[a:b], a, b) for a, b in find_obfuscated_emails(text)]


def _spans(kind: str, text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    return [Finding(kind, text[a:b], a, b) for a, b in spans]


# -- phone numbers --------------------------------------------------------------------------
_PS = f"[{_SP}.\\-]"  # one separator between digit groups
_PHONE_RE = re.compile(
    r"(?:"
    # international: +33 / 0033 (and overseas codes), optional (0) or 0, then 9 digits
    rf"(?:\+|00)[{_SP}]?(?:33|262|508|590|594|596){_PS}?"
    rf"(?:\(0\)[{_SP}]?|0{_PS}?)?[1-9](?:{_PS}?\d){{8}}"
    # national: 0X then 8 digits, either glued or in pairs with a separator
    rf"|0[1-9](?:\d{{8}}|(?:{_PS}\d\d){{4}})"
    # special numbers written 0 800 12 34 56 or 0 800 123 456
    rf"|0[{_SP}][89]\d\d(?:(?:[{_SP}.]\d\d){{3}}|[{_SP}.]\d{{3}}[{_SP}.]\d{{3}})"
    # any other country (Monaco +377, Italy +39…): + or 00, a code not starting with 0, 8 to 15
    # digits in all (E.164), as the module 03 cleaner keeps them
    rf"|(?:\+|00)[{_SP}]?(?!33|262|508|590|594|596)[1-9](?:{_PS}?\d){{7,14}}"
    r")"
)
#: A run of digit groups (with the separators and brackets phone numbers are written with).
_DIGIT_RUN_RE = re.compile(rf"(?<![\w+])(?:\+|(?=\d))[\d{_SP}.\-()]*\d(?!\w)")
_BETWEEN_PHONES = set(_SP + ".-()")


def _find_phones(text: str) -> list[Finding]:
    """Phone numbers, French and foreign.

    National: ``0`` + a digit 1-9 + 8 digits, glued (``0612345678``) or in pairs separated by a
    space, a non-breaking space, a dot or a hyphen (``06 12 34 56 78``, ``06.12.34.56.78``).
    International: ``+33`` or ``0033`` (or +262, +508, +590, +594, +596), an optional ``(0)``
    or ``0``, then 9 digits with or without separators (``+33 6 12 34 56 78``,
    ``+33 (0)6 12 34 56 78``, ``+33612345678``). Special numbers ``0 800 12 34 56``. Foreign
    numbers: ``+`` or ``00``, another country code, 8 to 15 digits in all (``+377 93 00 00 00``,
    ``0039 06 0000 0000``).

    A run of digit groups counts only if it splits exactly into phone numbers: two numbers
    side by side are both found, but « 06 12 34 56 78 90 », a number glued to letters or
    digits (order number, IBAN) or a schedule « 09.30 10.00 12.30 » is not a phone. Dates
    (``12/10/2025``), prices (``24,50``) and times (``20:30``) never match: slashes, commas
    and colons are not separators.
    """
    found: list[Finding] = []
    for run in _DIGIT_RUN_RE.finditer(text):
        pos, end, phones = run.start(), run.end(), []
        while pos < end:
            m = _PHONE_RE.match(text, pos, end)
            if m is None or (m.end() < end and text[m.end()] not in _BETWEEN_PHONES):
                phones = []
                break
            phones.append(Finding(PHONE, m.group(), m.start(), m.end()))
            pos = m.end()
            while pos < end and text[pos] in _BETWEEN_PHONES:
                pos += 1
        found += phones
    return found


# -- IBAN -----------------------------------------------------------------------------------
#: Length of the IBAN of each country (ISO 13616 registry, SEPA area and neighbours).
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
    "BR": 29, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18, "DO": 28, "EE": 20,
    "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18,
    "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IS": 26, "IT": 27, "JO": 30,
    "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MA": 28,
    "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15,
    "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SE": 24,
    "SI": 19, "SK": 24, "SM": 27, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}

_IBAN_START_RE = re.compile(r"(?<![^\W_])([A-Za-z]{2})(\d\d)")
_IBAN_SEPARATORS = _SP + "-"


def iban_is_valid(iban: str) -> bool:
    """True when *iban* (spaces allowed) has its country's length and a valid mod-97 checksum."""
    compact = re.sub(rf"[{_IBAN_SEPARATORS}]", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d\d[A-Z0-9]+", compact):
        return False
    if IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _find_ibans(text: str) -> list[Finding]:
    """IBANs: two letters of a known country, two check digits, then exactly the number of
    characters of that country (``FR`` : 27 in all), glued or in groups separated by single
    spaces or hyphens. Kept only when the mod-97 checksum is right, so a product reference
    that merely looks like an IBAN is not flagged."""
    found: list[Finding] = []
    for m in _IBAN_START_RE.finditer(text):
        expected = IBAN_LENGTHS.get(m.group(1).upper())
        if expected is None:
            continue
        count, pos, end = 4, m.end(), len(text)
        while count < expected and pos < end:
            c = text[pos]
            if c.isascii() and c.isalnum():
                count += 1
                pos += 1
            elif (c in _IBAN_SEPARATORS and pos + 1 < end and text[pos + 1].isascii()
                  and text[pos + 1].isalnum() and text[pos - 1].isalnum()):
                pos += 1
            else:
                break
        if count != expected or (pos < end and text[pos].isalnum()):
            continue
        candidate = text[m.start():pos]
        if iban_is_valid(candidate):
            found.append(Finding(IBAN, candidate, m.start(), pos))
    return found


# -- postal addresses -----------------------------------------------------------------------
# Street types that are unambiguous after a house number: any street name may follow.
_STRONG_TYPES = (
    r"rue|ruelle|avenue|av\.?|boulevard|bd\.?|bld\.?|bvd\.?|boul\.?|all[ée]e|all\.|impasse|imp\.|"
    r"chemin|ch\.|quai|faubourg|fbg\.?|lieu[- ]dit|rond[- ]point|esplanade|venelle|"
    r"mont[ée]e|traverse"
)
# Street types that are also ordinary words (« 1 place offerte », « 3 cours de danse »): the
# street name must then start with a capital letter (« 5 place Masséna », « cours Saleya »).
_WEAK_TYPES = (
    r"place|pl\.|cours|route|rte\.?|square|sq\.|passage|voie|cit[ée]|r[ée]sidence|lotissement|"
    r"hameau|villa|galerie|clos|domaine|mail|promenade|parvis|quartier|sentier|all[ée]es|"
    r"corniche|carrefour|port"
)
_ADDRESS_START_RE = re.compile(
    r"(?<![\w.,/:\-])"
    rf"\d{{1,4}}(?:[-–]\d{{1,4}})?"                       # 12, 3-5
    rf"(?:[{_SP}]?(?i:bis|ter|quater|[a-d])(?![\w]))?"    # 3 bis, 3bis, 12 B
    r"(?:(?<!\d\d\d\d),)?"                             # « 5, place » but not « En 2025, rue »
    rf"[{_SP}]+"
    rf"(?:(?P<strong>(?i:{_STRONG_TYPES}))|(?P<weak>(?i:{_WEAK_TYPES})))"
    r"(?![\w])"
)
_ADDRESS_TOKEN_RE = re.compile(
    rf"[{_SP}]+(?:(?P<num>\d{{1,4}}(?:er|e|ème)?)(?![\w])"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*['’]?))"
)
_POSTCODE_TOWN_RE = re.compile(
    rf"(?:,?[{_SP}]*\n?[{_SP}]*|[{_SP}]*[-–][{_SP}]*)"
    rf"(?P<cp>\d{{5}}|\d\d[{_SP}]\d{{3}})(?![\d])"
    rf"(?P<town>[{_SP}]+[^\W\d_a-zà-ÿ][\w'’]*(?:-[\w'’]+)*(?:[{_SP}]+(?i:cedex)(?:[{_SP}]+\d{{1,2}})?)?)?"
)
_PARTICLES = {"de", "du", "des", "la", "le", "les", "l'", "d'", "l’", "d’", "au", "aux",
              "en", "sur", "sous", "et"}
_MAX_STREET_TOKENS = 8


def _starts_upper(word: str) -> bool:
    core = re.sub(r"^[dl]['’]", "", word, flags=re.IGNORECASE) or word
    return core[:1].isupper()


def _find_addresses(text: str) -> list[Finding]:
    """French postal addresses.

    A house number (``12``, ``3 bis``, ``3-5``, ``5,``), a street type (``rue``, ``avenue``,
    ``bd``, ``place``, ``allée``, ``chemin``, ``impasse``, ``quai``, ``cours``…) then the street
    name: particles (de, du, des, la, d'…), numbers (« rue du 8 Mai ») and words; after the
    first word, only capitalised words continue the name, so « 12 rue des Lilas pour le
    concert » stops at « Lilas ». After a street type that is also an ordinary word (place,
    cours, route, villa…), the first word must be capitalised: « 1 place offerte » and
    « 3 cours de danse » are not addresses. An optional postcode (``06290`` or ``06 290``)
    and town (« Port-Rivage », « Nice Cedex 2 ») complete the address, on the same line or
    the next one. A postcode alone or a street without a number is not flagged.
    """
    found: list[Finding] = []
    for m in _ADDRESS_START_RE.finditer(text):
        weak = m.group("weak") is not None
        pos, last_end, content = m.end(), None, 0
        for _ in range(_MAX_STREET_TOKENS):
            t = _ADDRESS_TOKEN_RE.match(text, pos)
            if t is None:
                break
            if t.group("num") is not None:
                pos = t.end()  # kept only if a word follows
                continue
            word = t.group("word")
            if fold(word) in _PARTICLES:
                pos = t.end()
                continue
            if content == 0 and weak and not _starts_upper(word):
                break
            if content > 0 and not _starts_upper(word):
                break
            content += 1
            pos = last_end = t.end()
        if last_end is None:
            continue
        tail = _POSTCODE_TOWN_RE.match(text, last_end)
        end = tail.end() if tail else last_end
        found.append(Finding(ADDRESS, text[m.start():end], m.start(), end))
    return found


# -- names from the customer file -----------------------------------------------------------
_NAME_TOKEN_RE = re.compile(r"[^\W\d_]+")
_GAP_INSIDE_RE = re.compile(rf"[{_SP}\-'’]{{1,3}}")          # « Le Roux », « Jean-Pierre »
_GAP_BETWEEN_RE = re.compile(r"\s+|\s*[,;|]\s*")              # « Julien Bailly », « Bailly, Julien »


class _NameIndex:
    """Full names as tuples of folded words, with where the second part starts."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.keys: dict[tuple[str, ...], set[int]] = {}
        self.max_words = 0

    def add(self, first: Sequence[str], second: Sequence[str] | None = None) -> None:
        words = tuple(first) + tuple(second or ())
        if len(words) < 2:
            return  # a single word (a first name alone) is never flagged
        split = len(first) if second else -1  # -1: as written, no prénom/nom boundary
        self.keys.setdefault(words, set()).add(split)
        self.max_words = max(self.max_words, len(words))

    def __len__(self) -> int:
        return len(self.keys)


def name_words(text: str) -> list[str]:
    return [fold(w) for w in _NAME_TOKEN_RE.findall(str(text))]


def _build_index(names: Any, kind: str) -> _NameIndex:
    index = _NameIndex(kind)
    if isinstance(names, str):  # one full name
        names = [names]
    if hasattr(names, "columns"):  # a DataFrame with prenom / nom columns
        if not {"prenom", "nom"} <= set(names.columns):
            raise ValueError("known_names : le tableau doit avoir les colonnes « prenom » et « nom ».")
        names = zip(names["prenom"], names["nom"])
    for item in names:
        if isinstance(item, str):
            words = name_words(item)
            index.add(words)
            if len(words) == 2:
                index.add(words[::-1])
        elif isinstance(item, Sequence) and len(item) == 2:
            first, last = (name_words(part) if part == part and part is not None else [] for part in item)
            if first and last:
                index.add(first, last)
                index.add(last, first)
        else:
            raise ValueError(
                "known_names doit contenir des noms complets (« Julien Bailly ») ou des couples "
                "(prénom, nom), par exemple [(\"Julien\", \"Bailly\")].")
    return index


_customer_lock = threading.Lock()
_customer_cache: dict[str, Any] = {}


def customer_names() -> frozenset[tuple[str, str]]:
    """The (prénom, nom) pairs of the customer file ``load("spectateurs")``, loaded once.

    If the file cannot be loaded, a French warning is shown and names are not checked (the
    other kinds of personal data still are).
    """
    with _customer_lock:
        if "pairs" not in _customer_cache:
            try:
                from ..data import load

                frame = load("spectateurs")
                pairs = frozenset(zip(frame["prenom"].astype(str), frame["nom"].astype(str)))
            except Exception as exc:  # noqa: BLE001 - the guard must keep working without the file
                warnings.warn(
                    "Le fichier clients (spectateurs) n'a pas pu être chargé : les noms de clients "
                    f"ne seront pas repérés dans les prompts comme tels ({exc}). Les noms que le modèle "
                    "français reconnaît, les e-mails, téléphones, IBAN, numéros de sécurité sociale, dates "
                    "de naissance et adresses le sont toujours.", RuntimeWarning, stacklevel=3)
                pairs = frozenset()
            _customer_cache["pairs"] = pairs
            _customer_cache["index"] = _build_index(pairs, CUSTOMER)
        return _customer_cache["pairs"]


def _customer_index() -> _NameIndex:
    customer_names()
    return _customer_cache["index"]


def _find_names(text: str, index: _NameIndex) -> list[Finding]:
    """Known full names, as whole words, in either order (« Julien Bailly », « BAILLY Julien »,
    « Bailly, Julien »), whatever the case and accents (« Helene » finds « Hélène »). Inside a
    compound name, words may be separated by a space, a hyphen or an apostrophe; between the
    first name and the last name, by spaces or a comma / semicolon (a pasted table row)."""
    if not len(index):
        return []
    tokens = list(_NAME_TOKEN_RE.finditer(text))
    folded = [fold(t.group()) for t in tokens]
    found: list[Finding] = []
    i = 0
    while i < len(tokens):
        match_end = None
        for n in range(min(index.max_words, len(tokens) - i), 1, -1):
            splits = index.keys.get(tuple(folded[i:i + n]))
            if not splits:
                continue
            for split in splits:
                ok = True
                for j in range(i + 1, i + n):
                    gap = text[tokens[j - 1].end():tokens[j].start()]
                    between = split >= 0 and j - i == split
                    rule = _GAP_BETWEEN_RE if between else _GAP_INSIDE_RE
                    if not rule.fullmatch(gap):
                        ok = False
                        break
                if ok:
                    match_end = i + n
                    break
            if match_end is not None:
                break
        if match_end is None:
            i += 1
            continue
        start, end = tokens[i].start(), tokens[match_end - 1].end()
        found.append(Finding(index.kind, text[start:end], start, end))
        i = match_end
    return found


# -- all together ---------------------------------------------------------------------------
def _name_index_for(known_names: Any) -> _NameIndex:
    if known_names is None:
        return _customer_index()
    return _build_index(known_names, PERSON)


def find_personal_data(text: str, *, known_names: Any = None, not_names: Sequence[str] = (),
                       model_names: bool = True) -> list[Finding]:
    """Every piece of personal data in *text*, in reading order, without overlaps.

    *known_names*: the people whose names to look for. By default, the customer file
    (``load("spectateurs")``, loaded once). Otherwise a DataFrame with ``prenom`` and ``nom``
    columns, (prénom, nom) couples (found in both orders), or full names as strings (found as
    written; two-word names in both orders). Other people's names are found by spaCy's French
    model (`ner`); *not_names* lists names that are not people (a venue's show titles, its
    partners…), which it then leaves alone; ``model_names=False`` turns the model off. An empty
    *known_names* turns all name detection off.
    """
    if not isinstance(text, str):
        raise TypeError(f"Le texte à vérifier doit être une chaîne de caractères, pas {type(text).__name__}.")
    names_on = not (known_names is not None and not isinstance(known_names, str) and not hasattr(known_names, "columns")
                    and len(known_names) == 0)
    candidates = (_find_ibans(text) + _find_emails(text) + _spans(NIR, text, find_nirs(text)) + _find_phones(text)
                  + _spans(BIRTH, text, find_birth_dates(text))
                  + _find_addresses(text) + _find_names(text, _name_index_for(known_names)))
    if names_on and model_names:
        candidates += _spans(PERSON, text, find_people(text, not_names=not_names))
    candidates.sort(key=lambda f: (PRIORITY[f.kind], f.start, -(f.end - f.start)))
    kept: list[Finding] = []  # sorted by start, never overlapping
    starts: list[int] = []
    for f in candidates:
        i = bisect.bisect_left(starts, f.start)
        if i > 0 and kept[i - 1].end > f.start:
            continue
        if i < len(kept) and kept[i].start < f.end:
            continue
        kept.insert(i, f)
        starts.insert(i, f.start)
    return kept


# -- masking --------------------------------------------------------------------------------
_SUFFIXES = {"bis", "ter", "quater"}


def _mask_word(word: str) -> str:
    return word[:1] + "***"


def mask(finding: Finding) -> str:
    """*finding*'s value with most characters hidden (« j***@courriel.example »,
    « 06 ** ** ** 78 », « FR76 **** … *89 », « ** rue des L*** », « J*** B*** »)."""
    value, kind = finding.text, finding.kind
    if kind == EMAIL:
        if "@" not in value:  # written to fool robots: « j*** [at] gmail [dot] com »
            local = re.match(r"[\w.%+\-]*", value).group()
            return f"{local[:1]}***{value[len(local):]}"
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    if kind == PHONE:
        digits = [i for i, c in enumerate(value) if c.isdigit()]
        head = max(len(digits) - 8, 1)
        hidden = set(digits[head:-2])
        return "".join("*" if i in hidden else c for i, c in enumerate(value))
    if kind == IBAN:
        alnum = [i for i, c in enumerate(value) if c.isalnum()]
        hidden = set(alnum[4:-2])
        return "".join("*" if i in hidden else c for i, c in enumerate(value))
    if kind in (NIR, BIRTH):  # « 1 ** ** ** *** *** ** », « **/**/**** », « ** m*** **** »
        hidden = re.sub(r"\d", "*", value[1:] if kind == NIR else value)
        hidden = re.sub(r"[^\W\d_]+", lambda m: _mask_word(m.group()), hidden)
        return value[:1] + hidden if kind == NIR else hidden
    if kind == ADDRESS:
        start = _ADDRESS_START_RE.match(value)
        keep_from, keep_to = (start.start("strong") if start.group("strong") else start.start("weak"),
                              start.end()) if start else (0, 0)

        def repl(m: re.Match[str]) -> str:
            word = m.group()
            if keep_from <= m.start() < keep_to or fold(word) in _PARTICLES | _SUFFIXES:
                return word
            return "**" if word.isdigit() else _mask_word(word)

        return re.sub(r"[^\W_]+(?:['’][^\W_]+)?", repl, value)
    return re.sub(r"[^\W\d_]+", lambda m: _mask_word(m.group()), value)
