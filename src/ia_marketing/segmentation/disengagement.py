"""Spectators who drift away: from the seasons before a target season, flag who will not come
back in it, then check the flags against what really happened in that season.

Three ways to flag, from the simplest: the naive rule « pas venu depuis un an » (`naive_flags`),
explicit thresholds (`rule_flags`: not seen for a year, or a single purchase), and a logistic
regression on the RFM features (`fit_disengagement`) trained on the season before — never on the
season it is judged on. `evaluate_flags` gives precision, recall and lift; `reengagement_list`
the minimised list a team needs to decide (no e-mail, no phone).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.fr import count, percent
from .inputs import LARGE, SegmentationError, check_columns, progress_bar
from .rfm import rfm

__all__ = ["DisengagementData", "DisengagementModel", "compare_flags", "disengagement_data", "evaluate_flags",
           "fit_disengagement", "naive_flags", "reengagement_list", "rule_flags"]

#: Features the logistic regression reads (logs of counts and amounts, as in `prepare_features`).
MODEL_FEATURES = ("recence", "frequence", "montant", "achats_derniere_saison")


@dataclass(repr=False)
class DisengagementData:
    """Customers who bought before *target*: their ``features`` (index: the customer; RFM at ``at``
    on the seasons before *target*, ``saisons`` with a purchase, ``achats_derniere_saison``, purchases
    in the last of them) and ``decroche``, True when they bought nothing in *target* (what really
    happened)."""

    features: pd.DataFrame
    decroche: pd.Series
    target: object
    last_season: object
    at: pd.Timestamp

    def __repr__(self) -> str:
        return (f"{count(len(self.features), 'client', 'clients')} avant la saison {self.target} ; "
                f"{percent(float(self.decroche.mean()) if len(self.decroche) else 0.0)} ne sont pas revenus.")


def disengagement_data(transactions: pd.DataFrame, *, customer: str, date: str, amount: str, season: str,
                       target: object = None, order: str | Sequence[str] | None = None,
                       at: object = None, progress: bool | None = None) -> DisengagementData:
    """Features from the seasons before *target* (default: the last season of *season*) and
    whether each customer came back in *target*. Rows are read as `rfm` reads them (rows that
    cannot count are left out the same way). *at* is the reference date of the features; default,
    the day after the last purchase before *target*. A progress bar shows on large tables (or
    with ``progress=True``)."""
    orders = [order] if isinstance(order, str) else list(order or [])
    df = check_columns(transactions, [customer, date, amount, season, *orders], "disengagement_data")
    df = df[list(dict.fromkeys([customer, date, amount, season, *orders]))].copy()
    if not isinstance(df[customer].dtype, pd.CategoricalDtype):  # read the customers once, not four times
        df[customer] = df[customer].astype("category")
    season_codes, season_values = pd.factorize(df[season], sort=True, use_na_sentinel=True)
    df[season] = pd.Categorical.from_codes(season_codes, categories=season_values)
    seasons = list(season_values)
    if target is None:
        target = seasons[-1] if seasons else None
    if target not in seasons:
        raise SegmentationError(f"Saison cible inconnue : {target!r}.",
                                conseil=f"Saisons du tableau : {', '.join(map(str, seasons))}.")
    position = seasons.index(target)
    if position == 0:
        raise SegmentationError(f"Aucune saison avant {target} : impossible d'observer un décrochage.",
                                conseil="Choisissez une saison cible qui a au moins une saison avant elle.")
    before = seasons[:position]
    history = df[(season_codes >= 0) & (season_codes < position)]
    keys = dict(customer=customer, date=date, amount=amount)
    steps = iter(progress_bar(range(4), desc="décrochage : saisons passées, puis saison cible",
                              enabled=progress if progress is not None else len(df) > LARGE))
    next(steps)
    base = rfm(history, **keys, order=order, at=at)
    features = base.table.copy()
    next(steps)
    features["saisons"] = rfm(history, **keys, order=season, at=base.at).table["frequence"].reindex(features.index)
    next(steps)
    last = rfm(df[season_codes == position - 1], **keys, order=order, at=base.at).table["frequence"]
    features["achats_derniere_saison"] = last.reindex(features.index, fill_value=0).astype(np.int64)
    next(steps)
    try:
        back = rfm(df[season_codes == position], **keys).table.index
    except SegmentationError:  # no row of the target season counts: nobody came back
        back = pd.Index([])
    next(steps, None)  # closes the bar
    decroche = pd.Series(pd.Index(back).get_indexer(features.index) < 0, index=features.index, name="decroche")
    return DisengagementData(features, decroche, target, before[-1], base.at)


def _as_data(data: object, what: str) -> DisengagementData:
    if not isinstance(data, DisengagementData):
        raise SegmentationError(f"{what} attend le résultat de disengagement_data(…).",
                                conseil="Écrivez data = disengagement_data(billets, customer=…, date=…, amount=…, season=…).")
    return data


def naive_flags(data: DisengagementData, *, days: int = 365) -> pd.Series:
    """The naive rule: flag whoever has not bought for more than *days* days (« pas venu depuis un an »)."""
    data = _as_data(data, "naive_flags")
    return (data.features["recence"] > days).rename("signale")


def rule_flags(data: DisengagementData, *, days: int = 365, single_purchase: bool = True) -> pd.Series:
    """Explicit thresholds: not seen for more than *days* days, or (with *single_purchase*) only
    one purchase ever — a one-time buyer seldom comes back."""
    data = _as_data(data, "rule_flags")
    flags = data.features["recence"] > days
    if single_purchase:
        flags |= data.features["frequence"] <= 1
    return flags.rename("signale")


def _design(features: pd.DataFrame) -> pd.DataFrame:
    return np.log1p(features[list(MODEL_FEATURES)].astype(float))


@dataclass(repr=False)
class DisengagementModel:
    """A logistic regression on standardised logs of `MODEL_FEATURES`: ``probabilities(data)`` gives
    each customer's risk of not coming back, ``flags(data)`` those above ``threshold``,
    ``coefficients()`` what pushes the risk up or down.

    Read the coefficients together: they are effects *at equal values of the others*. On the
    course data, once the purchases of the last season are known, a longer récence lowers the risk
    a little — subscribers buy all their seats in June, long before they come.
    """

    pipeline: object
    threshold: float = 0.5

    def probabilities(self, data: DisengagementData) -> pd.Series:
        data = _as_data(data, "probabilities")
        p = self.pipeline.predict_proba(_design(data.features))[:, 1]
        return pd.Series(p, index=data.features.index, name="risque")

    def flags(self, data: DisengagementData, threshold: float | None = None) -> pd.Series:
        limit = self.threshold if threshold is None else threshold
        return (self.probabilities(data) >= limit).rename("signale")

    def coefficients(self) -> pd.DataFrame:
        """One row per feature: the coefficient (on standardised values) and its meaning in French."""
        coef = self.pipeline[-1].coef_[0]
        out = pd.DataFrame({"coefficient": coef}, index=pd.Index(MODEL_FEATURES, name="variable"))
        out["effet"] = np.where(coef > 0, "plus elle est grande, plus le risque monte",
                                "plus elle est grande, plus le risque baisse")
        return out.reindex(out["coefficient"].abs().sort_values(ascending=False).index)

    def __repr__(self) -> str:
        return f"Régression logistique (seuil {self.threshold:g}) sur {', '.join(MODEL_FEATURES)}"


def fit_disengagement(train: DisengagementData, *, threshold: float = 0.5) -> DisengagementModel:
    """Fit the logistic regression on *train* (a season that is over: train on the season before
    the one you judge, never on it)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    train = _as_data(train, "fit_disengagement")
    if train.decroche.nunique() < 2:
        raise SegmentationError("Les données d'entraînement n'ont qu'une seule issue (tous revenus ou tous partis).",
                                conseil="Entraînez sur une saison où certains clients sont revenus et d'autres non.")
    pipeline = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    pipeline.fit(_design(train.features), train.decroche.to_numpy())
    return DisengagementModel(pipeline, threshold)


def evaluate_flags(flags: pd.Series, data: DisengagementData) -> dict[str, float]:
    """Flags against what happened: ``precision`` (share of flagged customers who really did not
    come back), ``rappel`` (share of those who did not come back that were flagged),
    ``taux_de_base`` (share who did not come back among all) and ``lift`` = precision / base rate
    (how much better than flagging at random)."""
    data = _as_data(data, "evaluate_flags")
    if not isinstance(flags, pd.Series):
        raise SegmentationError("Les signalements doivent être une Series de vrai/faux, indexée par client.",
                                conseil="Utilisez naive_flags(data), rule_flags(data) ou modele.flags(data).")
    flagged = flags.reindex(data.decroche.index).fillna(False).astype(bool).to_numpy()
    actual = data.decroche.to_numpy()
    n_flagged, n_actual = int(flagged.sum()), int(actual.sum())
    true_positive = int((flagged & actual).sum())
    base = n_actual / len(actual) if len(actual) else 0.0
    precision = true_positive / n_flagged if n_flagged else 0.0
    return {"signales": n_flagged, "decrocheurs": n_actual, "vrais_positifs": true_positive,
            "precision": precision, "rappel": true_positive / n_actual if n_actual else 0.0,
            "taux_de_base": base, "lift": precision / base if base else 0.0}


def compare_flags(flag_sets: Mapping[str, pd.Series], data: DisengagementData) -> pd.DataFrame:
    """`evaluate_flags` for each named set of flags, one row each (e.g. the naive rule and the model)."""
    return pd.DataFrame({name: evaluate_flags(flags, data) for name, flags in flag_sets.items()}).T


def reengagement_list(data: DisengagementData, flags: pd.Series, *, risk: pd.Series | None = None) -> pd.DataFrame:
    """The flagged customers with only what a team needs to decide whom to contact and how (no
    name, e-mail or phone: minimisation): récence, fréquence, montant, seasons, purchases in the
    last season, the risk when given, and why they are on the list. Largest amounts first."""
    data = _as_data(data, "reengagement_list")
    chosen = flags.reindex(data.features.index).fillna(False).astype(bool)
    out = data.features.loc[chosen.to_numpy(), ["recence", "frequence", "montant", "saisons",
                                                "achats_derniere_saison"]].copy()
    per_season = out["frequence"] / out["saisons"].clip(lower=1)
    why = np.select([out["recence"] > 365, out["frequence"] <= 1, out["achats_derniere_saison"] == 0,
                     out["achats_derniere_saison"] < per_season],
                    ["pas venu depuis plus d'un an", "un seul achat", "aucun achat la saison dernière",
                     "achats en baisse la saison dernière"], default="risque estimé par le modèle")
    if risk is not None:
        out["risque"] = risk.reindex(out.index)
    out["raison"] = why
    return out.sort_values(["montant", "recence"], ascending=[False, True])
