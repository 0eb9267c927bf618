"""`ia-marketing classe …` on a real class: the real nbgrader (its API and its CLI), real kernels
that loop, die or succeed, a run killed with SIGKILL, the feedback pages and the exports.

The class of assignment 00 below: a right copy, wrong ones, a blank one, an infinite loop, a
kernel that dies, a notebook that is not valid JSON, a renamed notebook, a deleted test cell.
"""

from __future__ import annotations

import csv
import hashlib
import html
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from course_tools import ROOT, assignment_notebook, build_submission, env_with_venv, variants

from ia_marketing.instructor.bench_grading import gradebook_scores
from ia_marketing.instructor.classe import delivery, grading, report, scores
from ia_marketing.instructor.classe.submissions import inventory

pytestmark = [pytest.mark.slow]

NAME = "00_prise_en_main"
TIMEOUT = 6  # seconds per cell in these scratch courses: the loop is stopped sooner than in class


def _course(dest: Path, *, timeout: int = TIMEOUT) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for item in ("solutions", "exercises"):
        (dest / item).mkdir()
        shutil.copytree(ROOT / item / NAME, dest / item / NAME)
    config = (ROOT / "nbgrader_config.py").read_text(encoding="utf-8")
    (dest / "nbgrader_config.py").write_text(config + f"\nc.Execute.timeout = {timeout}\n", encoding="utf-8")
    return dest


def _hand_in(course: Path, student: str, nb=None, *, name: str = f"{NAME}.ipynb", raw: str | None = None) -> None:
    folder = course / "submitted" / student / NAME
    folder.mkdir(parents=True, exist_ok=True)
    if raw is not None:
        (folder / name).write_text(raw, encoding="utf-8")
    else:
        nbformat.write(nb, folder / name)
    (folder / "timestamp.txt").write_text("2026-11-20 10:00:00.000000 UTC")


def _class(course: Path) -> dict[str, str]:
    """Hand in the class of the module docstring; returns student -> what they handed in."""
    release = assignment_notebook(course / "exercises", NAME)
    solution = assignment_notebook(course / "solutions", NAME)
    v = variants(NAME)
    wrong = list(v.WRONG_SUBMISSIONS.items())
    dead = build_submission(release, solution)
    dead.cells.insert(1, nbformat.v4.new_code_cell("import os\nos._exit(1)"))
    handed = {
        "alice": build_submission(release, solution),
        "bruno": build_submission(release, solution, wrong[0][1]),
        "chloe": build_submission(release, solution, fill_solutions=False),
        "david": build_submission(release, solution, v.INFINITE_LOOP),
        "emma": dead,
        "hugo": build_submission(release, solution, delete=v.DELETED_TEST_CELL),
        "ines": build_submission(release, solution, wrong[1][1]),
    }
    for student, nb in handed.items():
        _hand_in(course, student, nb)
    _hand_in(course, "farid", raw='{"cells": [{"cell_type": "code", ')
    _hand_in(course, "gaelle", build_submission(release, solution), name="copie_finale.ipynb")
    return {**{s: "copie" for s in handed}, "farid": "json coupé", "gaelle": "renommé"}


def _cli(*args: str, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ia_marketing.instructor.cli", *args], cwd=cwd,
                          env=env_with_venv(), capture_output=True, text=True, timeout=timeout)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = _course(tmp_path_factory.mktemp("classe") / "cours")
    _class(course)
    result = _cli("classe", "grade", NAME, cwd=course)
    return course, result


def test_inventory_names_every_submission_that_cannot_be_graded(tmp_path):
    course = _course(tmp_path / "cours")
    release = assignment_notebook(course / "exercises", NAME)
    _hand_in(course, "ok", nbformat.read(release, as_version=4))
    _hand_in(course, "vide", raw="")
    _hand_in(course, "coupe", raw='{"cells": [')
    _hand_in(course, "pas_notebook", raw='{"a": 1}')
    _hand_in(course, "renomme", nbformat.read(release, as_version=4), name="devoir.ipynb")
    (course / "submitted" / "rien" / NAME).mkdir(parents=True)
    (course / "submitted" / "autre_devoir" / "01_demystifier_ia").mkdir(parents=True)
    found = inventory(course, NAME)
    reasons = {p.student: p.reason for p in found.problems}
    assert found.gradable == ["ok"]
    assert set(reasons) == {"vide", "coupe", "pas_notebook", "renomme", "rien", "autre_devoir"}
    assert "vide" in reasons["vide"]
    assert "n'est pas un JSON valide" in reasons["coupe"]
    assert "pas un notebook valide" in reasons["pas_notebook"]
    assert "renommé : devoir.ipynb au lieu de 00_prise_en_main.ipynb" in reasons["renomme"]
    assert "manquant" in reasons["rien"]
    assert "aucun dossier" in reasons["autre_devoir"]


def test_the_class_is_graded_and_every_copy_not_graded_is_named(graded):
    course, result = graded
    out = result.stdout
    assert result.returncode == 1, result.stdout + result.stderr  # some copies could not be graded
    assert "6 copies corrigées, 3 copies non corrigées" in out, out
    lines = {line.split(" : ")[0].split()[-1]: line for line in out.splitlines() if "NON CORRIGÉE" in line}
    assert set(lines) == {"emma", "farid", "gaelle"}, out
    assert "noyau Python s'est arrêté" in lines["emma"]
    assert "pas un JSON valide" in lines["farid"]
    assert "renommé" in lines["gaelle"] and "copie_finale.ipynb" in lines["gaelle"]
    assert "ATTENTION     david : 1 cellule arrêtée au bout de 6 s" in out, out
    got = gradebook_scores(course, NAME)
    assert set(got) == {"alice", "bruno", "chloe", "david", "hugo", "ines"}  # never a silent 0
    totals = {s: sum(a or 0 for a, _, _ in cells.values()) for s, cells in got.items()}
    maximum = totals["alice"]
    assert maximum == 11
    assert totals["chloe"] == 0
    assert all(totals[s] < maximum for s in ("bruno", "david", "ines")), totals
    assert totals["hugo"] == maximum  # the deleted test cell was put back and graded
    assert not (course / grading.WORK_FOLDER).exists()
    assert not list(course.glob(".gradebook.db.*"))
    for student in got:
        assert (course / "autograded" / student / NAME / f"{NAME}.ipynb").is_file()


def test_parallel_grading_gives_nbgrader_s_own_scores(graded, tmp_path):
    course, _ = graded
    theirs = _course(tmp_path / "nbgrader")
    _class(theirs)
    for student in ("emma", "farid", "gaelle"):  # nbgrader itself cannot grade these either
        shutil.rmtree(theirs / "submitted" / student)
    grading.ensure_assignment(theirs, NAME)
    run = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", NAME, "--force"], cwd=theirs,
                         env=env_with_venv(), capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    assert gradebook_scores(theirs, NAME) == gradebook_scores(course, NAME)


def test_feedback_never_shows_hidden_tests(graded):
    course, _ = graded
    result = _cli("classe", "feedback", NAME, cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Retours écrits (sans les tests cachés) (6)" in result.stdout
    secret = delivery.hidden_test_lines(course, NAME)
    assert len(secret) >= 5
    for student in ("alice", "bruno", "chloe", "david", "hugo", "ines"):
        page = html.unescape((course / "feedback" / student / NAME / f"{NAME}.html").read_text(encoding="utf-8"))
        assert "HIDDEN TESTS" not in page
        assert not [line for line in secret if line in page], student
    bruno = html.unescape((course / "feedback" / "bruno" / NAME / f"{NAME}.html").read_text(encoding="utf-8"))
    assert "AssertionError" in bruno  # the French message of the failed case is there


def test_exports_hold_the_gradebook_s_scores(graded, tmp_path):
    course, _ = graded
    got = {s: sum(a or 0 for a, _, _ in cells.values()) for s, cells in gradebook_scores(course, NAME).items()}
    moodle = tmp_path / "moodle.csv"
    result = _cli("classe", "export", "--sortie", str(moodle), "--sur", "20", cwd=course)
    assert result.returncode == 0, result.stderr
    with open(moodle, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["Prénom", "Nom", "Nom d'utilisateur", "Adresse de courriel", NAME]
    assert {r["Nom d'utilisateur"]: float(r[NAME]) for r in rows} == pytest.approx(
        {s: 20 * v / 11 for s, v in got.items()}, abs=0.006)
    plain = tmp_path / "notes.csv"
    assert _cli("classe", "export", "--format", "csv", "--sortie", str(plain), cwd=course).returncode == 0
    table = scores.class_scores(course)
    assert dict(zip(table["etudiant"], table["points"])) == got
    text = plain.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].split(";")[:5] == ["etudiant", "prenom", "nom", "courriel", "devoir"]
    assert "alice;;;;00_prise_en_main;True;11,00;11,00;100,00;False" in text


def test_report_names_failing_cases_and_who_did_not_hand_in(graded, tmp_path):
    course, _ = graded
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:  # a registered student who never handed in
        gb.update_or_create_student("jules", first_name="Jules", last_name="Martin")
    page = tmp_path / "rapport.html"
    result = _cli("classe", "report", "--sortie", str(page), cwd=course)
    assert result.returncode == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert text.count("data:image/png;base64,") >= 2  # charts embedded: one file to share
    assert "N'ont pas rendu</h3><p>jules</p>" in text
    built = report.class_report(course)
    exercises = built.exercise_table(NAME)
    assert exercises["taux_reussite"].is_monotonic_increasing
    worst = exercises.iloc[0]
    assert html.escape(worst["exercice"], quote=False) in text and worst["exercice"].startswith("Exercice")
    cases = built.case_table(NAME)
    assert "cellule arrêtée par la limite de temps (une boucle sans fin ?)" in set(cases["message"])
    assert any(m.startswith("AssertionError") for m in cases["message"])
    assert "pas de réponse : la cellule de réponse n'a pas été remplie (NotImplementedError)" in set(cases["message"])
    notebook = page.with_suffix(".ipynb")
    from nbclient import NotebookClient

    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=300, resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = "".join(str(o.get("data", {}).get("text/plain", "")) for c in nb.cells for o in c.get("outputs", []))
    assert "jules" in outputs and NAME in outputs


def test_feedback_showing_a_hidden_test_is_deleted_and_reported(tmp_path):
    course = _course(tmp_path / "cours")
    config = course / "nbgrader_config.py"
    # nbgrader's default feedback keeps the hidden tests: the check must catch it.
    text = config.read_text(encoding="utf-8")
    start = text.index("c.GenerateFeedback.preprocessors")
    config.write_text(text[:start] + text[text.index("]", start) + 1:], encoding="utf-8")
    release = assignment_notebook(course / "exercises", NAME)
    _hand_in(course, "alice", build_submission(release, assignment_notebook(course / "solutions", NAME)))
    assert grading.grade_class(course, NAME, progress=False).graded == {"alice": (11.0, 11.0)}
    result = delivery.feedback(course, NAME)
    assert result.done == [] and [name for name, _ in result.refused] == ["alice"]
    assert "montrait un test caché" in result.refused[0][1]
    assert not list((course / "feedback").rglob("*.html"))


def test_a_killed_run_leaves_the_gradebook_as_it_was_then_a_new_run_completes(tmp_path):
    course = _course(tmp_path / "cours", timeout=30)
    release = assignment_notebook(course / "exercises", NAME)
    solution = assignment_notebook(course / "solutions", NAME)
    right = build_submission(release, solution)
    for student in ("alice", "bruno"):
        _hand_in(course, student, right)
    assert grading.grade_class(course, NAME, progress=False).graded == {"alice": (11.0, 11.0), "bruno": (11.0, 11.0)}
    before_scores, before_bytes = gradebook_scores(course, NAME), _sha(course / "gradebook.db")
    blank = build_submission(release, solution, fill_solutions=False)
    _hand_in(course, "alice", blank)
    loop = build_submission(release, solution, variants(NAME).INFINITE_LOOP)
    for student in ("chloe", "david", "emma"):
        _hand_in(course, student, right)
    _hand_in(course, "farid", loop)  # keeps the run busy for 30 s: time enough to kill it

    process = subprocess.Popen([sys.executable, "-m", "ia_marketing.instructor.cli", "classe", "grade", NAME],
                               cwd=course, env=env_with_venv(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    work = course / grading.WORK_FOLDER
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and not list(work.glob("*/*/autograded/*/*/*.ipynb")):
        time.sleep(0.2)
    assert list(work.glob("*/*/autograded/*/*/*.ipynb")), "aucune copie corrigée avant l'arrêt"
    os.killpg(process.pid, signal.SIGKILL)  # the grader, its workers and their kernels
    process.wait(timeout=60)
    assert _sha(course / "gradebook.db") == before_bytes
    assert gradebook_scores(course, NAME) == before_scores
    import sqlite3

    with sqlite3.connect(course / "gradebook.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)

    summary = grading.grade_class(course, NAME, progress=False)
    assert set(summary.graded) == {"alice", "bruno", "chloe", "david", "emma", "farid"}
    assert summary.graded["alice"] == (0.0, 11.0) and summary.graded["chloe"] == (11.0, 11.0)
    assert summary.graded["farid"][0] < 11
    assert not work.exists()  # the killed run's scratch folder was cleared


def test_a_crash_while_merging_leaves_the_gradebook_untouched(tmp_path, monkeypatch):
    """A crash in the middle of writing the results cannot be produced on demand by nbgrader:
    it is simulated by failing the second write."""
    from nbgrader.api import Gradebook

    course = _course(tmp_path / "cours")
    release = assignment_notebook(course / "exercises", NAME)
    solution = assignment_notebook(course / "solutions", NAME)
    _hand_in(course, "alice", build_submission(release, solution))
    grading.grade_class(course, NAME, progress=False)
    before = _sha(course / "gradebook.db")
    for student in ("bruno", "chloe", "david"):
        _hand_in(course, student, build_submission(release, solution))
    real, calls = Gradebook.update_or_create_submission, []

    def failing(self, *args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disque plein (simulé)")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Gradebook, "update_or_create_submission", failing)
    with pytest.raises(OSError):
        grading.grade_class(course, NAME, progress=False)
    assert len(calls) == 2
    assert _sha(course / "gradebook.db") == before
    assert not list(course.glob(".gradebook.db.*"))
    assert set(gradebook_scores(course, NAME)) == {"alice"}


def test_collect_files_names_copies_after_their_file_and_keeps_earlier_ones(tmp_path):
    import zipfile

    course = _course(tmp_path / "cours")
    release = assignment_notebook(course / "exercises", NAME)
    received = tmp_path / "recu"
    received.mkdir()
    nb = nbformat.read(release, as_version=4)
    nbformat.write(nb, received / "Dupont Marie - 00_prise_en_main.ipynb")
    nbformat.write(nb, received / "léa.ipynb")
    (received / "notes.pdf").write_bytes(b"%PDF-1.4")
    first = delivery.collect_files(course, NAME, received)
    assert first.done == ["dupont-marie", "lea"]
    assert [name for name, _ in first.refused] == ["notes.pdf"]
    assert (course / "submitted" / "lea" / NAME / f"{NAME}.ipynb").is_file()
    assert (course / "submitted" / "lea" / NAME / "timestamp.txt").read_text().endswith("UTC")
    archive = tmp_path / "copies.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(received / "léa.ipynb", "rendus/lea.ipynb")
    again = delivery.collect_files(course, NAME, archive)
    assert again.done == ["lea"]
    kept = list((course / "submitted" / "lea" / ".anciennes").glob(f"{NAME}-*/{NAME}.ipynb"))
    assert len(kept) == 1  # the earlier copy is kept, not overwritten
    assert inventory(course, NAME).gradable == ["dupont-marie", "lea"]


def test_release_then_a_student_submits_then_collect_through_nbgrader_s_exchange(tmp_path):
    course = _course(tmp_path / "cours")
    exchange = tmp_path / "echange"
    exchange.mkdir()
    exchange.chmod(0o777)
    result = _cli("classe", "release", NAME, "--echange", str(exchange), cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (exchange / "ia-marketing" / "outbound" / NAME / f"{NAME}.ipynb").is_file()
    student = tmp_path / "etudiant"
    student.mkdir()
    common = [f"--Exchange.root={exchange}", "--CourseDirectory.course_id=ia-marketing"]
    for command in (["fetch_assignment", NAME], ["submit", NAME]):
        run = subprocess.run([sys.executable, "-m", "nbgrader", *command, *common], cwd=student,
                             env=env_with_venv(), capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stdout + run.stderr
    result = _cli("classe", "collect", NAME, "--echange", str(exchange), cwd=course)
    assert result.returncode == 0, result.stdout + result.stderr
    assert list((course / "submitted").glob(f"*/{NAME}/{NAME}.ipynb"))
    assert "Copies ramassées (1)" in result.stdout
