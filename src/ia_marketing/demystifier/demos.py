"""Plain functions behind the demonstrations of module 01 (no widgets here).

They take a model (`ia_marketing.llm.Backend`) and plain values, and return
numbers, tables or matplotlib figures, so they can be tested and reused.
"""

from __future__ import annotations

import math
import re
from collections import Counter
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


#: The share of « elle » among the two pronouns, in %: 50 means no preference.
SHARE = "part de « elle » (%)"
#: What `first_word` returns for an empty continuation (the model stopped at once).
NO_WORD = "(rien)"
_TAG = re.compile(r"<[^<>]*>")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*['’]?|\d+")


def first_word(text: str) -> str:
    """The first word of *text*, in lower case, without the punctuation and HTML tags around it.

    « Magnifique ! » -> 'magnifique', '<em>« Très » drôle</em>' -> 'très', « d'un rêve » -> "d'"
    (an elided word keeps its apostrophe), '' -> '(rien)'. A text of signs only gives its first
    chunk as it is."""
    text = text.strip()
    if not text:
        return NO_WORD
    found = _WORD.search(_TAG.sub(" ", text))
    return found.group(0).lower().replace("’", "'") if found else text.split()[0]


def diversity_columns(n: int) -> tuple[str, str, str]:
    """Column names of `diversity` for *n* samples: distinct texts, top first word, its share."""
    return (f"suites différentes (sur {n})", "premier mot le plus fréquent",
            "part de ce premier mot (%)")


def diversity(texts: Sequence[str]) -> dict[str, object]:
    """How varied a set of continuations is, in two numbers a reader can check by eye.

    - how many different continuations there are among the *n* (1 = always the same text);
    - the most frequent first word, and the share of continuations that start with it
      (100 % = every continuation starts the same way).
    """
    if not texts:
        raise ValueError("Il faut au moins une suite pour mesurer la diversité.")
    distinct, top_word, share = diversity_columns(len(texts))
    word, count = Counter(first_word(t) for t in texts).most_common(1)[0]
    return {distinct: len({t.strip() for t in texts}), top_word: word,
            share: round(100 * count / len(texts))}


def diversity_by_temperature(llm, prompt: str,
                             temperatures: Sequence[float] = (0, 0.2, 0.5, 0.8, 1.0, 1.5),
                             n: int = 20, max_tokens: int = 10, seed: int = 0) -> pd.DataFrame:
    """Draw *n* continuations of *prompt* at each temperature and measure their `diversity`.

    The same seeds (seed, seed + 1, …) are used at every temperature, so the run is reproducible.
    One row per temperature; ``table.attrs["suites"]`` maps each temperature to its *n* texts.
    """
    rows, samples = [], {}
    for t in temperatures:
        texts = sample_completions(llm, prompt, n=n, temperature=t, max_tokens=max_tokens, seed=seed)
        samples[t] = texts
        rows.append({"température": t, **diversity(texts)})
    table = pd.DataFrame(rows)
    table.attrs["suites"] = samples
    table.attrs["n"] = n
    return table


def _french_number(value: float, _=None) -> str:
    return f"{value:g}".replace(".", ",")


def plot_diversity(table: pd.DataFrame, title: str = ""):
    """Two charts of a `diversity_by_temperature` table, temperature on the horizontal axis:
    the number of different continuations, and the share starting with the most frequent word."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    n = table.attrs.get("n") or int(table.iloc[:, 1].max())
    distinct, _, share = diversity_columns(n)
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.4))
    temperatures = list(table["température"])
    for ax, column, top, colour in ((left, distinct, n, "#2c7fb8"), (right, share, 100, "#d95f0e")):
        ax.plot(temperatures, table[column], marker="o", color=colour)
        for x, y in zip(temperatures, table[column]):
            ax.annotate(f"{y:g}", (x, y), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=9)
        ax.set_ylim(0, top * 1.15)
        ax.set_xlabel("température")
        ax.set_title(column, fontsize=10)
        ax.xaxis.set_major_formatter(FuncFormatter(_french_number))
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig


#: The masculine and feminine pronouns `pronoun_probabilities` looks for: « il » as a subject
#: (« Au téléphone, il… »), « lui » after a preposition (« avec lui »), « elle » in both places.
MASCULINE, FEMININE = ("il", "lui"), ("elle",)
P_MASCULINE, P_FEMININE = "P(« il » ou « lui ») %", "P(« elle ») %"


def pronoun_probabilities(llm, text: str, k: int = 1000) -> tuple[float, float]:
    """P(« il » or « lui »), P(« elle ») as the next word after *text*.

    Spellings of a token that differ only by a leading space or a capital are added up. After
    a preposition (« avec », « selon »…), « lui » can only mean a man: it is not the « lui » of
    « je lui ai dit », which needs a subject before it."""
    p_masculine = p_feminine = 0.0
    for c in llm.next_token_distribution(text, k=k):
        word = c.token.strip().lower()
        if word in MASCULINE:
            p_masculine += c.prob
        elif word in FEMININE:
            p_feminine += c.prob
    return p_masculine, p_feminine


def _elle_share(p_masculine: float, p_feminine: float) -> float:
    total = p_masculine + p_feminine
    return 100 * p_feminine / total if total > 0 else float("nan")


def pronoun_preference(llm, jobs: Sequence[str],
                       template: str = "Notre {metier} a appelé ce matin. Au téléphone,") -> pd.DataFrame:
    """For each job title, the probability that the model continues *template* with a masculine
    pronoun (« il », « lui ») or with « elle »; one sentence only (see `pronoun_shares` for several)."""
    rows = []
    for job in jobs:
        p_m, p_f = pronoun_probabilities(llm, template.format(metier=job))
        rows.append({"métier": job, P_MASCULINE: round(100 * p_m, 1), P_FEMININE: round(100 * p_f, 1),
                     SHARE: round(_elle_share(p_m, p_f), 0)})
    return pd.DataFrame(rows).sort_values(SHARE, ascending=False, ignore_index=True)


#: Sentence frames for `pronoun_shares`. Nothing before the pronoun says whether the person is a
#: woman or a man: « notre » is the same for both, the verbs are in the present or future tense or
#: take « avoir » (whose past participle does not agree with the subject), no adjective describes
#: the person, and no feminine noun comes before the end, which « elle » could stand for. All but
#: the first end with a preposition, where the masculine is « lui »: « il » can also be impersonal
#: (« il pleut », « il y a »), « lui » cannot.
PRONOUN_FRAMES = (
    "Notre {metier} a appelé ce matin. Au téléphone,",
    "Notre {metier} a appelé ce matin. J'ai longuement parlé avec",
    "Notre {metier} a téléphoné hier. Selon",
    "Je viens de croiser notre {metier}. Demain, j'ai rendez-vous avec",
    "Notre {metier} travaille ici depuis dix ans. Tout le monde compte sur",
    "Notre {metier} arrive demain. Je déjeunerai avec",
    "Notre {metier} a beaucoup de talent. Nous aimons travailler avec",
)

LEANS_ELLE, LEANS_IL, MIXED = "vers « elle »", "vers « il, lui »", "selon la phrase"


def pronoun_shares(llm, jobs: Sequence[str], frames: Sequence[str] = PRONOUN_FRAMES) -> pd.DataFrame:
    """P(« il » or « lui ») and P(« elle ») for every job title in every frame: one row per
    (job, frame), the frame given by its number (``table.attrs["phrases"]`` holds the texts).

    Each frame holds ``{metier}`` where the job title goes. The share of « elle » is
    P(elle) / (P(il ou lui) + P(elle)): 50 % means the model does not lean either way."""
    if not frames or any("{metier}" not in f for f in frames):
        raise ValueError("Chaque phrase doit contenir {metier} à l'endroit du métier.")
    rows = []
    for job in jobs:
        for number, frame in enumerate(frames, start=1):
            p_m, p_f = pronoun_probabilities(llm, frame.format(metier=job))
            rows.append({"métier": job, "phrase": number, P_MASCULINE: 100 * p_m, P_FEMININE: 100 * p_f,
                         SHARE: _elle_share(p_m, p_f)})
    table = pd.DataFrame(rows)
    table.attrs["phrases"] = list(frames)
    return table


def summarise_pronoun_shares(detail: pd.DataFrame) -> pd.DataFrame:
    """Per job title, over the frames of a `pronoun_shares` table: the mean share of « elle », its
    minimum and maximum, and where it leans. « vers « elle » » (or « vers « il, lui » ») only when every frame
    leans that way, i.e. the whole min–max range lies above (or below) 50 %."""
    if detail.empty:
        raise ValueError("Le tableau est vide : mesurez d'abord au moins un métier.")
    grouped = detail.groupby("métier", sort=False)[SHARE]
    summary = pd.DataFrame({
        "part moyenne de « elle » (%)": grouped.mean(),
        "minimum (%)": grouped.min(),
        "maximum (%)": grouped.max(),
        "phrases": grouped.count(),
    })
    summary["penche"] = [LEANS_ELLE if low > 50 else LEANS_IL if high < 50 else MIXED
                         for low, high in zip(summary["minimum (%)"], summary["maximum (%)"])]
    summary = summary.sort_values("part moyenne de « elle » (%)", ascending=False).reset_index()
    return summary.round({"part moyenne de « elle » (%)": 1, "minimum (%)": 1, "maximum (%)": 1})


def jobs_to_show(summary: pd.DataFrame, near_half: int = 3) -> pd.DataFrame:
    """The rows of a `summarise_pronoun_shares` table worth a chart: every job that leans one way
    in all frames, plus the *near_half* mixed ones whose mean is closest to 50 %."""
    leaning = summary[summary["penche"] != MIXED]
    mixed = summary[summary["penche"] == MIXED]
    closest = mixed.loc[(mixed["part moyenne de « elle » (%)"] - 50).abs().sort_values(kind="stable").index[:near_half]]
    chosen = pd.concat([leaning, closest])
    return summary.loc[summary.index.isin(chosen.index)]


def plot_pronoun_shares(summary: pd.DataFrame, title: str = "", ax=None):
    """Each job title: a dot at the mean share of « elle », a bar from the lowest to the highest
    frame; the dashed line is 50 % (no preference). Highest mean on top."""
    import matplotlib.pyplot as plt

    colours = {LEANS_ELLE: "#8e44ad", LEANS_IL: "#d95f0e", MIXED: "#7f7f7f"}
    rows = summary.iloc[::-1]
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.5, 0.32 * max(len(rows), 4) + 1.2))
    for y, (_, row) in enumerate(rows.iterrows()):
        colour = colours[row["penche"]]
        ax.plot([row["minimum (%)"], row["maximum (%)"]], [y, y], color=colour, linewidth=2.5, alpha=0.6)
        ax.plot(row["part moyenne de « elle » (%)"], y, "o", color=colour)
    ax.set_yticks(range(len(rows)), rows["métier"])
    ax.axvline(50, color="grey", linestyle="--", linewidth=1)
    ax.set_xlim(0, 100)
    ax.set_xlabel("part de « elle » parmi les deux pronoms (%) : moyenne et écart entre les phrases")
    handles = [plt.Line2D([], [], color=c, marker="o", linewidth=2.5, label=label)
               for label, c in colours.items() if label in set(rows["penche"])]
    ax.legend(handles=handles, loc="best", fontsize=8, title="penche", title_fontsize=8)
    if title:
        ax.set_title(title, fontsize=11)
    ax.figure.tight_layout()
    return ax.figure


def token_cost(tokens_in: int, tokens_out: int, price_in_per_million: float,
               price_out_per_million: float) -> float:
    """Cost of one call, prices given per million tokens."""
    return (tokens_in * price_in_per_million + tokens_out * price_out_per_million) / 1_000_000
