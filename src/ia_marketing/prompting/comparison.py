"""Side-by-side comparison: `compare` runs two prompts (or one prompt on two backends or at two
temperatures) on the same input."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..core import number
from ..llm.base import DETERMINISTIC_SEED, Backend
from ..llm.usage import CURRENCY_SYMBOL
from .history import Attempt, History, run_attempt
from .parts import PromptParts

__all__ = ["Comparison", "compare"]


def _cost_text(a: Attempt) -> str:
    if a.usage is None:
        return "—"
    if a.usage.cost is None:
        return "non estimé"
    return f"{number(a.usage.cost, 4)} {CURRENCY_SYMBOL.get(a.usage.currency, a.usage.currency)}"


def _energy_text(a: Attempt) -> str:
    if a.usage is None:
        return "—"
    if a.usage.energy_wh is None:
        return "non estimée"
    low, high = a.usage.energy_wh
    where = " sur cet ordinateur (durée × puissance supposée)" if a.usage.on_this_computer else ""
    return f"{number(low, 3)} à {number(high, 3)} Wh{where}"


def _optional(value: Any) -> str:
    return "—" if value is None else str(value)


@dataclass
class Comparison:
    """Two attempts on the same input, side by side."""

    a: Attempt
    b: Attempt

    @property
    def attempts(self) -> tuple[Attempt, Attempt]:
        return self.a, self.b

    @property
    def identical(self) -> bool:
        """True when both calls succeeded with exactly the same output."""
        return self.a.ok and self.b.ok and self.a.output == self.b.output

    def to_dataframe(self) -> pd.DataFrame:
        """Two columns (« A », « B ») and French row labels, ready to display."""
        rows = {
            "Moteur": lambda a: a.backend,
            "Prompt": lambda a: a.prompt,
            "Température": lambda a: number(a.temperature, 2),
            "Tokens max": lambda a: str(a.max_tokens),
            "Score du prompt (/100)": lambda a: _optional(a.score),
            "Réponse": lambda a: a.output,
            "Durée (s)": lambda a: number(a.usage.duration_s if a.usage else (a.duration_s or 0.0), 2),
            "Tokens envoyés": lambda a: _optional(a.tokens_in),
            "Tokens reçus": lambda a: _optional(a.tokens_out),
            "Coût estimé": _cost_text,
            "Énergie estimée": _energy_text,
            "Erreur": lambda a: a.error or "—",
        }
        return pd.DataFrame({"A": [f(self.a) for f in rows.values()],
                             "B": [f(self.b) for f in rows.values()]},
                            index=pd.Index(list(rows), name="essai"))


def compare(llm_a: Backend, prompt_a: PromptParts | str, llm_b: Backend | None = None,
            prompt_b: PromptParts | str | None = None, *, temperature_a: float = 0.7,
            temperature_b: float | None = None, max_tokens: int = 64, deterministic: bool = True,
            chat: bool = False, history: History | None = None) -> Comparison:
    """Run two attempts on the same input and return them side by side.

    Side B defaults to side A for what is not given: the same backend (*llm_b*), the same
    prompt (*prompt_b*) and the same temperature (*temperature_b*), so that one difference
    can be studied at a time. With *deterministic* (the default), both calls use the same
    fixed seed: re-running the comparison gives the same outputs, while the temperatures are
    kept as given. A fault on one side is recorded as that side's French error; the other
    side still runs. Both attempts are added to *history* when given.
    """
    llm_b = llm_a if llm_b is None else llm_b
    prompt_b = prompt_a if prompt_b is None else prompt_b
    temperature_b = temperature_a if temperature_b is None else temperature_b
    seed = DETERMINISTIC_SEED if deterministic else None
    sides = []
    for label, llm, prompt, temperature in (("A", llm_a, prompt_a, temperature_a),
                                            ("B", llm_b, prompt_b, temperature_b)):
        sides.append(run_attempt(llm, prompt, temperature=temperature, max_tokens=max_tokens,
                                 seed=seed, deterministic=False, chat=chat, history=history,
                                 label=label))
    return Comparison(*sides)
