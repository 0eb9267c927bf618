"""Aggregates for the LLM step: per segment, only what describes the group — its size, median
basket, median récence and fréquence, favourite discipline — never a person. Groups too small to
be described without pointing at someone are withheld.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.fr import count, money, percent
from .inputs import SegmentationError, check_columns, crosstab_counts, positions

__all__ = ["MIN_GROUP_SIZE", "aggregates_prompt", "segment_aggregates"]

#: Below this many customers, a group is not described (its aggregates could point at a person).
MIN_GROUP_SIZE = 10


def segment_aggregates(segments: pd.Series, table: pd.DataFrame, *, billets: pd.DataFrame | None = None,
                       spectacles: pd.DataFrame | None = None, min_size: int = MIN_GROUP_SIZE) -> pd.DataFrame:
    """One row per segment with at least *min_size* customers: ``spectateurs``, ``part``,
    ``panier_median`` (euros per purchase), ``recence_mediane`` (days), ``frequence_mediane``,
    ``montant_median`` and, with *billets* and *spectacles*, ``discipline_favorite`` (most tickets).
    *segments* is a label per customer (same index as *table*, the RFM table). No identifier,
    name or contact detail is in the result: it can go into a prompt."""
    if not isinstance(segments, pd.Series):
        raise SegmentationError("Les segments doivent être une Series indexée par client.",
                                conseil="Passez assign_segments(rfm_scores(tableau)).")
    check_columns(table, ["recence", "frequence", "montant"], "segment_aggregates")
    if isinstance(min_size, bool) or not isinstance(min_size, (int, np.integer)) or min_size < 1:
        raise SegmentationError(f"min_size={min_size!r} : il faut un nombre entier positif.",
                                conseil=f"Gardez la valeur par défaut, min_size={MIN_GROUP_SIZE}.")
    data = table if table.index.equals(segments.index) else table.reindex(segments.index)
    labels = segments.astype("category")
    frame = pd.DataFrame({"segment": labels.array, "panier": (data["montant"] / data["frequence"]).to_numpy(),
                          "recence": data["recence"].to_numpy(), "frequence": data["frequence"].to_numpy(),
                          "montant": data["montant"].to_numpy()})
    grouped = frame.groupby("segment", observed=True, sort=True)
    out = pd.DataFrame({
        "spectateurs": grouped.size(),
        "panier_median": grouped["panier"].median(),
        "recence_mediane": grouped["recence"].median(),
        "frequence_mediane": grouped["frequence"].median(),
        "montant_median": grouped["montant"].median(),
    })
    out.insert(1, "part", out["spectateurs"] / max(len(segments), 1))
    if billets is not None and spectacles is not None:
        check_columns(billets, ["id_client", "id_spectacle"], "segment_aggregates")
        check_columns(spectacles, ["id_spectacle", "discipline"], "segment_aggregates")
        group = labels.cat.codes.to_numpy().astype(np.int64)
        buyer = positions(segments.index, billets["id_client"])
        ticket_group = np.where(buyer >= 0, group[np.maximum(buyer, 0)], -1)
        shows = spectacles.drop_duplicates("id_spectacle").set_index("id_spectacle")
        show_of = positions(shows.index, billets["id_spectacle"])
        discipline_codes, disciplines = pd.factorize(shows["discipline"])
        counts = crosstab_counts(ticket_group, np.where(show_of >= 0, discipline_codes[np.maximum(show_of, 0)], -1),
                                 (len(labels.cat.categories), len(disciplines)))
        favourite = pd.Series([str(disciplines[row.argmax()]) if row.sum() else None for row in counts],
                              index=labels.cat.categories)
        out["discipline_favorite"] = favourite.reindex(out.index).to_numpy()
    out = out[out["spectateurs"] >= min_size]
    out.index.name = "segment"
    return out


def aggregates_prompt(aggregates: pd.DataFrame) -> str:
    """The aggregates as short French lines, one per segment, to paste into a prompt (« Segment
    « champions » : 655 spectateurs (22 %), panier médian 49 € par achat… »)."""
    check_columns(aggregates, ["spectateurs", "part", "panier_median", "recence_mediane", "frequence_mediane"],
                  "aggregates_prompt")
    lines = []
    for name, row in aggregates.iterrows():
        line = (f"Segment « {name} » : {count(int(row['spectateurs']), 'spectateur', 'spectateurs')} "
                f"({percent(row['part'])}), panier médian {money(row['panier_median'], digits=0)} par achat, "
                f"dernier achat il y a {int(round(row['recence_mediane']))} jours (médiane), "
                f"{count(int(round(row['frequence_mediane'])), 'achat', 'achats')} (médiane)")
        if "discipline_favorite" in aggregates.columns and pd.notna(row["discipline_favorite"]):
            line += f", discipline préférée : {row['discipline_favorite']}"
        lines.append(line + ".")
    return "\n".join(lines)
