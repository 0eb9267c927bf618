"""k-means clusters of customers (scikit-learn): features prepared (log where skewed, then
standardised), k chosen with the elbow of the inertia and the silhouette, stability measured from
one seed to another with the adjusted Rand index.

On a million customers, k-means is fitted on a random sample (fixed seed) and every customer is
then given the nearest centre; the silhouette, whose cost grows with the square of the number of
points, is always computed on a sample.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.fr import decimal, integer
from .inputs import LARGE, SegmentationError, check_columns, progress_bar

__all__ = ["ClusterResult", "choose_k", "kmeans_clusters", "plot_choose_k", "prepare_features", "skewed_columns",
           "stability"]

#: Above this skewness, a measure is log-transformed before standardising.
SKEW_THRESHOLD = 1.0


def skewed_columns(table: pd.DataFrame, columns: Sequence[str] | None = None, *,
                   threshold: float = SKEW_THRESHOLD) -> pd.Series:
    """Skewness of each numeric column (how long the right tail is); above *threshold*, a few big
    values (a spectator with 40 shows) would pull the centres: `prepare_features` takes the log."""
    columns = list(columns) if columns is not None else ["recence", "frequence", "montant"]
    check_columns(table, columns, "skewed_columns")
    return table[columns].astype(float).skew().rename("asymetrie")


def prepare_features(table: pd.DataFrame, columns: Sequence[str] | None = None, *,
                     threshold: float = SKEW_THRESHOLD) -> pd.DataFrame:
    """The features k-means sees: each column log-transformed (``log(1 + x)``) when its skewness
    is above *threshold*, then standardised (mean 0, standard deviation 1) so that days and euros
    weigh the same. Same index as *table*; ``attrs["log"]`` lists the columns that were logged."""
    columns = list(columns) if columns is not None else ["recence", "frequence", "montant"]
    skew = skewed_columns(table, columns, threshold=threshold)
    values = table[columns].astype(float)
    if values.isna().any().any():
        raise SegmentationError("Le tableau a des valeurs manquantes : k-means ne sait pas les placer.",
                                conseil="Retirez ou complétez ces lignes (dropna, fillna) avant prepare_features.")
    logged = [c for c in columns if skew[c] > threshold]
    if (values[logged] < 0).any().any():
        negative = [c for c in logged if (values[c] < 0).any()]
        raise SegmentationError(f"Valeurs négatives dans {', '.join(negative)} : le logarithme n'y est pas défini.",
                                conseil="Utilisez le tableau de rfm(…), dont les mesures sont positives.")
    out = values.copy()
    out[logged] = np.log1p(values[logged])
    std = out.std(ddof=0).replace(0.0, 1.0)
    out = (out - out.mean()) / std
    out.attrs["log"] = logged
    return out


@dataclass(repr=False)
class ClusterResult:
    """A k-means run: ``labels`` (cluster of each customer, 0 = the largest cluster), ``centres``
    (in the units of the prepared features), ``inertia`` (sum of squared distances of every customer
    to their centre), ``sizes`` and the fitted scikit-learn ``model``."""

    labels: pd.Series
    centres: pd.DataFrame
    inertia: float
    model: object

    @property
    def sizes(self) -> pd.Series:
        return self.labels.value_counts().sort_index().rename("clients")

    def __repr__(self) -> str:
        return (f"k-means : {len(self.centres)} groupes, tailles {', '.join(integer(n) for n in self.sizes.tolist())}, "
                f"inertie {decimal(self.inertia, 1)}")


def _matrix(features: pd.DataFrame, what: str) -> np.ndarray:
    if not isinstance(features, pd.DataFrame) or features.empty:
        raise SegmentationError(f"{what} attend le tableau de prepare_features(…), non vide.",
                                conseil="Écrivez features = prepare_features(resultat.table).")
    x = features.to_numpy(dtype=np.float64)
    if not np.isfinite(x).all():
        raise SegmentationError("Les variables contiennent des valeurs manquantes ou infinies.",
                                conseil="Préparez-les avec prepare_features(…).")
    return x


def _check_k(k: object, n: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 2:
        raise SegmentationError(f"k={k!r} : il faut un nombre entier de groupes, au moins 2.",
                                conseil="Essayez k=4 ou choisissez k avec choose_k(…).")
    if k > n:
        raise SegmentationError(f"k={k} groupes pour {n} clients : c'est trop.",
                                conseil="Prenez moins de groupes que de clients.")
    return int(k)


def kmeans_clusters(features: pd.DataFrame, k: int, *, seed: int = 0, sample: int = 100_000,
                    n_init: int = 3) -> ClusterResult:
    """k-means with *k* groups on *features* (from `prepare_features`), reproducible with *seed*.

    Beyond *sample* customers the centres are fitted on a random sample of that size, then every
    customer goes to the nearest centre. Clusters are numbered by size: 0 is the largest.
    """
    from sklearn.cluster import KMeans

    x = _matrix(features, "kmeans_clusters")
    k = _check_k(k, len(x))
    fit_on = x
    if len(x) > sample:
        fit_on = x[np.random.default_rng(seed).choice(len(x), sample, replace=False)]
    model = KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit(fit_on)
    raw = model.predict(x) if fit_on is not x else model.labels_
    sizes = np.bincount(raw, minlength=k)
    order = np.lexsort((np.arange(k), -sizes))  # largest first; equal sizes keep scikit-learn's order
    rank = np.empty(k, dtype=np.int64)
    rank[order] = np.arange(k)
    labels = pd.Series(rank[raw], index=features.index, name="cluster")
    centres = pd.DataFrame(model.cluster_centers_[order], columns=features.columns)
    centres.index.name = "cluster"
    inertia = float(-model.score(x)) if fit_on is not x else float(model.inertia_)
    return ClusterResult(labels, centres, inertia, model)


def choose_k(features: pd.DataFrame, ks: Iterable[int] = range(2, 9), *, seed: int = 0,
             sample: int = 5_000, progress: bool | None = None) -> pd.DataFrame:
    """For each k of *ks*: the inertia (it always falls as k grows: look for the elbow, where it
    stops falling fast) and the silhouette (from -1 to 1: how much closer each customer is to their
    own group than to the next one; higher is better), computed on *sample* customers drawn with
    *seed*. A progress bar shows on large tables (or with ``progress=True``)."""
    from sklearn.metrics import silhouette_score

    x = _matrix(features, "choose_k")
    ks = [_check_k(k, len(x)) for k in ks]
    if not ks:
        raise SegmentationError("Aucune valeur de k à essayer.", conseil="Écrivez par exemple ks=range(2, 9).")
    picked = np.random.default_rng(seed).choice(len(x), min(sample, len(x)), replace=False)
    rows = []
    show = progress if progress is not None else len(x) > LARGE
    for k in progress_bar(ks, desc="k-means pour chaque k", enabled=show):
        result = kmeans_clusters(features, k, seed=seed)
        labels = result.labels.to_numpy()[picked]
        silhouette = float(silhouette_score(x[picked], labels)) if len(set(labels)) > 1 else float("nan")
        rows.append({"k": k, "inertie": result.inertia, "silhouette": silhouette})
    return pd.DataFrame(rows).set_index("k")


def plot_choose_k(table: pd.DataFrame, ax=None):
    """The elbow (inertia) and the silhouette against k, side by side."""
    import matplotlib.pyplot as plt

    if ax is None:
        fig, ax = plt.subplots(1, 2, figsize=(10, 3.5))
    else:
        fig = ax[0].figure
    ks = table.index.to_numpy()
    ax[0].plot(ks, table["inertie"], marker="o", color="#3182bd")
    ax[0].set_title("Inertie : cherchez le coude", fontsize=11)
    ax[1].plot(ks, table["silhouette"], marker="o", color="#e6550d")
    best = int(table["silhouette"].idxmax())
    ax[1].axvline(best, color="#bdbdbd", linestyle="--")
    ax[1].set_title(f"Silhouette : plus haut, c'est mieux (max. pour k = {best})", fontsize=11)
    for a in ax:
        a.set_xlabel("nombre de groupes k")
        a.set_xticks(ks)
    ax[0].set_ylabel("inertie")
    ax[1].set_ylabel("silhouette")
    fig.tight_layout()
    return fig


def stability(features: pd.DataFrame, k: int, seeds: Iterable[int] = range(5), *,
              progress: bool | None = None) -> pd.DataFrame:
    """Adjusted Rand index between the k-means runs of every pair of *seeds* (a square table):
    1 means the same groups (whatever their numbers), 0 no better than chance. Stable groups stay
    above 0.9 from one seed to another."""
    from sklearn.metrics import adjusted_rand_score

    seeds = list(seeds)
    if len(seeds) < 2:
        raise SegmentationError("Il faut au moins deux graines pour comparer des résultats.",
                                conseil="Écrivez par exemple seeds=range(5).")
    show = progress if progress is not None else len(features) > LARGE
    runs = [kmeans_clusters(features, k, seed=s).labels.to_numpy()
            for s in progress_bar(seeds, desc="k-means pour chaque graine", enabled=show)]
    matrix = np.eye(len(runs))
    for i in range(len(runs)):
        for j in range(i + 1, len(runs)):
            matrix[i, j] = matrix[j, i] = adjusted_rand_score(runs[i], runs[j])
    out = pd.DataFrame(matrix, index=pd.Index(seeds, name="graine"), columns=pd.Index(seeds, name="graine"))
    return out
