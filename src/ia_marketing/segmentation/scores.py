"""RFM scores from 1 to 5 by quantiles, segments named by an editable table of rules, and the
chart of segment sizes and value.

Scores: each customer is ranked on each measure, then the ranks are cut into five groups of the
same size (quintiles); 5 is the best fifth. Récence is the other way round: fewer days is better.
Ties (many customers with exactly one purchase) are explained in `SCORES_EXPLANATION`.

Segments: `segment_rules()` gives the rules table; the first rule a customer matches gives their
segment, and a customer who matches none is « autres », so that every customer has exactly one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.fr import integer, money, percent
from .inputs import SegmentationError, check_columns

__all__ = ["FALLBACK_SEGMENT", "SCORE_COLUMNS", "SCORES_EXPLANATION", "assign_segments", "plot_segments",
           "rfm_scores", "segment_rules", "segment_summary"]

#: Score column of each RFM measure.
SCORE_COLUMNS: dict[str, str] = {"recence": "R", "frequence": "F", "montant": "M"}
#: The segment of a customer that no rule describes.
FALLBACK_SEGMENT = "autres"

SCORES_EXPLANATION = (
    "Chaque client est classé sur chaque mesure, puis les classements sont coupés en cinq groupes de "
    "même taille (des quintiles) : 5 pour le meilleur cinquième, 1 pour le moins bon. Pour la récence, "
    "c'est l'inverse des jours : moins de jours depuis le dernier achat, meilleure note.\n"
    "Ex aequo : beaucoup de clients n'ont fait qu'un achat. Avec ties=\"together\" (par défaut), des "
    "clients à égalité reçoivent toujours la même note, celle du premier d'entre eux dans le classement : "
    "les groupes n'ont alors plus tout à fait la même taille, et une note peut manquer (si 45 % des clients "
    "ont un seul achat, ils ont tous F = 1 et personne n'a F = 2). Avec ties=\"split\", les ex aequo sont "
    "départagés par leur ordre dans le tableau (pd.qcut sur rank(method=\"first\")) : cinq groupes de même "
    "taille, mais deux clients identiques peuvent recevoir des notes différentes."
)

_RULES: tuple[tuple[str, int, int, int, int, int, int, str, str], ...] = (
    ("champions", 4, 5, 4, 5, 4, 5, "récents, fréquents, ils dépensent le plus",
     "remercier, inviter aux avant-premières, en faire des ambassadeurs"),
    ("fidèles", 3, 5, 3, 5, 1, 5, "viennent souvent, et encore récemment",
     "proposer l'abonnement ou la carte, garder le lien"),
    ("nouveaux", 4, 5, 1, 1, 1, 5, "un premier achat, récent",
     "souhaiter la bienvenue, donner envie d'un deuxième spectacle"),
    ("prometteurs", 3, 5, 1, 2, 1, 5, "assez récents, encore peu d'achats",
     "recommander des spectacles proches de leurs goûts"),
    ("à risque", 1, 2, 3, 5, 1, 5, "venaient souvent, mais plus depuis longtemps",
     "relancer personnellement, offre de retour"),
    ("à réactiver", 2, 2, 1, 2, 1, 5, "peu d'achats, plus vus depuis un moment",
     "rappel ciblé de la programmation"),
    ("perdus", 1, 1, 1, 2, 1, 5, "un ou deux achats, il y a longtemps",
     "une reconquête légère, ou les laisser partir"),
)
_RULE_COLUMNS = ["segment", "R_min", "R_max", "F_min", "F_max", "M_min", "M_max", "description", "action"]


def rfm_scores(table: pd.DataFrame, *, bins: int = 5, ties: str = "together") -> pd.DataFrame:
    """Scores ``R``, ``F``, ``M`` from 1 to *bins* of an RFM table (same index), and ``RFM``, the
    three digits as text (« 545 »). See `SCORES_EXPLANATION` for *ties*: ``"together"`` (equal
    values, equal scores) or ``"split"`` (groups of equal size, ties broken by row order)."""
    check_columns(table, list(SCORE_COLUMNS), "rfm_scores")
    if ties not in ("together", "split"):
        raise SegmentationError(f"ties={ties!r} : valeur inconnue.",
                                conseil="Choisissez ties=\"together\" (ex aequo, même note) ou ties=\"split\".")
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 2 <= bins <= 9:
        raise SegmentationError(f"bins={bins!r} : il faut un nombre entier de groupes entre 2 et 9.",
                                conseil="Gardez bins=5 pour des notes de 1 à 5.")
    out = pd.DataFrame(index=table.index)
    n = len(table)
    for column, score in SCORE_COLUMNS.items():
        values = pd.to_numeric(table[column], errors="coerce")
        if values.isna().any():
            raise SegmentationError(f"La colonne « {column} » a des valeurs manquantes ou non numériques.",
                                    conseil="Calculez le tableau avec rfm(…) : il n'a aucune valeur manquante.")
        ranked = (-values if column == "recence" else values).rank(method="min" if ties == "together" else "first")
        out[score] = (1 + np.floor(bins * (ranked.to_numpy() - 1) / max(n, 1))).astype(np.int64)
    digits = out.astype(str)
    out["RFM"] = digits["R"] + digits["F"] + digits["M"]
    return out


def segment_rules() -> pd.DataFrame:
    """The rules table (a fresh copy, to read and edit): one row per segment, in order; a customer
    takes the first segment whose score ranges (``R_min``…``M_max``, bounds included) hold their
    scores. Edit a bound, add or remove a row, then pass the table to `assign_segments`."""
    return pd.DataFrame(list(_RULES), columns=_RULE_COLUMNS)


def _checked_rules(rules: pd.DataFrame | Sequence[dict] | None, bins: int) -> pd.DataFrame:
    if rules is None:
        return segment_rules()
    if not isinstance(rules, pd.DataFrame):
        items = list(rules) if isinstance(rules, (list, tuple)) else None
        if items is None or not all(isinstance(rule, dict) for rule in items):
            raise SegmentationError("Les règles doivent être un tableau (DataFrame) ou une liste de dictionnaires.",
                                    conseil="Partez de segment_rules() et modifiez-le.")
        rules = pd.DataFrame(items)
    bounds = _RULE_COLUMNS[1:7]
    missing = [c for c in ["segment", *bounds] if c not in rules.columns]
    if missing:
        raise SegmentationError(f"Colonnes manquantes dans les règles : {', '.join(missing)}.",
                                conseil="Partez de segment_rules() : il a toutes les colonnes attendues.")
    rules = rules.reset_index(drop=True)
    for position, rule in rules.iterrows():
        name = rule["segment"]
        for low, high in (("R_min", "R_max"), ("F_min", "F_max"), ("M_min", "M_max")):
            try:
                lo, hi = float(rule[low]), float(rule[high])
            except (TypeError, ValueError):
                lo = hi = float("nan")
            if not (1 <= lo <= hi <= bins):
                raise SegmentationError(
                    f"Règle {position + 1} (« {name} ») : {low}={rule[low]!r} et {high}={rule[high]!r} ne vont pas.",
                    conseil=f"Il faut 1 ≤ {low} ≤ {high} ≤ {bins} (des notes de 1 à {bins}).")
    return rules


def assign_segments(scores: pd.DataFrame, rules: pd.DataFrame | Sequence[dict] | None = None, *,
                    bins: int = 5) -> pd.Series:
    """The segment of each customer (same index as *scores*): the first rule of *rules* (default:
    `segment_rules()`) whose ranges hold the customer's ``R``, ``F`` and ``M``; « autres » when
    no rule does. The result is a category, its categories in the order of the rules."""
    check_columns(scores, ["R", "F", "M"], "assign_segments")
    table = _checked_rules(rules, bins)
    r, f, m = (scores[c].to_numpy() for c in ("R", "F", "M"))
    segment = np.full(len(scores), -1, dtype=np.int64)
    for position, rule in enumerate(table.itertuples(index=False)):
        hit = ((segment < 0) & (r >= rule.R_min) & (r <= rule.R_max) & (f >= rule.F_min) & (f <= rule.F_max)
               & (m >= rule.M_min) & (m <= rule.M_max))
        segment[hit] = position
    names = list(dict.fromkeys([*map(str, table["segment"]), FALLBACK_SEGMENT]))
    position_name = np.array([names.index(str(s)) for s in table["segment"]] + [names.index(FALLBACK_SEGMENT)])
    codes = position_name[np.where(segment < 0, len(table), segment)]
    return pd.Series(pd.Categorical.from_codes(codes, categories=names), index=scores.index, name="segment")


def segment_summary(table: pd.DataFrame, segments: pd.Series) -> pd.DataFrame:
    """Per segment: customers, their share, total and share of the amount, median récence,
    fréquence and basket (amount per purchase). Segments in their category order."""
    check_columns(table, list(SCORE_COLUMNS), "segment_summary")
    if not isinstance(segments, pd.Series) or not segments.index.equals(table.index):
        raise SegmentationError("Les segments doivent avoir le même index que le tableau RFM.",
                                conseil="Passez le tableau de rfm(…).table et assign_segments(rfm_scores(…)).")
    data = table.assign(segment=segments, panier=table["montant"] / table["frequence"])
    grouped = data.groupby("segment", observed=False, sort=True)
    out = pd.DataFrame({
        "clients": grouped.size(),
        "montant_total": grouped["montant"].sum(),
        "recence_mediane": grouped["recence"].median(),
        "frequence_mediane": grouped["frequence"].median(),
        "panier_median": grouped["panier"].median(),
    })
    out.insert(1, "part_clients", out["clients"] / max(len(table), 1))
    out.insert(3, "part_montant", out["montant_total"] / max(float(table["montant"].sum()), 1e-12))
    out.index.name = "segment"
    return out


def plot_segments(summary: pd.DataFrame, ax=None):
    """Two bar charts side by side: customers per segment, and each segment's share of the amount
    next to its share of customers."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
    else:
        fig = ax[0].figure
    shown = summary[summary["clients"] > 0]
    names = [str(s) for s in shown.index]
    y = np.arange(len(shown))
    ax[0].barh(y, shown["clients"], color="#3182bd")
    for yi, n in zip(y, shown["clients"]):
        ax[0].text(n, yi, f" {integer(n)}", va="center", fontsize=8)
    ax[0].set_yticks(y, names)
    ax[0].invert_yaxis()
    ax[0].set_xlabel("nombre de spectateurs")
    ax[0].set_title("Taille des segments", fontsize=11)
    ax[1].barh(y - 0.2, shown["part_clients"] * 100, height=0.4, color="#bdbdbd", label="part des spectateurs")
    ax[1].barh(y + 0.2, shown["part_montant"] * 100, height=0.4, color="#e6550d", label="part du chiffre d'affaires")
    for yi, share, total in zip(y, shown["part_montant"], shown["montant_total"]):
        ax[1].text(share * 100, yi + 0.2, f" {percent(share)} ({money(total, digits=0)})", va="center", fontsize=8)
    ax[1].set_xlabel("%")
    ax[1].set_title("Valeur des segments", fontsize=11)
    ax[1].legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig
