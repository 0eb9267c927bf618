"""Hand out an assignment, take the work back, give feedback: nbgrader's exchange when there
is one (JupyterHub), plain files otherwise (a folder of notebooks received by e-mail, a USB key
or a Moodle download).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from ...core.text import strip_accents
from .grading import course_settings, ensure_assignment, nbgrader_api
from .submissions import expected_notebooks


@dataclass
class Report:
    """What a delivery command did: done (names), refused (name, reason), in French."""
    done: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def release(course: Path, assignment: str, *, exchange: Path | None = None) -> Report:
    """Record the assignment in the gradebook and put its student version in nbgrader's exchange
    (the folder JupyterHub learners fetch from). Without an exchange, say what to hand out."""
    course = Path(course).resolve()
    settings = course_settings(course)
    ensure_assignment(course, assignment)
    out = Report()
    released = course / settings["release"] / assignment
    if exchange is None:
        out.done.append(str(released))
        out.notes.append(f"Pas d'échange nbgrader indiqué : distribuez le dossier {released} (clé USB, "
                         "Moodle, dossier partagé) ; sur JupyterHub, donnez --echange DOSSIER.")
        return out
    exchange = Path(exchange)
    if not exchange.is_dir():
        raise FileNotFoundError(f"Le dossier d'échange {exchange} n'existe pas : créez-le (droits d'écriture pour "
                                "les étudiants) ou indiquez celui de votre JupyterHub.")
    result = nbgrader_api(course, exchange=exchange).release_assignment(assignment)
    if not result["success"]:
        raise RuntimeError(f"nbgrader n'a pas pu publier {assignment} dans {exchange} :\n{_last_lines(result)}")
    out.done.append(str(exchange / course_id(course) / "outbound" / assignment))
    return out


def course_id(course: Path) -> str:
    from .grading import load_course_config

    return load_course_config(course).get("CourseDirectory", {}).get("course_id", "") or "ia-marketing"


def _last_lines(result: dict) -> str:
    text = (result.get("error") or "") + "\n" + (result.get("log") or "")
    return "\n".join([line for line in text.strip().splitlines() if line.strip()][-6:])


def collect_exchange(course: Path, assignment: str, exchange: Path) -> Report:
    """nbgrader's collect from the exchange into `submitted/` (the newest submission of each)."""
    result = nbgrader_api(Path(course).resolve(), exchange=Path(exchange)).collect(assignment, update=True)
    if not result["success"]:
        raise RuntimeError(f"nbgrader n'a pas pu ramasser {assignment} :\n{_last_lines(result)}")
    out = Report()
    submitted = Path(course) / course_settings(Path(course))["submitted"]
    out.done = sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())
    return out


def _student_id(stem: str, assignment: str) -> str:
    """« Dupont_Marie-00_prise_en_main » → « dupont-marie »: the file's name, without the
    assignment's, as an nbgrader student id."""
    name = re.sub(re.escape(assignment), " ", stem, flags=re.I)
    ascii_name = strip_accents(name).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def collect_files(course: Path, assignment: str, source: Path) -> Report:
    """Notebooks received as files (a folder, or a .zip of them), one per student, named after
    the student (« marie-dupont.ipynb », « Dupont Marie - 00_prise_en_main.ipynb »), put in
    `submitted/<student>/<assignment>/` under the assignment's notebook name, with the file's
    date as nbgrader's timestamp. A submission already there is kept in `.anciennes/`, never
    overwritten; what is not a notebook is listed as refused."""
    course = Path(course).resolve()
    settings = course_settings(course)
    wanted = expected_notebooks(course, assignment, settings["source"])
    if len(wanted) != 1:
        raise ValueError(f"Le devoir {assignment} a {len(wanted)} notebooks : ramassez-le avec nbgrader "
                         "(dossiers par étudiant) plutôt qu'en fichiers isolés.")
    source = Path(source)
    if not source.exists():
        raise FileNotFoundError(f"{source} n'existe pas : indiquez le dossier (ou le .zip) des copies reçues.")
    out = Report()
    with _files_of(source) as files:
        for path in sorted(files):
            if path.name.startswith(".") or "__MACOSX" in path.parts:
                continue
            if path.suffix.lower() != ".ipynb":
                out.refused.append((path.name, "ce n'est pas un notebook (.ipynb) : demandez le fichier "
                                               "téléchargé depuis Jupyter (Fichier › Télécharger)."))
                continue
            student = _student_id(path.stem, assignment)
            if not student:
                out.refused.append((path.name, "le nom du fichier ne dit pas de qui est la copie : renommez-le "
                                               "« prenom-nom.ipynb »."))
                continue
            folder = course / settings["submitted"] / student / assignment
            if student in out.done:
                out.refused.append((path.name, f"une autre copie de {student} a déjà été ramassée ici : "
                                               "gardez la bonne et relancez."))
                continue
            if folder.exists():
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                keep = folder.parent / ".anciennes" / f"{assignment}-{stamp}"
                keep.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(str(folder), keep)
                out.notes.append(f"{student} : la copie précédente est gardée dans {keep}.")
            folder.mkdir(parents=True)
            shutil.copy2(path, folder / wanted[0])
            when = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            (folder / "timestamp.txt").write_text(when.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
            out.done.append(student)
    return out


class _files_of:
    """The files of a folder, or of a .zip unpacked in a scratch folder (removed afterwards)."""

    def __init__(self, source: Path) -> None:
        self.source, self.tmp = source, None

    def __enter__(self) -> list[Path]:
        import tempfile

        if self.source.is_dir():
            return [p for p in self.source.rglob("*") if p.is_file()]
        if zipfile.is_zipfile(self.source):
            self.tmp = tempfile.TemporaryDirectory(prefix="ia-marketing-copies-")
            with zipfile.ZipFile(self.source) as archive:
                archive.extractall(self.tmp.name)
            return [p for p in Path(self.tmp.name).rglob("*") if p.is_file()]
        raise ValueError(f"{self.source} n'est ni un dossier ni une archive .zip.")

    def __exit__(self, *exc) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()


def hidden_test_lines(course: Path, assignment: str) -> list[str]:
    """The distinctive lines of the assignment's hidden tests (what feedback must never show)."""
    settings = course_settings(course)
    lines = []
    for path in sorted((course / settings["source"] / assignment).glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if "BEGIN HIDDEN TESTS" in line:
                    inside = True
                elif "END HIDDEN TESTS" in line:
                    inside = False
                elif inside and len(line.strip()) >= 25:
                    lines.append(line.strip())
    return lines


def feedback(course: Path, assignment: str, *, exchange: Path | None = None) -> Report:
    """nbgrader's feedback (HTML) for every graded submission, each then checked: a page that
    shows a line of the hidden tests is deleted and reported, never sent. With *exchange*, the
    checked pages are then released into nbgrader's exchange, where each student fetches theirs."""
    course = Path(course).resolve()
    settings = course_settings(course)
    graded = sorted(p.parent.name for p in (course / settings["autograded"]).glob(f"*/{assignment}") if p.is_dir())
    out = Report()
    if not graded:
        out.notes.append(f"Aucune copie corrigée de {assignment} : lancez d'abord ia-marketing classe grade {assignment}.")
        return out
    result = nbgrader_api(course).generate_feedback(assignment)
    if not result["success"]:
        raise RuntimeError(f"nbgrader n'a pas pu écrire les retours de {assignment} :\n{_last_lines(result)}")
    secret = hidden_test_lines(course, assignment)
    for student in graded:
        pages = sorted((course / settings["feedback"] / student / assignment).glob("*.html"))
        if not pages:
            out.refused.append((student, "nbgrader n'a pas écrit de retour pour cette copie."))
            continue
        leaked = [line for page in pages for line in secret if html.escape(line, quote=False) in
                  html.unescape(page.read_text(encoding="utf-8")) or line in page.read_text(encoding="utf-8")]
        if leaked:
            for page in pages:
                page.unlink()
            out.refused.append((student, f"le retour montrait un test caché (« {leaked[0][:60]} ») : supprimé, "
                                         "vérifiez la configuration GenerateFeedback de nbgrader_config.py."))
            continue
        out.done.append(student)
    if exchange is not None:
        api = nbgrader_api(course, exchange=Path(exchange))
        for student in list(out.done):
            released = api.release_feedback(assignment, student)
            if not released["success"]:
                out.done.remove(student)
                out.refused.append((student, "retour écrit mais pas rendu dans l'échange : "
                                             + _last_lines(released)))
    return out
