"""Which columns of a table are personal data, and of which kind (GDPR art. 4(1), art. 9).

The rules are an editable table, read in order, first match wins, like module 04's segment rules:
a column's name (folded: no accents, no case) is matched against keywords; the values of the
remaining text columns are then scanned for e-mail addresses and phone numbers, which a column
name can hide (« contact », « champ_libre »).

Categories, from the most to the least protected:

* ``sensible`` — a special category of art. 9 GDPR (health, including disability; religious or
  philosophical beliefs, which a meal preference such as « halal » or « casher » can reveal;
  political opinions; trade-union membership; ethnic origin; sex life or sexual orientation;
  genetic or biometric data used to identify someone). Processing is forbidden unless one of
  the exceptions of art. 9(2) applies, explicit consent first among them.
* ``identifiant`` — designates one person on its own: name, e-mail, phone, postal address,
  customer number, bank details.
* ``quasi-identifiant`` — does not designate anyone alone, but a few together can single a person
  out (postcode + birth date + civilité): what the k-anonymity check looks at.
* ``personnelle`` — any other information about an identified or identifiable person: purchases,
  subscription, consent, channel. Still personal data (art. 4(1)), even without a name in the row.
* ``non personnelle`` — information about something else than a person (a show, a hall, a price
  list), in a table that is not about people.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ..core.text import fold
from ..privacy.detection import EMAIL, IBAN, PHONE, find_personal_data
from .errors import EthicsError

__all__ = ["CATEGORIES", "classification_rules", "classify_column", "classify_columns"]

#: The categories, from the most to the least protected.
CATEGORIES: tuple[str, ...] = ("sensible", "identifiant", "quasi-identifiant", "personnelle", "non personnelle")

_RULES: tuple[tuple[str, str, str], ...] = (
    # (keywords separated by « | », category, reason shown to the learner)
    ("sante|handicap*|pmr|fauteuil|allergi*|medica*|maladie*|traitement_medical|grossesse|mutuelle",
     "sensible", "donnée de santé (art. 9 RGPD), le handicap compris"),
    ("religi*|confession|culte|halal|casher|kasher|regime_alimentaire|regime_repas",
     "sensible", "peut révéler une conviction religieuse (art. 9 RGPD)"),
    ("opinion_politique|opinions_politiques|parti_politique|appartenance_politique|vote|syndicat|syndical|syndique",
     "sensible", "opinion politique ou appartenance syndicale (art. 9 RGPD)"),
    ("origine_ethnique|ethnie|ethnique|nationalite_origine|pays_origine|orientation_sexuelle|sexualite|biometri*|"
     "empreinte_digitale|empreintes_digitales|empreinte_vocale|visage|genetique*",
     "sensible", "origine, vie sexuelle, biométrie ou génétique (art. 9 RGPD)"),
    ("nom|prenom|email|e_mail|courriel|mail|telephone|tel|portable|mobile|adresse|rue|iban|bic|"
     "carte_bancaire|id_client|numero_client|client_id|identifiant|login|pseudo|ip",
     "identifiant", "désigne une personne à elle seule"),
    ("code_postal|cp|ville|commune|date_naissance|naissance|age|annee_naissance|civilite|genre|sexe|"
     "profession|metier|employeur",
     "quasi-identifiant", "ne désigne personne seule, mais, croisée avec d'autres, peut isoler une personne"),
)


def classification_rules() -> pd.DataFrame:
    """The rules table (mots_cles, categorie, raison), in the order they are read; a copy to edit:
    add a row for your own columns, then pass it to `classify_columns(df, regles=…)`."""
    return pd.DataFrame(_RULES, columns=["mots_cles", "categorie", "raison"])


def _words(name: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", fold(str(name))) if w]


def _matches(name: str, keywords: str) -> bool:
    """A keyword matches a whole word of the folded column name (« tel » in « tel_fixe », not in
    « hotel »), or a run of words (« date_naissance »); a keyword ending in « * » (« biometri* »)
    matches the start of a word (« biometrie », « biometrique »). A name written « dateNaissance »
    is split before its capitals."""
    name = re.sub(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Ý])", "_", str(name))
    words = _words(name)
    joined = "_".join(words)
    for key in (k.strip() for k in keywords.split("|")):
        if not key:
            continue
        if "_" in key:
            if re.search(rf"(^|_){re.escape(key)}(_|$)", joined):
                return True
        elif key.endswith("*"):
            if any(w.startswith(key[:-1]) for w in words):
                return True
        elif key in words:
            return True
    return False


def _check_rules(regles: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(regles, pd.DataFrame) or not {"mots_cles", "categorie"} <= set(regles.columns):
        raise EthicsError("Le tableau de règles doit avoir les colonnes « mots_cles » et « categorie ».",
                          conseil="Partez de classification_rules() et ajoutez-y vos lignes.")
    unknown = sorted(set(regles["categorie"]) - set(CATEGORIES))
    if unknown:
        raise EthicsError(f"Catégorie inconnue dans les règles : {', '.join(f'« {c} »' for c in unknown)}.",
                          conseil=f"Les catégories possibles sont : {', '.join(f'« {c} »' for c in CATEGORIES)}.")
    return regles


def classify_column(name: str, *, about_people: bool = True, regles: pd.DataFrame | None = None) -> tuple[str, str]:
    """(category, reason) of one column from its name alone."""
    rules = _check_rules(classification_rules() if regles is None else regles)
    for row in rules.itertuples(index=False):
        if _matches(name, str(row.mots_cles)):
            return row.categorie, str(getattr(row, "raison", "") or "règle « " + str(row.mots_cles) + " »")
    if about_people:
        return "personnelle", "information sur une personne identifiable (art. 4 RGPD)"
    return "non personnelle", "ne porte pas sur une personne"


def classify_columns(df: pd.DataFrame, *, about_people: bool = True, regles: pd.DataFrame | None = None,
                     sample: int = 200, exclude: Sequence[str] = ()) -> pd.DataFrame:
    """One row per column of *df*: ``colonne``, ``categorie``, ``raison``, ``exemple`` (a value
    masked when it is personal). *about_people* says whether the rows describe people (a
    customers' file) or things (a programme): in a table about people, a column that no rule
    names is still personal data.

    A text column whose name says nothing is also scanned (its first *sample* non-empty values)
    for e-mail addresses and phone numbers: a hit makes it an ``identifiant``.
    """
    if not isinstance(df, pd.DataFrame):
        raise EthicsError(f"classify_columns attend un tableau pandas (DataFrame), pas {type(df).__name__}.",
                          conseil="Chargez vos données avec load(…) ou pd.read_csv(…).")
    rows = []
    for column in df.columns:
        if column in exclude:
            continue
        category, reason = classify_column(str(column), about_people=about_people, regles=regles)
        values = df[column].dropna()
        if category in ("personnelle", "non personnelle") and not pd.api.types.is_numeric_dtype(values.dtype):
            kinds = {f.kind for v in values.astype(str).head(sample) for f in find_personal_data(v)
                     if f.kind in (EMAIL, PHONE, IBAN)}
            if kinds:
                category = "identifiant"
                reason = f"ses valeurs contiennent : {', '.join(sorted(kinds))}"
        first = None if values.empty else values.iloc[0]
        example = "" if first is None else str(first.date() if isinstance(first, pd.Timestamp) else first)
        if category in ("sensible", "identifiant") and example and not isinstance(first, (bool, np.bool_)):
            example = example[:1] + "…"
        rows.append((str(column), category, reason, example))
    out = pd.DataFrame(rows, columns=["colonne", "categorie", "raison", "exemple"])
    out["categorie"] = pd.Categorical(out["categorie"], categories=list(CATEGORIES), ordered=True)
    return out
