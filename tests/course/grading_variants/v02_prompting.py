"""Plausible wrong submissions for assignment 02_prompting.

Each maps the grade_id of a solution cell to what a learner might write instead of the
reference solution: each ignores one sentence of the statement (table `PHRASES` below) and
loses points in the test cell that checks it, and only in the test cells of its own exercise.
The comment says which test cell catches it.
"""

from textwrap import dedent


def _code(source: str) -> str:
    return dedent(source).lstrip("\n")


WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # --- Exercise 1: construire_prompt -------------------------------------------------------
    # Keeps empty parts (« Contexte : ») and does not strip the values (test_construire_prompt, visible).
    "prompt_parties_vides": {
        "construire_prompt": (
            "def construire_prompt(role, contexte, tache, format_attendu, contraintes):\n"
            "    if not tache.strip():\n"
            "        raise ValueError('La tâche est vide.')\n"
            "    return (f'Rôle : {role}\\nContexte : {contexte}\\nTâche : {tache}\\n'\n"
            "            f'Format attendu : {format_attendu}\\nContraintes : {contraintes}')\n"
        ),
    },
    # Right lines, but a task made only of spaces is accepted (test_construire_prompt_sans_tache, hidden).
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
    # « Role, task, context » as in many prompting guides: the task comes before the context; the
    # visible example has no context (test_construire_prompt, hidden).
    "prompt_ordre_des_parties": {
        "construire_prompt": _code(r'''
            def construire_prompt(role, contexte, tache, format_attendu, contraintes):
                if not tache.strip():
                    raise ValueError("La tâche est vide.")
                parties = [("Rôle", role), ("Tâche", tache), ("Contexte", contexte),
                           ("Format attendu", format_attendu), ("Contraintes", contraintes)]
                return "\n".join(f"{n} : {v.strip()}" for n, v in parties if v.strip())
        '''),
    },
    # « Format : » instead of « Format attendu : »; the visible example has no format (test_construire_prompt, hidden).
    "prompt_format_abrege": {
        "construire_prompt": _code(r'''
            def construire_prompt(role, contexte, tache, format_attendu, contraintes):
                if not tache.strip():
                    raise ValueError("La tâche est vide.")
                parties = [("Rôle", role), ("Contexte", contexte), ("Tâche", tache),
                           ("Format", format_attendu), ("Contraintes", contraintes)]
                return "\n".join(f"{n} : {v.strip()}" for n, v in parties if v.strip())
        '''),
    },
    # A blank line between the parts, as build_prompt in the lesson (test_construire_prompt, visible).
    "prompt_ligne_vide": {
        "construire_prompt": _code(r'''
            def construire_prompt(role, contexte, tache, format_attendu, contraintes):
                if not tache.strip():
                    raise ValueError("La tâche est vide.")
                parties = [("Rôle", role), ("Contexte", contexte), ("Tâche", tache),
                           ("Format attendu", format_attendu), ("Contraintes", contraintes)]
                return "\n\n".join(f"{n} : {v.strip()}" for n, v in parties if v.strip())
        '''),
    },
    # Tests the stripped value but writes the raw one (test_construire_prompt, visible).
    "prompt_sans_strip": {
        "construire_prompt": _code(r'''
            def construire_prompt(role, contexte, tache, format_attendu, contraintes):
                if not tache.strip():
                    raise ValueError("La tâche est vide.")
                parties = [("Rôle", role), ("Contexte", contexte), ("Tâche", tache),
                           ("Format attendu", format_attendu), ("Contraintes", contraintes)]
                return "\n".join(f"{n} : {v}" for n, v in parties if v.strip())
        '''),
    },
    # « if valeur: » omits the empty parts but keeps those made of spaces (test_construire_prompt, hidden).
    "prompt_espaces_non_omis": {
        "construire_prompt": _code(r'''
            def construire_prompt(role, contexte, tache, format_attendu, contraintes):
                if not tache.strip():
                    raise ValueError("La tâche est vide.")
                parties = [("Rôle", role), ("Contexte", contexte), ("Tâche", tache),
                           ("Format attendu", format_attendu), ("Contraintes", contraintes)]
                lignes = []
                for nom, valeur in parties:
                    if valeur:
                        lignes.append(f"{nom} : {valeur.strip()}")
                return "\n".join(lignes)
        '''),
    },
    # The ValueError's message is in English (test_construire_prompt_sans_tache, hidden).
    "prompt_message_anglais": {
        "construire_prompt": _code(r'''
            def construire_prompt(role, contexte, tache, format_attendu, contraintes):
                if not tache.strip():
                    raise ValueError("The task is missing")
                parties = [("Rôle", role), ("Contexte", contexte), ("Tâche", tache),
                           ("Format attendu", format_attendu), ("Contraintes", contraintes)]
                return "\n".join(f"{n} : {v.strip()}" for n, v in parties if v.strip())
        '''),
    },
    # --- Exercise 2: remplir_modele ----------------------------------------------------------
    # Drops the rows that cannot be filled: rows are lost silently (test_remplir_modele, visible).
    "remplir_supprime_lignes": {
        "remplir_modele": (
            "def remplir_modele(message_type, tableau):\n"
            "    return [message_type.format(**l.to_dict()) for _, l in tableau.dropna().iterrows()]\n"
        ),
    },
    # Gives None as soon as any column of the row is missing, used or not
    # (test_remplir_modele_valeurs_manquantes, hidden).
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
    # A pandas Series (apply row by row) instead of a list (test_remplir_modele, visible).
    "remplir_serie": {
        "remplir_modele": _code(r'''
            def remplir_modele(message_type, tableau):
                noms = variables(message_type)
                def remplir(ligne):
                    if any(pd.isna(ligne[n]) or str(ligne[n]).strip() == "" for n in noms):
                        return None
                    return message_type.format(**ligne.to_dict())
                return tableau.apply(remplir, axis=1)
        '''),
    },
    # The columns of the journalists' table written by hand: wrong on any other table (test_remplir_modele, hidden).
    "remplir_colonnes_en_dur": {
        "remplir_modele": _code(r'''
            def remplir_modele(message_type, tableau):
                messages = []
                for _, ligne in tableau.iterrows():
                    valeurs = {"prenom": ligne.get("prenom"), "nom": ligne.get("nom"), "media": ligne.get("media")}
                    if any(pd.isna(v) or str(v).strip() == "" for v in valeurs.values() if v is not None):
                        messages.append(None)
                    else:
                        messages.append(message_type.format(**valeurs))
                return messages
        '''),
    },
    # Rows read with tableau.loc[i] for i in range(len(tableau)): wrong as soon as the index is not 0, 1, 2…
    # (test_remplir_modele, hidden).
    "remplir_index_loc": {
        "remplir_modele": _code(r'''
            def remplir_modele(message_type, tableau):
                messages = []
                noms = variables(message_type)
                for i in range(len(tableau)):
                    valeurs = tableau.loc[i].to_dict()
                    if any(pd.isna(valeurs[n]) or str(valeurs[n]).strip() == "" for n in noms):
                        messages.append(None)
                    else:
                        messages.append(message_type.format(**valeurs))
                return messages
        '''),
    },
    # Only None and empty texts count as missing: NaN gives « nan » in the message
    # (test_remplir_modele_valeurs_manquantes, visible: pandas turns the None of the example into NaN).
    "remplir_nan_accepte": {
        "remplir_modele": _code(r'''
            def remplir_modele(message_type, tableau):
                messages = []
                noms = variables(message_type)
                for _, ligne in tableau.iterrows():
                    valeurs = ligne.to_dict()
                    if any(valeurs[n] is None or str(valeurs[n]).strip() == "" for n in noms):
                        messages.append(None)
                    else:
                        messages.append(message_type.format(**valeurs))
                return messages
        '''),
    },
    # A text made only of spaces is accepted (== "" without strip) (test_remplir_modele_valeurs_manquantes, hidden).
    "remplir_espaces_acceptes": {
        "remplir_modele": _code(r'''
            def remplir_modele(message_type, tableau):
                messages = []
                noms = variables(message_type)
                for _, ligne in tableau.iterrows():
                    valeurs = ligne.to_dict()
                    if any(pd.isna(valeurs[n]) or valeurs[n] == "" for n in noms):
                        messages.append(None)
                    else:
                        messages.append(message_type.format(**valeurs))
                return messages
        '''),
    },
    # --- Exercise 3: construire_few_shot -----------------------------------------------------
    # Does not put multi-line reviews back on one line (test_construire_few_shot, hidden).
    "few_shot_multiligne": {
        "construire_few_shot": (
            "def construire_few_shot(exemples, texte):\n"
            "    prompt = ''\n"
            "    for avis, etiquette in exemples:\n"
            "        prompt += f'Avis : {avis}\\nSentiment : {etiquette}\\n\\n'\n"
            "    return prompt + f'Avis : {texte}\\nSentiment :'\n"
        ),
    },
    # Joins the examples with a blank line, then adds one before the review: with no example, the
    # prompt starts with two empty lines (test_construire_few_shot, hidden).
    "few_shot_liste_vide": {
        "construire_few_shot": _code(r'''
            def construire_few_shot(exemples, texte):
                blocs = [f"Avis : {' '.join(a.split())}\nSentiment : {e}" for a, e in exemples]
                return "\n\n".join(blocs) + f"\n\nAvis : {' '.join(texte.split())}\nSentiment :"
        '''),
    },
    # No blank line after each example (test_construire_few_shot, visible).
    "few_shot_sans_ligne_vide": {
        "construire_few_shot": _code(r'''
            def construire_few_shot(exemples, texte):
                prompt = ""
                for avis, etiquette in exemples:
                    prompt += f"Avis : {' '.join(avis.split())}\nSentiment : {etiquette}\n"
                return prompt + f"Avis : {' '.join(texte.split())}\nSentiment :"
        '''),
    },
    # « Sentiment : » with a space at the end, like the other lines (test_construire_few_shot, visible).
    "few_shot_espace_final": {
        "construire_few_shot": _code(r'''
            def construire_few_shot(exemples, texte):
                prompt = ""
                for avis, etiquette in exemples:
                    prompt += f"Avis : {' '.join(avis.split())}\nSentiment : {etiquette}\n\n"
                return prompt + f"Avis : {' '.join(texte.split())}\nSentiment : "
        '''),
    },
    # The examples are put on one line, the review to classify is not (test_construire_few_shot, hidden).
    "few_shot_texte_non_normalise": {
        "construire_few_shot": _code(r'''
            def construire_few_shot(exemples, texte):
                prompt = ""
                for avis, etiquette in exemples:
                    prompt += f"Avis : {' '.join(avis.split())}\nSentiment : {etiquette}\n\n"
                return prompt + f"Avis : {texte}\nSentiment :"
        '''),
    },
    # An instruction line first, as in the lesson (test_construire_few_shot, visible).
    "few_shot_consigne": {
        "construire_few_shot": _code(r'''
            def construire_few_shot(exemples, texte):
                prompt = "Classe le sentiment de chaque avis : positif, négatif ou neutre.\n\n"
                for avis, etiquette in exemples:
                    prompt += f"Avis : {' '.join(avis.split())}\nSentiment : {etiquette}\n\n"
                return prompt + f"Avis : {' '.join(texte.split())}\nSentiment :"
        '''),
    },
    # --- Exercise 4: lire_json ---------------------------------------------------------------
    # Only json.loads on the whole answer (test_lire_json_formats, visible).
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
    # Only ast.literal_eval: fails on true / null, lets SyntaxError out (test_lire_json_formats, hidden).
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
    # Cuts at the first « } »: a nested object is cut in the middle (test_lire_json_formats, hidden).
    "json_premiere_accolade_fermante": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.find("}")
                if debut == -1 or fin < debut:
                    raise ValueError("La réponse ne contient pas d'objet JSON.")
                morceau = reponse[debut:fin + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except (ValueError, SyntaxError):
                        raise ValueError("Le JSON de la réponse est illisible.") from None
                if not isinstance(donnees, dict):
                    raise ValueError("La réponse n'est pas un dictionnaire.")
                manquants = [c for c in champs if c not in donnees]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # str.index instead of find: without braces, Python's own ValueError « substring not found » comes
    # out, in English (test_lire_json_erreurs, hidden).
    "json_index_sans_message": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                morceau = reponse[reponse.index("{"):reponse.rindex("}") + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except (ValueError, SyntaxError):
                        raise ValueError("Le JSON de la réponse est illisible.") from None
                if not isinstance(donnees, dict):
                    raise ValueError("La réponse n'est pas un dictionnaire.")
                manquants = [c for c in champs if c not in donnees]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # Cuts the answer but has no plan B: single quotes are refused (test_lire_json_formats, visible).
    "json_sans_plan_b": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.rfind("}")
                if debut == -1 or fin < debut:
                    raise ValueError("La réponse ne contient pas d'objet JSON.")
                try:
                    donnees = json.loads(reponse[debut:fin + 1])
                except json.JSONDecodeError:
                    raise ValueError("Le JSON de la réponse est illisible.") from None
                if not isinstance(donnees, dict):
                    raise ValueError("La réponse n'est pas un dictionnaire.")
                manquants = [c for c in champs if c not in donnees]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # No check that the result is a dictionary: « {'titre', 'date'} » (a set) is returned
    # (test_lire_json_erreurs, hidden).
    "json_pas_un_dict": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.rfind("}")
                if debut == -1 or fin < debut:
                    raise ValueError("La réponse ne contient pas d'objet JSON.")
                morceau = reponse[debut:fin + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except (ValueError, SyntaxError):
                        raise ValueError("Le JSON de la réponse est illisible.") from None
                manquants = [c for c in champs if c not in donnees]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # The ValueErrors say « Invalid JSON » (test_lire_json_erreurs, hidden).
    "json_erreur_anglais": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.rfind("}")
                if debut == -1 or fin < debut:
                    raise ValueError("No JSON object in the answer")
                morceau = reponse[debut:fin + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except (ValueError, SyntaxError):
                        raise ValueError("Invalid JSON") from None
                if not isinstance(donnees, dict):
                    raise ValueError("The JSON is not an object")
                manquants = [c for c in champs if c not in donnees]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # Catches only the ValueError of ast.literal_eval: its SyntaxError escapes (test_lire_json_erreurs, hidden).
    "json_syntaxerror_non_rattrapee": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.rfind("}")
                if debut == -1 or fin < debut:
                    raise ValueError("La réponse ne contient pas d'objet JSON.")
                morceau = reponse[debut:fin + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except ValueError:
                        raise ValueError("Le JSON de la réponse est illisible.") from None
                if not isinstance(donnees, dict):
                    raise ValueError("La réponse n'est pas un dictionnaire.")
                manquants = [c for c in champs if c not in donnees]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # Stops at the first missing field: the message names only that one (test_lire_json_erreurs, visible).
    "json_premier_champ_seul": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.rfind("}")
                if debut == -1 or fin < debut:
                    raise ValueError("La réponse ne contient pas d'objet JSON.")
                morceau = reponse[debut:fin + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except (ValueError, SyntaxError):
                        raise ValueError("Le JSON de la réponse est illisible.") from None
                if not isinstance(donnees, dict):
                    raise ValueError("La réponse n'est pas un dictionnaire.")
                for c in champs:
                    if c not in donnees:
                        raise ValueError(f"Champ manquant : {c}")
                return donnees
        '''),
    },
    # A field whose value is 0, null or "" counts as missing (if not donnees.get(c)) (test_lire_json_formats, hidden).
    "json_champ_vide_manquant": {
        "lire_json": _code(r'''
            def lire_json(reponse, champs):
                debut, fin = reponse.find("{"), reponse.rfind("}")
                if debut == -1 or fin < debut:
                    raise ValueError("La réponse ne contient pas d'objet JSON.")
                morceau = reponse[debut:fin + 1]
                try:
                    donnees = json.loads(morceau)
                except json.JSONDecodeError:
                    try:
                        donnees = ast.literal_eval(morceau)
                    except (ValueError, SyntaxError):
                        raise ValueError("Le JSON de la réponse est illisible.") from None
                if not isinstance(donnees, dict):
                    raise ValueError("La réponse n'est pas un dictionnaire.")
                manquants = [c for c in champs if not donnees.get(c)]
                if manquants:
                    raise ValueError("Champs manquants : " + ", ".join(manquants))
                return donnees
        '''),
    },
    # --- Exercise 5 a: verifier_publication --------------------------------------------------
    # Compares with the capitals and counts characters instead of words (test_verifier_publication, visible).
    "checklist_casse_caracteres": {
        "verifier_publication": (
            "def verifier_publication(texte, titre, date, max_mots):\n"
            "    return {'titre': titre in texte, 'date': date in texte,\n"
            "            'longueur': len(texte) <= max_mots, 'hashtag': '#' in texte}\n"
        ),
    },
    # A lone « # » counts as a hashtag (test_verifier_publication, hidden).
    "checklist_diese_seul": {
        "verifier_publication": (
            "def verifier_publication(texte, titre, date, max_mots):\n"
            "    return {'titre': titre.lower() in texte.lower(), 'date': date.lower() in texte.lower(),\n"
            "            'longueur': len(texte.split()) <= max_mots,\n"
            "            'hashtag': any(m.startswith('#') for m in texte.split())}\n"
        ),
    },
    # Lowers the title but not the text: a title written in capitals in the text is not found
    # (test_verifier_publication, visible).
    "checklist_titre_casse": {
        "verifier_publication": _code(r'''
            def verifier_publication(texte, titre, date, max_mots):
                mots = texte.split()
                return {
                    "titre": titre in texte or titre.lower() in texte,
                    "date": date.lower() in texte.lower(),
                    "longueur": len(mots) <= max_mots,
                    "hashtag": any(m.startswith("#") and len(m) >= 2 for m in mots),
                }
        '''),
    },
    # Ignores the capitals for the title only (test_verifier_publication, hidden).
    "checklist_date_casse": {
        "verifier_publication": _code(r'''
            def verifier_publication(texte, titre, date, max_mots):
                mots = texte.split()
                return {
                    "titre": titre.lower() in texte.lower(),
                    "date": date in texte,
                    "longueur": len(mots) <= max_mots,
                    "hashtag": any(m.startswith("#") and len(m) >= 2 for m in mots),
                }
        '''),
    },
    # « au plus » read as « moins de » (test_verifier_publication, hidden).
    "checklist_longueur_stricte": {
        "verifier_publication": _code(r'''
            def verifier_publication(texte, titre, date, max_mots):
                mots = texte.split()
                return {
                    "titre": titre.lower() in texte.lower(),
                    "date": date.lower() in texte.lower(),
                    "longueur": len(mots) < max_mots,
                    "hashtag": any(m.startswith("#") and len(m) >= 2 for m in mots),
                }
        '''),
    },
    # split(" ") instead of split(): double spaces and line breaks miscount the words (test_verifier_publication, hidden).
    "checklist_split_espace": {
        "verifier_publication": _code(r'''
            def verifier_publication(texte, titre, date, max_mots):
                mots = texte.split(" ")
                return {
                    "titre": titre.lower() in texte.lower(),
                    "date": date.lower() in texte.lower(),
                    "longueur": len(mots) <= max_mots,
                    "hashtag": any(m.startswith("#") and len(m) >= 2 for m in mots),
                }
        '''),
    },
    # A « # » anywhere in a word counts (« a#b ») (test_verifier_publication, hidden).
    "checklist_diese_partout": {
        "verifier_publication": _code(r'''
            def verifier_publication(texte, titre, date, max_mots):
                mots = texte.split()
                return {
                    "titre": titre.lower() in texte.lower(),
                    "date": date.lower() in texte.lower(),
                    "longueur": len(mots) <= max_mots,
                    "hashtag": any("#" in m and len(m) >= 2 for m in mots),
                }
        '''),
    },
    # The number of hashtags instead of True / False: 1 == True would pass, 2 does not (test_verifier_publication,
    # visible; hidden with one hashtag).
    "checklist_hashtag_compte": {
        "verifier_publication": _code(r'''
            def verifier_publication(texte, titre, date, max_mots):
                mots = texte.split()
                return {
                    "titre": titre.lower() in texte.lower(),
                    "date": date.lower() in texte.lower(),
                    "longueur": len(mots) <= max_mots,
                    "hashtag": len([m for m in mots if m.startswith("#") and len(m) >= 2]),
                }
        '''),
    },
    # --- Exercise 5 b: score_publication -----------------------------------------------------
    # The number of criteria met instead of their part (test_score_publication, visible).
    "score_nombre": {
        "score_publication": _code(r'''
            def score_publication(texte, titre, date, max_mots):
                return sum(verifier_publication(texte, titre, date, max_mots).values())
        '''),
    },
    # A percentage (test_score_publication, visible).
    "score_pourcentage": {
        "score_publication": _code(r'''
            def score_publication(texte, titre, date, max_mots):
                criteres = verifier_publication(texte, titre, date, max_mots)
                return 100 * sum(criteres.values()) / len(criteres)
        '''),
    },
    # Computes the criteria again instead of using verifier_publication, and forgets the capitals
    # (test_score_publication, hidden).
    "score_recalcule": {
        "score_publication": _code(r'''
            def score_publication(texte, titre, date, max_mots):
                mots = texte.split()
                criteres = [titre in texte, date in texte, len(mots) <= max_mots,
                            any(m.startswith("#") and len(m) >= 2 for m in mots)]
                return sum(criteres) / 4
        '''),
    },
    # --- Exercise 6: neutraliser_avis --------------------------------------------------------
    # Case-sensitive markers, « \n » only, no re.escape (test_neutraliser_avis, hidden).
    "neutraliser_sensible_casse": {
        "neutraliser_avis": (
            "def neutraliser_avis(texte, marqueurs, max_caracteres):\n"
            "    texte = texte.replace('\\n', ' ')\n"
            "    for m in marqueurs:\n"
            "        texte = re.sub(r'\\b' + m.capitalize() + r'\\s*:', ' ', texte)\n"
            "    return ' '.join(texte.split())[:max_caracteres]\n"
        ),
    },
    # Only « \n » is replaced (« \r » is whitespace for split() anyway, but not inside a marker)
    # (test_neutraliser_avis, hidden).
    "neutraliser_sans_retour_chariot": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + re.escape(marqueur) + r"\s*:", " ", texte)
                texte = " ".join(texte.split())
                return texte[:max_caracteres]
        '''),
    },
    # No (?i): « Sentiment : » stays when the marker is written « sentiment » (test_neutraliser_avis, visible).
    "neutraliser_majuscules": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"\b" + re.escape(marqueur) + r"\s*:", " ", texte)
                texte = " ".join(texte.split())
                return texte[:max_caracteres]
        '''),
    },
    # At most one ordinary space before the colon: « sentiment   : » and « Avis\u00a0: » stay
    # (test_neutraliser_avis, hidden).
    "neutraliser_espace_fixe": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + re.escape(marqueur) + r" ?:", " ", texte)
                texte = " ".join(texte.split())
                return texte[:max_caracteres]
        '''),
    },
    # The colon made optional: « mon avis est » loses its « avis » (test_neutraliser_avis, visible).
    "neutraliser_marqueur_partout": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + re.escape(marqueur) + r"\s*:?", " ", texte)
                texte = " ".join(texte.split())
                return texte[:max_caracteres]
        '''),
    },
    # No \b: « Préavis : 48 h » becomes « Pré 48 h » (test_neutraliser_avis, hidden).
    "neutraliser_sans_ancre": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)" + re.escape(marqueur) + r"\s*:", " ", texte)
                texte = " ".join(texte.split())
                return texte[:max_caracteres]
        '''),
    },
    # No re.escape: the parentheses of « note (sur 5) » become a group (test_neutraliser_avis, hidden).
    "neutraliser_sans_escape": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + marqueur + r"\s*:", " ", texte)
                texte = " ".join(texte.split())
                return texte[:max_caracteres]
        '''),
    },
    # Replaces double spaces once and strips: longer runs of spaces stay (test_neutraliser_avis, visible).
    "neutraliser_espaces_doubles": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + re.escape(marqueur) + r"\s*:", " ", texte)
                texte = texte.replace("  ", " ").strip()
                return texte[:max_caracteres]
        '''),
    },
    # Cuts first, then cleans: not in the order of the steps (test_neutraliser_avis, hidden).
    "neutraliser_coupe_avant": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte[:max_caracteres]
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + re.escape(marqueur) + r"\s*:", " ", texte)
                return " ".join(texte.split())
        '''),
    },
    # Keeps max_caracteres words instead of characters (test_neutraliser_avis, visible).
    "neutraliser_coupe_mots": {
        "neutraliser_avis": _code(r'''
            def neutraliser_avis(texte, marqueurs, max_caracteres):
                texte = texte.replace("\r", " ").replace("\n", " ")
                for marqueur in marqueurs:
                    texte = re.sub(r"(?i)\b" + re.escape(marqueur) + r"\s*:", " ", texte)
                return " ".join(texte.split()[:max_caracteres])
        '''),
    },
    # --- Exercise 7: quiz --------------------------------------------------------------------
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

#: The method's table (tests/course/METHODE_NOTATION.md): each sentence of a statement that
#: constrains the answer -> (statement cell, the sentence, the test cell that checks it, the wrong
#: submission that ignores it and must lose that cell's points).
PHRASES: list[tuple[str, str, str, str]] = [
    # construire_prompt
    ("enonce_construire_prompt", "une ligne par partie, **dans cet ordre**", "test_construire_prompt",
     "prompt_ordre_des_parties"),
    ("enonce_construire_prompt", "`Format attendu : …`", "test_construire_prompt", "prompt_format_abrege"),
    ("enonce_construire_prompt", 'les lignes sont séparées par un retour à la ligne (`"\\n"`)',
     "test_construire_prompt", "prompt_ligne_vide"),
    ("enonce_construire_prompt", "chaque partie est débarrassée des espaces au début et à la fin (`texte.strip()`)",
     "test_construire_prompt", "prompt_sans_strip"),
    ("enonce_construire_prompt", "une partie vide (ou faite seulement d'espaces) est **omise**",
     "test_construire_prompt", "prompt_espaces_non_omis"),
    ("enonce_construire_prompt", "une partie vide (ou faite seulement d'espaces) est **omise**",
     "test_construire_prompt", "prompt_parties_vides"),
    ("enonce_construire_prompt", "si `tache` est vide ou faite seulement d'espaces, la fonction lève une `ValueError`",
     "test_construire_prompt_sans_tache", "prompt_tache_espaces"),
    ("enonce_construire_prompt", "avec un message en français (`raise ValueError(\"votre phrase en français\")`)",
     "test_construire_prompt_sans_tache", "prompt_message_anglais"),
    # remplir_modele
    ("enonce_remplir_modele_fonction", "renvoie une **liste**", "test_remplir_modele", "remplir_serie"),
    ("enonce_remplir_modele_fonction", "**un élément par ligne** du tableau, dans l'ordre", "test_remplir_modele",
     "remplir_index_loc"),
    ("enonce_remplir_modele_fonction", "le message rempli avec les valeurs de la ligne", "test_remplir_modele",
     "remplir_colonnes_en_dur"),
    ("enonce_remplir_modele_fonction", "n'a pas de valeur sur cette ligne : valeur manquante",
     "test_remplir_modele_valeurs_manquantes", "remplir_nan_accepte"),
    ("enonce_remplir_modele_fonction", "ou texte vide (ou fait seulement d'espaces)",
     "test_remplir_modele_valeurs_manquantes", "remplir_espaces_acceptes"),
    ("enonce_remplir_modele_fonction", "Une valeur manquante dans une autre colonne ne gêne pas.",
     "test_remplir_modele_valeurs_manquantes", "remplir_toutes_colonnes"),
    ("enonce_remplir_modele_fonction", "**Aucune ligne ne doit disparaître**", "test_remplir_modele_valeurs_manquantes",
     "remplir_supprime_lignes"),
    # construire_few_shot
    ("enonce_few_shot", "elle peut être vide", "test_construire_few_shot", "few_shot_liste_vide"),
    ("enonce_few_shot", "`Sentiment : <etiquette>`, puis **une ligne vide**", "test_construire_few_shot",
     "few_shot_sans_ligne_vide"),
    ("enonce_few_shot", "`Sentiment :` **sans espace après les deux-points**", "test_construire_few_shot",
     "few_shot_espace_final"),
    ("enonce_few_shot", "un avis qui contient des retours à la ligne ou des espaces en trop est remis sur une seule ligne",
     "test_construire_few_shot", "few_shot_multiligne"),
    ("enonce_few_shot", "Cela vaut pour les exemples **et** pour `texte`", "test_construire_few_shot",
     "few_shot_texte_non_normalise"),
    ("enonce_few_shot", "il n'y a **pas** de ligne de consigne au début", "test_construire_few_shot",
     "few_shot_consigne"),
    # lire_json
    ("enonce_lire_json", "**Découper**", "test_lire_json_formats", "json_loads_seul"),
    ("enonce_lire_json", "garder le texte du premier `{` au dernier `}`", "test_lire_json_formats",
     "json_premiere_accolade_fermante"),
    ("enonce_lire_json", "S'il manque `{` ou `}`, ou si le `}` vient avant le `{`, lever une `ValueError` avec un "
     "message en français.", "test_lire_json_erreurs", "json_index_sans_message"),
    ("enonce_lire_json", "essayer `json.loads` ; s'il échoue, essayer `ast.literal_eval`", "test_lire_json_formats",
     "json_literal_eval_seul"),
    ("enonce_lire_json", "s'il échoue, essayer `ast.literal_eval` (guillemets simples)", "test_lire_json_formats",
     "json_sans_plan_b"),
    ("enonce_lire_json", "ou si le résultat n'est pas un dictionnaire", "test_lire_json_erreurs", "json_pas_un_dict"),
    ("enonce_lire_json", "lever une `ValueError` en français", "test_lire_json_erreurs", "json_erreur_anglais"),
    ("enonce_lire_json", "`ast.literal_eval` peut lever une `ValueError` **ou** une `SyntaxError`",
     "test_lire_json_erreurs", "json_syntaxerror_non_rattrapee"),
    ("enonce_lire_json", "chaque nom de la liste `champs` doit être une clé du dictionnaire", "test_lire_json_formats",
     "json_champ_vide_manquant"),
    ("enonce_lire_json", "lever une `ValueError` dont le message **nomme les champs manquants**",
     "test_lire_json_erreurs", "json_premier_champ_seul"),
    # verifier_publication
    ("enonce_checklist", "chacun `True` ou `False`", "test_verifier_publication", "checklist_hashtag_compte"),
    ("enonce_checklist", "le titre du spectacle figure dans le texte, **sans tenir compte des majuscules** (`.lower()`)",
     "test_verifier_publication", "checklist_titre_casse"),
    ("enonce_checklist", "la date figure dans le texte, sans tenir compte des majuscules", "test_verifier_publication",
     "checklist_date_casse"),
    ("enonce_checklist", "le texte compte **au plus** `max_mots` mots", "test_verifier_publication",
     "checklist_longueur_stricte"),
    ("enonce_checklist", "les mots sont donnés par `texte.split()`", "test_verifier_publication",
     "checklist_split_espace"),
    ("enonce_checklist", "au moins un mot commence par `#`", "test_verifier_publication", "checklist_diese_partout"),
    ("enonce_checklist", "(`#` seul n'est pas un hashtag)", "test_verifier_publication", "checklist_diese_seul"),
    # score_publication
    ("enonce_score_publication", "renvoie la **part** des critères respectés", "test_score_publication",
     "score_nombre"),
    ("enonce_score_publication", "entre 0 et 1 : 3 critères sur 4 donnent `0.75`", "test_score_publication",
     "score_pourcentage"),
    ("enonce_score_publication", "Utilisez `verifier_publication`", "test_score_publication", "score_recalcule"),
    # neutraliser_avis
    ("enonce_neutraliser", 'remplace chaque retour à la ligne (`"\\n"` et `"\\r"`) par une espace',
     "test_neutraliser_avis", "neutraliser_sans_retour_chariot"),
    ("enonce_neutraliser", "**quelles que soient les majuscules**", "test_neutraliser_avis", "neutraliser_majuscules"),
    ("enonce_neutraliser", "« Avis : », « AVIS: », « sentiment   : » disparaissent", "test_neutraliser_avis",
     "neutraliser_sensible_casse"),
    ("enonce_neutraliser", "avec ou sans espaces avant les deux-points", "test_neutraliser_avis",
     "neutraliser_espace_fixe"),
    ("enonce_neutraliser", "lorsqu'il est **suivi de deux-points**", "test_neutraliser_avis",
     "neutraliser_marqueur_partout"),
    ("enonce_neutraliser", "`\\b` marque un début de mot (pour ne pas toucher « préavis : »)", "test_neutraliser_avis",
     "neutraliser_sans_ancre"),
    ("enonce_neutraliser", "`re.escape` protège les caractères spéciaux du marqueur, comme les parenthèses",
     "test_neutraliser_avis", "neutraliser_sans_escape"),
    ("enonce_neutraliser", "remplace toute suite d'espaces par une seule espace et retire les espaces au début et à la fin",
     "test_neutraliser_avis", "neutraliser_espaces_doubles"),
    ("enonce_neutraliser", "**dans cet ordre**", "test_neutraliser_avis", "neutraliser_coupe_avant"),
    ("enonce_neutraliser", "coupe le texte à `max_caracteres` caractères au plus", "test_neutraliser_avis",
     "neutraliser_coupe_mots"),
]

#: List items of the statements that do not constrain the answer, with the reason.
SANS_CONTRAINTE: list[tuple[str, str, str]] = [
    ("consignes", "Exécutez les cellules dans l'ordre (Maj + Entrée).",
     "une consigne de travail sur le notebook, pas une règle pour une fonction"),
    ("consignes", "Dans chaque cellule qui contient `# VOTRE CODE ICI`",
     "une consigne de travail (où écrire son code), pas une règle pour une fonction"),
    ("consignes", "Bloqué ? Sous l'énoncé de chaque fonction, des **indices** s'ouvrent d'un clic",
     "mode d'emploi des indices, qui ne contraint pas la réponse"),
    ("consignes", "Exécutez la cellule de tests juste en dessous",
     "explique comment lire les tests visibles, ne contraint pas la réponse"),
    ("consignes", "Avant de rendre : menu *Noyau › Redémarrer le noyau et exécuter toutes les cellules…*",
     "une consigne de rendu, pas une règle pour une fonction"),
    ("enonce_lire_json", "ou si le `}` vient avant le `{`",
     "le découpage donne alors un texte vide, que l'étape 2 ne sait pas lire : la ValueError en français sort "
     "de toute façon, si bien qu'aucune réponse ne distingue une solution qui oublie ce test (les cas cachés "
     "vérifient quand même la ValueError et son message)"),
]

#: What a learner on the « Parcours guidé » writes in place of each « … » of the guided code in the
#: hints cells, in order: the completed guided path must get every point of its exercise.
GUIDED: dict[str, tuple[str, ...]] = {
    "construire_prompt": ('"La tâche est vide : dites au modèle ce qu\'il doit produire."', "valeur.strip()",
                          '"\\n".join(lignes)'),
    "remplir_modele": ('pd.isna(valeurs[nom]) or str(valeurs[nom]).strip() == ""', "message_type.format(**valeurs)"),
    "construire_few_shot": ('f"Avis : {avis_propre}\\nSentiment : {etiquette}\\n\\n"',
                            'f"Avis : {texte_propre}\\nSentiment :"'),
    "lire_json": ("debut == -1 or fin < debut", "ast.literal_eval(morceau)", "champ not in donnees"),
    "verifier_publication": ("titre.lower() in texte.lower()", "len(mots) <= max_mots",
                             'any(m.startswith("#") and len(m) >= 2 for m in mots)'),
    "neutraliser_avis": ('r"(?i)\\b" + re.escape(marqueur) + r"\\s*:"', '" ".join(texte.split())',
                         "texte[:max_caracteres]"),
}
