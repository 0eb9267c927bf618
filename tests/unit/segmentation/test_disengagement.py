"""Spectators who drift away (`ia_marketing.segmentation.disengagement`): features from the seasons
before, what really happened, precision / recall / lift on a hand-built case, the minimised list."""

from __future__ import annotations

import pandas as pd
import pytest

from ia_marketing.segmentation import (
    SegmentationError,
    compare_flags,
    disengagement_data,
    evaluate_flags,
    fit_disengagement,
    naive_flags,
    reengagement_list,
    rule_flags,
)

KEYS = dict(customer="client", date="jour", amount="euros", season="saison")


def seasons() -> pd.DataFrame:
    rows = [("A", "2022-10-01", "S1"), ("A", "2023-10-01", "S2"), ("A", "2024-05-01", "S2"), ("A", "2024-10-01", "S3"),
            ("B", "2022-10-01", "S1"),
            ("C", "2022-12-01", "S1"), ("C", "2024-01-15", "S2"),
            ("D", "2024-05-30", "S2"), ("D", "2024-11-02", "S3"),
            ("E", "2023-01-01", "S1"), ("E", "2024-12-01", "S3"),
            ("F", "2024-10-05", "S3")]                       # F is new in S3: not in the population
    return pd.DataFrame({"client": [c for c, _, _ in rows], "jour": pd.to_datetime([d for _, d, _ in rows]),
                         "euros": 10.0, "saison": [s for _, _, s in rows]})


def test_features_and_what_really_happened():
    data = disengagement_data(seasons(), **KEYS)
    assert data.target == "S3" and data.last_season == "S2"
    assert data.at == pd.Timestamp("2024-05-31")
    f = data.features
    assert list(f.index) == ["A", "B", "C", "D", "E"]
    assert f["recence"].tolist() == [30, 608, 137, 1, 516]
    assert f["frequence"].tolist() == [3, 1, 2, 1, 1]
    assert f["saisons"].tolist() == [2, 1, 2, 1, 1]
    assert f["achats_derniere_saison"].tolist() == [2, 0, 1, 1, 0]
    assert data.decroche.tolist() == [False, True, True, False, False]
    assert "5 clients avant la saison S3 ; 40\u00a0% ne sont pas revenus." in repr(data)


def test_precision_recall_and_lift_on_a_known_case():
    data = disengagement_data(seasons(), **KEYS)
    naive = naive_flags(data)
    assert naive[naive].index.tolist() == ["B", "E"]
    scores = evaluate_flags(naive, data)
    assert scores["signales"] == 2 and scores["vrais_positifs"] == 1 and scores["decrocheurs"] == 2
    assert scores["precision"] == pytest.approx(0.5)
    assert scores["rappel"] == pytest.approx(0.5)
    assert scores["taux_de_base"] == pytest.approx(0.4)
    assert scores["lift"] == pytest.approx(1.25)
    rules = rule_flags(data)                                  # + those with a single purchase
    assert rules[rules].index.tolist() == ["B", "D", "E"]
    table = compare_flags({"naïve": naive, "seuils": rules, "parfaite": data.decroche}, data)
    assert table.loc["seuils", "precision"] == pytest.approx(1 / 3)
    assert table.loc["parfaite", "precision"] == 1.0 and table.loc["parfaite", "lift"] == pytest.approx(2.5)
    assert evaluate_flags(pd.Series(False, index=data.features.index), data)["precision"] == 0.0


def test_the_reengagement_list_is_minimised():
    data = disengagement_data(seasons(), **KEYS)
    listed = reengagement_list(data, rule_flags(data))
    assert listed.index.tolist() == ["D", "E", "B"]          # largest amounts, then most recent first
    assert list(listed.columns) == ["recence", "frequence", "montant", "saisons", "achats_derniere_saison", "raison"]
    assert listed.loc["B", "raison"] == "pas venu depuis plus d'un an"
    assert listed.loc["D", "raison"] == "un seul achat"


def test_the_model_learns_from_a_past_season_and_explains_itself():
    frames = []
    for i in range(60):     # loyal customers come back, one-time buyers do not
        loyal = i % 2 == 0
        days = ["2022-10-01", "2023-01-10", "2023-10-01", "2024-03-01"] if loyal else ["2022-11-01"]
        seasons_of = ["S1", "S1", "S2", "S2"] if loyal else ["S1"]
        if loyal or i % 6 == 1:
            days, seasons_of = days + ["2024-10-01"], seasons_of + ["S3"]
        frames.append(pd.DataFrame({"client": f"C{i:02d}", "jour": pd.to_datetime(days), "euros": 20.0,
                                    "saison": seasons_of}))
    history = pd.concat(frames, ignore_index=True)
    train = disengagement_data(history, **KEYS, target="S2")
    model = fit_disengagement(train)
    risk = model.probabilities(disengagement_data(history, **KEYS))
    assert risk.between(0, 1).all()
    assert risk["C01"] > 0.5 > risk["C00"]                   # the one-time buyer is at risk
    coefficients = model.coefficients()
    assert set(coefficients.index) == {"recence", "frequence", "montant", "achats_derniere_saison"}
    assert coefficients["effet"].str.startswith("plus elle est grande").all()
    assert "Régression logistique" in repr(model)


def test_bad_input():
    with pytest.raises(SegmentationError, match="Saison cible inconnue"):
        disengagement_data(seasons(), **KEYS, target="S9")
    with pytest.raises(SegmentationError, match="Aucune saison avant"):
        disengagement_data(seasons(), **KEYS, target="S1")
    with pytest.raises(SegmentationError, match="disengagement_data"):
        naive_flags(seasons())
    one_outcome = disengagement_data(seasons()[seasons()["client"].isin(["A", "D"])], **KEYS)
    with pytest.raises(SegmentationError, match="une seule issue"):
        fit_disengagement(one_outcome)
