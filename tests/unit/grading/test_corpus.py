"""Generated inputs: seeded, labelled, and covering what they say they cover."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ia_marketing.grading.corpus import TRANSFORMS, WHITESPACE, add_accents, strip_accents, text_variants

SEEDS = ["Laure.Klein@Courriel.example", "Hélène Lefèvre", "06 12 34 56 78"]


def test_same_seed_same_inputs_other_seed_other_inputs():
    assert text_variants(SEEDS, 200, seed=3) == text_variants(SEEDS, 200, seed=3)
    assert text_variants(SEEDS, 200, seed=3) != text_variants(SEEDS, 200, seed=4)


def test_seeds_and_extras_come_first_then_n_inputs_in_all():
    inputs = text_variants(SEEDS, 100, seed=0, extra=("", None))
    assert len(inputs) == 100
    assert [args for args, _ in inputs[:5]] == [(s,) for s in SEEDS] + [("",), (None,)]
    assert inputs[4][1] == "une valeur manquante (None)" and inputs[3][1] == "une valeur vide"


def test_every_kind_of_whitespace_shows_up_inside_and_around():
    inputs = text_variants(SEEDS, 400, seed=1, transforms=["espaces_dedans", "espaces_autour"])
    labels = " ".join(label for _, label in inputs)
    for name in WHITESPACE.values():
        assert f"{name} au milieu" in labels and f"{name} autour" in labels
    inside = [text for (text,), label in inputs if label == "une espace insécable au milieu"]
    assert inside and all("\u00a0" in text.strip() for text in inside)


def test_labels_say_what_was_done():
    for (text,), label in text_variants(SEEDS, 300, seed=2)[len(SEEDS) + 1:]:
        if label == "en majuscules":
            assert text == text.upper()
        if label == "sans accents":
            assert text == strip_accents(text)


def test_unknown_transform_or_no_seed_is_refused_in_french():
    with pytest.raises(ValueError, match="Transformations inconnues"):
        text_variants(SEEDS, 10, transforms=["espaces", "majuscules"])
    with pytest.raises(ValueError, match="au moins un exemple"):
        text_variants([], 10)


@given(st.text(max_size=30))
def test_accents_round_trip(text):
    rng = random.Random(0)
    assert strip_accents(add_accents(strip_accents(text), rng)) == strip_accents(text)


def test_transforms_are_all_labelled_in_french():
    rng = random.Random(0)
    for name, transform in TRANSFORMS.items():
        new, label = transform("Théâtre du Rivage", rng)
        assert isinstance(new, str) and label[0].islower(), name
