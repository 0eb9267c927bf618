"""Personas from the course tables and the aggregates for an LLM brief
(`ia_marketing.segmentation.personas`, `ia_marketing.segmentation.briefs`)."""

from __future__ import annotations

import pandas as pd
import pytest

from ia_marketing.segmentation import (
    SegmentationError,
    aggregates_prompt,
    persona_texts,
    personas,
    rfm,
    segment_aggregates,
    with_shows,
)


@pytest.fixture()
def world():
    spectacles = pd.DataFrame({"id_spectacle": ["S1", "S2", "S3"], "discipline": ["théâtre", "danse", "cirque"],
                               "saison": ["2024-2025", "2024-2025", "2025-2026"]})
    spectateurs = pd.DataFrame({
        "id_client": ["C1", "C2", "C3", "C4"], "email": ["a@x.example"] * 4,
        "date_naissance": pd.to_datetime(["1990-07-01", "1950-07-01", "2000-07-01", "1970-07-01"]),
        "code_postal": ["06999", "06600", "75001", "06999"], "ville": ["Port-Rivage", "Antibes", "Paris", "Port-Rivage"],
        "abonne": [True, False, False, True]})
    billets = pd.DataFrame({
        "id_client": ["C1", "C1", "C1", "C2", "C3", "C4", "C4"],
        "id_spectacle": ["S1", "S1", "S2", "S3", "S3", "S1", "S3"],
        "date_achat": pd.to_datetime(["2025-01-10", "2025-01-10", "2025-03-01", "2025-10-01", "2025-11-01",
                                      "2025-02-01", "2026-01-01"]),
        "prix": [20.0, 20.0, 15.0, 12.0, 30.0, 20.0, 10.0], "canal": ["web", "web", "guichet", "web", "web", "guichet", "guichet"]})
    return billets, spectacles, spectateurs


def test_with_shows_adds_the_season_and_discipline_without_touching_billets(world):
    billets, spectacles, _ = world
    before = billets.copy()
    out = with_shows(billets, spectacles)
    assert out["discipline"].tolist() == ["théâtre", "théâtre", "danse", "cirque", "cirque", "théâtre", "cirque"]
    assert out["saison"].iloc[-1] == "2025-2026"
    pd.testing.assert_frame_equal(billets, before)
    unknown = with_shows(billets.assign(id_spectacle=["S9"] + ["S1"] * 6), spectacles)
    assert pd.isna(unknown.loc[0, "discipline"])


def test_personas_describe_each_group(world):
    billets, spectacles, spectateurs = world
    groups = pd.Series(["fans", "fans", "autres", "autres"], index=pd.Index(["C1", "C4", "C2", "C3"], name="id_client"),
                       name="groupe")
    table = personas(groups, billets=billets, spectacles=spectacles, spectateurs=spectateurs, at="2026-07-01")
    assert list(table.index) == ["autres", "fans"]
    fans = table.loc["fans"]
    assert fans["spectateurs"] == 2 and fans["part"] == 0.5
    assert fans["panier_median"] == pytest.approx((27.5 + 15.0) / 2)   # C1: 55 € in 2 purchases; C4: 30 € in 2
    assert fans["disciplines"] == "théâtre 60\u00a0%, danse 20\u00a0%"
    assert fans["territoire"] == "Port-Rivage 100\u00a0%"
    assert fans["abonnes"] == 1.0 and fans["age_median"] == 46
    assert fans["canal"] == "guichet 60\u00a0%"
    assert table.loc["autres", "territoire"] == "reste des Alpes-Maritimes 50\u00a0%, hors Alpes-Maritimes 50\u00a0%"
    texts = persona_texts(table)
    assert texts["fans"].startswith("fans — 2 spectateurs (50\u00a0%) : panier médian 21\u00a0€ par achat")
    assert "@" not in " ".join(texts) and "C1" not in " ".join(texts)
    with pytest.raises(SegmentationError, match="indexée par client"):
        personas(["fans"], billets=billets, spectacles=spectacles, spectateurs=spectateurs)


def test_aggregates_for_a_prompt_hold_no_person(world):
    billets, spectacles, _ = world
    table = rfm(billets, customer="id_client", date="date_achat", amount="prix", at="2026-07-01").table
    segments = pd.Series(["fidèles", "fidèles", "nouveaux", "nouveaux"], index=table.index)
    aggregates = segment_aggregates(segments, table, billets=billets, spectacles=spectacles, min_size=2)
    assert list(aggregates.index) == ["fidèles", "nouveaux"]
    assert aggregates.loc["fidèles", "spectateurs"] == 2
    assert aggregates.loc["fidèles", "discipline_favorite"] == "théâtre"
    assert aggregates.loc["nouveaux", "discipline_favorite"] == "cirque"
    assert aggregates.loc["nouveaux", "panier_median"] == pytest.approx(22.5)     # 30 € and 30 € / 2
    assert not any(str(v).startswith("C") and str(v)[1:].isdigit() for v in aggregates.to_numpy().ravel())
    text = aggregates_prompt(aggregates)
    assert text.splitlines()[0].startswith("Segment « fidèles » : 2 spectateurs (50\u00a0%), panier médian")
    assert "discipline préférée : théâtre" in text
    assert "C1" not in text and "@" not in text
    # a group smaller than min_size is withheld
    assert list(segment_aggregates(segments, table, min_size=3).index) == []
    with pytest.raises(SegmentationError, match="min_size"):
        segment_aggregates(segments, table, min_size=0)
