"""The energy of a call to a model, as a range with its stated assumption.

Two estimates, never mixed up:

* a model that runs **on this computer** (the embedded model, or a local server such as Ollama):
  energy = measured generation time × the device's power. The time is measured; the power is
  *stated*, not measured (`DEVICE_WATTS`, with `DEVICE_WATTS_ASSUMPTION` saying where it comes
  from); a plug-in wattmeter gives the real figure. The whole computer's draw during the call is
  counted, screen included: an upper-bound attribution rather than the model's share alone;
* a model served from a **data centre**: EcoLogits' estimate (`ecologits_impacts`: energy and
  greenhouse-gas emissions, usage and manufacturing of the servers, from the model's size and the
  provider's infrastructure; ranges when the size is not public). Methodology:
  https://ecologits.ai/latest/methodology/ . EcoLogits counts the tokens the model writes, not
  the ones it reads.

`REFERENCE_REMOTE` names the large remote model the usage meter compares a local call with: the
same number of written tokens, estimated by EcoLogits.

Module 05 (`ia_marketing.ethics.footprint`) builds the footprint of a whole campaign on these
functions; it lives above this layer, so the logic lives here.
"""

from __future__ import annotations

import logging
import math
import numbers
from dataclasses import dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import ClassVar

from ..core.errors import CourseError
from ..core.fr import decimal

__all__ = ["DEVICE_WATTS", "DEVICE_WATTS_ASSUMPTION", "REFERENCE_REMOTE", "EnergyError", "Range",
           "ecologits_impacts", "ecologits_version", "energy_wh", "local_energy", "watts_text"]


class EnergyError(CourseError, ValueError):
    """Bad input for an energy estimate (in French, with what to do)."""

    titre = "Estimation impossible"


@dataclass(frozen=True)
class Range:
    """A low and a high value, with their unit.

    A subclass may set ``error`` to the error class its module raises (module 05 raises
    `EthicsError`); the arithmetic keeps the subclass."""

    low: float
    high: float

    error: ClassVar[type[CourseError]] = EnergyError

    def __post_init__(self) -> None:
        if not (math.isfinite(self.low) and math.isfinite(self.high)) or self.low < 0 or self.high < self.low:
            raise self.error(f"Fourchette impossible : de {self.low} à {self.high}.",
                             conseil="Donnez deux nombres positifs, le plus petit d'abord.")

    def __mul__(self, factor: float) -> Range:
        return type(self)(self.low * factor, self.high * factor)

    __rmul__ = __mul__

    def times(self, other: Range) -> Range:
        return type(self)(self.low * other.low, self.high * other.high)

    def __add__(self, other: Range) -> Range:
        return type(self)(self.low + other.low, self.high + other.high)


#: Power a laptop draws while the model generates (W): a stated assumption, not a measurement.
DEVICE_WATTS = Range(15.0, 65.0)
#: Where `DEVICE_WATTS` comes from, in the words the learner reads.
DEVICE_WATTS_ASSUMPTION = (
    "hypothèse du cours pour un ordinateur portable, non mesurée sur le vôtre ; 15 W est la "
    "puissance de base des processeurs de portables fins, 65 W celle d'un chargeur de portable "
    "courant, le plus que l'ordinateur puisse tirer de la prise ; un wattmètre branché sur la prise "
    "donne la vraie valeur")

#: The large remote model a local call is compared with (EcoLogits' provider and model names).
REFERENCE_REMOTE = ("mistralai", "mistral-large-latest")


def energy_wh(seconds: float, watts: float) -> float:
    """Energy in watt-hours drawn by a device of *watts* during *seconds*: W × s / 3 600."""
    for name, value in (("secondes", seconds), ("watts", watts)):
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(value) or value < 0:
            raise EnergyError(f"Les {name} doivent être un nombre positif (reçu : {value!r}).",
                              conseil="Par exemple : energy_wh(12.5, 30).")
    return seconds * watts / 3600


def local_energy(seconds: float, watts: Range = DEVICE_WATTS) -> Range:
    """Energy range (Wh) of *seconds* of generation on a device drawing *watts*."""
    return Range(energy_wh(seconds, watts.low), energy_wh(seconds, watts.high))


def watts_text(watts: Range = DEVICE_WATTS) -> str:
    """« 15 à 65 W » (« 30 W » when both bounds are equal)."""
    if watts.low == watts.high:
        return f"{decimal(watts.low)} W"
    return f"{decimal(watts.low)} à {decimal(watts.high)} W"


@cache
def ecologits_version() -> str | None:
    """The installed EcoLogits version (« 0.11.3 »), or None."""
    try:
        return version("ecologits")
    except PackageNotFoundError:
        return None


def ecologits_impacts(provider: str, model: str, tokens_out: int, latency_s: float | None = None
                      ) -> tuple[Range, Range] | None:
    """EcoLogits' (energy Wh, CO₂e g) ranges of one call writing *tokens_out* tokens with *model*
    of *provider* (EcoLogits' names: ``openai``, ``mistralai``…), or None when EcoLogits is not
    installed or does not know the model.

    *latency_s* is the measured duration of the call; EcoLogits uses it when it is shorter than
    its own estimate of the generation time. None: EcoLogits' own estimate (the call was not made
    on that model)."""
    try:
        from ecologits.tracers.utils import llm_impacts
    except ImportError:
        return None
    # after the import: EcoLogits installs its own logger class, which the tracer needs
    logging.getLogger("ecologits").setLevel(logging.ERROR)
    latency = 1e9 if latency_s is None else max(float(latency_s), 1e-3)
    impacts = llm_impacts(provider=provider, model_name=model, output_token_count=max(0, int(tokens_out)),
                          request_latency=latency)
    if impacts is None or impacts.has_errors or impacts.energy is None or impacts.gwp is None:
        return None

    def bounds(value, factor: float) -> Range:
        low, high = (value.min, value.max) if hasattr(value, "min") else (value, value)
        return Range(float(low) * factor, float(high) * factor)

    return bounds(impacts.energy.value, 1000), bounds(impacts.gwp.value, 1000)  # kWh → Wh, kg → g
