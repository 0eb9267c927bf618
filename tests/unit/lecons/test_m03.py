"""Formative questions of lesson 03 « Nettoyer ses données » (`ia_marketing.lecons.m03`), tested
both ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
wrong answers fail with the message meant for them.

Every expected answer below comes from `modules/03_nettoyer_donnees.ipynb`, not from the checker.
"""

from __future__ import annotations

import copy
import csv
import io
from pathlib import Path

import numpy as np
import pytest

from ia_marketing.checks import CORRECT, INCORRECT, NOT_ATTEMPTED
from ia_marketing.lecons import m03

REPO = Path(__file__).resolve().parents[3]
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


# -- multiple-choice questions ---------------------------------------------------------------------
#: name -> (correct letter, {wrong letter: distinctive phrase of the feedback meant for it})
CHOICES = {
    # « un identifiant fait de chiffres (code postal, téléphone, numéro client) se lit comme du texte »
    #   → b) comme du texte
    "q1": ("b", {"a": "Un code postal n'est pas un nombre",        # a) comme des nombres entiers
                 "c": "Le zéro perdu ne revient pas tout seul"}),  # c) peu importe
    # « Dans un grand fichier, les homonymes sont nombreux : la règle stricte est plus sûre »
    #   → c) même nom et au moins un autre élément en commun
    "q3": ("c", {"a": "des homonymes",                                         # a) nom et prénom suffisent
                 "b": "Retrouver plus de doublons en fusionnant des personnes"}),  # b) nom, ou e-mail, ou tél.
    # « des données pseudonymisées restent des données personnelles » ; « une date de naissance et
    #   un code postal suffisent souvent à retrouver une personne » → b) données personnelles
    "q4": ("b", {"a": "Un pseudonyme reste lié à une personne",             # a) publier : anonyme
                 "c": "une date de naissance et un code postal"}),          # c) n'importe quel service
}
OPTIONS = "abc"  # every choice question of the lesson lists a), b), c)


def choice_cases():
    return [(name, correct) for name, (correct, _) in sorted(CHOICES.items())]


def wrong_cases():
    return [(name, letter, phrase) for name, (_, feedback) in sorted(CHOICES.items())
            for letter, phrase in sorted(feedback.items())]


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_reference_answer_passes(name, correct):
    question = getattr(m03, name)
    for answer in (correct, correct.upper(), f" {correct} ", f"{correct})"):
        out = passes(question, answer)
        assert out.question == name


@pytest.mark.parametrize("name, letter, phrase", wrong_cases())
def test_choice_each_wrong_option_gets_its_own_feedback(name, letter, phrase):
    fails(getattr(m03, name), letter, phrase)


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_every_other_option_fails(name, correct):
    wrong = [o for o in OPTIONS if o != correct]
    assert sorted(CHOICES[name][1]) == wrong  # each wrong option has a feedback
    for letter in wrong:
        out = fails(getattr(m03, name), letter)
        others = [p for k, p in CHOICES[name][1].items() if k != letter]
        assert not any(p in out.message for p in others), "feedback attached to the wrong option"


@pytest.mark.parametrize("name", sorted(CHOICES))
@pytest.mark.parametrize("answer", ["d", "oui"])
def test_choice_letter_outside_the_options(name, answer):
    fails(getattr(m03, name), answer, f"« {answer} » {NOT_A_CHOICE}", "a, b, c")


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_non_string_asks_for_a_letter_without_giving_the_answer(name, correct):
    for value in (2, 0.5, (correct,)):
        out = fails(getattr(m03, name), value, "Répondez par une lettre entre guillemets")
        assert f'"{correct}"' not in out.message


@pytest.mark.parametrize("name", sorted(CHOICES))
@pytest.mark.parametrize("value", [..., None, ""])
def test_choice_placeholder_is_not_attempted(name, value):
    not_attempted(getattr(m03, name), value)


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_solution_starts_with_the_correct_letter(name, correct):
    assert getattr(m03, name)._solution.startswith(f"{correct})")


def test_q1_lesson_fact_a_postcode_read_as_a_number_loses_its_zero():
    assert str(int("06290")) == "6290"


# -- q2: nothing is lost (number) ---------------------------------------------------------------------
# « lignes gardées + lignes mises de côté = lignes lues » on « cet export de 2 000 lignes »
Q2_EXPECTED = 2000
Q2_TOO_LOW = "comptez les lignes gardées ET les lignes mises de côté"
Q2_TOO_HIGH = "jamais les deux"


def test_q2_expected_value_is_the_number_of_rows_of_the_export():
    # the lesson: a Windows-1252 file with semicolons
    raw = (REPO / "datasets" / "export_billetterie.csv").read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(raw, newline=""), delimiter=";"))
    assert len(rows) - 1 == Q2_EXPECTED  # minus the header


def test_q2_reference_answer_passes():
    passes(m03.q2, Q2_EXPECTED)
    passes(m03.q2, 2000.0)
    passes(m03.q2, np.int64(2000))


@pytest.mark.parametrize("value", [1999, 1850, 0])  # only the kept rows, for instance
def test_q2_too_low(value):
    out = fails(m03.q2, value, Q2_TOO_LOW)
    assert Q2_TOO_HIGH not in out.message


@pytest.mark.parametrize("value", [2001, 2150, 4000])  # set-aside rows counted twice
def test_q2_too_high(value):
    out = fails(m03.q2, value, Q2_TOO_HIGH)
    assert Q2_TOO_LOW not in out.message


@pytest.mark.parametrize("value, kind", [("2000", "str"), (True, "bool"), ([2000], "list")])
def test_q2_not_a_number(value, kind):
    fails(m03.q2, value, "J'attends un nombre", kind)


def test_q2_nan():
    fails(m03.q2, float("nan"), "NaN")


def test_q2_placeholder_is_not_attempted():
    not_attempted(m03.q2, ...)


def test_q2_solution_states_the_value():
    assert m03.q2._solution.startswith("2000")
    assert "lignes gardées + lignes mises de côté = lignes lues" in m03.q2._solution


# -- hints --------------------------------------------------------------------------------------------
#: name -> a distinctive phrase of each hint, in the order they must come
HINTS = {
    "q1": ["lue sans précaution : quel est son type", "se lit comme du texte"],
    "q2": ["rien ne se perd", "Lignes gardées + lignes mises de côté = lignes lues"],
    "q3": ["deux personnes différentes qui portent le même nom", "La précision compte"],
    "q4": ["Pseudonymiser, est-ce anonymiser", "colonnes qui n'ont pas été pseudonymisées"],
}


def test_every_question_is_covered():
    names = {n for n in vars(m03) if n.startswith("q") and n[1:].isdigit()}
    assert names == set(HINTS) == set(CHOICES) | {"q2"}


@pytest.mark.parametrize("name", sorted(HINTS))
def test_hints_come_in_order_and_the_last_points_to_the_solution(name):
    question = copy.copy(getattr(m03, name))  # its own hint counter
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
    question = getattr(m03, name)
    for k, phrase in enumerate(HINTS[name], start=1):
        assert phrase in question.hint_text(k).text
    assert "dernier indice" in question.hint_text(len(HINTS[name])).text
