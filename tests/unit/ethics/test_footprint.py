"""The footprint of a campaign (`ia_marketing.ethics.footprint`): energy = W × s / 3 600, ranges
and their validation, the local model's energy, EcoLogits' estimate for a remote model it knows
(and None for one it does not), and the campaign table, whose rows are recomputed by hand. The energy
logic itself lives in `ia_marketing.llm.energy` (the usage meter of every module uses it): module 05
reuses it and raises its own error."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ia_marketing.ethics import (
    DEVICE_WATTS,
    EMAIL_G,
    GRID_FRANCE,
    PUBLISHED_PER_PROMPT,
    EthicsError,
    Range,
    campaign_footprint,
    energy_wh,
    local_energy,
    remote_energy,
)
from ia_marketing.llm import energy as llm_energy

NNBSP = "\u202f"


# -- energy and ranges -----------------------------------------------------------------------
def test_energy_in_watt_hours():
    assert energy_wh(3600, 30) == 30
    assert energy_wh(90, 40) == pytest.approx(1.0)
    assert energy_wh(0, 65) == 0
    assert energy_wh(np.float64(7.2), np.int64(50)) == pytest.approx(0.1)   # values taken from a table


@given(st.floats(0, 1e6), st.floats(0, 1e4))
def test_energy_is_power_times_time(seconds, watts):
    assert energy_wh(seconds, watts) == pytest.approx(watts * seconds / 3600)


@pytest.mark.parametrize(("seconds", "watts", "name"), [
    (-1, 30, "secondes"), (10, -5, "watts"), (math.nan, 30, "secondes"), (10, math.inf, "watts"),
    (True, 30, "secondes"), ("12", 30, "secondes"), (10, None, "watts"),
])
def test_bad_energy_inputs_are_refused(seconds, watts, name):
    with pytest.raises(EthicsError, match=f"Les {name} doivent être un nombre positif"):
        energy_wh(seconds, watts)


def test_ranges_multiply_and_refuse_impossible_bounds():
    assert Range(1, 2) * 3 == Range(3, 6)
    assert 3 * Range(1, 2) == Range(3, 6)
    assert Range(1, 2).times(Range(10, 20)) == Range(10, 40)
    for low, high in ((2, 1), (-1, 2), (math.nan, 1), (0, math.inf)):
        with pytest.raises(EthicsError, match="Fourchette impossible"):
            Range(low, high)
    with pytest.raises(EthicsError, match="Fourchette impossible"):
        Range(1, 2) * -1


def test_local_energy_is_a_range_over_the_stated_power():
    energy = local_energy(120, Range(15, 65))
    assert (energy.low, energy.high) == pytest.approx((0.5, 65 * 120 / 3600))
    default = local_energy(3600)
    assert (default.low, default.high) == (DEVICE_WATTS.low, DEVICE_WATTS.high)
    with pytest.raises(EthicsError, match="Les secondes"):
        local_energy(-3)


def test_the_stated_constants_match_the_checked_figures():
    assert GRID_FRANCE.low <= 21.7 <= GRID_FRANCE.high          # RTE, Bilan électrique 2024: 21.7 g/kWh
    assert (EMAIL_G.low, EMAIL_G.high) == (0.3, 4.0)            # Berners-Lee: short e-mail 0.3 g, ordinary 4 g
    assert 15 <= DEVICE_WATTS.low < DEVICE_WATTS.high <= 65
    assert {row["date"] for row in PUBLISHED_PER_PROMPT} >= {"21 août 2025", "22 juillet 2025", "10 juin 2025"}
    assert all(set(row) == {"source", "date", "modele", "chiffre", "perimetre"} for row in PUBLISHED_PER_PROMPT)


def test_module_05_reuses_the_llm_layer_with_its_own_error():
    assert isinstance(Range(1, 2), llm_energy.Range)
    assert (DEVICE_WATTS.low, DEVICE_WATTS.high) == (llm_energy.DEVICE_WATTS.low, llm_energy.DEVICE_WATTS.high)
    assert type(local_energy(60)) is Range and local_energy(60) == Range(*(w / 60 for w in (15, 65)))
    assert energy_wh(90, 40) == llm_energy.energy_wh(90, 40)
    with pytest.raises(EthicsError) as e:          # not the LLM layer's error: module 05's
        local_energy(-3)
    assert e.value.conseil == "Par exemple : energy_wh(12.5, 30)."
    one = remote_energy("openai", "gpt-4o", 100)
    same = llm_energy.ecologits_impacts("openai", "gpt-4o", 100, latency_s=100 / 50)
    assert (one[0].low, one[0].high, one[1].low, one[1].high) == (same[0].low, same[0].high, same[1].low,
                                                                  same[1].high)


def test_the_published_figures_say_what_they_count():
    by_date = {row["date"]: row for row in PUBLISHED_PER_PROMPT}
    google, mistral = by_date["21 août 2025"], by_date["22 juillet 2025"]
    assert "0,24 Wh" in google["chiffre"] and "médiane" in google["modele"]
    assert "ni entraînement" in google["perimetre"]
    assert "1,14 g CO₂e" in mistral["chiffre"] and "Wh" not in mistral["chiffre"]
    assert "l'entraînement est compté à part" in mistral["perimetre"]


# -- remote models (EcoLogits) ---------------------------------------------------------------
def test_a_known_remote_model_gets_positive_ranges_that_grow_with_tokens():
    short = remote_energy("openai", "gpt-4o", 100)
    long = remote_energy("openai", "gpt-4o", 1000)
    assert short is not None and long is not None
    for energy, co2 in (short, long):
        assert isinstance(energy, Range) and isinstance(co2, Range)
        assert 0 < energy.low <= energy.high and 0 < co2.low <= co2.high
    assert long[0].low > short[0].low and long[0].high > short[0].high
    assert long[1].low > short[1].low and long[1].high > short[1].high
    # a few hundred tokens: the order of magnitude published for one request (tenths of a Wh), not kWh
    assert 0.01 < short[0].high < 10


def test_an_unknown_model_gives_none():
    assert remote_energy("openai", "modele-qui-n-existe-pas", 100) is None
    assert remote_energy("fournisseur-inconnu", "gpt-4o", 100) is None


# -- the campaign ----------------------------------------------------------------------------
def test_the_campaign_rows_are_recomputed_by_hand():
    table = campaign_footprint(1000, 150, remote=(("openai", "gpt-4o"),))
    assert table.columns.tolist() == ["scenario", "energie_wh_min", "energie_wh_max", "co2e_g_min", "co2e_g_max",
                                      "hypothese"]
    assert table["scenario"].tolist() == ["modèle local (ordinateur portable)", "grand modèle distant (gpt-4o)",
                                          f"envoi des 1{NNBSP}000 e-mails"]
    local = table.iloc[0]
    seconds = 1000 * 150 / 45                                   # the default speed, 45 tokens a second
    assert local["energie_wh_min"] == pytest.approx(15 * seconds / 3600)
    assert local["energie_wh_max"] == pytest.approx(65 * seconds / 3600)
    assert local["co2e_g_min"] == pytest.approx(15 * seconds / 3600 / 1000 * 20)
    assert local["co2e_g_max"] == pytest.approx(65 * seconds / 3600 / 1000 * 70)
    assert local["hypothese"].startswith(f"3{NNBSP}333 s de génération (estimé à 45 tokens/s) × 15 à 65 W")
    one_energy, one_co2 = remote_energy("openai", "gpt-4o", 150)
    remote = table.iloc[1]
    assert (remote["energie_wh_min"], remote["energie_wh_max"]) == pytest.approx((1000 * one_energy.low,
                                                                                  1000 * one_energy.high))
    assert (remote["co2e_g_min"], remote["co2e_g_max"]) == pytest.approx((1000 * one_co2.low, 1000 * one_co2.high))
    email = table.iloc[2]
    assert math.isnan(email["energie_wh_min"]) and math.isnan(email["energie_wh_max"])
    assert (email["co2e_g_min"], email["co2e_g_max"]) == pytest.approx((300, 4000))
    assert email["hypothese"] == "0,3 à 4 g CO₂e par e-mail (Berners-Lee), terminaux compris"


def test_the_email_row_scales_with_the_number_of_messages():
    one = campaign_footprint(1000, 150, remote=()).set_index("scenario")
    two = campaign_footprint(2000, 150, remote=()).set_index("scenario")
    assert two.iloc[-1]["co2e_g_min"] == pytest.approx(2 * one.iloc[-1]["co2e_g_min"])
    assert two.iloc[-1]["co2e_g_max"] == pytest.approx(2 * one.iloc[-1]["co2e_g_max"])
    assert two.iloc[0]["energie_wh_max"] == pytest.approx(2 * one.iloc[0]["energie_wh_max"])
    assert campaign_footprint(1, 150, remote=())["scenario"].iloc[-1] == "envoi de 1 e-mail"


def test_a_measured_time_replaces_the_estimate_and_unknown_models_are_skipped():
    table = campaign_footprint(500, 150, local_seconds=90, watts=Range(30, 30), grid=Range(50, 50),
                               remote=(("openai", "modele-inconnu"), ("openai", "gpt-4o")))
    assert table["scenario"].tolist()[1:] == ["grand modèle distant (gpt-4o)", "envoi des 500 e-mails"]
    local = table.iloc[0]
    assert local["energie_wh_min"] == local["energie_wh_max"] == pytest.approx(0.75)     # 30 W × 90 s
    assert local["co2e_g_min"] == pytest.approx(0.75 / 1000 * 50)
    assert "(mesuré)" in local["hypothese"] and "électricité française 50 à 50 g CO₂e/kWh" in local["hypothese"]


def test_the_remote_models_dominate_the_local_draft_by_default():
    table = campaign_footprint(1500, 150).set_index("scenario")
    assert any(s.startswith("grand modèle distant (gpt-4o)") for s in table.index)
    assert (table["co2e_g_min"] >= 0).all() and (table["co2e_g_max"] >= table["co2e_g_min"]).all()


@pytest.mark.parametrize(("args", "kwargs", "match"), [
    ((-1, 150), {}, "nombre de messages doit être un entier positif"),
    ((1.5, 150), {}, "nombre de messages doit être un entier positif"),
    ((True, 150), {}, "nombre de messages doit être un entier positif"),
    ((100, -1), {}, "nombre de tokens par message"),
    ((100, "150"), {}, "nombre de tokens par message"),
    ((100, 150), {"local_tokens_per_second": 0}, "vitesse du modèle local"),
    ((100, 150), {"local_tokens_per_second": -5}, "vitesse du modèle local"),
    ((100, 150), {"local_seconds": -2}, "Les secondes doivent être un nombre positif"),
])
def test_bad_campaigns_are_refused(args, kwargs, match):
    with pytest.raises(EthicsError, match=match):
        campaign_footprint(*args, remote=(), **kwargs)
