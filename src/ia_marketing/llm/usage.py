"""Usage meter: what each call to a model consumed.

For every call: tokens in and out, duration, an estimated cost from an
editable price table, and an energy estimate with where it comes from:

* a model on this computer (the embedded model, a local server): the measured
  duration × a stated power range (`ia_marketing.llm.energy.DEVICE_WATTS`, an
  assumption the line states), and, next to it, what EcoLogits estimates for the
  same number of written tokens on a large remote model
  (`ia_marketing.llm.energy.REFERENCE_REMOTE`);
* a remote model: EcoLogits' energy and CO₂e estimate when it knows the model,
  otherwise « non estimé » with the reason.

The price table ships with the package (``prix_modeles.csv``: indicative public
prices, to check on the provider's page). Edit it for a session with
`set_price`, or point ``IA_MARKETING_PRICES`` to your own CSV with the same columns.
"""

from __future__ import annotations

import csv
import os
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ..core.fr import count as _count
from ..core.fr import number as _fr
from . import energy as _energy

PRICE_COLUMNS = ["fournisseur", "modele", "entree_par_million", "sortie_par_million", "devise",
                 "date_releve", "source"]
CURRENCY_SYMBOL = {"EUR": "€", "USD": "$"}

#: Providers as EcoLogits names them.
ECOLOGITS_PROVIDERS = {"openai": "openai", "mistral": "mistralai", "mistralai": "mistralai",
                       "anthropic": "anthropic", "cohere": "cohere", "google_genai": "google_genai"}


@dataclass(frozen=True)
class Price:
    provider: str
    model: str
    input_per_million: float
    output_per_million: float
    currency: str = "EUR"
    date: str = ""
    source: str = ""


def _read_prices(path: Path | str, *, text: str | None = None) -> dict[tuple[str, str], Price]:
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise FileNotFoundError(
                f"Table de prix introuvable : {path}. Vérifiez le chemin donné dans "
                "IA_MARKETING_PRICES.") from exc
    rows = list(csv.DictReader(text.splitlines()))
    if rows and set(PRICE_COLUMNS) - set(rows[0]):
        missing = ", ".join(sorted(set(PRICE_COLUMNS) - set(rows[0])))
        raise ValueError(f"La table de prix {path} n'a pas les colonnes attendues (manque : {missing}). "
                         f"Colonnes requises : {', '.join(PRICE_COLUMNS)}.")
    table: dict[tuple[str, str], Price] = {}
    for n, row in enumerate(rows, start=2):
        try:
            price = Price(row["fournisseur"].strip().lower(), row["modele"].strip(),
                          float(row["entree_par_million"].replace(",", ".")),
                          float(row["sortie_par_million"].replace(",", ".")),
                          row["devise"].strip().upper() or "EUR", row["date_releve"].strip(),
                          row["source"].strip())
        except (ValueError, AttributeError) as exc:
            raise ValueError(f"Ligne {n} de la table de prix {path} : prix illisible ({exc}). "
                             "Utilisez des nombres, par exemple 0.15.") from exc
        table[(price.provider, price.model)] = price
    return table


def default_prices() -> dict[tuple[str, str], Price]:
    text = files("ia_marketing.llm").joinpath("prix_modeles.csv").read_text(encoding="utf-8")
    table = _read_prices("prix_modeles.csv (paquet ia_marketing.llm)", text=text)
    user = os.environ.get("IA_MARKETING_PRICES", "").strip()
    if user:
        table.update(_read_prices(user))
    return table


_PRICES: dict[tuple[str, str], Price] | None = None


def prices() -> dict[tuple[str, str], Price]:
    """The price table in use."""
    global _PRICES
    if _PRICES is None:
        _PRICES = default_prices()
    return _PRICES


def set_price(provider: str, model: str, input_per_million: float, output_per_million: float,
              currency: str = "EUR", source: str = "saisi dans le notebook") -> None:
    """Add or change a price (per million tokens) for this session."""
    if input_per_million < 0 or output_per_million < 0:
        raise ValueError("Un prix ne peut pas être négatif.")
    prices()[(provider.lower(), model)] = Price(provider.lower(), model, float(input_per_million),
                                               float(output_per_million), currency.upper(),
                                               time.strftime("%Y-%m"), source)


def find_price(provider: str, model: str) -> Price | None:
    table = prices()
    return table.get((provider.lower(), model)) or table.get((provider.lower(), "*"))


def cost(tokens_in: int, tokens_out: int, price: Price) -> float:
    """Cost of one call: tokens × price per million."""
    return (tokens_in * price.input_per_million + tokens_out * price.output_per_million) / 1_000_000


#: Providers whose models run on this computer (their calls are timed, not billed).
LOCAL_PROVIDERS = ("local", "ollama", "lmstudio", "llamacpp")


def _pair(value: _energy.Range | None) -> tuple[float, float] | None:
    return None if value is None else (value.low, value.high)


def _wh(pair: tuple[float, float]) -> str:
    low, high = pair
    return f"{_fr(low, 3)} Wh" if _fr(low, 3) == _fr(high, 3) else f"{_fr(low, 3)} à {_fr(high, 3)} Wh"


def _g(pair: tuple[float, float]) -> str:
    low, high = pair
    return f"{_fr(low, 3)} g" if _fr(low, 3) == _fr(high, 3) else f"{_fr(low, 3)} à {_fr(high, 3)} g"


def _ecologits_name() -> str:
    v = _energy.ecologits_version()
    return f"EcoLogits {v}" if v else "EcoLogits"


def reference_impacts(tokens_out: int) -> tuple[tuple[float, float], tuple[float, float], str] | None:
    """What EcoLogits estimates for *tokens_out* written tokens on the large remote model of
    `energy.REFERENCE_REMOTE`: (energy Wh, CO₂e g, French note), or None (no token written, or
    EcoLogits unavailable)."""
    if not tokens_out:
        return None
    provider, model = _energy.REFERENCE_REMOTE
    impacts = _energy.ecologits_impacts(provider, model, tokens_out)
    if impacts is None:
        return None
    energy, co2e = _pair(impacts[0]), _pair(impacts[1])
    note = (f"pour comparer, la même réponse ({_count(tokens_out, 'token écrit', 'tokens écrits')}) par un grand "
            f"modèle distant, {model} : {_wh(energy)} et {_g(co2e)} CO₂e d'après {_ecologits_name()} "
            "(serveurs, refroidissement et fabrication du matériel ; tokens lus non comptés)")
    return energy, co2e, note


def estimate_impacts(provider: str, model: str, tokens_out: int, duration_s: float, *,
                     on_this_computer: bool | None = None
                     ) -> tuple[tuple[float, float] | None, tuple[float, float] | None, str]:
    """Energy (Wh) and CO₂e (g) ranges of one call, with where they come from, or
    (None, None, reason).

    On this computer (*on_this_computer*, or by default a provider of `LOCAL_PROVIDERS`): the
    measured *duration_s* × `energy.DEVICE_WATTS`, energy only (the CO₂e depends on the local
    electricity). Elsewhere: EcoLogits, when it knows the provider and the model."""
    local = provider in LOCAL_PROVIDERS if on_this_computer is None else on_this_computer
    if local:
        energy = _energy.local_energy(max(0.0, float(duration_s)))
        watts = _energy.DEVICE_WATTS
        return (_pair(energy), None,
                f"estimée sur cet ordinateur : {_fr(duration_s, 2)} s mesurées × {_energy.watts_text(watts)} "
                f"({_energy.DEVICE_WATTS_ASSUMPTION})")
    eco_provider = ECOLOGITS_PROVIDERS.get(provider)
    if eco_provider is None:
        return None, None, (f"non estimé : EcoLogits ne connaît pas le fournisseur « {provider} ».")
    if _energy.ecologits_version() is None:
        return None, None, "non estimé : la bibliothèque EcoLogits n'est pas installée."
    impacts = _energy.ecologits_impacts(eco_provider, model, tokens_out, latency_s=duration_s)
    if impacts is None:
        return None, None, f"non estimé : EcoLogits ne connaît pas le modèle « {model} »."
    return (_pair(impacts[0]), _pair(impacts[1]),
            f"estimation {_ecologits_name()} (fourchette : taille du modèle et matériel du fournisseur incertains)")


@dataclass
class UsageRecord:
    """What one call consumed."""

    backend: str
    provider: str
    model: str
    kind: str
    tokens_in: int | None
    tokens_out: int | None
    duration_s: float
    first_token_s: float | None = None
    cost: float | None = None
    currency: str = "EUR"
    cost_note: str = ""
    energy_wh: tuple[float, float] | None = None
    co2e_g: tuple[float, float] | None = None
    impact_note: str = ""
    #: True when the model ran on this computer (energy = measured time × stated power)
    on_this_computer: bool = False
    #: EcoLogits' estimate of the same written tokens on `energy.REFERENCE_REMOTE` (local calls)
    reference_energy_wh: tuple[float, float] | None = None
    reference_co2e_g: tuple[float, float] | None = None
    reference_note: str = ""
    timestamp: float = field(default_factory=time.time)

    @classmethod
    def build(cls, *, backend: str, provider: str, model: str, kind: str, tokens_in: int | None,
              tokens_out: int | None, duration_s: float, first_token_s: float | None,
              on_this_computer: bool | None = None) -> UsageRecord:
        price = find_price(provider, model)
        if price is None:
            amount, currency = None, "EUR"
            note = (f"non estimé : pas de prix pour « {model} » dans la table ; ajoutez-le avec "
                    "usage.set_price(…)")
        elif tokens_in is None or tokens_out is None:
            amount, currency, note = None, price.currency, "non estimé : le fournisseur n'a pas donné le nombre de tokens"
        else:
            amount, currency = cost(tokens_in, tokens_out, price), price.currency
            note = f"prix indicatif ({price.date}, {price.source})"
        local = provider in LOCAL_PROVIDERS if on_this_computer is None else bool(on_this_computer)
        energy, co2e, impact_note = estimate_impacts(provider, model, tokens_out or 0, duration_s,
                                                     on_this_computer=local)
        reference = reference_impacts(tokens_out or 0) if local else None
        ref_energy, ref_co2e, ref_note = reference if reference else (None, None, "")
        return cls(backend, provider, model, kind, tokens_in, tokens_out, duration_s, first_token_s,
                   amount, currency, note, energy, co2e, impact_note, local, ref_energy, ref_co2e, ref_note)

    def resume(self) -> str:
        """One French line, for notebooks and widgets."""
        tin = "? tokens envoyés" if self.tokens_in is None else _count(self.tokens_in, "token envoyé", "tokens envoyés")
        tout = "? reçus" if self.tokens_out is None else _count(self.tokens_out, "reçu", "reçus")
        parts = [f"{tin}, {tout}", f"{_fr(self.duration_s, 1)} s"]
        if self.cost is None:
            parts.append("coût non estimé")
        else:
            parts.append(f"coût ≈ {_fr(self.cost, 4)} {CURRENCY_SYMBOL.get(self.currency, self.currency)}")
        if self.energy_wh is None:
            parts.append("énergie non estimée")
        elif self.on_this_computer:
            text = (f"énergie ≈ {_wh(self.energy_wh)} sur cet ordinateur "
                    f"({_fr(self.duration_s, 1)} s × {_energy.watts_text()})")
            if self.reference_energy_wh is not None:
                text += f", contre ≈ {_wh(self.reference_energy_wh)} pour un grand modèle distant"
            parts.append(text)
        else:
            text = f"énergie ≈ {_wh(self.energy_wh)}"
            if self.co2e_g is not None:
                text += f", {_g(self.co2e_g)} CO₂e"
            parts.append(text)
        return " · ".join(parts)

    def details(self) -> str:
        """The line plus where each estimate comes from."""
        text = f"{self.resume()}\n  coût : {self.cost_note}\n  énergie : {self.impact_note}"
        if self.reference_note:
            text += f"\n  {self.reference_note}"
        return text

    def __str__(self) -> str:
        return self.resume()


class UsageMeter:
    """Running totals of the calls of this session (this kernel)."""

    def __init__(self) -> None:
        self.records: list[UsageRecord] = []

    def add(self, record: UsageRecord) -> None:
        self.records.append(record)

    def reset(self) -> None:
        self.records.clear()

    def totals(self) -> dict[str, float | int | None]:
        recs = self.records
        costs = [r.cost for r in recs if r.cost is not None]
        by_currency: dict[str, float] = {}
        for r in recs:
            if r.cost is not None:
                by_currency[r.currency] = by_currency.get(r.currency, 0.0) + r.cost
        energies = [r.energy_wh for r in recs if r.energy_wh is not None]
        local = [r for r in recs if r.on_this_computer and r.energy_wh is not None]
        compared = [r for r in local if r.reference_energy_wh is not None]
        return {
            "appels": len(recs),
            "tokens_envoyes": sum(r.tokens_in or 0 for r in recs),
            "tokens_recus": sum(r.tokens_out or 0 for r in recs),
            "duree_s": sum(r.duration_s for r in recs),
            # dollars and euros are not added together: one total per currency
            "cout": (sum(costs) if costs else 0.0) if len(by_currency) <= 1 else None,
            "cout_par_devise": by_currency,
            "appels_sans_cout": len(recs) - len(costs),
            "energie_wh_min": sum(e[0] for e in energies),
            "energie_wh_max": sum(e[1] for e in energies),
            "appels_sans_energie": len(recs) - len(energies),
            # the calls run on this computer, and EcoLogits' estimate of their written tokens on a
            # large remote model (calls that wrote nothing, such as probability readings, have none)
            "appels_locaux": len(local),
            "duree_locale_s": sum(r.duration_s for r in local),
            "energie_locale_wh_min": sum(r.energy_wh[0] for r in local),
            "energie_locale_wh_max": sum(r.energy_wh[1] for r in local),
            "tokens_recus_compares": sum(r.tokens_out or 0 for r in compared),
            "reference_wh_min": sum(r.reference_energy_wh[0] for r in compared),
            "reference_wh_max": sum(r.reference_energy_wh[1] for r in compared),
        }

    def resume(self, *, sources: bool = True) -> str:
        """French summary: one line of totals, then, when models ran on this computer, their
        energy next to EcoLogits' estimate for a large remote model; with *sources*, a last line
        says where the power range comes from."""
        t = self.totals()
        amounts = t["cout_par_devise"] or {"EUR": 0.0}
        cost_text = " + ".join(f"{_fr(v, 4)} {CURRENCY_SYMBOL.get(c, c)}" for c, v in sorted(amounts.items()))
        text = (f"Session : {_count(t['appels'], 'appel', 'appels')}, "
                f"{_count(t['tokens_envoyes'], 'token envoyé', 'tokens envoyés')}, "
                f"{_count(t['tokens_recus'], 'reçu', 'reçus')}, {_fr(t['duree_s'], 1)} s, coût ≈ {cost_text}")
        if t["appels_sans_cout"]:  # « 0 € » alone would hide the calls nobody priced
            text += f" ({_count(t['appels_sans_cout'], 'appel', 'appels')} sans coût estimé)"
        if t["appels_sans_energie"] < t["appels"]:
            text += f", énergie ≈ {_wh((t['energie_wh_min'], t['energie_wh_max']))}"
        if t["appels_sans_energie"]:
            text += f" ({_count(t['appels_sans_energie'], 'appel', 'appels')} sans estimation d'énergie)"
        if not t["appels_locaux"]:
            return text
        local = (t["energie_locale_wh_min"], t["energie_locale_wh_max"])
        text += (f".\nSur cet ordinateur, {_fr(t['duree_locale_s'], 1)} s de calcul × {_energy.watts_text()} "
                 f"≈ {_wh(local)}")
        if t["tokens_recus_compares"]:
            text += (f" ; un grand modèle distant ({_energy.REFERENCE_REMOTE[1]}) aurait consommé "
                     f"≈ {_wh((t['reference_wh_min'], t['reference_wh_max']))} pour écrire les mêmes "
                     f"{_count(t['tokens_recus_compares'], 'token', 'tokens')}, d'après {_ecologits_name()}")
        text += "."
        if sources:
            text += f"\n{_energy.watts_text()} : {_energy.DEVICE_WATTS_ASSUMPTION}."
            if t["tokens_recus_compares"]:
                text += (f" {_ecologits_name()} ne compte que les tokens écrits, ni ceux que le modèle lit, "
                         "ni les lectures de probabilités.")
        return text


#: The meter of this kernel.
SESSION = UsageMeter()


def record_usage(record: UsageRecord) -> None:
    SESSION.add(record)


def session_summary() -> str:
    """French summary of everything this kernel consumed."""
    return SESSION.resume()
