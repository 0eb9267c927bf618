"""Formative checks (`ia_marketing.checks.Question`): three outcomes, messages that help
without giving the answer away, tiered hints."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from ia_marketing import Question
from ia_marketing.checks import CORRECT, INCORRECT, NOT_ATTEMPTED

PLACEHOLDERS = [..., None, "", "   "]


# -- choice ----------------------------------------------------------------------------------
@pytest.fixture
def qcm():
    return Question.choice("q1", "b", options=["a", "b", "c", "d"],
                           feedback={"a": "Non : le taux d'ouverture ne mesure pas les achats."},
                           hints=["Relisez la définition.", "Pensez à ce qu'on divise.", "C'est un ratio."],
                           solution="b) les clics divisés par les envois")


@pytest.mark.parametrize("answer", ["b", "B", " b ", "b)", "b."])
def test_choice_correct(qcm, answer):
    out = qcm.evaluate(answer)
    assert out.status == CORRECT and out.ok
    assert out.question == "q1"


@pytest.mark.parametrize("answer", PLACEHOLDERS)
def test_choice_not_attempted(qcm, answer):
    out = qcm.evaluate(answer)
    assert out.status == NOT_ATTEMPTED and not out.ok
    assert "« ... »" in out.message


def _mentions_letter(message: str, letter: str) -> bool:
    return re.search(rf"(?<![\w]){letter}(?![\w])", message, flags=re.IGNORECASE) is not None


@pytest.mark.parametrize("answer", ["a", "c", "d", 2, ["b"], True])
def test_choice_wrong_answer_never_gives_the_answer(qcm, answer):
    out = qcm.evaluate(answer)
    assert out.status == INCORRECT and not out.ok
    assert out.message
    assert not _mentions_letter(out.message, "b"), out.message
    assert "clics" not in out.message  # nor the solution's text


def test_choice_feedback_and_form_messages(qcm):
    assert qcm.evaluate("a").message == "Non : le taux d'ouverture ne mesure pas les achats."
    assert "relisez" in qcm.evaluate("c").message.lower()
    out = qcm.evaluate("z")
    assert out.status == INCORRECT and "« z » n'est pas un choix proposé" in out.message
    assert "entre guillemets" in qcm.evaluate(3).message


def test_choice_form_example_is_not_the_answer_when_it_is_the_first_option():
    q = Question.choice("q", "a", options=["a", "b", "c"])
    message = q.evaluate(1).message
    assert "entre guillemets" in message
    assert not _mentions_letter(message, "a")


# -- number ----------------------------------------------------------------------------------
@pytest.fixture
def taux():
    return Question.number("q2", 42.5, too_low="Trop bas : avez-vous oublié une ligne ?",
                           too_high="Trop haut : divisez-vous par le bon total ?")


@pytest.mark.parametrize("value", [42.5, 42.50000001, 85 / 2, np.float64(42.5), pd.Series([40, 45]).mean()])
def test_number_correct(taux, value):
    assert taux.evaluate(value).status == CORRECT


def test_number_accepts_numpy_integers():
    total = pd.Series([10, 20, 12]).sum()  # numpy.int64, what pandas gives
    assert not isinstance(total, int)
    assert Question.number("q", 42).evaluate(total).status == CORRECT


@pytest.mark.parametrize("value", PLACEHOLDERS)
def test_number_not_attempted(taux, value):
    assert taux.evaluate(value).status == NOT_ATTEMPTED


@pytest.mark.parametrize("value, direction", [(10, "bas"), (42.4, "bas"), (42.6, "haut"), (1e6, "haut")])
def test_number_wrong_gives_a_direction_not_the_value(taux, value, direction):
    out = taux.evaluate(value)
    assert out.status == INCORRECT
    assert direction in out.message
    assert "42.5" not in out.message and "42,5" not in out.message


@pytest.mark.parametrize("value", ["quarante", [42], True, float("nan")])
def test_number_wrong_type_or_nan(taux, value):
    out = taux.evaluate(value)
    assert out.status == INCORRECT
    assert "42.5" not in out.message and "42,5" not in out.message
    assert "Trop" not in out.message  # no direction for something that is not a number


def test_number_string_is_explained(taux):
    out = taux.evaluate("12")
    assert out.status == INCORRECT
    assert "J'attends un nombre" in out.message and "sans guillemets" in out.message


# -- function --------------------------------------------------------------------------------
def _reference(prix: float, remise: float) -> float:
    return round(prix * (1 - remise), 2)


CASES = [(20.0, 0.1), (35.0, 0.5), (12.0, 0.0), (0.0, 0.3)]


@pytest.fixture
def prix_remise():
    return Question.function("q3", _reference, CASES, show_cases=2)


def test_function_correct(prix_remise):
    def prix_final(prix, remise):
        return round(prix - prix * remise, 2)
    assert prix_remise.evaluate(prix_final).status == CORRECT


def test_function_not_written_yet(prix_remise):
    def prix_final(prix, remise):
        raise NotImplementedError
    out = prix_remise.evaluate(prix_final)
    assert out.status == NOT_ATTEMPTED
    assert "NotImplementedError" in out.message


def test_a_skeleton_still_holding_dots_is_not_attempted(prix_remise):
    """The lessons put skeletons in code cells: « ... » left in them means « not written yet »."""
    def prix_final(prix, remise):
        return round(prix - ..., 2)

    def prix_avec_boucle(prix, remise):
        for _ in range(1):
            if ...:
                return prix
        return 0

    def prix_avec_lambda(prix, remise):
        return (lambda p: p * ...)(prix)

    for fn in (prix_final, prix_avec_boucle, prix_avec_lambda):
        out = prix_remise.evaluate(fn)
        assert out.status == NOT_ATTEMPTED and "« ... »" in out.message, fn.__name__


def test_function_that_raises_is_incorrect_with_the_error_name(prix_remise):
    def prix_final(prix, remise):
        if remise == 0:
            return prix / remise  # division by zero on the third case
        return _reference(prix, remise)
    out = prix_remise.evaluate(prix_final)
    assert out.status == INCORRECT
    assert "ZeroDivisionError" in out.message


def test_function_wrong_on_a_shown_case_compares_expected_and_obtained(prix_remise):
    def prix_final(prix, remise):
        return prix * remise  # the discount instead of the price
    out = prix_remise.evaluate(prix_final)
    assert out.status == INCORRECT
    assert "attendu" in out.message and "obtenu" in out.message
    assert "(20.0, 0.1)" in out.message
    assert repr(_reference(20.0, 0.1)) in out.message and repr(2.0) in out.message


def test_function_wrong_on_a_hidden_case_says_which_without_the_answer(prix_remise):
    def prix_final(prix, remise):
        if remise == 0:
            return None  # forgets the case without discount (third case, not shown)
        return round(prix * (1 - remise), 2)
    out = prix_remise.evaluate(prix_final)
    assert out.status == INCORRECT
    assert "attendu" not in out.message and "obtenu" not in out.message
    assert "n° 3 sur 4" in out.message
    assert "12.0" not in out.message


def test_show_cases_controls_what_is_compared():
    def wrong_on_second(prix, remise):
        return -1.0 if prix == 35.0 else _reference(prix, remise)
    shown = Question.function("q", _reference, CASES, show_cases=2).evaluate(wrong_on_second)
    hidden = Question.function("q", _reference, CASES, show_cases=1).evaluate(wrong_on_second)
    assert "attendu" in shown.message and "(35.0, 0.5)" in shown.message
    assert "attendu" not in hidden.message and "n° 2 sur 4" in hidden.message


def test_function_that_modifies_its_input_is_judged_on_its_own_result():
    def first(xs):
        return xs[0]

    def sorts_in_place(xs):  # wrong: returns the smallest, and sorts the learner's list
        xs.sort()
        return xs[0]

    q = Question.function("q", first, [([3, 1, 2],), ([5, 4],)], show_cases=2)
    out = q.evaluate(sorts_in_place)
    assert out.status == INCORRECT
    assert "attendu : 3" in out.message and "obtenu  : 1" in out.message


def test_not_a_function():
    out = Question.function("q", _reference, CASES).evaluate(42)
    assert out.status == INCORRECT and "J'attends une fonction" in out.message


# -- hints, solution, display ------------------------------------------------------------------
def test_hints_advance_then_stop_at_the_last_with_a_pointer_to_the_solution(qcm):
    first, second, third, again = (qcm.hint_text() for _ in range(4))
    assert (first.title, first.text) == ("q1 — indice 1/3 :", "Relisez la définition.")
    assert second.title == "q1 — indice 2/3 :" and second.text == "Pensez à ce qu'on divise."
    assert third.title == "q1 — indice 3/3 :" and third.text.startswith("C'est un ratio.")
    assert "q1.solution()" in third.text and "dernier indice" in third.text
    assert "solution()" not in first.text and "solution()" not in second.text
    assert again.title == third.title and again.text == third.text
    assert qcm.hint_text(2).text == "Pensez à ce qu'on divise."
    assert qcm.hint_text(99).title == "q1 — indice 3/3 :"


def test_no_hints():
    note = Question.number("q", 1).hint_text()
    assert "Pas d'indice" in note.text


def test_check_hint_and_solution_print_outside_a_notebook(qcm, capsys):
    qcm.check("b")
    qcm.check("c")
    qcm.check()
    qcm.hint()
    qcm.solution()
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "q1 — ✅ Bravo !"
    assert out[1].startswith("q1 — ❌ Pas encore.")
    assert out[2].startswith("q1 — ⏳ Pas encore de réponse.")
    assert out[3] == "q1 — indice 1/3 : Relisez la définition."
    assert out[4] == "q1 — solution : b) les clics divisés par les envois"


def test_outcome_html_is_escaped():
    q = Question.choice("<q>", "a", options=["a", "b"], feedback={"b": "<script>x</script>"})
    html = q.evaluate("b")._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;q&gt;" in html
