"""The grading method (METHODE_NOTATION.md), checked on the source of every assignment.

Fast checks on the solution notebooks and the variant tables, without running nbgrader:
each list item of a graded function's statement is either tied to a hidden case (PHRASES) or
said not to constrain the answer (SANS_CONTRAINTE); every quoted sentence is in its statement;
each graded function is compared with a reference that is a verbatim copy of the solution.
What runs under nbgrader (each PHRASES variant loses points in its cell, marks independent) is
in test_grading.py.
"""

from __future__ import annotations

import ast
import re

import nbformat
import pytest
from course_tools import (
    ASSIGNMENTS,
    ROOT,
    assignment_notebook,
    fill_guided,
    grade_id,
    guided_paths,
    strip_solution_markers,
    variants,
)

_LIST_ITEM = re.compile(r"^\s*(?:\d+\.|[-*])\s+(.*\S)")
_HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS(.*?)### END HIDDEN TESTS", re.S)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _cells(name: str):
    return nbformat.read(assignment_notebook(ROOT / "solutions", name), as_version=4).cells


def _functions(source: str) -> dict[str, ast.FunctionDef]:
    return {n.name: n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)}


def graded_functions(name: str) -> dict[str, tuple[str, list[str]]]:
    """function -> (solution grade_id, grade_ids of the statement cells before it)."""
    found, statements = {}, []
    for cell in _cells(name):
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown" and not meta.get("grade"):
            statements.append(grade_id(cell))
        elif meta.get("solution") and cell.cell_type == "code":
            defined = _functions(strip_solution_markers(cell.source))
            for function in defined:
                found[function] = (grade_id(cell), [s for s in statements if s])
            statements = []
        elif meta.get("grade"):
            statements = []
    return found


def _statement_items(name: str) -> list[tuple[str, str]]:
    """(statement grade_id, list item) for every statement of a graded function."""
    ids = {s for _, statements in graded_functions(name).values() for s in statements}
    items = []
    for cell in _cells(name):
        if grade_id(cell) in ids:
            for line in cell.source.splitlines():
                m = _LIST_ITEM.match(line)
                if m:
                    items.append((grade_id(cell), _norm(m.group(1))))
    return items


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_quoted_sentence_is_in_its_statement(name):
    v = variants(name)
    text = {grade_id(c): _norm(c.source) for c in _cells(name) if c.cell_type == "markdown"}
    ids = {grade_id(c) for c in _cells(name)}
    for statement, quote, test_cell, variant in v.PHRASES:
        assert statement in text, f"{name} : pas de consigne {statement}"
        assert _norm(quote) in text[statement], f"{name} / {statement} : phrase introuvable « {quote} »"
        assert test_cell in ids, f"{name} : pas de cellule {test_cell}"
        assert variant in v.WRONG_SUBMISSIONS, f"{name} : variante inconnue {variant}"
    for statement, quote, reason in v.SANS_CONTRAINTE:
        assert _norm(quote) in text[statement], f"{name} / {statement} : phrase introuvable « {quote} »"
        assert len(reason) > 15, f"{name} : dites pourquoi « {quote} » ne contraint pas la réponse"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_list_item_of_a_statement_is_tied_to_a_case_or_explained(name):
    v = variants(name)
    quotes = {}
    for statement, quote, *_ in [*v.PHRASES, *v.SANS_CONTRAINTE]:
        quotes.setdefault(statement, []).append(_norm(quote))
    items = _statement_items(name)
    assert items, f"{name} : aucun élément de liste dans les énoncés ?"
    missing = [(s, item) for s, item in items if not any(q in item or item in q for q in quotes.get(s, []))]
    assert not missing, f"{name} : éléments d'énoncé sans cas caché ni raison : {missing}"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_each_graded_function_is_compared_with_a_verbatim_reference(name):
    cells = _cells(name)
    solutions = {}
    for cell in cells:
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code":
            solutions.update(_functions(strip_solution_markers(cell.source)))
    blocks = [block for c in cells for block in _HIDDEN.findall(c.source)]
    hidden = "\n".join(blocks)
    references = {}
    for block in blocks:
        references.update({n: f for n, f in _functions(block).items() if n.startswith("_reference_")})
    for function in graded_functions(name):
        ref = references.get(f"_reference_{function}")
        assert ref is not None, f"{name} : aucun _reference_{function} dans les tests cachés"
        ours = solutions[function]
        assert ast.dump(ref.args) == ast.dump(ours.args) and \
            [ast.dump(s) for s in ref.body] == [ast.dump(s) for s in ours.body], (
            f"{name} : _reference_{function} n'est pas la copie exacte de la solution")
        assert re.search(rf"compare_with_reference\(\s*{function}\s*,\s*_reference_{function}\b", hidden), (
            f"{name} : {function} n'est comparée à sa référence dans aucun test caché")


def test_the_method_is_written_down():
    text = (ROOT / "tests" / "course" / "METHODE_NOTATION.md").read_text(encoding="utf-8")
    for rule in ("phrase de l'énoncé", "différentiel", "propriétés", "indépendante", "Aucune règle cachée",
                 "score de mutation"):
        assert rule in text


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_every_graded_function_has_a_skeleton_and_tiered_hints(name):
    """A beginner starts from a skeleton in the answer cell and opens hints, lightest first."""
    cells = {grade_id(c): c for c in _cells(name)}
    for function, (solution, statements) in graded_functions(name).items():
        before = cells[solution].source.split("### BEGIN SOLUTION")[0]
        skeleton = [line for line in before.splitlines()[1:] if line.strip().startswith("#")]
        assert any("Squelette" in line for line in skeleton) and len(skeleton) >= 2, (
            f"{name} / {function} : pas de squelette en commentaires dans la cellule de réponse")
        hints = [cells[s].source for s in statements if "<b>Indice 1</b>" in cells[s].source]
        assert hints and "<b>Indice 2</b>" in hints[0], f"{name} / {function} : pas d'indices gradués avant la réponse"


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_each_guided_path_has_its_answers_and_each_gap_stops_python(name):
    """The guided code's every « … » has a learner's answer in GUIDED; filled in, it defines the function;
    left with any one gap, Python stops on a SyntaxError, as the instructions say."""
    guided = guided_paths(assignment_notebook(ROOT / "solutions", name))
    fills = getattr(variants(name), "GUIDED", {})
    assert set(guided) == set(fills), f"{name} : parcours guidés {sorted(guided)}, réponses {sorted(fills)}"
    for function, code in guided.items():
        assert function in graded_functions(name), f"{name} : {function} n'est pas une fonction notée"
        filled = fill_guided(code, fills[function])
        assert function in _functions(filled), f"{name} / {function} : le parcours complété ne la définit pas"
        for gap in range(len(fills[function])):
            partial = list(fills[function])
            partial[gap] = "…"
            with pytest.raises(SyntaxError):
                compile(fill_guided(code, tuple(partial)), function, "exec")
