"""Segmenting audiences (module 04), on whole columns, so that the same functions run on the
course's 3 000 spectators and on a million in seconds.

1. `rfm` computes récence, fréquence and montant per customer at a reference date, from any
   transactions table (column names are arguments); rows that cannot count (no customer, amount
   ≤ 0, date unreadable or too late…) are set aside with their reason: kept + set aside = input.
   `read_transactions` reads only the needed columns of a large CSV file, fast.
2. `rfm_scores` gives scores 1–5 by quantiles (ties explained in `SCORES_EXPLANATION`);
   `assign_segments` names segments by the editable rules table `segment_rules()` (first
   matching rule wins, « autres » otherwise); `segment_summary` and `plot_segments` show their
   size and value.
3. `prepare_features` (log where skewed, then standardised), `choose_k` (inertia and silhouette),
   `kmeans_clusters` and `stability` (adjusted Rand index from one seed to another) make
   clusters; `personas` and `persona_texts` describe any grouping from the course tables.
4. `disengagement_data`, `naive_flags`, `rule_flags`, `fit_disengagement`, `evaluate_flags`,
   `compare_flags` and `reengagement_list` find the spectators who drift away and check the
   flags against what really happened.
5. `segment_aggregates` and `aggregates_prompt` give, per segment, only aggregates (never a
   person) to brief an LLM.
6. « Pour aller plus loin » : `performances` (one row per performance, its fill rate) and
   `fill_rate_forecast` (a show's fill rate from discipline, weekday, month, hall and price,
   judged on a held-out season against the mean of the seasons before).

Bad input raises `SegmentationError`, a French message saying what to do.
"""

from __future__ import annotations

from .briefs import MIN_GROUP_SIZE, aggregates_prompt, segment_aggregates
from .clusters import (
    ClusterResult,
    choose_k,
    kmeans_clusters,
    plot_choose_k,
    prepare_features,
    skewed_columns,
    stability,
)
from .disengagement import (
    MODEL_FEATURES,
    DisengagementData,
    DisengagementModel,
    compare_flags,
    disengagement_data,
    evaluate_flags,
    fit_disengagement,
    naive_flags,
    reengagement_list,
    rule_flags,
)
from .fill_rate import FILL_FEATURES, FillRateForecast, fill_rate_forecast, performances
from .inputs import SegmentationError
from .personas import AGE_BANDS, persona_texts, personas, with_shows
from .rfm import REASONS, RFMResult, read_transactions, rfm
from .scores import (
    FALLBACK_SEGMENT,
    SCORES_EXPLANATION,
    assign_segments,
    plot_segments,
    rfm_scores,
    segment_rules,
    segment_summary,
)

__all__ = [
    "AGE_BANDS", "FALLBACK_SEGMENT", "FILL_FEATURES", "MIN_GROUP_SIZE", "MODEL_FEATURES", "REASONS",
    "SCORES_EXPLANATION", "ClusterResult", "DisengagementData", "DisengagementModel", "FillRateForecast", "RFMResult",
    "SegmentationError", "aggregates_prompt", "assign_segments", "choose_k", "compare_flags", "disengagement_data",
    "evaluate_flags", "fill_rate_forecast", "fit_disengagement", "kmeans_clusters", "naive_flags", "performances",
    "persona_texts", "personas", "plot_choose_k", "plot_segments", "prepare_features", "read_transactions",
    "reengagement_list", "rfm", "rfm_scores", "rule_flags", "segment_aggregates", "segment_rules", "segment_summary",
    "skewed_columns", "stability", "with_shows",
]
