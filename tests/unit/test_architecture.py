"""The package's shape: the layer contract (import-linter), no private imports across modules,
no overlong file without a reason, and every `ia_marketing` import of the notebooks resolves."""

from __future__ import annotations

import ast
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "ia_marketing"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
MAX_LINES = 600
REASON = "longer than 600 lines because"


def _lint_imports(cwd: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(pythonpath))
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def test_the_layer_contract_holds():
    result = _lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize("module, forbidden_import, contract", [
    # core may import nothing of the course
    ("core/text.py", "from ..llm import get_llm", "Layers"),
    # the data world must not know about the LLM layer above it
    ("data/__init__.py", "from ..privacy import find_personal_data", "Layers"),
    # an earlier module never imports a later one
    ("prompting/__init__.py", "from .. import cleaning", "Layers"),
    # a plain topic file must not import ipywidgets
    ("demystifier/demos.py", "import ipywidgets", "Widgets"),
])
def test_a_forbidden_import_breaks_the_contract(tmp_path, module, forbidden_import, contract):
    """Copy the package and the contract, add one forbidden import, and see lint-imports fail."""
    shutil.copytree(PACKAGE, tmp_path / "src" / "ia_marketing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / "ia_marketing" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{forbidden_import}  # noqa\n", encoding="utf-8")
    result = _lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode != 0, result.stdout
    assert "1 broken" in result.stdout, result.stdout
    broken = result.stdout.split("Broken contracts")[-1]
    assert contract in broken, result.stdout


def _modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the package."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _absolute(module: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private_uses(module: str, path: Path, modules: dict[str, Path]) -> list[str]:
    """`from x import _name` and `x._name` where x is another module of the package."""
    offences = []
    aliases: dict[str, str] = {}  # local name -> module of the package it stands for
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, path, node)
            if not source.startswith("ia_marketing"):
                continue
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    offences.append(f"{module}: from {source} import {alias.name}")
                if f"{source}.{alias.name}" in modules:
                    aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ia_marketing") and alias.asname:
                    aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and aliases[node.value.id] != module
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            offences.append(f"{module}: {aliases[node.value.id]}.{node.attr}")
    return offences


def test_no_private_name_is_used_from_another_module():
    modules = _modules()
    offences = [o for module, path in modules.items() for o in _private_uses(module, path, modules)]
    assert not offences, "\n".join(offences)


def test_the_private_name_scan_sees_relative_imports_and_module_attributes(tmp_path):
    node = ast.parse("from ..llm.usage import _count").body[0]
    assert _absolute("ia_marketing.prompting.parts", PACKAGE / "prompting" / "parts.py", node) == "ia_marketing.llm.usage"
    node = ast.parse("from .detection import _fold").body[0]
    assert _absolute("ia_marketing.privacy", PACKAGE / "privacy" / "__init__.py", node) == "ia_marketing.privacy.detection"
    fake = tmp_path / "bench.py"
    fake.write_text("from ..llm import local\nfrom ..llm.usage import _count\nlocal._quiet_stderr()\n")
    modules = {"ia_marketing.llm.local": fake, "ia_marketing.instructor.bench": fake}
    assert _private_uses("ia_marketing.instructor.bench", fake, modules) == [
        "ia_marketing.instructor.bench: from ia_marketing.llm.usage import _count",
        "ia_marketing.instructor.bench: ia_marketing.llm.local._quiet_stderr",
    ]


def test_no_file_over_600_lines_without_a_reason_in_its_docstring():
    long = []
    for path in _modules().values():
        text = path.read_text(encoding="utf-8")
        n = text.count("\n")
        if n > MAX_LINES:
            doc = ast.get_docstring(ast.parse(text)) or ""
            if REASON not in " ".join(doc.lower().split()):
                long.append(f"{path.relative_to(ROOT)}: {n} lines")
    assert not long, "Split these files, or say in their docstring why they are " \
                     f"« {REASON} … »:\n" + "\n".join(long)


_IMPORT = re.compile(r"^\s*(?:from\s+(ia_marketing[\w.]*)\s+import\s+\(?([^)#\n]+)|import\s+(ia_marketing[\w.]*))",
                     re.MULTILINE)


def _notebook_imports() -> list[tuple[str, str, str | None]]:
    """(notebook, module, name or None) for every `ia_marketing` import in the course's notebooks."""
    found = []
    for folder in ("modules", "solutions", "exercises"):
        for nb_path in sorted((ROOT / folder).rglob("*.ipynb")):
            cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
            for cell in cells:
                if cell["cell_type"] != "code":
                    continue
                source = "".join(cell["source"])
                for m in _IMPORT.finditer(source):
                    where = str(nb_path.relative_to(ROOT))
                    if m.group(3):
                        found.append((where, m.group(3), None))
                        continue
                    for name in m.group(2).split(","):
                        name = name.strip().split(" as ")[0].strip()
                        if name:
                            found.append((where, m.group(1), name))
    return found


def test_notebooks_import_something_of_the_package():
    modules = {module for _, module, _ in _notebook_imports()}
    assert {"ia_marketing", "ia_marketing.prompting", "ia_marketing.demystifier"} <= modules


@pytest.mark.parametrize("notebook, module, name", _notebook_imports(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_ia_marketing_import_of_the_notebooks_resolves(notebook, module, name):
    imported = importlib.import_module(module)
    if name is not None:
        assert hasattr(imported, name) or importlib.util.find_spec(f"{module}.{name}") is not None, (
            f"{notebook}: « from {module} import {name} » ne fonctionne plus")


def _notebook_attributes() -> list[tuple[str, str, str]]:
    """(notebook, module, attribute) for every `alias.attribute` where alias is an imported package module."""
    found = set()
    for folder in ("modules", "solutions", "exercises"):
        for nb_path in sorted((ROOT / folder).rglob("*.ipynb")):
            cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
            source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
            aliases = {}
            for m in _IMPORT.finditer(source):
                if m.group(3) or not hasattr(importlib.import_module(m.group(1)), "__path__"):
                    continue
                for name in m.group(2).split(","):
                    parts = name.strip().split(" as ")
                    if parts[0].strip() and importlib.util.find_spec(f"{m.group(1)}.{parts[0].strip()}"):
                        aliases[parts[-1].strip()] = f"{m.group(1)}.{parts[0].strip()}"
            for alias, module in aliases.items():
                for attr in re.findall(rf"(?<![\w.]){re.escape(alias)}\.([A-Za-z_]\w*)", source):
                    found.add((str(nb_path.relative_to(ROOT)), module, attr))
    return sorted(found)


def test_notebooks_use_attributes_of_imported_package_modules():
    assert {module for _, module, _ in _notebook_attributes()} >= {"ia_marketing.cleaning"}


@pytest.mark.parametrize("notebook, module, attribute", _notebook_attributes(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_attribute_the_notebooks_use_exists(notebook, module, attribute):
    assert hasattr(importlib.import_module(module), attribute), (
        f"{notebook}: « {module.rsplit('.', 1)[-1]}.{attribute} » n'existe plus")


def test_ruff_finds_nothing_in_the_package_and_the_tests():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run([str(ruff), "check", "--no-cache", "src", "tests"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
