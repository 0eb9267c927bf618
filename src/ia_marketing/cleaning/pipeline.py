"""The reference cleaning: kept + set aside = input, always; the quality report, the
pseudonymisation of columns, and the measure against the generator's ground truth."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from ..core.fr import count
from ..data.reader import EXPECTED_COLUMNS, ExportError
from ..privacy import pseudonym
from .columns import on_uniques
from .duplicates import DUPLICATE_RULES, find_duplicates, name_key
from .normalise import (
    amount_problem,
    normalise_civilite,
    normalise_email,
    normalise_name,
    normalise_phone,
    normalise_postcode,
    parse_amount,
    parse_french_date,
)
from .places import place_display


@dataclass
class CleaningResult:
    """What `clean_export` gives back. ``len(kept) + len(set_aside) == len(input)``, always."""

    kept: pd.DataFrame
    set_aside: pd.DataFrame
    problems: pd.DataFrame
    n_input: int
    durations: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        reasons = self.set_aside["raison"].value_counts()
        lines = [f"{count(self.n_input, 'ligne lue', 'lignes lues')} : {count(len(self.kept), 'gardée', 'gardées')}, "
                 f"{count(len(self.set_aside), 'mise de côté', 'mises de côté')}."]
        lines += [f"  - {reason} : {count}" for reason, count in reasons.items()]
        if len(self.problems):
            lines.append(f"Valeurs rejetées dans les lignes gardées : {len(self.problems)}")
            lines += [f"  - {p} : {c}" for p, c in self.problems["probleme"].value_counts().items()]
        return "\n".join(lines)


def _check_columns(df: pd.DataFrame, needed: Sequence[str]) -> None:
    if not isinstance(df, pd.DataFrame):
        raise ExportError(f"clean_export attend un tableau pandas (DataFrame), pas {type(df).__name__}.")
    missing = [c for c in needed if c not in df.columns]
    if missing:
        raise ExportError(f"Colonnes manquantes : {', '.join(missing)}. Lisez le fichier avec read_export, "
                          "qui renomme les colonnes de l'export (« E-mail » devient « email »…).")


def map_columns(table: pd.DataFrame, colonnes: Mapping[str, str] | None, what: str) -> pd.DataFrame:
    """*table* with its columns renamed by *colonnes* (« ce fichier appelle « Mail » ce que le
    cours appelle « email » » : ``{"Mail": "email"}``); a copy, the original is left as it is."""
    if not isinstance(table, pd.DataFrame):
        raise ExportError(f"{what} attend un tableau pandas (DataFrame), pas {type(table).__name__}.")
    if not colonnes:
        return table
    unknown_names = [c for c in colonnes.values() if c not in EXPECTED_COLUMNS.values()]
    if unknown_names:
        raise ExportError(f"Nom{'s' if len(unknown_names) > 1 else ''} du cours inconnu{'s' if len(unknown_names) > 1 else ''} : "
                          + ", ".join(f"« {c} »" for c in unknown_names) + ". Les noms du cours sont : "
                          + ", ".join(EXPECTED_COLUMNS.values()) + ".")
    absent = [c for c in colonnes if c not in table.columns]
    if absent:
        raise ExportError(f"Colonne{'s' if len(absent) > 1 else ''} absente{'s' if len(absent) > 1 else ''} du tableau : "
                          + ", ".join(f"« {c} »" for c in absent) + ". Colonnes du tableau : "
                          + ", ".join(map(str, table.columns)) + ".")
    return table.rename(columns=dict(colonnes))


_NORMALISERS: dict[str, Callable[..., pd.Series]] = {
    "civilite": normalise_civilite, "nom": normalise_name, "prenom": normalise_name, "email": normalise_email,
    "telephone": normalise_phone, "code_postal": normalise_postcode, "ville": place_display,
    "montant": parse_amount,
}
_PROBLEMS = (("civilite", "civilité illisible"), ("email", "e-mail invalide"),
             ("telephone", "téléphone invalide"), ("code_postal", "code postal invalide"),
             ("date_naissance", "date de naissance illisible"),
             ("date_achat", "date d'achat illisible"), ("montant", "montant illisible"))


def clean_export(raw: pd.DataFrame, *, today: date | None = None,
                 colonnes: Mapping[str, str] | None = None) -> CleaningResult:
    """Normalise every column, set duplicates aside with their reason, record rejected values.

    Rows set aside: exact duplicates, probable duplicates (see `find_duplicates`) and rows
    without any name. Values rejected inside kept rows (the row stays, the value becomes
    missing, the problem is listed in ``problems``): unreadable e-mail, phone, postcode or
    date, birth dates after *today*, negative or unreadable amounts.

    Any table works: *colonnes* maps its column names to the course's (``{"Mail": "email"}``);
    the columns the course knows are cleaned, the others are kept as they are, and only the
    duplicate rules whose columns are all there are applied.
    """
    raw = map_columns(raw, colonnes, "clean_export")
    known = [c for c in EXPECTED_COLUMNS.values() if c in raw.columns]
    if not known:
        raise ExportError(
            "Aucune colonne de ce tableau ne porte un nom que le cours sait nettoyer ("
            + ", ".join(EXPECTED_COLUMNS.values()) + "). Dites lesquelles correspondent, par exemple "
            "clean_export(tableau, colonnes={\"Mail\": \"email\", \"Tél.\": \"telephone\"}).")
    today = today or date.today()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    clean = pd.DataFrame(index=raw.index)
    for column in raw.columns:
        if column in ("date_naissance", "date_achat"):
            clean[column] = parse_french_date(raw[column], latest=today)
        elif column in _NORMALISERS:
            clean[column] = _NORMALISERS[column](raw[column])
        else:
            clean[column] = raw[column]
    timings["normalisation"] = time.perf_counter() - start

    # values that were there but could not be kept
    problems = [pd.DataFrame(columns=["ligne", "colonne", "valeur", "probleme"])]
    for column, label in _PROBLEMS:
        if column not in raw.columns:
            continue
        bad = raw[column].notna() & clean[column].isna()
        reasons = raw.loc[bad, column].map(amount_problem) if column == "montant" else label
        problems.append(pd.DataFrame({"ligne": raw.index[bad], "colonne": column, "valeur": raw.loc[bad, column],
                                      "probleme": reasons}))
    if "date_naissance" in raw.columns:
        future = clean["date_naissance"] > pd.Timestamp(today)
        problems.append(pd.DataFrame({"ligne": raw.index[future], "colonne": "date_naissance",
                                      "valeur": raw.loc[future, "date_naissance"], "probleme": "naissance dans le futur"}))
        clean.loc[future, "date_naissance"] = pd.NaT
    if "montant" in raw.columns:
        negative = clean["montant"] < 0
        problems.append(pd.DataFrame({"ligne": raw.index[negative], "colonne": "montant",
                                      "valeur": raw.loc[negative, "montant"], "probleme": "montant négatif"}))
        clean.loc[negative, "montant"] = np.nan

    start = time.perf_counter()
    has_names = {"nom", "prenom"} <= set(raw.columns)
    clean["cle_nom"] = name_key(raw["nom"], raw["prenom"]) if has_names else pd.Series(pd.NA, index=raw.index,
                                                                                        dtype="str")
    rules = [rule for rule in DUPLICATE_RULES if set(rule) <= set(raw.columns)] if has_names else []
    links = find_duplicates(raw, clean, rules=rules)
    timings["doublons"] = time.perf_counter() - start

    positions = np.arange(len(raw))
    first_line = raw.index.to_numpy()[links["premiere_ligne"].to_numpy()]
    reason = pd.Series(None, index=raw.index, dtype=object)
    is_dup = links["premiere_ligne"].to_numpy() != positions
    exact = is_dup & (links["doublon"].to_numpy() == "exact")
    reason[exact] = "doublon exact"
    reason[is_dup & ~exact] = "doublon probable"
    if has_names:
        reason[reason.isna() & clean["cle_nom"].isna()] = "nom et prénom manquants"
    set_aside_mask = reason.notna().to_numpy()

    kept = clean.loc[~set_aside_mask].drop(columns="cle_nom")
    set_aside = raw.loc[set_aside_mask].copy()
    set_aside["raison"] = reason[set_aside_mask]
    set_aside["ligne_gardee"] = np.where(is_dup[set_aside_mask], first_line[set_aside_mask], None)
    problems_df = pd.concat(problems, ignore_index=True)
    problems_df = problems_df[problems_df["ligne"].isin(kept.index)].reset_index(drop=True)
    assert len(kept) + len(set_aside) == len(raw)
    return CleaningResult(kept, set_aside, problems_df, len(raw), timings)


# =============================================================================================
# 5. Report, pseudonyms, measure against the truth
# =============================================================================================
_VALIDATORS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "civilite": normalise_civilite, "email": normalise_email, "telephone": normalise_phone,
    "code_postal": normalise_postcode, "date_naissance": parse_french_date,
    "date_achat": parse_french_date, "montant": parse_amount,
}


def quality_report(raw: pd.DataFrame, *, colonnes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per column: missing values, values present but unreadable (for the columns that have a
    rule), and values shared by several rows (for columns that should identify a person).
    *colonnes* maps the table's names to the course's (``{"Mail": "email"}``) so that the rules
    apply to any table; the report keeps the table's own names."""
    shown = {v: k for k, v in (colonnes or {}).items()}
    raw = map_columns(raw, colonnes, "quality_report")
    rows = []
    for column in raw.columns:
        s = raw[column]
        missing = int(s.isna().sum())
        invalid = None
        if column in _VALIDATORS:
            invalid = int((s.notna() & _VALIDATORS[column](s).isna()).sum())
        duplicated = int(s.dropna().duplicated().sum()) if column in ("numero_client", "email", "telephone") else None
        rows.append({"colonne": shown.get(column, column), "manquantes": missing, "invalides": invalid,
                     "en double": duplicated, "% manquantes": round(100 * missing / max(len(s), 1), 1)})
    return pd.DataFrame(rows).set_index("colonne")


def plot_quality(report: pd.DataFrame, ax=None):
    """Missing and invalid values per column, as horizontal bars."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    shown = report[["manquantes", "invalides"]].fillna(0).astype(int)
    shown.plot.barh(ax=ax, stacked=True, color=["#bdbdbd", "#d95f0e"])
    ax.invert_yaxis()
    ax.set_xlabel("nombre de lignes")
    ax.set_ylabel("")
    ax.set_title("Qualité de l'export : valeurs manquantes et invalides par colonne", fontsize=11)
    ax.legend(["manquantes", "invalides"], fontsize=8)
    ax.figure.tight_layout()
    return ax.figure


def pseudonymise_columns(df: pd.DataFrame, columns: Sequence[str], key: str | bytes, *,
                         drop: Sequence[str] = ()) -> pd.DataFrame:
    """A copy of *df* where each of *columns* is replaced by a keyed pseudonym (HMAC-SHA-256 with
    the secret *key*, see `ia_marketing.privacy.pseudonym`) and the *drop* columns are removed
    (minimisation). The same value always gets the same pseudonym, so rows can still be
    counted and linked; the original table is not modified. The key must stay secret: unlike a
    salt, it is what stops anyone from recomputing the pseudonym of a known value."""
    missing = [c for c in [*columns, *drop] if c not in df.columns]
    if missing:
        raise ExportError(f"Colonnes inconnues : {', '.join(missing)}. Colonnes du tableau : "
                          f"{', '.join(map(str, df.columns))}.")
    out = df.drop(columns=list(drop)).copy()
    for column in columns:
        out[column] = on_uniques(out[column].astype(object).where(out[column].notna(), None).map(
            lambda v: v if v is None else str(v)), lambda v: pseudonym(v, key))
    return out


def compare_with_truth(result: CleaningResult, raw: pd.DataFrame, truth: pd.DataFrame) -> dict[str, object]:
    """Measure the cleaning against the generator's ground truth.

    Returns, per field, the share of values equal to the truth after cleaning among the kept
    rows where the export had a value (``valeurs_restaurees``) and among all kept rows, missing
    values counting as wrong (``valeurs_justes_y_compris_manquantes``); and the precision and
    recall of duplicate detection (a row set aside as a duplicate is
    right when the truth says it duplicates an earlier row).
    """
    truth = truth.set_index(raw.index)
    kept = result.kept
    t = truth.loc[kept.index]
    fields = {
        "civilite": (kept["civilite"], t["civilite"]),
        "nom": (kept["nom"], t["nom"]),
        "prenom": (kept["prenom"], t["prenom"]),
        "email": (kept["email"], t["email"]),
        "telephone": (kept["telephone"], t["telephone"]),
        "code_postal": (kept["code_postal"], t["code_postal"]),
        "date_naissance": (kept["date_naissance"].dt.strftime("%Y-%m-%d"), t["date_naissance"]),
        "date_achat": (kept["date_achat"].dt.strftime("%Y-%m-%d"), t["date_achat"]),
        "montant": (kept["montant"].map(lambda v: None if pd.isna(v) else f"{v:.2f}"), t["montant"]),
    }
    restored, overall = {}, {}
    for name, (got, want) in fields.items():
        known = want.notna() & (want.astype(str) != "")
        right = got.astype(object) == want.astype(object)
        overall[name] = float(right[known].mean())
        present = known & raw.loc[kept.index, name].notna()
        restored[name] = float(right[present].mean())
    predicted = set(result.set_aside.index[result.set_aside["raison"].str.startswith("doublon")])
    actual = set(truth.index[truth["doublon_de"].notna() & (truth["doublon_de"].astype(str) != "")])
    true_positive = len(predicted & actual)
    return {
        "valeurs_restaurees": restored, "valeurs_justes_y_compris_manquantes": overall,
        "doublons_precision": true_positive / len(predicted) if predicted else 1.0,
        "doublons_rappel": true_positive / len(actual) if actual else 1.0,
        "doublons_trouves": len(predicted), "doublons_reels": len(actual),
    }
