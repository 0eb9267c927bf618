"""Plausible wrong submissions for assignment 01_demystifier_ia.

Each maps the grade_id of a solution cell to what a learner might write instead of the
reference solution. Every variant loses points under the hidden tests (several already
fail the visible ones); the comment says which test cell catches it.
"""

_SOFTMAX_DEBUT = (
    "def softmax_temperature(scores, temperature):\n"
    "    if temperature <= 0:\n"
    '        raise ValueError("La température doit être strictement positive.")\n'
)

WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # Forgets to divide by the temperature: right at T = 1 (the visible example), wrong elsewhere
    # (test_softmax_temperature, hidden).
    "softmax_sans_temperature": {
        "softmax_temperature": (
            "def softmax_temperature(scores, temperature):\n"
            "    if temperature <= 0:\n"
            "        raise ValueError('La température doit être strictement positive.')\n"
            "    exps = [math.exp(s) for s in scores]\n"
            "    return [e / sum(exps) for e in exps]\n"
        ),
    },
    # Multiplies by the temperature instead of dividing (test_softmax_temperature, hidden).
    "softmax_multiplie": {
        "softmax_temperature": (
            "def softmax_temperature(scores, temperature):\n"
            "    if temperature <= 0:\n"
            "        raise ValueError('La température doit être strictement positive.')\n"
            "    exps = [math.exp(s * temperature) for s in scores]\n"
            "    return [e / sum(exps) for e in exps]\n"
        ),
    },
    # Skips step 2: math.exp overflows on large scores, whatever the temperature
    # (test_softmax_temperature, hidden).
    "softmax_sans_max": {
        "softmax_temperature": _SOFTMAX_DEBUT + (
            "    divises = [s / temperature for s in scores]\n"
            "    exponentielles = [math.exp(d) for d in divises]\n"
            "    total = sum(exponentielles)\n"
            "    return [e / total for e in exponentielles]\n"
        ),
    },
    # Subtracts the largest *raw* score from the divided ones: right at T = 1, overflows on
    # ([1000, 999], 0.5) and underflows to 0 / 0 at high temperatures (test_softmax_temperature, hidden).
    "softmax_max_avant_division": {
        "softmax_temperature": _SOFTMAX_DEBUT + (
            "    plus_grand = max(scores)\n"
            "    exponentielles = [math.exp(s / temperature - plus_grand) for s in scores]\n"
            "    total = sum(exponentielles)\n"
            "    return [e / total for e in exponentielles]\n"
        ),
    },
    # Skips step 3: divides the shifted scores by their sum, no exponential
    # (test_softmax_temperature, visible and hidden).
    "softmax_sans_exponentielle": {
        "softmax_temperature": _SOFTMAX_DEBUT + (
            "    divises = [s / temperature for s in scores]\n"
            "    plus_grand = max(divises)\n"
            "    decales = [d - plus_grand + 1 for d in divises]\n"
            "    total = sum(decales)\n"
            "    return [d / total for d in decales]\n"
        ),
    },
    # Skips step 4: returns the exponentials, which do not add up to 1 (test_softmax_temperature, visible).
    "softmax_non_normalise": {
        "softmax_temperature": _SOFTMAX_DEBUT + (
            "    divises = [s / temperature for s in scores]\n"
            "    plus_grand = max(divises)\n"
            "    return [math.exp(d - plus_grand) for d in divises]\n"
        ),
    },
    # Sorts the probabilities from the largest: right on the visible [2, 1, 0], not in the
    # order of the scores elsewhere (test_softmax_temperature, hidden).
    "softmax_triee": {
        "softmax_temperature": _SOFTMAX_DEBUT + (
            "    divises = [s / temperature for s in scores]\n"
            "    plus_grand = max(divises)\n"
            "    exponentielles = [math.exp(d - plus_grand) for d in divises]\n"
            "    total = sum(exponentielles)\n"
            "    return sorted([e / total for e in exponentielles], reverse=True)\n"
        ),
    },
    # Refuses only a zero temperature: a negative one slips through (test_softmax_temperature_extremes, hidden).
    "softmax_temperature_negative_acceptee": {
        "softmax_temperature": (
            "def softmax_temperature(scores, temperature):\n"
            "    if temperature == 0:\n"
            '        raise ValueError("La température doit être strictement positive.")\n'
            "    divises = [s / temperature for s in scores]\n"
            "    plus_grand = max(divises)\n"
            "    exponentielles = [math.exp(d - plus_grand) for d in divises]\n"
            "    total = sum(exponentielles)\n"
            "    return [e / total for e in exponentielles]\n"
        ),
    },
    # Its own message, in English, instead of the statement's line (test_softmax_temperature_extremes, hidden).
    "softmax_message_anglais": {
        "softmax_temperature": (
            "def softmax_temperature(scores, temperature):\n"
            "    if temperature <= 0:\n"
            '        raise ValueError("Temperature must be positive")\n'
            "    divises = [s / temperature for s in scores]\n"
            "    plus_grand = max(divises)\n"
            "    exponentielles = [math.exp(d - plus_grand) for d in divises]\n"
            "    total = sum(exponentielles)\n"
            "    return [e / total for e in exponentielles]\n"
        ),
    },
    # Prices per token instead of per million tokens (test_cout_appel, visible).
    "cout_sans_million": {
        "cout_appel": (
            "def cout_appel(tokens_entree, tokens_sortie, prix_entree, prix_sortie):\n"
            "    return tokens_entree * prix_entree + tokens_sortie * prix_sortie\n"
        ),
    },
    # Rounds to the centime: right on the visible 0.40 and 0.80, 0.0 for a small call
    # (test_cout_appel, hidden); must not cost test_cout_courriels_presse's points.
    "cout_arrondi": {
        "cout_appel": (
            "def cout_appel(tokens_entree, tokens_sortie, prix_entree, prix_sortie):\n"
            "    return round((tokens_entree * prix_entree + tokens_sortie * prix_sortie) / 1_000_000, 2)\n"
        ),
    },
    # Input and output prices swapped (test_cout_appel, visible and hidden).
    "cout_prix_inverses": {
        "cout_appel": (
            "def cout_appel(tokens_entree, tokens_sortie, prix_entree, prix_sortie):\n"
            "    return (tokens_entree * prix_sortie + tokens_sortie * prix_entree) / 1_000_000\n"
        ),
    },
    # Counts only the press release, not each journalist's record (test_cout_courriels_presse, visible).
    "courriels_sans_fiche": {
        "cout_courriels_presse": (
            "def cout_courriels_presse(fiches, communique, tokens_sortie, prix_entree, prix_sortie):\n"
            "    total = 0\n"
            "    for fiche in fiches:\n"
            "        total += cout_appel(estimer_tokens(communique), tokens_sortie, prix_entree, prix_sortie)\n"
            "    return total\n"
        ),
    },
    # Forgets the answer's tokens (test_cout_courriels_presse, visible and hidden).
    "courriels_sans_sortie": {
        "cout_courriels_presse": (
            "def cout_courriels_presse(fiches, communique, tokens_sortie, prix_entree, prix_sortie):\n"
            "    total = 0.0\n"
            "    for fiche in fiches:\n"
            "        total += cout_appel(estimer_tokens(communique + fiche), 0, prix_entree, prix_sortie)\n"
            "    return total\n"
        ),
    },
    # « = » instead of « += »: only the last call is counted; right on the visible one-record
    # example (test_cout_courriels_presse, hidden).
    "courriels_dernier_appel": {
        "cout_courriels_presse": (
            "def cout_courriels_presse(fiches, communique, tokens_sortie, prix_entree, prix_sortie):\n"
            "    total = 0.0\n"
            "    for fiche in fiches:\n"
            "        total = cout_appel(estimer_tokens(communique + fiche), tokens_sortie, prix_entree, prix_sortie)\n"
            "    return total\n"
        ),
    },
    # Uses the lesson's 3.7 characters per token instead of estimer_tokens (test_cout_courriels_presse,
    # visible and hidden).
    "courriels_ratio_lecon": {
        "cout_courriels_presse": (
            "def cout_courriels_presse(fiches, communique, tokens_sortie, prix_entree, prix_sortie):\n"
            "    total = 0.0\n"
            "    for fiche in fiches:\n"
            "        tokens = len(communique + fiche) / 3.7\n"
            "        total += cout_appel(tokens, tokens_sortie, prix_entree, prix_sortie)\n"
            "    return total\n"
        ),
    },
    # Estimates the press release and the record separately: one token too many now and then
    # (test_cout_courriels_presse, visible and hidden).
    "courriels_tokens_separes": {
        "cout_courriels_presse": (
            "def cout_courriels_presse(fiches, communique, tokens_sortie, prix_entree, prix_sortie):\n"
            "    total = 0.0\n"
            "    for fiche in fiches:\n"
            "        tokens = estimer_tokens(communique) + estimer_tokens(fiche)\n"
            "        total += cout_appel(tokens, tokens_sortie, prix_entree, prix_sortie)\n"
            "    return total\n"
        ),
    },
    # Exact comparison: misses the same reference written with other accents / spaces
    # (test_references_suspectes, visible).
    "references_sans_normaliser": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    return [c for c in citations if c not in catalogue]\n"
        ),
    },
    # Hard-codes the visible example's answer (test_references_suspectes, hidden).
    "references_en_dur": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    return ['Étude Culture & Numérique, Sorbonne 2021']\n"
        ),
    },
    # « in » instead of « not in »: the citations found in the catalogue (test_references_suspectes, visible).
    "references_presentes": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    connues = [normaliser(c) for c in catalogue]\n"
            "    suspectes = []\n"
            "    for citation in citations:\n"
            "        if normaliser(citation) in connues and citation not in suspectes:\n"
            "            suspectes.append(citation)\n"
            "    return suspectes\n"
        ),
    },
    # Returns the normalised text instead of the citation as written (test_references_suspectes, visible).
    "references_normalisees": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    connues = [normaliser(c) for c in catalogue]\n"
            "    suspectes = []\n"
            "    for citation in citations:\n"
            "        if normaliser(citation) not in connues and normaliser(citation) not in suspectes:\n"
            "            suspectes.append(normaliser(citation))\n"
            "    return suspectes\n"
        ),
    },
    # Removes duplicates by sorting a set: alphabetical order instead of the order of appearance
    # (test_references_suspectes, hidden).
    "references_triees": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    connues = [normaliser(c) for c in catalogue]\n"
            "    return sorted(set(c for c in citations if normaliser(c) not in connues))\n"
        ),
    },
    # Keeps every occurrence: a study cited twice is listed twice (test_references_suspectes, hidden).
    "references_avec_doublons": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    connues = [normaliser(c) for c in catalogue]\n"
            "    return [c for c in citations if normaliser(c) not in connues]\n"
        ),
    },
    # Its own comparison: lower case and single spaces, but accents kept (test_references_suspectes,
    # visible and hidden).
    "references_sans_accents": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            '    connues = [" ".join(c.lower().split()) for c in catalogue]\n'
            "    suspectes = []\n"
            "    for citation in citations:\n"
            '        if " ".join(citation.lower().split()) not in connues and citation not in suspectes:\n'
            "            suspectes.append(citation)\n"
            "    return suspectes\n"
        ),
    },
    # Its own comparison: accents removed (the ASCII idiom) and lower case, but extra spaces kept
    # (test_references_suspectes, visible and hidden).
    "references_sans_espaces": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    def simplifier(texte):\n"
            '        return unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()\n'
            "    connues = [simplifier(c) for c in catalogue]\n"
            "    suspectes = []\n"
            "    for citation in citations:\n"
            "        if simplifier(citation) not in connues and citation not in suspectes:\n"
            "            suspectes.append(citation)\n"
            "    return suspectes\n"
        ),
    },
    # Normalises the citations but not the catalogue (test_references_suspectes, visible and hidden).
    "references_catalogue_brut": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    suspectes = []\n"
            "    for citation in citations:\n"
            "        if normaliser(citation) not in catalogue and citation not in suspectes:\n"
            "            suspectes.append(citation)\n"
            "    return suspectes\n"
        ),
    },
    # Wrong quiz answers (valid letters).
    "quiz_faux": {
        "quiz_reponses": 'reponse_q1 = "a"\nreponse_q2 = "b"\nreponse_q3 = "c"\nreponse_q4 = "a"\n',
    },
}

# A loop whose condition never becomes false: the test cells calling it time out.
INFINITE_LOOP: dict[str, str] = {
    "cout_appel": (
        "def cout_appel(tokens_entree, tokens_sortie, prix_entree, prix_sortie):\n"
        "    total = 0\n"
        "    while total >= 0:\n"
        "        total += tokens_entree * prix_entree\n"
        "    return total / 1_000_000\n"
    ),
}

DELETED_TEST_CELL = "test_references_suspectes"

#: The method's table (tests/course/METHODE_NOTATION.md): each sentence of a statement that
#: constrains the answer -> (statement cell, the sentence, the test cell that checks it, the wrong
#: submission that ignores it and must lose that cell's points).
PHRASES: list[tuple[str, str, str, str]] = [
    ("enonce_softmax", "on divise chaque score par `T`", "test_softmax_temperature", "softmax_sans_temperature"),
    ("enonce_softmax", "on divise chaque score par `T`", "test_softmax_temperature", "softmax_multiplie"),
    ("enonce_softmax", "on cherche le plus grand des résultats (`max(liste)`) et on le soustrait de chacun",
     "test_softmax_temperature", "softmax_max_avant_division"),
    ("enonce_softmax", "sans cette étape, de grands scores feraient échouer le calcul", "test_softmax_temperature",
     "softmax_sans_max"),
    ("enonce_softmax", "on prend l'exponentielle de chaque résultat (`math.exp`)", "test_softmax_temperature",
     "softmax_sans_exponentielle"),
    ("enonce_softmax", "on divise chaque exponentielle par la somme de toutes les exponentielles",
     "test_softmax_temperature", "softmax_non_normalise"),
    ("enonce_softmax", "renvoie la **liste** des probabilités, dans le même ordre", "test_softmax_temperature",
     "softmax_triee"),
    ("enonce_softmax", "Si la température est inférieure ou égale à 0, la fonction doit déclencher",
     "test_softmax_temperature_extremes", "softmax_temperature_negative_acceptee"),
    ("enonce_softmax", 'avec la ligne : `raise ValueError("La température doit être strictement positive.")`',
     "test_softmax_temperature_extremes", "softmax_message_anglais"),
    ("enonce_cout_appel", "Les fournisseurs facturent au **million de tokens**", "test_cout_appel",
     "cout_sans_million"),
    ("enonce_cout_appel", "les prix étant donnés en euros par million de tokens", "test_cout_appel",
     "cout_sans_million"),
    ("enonce_cout_appel", "avec un prix pour l'entrée (ce que vous envoyez) et un prix pour la sortie "
     "(ce que le modèle répond)", "test_cout_appel", "cout_prix_inverses"),
    ("enonce_cout_appel", "Ne pas arrondir.", "test_cout_appel", "cout_arrondi"),
    ("enonce_courriels", "le **communiqué suivi de la fiche du journaliste**", "test_cout_courriels_presse",
     "courriels_sans_fiche"),
    ("enonce_courriels", "il répond par un texte d'environ `tokens_sortie` tokens", "test_cout_courriels_presse",
     "courriels_sans_sortie"),
    ("enonce_courriels_fonction", "Pour chaque fiche, le texte envoyé est `communique + fiche`",
     "test_cout_courriels_presse", "courriels_tokens_separes"),
    ("enonce_courriels_fonction", "additionnez le coût de tous les appels", "test_cout_courriels_presse",
     "courriels_dernier_appel"),
    ("enonce_courriels_fonction", "(avec `estimer_tokens` et `cout_appel`)", "test_cout_courriels_presse",
     "courriels_ratio_lecon"),
    ("enonce_references", "renvoie la liste des citations **absentes** du catalogue", "test_references_suspectes",
     "references_presentes"),
    ("enonce_references", "renvoie la liste des citations **absentes** du catalogue", "test_references_suspectes",
     "references_normalisees"),
    ("enonce_references", "dans leur ordre d'apparition", "test_references_suspectes", "references_triees"),
    ("enonce_references", "sans doublon", "test_references_suspectes", "references_avec_doublons"),
    ("enonce_references", "La comparaison ne doit tenir compte ni des majuscules, ni des accents, ni des espaces "
     "en trop", "test_references_suspectes", "references_sans_normaliser"),
    ("enonce_references", "ni des accents", "test_references_suspectes", "references_sans_accents"),
    ("enonce_references", "ni des espaces en trop", "test_references_suspectes", "references_sans_espaces"),
    ("enonce_references", "utilisez la fonction `normaliser` ci-dessous", "test_references_suspectes",
     "references_catalogue_brut"),
    ("consignes", "Une fonction qui « recopie » le résultat attendu de l'exemple ne passera pas.",
     "test_references_suspectes", "references_en_dur"),
]

#: List items of the statements that do not constrain the answer, with the reason.
SANS_CONTRAINTE: list[tuple[str, str, str]] = [
    ("consignes", "Exécutez les cellules dans l'ordre (Maj + Entrée).",
     "mode d'emploi du notebook, commun à tous les exercices"),
    ("consignes", "**supprimez ces deux lignes** et écrivez votre code à la place",
     "mode d'emploi du notebook ; chaque fonction est notée par les cellules de test qui la suivent"),
    ("consignes", "Exécutez la cellule de tests juste en dessous",
     "mode d'emploi des tests visibles, qui ne notent rien de plus que les tests cachés"),
    ("consignes", "Avant de rendre : menu *Noyau › Redémarrer le noyau et exécuter toutes les cellules…*, puis bouton **Validate**.",
     "conseil avant l'envoi du devoir, sans effet sur la réponse notée"),
    ("enonce_softmax", "et le résultat final ne change pas",
     "explique pourquoi l'étape 2 est permise ; la propriété est vérifiée avec l'étape 2"),
    ("enonce_softmax", "Pour construire une liste à partir d'une autre, deux écritures équivalentes",
     "rappel de la leçon : les deux écritures sont acceptées, seul le résultat est noté"),
    ("enonce_courriels", "la leçon a mesuré environ 3,7 caractères par token sur un communiqué en français",
     "rappel de la leçon ; la règle à appliquer est celle de estimer_tokens, donnée"),
]
