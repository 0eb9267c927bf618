"""What a class handed in: each student's folder of `submitted/`, checked before grading, and
the submissions a test or a benchmark builds from the release and the reference.

A submission that cannot be graded is reported by name with its reason and what to do — a
notebook that is not valid JSON, a notebook missing or renamed — never graded as a silent 0.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

_SOLUTION_MARKER = re.compile(r"\s*### (BEGIN|END) SOLUTION\s*$")


def strip_solution_markers(source: str) -> str:
    """The reference code of a solution cell, without nbgrader's solution markers."""
    return "\n".join(line for line in source.splitlines() if not _SOLUTION_MARKER.match(line))


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def build_submission(release: Path, solution: Path, replacements: dict[str, str] | None = None,
                     *, fill_solutions: bool = True, delete: str | None = None):
    """A student's notebook: the release, with its answer cells filled in from the reference
    (markers removed), then *replacements* applied by grade_id, and optionally one cell deleted."""
    nb = nbformat.read(release, as_version=4)
    ref = {grade_id(c): c.source for c in nbformat.read(solution, as_version=4).cells if grade_id(c)}
    replacements = replacements or {}
    unknown = set(replacements) - {grade_id(c) for c in nb.cells}
    if unknown:
        raise KeyError(f"grade_id inconnus dans la copie à construire : {sorted(unknown)}")
    cells = []
    for cell in nb.cells:
        gid = grade_id(cell)
        meta = cell.metadata.get("nbgrader", {})
        if gid == delete:
            continue
        if gid in replacements:
            cell = copy.deepcopy(cell)
            cell.source = replacements[gid]
        elif fill_solutions and meta.get("solution") and gid in ref:
            cell = copy.deepcopy(cell)
            cell.source = strip_solution_markers(ref[gid])
        cells.append(cell)
    nb.cells = cells
    return nb


@dataclass
class Problem:
    """Why one student's submission is not graded, in French, with what to do."""
    student: str
    reason: str
    advice: str

    def __str__(self) -> str:
        return f"{self.student} : {self.reason} {self.advice}"


@dataclass
class Inventory:
    """The submissions of one assignment: those that can be graded, and those that cannot."""
    assignment: str
    gradable: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def expected_notebooks(course: Path, assignment: str, source_directory: str = "solutions") -> list[str]:
    """The notebook file names of *assignment*, as in its source folder."""
    folder = course / source_directory / assignment
    if not folder.is_dir():
        raise FileNotFoundError(f"Devoir inconnu : {assignment} (pas de dossier {source_directory}/{assignment}).")
    return sorted(p.name for p in folder.glob("*.ipynb"))


def _notebook_problem(path: Path) -> str | None:
    """Why *path* cannot be read as a notebook, or None."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return f"le fichier {path.name} ne se lit pas ({error.strerror})."
    if not raw.strip():
        return f"le fichier {path.name} est vide (0 octet utile) : l'enregistrement a sans doute échoué."
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return f"le fichier {path.name} n'est pas du texte UTF-8 : ce n'est pas un notebook."
    except json.JSONDecodeError as error:
        return (f"le fichier {path.name} n'est pas un JSON valide (ligne {error.lineno}, colonne {error.colno}) : "
                "il a sans doute été coupé ou modifié hors de Jupyter.")
    try:
        nbformat.validate(nbformat.from_dict(data))
    except Exception as error:  # nbformat raises several kinds of validation errors
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"le fichier {path.name} est un JSON mais pas un notebook valide ({first})."
    return None


def inventory(course: Path, assignment: str, *, submitted_directory: str = "submitted",
              source_directory: str = "solutions", students: list[str] | None = None) -> Inventory:
    """Look at `submitted/<student>/<assignment>/` for every student (or *students*)."""
    wanted = expected_notebooks(course, assignment, source_directory)
    root = course / submitted_directory
    found = Inventory(assignment)
    names = students if students is not None else sorted(
        p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    for student in names:
        folder = root / student / assignment
        if not folder.is_dir():
            found.problems.append(Problem(student, f"aucun dossier {submitted_directory}/{student}/{assignment}.",
                                          "Vérifiez qu'il ou elle a bien rendu ce devoir (ia-marketing classe collect)."))
            continue
        present = sorted(p.name for p in folder.glob("*.ipynb"))
        missing = [name for name in wanted if name not in present]
        if missing:
            others = [name for name in present if name not in wanted]
            if others:
                reason = (f"notebook renommé : {', '.join(others)} au lieu de {', '.join(missing)}.")
                advice = (f"Renommez le fichier en {missing[0]} dans {submitted_directory}/{student}/{assignment}/ "
                          "puis relancez la correction.")
            else:
                reason = f"notebook manquant : {', '.join(missing)}."
                advice = "Demandez-lui de rendre à nouveau le devoir, puis relancez la collecte."
            found.problems.append(Problem(student, reason, advice))
            continue
        broken = [p for p in (_notebook_problem(folder / name) for name in wanted) if p]
        if broken:
            found.problems.append(Problem(student, broken[0],
                                          "Demandez-lui le fichier enregistré depuis Jupyter (Fichier › Enregistrer), "
                                          "ou récupérez une copie dans .ipynb_checkpoints/ s'il y en a une."))
            continue
        found.gradable.append(student)
    return found
