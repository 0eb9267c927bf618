"""Formative questions of lesson 03 « Nettoyer ses données » (`ia_marketing.lecons.m03`), tested
both ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
wrong answers fail with the message meant for them.

Every expected answer below comes from `modules/03_nettoyer_donnees.ipynb`, not from the checker.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lesson_questions import fails, not_attempted, passes

from ia_marketing import cleaning
from ia_marketing.data.messy import generate_messy_export
from ia_marketing.lecons import m03

REPO = Path(__file__).resolve().parents[3]

# The multiple-choice questions q1, q3 and q4: test_choices.py; the hints: test_hints.py.


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


# -- q3: the figures of the lesson's table, strict rule against « souple » rule ----------------------
# « Sur ces 2 000 lignes, la règle souple … trouve les 160 vrais doublons sans écarter personne à
# tort, quand la règle stricte en manque 2 » ; « À 100 000 lignes, la règle souple écarte 8 lignes
# qui décrivaient d'autres personnes … la règle stricte n'en écarte aucune … laisse passer 87 vrais
# doublons, la règle souple 22 ». Measured here as the lesson measures them: if the generator or the
# rules change, the lesson's text (and q3) must be read again.
SOUPLE = (("email",), ("telephone",), ("date_naissance",))
TODAY = date(2026, 7, 1)  # the lesson's « today »


def _errors(raw, truth, rules):
    """(rows set aside wrongly, true duplicates missed, true duplicates) of *rules* on *raw*."""
    clean = pd.DataFrame({
        "cle_nom": cleaning.name_key(raw["nom"], raw["prenom"]),
        "email": cleaning.normalise_email(raw["email"]),
        "telephone": cleaning.normalise_phone(raw["telephone"]),
        "date_naissance": cleaning.parse_french_date(raw["date_naissance"], latest=TODAY),
        "code_postal": cleaning.normalise_postcode(raw["code_postal"]),
    })
    links = cleaning.find_duplicates(raw, clean, rules=rules)
    found = set(raw.index[links["premiere_ligne"].to_numpy() != np.arange(len(raw))])
    true = set(raw.index[truth["doublon_de"].notna().to_numpy()])
    return len(found - true), len(true - found), len(true)


def _read(export, truth):
    return (cleaning.read_export(export, colonnes="billetterie"),
            pd.read_csv(truth, dtype=str, keep_default_na=False, na_values=[""]))


def test_q3_on_the_course_export_the_souple_rule_makes_no_error():
    raw, truth = _read(REPO / "datasets" / "export_billetterie.csv", REPO / "datasets" / "export_billetterie_verite.csv")
    assert _errors(raw, truth, SOUPLE) == (0, 0, 160)
    assert _errors(raw, truth, cleaning.DUPLICATE_RULES) == (0, 2, 160)


def test_q3_at_100000_rows_the_souple_rule_merges_homonyms_and_the_strict_one_misses_more(tmp_path):
    paths = generate_messy_export(tmp_path, rows=100_000)  # as the lesson makes it: default seed
    raw, truth = _read(paths["export"], paths["verite"])
    wrong_souple, missed_souple, _ = _errors(raw, truth, SOUPLE)
    wrong_strict, missed_strict, _ = _errors(raw, truth, cleaning.DUPLICATE_RULES)
    assert (wrong_souple, missed_souple) == (8, 22)
    assert (wrong_strict, missed_strict) == (0, 87)
