"""Module 02, prompting: the plain-Python logic of the prompt workshop, and the workshop itself.

- `parts` — structured prompts: `PromptParts` and `build_prompt`;
- `checklist` — `evaluate_prompt` scores a prompt before it is sent, with the transparent
  `RULES` shown by `rules_table()` (their words and texts are in `regles.toml`, read by
  `analysis`);
- `templates` — `template_variables`, `fill_template`, `fill_over_table`;
- `history` — `Attempt`, `History`, `run_attempt`, `session_usage_summary`;
- `comparison` — `compare` two prompts, engines or temperatures side by side;
- `fewshot` — zero-shot vs few-shot, measured on the local model's probabilities;
- `imitation` — « imiter nos publications »: the document of past posts the small base model
  continues, the cut of its continuation, the checks of a post and their measurement on fixed
  briefs;
- `atelier` — the workshop widget, `atelier_prompts()`: the only module that imports
  ipywidgets, loaded on first use of one of its names.

Notebooks import from here: ``from ia_marketing.prompting import PromptParts, evaluate_prompt``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import fewshot, imitation
from .checklist import RULES, PromptAnalysis, PromptFeedback, Rule, RuleResult, Verdict, evaluate_prompt, rules_table
from .comparison import Comparison, compare
from .history import DEFAULT_HISTORY_SIZE, Attempt, History, run_attempt, session_usage_summary
from .parts import SECTION_LABELS, PromptParts, build_prompt
from .templates import (
    MissingValueError,
    MissingVariableError,
    TemplateError,
    fill_over_table,
    fill_template,
    template_variables,
)

if TYPE_CHECKING:
    from .atelier import (
        ENGINE_CONFIGURED,
        ENGINE_GIVEN,
        ENGINE_LOCAL,
        MODE_FIELDS,
        MODE_FREE,
        MODE_IMITATE,
        AtelierPrompts,
        atelier_prompts,
        engine_options,
        parse_examples,
    )

#: Names of `atelier`, imported on first use so that this package does not load ipywidgets.
_ATELIER_NAMES = ("atelier_prompts", "AtelierPrompts", "engine_options", "parse_examples",
                  "ENGINE_LOCAL", "ENGINE_CONFIGURED", "ENGINE_GIVEN", "MODE_IMITATE", "MODE_FIELDS",
                  "MODE_FREE")

__all__ = [
    "PromptParts", "build_prompt", "SECTION_LABELS",
    "Rule", "RuleResult", "PromptFeedback", "PromptAnalysis", "Verdict", "RULES", "evaluate_prompt",
    "rules_table",
    "TemplateError", "MissingVariableError", "MissingValueError", "template_variables",
    "fill_template", "fill_over_table",
    "Attempt", "History", "DEFAULT_HISTORY_SIZE", "run_attempt", "session_usage_summary",
    "Comparison", "compare",
    "fewshot", "imitation",
    "atelier_prompts", "AtelierPrompts", "engine_options", "parse_examples",
    "ENGINE_LOCAL", "ENGINE_CONFIGURED", "ENGINE_GIVEN", "MODE_IMITATE", "MODE_FIELDS", "MODE_FREE",
]


def __getattr__(name: str) -> Any:
    if name in _ATELIER_NAMES:
        from . import atelier

        return getattr(atelier, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_ATELIER_NAMES))
