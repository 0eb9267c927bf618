"""Mutation score of each assignment's hidden tests, measured with mutmut.

    ia-marketing bench grading-tests [devoir…]

For an assignment, the reference notebook in ``solutions/`` becomes a scratch project:
``src/devoir.py`` holds every code cell that is not a test, in notebook order, with only the
solution cells open to mutation (the given helpers and the set-up are wrapped in
``# pragma: no mutate start/end``); ``tests/test_devoir.py`` runs each graded test cell (visible
and hidden tests) in that module's namespace, as the grading kernel does. mutmut then changes
the solution functions one small edit at a time (an operator, a constant, a comparison, a
returned value) and runs the test cells that reach the edited function: a mutant is *killed*
when a cell fails (or times out, as the per-cell timeout would stop it), *survived* otherwise.

Why mutmut on an extracted module rather than on the notebook: mutmut mutates Python files and
runs pytest, forking one process per mutant from a warm interpreter; running nbgrader per mutant
would cost a kernel start each time, hundreds of times per assignment.

A surviving mutant is either a hole in the hidden tests (add a case) or *equivalent* (no input
can tell it from the reference): equivalent ones are listed with their reason in
``tests/course/mutants_equivalents/<assignment>.toml``, keyed by the function and the mutated line.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..core.fr import integer, percent
from .notebooks import assignments, course_root

TARGET = 0.90
EQUIVALENTS = Path("tests") / "course" / "mutants_equivalents"  # <assignment>.toml

_SOLUTION_MARKER = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$")
_HIDDEN_MARKER = re.compile(r"^\s*### (BEGIN|END) HIDDEN TESTS\s*$")
_MUTANT = re.compile(r"^\s*(\S+?)\.x_(\w+?)__mutmut_(\d+): (\w+)")

_TEST_MODULE = '''"""Each graded test cell of the assignment, run in the namespace of `devoir` (as in the notebook)."""
import json
from pathlib import Path

import pytest

import devoir

CELLS = json.loads((Path(__file__).parent / "cells.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("grade_id", list(CELLS))
def test_cell(grade_id):
    exec(compile(CELLS[grade_id], grade_id, "exec"), devoir.__dict__)
'''

_TIMING = """import json, sys, time
sys.path.insert(0, "src")
import devoir
cells = json.load(open("tests/cells.json", encoding="utf-8"))
seconds = {}
for grade_id, source in cells.items():
    start = time.perf_counter()
    exec(compile(source, grade_id, "exec"), devoir.__dict__)
    seconds[grade_id] = time.perf_counter() - start
print("SECONDS=" + json.dumps(seconds))
"""

_CONFIG = '''[tool.mutmut]
source_paths = ["src/"]
pytest_add_cli_args_test_selection = ["tests/"]
pytest_add_cli_args = ["-p", "no:cacheprovider", "-p", "no:xdist", "-p", "no:randomly", "-q"]
'''


@dataclass
class Mutant:
    name: str
    function: str
    status: str
    line: str = ""
    reason: str | None = None  # why it is equivalent, when it is


@dataclass
class Report:
    assignment: str
    total: int
    killed: int
    seconds: float
    survivors: list[Mutant] = field(default_factory=list)
    cell_seconds: dict[str, float] = field(default_factory=dict)  # each test cell, on the reference
    timeouts: int = 0  # mutants counted as killed because their tests ran out of time

    @property
    def score(self) -> float:
        return self.killed / self.total if self.total else 0.0

    @property
    def unexplained(self) -> list[Mutant]:
        return [m for m in self.survivors if m.reason is None]


def _cells(solution: Path) -> list[dict]:
    return json.loads(solution.read_text(encoding="utf-8"))["cells"]


def extract(solution: Path, dest: Path) -> dict[str, str]:
    """Write the scratch project of *solution* into *dest*; return the test cells by grade_id."""
    module, tests = [], {}
    for cell in _cells(solution):
        if cell["cell_type"] != "code":
            continue
        meta = cell.get("metadata", {}).get("nbgrader", {})
        source = "".join(cell["source"])
        if meta.get("grade") and not meta.get("solution"):
            tests[meta["grade_id"]] = "\n".join(line for line in source.splitlines()
                                                if not _HIDDEN_MARKER.match(line))
        elif meta.get("solution"):
            module.append("\n".join(line for line in source.splitlines() if not _SOLUTION_MARKER.match(line)))
        else:
            module.append(f"# pragma: no mutate start\n{source}\n# pragma: no mutate end")
    if not tests:
        raise ValueError(f"{solution.name} : aucune cellule de test notée, rien à mesurer.")
    (dest / "src").mkdir(parents=True)
    (dest / "tests").mkdir()
    (dest / "src" / "devoir.py").write_text("\n\n\n".join(module) + "\n", encoding="utf-8")
    (dest / "tests" / "cells.json").write_text(json.dumps(tests, ensure_ascii=False), encoding="utf-8")
    (dest / "tests" / "test_devoir.py").write_text(_TEST_MODULE, encoding="utf-8")
    (dest / "pyproject.toml").write_text(_CONFIG, encoding="utf-8")
    return tests


def equivalents(root: Path, assignment: str) -> dict[tuple[str, str], str]:
    """(function, mutated line) -> reason, for the assignment's equivalent mutants."""
    path = root / EQUIVALENTS / f"{assignment}.toml"
    if not path.is_file():
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("mutant", [])
    return {(row["fonction"], " ".join(row["ligne"].split())): row["raison"] for row in table}


def _mutmut(args: list[str], cwd: Path, env: dict[str, str], timeout: float) -> str:
    mutmut = Path(sys.executable).parent / "mutmut"
    command = [str(mutmut)] if mutmut.exists() else [sys.executable, "-m", "mutmut"]
    result = subprocess.run(command + args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0 and args[0] != "run":
        raise RuntimeError(f"mutmut {' '.join(args)} a échoué :\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    return result.stdout + result.stderr


def _mutated_line(diff: str) -> str:
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return " ".join(" ".join(added).split())


def measure(assignment: str, root: Path | None = None, *, workdir: Path | None = None,
            timeout: float = 1800) -> Report:
    """Run mutmut on *assignment*'s solution functions against its graded test cells."""
    root = course_root(root)
    solution = root / "solutions" / assignment / f"{assignment}.ipynb"
    if not solution.is_file():
        raise FileNotFoundError(f"Devoir introuvable : {solution} (devoirs : {', '.join(assignments(root))}).")
    try:
        import mutmut  # noqa: F401 - only to give a French message when it is missing
    except ImportError:
        raise RuntimeError("Ce banc d'essai demande mutmut : pip install mutmut (ou make install).") from None
    scratch = Path(tempfile.mkdtemp(prefix=f"mutation-{assignment}-", dir=workdir))
    try:
        extract(solution, scratch)
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        env.setdefault("IA_MARKETING_DATA", str(root / "datasets"))
        env["MPLBACKEND"] = "Agg"
        # mutmut forks its workers; OpenMP/BLAS thread pools (scikit-learn's k-means) can hang in a
        # forked process, and a hung mutant would be counted as killed by timeout.
        for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            env[variable] = "1"
        env.pop("PYTEST_ADDOPTS", None)
        timing = subprocess.run([sys.executable, "-c", _TIMING], cwd=scratch, env=env, capture_output=True,
                                text=True, timeout=600)
        marker = [line for line in timing.stdout.splitlines() if line.startswith("SECONDS=")]
        if timing.returncode != 0 or not marker:
            raise RuntimeError(f"La solution de {assignment} ne passe pas ses propres tests :\n"
                               f"{timing.stdout[-2000:]}{timing.stderr[-2000:]}")
        cell_seconds = json.loads(marker[0].removeprefix("SECONDS="))
        start = time.perf_counter()
        log = _mutmut(["run"], scratch, env, timeout)
        seconds = time.perf_counter() - start
        stats_file = scratch / "mutants" / "mutmut-cicd-stats.json"
        _mutmut(["export-cicd-stats"], scratch, env, 120)
        if not stats_file.is_file():
            raise RuntimeError(f"mutmut n'a rien mesuré pour {assignment} :\n{log[-3000:]}")
        stats = json.loads(stats_file.read_text())
        known = equivalents(root, assignment)
        survivors = []
        for line in _mutmut(["results"], scratch, env, 120).splitlines():
            m = _MUTANT.match(line)
            if not m or m.group(4) in ("killed", "timeout"):
                continue
            name = line.split(":")[0].strip()
            mutated = _mutated_line(_mutmut(["show", name], scratch, env, 120))
            survivors.append(Mutant(name, m.group(2), m.group(4), mutated, known.get((m.group(2), mutated))))
        total = stats["total"] - stats.get("skipped", 0)
        killed = stats["killed"] + stats.get("timeout", 0)
        if total == 0 or stats.get("suspicious", 0) == total:
            raise RuntimeError(f"mutmut n'a produit aucun mutant mesurable pour {assignment} :\n{log[-3000:]}")
        return Report(assignment, total, killed, seconds, survivors, cell_seconds, stats.get("timeout", 0))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _slowest(report: Report) -> str:
    if not report.cell_seconds:
        return "—"
    cell = max(report.cell_seconds, key=report.cell_seconds.get)
    total = sum(report.cell_seconds.values())
    return (f"{cell} : {report.cell_seconds[cell]:.2f} s (toutes les cellules de test : {total:.1f} s)"
            .replace(".", ","))


def print_report(reports: list[Report], out=print) -> bool:
    """Print the table of scores and the surviving mutants; True when every assignment reaches
    the target and every survivor is explained."""
    out(f"{'devoir':<24} {'mutants':>8} {'tués':>6} {'score':>8} {'durée':>8}   cellule de test la plus lente")
    ok = True
    for r in reports:
        out(f"{r.assignment:<24} {integer(r.total):>8} {integer(r.killed):>6} {percent(r.score, 1):>8} "
            f"{r.seconds:>7.0f} s   {_slowest(r)}")
        ok &= r.score >= TARGET and not r.unexplained
    for r in reports:
        if r.timeouts:
            out(f"  {r.assignment} : {integer(r.timeouts)} mutant{'s' if r.timeouts > 1 else ''} compté"
                f"{'s' if r.timeouts > 1 else ''} comme tué{'s' if r.timeouts > 1 else ''} parce que les tests ont "
                "dépassé le délai (une boucle sans fin attendue, ou un calcul bloqué : vérifiez avec mutmut show)")
        for m in r.survivors:
            why = f"équivalent : {m.reason}" if m.reason else "NON EXPLIQUÉ : ajoutez un cas caché qui le tue"
            out(f"  {r.assignment} · {m.function} · {m.status} · « {m.line} » — {why}")
    out(f"Objectif : au moins {percent(TARGET, 0)} de mutants tués dans chaque devoir, chaque survivant expliqué"
        f" : {'atteint' if ok else 'NON atteint'}.")
    return ok
