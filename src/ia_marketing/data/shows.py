"""The programme: 25 shows a season, their halls, performances, prices and descriptions."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .helpers import cents_text, choice, contract, days, ids, iso, weekday
from .words import words
from .world import CI, DA, DISCIPLINES, HU, JP, MU, SEASON_START_YEARS, SEASONS, TH, FloatArray, IntArray, StrArray, rng

__all__ = ["HALLS", "Shows", "build_shows", "shows_frame"]

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
    first = days(f"{start_year}-09-21")
    first += (7 - int(weekday(first))) % 7
    mondays = first + 7 * np.arange(38, dtype=np.int64)
    christmas = days(f"{start_year}-12-21")
    keep = ~((mondays >= christmas) & (mondays < christmas + 14))
    return mondays[keep][:36]


def build_shows(seed: int) -> Shows:
    """Every season's programme, drawn from the titles, companies and themes of ``words/shows.toml``."""
    text = words("shows")
    titles, companies, themes, templates = (
        {d: text[part][name] for d, name in enumerate(DISCIPLINES)}
        for part in ("titles", "companies", "themes", "descriptions"))
    durations, number_words = text["words"]["durations"], text["words"]["numbers"]
    draw = rng("shows", seed)
    title_order = {d: draw.permutation(len(titles[d])) for d in range(6)}
    used = dict.fromkeys(range(6), 0)
    rows: list[dict[str, object]] = []
    for s, year in enumerate(SEASON_START_YEARS):
        disciplines = np.concatenate([np.full(k, d) for d, k in SHOWS_PER_SEASON.items()])
        disciplines = disciplines[draw.permutation(len(disciplines))]
        weeks = np.sort(draw.choice(_season_weeks(year), size=len(disciplines), replace=False))
        for d, monday in zip(disciplines.tolist(), weeks.tolist(), strict=True):
            title = titles[d][int(title_order[d][used[d]])]
            used[d] += 1
            hall = GRANDE if draw.random() < P_GRANDE[d] else STUDIO
            if hall == GRANDE:
                reps = int(draw.choice([1, 2, 3], p=[0.86, 0.12, 0.02]))
                jauge = int(draw.choice([600, 550, 500], p=[0.8, 0.12, 0.08]))
            else:
                reps = int(draw.choice([1, 2, 3, 4], p=[0.30, 0.42, 0.20, 0.08]))
                jauge = int(draw.choice([180, 150, 120], p=[0.8, 0.12, 0.08]))
            if d == JP:  # family shows open on Wednesday (school-free afternoon)
                offset = 2
            else:
                offset = int(draw.integers(1, min(3, 7 - reps) + 1))
            price = FULL_PRICE[d][hall] + s + int(draw.choice([-2, 0, 0, 2]))
            appeal = BASE_FILL[d] * math.exp(draw.normal(0.0, 0.22)) * (0.93 if hall == GRANDE else 1.0)
            company = choice(draw, companies[d])
            template = choice(draw, templates[d])
            description = contract(template.format(
                company=company, theme=choice(draw, themes[d]),
                n=number_words[int(draw.integers(2, 9))], duration=choice(draw, durations)))
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
        ids=ids("S", 1, n + 1, 3), title=col("title", np.str_), discipline=col("discipline", np.int64),
        season=col("season", np.int64), premiere=col("premiere", np.int64), reps=col("reps", np.int64),
        hall=col("hall", np.int64), jauge=col("jauge", np.int64), full_cents=col("full", np.int64),
        description=col("description", np.str_), company=col("company", np.str_),
        appeal=col("appeal", np.float64))


def shows_frame(shows: Shows) -> pd.DataFrame:
    """spectacles.csv."""
    return pd.DataFrame({
        "id_spectacle": shows.ids,
        "titre": shows.title,
        "discipline": np.array(DISCIPLINES, dtype=np.str_)[shows.discipline],
        "saison": np.array(SEASONS, dtype=np.str_)[shows.season],
        "date_premiere": iso(shows.premiere),
        "nb_representations": shows.reps,
        "salle": np.array([h for h, _ in HALLS], dtype=np.str_)[shows.hall],
        "jauge": shows.jauge,
        "prix_plein": cents_text(shows.full_cents),
        "description": shows.description,
    })
