"""Text folding: one implementation for every comparison without accents or capitals."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ia_marketing.core import text


def test_strip_accents_keeps_case_and_letters():
    assert text.strip_accents("Besançon Événement Noël") == "Besancon Evenement Noel"
    assert text.strip_accents("Cœur") == "Cœur"  # a ligature is a letter, not an accent


def test_fold_lower_cases_removes_accents_and_spells_ligatures():
    assert text.fold("Lefèvre") == text.fold("LEFEVRE") == "lefevre"
    assert text.fold("Cœur") == "coeur"
    assert text.fold("Lætitia") == "laetitia"
    assert text.fold("STRASSE Straße") == "strasse strasse"  # casefold, not lower


def test_fold_same_length_keeps_positions():
    source = "L’Été À Port-Rivage"
    folded = text.fold_same_length(source)
    assert folded == "l'ete a port-rivage"
    assert len(folded) == len(source)


@given(st.text())
def test_fold_same_length_never_changes_the_length(source):
    assert len(text.fold_same_length(source)) == len(source)


def test_normalise_text_for_lenient_comparison():
    assert text.normalise_text("  Théâtre   du\tRIVAGE \n") == "theatre du rivage"
    assert text.normalise_text(42) == "42"


def test_slug_is_ascii_letters_and_digits():
    assert text.slug("Saint-Étienne") == "saintetienne"
    assert text.slug("L'Haÿ-les-Roses 94") == "lhaylesroses94"
    assert text.slug("—") == ""


@given(st.text())
def test_slug_only_ever_holds_ascii_alphanumerics(source):
    assert all(c.isascii() and c.isalnum() for c in text.slug(source))
