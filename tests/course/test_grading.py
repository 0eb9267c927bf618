"""Grading soundness of every assignment, with the real nbgrader CLI in a scratch copy.

For each assignment: the reference solution gets full automatic marks; the untouched
release gets zero; each plausible wrong submission loses points; an infinite loop is
stopped by the per-cell timeout while the other submissions are still graded; a
deleted test cell is restored and graded.
"""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from course_tools import (
    ASSIGNMENTS,
    ROOT,
    assignment_notebook,
    build_submission,
    copy_course,
    grade_id,
    guided_submission,
    owned_test_cells,
    run,
    variants,
)
from nbgrader.api import Gradebook

pytestmark = [pytest.mark.slow, pytest.mark.model]  # notebooks run the embedded model


@pytest.fixture(scope="module", params=ASSIGNMENTS)
def graded(request, tmp_path_factory):
    name = request.param
    course = copy_course(tmp_path_factory.mktemp(f"cours-{name}"))
    release = assignment_notebook(course / "exercises", name)
    solution = assignment_notebook(course / "solutions", name)
    v = variants(name)

    submissions = {
        "reference": build_submission(release, solution),
        "vierge": build_submission(release, solution, fill_solutions=False),
        "boucle_infinie": build_submission(release, solution, v.INFINITE_LOOP),
        "test_supprime": build_submission(release, solution, delete=v.DELETED_TEST_CELL),
    }
    guided = guided_submission(name, solution)
    if guided:
        submissions["parcours_guide"] = build_submission(release, solution, guided)
    for variant, replacements in v.WRONG_SUBMISSIONS.items():
        submissions[f"faux_{variant}"] = build_submission(release, solution, replacements)
    assert v.DELETED_TEST_CELL not in {grade_id(c) for c in submissions["test_supprime"].cells}
    for student, nb in submissions.items():
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")

    # The gradebook must know the assignment: generate it from the source, as an instructor does.
    gen = run(["nbgrader", "generate_assignment", name, "--force", "--create"], cwd=course)
    assert gen.returncode == 0, gen.stdout + gen.stderr
    result = run(["nbgrader", "autograde", name, "--force"], cwd=course, timeout=1500)
    log = result.stdout + result.stderr
    feedback_run = run(["nbgrader", "generate_feedback", name, "--force"], cwd=course, timeout=900)
    assert feedback_run.returncode == 0, feedback_run.stdout + feedback_run.stderr
    feedback = {student: _html_text(course / "feedback" / student / name / f"{name}.html")
                for student in submissions}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        scores = {}
        for student in submissions:
            sub = gb.find_submission(name, student)
            grades = [g for nb in sub.notebooks for g in nb.grades]
            auto = [g for g in grades if g.cell.cell_type == "code"]
            # Manually graded answers (markdown cells) wait for a teacher: the soundness checks
            # below are about the automatic part, and manual cells are checked on their own.
            scores[student] = {
                "score": sum(g.score for g in auto), "max": sum(g.max_score for g in auto),
                "cells": {g.name: (g.score, g.max_score) for g in auto},
                "manual": {g.name: (g.max_score, g.needs_manual_grade) for g in grades
                           if g.cell.cell_type == "markdown"},
            }
    hidden = _hidden_test_lines(solution)
    return {"name": name, "scores": scores, "log": log, "variants": v, "code": result.returncode,
            "feedback": feedback, "hidden": hidden}


def _html_text(path) -> str:
    """The text a student reads in a feedback page (tags removed, entities decoded)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", raw)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", raw)).split())


def _hidden_test_lines(solution) -> list[str]:
    """Lines of the hidden tests that carry test data or expected answers."""
    cells = nbformat.read(solution, as_version=4).cells
    hidden_blocks = re.compile(r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS", re.S)
    visible = {" ".join(line.split()) for c in cells for line in hidden_blocks.sub("", c.source).splitlines()}
    lines = []
    for cell in cells:
        for block in hidden_blocks.findall(cell.source):
            for line in block.splitlines():
                line = " ".join(line.split())
                # The final verdict line only carries the French message meant for the student.
                if (len(line) > 12 and line not in visible
                        and not line.startswith(("#", "assert not _problemes"))):
                    lines.append(line)
    return lines


def test_reference_and_completed_guided_paths_get_full_marks(graded):
    s = graded["scores"]["reference"]
    assert s["max"] > 0
    assert s["score"] == s["max"], (graded["name"], s["cells"], graded["log"][-3000:])
    # A beginner who copies each « Parcours guidé » and writes only its decisive parts loses nothing.
    guided = graded["scores"].get("parcours_guide")
    if guided is not None:
        lost = {cell: score for cell, score in guided["cells"].items() if score[0] < score[1]}
        assert guided["score"] == guided["max"], f"{graded['name']} : parcours guidé complété, points perdus : {lost}"


def test_untouched_release_gets_zero(graded):
    s = graded["scores"]["vierge"]
    assert s["score"] == 0, (graded["name"], s["cells"])


def test_each_wrong_submission_loses_points(graded):
    full = graded["scores"]["reference"]["max"]
    names = [f"faux_{v}" for v in graded["variants"].WRONG_SUBMISSIONS]
    assert len(names) >= 3
    for student in names:
        s = graded["scores"][student]
        assert s["score"] < full, f"{graded['name']} : la variante {student} n'a perdu aucun point {s['cells']}"


def test_each_sentence_has_a_case_that_fails_when_it_is_ignored(graded):
    """METHODE_NOTATION.md, rule 1: the variant that ignores a sentence loses points in the cell
    the table names."""
    for _statement, quote, test_cell, variant in graded["variants"].PHRASES:
        got, full = graded["scores"][f"faux_{variant}"]["cells"][test_cell]
        assert got < full, f"{graded['name']} : « {quote} » ignorée ({variant}) garde ses points dans {test_cell}"


def test_a_mistake_costs_only_its_own_exercise(graded):
    """METHODE_NOTATION.md, rule 4: a wrong function loses points only in its own test cells."""
    owned = owned_test_cells(graded["name"])
    v = graded["variants"]
    for variant, replacements in v.WRONG_SUBMISSIONS.items():
        allowed = set().union(*(owned.get(gid, set()) for gid in replacements))
        allowed |= set(getattr(v, "DEPENDANCES", {}).get(variant, ()))
        cells = graded["scores"][f"faux_{variant}"]["cells"]
        lost = {cell for cell, (got, full) in cells.items() if got < full}
        assert lost <= allowed, f"{graded['name']} / {variant} : perd aussi des points dans {sorted(lost - allowed)}"


def test_infinite_loop_is_stopped_and_class_still_graded(graded):
    s = graded["scores"]["boucle_infinie"]
    assert s["score"] < s["max"], s["cells"]
    # Cells after the stuck one were still executed and graded.
    assert s["score"] > 0, s["cells"]
    assert "CellTimeoutError" in graded["log"] or "Timeout" in graded["log"], graded["log"][-3000:]
    # Every other student was graded too.
    for student, other in graded["scores"].items():
        assert other["cells"], f"{student} n'a pas été noté"


def test_deleted_test_cell_is_restored(graded):
    s = graded["scores"]["test_supprime"]
    deleted = graded["variants"].DELETED_TEST_CELL
    assert deleted in s["cells"], "la cellule de test supprimée n'a pas été restaurée"
    assert s["cells"][deleted][0] == s["cells"][deleted][1] > 0, s["cells"][deleted]
    assert s["score"] == s["max"]


def test_feedback_never_shows_hidden_tests(graded):
    """Students get feedback for every submission; none reveals the hidden tests."""
    assert graded["hidden"]
    for student, text in graded["feedback"].items():
        assert "HIDDEN TESTS" not in text, student
        assert "Votre réponse" in text and "Student's answer" not in text, student  # the French page
        leaked = [line for line in graded["hidden"] if line in text]
        assert not leaked, f"{graded['name']} / {student} : tests cachés visibles dans le retour : {leaked[:3]}"
    wrong = graded["feedback"][f"faux_{next(iter(graded['variants'].WRONG_SUBMISSIONS))}"]
    assert "Tests cachés" in wrong or "AssertionError" in wrong


def test_manual_answers_wait_for_a_teacher(graded):
    """A manually graded answer is flagged for a teacher, with its points, and gets no automatic score."""
    solution = assignment_notebook(ROOT / "solutions", graded["name"])
    manual = {grade_id(c): c.metadata["nbgrader"]["points"] for c in nbformat.read(solution, as_version=4).cells
              if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")}
    s = graded["scores"]["reference"]
    assert {name: points for name, (points, _) in s["manual"].items()} == manual
    for name, (_, needs_grade) in s["manual"].items():
        assert needs_grade, f"{name} devrait attendre la note d'un formateur"
    if manual:  # the feedback says it waits, rather than showing 0
        assert "à noter par votre formatrice ou votre formateur" in graded["feedback"]["reference"]
        assert "attend encore la note de votre formatrice ou votre formateur" in graded["feedback"]["reference"]
