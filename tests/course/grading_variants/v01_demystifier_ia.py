"""Plausible wrong submissions for assignment 01_demystifier_ia.

Each maps the grade_id of a solution cell to what a learner might write.
"""

WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # Forgets to divide by the temperature: right at T = 1 (the visible example), wrong elsewhere.
    "softmax_sans_temperature": {
        "softmax_temperature": (
            "def softmax_temperature(scores, temperature):\n"
            "    if temperature <= 0:\n"
            "        raise ValueError('La température doit être strictement positive.')\n"
            "    exps = [math.exp(s) for s in scores]\n"
            "    return [e / sum(exps) for e in exps]\n"
        ),
    },
    # Multiplies by the temperature instead of dividing.
    "softmax_multiplie": {
        "softmax_temperature": (
            "def softmax_temperature(scores, temperature):\n"
            "    if temperature <= 0:\n"
            "        raise ValueError('La température doit être strictement positive.')\n"
            "    exps = [math.exp(s * temperature) for s in scores]\n"
            "    return [e / sum(exps) for e in exps]\n"
        ),
    },
    # Prices per token instead of per million tokens.
    "cout_sans_million": {
        "cout_appel": (
            "def cout_appel(tokens_entree, tokens_sortie, prix_entree, prix_sortie):\n"
            "    return tokens_entree * prix_entree + tokens_sortie * prix_sortie\n"
        ),
    },
    # Counts only the press release, not each journalist's record.
    "dossiers_sans_fiche": {
        "cout_dossiers_presse": (
            "def cout_dossiers_presse(fiches, communique, tokens_sortie, prix_entree, prix_sortie):\n"
            "    total = 0\n"
            "    for fiche in fiches:\n"
            "        total += cout_appel(estimer_tokens(communique), tokens_sortie, prix_entree, prix_sortie)\n"
            "    return total\n"
        ),
    },
    # Exact comparison: misses the same reference written with other accents / spaces.
    "references_sans_normaliser": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    return [c for c in citations if c not in catalogue]\n"
        ),
    },
    # Hard-codes the visible example's answer.
    "references_en_dur": {
        "references_suspectes": (
            "def references_suspectes(citations, catalogue):\n"
            "    return ['Étude Culture & Numérique, Sorbonne 2021']\n"
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
