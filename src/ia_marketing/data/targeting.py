"""A past campaign's targeting, with the bias a real scoring rule can carry (module 05's audit).

In June 2025 the venue invited part of its public to the « avant-première » of the 2025-2026
season. The list came from a scoring tool sold with the newsletter software: every spectator who
had bought a ticket in the two seasons before (2023-2024 or 2024-2025) got a « score
d'appétence » from 0 to 100,

    score = 100 × (0.55 × share of their tickets bought on the web
                   + 0.25 × newsletter opt-in
                   + 0.20 × min(1, tickets of the last twelve months / 6))  + noise (sd 4),

and the team kept the spectators scoring 50 or more **who live in the Alpes-Maritimes** (the
invitations were printed and posted). Nobody chose to leave older spectators out; but older
spectators buy more often at the box office and by phone, so the web share, a proxy for age,
selects them about half as often as the under-30s, although they come back as often. The
territory rule is explicit and has a business reason; the age effect is the hidden one. Gender
plays no part. `datasets/README.md` documents this; the figures are measured in its tests.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .audience import Audience
from .helpers import days
from .world import SALES_CHANNELS, rng

__all__ = ["CAMPAIGN_DAY", "SCORE_THRESHOLD", "targeting_frame"]

CAMPAIGN_ID = "AP2025"
CAMPAIGN_DAY = "2025-06-16"
SCORE_THRESHOLD = 50
WEIGHTS = (0.55, 0.25, 0.20)
#: The two seasons the tool looked at (indexes in SEASONS: 2023-2024, 2024-2025).
SEASONS_LOOKED_AT = (1, 2)


def targeting_frame(seed: int, audience: Audience, customers: pd.DataFrame) -> pd.DataFrame:
    """``ciblage_campagne.csv``: one row per spectator scored for the campaign (id_campagne,
    id_client, score_appetence, cible), in customer order."""
    day = days(CAMPAIGN_DAY)
    scored = audience.active[:, list(SEASONS_LOOKED_AT)].any(axis=1) & (audience.first_purchase < day)
    before = audience.t_date < day
    n = audience.n
    tickets = np.bincount(audience.t_customer[before], minlength=n)
    web = np.bincount(audience.t_customer[before & (audience.t_channel == SALES_CHANNELS.index("web"))], minlength=n)
    recent = np.bincount(audience.t_customer[before & (audience.t_date >= day - 365)], minlength=n)
    web_share = np.divide(web, tickets, out=np.zeros(n), where=tickets > 0)
    w_web, w_optin, w_recent = WEIGHTS
    noise = rng("targeting", seed).normal(0.0, 4.0, n)
    score = 100 * (w_web * web_share + w_optin * audience.optin + w_recent * np.minimum(1.0, recent / 6)) + noise
    score = np.clip(np.rint(score), 0, 100).astype(np.int64)
    local = customers["code_postal"].astype(str).str.startswith("06").to_numpy(dtype=bool)
    rows = np.flatnonzero(scored)
    target = (score >= SCORE_THRESHOLD) & local
    return pd.DataFrame({
        "id_campagne": CAMPAIGN_ID,
        "id_client": customers["id_client"].to_numpy()[rows],
        "score_appetence": score[rows].astype(str),
        "cible": np.where(target[rows], "true", "false"),
    })
