"""The class's results, read from nbgrader's gradebook, as tables; and their CSV exports.

`class_scores` gives one row per student and assignment (submitted or not); `cell_scores`
one row per student and graded cell. `export_moodle` writes the layout Moodle's grade import
reads (« Importer › Fichier CSV »: one row per student, a column that identifies them — e-mail
address, username or ID number — and one column per grade item; Moodle asks which column maps
to which item, and preselects an item whose name is the column's header). `export_csv` writes
the long table for a spreadsheet.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from .grading import course_settings

SCORE_COLUMNS = ["etudiant", "prenom", "nom", "courriel", "devoir", "rendu", "points", "points_max",
                 "pourcentage", "a_noter_a_la_main"]


def _gradebook(course: Path):
    from nbgrader.api import Gradebook

    path = course_settings(course)["gradebook"]
    if not path.exists():
        raise FileNotFoundError(f"Pas encore de carnet de notes ({path}) : corrigez d'abord un devoir "
                                "(ia-marketing classe grade DEVOIR).")
    return Gradebook(f"sqlite:///{path}")


def class_scores(course: Path) -> pd.DataFrame:
    """One row per student and assignment of the gradebook; « rendu » is False where nothing was
    handed in (points then missing, never 0)."""
    from nbgrader.api import MissingEntry

    rows = []
    with _gradebook(Path(course)) as gb:
        assignments = sorted(gb.assignments, key=lambda a: a.name)
        for student in sorted(gb.students, key=lambda s: s.id):
            for assignment in assignments:
                base = {"etudiant": student.id, "prenom": student.first_name or "", "nom": student.last_name or "",
                        "courriel": student.email or "", "devoir": assignment.name,
                        "points_max": float(assignment.max_score)}
                try:
                    sub = gb.find_submission(assignment.name, student.id)
                except MissingEntry:
                    rows.append({**base, "rendu": False, "points": float("nan"), "pourcentage": float("nan"),
                                 "a_noter_a_la_main": False})
                    continue
                score = float(sub.score)
                rows.append({**base, "rendu": True, "points": score,
                             "pourcentage": 100 * score / base["points_max"] if base["points_max"] else float("nan"),
                             "a_noter_a_la_main": bool(sub.needs_manual_grade)})
    return pd.DataFrame(rows, columns=SCORE_COLUMNS)


def cell_scores(course: Path, assignment: str | None = None) -> pd.DataFrame:
    """One row per submission and graded cell: points, maximum, whether it is automatic (a code
    cell) and whether it waits for a manual grade."""
    rows = []
    with _gradebook(Path(course)) as gb:
        for a in sorted(gb.assignments, key=lambda a: a.name):
            if assignment and a.name != assignment:
                continue
            for sub in gb.assignment_submissions(a.name):
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        rows.append({"etudiant": sub.student.id, "devoir": a.name, "notebook": nb.name,
                                     "cellule": grade.name, "points": float(grade.score),
                                     "points_max": float(grade.max_score),
                                     "automatique": grade.cell.cell_type == "code",
                                     "a_noter_a_la_main": bool(grade.needs_manual_grade)})
    return pd.DataFrame(rows, columns=["etudiant", "devoir", "notebook", "cellule", "points", "points_max",
                                       "automatique", "a_noter_a_la_main"])


def _number(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.2f}".rstrip("0").rstrip(".")


def export_moodle(course: Path, dest: Path, *, out_of: float | None = None) -> Path:
    """Moodle's grade import layout: « Prénom, Nom, Nom d'utilisateur, Adresse de courriel », then
    one column per assignment (its points, or points scaled to *out_of*; empty where nothing was
    handed in). Comma-separated, UTF-8, a point as the decimal mark, as Moodle reads it."""
    scores = class_scores(course)
    dest = Path(dest)
    assignments = sorted(scores["devoir"].unique())
    with open(dest, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Prénom", "Nom", "Nom d'utilisateur", "Adresse de courriel", *assignments])
        for student, rows in scores.groupby("etudiant", sort=True):
            first = rows.iloc[0]
            by_assignment = rows.set_index("devoir")
            values = []
            for name in assignments:
                row = by_assignment.loc[name]
                points = row["points"]
                if out_of is not None and not pd.isna(points) and row["points_max"]:
                    points = points * out_of / row["points_max"]
                values.append(_number(points))
            writer.writerow([first["prenom"], first["nom"], student, first["courriel"], *values])
    return dest


def export_csv(course: Path, dest: Path) -> Path:
    """The long table (one row per student and assignment) for a spreadsheet: « ; » and a decimal
    comma, as a French spreadsheet opens it."""
    scores = class_scores(course)
    scores.to_csv(dest, sep=";", decimal=",", index=False, encoding="utf-8-sig", float_format="%.2f")
    return Path(dest)
