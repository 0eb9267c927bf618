"""Plain functions behind the demonstrations of module 01 (no widgets here).

They take a model (`ia_marketing.llm.Backend`) and plain values, and return
numbers, tables or matplotlib figures, so they can be tested and reused.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from ..llm.base import TokenProb


def visible(token: str) -> str:
    """Make spaces and line breaks of a token visible: ' saison' -> '␣saison'."""
    return token.replace(" ", "␣").replace("\n", "↵") or "∅"


def softmax_temperature(scores: Sequence[float], temperature: float = 1.0) -> list[float]:
    """Turn scores (logits) into probabilities, sharpened (T < 1) or flattened (T > 1)."""
    if temperature <= 0:
        raise ValueError("La température doit être strictement positive.")
    if not scores:
        return []
    scaled = [s / temperature for s in scores]
    top = max(scaled)
    exps = [math.exp(s - top) for s in scaled]
    total = sum(exps)
    return [e / total for e in exps]


def distribution_table(candidates: Sequence[TokenProb]) -> pd.DataFrame:
    """A table of next-token candidates: token (spaces visible), probability in %."""
    return pd.DataFrame({
        "token": [visible(c.token) for c in candidates],
        "probabilité (%)": [round(100 * c.prob, 1) for c in candidates],
    })


def plot_distribution(candidates: Sequence[TokenProb], title: str = "", ax=None):
    """Horizontal bar chart of next-token candidates, most probable on top."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    if ax is None:
        fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(candidates), 3) + 0.8))
    labels = [visible(c.token) for c in candidates][::-1]
    values = [100 * c.prob for c in candidates][::-1]
    bars = ax.barh(labels, values, color="#2c7fb8")
    ax.bar_label(bars, labels=[f"{v:.1f} %".replace(".", ",") for v in values], padding=3, fontsize=9)
    ax.set_xlabel("probabilité d'être le token suivant (%)")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace(".", ",")))
    ax.set_xlim(0, max(values + [1]) * 1.25)
    if title:
        ax.set_title(title, fontsize=11)
    ax.figure.tight_layout()
    return ax.figure


def step_by_step(llm, prompt: str, steps: int = 6, k: int = 3) -> pd.DataFrame:
    """Generate *steps* tokens greedily, showing at each step the top-*k* candidates.

    This is what « generating text » means for a language model: predict, pick, append, repeat.
    """
    rows = []
    text = prompt
    for i in range(1, steps + 1):
        cands = llm.next_token_distribution(text, k=k)
        chosen = cands[0]
        rows.append({
            "étape": i,
            "choisi": visible(chosen.token),
            "probabilité (%)": round(100 * chosen.prob, 1),
            "autres candidats": ", ".join(f"{visible(c.token)} ({100 * c.prob:.0f} %)" for c in cands[1:]),
        })
        text += chosen.token
    table = pd.DataFrame(rows)
    table.attrs["texte"] = text
    return table


def sample_completions(llm, prompt: str, n: int = 3, temperature: float = 1.0,
                       max_tokens: int = 20, seed: int = 0) -> list[str]:
    """*n* continuations of *prompt* at *temperature*, reproducible through *seed*."""
    outs = []
    for i in range(n):
        if temperature == 0:
            c = llm.complete(prompt, max_tokens=max_tokens, deterministic=True, stop=["\n"])
        else:
            c = llm.complete(prompt, max_tokens=max_tokens, temperature=temperature, seed=seed + i,
                             top_k=0, top_p=1.0, stop=["\n"])
        outs.append(c.text.strip())
    return outs


def pronoun_preference(llm, jobs: Sequence[str],
                       template: str = "Notre {metier} a appelé ce matin. Au téléphone,") -> pd.DataFrame:
    """For each job title, the probability that the model continues with « il » or « elle »."""
    rows = []
    for job in jobs:
        probs = {c.token.strip(): c.prob for c in llm.next_token_distribution(template.format(metier=job), k=300)}
        p_il, p_elle = probs.get("il", 0.0), probs.get("elle", 0.0)
        share = p_elle / (p_il + p_elle) if p_il + p_elle > 0 else float("nan")
        rows.append({"métier": job, "P(il) %": round(100 * p_il, 1), "P(elle) %": round(100 * p_elle, 1),
                     "part de « elle » (%)": round(100 * share, 0)})
    return pd.DataFrame(rows).sort_values("part de « elle » (%)", ascending=False, ignore_index=True)


def token_cost(tokens_in: int, tokens_out: int, price_in_per_million: float,
               price_out_per_million: float) -> float:
    """Cost of one call, prices given per million tokens."""
    return (tokens_in * price_in_per_million + tokens_out * price_out_per_million) / 1_000_000
