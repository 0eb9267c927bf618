"""Plausible wrong submissions for assignment 02_prompting.

Each maps the grade_id of a solution cell to what a learner might write.
"""

WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # Keeps empty parts (« Contexte : ») and does not strip the values.
    "prompt_parties_vides": {
        "construire_prompt": (
            "def construire_prompt(role, contexte, tache, format_attendu, contraintes):\n"
            "    if not tache.strip():\n"
            "        raise ValueError('La tâche est vide.')\n"
            "    return (f'Rôle : {role}\\nContexte : {contexte}\\nTâche : {tache}\\n'\n"
            "            f'Format attendu : {format_attendu}\\nContraintes : {contraintes}')\n"
        ),
    },
    # Right lines, but a task made only of spaces is accepted.
    "prompt_tache_espaces": {
        "construire_prompt": (
            "def construire_prompt(role, contexte, tache, format_attendu, contraintes):\n"
            "    if tache == '':\n"
            "        raise ValueError('La tâche est vide.')\n"
            "    parties = [('Rôle', role), ('Contexte', contexte), ('Tâche', tache),\n"
            "               ('Format attendu', format_attendu), ('Contraintes', contraintes)]\n"
            "    return '\\n'.join(f'{n} : {v.strip()}' for n, v in parties if v.strip())\n"
        ),
    },
    # Drops the rows that cannot be filled: rows are lost silently.
    "remplir_supprime_lignes": {
        "remplir_modele": (
            "def remplir_modele(message_type, tableau):\n"
            "    return [message_type.format(**l.to_dict()) for _, l in tableau.dropna().iterrows()]\n"
        ),
    },
    # Gives None as soon as any column of the row is missing, used or not.
    "remplir_toutes_colonnes": {
        "remplir_modele": (
            "def remplir_modele(message_type, tableau):\n"
            "    messages = []\n"
            "    for _, ligne in tableau.iterrows():\n"
            "        if ligne.isna().any() or (ligne.astype(str).str.strip() == '').any():\n"
            "            messages.append(None)\n"
            "        else:\n"
            "            messages.append(message_type.format(**ligne.to_dict()))\n"
            "    return messages\n"
        ),
    },
    # Does not put multi-line reviews back on one line.
    "few_shot_multiligne": {
        "construire_few_shot": (
            "def construire_few_shot(exemples, texte):\n"
            "    prompt = ''\n"
            "    for avis, etiquette in exemples:\n"
            "        prompt += f'Avis : {avis}\\nSentiment : {etiquette}\\n\\n'\n"
            "    return prompt + f'Avis : {texte}\\nSentiment :'\n"
        ),
    },
    # Only json.loads on the whole answer.
    "json_loads_seul": {
        "lire_json": (
            "def lire_json(reponse, champs):\n"
            "    donnees = json.loads(reponse)\n"
            "    manquants = [c for c in champs if c not in donnees]\n"
            "    if manquants:\n"
            "        raise ValueError('Champs manquants : ' + ', '.join(manquants))\n"
            "    return donnees\n"
        ),
    },
    # Only ast.literal_eval: fails on true / null, lets SyntaxError out.
    "json_literal_eval_seul": {
        "lire_json": (
            "def lire_json(reponse, champs):\n"
            "    debut, fin = reponse.find('{'), reponse.rfind('}')\n"
            "    if debut == -1 or fin < debut:\n"
            "        raise ValueError('Pas de JSON.')\n"
            "    donnees = ast.literal_eval(reponse[debut:fin + 1])\n"
            "    manquants = [c for c in champs if c not in donnees]\n"
            "    if manquants:\n"
            "        raise ValueError('Champs manquants : ' + ', '.join(manquants))\n"
            "    return donnees\n"
        ),
    },
    # Compares with the capitals and counts characters instead of words.
    "checklist_casse_caracteres": {
        "verifier_publication": (
            "def verifier_publication(texte, titre, date, max_mots):\n"
            "    return {'titre': titre in texte, 'date': date in texte,\n"
            "            'longueur': len(texte) <= max_mots, 'hashtag': '#' in texte}\n"
        ),
    },
    # A lone « # » counts as a hashtag.
    "checklist_diese_seul": {
        "verifier_publication": (
            "def verifier_publication(texte, titre, date, max_mots):\n"
            "    return {'titre': titre.lower() in texte.lower(), 'date': date.lower() in texte.lower(),\n"
            "            'longueur': len(texte.split()) <= max_mots,\n"
            "            'hashtag': any(m.startswith('#') for m in texte.split())}\n"
        ),
    },
    # Case-sensitive markers, « \n » only, no re.escape.
    "neutraliser_sensible_casse": {
        "neutraliser_avis": (
            "def neutraliser_avis(texte, marqueurs, max_caracteres):\n"
            "    texte = texte.replace('\\n', ' ')\n"
            "    for m in marqueurs:\n"
            "        texte = re.sub(r'\\b' + m.capitalize() + r'\\s*:', ' ', texte)\n"
            "    return ' '.join(texte.split())[:max_caracteres]\n"
        ),
    },
    # Wrong quiz answers (valid letters).
    "quiz_faux": {
        "quiz_reponses": 'reponse_q1 = "a"\nreponse_q2 = "a"\nreponse_q3 = "b"\nreponse_q4 = "a"\n',
    },
}

# A loop whose condition never becomes false: the test cells calling it time out.
INFINITE_LOOP: dict[str, str] = {
    "construire_few_shot": (
        "def construire_few_shot(exemples, texte):\n"
        "    prompt = ''\n"
        "    i = 0\n"
        "    while i < len(exemples) + 1:\n"
        "        prompt += ''\n"
        "    return prompt\n"
    ),
}

DELETED_TEST_CELL = "test_lire_json_formats"
