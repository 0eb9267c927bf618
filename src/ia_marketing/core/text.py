"""Text folding: compare French words without accents, capitals or ligatures."""

from __future__ import annotations

import unicodedata

_LIGATURES = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"}
_APOSTROPHES = {"’": "'", "‘": "'"}


def strip_accents(text: str) -> str:
    """« Besançon » -> « Besancon »: combining marks removed, case and ligatures kept."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """« Lefèvre », « LEFEVRE » -> « lefevre »; « Cœur » -> « coeur »: lower case, no accents,
    ligatures spelled out. The result may be longer than *text*."""
    text = "".join(_LIGATURES.get(c, c) for c in str(text))
    return strip_accents(text).casefold()


def _fold_char(c: str) -> str:
    if c in _APOSTROPHES:
        return _APOSTROPHES[c]
    lower = c.lower()
    if len(lower) != 1:
        return c
    bare = strip_accents(lower)
    return bare if len(bare) == 1 else lower


def fold_same_length(text: str) -> str:
    """Lower case, no accents, straight apostrophes, with the same length as *text*: a match
    found in the folded text can be quoted from *text* at the same positions."""
    return "".join(_fold_char(c) for c in text)


def normalise_text(text: object) -> str:
    """Lower case, no accents, single spaces: to compare free answers leniently."""
    return " ".join(fold(str(text)).split())


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (« Saint-Étienne » -> « saintetienne »)."""
    ascii_text = strip_accents(text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())
