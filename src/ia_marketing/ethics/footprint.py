"""The footprint of a campaign written with AI: energy and CO₂e, as ranges, with their sources.

Three ways to produce N personalised messages of T tokens each:

* the course's **local model** on a laptop: energy = generation time × the device's power. The time
  is measured (`local_seconds`); the power is **stated**, not measured (`DEVICE_WATTS`);
* a **large remote model**: EcoLogits' estimate (energy and greenhouse-gas emissions, usage and
  manufacturing of the hardware, from the model's size and the provider's infrastructure; ranges
  when the size is not public). Methodology: https://ecologits.ai/latest/methodology/ ;
* and the e-mails themselves: sending one is not free either (published figures vary by a factor
  of ten depending on what they count).

CO₂e of electricity used on a laptop depends on the grid: France's is among the least carbon-intense
in Europe (nuclear and hydro). `GRID_FRANCE` is a range, not a point: direct emissions on one side,
life-cycle factors on the other.

Every figure is a range: the decision it supports is a comparison of orders of magnitude (is the
AI part of the campaign small or large next to the sending itself?), never a precise total.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pandas as pd

from ..core.fr import count, decimal, integer
from ..llm import energy as _energy
from .errors import EthicsError

__all__ = ["DEVICE_WATTS", "EMAIL_G", "GRID_FRANCE", "PUBLISHED_PER_PROMPT", "Range", "campaign_footprint",
           "energy_wh", "local_energy", "remote_energy"]

# The energy logic (a range, W × s, the stated laptop power, EcoLogits) lives in the LLM layer,
# which the usage meter of every module uses; module 05 adds the campaign, the grid and the e-mails,
# and raises its own error.


class Range(_energy.Range):
    """A low and a high value, with their unit (`ia_marketing.llm.energy.Range`, refusing impossible
    bounds with `EthicsError`)."""

    error = EthicsError


@contextmanager
def _as_ethics_error() -> Iterator[None]:
    try:
        yield
    except _energy.EnergyError as exc:
        raise EthicsError(exc.message, conseil=exc.conseil) from None


def _ours(value: _energy.Range) -> Range:
    return Range(value.low, value.high)


#: Power a laptop draws while the model generates (W): a stated assumption, to replace with a
#: measurement (a plug-in wattmeter) when one is available. See `ia_marketing.llm.energy`.
DEVICE_WATTS = _ours(_energy.DEVICE_WATTS)
#: Carbon intensity of French electricity (g CO₂e per kWh): low end, direct emissions of
#: generation in 2024 (RTE, Bilan électrique 2024: 21.7 g/kWh; 32 g in 2023); high end, life-cycle
#: factors, which count building the plants too (ADEME, Base Empreinte: about 50 to 70 g/kWh
#: depending on the year). Two scopes, not two measurements of the same thing.
GRID_FRANCE = Range(20.0, 70.0)
#: One marketing e-mail received and read (g CO₂e, devices included): from 0.3 g (a short message,
#: Berners-Lee, « How Bad Are Bananas? », 2020 edition, as reported) to 4 g (an ordinary e-mail,
#: 2010 edition). The same author gives 50 g with a large attachment.
EMAIL_G = Range(0.3, 4.0)

#: Per-prompt figures published by the providers or by researchers, with their scope.
PUBLISHED_PER_PROMPT: tuple[dict[str, str], ...] = (
    {"source": "Google (Elsworth et al.), « Measuring the environmental impact of delivering AI at Google scale »",
     "date": "21 août 2025", "modele": "Gemini (applications), requête texte médiane",
     "chiffre": "0,24 Wh ; 0,03 g CO₂e ; 0,26 mL d'eau", "perimetre": "inférence dans les centres de données ; ni entraînement, ni terminaux, ni réseau"},
    {"source": "Mistral AI avec Carbone 4 et l'ADEME, analyse de cycle de vie", "date": "22 juillet 2025",
     "modele": "Mistral Large 2, réponse de 400 tokens (assistant Le Chat)", "chiffre": "1,14 g CO₂e ; 45 mL d'eau",
     "perimetre": "impact marginal d'une réponse, fabrication des serveurs comprise ; l'entraînement est compté "
                  "à part ; pas de chiffre d'énergie publié"},
    {"source": "Sam Altman (OpenAI), billet « The Gentle Singularity »", "date": "10 juin 2025",
     "modele": "ChatGPT, requête moyenne", "chiffre": "0,34 Wh", "perimetre": "non précisé par l'auteur"},
    {"source": "Epoch AI, « How much energy does ChatGPT use? »", "date": "février 2025",
     "modele": "GPT-4o, requête type", "chiffre": "environ 0,3 Wh", "perimetre": "estimation externe, inférence"},
)


def energy_wh(seconds: float, watts: float) -> float:
    """Energy in watt-hours drawn by a device of *watts* during *seconds*: W × s / 3 600."""
    with _as_ethics_error():
        return _energy.energy_wh(seconds, watts)


def local_energy(seconds: float, watts: Range = DEVICE_WATTS) -> Range:
    """Energy range (Wh) of *seconds* of generation on a device drawing *watts*."""
    with _as_ethics_error():
        return _ours(_energy.local_energy(seconds, watts))


def remote_energy(provider: str, model: str, tokens_out: int, *, latency_s: float | None = None
                  ) -> tuple[Range, Range] | None:
    """EcoLogits' (energy Wh, CO₂e g) ranges of one call producing *tokens_out* tokens with a remote
    *model*, or None when EcoLogits does not know it. *latency_s* defaults to 50 tokens a second."""
    latency = latency_s if latency_s is not None else max(tokens_out, 1) / 50
    impacts = _energy.ecologits_impacts(provider, model, tokens_out, latency_s=latency)
    if impacts is None:
        return None
    return _ours(impacts[0]), _ours(impacts[1])


def campaign_footprint(messages: int, tokens_per_message: int, *, local_seconds: float | None = None,
                       local_tokens_per_second: float = 45.0, watts: Range = DEVICE_WATTS,
                       grid: Range = GRID_FRANCE,
                       remote: Sequence[tuple[str, str]] = (("mistralai", "mistral-large-latest"), ("openai", "gpt-4o")),
                       email_g: Range = EMAIL_G) -> pd.DataFrame:
    """One row per way of producing and sending the campaign: ``scenario``, ``energie_wh_min/max``,
    ``co2e_g_min/max``, ``hypothese``. The local model's time is *local_seconds* when measured,
    else *messages* × *tokens_per_message* / *local_tokens_per_second*."""
    if isinstance(messages, bool) or not isinstance(messages, int) or messages < 0:
        raise EthicsError(f"Le nombre de messages doit être un entier positif (reçu : {messages!r}).",
                          conseil="Par exemple : campaign_footprint(1500, 150).")
    if isinstance(tokens_per_message, bool) or not isinstance(tokens_per_message, int) or tokens_per_message < 0:
        raise EthicsError(f"Le nombre de tokens par message doit être un entier positif (reçu : {tokens_per_message!r}).",
                          conseil="Un message de 100 mots fait environ 150 tokens en français.")
    if local_seconds is None and not (isinstance(local_tokens_per_second, numbers.Real)
                                      and local_tokens_per_second > 0):
        raise EthicsError(f"La vitesse du modèle local doit être un nombre de tokens par seconde supérieur à 0 "
                          f"(reçu : {local_tokens_per_second!r}).",
                          conseil="Mesurez-la sur votre ordinateur, ou gardez la valeur par défaut (45).")
    rows = []
    seconds = local_seconds if local_seconds is not None else messages * tokens_per_message / local_tokens_per_second
    energy = local_energy(seconds, watts)
    co2 = energy.times(grid) * (1 / 1000)
    how = "mesuré" if local_seconds is not None else f"estimé à {decimal(local_tokens_per_second)} tokens/s"
    rows.append(("modèle local (ordinateur portable)", energy, co2,
                 f"{integer(round(seconds))} s de génération ({how}) × {decimal(watts.low)} à {decimal(watts.high)} W ; "
                 f"électricité française {decimal(grid.low)} à {decimal(grid.high)} g CO₂e/kWh ; "
                 "fabrication du portable non comptée"))
    for provider, model in remote:
        one = remote_energy(provider, model, tokens_per_message)
        if one is None:
            continue
        e, g = one
        rows.append((f"grand modèle distant ({model})", e * messages, g * messages,
                     "EcoLogits : usage et fabrication des serveurs, électricité du pays des centres de données du fournisseur"))
    rows.append((f"envoi {'des' if messages >= 2 else 'de'} {count(messages, 'e-mail', 'e-mails')}", None,
                 email_g * messages,
                 f"{decimal(email_g.low)} à {decimal(email_g.high)} g CO₂e par e-mail (Berners-Lee), terminaux compris"))
    return pd.DataFrame({
        "scenario": [r[0] for r in rows],
        "energie_wh_min": [r[1].low if r[1] else float("nan") for r in rows],
        "energie_wh_max": [r[1].high if r[1] else float("nan") for r in rows],
        "co2e_g_min": [r[2].low for r in rows],
        "co2e_g_max": [r[2].high for r in rows],
        "hypothese": [r[3] for r in rows],
    })
