"""The measurements behind module 01's temperature and bias demonstrations
(`ia_marketing.demystifier.demos`): the pure parts on hand-made values, the rest on the embedded model."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from ia_marketing.demystifier import demos

START = "Pour la soirée d'ouverture, le public a trouvé le spectacle"


# -- first word, diversity (pure) ---------------------------------------------------------------
@pytest.mark.parametrize("text, word", [
    ("Magnifique !", "magnifique"),
    ("  très réussi", "très"),
    ("« Superbe » soirée", "superbe"),
    ("<strong>Thierry Mugler</strong> très réussi", "thierry"),   # HTML tags are not words
    ("d'un autre monde", "d'"),                                    # an elided word keeps its apostrophe
    ("l’ours", "l'"),                                              # typographic apostrophe
    ("Sainte-Marie chante", "sainte-marie"),
    ("2016, une année", "2016"),
    ("", demos.NO_WORD),
    ("...", "..."),
])
def test_first_word(text, word):
    assert demos.first_word(text) == word


def test_diversity_of_identical_texts():
    distinct, top, share = demos.diversity_columns(4)
    assert demos.diversity(["de la musique"] * 4) == {distinct: 1, top: "de", share: 100}


def test_diversity_counts_distinct_texts_and_the_most_frequent_first_word():
    texts = ["de la musique", "de la danse", "De la musique !", "très réussi", " de la musique "]
    distinct, top, share = demos.diversity_columns(5)
    # « de la musique » and « de la musique » (spaces around) are the same text; « De la musique ! » is not
    assert demos.diversity(texts) == {distinct: 4, top: "de", share: 80}


def test_diversity_when_every_first_word_differs():
    texts = ["un", "deux", "trois", "quatre"]
    result = demos.diversity(texts)
    assert list(result.values()) == [4, "un", 25]
    assert list(result) == ["suites différentes (sur 4)", "premier mot le plus fréquent", "part de ce premier mot (%)"]


def test_diversity_needs_texts():
    with pytest.raises(ValueError, match="au moins une suite"):
        demos.diversity([])


def test_plot_diversity_draws_both_measures():
    table = pd.DataFrame([{"température": t, **demos.diversity(texts)} for t, texts in
                          [(0, ["a"] * 3), (1.0, ["a", "b c", "d"])]])
    table.attrs["n"] = 3
    fig = demos.plot_diversity(table, title="essai")
    left, right = fig.axes
    assert list(left.lines[0].get_ydata()) == [1, 3]
    assert list(right.lines[0].get_ydata()) == [100, 33]
    assert left.get_title() == "suites différentes (sur 3)"
    plt.close(fig)


# -- temperature on the real model ----------------------------------------------------------------
def test_at_temperature_zero_all_samples_are_identical(local_llm):
    table = demos.diversity_by_temperature(local_llm, START, temperatures=[0], n=6, max_tokens=8)
    texts = table.attrs["suites"][0]
    assert len(texts) == 6 and len(set(texts)) == 1 and texts[0]
    assert table.loc[0, "suites différentes (sur 6)"] == 1
    assert table.loc[0, "part de ce premier mot (%)"] == 100


def test_diversity_grows_with_temperature(local_llm):
    table = demos.diversity_by_temperature(local_llm, START, temperatures=[0, 1.5], n=10, max_tokens=8)
    distinct, share = table["suites différentes (sur 10)"], table["part de ce premier mot (%)"]
    assert distinct[1] > distinct[0] == 1
    assert share[1] < share[0] == 100
    assert len(set(table.attrs["suites"][1.5])) == distinct[1]


def test_the_measurement_is_reproducible(local_llm):
    first = demos.diversity_by_temperature(local_llm, START, temperatures=[0.8], n=4, max_tokens=6, seed=3)
    again = demos.diversity_by_temperature(local_llm, START, temperatures=[0.8], n=4, max_tokens=6, seed=3)
    other = demos.diversity_by_temperature(local_llm, START, temperatures=[0.8], n=4, max_tokens=6, seed=50)
    assert first.attrs["suites"] == again.attrs["suites"]
    assert first.attrs["suites"] != other.attrs["suites"]


# -- pronoun shares (pure) --------------------------------------------------------------------------
def _detail(shares: dict[str, list[float]]) -> pd.DataFrame:
    return pd.DataFrame([{"métier": job, "phrase": i, demos.SHARE: s}
                         for job, values in shares.items() for i, s in enumerate(values, start=1)])


def test_summary_gives_mean_range_and_where_each_job_leans():
    summary = demos.summarise_pronoun_shares(_detail({
        "a": [60, 70, 80],      # every frame above 50 %
        "b": [10, 20, 45],      # every frame below 50 %
        "c": [30, 50, 70],      # one frame exactly at 50 %: no lean
        "d": [40, 55, 61],      # frames on both sides
    }))
    assert list(summary["métier"]) == ["a", "d", "c", "b"]  # highest mean first
    rows = summary.set_index("métier")
    assert rows.loc["a", "part moyenne de « elle » (%)"] == 70
    assert (rows.loc["b", "minimum (%)"], rows.loc["b", "maximum (%)"]) == (10, 45)
    assert rows.loc["d", "part moyenne de « elle » (%)"] == pytest.approx(52.0)
    assert dict(rows["penche"]) == {"a": demos.LEANS_ELLE, "b": demos.LEANS_IL,
                                    "c": demos.MIXED, "d": demos.MIXED}
    assert set(rows["phrases"]) == {3}


def test_summary_refuses_an_empty_table():
    with pytest.raises(ValueError, match="vide"):
        demos.summarise_pronoun_shares(_detail({}))


def test_jobs_to_show_keeps_every_leaning_job_and_the_mixed_ones_nearest_half():
    summary = demos.summarise_pronoun_shares(_detail({
        "elle partout": [60, 70], "il partout": [5, 10], "encore il": [20, 30],
        "près de 50": [45, 56], "assez près": [35, 70], "loin": [10, 60], "très loin": [5, 55],
    }))
    shown = demos.jobs_to_show(summary, near_half=2)
    assert set(shown["métier"]) == {"elle partout", "il partout", "encore il", "près de 50", "assez près"}
    assert list(shown["métier"]) == [m for m in summary["métier"] if m in set(shown["métier"])]  # order kept


def test_plot_pronoun_shares_draws_one_range_per_job():
    summary = demos.summarise_pronoun_shares(_detail({"a": [60, 70], "b": [10, 45], "c": [30, 70]}))
    fig = demos.plot_pronoun_shares(summary, title="essai")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "c", "a"]  # highest mean on top
    assert list(ax.lines[0].get_xdata()) == [10, 45]   # range of « b », drawn first (bottom)
    assert ax.get_xlim() == (0, 100)
    plt.close(fig)


def test_frames_are_epicene_up_to_the_pronoun():
    """Nothing before the pronoun may mark the person's gender: the job comes after « notre »
    (the same for both), no form of « être » (« est arrivé », « est arrivée »), no feminine
    determiner (whose noun « elle » could stand for), no pronoun already chosen."""
    for frame in demos.PRONOUN_FRAMES:
        assert frame.count("{metier}") == 1 and "notre {metier}" in frame.lower(), frame
        words = set(frame.replace("{metier}", "X").replace(".", " ").replace(",", " ").lower().split())
        assert not {"est", "était", "sera", "été", "la", "une", "cette", "sa", "ma", "ta"} & words, frame
        assert not {"il", "elle", "lui", "ils", "elles"} & words, frame


# -- pronoun shares on the real model ------------------------------------------------------------------
def test_the_measurement_reads_a_gender_that_the_sentence_marks(local_llm):
    """The instrument first: with « directrice » the model says « elle », with « directeur » « il »
    or « lui », in every frame."""
    summary = demos.summarise_pronoun_shares(demos.pronoun_shares(local_llm, ["directrice", "directeur"]))
    rows = summary.set_index("métier")
    assert rows.loc["directrice", "penche"] == demos.LEANS_ELLE
    assert rows.loc["directeur", "penche"] == demos.LEANS_IL
    assert rows.loc["directrice", "minimum (%)"] > rows.loc["directeur", "maximum (%)"]


def test_pronoun_shares_has_one_row_per_job_and_frame(local_llm):
    frames = demos.PRONOUN_FRAMES[:2]
    detail = demos.pronoun_shares(local_llm, ["comptable", "secrétaire"], frames)
    assert len(detail) == 4 and detail.attrs["phrases"] == list(frames)
    assert list(detail["phrase"]) == [1, 2, 1, 2]
    for _, row in detail.iterrows():
        p_m, p_f = row[demos.P_MASCULINE], row[demos.P_FEMININE]
        assert 0 < p_m + p_f <= 100
        assert row[demos.SHARE] == pytest.approx(100 * p_f / (p_m + p_f))


def test_pronoun_probabilities_add_the_pronoun_tokens(local_llm):
    """The masculine is « il » as a subject and « lui » after a preposition; « ils », « elles » are not counted."""
    text = "Notre comptable a appelé ce matin. J'ai longuement parlé avec"
    candidates = local_llm.next_token_distribution(text, k=1000)
    expected_m = sum(c.prob for c in candidates if c.token.strip().lower() in {"il", "lui"})
    expected_f = sum(c.prob for c in candidates if c.token.strip().lower() == "elle")
    p_m, p_f = demos.pronoun_probabilities(local_llm, text)
    assert (p_m, p_f) == (pytest.approx(expected_m), pytest.approx(expected_f))
    assert p_m > 0.05 and p_f > 0  # after « avec », « lui » is a likely next word


def test_pronoun_preference_keeps_its_one_sentence_table(local_llm):
    table = demos.pronoun_preference(local_llm, ["directeur", "directrice"],
                                     template="Notre {metier} nous a rappelés hier. Au téléphone,")
    assert list(table.columns) == ["métier", demos.P_MASCULINE, demos.P_FEMININE, demos.SHARE]
    assert list(table["métier"]) == ["directrice", "directeur"]
    assert not any(math.isnan(v) for v in table[demos.SHARE])


def test_pronoun_shares_refuses_a_frame_without_the_job():
    with pytest.raises(ValueError, match="metier"):
        demos.pronoun_shares(None, ["comptable"], ["Au téléphone,"])
