"""The mutation bench on a tiny course: extraction of the notebook, real mutmut runs."""

from __future__ import annotations

import nbformat
import pytest

from ia_marketing.instructor import mutation

SOLUTION = '''def signe(x):
    ### BEGIN SOLUTION
    if x > 0:
        return "positif"
    if x < 0:
        return "négatif"
    return "nul"
    ### END SOLUTION'''

WEAK_TEST = 'assert signe(5) == "positif"\n### BEGIN HIDDEN TESTS\nassert signe(-2) == "négatif"\n### END HIDDEN TESTS'
STRONG_TEST = WEAK_TEST.replace('assert signe(-2) == "négatif"',
                                'assert signe(-2) == "négatif"\nassert signe(0) == "nul"\nassert signe(1) == "positif"\n'
                                'assert signe(-1) == "négatif"')


def _course(root, test_source):
    root.mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    folder = root / "solutions" / "99_essai"
    folder.mkdir(parents=True)

    def cell(kind, source, **meta):
        c = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        c.metadata["nbgrader"] = {"grade_id": meta.pop("gid"), "solution": False, "grade": False, "locked": True,
                                  "schema_version": 3, **meta}
        return c

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        cell("markdown", "Écrivez `signe(x)`.", gid="enonce"),
        cell("code", "def aide(x):\n    return x * 2\n\nprint(aide(2))", gid="aide"),
        cell("code", SOLUTION, gid="signe", solution=True, locked=False),
        cell("code", test_source, gid="test_signe", grade=True, points=1),
    ]
    nbformat.write(nb, folder / "99_essai.ipynb")
    return root


def test_extract_opens_only_the_solution_to_mutation(tmp_path):
    root = _course(tmp_path / "cours", WEAK_TEST)
    tests = mutation.extract(root / "solutions" / "99_essai" / "99_essai.ipynb", tmp_path / "projet")
    module = (tmp_path / "projet" / "src" / "devoir.py").read_text(encoding="utf-8")
    assert "# pragma: no mutate start\ndef aide(x):" in module and "### BEGIN SOLUTION" not in module
    assert module.index("# pragma: no mutate end") < module.index("def signe(x):")
    assert tests == {"test_signe": 'assert signe(5) == "positif"\nassert signe(-2) == "négatif"'}


def test_weak_hidden_tests_let_mutants_survive_strong_ones_kill_them(tmp_path):
    weak = mutation.measure("99_essai", _course(tmp_path / "faible", WEAK_TEST), workdir=tmp_path)
    strong = mutation.measure("99_essai", _course(tmp_path / "fort", STRONG_TEST), workdir=tmp_path)
    assert weak.total == strong.total > 5
    assert weak.score < 1 and weak.unexplained
    assert {m.function for m in weak.survivors} == {"signe"}
    assert any("nul" in m.line.lower() or "0" in m.line for m in weak.survivors)
    assert strong.killed > weak.killed
    assert set(strong.cell_seconds) == {"test_signe"}
    lines = []
    assert mutation.print_report([weak], out=lines.append) is False
    assert "NON EXPLIQUÉ" in "\n".join(lines) and "99_essai" in lines[1]


def test_an_assignment_whose_reference_fails_its_tests_is_reported(tmp_path):
    root = _course(tmp_path / "cours", 'assert signe(5) == "négatif"')
    with pytest.raises(RuntimeError, match="ne passe pas ses propres tests"):
        mutation.measure("99_essai", root, workdir=tmp_path)


def test_unknown_assignment_is_refused_in_french(tmp_path):
    root = _course(tmp_path / "cours", WEAK_TEST)
    with pytest.raises(FileNotFoundError, match="Devoir introuvable.*99_essai"):
        mutation.measure("42_absent", root)


def test_mutants_killed_by_timeout_are_reported_apart():
    lines: list[str] = []
    report = mutation.Report("99_jouet", total=20, killed=19, seconds=3.0, timeouts=4)
    assert mutation.print_report([report], out=lines.append) is True
    assert any("99_jouet : 4 mutants comptés comme tués" in line and "délai" in line for line in lines)
    lines.clear()
    mutation.print_report([mutation.Report("99_jouet", total=20, killed=19, seconds=3.0)], out=lines.append)
    assert not any("délai" in line for line in lines)
