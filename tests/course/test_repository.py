"""Repository invariants: declared environments agree, notebooks are clean,
exercises/ is exactly what nbgrader generates from solutions/, grade ids are sound."""

from __future__ import annotations

import json
import re
import subprocess
import tomllib

import nbformat
import pytest
import yaml
from course_tools import ASSIGNMENTS, ROOT, grade_id

from ia_marketing.instructor.notebooks import generate_release


def _parse(req: str) -> tuple[str, frozenset[str], str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(\[[^\]]*\])?\s*(.*?)\s*$", req)
    assert m, req
    name = re.sub(r"[-_.]+", "-", m.group(1)).lower()
    extras = frozenset(e.strip() for e in (m.group(2) or "[]")[1:-1].split(",") if e.strip())
    spec = ",".join(sorted(s.strip() for s in m.group(3).split(",") if s.strip()))
    return name, extras, spec


def _merge(reqs: list[str]) -> dict[str, tuple[frozenset[str], str]]:
    out: dict[str, tuple[frozenset[str], str]] = {}
    for req in reqs:
        name, extras, spec = _parse(req)
        if name in out:
            assert out[name][1] == spec, f"{name} : contraintes différentes {out[name][1]!r} / {spec!r}"
            extras = extras | out[name][0]
        out[name] = (extras, spec)
    return out


def test_environment_yml_and_pyproject_declare_the_same_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    py = _merge(project["dependencies"] + project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda, pip = [], []
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pip += dep["pip"]
        elif not dep.startswith(("python", "pip")) or dep.startswith("python-"):
            conda.append(dep)
    assert "conda-forge" in env["channels"]
    yml = _merge(conda + pip)
    assert yml == py


def test_committed_notebooks_have_no_outputs():
    for path in sorted(ROOT.glob("*/**/*.ipynb")):
        if ".venv" in path.parts or ".ipynb_checkpoints" in path.parts:
            continue
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, path


@pytest.mark.slow
@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_exercises_are_exactly_the_generated_release(name, tmp_path):
    fresh = generate_release(ROOT, name, tmp_path / name)
    committed = ROOT / "exercises" / name
    fresh_files = sorted(p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file())
    committed_files = sorted(p.relative_to(committed) for p in committed.rglob("*") if p.is_file())
    assert fresh_files == committed_files
    for rel in fresh_files:
        assert (fresh / rel).read_bytes() == (committed / rel).read_bytes(), \
            f"exercises/{name}/{rel} diffère de ce que génère nbgrader : lancez « make exercises »"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_grade_ids_are_unique_and_points_explicit(name):
    nb = nbformat.read(ROOT / "solutions" / name / f"{name}.ipynb", as_version=4)
    ids = [grade_id(c) for c in nb.cells if grade_id(c)]
    assert len(ids) == len(set(ids))
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert graded and all(c.metadata["nbgrader"]["points"] > 0 for c in graded)
    for c in graded:
        if c.cell_type == "code":
            assert "BEGIN HIDDEN TESTS" in c.source, f"{grade_id(c)} n'a pas de tests cachés"


def test_quick_start_is_two_make_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_secrets_and_gradebook_are_ignored():
    """Secrets and the instructor's nbgrader state at the course root are ignored by git; the
    package's own feedback template (a folder also named feedback/) is not."""
    def ignored(path: str) -> bool:
        return subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0

    for path in [".env", "gradebook.db", "submitted/alice/00_prise_en_main/x.ipynb",
                 "autograded/alice/00_prise_en_main/x.ipynb", "feedback/alice/00_prise_en_main/x.html"]:
        assert ignored(path), f"{path} devrait être ignoré par git"
    template = "src/ia_marketing/instructor/classe/gabarits/feedback/index.html.j2"
    assert not ignored(template), f"{template} est ignoré par git : il manquerait dans une copie du dépôt"
    assert template in subprocess.run(["git", "ls-files", template], cwd=ROOT, capture_output=True,
                                      text=True).stdout
