"""The press list: exactly 50 journalists of invented media (``words/press.toml``)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..core.text import slug
from .helpers import choice
from .pools import Pools
from .shows import Shows
from .words import words
from .world import CI, DA, DISCIPLINES, EXTRACTION_DAY, JP, MU, TH, rng

__all__ = ["N_JOURNALISTS", "journalist_frame"]

N_JOURNALISTS = 50
COLUMNS = ("id_journaliste", "civilite", "prenom", "nom", "media", "type_media", "rubrique", "ville",
           "email", "derniere_couverture", "disciplines_suivies")


def journalist_frame(seed: int, pools: Pools, shows: Shows) -> pd.DataFrame:
    """journalistes.csv: each journalist follows some disciplines and may have covered a past show."""
    press = words("press")
    media = press["media"]
    draw = rng("journalists", seed)
    slots = np.repeat(np.arange(len(media)), np.array([m["journalists"] for m in media]))
    chosen = np.sort(draw.choice(slots, size=N_JOURNALISTS, replace=False))
    past = shows.premiere <= EXTRACTION_DAY
    rows: dict[str, list[str]] = {k: [] for k in COLUMNS}
    used_emails: set[str] = set()
    for i, media_index in enumerate(chosen.tolist(), start=1):
        medium = media[media_index]
        female = bool(draw.random() < 0.55)
        if female:
            k = int(draw.choice(len(pools.female), p=pools.female_p))
            first, first_slug = str(pools.female[k]), str(pools.female_slug[k])
        else:
            k = int(draw.choice(len(pools.male), p=pools.male_p))
            first, first_slug = str(pools.male[k]), str(pools.male_slug[k])
        k = int(draw.choice(len(pools.last), p=pools.last_p))
        last, last_slug = str(pools.last[k]), str(pools.last_slug[k])
        rubrique = choice(draw, press["desks"][medium["type"]])
        if rubrique == "jeune public" or medium.get("family", False):
            followed = [JP] + ([CI] if draw.random() < 0.5 else [])
        elif rubrique in ("danse", "musique"):
            followed = [DA if rubrique == "danse" else MU] + ([TH] if draw.random() < 0.3 else [])
        else:
            k_followed = int(draw.choice([1, 2, 3], p=[0.3, 0.45, 0.25]))
            followed = sorted(draw.choice(6, size=k_followed, replace=False).tolist())
        followed = sorted(set(followed))
        covered = ""
        candidates = np.flatnonzero(past & np.isin(shows.discipline, followed))
        if len(candidates) and draw.random() < 0.72:
            recent = candidates[shows.premiere[candidates] >= EXTRACTION_DAY - 400]
            pool = recent if len(recent) else candidates
            covered = str(shows.ids[int(draw.choice(pool))])
        domain = slug(medium["name"].split(",")[0].replace("&", " et ")) + ".example"
        local = f"{first_slug[0]}.{last_slug}" if draw.random() < 0.4 else f"{first_slug}.{last_slug}"
        if local in used_emails:
            local = f"{first_slug}.{last_slug}{i}"
        used_emails.add(local)
        rows["id_journaliste"].append(f"J{i:02d}")
        rows["civilite"].append("Mme" if female else "M.")
        rows["prenom"].append(first)
        rows["nom"].append(last)
        rows["media"].append(medium["name"])
        rows["type_media"].append(medium["type"])
        rows["rubrique"].append(rubrique)
        rows["ville"].append(medium["city"])
        rows["email"].append(f"{local}@{domain}")
        rows["derniere_couverture"].append(covered)
        rows["disciplines_suivies"].append(";".join(DISCIPLINES[d] for d in followed))
    return pd.DataFrame(rows)
