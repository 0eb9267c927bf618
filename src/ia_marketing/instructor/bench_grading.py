"""`ia-marketing bench grading`: nbgrader's own sequential `autograde` against our parallel
grading, on the same class of generated submissions, in one run.

The class: the reference (right), the wrong answers the grading tests use
(`tests/course/grading_variants/`), an infinite loop, a deleted test cell and an untouched
release, repeated to the class size. Each grader gets its own copy of the course; both are
timed from the same starting gradebook, and their gradebooks are compared cell by cell.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from ..core.fr import decimal, integer
from .classe.grading import available_cores, ensure_assignment, grade_class
from .classe.submissions import build_submission
from .notebooks import course_root, nbgrader_env


def _variants(root: Path, assignment: str):
    path = root / "tests" / "course" / "grading_variants" / f"v{assignment}.py"
    if not path.is_file():
        raise FileNotFoundError(f"Pas de variantes de copies pour {assignment} ({path}) : le banc d'essai en a besoin.")
    spec = importlib.util.spec_from_file_location(f"variants_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def class_of_submissions(root: Path, assignment: str, size: int) -> dict[str, object]:
    """*size* notebooks: one loop, one deleted test cell, one blank, then the wrong variants and
    the reference in turn."""
    release = root / "exercises" / assignment / f"{assignment}.ipynb"
    solution = root / "solutions" / assignment / f"{assignment}.ipynb"
    v = _variants(root, assignment)
    special = {
        "boucle": build_submission(release, solution, v.INFINITE_LOOP),
        "cellule-supprimee": build_submission(release, solution, delete=v.DELETED_TEST_CELL),
        "vierge": build_submission(release, solution, fill_solutions=False),
    }
    wrong = list(v.WRONG_SUBMISSIONS.items())
    out = dict(list(special.items())[:size])
    i = 0
    while len(out) < size:
        if i % 2 == 0 and wrong:
            name, replacements = wrong[(i // 2) % len(wrong)]
            out[f"faux-{len(out):02d}-{name}"] = build_submission(release, solution, replacements)
        else:
            out[f"juste-{len(out):02d}"] = build_submission(release, solution)
        i += 1
    return out


def _course_copy(root: Path, dest: Path, assignment: str, submissions: dict[str, object]) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(root / "nbgrader_config.py", dest / "nbgrader_config.py")
    for folder in ("solutions", "exercises"):
        shutil.copytree(root / folder / assignment, dest / folder / assignment)
    if (root / "datasets").is_dir():
        shutil.copytree(root / "datasets", dest / "datasets")
    for student, nb in submissions.items():
        folder = dest / "submitted" / student / assignment
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{assignment}.ipynb")
        (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")
    return dest


def gradebook_scores(course: Path, assignment: str) -> dict[str, dict[str, tuple]]:
    """student -> grade cell -> (auto score, manual score, needs manual grade), from the gradebook."""
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {sub.student.id: {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade)
                                 for nb in sub.notebooks for g in nb.grades}
                for sub in gb.assignment_submissions(assignment)}


def bench_grading(*, assignment: str = "00_prise_en_main", size: int = 30, workers: int | None = None,
                  out=print) -> dict[str, object]:
    root = course_root()
    submissions = class_of_submissions(root, assignment, size)
    with tempfile.TemporaryDirectory(prefix="ia-marketing-bench-correction-") as tmp:
        theirs = _course_copy(root, Path(tmp) / "nbgrader", assignment, submissions)
        ours = _course_copy(root, Path(tmp) / "ia_marketing", assignment, submissions)
        # Both start from a gradebook that knows the assignment (as after a release).
        for course in (theirs, ours):
            ensure_assignment(course, assignment)
        out(f"Banc d'essai de la correction : {integer(size)} copies de {assignment} (une boucle sans fin, "
            f"une cellule de test supprimée, une copie vierge, des réponses fausses et justes), "
            f"{integer(available_cores())} cœurs.")
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", assignment, "--force"],
                                cwd=theirs, env=nbgrader_env(), capture_output=True, text=True)
        nbgrader_s = time.perf_counter() - t0
        if result.returncode != 0:
            raise RuntimeError(f"nbgrader autograde a échoué :\n{result.stderr[-2000:]}")
        t0 = time.perf_counter()
        summary = grade_class(ours, assignment, workers=workers, progress=False)
        ours_s = time.perf_counter() - t0
        a, b = gradebook_scores(theirs, assignment), gradebook_scores(ours, assignment)
    same = a == b
    different = sorted(s for s in set(a) | set(b) if a.get(s) != b.get(s))
    res = {"devoir": assignment, "copies": size, "nbgrader_s": nbgrader_s, "ia_marketing_s": ours_s,
           "ratio": nbgrader_s / ours_s, "memes_notes": same, "differences": different,
           "processus": summary.workers, "non_corrigees": [p.student for p in summary.problems]}
    out(f"{'nbgrader autograde (séquentiel)':42}{nbgrader_s:8.1f} s")
    out(f"{'ia-marketing classe grade (parallèle)':42}{ours_s:8.1f} s   ({integer(summary.workers)} corrections à la fois)")
    out(f"accélération : {decimal(res['ratio'], 2)} × (objectif : 1,8 au moins)")
    out(f"mêmes notes, cellule par cellule, pour les {integer(len(a))} copies : {'oui' if same else 'NON'}"
        + (f" (différences : {', '.join(different)})" if different else ""))
    if summary.problems:
        out("non corrigées : " + "; ".join(str(p) for p in summary.problems))
    return res
