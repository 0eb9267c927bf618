"""Grade a whole class in parallel with nbgrader, and lose nothing.

Each submission is graded by nbgrader's own `Autograde` (its Python API), in isolation: a
scratch course folder of its own, holding a copy of the gradebook, the assignment's source
and that one submission. The workers run on the cores this process may use. When every
submission is graded, the results are merged into a copy of the gradebook, and that copy
replaces the gradebook in one atomic rename: a crash, a kill or Ctrl-C before that moment
leaves the gradebook exactly as it was; after it, the gradebook is complete. nbgrader has no
parallel mode (its issue #174, open since 2015); this module is one, built on its API.

What could not be graded is reported by student with its reason (a notebook that is not valid
JSON, missing or renamed, a kernel that died) — never a silent 0 — and a cell stopped by the
per-cell timeout is reported too (its tests count 0, the rest of the notebook is graded).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

from .submissions import Inventory, Problem, inventory

#: Scratch folders of running gradings live here, inside the course (same file system, so the
#: results can be moved into place by renaming).
WORK_FOLDER = ".ia-marketing-correction"


def _context():
    """fork where it exists (workers start at once, and a script without a ``__main__`` guard
    works); spawn elsewhere."""
    import multiprocessing

    return get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def load_course_config(course: Path):
    """The course's nbgrader configuration (its nbgrader_config.py), as nbgrader reads it."""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    config = Config()
    if (course / "nbgrader_config.py").is_file():
        config.merge(PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config())
    return config


def course_settings(course: Path) -> dict[str, object]:
    """Folders, gradebook and timeout of *course* as its configuration sets them."""
    config = load_course_config(course)
    cd = config.get("CourseDirectory", {})
    db_url = cd.get("db_url") or f"sqlite:///{course / 'gradebook.db'}"
    if not str(db_url).startswith("sqlite:///"):
        raise ValueError(f"Le carnet de notes de ce cours n'est pas un fichier SQLite ({db_url}) : "
                         "la correction en parallèle ne sait fusionner que dans un fichier gradebook.db.")
    return {
        "source": cd.get("source_directory", "source"),
        "release": cd.get("release_directory", "release"),
        "submitted": cd.get("submitted_directory", "submitted"),
        "autograded": cd.get("autograded_directory", "autograded"),
        "feedback": cd.get("feedback_directory", "feedback"),
        "gradebook": Path(str(db_url)[len("sqlite:///"):]),
        "timeout": config.get("Execute", {}).get("timeout", 30),
    }


def nbgrader_api(root: Path, *, db: Path | None = None, exchange: Path | None = None):
    """nbgrader's Python API on the course folder *root* (its nbgrader_config.py applies); *db*
    replaces the configured gradebook, *exchange* the exchange folder."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    config = load_course_config(root)
    config.CourseDirectory.root = str(root)
    config.CourseDirectory.db_url = f"sqlite:///{db or course_settings(root)['gradebook']}"
    if exchange is not None:
        config.Exchange.root = str(exchange)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def _copy_database(source: Path, dest: Path) -> None:
    """A consistent copy of an SQLite file, even while another connection has it open."""
    dest.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(dest) as dst:
        src.backup(dst)
    dst.close()  # sqlite3's context manager commits, it does not close
    src.close()


def ensure_assignment(course: Path, assignment: str) -> None:
    """The gradebook must know the assignment's cells before grading: nbgrader's
    generate_assignment records them (as an instructor does before releasing)."""
    from nbgrader.api import Gradebook, MissingEntry

    settings = course_settings(course)
    gradebook = settings["gradebook"]
    if gradebook.exists():
        with Gradebook(f"sqlite:///{gradebook}") as gb:
            try:
                if gb.find_assignment(assignment).notebooks:
                    return
            except MissingEntry:
                pass
    # In a scratch folder, so that the committed release folder is not rewritten; the gradebook
    # copy it updates then replaces the gradebook in one rename.
    scratch = course / WORK_FOLDER / f"devoir-{assignment}-{uuid.uuid4().hex[:6]}"
    try:
        (scratch / settings["source"]).mkdir(parents=True)
        shutil.copy2(course / "nbgrader_config.py", scratch / "nbgrader_config.py")
        os.symlink(course / settings["source"] / assignment, scratch / settings["source"] / assignment)
        db = scratch / "gradebook.db"
        if gradebook.exists():
            _copy_database(gradebook, db)
        result = nbgrader_api(scratch, db=db).generate_assignment(assignment, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(f"nbgrader n'a pas pu enregistrer le devoir {assignment} dans le carnet de notes :\n"
                               f"{result.get('error') or result.get('log')}")
        os.replace(db, gradebook)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


# -- one submission, in a worker process ------------------------------------------------------
def _record(gb, assignment: str, student: str) -> dict:
    """Everything autograde wrote about one submission, as plain data."""
    sub = gb.find_submission(assignment, student)
    st = sub.student
    return {
        "student": {"first_name": st.first_name, "last_name": st.last_name, "email": st.email,
                    "lms_user_id": st.lms_user_id},
        "timestamp": sub.timestamp, "extension": sub.extension,
        "notebooks": {
            nb.name: {
                "flagged": nb.flagged, "late_submission_penalty": nb.late_submission_penalty,
                "grades": {g.name: {"auto_score": g.auto_score, "manual_score": g.manual_score,
                                    "extra_credit": g.extra_credit, "needs_manual_grade": g.needs_manual_grade}
                           for g in nb.grades},
                "comments": {c.name: {"auto_comment": c.auto_comment, "manual_comment": c.manual_comment}
                             for c in nb.comments},
            } for nb in sub.notebooks},
        "score": sub.score, "max_score": sub.max_score,
    }


def _stopped_cells(folder: Path) -> list[str]:
    """Cells of the graded notebooks that the per-cell timeout interrupted."""
    import nbformat

    stopped = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for index, cell in enumerate(nb.cells, 1):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error" and output.get("ename") in ("KeyboardInterrupt",
                                                                                   "CellTimeoutError"):
                    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
                    name = gid or f"cellule {index}"
                    if name not in stopped:
                        stopped.append(name)
    return stopped


def _failure_reason(text: str) -> str:
    lowered = text.lower()
    if "deadkernel" in lowered or "kernel died" in lowered:
        return ("le noyau Python s'est arrêté pendant la correction (mémoire épuisée, ou un appel à exit() "
                "ou os._exit() dans le notebook).")
    if "unresponsivekernel" in lowered or "became unresponsive" in lowered:
        return "le noyau Python ne répondait plus et n'a pas pu être interrompu (une boucle qui remplit la mémoire ?)."
    if "timeout" in lowered:
        return "la correction a dépassé le temps permis."
    last = [line for line in text.strip().splitlines() if line.strip()]
    return f"nbgrader n'a pas pu corriger ce notebook ({last[-1].strip() if last else 'raison inconnue'})."


def grade_one(course: str, assignment: str, student: str, snapshot: str, work: str,
              settings: dict, threads: int) -> dict:
    """Grade one submission in its own scratch course folder *work*. Runs in a worker process."""
    from nbgrader.api import Gradebook, MissingEntry

    os.environ["IA_MARKETING_THREADS"] = str(threads)  # the kernels inherit it: no fight for the cores
    os.environ.setdefault("MPLBACKEND", "Agg")
    start = time.perf_counter()
    course_path, root = Path(course), Path(work)
    root.mkdir(parents=True)
    # The kernels this worker starts write their warnings to its stderr: into a log file, so that
    # the trainer's terminal shows the progress bar and the summary only.
    log_file = open(root / "correction.log", "w", encoding="utf-8")  # noqa: SIM115 - closed at exit
    os.dup2(log_file.fileno(), 2)
    shutil.copy2(course_path / "nbgrader_config.py", root / "nbgrader_config.py")
    (root / settings["source"]).mkdir()
    os.symlink(course_path / settings["source"] / assignment, root / settings["source"] / assignment)
    if (course_path / "datasets").is_dir():
        os.symlink(course_path / "datasets", root / "datasets")
    shutil.copytree(course_path / settings["submitted"] / student / assignment,
                    root / settings["submitted"] / student / assignment,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    db = root / "gradebook.db"
    shutil.copy2(snapshot, db)
    result = nbgrader_api(root, db=db).autograde(assignment, student, force=True, create=True)
    graded = root / settings["autograded"] / student / assignment
    outcome = {"student": student, "seconds": time.perf_counter() - start, "folder": str(graded)}
    log = (result.get("log") or "") + "\n" + (result.get("error") or "")
    if not result["success"] or not graded.is_dir() or not any(graded.glob("*.ipynb")):
        outcome.update(ok=False, reason=_failure_reason(log))
        return outcome
    with Gradebook(f"sqlite:///{db}") as gb:
        try:
            outcome["record"] = _record(gb, assignment, student)
        except MissingEntry:
            outcome.update(ok=False, reason=_failure_reason(log))
            return outcome
    outcome.update(ok=True, stopped=_stopped_cells(graded))
    return outcome


# -- the whole class --------------------------------------------------------------------------
@dataclass
class GradingSummary:
    """What `grade_class` did, in French when printed."""
    assignment: str
    graded: dict[str, tuple[float, float]] = field(default_factory=dict)  # student -> (score, max)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 1

    def lines(self) -> list[str]:
        from ...core.fr import count, decimal

        out = [f"Devoir {self.assignment} : {count(len(self.graded), 'copie corrigée', 'copies corrigées')}, "
               f"{count(len(self.problems), 'copie non corrigée', 'copies non corrigées')}, en "
               f"{decimal(self.seconds, 1)} s ({count(self.workers, 'correction', 'corrections')} à la fois)."]
        for problem in self.problems:
            out.append(f"  NON CORRIGÉE  {problem}")
        for warning in self.warnings:
            out.append(f"  ATTENTION     {warning}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def _merge(gradebook: Path, assignment: str, outcomes: list[dict]) -> None:
    """Write every graded submission into a copy of *gradebook*, then put the copy in its place
    (one rename: the gradebook is never half-written)."""
    import warnings

    from nbgrader.api import Gradebook
    from sqlalchemy.exc import SAWarning

    warnings.filterwarnings("ignore", category=SAWarning)  # nbgrader's own add_submission warns
    fresh = gradebook.with_name(f".{gradebook.name}.{uuid.uuid4().hex[:8]}.fusion")
    try:
        _copy_database(gradebook, fresh)
        with Gradebook(f"sqlite:///{fresh}") as gb:
            for outcome in outcomes:
                record, student = outcome["record"], outcome["student"]
                gb.update_or_create_student(student, **{k: v for k, v in record["student"].items() if v is not None})
                sub = gb.update_or_create_submission(assignment, student, timestamp=record["timestamp"])
                sub.extension = record["extension"]
                for nb in sub.notebooks:
                    saved = record["notebooks"].get(nb.name)
                    if saved is None:
                        continue
                    nb.flagged = saved["flagged"]
                    nb.late_submission_penalty = saved["late_submission_penalty"]
                    for grade in nb.grades:
                        for key, value in saved["grades"].get(grade.name, {}).items():
                            setattr(grade, key, value)
                    for comment in nb.comments:
                        for key, value in saved["comments"].get(comment.name, {}).items():
                            setattr(comment, key, value)
            gb.db.commit()
        with open(fresh, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(fresh, gradebook)
    finally:
        fresh.unlink(missing_ok=True)


def _move_into_place(outcomes: list[dict], dest_root: Path, assignment: str) -> None:
    for outcome in outcomes:
        dest = dest_root / outcome["student"] / assignment
        dest.parent.mkdir(parents=True, exist_ok=True)
        old = dest.with_name(f".{assignment}.ancien")
        if dest.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(dest, old)
        os.replace(outcome["folder"], dest)
        shutil.rmtree(old, ignore_errors=True)


def grade_class(course: Path, assignment: str, *, students: list[str] | None = None,
                workers: int | None = None, progress: bool = True) -> GradingSummary:
    """Autograde every submission of *assignment* in `submitted/`, in parallel, then merge the
    results into the gradebook in one step. Returns what was graded and what could not be."""
    from tqdm.auto import tqdm

    from ...core.fr import count

    course = Path(course).resolve()
    start = time.perf_counter()
    settings = course_settings(course)
    found: Inventory = inventory(course, assignment, submitted_directory=settings["submitted"],
                                 source_directory=settings["source"], students=students)
    ensure_assignment(course, assignment)
    gradebook: Path = settings["gradebook"]
    cores = available_cores()
    workers = max(1, min(workers or cores, len(found.gradable) or 1))
    threads = max(1, cores // workers)
    summary = GradingSummary(assignment, problems=list(found.problems), workers=workers)

    work_root = course / WORK_FOLDER
    for leftover in work_root.glob("*") if work_root.is_dir() else []:
        shutil.rmtree(leftover, ignore_errors=True)  # a run killed earlier: its results were never merged
    run = work_root / f"{assignment}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    run.mkdir(parents=True)
    snapshot = run / "gradebook-depart.db"
    _copy_database(gradebook, snapshot)
    outcomes: list[dict] = []
    try:
        if found.gradable:
            plain = {key: str(value) if isinstance(value, Path) else value for key, value in settings.items()}
            with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
                futures = [pool.submit(grade_one, str(course), assignment, student, str(snapshot),
                                       str(run / student), plain, threads) for student in found.gradable]
                bar = tqdm(total=len(futures), desc=f"Correction de {assignment}", unit="copie",
                           disable=not progress, file=sys.stderr)
                try:
                    for future in as_completed(futures):
                        outcomes.append(future.result())
                        bar.update(1)
                finally:
                    bar.close()
        good = sorted((o for o in outcomes if o["ok"]), key=lambda o: o["student"])
        for outcome in sorted(outcomes, key=lambda o: o["student"]):
            if not outcome["ok"]:
                summary.problems.append(Problem(outcome["student"], outcome["reason"],
                                                "Ouvrez sa copie, corrigez la cellule en cause (ou notez-la à la main), "
                                                "puis relancez : ia-marketing classe grade "
                                                f"{assignment} --etudiant {outcome['student']}."))
        if good:
            _merge(gradebook, assignment, good)
            _move_into_place(good, course / settings["autograded"], assignment)
        for outcome in good:
            summary.graded[outcome["student"]] = (outcome["record"]["score"], outcome["record"]["max_score"])
            if outcome["stopped"]:
                summary.warnings.append(
                    f"{outcome['student']} : {count(len(outcome['stopped']), 'cellule arrêtée', 'cellules arrêtées')} au bout de "
                    f"{settings['timeout']} s ({', '.join(outcome['stopped'])}) — une boucle sans fin ? "
                    "Ses tests comptent 0 ; le reste de la copie est noté.")
    finally:
        shutil.rmtree(run, ignore_errors=True)
        try:
            work_root.rmdir()
        except OSError:
            pass
    summary.problems.sort(key=lambda p: p.student)
    summary.seconds = time.perf_counter() - start
    return summary
