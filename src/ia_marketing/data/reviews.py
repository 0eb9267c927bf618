"""Spectator reviews labelled with their sentiment (sentences in ``words/reviews.toml``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.text import strip_accents
from .helpers import choice, contract, ids, iso
from .shows import Shows
from .words import words
from .world import DISCIPLINES, EXTRACTION_DAY, JP, rng

__all__ = ["N_REVIEWS", "SENTIMENTS", "review_frame"]

N_REVIEWS = 400
SENTIMENTS: tuple[str, ...] = ("positif", "negatif", "neutre")
SENTIMENT_COUNTS = (220, 100, 80)  # 55 %, 25 %, 20 %
NOTE_P: dict[str, tuple[tuple[int, ...], tuple[float, ...]]] = {
    "positif": ((4, 5), (0.42, 0.58)),
    "negatif": ((1, 2), (0.45, 0.55)),
    "neutre": ((2, 3, 4), (0.15, 0.70, 0.15)),
}
#: A hurried typist drops the accents of these lower-case letters (capitals keep theirs).
_SLIPPED = "éèêëàâîïôûùç"
ACCENTS = str.maketrans(_SLIPPED, strip_accents(_SLIPPED))


def _slip(draw: np.random.Generator, text: str) -> str:
    """One plausible typing slip, as in real reviews."""
    tokens = text.split(" ")
    kind = int(draw.integers(6))
    candidates = [i for i, w in enumerate(tokens) if len(w) >= 5 and w.isalpha()]
    if kind == 0:
        accented = [i for i, w in enumerate(tokens) if w != w.translate(ACCENTS)]
        if accented:
            i = int(draw.choice(accented))
            tokens[i] = tokens[i].translate(ACCENTS)
            return " ".join(tokens)
    if kind in (1, 2, 3) and candidates:
        i = int(draw.choice(candidates))
        w = tokens[i]
        j = int(draw.integers(1, len(w) - 2))
        if kind == 3 and w[j] not in "bcdfglmnprst":
            kind = 2
        if kind == 1:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif kind == 2:
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j] + w[j:]
        tokens[i] = w
        return " ".join(tokens)
    if kind == 4 and " à " in text:
        return text.replace(" à ", " a ", 1)
    if text[-1] in ".!":
        return text[:-1]
    return text[0].lower() + text[1:]


def review_frame(seed: int, shows: Shows) -> pd.DataFrame:
    """avis.csv: a balanced set of reviews, better shows getting more positive ones."""
    text = words("reviews")
    draw = rng("reviews", seed)
    labels = np.repeat(np.arange(3), SENTIMENT_COUNTS)[draw.permutation(N_REVIEWS)]
    audience = shows.capacity * np.minimum(shows.appeal, 1.0)
    quality = {0: shows.appeal ** 2, 1: np.maximum(1.15 - shows.appeal, 0.1), 2: np.ones(shows.count)}
    records: list[tuple[int, int, str, int, str]] = []
    seen: set[str] = set()
    for label in labels.tolist():
        sentiment = SENTIMENTS[label]
        w = audience * quality[label]
        show = int(draw.choice(shows.count, p=w / w.sum()))
        d = int(shows.discipline[show])
        perf = int(shows.premiere[show]) + int(draw.integers(int(shows.reps[show])))
        day = min(perf + int(min(draw.exponential(2.5), 20)), EXTRACTION_DAY - 1)
        while True:
            core_pool = text["core"][sentiment] + text["core_by_discipline"][sentiment].get(DISCIPLINES[d], ())
            parts = [choice(draw, core_pool)]
            u = draw.random()
            if u < 0.30:
                contexts = text["context"]["any"] + (text["context"]["family"] if d == JP else ())
                parts.insert(0, choice(draw, contexts))
            if sentiment in text["nuance"] and draw.random() < 0.28:
                parts.append(choice(draw, text["nuance"][sentiment]))
            elif draw.random() < 0.45:
                parts.append(choice(draw, text["detail"][sentiment]))
            if len(parts) < 3 and draw.random() < 0.45:
                parts.append(choice(draw, text["closing"][sentiment]))
            artists = text["artists"][DISCIPLINES[d]]
            review = contract(" ".join(parts).format(titre=str(shows.title[show]), artistes=artists,
                                                     Artistes=artists[0].upper() + artists[1:]))
            if draw.random() < 0.18:
                review = _slip(draw, review)
                if draw.random() < 0.3:
                    review = _slip(draw, review)
            if review not in seen:
                break
        seen.add(review)
        notes, probs = NOTE_P[sentiment]
        note = int(draw.choice(notes, p=probs))
        records.append((day, show, review, note, sentiment))
    order = sorted(range(N_REVIEWS), key=lambda i: (records[i][0], i))
    records = [records[i] for i in order]
    return pd.DataFrame({
        "id_avis": ids("A", 1, N_REVIEWS + 1, 3),
        "id_spectacle": shows.ids[np.array([r[1] for r in records])],
        "date": iso(np.array([r[0] for r in records])),
        "texte": [r[2] for r in records],
        "note": [r[3] for r in records],
        "sentiment": [r[4] for r in records],
    })
