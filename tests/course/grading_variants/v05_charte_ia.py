"""Plausible wrong submissions for assignment 05_charte_ia.

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


_CLA_DEF = "def classer_colonne(nom):"
_CLA = (
    'mots = sans_accents(nom.lower()).split("_")\n'
    'for mot in mots:\n'
    '    if mot in MOTS_SENSIBLES:\n'
    '        return "sensible"\n'
    'for mot in mots:\n'
    '    if mot in MOTS_IDENTIFIANTS:\n'
    '        return "identifiant"\n'
    'for mot in mots:\n'
    '    if mot in MOTS_QUASI_IDENTIFIANTS:\n'
    '        return "quasi-identifiant"\n'
    'return "personnelle"\n'
)

_K_DEF = "def k_anonymat(tableau, colonnes):"
_K = (
    'if len(tableau) == 0:\n'
    '    return 0\n'
    'tailles = tableau.groupby(colonnes, dropna=False).size()\n'
    'return int(tailles.min())\n'
)

_TAUX_DEF = "def taux_de_selection(tableau, groupe, cible):"
_TAUX = 'return tableau.groupby(groupe)[cible].mean()\n'

_QUA_DEF = "def groupes_sous_quatre_cinquiemes(tableau, groupe, cible, effectif_min=30):"
_QUA = (
    'taux = taux_de_selection(tableau, groupe, cible)\n'
    'effectifs = tableau[groupe].value_counts()\n'
    'taux_des_grands = []\n'
    'for nom in taux.index:\n'
    '    if effectifs[nom] >= effectif_min:\n'
    '        taux_des_grands.append(taux[nom])\n'
    'if len(taux_des_grands) == 0:\n'
    '    return []\n'
    'taux_reference = max(taux_des_grands)\n'
    'a_examiner = []\n'
    'for nom in taux.index:\n'
    '    if effectifs[nom] >= effectif_min and taux[nom] < 0.8 * taux_reference:\n'
    '        a_examiner.append(nom)\n'
    'return sorted(a_examiner)\n'
)

_EMP_DEF = "def empreinte_campagne(nb_messages, secondes_par_message, watts, g_co2_par_kwh):"
_EMP = (
    'energie_wh = nb_messages * watts * secondes_par_message / 3600\n'
    'co2e_g = energie_wh / 1000 * g_co2_par_kwh\n'
    'return {"energie_wh": round(energie_wh, 2), "co2e_g": round(co2e_g, 3)}\n'
)

_ETI_DEF = "def etiqueter(texte, outil, relu_par=None):"
_ETI = (
    'if outil.strip() == "":\n'
    '    raise ValueError(f"Nommez l\'outil d\'IA qui a servi à écrire le texte : le nom de l\'outil est vide '
    '(reçu : {outil!r}).")\n'
    'mention = "Texte rédigé avec l\'aide d\'une IA (" + outil.strip() + ")"\n'
    'if relu_par is not None and relu_par.strip() != "":\n'
    '    mention = mention + ", relu par " + relu_par.strip()\n'
    'return texte.strip() + "\\n\\n" + mention + "."\n'
)

_CHA_DEF = "def verifier_charte(charte):"
_CHA_SECTIONS = (
    'for titre in SECTIONS:\n'
    '    if titre not in charte["sections"]:\n'
    '        problemes.append(f"La section « {titre} » manque.")\n'
    '    elif charte["sections"][titre].strip() == "":\n'
    '        problemes.append(f"La section « {titre} » est vide.")\n'
)
_CHA_OUTILS = (
    'for outil in charte["outils"]:\n'
    '    if outil["distant"] and outil["donnees_personnelles"] and not outil["contrat_sous_traitance"]:\n'
    '        problemes.append(f"L\'outil « {outil[\'nom\']} » reçoit des données personnelles sans contrat de "\n'
    '                         f"sous-traitance (art. 28 RGPD).")\n'
)
_CHA = 'problemes = []\n' + _CHA_SECTIONS + _CHA_OUTILS + 'return problemes\n'


def _cla(old: str, new: str) -> dict[str, str]:
    return {"classer_colonne": _f(_CLA_DEF, _edit(_CLA, old, new))}


def _k(old: str, new: str) -> dict[str, str]:
    return {"k_anonymat": _f(_K_DEF, _edit(_K, old, new))}


def _taux(body: str) -> dict[str, str]:
    return {"taux_de_selection": _f(_TAUX_DEF, body)}


def _qua(*edits: tuple[str, str]) -> dict[str, str]:
    body = _QUA
    for old, new in edits:
        body = _edit(body, old, new)
    return {"groupes_sous_quatre_cinquiemes": _f(_QUA_DEF, body)}


def _emp(old: str, new: str) -> dict[str, str]:
    return {"empreinte_campagne": _f(_EMP_DEF, _edit(_EMP, old, new))}


def _eti(old: str, new: str) -> dict[str, str]:
    return {"etiqueter": _f(_ETI_DEF, _edit(_ETI, old, new))}


def _cha(old: str, new: str) -> dict[str, str]:
    return {"verifier_charte": _f(_CHA_DEF, _edit(_CHA, old, new))}


WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # --- Exercice 1 : classer_colonne (test_classer_colonne) ---
    # Keeps the capitals: « Code_Postal » matches nothing (visible: « besoin_PMR »).
    "classer_sans_minuscules": _cla('sans_accents(nom.lower())', "sans_accents(nom)"),
    # Keeps the accents: « Prénom » is not « prenom » (visible).
    "classer_sans_accents": _cla('sans_accents(nom.lower())', "nom.lower()"),
    # Forgets .split("_"): the loop runs over the letters, nothing ever matches (visible).
    "classer_sans_decoupage": _cla('mots = sans_accents(nom.lower()).split("_")', "mots = sans_accents(nom.lower())"),
    # Looks for pieces of text: « nom » found in « nombre_billets » (visible).
    "classer_morceau_de_texte": {"classer_colonne": _f(_CLA_DEF, (
        'nom = sans_accents(nom.lower())\n'
        'for cle in MOTS_SENSIBLES:\n'
        '    if cle in nom:\n'
        '        return "sensible"\n'
        'for cle in MOTS_IDENTIFIANTS:\n'
        '    if cle in nom:\n'
        '        return "identifiant"\n'
        'for cle in MOTS_QUASI_IDENTIFIANTS:\n'
        '    if cle in nom:\n'
        '        return "quasi-identifiant"\n'
        'return "personnelle"\n'))},
    # Forgets the sensitive list (visible).
    "classer_sensibles_oublies": _cla('for mot in mots:\n    if mot in MOTS_SENSIBLES:\n        return "sensible"\n', ""),
    # One loop trying the three lists word by word: « nom_mutuelle » becomes an identifier (visible).
    "classer_une_seule_boucle": {"classer_colonne": _f(_CLA_DEF, (
        'mots = sans_accents(nom.lower()).split("_")\n'
        'for mot in mots:\n'
        '    if mot in MOTS_SENSIBLES:\n'
        '        return "sensible"\n'
        '    if mot in MOTS_IDENTIFIANTS:\n'
        '        return "identifiant"\n'
        '    if mot in MOTS_QUASI_IDENTIFIANTS:\n'
        '        return "quasi-identifiant"\n'
        'return "personnelle"\n'))},
    # Quasi-identifiers tried before identifiers: « nom_de_naissance » becomes a quasi-identifier (hidden).
    "classer_quasi_avant_identifiants": {"classer_colonne": _f(_CLA_DEF, (
        'mots = sans_accents(nom.lower()).split("_")\n'
        'for mot in mots:\n'
        '    if mot in MOTS_SENSIBLES:\n'
        '        return "sensible"\n'
        'for mot in mots:\n'
        '    if mot in MOTS_QUASI_IDENTIFIANTS:\n'
        '        return "quasi-identifiant"\n'
        'for mot in mots:\n'
        '    if mot in MOTS_IDENTIFIANTS:\n'
        '        return "identifiant"\n'
        'return "personnelle"\n'))},
    # « quasi identifiant » without the hyphen (visible).
    "classer_quasi_sans_tiret": _cla('return "quasi-identifiant"', 'return "quasi identifiant"'),
    # The lesson's fifth category, for tables that are not about people (visible).
    "classer_non_personnelle": _cla('return "personnelle"', 'return "non personnelle"'),
    # --- Exercice 2 : k_anonymat (test_k_anonymat) ---
    # Groups on the first column only (visible).
    "k_premiere_colonne": _k("tableau.groupby(colonnes, dropna=False)", "tableau.groupby(colonnes[0], dropna=False)"),
    # The largest group instead of the smallest (visible).
    "k_plus_grand_groupe": _k("return int(tailles.min())", "return int(tailles.max())"),
    # The number of combinations instead of the size of the smallest (visible).
    "k_nombre_de_groupes": _k("return int(tailles.min())", "return len(tailles)"),
    # Default dropna: rows with a missing value are forgotten (visible).
    "k_sans_dropna": _k("tableau.groupby(colonnes, dropna=False)", "tableau.groupby(colonnes)"),
    # No guard for the empty table: int(nan) raises (visible).
    "k_vide_sans_garde": _k("if len(tableau) == 0:\n    return 0\n", ""),
    # Counts with a column of ones added to the table received (visible).
    "k_colonne_ajoutee": _k('tailles = tableau.groupby(colonnes, dropna=False).size()',
                            'tableau["une"] = 1\ntailles = tableau.groupby(colonnes, dropna=False)["une"].sum()'),
    # --- Exercice 3 : taux_de_selection (test_taux_de_selection) ---
    # Each group's share among the selected, not the share of the group that was selected (visible).
    "taux_part_des_retenus": _taux('return tableau[tableau[cible]][groupe].value_counts(normalize=True).sort_index()\n'),
    # The number selected instead of a rate (visible).
    "taux_nombre_de_retenus": _taux('return tableau.groupby(groupe)[cible].sum()\n'),
    # Selected / all by division of two counts: a group nobody was selected in gets NaN (visible).
    "taux_groupe_sans_retenu_nan": _taux(
        'retenus = tableau[tableau[cible]].groupby(groupe).size()\n'
        'total = tableau.groupby(groupe).size()\n'
        'return retenus / total\n'),
    # Sorted by rate, the highest first (visible).
    "taux_tries_par_valeur": _taux('return tableau.groupby(groupe)[cible].mean().sort_values(ascending=False)\n'),
    # --- Exercice 4 : groupes_sous_quatre_cinquiemes (test_groupes_sous_quatre_cinquiemes) ---
    # The reference rate over every group, small ones included (hidden).
    "quatre_reference_tous_groupes": _qua(("    if effectifs[nom] >= effectif_min:\n        taux_des_grands.append(taux[nom])",
                                           "    taux_des_grands.append(taux[nom])")),
    # « More than » instead of « at least » effectif_min rows (hidden).
    "quatre_effectif_strict": _qua((">= effectif_min", "> effectif_min")),
    # « At most » instead of « strictly under » the threshold (hidden).
    "quatre_inferieur_ou_egal": _qua(("taux[nom] < 0.8 * taux_reference", "taux[nom] <= 0.8 * taux_reference")),
    # Small groups listed when their rate is low (visible).
    "quatre_petits_groupes_listes": _qua(("if effectifs[nom] >= effectif_min and taux[nom] < 0.8 * taux_reference:",
                                          "if taux[nom] < 0.8 * taux_reference:")),
    # No guard: max() of an empty list raises when no group is large enough (hidden).
    "quatre_max_sans_garde": _qua(("if len(taux_des_grands) == 0:\n    return []\n", "")),
    # A pandas answer that forgets list(): an Index instead of a list (visible).
    "quatre_index_pandas": {"groupes_sous_quatre_cinquiemes": _f(_QUA_DEF, (
        'taux = taux_de_selection(tableau, groupe, cible)\n'
        'effectifs = tableau.groupby(groupe).size()\n'
        'grands = effectifs >= effectif_min\n'
        'if not grands.any():\n'
        '    return []\n'
        'taux_reference = taux[grands].max()\n'
        'return taux[grands & (taux < 0.8 * taux_reference)].index\n'))},
    # Walks the groups in value_counts order (largest first) and does not sort (hidden).
    "quatre_non_triee": _qua(("for nom in taux.index:", "for nom in effectifs.index:"),
                             ("return sorted(a_examiner)", "return a_examiner")),
    # --- Exercice 5 : empreinte_campagne (test_empreinte_campagne) ---
    # Watt-seconds (joules) instead of watt-hours (visible).
    "emp_sans_3600": _emp("nb_messages * watts * secondes_par_message / 3600", "nb_messages * watts * secondes_par_message"),
    # The energy of one message only (visible).
    "emp_un_seul_message": _emp("nb_messages * watts * secondes_par_message / 3600", "watts * secondes_par_message / 3600"),
    # Wh multiplied by grams per kWh: forgets the conversion to kWh (visible).
    "emp_sans_kwh": _emp("co2e_g = energie_wh / 1000 * g_co2_par_kwh", "co2e_g = energie_wh * g_co2_par_kwh"),
    # Rounds the energy first, then computes the CO2e from the rounded figure (hidden).
    "emp_arrondi_trop_tot": {"empreinte_campagne": _f(_EMP_DEF, (
        'energie_wh = round(nb_messages * watts * secondes_par_message / 3600, 2)\n'
        'co2e_g = energie_wh / 1000 * g_co2_par_kwh\n'
        'return {"energie_wh": energie_wh, "co2e_g": round(co2e_g, 3)}\n'))},
    # No rounding at all (visible).
    "emp_sans_arrondi": _emp('{"energie_wh": round(energie_wh, 2), "co2e_g": round(co2e_g, 3)}',
                             '{"energie_wh": energie_wh, "co2e_g": co2e_g}'),
    # Both values rounded to 2 decimals (visible).
    "emp_co2_deux_decimales": _emp("round(co2e_g, 3)", "round(co2e_g, 2)"),
    # An accented key « énergie_wh » (visible).
    "emp_cle_accentuee": _emp('{"energie_wh":', '{"énergie_wh":'),
    # --- Exercice 6 : etiqueter (test_etiqueter) ---
    # Keeps the spaces around the text (visible).
    "eti_texte_sans_strip": _eti('return texte.strip() + ', 'return texte + '),
    # Keeps the spaces around the reviewer's name (hidden).
    "eti_relecteur_sans_strip": _eti('", relu par " + relu_par.strip()', '", relu par " + relu_par'),
    # Keeps the spaces around the tool's name in the mention (hidden).
    "eti_outil_sans_strip": _eti('mention = "Texte rédigé avec l\'aide d\'une IA (" + outil.strip() + ")"',
                                 'mention = "Texte rédigé avec l\'aide d\'une IA (" + outil + ")"'),
    # Accepts an empty tool (visible).
    "eti_outil_vide_accepte": {"etiqueter": _f(_ETI_DEF, _ETI.split("\n", 2)[2])},
    # Tests the tool before .strip(): a tool made of spaces is accepted (visible).
    "eti_outil_vide_sans_strip": _eti('if outil.strip() == "":', 'if outil == "":'),
    # An English message without the word « outil » (visible).
    "eti_message_anglais": _eti(
        'raise ValueError(f"Nommez l\'outil d\'IA qui a servi à écrire le texte : le nom de l\'outil est vide '
        '(reçu : {outil!r}).")', 'raise ValueError("Tool name is required.")'),
    # Forgets the final full stop when nobody reviewed (visible).
    "eti_sans_point_final": {"etiqueter": _f(_ETI_DEF, (
        'if outil.strip() == "":\n'
        '    raise ValueError("Nommez l\'outil d\'IA utilisé.")\n'
        'mention = "Texte rédigé avec l\'aide d\'une IA (" + outil.strip() + ")"\n'
        'if relu_par is not None and relu_par.strip() != "":\n'
        '    mention = mention + ", relu par " + relu_par.strip() + "."\n'
        'return texte.strip() + "\\n\\n" + mention\n'))},
    # A full stop inside the mention and another at the end: « … Inès Martin.. » (visible).
    "eti_double_point": {"etiqueter": _f(_ETI_DEF, (
        'if outil.strip() == "":\n'
        '    raise ValueError("Nommez l\'outil d\'IA utilisé.")\n'
        'mention = "Texte rédigé avec l\'aide d\'une IA (" + outil.strip() + ")."\n'
        'if relu_par is not None and relu_par.strip() != "":\n'
        '    mention = "Texte rédigé avec l\'aide d\'une IA (" + outil.strip() + "), relu par " + relu_par.strip() + "."\n'
        'return texte.strip() + "\\n\\n" + mention + "."\n'))},
    # Strips every argument first, as if relu_par were always a text: None raises AttributeError (visible).
    "eti_strip_avant_none": {"etiqueter": _f(_ETI_DEF, (
        'texte = texte.strip()\n'
        'outil = outil.strip()\n'
        'relu_par = relu_par.strip()\n'
        'if outil == "":\n'
        '    raise ValueError("Nommez l\'outil d\'IA utilisé : le nom de l\'outil est vide.")\n'
        'mention = "Texte rédigé avec l\'aide d\'une IA (" + outil + ")"\n'
        'if relu_par != "":\n'
        '    mention = mention + ", relu par " + relu_par\n'
        'return texte + "\\n\\n" + mention + "."\n'))},
    # The lesson package's longer wording « relu et validé par » (visible).
    "eti_relu_et_valide": _eti('", relu par "', '", relu et validé par "'),
    # An empty reviewer still gives « relu par . » (hidden).
    "eti_relecteur_vide": _eti('if relu_par is not None and relu_par.strip() != "":', "if relu_par is not None:"),
    # One line break instead of a blank line (visible).
    "eti_une_seule_ligne": _eti('"\\n\\n"', '"\\n"'),
    # The mention before the text (visible).
    "eti_mention_avant_texte": _eti('return texte.strip() + "\\n\\n" + mention + "."',
                                    'return mention + ".\\n\\n" + texte.strip()'),
    # --- Exercice 7 : verifier_charte (test_verifier_charte) ---
    # Loops over the charter's own sections: a missing one is never reported (visible).
    "charte_boucle_sur_la_charte": _cha(_CHA_SECTIONS, (
        'for titre, texte in charte["sections"].items():\n'
        '    if texte.strip() == "":\n'
        '        problemes.append(f"La section « {titre} » est vide.")\n')),
    # Another wording for a missing section (visible).
    "charte_manque_autre_phrase": _cha('f"La section « {titre} » manque."', 'f"La section « {titre} » est manquante."'),
    # Only an exactly empty text is empty: spaces pass (visible).
    "charte_vide_sans_strip": _cha('charte["sections"][titre].strip() == ""', 'charte["sections"][titre] == ""'),
    # Lenient titles: compared in lower case, spaces removed (hidden).
    "charte_titres_en_minuscules": _cha(_CHA_SECTIONS, (
        'presentes = {}\n'
        'for titre, texte in charte["sections"].items():\n'
        '    presentes[titre.strip().lower()] = texte\n'
        'for titre in SECTIONS:\n'
        '    if titre.lower() not in presentes:\n'
        '        problemes.append(f"La section « {titre} » manque.")\n'
        '    elif presentes[titre.lower()].strip() == "":\n'
        '        problemes.append(f"La section « {titre} » est vide.")\n')),
    # Reports the sections that are not in SECTIONS (hidden).
    "charte_section_en_trop_signalee": _cha(_CHA_OUTILS, (
        'for titre in charte["sections"]:\n'
        '    if titre not in SECTIONS:\n'
        '        problemes.append(f"La section « {titre} » n\'est pas prévue.")\n' + _CHA_OUTILS)),
    # The tools before the sections (hidden).
    "charte_outils_avant_sections": _cha(_CHA_SECTIONS + _CHA_OUTILS, _CHA_OUTILS + _CHA_SECTIONS),
    # The message without its article (visible).
    "charte_message_sans_article": _cha(' (art. 28 RGPD).")', '.")'),
    # Forgets « remote »: the local model is reported (visible).
    "charte_outil_local_signale": _cha('outil["distant"] and outil["donnees_personnelles"]', 'outil["donnees_personnelles"]'),
    # Forgets the contract: Le Chat, which has one, is reported (visible).
    "charte_contrat_ignore": _cha(' and not outil["contrat_sous_traitance"]', ""),
    # Forgets the personal data: every remote tool without a contract is reported (hidden).
    "charte_donnees_ignorees": _cha(' and outil["donnees_personnelles"]', ""),
    # --- Exercice 8 : quiz ---
    # Wrong quiz answers (valid letters) (test_quiz_q1…q4, hidden).
    "quiz_faux": {"quiz_reponses": 'reponse_q1 = "c"\nreponse_q2 = "a"\nreponse_q3 = "b"\nreponse_q4 = "b"\n'},
}

# A loop whose condition never becomes false: the test cells calling it time out.
INFINITE_LOOP: dict[str, str] = {
    "etiqueter": (
        "def etiqueter(texte, outil, relu_par=None):\n"
        "    while texte is not None or True:\n"
        "        texte = texte\n"
        '    return texte.strip() + "\\n\\n" + outil + "."\n'
    ),
}

DELETED_TEST_CELL = "test_k_anonymat"

#: The method's table (tests/course/METHODE_NOTATION.md): each sentence of a statement that
#: constrains the answer -> (statement cell, the sentence, the test cell that checks it, the wrong
#: submission that ignores it and must lose that cell's points).
PHRASES: list[tuple[str, str, str, str]] = [
    # Exercice 1
    ("enonce_classer", "passez le nom en minuscules (`.lower()`)", "test_classer_colonne", "classer_sans_minuscules"),
    ("enonce_classer", "retirez ses accents avec `sans_accents`", "test_classer_colonne", "classer_sans_accents"),
    ("enonce_classer", "coupez-le en mots à chaque `_` (`.split(\"_\")`)", "test_classer_colonne",
     "classer_sans_decoupage"),
    ("enonce_classer", "un mot-clé ne compte que s'il est **un mot entier** du nom", "test_classer_colonne",
     "classer_morceau_de_texte"),
    ("enonce_classer", "si l'un des mots est dans `MOTS_SENSIBLES`, renvoyez `\"sensible\"`", "test_classer_colonne",
     "classer_sensibles_oublies"),
    ("enonce_classer", "sinon, si l'un des mots est dans `MOTS_IDENTIFIANTS`, renvoyez `\"identifiant\"`",
     "test_classer_colonne", "classer_quasi_avant_identifiants"),
    ("enonce_classer", "sinon, si l'un des mots est dans `MOTS_QUASI_IDENTIFIANTS`, renvoyez `\"quasi-identifiant\"`",
     "test_classer_colonne", "classer_quasi_sans_tiret"),
    ("enonce_classer", "sinon, renvoyez `\"personnelle\"`", "test_classer_colonne", "classer_non_personnelle"),
    ("enonce_classer", "L'ordre des listes compte", "test_classer_colonne", "classer_une_seule_boucle"),
    # Exercice 2
    ("enonce_k_anonymat", "regroupez les lignes qui ont les mêmes valeurs sur **toutes** les colonnes de `colonnes`",
     "test_k_anonymat", "k_premiere_colonne"),
    ("enonce_k_anonymat", "renvoyez la taille du **plus petit** groupe", "test_k_anonymat", "k_plus_grand_groupe"),
    ("enonce_k_anonymat", "renvoyez la taille du **plus petit** groupe", "test_k_anonymat", "k_nombre_de_groupes"),
    ("enonce_k_anonymat", "une valeur manquante compte comme une valeur", "test_k_anonymat", "k_sans_dropna"),
    ("enonce_k_anonymat", "pour un tableau vide (aucune ligne), renvoyez `0`", "test_k_anonymat", "k_vide_sans_garde"),
    ("enonce_k_anonymat", "le tableau reçu ne doit pas être modifié", "test_k_anonymat", "k_colonne_ajoutee"),
    # Exercice 3
    ("enonce_taux", "le taux d'un groupe est la part de **ses** lignes où `cible` vaut `True`", "test_taux_de_selection",
     "taux_part_des_retenus"),
    ("enonce_taux", "nombre de retenus du groupe / nombre de lignes du groupe", "test_taux_de_selection",
     "taux_nombre_de_retenus"),
    ("enonce_taux", "un groupe dont personne n'est retenu figure dans le résultat, avec un taux de `0.0`",
     "test_taux_de_selection", "taux_groupe_sans_retenu_nan"),
    ("enonce_taux", "le résultat est une Series : une valeur par groupe, avec les groupes pour index, dans l'ordre de "
     "`groupby`", "test_taux_de_selection", "taux_tries_par_valeur"),
    # Exercice 4
    ("enonce_quatre_cinquiemes", "le taux de référence est le plus haut taux parmi les groupes d'**au moins** "
     "`effectif_min` lignes", "test_groupes_sous_quatre_cinquiemes", "quatre_reference_tous_groupes"),
    ("enonce_quatre_cinquiemes", "d'**au moins** `effectif_min` lignes", "test_groupes_sous_quatre_cinquiemes",
     "quatre_effectif_strict"),
    ("enonce_quatre_cinquiemes", "un groupe est à examiner si son taux est **strictement inférieur** à "
     "`0.8 * taux_reference`", "test_groupes_sous_quatre_cinquiemes", "quatre_inferieur_ou_egal"),
    ("enonce_quatre_cinquiemes", "un groupe de moins de `effectif_min` lignes n'est jamais dans la liste",
     "test_groupes_sous_quatre_cinquiemes", "quatre_petits_groupes_listes"),
    ("enonce_quatre_cinquiemes", "si aucun groupe n'a au moins `effectif_min` lignes, renvoyez une liste vide `[]`",
     "test_groupes_sous_quatre_cinquiemes", "quatre_max_sans_garde"),
    ("enonce_quatre_cinquiemes", "renvoyez une liste Python des noms de groupes", "test_groupes_sous_quatre_cinquiemes",
     "quatre_index_pandas"),
    ("enonce_quatre_cinquiemes", "triée (`sorted(…)`)", "test_groupes_sous_quatre_cinquiemes", "quatre_non_triee"),
    # Exercice 5
    ("enonce_empreinte", "l'énergie d'un message, en Wh, vaut `watts * secondes_par_message / 3600`",
     "test_empreinte_campagne", "emp_sans_3600"),
    ("enonce_empreinte", "l'énergie de la campagne est celle de ses `nb_messages` messages", "test_empreinte_campagne",
     "emp_un_seul_message"),
    ("enonce_empreinte", "le CO₂e, en grammes, vaut l'énergie en **kWh** (l'énergie en Wh / 1000) × `g_co2_par_kwh`",
     "test_empreinte_campagne", "emp_sans_kwh"),
    ("enonce_empreinte", "calculez le CO₂e avec l'énergie **non arrondie**", "test_empreinte_campagne",
     "emp_arrondi_trop_tot"),
    ("enonce_empreinte", "arrondissez l'énergie à 2 décimales", "test_empreinte_campagne", "emp_sans_arrondi"),
    ("enonce_empreinte", "le CO₂e à 3 décimales", "test_empreinte_campagne", "emp_co2_deux_decimales"),
    ("enonce_empreinte", "les clés du dictionnaire sont exactement `\"energie_wh\"` et `\"co2e_g\"`",
     "test_empreinte_campagne", "emp_cle_accentuee"),
    # Exercice 6
    ("enonce_etiqueter", "si `outil.strip()` est vide, levez une `ValueError`", "test_etiqueter",
     "eti_outil_vide_accepte"),
    ("enonce_etiqueter", "si `outil.strip()` est vide, levez une `ValueError`", "test_etiqueter",
     "eti_outil_vide_sans_strip"),
    ("enonce_etiqueter", "dont le message, en français, contient le mot « outil »", "test_etiqueter",
     "eti_message_anglais"),
    ("enonce_etiqueter", "`mention = \"Texte rédigé avec l'aide d'une IA (\" + outil.strip() + \")\"`",
     "test_etiqueter", "eti_outil_sans_strip"),
    ("enonce_etiqueter", "(sans point : il s'ajoute à l'étape 4)", "test_etiqueter", "eti_double_point"),
    ("enonce_etiqueter", "si `relu_par` n'est pas `None`", "test_etiqueter", "eti_strip_avant_none"),
    ("enonce_etiqueter", "Vérifiez que `relu_par` n'est pas `None` **avant** d'appeler `relu_par.strip()`",
     "test_etiqueter", "eti_strip_avant_none"),
    ("enonce_etiqueter", "et n'est pas vide après `.strip()`", "test_etiqueter", "eti_relecteur_vide"),
    ("enonce_etiqueter", "sinon, il n'y a pas de relecteur et la mention reste telle quelle", "test_etiqueter",
     "eti_relecteur_vide"),
    ("enonce_etiqueter", "ajoutez `\", relu par \" + relu_par.strip()` à la fin de `mention`", "test_etiqueter",
     "eti_relu_et_valide"),
    ("enonce_etiqueter", "ajoutez `\", relu par \" + relu_par.strip()` à la fin de `mention`", "test_etiqueter",
     "eti_relecteur_sans_strip"),
    ("enonce_etiqueter", "renvoyez `texte.strip() + \"\\n\\n\" + mention + \".\"`", "test_etiqueter",
     "eti_texte_sans_strip"),
    ("enonce_etiqueter", "renvoyez `texte.strip() + \"\\n\\n\" + mention + \".\"`", "test_etiqueter",
     "eti_une_seule_ligne"),
    ("enonce_etiqueter", "renvoyez `texte.strip() + \"\\n\\n\" + mention + \".\"`", "test_etiqueter",
     "eti_mention_avant_texte"),
    ("enonce_etiqueter", "le texte sans les espaces du début et de la fin, une ligne vide, puis la mention et son "
     "point final", "test_etiqueter", "eti_sans_point_final"),
    # Exercice 7
    ("enonce_charte", "pour chaque titre de `SECTIONS`, dans l'ordre", "test_verifier_charte",
     "charte_boucle_sur_la_charte"),
    ("enonce_charte", "s'il n'est pas une clé de `charte[\"sections\"]`, ajoutez `f\"La section « {titre} » manque.\"`",
     "test_verifier_charte", "charte_manque_autre_phrase"),
    ("enonce_charte", "s'il y est mais que son texte est vide ou ne contient que des espaces", "test_verifier_charte",
     "charte_vide_sans_strip"),
    ("enonce_charte", "un titre doit être écrit exactement comme dans `SECTIONS`", "test_verifier_charte",
     "charte_titres_en_minuscules"),
    ("enonce_charte", "une section en plus, qui n'est pas dans `SECTIONS`, n'est pas un problème",
     "test_verifier_charte", "charte_section_en_trop_signalee"),
    ("enonce_charte", "ensuite, pour chaque outil, dans l'ordre de la liste", "test_verifier_charte",
     "charte_outils_avant_sections"),
    ("enonce_charte", "reçoit des données personnelles sans contrat de sous-traitance (art. 28 RGPD).",
     "test_verifier_charte", "charte_message_sans_article"),
    ("enonce_charte", "un outil local, un outil qui ne reçoit pas de données personnelles ou un outil avec contrat "
     "n'est pas un problème", "test_verifier_charte", "charte_outil_local_signale"),
    ("enonce_charte", "un outil local, un outil qui ne reçoit pas de données personnelles ou un outil avec contrat "
     "n'est pas un problème", "test_verifier_charte", "charte_contrat_ignore"),
    ("enonce_charte", "s'il est distant, reçoit des données personnelles et n'a pas de contrat de sous-traitance",
     "test_verifier_charte", "charte_donnees_ignorees"),
]

#: List items of the statements that do not constrain the answer, with the reason.
SANS_CONTRAINTE: list[tuple[str, str, str]] = [
    ("consignes", "Exécutez les cellules dans l'ordre", "mode d'emploi du notebook, commun à tous les exercices"),
    ("consignes", "Chaque cellule de réponse commence par un **squelette**", "mode d'emploi du notebook : où écrire "
     "son code et comment partir du squelette"),
    ("consignes", "Bloqué ? Sous chaque énoncé, des **indices**", "mode d'emploi des indices, qui ne sont pas notés"),
    ("consignes", "Exécutez la cellule de tests juste en dessous", "mode d'emploi des tests visibles"),
    ("consignes", "Avant de rendre", "mode d'emploi du rendu du devoir"),
    ("enonce_quatre_cinquiemes", "calculez les taux avec votre fonction `taux_de_selection` (exercice 3), et l'effectif "
     "de chaque groupe", "méthode suggérée : des taux et des effectifs calculés autrement donnent la même note, et "
     "les tests cachés remplacent taux_de_selection par celle de la solution"),
]
