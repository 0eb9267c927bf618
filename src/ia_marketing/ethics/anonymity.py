"""Pseudonymised is not anonymous: how many people share each combination of quasi-identifiers.

A table is *k-anonymous* on some columns when every combination of their values is shared by at
least *k* rows (Sweeney, 2002, « k-anonymity: a model for protecting privacy »). A combination
held by one row singles a person out even with no name in the table: pseudonymised data remain
personal data (GDPR recital 26). `k_anonymity` measures it; `generalise` coarsens the usual
quasi-identifiers (a birth date into an age band, a postcode into a département, a date into a
month) until the groups are large enough, and the lesson shows what each step costs in detail.

k-anonymity is a necessary check, not a proof of anonymity: a group of 10 people who all bought
the same show still reveals that purchase (the « homogeneity » attack that l-diversity answers),
and another file can be crossed with this one. The CNIL's three criteria for anonymisation
(individualisation, correlation, inference; Article 29 Working Party, opinion 05/2014 on
anonymisation techniques, 10 April 2014) are what a real release must meet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from ..core.fr import count, integer, percent
from .errors import EthicsError, check_frame

__all__ = ["AGE_BANDS_10", "KAnonymity", "age_bands", "departement", "generalise", "k_anonymity"]

#: Ten-year age bands (lower bound, label) used by `generalise` for « date_naissance ».
AGE_BANDS_10: tuple[tuple[int, str], ...] = (
    (0, "moins de 20 ans"), (20, "20-29 ans"), (30, "30-39 ans"), (40, "40-49 ans"), (50, "50-59 ans"),
    (60, "60-69 ans"), (70, "70-79 ans"), (80, "80 ans et plus"))


@dataclass
class KAnonymity:
    """What `k_anonymity` found.

    ``k``: the size of the smallest group (0 for an empty table); ``groupes``: one row per
    combination with its ``effectif``, smallest first; ``lignes``: how many rows were checked;
    ``seuil``: the k asked for; ``lignes_a_risque``: rows in a group smaller than ``seuil``.
    """

    k: int
    groupes: pd.DataFrame
    lignes: int
    seuil: int
    colonnes: tuple[str, ...]

    @property
    def lignes_a_risque(self) -> int:
        return int(self.groupes.loc[self.groupes["effectif"] < self.seuil, "effectif"].sum())

    @property
    def groupes_a_risque(self) -> int:
        return int((self.groupes["effectif"] < self.seuil).sum())

    @property
    def respecte(self) -> bool:
        return self.lignes > 0 and self.k >= self.seuil

    def resume(self) -> str:
        """One French sentence for the notebook."""
        cols = ", ".join(f"« {c} »" for c in self.colonnes)
        if self.lignes == 0:
            return f"Tableau vide : rien à vérifier sur {cols}."
        head = (f"Sur {cols}, le plus petit groupe compte {count(self.k, 'personne', 'personnes')} "
                f"(k = {self.k}).")
        if self.respecte:
            return f"{head} Chaque combinaison est partagée par au moins {self.seuil} lignes : le seuil est respecté."
        return (f"{head} {count(self.groupes_a_risque, 'combinaison', 'combinaisons')} sur "
                f"{integer(len(self.groupes))} {'isole' if self.groupes_a_risque == 1 else 'isolent'} moins de "
                f"{self.seuil} personnes : "
                f"{count(self.lignes_a_risque, 'ligne', 'lignes')} ({percent(self.lignes_a_risque / self.lignes, 1)}) "
                "sont ré-identifiables par recoupement. Généralisez (tranches, département, mois) ou retirez une colonne.")

    def _repr_html_(self) -> str:  # pragma: no cover - notebook display
        from ..core.html import escape
        return f"<p>{escape(self.resume())}</p>" + self.groupes.head(10)._repr_html_()


def k_anonymity(df: pd.DataFrame, quasi_identifiers: Sequence[str], *, k: int = 5) -> KAnonymity:
    """The k-anonymity of *df* on the columns *quasi_identifiers*: the size of the smallest group
    of rows sharing the same values, and every group, smallest first. A missing value counts as a
    value of its own (an empty postcode can single a person out as well as a filled one).

    *k* is the threshold the result is judged against (5 by default, a common choice; the CNIL
    does not set one number: the right k depends on what is released and to whom).
    """
    if isinstance(quasi_identifiers, str):
        quasi_identifiers = [quasi_identifiers]
    columns = list(quasi_identifiers)
    if not columns:
        raise EthicsError("Donnez au moins une colonne à vérifier (les quasi-identifiants).",
                          conseil="Par exemple : k_anonymity(tableau, [\"code_postal\", \"annee_naissance\", \"civilite\"]).")
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise EthicsError(f"Le seuil k doit être un entier supérieur ou égal à 1 (reçu : {k!r}).",
                          conseil="Le plus souvent k = 5 ou k = 10.")
    check_frame(df, columns, "k_anonymity")
    if len(df) == 0:
        groups = pd.DataFrame(columns=[*columns, "effectif"])
        return KAnonymity(0, groups, 0, int(k), tuple(columns))
    groups = (df[columns].astype(object).where(df[columns].notna(), None)
              .value_counts(dropna=False).rename("effectif").reset_index()
              .sort_values(["effectif", *columns], kind="stable", key=_sort_key).reset_index(drop=True))
    return KAnonymity(int(groups["effectif"].min()), groups, len(df), int(k), tuple(columns))


def _sort_key(s: pd.Series) -> pd.Series:
    return s if s.name == "effectif" else s.astype(str)


# -- generalisation ---------------------------------------------------------------------------
def age_bands(birth_dates: pd.Series, at: date | str, bands: Sequence[tuple[int, str]] = AGE_BANDS_10) -> pd.Series:
    """The age band of each birth date at the date *at* (missing stays missing)."""
    born = pd.to_datetime(birth_dates, errors="coerce")
    at_ts = pd.Timestamp(at)
    age = at_ts.year - born.dt.year
    before_birthday = (born.dt.month > at_ts.month) | ((born.dt.month == at_ts.month) & (born.dt.day > at_ts.day))
    age = age - before_birthday.astype(int)
    bounds = [b for b, _ in bands]
    labels = [label for _, label in bands]
    idx = np.digitize(age.fillna(-1).to_numpy(), bounds[1:])
    out = pd.Series(np.array(labels, dtype=object)[idx], index=birth_dates.index, dtype=object)
    out[age.isna() | (age < 0)] = None
    return out


def departement(postcodes: pd.Series) -> pd.Series:
    """The département of each French postcode: its first two digits, three in overseas
    departments (971–976), « 2A »/« 2B » for Corsica (20000–20199 → 2A, 20200–20999 → 2B).
    A four-digit value gets its leading zero back (« 6290 », a postcode read as a number, is
    « 06290 »); any other value that is not five digits becomes missing."""
    raw = postcodes.astype("string").str.strip()
    text = raw.str.zfill(5)
    valid = raw.str.fullmatch(r"\d{5}|[1-9]\d{3}").fillna(False)  # "" or "0629" must not pad into "00…"
    out = text.str[:2]
    out = out.mask(text.str[:2] == "97", text.str[:3])
    corsica = text.str[:2] == "20"
    out = out.mask(corsica & (text.str[:3] < "202"), "2A").mask(corsica & (text.str[:3] >= "202"), "2B")
    return out.where(valid, pd.NA).astype(object).where(valid, None)


def generalise(df: pd.DataFrame, rules: Mapping[str, str], *, at: date | str | None = None) -> pd.DataFrame:
    """A copy of *df* where each column named in *rules* is coarsened (the original is kept):

    * ``"tranche_age"`` — a birth date into ten-year age bands at *at* (required);
    * ``"annee"`` / ``"mois"`` — a date into its year / its month « AAAA-MM »;
    * ``"departement"`` — a postcode into its département;
    * ``"supprimer"`` — the column is removed.
    """
    check_frame(df, list(rules), "generalise")
    out = df.copy()
    for column, how in rules.items():
        if how == "tranche_age":
            if at is None:
                raise EthicsError("Pour des tranches d'âge, donnez la date de référence (at=…).",
                                  conseil="Par exemple : generalise(t, {\"date_naissance\": \"tranche_age\"}, at=\"2026-06-30\").")
            out[column] = age_bands(df[column], at)
        elif how in ("annee", "mois"):
            when = pd.to_datetime(df[column], errors="coerce")
            text = when.dt.strftime("%Y" if how == "annee" else "%Y-%m")
            out[column] = text.astype(object).where(when.notna(), None)
        elif how == "departement":
            out[column] = departement(df[column])
        elif how == "supprimer":
            out = out.drop(columns=column)
        else:
            raise EthicsError(f"Généralisation inconnue pour « {column} » : « {how} ».",
                              conseil="Choisissez parmi « tranche_age », « annee », « mois », « departement », « supprimer ».")
    return out
