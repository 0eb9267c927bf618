"""French feedback pages: the template folder, and the nbgrader preprocessor that marks the
answers still waiting for a manual grade (nbgrader would show them as 0)."""

from __future__ import annotations

import re
from pathlib import Path

from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import NbGraderPreprocessor

#: Holds `feedback/` (conf.json, index.html.j2), found before nbgrader's own template of that name.
TEMPLATES = Path(__file__).resolve().parent / "gabarits"


def nbgrader_templates() -> Path:
    import nbgrader

    return Path(nbgrader.__file__).resolve().parent / "server_extensions" / "formgrader" / "templates"


class MarkPendingGrades(NbGraderPreprocessor):
    """After nbgrader's GetGrades: `en_attente` on each graded cell whose manual grade is not given
    yet (and on the notebook's resources if there is one), and `exercice`, the title of the
    exercise the cell belongs to (the last heading above it), for the page's summary."""

    def preprocess(self, nb, resources):
        nbg = resources["nbgrader"]
        self.pending, self.heading = False, ""
        with Gradebook(nbg["db_url"]) as gb:
            self.grades = {g.name: g for g in gb.find_submission_notebook(
                nbg["notebook"], nbg["assignment"], nbg["student"]).grades}
            nb, resources = super().preprocess(nb, resources)
        resources["nbgrader"]["en_attente"] = self.pending
        return nb, resources

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "markdown":
            titles = re.findall(r"^#{1,4}\s+(.+?)\s*$", cell.source, flags=re.M)
            if titles:
                self.heading = titles[-1]
        if utils.is_grade(cell):
            cell.metadata.nbgrader["exercice"] = self.heading
            grade = self.grades.get(cell.metadata["nbgrader"]["grade_id"])
            waiting = bool(grade is not None and grade.needs_manual_grade)
            cell.metadata.nbgrader["en_attente"] = waiting
            self.pending = self.pending or waiting
        return cell, resources
