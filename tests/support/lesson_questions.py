"""Helpers of the tests of the lessons' formative questions (`ia_marketing.lecons.m0N`).

Each helper evaluates an answer the way the learner's `qN.check(value)` does and asserts the
outcome: `passes` (correct, no message), `fails` (incorrect, the message contains every phrase
given), `not_attempted` (« pas encore de réponse »).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from ia_marketing.checks import CORRECT, INCORRECT, NOT_ATTEMPTED, Question

#: What a multiple-choice question says of a letter outside its options.
NOT_A_CHOICE = "n'est pas un choix proposé"

#: The lessons that have formative questions, in course order.
LESSONS = ("m00", "m01", "m02", "m03", "m04", "m05")


def passes(question, value):
    out = question.evaluate(value)
    assert out.status == CORRECT, f"{question.name} rejected {value!r}: {out.message}"
    assert out.message == ""
    return out


def fails(question, value, *phrases):
    out = question.evaluate(value)
    assert out.status == INCORRECT, f"{question.name} gave {out.status} for {value!r}: {out.message}"
    for phrase in phrases:
        assert phrase in out.message, f"{phrase!r} not in {out.message!r}"
    return out


def not_attempted(question, value, phrase="« ... »"):
    out = question.evaluate(value)
    assert out.status == NOT_ATTEMPTED, f"{question.name} gave {out.status} for {value!r}: {out.message}"
    assert phrase in out.message
    return out


def lesson(module: str) -> ModuleType:
    """The lesson module `ia_marketing.lecons.<module>` ("m01" → `ia_marketing.lecons.m01`)."""
    return importlib.import_module(f"ia_marketing.lecons.{module}")


def question(module: str, name: str) -> Question:
    """The question *name* of the lesson *module* (`question("m01", "q1")` is `m01.q1`)."""
    return getattr(lesson(module), name)


def question_names(module: str) -> set[str]:
    """The names of every question the lesson *module* defines. They must all be named
    `q<number>`: a question under any other name fails here rather than go untested."""
    found = {n for n, v in vars(lesson(module)).items() if isinstance(v, Question)}
    numbered = {n for n in vars(lesson(module)) if n.startswith("q") and n[1:].isdigit()}
    assert found == numbered, f"{module}: questions {sorted(found)} vs q<number> names {sorted(numbered)}"
    return found


def key_id(key: tuple[str, str]) -> str:
    """Test id of a (module, question) key: ("m01", "q1") → "m01.q1"."""
    return ".".join(key)
