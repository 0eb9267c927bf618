"""Names of places as French files write them: one key to group spellings, one form to show.

A venue's file writes « PAYS DE LA LOIRE », « Pays-de-la-Loire » and « pays de la loire »;
« ST PIERRE ET MIQUELON » and « Saint-Pierre-et-Miquelon »; « Besancon » and « Besançon ».

- `place_key` gives all the spellings of one name the same key: capitals, accents, ligatures,
  hyphens, apostrophes (straight or typographic), « St »/« Ste » for « Saint »/« Sainte »,
  « s/ » for « sur » and a « CEDEX » routing mention do not count. Words and their order do:
  « Saint-Denis » and « Saint-Denis-de-Pile » stay apart.
- `place_display` writes a name in its French display form: « Pays de la Loire »,
  « Hauteville-sur-Mer », « Les Sables-d'Olonne » (small words in lower case inside a name,
  the apostrophe as written). Given the official names, it takes the official form, accents
  included (« SAINT ETIENNE » -> « Saint-Étienne »).
- `match_places` looks each name up in an official list and says how it matched: the same
  name with accents (« exact »), the same name without its accents (« sans accents »), several
  official names (« ambigu », never guessed) or none (« introuvable »).

Accents are the only difference between a few official names (« Melle » and « Mellé », two
communes): a key without accents would merge them, so `match_places` tries the key with accents
first and, given each row's department, looks only there (no two communes of one department
share a key without accents).
"""

from __future__ import annotations

import re

import pandas as pd

from ..core.text import fold
from .columns import on_uniques, require_text
from .normalise import repair_encoding

__all__ = ["MATCH_STATUSES", "PARTICLES", "match_places", "place_display", "place_key"]

#: Small words written in lower case inside a place name (never as its first word).
PARTICLES = frozenset({"à", "au", "aux", "de", "des", "du", "en", "et", "la", "le", "les", "lès", "lez", "sous",
                       "sur"})
#: Elided articles before an apostrophe: « Villeneuve-d'Ascq », « Provence-Alpes-Côte d'Azur ».
_ELIDED = frozenset({"d", "l"})
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_APOSTROPHES = "'’‘`´"
_SEPARATORS = re.compile(r"[-‐‑–—_./,()" + _APOSTROPHES + r"\s]+")
_CEDEX = re.compile(r"\bcedex\b(?:\s*\d+)?")
_SUR = re.compile(r"\bs/\s*")
_WORD_SPLIT = re.compile(r"([ \-])")
_APOSTROPHE_SPLIT = re.compile(r"([" + _APOSTROPHES + r"])")

MATCH_STATUSES = ("exact", "sans accents", "ambigu", "introuvable")


def _key_one(value: str, accents: bool) -> str | None:
    text = repair_encoding(str(value))
    text = text.lower() if accents else fold(text)
    text = "".join({"œ": "oe", "æ": "ae"}.get(c, c) for c in text)
    text = _SUR.sub("sur ", text)
    text = _CEDEX.sub(" ", text)
    words = [_ABBREVIATIONS.get(w, w) for w in _SEPARATORS.split(text) if w]
    return " ".join(words) or None


def place_key(s: pd.Series, *, accents: bool = False) -> pd.Series:
    """The grouping key of each place name: « ST-ÉTIENNE » and « Saint Etienne » -> « saint etienne ».

    With ``accents=True`` the key keeps the accents (« saint étienne »): use it where two places
    differ only by them. Missing or blank values give a missing key."""
    return on_uniques(require_text(s, "place_key"), lambda v: _key_one(v, accents))


def _word(word: str, first: bool) -> str:
    pieces = _APOSTROPHE_SPLIT.split(word)  # « D’OLONNE » -> ["D", "’", "OLONNE"]
    out = []
    for i, piece in enumerate(pieces):
        if i % 2:  # the apostrophe itself, kept as written
            out.append(piece)
            continue
        lower = piece.lower()
        starts = first and i == 0
        elided = i + 1 < len(pieces) and lower in _ELIDED
        if not starts and (lower in PARTICLES or elided or lower == "s/"):
            out.append(lower)
        else:
            out.append(lower[:1].upper() + lower[1:])
    return "".join(out)


def _display_one(value: str) -> str | None:
    text = " ".join(repair_encoding(str(value)).split())
    if not text:
        return None
    tokens = _WORD_SPLIT.split(text)
    return "".join(tok if i % 2 else _word(tok, first=i == 0) for i, tok in enumerate(tokens))


def place_display(s: pd.Series, official: pd.Series | None = None) -> pd.Series:
    """The French display form of each name: « PAYS DE LA LOIRE » -> « Pays de la Loire ».

    With *official* (the official names, e.g. ``load_public("regions")["nom"]``), a name whose
    key matches exactly one official name takes that name, accents and hyphens included; the
    others get the rule-based form. Lost accents cannot be guessed without the official list."""
    shown = on_uniques(require_text(s, "place_display"), _display_one)
    if official is None:
        return shown
    found = match_places(s, official)
    return found["officiel"].where(found["officiel"].notna(), shown).astype(object)


def _index(official: pd.Series, within: pd.Series | None, accents: bool) -> dict[tuple[str, str], set[str]]:
    keys = place_key(official, accents=accents)
    groups: dict[tuple[str, str], set[str]] = {}
    areas = within if within is not None else pd.Series("", index=official.index)
    for key, area, name in zip(keys, areas, official):
        if key is not None and not pd.isna(name):
            groups.setdefault((str(area), key), set()).add(str(name))
    return groups


def match_places(s: pd.Series, official: pd.Series, *, within: pd.Series | None = None,
                 official_within: pd.Series | None = None) -> pd.DataFrame:
    """Look each name of *s* up in the *official* names; one row per row of *s*, same index.

    Columns: ``valeur`` (as written), ``officiel`` (the official name, or missing) and
    ``statut``: « exact » (same name once capitals, hyphens, apostrophes and « St » are set
    aside), « sans accents » (the same name without its accents), « ambigu » (several official
    names, none chosen) or « introuvable ». With *within* (a department code per row of *s*) and
    *official_within* (the department of each official name), a name is looked up in its
    department only, which separates homonyms such as « Melle » (79) and « Mellé » (35)."""
    s = require_text(s, "match_places")
    if (within is None) != (official_within is None):
        raise ValueError("match_places : donnez within et official_within ensemble (un département par ligne "
                         "de chaque côté), ou aucun des deux.")
    with_accents = _index(official, official_within, accents=True)
    without = _index(official, official_within, accents=False)
    areas = within.astype(object).where(within.notna(), "") if within is not None else pd.Series("", index=s.index)

    def look(value: object, area: object) -> tuple[object, str]:
        if pd.isna(value):
            return None, "introuvable"
        exact = with_accents.get((str(area), _key_one(str(value), True) or ""), set())
        if len(exact) == 1:
            return next(iter(exact)), "exact"
        loose = without.get((str(area), _key_one(str(value), False) or ""), set())
        # the value's own accents choose among names that differ only by them
        if len(exact) > 1 or len(loose) > 1:
            return None, "ambigu"
        if len(loose) == 1:
            return next(iter(loose)), "sans accents"
        return None, "introuvable"

    pairs = pd.Series(list(zip(s.astype(object), areas)), index=s.index)
    codes, uniques = pd.factorize(pairs)
    looked = [look(v, a) for v, a in uniques]
    return pd.DataFrame({
        "valeur": s.astype(object),
        "officiel": pd.Series([looked[c][0] for c in codes], index=s.index, dtype=object),
        "statut": pd.Series([looked[c][1] for c in codes], index=s.index, dtype=object),
    })
