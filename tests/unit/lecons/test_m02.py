"""Formative questions of lesson 02 « Prompting » (`ia_marketing.lecons.m02`), all multiple
choice: their answers, feedback and hints are tested with the other lessons' in test_choices.py and
test_hints.py. This file checks for real the facts of the lesson those answers rest on.

Every fact below comes from `modules/02_prompting.ipynb`, not from the checker.
"""

from __future__ import annotations

import ast
import json

import pytest


def test_q3_lesson_fact_json_requires_double_quotes():
    # the fact q3 asks about, checked for real: single quotes are not JSON, but Python literals
    with pytest.raises(json.JSONDecodeError):
        json.loads("{'titre': 'Sillage'}")
    assert ast.literal_eval("{'titre': 'Sillage'}") == {"titre": "Sillage"}
