"""Plausible wrong submissions for assignment 04_segmenter_publics.

Each maps the grade_id of a solution cell to what a learner might write instead of the
reference solution (the whole cell, `def` line included). Every variant loses points under the
hidden tests (several already fail the visible ones); the comment says which test cell catches
it, and the `PHRASES` table at the end says which sentence of the statement it ignores.
"""


def _f(defline: str, body: str) -> str:
    """A whole function: its `def` line and its body, indented."""
    return defline + "\n" + "".join("    " + line if line.strip() else line for line in body.splitlines(True))


def _edit(body: str, old: str, new: str) -> str:
    """*body* with *old* replaced by *new*; *old* must be there (a variant that changes nothing is a bug)."""
    assert old in body, f"variante sans effet : {old!r} absent"
    return body.replace(old, new)


_RFM_DEF = "def tableau_rfm(billets, date_ref):"
_RFM = (
    'billets = billets.copy()\n'
    'billets["date_achat"] = pd.to_datetime(billets["date_achat"])\n'
    'avant = billets[billets["date_achat"] < date_ref]\n'
    'rfm = avant.groupby("id_client").agg(derniere=("date_achat", "max"), frequence=("date_achat", "nunique"),\n'
    '                                     montant=("prix", "sum")).reset_index()\n'
    'rfm["recence"] = (date_ref - rfm["derniere"]).dt.days\n'
    'return rfm[["id_client", "recence", "frequence", "montant"]]\n'
)

_SCORES_DEF = "def scores_rfm(rfm):"
_SCORES = (
    'scores = rfm.copy()\n'
    'scores["R"] = pd.qcut(rfm["recence"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]).astype(int)\n'
    'scores["F"] = pd.qcut(rfm["frequence"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)\n'
    'scores["M"] = pd.qcut(rfm["montant"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]).astype(int)\n'
    'return scores\n'
)

_NOM_DEF = "def nommer_segment(r, f, m, regles):"
_NOM = (
    'for regle in regles:\n'
    '    if (regle["R_min"] <= r <= regle["R_max"] and regle["F_min"] <= f <= regle["F_max"]\n'
    '            and regle["M_min"] <= m <= regle["M_max"]):\n'
    '        return regle["segment"]\n'
    'return "autres"\n'
)

_SEG_DEF = "def ajouter_segments(scores, regles):"
_SEG = (
    'noms = []\n'
    'for index, ligne in scores.iterrows():\n'
    '    noms.append(nommer_segment(ligne["R"], ligne["F"], ligne["M"], regles))\n'
    'resultat = scores.copy()\n'
    'resultat["segment"] = noms\n'
    'return resultat\n'
)

_KM_DEF = "def clusters_kmeans(rfm, k):"
_KM = (
    'X = np.log1p(rfm[["recence", "frequence", "montant"]])\n'
    'X = StandardScaler().fit_transform(X)\n'
    'return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)\n'
)

_SIG_DEF = "def signaler_decrocheurs(rfm, jours):"
_SIG = 'return rfm["recence"] > jours\n'

_EVA_DEF = "def evaluer_signalement(signales, partis):"
_EVA = (
    'vrais_positifs = (signales & partis).sum()\n'
    'precision = 0.0\n'
    'if signales.sum() > 0:\n'
    '    precision = vrais_positifs / signales.sum()\n'
    'rappel = 0.0\n'
    'if partis.sum() > 0:\n'
    '    rappel = vrais_positifs / partis.sum()\n'
    'taux_de_base = partis.sum() / len(partis)\n'
    'lift = 0.0\n'
    'if taux_de_base > 0:\n'
    '    lift = precision / taux_de_base\n'
    'return {"precision": precision, "rappel": rappel, "lift": lift}\n'
)


def _rfm(old: str, new: str) -> dict[str, str]:
    return {"tableau_rfm": _f(_RFM_DEF, _edit(_RFM, old, new))}


def _scores(old: str, new: str) -> dict[str, str]:
    return {"scores_rfm": _f(_SCORES_DEF, _edit(_SCORES, old, new))}


def _nom(old: str, new: str) -> dict[str, str]:
    return {"nommer_segment": _f(_NOM_DEF, _edit(_NOM, old, new))}


def _seg(old: str, new: str) -> dict[str, str]:
    return {"ajouter_segments": _f(_SEG_DEF, _edit(_SEG, old, new))}


def _km(old: str, new: str) -> dict[str, str]:
    return {"clusters_kmeans": _f(_KM_DEF, _edit(_KM, old, new))}


def _eva(old: str, new: str) -> dict[str, str]:
    return {"evaluer_signalement": _f(_EVA_DEF, _edit(_EVA, old, new))}


WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # --- Exercice 1 : tableau_rfm (test_tableau_rfm) ---
    # No pd.to_datetime: dates written as text cannot be compared with date_ref (hidden).
    "rfm_sans_to_datetime": _rfm('billets["date_achat"] = pd.to_datetime(billets["date_achat"])\n', ""),
    # « <= » instead of « < »: a ticket bought on date_ref counts (visible).
    "rfm_jour_meme_compte": _rfm('billets["date_achat"] < date_ref', 'billets["date_achat"] <= date_ref'),
    # Counts tickets (seats) instead of distinct purchase dates (visible).
    "rfm_frequence_billets": _rfm('frequence=("date_achat", "nunique")', 'frequence=("date_achat", "count")'),
    # The mean price instead of the sum (visible).
    "rfm_montant_moyen": _rfm('montant=("prix", "sum")', 'montant=("prix", "mean")'),
    # Recency from the first purchase instead of the last one (visible).
    "rfm_recence_premier_achat": _rfm('derniere=("date_achat", "max")', 'derniere=("date_achat", "min")'),
    # Forgets .reset_index(): the customer stays in the index, not in a column (visible).
    "rfm_sans_reset_index": {"tableau_rfm": _f(_RFM_DEF, _edit(
        _edit(_RFM, 'montant=("prix", "sum")).reset_index()', 'montant=("prix", "sum"))'),
        'return rfm[["id_client", "recence", "frequence", "montant"]]', 'return rfm[["recence", "frequence", "montant"]]'))},
    # Keeps the helper column « derniere » (visible).
    "rfm_garde_derniere": _rfm('return rfm[["id_client", "recence", "frequence", "montant"]]', "return rfm"),
    # Converts the dates in the table it received: the caller's table changes (hidden).
    "rfm_modifie_original": _rfm('billets = billets.copy()\n', ""),
    # --- Exercice 2 : scores_rfm (test_scores_rfm) ---
    # Recency not reversed: more days, better score (visible).
    "scores_recence_non_inversee": _scores("labels=[5, 4, 3, 2, 1]", "labels=[1, 2, 3, 4, 5]"),
    # No ranking: pd.qcut on the raw values fails on ties (hidden: the visible example has few ties).
    "scores_sans_rank": {"scores_rfm": _f(_SCORES_DEF, _SCORES.replace('.rank(method="first")', ""))},
    # Ties ranked together (method="min"): qcut cannot cut equal ranks into equal groups (hidden).
    "scores_rank_min": {"scores_rfm": _f(_SCORES_DEF, _SCORES.replace('method="first"', 'method="min"'))},
    # Copies the recency line for F: the frequency reversed too (visible).
    "scores_frequence_inversee": _scores('rfm["frequence"].rank(method="first"), 5, labels=[1, 2, 3, 4, 5]',
                                         'rfm["frequence"].rank(method="first"), 5, labels=[5, 4, 3, 2, 1]'),
    # Forgets .astype(int): the scores stay categories (hidden).
    "scores_sans_astype": {"scores_rfm": _f(_SCORES_DEF, _SCORES.replace(".astype(int)", ""))},
    # Adds the scores to the table received (no copy) (visible).
    "scores_modifie_original": _scores("scores = rfm.copy()\n", "scores = rfm\n"),
    # --- Exercice 3 : nommer_segment (test_nommer_segment) ---
    # Strict bounds: a score equal to a bound does not match (visible).
    "nom_bornes_strictes": {"nommer_segment": _f(_NOM_DEF, _NOM.replace(" <= ", " < "))},
    # Forgets the condition on M (hidden: REGLES only bounds M for the champions).
    "nom_sans_m": _nom('\n            and regle["M_min"] <= m <= regle["M_max"]', ""),
    # The last matching rule wins: the loop goes on after a match (hidden).
    "nom_derniere_regle": {"nommer_segment": _f(_NOM_DEF, (
        'nom = "autres"\n'
        'for regle in regles:\n'
        '    if (regle["R_min"] <= r <= regle["R_max"] and regle["F_min"] <= f <= regle["F_max"]\n'
        '            and regle["M_min"] <= m <= regle["M_max"]):\n'
        '        nom = regle["segment"]\n'
        'return nom\n'))},
    # Returns None when no rule matches (visible).
    "nom_none_sinon": _nom('return "autres"', "return None"),
    # Loops over the course's REGLES instead of the rules received (visible).
    "nom_regles_du_cours": _nom("for regle in regles:", "for regle in REGLES:"),
    # --- Exercice 4 : ajouter_segments (test_ajouter_segments) ---
    # Names the rows with the course's REGLES instead of the rules received (hidden).
    "seg_regles_du_cours": _seg('ligne["M"], regles)', 'ligne["M"], REGLES)'),
    # Builds the column from a Series indexed 0, 1, 2…: misaligned with the table's index (visible).
    "seg_series_mal_alignee": _seg('resultat["segment"] = noms', 'resultat["segment"] = pd.Series(noms)'),
    # Adds the column to the table received (visible).
    "seg_modifie_original": _seg("resultat = scores.copy()", "resultat = scores"),
    # --- Exercice 5 : clusters_kmeans (test_clusters_kmeans) ---
    # Only two columns: forgets the amount (hidden).
    "km_deux_colonnes": _km('rfm[["recence", "frequence", "montant"]]', 'rfm[["recence", "frequence"]]'),
    # No logarithm (hidden).
    "km_sans_log": _km('np.log1p(rfm[["recence", "frequence", "montant"]])', 'rfm[["recence", "frequence", "montant"]]'),
    # Follows the lesson's prepare_features: logarithm of the skewed columns only, not of recency (hidden).
    "km_log_comme_la_lecon": _km('np.log1p(rfm[["recence", "frequence", "montant"]])',
                                 'rfm[["recence", "frequence", "montant"]].assign(frequence=np.log1p(rfm["frequence"]), '
                                 'montant=np.log1p(rfm["montant"]))'),
    # No standardisation (hidden).
    "km_sans_standardisation": _km("X = StandardScaler().fit_transform(X)\n", ""),
    # k fixed at 3, the value of the lesson's example (hidden).
    "km_k_fixe": _km("n_clusters=k", "n_clusters=3"),
    # No seed: k-means draws its starting points anew at every call (hidden: a grid of customers
    # with no clear groups, where another draw gives other groups).
    "km_sans_graine": _km("n_init=10, random_state=0)", "n_init=10)"),
    # Returns the cluster sizes instead of one label per customer (visible).
    "km_tailles_au_lieu_des_etiquettes": _km(
        "return KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)",
        "return pd.Series(KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)).value_counts()"),
    # --- Exercice 6 : signaler_decrocheurs (test_signaler_decrocheurs) ---
    # « >= » instead of « > »: 365 days exactly is flagged (visible).
    "sig_superieur_ou_egal": {"signaler_decrocheurs": _f(_SIG_DEF, 'return rfm["recence"] >= jours\n')},
    # Returns the flagged rows instead of one True/False per customer (visible).
    "sig_lignes_au_lieu_des_booleens": {"signaler_decrocheurs": _f(_SIG_DEF, 'return rfm[rfm["recence"] > jours]\n')},
    # --- Exercice 7 : evaluer_signalement (test_evaluer_signalement) ---
    # True positives = every flagged customer (hidden: the visible example has only one false positive… and fails).
    "eva_vrais_positifs_signales": _eva("vrais_positifs = (signales & partis).sum()", "vrais_positifs = signales.sum()"),
    # Precision over all customers instead of over the flagged ones (visible).
    "eva_precision_sur_tous": _eva("precision = vrais_positifs / signales.sum()",
                                   "precision = vrais_positifs / len(signales)"),
    # Recall and precision mixed up: recall over the flagged ones (visible).
    "eva_rappel_sur_signales": _eva("rappel = vrais_positifs / partis.sum()", "rappel = vrais_positifs / signales.sum()"),
    # No guard when no one is flagged: 0 / 0 gives NaN (hidden).
    "eva_precision_sans_garde": _eva("precision = 0.0\nif signales.sum() > 0:\n    precision = vrais_positifs / signales.sum()",
                                     "precision = vrais_positifs / signales.sum()"),
    # No guard when no one left: 0 / 0 gives NaN (hidden).
    "eva_rappel_sans_garde": _eva("rappel = 0.0\nif partis.sum() > 0:\n    rappel = vrais_positifs / partis.sum()",
                                  "rappel = vrais_positifs / partis.sum()"),
    # No guard on the base rate: the lift is NaN or infinite (hidden).
    "eva_lift_sans_garde": _eva("lift = 0.0\nif taux_de_base > 0:\n    lift = precision / taux_de_base",
                                "lift = precision / taux_de_base"),
    # Base rate over the flagged customers instead of all customers (visible).
    "eva_taux_sur_signales": _eva("taux_de_base = partis.sum() / len(partis)",
                                  "taux_de_base = partis.sum() / signales.sum()"),
    # Lift = recall / base rate (visible).
    "eva_lift_rappel": _eva("lift = precision / taux_de_base", "lift = rappel / taux_de_base"),
    # An accented key « précision » (visible).
    "eva_cle_accentuee": _eva('{"precision": precision', '{"précision": precision'),
    # --- Exercice 8 : quiz ---
    # Wrong quiz answers (valid letters) (test_quiz_q1…q3, hidden).
    "quiz_faux": {"quiz_reponses": 'reponse_q1 = "c"\nreponse_q2 = "a"\nreponse_q3 = "b"\n'},
}

# A loop whose condition never becomes false: the test cells calling it time out.
INFINITE_LOOP: dict[str, str] = {
    "signaler_decrocheurs": (
        "def signaler_decrocheurs(rfm, jours):\n"
        "    while jours is not None or True:\n"
        "        jours = jours\n"
        '    return rfm["recence"] > jours\n'
    ),
}

DELETED_TEST_CELL = "test_scores_rfm"

#: The method's table (tests/course/METHODE_NOTATION.md): each sentence of a statement that
#: constrains the answer -> (statement cell, the sentence, the test cell that checks it, the wrong
#: submission that ignores it and must lose that cell's points).
PHRASES: list[tuple[str, str, str, str]] = [
    # Exercice 1
    ("enonce_rfm", "convertissez-la d'abord avec `pd.to_datetime`", "test_tableau_rfm", "rfm_sans_to_datetime"),
    ("enonce_rfm", "ne gardez que les billets achetés **avant** `date_ref` (strictement : un billet acheté le jour "
     "même ne compte pas)", "test_tableau_rfm", "rfm_jour_meme_compte"),
    ("enonce_rfm", "`frequence` est le nombre de **dates d'achat différentes**", "test_tableau_rfm",
     "rfm_frequence_billets"),
    ("enonce_rfm", "`montant` la somme des prix", "test_tableau_rfm", "rfm_montant_moyen"),
    ("enonce_rfm", "`recence` est le nombre de jours entre la dernière date d'achat du client et `date_ref`",
     "test_tableau_rfm", "rfm_recence_premier_achat"),
    ("enonce_rfm", "le résultat a une ligne par client, dans l'ordre des `id_client`, avec l'index 0, 1, 2… "
     "(`.reset_index()`)", "test_tableau_rfm", "rfm_sans_reset_index"),
    ("enonce_rfm", "il a exactement les colonnes `id_client`, `recence`, `frequence`, `montant`, dans cet ordre",
     "test_tableau_rfm", "rfm_garde_derniere"),
    ("enonce_rfm", "le tableau reçu ne doit pas être modifié", "test_tableau_rfm", "rfm_modifie_original"),
    # Exercice 2
    ("enonce_scores", "classez d'abord chaque mesure (`.rank(method=\"first\")` : les ex aequo sont départagés par "
     "leur ordre dans le tableau)", "test_scores_rfm", "scores_rank_min"),
    ("enonce_scores", "puis coupez le classement en 5 groupes avec `pd.qcut`", "test_scores_rfm", "scores_sans_rank"),
    ("enonce_scores", "pour la récence, c'est l'inverse : moins de jours, meilleure note", "test_scores_rfm",
     "scores_recence_non_inversee"),
    ("enonce_scores", "`F` et `M` : de même avec `frequence` et `montant`, et `labels=[1, 2, 3, 4, 5]`",
     "test_scores_rfm", "scores_frequence_inversee"),
    ("enonce_scores", "les notes sont des nombres entiers (`.astype(int)`)", "test_scores_rfm", "scores_sans_astype"),
    ("enonce_scores", "le résultat garde toutes les colonnes, l'index et l'ordre des lignes de `rfm`, et `rfm` ne "
     "doit pas être modifié", "test_scores_rfm", "scores_modifie_original"),
    # Exercice 3
    ("enonce_regles", "les trois conditions à la fois", "test_nommer_segment", "nom_sans_m"),
    ("enonce_regles", "bornes comprises", "test_nommer_segment", "nom_bornes_strictes"),
    ("enonce_regles", "essayez les règles de la liste `regles` reçue (pas forcément `REGLES`)", "test_nommer_segment",
     "nom_regles_du_cours"),
    ("enonce_regles", "dans l'ordre : la **première** qui s'applique donne le nom", "test_nommer_segment",
     "nom_derniere_regle"),
    ("enonce_regles", "si aucune règle ne s'applique, renvoyez `\"autres\"`", "test_nommer_segment", "nom_none_sinon"),
    # Exercice 4
    ("enonce_segments", "avec les notes `R`, `F`, `M` de la ligne et les `regles` reçues", "test_ajouter_segments",
     "seg_regles_du_cours"),
    ("enonce_segments", "le résultat garde toutes les colonnes, l'index et l'ordre des lignes de `scores`",
     "test_ajouter_segments", "seg_series_mal_alignee"),
    ("enonce_segments", "`scores` ne doit pas être modifié", "test_ajouter_segments", "seg_modifie_original"),
    # Exercice 5
    ("enonce_clusters", "prenez les trois colonnes", "test_clusters_kmeans", "km_deux_colonnes"),
    ("enonce_clusters", "passez-les au logarithme avec `np.log1p`", "test_clusters_kmeans", "km_sans_log"),
    ("enonce_clusters", "toutes les trois, même la récence", "test_clusters_kmeans", "km_log_comme_la_lecon"),
    ("enonce_clusters", "standardisez le résultat : `StandardScaler().fit_transform(X)`", "test_clusters_kmeans",
     "km_sans_standardisation"),
    ("enonce_clusters", "regroupez avec `KMeans(n_clusters=k, n_init=10, random_state=0).fit_predict(X)`",
     "test_clusters_kmeans", "km_k_fixe"),
    ("enonce_clusters", "`random_state=0` fixe le tirage des points de départ", "test_clusters_kmeans",
     "km_sans_graine"),
    ("enonce_clusters", "renvoyez les étiquettes que donne `fit_predict` : une par client, dans l'ordre des lignes",
     "test_clusters_kmeans", "km_tailles_au_lieu_des_etiquettes"),
    # Exercice 6
    ("enonce_signaler", "sa `recence` est **strictement supérieure** à `jours`", "test_signaler_decrocheurs",
     "sig_superieur_ou_egal"),
    ("enonce_signaler", "le résultat est une Series de booléens (vrai/faux), une valeur par client",
     "test_signaler_decrocheurs", "sig_lignes_au_lieu_des_booleens"),
    # Exercice 7
    ("enonce_evaluer", "les vrais positifs sont les clients signalés **et** vraiment partis", "test_evaluer_signalement",
     "eva_vrais_positifs_signales"),
    ("enonce_evaluer", "précision = vrais positifs / nombre de signalés", "test_evaluer_signalement",
     "eva_precision_sur_tous"),
    ("enonce_evaluer", "si personne n'est signalé, la précision vaut `0.0`", "test_evaluer_signalement",
     "eva_precision_sans_garde"),
    ("enonce_evaluer", "rappel = vrais positifs / nombre de clients vraiment partis", "test_evaluer_signalement",
     "eva_rappel_sur_signales"),
    ("enonce_evaluer", "si personne n'est parti, le rappel vaut `0.0`", "test_evaluer_signalement",
     "eva_rappel_sans_garde"),
    ("enonce_evaluer", "taux de base = nombre de clients vraiment partis / nombre total de clients (`len(partis)`)",
     "test_evaluer_signalement", "eva_taux_sur_signales"),
    ("enonce_evaluer", "lift = précision / taux de base", "test_evaluer_signalement", "eva_lift_rappel"),
    ("enonce_evaluer", "si le taux de base est nul, le lift vaut `0.0`", "test_evaluer_signalement",
     "eva_lift_sans_garde"),
    ("enonce_evaluer", "les clés du dictionnaire sont exactement `\"precision\"`, `\"rappel\"` et `\"lift\"`",
     "test_evaluer_signalement", "eva_cle_accentuee"),
]

#: List items of the statements that do not constrain the answer, with the reason.
SANS_CONTRAINTE: list[tuple[str, str, str]] = [
    ("consignes", "Exécutez les cellules dans l'ordre", "mode d'emploi du notebook, commun à tous les exercices"),
    ("consignes", "Chaque cellule de réponse commence par un **squelette**", "mode d'emploi du notebook : où écrire "
     "son code et comment partir du squelette"),
    ("consignes", "Bloqué ? Sous chaque énoncé, des **indices**", "mode d'emploi des indices, qui ne sont pas notés"),
    ("consignes", "Exécutez la cellule de tests juste en dessous", "mode d'emploi des tests visibles"),
    ("consignes", "Avant de rendre", "mode d'emploi du rendu du devoir"),
]
