"""The constants of the fictional world: the « Théâtre du Rivage » and its four seasons.

The Théâtre du Rivage is an invented multidisciplinary venue in Port-Rivage, an invented
seaside town of the Alpes-Maritimes. This module holds what every table of the generator
shares: file names, seeds and random streams, seasons, the day of the export, disciplines,
tariffs and the venue's price rule, channels, and the home towns and contact details of the
customers (read from ``words/``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date

import numpy as np
from numpy.typing import NDArray

from .words import rows, words

__all__ = [
    "ACQUISITION_CHANNELS", "BASE_CUSTOMERS", "DEFAULT_SEED", "DISCIPLINES", "EXTRACTION",
    "EXTRACTION_DATE", "EXTRACTION_DAY", "FILES", "GENERATOR_NAME", "GENERATOR_VERSION",
    "MANIFEST_NAME", "RAW_FILES", "SALES_CHANNELS", "SEASONS", "SEASON_START_YEARS", "TARIFS",
    "TOWN", "VENUE", "communes", "email_domains", "phone_prefixes", "rng", "ticket_price",
]

#: Written in MANIFEST.json (« generator »); the loader recognises our datasets/ folders by it,
#: so it keeps the name of the module that first wrote them.
GENERATOR_NAME = "ia_marketing.data.generator"
GENERATOR_VERSION = "1.1.0"
DEFAULT_SEED = 2026
MANIFEST_NAME = "MANIFEST.json"

#: Dataset name -> CSV file name, in writing order.
FILES: dict[str, str] = {
    "spectateurs": "spectateurs.csv",
    "spectacles": "spectacles.csv",
    "billets": "billets.csv",
    "journalistes": "journalistes.csv",
    "publications": "publications.csv",
    "avis": "avis.csv",
    "campagnes": "campagnes_newsletter.csv",
    "ciblage": "ciblage_campagne.csv",
}
#: Files written as the outside world writes them (the messy export of module 03, Windows-1252
#: with « ; »), read with `ia_marketing.data.reader.read_export`, and its ground truth.
RAW_FILES: dict[str, str] = {
    "export_billetterie": "export_billetterie.csv",
    "export_billetterie_verite": "export_billetterie_verite.csv",
}

VENUE = "Théâtre du Rivage"
TOWN = "Port-Rivage"

SEASONS: tuple[str, ...] = ("2022-2023", "2023-2024", "2024-2025", "2025-2026")
SEASON_START_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025)
#: Day of the (fictional) export: every season is over, recency is measured from here, and a
#: birth date after it is impossible.
EXTRACTION_DATE = np.datetime64("2026-07-01", "D")
#: The same day as a `datetime.date`, and as a day number (days since 1970-01-01).
EXTRACTION: date = EXTRACTION_DATE.item()
EXTRACTION_DAY: int = int(EXTRACTION_DATE.astype(np.int64))

DISCIPLINES: tuple[str, ...] = ("théâtre", "danse", "musique", "cirque", "jeune public", "humour")
TH, DA, MU, CI, JP, HU = range(6)

#: Tariff -> percentage of the full price (rounded to the nearest 0.50 €); « solidaire » is a flat price.
TARIFS: dict[str, int | None] = {
    "plein": 100,
    "réduit": 80,
    "abonné": 70,
    "moins de 26 ans": 50,
    "solidaire": None,
}
SOLIDAIRE_CENTS = 500
TARIF_NAMES: tuple[str, ...] = tuple(TARIFS)
T_PLEIN, T_REDUIT, T_ABONNE, T_MOINS26, T_SOLIDAIRE = range(5)

#: Number of customers at scale 1.
BASE_CUSTOMERS = 3000

SALES_CHANNELS: tuple[str, ...] = ("guichet", "web", "téléphone")
ACQUISITION_CHANNELS: tuple[str, ...] = (
    "guichet", "site web", "réseaux sociaux", "bouche-à-oreille", "partenaire")

Progress = Callable[[str], None]
IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
StrArray = NDArray[np.str_]

_STREAMS: dict[str, int] = {
    "pools": 101, "shows": 102, "customers": 103, "orders": 104,
    "journalists": 105, "publications": 106, "reviews": 107, "campaigns": 108, "targeting": 109,
}


def rng(stream: str, seed: int) -> np.random.Generator:
    """An independent, reproducible random stream per table."""
    return np.random.default_rng([_STREAMS[stream], seed])


@functools.cache
def communes() -> tuple[tuple[str, str, float], ...]:
    """(code postal, commune, weight) of the customers' home towns (``words/communes.csv``).

    Port-Rivage is invented; the other communes are real places used only as plausible home
    towns. Several départements have a leading zero (01, 02, 04, 05, 06, 07) on purpose:
    code_postal must stay text.
    """
    return tuple((row["code_postal"], row["commune"], float(row["poids"])) for row in rows("communes"))


@functools.cache
def email_domains() -> tuple[tuple[str, float], ...]:
    """(domain, weight) of the customers' e-mail addresses, all under ``.example``."""
    return tuple(words("contacts")["email_domains"].items())


@functools.cache
def phone_prefixes() -> tuple[tuple[str, float], ...]:
    """(prefix such as « 06 39 98 », weight): ranges that Arcep reserves for works of fiction."""
    return tuple(words("contacts")["phone_prefixes"].items())


def price_cents(tarif: IntArray, full_cents: IntArray) -> IntArray:
    """Price in cents of tickets of tariff codes *tarif* for full prices *full_cents*."""
    pct = np.array([TARIFS[name] or 0 for name in TARIF_NAMES], dtype=np.int64)[tarif]
    rounded = (full_cents * pct + 2500) // 5000 * 50
    return np.where(tarif == T_SOLIDAIRE, np.minimum(SOLIDAIRE_CENTS, full_cents), rounded)


def ticket_price(tarif: str, prix_plein: float) -> float:
    """Price of one ticket for a tariff and a full price, by the venue's rule.

    « plein » 100 %, « réduit » 80 %, « abonné » 70 %, « moins de 26 ans » 50 % of the full price,
    rounded to the nearest 0.50 €; « solidaire » is a flat 5 € (never above the full price).
    """
    if tarif not in TARIFS:
        known = ", ".join(TARIFS)
        raise ValueError(f"Tarif inconnu : « {tarif} ». Tarifs possibles : {known}.")
    full = int(round(prix_plein * 100))
    code = TARIF_NAMES.index(tarif)
    return float(price_cents(np.array([code]), np.array([full]))[0]) / 100
