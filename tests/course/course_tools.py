"""Helpers shared by the notebook and grading tests."""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

from ia_marketing.instructor.classe.submissions import build_submission, strip_solution_markers  # noqa: F401 - shared

ROOT = Path(__file__).resolve().parents[2]
ASSIGNMENTS = sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
BIN = Path(sys.executable).parent


def env_with_venv(**extra: str) -> dict[str, str]:
    """nbgrader shells out to `alembic`: put this interpreter's bin/ first on PATH."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def assignment_notebook(folder: Path, name: str) -> Path:
    return folder / name / f"{name}.ipynb"


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


_GUIDED = re.compile(r"<b>Parcours guidé</b>.*?```python\n(.*?)```", re.S)
_DEF = re.compile(r"^def (\w+)\(", re.M)


def guided_paths(solution: Path) -> dict[str, str]:
    """function name -> the « Parcours guidé » code of its hints cell, « … » still in it."""
    found = {}
    for cell in nbformat.read(solution, as_version=4).cells:
        if cell.cell_type == "markdown":
            for code in _GUIDED.findall(cell.source):
                names = _DEF.findall(code)
                assert len(names) == 1, f"un parcours guidé doit définir une seule fonction : {names}"
                found[names[0]] = code
    return found


def fill_guided(code: str, fills: tuple[str, ...]) -> str:
    """The guided code with its « … », in order, replaced by what a learner writes there."""
    pieces = code.split("…")
    assert len(pieces) == len(fills) + 1, f"{len(pieces) - 1} « … » pour {len(fills)} réponses"
    return "".join(p + f for p, f in zip(pieces, (*fills, "")))


def guided_submission(name: str, solution: Path) -> dict[str, str]:
    """Replacements (grade_id -> source) that put every completed guided path in its answer cell."""
    fills = getattr(variants(name), "GUIDED", {})
    cells_by_function = {}
    for cell in nbformat.read(solution, as_version=4).cells:
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
            for function in _DEF.findall(strip_solution_markers(cell.source)):
                cells_by_function[function] = (grade_id(cell), _DEF.findall(strip_solution_markers(cell.source)))
    replacements = {}
    for function, code in guided_paths(solution).items():
        gid, defined = cells_by_function[function]
        assert defined == [function], f"{gid} définit {defined} : le parcours guidé n'en remplace qu'une"
        replacements[gid] = fill_guided(code, fills[function])
    return replacements


def variants(name: str):
    return importlib.import_module(f"grading_variants.v{name}")


def run(cmd: list[str], cwd: Path, timeout: float = 900, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(cmd, cwd=cwd, env=env_with_venv(**env), capture_output=True, text=True,
                            timeout=timeout)
    return result


def copy_course(dest: Path) -> Path:
    """A scratch copy of the course (no .venv, no gradebook)."""
    for item in ["nbgrader_config.py", "solutions", "exercises", "datasets", "modules"]:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        elif src.exists():
            shutil.copy2(src, dest / item)
    return dest


def grade_in_process(name: str, replacements: dict[str, str] | None = None) -> dict[str, tuple[bool, float, str]]:
    """A quick stand-in for nbgrader: the reference notebook with *replacements* applied to its
    solution cells, every code cell run in order in one namespace (solution markers removed,
    hidden tests kept). Returns, for each graded test cell, (passed, seconds, error message).
    Matplotlib figures are not shown; the per-cell timeout is not enforced."""
    import time
    import traceback

    os.environ.setdefault("MPLBACKEND", "Agg")
    nb = nbformat.read(assignment_notebook(ROOT / "solutions", name), as_version=4)
    replacements = replacements or {}
    namespace: dict = {"__name__": "__main__"}
    results = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = cell.metadata.get("nbgrader", {})
        gid = meta.get("grade_id")
        source = replacements.get(gid, strip_solution_markers(cell.source))
        start = time.perf_counter()
        try:
            exec(compile(source, gid or "cellule", "exec"), namespace)
            error = ""
        except Exception as exc:  # a failing cell is a result, as in nbgrader
            error = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        if meta.get("grade") and not meta.get("solution"):
            results[gid] = (not error, time.perf_counter() - start, error)
    return results


def owned_test_cells(name: str) -> dict[str, set[str]]:
    """Solution grade_id -> the graded test cells that follow it, up to the next solution cell."""
    owned: dict[str, set[str]] = {}
    current = None
    for cell in nbformat.read(assignment_notebook(ROOT / "solutions", name), as_version=4).cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            current = meta["grade_id"]
            owned[current] = set()
        elif meta.get("grade") and not meta.get("solution") and current:
            owned[current].add(meta["grade_id"])
    return owned
