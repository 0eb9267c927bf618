"""Formative questions of lesson 00 « Prise en main » (`ia_marketing.lecons.m00`), tested both
ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
beginner mistakes fail with the message meant for them.

Every expected answer below comes from `modules/00_prise_en_main.ipynb`, not from the checker.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from lesson_questions import fails, not_attempted, passes, question_names

from ia_marketing.lecons import m00

REPO = Path(__file__).resolve().parents[3]
SPECTACLES_CSV = REPO / "datasets" / "spectacles.csv"

# Values the lesson gives the learner (cells 15 and 26 of the notebook).
NOM_DU_LIEU = "Théâtre du Rivage"
PROGRAMME = ["Les Vagues", "Nuit du jazz", "Cirque de papier"]
TITRE = "Les Vagues"
DATE = "samedi 14 mars"

SKELETON = "Le squelette est encore là"


# -- q1: reading an error (multiple choice: the generic tests are in test_choices.py) ----------------
def test_q1_solution_explains_the_last_line():
    # « la ligne utile est la dernière »
    assert "dernière ligne" in m00.q1._solution


# -- q2: fill rate (number) ------------------------------------------------------------------------
# « Nuit du jazz » : 405 billets vendus, 450 places ; taux = billets vendus ÷ jauge × 100 = 90 %.
Q2_EXPECTED = 90.0
Q2_TOO_LOW = "avez-vous bien multiplié par 100"
Q2_TOO_HIGH = "divisé les billets vendus par la jauge"


def test_q2_reference_answer_passes():
    passes(m00.q2, Q2_EXPECTED)
    billets_vendus_concert, jauge_concert = 405, 450
    passes(m00.q2, billets_vendus_concert / jauge_concert * 100)  # the learner's own calculation
    passes(m00.q2, 90)
    passes(m00.q2, np.float64(90.0))


@pytest.mark.parametrize("value", [0.9, 89.0, 405 / 450])  # forgot × 100, or a slip
def test_q2_too_low(value):
    out = fails(m00.q2, value, Q2_TOO_LOW)
    assert Q2_TOO_HIGH not in out.message


@pytest.mark.parametrize("value", [450 / 405 * 100, 9000.0, 91.0])  # inverted division, × 100 twice
def test_q2_too_high(value):
    out = fails(m00.q2, value, Q2_TOO_HIGH)
    assert Q2_TOO_LOW not in out.message


@pytest.mark.parametrize("value, kind", [("90", "str"), (True, "bool"), ([90.0], "list")])
def test_q2_not_a_number(value, kind):
    fails(m00.q2, value, "J'attends un nombre", kind)


def test_q2_nan():
    fails(m00.q2, float("nan"), "NaN")
    fails(m00.q2, np.nan, "NaN")


def test_q2_placeholder_is_not_attempted():
    not_attempted(m00.q2, ...)


def test_q2_solution_code_gives_the_expected_value():
    assert "90.0" in m00.q2._solution
    namespace = {"billets_vendus_concert": 405, "jauge_concert": 450}
    exec(m00.q2._solution, namespace)
    assert math.isclose(namespace["taux_concert"], Q2_EXPECTED)
    passes(m00.q2, namespace["taux_concert"])


# -- q3: f-string (custom checker, one value) --------------------------------------------------------
# « un message d'invitation (une f-string) qui contient le titre et la date du spectacle »
def test_q3_reference_answer_passes():
    titre, date = TITRE, DATE
    passes(m00.q3, f"Nous vous invitons à {titre}, le {date}.")
    passes(m00.q3, f"{date} : première de {titre} au {NOM_DU_LIEU} !")  # « la formulation est libre »


def test_q3_forgot_the_f_prefix():
    fails(m00.q3, "Nous vous invitons à {titre}, le {date}.", "avez-vous oublié le f")


def test_q3_missing_title():
    fails(m00.q3, f"Nous vous invitons le {DATE}.", "Le titre du spectacle n'apparaît pas")


def test_q3_missing_date():
    fails(m00.q3, f"Nous vous invitons à {TITRE}.", "La date n'apparaît pas")


def test_q3_variables_named_instead_of_inserted():
    fails(m00.q3, "Nous vous invitons à titre, le date.", "Le titre du spectacle n'apparaît pas")


@pytest.mark.parametrize("value, kind", [(42, "int"), ([TITRE, DATE], "list")])
def test_q3_not_a_text(value, kind):
    fails(m00.q3, value, "J'attends un texte (str)", kind)


@pytest.mark.parametrize("value", [..., "", "   "])
def test_q3_placeholder_is_not_attempted(value):
    not_attempted(m00.q3, value)


def test_q3_solution_code_passes():
    namespace = {"titre": TITRE, "date": DATE, "nom_du_lieu": NOM_DU_LIEU}
    exec(m00.q3._solution, namespace)
    passes(m00.q3, namespace["invitation"])


# -- q4: one message per show (custom _LessonQuestion, the list built by the loop) -------------------
# « messages contienne un message par spectacle de programme, chaque message contenant le titre »
def loop(build):
    """What the lesson's cell gives: messages = [] ; for titre in programme: messages.append(...)."""
    messages = []
    for titre in PROGRAMME:
        messages.append(build(titre))
    return messages


def test_q4_reference_answer_passes():
    passes(m00.q4, loop(lambda titre: f"Ce soir au {NOM_DU_LIEU} : {titre} !"))
    passes(m00.q4, loop(lambda titre: f"📣 Réservez pour {titre}"))


def test_q4_untouched_skeleton_is_not_attempted():
    # the cell run as given: message = ...  then messages.append(message)
    not_attempted(m00.q4, loop(lambda titre: ...), SKELETON)


def test_q4_forgot_the_f_prefix():
    fails(m00.q4, loop(lambda titre: "Ce soir : {titre}"), "n° 1", "il manque le f")


def test_q4_same_text_for_every_show():
    # the loop variable not used: the title of the first show in every message
    fails(m00.q4, loop(lambda titre: f"Ce soir : {PROGRAMME[0]}"), "Le message n° 2",
          "ne contient pas le titre du spectacle correspondant")


def test_q4_messages_in_the_wrong_order():
    fails(m00.q4, [f"Ce soir : {t}" for t in reversed(PROGRAMME)], "Le message n° 1",
          "ne contient pas le titre")


def test_q4_cell_run_twice_without_resetting_the_list():
    messages = loop(lambda titre: f"Ce soir : {titre}")
    messages += loop(lambda titre: f"Ce soir : {titre}")
    fails(m00.q4, messages, "Votre liste contient 6 message(s)", "messages = []")


def test_q4_empty_list():
    fails(m00.q4, [], "Votre liste contient 0 message(s)")


def test_q4_a_message_that_is_not_a_text():
    fails(m00.q4, loop(lambda titre: len(titre)), "Le message n° 1 n'est pas un texte")


@pytest.mark.parametrize("value, kind", [("Ce soir : Les Vagues", "str"), ((TITRE,), "tuple")])
def test_q4_not_a_list(value, kind):
    fails(m00.q4, value, "J'attends une liste", kind)


def test_q4_placeholder_is_not_attempted():
    not_attempted(m00.q4, ...)


def test_q4_solution_code_passes():
    namespace = {"programme": list(PROGRAMME), "nom_du_lieu": NOM_DU_LIEU}
    exec(m00.q4._solution, namespace)
    passes(m00.q4, namespace["messages"])


# -- q5: first function (custom _LessonQuestion over Question.function) --------------------------------
# « renvoie le prix TTC avec une TVA de 5,5 %, arrondi à 2 décimales (prix_ttc(20.0) renvoie 21.1) »
def prix_ttc(prix_ht):
    return round(prix_ht * (1 + 0.055), 2)


def test_q5_reference_answer_passes():
    assert prix_ttc(20.0) == 21.1  # the example of the statement
    passes(m00.q5, prix_ttc)


def test_q5_untouched_skeleton_is_not_attempted():
    def prix_ttc_squelette(prix_ht):
        return ...

    not_attempted(m00.q5, prix_ttc_squelette, SKELETON)


def test_q5_not_implemented_is_not_attempted():
    def prix_ttc_vide(prix_ht):
        raise NotImplementedError()

    not_attempted(m00.q5, prix_ttc_vide, "raise NotImplementedError")


def test_q5_forgot_return():
    def sans_return(prix_ht):
        round(prix_ht * 1.055, 2)

    fails(m00.q5, sans_return, "ne renvoie rien (None)", "return")


def test_q5_forgot_rounding():
    # 20.0 × 1.055 = 21.099999999999998 is close enough to 21.1; 35.5 × 1.055 = 37.4525 is not 37.45
    def sans_arrondi(prix_ht):
        return prix_ht * 1.055

    fails(m00.q5, sans_arrondi, "Pour l'entrée (35.5)", "attendu : 37.45", "obtenu  : 37.4525")


def test_q5_only_the_tax():
    def taxe_seule(prix_ht):
        return round(prix_ht * 0.055, 2)

    fails(m00.q5, taxe_seule, "Pour l'entrée (20.0)", "attendu : 21.1", "obtenu  : 1.1")


def test_q5_standard_vat_rate_instead_of_the_reduced_one():
    def tva_20(prix_ht):
        return round(prix_ht * 1.2, 2)

    fails(m00.q5, tva_20, "attendu : 21.1", "obtenu  : 24.0")


def test_q5_hard_coded_example():
    # « Écrire directement le résultat attendu … passe peut-être un test visible, mais pas les tests cachés »
    def en_dur(prix_ht):
        return 21.1

    fails(m00.q5, en_dur, "Pour l'entrée (35.5)", "attendu : 37.45", "obtenu  : 21.1")


def test_q5_code_that_raises():
    def plante(prix_ht):
        return prix_ht * "1.055"

    fails(m00.q5, plante, "Votre code a provoqué une erreur", "TypeError")


def test_q5_a_value_instead_of_the_function():
    fails(m00.q5, 21.1, "J'attends une fonction")
    fails(m00.q5, "prix_ttc", "J'attends une fonction")


def test_q5_placeholder_is_not_attempted():
    not_attempted(m00.q5, ...)


def test_q5_solution_code_passes():
    namespace = {}
    exec(m00.q5._solution, namespace)
    assert namespace["prix_ttc"](20.0) == 21.1
    passes(m00.q5, namespace["prix_ttc"])


# -- q6: pandas filter + count (custom checker, one value) -----------------------------------------------
# datasets/spectacles.csv: 16 of the 100 shows have the discipline « danse » (100 rows in all).
Q6_EXPECTED = 16
Q6_ROWS = 100


def test_q6_expected_count_matches_the_committed_dataset():
    with SPECTACLES_CSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == Q6_ROWS
    assert sum(r["discipline"] == "danse" for r in rows) == Q6_EXPECTED


@pytest.fixture(scope="module")
def spectacles():
    return pd.read_csv(SPECTACLES_CSV)


def test_q6_reference_answer_passes(spectacles):
    passes(m00.q6, Q6_EXPECTED)
    danse = spectacles[spectacles["discipline"] == "danse"]
    passes(m00.q6, len(danse))             # what the statement asks: filter, then len(...)
    passes(m00.q6, danse.shape[0])
    passes(m00.q6, np.int64(Q6_EXPECTED))  # (spectacles["discipline"] == "danse").sum()


def test_q6_whole_table_counted(spectacles):
    fails(m00.q6, len(spectacles), "C'est trop grand", "filtré les seuls spectacles de danse")


def test_q6_capitalised_discipline(spectacles):
    # « Danse » matches nothing: an empty table
    fails(m00.q6, len(spectacles[spectacles["discipline"] == "Danse"]), "C'est trop petit",
          "orthographe exacte")


def test_q6_filtered_table_instead_of_its_length(spectacles):
    danse = spectacles[spectacles["discipline"] == "danse"]
    fails(m00.q6, danse, "un tableau entier", "len(...)")
    fails(m00.q6, danse["titre"], "un tableau entier")


@pytest.mark.parametrize("value, kind", [(16.0, "float"), ("16", "str"), (True, "bool")])
def test_q6_not_an_integer(value, kind):
    fails(m00.q6, value, "J'attends un nombre entier", kind)


def test_q6_placeholder_is_not_attempted():
    not_attempted(m00.q6, ...)


def test_q6_solution_code_passes(spectacles):
    namespace = {"spectacles": spectacles}
    exec(m00.q6._solution, namespace)
    assert namespace["nb_spectacles_danse"] == Q6_EXPECTED
    passes(m00.q6, namespace["nb_spectacles_danse"])


# -- the module's exports (hints and choices: test_hints.py, test_choices.py) -------------------------
def test_all_exports_every_question():
    assert set(m00.__all__) - {"PROGRAMME", "TITRE", "DATE", "DISCIPLINE_Q6"} == question_names("m00")
