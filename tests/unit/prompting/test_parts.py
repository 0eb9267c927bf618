"""Structured prompts (`ia_marketing.prompting.parts`): `PromptParts` and `build_prompt`."""

from __future__ import annotations

import pytest

from ia_marketing.prompting.parts import PromptParts, build_prompt


def test_build_prompt_labels_the_filled_sections_in_order():
    parts = PromptParts(
        role="Tu es chargée des relations presse du Théâtre du Rivage.",
        contexte="« Sillage », ballet de la compagnie Onde, le 27 septembre.",
        tache="Rédige un communiqué de presse.",
        format_attendu="Un titre puis trois paragraphes.",
        contraintes="",
        exemples=[],
    )
    text = build_prompt(parts)
    assert text == (
        "Rôle : Tu es chargée des relations presse du Théâtre du Rivage.\n\n"
        "Contexte : « Sillage », ballet de la compagnie Onde, le 27 septembre.\n\n"
        "Tâche : Rédige un communiqué de presse.\n\n"
        "Format attendu : Un titre puis trois paragraphes.")
    assert "Contraintes" not in text and "Exemples" not in text


def test_build_prompt_examples_and_multiline_constraints():
    parts = PromptParts(
        tache="Classe l'avis en positif, négatif ou neutre.",
        contraintes="- une seule étiquette\n- en minuscules",
        exemples=[("Une soirée magique !", "positif"), ("  ", ""),
                  ("Trop long, salle glaciale.", "négatif")],
    )
    assert build_prompt(parts) == (
        "Tâche : Classe l'avis en positif, négatif ou neutre.\n\n"
        "Contraintes :\n- une seule étiquette\n- en minuscules\n\n"
        "Exemples :\n"
        "Entrée : Une soirée magique !\nSortie : positif\n\n"
        "Entrée : Trop long, salle glaciale.\nSortie : négatif")


def test_build_prompt_free_text_and_empty_parts():
    assert build_prompt("  Rédige un post Instagram.\n") == "Rédige un post Instagram."
    assert build_prompt(PromptParts()) == ""
    assert build_prompt(PromptParts(role="   ", tache="\n")) == ""
    assert PromptParts().is_empty()
    assert not PromptParts(tache="Résume cet article.").is_empty()


def test_build_prompt_rejects_an_example_that_is_not_a_pair():
    with pytest.raises(ValueError, match="L'exemple n° 1 doit être une paire"):
        build_prompt(PromptParts(tache="Classe l'avis.", exemples=["positif"]))
    with pytest.raises(TypeError, match="PromptParts ou un texte"):
        build_prompt(42)
