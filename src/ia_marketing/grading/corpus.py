"""Generated inputs for the differential hidden tests, seeded so that every grading run sees
the same ones.

`text_variants` starts from the statement's own examples and edge cases (the *seeds*) and
applies one to three transformations a real export or a hurried learner produces: spaces of
every kind around and inside, upper, lower and mixed case, accents added or removed, a character
doubled or dropped, the empty text. Each input comes with a French label saying what was done
to it, so that a failing input is explained in the feedback.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence

__all__ = ["WHITESPACE", "TRANSFORMS", "text_variants", "strip_accents", "add_accents"]

#: Whitespace characters met in exports and copied text, with their French name.
WHITESPACE: dict[str, str] = {
    " ": "une espace",
    "\t": "une tabulation",
    "\n": "un retour à la ligne",
    "\u00a0": "une espace insécable",
    "\u202f": "une espace fine insécable",
    "\u2009": "une espace fine",
}

_ACCENTED = {"e": "é", "a": "à", "u": "ù", "i": "î", "o": "ô", "c": "ç", "E": "É", "A": "À"}


def strip_accents(text: str) -> str:
    """« Hélène » -> « Helene » (NFKD decomposition, combining marks dropped)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def add_accents(text: str, rng: random.Random) -> str:
    """Some plain vowels (and c) replaced by accented ones, at random."""
    return "".join(_ACCENTED[c] if c in _ACCENTED and rng.random() < 0.5 else c for c in text)


def _insert(text: str, piece: str, rng: random.Random) -> str:
    if len(text) < 2:
        return text + piece
    at = rng.randrange(1, len(text))
    return text[:at] + piece + text[at:]


def _mixed_case(text: str, rng: random.Random) -> str:
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def _double(text: str, rng: random.Random) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + text[at] + text[at:]


def _drop(text: str, rng: random.Random) -> str:
    if not text:
        return text
    at = rng.randrange(len(text))
    return text[:at] + text[at + 1:]


def _spaces_around(text: str, rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(list(WHITESPACE))
    return rng.choice(["", kind]) + text + kind, f"{WHITESPACE[kind]} autour"


def _spaces_inside(text: str, rng: random.Random) -> tuple[str, str]:
    kind = rng.choice(list(WHITESPACE))
    return _insert(text, kind * rng.choice([1, 1, 2]), rng), f"{WHITESPACE[kind]} au milieu"


Transform = Callable[[str, random.Random], tuple[str, str]]

#: name -> transformation returning (new text, French label).
TRANSFORMS: dict[str, Transform] = {
    "espaces_autour": _spaces_around,
    "espaces_dedans": _spaces_inside,
    "majuscules": lambda t, r: (t.upper(), "en majuscules"),
    "minuscules": lambda t, r: (t.lower(), "en minuscules"),
    "casse_melangee": lambda t, r: (_mixed_case(t, r), "majuscules et minuscules mêlées"),
    "sans_accents": lambda t, r: (strip_accents(t), "sans accents"),
    "avec_accents": lambda t, r: (add_accents(t, r), "avec des accents"),
    "caractere_double": lambda t, r: (_double(t, r), "un caractère doublé"),
    "caractere_retire": lambda t, r: (_drop(t, r), "un caractère en moins"),
}


def text_variants(seeds: Sequence[str | None], n: int = 300, *, seed: int = 0,
                  transforms: Sequence[str] | None = None, extra: Sequence[str | None] = ("",)
                  ) -> list[tuple[tuple, str]]:
    """*n* inputs ``((text,), label)``: every seed as is, every *extra* value (the empty text by
    default; add ``None`` where the statement handles it), then seeds with one to three of
    *transforms* (all by default) applied at random."""
    if not seeds:
        raise ValueError("text_variants a besoin d'au moins un exemple de départ.")
    rng = random.Random(seed)
    names = list(transforms or TRANSFORMS)
    unknown = set(names) - set(TRANSFORMS)
    if unknown:
        raise ValueError(f"Transformations inconnues : {sorted(unknown)} (connues : {sorted(TRANSFORMS)}).")
    inputs: list[tuple[tuple, str]] = [((s,), "un exemple de l'énoncé") for s in seeds]
    inputs += [((value,), "une valeur vide" if value == "" else "une valeur manquante (None)") for value in extra]
    texts = [s for s in seeds if isinstance(s, str)]
    while len(inputs) < n and texts:
        text, labels = rng.choice(texts), []
        for name in rng.sample(names, min(rng.choice([1, 1, 2, 3]), len(names))):
            text, label = TRANSFORMS[name](text, rng)
            labels.append(label)
        inputs.append(((text,), " et ".join(labels)))
    return inputs[:n] if len(inputs) > n else inputs
