"""Spectator reviews: labelled, balanced, nuanced, not guessable from one word."""

from __future__ import annotations

import re

import pandas as pd

from ia_marketing.data import world

EXTRACTION = pd.Timestamp(world.EXTRACTION_DATE)


def test_reviews_are_labelled_balanced_and_not_keyable_by_one_word(data: dict[str, pd.DataFrame]) -> None:
    reviews = data["avis"]
    assert len(reviews) == 400
    share = reviews.sentiment.value_counts(normalize=True)
    assert set(share.index) == {"positif", "negatif", "neutre"}
    assert abs(share["positif"] - 0.55) < 0.05
    assert abs(share["negatif"] - 0.25) < 0.05
    assert abs(share["neutre"] - 0.20) < 0.05
    assert (reviews.loc[reviews.sentiment == "positif", "note"] >= 4).all()
    assert (reviews.loc[reviews.sentiment == "negatif", "note"] <= 2).all()
    assert reviews.texte.is_unique
    sentences = reviews.texte.str.count(r"[.!?](\s|$)") + ~reviews.texte.str.contains(r"[.!?]$")
    assert sentences.between(1, 4).all()
    # A rule « this word present -> this label » should not get far above the 55 % majority baseline.
    words = [set(re.findall(r"\w+", text.lower())) for text in reviews.texte]
    labels = reviews.sentiment.tolist()
    best = 0.0
    for word in set().union(*words):
        for label in ("positif", "negatif", "neutre"):
            fallback = "negatif" if label == "positif" else "positif"
            hits = sum((label if word in w else fallback) == y for w, y in zip(words, labels, strict=True))
            best = max(best, hits / len(labels))
    assert best < 0.70
    # nuanced reviews exist in both directions
    positive = reviews[reviews.sentiment == "positif"].texte
    negative = reviews[reviews.sentiment == "negatif"].texte
    assert positive.str.contains("bémol|dommage|regret|long", case=False).sum() >= 20
    assert negative.str.contains("beaux|réussies|belles|super|sympathique", case=False).sum() >= 10
    dated = reviews.merge(data["spectacles"], on="id_spectacle")
    assert (dated.date >= dated.date_premiere).all() and (dated.date < EXTRACTION).all()
