"""Formative questions of lesson 01 « Démystifier l'IA » (`ia_marketing.lecons.m01`), tested both
ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
wrong answers fail with the message meant for them.

Every expected answer below comes from `modules/01_demystifier_ia.ipynb`, not from the checker.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import nbformat
import numpy as np
import pytest
from lesson_questions import fails, not_attempted, passes

from ia_marketing.lecons import m01

ROOT = Path(__file__).resolve().parents[3]

# The multiple-choice questions q1, q2, q4 and q6: test_choices.py; the hints: test_hints.py.


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


def _lesson_skeleton() -> str:
    """The code cell of the lesson where the learner writes reference_connue, as committed."""
    lesson = nbformat.read(ROOT / "modules" / "01_demystifier_ia.ipynb", as_version=4)
    cell = next(c for c in lesson.cells if c.cell_type == "code" and "def reference_connue" in c.source)
    return cell.source.replace("q5.check(reference_connue)", "")


def _defined(source: str):
    namespace: dict = {}
    exec(source.replace("print(", "str("), namespace)  # noqa: S102 - the lesson's own cell
    return namespace["reference_connue"]


def test_q5_skeleton_is_in_the_code_cell_and_not_attempted_as_given():
    skeleton = _lesson_skeleton()
    assert "for titre in catalogue:" in skeleton and "if ...:" in skeleton
    not_attempted(m01.q5, _defined(skeleton), "« ... »")


def test_q5_skeleton_filled_as_the_hint_says_passes():
    filled = _lesson_skeleton().replace("if ...:", "if normaliser(titre) == cible:")
    passes(m01.q5, _defined(filled))


def test_q5_not_implemented_is_not_attempted():
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
