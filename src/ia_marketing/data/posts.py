"""Past social-media posts of the venue, with their engagement (texts in ``words/posts.toml``)."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .helpers import choice, contract, date_parts, days, french_date, iso, weekday
from .shows import HALLS, Shows
from .words import words
from .world import DISCIPLINES, VENUE, rng

__all__ = ["CONTENT_TYPES", "NETWORKS", "N_POSTS", "post_frame"]

NETWORKS: tuple[str, ...] = ("Instagram", "Facebook", "LinkedIn", "TikTok")
NETWORK_P = (0.40, 0.30, 0.12, 0.18)
LINKEDIN, TIKTOK = 2, 3
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
POST_KIND_P = {"annonce": 0.30, "rappel": 0.15, "dernieres": 0.07, "coulisses": 0.13,
               "retour": 0.15, "institution": 0.20}
COLUMNS = ("id_publication", "date", "reseau", "id_spectacle", "type_contenu", "texte",
           "nb_likes", "nb_partages", "nb_commentaires", "portee")


def _hashtags(draw: np.random.Generator, network: int, discipline: int | None) -> str:
    text = words("posts")
    tags = list(text["hashtags"]["always"])
    if discipline is not None:
        tags.append(text["discipline_hashtags"][DISCIPLINES[discipline]])
    tags.extend(t for t in text["hashtags"]["optional"] if draw.random() < 0.4)
    if network == LINKEDIN:
        tags = tags[:3]
    if network == TIKTOK:
        tags.append(text["hashtags"]["tiktok"])
    return " ".join(tags)


def _post_text(draw: np.random.Generator, kind: str, network: int, shows: Shows, show: int | None,
               day: int) -> str:
    """The wording of one post: a template in the network's tone, plus hashtags."""
    text = words("posts")
    templates = text["templates"][kind]
    if network == LINKEDIN and kind in text["linkedin"]:
        templates = text["linkedin"][kind]
    month = int(date_parts(np.array([day]))[1][0])
    seasonal = text["seasonal"]
    fitting = [t for t in templates
               if all(month in months for start, months in seasonal.items() if start in t)]
    template = choice(draw, fitting)
    discipline = None if show is None else int(shows.discipline[show])
    emoji = ""
    if network != LINKEDIN and draw.random() < 0.6:  # no emoji on LinkedIn
        use_discipline = discipline is not None and draw.random() < 0.6
        emoji = (text["discipline_emojis"][DISCIPLINES[discipline]] if use_discipline and discipline is not None
                 else choice(draw, text["emojis"]["any"])) + " "
    fields: dict[str, str] = {"venue": VENUE, "emoji": emoji}
    if show is not None:
        pitch = str(shows.description[show]).split(". ")[0].rstrip(".") + "."
        fields.update(
            titre=str(shows.title[show]), date=french_date(int(shows.premiere[show]), with_weekday=True),
            pitch=pitch, phrase=text["phrases"][DISCIPLINES[int(shows.discipline[show])]],
            salle=text["halls"][HALLS[int(shows.hall[show])][0]],
            compagnie=str(shows.company[show]), jours=str(int(shows.premiere[show]) - day))
    wording = contract(template.format(**fields).strip())
    if network == TIKTOK and len(wording) > 90:  # TikTok: short, the first sentence(s) only
        sentences = re.findall(r".*?[.!?…](?=\s|$)", wording)
        short = ""
        for sentence in sentences:
            short = f"{short} {sentence.strip()}".strip()
            if len(short) >= 45:
                break
        wording = short or wording
    return f"{wording} {_hashtags(draw, network, discipline)}"


def post_frame(seed: int, shows: Shows) -> pd.DataFrame:
    """publications.csv: reach by network, format and show; likes, shares and comments out of it."""
    draw = rng("publications", seed)
    start, stop = days(POSTS_FROM), days(POSTS_TO)
    all_days = np.arange(start, stop + 1)
    month = date_parts(all_days)[1]
    day_w = np.where((month == 7) | (month == 8), 0.25, 1.0) * np.where(weekday(all_days) == 6, 0.4, 1.0)
    post_days = np.sort(draw.choice(all_days, size=N_POSTS, replace=True, p=day_w / day_w.sum()))
    rows: dict[str, list[object]] = {k: [] for k in COLUMNS}
    kinds = list(POST_KIND_P)
    seen: set[str] = set()
    for i, day in enumerate(post_days.tolist(), start=1):
        network = int(draw.choice(4, p=NETWORK_P))
        kind = kinds[int(draw.choice(len(kinds), p=list(POST_KIND_P.values())))]
        show: int | None = None
        upcoming = np.flatnonzero((shows.premiere > day) & (shows.premiere <= day + 45))
        soon = np.flatnonzero((shows.premiere > day) & (shows.premiere <= day + 10))
        recent = np.flatnonzero((shows.last_date < day) & (shows.last_date >= day - 6))
        if kind in ("annonce", "coulisses") and len(upcoming):
            show = int(draw.choice(upcoming))
        elif kind in ("rappel", "dernieres") and len(soon):
            soon_ok = soon[shows.appeal[soon] >= 0.8] if kind == "dernieres" else soon
            if len(soon_ok):
                show = int(draw.choice(soon_ok))
            else:
                kind, show = "rappel", int(draw.choice(soon))
        elif kind == "retour" and len(recent):
            show = int(draw.choice(recent))
        if show is None:
            kind = "institution"
        text = _post_text(draw, kind, network, shows, show, day)
        for _ in range(30):  # the same wording twice would look like a copy-paste
            if text not in seen:
                break
            text = _post_text(draw, kind, network, shows, show, day)
        seen.add(text)
        ctype = int(draw.choice(4, p=CONTENT_BY_NETWORK[network]))
        growth = 1.0 + 0.2 * (day - start) / 365.0
        popularity = 1.0 if show is None else 0.75 + 0.5 * float(shows.appeal[show])
        reach = REACH_BASE[network] * CONTENT_REACH[ctype] * growth * popularity * math.exp(
            draw.normal(0.0, REACH_SIGMA[network]))
        if kind == "institution":
            reach *= 0.6
        reach_n = max(50, int(reach))
        likes = int(draw.binomial(reach_n, LIKE_RATE[network] * (1.3 if ctype == 1 else 1.0)))
        shares = int(draw.binomial(reach_n, SHARE_RATE[network]))
        comments = int(draw.binomial(reach_n, COMMENT_RATE[network] * (1.8 if "commentaire" in text else 1.0)))
        rows["id_publication"].append(f"P{i:03d}")
        rows["date"].append(str(iso(day)))
        rows["reseau"].append(NETWORKS[network])
        rows["id_spectacle"].append("" if show is None else str(shows.ids[show]))
        rows["type_contenu"].append(CONTENT_TYPES[ctype])
        rows["texte"].append(text)
        rows["nb_likes"].append(likes)
        rows["nb_partages"].append(shares)
        rows["nb_commentaires"].append(comments)
        rows["portee"].append(reach_n)
    return pd.DataFrame(rows)
