"""The hidden-test helpers: named cases, differential comparison, messages, independence."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ia_marketing.grading import (
    Raises,
    check_cases,
    compare_with_reference,
    describe,
    french_message_problems,
    left_unchanged,
    replaced,
    same,
    verdict,
)


def double(x):
    return 2 * x


@pytest.mark.parametrize("obtained, expected", [
    (0.1 + 0.2, 0.3), (3, 3.0), ((1, 2), [1, 2]), ({"a": [1.0]}, {"a": [1]}), (None, None),
    (float("nan"), float("nan")), ("é", "é"),
    (pd.Series([1, 2], index=["a", "b"], name="count"), pd.Series([1.0, 2.0], index=["a", "b"])),
    (pd.DataFrame({"x": [1]}), pd.DataFrame({"x": [1.0]})),
])
def test_same_accepts_the_same_answer_written_differently(obtained, expected):
    assert same(obtained, expected)


@pytest.mark.parametrize("obtained, expected", [
    (0.31, 0.3), ("3", 3), (1, True), (True, 1), (0, None), (None, 0), ([1, 2], [2, 1]), ([1], [1, 2]),
    ({"a": 1}, {"b": 1}), ("E", "é"), (float("nan"), 1.0),
    (pd.Series([2, 1], index=["b", "a"]), pd.Series([1, 2], index=["a", "b"])),
    ([1, 2], pd.Series([1, 2])), (pd.DataFrame({"x": [1]}), pd.DataFrame({"y": [1]})),
])
def test_same_refuses_a_different_answer(obtained, expected):
    assert not same(obtained, expected)


def test_check_cases_reports_the_advice_of_each_failing_case_only():
    def wrong(x):
        if x < 0:
            raise ValueError("négatif")
        return x + 2

    problems = check_cases(wrong, [
        (2, 4, "ok à 2"),
        (3, 6, "le double de 3"),
        (-1, Raises(ValueError, containing="NÉGATIF"), "lever une ValueError qui dit négatif"),
        (-1, Raises(TypeError), "lever une TypeError"),
        ((5,), lambda r: r % 2 == 0, "un nombre pair"),
        ("a", 2, "un texte"),
    ])
    assert problems == ["le double de 3", "lever une TypeError", "un nombre pair",
                        "un texte (votre fonction lève l'erreur TypeError)"]


def test_a_predicate_that_cannot_inspect_the_result_fails_the_case():
    assert check_cases(lambda x: None, [(1, lambda r: r > 0, "positif")]) == ["positif"]


def test_compare_with_reference_counts_labels_and_shows_the_first_difference():
    def learner(x):
        return 2 * x if x < 10 else 2 * x + 1

    inputs = [((x,), "grand" if x >= 10 else "petit") for x in range(20)]
    [message] = compare_with_reference(learner, double, inputs, advice="doublez")
    assert message == ("sur 20 entrées variées, 10 ne donnent pas le résultat de la solution (surtout : grand) ; "
                       "par exemple, learner(10) renvoie 21 au lieu de 20 — doublez")
    assert compare_with_reference(double, double, inputs) == []


def test_where_the_reference_raises_any_error_of_the_learner_is_accepted():
    def reference(x):
        if x == 0:
            raise ValueError("zéro")
        return 1 / x

    def learner(x):
        return 1 / x  # ZeroDivisionError at 0

    assert compare_with_reference(learner, reference, [((x,), "") for x in range(-3, 4)]) == []
    [message] = compare_with_reference(lambda x: 0.0 if x == 0 else 1 / x, reference, [((0,), "zéro")])
    assert "renvoie 0.0 alors que la solution lève une erreur" in message
    [message] = compare_with_reference(lambda x: 1 / (x - 1), reference, [((1,), "un")])
    assert "lève l'erreur ZeroDivisionError au lieu de 1.0" in message


def test_each_call_gets_its_own_copy_of_the_inputs():
    def appends(items):
        items.append(0)
        return len(items)

    data = [1, 2]
    assert compare_with_reference(appends, appends, [((data,), "")]) == []
    assert data == [1, 2]
    assert left_unchanged(appends, ([1, 2],), "ne modifiez pas la liste") == ["ne modifiez pas la liste"]
    assert left_unchanged(len, ([1, 2],), "ne modifiez pas la liste") == []


def test_equal_lets_a_statement_leave_the_order_of_ties_free():
    def by_count(values):
        return pd.Series(values).value_counts()

    def ties_other_way(values):
        return by_count(values).iloc[::-1].sort_values(ascending=False, kind="stable")

    inputs = [((["a", "b", "b", "c", "c"],), "égalité")]
    assert compare_with_reference(ties_other_way, by_count, inputs)  # strict: order of ties differs
    assert compare_with_reference(ties_other_way, by_count, inputs,
                                  equal=lambda o, e: dict(o) == dict(e) and o.is_monotonic_decreasing) == []


def test_replaced_swaps_names_for_the_block_only():
    namespace = {"helper": "learner's", "x": 1}
    with replaced(namespace, helper="reference", fresh=2):
        assert namespace["helper"] == "reference" and namespace["fresh"] == 2
    assert namespace == {"helper": "learner's", "x": 1}
    with pytest.raises(RuntimeError), replaced(namespace, helper="reference"):
        raise RuntimeError("a failing check")
    assert namespace["helper"] == "learner's"


def test_french_message_problems():
    assert french_message_problems("La jauge doit être positive", containing=["jauge"]) == []
    assert french_message_problems("Jauge invalide.", containing=["jauge"]) == []
    assert french_message_problems("The jauge must be positive", containing=["jauge"]) == [
        "le message semble écrit en anglais : écrivez-le en français"]
    assert french_message_problems("Erreur", containing=["jauge"], what="le texte") == ["le texte doit contenir « jauge »"]
    assert french_message_problems("   ")[0].startswith("le message est vide")
    assert french_message_problems(ValueError("Invalid value")) == [
        "le message semble écrit en anglais : écrivez-le en français"]


def test_verdict_lists_each_problem_once():
    verdict([])
    with pytest.raises(AssertionError) as raised:
        verdict(["a", "b", "a"])
    assert str(raised.value) == "Tests cachés : a ; b."


def test_describe_keeps_messages_short():
    assert describe(pd.DataFrame({"x": range(12)})) == "un tableau de 12 lignes"
    assert describe(pd.Series([1])) == "une Series de 1 valeur"
    assert describe("x" * 200).endswith("…") and len(describe("x" * 200)) == 90
    assert describe(math.pi) == repr(math.pi)
