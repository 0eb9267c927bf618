"""Personas: what each group of spectators looks like, in a table a marketer reads — size,
typical basket, favourite disciplines, territory, age band, share of subscribers, sales channel —
from the course tables (``billets``, ``spectacles``, ``spectateurs``).

Groups are any labelling of the customers: k-means clusters, RFM segments.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.fr import count, money, percent
from ..data import EXTRACTION_DATE
from ..data.world import TOWN
from .inputs import SegmentationError, check_columns, crosstab_counts, positions
from .rfm import rfm

__all__ = ["AGE_BANDS", "personas", "persona_texts", "with_shows"]

#: Age bands (lower bound in years, label).
AGE_BANDS: tuple[tuple[int, str], ...] = (
    (0, "moins de 30 ans"), (30, "30-44 ans"), (45, "45-59 ans"), (60, "60-74 ans"), (75, "75 ans et plus"))
TERRITORIES = (TOWN, "reste des Alpes-Maritimes", "hors Alpes-Maritimes")


def with_shows(billets: pd.DataFrame, spectacles: pd.DataFrame,
               columns: Sequence[str] = ("saison", "discipline")) -> pd.DataFrame:
    """A copy of *billets* with the *columns* of each ticket's show (by ``id_spectacle``): its
    season and discipline by default. *billets* is not modified."""
    check_columns(billets, ["id_spectacle"], "with_shows")
    check_columns(spectacles, ["id_spectacle", *columns], "with_shows")
    shows = spectacles.drop_duplicates("id_spectacle").set_index("id_spectacle")
    codes, uniques = pd.factorize(billets["id_spectacle"])  # a hundred shows: look each up once
    out = billets.copy()
    for column in columns:
        looked = shows[column].reindex(uniques)
        out[column] = pd.Series(pd.api.extensions.take(looked.array, codes, allow_fill=True), index=billets.index)
    return out


def _groups(groups: object) -> pd.Series:
    if not isinstance(groups, pd.Series) or groups.index.has_duplicates:
        raise SegmentationError("Les groupes doivent être une Series indexée par client (un client par ligne).",
                                conseil="Passez par exemple resultat_kmeans.labels ou assign_segments(scores).")
    return groups


def _top(counts: np.ndarray, names: Sequence[str], n: int) -> list[str]:
    """« théâtre 41 % » for the *n* largest of *counts* (a row per group, a column per name)."""
    out = []
    for row in counts:
        total = row.sum()
        order = np.argsort(-row, kind="stable")[:n]
        out.append(", ".join(f"{names[i]} {percent(row[i] / total)}" for i in order if row[i] > 0) if total else "")
    return out


def personas(groups: pd.Series, *, billets: pd.DataFrame, spectacles: pd.DataFrame, spectateurs: pd.DataFrame,
             table: pd.DataFrame | None = None, at: object = None) -> pd.DataFrame:
    """One row per group of *groups* (a label per customer, indexed by ``id_client``): ``spectateurs``
    and ``part``; ``panier_median`` (euros per purchase), ``achats_median`` and ``recence_mediane``
    (from *table*, the RFM table, computed from *billets* when not given); ``disciplines`` (the two
    most bought, share of tickets); ``territoire`` (Port-Rivage, the rest of the Alpes-Maritimes,
    elsewhere); ``age_median`` and ``tranche_age`` (the most common band) at *at* (default: the day
    of the export); ``abonnes`` (share of subscribers); ``canal`` (the main sales channel, share of
    tickets). Only aggregates: no person appears."""
    groups = _groups(groups)
    check_columns(billets, ["id_client", "id_spectacle", "date_achat", "prix", "canal"], "personas")
    check_columns(spectateurs, ["id_client", "date_naissance", "code_postal", "ville", "abonne"], "personas")
    at_day = pd.Timestamp(EXTRACTION_DATE if at is None else at)
    labels = groups.astype("category")
    names = list(labels.cat.categories)
    g = labels.cat.codes.to_numpy().astype(np.int64)
    k = len(names)

    if table is None:
        table = rfm(billets, customer="id_client", date="date_achat", amount="prix", at=at_day).table
    rfm_part = table if table.index.equals(groups.index) else table.reindex(groups.index)
    frame = pd.DataFrame({"groupe": labels.to_numpy(), "panier": (rfm_part["montant"] / rfm_part["frequence"]).to_numpy(),
                          "achats": rfm_part["frequence"].to_numpy(), "recence": rfm_part["recence"].to_numpy()})

    people = spectateurs.drop_duplicates("id_client")
    where = positions(pd.Index(people["id_client"]), pd.Series(groups.index))
    known = where >= 0
    rows = np.where(known, where, 0)
    birth = pd.to_datetime(people["date_naissance"]).to_numpy()[rows]
    age = np.where(known, (at_day.to_datetime64() - birth) / np.timedelta64(1, "D") / 365.2425, np.nan)
    frame["age"] = age
    band = np.where(np.isnan(age), -1, np.digitize(np.nan_to_num(age), [b for b, _ in AGE_BANDS[1:]]))
    band_counts = crosstab_counts(g, band, (k, len(AGE_BANDS)))
    town = people["ville"].eq(TOWN).fillna(False).to_numpy(dtype=bool)[rows]
    alpes = people["code_postal"].astype(str).str.startswith("06").fillna(False).to_numpy(dtype=bool)[rows]
    territory = np.where(known & people["ville"].notna().to_numpy()[rows], np.select([town, alpes], [0, 1], 2), -1)
    territory_counts = crosstab_counts(g, territory, (k, len(TERRITORIES)))
    frame["abonne"] = np.where(known, people["abonne"].astype(float).to_numpy()[rows], np.nan)

    # tickets: the group of each ticket's buyer, its show's discipline, its channel
    buyer = positions(groups.index, billets["id_client"])
    ticket_group = np.where(buyer >= 0, g[np.maximum(buyer, 0)], -1)
    tables = {}
    shows = spectacles.drop_duplicates("id_spectacle").set_index("id_spectacle")
    show_of = positions(shows.index, billets["id_spectacle"])
    discipline_codes, disciplines = pd.factorize(shows["discipline"])
    tables["discipline"] = (crosstab_counts(ticket_group, np.where(show_of >= 0, discipline_codes[np.maximum(show_of, 0)], -1),
                                            (k, len(disciplines))), [str(v) for v in disciplines])
    channel_codes, channels = pd.factorize(billets["canal"])
    tables["canal"] = (crosstab_counts(ticket_group, channel_codes, (k, len(channels))), [str(v) for v in channels])

    grouped = frame.groupby("groupe", observed=False)
    out = pd.DataFrame(index=pd.Index(names, name=groups.name or "groupe"))
    out["spectateurs"] = np.bincount(g[g >= 0], minlength=k)
    out["part"] = out["spectateurs"] / max(len(groups), 1)
    out["panier_median"] = grouped["panier"].median().reindex(names).to_numpy()
    out["achats_median"] = grouped["achats"].median().reindex(names).to_numpy()
    out["recence_mediane"] = grouped["recence"].median().reindex(names).to_numpy()
    out["disciplines"] = _top(*tables["discipline"], 2)
    out["territoire"] = _top(territory_counts, TERRITORIES, 2)
    out["age_median"] = grouped["age"].median().reindex(names).round().to_numpy()
    out["tranche_age"] = _top(band_counts, [label for _, label in AGE_BANDS], 1)
    out["abonnes"] = grouped["abonne"].mean().reindex(names).to_numpy()
    out["canal"] = _top(*tables["canal"], 1)
    return out


def persona_texts(profiles: pd.DataFrame) -> pd.Series:
    """One French sentence per group of a `personas` table, to read aloud or put in a brief."""
    check_columns(profiles, ["spectateurs", "part", "panier_median", "disciplines", "territoire", "tranche_age",
                             "abonnes", "canal"], "persona_texts")
    sentences = {}
    for name, row in profiles.iterrows():
        basket = money(row["panier_median"], digits=0) if pd.notna(row["panier_median"]) else "inconnu"
        title = f"groupe {name}" if isinstance(name, (int, np.integer)) else str(name)
        sentences[name] = (
            f"{title} — {count(int(row['spectateurs']), 'spectateur', 'spectateurs')} ({percent(row['part'])}) : "
            f"panier médian {basket} par achat ; disciplines : {row['disciplines'] or 'aucune'} ; "
            f"habitent : {row['territoire'] or 'inconnu'} ; âge : {row['tranche_age'] or 'inconnu'} ; "
            f"{percent(row['abonnes'] if pd.notna(row['abonnes']) else 0.0)} d'abonnés ; "
            f"canal principal : {row['canal'] or 'inconnu'}.")
    return pd.Series(sentences, name="persona")
