"""Seeded generator of the course's fictional data world: the « Théâtre du Rivage ».

The Théâtre du Rivage is an invented multidisciplinary venue in Port-Rivage, an invented
seaside town of the Alpes-Maritimes. The generator writes, for four seasons of activity
(2022-2023 to 2025-2026):

* ``spectateurs.csv``          customers of the ticketing system,
* ``spectacles.csv``           the programmed shows,
* ``billets.csv``              every ticket sold,
* ``journalistes.csv``         the press list (exactly 50 journalists),
* ``publications.csv``         past social-media posts with their engagement,
* ``avis.csv``                 spectator reviews labelled with their sentiment,
* ``campagnes_newsletter.csv`` newsletter campaigns with opens and clicks,

plus ``MANIFEST.json`` (seed, scale, generator version, row count and sha256 of every file).

**All personal data is fake.** First and last names come from Faker's ``fr_FR`` name lists,
every other attribute is drawn by a seeded numpy generator; e-mail addresses use the reserved
``.example`` top-level domain and phone numbers the ranges that the French regulator (Arcep)
sets aside for works of fiction, so no real person can be reached.

Determinism: every random draw comes from ``numpy.random.default_rng([stream, seed])``, the
reference dates are constants, and the CSV text is formatted explicitly, so the same seed and
scale give byte-identical files. Faker is only read for its static name lists (never called
per row), and everything per row is vectorised, so ``scale=333`` (about one million customers
and ten million tickets) runs in minutes with bounded memory.

Command line::

    python -m ia_marketing.data.generator --out datasets --seed 2026 --scale 1
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "BASE_CUSTOMERS",
    "DEFAULT_SEED",
    "DISCIPLINES",
    "EXTRACTION_DATE",
    "FILES",
    "GENERATOR_NAME",
    "GENERATOR_VERSION",
    "MANIFEST_NAME",
    "SEASONS",
    "TARIFS",
    "generate",
    "main",
    "ticket_price",
]

GENERATOR_NAME = "ia_marketing.data.generator"
GENERATOR_VERSION = "1.0.0"
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
}
#: Files written as the outside world writes them (the messy export of module 03, Windows-1252
#: with « ; »), read with `ia_marketing.cleaning.read_export`, and its ground truth.
RAW_FILES: dict[str, str] = {
    "export_billetterie": "export_billetterie.csv",
    "export_billetterie_verite": "export_billetterie_verite.csv",
}

SEASONS: tuple[str, ...] = ("2022-2023", "2023-2024", "2024-2025", "2025-2026")
SEASON_START_YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025)
#: Date of the (fictional) export: every season is over, recency is measured from here.
EXTRACTION_DATE = np.datetime64("2026-07-01", "D")

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
    "journalists": 105, "publications": 106, "reviews": 107, "campaigns": 108,
}


def _rng(stream: str, seed: int) -> np.random.Generator:
    """An independent, reproducible random stream per table."""
    return np.random.default_rng([_STREAMS[stream], seed])


# --------------------------------------------------------------------------------------------
# Text resources of the fictional world
# --------------------------------------------------------------------------------------------

VENUE = "Théâtre du Rivage"
TOWN = "Port-Rivage"

#: (code postal, commune, weight). Port-Rivage is invented; the other communes are real places
#: used only as plausible home towns. Several départements have a leading zero (01, 02, 04, 05,
#: 06, 07) on purpose: code_postal must stay text.
COMMUNES: tuple[tuple[str, str, float], ...] = (
    ("06290", "Port-Rivage", 40.0),
    ("06000", "Nice", 3.5), ("06100", "Nice", 3.0), ("06200", "Nice", 2.5), ("06300", "Nice", 2.0),
    ("06600", "Antibes", 3.5), ("06160", "Antibes", 1.2), ("06400", "Cannes", 2.6),
    ("06150", "Cannes", 1.0), ("06130", "Grasse", 2.2), ("06800", "Cagnes-sur-Mer", 2.4),
    ("06110", "Le Cannet", 1.8), ("06500", "Menton", 1.5), ("06700", "Saint-Laurent-du-Var", 1.7),
    ("06220", "Vallauris", 1.3), ("06210", "Mandelieu-la-Napoule", 1.1), ("06140", "Vence", 1.2),
    ("06250", "Mougins", 1.0), ("06560", "Valbonne", 1.3), ("06270", "Villeneuve-Loubet", 1.1),
    ("06510", "Carros", 0.8), ("06240", "Beausoleil", 0.6), ("06340", "La Trinité", 0.6),
    ("06190", "Roquebrune-Cap-Martin", 0.6), ("06410", "Biot", 0.7),
    ("06230", "Villefranche-sur-Mer", 0.5), ("06480", "La Colle-sur-Loup", 0.6),
    ("06530", "Peymeinade", 0.5), ("06390", "Contes", 0.4),
    ("83600", "Fréjus", 1.4), ("83700", "Saint-Raphaël", 1.4), ("83300", "Draguignan", 0.8),
    ("83000", "Toulon", 1.0), ("83400", "Hyères", 0.5),
    ("04000", "Digne-les-Bains", 0.5), ("04100", "Manosque", 0.5), ("05000", "Gap", 0.4),
    ("05100", "Briançon", 0.2),
    ("13001", "Marseille", 0.6), ("13006", "Marseille", 0.6), ("13008", "Marseille", 0.5),
    ("13100", "Aix-en-Provence", 0.9),
    ("20000", "Ajaccio", 0.5), ("20200", "Bastia", 0.4), ("20260", "Calvi", 0.2),
    ("01000", "Bourg-en-Bresse", 0.4), ("01100", "Oyonnax", 0.2), ("02000", "Laon", 0.2),
    ("02100", "Saint-Quentin", 0.2), ("07000", "Privas", 0.2), ("07200", "Aubenas", 0.3),
    ("75011", "Paris", 0.8), ("75015", "Paris", 0.8), ("75018", "Paris", 0.6),
    ("75005", "Paris", 0.5), ("69003", "Lyon", 0.5), ("69007", "Lyon", 0.4),
    ("34000", "Montpellier", 0.4), ("38000", "Grenoble", 0.3), ("44000", "Nantes", 0.3),
    ("59000", "Lille", 0.3), ("33000", "Bordeaux", 0.3), ("31000", "Toulouse", 0.3),
    ("67000", "Strasbourg", 0.2),
)

#: Phone prefixes (« 06 39 98 », « 04 65 71 », ...) that Arcep reserves for fiction, with weights.
#: 10 000 numbers per block: numbers stay unique while no block serves more than 10 000 customers
#: (about 16 000 customers in all); beyond that, numbers are reused.
PHONE_RANGES: tuple[tuple[str, float], ...] = (
    ("06 39 98", 0.62), ("04 65 71", 0.30), ("01 99 00", 0.04), ("02 61 91", 0.02), ("05 36 49", 0.02),
)
EMAIL_DOMAINS: tuple[tuple[str, float], ...] = (
    ("courriel.example", 0.30), ("mail.example", 0.25), ("messagerie.example", 0.15),
    ("boite.example", 0.10), ("webmail.example", 0.10), ("net.example", 0.10),
)

SHOW_TITLES: dict[int, tuple[str, ...]] = {
    TH: (
        "La Nuit des marées", "Les Héritiers du phare", "Le Silence d'Ariane", "Ceux qui restent",
        "La Maison aux volets bleus", "L'Inventaire", "Le Dîner des absents", "Les Sœurs Valmont",
        "Tempête sur le port", "Le Jardin d'hiver", "Les Veilleurs de nuit",
        "Un ennemi très ordinaire", "La Dernière Lettre de Clara", "Les Naufragés du salon",
        "Le Bal des menteurs", "Fragments d'un été", "La Ville engloutie",
        "Le Testament de Madame Roux", "Huis clos pour un homme seul", "Les Oiseaux de passage",
        "La Fabrique des héros", "Nos années lumière", "L'Île aux mensonges", "Le Premier Hiver",
        "Ce que disent les vagues", "La Cuisine de Mathilde", "Les Exilés du quai Est",
        "L'Homme qui comptait les bateaux", "Le Mariage de Lucien", "Les Ombres de la rade",
        "Retour à Port-Rivage", "La Comédie des horloges", "Vents contraires",
        "La Chambre d'écho", "Le Roi des sables", "Une famille en bord de mer",
    ),
    DA: (
        "Les Corps flottants", "Écume", "Gravité zéro", "Pas de deux pour une ville",
        "Marées hautes", "Sillage", "Le Sacre du sable", "Horizons verticaux", "Battements",
        "Sous la peau du monde", "Onde de choc", "Hip-hop sur les docks",
        "Les Équilibristes du vent", "Traversée", "Ressac", "Les Danseurs de l'aube",
        "Fil d'Ariane", "Constellations", "Chorégraphie pour douze chaises", "Flux",
    ),
    MU: (
        "Escales atlantiques", "Cordes sensibles", "Nuit blanche au piano",
        "Les Voix de la Méditerranée", "Quatuor des embruns", "Bal populaire électrique",
        "Chansons pour un phare", "Jazz au bout du quai", "Symphonie des marins",
        "Fado pour un soir", "Orchestre de poche", "Les Cuivres du Sud", "Récital au clair de lune",
        "Électro baroque", "Chœur d'hiver", "Tango du littoral", "Rivages soul",
        "La Chanson de Margot", "Ciné-concert : les films muets du port", "Blues des marées basses",
        "Trio Azur", "Polyphonies de l'île", "Duo violoncelle et voix", "Big band de la rade",
    ),
    CI: (
        "Le Grand Chapiteau de papier", "Voltige au-dessus de la mer", "Les Funambules du port",
        "Jongleries salées", "Cirque en apesanteur", "La Roue et le Mât", "Acrobates des marées",
        "Équilibre instable", "Le Cabaret des voltigeurs", "Trapèze pour deux",
    ),
    JP: (
        "Le Petit Phare qui avait peur du noir", "Mina et la baleine", "Plouf !",
        "Le Voyage de Pablo le crabe", "La Forêt qui chantait", "Contes de la marée",
        "Le Monstre sous l'escalier", "Lulu et les nuages", "Mon ami le vent",
        "La Princesse sans royaume", "Les Aventures de Capitaine Sardine", "Tout petit poisson",
        "Bulles de savon", "L'Ogre végétarien", "Le Grand Livre des tempêtes", "Nina dans la lune",
        "Pierre et le loup de mer", "Les Doudous voyageurs", "Marionnettes au fil de l'eau",
        "Le Château de sable",
    ),
    HU: (
        "Tout va très bien (ou presque)", "Seul en scène, mais bien entouré",
        "Les Vacances de mon beau-frère", "Rire à marée haute", "Stand-up sur le quai",
        "Ma vie en open space", "Impro Party", "Le Grand Déballage", "Comment rater ses vacances",
        "La Réunion de famille",
    ),
}

COMPANIES: dict[int, tuple[str, ...]] = {
    TH: ("la compagnie des Embruns", "le collectif Marée Haute", "la compagnie L'Horizon",
         "le Théâtre de la Digue", "la compagnie Vent Debout", "le collectif Les Phares",
         "la compagnie du Quai Sud", "la troupe des Sept Lunes"),
    DA: ("la compagnie Sel & Sable", "le Ballet du Littoral", "la compagnie Onde",
         "le collectif Pieds Nus", "la compagnie Rafale"),
    MU: ("l'Ensemble Calanque", "le Quatuor Lumen", "l'Orchestre de chambre de la Riviera",
         "le trio Sirocco", "la chorale Mistral", "le collectif Bal Marin"),
    CI: ("la compagnie Les Voltigeurs", "le collectif Sur le Fil", "le cirque Grand Large",
         "la compagnie Contrepoids"),
    JP: ("la compagnie Petits Pas", "le théâtre de marionnettes Fil d'Or",
         "la compagnie La Boîte à Rêves", "le collectif Pomme de Pin"),
    HU: ("une humoriste révélée sur scène ouverte", "la troupe d'improvisation Les Impatients",
         "un humoriste de la région", "le duo comique Les Cousins"),
}

THEMES: dict[int, tuple[str, ...]] = {
    TH: ("les secrets de famille", "la mémoire d'une ville portuaire", "le travail et la fatigue",
         "l'amitié à l'épreuve du temps", "l'exil et le retour", "le pouvoir et ses arrangements",
         "l'amour quand on ne l'attend plus", "la transmission entre générations"),
    DA: ("le mouvement des marées", "la solitude dans la foule", "la gravité et la chute",
         "le souffle et le rythme", "la rencontre de deux corps", "la ville qui s'éveille"),
    MU: ("les musiques de la Méditerranée", "le répertoire baroque revisité",
         "la chanson française d'hier et d'aujourd'hui", "le jazz des années 50",
         "les chants de marins", "les grandes pages romantiques"),
    CI: ("le vertige et la confiance", "l'équilibre précaire", "le jeu et le risque",
         "la légèreté"),
    JP: ("la peur du noir", "l'amitié entre un enfant et un animal", "le respect de la nature",
         "le courage", "les différences qui rapprochent"),
    HU: ("les petits tracas du quotidien", "la vie de bureau", "les repas de famille",
         "les vacances ratées", "notre rapport aux écrans"),
}

DESCRIPTION_TEMPLATES: dict[int, tuple[str, ...]] = {
    TH: (
        "{company} signe une comédie grinçante sur {theme}. {n} comédiens pour {duration} de jeu serré.",
        "Une fresque intime autour de {theme}, portée par {company}. Humour et émotion se répondent jusqu'au dernier tableau.",
        "Dans un décor dépouillé, {company} interroge {theme}. Un texte contemporain d'une grande justesse.",
        "Création de {company} sur {theme}. Une écriture vive, servie par {n} interprètes.",
    ),
    DA: (
        "{company} explore {theme} dans une pièce pour {n} danseurs. Une chorégraphie tendue et lumineuse.",
        "Un ballet contemporain sur {theme}, signé {company}. {duration} d'une danse physique et poétique.",
        "{company} fait de {theme} un terrain de jeu chorégraphique. Musique live et scénographie épurée.",
    ),
    MU: (
        "{company} revisite {theme}. Un concert de {duration}, entre virtuosité et complicité avec le public.",
        "Un voyage musical à travers {theme}, proposé par {company}. Une soirée chaleureuse à partager.",
        "{company} réunit {n} musiciens autour de {theme}. Des arrangements inventifs et généreux.",
    ),
    CI: (
        "{company} joue avec {theme} : voltige, portés et jonglage. Un spectacle à couper le souffle, dès 7 ans.",
        "Cirque contemporain sur {theme} par {company}. {n} acrobates et un musicien pour {duration} de haute voltige.",
    ),
    JP: (
        "Un conte musical sur {theme}, imaginé par {company}. Dès 4 ans, {duration} de rêve et de rires.",
        "{company} aborde {theme} avec marionnettes et chansons. Un spectacle tendre pour les familles, dès 3 ans.",
        "Théâtre d'objets sur {theme} par {company}. À partager en famille, dès 5 ans.",
    ),
    HU: (
        "{company} dissèque {theme} avec une mauvaise foi réjouissante. {duration} de rires garantis.",
        "Un seul en scène sur {theme}, porté par {company}. Des personnages hauts en couleur et beaucoup d'autodérision.",
    ),
}

#: The performers' noun, per discipline (used in reviews and posts).
ARTISTS: dict[int, str] = {
    TH: "les comédiens", DA: "les danseurs", MU: "les musiciens",
    CI: "les acrobates", JP: "les comédiens", HU: "les artistes",
}
DISCIPLINE_HASHTAGS: dict[int, str] = {
    TH: "#Théâtre", DA: "#Danse", MU: "#Musique", CI: "#Cirque", JP: "#JeunePublic", HU: "#Humour",
}
DISCIPLINE_PHRASES: dict[int, str] = {
    TH: "une pièce de théâtre", DA: "un spectacle de danse", MU: "un concert",
    CI: "un spectacle de cirque", JP: "un spectacle jeune public", HU: "un spectacle d'humour",
}

MONTHS_FR: tuple[str, ...] = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre")
WEEKDAYS_FR: tuple[str, ...] = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

def _days(date: str) -> int:
    """Days since 1970-01-01 for an ISO date."""
    return int(np.datetime64(date, "D").astype(np.int64))


def _iso(days: IntArray | int) -> StrArray:
    """ISO dates (YYYY-MM-DD) for day numbers."""
    return np.datetime_as_string(np.asarray(days, dtype=np.int64).astype("datetime64[D]"), unit="D")


def _date_parts(days: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """(year, month 1-12, day 1-31) of day numbers."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    year = d.astype("datetime64[Y]").astype(np.int64) + 1970
    month_start = d.astype("datetime64[M]")
    month = month_start.astype(np.int64) % 12 + 1
    day = (d - month_start.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def _age_years(birth: IntArray, at: IntArray) -> IntArray:
    """Exact age in completed years on date *at* for people born on *birth* (day numbers)."""
    by, bm, bd = _date_parts(birth)
    ay, am, ad = _date_parts(at)
    before_birthday = (am < bm) | ((am == bm) & (ad < bd))
    return ay - by - before_birthday.astype(np.int64)


def _weekday(days: IntArray | int) -> IntArray:
    """Monday = 0 ... Sunday = 6 (1970-01-01 was a Thursday)."""
    return (np.asarray(days, dtype=np.int64) + 3) % 7


def _french_date(days: int, with_weekday: bool = False) -> str:
    """« 14 mars » or « vendredi 14 mars » for a day number."""
    year, month, day = (int(x[0]) for x in _date_parts(np.array([days])))
    first = "1er" if day == 1 else str(day)
    text = f"{first} {MONTHS_FR[month - 1]}"
    if with_weekday:
        text = f"{WEEKDAYS_FR[int(_weekday(days))]} {text}"
    return text


def _slug(text: str) -> str:
    """Lower-case ASCII letters and digits only (for e-mail local parts and domains)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


_CONTRACTIONS: tuple[tuple[str, str], ...] = (
    (" de le ", " du "), (" de les ", " des "), (" à le ", " au "), (" à les ", " aux "),
    (" de Le ", " du "), (" de Les ", " des "), (" à Le ", " au "), (" à Les ", " aux "),
)
NUMBER_WORDS: tuple[str, ...] = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")


def _contract(text: str) -> str:
    """French contractions after filling templates: « de le » -> « du », « à les » -> « aux »…"""
    for written, contracted in _CONTRACTIONS:
        text = text.replace(written, contracted)
    return text


def _of_month(month: str) -> str:
    """« de mai » but « d'avril »."""
    return f"d'{month}" if month[0] in "aeiouéè" else f"de {month}"


def _choice(rng: np.random.Generator, items: Sequence[str]) -> str:
    return items[int(rng.integers(len(items)))]


def _weighted(rng: np.random.Generator, weights: Sequence[float], size: int) -> IntArray:
    """Indices drawn with the given (unnormalised) weights."""
    p = np.asarray(weights, dtype=np.float64)
    return rng.choice(len(p), size=size, p=p / p.sum()).astype(np.int64)


def _cents_text(cents: IntArray) -> StrArray:
    """Integer cents -> « 22.50 » (dot decimal, always two decimals)."""
    c = np.asarray(cents, dtype=np.int64)
    euros = (c // 100).astype(np.str_)
    rest = np.strings.zfill((c % 100).astype(np.str_), 2)
    return np.strings.add(np.strings.add(euros, "."), rest)


def _encoded(names: Sequence[str]) -> NDArray[np.bytes_]:
    """UTF-8 encoded labels, to index large categorical columns without per-row encoding."""
    return np.array([name.encode("utf-8") for name in names], dtype=np.bytes_)


def _bool_text(values: BoolArray) -> StrArray:
    return np.where(values, "true", "false")


def _ids(prefix: str, start: int, stop: int, width: int) -> StrArray:
    numbers = np.strings.zfill(np.arange(start, stop, dtype=np.int64).astype(np.str_), width)
    return np.strings.add(prefix, numbers)


def _id_width(count: int, minimum: int) -> int:
    return max(minimum, len(str(count)))


def _id_bytes(prefix: str, numbers: IntArray, width: int) -> NDArray[np.bytes_]:
    """« C00042 »-style identifiers as bytes, rendered digit by digit (fast for millions of rows)."""
    numbers = np.asarray(numbers, dtype=np.int64)
    powers = 10 ** np.arange(width - 1, -1, -1, dtype=np.int64)
    digits = ((numbers[:, None] // powers) % 10 + ord("0")).astype(np.uint8)
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    matrix = np.concatenate([np.broadcast_to(head, (len(numbers), len(head))), digits], axis=1)
    return np.ascontiguousarray(matrix).view(f"S{len(head) + width}").ravel()


def _iso_bytes(days: IntArray) -> NDArray[np.bytes_]:
    """ISO dates as bytes through a lookup table (a few thousand distinct days at most)."""
    days = np.asarray(days, dtype=np.int64)
    if len(days) == 0:
        return np.array([], dtype="S10")
    low = int(days.min())
    table = _iso(np.arange(low, int(days.max()) + 1)).astype("S10")
    return table[days - low]


def _cents_bytes(cents: IntArray) -> NDArray[np.bytes_]:
    """Prices as bytes (« 22.50 ») through a lookup table."""
    cents = np.asarray(cents, dtype=np.int64)
    table = _cents_text(np.arange(int(cents.max(initial=0)) + 1)).astype(np.bytes_)
    return table[cents]


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
    return float(_price_cents(np.array([code]), np.array([full]))[0]) / 100


def _price_cents(tarif: IntArray, full_cents: IntArray) -> IntArray:
    pct = np.array([TARIFS[name] or 0 for name in TARIF_NAMES], dtype=np.int64)[tarif]
    rounded = (full_cents * pct + 2500) // 5000 * 50
    return np.where(tarif == T_SOLIDAIRE, np.minimum(SOLIDAIRE_CENTS, full_cents), rounded)


# --------------------------------------------------------------------------------------------
# Name pools (Faker is read once, for its static fr_FR lists)
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Pools:
    """First and last names with popularity weights and their ASCII slugs."""

    female: StrArray
    male: StrArray
    last: StrArray
    female_slug: StrArray
    male_slug: StrArray
    last_slug: StrArray
    female_p: FloatArray
    male_p: FloatArray
    last_p: FloatArray


def _zipf(n: int, exponent: float = 0.9, offset: float = 8.0) -> FloatArray:
    w = 1.0 / (np.arange(n, dtype=np.float64) + offset) ** exponent
    return w / w.sum()


def build_pools(seed: int) -> Pools:
    """Name pools from Faker's fr_FR lists; popularity weights are seeded."""
    from faker.providers.person.fr_FR import Provider

    rng = _rng("pools", seed)
    female = np.array(sorted(set(Provider.first_names_female)), dtype=np.str_)
    male = np.array(sorted(set(Provider.first_names_male)), dtype=np.str_)
    # The fr_FR last names are listed from the most to the least frequent: keep that order.
    seen: set[str] = set()
    last_list = [n for n in Provider.last_names if not (n in seen or seen.add(n))]
    last = np.array(last_list, dtype=np.str_)
    female_p = _zipf(len(female))[np.argsort(rng.permutation(len(female)))]
    male_p = _zipf(len(male))[np.argsort(rng.permutation(len(male)))]
    last_p = _zipf(len(last), exponent=0.8, offset=20.0)

    def slugs(names: StrArray) -> StrArray:
        return np.array([_slug(str(n)) for n in names], dtype=np.str_)

    return Pools(female, male, last, slugs(female), slugs(male), slugs(last),
                 female_p, male_p, last_p)


# --------------------------------------------------------------------------------------------
# Shows
# --------------------------------------------------------------------------------------------

SHOWS_PER_SEASON: dict[int, int] = {TH: 8, DA: 4, MU: 5, CI: 2, JP: 4, HU: 2}
GRANDE, STUDIO = 0, 1
HALLS: tuple[tuple[str, int], ...] = (("Grande salle", 600), ("Studio", 180))
P_GRANDE: dict[int, float] = {TH: 0.4, DA: 0.5, MU: 0.6, CI: 1.0, JP: 0.15, HU: 0.7}
BASE_FILL: dict[int, float] = {TH: 0.70, DA: 0.58, MU: 0.76, CI: 0.90, JP: 0.82, HU: 0.93}
FULL_PRICE: dict[int, tuple[int, int]] = {  # (Grande salle, Studio), euros in 2022-2023
    TH: (28, 20), DA: (26, 19), MU: (30, 22), CI: (26, 20), JP: (12, 10), HU: (30, 24)}


@dataclass(frozen=True)
class Shows:
    """Programme of every season (one row per show, sorted by premiere date)."""

    ids: StrArray
    title: StrArray
    discipline: IntArray
    season: IntArray
    premiere: IntArray           # day numbers
    reps: IntArray
    hall: IntArray
    jauge: IntArray              # seats on sale per performance
    full_cents: IntArray
    description: StrArray
    company: StrArray
    appeal: FloatArray           # target fill rate at scale 1

    @property
    def count(self) -> int:
        return len(self.ids)

    @property
    def last_date(self) -> IntArray:
        return self.premiere + self.reps - 1

    @property
    def capacity(self) -> IntArray:
        return self.jauge * self.reps


def _season_weeks(start_year: int) -> IntArray:
    """Mondays on which a show can open: late September to early June, no Christmas week."""
    first = _days(f"{start_year}-09-21")
    first += (7 - int(_weekday(first))) % 7
    mondays = first + 7 * np.arange(38, dtype=np.int64)
    christmas = _days(f"{start_year}-12-21")
    keep = ~((mondays >= christmas) & (mondays < christmas + 14))
    return mondays[keep][:36]


def build_shows(seed: int) -> Shows:
    rng = _rng("shows", seed)
    title_order = {d: rng.permutation(len(SHOW_TITLES[d])) for d in range(6)}
    used = dict.fromkeys(range(6), 0)
    rows: list[dict[str, object]] = []
    for s, year in enumerate(SEASON_START_YEARS):
        disciplines = np.concatenate([np.full(k, d) for d, k in SHOWS_PER_SEASON.items()])
        disciplines = disciplines[rng.permutation(len(disciplines))]
        weeks = np.sort(rng.choice(_season_weeks(year), size=len(disciplines), replace=False))
        for d, monday in zip(disciplines.tolist(), weeks.tolist(), strict=True):
            title = SHOW_TITLES[d][int(title_order[d][used[d]])]
            used[d] += 1
            hall = GRANDE if rng.random() < P_GRANDE[d] else STUDIO
            if hall == GRANDE:
                reps = int(rng.choice([1, 2, 3], p=[0.86, 0.12, 0.02]))
                jauge = int(rng.choice([600, 550, 500], p=[0.8, 0.12, 0.08]))
            else:
                reps = int(rng.choice([1, 2, 3, 4], p=[0.30, 0.42, 0.20, 0.08]))
                jauge = int(rng.choice([180, 150, 120], p=[0.8, 0.12, 0.08]))
            if d == JP:  # family shows open on Wednesday (school-free afternoon)
                offset = 2
            else:
                offset = int(rng.integers(1, min(3, 7 - reps) + 1))
            price = FULL_PRICE[d][hall] + s + int(rng.choice([-2, 0, 0, 2]))
            appeal = BASE_FILL[d] * math.exp(rng.normal(0.0, 0.22)) * (0.93 if hall == GRANDE else 1.0)
            company = _choice(rng, COMPANIES[d])
            template = _choice(rng, DESCRIPTION_TEMPLATES[d])
            description = _contract(template.format(
                company=company, theme=_choice(rng, THEMES[d]),
                n=NUMBER_WORDS[int(rng.integers(2, 9))],
                duration=_choice(rng, ("1 h", "1 h 10", "1 h 20", "1 h 30", "1 h 45"))))
            rows.append({
                "title": title, "discipline": d, "season": s, "premiere": monday + offset,
                "reps": reps, "hall": hall, "jauge": jauge, "full": price * 100,
                "description": description[0].upper() + description[1:], "company": company,
                "appeal": min(max(appeal, 0.28), 1.08),
            })
    rows.sort(key=lambda r: (int(r["premiere"]), str(r["title"])))  # type: ignore[call-overload]
    n = len(rows)

    def col(key: str, dtype: type) -> np.ndarray:
        return np.array([r[key] for r in rows], dtype=dtype)

    return Shows(
        ids=_ids("S", 1, n + 1, 3), title=col("title", np.str_), discipline=col("discipline", np.int64),
        season=col("season", np.int64), premiere=col("premiere", np.int64), reps=col("reps", np.int64),
        hall=col("hall", np.int64), jauge=col("jauge", np.int64), full_cents=col("full", np.int64),
        description=col("description", np.str_), company=col("company", np.str_),
        appeal=col("appeal", np.float64))


def shows_columns(shows: Shows) -> dict[str, np.ndarray]:
    return {
        "id_spectacle": shows.ids,
        "titre": shows.title,
        "discipline": np.array(DISCIPLINES, dtype=np.str_)[shows.discipline],
        "saison": np.array(SEASONS, dtype=np.str_)[shows.season],
        "date_premiere": _iso(shows.premiere),
        "nb_representations": shows.reps.astype(np.str_),
        "salle": np.array([h for h, _ in HALLS], dtype=np.str_)[shows.hall],
        "jauge": shows.jauge.astype(np.str_),
        "prix_plein": _cents_text(shows.full_cents),
        "description": shows.description,
    }


# --------------------------------------------------------------------------------------------
# Audience: customers and their tickets
# --------------------------------------------------------------------------------------------

SUB, REG, OCC, ONCE = range(4)  # latent behaviour: subscriber, regular, occasional, one-time buyer
#: Probability of each behaviour by age band (< 30, 30-49, 50+).
TYPE_BY_AGE = np.array([
    [0.06, 0.18, 0.42, 0.34],
    [0.12, 0.24, 0.36, 0.28],
    [0.22, 0.28, 0.30, 0.20],
])
FIRST_SEASON_P = np.array([0.50, 0.18, 0.17, 0.15])
#: Probability of coming back the next season, and of buying in a season between the first and last.
CONTINUE_P = np.array([0.90, 0.80, 0.60, 0.0])
MIDDLE_ACTIVE_P = np.array([1.0, 0.92, 0.70, 0.0])
#: Favourite discipline by age band (théâtre, danse, musique, cirque, jeune public, humour).
FAVOURITE_BY_AGE = np.array([
    [0.22, 0.14, 0.24, 0.10, 0.02, 0.28],
    [0.25, 0.12, 0.20, 0.08, 0.25, 0.10],
    [0.42, 0.14, 0.28, 0.05, 0.04, 0.07],
])
BASE_AFFINITY = np.array([1.0, 1.0, 1.0, 1.0, 0.3, 1.0])
#: Demand multiplier per season (2022-2023 audiences were still coming back after the pandemic).
SEASON_DEMAND = np.array([0.88, 1.0, 1.0, 1.0])
CHANNEL_BY_AGE = np.array([[0.15, 0.75, 0.10], [0.30, 0.55, 0.15], [0.45, 0.30, 0.25]])
ACQUISITION_BY_AGE = np.array([
    [0.10, 0.30, 0.40, 0.15, 0.05],
    [0.22, 0.38, 0.15, 0.17, 0.08],
    [0.38, 0.25, 0.04, 0.23, 0.10],
])
LEAD_DAYS = np.array([25.0, 35.0, 20.0, 14.0])  # mean days between purchase and performance
TICKETS_P = np.array([0.36, 0.49, 0.07, 0.08])      # 1, 2, 3, 4 tickets per order
TICKETS_P_FAMILY = np.array([0.08, 0.30, 0.36, 0.26])
TICKETS_P_SUBSCRIBER = np.array([0.42, 0.58, 0.0, 0.0])  # a subscription is for one or two people
TICKETS_PER_ORDER = np.array([
    float(np.dot(TICKETS_P_FAMILY if d == JP else TICKETS_P, np.arange(1, 5))) for d in range(6)])


@dataclass(frozen=True)
class Audience:
    """Customers (final id order) and tickets (chronological order), as arrays."""

    n: int
    female: BoolArray
    first_idx: IntArray
    last_idx: IntArray
    commune: IntArray
    birth: IntArray
    first_purchase: IntArray
    acquisition: IntArray
    optin: BoolArray
    subscribed: BoolArray          # (n, seasons)
    active: BoolArray              # (n, seasons)
    family_buyer: BoolArray        # has bought a « jeune public » show
    email_pattern: IntArray
    email_domain: IntArray
    phone_range: IntArray
    phone_suffix: IntArray
    # tickets
    t_customer: NDArray[np.int32]
    t_show: NDArray[np.int16]
    t_date: NDArray[np.int32]
    t_perf: NDArray[np.int32]
    t_tarif: NDArray[np.int8]
    t_cents: NDArray[np.int32]
    t_channel: NDArray[np.int8]


def _band(age: FloatArray) -> IntArray:
    return np.digitize(age, [30.0, 50.0]).astype(np.int64)


def _draw_rows(rng: np.random.Generator, table: FloatArray, rows: IntArray) -> IntArray:
    """One category per element, each with its own probability row ``table[rows]``."""
    cum = np.cumsum(table, axis=1)
    cum[:, -1] = 1.0
    u = rng.random(len(rows))
    return (u[:, None] >= cum[rows]).sum(axis=1).astype(np.int64)


def _group_cumsum(keys: IntArray, values: IntArray) -> IntArray:
    """Running sum of *values* restarting at each new key (*keys* sorted)."""
    total = np.cumsum(values)
    if len(keys) == 0:
        return total
    starts = np.concatenate([[0], np.flatnonzero(np.diff(keys)) + 1])
    lengths = np.diff(np.concatenate([starts, [len(keys)]]))
    before = (total - values)[starts]
    return total - np.repeat(before, lengths)


def _choose_shows(rng: np.random.Generator, shows: Shows, order_season: IntArray,
                  affinity: NDArray[np.float32], order_customer: IntArray) -> IntArray:
    """Pick a show for every order: discipline by taste, then show by appeal."""
    weight = shows.appeal * shows.capacity
    season_discipline = np.zeros((len(SEASONS), len(DISCIPLINES)))
    np.add.at(season_discipline, (shows.season, shows.discipline), weight)
    group = shows.season * len(DISCIPLINES) + shows.discipline
    by_group = np.lexsort((np.arange(shows.count), group))
    sorted_group = group[by_group]
    within = np.zeros(shows.count)
    cum = np.cumsum(weight[by_group])
    starts = np.concatenate([[0], np.flatnonzero(np.diff(sorted_group)) + 1])
    ends = np.concatenate([starts[1:], [shows.count]])
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        before = cum[a - 1] if a > 0 else 0.0
        within[a:b] = (cum[a:b] - before) / (cum[b - 1] - before)
        within[b - 1] = 1.0
    ladder = sorted_group + within  # strictly increasing across groups

    # Individual tastes skew the aggregate demand (few people favour « jeune public »):
    # rescale each season's discipline weights so that, summed over that season's orders,
    # each discipline gets its share of the programme's seats (family orders hold more tickets).
    for s in range(len(SEASONS)):
        orders_per_customer = np.bincount(order_customer[order_season == s], minlength=len(affinity))
        buyers = np.flatnonzero(orders_per_customer)
        taste = affinity[buyers].astype(np.float64)
        count = orders_per_customer[buyers].astype(np.float64)
        target = season_discipline[s] / TICKETS_PER_ORDER
        target /= target.sum()
        adjusted = target.copy()
        for _ in range(30):
            mix = taste * adjusted
            achieved = (count[:, None] * mix / mix.sum(axis=1, keepdims=True)).sum(axis=0)
            adjusted *= target / np.maximum(achieved / count.sum(), 1e-12)
            adjusted /= adjusted.sum()
        season_discipline[s] = adjusted

    chosen = np.empty(len(order_season), dtype=np.int64)
    chunk = 1_000_000
    for a in range(0, len(order_season), chunk):
        seasons = order_season[a:a + chunk]
        w = season_discipline[seasons] * affinity[order_customer[a:a + chunk]]
        cum_w = np.cumsum(w, axis=1)
        u = rng.random(len(seasons)) * cum_w[:, -1]
        discipline = np.minimum((u[:, None] >= cum_w).sum(axis=1), len(DISCIPLINES) - 1)
        target = seasons * len(DISCIPLINES) + discipline + rng.random(len(seasons))
        position = np.searchsorted(ladder, target, side="right")
        chosen[a:a + chunk] = by_group[np.minimum(position, shows.count - 1)]
    return chosen


def _phone_suffixes(rng: np.random.Generator, blocks: IntArray) -> IntArray:
    """The last four digits: each block's 10 000 numbers are dealt out without repetition
    (then dealt again, in a new order, once a block is exhausted)."""
    suffix = np.empty(len(blocks), dtype=np.int64)
    for block in range(len(PHONE_RANGES)):
        where = np.flatnonzero(blocks == block)
        rounds = -(-len(where) // 10_000)
        deck = [rng.permutation(10_000) for _ in range(rounds)]
        suffix[where] = np.concatenate(deck)[:len(where)] if deck else where
    return suffix


def build_audience(seed: int, scale: float, shows: Shows, pools: Pools, progress: Progress) -> Audience:
    n = max(1, int(round(BASE_CUSTOMERS * scale)))
    rng = _rng("customers", seed)
    extraction = int(EXTRACTION_DATE.astype(np.int64))
    n_seasons = len(SEASONS)

    progress(f"Génération de {n:,} spectateurs…".replace(",", "\u202f"))
    female = rng.random(n) < 0.62
    young = rng.random(n) < 0.16
    age = np.where(young, rng.uniform(19.6, 32.0, n), rng.normal(56.0, 14.0, n))
    age = np.clip(age, 19.6, 90.9)
    birth = np.minimum(extraction - np.floor(age * 365.2425).astype(np.int64), _days("2006-12-31"))
    birth_year = _date_parts(birth)[0]
    band = _band(age)

    ctype = _draw_rows(rng, TYPE_BY_AGE, band)
    first = _weighted(rng, FIRST_SEASON_P, n)
    first = np.maximum(first, np.clip(birth_year + 19 - SEASON_START_YEARS[0], 0, n_seasons - 1))
    last = first.copy()
    staying = np.ones(n, dtype=bool)
    for _ in range(n_seasons - 1):
        # once a customer has stopped, later draws never bring them back
        staying &= (last < n_seasons - 1) & (rng.random(n) < CONTINUE_P[ctype])
        last = last + staying
    seasons = np.arange(n_seasons)
    in_span = (seasons[None, :] >= first[:, None]) & (seasons[None, :] <= last[:, None])
    middle = in_span & (seasons[None, :] > first[:, None]) & (seasons[None, :] < last[:, None])
    active = in_span & ~(middle & (rng.random((n, n_seasons)) >= MIDDLE_ACTIVE_P[ctype][:, None]))
    churned = last < n_seasons - 1
    fading = churned & (last > first)
    fading_season = np.zeros((n, n_seasons), dtype=bool)
    fading_season[np.arange(n), last] = fading
    subscribed = (ctype == SUB)[:, None] & active & ~fading_season

    # orders per active season: one guaranteed order (four for a subscription) plus a Poisson draw
    demand = SEASON_DEMAND[None, :]
    extra = np.select(
        [subscribed, (ctype == SUB)[:, None], (ctype == REG)[:, None] & ~fading_season,
         (ctype == REG)[:, None], (ctype == OCC)[:, None]],
        [4.8 * demand, 0.6 * demand, 4.0 * demand, 0.3 * demand, 1.2 * demand],
        default=0.0)
    base = np.where(subscribed, 4, 1)
    counts = np.where(active, base + rng.poisson(extra), 0)

    favourite = _draw_rows(rng, FAVOURITE_BY_AGE, band)
    second = _draw_rows(rng, FAVOURITE_BY_AGE, band)
    affinity = np.tile(BASE_AFFINITY.astype(np.float32), (n, 1))
    affinity[np.arange(n), second] *= 2.0
    affinity[np.arange(n), favourite] *= 6.0
    eclectic = rng.random(n) < 0.15
    affinity[eclectic] = 1.0

    preferred_channel = _draw_rows(rng, CHANNEL_BY_AGE, _band(age - 5.0))
    acquisition = _draw_rows(rng, ACQUISITION_BY_AGE, np.digitize(age, [30.0, 55.0]))
    optin_p = 0.55 + np.select([ctype == SUB, ctype == REG, ctype == ONCE], [0.3, 0.12, -0.12], 0.0)
    optin = rng.random(n) < optin_p
    sub_day = np.array([_days(f"{y}-06-20") for y in SEASON_START_YEARS])[None, :] + np.minimum(
        np.floor(rng.exponential(16.0, (n, n_seasons))), 90).astype(np.int64)

    progress("Génération des billets…")
    orng = _rng("orders", seed)
    flat = counts.ravel()
    pair = np.repeat(np.arange(n * n_seasons, dtype=np.int64), flat)
    o_cust = pair // n_seasons
    o_season = pair % n_seasons
    del pair
    o_show = _choose_shows(orng, shows, o_season, affinity, o_cust)
    del affinity
    # one order per customer and show
    key = o_cust * shows.count + o_show
    _, keep_idx = np.unique(key, return_index=True)
    keep_idx.sort()
    o_cust, o_season, o_show = o_cust[keep_idx], o_season[keep_idx], o_show[keep_idx]
    del key, keep_idx
    m = len(o_cust)

    o_perf = shows.premiere[o_show] + np.floor(orng.random(m) * shows.reps[o_show]).astype(np.int64)
    family = shows.discipline[o_show] == JP
    o_sub = subscribed[o_cust, o_season]
    o_tickets = 1 + np.select(
        [o_sub, family], [_weighted(orng, TICKETS_P_SUBSCRIBER, m), _weighted(orng, TICKETS_P_FAMILY, m)],
        default=_weighted(orng, TICKETS_P, m))
    opening = np.array([_days(f"{y}-09-05") for y in SEASON_START_YEARS])[o_season]
    lead_mean = LEAD_DAYS[ctype[o_cust]] + np.where(age[o_cust] >= 60, 10.0, 0.0)
    lead = np.floor(orng.exponential(1.0, m) * lead_mean).astype(np.int64)
    o_date = np.clip(o_perf - lead, np.minimum(opening, o_perf), o_perf)
    in_batch = o_sub & (orng.random(m) < 0.85)
    o_date = np.where(in_batch, np.minimum(sub_day[o_cust, o_season], o_perf), o_date)
    del opening, lead_mean, lead, in_batch, sub_day

    perf_age = _age_years(birth[o_cust], o_perf)
    u = orng.random(m)
    reduced_p = np.where(perf_age >= 65, 0.30, 0.12)
    o_tarif = np.select(
        [o_sub, (perf_age < 26) & (u < 0.85), perf_age < 26, u < 0.04, u < 0.04 + reduced_p],
        [T_ABONNE, T_MOINS26, T_PLEIN, T_SOLIDAIRE, T_REDUIT], default=T_PLEIN)
    web_trend = np.array([[0.35 - 0.03 * s, 0.45 + 0.05 * s, 0.20 - 0.02 * s] for s in range(n_seasons)])
    other_channel = _draw_rows(orng, web_trend, o_season)
    o_channel = np.where(orng.random(m) < 0.8, preferred_channel[o_cust], other_channel)
    del perf_age, u, reduced_p, other_channel, o_sub

    # the first order of every customer is kept whatever happens (it defines the customer)
    by_cust = np.lexsort((np.arange(m), o_date, o_cust))
    first_rows = by_cust[np.concatenate([[0], np.flatnonzero(np.diff(o_cust[by_cust])) + 1])]
    protected = np.zeros(m, dtype=bool)
    protected[first_rows] = True
    del by_cust

    # sold-out performances: later orders beyond the seats on sale are dropped
    perf_offset = np.concatenate([[0], np.cumsum(shows.reps)[:-1]])
    perf_key = perf_offset[o_show] + (o_perf - shows.premiere[o_show])
    perf_show = np.repeat(np.arange(shows.count), shows.reps)
    seats = np.maximum(1, np.round(shows.jauge[perf_show] * scale)).astype(np.int64)
    taken = np.bincount(perf_key[protected], weights=o_tickets[protected], minlength=len(seats))
    free_rows = np.flatnonzero(~protected)
    order = free_rows[np.lexsort((free_rows, o_date[free_rows], perf_key[free_rows]))]
    running = _group_cumsum(perf_key[order], o_tickets[order])
    fits = running <= seats[perf_key[order]] - taken[perf_key[order]]
    kept = protected.copy()
    kept[order[fits]] = True
    del order, running, fits, free_rows, perf_key

    first_purchase = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first_purchase, o_cust[kept], o_date[kept])
    family_buyer = np.bincount(o_cust[kept & family], minlength=n) > 0

    # customer numbers follow the date of the first purchase, like in a real ticketing system
    new_order = np.lexsort((rng.random(n), first_purchase))
    new_id = np.empty(n, dtype=np.int64)
    new_id[new_order] = np.arange(n)

    # tickets, in chronological order of purchase (order-level columns narrowed before expansion)
    rows = np.flatnonzero(kept)
    rows = rows[np.lexsort((rows, o_date[rows]))]
    per_order = {
        "customer": new_id[o_cust[rows]].astype(np.int32),
        "show": o_show[rows].astype(np.int16),
        "date": o_date[rows].astype(np.int32),
        "perf": o_perf[rows].astype(np.int32),
        "tarif": o_tarif[rows].astype(np.int8),
        "cents": _price_cents(o_tarif[rows], shows.full_cents[o_show[rows]]).astype(np.int32),
        "channel": o_channel[rows].astype(np.int8),
    }
    reps = o_tickets[rows]
    del rows, o_cust, o_season, o_show, o_perf, o_date, o_tarif, o_channel, o_tickets, kept, protected, family
    tickets = {name: np.repeat(values, reps) for name, values in per_order.items()}
    del per_order, reps

    # customer attributes (drawn in the original order, then reordered)
    first_idx = np.where(female, rng.choice(len(pools.female), n, p=pools.female_p),
                         rng.choice(len(pools.male), n, p=pools.male_p))
    last_idx = rng.choice(len(pools.last), n, p=pools.last_p)
    commune = _weighted(rng, [w for _, _, w in COMMUNES], n)
    email_pattern = _weighted(rng, [0.42, 0.10, 0.15, 0.10, 0.13, 0.10], n)
    email_domain = _weighted(rng, [w for _, w in EMAIL_DOMAINS], n)
    phone_range = _weighted(rng, [w for _, w in PHONE_RANGES], n)

    def perm(a: np.ndarray) -> np.ndarray:
        return a[new_order]

    phone_range = perm(phone_range)
    phone_suffix = _phone_suffixes(rng, phone_range)

    return Audience(
        n=n, female=perm(female), first_idx=perm(first_idx), last_idx=perm(last_idx),
        commune=perm(commune), birth=perm(birth), first_purchase=perm(first_purchase),
        acquisition=perm(acquisition), optin=perm(optin), subscribed=perm(subscribed),
        active=perm(active), family_buyer=perm(family_buyer), email_pattern=perm(email_pattern),
        email_domain=perm(email_domain), phone_range=phone_range, phone_suffix=phone_suffix,
        t_customer=tickets["customer"], t_show=tickets["show"], t_date=tickets["date"],
        t_perf=tickets["perf"], t_tarif=tickets["tarif"], t_cents=tickets["cents"],
        t_channel=tickets["channel"],
    )


def customer_columns(audience: Audience, pools: Pools) -> dict[str, np.ndarray]:
    """Text columns of spectateurs.csv (built once; one million rows fit in memory)."""
    n = audience.n
    numbers = np.arange(1, n + 1)
    women = np.flatnonzero(audience.female)
    men = np.flatnonzero(~audience.female)
    first = np.empty(n, dtype=np.result_type(pools.female, pools.male))
    first[women] = pools.female[audience.first_idx[women]]
    first[men] = pools.male[audience.first_idx[men]]
    first_slug = np.empty(n, dtype=np.result_type(pools.female_slug, pools.male_slug))
    first_slug[women] = pools.female_slug[audience.first_idx[women]]
    first_slug[men] = pools.male_slug[audience.first_idx[men]]
    last = pools.last[audience.last_idx]
    last_slug = pools.last_slug[audience.last_idx]

    add = np.strings.add
    year2 = np.strings.zfill((_date_parts(audience.birth)[0] % 100).astype(np.str_), 2)
    variants: tuple[Callable[[StrArray, StrArray, StrArray], StrArray], ...] = (
        lambda f, l, y: add(add(f, "."), l),                          # prenom.nom
        lambda f, l, y: add(f, l),                                    # prenomnom
        lambda f, l, y: add(add(np.strings.slice(f, 0, 1), "."), l),  # p.nom
        lambda f, l, y: add(add(l, "."), f),                          # nom.prenom
        lambda f, l, y: add(add(add(f, "."), l), y),                  # prenom.nom + birth year
        lambda f, l, y: add(add(f, "_"), l),                          # prenom_nom
    )
    local_width = first_slug.dtype.itemsize // 4 + last_slug.dtype.itemsize // 4 + 3
    local = np.empty(n, dtype=f"<U{local_width}")
    for k, build in enumerate(variants):
        rows = np.flatnonzero(audience.email_pattern == k)
        local[rows] = build(first_slug[rows], last_slug[rows], year2[rows])
    domains = np.array([d for d, _ in EMAIL_DOMAINS], dtype=np.str_)[audience.email_domain]
    email = add(add(local, "@"), domains)
    # homonyms: the second and later holders of an address get their customer number appended
    _, first_holder = np.unique(email, return_index=True)
    duplicate = np.ones(n, dtype=bool)
    duplicate[first_holder] = False
    rows = np.flatnonzero(duplicate)
    email[rows] = add(add(add(add(local[rows], "."), numbers[rows].astype(np.str_)), "@"), domains[rows])

    suffix = audience.phone_suffix
    pairs = add(add(np.strings.zfill((suffix // 100).astype(np.str_), 2), " "),
                np.strings.zfill((suffix % 100).astype(np.str_), 2))
    prefixes = np.array([p for p, _ in PHONE_RANGES], dtype=np.str_)[audience.phone_range]
    telephone = add(add(prefixes, " "), pairs)

    return {
        "id_client": _ids("C", 1, n + 1, _id_width(n, 5)),
        "civilite": np.where(audience.female, "Mme", "M."),
        "prenom": first,
        "nom": last,
        "email": email,
        "telephone": telephone,
        "code_postal": np.array([c for c, _, _ in COMMUNES], dtype=np.str_)[audience.commune],
        "ville": np.array([v for _, v, _ in COMMUNES], dtype=np.str_)[audience.commune],
        "date_naissance": _iso(audience.birth),
        "date_premier_achat": _iso(audience.first_purchase),
        "canal_acquisition": np.array(ACQUISITION_CHANNELS, dtype=np.str_)[audience.acquisition],
        "abonne": _bool_text(audience.subscribed[:, -1]),
        "optin_newsletter": _bool_text(audience.optin),
    }


def ticket_chunk(audience: Audience, shows: Shows, start: int, stop: int) -> dict[str, np.ndarray]:
    """Columns of billets.csv for rows [start, stop) (tickets are written in chunks)."""
    total = len(audience.t_customer)
    return {
        "id_billet": _id_bytes("B", np.arange(start + 1, stop + 1), _id_width(total, 6)),
        "id_client": _id_bytes("C", audience.t_customer[start:stop].astype(np.int64) + 1, _id_width(audience.n, 5)),
        "id_spectacle": shows.ids.astype(np.bytes_)[audience.t_show[start:stop]],
        "date_achat": _iso_bytes(audience.t_date[start:stop]),
        "date_representation": _iso_bytes(audience.t_perf[start:stop]),
        "tarif": _encoded(TARIF_NAMES)[audience.t_tarif[start:stop]],
        "prix": _cents_bytes(audience.t_cents[start:stop]),
        "canal": _encoded(SALES_CHANNELS)[audience.t_channel[start:stop]],
    }


# --------------------------------------------------------------------------------------------
# Press list
# --------------------------------------------------------------------------------------------

MEDIA_TYPES: tuple[str, ...] = (
    "presse quotidienne régionale", "magazine culturel", "radio", "télévision", "web/blog", "podcast")
#: (media, media type index, city, how many journalists at most)
MEDIA: tuple[tuple[str, int, str, int], ...] = (
    ("Le Courrier du Rivage", 0, TOWN, 5), ("L'Écho du Littoral", 0, "Nice", 5),
    ("La Vigie azuréenne", 0, "Cannes", 4), ("Le Phare du Sud", 0, "Toulon", 3),
    ("Rivage Hebdo", 0, TOWN, 3),
    ("Scènes d'aujourd'hui", 1, "Paris", 3), ("Les Carnets du spectacle", 1, "Paris", 3),
    ("Plateaux & Coulisses", 1, "Lyon", 2), ("Azur Culture Mag", 1, "Nice", 3),
    ("Petits Spectateurs, le magazine", 1, "Marseille", 2),
    ("Radio Littoral FM", 2, TOWN, 3), ("Ondes Azur", 2, "Nice", 2), ("Radio Calanque", 2, "Marseille", 2),
    ("Télé Rivage", 3, TOWN, 3), ("Canal Sud Azur", 3, "Nice", 2),
    ("Sortir à Port-Rivage", 4, TOWN, 2), ("Le Blog des planches", 4, "Antibes", 1),
    ("Côté Coulisses", 4, "Paris", 2), ("La Gazette des familles", 4, "Cannes", 2),
    ("Entracte, le podcast", 5, "Paris", 2), ("Rideau Rouge", 5, "Marseille", 1),
    ("Les Voix du plateau", 5, "Nice", 1),
)
RUBRIQUES_BY_TYPE: dict[int, tuple[str, ...]] = {
    0: ("culture", "sorties", "spectacle vivant", "société", "agenda"),
    1: ("spectacle vivant", "critiques", "danse", "musique", "jeune public"),
    2: ("culture", "matinale", "sorties"),
    3: ("culture", "journal régional", "agenda"),
    4: ("sorties", "spectacle vivant", "jeune public", "bons plans"),
    5: ("spectacle vivant", "culture"),
}
N_JOURNALISTS = 50


def journalist_columns(seed: int, pools: Pools, shows: Shows) -> dict[str, np.ndarray]:
    rng = _rng("journalists", seed)
    capacity = np.array([m[3] for m in MEDIA])
    slots = np.repeat(np.arange(len(MEDIA)), capacity)
    chosen = np.sort(rng.choice(slots, size=N_JOURNALISTS, replace=False))
    past = shows.premiere <= int(EXTRACTION_DATE.astype(np.int64))
    rows: dict[str, list[str]] = {k: [] for k in (
        "id_journaliste", "civilite", "prenom", "nom", "media", "type_media", "rubrique", "ville",
        "email", "derniere_couverture", "disciplines_suivies")}
    used_emails: set[str] = set()
    for i, media_index in enumerate(chosen.tolist(), start=1):
        media, mtype, city, _ = MEDIA[media_index]
        female = bool(rng.random() < 0.55)
        if female:
            k = int(rng.choice(len(pools.female), p=pools.female_p))
            first, first_slug = str(pools.female[k]), str(pools.female_slug[k])
        else:
            k = int(rng.choice(len(pools.male), p=pools.male_p))
            first, first_slug = str(pools.male[k]), str(pools.male_slug[k])
        k = int(rng.choice(len(pools.last), p=pools.last_p))
        last, last_slug = str(pools.last[k]), str(pools.last_slug[k])
        rubrique = _choice(rng, RUBRIQUES_BY_TYPE[mtype])
        if rubrique == "jeune public" or media in ("Petits Spectateurs, le magazine", "La Gazette des familles"):
            followed = [JP] + ([CI] if rng.random() < 0.5 else [])
        elif rubrique in ("danse", "musique"):
            followed = [DA if rubrique == "danse" else MU] + ([TH] if rng.random() < 0.3 else [])
        else:
            k_followed = int(rng.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
            followed = sorted(rng.choice(6, size=k_followed, replace=False).tolist())
        followed = sorted(set(followed))
        covered = ""
        candidates = np.flatnonzero(past & np.isin(shows.discipline, followed))
        if len(candidates) and rng.random() < 0.72:
            recent = candidates[shows.premiere[candidates] >= int(EXTRACTION_DATE.astype(np.int64)) - 400]
            pool = recent if len(recent) else candidates
            covered = str(shows.ids[int(rng.choice(pool))])
        domain = _slug(media.split(",")[0].replace("&", " et ")) + ".example"
        local = f"{first_slug[0]}.{last_slug}" if rng.random() < 0.4 else f"{first_slug}.{last_slug}"
        if local in used_emails:
            local = f"{first_slug}.{last_slug}{i}"
        used_emails.add(local)
        rows["id_journaliste"].append(f"J{i:02d}")
        rows["civilite"].append("Mme" if female else "M.")
        rows["prenom"].append(first)
        rows["nom"].append(last)
        rows["media"].append(media)
        rows["type_media"].append(MEDIA_TYPES[mtype])
        rows["rubrique"].append(rubrique)
        rows["ville"].append(city)
        rows["email"].append(f"{local}@{domain}")
        rows["derniere_couverture"].append(covered)
        rows["disciplines_suivies"].append(";".join(DISCIPLINES[d] for d in followed))
    return {k: np.array(v, dtype=np.str_) for k, v in rows.items()}


# --------------------------------------------------------------------------------------------
# Social-media posts
# --------------------------------------------------------------------------------------------

NETWORKS: tuple[str, ...] = ("Instagram", "Facebook", "LinkedIn", "TikTok")
NETWORK_P = (0.40, 0.30, 0.12, 0.18)
CONTENT_TYPES: tuple[str, ...] = ("photo", "vidéo", "carrousel", "texte")
CONTENT_BY_NETWORK = np.array([
    [0.40, 0.30, 0.30, 0.00],
    [0.50, 0.20, 0.15, 0.15],
    [0.40, 0.05, 0.10, 0.45],
    [0.00, 1.00, 0.00, 0.00],
])
REACH_BASE = (2400.0, 1700.0, 850.0, 3800.0)
REACH_SIGMA = (0.45, 0.45, 0.40, 0.85)
CONTENT_REACH = (1.0, 1.5, 1.3, 0.55)
LIKE_RATE = (0.055, 0.028, 0.032, 0.065)
SHARE_RATE = (0.003, 0.007, 0.004, 0.005)
COMMENT_RATE = (0.004, 0.003, 0.002, 0.005)
N_POSTS = 300
POSTS_FROM, POSTS_TO = "2024-09-01", "2026-06-30"

EMOJIS = ("🎭", "✨", "🌊", "🎶", "💃", "🎪", "👏", "📅", "🎟️", "😍")
DISCIPLINE_EMOJI = {TH: "🎭", DA: "💃", MU: "🎶", CI: "🎪", JP: "🧸", HU: "😂"}

POST_TEMPLATES: dict[str, tuple[str, ...]] = {
    "annonce": (
        "{emoji}{titre} arrive au {venue} le {date} ! {pitch} Réservations ouvertes.",
        "À noter dans vos agendas : {titre}, {phrase}, le {date} {salle}. {pitch}",
        "Nouveau dans la programmation : {titre}. {pitch} Billetterie en ligne et au guichet.",
        "Le {date}, laissez-vous embarquer par {titre}. {pitch}",
        "{emoji}On a hâte de vous faire découvrir {titre}, le {date}. {pitch}",
    ),
    "rappel": (
        "J-{jours} avant {titre} ! Il reste des places pour le {date}.",
        "Plus que {jours} jours avant {titre}. Vous avez réservé ? {emoji}",
        "C'est bientôt : {titre} le {date}, {phrase} à partager.",
        "Rendez-vous le {date} pour {titre}. Ouverture des portes 30 minutes avant.",
    ),
    "dernieres": (
        "Dernières places pour {titre} le {date} ! {emoji}",
        "{titre} affiche presque complet : foncez sur la billetterie.",
        "Il ne reste qu'une poignée de places pour {titre}. Ne tardez pas !",
    ),
    "coulisses": (
        "Dans les coulisses de {titre} : les répétitions battent leur plein. {emoji}",
        "Montage du décor de {titre} ce matin {salle}. Rendez-vous le {date} !",
        "Rencontre avec {compagnie}, en résidence chez nous pour préparer {titre}.",
        "Petit aperçu des répétitions de {titre}… Curieux de découvrir la suite ?",
    ),
    "retour": (
        "Merci au public venu si nombreux pour {titre} ! {emoji}",
        "Retour en images sur {titre}. Quelle énergie sur le plateau !",
        "Vous étiez là pour {titre} ? Racontez-nous votre soirée en commentaire.",
        "Bravo à {compagnie} pour {titre}, et merci pour vos applaudissements.",
    ),
    "institution": (
        "La billetterie est ouverte du mardi au samedi, de 13 h à 18 h. On vous attend !",
        "Vous aimez le spectacle vivant ? Rejoignez notre équipe de bénévoles pour l'accueil du public.",
        "Nos spectacles sont accessibles : boucle magnétique, places PMR et audiodescription sur certaines dates.",
        "Merci à nos mécènes et partenaires qui soutiennent la création au {venue}.",
        "Visitez les coulisses du {venue} lors des Journées européennes du patrimoine. Entrée libre.",
        "Le {venue} recrute un·e chargé·e de billetterie. Candidatures jusqu'à la fin du mois.",
        "Abonnez-vous et profitez de tarifs réduits toute la saison. Toutes les formules sont sur notre site.",
        "Fermeture estivale : la billetterie rouvre fin août. Bel été à toutes et à tous !",
        "{emoji}Offrez un spectacle : la carte cadeau du {venue} est disponible à l'accueil et en ligne.",
        "Le bar du théâtre vous accueille une heure avant chaque représentation.",
        "Ateliers théâtre pour les 8-12 ans : les inscriptions sont ouvertes !",
        "Vous êtes enseignant·e ? Découvrez nos parcours d'éducation artistique pour vos classes.",
        "Pensez au covoiturage pour venir au théâtre : c'est plus convivial et meilleur pour la planète.",
        "Le programme papier de la saison est disponible à l'accueil et chez nos commerçants partenaires.",
        "Billets imprimables chez vous ou sur votre téléphone : plus besoin de passer au guichet.",
        "{emoji}Merci pour cette belle saison ! Rendez-vous à la rentrée pour de nouvelles émotions.",
    ),
}
LINKEDIN_TEMPLATES: dict[str, tuple[str, ...]] = {
    "annonce": (
        "Nous sommes heureux d'accueillir {compagnie} pour {titre}, le {date}. {pitch} Entreprises : contactez notre service des relations publiques pour vos soirées d'équipe.",
        "Programmation : {titre}, {phrase}, le {date}. {pitch}",
    ),
    "institution": (
        "Le {venue} recrute un·e chargé·e des relations avec les publics. Poste en CDI, à pourvoir rapidement.",
        "Mécénat : merci aux entreprises partenaires qui rendent possibles nos actions d'éducation artistique.",
        "Retour sur notre bilan de saison : fréquentation en hausse et de nouveaux publics accueillis.",
    ),
}
#: Institutional posts that only make sense at some months of the year (the others fit any month).
SEASONAL_POSTS: dict[str, tuple[int, ...]] = {
    "Visitez les coulisses": (9,),
    "Abonnez-vous": (6, 7, 8, 9, 10),
    "Fermeture estivale": (6, 7),
    "Offrez un spectacle": (11, 12),
    "Merci pour cette belle saison": (5, 6),
    "Ateliers théâtre": (8, 9, 10),
}
POST_KIND_P = {"annonce": 0.30, "rappel": 0.15, "dernieres": 0.07, "coulisses": 0.13,
               "retour": 0.15, "institution": 0.20}


def _hashtags(rng: np.random.Generator, network: int, discipline: int | None) -> str:
    tags = ["#ThéâtreDuRivage", "#PortRivage"]
    if discipline is not None:
        tags.append(DISCIPLINE_HASHTAGS[discipline])
    tags.extend(t for t in ("#SpectacleVivant", "#SortirÀPortRivage", "#CultureAzur") if rng.random() < 0.4)
    if network == 2:
        tags = tags[:3]
    if network == 3:
        tags.append("#PourToi")
    return " ".join(tags)


def _post_text(rng: np.random.Generator, kind: str, network: int, shows: Shows, show: int | None,
               day: int) -> str:
    """The wording of one post: a template in the network's tone, plus hashtags."""
    templates = POST_TEMPLATES[kind]
    if network == 2 and kind in LINKEDIN_TEMPLATES:
        templates = LINKEDIN_TEMPLATES[kind]
    month = int(_date_parts(np.array([day]))[1][0])
    fitting = [t for t in templates
               if all(month in months for start, months in SEASONAL_POSTS.items() if start in t)]
    template = _choice(rng, fitting)
    discipline = None if show is None else int(shows.discipline[show])
    emoji = ""
    if network != 2 and rng.random() < 0.6:  # no emoji on LinkedIn
        use_discipline = discipline is not None and rng.random() < 0.6
        emoji = (DISCIPLINE_EMOJI[discipline] if use_discipline and discipline is not None
                 else _choice(rng, EMOJIS)) + " "
    fields: dict[str, str] = {"venue": VENUE, "emoji": emoji}
    if show is not None:
        pitch = str(shows.description[show]).split(". ")[0].rstrip(".") + "."
        fields.update(
            titre=str(shows.title[show]), date=_french_date(int(shows.premiere[show]), with_weekday=True),
            pitch=pitch, phrase=DISCIPLINE_PHRASES[int(shows.discipline[show])],
            salle=("dans la Grande salle", "au Studio")[int(shows.hall[show])],
            compagnie=str(shows.company[show]), jours=str(int(shows.premiere[show]) - day))
    text = _contract(template.format(**fields).strip())
    if network == 3 and len(text) > 90:  # TikTok: short, the first sentence(s) only
        sentences = re.findall(r".*?[.!?…](?=\s|$)", text)
        short = ""
        for sentence in sentences:
            short = f"{short} {sentence.strip()}".strip()
            if len(short) >= 45:
                break
        text = short or text
    return f"{text} {_hashtags(rng, network, discipline)}"


def post_columns(seed: int, shows: Shows) -> dict[str, np.ndarray]:
    rng = _rng("publications", seed)
    start, stop = _days(POSTS_FROM), _days(POSTS_TO)
    all_days = np.arange(start, stop + 1)
    month = _date_parts(all_days)[1]
    day_w = np.where((month == 7) | (month == 8), 0.25, 1.0) * np.where(_weekday(all_days) == 6, 0.4, 1.0)
    days = np.sort(rng.choice(all_days, size=N_POSTS, replace=True, p=day_w / day_w.sum()))
    rows: dict[str, list[str]] = {k: [] for k in (
        "id_publication", "date", "reseau", "id_spectacle", "type_contenu", "texte",
        "nb_likes", "nb_partages", "nb_commentaires", "portee")}
    kinds = list(POST_KIND_P)
    seen: set[str] = set()
    for i, day in enumerate(days.tolist(), start=1):
        network = int(rng.choice(4, p=NETWORK_P))
        kind = kinds[int(rng.choice(len(kinds), p=list(POST_KIND_P.values())))]
        show: int | None = None
        upcoming = np.flatnonzero((shows.premiere > day) & (shows.premiere <= day + 45))
        soon = np.flatnonzero((shows.premiere > day) & (shows.premiere <= day + 10))
        recent = np.flatnonzero((shows.last_date < day) & (shows.last_date >= day - 6))
        if kind in ("annonce", "coulisses") and len(upcoming):
            show = int(rng.choice(upcoming))
        elif kind in ("rappel", "dernieres") and len(soon):
            soon_ok = soon[shows.appeal[soon] >= 0.8] if kind == "dernieres" else soon
            if len(soon_ok):
                show = int(rng.choice(soon_ok))
            else:
                kind, show = "rappel", int(rng.choice(soon))
        elif kind == "retour" and len(recent):
            show = int(rng.choice(recent))
        if show is None:
            kind = "institution"
        text = _post_text(rng, kind, network, shows, show, day)
        for _ in range(30):  # the same wording twice would look like a copy-paste
            if text not in seen:
                break
            text = _post_text(rng, kind, network, shows, show, day)
        seen.add(text)
        ctype = int(rng.choice(4, p=CONTENT_BY_NETWORK[network]))
        growth = 1.0 + 0.2 * (day - start) / 365.0
        popularity = 1.0 if show is None else 0.75 + 0.5 * float(shows.appeal[show])
        reach = REACH_BASE[network] * CONTENT_REACH[ctype] * growth * popularity * math.exp(
            rng.normal(0.0, REACH_SIGMA[network]))
        if kind == "institution":
            reach *= 0.6
        reach_n = max(50, int(reach))
        likes = int(rng.binomial(reach_n, LIKE_RATE[network] * (1.3 if ctype == 1 else 1.0)))
        shares = int(rng.binomial(reach_n, SHARE_RATE[network]))
        comments = int(rng.binomial(reach_n, COMMENT_RATE[network] * (1.8 if "commentaire" in text else 1.0)))
        rows["id_publication"].append(f"P{i:03d}")
        rows["date"].append(str(_iso(day)))
        rows["reseau"].append(NETWORKS[network])
        rows["id_spectacle"].append("" if show is None else str(shows.ids[show]))
        rows["type_contenu"].append(CONTENT_TYPES[ctype])
        rows["texte"].append(text)
        rows["nb_likes"].append(str(likes))
        rows["nb_partages"].append(str(shares))
        rows["nb_commentaires"].append(str(comments))
        rows["portee"].append(str(reach_n))
    return {k: np.array(v, dtype=np.str_) for k, v in rows.items()}


# --------------------------------------------------------------------------------------------
# Spectator reviews (labelled)
# --------------------------------------------------------------------------------------------

N_REVIEWS = 400
SENTIMENTS: tuple[str, ...] = ("positif", "negatif", "neutre")
SENTIMENT_COUNTS = (220, 100, 80)  # 55 %, 25 %, 20 %
NOTE_P: dict[str, tuple[tuple[int, ...], tuple[float, ...]]] = {
    "positif": ((4, 5), (0.42, 0.58)),
    "negatif": ((1, 2), (0.45, 0.55)),
    "neutre": ((2, 3, 4), (0.15, 0.70, 0.15)),
}

REVIEW_CONTEXT: tuple[str, ...] = (
    "Vu samedi soir avec mon compagnon.", "Sortie en famille ce dimanche.", "Venue avec des collègues.",
    "Première fois au Théâtre du Rivage.", "Abonné depuis trois saisons.",
    "Spectacle choisi un peu au hasard.", "On y est allés sur les conseils d'une amie.",
    "Soirée entre amies.", "Place offerte pour mon anniversaire.", "Vu à la dernière représentation.",
    "J'avais lu de bonnes critiques avant d'y aller.", "Nous étions au premier rang.",
)
REVIEW_CONTEXT_FAMILY: tuple[str, ...] = (
    "Sortie scolaire avec ma classe de CM1.", "Venus avec nos deux enfants de 5 et 8 ans.",
    "Mercredi après-midi avec ma petite-fille.",
)
REVIEW_CORE: dict[str, tuple[str, ...]] = {
    "positif": (
        "Une merveille du début à la fin.", "Quel bonheur de voir {artistes} aussi investis !",
        "On ne voit pas le temps passer.", "J'en suis ressortie bouleversée.",
        "« {titre} », c'est un vrai coup de cœur.", "Une mise en scène inventive et pleine de poésie.",
        "Un spectacle fin, intelligent et souvent très drôle.", "Une énergie folle sur le plateau.",
        "Tout sonne juste : le propos, le rythme, les lumières.", "Franchement, chapeau bas.",
        "Une soirée magique, on en parle encore à la maison.", "C'est beau, tout simplement.",
        "Des images qui restent longtemps en tête.", "Je ne m'attendais pas à être autant touché.",
        "La salle s'est levée pour applaudir, et c'était mérité.", "Du grand art, sans prétention.",
        "Ça faisait longtemps que je n'avais pas été aussi emballée.",
        "Pas une seconde d'ennui, au contraire.", "Je craignais de m'ennuyer, j'ai été happé dès la première scène.",
        "Une belle découverte, drôle et émouvante à la fois.",
        "Si vous hésitez encore, foncez.", "Rien à jeter, même si je n'aime pas trop le genre d'habitude.",
    ),
    "negatif": (
        "Je me suis ennuyé du début à la fin.", "Une grosse déception.",
        "J'ai décroché au bout de vingt minutes.", "Le propos est confus et la mise en scène paresseuse.",
        "Beaucoup de bruit pour pas grand-chose.", "Je n'ai pas été convaincue du tout.",
        "On attendait beaucoup mieux de « {titre} ».", "Franchement pas à la hauteur de la promesse.",
        "C'était long, très long.", "Rien ne fonctionne vraiment dans ce spectacle.",
        "Loin d'être inoubliable.", "Je ne comprends pas les critiques élogieuses.",
        "Le spectacle n'a pas grand-chose à voir avec la présentation du programme.",
        "Un spectacle prétentieux qui oublie son public.", "Pas de rythme, pas d'émotion.",
        "Nous sommes partis à l'entracte.", "Je n'ai pas ri une seule fois.",
        "Une heure et demie qui m'a paru interminable.",
        "Ça faisait longtemps que je ne m'étais pas autant ennuyée.", "Quel dommage, avec un si beau sujet.",
        "Si vous cherchez de l'émotion, ce n'est pas ici.", "Je vous le déconseille.",
    ),
    "neutre": (
        "Spectacle correct, sans plus.", "Ni enthousiasmant ni décevant.",
        "Une soirée agréable, mais qui ne m'a pas marqué.", "Des moments forts et quelques longueurs.",
        "Bien joué, même si l'histoire ne m'a pas vraiment touchée.",
        "Un spectacle honnête, qui plaira aux amateurs du genre.", "Je suis mitigé.",
        "Pas mal, même si je m'attendais à autre chose.", "Le spectacle dure environ 1 h 30, sans entracte.",
        "Une forme assez classique.", "Certains ont adoré, d'autres moins ; pour ma part je reste partagée.",
        "Intéressant sur le fond, un peu sage sur la forme.", "Rien de mémorable, rien de désagréable non plus.",
        "Un bon moment, sans être inoubliable.", "C'est bien fait, mais ce n'est pas tout à fait mon style.",
        "Quelle drôle de soirée : je ne sais pas trop quoi en penser.", "Ni le meilleur ni le pire de la saison.",
    ),
}
REVIEW_CORE_BY_DISCIPLINE: dict[str, dict[int, tuple[str, ...]]] = {
    "positif": {
        HU: ("Je n'avais pas ri comme ça depuis des années.",),
        JP: ("Les enfants étaient captivés du début à la fin.", "Mes enfants ont adoré, et moi aussi."),
        MU: ("Un son magnifique et une vraie complicité avec le public.",),
        CI: ("On retient son souffle à chaque numéro.",),
        DA: ("Une danse d'une précision et d'une liberté rares.",),
    },
    "negatif": {
        HU: ("Les blagues tombent à plat.",),
        JP: ("Trop long et trop bavard pour des petits, les enfants se sont agités.",),
        MU: ("Le son était beaucoup trop fort, on n'entendait que la batterie.",),
        CI: ("Des numéros vus et revus, aucune surprise.",),
        DA: ("Une chorégraphie répétitive qui tourne en rond.",),
    },
    "neutre": {
        JP: ("Convient plutôt aux enfants à partir de 6 ans.",),
        MU: ("Un répertoire connu, bien interprété.",),
        HU: ("Quelques sketchs efficaces, d'autres moins.",),
    },
}
REVIEW_DETAIL: dict[str, tuple[str, ...]] = {
    "positif": (
        "{Artistes} sont d'une justesse rare.", "La scénographie est superbe.", "Mention spéciale aux lumières.",
        "La musique porte tout le spectacle.", "L'accueil au théâtre est toujours aussi chaleureux.",
        "Chaque scène est pensée dans le moindre détail.", "Les costumes sont magnifiques.",
    ),
    "negatif": (
        "{Artistes} avaient l'air de s'ennuyer eux aussi.", "Le texte est bavard et sans relief.",
        "La sonorisation était mauvaise.", "Trop cher pour ce que c'est.",
        "Le spectacle a commencé avec vingt minutes de retard.", "Le placement en salle était chaotique.",
    ),
    "neutre": (
        "La salle était à moitié pleine.", "Le placement est libre, mieux vaut arriver tôt.",
        "Parking facile à proximité.", "Plutôt pour un public averti.",
        "La rencontre avec l'équipe après la représentation était intéressante.",
        "{Artistes} font le travail, sans plus.",
    ),
}
REVIEW_NUANCE: dict[str, tuple[str, ...]] = {
    "positif": (
        "Seul bémol : un début un peu lent.", "Petit regret pour les sièges, pas très confortables.",
        "Un peu long sur la fin, mais on pardonne.", "Dommage que la salle n'ait pas été pleine.",
        "On entendait mal depuis le fond, mais quel moment !", "Le bar était fermé à l'entracte, tant pis.",
    ),
    "negatif": (
        "Les décors sont beaux, mais ça ne suffit pas.", "Les lumières sont réussies, c'est bien le seul point positif.",
        "Une ou deux belles scènes, noyées dans l'ennui.", "{Artistes} font de leur mieux, mais le texte ne suit pas.",
        "L'idée de départ était super, dommage.", "L'accueil était sympathique, heureusement.",
    ),
}
REVIEW_CLOSING: dict[str, tuple[str, ...]] = {
    "positif": ("Je recommande vivement.", "À voir absolument.", "J'y retournerais sans hésiter.",
                "Merci à toute l'équipe !", "Courez-y !", "Vivement la prochaine création.", "Bravo !",
                "Je vous le conseille les yeux fermés.", "Quel talent !",
                "Ça faisait longtemps qu'on n'avait pas passé une aussi bonne soirée."),
    "negatif": ("Je ne recommande pas.", "Passez votre chemin.", "Dommage.",
                "Je ne reviendrai pas pour ce genre de spectacle.", "Une soirée à oublier.", "Déçu."),
    "neutre": ("À voir si vous êtes curieux.", "À chacun de se faire son avis.",
               "Pourquoi pas, si vous aimez le genre.", "À voir sans grande attente.",
               "À vous de juger.", "Je ne regrette pas, sans plus."),
}
ACCENTS = str.maketrans("éèêëàâîïôûùç", "eeeeaaiiouuc")


def _slip(rng: np.random.Generator, text: str) -> str:
    """One plausible typing slip, as in real reviews."""
    words = text.split(" ")
    kind = int(rng.integers(6))
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if kind == 0:
        accented = [i for i, w in enumerate(words) if w != w.translate(ACCENTS)]
        if accented:
            i = int(rng.choice(accented))
            words[i] = words[i].translate(ACCENTS)
            return " ".join(words)
    if kind in (1, 2, 3) and candidates:
        i = int(rng.choice(candidates))
        w = words[i]
        j = int(rng.integers(1, len(w) - 2))
        if kind == 3 and w[j] not in "bcdfglmnprst":
            kind = 2
        if kind == 1:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif kind == 2:
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
        return " ".join(words)
    if kind == 4 and " à " in text:
        return text.replace(" à ", " a ", 1)
    if text[-1] in ".!":
        return text[:-1]
    return text[0].lower() + text[1:]


def review_columns(seed: int, shows: Shows) -> dict[str, np.ndarray]:
    rng = _rng("reviews", seed)
    labels = np.repeat(np.arange(3), SENTIMENT_COUNTS)[rng.permutation(N_REVIEWS)]
    extraction = int(EXTRACTION_DATE.astype(np.int64))
    audience = shows.capacity * np.minimum(shows.appeal, 1.0)
    quality = {0: shows.appeal ** 2, 1: np.maximum(1.15 - shows.appeal, 0.1), 2: np.ones(shows.count)}
    records: list[tuple[int, int, str, int, str]] = []
    seen: set[str] = set()
    for label in labels.tolist():
        sentiment = SENTIMENTS[label]
        w = audience * quality[label]
        show = int(rng.choice(shows.count, p=w / w.sum()))
        d = int(shows.discipline[show])
        perf = int(shows.premiere[show]) + int(rng.integers(int(shows.reps[show])))
        day = min(perf + int(min(rng.exponential(2.5), 20)), extraction - 1)
        while True:
            core_pool = REVIEW_CORE[sentiment] + REVIEW_CORE_BY_DISCIPLINE[sentiment].get(d, ())
            parts = [_choice(rng, core_pool)]
            u = rng.random()
            if u < 0.30:
                contexts = REVIEW_CONTEXT + (REVIEW_CONTEXT_FAMILY if d == JP else ())
                parts.insert(0, _choice(rng, contexts))
            if sentiment in REVIEW_NUANCE and rng.random() < 0.28:
                parts.append(_choice(rng, REVIEW_NUANCE[sentiment]))
            elif rng.random() < 0.45:
                parts.append(_choice(rng, REVIEW_DETAIL[sentiment]))
            if len(parts) < 3 and rng.random() < 0.45:
                parts.append(_choice(rng, REVIEW_CLOSING[sentiment]))
            artists = ARTISTS[d]
            text = _contract(" ".join(parts).format(titre=str(shows.title[show]), artistes=artists,
                                                    Artistes=artists[0].upper() + artists[1:]))
            if rng.random() < 0.18:
                text = _slip(rng, text)
                if rng.random() < 0.3:
                    text = _slip(rng, text)
            if text not in seen:
                break
        seen.add(text)
        notes, probs = NOTE_P[sentiment]
        note = int(rng.choice(notes, p=probs))
        records.append((day, show, text, note, sentiment))
    order = sorted(range(N_REVIEWS), key=lambda i: (records[i][0], i))
    records = [records[i] for i in order]
    return {
        "id_avis": _ids("A", 1, N_REVIEWS + 1, 3),
        "id_spectacle": shows.ids[np.array([r[1] for r in records])],
        "date": _iso(np.array([r[0] for r in records])),
        "texte": np.array([r[2] for r in records], dtype=np.str_),
        "note": np.array([str(r[3]) for r in records], dtype=np.str_),
        "sentiment": np.array([r[4] for r in records], dtype=np.str_),
    }


# --------------------------------------------------------------------------------------------
# Newsletter campaigns
# --------------------------------------------------------------------------------------------

SEGMENTS: tuple[str, ...] = ("tous", "abonnés", "nouveaux", "inactifs", "jeune public", "moins de 26 ans")
#: Open rate (share of sends) and click rate (share of sends) by segment.
OPEN_RATE = {"tous": 0.27, "abonnés": 0.43, "nouveaux": 0.35, "inactifs": 0.19,
             "jeune public": 0.34, "moins de 26 ans": 0.23}
CLICK_RATE = {"tous": 0.025, "abonnés": 0.055, "nouveaux": 0.04, "inactifs": 0.012,
              "jeune public": 0.045, "moins de 26 ans": 0.03}
UNSUBSCRIBE_RATE = {"tous": 0.0025, "abonnés": 0.0008, "nouveaux": 0.003, "inactifs": 0.006,
                    "jeune public": 0.0015, "moins de 26 ans": 0.003}
#: (kind, segment, month, day of month around which it is sent; month >= 7 is the season's first year)
CAMPAIGN_PLAN: tuple[tuple[str, str, int, int], ...] = (
    ("lancement", "tous", 6, 24), ("abonnement", "tous", 7, 4), ("billetterie", "tous", 8, 29),
    ("bienvenue", "nouveaux", 9, 18), ("agenda", "tous", 10, 1), ("vacances", "jeune public", 10, 12),
    ("agenda", "tous", 11, 1), ("relance", "inactifs", 11, 15), ("privilege", "abonnés", 11, 25),
    ("agenda", "tous", 12, 1), ("agenda", "tous", 1, 6), ("jeunes", "moins de 26 ans", 1, 20),
    ("agenda", "tous", 2, 1), ("vacances", "jeune public", 2, 6), ("agenda", "tous", 3, 1),
    ("relance", "inactifs", 3, 15), ("agenda", "tous", 4, 1), ("privilege", "abonnés", 4, 20),
    ("agenda", "tous", 5, 1), ("reabonnement", "abonnés", 5, 20),
)
SUBJECTS: dict[str, tuple[str, ...]] = {
    "lancement": ("La saison {saison} est là !", "Découvrez notre nouvelle saison {saison} 🎭",
                  "{saison} : une saison pleine de surprises"),
    "abonnement": ("Abonnez-vous et économisez jusqu'à 30 %", "Dernière ligne droite pour vous abonner",
                   "Votre abonnement {saison} en trois clics"),
    "billetterie": ("La billetterie ouvre le 5 septembre !", "Ouverture de la billetterie : réservez vos places",
                    "C'est bientôt parti pour la billetterie {saison}"),
    "bienvenue": ("Bienvenue au Théâtre du Rivage !", "Ravi de vous compter parmi nous",
                  "Bienvenue ! Voici ce qui vous attend cette saison"),
    "agenda": ("Ce mois-ci : {titre} et bien d'autres", "Votre agenda {de_mois} au Théâtre du Rivage",
               "{titre}, {titre2}… le programme {de_mois}", "À ne pas manquer en {mois} : {titre}"),
    "vacances": ("Vacances en famille : {titre}", "Des spectacles pour les petits pendant les vacances",
                 "Sortie en famille ? Pensez à {titre} 🧸"),
    "relance": ("Vous nous avez manqué !", "Et si on se retrouvait au théâtre ?",
                "Une place offerte pour votre retour ?"),
    "privilege": ("Rencontre avec {compagnie}, réservée aux abonnés", "Votre avant-première abonnés",
                  "Abonnés : une répétition ouverte rien que pour vous"),
    "jeunes": ("Moins de 26 ans : 50 % sur toute la saison", "Ton théâtre à moitié prix 🎟️",
               "Étudiants, jeunes actifs : la culture à petit prix"),
    "reabonnement": ("Renouvelez votre abonnement en avant-première", "Réabonnement : vos places préférées vous attendent",
                     "Abonnés : réservez avant tout le monde"),
}
CAMPAIGN_SEASONS = (1, 2, 3)  # the newsletter tool was adopted for the 2023-2024 season


def campaign_columns(seed: int, audience: Audience, shows: Shows) -> dict[str, np.ndarray]:
    rng = _rng("campaigns", seed)
    rows: list[tuple[int, str, str, int, int, int, int]] = []
    never = np.iinfo(np.int64).min
    for s in CAMPAIGN_SEASONS:
        year = SEASON_START_YEARS[s]
        for kind, segment, month, dom in CAMPAIGN_PLAN:
            y = year if month >= 6 else year + 1
            day = _days(f"{y}-{month:02d}-{dom:02d}") + int(rng.integers(0, 5))
            while int(_weekday(day)) not in (1, 3):  # sent on Tuesdays and Thursdays
                day += 1
            known = audience.optin & (audience.first_purchase <= day)
            if segment == "tous":
                members = known
            elif segment == "abonnés":
                members = known & audience.subscribed[:, s]
            elif segment == "nouveaux":
                members = known & (audience.first_purchase > day - 365)
            elif segment == "inactifs":  # no purchase during the last twelve months
                before = int(np.searchsorted(audience.t_date, day))  # tickets are in date order
                last_purchase = np.full(audience.n, never)
                np.maximum.at(last_purchase, audience.t_customer[:before], audience.t_date[:before].astype(np.int64))
                members = known & (last_purchase <= day - 365)
            elif segment == "jeune public":
                members = known & audience.family_buyer
            else:
                members = known & (_age_years(audience.birth, np.full(audience.n, day)) < 26)
            sends = int(members.sum())
            open_p = min(0.5, max(0.15, OPEN_RATE[segment] * math.exp(rng.normal(0.0, 0.12))))
            click_p = min(0.062, max(0.008, CLICK_RATE[segment] * math.exp(rng.normal(0.0, 0.15))))
            opens = int(rng.binomial(sends, open_p))
            clicks = int(rng.binomial(opens, click_p / open_p)) if opens else 0
            unsubscribes = int(rng.binomial(sends, UNSUBSCRIBE_RATE[segment] * math.exp(rng.normal(0.0, 0.3))))
            season_shows = np.flatnonzero((shows.premiere > day) & (shows.premiere <= day + 60))
            if kind == "vacances":
                season_shows = season_shows[shows.discipline[season_shows] == JP]
            if len(season_shows) == 0:
                season_shows = np.flatnonzero((shows.season == s) & ((shows.discipline == JP) | (kind != "vacances")))
            picks = rng.choice(season_shows, size=2, replace=len(season_shows) < 2)
            _, m, _ = _date_parts(np.array([day + 10]))
            month = MONTHS_FR[int(m[0]) - 1]
            subject = _contract(_choice(rng, SUBJECTS[kind]).format(
                saison=SEASONS[s], titre=str(shows.title[picks[0]]), titre2=str(shows.title[picks[1]]),
                mois=month, de_mois=_of_month(month), compagnie=str(shows.company[picks[0]])))
            subject = subject[0].upper() + subject[1:]
            rows.append((day, subject, segment, sends, opens, clicks, unsubscribes))
    rows.sort(key=lambda r: r[0])
    return {
        "id_campagne": _ids("N", 1, len(rows) + 1, 3),
        "date_envoi": _iso(np.array([r[0] for r in rows])),
        "objet": np.array([r[1] for r in rows], dtype=np.str_),
        "segment": np.array([r[2] for r in rows], dtype=np.str_),
        "nb_envois": np.array([str(r[3]) for r in rows], dtype=np.str_),
        "nb_ouvertures": np.array([str(r[4]) for r in rows], dtype=np.str_),
        "nb_clics": np.array([str(r[5]) for r in rows], dtype=np.str_),
        "nb_desinscriptions": np.array([str(r[6]) for r in rows], dtype=np.str_),
    }


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

ChunkMaker = Callable[[int, int], dict[str, np.ndarray]]
CHUNK_ROWS = 250_000


def _to_bytes(values: np.ndarray) -> NDArray[np.bytes_]:
    """UTF-8 bytes of a text column (fast path for ASCII-only columns such as ids and dates)."""
    array = np.asarray(values)
    if array.dtype.kind != "S":
        text = array.astype(np.str_)
        try:
            array = text.astype(np.bytes_)
        except UnicodeEncodeError:
            array = np.array([value.encode("utf-8") for value in text.tolist()], dtype=np.bytes_)
    width = int(np.strings.str_len(array).max(initial=0))
    return array.astype(f"S{max(width, 1)}")


def _csv_field(values: np.ndarray) -> NDArray[np.bytes_]:
    """RFC 4180 minimal quoting: quote fields holding a comma, a quote or a line break."""
    data = _to_bytes(values)
    needs = np.zeros(len(data), dtype=bool)
    for special in (b",", b'"', b"\n", b"\r"):
        needs |= np.strings.find(data, special) >= 0
    if not needs.any():
        return data
    quoted = np.strings.add(np.strings.add(b'"', np.strings.replace(data, b'"', b'""')), b'"')
    return np.where(needs, quoted, data)


def _byte_matrix(field: NDArray[np.bytes_]) -> NDArray[np.uint8]:
    """A bytes column as an (n, width) matrix, NUL-padded on the right."""
    return np.ascontiguousarray(field).view(np.uint8).reshape(len(field), field.dtype.itemsize)


def _write_csv(path: Path, n_rows: int, make_chunk: ChunkMaker) -> str:
    """Write a CSV (UTF-8, comma, ``\\n``) chunk by chunk; return its sha256.

    Each chunk is assembled as one matrix of fixed-width byte fields; fields never contain NUL
    bytes, so removing the padding from the whole chunk yields the CSV text.
    """
    digest = hashlib.sha256()
    with path.open("wb") as fh:
        for start in range(0, max(n_rows, 1), CHUNK_ROWS):
            stop = min(n_rows, start + CHUNK_ROWS)
            columns = make_chunk(start, stop)
            if start == 0:
                header = (",".join(columns) + "\n").encode("utf-8")
                digest.update(header)
                fh.write(header)
            if n_rows == 0:
                break
            comma = np.full((stop - start, 1), ord(","), dtype=np.uint8)
            parts: list[NDArray[np.uint8]] = []
            for values in columns.values():
                parts.extend((_byte_matrix(_csv_field(values)), comma))
            parts[-1] = np.full((stop - start, 1), ord("\n"), dtype=np.uint8)
            data = np.concatenate(parts, axis=1).tobytes().replace(b"\x00", b"")
            digest.update(data)
            fh.write(data)
    return digest.hexdigest()


def _sliced(columns: dict[str, np.ndarray]) -> ChunkMaker:
    def make(start: int, stop: int) -> dict[str, np.ndarray]:
        return {k: v[start:stop] for k, v in columns.items()}
    return make


def _check_arguments(seed: int, scale: float) -> None:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"La graine doit être un entier positif ou nul (reçu : {seed!r}).")
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        raise ValueError(f"L'échelle doit être un nombre strictement positif (reçu : {scale!r}).")


def generate(out_dir: str | os.PathLike[str], seed: int = DEFAULT_SEED, scale: float = 1.0,
             progress: Progress | None = None) -> dict[str, Path]:
    """Write every dataset and ``MANIFEST.json`` into *out_dir*.

    *scale* multiplies the number of customers and tickets (3 000 customers and about
    32 000 tickets at scale 1); shows, journalists, posts and reviews do not change with it.
    Returns the path of each file, by dataset name (plus ``"manifest"``).
    """
    _check_arguments(seed, scale)
    seed, scale = int(seed), float(scale)
    say: Progress = progress if progress is not None else (lambda message: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    say("Préparation des listes de prénoms et de noms…")
    pools = build_pools(seed)
    say("Génération des spectacles…")
    shows = build_shows(seed)
    audience = build_audience(seed, scale, shows, pools, say)

    tables: list[tuple[str, int, ChunkMaker]] = []
    say("Mise en forme des spectateurs…")
    tables.append(("spectateurs", audience.n, _sliced(customer_columns(audience, pools))))
    tables.append(("spectacles", shows.count, _sliced(shows_columns(shows))))
    tables.append(("billets", len(audience.t_customer),
                   lambda start, stop: ticket_chunk(audience, shows, start, stop)))
    say("Génération du fichier presse, des publications, des avis et des campagnes…")
    for name, columns in (
        ("journalistes", journalist_columns(seed, pools, shows)),
        ("publications", post_columns(seed, shows)),
        ("avis", review_columns(seed, shows)),
        ("campagnes", campaign_columns(seed, audience, shows)),
    ):
        tables.append((name, len(next(iter(columns.values()))), _sliced(columns)))

    paths: dict[str, Path] = {}
    files: dict[str, dict[str, object]] = {}
    for name, n_rows, make_chunk in tables:
        path = out / FILES[name]
        say(f"Écriture de {path.name} ({n_rows:,} lignes)…".replace(",", "\u202f"))
        files[path.name] = {"dataset": name, "rows": n_rows, "sha256": _write_csv(path, n_rows, make_chunk)}
        paths[name] = path

    from .messy import DEFAULT_ROWS, generate_messy_export

    shown_rows = f"{DEFAULT_ROWS:,}".replace(",", "\u202f")
    say(f"Écriture de l'export brut de la billetterie ({shown_rows} lignes, module 03)…")
    messy = generate_messy_export(out, rows=DEFAULT_ROWS, seed=seed)
    for name, key in (("export_billetterie", "export"), ("export_billetterie_verite", "verite")):
        path = messy[key]
        files[path.name] = {"dataset": name, "rows": DEFAULT_ROWS,
                            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        paths[name] = path

    manifest = {
        "generator": GENERATOR_NAME,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale,
        "extraction_date": str(EXTRACTION_DATE),
        "licence": "CC BY 4.0",
        "files": files,
    }
    manifest_path = out / MANIFEST_NAME
    manifest_path.write_bytes((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    paths["manifest"] = manifest_path
    say(f"Terminé : {len(files)} fichiers dans {out}.")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ia_marketing.data.generator",
        description="Génère les données fictives du Théâtre du Rivage (toutes les données "
                    "personnelles sont fausses). Même graine et même échelle : fichiers identiques.")
    parser.add_argument("--out", default="datasets", help="dossier de sortie (défaut : datasets)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"graine aléatoire (défaut : {DEFAULT_SEED})")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiplie le nombre de spectateurs et de billets (défaut : 1 ; 333 ≈ 1 million de spectateurs)")
    args = parser.parse_args(argv)
    try:
        _check_arguments(args.seed, args.scale)
    except ValueError as error:
        parser.error(str(error))
    generate(args.out, seed=args.seed, scale=args.scale,
             progress=lambda message: print(message, file=sys.stderr, flush=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
