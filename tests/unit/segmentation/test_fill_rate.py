"""A show's fill rate per performance, and its forecast on a held-out season against the mean of
the seasons before (`ia_marketing.segmentation.fill_rate`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ia_marketing import load
from ia_marketing.segmentation import FILL_FEATURES, SegmentationError, fill_rate_forecast, performances

SHOWS = pd.DataFrame({
    "id_spectacle": ["S1", "S2"],
    "saison": ["2024-2025", "2025-2026"],
    "discipline": ["danse", "cirque"],
    "salle": ["Studio", "Grande salle"],
    "prix_plein": [21.0, 29.0],
    "jauge": [4, 10],
})


def tickets(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame({"id_spectacle": [s for s, _ in rows], "date_representation": pd.to_datetime([d for _, d in rows])})


def test_one_row_per_performance_with_its_tickets_rate_weekday_and_month():
    billets = tickets([("S1", "2025-03-14"), ("S1", "2025-03-14"), ("S1", "2025-03-15"),
                       ("S2", "2025-12-01")] + [("S2", "2025-12-01")] * 9)
    out = performances(billets, SHOWS)
    assert len(out) == 3
    first = out.iloc[0]
    assert (first["id_spectacle"], first["billets"], first["jauge"]) == ("S1", 2, 4)
    assert first["taux_remplissage"] == 0.5
    assert (first["jour"], first["mois"]) == ("vendredi", "mars")      # 14 March 2025 was a Friday
    assert (out.iloc[1]["jour"], out.iloc[1]["billets"]) == ("samedi", 1)
    last = out.iloc[2]
    assert (last["jour"], last["mois"], last["saison"], last["taux_remplissage"]) == ("lundi", "décembre", "2025-2026", 1.0)
    assert out["billets"].sum() == len(billets)


def test_scale_divides_the_rate_and_the_inputs_are_not_modified():
    billets = tickets([("S1", "2025-03-14")] * 4)
    before = billets.copy()
    assert performances(billets, SHOWS, scale=2)["taux_remplissage"].tolist() == [0.5]
    pd.testing.assert_frame_equal(billets, before)


@pytest.mark.parametrize("scale", [0, -1, True, "1"])
def test_bad_scale(scale):
    with pytest.raises(SegmentationError, match="scale="):
        performances(tickets([("S1", "2025-03-14")]), SHOWS, scale=scale)


def test_ticket_of_an_unknown_show_is_refused_with_its_identifier():
    with pytest.raises(SegmentationError, match="S9") as raised:
        performances(tickets([("S1", "2025-03-14"), ("S9", "2025-03-14")]), SHOWS)
    assert "même jeu de données" in raised.value.conseil


def test_unreadable_performance_date_is_refused():
    billets = pd.DataFrame({"id_spectacle": ["S1", "S1"], "date_representation": ["2025-03-14", "pas une date"]})
    with pytest.raises(SegmentationError, match="1 billet a une date de représentation"):
        performances(billets, SHOWS)


def test_missing_column_is_named():
    with pytest.raises(SegmentationError, match="jauge"):
        performances(tickets([("S1", "2025-03-14")]), SHOWS.drop(columns="jauge"))


def synthetic(seasons: int = 3, per_season: int = 40, seed: int = 0) -> pd.DataFrame:
    """Performances whose fill rate is set by discipline and weekday, plus a little noise."""
    rng = np.random.default_rng(seed)
    rows = []
    effect = {"danse": 0.4, "cirque": 0.9, "théâtre": 0.6}
    for s in range(seasons):
        for _ in range(per_season):
            discipline = rng.choice(list(effect))
            day = rng.choice(["mardi", "samedi"])
            rate = effect[discipline] + (0.05 if day == "samedi" else 0.0) + rng.normal(0, 0.02)
            rows.append({"saison": f"{2022 + s}-{2023 + s}", "discipline": discipline, "jour": day, "mois": "mars",
                         "salle": "Studio", "prix_plein": 20.0, "taux_remplissage": rate})
    return pd.DataFrame(rows)


def test_the_model_beats_the_mean_when_the_features_explain_the_rate():
    forecast = fill_rate_forecast(synthetic())
    assert forecast.test_season == "2024-2025" and forecast.train_seasons == ["2022-2023", "2023-2024"]
    assert len(forecast.predictions) == 40
    errors = forecast.errors
    assert errors.loc["modèle", "erreur_absolue_moyenne"] < 0.05
    assert errors.loc["référence", "erreur_absolue_moyenne"] > 0.1
    assert "Erreur moyenne du modèle" in forecast.summary() and "test sur 2024-2025" in forecast.summary()


def test_the_baseline_is_the_mean_of_the_training_seasons_only():
    table = synthetic()
    forecast = fill_rate_forecast(table)
    train = table[table["saison"] < "2024-2025"]["taux_remplissage"]
    assert np.allclose(forecast.predictions["reference"], train.mean())
    truth = table[table["saison"] == "2024-2025"]["taux_remplissage"].to_numpy()
    assert np.allclose(forecast.predictions["reel"], truth)
    gap = forecast.predictions["modele"] - forecast.predictions["reel"]
    assert forecast.errors.loc["modèle", "erreur_moyenne"] == pytest.approx(gap.mean())


def test_the_held_out_season_is_never_learnt():
    table = synthetic()
    changed = table.copy()
    test_rows = changed["saison"] == "2024-2025"
    changed.loc[test_rows, "taux_remplissage"] = 0.0                 # whatever happened in the test season
    a, b = fill_rate_forecast(table), fill_rate_forecast(changed)
    assert np.allclose(a.predictions["modele"], b.predictions["modele"])
    assert b.errors.loc["référence", "erreur_moyenne"] > 0.5        # only the judgement changes


def test_an_earlier_test_season_learns_only_from_the_seasons_before_it():
    forecast = fill_rate_forecast(synthetic(seasons=4), test_season="2023-2024")
    assert forecast.train_seasons == ["2022-2023"]
    assert set(forecast.predictions.columns) >= set(FILL_FEATURES) | {"reel", "modele", "reference"}


@pytest.mark.parametrize("season, phrase", [("2030-2031", "Saison de test inconnue"),
                                            ("2022-2023", "Aucune saison avant 2022-2023")])
def test_bad_test_season(season, phrase):
    with pytest.raises(SegmentationError, match=phrase):
        fill_rate_forecast(synthetic(), test_season=season)


def test_missing_rate_is_refused():
    table = synthetic()
    table.loc[3, "taux_remplissage"] = np.nan
    with pytest.raises(SegmentationError, match="taux_remplissage"):
        fill_rate_forecast(table)


def test_course_data_fill_rates():
    billets, spectacles = load("billets"), load("spectacles")
    table = performances(billets, spectacles)
    assert len(table) == spectacles["nb_representations"].sum()    # every performance sold tickets
    assert table["billets"].sum() == len(billets)
    assert table["taux_remplissage"].between(0, 1).all()
    forecast = fill_rate_forecast(table)
    print("\n" + forecast.summary() + "\n" + forecast.errors.round(3).to_string())
    assert forecast.test_season == "2025-2026" and len(forecast.predictions) == 37
    # the last season filled better than the three before: both forecasts are too low on average
    assert (forecast.errors["erreur_moyenne"] < 0).all()
