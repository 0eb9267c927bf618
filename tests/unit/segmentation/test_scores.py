"""Scores 1–5 by quantiles with ties, segments named by the editable rules table, the summary
and its chart (`ia_marketing.segmentation.scores`)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing.segmentation import (
    FALLBACK_SEGMENT,
    SCORES_EXPLANATION,
    SegmentationError,
    assign_segments,
    plot_segments,
    rfm_scores,
    segment_rules,
    segment_summary,
)


def table(recence, frequence, montant) -> pd.DataFrame:
    index = pd.Index([f"C{i:02d}" for i in range(len(recence))], name="client")
    return pd.DataFrame({"recence": recence, "frequence": frequence, "montant": montant}, index=index)


def test_untied_values_make_five_equal_groups_and_recency_is_reversed():
    t = table(list(range(1, 11)), list(range(1, 11)), [float(v) for v in range(10, 0, -1)])
    s = rfm_scores(t)
    assert s["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]      # fewer days is better
    assert s["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert s["M"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert s.loc["C00", "RFM"] == "515"
    assert s.index.equals(t.index)


def test_ties_get_the_same_score_or_are_split_by_row_order():
    # six customers out of ten bought once: together they all get F = 1, and nobody gets F = 2 or 3
    t = table([5] * 10, [1, 1, 1, 1, 1, 1, 2, 3, 4, 5], [1.0] * 10)
    together = rfm_scores(t)
    assert together["F"].tolist() == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5]
    assert together["R"].nunique() == 1 and together["M"].nunique() == 1    # all equal, all the same
    split = rfm_scores(t, ties="split")
    assert split["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert split["F"].value_counts().tolist() == [2] * 5                  # equal sizes
    assert "ex aequo" in SCORES_EXPLANATION.lower() and "ties=\"split\"" in SCORES_EXPLANATION


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 30), st.integers(1, 6), st.integers(1, 500)), min_size=1, max_size=60),
       st.sampled_from(["together", "split"]))
def test_scores_are_between_1_and_5_and_follow_the_values(rows, ties):
    t = table([r for r, _, _ in rows], [f for _, f, _ in rows], [float(m) for _, _, m in rows])
    s = rfm_scores(t, ties=ties)
    assert s[["R", "F", "M"]].isin(range(1, 6)).all().all()
    for column, score, sign in (("recence", "R", -1), ("frequence", "F", 1), ("montant", "M", 1)):
        order = np.argsort(sign * t[column].to_numpy(), kind="stable")
        assert (np.diff(s[score].to_numpy()[order]) >= 0).all()        # a better value never scores lower
        if ties == "together":
            assert (s.groupby(t[column])[score].nunique() == 1).all()  # equal values, equal scores


@pytest.mark.parametrize("kwargs, message", [
    ({"ties": "random"}, "ties="), ({"bins": 1}, "entre 2 et 9"), ({"bins": 2.5}, "entre 2 et 9")])
def test_bad_score_arguments(kwargs, message):
    with pytest.raises(SegmentationError, match=message):
        rfm_scores(table([1, 2], [1, 2], [1.0, 2.0]), **kwargs)


def every_score() -> pd.DataFrame:
    """Every combination of R, F and M from 1 to 5."""
    grid = pd.MultiIndex.from_product([range(1, 6)] * 3, names=["R", "F", "M"]).to_frame(index=False)
    grid.index = pd.Index([f"C{i:03d}" for i in range(len(grid))], name="client")
    return grid


def test_every_customer_gets_exactly_one_segment_in_rule_order():
    scores = every_score()
    segments = assign_segments(scores)
    assert segments.notna().all() and segments.index.equals(scores.index)
    assert list(segments.cat.categories) == [*segment_rules()["segment"], FALLBACK_SEGMENT]
    assert (segments == FALLBACK_SEGMENT).sum() == 0            # the default rules cover every score
    by_scores = segments.set_axis(pd.MultiIndex.from_frame(scores))
    assert by_scores[(5, 5, 5)] == "champions"
    assert by_scores[(5, 5, 1)] == "fidèles"
    assert by_scores[(5, 1, 3)] == "nouveaux"
    assert by_scores[(3, 1, 3)] == "prometteurs"
    assert by_scores[(1, 5, 5)] == "à risque"
    assert by_scores[(2, 1, 1)] == "à réactiver"
    assert by_scores[(1, 1, 1)] == "perdus"


def test_editing_the_rules_table_changes_the_segments():
    scores = every_score()
    before = assign_segments(scores)
    rules = segment_rules()
    rules.loc[rules["segment"] == "champions", "M_min"] = 5        # stricter champions
    after = assign_segments(scores, rules)
    assert (after == "champions").sum() < (before == "champions").sum()
    assert ((before == "champions") & (after == "fidèles")).sum() > 0
    assert segment_rules().loc[0, "M_min"] == 4                      # the default is untouched
    only_two = [{"segment": "actifs", "R_min": 4, "R_max": 5, "F_min": 1, "F_max": 5, "M_min": 1, "M_max": 5}]
    mine = assign_segments(scores, only_two)
    assert set(mine) == {"actifs", FALLBACK_SEGMENT}                  # no rule matched: « autres »
    assert (mine == "actifs").sum() == 2 * 25


@pytest.mark.parametrize("rules, message", [
    ([{"segment": "x", "R_min": 0, "R_max": 5, "F_min": 1, "F_max": 5, "M_min": 1, "M_max": 5}], "R_min"),
    ([{"segment": "x", "R_min": 4, "R_max": 2, "F_min": 1, "F_max": 5, "M_min": 1, "M_max": 5}], "R_min"),
    ([{"segment": "x", "R_min": 1}], "Colonnes manquantes"),
    ("champions", "tableau"),
])
def test_bad_rules_get_a_french_message(rules, message):
    with pytest.raises(SegmentationError, match=message):
        assign_segments(every_score(), rules)


def test_summary_and_chart():
    t = table([1, 2, 300, 400], [5, 4, 1, 1], [100.0, 80.0, 10.0, 10.0])
    segments = pd.Series(pd.Categorical(["a", "a", "b", "b"], categories=["a", "b", "c"]), index=t.index)
    summary = segment_summary(t, segments)
    assert summary["clients"].tolist() == [2, 2, 0]
    assert summary["part_montant"].sum() == pytest.approx(1.0)
    assert summary.loc["a", "panier_median"] == pytest.approx((20 + 20) / 2)
    figure = plot_segments(summary)
    titles = [ax.get_title() for ax in figure.axes]
    assert titles == ["Taille des segments", "Valeur des segments"]
    assert [t.get_text() for t in figure.axes[0].get_yticklabels()] == ["a", "b"]   # empty segments not drawn
    with pytest.raises(SegmentationError, match="même index"):
        segment_summary(t, segments.iloc[:2])
