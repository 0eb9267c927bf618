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
