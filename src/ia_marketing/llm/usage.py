"""Usage meter: what each call to a model consumed.

For every call: tokens in and out, duration, an estimated cost from an
editable price table, and an energy / CO₂e estimate computed with the
EcoLogits methodology when EcoLogits knows the model — otherwise
« non estimé » with the reason. Every estimate says where it comes from.

The price table ships with the package (``prix_modeles.csv``: indicative public
prices, to check on the provider's page). Edit it for a session with
`set_price`, or point ``IA_MARKETING_PRICES`` to your own CSV with the same columns.
"""

from __future__ import annotations

import csv
import logging
import os
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

from ..core.fr import count as _count
from ..core.fr import number as _fr

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


def _bounds(value) -> tuple[float, float]:
    if hasattr(value, "min") and hasattr(value, "max"):
        return float(value.min), float(value.max)
    return float(value), float(value)


def estimate_impacts(provider: str, model: str, tokens_out: int, duration_s: float
                     ) -> tuple[tuple[float, float] | None, tuple[float, float] | None, str]:
    """Energy (Wh) and CO₂e (g) ranges from EcoLogits, or (None, None, reason)."""
    if provider in ("local", "ollama", "lmstudio", "llamacpp"):
        return None, None, ("non estimé : EcoLogits modélise des modèles servis en centre de données, "
                            "pas un modèle qui tourne sur votre ordinateur (sa consommation dépend "
                            "de votre machine ; un wattmètre la mesurerait).")
    eco_provider = ECOLOGITS_PROVIDERS.get(provider)
    if eco_provider is None:
        return None, None, (f"non estimé : EcoLogits ne connaît pas le fournisseur « {provider} ».")
    try:
        from ecologits.tracers.utils import llm_impacts
    except ImportError:
        return None, None, "non estimé : la bibliothèque EcoLogits n'est pas installée."
    logging.getLogger("ecologits").setLevel(logging.ERROR)
    impacts = llm_impacts(provider=eco_provider, model_name=model,
                          output_token_count=max(0, int(tokens_out)), request_latency=max(duration_s, 1e-3))
    if impacts.has_errors or impacts.energy is None or impacts.gwp is None:
        return None, None, f"non estimé : EcoLogits ne connaît pas le modèle « {model} »."
    energy_kwh = _bounds(impacts.energy.value)
    gwp_kg = _bounds(impacts.gwp.value)
    return ((energy_kwh[0] * 1000, energy_kwh[1] * 1000), (gwp_kg[0] * 1000, gwp_kg[1] * 1000),
            "estimation EcoLogits (fourchette : taille du modèle et matériel du fournisseur incertains)")


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
    timestamp: float = field(default_factory=time.time)

    @classmethod
    def build(cls, *, backend: str, provider: str, model: str, kind: str, tokens_in: int | None,
              tokens_out: int | None, duration_s: float, first_token_s: float | None) -> UsageRecord:
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
        energy, co2e, impact_note = estimate_impacts(provider, model, tokens_out or 0, duration_s)
        return cls(backend, provider, model, kind, tokens_in, tokens_out, duration_s, first_token_s,
                   amount, currency, note, energy, co2e, impact_note)

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
        else:
            parts.append(f"énergie ≈ {_fr(self.energy_wh[0], 3)} à {_fr(self.energy_wh[1], 3)} Wh, "
                         f"{_fr(self.co2e_g[0], 3)} à {_fr(self.co2e_g[1], 3)} g CO₂e")
        return " · ".join(parts)

    def details(self) -> str:
        """The line plus where each estimate comes from."""
        return f"{self.resume()}\n  coût : {self.cost_note}\n  énergie : {self.impact_note}"

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
        }

    def resume(self) -> str:
        t = self.totals()
        amounts = t["cout_par_devise"] or {"EUR": 0.0}
        cost_text = " + ".join(f"{_fr(v, 4)} {CURRENCY_SYMBOL.get(c, c)}" for c, v in sorted(amounts.items()))
        text = (f"Session : {_count(t['appels'], 'appel', 'appels')}, "
                f"{_count(t['tokens_envoyes'], 'token envoyé', 'tokens envoyés')}, "
                f"{_count(t['tokens_recus'], 'reçu', 'reçus')}, {_fr(t['duree_s'], 1)} s, coût ≈ {cost_text}")
        if t["appels_sans_cout"]:  # « 0 € » alone would hide the calls nobody priced
            text += f" ({_count(t['appels_sans_cout'], 'appel', 'appels')} sans coût estimé)"
        if t["appels_sans_energie"] < t["appels"]:
            text += f", énergie ≈ {_fr(t['energie_wh_min'], 3)} à {_fr(t['energie_wh_max'], 3)} Wh"
        if t["appels_sans_energie"]:
            text += f" ({_count(t['appels_sans_energie'], 'appel', 'appels')} sans estimation d'énergie)"
        return text


#: The meter of this kernel.
SESSION = UsageMeter()


def record_usage(record: UsageRecord) -> None:
    SESSION.add(record)


def session_summary() -> str:
    """French summary of everything this kernel consumed."""
    return SESSION.resume()
