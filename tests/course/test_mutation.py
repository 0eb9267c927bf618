"""METHODE_NOTATION.md: the hidden tests of every assignment kill at least 90 % of mutmut's
mutants of the solution functions, and every survivor is explained as equivalent."""

from __future__ import annotations

import pytest
from course_tools import ASSIGNMENTS, ROOT

from ia_marketing.instructor import mutation

pytestmark = [pytest.mark.slow]


@pytest.mark.parametrize("name", ASSIGNMENTS)
def test_hidden_tests_kill_the_mutants_of_the_solution(name, tmp_path):
    report = mutation.measure(name, ROOT, workdir=tmp_path)
    assert report.total >= 10, f"{name} : trop peu de mutants ({report.total}) pour mesurer quoi que ce soit"
    assert report.score >= mutation.TARGET, (
        f"{name} : {report.killed}/{report.total} mutants tués ; survivants : "
        + "; ".join(f"{m.function} « {m.line} »" for m in report.survivors))
    assert not report.unexplained, f"{name} : survivants non expliqués : " + "; ".join(
        f"{m.function} « {m.line} »" for m in report.unexplained)


def test_an_equivalent_mutant_needs_a_reason(tmp_path):
    (tmp_path / "tests" / "course" / "mutants_equivalents").mkdir(parents=True)
    (tmp_path / "tests" / "course" / "mutants_equivalents" / "99_essai.toml").write_text(
        '[[mutant]]\nfonction = "f"\nligne = "return  x + 1"\nraison = "aucune entrée ne les distingue"\n',
        encoding="utf-8")
    assert mutation.equivalents(tmp_path, "99_essai") == {("f", "return x + 1"): "aucune entrée ne les distingue"}
    assert mutation.equivalents(tmp_path, "98_absent") == {}
