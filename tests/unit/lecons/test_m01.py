"""Formative questions of lesson 01 « Démystifier l'IA » (`ia_marketing.lecons.m01`), tested both
ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
wrong answers fail with the message meant for them.

Every expected answer below comes from `modules/01_demystifier_ia.ipynb`, not from the checker.
"""

from __future__ import annotations

import copy
import unicodedata

import numpy as np
import pytest

from ia_marketing.checks import CORRECT, INCORRECT, NOT_ATTEMPTED
from ia_marketing.lecons import m01

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


# -- multiple-choice questions -------------------------------------------------------------------
#: name -> (correct letter, {wrong letter: distinctive phrase of the feedback meant for it})
CHOICES = {
    # « Prédire le nombre de billets qu'un spectacle vendra, à partir des saisons passées |
    #   apprentissage automatique (prédiction) » → b) de l'apprentissage automatique
    "q1": ("b", {"a": "Une IA générative produit un contenu nouveau",    # a) de l'IA générative
                 "c": "Un simple tableur applique des formules"}),       # c) un simple tableur
    # « Écrire, pour un modèle, c'est répéter cette prédiction : il choisit un token, l'ajoute… »
    #   → b) choisit un token à la fois, selon des probabilités apprises
    "q2": ("b", {"a": "n'interroge aucune base de données",             # a) base de données
                 "c": "il compose token par token"}),                    # c) recopie par cœur
    # « température 1 : les probabilités apprises » ; « haute : plus de variété, plus d'erreurs »
    #   → b) autour de 1 pour vingt slogans variés
    "q4": ("b", {"a": "À température 0, le modèle prend toujours le token le plus probable",  # a) à 0
                 "c": "Une température très élevée"}),                                       # c) au maximum
    # « Il reproduit des associations fréquentes dans ses textes d'entraînement »
    #   → c) parce qu'il reproduit des associations fréquentes…
    "q6": ("c", {"a": "Le modèle ne « pense » pas",                       # a) il a réfléchi
                 "b": "les biais de ses données ne disparaissent pas"}),  # b) les grands n'ont aucun biais
}
OPTIONS = "abc"  # every choice question of the lesson lists a), b), c)


def choice_cases():
    return [(name, correct) for name, (correct, _) in sorted(CHOICES.items())]


def wrong_cases():
    return [(name, letter, phrase) for name, (_, feedback) in sorted(CHOICES.items())
            for letter, phrase in sorted(feedback.items())]


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_reference_answer_passes(name, correct):
    question = getattr(m01, name)
    for answer in (correct, correct.upper(), f" {correct} ", f"{correct})"):
        out = passes(question, answer)
        assert out.question == name


@pytest.mark.parametrize("name, letter, phrase", wrong_cases())
def test_choice_each_wrong_option_gets_its_own_feedback(name, letter, phrase):
    fails(getattr(m01, name), letter, phrase)


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_every_other_option_fails(name, correct):
    wrong = [o for o in OPTIONS if o != correct]
    assert sorted(CHOICES[name][1]) == wrong  # each wrong option has a feedback
    for letter in wrong:
        out = fails(getattr(m01, name), letter)
        others = [p for k, p in CHOICES[name][1].items() if k != letter]
        assert not any(p in out.message for p in others), "feedback attached to the wrong option"


@pytest.mark.parametrize("name", sorted(CHOICES))
@pytest.mark.parametrize("answer", ["d", "e"])
def test_choice_letter_outside_the_options(name, answer):
    fails(getattr(m01, name), answer, f"« {answer} » {NOT_A_CHOICE}", "a, b, c")


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_non_string_asks_for_a_letter_without_giving_the_answer(name, correct):
    for value in (1, 2.5, [correct]):
        out = fails(getattr(m01, name), value, "Répondez par une lettre entre guillemets")
        assert f'"{correct}"' not in out.message


@pytest.mark.parametrize("name", sorted(CHOICES))
@pytest.mark.parametrize("value", [..., None, ""])
def test_choice_placeholder_is_not_attempted(name, value):
    not_attempted(getattr(m01, name), value)


@pytest.mark.parametrize("name, correct", choice_cases())
def test_choice_solution_starts_with_the_correct_letter(name, correct):
    assert getattr(m01, name)._solution.startswith(f"{correct})")


# -- q3: cost of 200 newsletters (number) -------------------------------------------------------------
# 200 messages × (300 tokens × 0,40 € + 150 tokens × 1,60 €) / 1 000 000 = 200 × 360 / 10⁶ = 0,072 €
Q3_EXPECTED = 0.072
Q3_TOO_LOW = "Avez-vous compté les tokens de sortie"
Q3_TOO_HIGH = "divisé par un million"


def test_q3_reference_answer_passes():
    passes(m01.q3, Q3_EXPECTED)
    passes(m01.q3, 200 * (300 * 0.40 + 150 * 1.60) / 1_000_000)
    passes(m01.q3, np.float64(0.072))


@pytest.mark.parametrize("value", [
    (300 * 0.40 + 150 * 1.60) / 1_000_000,   # one message, not 200
    200 * 300 * 0.40 / 1_000_000,            # output tokens forgotten
    0.07,
])
def test_q3_too_low(value):
    out = fails(m01.q3, value, Q3_TOO_LOW)
    assert Q3_TOO_HIGH not in out.message


@pytest.mark.parametrize("value", [
    200 * (300 * 0.40 + 150 * 1.60),  # prices are per million tokens: not divided
    200 * (300 * 0.40 + 150 * 1.60) / 1_000,
    0.08,
])
def test_q3_too_high(value):
    out = fails(m01.q3, value, Q3_TOO_HIGH)
    assert Q3_TOO_LOW not in out.message


@pytest.mark.parametrize("value, kind", [("0,072", "str"), (True, "bool")])
def test_q3_not_a_number(value, kind):
    fails(m01.q3, value, "J'attends un nombre", kind)


def test_q3_nan():
    fails(m01.q3, float("nan"), "NaN")


def test_q3_placeholder_is_not_attempted():
    not_attempted(m01.q3, ...)


def test_q3_solution_states_the_value():
    assert "0,072 €" in m01.q3._solution
    assert "200 * (300 * 0.40 + 150 * 1.60) / 1_000_000" in m01.q3._solution


# -- q5: reference_connue (Question.function) ------------------------------------------------------------
# « renvoie True si la référence figure dans le catalogue, sans tenir compte des majuscules,
#   des accents ni des espaces en trop, et False sinon »
def normaliser(texte):
    """Lower case, no accents, single spaces (what the lesson says `normaliser` does)."""
    sans_accents = "".join(c for c in unicodedata.normalize("NFKD", texte) if not unicodedata.combining(c))
    return " ".join(sans_accents.lower().split())


def reference_connue(reference, catalogue):
    return any(normaliser(titre) == normaliser(reference) for titre in catalogue)


def test_q5_reference_answer_passes():
    # the example of the statement
    assert reference_connue("baromètre des publics 2024", ["Baromètre des publics 2024"]) is True
    passes(m01.q5, reference_connue)


def test_q5_skeleton_as_given_is_not_attempted():
    def squelette(reference, catalogue):
        raise NotImplementedError()

    not_attempted(m01.q5, squelette, "raise NotImplementedError")


def test_q5_always_true():
    fails(m01.q5, lambda reference, catalogue: True, "attendu : False", "obtenu  : True")


def test_q5_returns_nothing():
    def sans_return(reference, catalogue):
        normaliser(reference) in [normaliser(t) for t in catalogue]  # noqa: B015 - the mistake under test

    fails(m01.q5, sans_return, "attendu : True", "obtenu  : None")


def test_q5_exact_comparison():
    # spaces and capitals not ignored: passes the first two examples, fails a later case
    fails(m01.q5, lambda reference, catalogue: reference in catalogue, "cas de test n° 3 sur 5")


def test_q5_spaces_forgotten():
    def sans_espaces(reference, catalogue):
        return any(t.lower() == reference.lower() for t in catalogue)

    fails(m01.q5, sans_espaces, "cas de test n° 3 sur 5")


def test_q5_accents_forgotten():
    def sans_accents(reference, catalogue):
        return any(" ".join(t.lower().split()) == " ".join(reference.lower().split()) for t in catalogue)

    fails(m01.q5, sans_accents, "cas de test n° 4 sur 5")


def test_q5_code_that_raises():
    # a method of str called on the list
    fails(m01.q5, lambda reference, catalogue: reference.lower() in catalogue.lower(),
          "Votre code a provoqué une erreur", "AttributeError")


def test_q5_a_value_instead_of_the_function():
    fails(m01.q5, True, "J'attends une fonction")


def test_q5_solution_code_passes():
    namespace = {"normaliser": normaliser}
    exec(m01.q5._solution, namespace)
    passes(m01.q5, namespace["reference_connue"])


# -- hints ------------------------------------------------------------------------------------------------
#: name -> a distinctive phrase of each hint, in the order they must come
HINTS = {
    "q1": ["l'outil produit-il un contenu nouveau", "quatre saisons de billets"],
    "q2": ["Relisez le tableau « pas à pas »", "le modèle calcule des probabilités pour le token suivant"],
    "q3": ["Coût d'un message =", "multipliez-le par 200"],
    "q4": ["de la variété sans tomber dans l'incohérence", "comparez les suites à 0,1, 1,0 et 2,0"],
    "q5": ["après les avoir « normalisés »", "normaliser(titre) == cible"],
    "q6": ["D'où viennent les probabilités du modèle", "Elles viennent des textes d'entraînement"],
}


def test_every_question_is_covered():
    names = {n for n in vars(m01) if n.startswith("q") and n[1:].isdigit()}
    assert names == set(HINTS)
    assert names == set(CHOICES) | {"q3", "q5"}


@pytest.mark.parametrize("name", sorted(HINTS))
def test_hints_come_in_order_and_the_last_points_to_the_solution(name):
    question = copy.copy(getattr(m01, name))  # its own hint counter
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
    question = getattr(m01, name)
    for k, phrase in enumerate(HINTS[name], start=1):
        assert phrase in question.hint_text(k).text
    assert "dernier indice" in question.hint_text(len(HINTS[name])).text
