"""Predicting a show's fill rate (taux de remplissage) from what is known when the season is
programmed — discipline, weekday, month, hall, full price — judged on a season the model has not
seen, against a naive baseline (the mean fill rate of the seasons before).

One row per performance: the tickets sold for it (``billets`` grouped by show and performance
date) divided by the seats on sale (``jauge`` of the show, times the generator's *scale*).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.fr import count, percent
from .inputs import SegmentationError, check_columns

__all__ = ["FILL_FEATURES", "FillRateForecast", "fill_rate_forecast", "performances"]

#: What the model reads: known when the season is programmed, before any ticket is sold.
FILL_FEATURES: tuple[str, ...] = ("discipline", "jour", "mois", "salle", "prix_plein")
_CATEGORIES = ("discipline", "jour", "mois", "salle")
_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre")


def performances(billets: pd.DataFrame, spectacles: pd.DataFrame, *, scale: float = 1.0) -> pd.DataFrame:
    """One row per performance (a show on a date): ``id_spectacle``, ``date_representation``,
    the show's ``saison``, ``discipline``, ``salle``, ``prix_plein`` and ``jauge``, the French
    ``jour`` and ``mois`` of the date, ``billets`` (tickets sold) and ``taux_remplissage``
    (tickets ÷ (jauge × *scale*); *scale* is the generator's, 1 for the course data). Only
    performances with at least one ticket appear. The inputs are not modified."""
    check_columns(billets, ["id_spectacle", "date_representation"], "performances")
    check_columns(spectacles, ["id_spectacle", "saison", "discipline", "salle", "prix_plein", "jauge"], "performances")
    if isinstance(scale, bool) or not isinstance(scale, (int, float, np.integer, np.floating)) or not scale > 0:
        raise SegmentationError(f"scale={scale!r} : il faut un nombre positif.",
                                conseil="Gardez scale=1 pour les données du cours (l'échelle du générateur sinon).")
    dates = pd.to_datetime(billets["date_representation"], errors="coerce")
    if dates.isna().any():
        raise SegmentationError(f"{count(int(dates.isna().sum()), 'billet a', 'billets ont')} une date de représentation "
                                "manquante ou illisible.",
                                conseil="Retirez ces lignes ou corrigez leur date avant d'appeler performances.")
    sold = (pd.DataFrame({"id_spectacle": billets["id_spectacle"].to_numpy(), "date_representation": dates.to_numpy()})
            .groupby(["id_spectacle", "date_representation"]).size().rename("billets").reset_index())
    shows = spectacles.drop_duplicates("id_spectacle")[["id_spectacle", "saison", "discipline", "salle", "prix_plein",
                                                        "jauge"]]
    out = sold.merge(shows, on="id_spectacle", how="left", validate="many_to_one")
    unknown = out["saison"].isna()
    if unknown.any():
        shown = ", ".join(map(str, out.loc[unknown, "id_spectacle"].drop_duplicates().head(5)))
        raise SegmentationError(f"Des billets renvoient à des spectacles absents du tableau des spectacles : {shown}.",
                                conseil="Chargez les deux tableaux du même jeu de données (load(\"billets\"), "
                                        "load(\"spectacles\")).")
    day = out["date_representation"].dt.day_of_week.to_numpy()
    month = out["date_representation"].dt.month.to_numpy()
    out["jour"] = pd.Categorical(np.array(_DAYS, dtype=object)[day], categories=list(_DAYS))
    out["mois"] = pd.Categorical(np.array(_MONTHS, dtype=object)[month - 1], categories=list(_MONTHS))
    out["taux_remplissage"] = out["billets"] / (out["jauge"] * float(scale))
    columns = ["id_spectacle", "date_representation", "saison", "discipline", "salle", "jour", "mois",
               "prix_plein", "jauge", "billets", "taux_remplissage"]
    return out[columns].sort_values(["date_representation", "id_spectacle"]).reset_index(drop=True)


@dataclass(repr=False)
class FillRateForecast:
    """The forecast of the held-out season: ``predictions`` (one row per performance of
    ``test_season``: its features, ``reel``, ``modele`` and ``reference``, the naive baseline),
    ``errors`` (mean absolute error, and mean error — positive when the forecast is too high —
    of the model and of the baseline, in fill-rate points from 0 to 1), the ``train_seasons``
    and the fitted scikit-learn ``pipeline``."""

    predictions: pd.DataFrame
    errors: pd.DataFrame
    test_season: object
    train_seasons: list
    pipeline: object

    def summary(self) -> str:
        """In French: the size of both sets and the errors of the model and of the baseline."""
        e = self.errors
        return (f"Apprentissage sur {', '.join(map(str, self.train_seasons))} ; test sur {self.test_season} "
                f"({count(len(self.predictions), 'représentation', 'représentations')}).\n"
                f"Erreur moyenne du modèle : {percent(e.loc['modèle', 'erreur_absolue_moyenne'], 1)} de la jauge ; "
                f"de la référence (la moyenne des saisons passées) : "
                f"{percent(e.loc['référence', 'erreur_absolue_moyenne'], 1)}.")

    def __repr__(self) -> str:
        return self.summary()


def fill_rate_forecast(table: pd.DataFrame, *, test_season: object = None, alpha: float = 1.0) -> FillRateForecast:
    """Fit a ridge regression of ``taux_remplissage`` on `FILL_FEATURES` (categories one-hot
    encoded, the price standardised) on every season before *test_season* (default: the last
    one), and predict *test_season*, which the model never sees. The naive baseline predicts, for
    every performance, the mean fill rate of the training seasons. *table* comes from
    `performances`."""
    from sklearn.compose import make_column_transformer
    from sklearn.linear_model import Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    check_columns(table, ["saison", *FILL_FEATURES, "taux_remplissage"], "fill_rate_forecast")
    seasons = sorted(table["saison"].dropna().unique().tolist())
    if test_season is None:
        test_season = seasons[-1] if seasons else None
    if test_season not in seasons:
        raise SegmentationError(f"Saison de test inconnue : {test_season!r}.",
                                conseil=f"Saisons du tableau : {', '.join(map(str, seasons))}.")
    train_seasons = [s for s in seasons if s < test_season]
    if not train_seasons:
        raise SegmentationError(f"Aucune saison avant {test_season} pour apprendre.",
                                conseil="Choisissez une saison de test qui a au moins une saison avant elle.")
    rates = pd.to_numeric(table["taux_remplissage"], errors="coerce")
    if rates.isna().any():
        raise SegmentationError("La colonne « taux_remplissage » a des valeurs manquantes ou non numériques.",
                                conseil="Calculez le tableau avec performances(billets, spectacles).")
    train = table[table["saison"].isin(train_seasons)]
    test = table[table["saison"] == test_season]
    features = list(FILL_FEATURES)
    encode = make_column_transformer((OneHotEncoder(handle_unknown="ignore"), list(_CATEGORIES)),
                                     (StandardScaler(), ["prix_plein"]))
    pipeline = make_pipeline(encode, Ridge(alpha=alpha))
    pipeline.fit(train[features], rates[train.index])
    kept = [c for c in ("id_spectacle", "date_representation") if c in table.columns]
    predictions = test[[*kept, *features]].copy()
    predictions["reel"] = rates[test.index]
    predictions["modele"] = pipeline.predict(test[features])
    predictions["reference"] = float(rates[train.index].mean())
    rows = {}
    for name, column in (("modèle", "modele"), ("référence", "reference")):
        gap = predictions[column] - predictions["reel"]
        rows[name] = {"erreur_absolue_moyenne": float(gap.abs().mean()), "erreur_moyenne": float(gap.mean())}
    errors = pd.DataFrame(rows).T
    return FillRateForecast(predictions.reset_index(drop=True), errors, test_season, train_seasons, pipeline)
