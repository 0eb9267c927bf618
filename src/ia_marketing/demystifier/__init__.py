"""Module 01 « Démystifier l'IA »: next-token prediction, temperature, sampling, bias, cost.

`demos` holds the plain functions (numbers, tables, figures); `explorateurs` the two widgets.
"""

from __future__ import annotations

from . import demos
from .demos import (
    distribution_table,
    diversity,
    diversity_by_temperature,
    first_word,
    jobs_to_show,
    plot_distribution,
    plot_diversity,
    plot_pronoun_shares,
    pronoun_preference,
    pronoun_shares,
    sample_completions,
    softmax_temperature,
    step_by_step,
    summarise_pronoun_shares,
    token_cost,
    visible,
)

__all__ = ["demos", "distribution_table", "diversity", "diversity_by_temperature", "explorateur_mot_suivant",
           "explorateur_temperature", "first_word", "jobs_to_show", "plot_distribution", "plot_diversity",
           "plot_pronoun_shares", "pronoun_preference", "pronoun_shares", "sample_completions",
           "softmax_temperature", "step_by_step", "summarise_pronoun_shares", "token_cost", "visible"]


def __getattr__(name: str):
    # The widgets are imported on first use, so that the plain functions need no ipywidgets.
    if name in ("explorateur_mot_suivant", "explorateur_temperature"):
        from . import explorateurs

        return getattr(explorateurs, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
