"""Newsletter campaigns: who received them, opened them and clicked (subjects in ``words/campaigns.toml``)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..core.fr import MONTHS
from .audience import Audience
from .helpers import age_years, choice, contract, date_parts, days, ids, iso, of_month, weekday
from .shows import Shows
from .words import words
from .world import JP, SEASON_START_YEARS, SEASONS, rng

__all__ = ["CAMPAIGN_PLAN", "SEGMENTS", "campaign_frame"]

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
CAMPAIGN_SEASONS = (1, 2, 3)  # the newsletter tool was adopted for the 2023-2024 season


def campaign_frame(seed: int, audience: Audience, shows: Shows) -> pd.DataFrame:
    """campagnes_newsletter.csv: the segment's opted-in customers at the day of sending."""
    subjects = words("campaigns")["subjects"]
    draw = rng("campaigns", seed)
    rows: list[tuple[int, str, str, int, int, int, int]] = []
    never = np.iinfo(np.int64).min
    for s in CAMPAIGN_SEASONS:
        year = SEASON_START_YEARS[s]
        for kind, segment, month, dom in CAMPAIGN_PLAN:
            y = year if month >= 6 else year + 1
            day = days(f"{y}-{month:02d}-{dom:02d}") + int(draw.integers(0, 5))
            while int(weekday(day)) not in (1, 3):  # sent on Tuesdays and Thursdays
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
                members = known & (age_years(audience.birth, np.full(audience.n, day)) < 26)
            sends = int(members.sum())
            open_p = min(0.5, max(0.15, OPEN_RATE[segment] * math.exp(draw.normal(0.0, 0.12))))
            click_p = min(0.062, max(0.008, CLICK_RATE[segment] * math.exp(draw.normal(0.0, 0.15))))
            opens = int(draw.binomial(sends, open_p))
            clicks = int(draw.binomial(opens, click_p / open_p)) if opens else 0
            unsubscribes = int(draw.binomial(sends, UNSUBSCRIBE_RATE[segment] * math.exp(draw.normal(0.0, 0.3))))
            season_shows = np.flatnonzero((shows.premiere > day) & (shows.premiere <= day + 60))
            if kind == "vacances":
                season_shows = season_shows[shows.discipline[season_shows] == JP]
            if len(season_shows) == 0:
                season_shows = np.flatnonzero((shows.season == s) & ((shows.discipline == JP) | (kind != "vacances")))
            picks = draw.choice(season_shows, size=2, replace=len(season_shows) < 2)
            _, m, _ = date_parts(np.array([day + 10]))
            month_name = MONTHS[int(m[0]) - 1]
            subject = contract(choice(draw, subjects[kind]).format(
                saison=SEASONS[s], titre=str(shows.title[picks[0]]), titre2=str(shows.title[picks[1]]),
                mois=month_name, de_mois=of_month(month_name), compagnie=str(shows.company[picks[0]])))
            subject = subject[0].upper() + subject[1:]
            rows.append((day, subject, segment, sends, opens, clicks, unsubscribes))
    rows.sort(key=lambda r: r[0])
    return pd.DataFrame({
        "id_campagne": ids("N", 1, len(rows) + 1, 3),
        "date_envoi": iso(np.array([r[0] for r in rows])),
        "objet": [r[1] for r in rows],
        "segment": [r[2] for r in rows],
        "nb_envois": [r[3] for r in rows],
        "nb_ouvertures": [r[4] for r in rows],
        "nb_clics": [r[5] for r in rows],
        "nb_desinscriptions": [r[6] for r in rows],
    })
