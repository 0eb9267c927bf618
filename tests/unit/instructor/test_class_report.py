"""The class report's tables and page on a class built by hand (no gradebook): two assignments,
one student who did not hand in the second, a manual answer waiting for its grade."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib
import pandas as pd

from ia_marketing.instructor.classe.report import ClassReport, _plain_message

matplotlib.use("Agg")


def _report() -> ClassReport:
    rows = []
    for student, (a, b) in {"alice": (10, 20), "bruno": (5, 10), "chloe": (0, None)}.items():
        rows.append({"etudiant": student, "devoir": "00_a", "rendu": True, "points": a, "points_max": 10,
                     "pourcentage": 10.0 * a, "a_noter_a_la_main": False})
        rows.append({"etudiant": student, "devoir": "01_b", "rendu": b is not None, "points": b if b is not None else math.nan,
                     "points_max": 20, "pourcentage": 5.0 * b if b is not None else math.nan,
                     "a_noter_a_la_main": student == "bruno"})
    scores = pd.DataFrame(rows)
    cells = pd.DataFrame([
        {"etudiant": s, "devoir": "00_a", "notebook": "00_a", "cellule": c, "points": p, "points_max": 5,
         "automatique": True, "a_noter_a_la_main": False}
        for s, c, p in [("alice", "test_x", 5), ("bruno", "test_x", 5), ("chloe", "test_x", 0),
                        ("alice", "test_y", 5), ("bruno", "test_y", 0), ("chloe", "test_y", 0)]])
    failures = {"00_a": pd.DataFrame([{"etudiant": "bruno", "cellule": "test_y", "message": "AssertionError : non"},
                                      {"etudiant": "chloe", "cellule": "test_y", "message": "AssertionError : non"},
                                      {"etudiant": "chloe", "cellule": "test_x", "message": "autre"}])}
    titles = {"00_a": {"test_x": "Exercice 1 — X", "test_y": "Exercice 2 — Y"}}
    return ClassReport(course=Path("."), scores=scores, cells=cells, titles=titles, failures=failures)


def test_tables_order_the_failing_tests_and_cases_first():
    report = _report()
    table = report.exercise_table("00_a")
    assert list(table["cellule"]) == ["test_y", "test_x"]
    assert list(table["taux_reussite"]) == [1 / 3, 2 / 3]
    assert list(table["exercice"]) == ["Exercice 2 — Y", "Exercice 1 — X"]
    cases = report.case_table("00_a")
    assert cases.iloc[0].to_dict() == {"cellule": "test_y", "exercice": "Exercice 2 — Y",
                                       "message": "AssertionError : non", "copies": 2}
    assert report.not_submitted("01_b") == ["chloe"] and report.not_submitted("00_a") == []
    progress = report.progress()
    assert progress.loc["alice", "01_b"] == 100 and math.isnan(progress.loc["chloe", "01_b"])


def test_the_page_holds_progress_missing_work_and_pending_manual_grades():
    page = _report().html()
    assert page.count("data:image/png;base64,") == 1 + 2 * 2  # progress, then 2 charts per assignment
    assert "Progression" in page
    assert "N'ont pas rendu</h3><p>chloe</p>" in page
    assert "1 copie avec une réponse à noter à la main" in page
    assert "3 étudiantes et étudiants, 2 devoirs" in page


def test_a_page_to_project_names_nobody():
    page = _report().html(names=False)
    assert "chloe" not in page and "alice" not in page and "bruno" not in page
    assert "N'ont pas rendu</h3><p>1 personne</p>" in page
    assert "Notes par personne" not in page


def test_python_errors_are_said_in_french():
    assert _plain_message("KeyboardInterrupt", "") == "cellule arrêtée par la limite de temps (une boucle sans fin ?)"
    assert "pas de réponse" in _plain_message("NotImplementedError", "")
    assert _plain_message("AssertionError", "\x1b[31mle prix\x1b[0m doit être positif\nsuite") == \
        "AssertionError : le prix doit être positif"
    assert _plain_message("NameError", "name 'x' is not defined").startswith("un nom n'existe pas")
