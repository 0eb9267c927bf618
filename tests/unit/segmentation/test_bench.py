"""`ia-marketing bench segmentation` at a tiny scale, run as a real subprocess: it generates the
data once into the given folder, runs both pipelines and prints times, ratio and memory. (The
figures themselves are measured by the bench at full scale, never asserted by a test.)"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

from ia_marketing.instructor import bench
from ia_marketing.instructor.cli import build_parser


def _cli(*args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).parent / "ia-marketing"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "ia_marketing.instructor.cli"]
    return subprocess.run([*command, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_bench_segmentation_at_a_tiny_scale(tmp_path, subprocess_env):
    folder = tmp_path / "donnees"
    res = _cli("bench", "segmentation", "--echelle", "0.2", "--dossier", str(folder), "--tours", "1",
               env=subprocess_env(), cwd=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    out = res.stdout
    assert "Génération des données du Théâtre du Rivage à l'échelle 0.2" in out
    assert "Banc d'essai de la segmentation (600 spectateurs" in out
    assert re.search(r"ia_marketing \(lecture → RFM → notes → k-means\)\s+\d+\.\d\d s\s+dont lecture", out)
    assert re.search(r"DuckDB \(la même agrégation RFM en SQL\)\s+\d+\.\d\d s", out)
    assert re.search(r"ratio ia_marketing / DuckDB : \d+\.\d\d \(objectif : 2 au plus\)", out)
    assert re.search(r"mémoire maximale du processus : \d+ Mo", out)
    assert "mêmes récences, fréquences et montants que DuckDB : oui" in out
    assert (folder / "billets.csv").is_file()
    again = _cli("bench", "segmentation", "--echelle", "0.2", "--dossier", str(folder), "--tours", "1",
                 env=subprocess_env(), cwd=tmp_path)
    assert again.returncode == 0 and "Génération" not in again.stdout       # generated once, then reused


def test_bench_segmentation_arguments(tmp_path, subprocess_env):
    params = inspect.signature(bench.bench_segmentation).parameters
    parsed = build_parser().parse_args(["bench", "segmentation"])
    assert (parsed.echelle, parsed.tours, parsed.dossier) == (params["scale"].default, params["rounds"].default,
                                                              params["folder"].default)
    res = _cli("bench", "segmentation", "--echelle", "-1", env=subprocess_env(), cwd=tmp_path)
    assert res.returncode == 2 and "L'échelle doit être un nombre strictement positif" in res.stderr
    assert "Traceback" not in res.stderr
    res = _cli("bench", "segmentation", "--help", env=subprocess_env(), cwd=tmp_path)
    assert "(défaut : 333, ≈ 1 million de spectateurs)" in " ".join(res.stdout.split())
