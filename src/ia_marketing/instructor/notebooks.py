"""The course repository's notebooks: clean them, generate `exercises/` from `solutions/`.

    ia-marketing notebooks clean               # strip outputs and execution counts (keeps nbgrader metadata)
    ia-marketing notebooks generate [devoir…]  # solutions/ -> exercises/ with nbgrader, then clean
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def course_root(start: Path | None = None) -> Path:
    """The folder holding nbgrader_config.py and solutions/, from *start* upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / "nbgrader_config.py").is_file() and (folder / "solutions").is_dir():
            return folder
    raise FileNotFoundError("Racine du cours introuvable : placez-vous dans le dossier du cours "
                            "(celui qui contient nbgrader_config.py).")


def assignments(root: Path) -> list[str]:
    """Names of the assignments in solutions/ (folders holding a notebook)."""
    return sorted(p.name for p in (root / "solutions").iterdir()
                  if p.is_dir() and any(p.glob("*.ipynb")))


def notebooks(root: Path) -> list[Path]:
    """Every committed notebook of the course."""
    found = []
    for folder in ("modules", "solutions", "exercises"):
        found += sorted(p for p in (root / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return found


def clean_notebook(path: Path) -> bool:
    """Remove outputs and execution counts in place, keeping all metadata. True if changed."""
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    new = json.dumps(nb, indent=1, ensure_ascii=False) + "\n"
    if new != text:
        path.write_text(new, encoding="utf-8")
        return True
    return False


def nbgrader_env() -> dict[str, str]:
    """Environment for nbgrader: it shells out to `alembic`, which lives next to this Python."""
    env = dict(os.environ)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def generate_release(root: Path, name: str, dest: Path) -> Path:
    """Run `nbgrader generate_assignment` for *name* in a scratch copy; copy the result to *dest*.

    Working in a scratch copy keeps the instructor's gradebook untouched.
    """
    with tempfile.TemporaryDirectory(prefix="ia-marketing-release-") as tmp:
        scratch = Path(tmp)
        shutil.copy2(root / "nbgrader_config.py", scratch / "nbgrader_config.py")
        shutil.copytree(root / "solutions" / name, scratch / "solutions" / name)
        result = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", name, "--force", "--create"],
            cwd=scratch, env=nbgrader_env(), capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"nbgrader generate_assignment {name} a échoué :\n{result.stdout}\n{result.stderr}")
        if dest.exists():
            shutil.rmtree(dest)
        shutil.copytree(scratch / "exercises" / name, dest)
    for nb in dest.rglob("*.ipynb"):
        clean_notebook(nb)
    return dest
