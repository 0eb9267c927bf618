"""Formative questions of lesson 04 « Segmenter ses publics » (`ia_marketing.lecons.m04`), tested
both ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
wrong answers fail with the message meant for them.

Every expected answer below comes from `modules/04_segmenter_publics.ipynb` and the course data
it reads, recomputed here without the library under test, not from the checker.
"""

from __future__ import annotations

import csv
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from lesson_questions import fails, not_attempted, passes, question_names

from ia_marketing.checks import CORRECT
from ia_marketing.lecons import m04

REPO = Path(__file__).resolve().parents[3]
NOTEBOOK = REPO / "modules" / "04_segmenter_publics.ipynb"

# The multiple-choice questions q2, q3 and q4: test_choices.py (the m04 entries).


@pytest.fixture(scope="module")
def lesson_sources() -> list[str]:
    return [cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells]


def billets_rows() -> list[dict[str, str]]:
    with (REPO / "datasets" / "billets.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_lesson_asks_the_four_questions_in_order(lesson_sources):
    text = "\n".join(lesson_sources)
    assert "from ia_marketing.lecons.m04 import q1, q2, q3, q4" in text
    positions = [text.index(f"### À vous — question {n}") for n in range(1, 5)]
    assert positions == sorted(positions)
    for n in range(1, 5):
        assert f"reponse_q{n} = ...\nq{n}.check(reponse_q{n})" in text
    assert question_names("m04") == {"q1", "q2", "q3", "q4"}


# -- q1: rows set aside at 1 July 2025 (number) -------------------------------------------------------
# « Refaites le calcul RFM des billets du cours au 1er juillet 2025 … Combien de lignes sont mises
#   de côté ? » — every ticket of the course has a customer and a positive price, so the rows set
#   aside are the tickets bought on 1 July 2025 or later.
Q1_TOO_LOW = "C'est trop peu"
Q1_TOO_HIGH = "C'est trop"


def q1_expected() -> int:
    rows = billets_rows()
    assert all(r["id_client"] and float(r["prix"]) > 0 for r in rows)
    return sum(r["date_achat"] >= "2025-07-01" for r in rows)  # ISO dates sort as text


def test_q1_the_lesson_computes_it_at_that_date(lesson_sources):
    cell = next(s for s in lesson_sources if "reponse_q1 = ..." in s)
    assert 'at="2025-07-01"' in cell
    assert "1er juillet 2025" in next(s for s in lesson_sources if "question 1" in s)


def test_q1_reference_answer_passes():
    expected = q1_expected()
    assert expected == 7914
    passes(m04.q1, expected)
    passes(m04.q1, float(expected))
    passes(m04.q1, np.int64(expected))


def test_q1_too_low_for_a_count_of_customers_or_of_one_season():
    rows = billets_rows()
    customers_before = len({r["id_client"] for r in rows if r["date_achat"] < "2025-07-01"})  # 2 532 customers
    for value in (customers_before, 7913, 0):
        out = fails(m04.q1, value, Q1_TOO_LOW)
        assert "pas les lignes lues" not in out.message


def test_q1_too_high_for_the_rows_read_or_kept():
    rows = billets_rows()
    kept = sum(r["date_achat"] < "2025-07-01" for r in rows)
    for value in (len(rows), kept, 7915):
        fails(m04.q1, value, Q1_TOO_HIGH, "pas les lignes lues")


@pytest.mark.parametrize("value, kind", [("7914", "str"), (True, "bool"), ([7914], "list")])
def test_q1_not_a_number(value, kind):
    fails(m04.q1, value, "J'attends un nombre", kind)


def test_q1_placeholder_is_not_attempted():
    not_attempted(m04.q1, ...)


def test_q1_solution_states_the_value_and_the_reason():
    assert m04.q1._solution.startswith("7914")
    assert "date le jour de référence ou après" in m04.q1._solution


# -- facts the choice questions rest on, checked on the data with plain pandas / scikit-learn --------
def test_q2_fact_qcut_cannot_cut_ties_but_can_cut_their_ranks():
    frequency = pd.Series([1] * 40 + list(range(2, 62)))  # 40 % with one purchase, like the course data
    with pytest.raises(ValueError, match="Bin edges must be unique"):
        pd.qcut(frequency, 5, labels=[1, 2, 3, 4, 5])
    scores = pd.qcut(frequency.rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)
    assert scores.value_counts().tolist() == [20] * 5


def test_q3_fact_the_adjusted_rand_index_ignores_group_numbers():
    from sklearn.metrics import adjusted_rand_score

    a = [0, 0, 1, 1, 2, 2]
    assert adjusted_rand_score(a, [2, 2, 0, 0, 1, 1]) == 1.0          # same groups, other numbers
    assert adjusted_rand_score(a, [0, 1, 2, 0, 1, 2]) < 0.1           # unrelated groups


def test_q4_fact_the_naive_rule_has_a_lift_of_about_one_and_a_half():
    tickets = pd.read_csv(REPO / "datasets" / "billets.csv", parse_dates=["date_achat"])
    shows = pd.read_csv(REPO / "datasets" / "spectacles.csv")
    tickets = tickets.merge(shows[["id_spectacle", "saison"]], on="id_spectacle")
    before = tickets[tickets["saison"] < "2025-2026"]
    start = before["date_achat"].max() + pd.Timedelta(days=1)
    last = before.groupby("id_client")["date_achat"].max()
    flagged = (start - last).dt.days > 365
    gone = ~last.index.isin(tickets.loc[tickets["saison"] == "2025-2026", "id_client"])
    precision = (flagged & gone).sum() / flagged.sum()
    lift = precision / gone.mean()
    assert round(lift, 1) == 1.5
    assert f"{precision:.3f}" == "0.931"


# -- the choice questions: the right option is neither always in the same place nor always the longest -
def lesson_options(lesson_sources, n: int) -> dict[str, str]:
    cell = next(s for s in lesson_sources if f"### À vous — question {n}" in s)
    part = cell.split(f"### À vous — question {n}", 1)[1]
    return {line[2]: line[5:] for line in part.splitlines() if line[:2] == "- " and line[3:5] == ") "}


def test_choice_answers_vary_in_position_and_length(lesson_sources):
    positions, longest = set(), []
    for n in (2, 3, 4):
        options = lesson_options(lesson_sources, n)
        assert sorted(options) == ["a", "b", "c"]
        q = getattr(m04, f"q{n}")
        right = [letter for letter in options if q.evaluate(letter).status == CORRECT]
        assert len(right) == 1, (n, right)
        positions.add(right[0])
        lengths = {letter: len(text) for letter, text in options.items()}
        longest.append(lengths[right[0]] == max(lengths.values()))
    assert len(positions) >= 2        # not always « b »
    assert not all(longest)           # the longest option is not always the right one
