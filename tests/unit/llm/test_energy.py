"""The energy of a call (`ia_marketing.llm.energy`): ranges, W × s / 3 600, the stated laptop power and
where it comes from, EcoLogits' estimate for a remote model (with and without a measured duration),
and the French errors on bad input. Module 05 reuses these (tests/unit/ethics/test_footprint.py)."""

from __future__ import annotations

import math

import pytest

from ia_marketing.core.errors import CourseError
from ia_marketing.llm import energy
from ia_marketing.llm.energy import (
    DEVICE_WATTS,
    DEVICE_WATTS_ASSUMPTION,
    REFERENCE_REMOTE,
    EnergyError,
    Range,
    ecologits_impacts,
    energy_wh,
    local_energy,
    watts_text,
)


def test_watt_hours_are_watts_times_seconds_over_3600():
    assert energy_wh(3600, 30) == 30
    assert energy_wh(90, 40) == pytest.approx(1.0)
    assert energy_wh(0, 65) == 0


@pytest.mark.parametrize(("seconds", "watts", "name"), [
    (-1, 30, "secondes"), (10, -5, "watts"), (math.nan, 30, "secondes"), (True, 30, "secondes"), ("12", 30, "secondes"),
])
def test_bad_inputs_are_french_errors(seconds, watts, name):
    with pytest.raises(EnergyError, match=f"Les {name} doivent être un nombre positif") as e:
        energy_wh(seconds, watts)
    assert isinstance(e.value, CourseError) and isinstance(e.value, ValueError)
    assert e.value.conseil == "Par exemple : energy_wh(12.5, 30)."


def test_ranges_add_multiply_and_refuse_impossible_bounds():
    assert Range(1, 2) * 3 == 3 * Range(1, 2) == Range(3, 6)
    assert Range(1, 2).times(Range(10, 20)) == Range(10, 40)
    assert Range(1, 2) + Range(0.5, 1) == Range(1.5, 3)
    for low, high in ((2, 1), (-1, 2), (math.nan, 1), (0, math.inf)):
        with pytest.raises(EnergyError, match="Fourchette impossible"):
            Range(low, high)


def test_a_subclass_keeps_its_type_and_raises_its_own_error():
    class Theirs(CourseError, ValueError):
        pass

    class TheirRange(Range):
        error = Theirs

    assert type(TheirRange(1, 2) * 2) is TheirRange and type(TheirRange(1, 2) + TheirRange(0, 1)) is TheirRange
    with pytest.raises(Theirs, match="Fourchette impossible"):
        TheirRange(1, 2) * -1


def test_the_laptop_power_is_a_stated_range_with_its_reasons():
    assert (DEVICE_WATTS.low, DEVICE_WATTS.high) == (15.0, 65.0)
    assert watts_text() == "15 à 65 W" and watts_text(Range(30, 30)) == "30 W"
    for said in ("hypothèse", "non mesurée", "15 W", "65 W", "chargeur", "wattmètre"):
        assert said in DEVICE_WATTS_ASSUMPTION
    e = local_energy(7.2)
    assert (e.low, e.high) == pytest.approx((0.03, 0.13))
    assert local_energy(7.2, Range(40, 40)) == Range(0.08, 0.08)


def test_ecologits_gives_ranges_that_grow_with_the_written_tokens():
    short = ecologits_impacts(*REFERENCE_REMOTE, 100)
    long = ecologits_impacts(*REFERENCE_REMOTE, 1000)
    assert short is not None and long is not None
    for wh, g in (short, long):
        assert 0 < wh.low <= wh.high and 0 < g.low <= g.high
    assert long[0].low > short[0].low
    # a hundred tokens: tenths of a watt-hour at most, the order of magnitude published per request
    assert 0.01 < short[0].high < 5


def test_a_short_measured_duration_lowers_the_estimate_and_none_means_ecologits_own_time():
    own = ecologits_impacts(*REFERENCE_REMOTE, 1000)
    quick = ecologits_impacts(*REFERENCE_REMOTE, 1000, latency_s=1.0)
    assert quick[0].high < own[0].high   # EcoLogits takes the measured time when it is shorter
    assert ecologits_impacts(*REFERENCE_REMOTE, 1000, latency_s=1e6)[0] == own[0]


def test_an_unknown_model_or_provider_gives_none():
    assert ecologits_impacts("openai", "modele-qui-n-existe-pas", 100) is None
    assert ecologits_impacts("fournisseur-inconnu", "gpt-4o", 100) is None
    assert energy.ecologits_version()  # installed with the course
