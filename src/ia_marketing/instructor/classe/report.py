"""The class report: one self-contained HTML page a trainer can share (charts embedded), and the
same as a notebook to explore. Score distribution, the exercises and the hidden cases that fail
most (by grade id, with the exercise's French title and the message learners saw), progress
across assignments, who did not hand in, what still waits for a manual grade.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pandas as pd

from ...core.fr import count, date_long, decimal
from .grading import course_settings
from .scores import cell_scores, class_scores


def exercise_titles(course: Path, assignment: str) -> dict[str, str]:
    """grade_id -> the title of the exercise it belongs to (the last heading above it in the
    assignment's source notebook)."""
    settings = course_settings(course)
    titles: dict[str, str] = {}
    for path in sorted((Path(course) / settings["source"] / assignment).glob("*.ipynb")):
        heading = ""
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                found = re.findall(r"^#{1,4}\s+(.+)$", cell.source, flags=re.M)
                if found:
                    heading = found[-1].strip()
            gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
            if gid:
                titles[gid] = heading
    return titles


_MESSAGE = re.compile(r"\x1b\[[0-9;]*m")
_LABELS = {"cellule": "test (grade id)", "exercice": "exercice", "copies": "copies", "reussies": "réussies",
           "taux_reussite": "taux de réussite", "message": "message vu par les apprenantes et les apprenants", "etudiant": "identifiant"}


def _plain_message(ename: str, evalue: str) -> str:
    """The first line a learner saw, with Python's usual errors said in French."""
    value = _MESSAGE.sub("", evalue or "").strip().splitlines()
    first = value[0] if value else ""
    if ename == "KeyboardInterrupt":
        return "cellule arrêtée par la limite de temps (une boucle sans fin ?)"
    if ename == "NotImplementedError" and not first:
        return "pas de réponse : la cellule de réponse n'a pas été remplie (NotImplementedError)"
    if ename == "NameError":
        return f"un nom n'existe pas ({first}) : une cellule précédente n'a pas été exécutée ou le nom est mal écrit"
    return f"{ename} : {first}" if first else ename


def failed_cases(course: Path, assignment: str) -> pd.DataFrame:
    """One row per graded test cell that failed in an autograded copy, with the first line of the
    message the learner saw (the French assert message of the hidden case)."""
    settings = course_settings(course)
    rows = []
    for path in sorted((Path(course) / settings["autograded"]).glob(f"*/{assignment}/*.ipynb")):
        student = path.parent.parent.name
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if not (meta.get("grade") and not meta.get("solution") and cell.cell_type == "code"):
                continue
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = _plain_message(output.get("ename", ""), output.get("evalue", ""))
                    rows.append({"etudiant": student, "cellule": meta["grade_id"], "message": message[:240]})
                    break
    return pd.DataFrame(rows, columns=["etudiant", "cellule", "message"])


@dataclass
class ClassReport:
    course: Path
    scores: pd.DataFrame
    cells: pd.DataFrame
    titles: dict[str, dict[str, str]]
    failures: dict[str, pd.DataFrame]

    @property
    def assignments(self) -> list[str]:
        return sorted(self.scores["devoir"].unique())

    def not_submitted(self, assignment: str) -> list[str]:
        rows = self.scores[(self.scores["devoir"] == assignment) & ~self.scores["rendu"]]
        return sorted(rows["etudiant"])

    def exercise_table(self, assignment: str) -> pd.DataFrame:
        """Automatic cells of *assignment*, the least often fully passed first."""
        cells = self.cells[(self.cells["devoir"] == assignment) & self.cells["automatique"]]
        if cells.empty:
            return pd.DataFrame(columns=["cellule", "exercice", "copies", "reussies", "taux_reussite"])
        table = cells.assign(reussie=cells["points"] >= cells["points_max"]).groupby("cellule").agg(
            copies=("reussie", "size"), reussies=("reussie", "sum")).reset_index()
        table["taux_reussite"] = table["reussies"] / table["copies"]
        table["exercice"] = table["cellule"].map(self.titles.get(assignment, {})).fillna("")
        return table.sort_values(["taux_reussite", "cellule"]).reset_index(drop=True)[
            ["cellule", "exercice", "copies", "reussies", "taux_reussite"]]

    def case_table(self, assignment: str, top: int = 10) -> pd.DataFrame:
        """The messages of failed hidden cases, the most frequent first."""
        failures = self.failures.get(assignment)
        if failures is None or failures.empty:
            return pd.DataFrame(columns=["cellule", "exercice", "message", "copies"])
        counted = Counter(zip(failures["cellule"], failures["message"]))
        rows = [{"cellule": c, "exercice": self.titles.get(assignment, {}).get(c, ""), "message": m, "copies": n}
                for (c, m), n in counted.most_common(top)]
        return pd.DataFrame(rows)

    def progress(self) -> pd.DataFrame:
        """Percent per student (rows) and assignment (columns); empty where not handed in."""
        return self.scores.pivot(index="etudiant", columns="devoir", values="pourcentage")

    # -- charts ----------------------------------------------------------------------------
    def figure_distribution(self, assignment: str):
        import matplotlib.pyplot as plt
        from matplotlib.ticker import MaxNLocator

        values = self.scores[(self.scores["devoir"] == assignment) & self.scores["rendu"]]["pourcentage"]
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        ax.hist(values, bins=[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100.001], color="#2f6f9f", edgecolor="white")
        ax.set_xlabel("note (% des points)")
        ax.set_ylabel("copies")
        ax.set_title(f"{assignment} : répartition des notes ({count(len(values), 'copie', 'copies')})")
        ax.set_xlim(0, 100)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        fig.tight_layout()
        return fig

    def figure_exercises(self, assignment: str):
        import matplotlib.pyplot as plt

        table = self.exercise_table(assignment)
        fig, ax = plt.subplots(figsize=(6.4, 0.32 * max(len(table), 3) + 1.0))
        ax.barh(table["cellule"][::-1], 100 * table["taux_reussite"][::-1], color="#c0504d")
        ax.set_xlim(0, 100)
        ax.set_xlabel("copies qui réussissent ce test (%)")
        ax.set_title(f"{assignment} : réussite par test")
        fig.tight_layout()
        return fig

    def figure_progress(self):
        import matplotlib.pyplot as plt

        done = self.scores[self.scores["rendu"]]
        stats = done.groupby("devoir")["pourcentage"].agg(["median", lambda s: s.quantile(0.25),
                                                           lambda s: s.quantile(0.75)])
        stats.columns = ["mediane", "q1", "q3"]
        fig, ax = plt.subplots(figsize=(6.4, 3.0))
        x = range(len(stats))
        ax.fill_between(x, stats["q1"], stats["q3"], color="#9dc3e6", label="moitié centrale de la classe")
        ax.plot(x, stats["mediane"], marker="o", color="#1f4e79", label="note médiane")
        ax.set_xticks(list(x), stats.index, rotation=20, ha="right")
        ax.set_ylim(0, 100)
        ax.set_ylabel("note (% des points)")
        ax.set_title("Progression d'un devoir à l'autre")
        ax.legend(loc="lower left", fontsize=8)
        fig.tight_layout()
        return fig

    # -- the page ---------------------------------------------------------------------------
    def html(self, *, names: bool = True) -> str:
        """The page; without *names*, no per-person table and only the number of those who did not
        hand in (a page to project in front of the class)."""
        def png(fig) -> str:
            import matplotlib.pyplot as plt

            buffer = io.BytesIO()
            fig.savefig(buffer, format="png", dpi=110)
            plt.close(fig)
            data = base64.b64encode(buffer.getvalue()).decode("ascii")
            return f'<img alt="graphique" src="data:image/png;base64,{data}">'

        def table(frame: pd.DataFrame, percent: tuple[str, ...] = ()) -> str:
            if frame.empty:
                return "<p><em>Rien à montrer.</em></p>"
            head = "".join(f"<th>{html.escape(_LABELS.get(str(c), str(c)))}</th>" for c in frame.columns)
            body = []
            for _, row in frame.iterrows():
                cells = []
                for column in frame.columns:
                    value = row[column]
                    if column in percent:
                        text = "" if pd.isna(value) else f"{decimal(100 * value, 0)} %"
                    elif isinstance(value, float):
                        text = "" if pd.isna(value) else decimal(value, 1)
                    else:
                        text = str(value)
                    cells.append(f"<td>{html.escape(text)}</td>")
                body.append("<tr>" + "".join(cells) + "</tr>")
            return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"

        students = self.scores["etudiant"].nunique()
        parts = [f"<h1>Résultats de la classe</h1><p>{count(students, 'étudiante ou étudiant', 'étudiantes et étudiants')}, "
                 f"{count(len(self.assignments), 'devoir', 'devoirs')} ; rapport du {date_long(dt.date.today())}. "
                 "Les notes sont en pourcentage des points du devoir ; les réponses notées à la main comptent "
                 "dès qu'elles sont notées.</p>"]
        if len(self.assignments) > 1:
            parts.append("<h2>Progression</h2>" + png(self.figure_progress()))
        for name in self.assignments:
            done = self.scores[(self.scores["devoir"] == name) & self.scores["rendu"]]
            missing = self.not_submitted(name)
            manual = int(done["a_noter_a_la_main"].sum())
            summary = (f"{count(len(done), 'copie rendue', 'copies rendues')}, note médiane "
                       f"{decimal(done['pourcentage'].median(), 0) if len(done) else '—'} %"
                       + (f", {count(manual, 'copie', 'copies')} avec une réponse à noter à la main" if manual else ""))
            parts.append(f"<h2>{html.escape(name)}</h2><p>{html.escape(summary)}.</p>")
            if len(done):
                parts.append(png(self.figure_distribution(name)))
                parts.append("<h3>Les tests les plus souvent manqués</h3>" + png(self.figure_exercises(name)))
                parts.append(table(self.exercise_table(name), percent=("taux_reussite",)))
                parts.append("<h3>Les cas cachés qui échouent le plus (le message vu par les apprenantes et les apprenants)</h3>"
                             + table(self.case_table(name)))
            if names:
                who = html.escape(", ".join(missing)) if missing else "Personne."
            else:
                who = count(len(missing), "personne", "personnes") if missing else "Personne."
            parts.append("<h3>N'ont pas rendu</h3><p>" + who + "</p>")
        if names:
            progress = self.progress().reset_index()
            progress.columns = [str(c) for c in progress.columns]
            parts.append("<h2>Notes par personne (%)</h2>" + table(progress))
        style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
                 "table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;"
                 "text-align:left;vertical-align:top}th{background:#eef3f8}img{max-width:100%}h2{border-bottom:2px solid "
                 "#2f6f9f;padding-bottom:.2rem;margin-top:2.5rem}")
        return (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Résultats de la classe</title>'
                f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def class_report(course: Path) -> ClassReport:
    course = Path(course).resolve()
    scores = class_scores(course)
    assignments = sorted(scores["devoir"].unique())
    return ClassReport(course=course, scores=scores, cells=cell_scores(course),
                       titles={a: exercise_titles(course, a) for a in assignments},
                       failures={a: failed_cases(course, a) for a in assignments})


def write_report(course: Path, dest: Path, *, names: bool = True) -> tuple[Path, Path]:
    """The HTML page at *dest* and, next to it, the same report as a notebook (not run); without
    *names*, a page to project (no per-person scores, no names)."""
    import matplotlib

    matplotlib.use("Agg")
    report = class_report(course)
    dest = Path(dest)
    dest.write_text(report.html(names=names), encoding="utf-8")
    notebook = dest.with_suffix(".ipynb")
    nbformat.write(report_notebook(report.course), notebook)
    return dest, notebook


def report_notebook(course: Path):
    """The report as a notebook: each section a cell the trainer can run and change."""
    nb = nbformat.v4.new_notebook()
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    nb.cells = [
        md("# Résultats de la classe\n\nLe même rapport que la page HTML, à explorer : changez un devoir, "
           "triez un tableau, exportez un graphique."),
        code("from ia_marketing.instructor.classe.report import class_report\n"
             f"rapport = class_report({str(course)!r})\nrapport.assignments"),
        md("## Progression d'un devoir à l'autre"),
        code("rapport.figure_progress();"),
        md("## Un devoir\n\nRépartition des notes, tests les plus souvent manqués, cas cachés qui échouent le plus, "
           "et qui n'a pas rendu."),
        code("devoir = rapport.assignments[0]\nrapport.figure_distribution(devoir);"),
        code("rapport.exercise_table(devoir)"),
        code("rapport.case_table(devoir)"),
        code("rapport.not_submitted(devoir)"),
        md("## Notes par personne (%)"),
        code("rapport.progress()"),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


