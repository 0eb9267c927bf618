"""Plausible wrong submissions for assignment 00_prise_en_main.

Each maps the grade_id of a solution cell to what a learner might write instead of the
reference solution. Every variant loses points under the hidden tests (several already
fail the visible ones); the comment says which test cell catches it.
"""

WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # Decimal comma: 24,5 is a tuple in Python (test_variables_lieu, visible).
    "prix_avec_virgule": {
        "variables_lieu": (
            'nom_du_lieu = "Théâtre du Rivage"\n'
            "jauge_grande_salle = 600\n"
            "prix_billet_plein = 24,5\n"
        ),
    },
    # Right types, wrong value: the number of seats of the Studio (test_variables_lieu, hidden).
    "jauge_fausse": {
        "variables_lieu": (
            'nom_du_lieu = "Théâtre du Rivage"\n'
            "jauge_grande_salle = 180\n"
            "prix_billet_plein = 24.5\n"
        ),
    },
    # A proportion instead of a percentage (test_taux_remplissage, visible).
    "taux_sans_pourcentage": {
        "taux_remplissage": (
            "def taux_remplissage(billets_vendus, jauge):\n"
            "    if jauge <= 0:\n"
            '        raise ValueError("La jauge doit être positive.")\n'
            "    return round(billets_vendus / jauge, 1)\n"
        ),
    },
    # Only a zero jauge is refused: a negative jauge slips through (test_taux_remplissage, hidden).
    "taux_jauge_negative_acceptee": {
        "taux_remplissage": (
            "def taux_remplissage(billets_vendus, jauge):\n"
            "    if jauge == 0:\n"
            '        raise ValueError("La jauge ne peut pas être nulle.")\n'
            "    return round(billets_vendus / jauge * 100, 1)\n"
        ),
    },
    # Hard-codes the visible examples (test_taux_remplissage, hidden).
    "taux_en_dur": {
        "taux_remplissage": (
            "def taux_remplissage(billets_vendus, jauge):\n"
            "    if jauge <= 0:\n"
            '        raise ValueError("Jauge invalide.")\n'
            "    if billets_vendus == 412:\n"
            "        return 85.8\n"
            "    return 0.0\n"
        ),
    },
    # Adds the rate instead of multiplying (test_prix_ttc, visible).
    "tva_ajoutee": {
        "prix_ttc": (
            "def prix_ttc(prix_ht, taux_tva=0.055):\n"
            "    return round(prix_ht + taux_tva, 2)\n"
        ),
    },
    # Forgets to round: right on the visible examples, wrong on 35.5 € HT (test_prix_ttc, hidden).
    "tva_non_arrondie": {
        "prix_ttc": (
            "def prix_ttc(prix_ht, taux_tva=0.055):\n"
            "    return prix_ht * (1 + taux_tva)\n"
        ),
    },
    # Ignores the taux_tva parameter, special-cases the visible 20 % example (test_prix_ttc, hidden).
    "tva_taux_en_dur": {
        "prix_ttc": (
            "def prix_ttc(prix_ht, taux_tva=0.055):\n"
            "    if taux_tva == 0.2:\n"
            "        return round(prix_ht * 1.2, 2)\n"
            "    return round(prix_ht * 1.055, 2)\n"
        ),
    },
    # Counts per show instead of per discipline (test_billets_par_discipline, visible).
    "billets_par_spectacle": {
        "billets_par_discipline": (
            "def billets_par_discipline(billets, spectacles):\n"
            '    return billets.groupby("id_spectacle").size().sort_values(ascending=False)\n'
        ),
    },
    # Forgets to sort (test_billets_par_discipline, visible and hidden).
    "billets_non_tries": {
        "billets_par_discipline": (
            "def billets_par_discipline(billets, spectacles):\n"
            '    detail = billets.merge(spectacles, on="id_spectacle")\n'
            '    return detail.groupby("discipline").size()\n'
        ),
    },
    # Works on the course data loaded again instead of the parameters (test_billets_par_discipline,
    # hidden): passes every visible test.
    "billets_donnees_du_cours": {
        "billets_par_discipline": (
            "def billets_par_discipline(billets, spectacles):\n"
            '    tous = load("billets").merge(load("spectacles"), on="id_spectacle")\n'
            '    return tous["discipline"].value_counts()\n'
        ),
    },
    # Counts shows instead of tickets (test_billets_par_discipline, visible).
    "billets_compte_spectacles": {
        "billets_par_discipline": (
            "def billets_par_discipline(billets, spectacles):\n"
            '    return spectacles["discipline"].value_counts()\n'
        ),
    },
    # Truncates instead of rounding: 66.6 for 2 of 3 (test_taux_remplissage, hidden).
    "taux_tronque": {
        "taux_remplissage": (
            "def taux_remplissage(billets_vendus, jauge):\n"
            "    if jauge <= 0:\n"
            '        raise ValueError("La jauge doit être positive.")\n'
            "    return int(billets_vendus / jauge * 1000) / 10\n"
        ),
    },
    # The ValueError's message is in English (test_taux_remplissage, hidden).
    "taux_message_anglais": {
        "taux_remplissage": (
            "def taux_remplissage(billets_vendus, jauge):\n"
            "    if jauge <= 0:\n"
            '        raise ValueError("The jauge must be a positive number")\n'
            "    return round(billets_vendus / jauge * 100, 1)\n"
        ),
    },
    # The default rate is 20 % instead of 5.5 % (test_prix_ttc, visible).
    "tva_defaut_20": {
        "prix_ttc": (
            "def prix_ttc(prix_ht, taux_tva=0.2):\n"
            "    return round(prix_ht * (1 + taux_tva), 2)\n"
        ),
    },
    # Lists every discipline of the programme, those without tickets at 0 (test_billets_par_discipline,
    # hidden): the course data has tickets in every discipline.
    "billets_disciplines_sans_billet": {
        "billets_par_discipline": (
            "def billets_par_discipline(billets, spectacles):\n"
            '    detail = billets.merge(spectacles, on="id_spectacle")\n'
            '    comptes = detail.groupby("discipline").size()\n'
            '    comptes = comptes.reindex(spectacles["discipline"].unique(), fill_value=0)\n'
            "    return comptes.sort_values(ascending=False)\n"
        ),
    },
    # A table instead of a Series (test_billets_par_discipline, visible).
    "billets_tableau": {
        "billets_par_discipline": (
            "def billets_par_discipline(billets, spectacles):\n"
            '    detail = billets.merge(spectacles, on="id_spectacle")\n'
            '    return detail.groupby("discipline").size().sort_values(ascending=False).reset_index()\n'
        ),
    },
    # One wrong (but valid) letter in the quiz (test_quiz_q2, hidden).
    "quiz_faux": {
        "quiz_reponses": 'reponse_q1 = "b"\nreponse_q2 = "a"\nreponse_q3 = "b"\n',
    },
}

#: A forgotten counter update: the loop never ends once the test cell calls the function.
INFINITE_LOOP: dict[str, str] = {
    "taux_remplissage": (
        "def taux_remplissage(billets_vendus, jauge):\n"
        "    if jauge <= 0:\n"
        '        raise ValueError("La jauge doit être positive.")\n'
        "    taux = 0\n"
        "    compte = 0\n"
        "    while compte < billets_vendus:\n"
        "        taux = taux + 100 / jauge\n"
        "    return round(taux, 1)\n"
    ),
}

#: The test cell removed in the « deleted test cell » scenario (nbgrader puts it back).
DELETED_TEST_CELL: str = "test_billets_par_discipline"

#: The method's table (tests/course/METHODE_NOTATION.md): each sentence of a statement that
#: constrains the answer -> (statement cell, the sentence, the test cell that checks it, the wrong
#: submission that ignores it and must lose that cell's points).
PHRASES: list[tuple[str, str, str, str]] = [
    ("consigne_taux_remplissage", "renvoie le taux de remplissage **en pourcentage**", "test_taux_remplissage",
     "taux_sans_pourcentage"),
    ("consigne_taux_remplissage", "**arrondi à 1 décimale**", "test_taux_remplissage", "taux_tronque"),
    ("consigne_taux_remplissage", "Une jauge nulle ou négative n'a pas de sens", "test_taux_remplissage",
     "taux_jauge_negative_acceptee"),
    ("consigne_taux_remplissage", "avec un message en français qui contient le mot « jauge »",
     "test_taux_remplissage", "taux_message_anglais"),
    ("consigne_taux_remplissage", "| `taux_remplissage(412, 480)` | `85.8` |", "test_taux_remplissage", "taux_en_dur"),
    ("consigne_prix_ttc", "prix TTC = prix HT × (1 + taux de TVA)", "test_prix_ttc", "tva_ajoutee"),
    ("consigne_prix_ttc", "**arrondi à 2 décimales**", "test_prix_ttc", "tva_non_arrondie"),
    ("consigne_prix_ttc", "`prix_ttc(20)` utilise 5,5 %", "test_prix_ttc", "tva_defaut_20"),
    ("consigne_prix_ttc", "Votre calcul doit donc utiliser `taux_tva`, pas le nombre 0.055 écrit en dur.",
     "test_prix_ttc", "tva_taux_en_dur"),
    ("consigne_billets_par_discipline", "renvoie une **Series** pandas", "test_billets_par_discipline",
     "billets_tableau"),
    ("consigne_billets_par_discipline", "l'index : les disciplines", "test_billets_par_discipline",
     "billets_par_spectacle"),
    ("consigne_billets_par_discipline", "(celles qui ont au moins un billet)", "test_billets_par_discipline",
     "billets_disciplines_sans_billet"),
    ("consigne_billets_par_discipline", "les valeurs : le nombre de billets vendus pour chaque discipline",
     "test_billets_par_discipline", "billets_compte_spectacles"),
    ("consigne_billets_par_discipline", "triée du **plus grand au plus petit** nombre de billets",
     "test_billets_par_discipline", "billets_non_tries"),
    ("consigne_billets_par_discipline", "Utilisez les **paramètres** `billets` et `spectacles` de la fonction",
     "test_billets_par_discipline", "billets_donnees_du_cours"),
]

#: List items of the statements that do not constrain the answer, with the reason.
SANS_CONTRAINTE: list[tuple[str, str, str]] = []
