"""Who a targeting rule or a segmentation selects, group by group (disparate impact).

`selection_audit` computes, with fairlearn's `MetricFrame`, the **selection rate** of each group
of each criterion (gender, age band, territory…): the share of the group that the rule selected.
It compares each rate with the highest one of the criterion: a ratio under **four fifths** (0.8)
raises a warning. That threshold comes from the United States' Uniform Guidelines on Employee
Selection Procedures (1978, 29 CFR § 1607.4(D)), written for hiring: here it is a **signal to
look closer, not a verdict**. A gap can have a legitimate, stated reason (an invitation posted
only in the département) or reveal a criterion that stands for another without saying so (the
share of purchases on the web stands for age). In French law, treating people less favourably
because of their age, sex or place of residence in supplying a service is a discrimination
(Code pénal, art. 225-1 and 225-2; loi n° 2008-496, art. 1, indirect discrimination included),
unless an objective justification exists: the audit is how a team finds out which case it is in.

Small groups make rates unreliable: every rate carries a 95 % Wilson interval, and a group under
*min_size* people is reported but never raises the warning on its own.

With *outcome* (for example « came back the next season »), the audit also gives, for each
group, the rate among the people for whom the outcome is true (fairlearn's true positive rate):
does the rule reach those who were worth reaching equally in every group?
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..core.fr import percent
from .errors import EthicsError, check_frame

__all__ = ["FOUR_FIFTHS", "BiasAudit", "audit_groups", "plot_selection_rates", "selection_audit", "wilson_interval"]

FOUR_FIFTHS = 0.8
UNKNOWN = "inconnu"
TITLES = {"tranche_age": "tranche d'âge", "genre": "genre", "territoire": "territoire"}


def wilson_interval(selected: np.ndarray, n: np.ndarray, z: float = 1.959964) -> tuple[np.ndarray, np.ndarray]:
    """95 % Wilson score interval of the proportions *selected* / *n* (elementwise)."""
    selected, n = np.asarray(selected, dtype=float), np.asarray(n, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = selected / n
        denom = 1 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


@dataclass
class BiasAudit:
    """The audit's table (one row per criterion and group) and its settings."""

    table: pd.DataFrame
    threshold: float
    min_size: int
    selected: str

    @property
    def warnings(self) -> pd.DataFrame:
        """The rows under the threshold (groups large enough to count)."""
        return self.table[self.table["alerte"]]

    def resume(self) -> str:
        """French sentences, one per criterion."""
        lines = []
        for criterion, rows in self.table.groupby("critere", sort=False):
            big = rows[~rows["trop_petit"]]
            if big.empty:
                lines.append(f"{TITLES.get(criterion, criterion)} : aucun groupe assez grand pour conclure (moins de {self.min_size} personnes).")
                continue
            low = big.loc[big["taux"].idxmin()]  # the lowest rate has the lowest ratio
            top = big.loc[big["taux"].idxmax()]
            if top["taux"] == 0:
                lines.append(f"{TITLES.get(criterion, criterion)} : personne n'est sélectionné dans les groupes assez grands.")
                continue
            head = (f"{TITLES.get(criterion, criterion)} : de {percent(low['taux'])} ({low['groupe']}) à {percent(top['taux'])} "
                    f"({top['groupe']}) de sélectionnés, rapport le plus bas "
                    + f"{low['rapport']:.2f}".replace(".", ","))
            if low["alerte"]:
                lines.append(f"{head} — sous les quatre cinquièmes : à examiner (une raison légitime, "
                             "ou un critère qui en cache un autre ?).")
            else:
                lines.append(f"{head} — au-dessus des quatre cinquièmes.")
        return "\n".join(lines)


def _rates(df: pd.DataFrame, selected: str, group: str, outcome: str | None) -> pd.DataFrame:
    from fairlearn.metrics import MetricFrame, count, selection_rate, true_positive_rate

    y_pred = df[selected].to_numpy(dtype=bool)
    y_true = df[outcome].to_numpy(dtype=bool) if outcome else y_pred
    metrics = {"taux": selection_rate, "effectif": count}
    if outcome:
        metrics["taux_parmi_resultat"] = true_positive_rate
    frame = MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred,
                        sensitive_features=df[group].astype(object).where(df[group].notna(), UNKNOWN).astype(str))
    out = frame.by_group.reset_index()
    out.columns = ["groupe", *out.columns[1:]]
    if isinstance(df[group].dtype, pd.CategoricalDtype):  # the groups in their natural order (age bands…)
        order = {str(name): i for i, name in enumerate(df[group].cat.categories)}
        out = out.sort_values("groupe", key=lambda g: g.map(order).fillna(len(order)), kind="stable")
        out = out.reset_index(drop=True)
    if outcome:
        positives = pd.Series(y_true).groupby(df[group].astype(object).where(df[group].notna(), UNKNOWN)
                                              .astype(str).to_numpy()).sum()
        out["effectif_resultat"] = out["groupe"].map(positives).fillna(0).astype(int)
    return out


def selection_audit(df: pd.DataFrame, selected: str, groups: Sequence[str], *, outcome: str | None = None,
                    threshold: float = FOUR_FIFTHS, min_size: int = 30) -> BiasAudit:
    """Selection rate of every group of every criterion in *groups* (column names of *df*), its
    ratio to the criterion's highest rate among groups of at least *min_size* people, its 95 %
    interval, and a warning when the ratio is under *threshold*. A missing group value is the
    group « inconnu »: nobody is left out of the count."""
    if isinstance(groups, str):
        groups = [groups]
    check_frame(df, [selected, *groups, *([outcome] if outcome else [])], "selection_audit")
    if not list(groups):
        raise EthicsError("Donnez au moins un critère à auditer (groups=[…]).",
                          conseil="Par exemple : groups=[\"genre\", \"tranche_age\", \"territoire\"].")
    for column in [selected, *([outcome] if outcome else [])]:
        values = df[column]
        if values.isna().any() or not set(pd.unique(values)) <= {True, False}:
            raise EthicsError(f"La colonne « {column} » doit contenir des vrai/faux (True/False), sans vide.",
                              conseil=f"Construisez-la, par exemple : tableau[\"{column}\"] = tableau[\"score\"] >= 50.")
    if not 0 < threshold <= 1:
        raise EthicsError(f"Le seuil doit être compris entre 0 et 1 (reçu : {threshold}).",
                          conseil="Le seuil habituel est 0,8 (les quatre cinquièmes).")
    if len(df) == 0:
        raise EthicsError("Le tableau est vide : rien à auditer.", conseil="Vérifiez le filtre qui précède.")
    parts = []
    for group in groups:
        rates = _rates(df, selected, group, outcome)
        rates.insert(0, "critere", group)
        rates["effectif"] = rates["effectif"].astype(int)
        rates["selectionnes"] = np.rint(rates["taux"] * rates["effectif"]).astype(int)
        rates["trop_petit"] = rates["effectif"] < min_size
        reference = rates.loc[~rates["trop_petit"], "taux"].max() if (~rates["trop_petit"]).any() else np.nan
        with np.errstate(invalid="ignore", divide="ignore"):
            rates["rapport"] = rates["taux"] / reference if reference and reference > 0 else np.nan
        rates["ic_bas"], rates["ic_haut"] = wilson_interval(rates["selectionnes"], rates["effectif"])
        rates["alerte"] = (~rates["trop_petit"]) & (rates["rapport"] < threshold)
        parts.append(rates)
    table = pd.concat(parts, ignore_index=True)
    order = ["critere", "groupe", "effectif", "selectionnes", "taux", "ic_bas", "ic_haut", "rapport", "alerte",
             "trop_petit"]
    if outcome:
        order += ["effectif_resultat", "taux_parmi_resultat"]
    return BiasAudit(table[order], float(threshold), int(min_size), selected)


def audit_groups(people: pd.DataFrame, *, at: str = "2026-07-01") -> pd.DataFrame:
    """The three usual criteria from the course's customers' columns: ``genre`` from the civilité
    (« M. » → homme, « Mme » → femme; a civilité says nothing of how a person identifies: this is
    what the file allows, no more), ``tranche_age`` (module 04's bands) at *at*, and ``territoire``
    (Port-Rivage, the rest of the Alpes-Maritimes, elsewhere)."""
    from ..segmentation.personas import AGE_BANDS, TERRITORIES

    check_frame(people, ["civilite", "date_naissance", "code_postal", "ville"], "audit_groups")
    out = pd.DataFrame(index=people.index)
    out["genre"] = people["civilite"].map({"M.": "homme", "Mme": "femme"})
    born = pd.to_datetime(people["date_naissance"], errors="coerce")
    at_ts = pd.Timestamp(at)
    age = at_ts.year - born.dt.year - ((born.dt.month > at_ts.month)
                                       | ((born.dt.month == at_ts.month) & (born.dt.day > at_ts.day))).astype(int)
    bounds = [b for b, _ in AGE_BANDS]
    labels = np.array([label for _, label in AGE_BANDS], dtype=object)
    band = labels[np.clip(np.digitize(age.fillna(0).to_numpy(), bounds[1:]), 0, len(labels) - 1)]
    out["tranche_age"] = pd.Categorical(pd.Series(band, index=people.index).where(age.notna() & (age >= 0)),
                                        categories=list(labels), ordered=True)
    town, alpes, elsewhere = TERRITORIES
    postcode = people["code_postal"].astype("string")
    territory = np.select([people["ville"].eq(town).fillna(False).to_numpy(dtype=bool),
                           postcode.str.startswith("06").fillna(False).to_numpy(dtype=bool)], [town, alpes], elsewhere)
    out["territoire"] = pd.Categorical(pd.Series(territory, index=people.index, dtype=object).where(postcode.notna()),
                                       categories=list(TERRITORIES), ordered=True)
    return out


def plot_selection_rates(audit: BiasAudit, *, ax=None):
    """One panel per criterion: the selection rate of each group with its 95 % interval, and the
    four-fifths line; groups under it in red, groups too small in grey. Returns the figure."""
    import matplotlib.pyplot as plt

    criteria = list(dict.fromkeys(audit.table["critere"]))
    if ax is None:
        fig, axes = plt.subplots(1, len(criteria), figsize=(4.2 * len(criteria), 3.2), squeeze=False)
        axes = axes[0]
    else:
        axes, fig = np.atleast_1d(ax), np.atleast_1d(ax)[0].figure
    for axis, criterion in zip(axes, criteria):
        rows = audit.table[audit.table["critere"] == criterion]
        colours = np.where(rows["alerte"], "#c0392b", np.where(rows["trop_petit"], "#b0b0b0", "#2e86c1"))
        y = np.arange(len(rows))
        axis.barh(y, rows["taux"] * 100, color=colours,
                  xerr=[(rows["taux"] - rows["ic_bas"]) * 100, (rows["ic_haut"] - rows["taux"]) * 100],
                  error_kw={"elinewidth": 1, "ecolor": "#333333", "capsize": 2})
        axis.set_yticks(y, [f"{g} ({n})" for g, n in zip(rows["groupe"], rows["effectif"])])
        axis.invert_yaxis()
        for yi, rate, high in zip(y, rows["taux"], rows["ic_haut"]):
            axis.text(min(high * 100 + 1.5, 88), yi, f"{rate * 100:.0f} %", va="center", fontsize=8)
        big = rows[~rows["trop_petit"]]
        if not big.empty:
            line = big["taux"].max() * audit.threshold * 100
            axis.axvline(line, color="#c0392b", linestyle="--", linewidth=1)
        axis.set_xlim(0, 100)
        axis.set_xlabel("sélectionnés (%)")
        axis.set_title(TITLES.get(criterion, criterion.replace("_", " ")))
    fig.suptitle("Taux de sélection par groupe — trait d'erreur : intervalle à 95 % ; tirets rouges : 4/5 du taux "
                 "le plus haut ; en rouge : sous ce seuil ; en gris : groupe trop petit pour conclure", fontsize=9)
    fig.tight_layout()
    return fig
