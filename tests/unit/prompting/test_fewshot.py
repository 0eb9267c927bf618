"""Zero-shot vs few-shot measurement, and label probabilities read from the local model."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ia_marketing import load
from ia_marketing.prompting import fewshot as F

LABELS = [" positif", " négatif", " neutre"]


def test_label_probabilities_are_a_distribution_that_reads_the_text(local_llm):
    good = local_llm.label_probabilities("Avis : Magnifique, bravo aux artistes !\nSentiment :", LABELS)
    bad = local_llm.label_probabilities("Avis : Ennuyeux, trop long, très déçu.\nSentiment :", LABELS)
    assert set(good) == set(LABELS)
    assert math.isclose(sum(good.values()), 1.0, rel_tol=1e-9)
    assert good[" positif"] > bad[" positif"]
    assert bad[" négatif"] > good[" négatif"]


def test_label_probabilities_score_every_token_of_a_label(local_llm):
    """« négatif » is two tokens ( nég + atif): its score must be P(nég) × P(atif | nég)."""
    prompt = "Avis : Ennuyeux.\nSentiment :"
    assert len(local_llm.tokenize(" négatif")) == 2
    first = {t.token: t.prob for t in local_llm.next_token_distribution(prompt, k=300_000)}
    second = {t.token: t.prob for t in local_llm.next_token_distribution(prompt + " nég", k=300_000)}
    expected_ratio = first[" positif"] / (first[" nég"] * second["atif"])
    probs = local_llm.label_probabilities(prompt, [" positif", " négatif"])
    assert probs[" positif"] / probs[" négatif"] == pytest.approx(expected_ratio, rel=0.02)


def test_label_probabilities_do_not_depend_on_the_previous_call(local_llm):
    """The shared beginning of two prompts is reused: the result must be the same as from scratch."""
    a = "Classez.\n\nAvis : Superbe.\nSentiment : positif\n\nAvis : Long et ennuyeux.\nSentiment :"
    b = "Classez.\n\nAvis : Superbe.\nSentiment : positif\n\nAvis : Une belle surprise.\nSentiment :"
    local_llm.next_token_distribution("Autre chose", k=1)  # nothing shared
    fresh = local_llm.label_probabilities(b, LABELS)
    local_llm.label_probabilities(a, LABELS)  # shares its beginning with b
    reused = local_llm.label_probabilities(b, LABELS)
    # llama.cpp's sums depend slightly on how the tokens were batched (~0.5 % here); a state
    # not rewound properly would change the answer entirely
    for label in LABELS:
        assert reused[label] == pytest.approx(fresh[label], abs=0.02)
    assert max(reused, key=reused.get) == max(fresh, key=fresh.get)


def test_label_probabilities_refuse_bad_labels(local_llm):
    with pytest.raises(ValueError, match="deux étiquettes"):
        local_llm.label_probabilities("Avis : bien\nSentiment :", [" positif"])
    with pytest.raises(ValueError, match="deux étiquettes"):
        local_llm.label_probabilities("Avis : bien\nSentiment :", [" positif", " positif"])
    with pytest.raises(ValueError, match="vide"):
        local_llm.label_probabilities("", LABELS)


def test_few_shot_prompt_layout():
    prompt = F.few_shot_prompt([("Superbe\nsoirée", "positif"), ("Trop long", "negatif")], "Bof.")
    assert prompt == (F.INSTRUCTION + "\n\n"
                      "Avis : Superbe soirée\nSentiment : positif\n\n"
                      "Avis : Trop long\nSentiment : négatif\n\n"
                      "Avis : Bof.\nSentiment :")
    assert F.few_shot_prompt([], "Bof.", instruction="") == "Avis : Bof.\nSentiment :"


def test_split_and_draw_never_mix_test_and_examples():
    reviews = load("avis")
    test, pool = F.split_reviews(reviews, 60, seed=3)
    assert len(test) == 60 and len(pool) == len(reviews) - 60
    assert set(test["id_avis"]).isdisjoint(pool["id_avis"])
    examples = F.draw_examples(pool, 5, seed=1)
    assert len(examples) == 5
    assert {text for text, _ in examples} <= set(pool["texte"])
    counts = pd.Series([label for _, label in examples]).value_counts()
    assert counts.max() - counts.min() <= 1 and len(counts) == 3  # balanced
    assert F.draw_examples(pool, 5, seed=1) == examples  # reproducible
    assert F.draw_examples(pool, 0, seed=1) == []
    with pytest.raises(ValueError, match="n_test"):
        F.split_reviews(reviews, len(reviews), seed=0)
    with pytest.raises(KeyError, match="sentiment"):
        F.split_reviews(reviews.drop(columns="sentiment"), 10)


def test_measure_few_shot_counts_against_the_labels(local_llm):
    reviews = load("avis")
    measures = F.measure_few_shot(local_llm, reviews, (0, 3), n_test=12, draws=2, seed=5)
    assert list(measures["exemples"]) == [0, 3, 3]
    assert measures[["exactitude", "exactitude calibrée"]].map(lambda v: 0 <= v <= 1).all().all()
    # recount the zero-shot row by hand, with the same held-out reviews
    test, _ = F.split_reviews(reviews, 12, seed=5)
    hits = sum(F.classify(local_llm, t)[0] == truth for t, truth in zip(test["texte"], test["sentiment"]))
    assert measures.loc[0, "exactitude"] == pytest.approx(hits / 12)
    assert measures.attrs["avis testés"] == 12
    assert measures.attrs["référence"] == pytest.approx(test["sentiment"].value_counts(normalize=True).iloc[0])
    summary = F.summarise(measures)
    assert list(summary.index) == [0, 3]
    assert summary.loc[3, "min"] <= summary.loc[3, "exactitude moyenne"] <= summary.loc[3, "max"]
    fig = F.plot_few_shot(measures)
    assert fig.axes[0].get_xlabel() == "nombre d'exemples dans le prompt"


def test_calibration_divides_by_the_content_free_answer(local_llm):
    _, raw = F.classify(local_llm, "Un spectacle correct.")
    calibration = {"positif": 0.8, "negatif": 0.1, "neutre": 0.1}
    _, calibrated = F.classify(local_llm, "Un spectacle correct.", calibration=calibration)
    total = sum(raw[k] / calibration[k] for k in raw)
    # Two evaluations of the same prompt by llama.cpp can differ by a few hundredths (its prompt cache
    # evaluates the shared prefix in other batches); ignoring the calibration would be off by far more
    # (here « positif » would stay near 0,6 instead of falling near 0,2).
    for k in raw:
        assert calibrated[k] == pytest.approx(raw[k] / calibration[k] / total, abs=0.05)
    assert calibrated["positif"] < raw["positif"] - 0.2
