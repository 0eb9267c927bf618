"""Zero-shot vs few-shot, measured (module 02).

A review is classified by reading, in the model's probabilities, how likely each label is as
the next words after « Sentiment : » (`LocalBackend.label_probabilities`), not by letting the
model write freely: a small base model rambles, but its probabilities are a clean closed-choice
answer. Accuracy is then measured on labelled reviews the examples are never taken from.

Two honest details the lesson shows:

- the examples are drawn at random, balanced over the labels and shuffled; accuracy depends a
  lot on which examples are drawn, so each number of examples is measured on several draws;
- *contextual calibration* (Zhao et al., 2021, « Calibrate Before Use ») corrects the model's
  preference for some labels whatever the text: the probabilities obtained for a content-free
  review (« N/A ») are used to divide the probabilities of each real review.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["SENTIMENTS", "INSTRUCTION", "few_shot_prompt", "draw_examples", "split_reviews",
           "classify", "measure_few_shot", "summarise", "plot_few_shot"]

#: Label in the data -> label as the model should write it (with its leading space).
SENTIMENTS: dict[str, str] = {"positif": " positif", "negatif": " négatif", "neutre": " neutre"}
#: The line that opens every prompt (a base model does not obey it, but it sets the scene).
INSTRUCTION = "Classez le sentiment de chaque avis de spectateur : positif, négatif ou neutre."
#: The content-free review used for calibration.
CONTENT_FREE = "N/A"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def few_shot_prompt(examples: Sequence[tuple[str, str]], text: str,
                    instruction: str = INSTRUCTION) -> str:
    """The prompt: the instruction, each example as « Avis : … / Sentiment : … », then the review
    to classify, ending with « Sentiment : » for the model to complete.

    *examples* are ``(avis, étiquette)`` pairs; the label is written as the model should
    write it (``"negatif"`` becomes « négatif »).
    """
    parts = [instruction.strip(), ""] if instruction else []
    for review, label in examples:
        shown = SENTIMENTS.get(label, f" {label}").strip()
        parts += [f"Avis : {_one_line(review)}", f"Sentiment : {shown}", ""]
    parts.append(f"Avis : {_one_line(text)}")
    parts.append("Sentiment :")
    return "\n".join(parts)


def split_reviews(reviews: pd.DataFrame, n_test: int, seed: int = 0
                  ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(test, pool): *n_test* reviews drawn at random to measure on, and the rest, where the
    examples are taken from. No review is in both."""
    for column in ("texte", "sentiment"):
        if column not in reviews.columns:
            raise KeyError(f"Le tableau des avis doit avoir une colonne « {column} » "
                           f"(colonnes présentes : {', '.join(map(str, reviews.columns))}).")
    if not 0 < n_test < len(reviews):
        raise ValueError(f"n_test doit être compris entre 1 et {len(reviews) - 1} "
                         f"(il y a {len(reviews)} avis) ; j'ai reçu {n_test}.")
    shuffled = reviews.sample(frac=1.0, random_state=seed)
    return shuffled.iloc[:n_test], shuffled.iloc[n_test:]


def draw_examples(pool: pd.DataFrame, k: int, seed: int) -> list[tuple[str, str]]:
    """*k* examples from *pool*, balanced over the labels (as even as *k* allows), shuffled."""
    if k < 0:
        raise ValueError("Le nombre d'exemples ne peut pas être négatif.")
    rng = random.Random(seed)
    labels = sorted(pool["sentiment"].unique())
    rng.shuffle(labels)
    wanted = [labels[i % len(labels)] for i in range(k)]
    chosen: list[tuple[str, str]] = []
    for label in set(wanted):
        rows = pool[pool["sentiment"] == label]
        n = wanted.count(label)
        if len(rows) < n:
            raise ValueError(f"Pas assez d'avis « {label} » pour tirer {n} exemples.")
        picked = rows.sample(n, random_state=rng.randrange(2**31))
        chosen += list(zip(picked["texte"], picked["sentiment"]))
    chosen.sort(key=lambda pair: (pair[1], pair[0]))  # independent of set order, then shuffled
    rng.shuffle(chosen)
    return chosen


def classify(llm, text: str, examples: Sequence[tuple[str, str]] = (), *,
             calibration: dict[str, float] | None = None) -> tuple[str, dict[str, float]]:
    """(label, probabilities) for one review. With *calibration* (the probabilities for the
    content-free review), each probability is divided by it, then renormalised."""
    probs = llm.label_probabilities(few_shot_prompt(examples, text), list(SENTIMENTS.values()))
    by_label = {label: probs[shown] for label, shown in SENTIMENTS.items()}
    if calibration:
        adjusted = {label: p / max(calibration[label], 1e-12) for label, p in by_label.items()}
        total = sum(adjusted.values())
        by_label = {label: p / total for label, p in adjusted.items()}
    return max(by_label, key=by_label.get), by_label


def measure_few_shot(llm, reviews: pd.DataFrame, k_values: Sequence[int] = (0, 1, 3, 5), *,
                     n_test: int = 60, draws: int = 2, seed: int = 2026) -> pd.DataFrame:
    """Accuracy for each number of examples in *k_values*, on *n_test* held-out reviews.

    One row per (number of examples, draw of examples) with the accuracy without and with
    calibration. Zero examples has a single draw (there is nothing to draw).
    """
    test, pool = split_reviews(reviews, n_test, seed)
    rows = []
    for k in k_values:
        for draw in range(1 if k == 0 else draws):
            examples = draw_examples(pool, k, seed * 1000 + 10 * k + draw)
            _, calibration = classify(llm, CONTENT_FREE, examples)
            raw_ok = calibrated_ok = 0
            for text, truth in zip(test["texte"], test["sentiment"]):
                label, probs = classify(llm, text, examples)
                raw_ok += label == truth
                calibrated = {lab: p / max(calibration[lab], 1e-12) for lab, p in probs.items()}
                calibrated_ok += max(calibrated, key=calibrated.get) == truth
            rows.append({"exemples": k, "tirage": draw + 1,
                         "exactitude": raw_ok / len(test),
                         "exactitude calibrée": calibrated_ok / len(test)})
    result = pd.DataFrame(rows)
    result.attrs["référence"] = float(test["sentiment"].value_counts(normalize=True).iloc[0])
    result.attrs["classe majoritaire"] = str(test["sentiment"].value_counts().index[0])
    result.attrs["avis testés"] = len(test)
    return result


def summarise(measures: pd.DataFrame) -> pd.DataFrame:
    """Mean, lowest and highest accuracy over the draws, per number of examples."""
    grouped = measures.groupby("exemples")
    return pd.DataFrame({
        "exactitude moyenne": grouped["exactitude"].mean(),
        "min": grouped["exactitude"].min(),
        "max": grouped["exactitude"].max(),
        "calibrée, moyenne": grouped["exactitude calibrée"].mean(),
    })


@dataclass
class _Series:
    column: str
    label: str
    color: str
    marker: str


def plot_few_shot(measures: pd.DataFrame, ax=None):
    """Accuracy against the number of examples: each draw as a dot, the mean as a line, and the
    « always answer the most frequent label » baseline as a dashed line."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    ks = sorted(measures["exemples"].unique())
    for series in (_Series("exactitude", "sans calibrage", "#2c7fb8", "o"),
                   _Series("exactitude calibrée", "avec calibrage", "#d95f0e", "s")):
        means = measures.groupby("exemples")[series.column].mean()
        ax.plot(ks, [100 * means[k] for k in ks], color=series.color, marker=series.marker,
                label=f"{series.label} (moyenne des tirages)")
        ax.scatter(measures["exemples"], 100 * measures[series.column], color=series.color,
                   alpha=0.35, s=25)
    baseline = measures.attrs.get("référence")
    if baseline is not None:
        majority = measures.attrs.get("classe majoritaire", "la classe la plus fréquente")
        ax.axhline(100 * baseline, color="grey", linestyle="--",
                   label=f"toujours répondre « {majority} »")
    ax.set_xticks(ks)
    ax.set_xlabel("nombre d'exemples dans le prompt")
    ax.set_ylabel("avis bien classés (%)")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}".replace(".", ",")))
    ax.set_ylim(0, 100)
    n = measures.attrs.get("avis testés")
    ax.set_title("Zéro, un ou plusieurs exemples : exactitude mesurée"
                 + (f" sur {n} avis" if n else ""), fontsize=11)
    ax.legend(fontsize=8, loc="lower right")
    ax.figure.tight_layout()
    return ax.figure
