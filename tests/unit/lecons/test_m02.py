"""Formative questions of lesson 02 « Prompting » (`ia_marketing.lecons.m02`), tested both ways
as Kaggle learntools tests its checkers: the answer the lesson implies passes, every other option
fails with the feedback meant for it.

Every expected answer below comes from `modules/02_prompting.ipynb`, not from the checker.
"""

from __future__ import annotations

import ast
import copy
import json

import pytest

from ia_marketing.checks import CORRECT, INCORRECT, NOT_ATTEMPTED
from ia_marketing.lecons import m02

NOT_A_CHOICE = "n'est pas un choix proposé"


def passes(question, value):
    out = question.evaluate(value)
    assert out.status == CORRECT, f"{question.name} rejected {value!r}: {out.message}"
    assert out.message == ""
    return out


def fails(question, value, *phrases):
    out = question.evaluate(value)
    assert out.status == INCORRECT, f"{question.name} gave {out.status} for {value!r}: {out.message}"
    for phrase in phrases:
        assert phrase in out.message, f"{phrase!r} not in {out.message!r}"
    return out


def not_attempted(question, value, phrase="« ... »"):
    out = question.evaluate(value)
    assert out.status == NOT_ATTEMPTED, f"{question.name} gave {out.status} for {value!r}: {out.message}"
    assert phrase in out.message
    return out


#: name -> (correct letter, {wrong letter: distinctive phrase of the feedback meant for it})
CHOICES = {
    # « La première laisse le modèle tout deviner : quel spectacle, pour qui… Il comblera les trous
    #   avec … du générique ou de l'inventé » → c) le contexte et le public visé
    "q1": ("c", {"a": "Un rôle aide un peu le ton",     # a) un rôle
                 "b": "Un format aide"}),               # b) un format
    # « le choix des exemples compte autant que leur nombre » → b)
    "q2": ("b", {"a": "« Toujours » est de trop",        # a) améliorent toujours
                 "c": "les exemples ne sont pas inutiles"}),  # c) ne servent à rien
    # « Trois réponses sur quatre font planter json.loads » (dont les guillemets simples) → b) une erreur
    "q3": ("b", {"a": "Essayez dans une cellule : json.loads",      # a) renvoie le dictionnaire
                 "c": "json.loads ne renvoie un texte que si"}),    # c) renvoie le texte tel quel
    # « traiter l'avis comme une donnée … ne jamais publier … sans relecture humaine » → b)
    "q4": ("b", {"a": "une consigne de plus n'empêche pas",          # a) une consigne de plus
                 "c": "La température change la variété des réponses"}),  # c) monter la température
    # « elle note le prompt, pas la réponse » ; « un modèle de base : il a appris à continuer des
    #   textes, pas à obéir » → b)
    "q5": ("b", {"a": "La checklist fait ce qu'elle annonce",        # a) checklist défectueuse
                 "c": "À température 0, le modèle répond de façon stable"}),  # c) température trop basse
}
OPTIONS = "abc"  # every question of the lesson lists a), b), c)


def choice_cases():
    return [(name, correct) for name, (correct, _) in sorted(CHOICES.items())]


def wrong_cases():
    return [(name, letter, phrase) for name, (_, feedback) in sorted(CHOICES.items())
            for letter, phrase in sorted(feedback.items())]


def test_every_question_is_covered():
    assert {n for n in vars(m02) if n.startswith("q") and n[1:].isdigit()} == set(CHOICES)


def test_q3_lesson_fact_json_requires_double_quotes():
    # the fact q3 asks about, checked for real: single quotes are not JSON, but Python literals
    with pytest.raises(json.JSONDecodeError):
        json.loads("{'titre': 'Sillage'}")
    assert ast.literal_eval("{'titre': 'Sillage'}") == {"titre": "Sillage"}


@pytest.mark.parametrize("name, correct", choice_cases())
def test_reference_answer_passes(name, correct):
    question = getattr(m02, name)
    for answer in (correct, correct.upper(), f" {correct} ", f"{correct})", f"{correct}."):
        out = passes(question, answer)
        assert out.question == name


@pytest.mark.parametrize("name, letter, phrase", wrong_cases())
def test_each_wrong_option_gets_its_own_feedback(name, letter, phrase):
    fails(getattr(m02, name), letter, phrase)
    fails(getattr(m02, name), letter.upper(), phrase)


@pytest.mark.parametrize("name, correct", choice_cases())
def test_every_other_option_fails(name, correct):
    wrong = [o for o in OPTIONS if o != correct]
    assert sorted(CHOICES[name][1]) == wrong  # each wrong option has a feedback
    for letter in wrong:
        out = fails(getattr(m02, name), letter)
        others = [p for k, p in CHOICES[name][1].items() if k != letter]
        assert not any(p in out.message for p in others), "feedback attached to the wrong option"


@pytest.mark.parametrize("name", sorted(CHOICES))
@pytest.mark.parametrize("answer", ["d", "1"])
def test_letter_outside_the_options(name, answer):
    fails(getattr(m02, name), answer, f"« {answer} » {NOT_A_CHOICE}", "a, b, c")


@pytest.mark.parametrize("name, correct", choice_cases())
def test_non_string_asks_for_a_letter_without_giving_the_answer(name, correct):
    for value in (3, True, [correct]):
        out = fails(getattr(m02, name), value, "Répondez par une lettre entre guillemets")
        assert f'"{correct}"' not in out.message


@pytest.mark.parametrize("name", sorted(CHOICES))
@pytest.mark.parametrize("value", [..., None, "", "  "])
def test_placeholder_is_not_attempted(name, value):
    not_attempted(getattr(m02, name), value)


@pytest.mark.parametrize("name, correct", choice_cases())
def test_solution_starts_with_the_correct_letter(name, correct):
    assert getattr(m02, name)._solution.startswith(f"{correct})")


# -- hints ----------------------------------------------------------------------------------------
#: name -> a distinctive phrase of each hint, in the order they must come
HINTS = {
    "q1": ["ce que le modèle ne peut pas deviner", "ni le titre, ni la date, ni le public"],
    "q2": ["Comparez les points d'une même colonne", "que faut-il faire avant de se fier à un prompt"],
    "q3": ["une règle stricte sur les guillemets", "entre guillemets doubles"],
    "q4": ["tout le prompt est du texte du même genre", "traiter l'avis comme une donnée"],
    "q5": ["le prompt ou la réponse", "Le modèle local est un modèle de base"],
}


def test_hints_cover_every_question():
    assert set(HINTS) == set(CHOICES)


@pytest.mark.parametrize("name", sorted(HINTS))
def test_hints_come_in_order_and_the_last_points_to_the_solution(name):
    question = copy.copy(getattr(m02, name))  # its own hint counter
    phrases = HINTS[name]
    n = len(phrases)
    assert len(question.hints) == n
    for k, phrase in enumerate(phrases, start=1):
        note = question.hint_text()
        assert f"{name} — indice {k}/{n}" in note.title
        assert phrase in note.text
        assert (f"{name}.solution()" in note.text) == (k == n)
    again = question.hint_text()
    assert f"indice {n}/{n}" in again.title and phrases[-1] in again.text


@pytest.mark.parametrize("name", sorted(HINTS))
def test_hint_by_level(name):
    question = getattr(m02, name)
    for k, phrase in enumerate(HINTS[name], start=1):
        assert phrase in question.hint_text(k).text
    assert "dernier indice" in question.hint_text(len(HINTS[name])).text
