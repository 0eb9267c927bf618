"""Plausible wrong submissions for assignment 03_nettoyer_donnees.

Each maps the grade_id of a solution cell to what a learner might write instead of the
reference solution. Every variant loses points under the hidden tests (several already
fail the visible ones); the comment says which test cell catches it, and the `PHRASES`
table at the end says which sentence of the statement it ignores.
"""


def _email(nettoyage: str, validite: str) -> str:
    """normaliser_email with its cleaning line and its validity test replaced."""
    return (
        "def normaliser_email(texte):\n"
        "    if texte is None:\n"
        "        return None\n"
        f"    texte = {nettoyage}\n"
        f"{validite}"
        "    return texte\n"
    )


_NETTOYAGE = '"".join(texte.split()).lower().replace("@@", "@").rstrip(".")'
_VALIDITE = (
    '    if texte.count("@") != 1:\n'
    "        return None\n"
    '    local, domaine = texte.split("@")\n'
    '    if not local or "." not in domaine or domaine.startswith(".") or domaine.endswith("."):\n'
    "        return None\n"
)


def _telephone(debut: str, cas: str, fin: str) -> str:
    """normaliser_telephone with its cleaning, its cases and its final check replaced."""
    return (
        "def normaliser_telephone(texte):\n"
        f"{debut}"
        f"{cas}"
        f"{fin}"
    )


_TEL_DEBUT = (
    "    if texte is None:\n"
    "        return None\n"
    "    texte = texte.strip()\n"
    '    chiffres = re.sub(r"\\D", "", texte.replace("(0)", ""))\n'
)
_TEL_0033 = (
    '    if chiffres.startswith("0033"):\n'
    "        reste = chiffres[4:]\n"
)
_TEL_PLUS33 = (
    '    elif chiffres.startswith("33") and texte.startswith("+"):\n'
    "        reste = chiffres[2:]\n"
)
_TEL_ETRANGER = (
    '    elif texte.startswith("+") or chiffres.startswith("00"):\n'
    '        etranger = chiffres[2:] if chiffres.startswith("00") else chiffres\n'
    '        if 8 <= len(etranger) <= 15 and not etranger.startswith("0"):\n'
    '            return "+" + etranger\n'
    "        return None\n"
)
_TEL_DIX = (
    '    elif len(chiffres) == 10 and chiffres.startswith("0"):\n'
    "        reste = chiffres[1:]\n"
)
_TEL_NEUF = (
    '    elif len(chiffres) == 9 and not chiffres.startswith("0"):\n'
    "        reste = chiffres\n"
)
_TEL_SINON = (
    "    else:\n"
    "        return None\n"
)
_TEL_FIN = (
    '    if len(reste) != 9 or reste.startswith("0"):\n'
    "        return None\n"
    '    return "+33" + reste\n'
)
_TEL_CAS = _TEL_0033 + _TEL_PLUS33 + _TEL_ETRANGER + _TEL_DIX + _TEL_NEUF + _TEL_SINON


def _code_postal(nombre: str, texte: str, fin: str) -> str:
    return (
        "def normaliser_code_postal(valeur):\n"
        "    if valeur is None:\n"
        "        return None\n"
        "    if isinstance(valeur, (int, float)):\n"
        f"        texte = {nombre}\n"
        "    else:\n"
        f"{texte}"
        f"{fin}"
    )


_CP_TEXTE = (
    '        texte = "".join(valeur.split())\n'
    '        if texte.endswith(".0"):\n'
    "            texte = texte[:-2]\n"
)
_CP_FIN = (
    "    if not texte.isdigit():\n"
    "        return None\n"
    "    if len(texte) == 4:\n"
    '        texte = "0" + texte\n'
    "    return texte if len(texte) == 5 else None\n"
)


def _date(debut: str, jma: str, iso: str, fin: str) -> str:
    """lire_date with its cleaning, its two patterns and its ending replaced."""
    return (
        "def lire_date(texte):\n"
        f"{debut}"
        f"    m = re.fullmatch(r\"{jma}\", texte)\n"
        "    if m:\n"
        "        jour, mois, annee = int(m.group(1)), int(m.group(2)), int(m.group(3))\n"
        "    else:\n"
        f"        m = re.fullmatch(r\"{iso}\", texte)\n"
        "        if not m:\n"
        "            return None\n"
        "        annee, mois, jour = int(m.group(1)), int(m.group(2)), int(m.group(3))\n"
        f"{fin}"
    )


_DATE_DEBUT = (
    "    if texte is None:\n"
    "        return None\n"
    '    texte = texte.strip().split(" ")[0]\n'
)
_DATE_JMA = r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"
_DATE_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_DATE_FIN = (
    "    try:\n"
    "        return date(annee, mois, jour)\n"
    "    except ValueError:\n"
    "        return None\n"
)


def _separer(raison: str, fin: str, debut: str = "    doublons = tableau.duplicated()\n") -> str:
    """separer_lignes with the reason of one row (the body of the loop) and the ending replaced."""
    return (
        "def separer_lignes(tableau):\n"
        "    def valide(valeur, fonction):\n"
        "        return not pd.isna(valeur) and fonction(valeur) is not None\n"
        "\n"
        "    raisons = []\n"
        f"{debut}"
        "    for index, ligne in tableau.iterrows():\n"
        f"{raison}"
        f"{fin}"
    )


_SEP_RAISON = (
    "        if doublons[index]:\n"
    '            raisons.append("doublon exact")\n'
    '        elif not (valide(ligne["email"], normaliser_email) or valide(ligne["telephone"], normaliser_telephone)):\n'
    '            raisons.append("injoignable")\n'
    "        else:\n"
    "            raisons.append(None)\n"
)
_SEP_FIN = (
    "    raisons = pd.Series(raisons, index=tableau.index)\n"
    "    gardees = tableau[raisons.isna()].copy()\n"
    "    ecartees = tableau[raisons.notna()].copy()\n"
    '    ecartees["raison"] = raisons[raisons.notna()]\n'
    "    return gardees, ecartees\n"
)


def _pseudonyme(debut: str, calcul: str) -> str:
    return (
        "def pseudonymiser(valeur, cle):\n"
        f"{debut}"
        f"    return {calcul}\n"
    )


_PSE_DEBUT = (
    "    if not cle:\n"
    '        raise ValueError("La clé est vide : choisissez une clé secrète.")\n'
    "    if valeur is None:\n"
    "        return None\n"
)
_PSE_CALCUL = 'hmac.new(cle.encode("utf-8"), valeur.encode("utf-8"), hashlib.sha256).hexdigest()[:12]'


WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # --- Exercice 1 : normaliser_email (test_normaliser_email) ---
    # strip() only: spaces inside and tabs in the middle stay; no validity check (hidden).
    "email_strip_seulement": {
        "normaliser_email": (
            "def normaliser_email(texte):\n"
            "    if texte is None:\n"
            "        return None\n"
            "    texte = texte.strip().lower().replace('@@', '@')\n"
            "    return texte if '@' in texte else None\n"
        ),
    },
    # Forgets the None case: None.split() raises (visible).
    "email_none_plante": {
        "normaliser_email": _email(_NETTOYAGE, _VALIDITE).replace(
            "    if texte is None:\n        return None\n", ""),
    },
    # Removes ordinary spaces only: a tab or a no-break space inside the address stays (hidden;
    # the only tab of the old hidden cases was at the start, where strip() removes it anyway).
    "email_espaces_ordinaires": {
        "normaliser_email": _email('texte.strip().replace(" ", "").lower().replace("@@", "@").rstrip(".")',
                                   _VALIDITE),
    },
    # Forgets the lower case (visible).
    "email_sans_minuscules": {
        "normaliser_email": _email('"".join(texte.split()).replace("@@", "@").rstrip(".")', _VALIDITE),
    },
    # Forgets « @@ » -> « @ » (visible).
    "email_arobase_double_garde": {
        "normaliser_email": _email('"".join(texte.split()).lower().rstrip(".")', _VALIDITE),
    },
    # Forgets the final dot: « anne.roy@net.example. » is then invalid (hidden).
    "email_point_final_garde": {
        "normaliser_email": _email('"".join(texte.split()).lower().replace("@@", "@")', _VALIDITE),
    },
    # « contains an @ » instead of « exactly one @ »: « a@b@c.fr » passes (hidden).
    "email_arobase_present": {
        "normaliser_email": _email(_NETTOYAGE, _VALIDITE.replace(
            'if texte.count("@") != 1:', 'if "@" not in texte:').replace(
            'texte.split("@")', 'texte.split("@", 1)')),
    },
    # Forgets « at least one character before the @ » (hidden).
    "email_local_vide": {
        "normaliser_email": _email(_NETTOYAGE, _VALIDITE.replace("if not local or ", "if ")),
    },
    # Forgets « a domain with a dot »: « paul@localhost » passes (hidden).
    "email_domaine_sans_point": {
        "normaliser_email": _email(_NETTOYAGE, _VALIDITE.replace('"." not in domaine or ', "")),
    },
    # Forgets « no dot at the start of the domain »: « zoe@.fr » passes (hidden).
    "email_domaine_point_debut": {
        "normaliser_email": _email(_NETTOYAGE, _VALIDITE.replace('domaine.startswith(".") or ', "")),
    },
    # Exercise 1 left as released: only its own cell loses points; exercise 6, which calls
    # normaliser_email, is graded with the reference (test_normaliser_email only).
    "email_non_fait": {
        "normaliser_email": "def normaliser_email(texte):\n    raise NotImplementedError()\n",
    },
    # --- Exercice 2 : normaliser_telephone (test_normaliser_telephone) ---
    # Keeps only digits and prefixes +33 blindly: foreign numbers and extra digits go wrong (hidden).
    "telephone_naif": {
        "normaliser_telephone": (
            "def normaliser_telephone(texte):\n"
            "    if texte is None:\n"
            "        return None\n"
            "    chiffres = re.sub(r'\\D', '', texte)\n"
            "    if len(chiffres) < 9:\n"
            "        return None\n"
            "    return '+33' + chiffres[-9:]\n"
        ),
    },
    # Forgets the None case (visible).
    "tel_none_plante": {
        "normaliser_telephone": _telephone(_TEL_DEBUT.replace("    if texte is None:\n        return None\n", ""),
                                           _TEL_CAS, _TEL_FIN),
    },
    # Does not strip: « +33… » after spaces is not seen as +33 (hidden).
    "tel_sans_strip": {
        "normaliser_telephone": _telephone(_TEL_DEBUT.replace("    texte = texte.strip()\n", ""),
                                           _TEL_CAS, _TEL_FIN),
    },
    # Forgets « (0) »: « +33 (0)1… » keeps its 0 (hidden).
    "tel_zero_parenthese_garde": {
        "normaliser_telephone": _telephone(_TEL_DEBUT.replace('texte.replace("(0)", "")', "texte"), _TEL_CAS, _TEL_FIN),
    },
    # Removes the separators of the examples (spaces, dots) instead of keeping only the digits:
    # dashes stay (hidden).
    "tel_separateurs_des_exemples": {
        "normaliser_telephone": _telephone(_TEL_DEBUT.replace(
            're.sub(r"\\D", "", texte.replace("(0)", ""))', 'texte.replace("(0)", "").replace(" ", "").replace(".", "").replace("+", "")'),
            _TEL_CAS, _TEL_FIN),
    },
    # Forgets the 0033 case (visible).
    "tel_sans_0033": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(_TEL_0033 + "    elif", "    if"), _TEL_FIN),
    },
    # « 33… » without a + is taken as the country code (hidden).
    "tel_33_sans_plus": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(' and texte.startswith("+")', ""), _TEL_FIN),
    },
    # 10 digits, whatever the first one (hidden).
    "tel_dix_chiffres_sans_zero": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(
            'len(chiffres) == 10 and chiffres.startswith("0")', "len(chiffres) == 10"), _TEL_FIN),
    },
    # Forgets the 9 digits eaten by a spreadsheet (visible).
    "tel_sans_neuf_chiffres": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(_TEL_NEUF, ""), _TEL_FIN),
    },
    # Forgets the final check: « +33 6 12 » or « 00 00 00 00 00 » pass (hidden).
    "tel_sans_verification_finale": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS, '    return "+33" + reste\n'),
    },
    # Forgets the + of the E.164 format (visible).
    "tel_sans_plus": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS, _TEL_FIN.replace('"+33" + reste', '"33" + reste')),
    },
    # Empties every foreign number, as the module's first normaliser did: Monaco and Italy are lost
    # (visible).
    "tel_etranger_vide": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(_TEL_ETRANGER, ""), _TEL_FIN),
    },
    # Only « + » announces a foreign number: « 0039… » is refused (hidden).
    "tel_etranger_plus_seulement": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(
            'elif texte.startswith("+") or chiffres.startswith("00"):', 'elif texte.startswith("+"):'), _TEL_FIN),
    },
    # Checks the digits without the « 00 » but returns them with it: « +0039… » (hidden).
    "tel_etranger_garde_00": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(
            'return "+" + etranger', 'return "+" + chiffres'), _TEL_FIN),
    },
    # No length check for a foreign number: « +1 234 567 » passes (hidden).
    "tel_etranger_sans_longueur": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(
            "if 8 <= len(etranger) <= 15 and not etranger.startswith", "if not etranger.startswith"), _TEL_FIN),
    },
    # Accepts a foreign number starting with 0: « +0 12… » passes (hidden).
    "tel_etranger_zero_accepte": {
        "normaliser_telephone": _telephone(_TEL_DEBUT, _TEL_CAS.replace(
            ' and not etranger.startswith("0")', ""), _TEL_FIN),
    },
    # Exercise 2 left as released: exercise 6 does not lose its points (test_normaliser_telephone only).
    "tel_non_fait": {
        "normaliser_telephone": "def normaliser_telephone(texte):\n    raise NotImplementedError()\n",
    },
    # --- Exercice 3 : normaliser_code_postal (test_normaliser_code_postal) ---
    # Pads every value with zeros, whatever its length (zfill) (hidden).
    "code_postal_zfill": {
        "normaliser_code_postal": (
            "def normaliser_code_postal(valeur):\n"
            "    if valeur is None:\n"
            "        return None\n"
            "    texte = str(valeur).strip()\n"
            "    return texte.zfill(5) if texte.isdigit() else None\n"
        ),
    },
    # Forgets the None case: None.split() raises (hidden).
    "cp_none_plante": {
        "normaliser_code_postal": _code_postal("str(int(valeur))", _CP_TEXTE, _CP_FIN).replace(
            "    if valeur is None:\n        return None\n", ""),
    },
    # str(valeur) for a number: 6290.0 becomes « 6290.0 » (hidden).
    "cp_nombre_sans_int": {
        "normaliser_code_postal": _code_postal("str(valeur)", _CP_TEXTE, _CP_FIN),
    },
    # strip() instead of removing every space: « 13 006 » stays invalid (hidden).
    "cp_texte_strip": {
        "normaliser_code_postal": _code_postal("str(int(valeur))", _CP_TEXTE.replace(
            '"".join(valeur.split())', "valeur.strip()"), _CP_FIN),
    },
    # Forgets the « .0 » of a text (hidden).
    "cp_texte_point_zero_garde": {
        "normaliser_code_postal": _code_postal("str(int(valeur))", '        texte = "".join(valeur.split())\n',
                                               _CP_FIN),
    },
    # No isdigit(): « 2A004 » or « ABCD » pass (hidden).
    "cp_sans_isdigit": {
        "normaliser_code_postal": _code_postal("str(int(valeur))", _CP_TEXTE, _CP_FIN.replace(
            "    if not texte.isdigit():\n        return None\n", "")),
    },
    # --- Exercice 4 : lire_date (test_lire_date) ---
    # Only the « / » format; no check of impossible dates (visible).
    "date_un_seul_format": {
        "lire_date": (
            "def lire_date(texte):\n"
            "    if texte is None:\n"
            "        return None\n"
            "    m = re.fullmatch(r'(\\d{1,2})/(\\d{1,2})/(\\d{4})', texte)\n"
            "    if not m:\n"
            "        return None\n"
            "    return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))\n"
        ),
    },
    # Day and month on 2 digits only: « 1/2/1987 » is refused (hidden).
    "date_deux_chiffres": {
        "lire_date": _date(_DATE_DEBUT, r"(\d{2})[/.-](\d{2})[/.-](\d{4})", _DATE_ISO, _DATE_FIN),
    },
    # Any number of digits: « 12/03/24 » becomes the year 24 (hidden).
    "date_nombres_libres": {
        "lire_date": _date(_DATE_DEBUT, r"(\d+)[/.-](\d+)[/.-](\d+)", _DATE_ISO, _DATE_FIN),
    },
    # The year-first format with any separator: « 2024/03/12 » is read (hidden).
    "date_iso_tous_separateurs": {
        "lire_date": _date(_DATE_DEBUT, _DATE_JMA, r"(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})", _DATE_FIN),
    },
    # Only the « 00:00 » of the example is removed: other hours are not ignored (hidden).
    "date_heure_minuit": {
        "lire_date": _date(_DATE_DEBUT.replace('texte.strip().split(" ")[0]', 'texte.strip().replace(" 00:00", "")'),
                           _DATE_JMA, _DATE_ISO, _DATE_FIN),
    },
    # No strip(): spaces around the date make it unreadable (hidden).
    "date_sans_strip": {
        "lire_date": _date(_DATE_DEBUT.replace("texte.strip().split", "texte.split"), _DATE_JMA, _DATE_ISO,
                           _DATE_FIN),
    },
    # re.match instead of re.fullmatch, without cutting the hour: text after the date is accepted (hidden).
    "date_re_match": {
        "lire_date": _date(_DATE_DEBUT.replace('.split(" ")[0]', ""), _DATE_JMA, _DATE_ISO, _DATE_FIN).replace(
            "re.fullmatch", "re.match"),
    },
    # No try/except: an impossible date raises a ValueError (hidden).
    "date_impossible_plante": {
        "lire_date": _date(_DATE_DEBUT, _DATE_JMA, _DATE_ISO, "    return date(annee, mois, jour)\n"),
    },
    # Forgets the None case (hidden).
    "date_none_plante": {
        "lire_date": _date(_DATE_DEBUT.replace("    if texte is None:\n        return None\n", ""),
                           _DATE_JMA, _DATE_ISO, _DATE_FIN),
    },
    # --- Exercice 5 : cle_personne (test_cle_personne) ---
    # Does not sort the words: the order of name and first name still matters (visible).
    "cle_sans_tri": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = sans_accents(((nom or '') + ' ' + (prenom or '')).lower())\n"
            "    mots = texte.replace('-', ' ').split()\n"
            "    return ' '.join(mots) if mots else None\n"
        ),
    },
    # str(None) is « None »: a missing first name becomes the word « none » (visible).
    "cle_none_mot": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = sans_accents((str(nom) + ' ' + str(prenom)).lower())\n"
            "    mots = sorted(texte.replace('-', ' ').split())\n"
            "    return ' '.join(mots) if mots else None\n"
        ),
    },
    # Forgets sans_accents: « Hélène » and « Helene » get two keys (hidden).
    "cle_avec_accents": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = ((nom or '') + ' ' + (prenom or '')).lower()\n"
            "    mots = sorted(texte.replace('-', ' ').split())\n"
            "    return ' '.join(mots) if mots else None\n"
        ),
    },
    # Folds the accents after sorting: « martin eric » for (Martin, Éric) but « eric martin » for
    # (Martin, Eric), one person and two keys (hidden: invariance on generated names).
    "cle_accents_apres_tri": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = ((nom or '') + ' ' + (prenom or '')).lower()\n"
            "    mots = sorted(texte.replace('-', ' ').split())\n"
            "    return sans_accents(' '.join(mots)) if mots else None\n"
        ),
    },
    # Lower case after sorting: « Jean » sorts before « dupont » (hidden).
    "cle_minuscules_apres_tri": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = sans_accents((nom or '') + ' ' + (prenom or ''))\n"
            "    mots = sorted(texte.replace('-', ' ').split())\n"
            "    return ' '.join(mots).lower() if mots else None\n"
        ),
    },
    # Splits on the ordinary space only: tabs and doubled spaces make empty or glued words (visible).
    "cle_split_espace": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = sans_accents(((nom or '') + ' ' + (prenom or '')).lower())\n"
            "    mots = sorted(texte.replace('-', ' ').split(' '))\n"
            "    return ' '.join(mots) if mots else None\n"
        ),
    },
    # Returns the empty text instead of None when there is no word (hidden).
    "cle_vide_chaine": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = sans_accents(((nom or '') + ' ' + (prenom or '')).lower())\n"
            "    mots = sorted(texte.replace('-', ' ').split())\n"
            "    return ' '.join(mots)\n"
        ),
    },
    # --- Exercice 6 : separer_lignes (test_separer_lignes) ---
    # Drops the unreachable rows instead of setting them aside: rows are lost (visible).
    "separer_perd_des_lignes": {
        "separer_lignes": (
            "def separer_lignes(tableau):\n"
            "    doublons = tableau.duplicated()\n"
            "    ecartees = tableau[doublons].copy()\n"
            "    ecartees['raison'] = 'doublon exact'\n"
            "    gardees = tableau[~doublons]\n"
            "    gardees = gardees[gardees['email'].notna() | gardees['telephone'].notna()].copy()\n"
            "    return gardees, ecartees\n"
        ),
    },
    # keep=False: the first of identical rows is set aside too (hidden).
    "sep_doublons_keep_false": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN, "    doublons = tableau.duplicated(keep=False)\n"),
    },
    # Duplicates on the e-mail only, not on every column (hidden).
    "sep_doublons_sur_email": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN, '    doublons = tableau.duplicated(subset=["email"])\n'),
    },
    # Tests « unreachable » before « duplicate »: an unreachable duplicate gets the wrong reason (hidden).
    "sep_injoignable_avant_doublon": {
        "separer_lignes": _separer(
            '        if not (valide(ligne["email"], normaliser_email) or valide(ligne["telephone"], '
            "normaliser_telephone)):\n"
            '            raisons.append("injoignable")\n'
            "        elif doublons[index]:\n"
            '            raisons.append("doublon exact")\n'
            "        else:\n"
            "            raisons.append(None)\n", _SEP_FIN),
    },
    # Only looks at missing values, without normaliser_email and normaliser_telephone (visible).
    "sep_manquant_seulement": {
        "separer_lignes": _separer(_SEP_RAISON.replace(
            'not (valide(ligne["email"], normaliser_email) or valide(ligne["telephone"], normaliser_telephone))',
            'pd.isna(ligne["email"]) and pd.isna(ligne["telephone"])'), _SEP_FIN),
    },
    # Only the e-mail counts: a row reachable by phone only is set aside (visible).
    "sep_email_seulement": {
        "separer_lignes": _separer(_SEP_RAISON.replace(
            'not (valide(ligne["email"], normaliser_email) or valide(ligne["telephone"], normaliser_telephone))',
            'not valide(ligne["email"], normaliser_email)'), _SEP_FIN),
    },
    # Drops the kept rows that have a missing value (dropna): reachable rows are lost (hidden).
    "sep_gardees_sans_manquants": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN.replace(
            "gardees = tableau[raisons.isna()].copy()", "gardees = tableau[raisons.isna()].dropna().copy()")),
    },
    # Keeps only the e-mail and the phone in the rows set aside (hidden).
    "sep_ecartees_colonnes_reduites": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN.replace(
            "ecartees = tableau[raisons.notna()].copy()",
            'ecartees = tableau.loc[raisons.notna(), ["email", "telephone"]].copy()')),
    },
    # Renumbers the rows (reset_index) (visible).
    "sep_index_reinitialise": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN.replace(
            "    return gardees, ecartees\n",
            "    return gardees.reset_index(drop=True), ecartees.reset_index(drop=True)\n")),
    },
    # The rows set aside grouped by reason (duplicates first), not in the order of the table (hidden).
    "sep_ecartees_par_raison": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN.replace(
            "    return gardees, ecartees\n",
            '    ecartees = pd.concat([ecartees[ecartees["raison"] == "doublon exact"],\n'
            '                          ecartees[ecartees["raison"] == "injoignable"]])\n'
            "    return gardees, ecartees\n")),
    },
    # Cleans the e-mails of the table it receives, in place (hidden).
    "sep_modifie_original": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN, (
            '    tableau["email"] = [e if pd.isna(e) else e.strip().lower() for e in tableau["email"]]\n'
            "    doublons = tableau.duplicated()\n")),
    },
    # Passes NaN to the normalisers (tests « is not None » only): NaN.split() raises (visible).
    "sep_nan_passe": {
        "separer_lignes": _separer(_SEP_RAISON, _SEP_FIN).replace(
            "return not pd.isna(valeur) and fonction(valeur) is not None",
            "return valeur is not None and fonction(valeur) is not None"),
    },
    # --- Exercice 7 : pseudonymiser (test_pseudonymiser) ---
    # Hashes the value without the key: anyone can recompute it (visible).
    "pseudonyme_sans_cle": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT, 'hashlib.sha256(valeur.encode("utf-8")).hexdigest()[:12]'),
    },
    # SHA-256 of key + value, the « salted » recipe, instead of the HMAC (hidden).
    "pse_sha256_cle_plus_valeur": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT, 'hashlib.sha256((cle + valeur).encode("utf-8")).hexdigest()[:12]'),
    },
    # Key and value swapped in hmac.new (hidden).
    "pse_cle_valeur_inversees": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT, _PSE_CALCUL.replace(
            'hmac.new(cle.encode("utf-8"), valeur.encode("utf-8")', 'hmac.new(valeur.encode("utf-8"), cle.encode("utf-8")')),
    },
    # The last 12 characters instead of the first 12 (hidden).
    "pse_12_derniers": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT, _PSE_CALCUL.replace("[:12]", "[-12:]")),
    },
    # Encodes in Latin-1 instead of UTF-8: accents give another fingerprint (hidden).
    "pse_encodage_latin1": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT, _PSE_CALCUL.replace('"utf-8"', '"latin-1"')),
    },
    # Tests None before the key: pseudonymiser(None, "") returns None (hidden).
    "pse_none_avant_cle": {
        "pseudonymiser": _pseudonyme(
            "    if valeur is None:\n"
            "        return None\n"
            "    if not cle:\n"
            '        raise ValueError("La clé est vide : choisissez une clé secrète.")\n', _PSE_CALCUL),
    },
    # No check of the key: an empty key is used (visible).
    "pse_cle_vide_acceptee": {
        "pseudonymiser": _pseudonyme("    if valeur is None:\n        return None\n", _PSE_CALCUL),
    },
    # The ValueError's message is in English (hidden).
    "pse_message_anglais": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT.replace("La clé est vide : choisissez une clé secrète.",
                                                        "The key must not be empty"), _PSE_CALCUL),
    },
    # Forgets the None value: None.encode raises (visible).
    "pse_none_hache": {
        "pseudonymiser": _pseudonyme(_PSE_DEBUT.replace("    if valeur is None:\n        return None\n", ""),
                                     _PSE_CALCUL),
    },
    # --- Exercice 8 : quiz ---
    # Wrong quiz answers (valid letters) (test_quiz_q1…q3, hidden).
    "quiz_faux": {
        "quiz_reponses": 'reponse_q1 = "a"\nreponse_q2 = "b"\nreponse_q3 = "a"\n',
    },
}

# A loop whose condition never becomes false: the test cells calling it time out.
INFINITE_LOOP: dict[str, str] = {
    "normaliser_email": (
        "def normaliser_email(texte):\n"
        "    while texte is None or '@' in texte or True:\n"
        "        texte = (texte or '') + ''\n"
        "    return texte\n"
    ),
}

DELETED_TEST_CELL = "test_lire_date"

#: The method's table (tests/course/METHODE_NOTATION.md): each sentence of a statement that
#: constrains the answer -> (statement cell, the sentence, the test cell that checks it, the wrong
#: submission that ignores it and must lose that cell's points).
PHRASES: list[tuple[str, str, str, str]] = [
    # Exercice 1
    ("enonce_email", "si `texte` est `None`, renvoyer `None`", "test_normaliser_email", "email_none_plante"),
    ("enonce_email", "supprimer **toutes** les espaces, tabulations comprises", "test_normaliser_email",
     "email_espaces_ordinaires"),
    ("enonce_email", "passer en minuscules", "test_normaliser_email", "email_sans_minuscules"),
    ("enonce_email", 'remplacer `"@@"` par `"@"`', "test_normaliser_email", "email_arobase_double_garde"),
    ("enonce_email", 'retirer un point final (`.rstrip(".")`)', "test_normaliser_email", "email_point_final_garde"),
    ("enonce_email", 'l\'adresse est **valide** si elle contient exactement un `@` (`texte.count("@") == 1`)',
     "test_normaliser_email", "email_arobase_present"),
    ("enonce_email", "au moins un caractère avant", "test_normaliser_email", "email_local_vide"),
    ("enonce_email", "après le `@` un nom de domaine qui contient un point", "test_normaliser_email",
     "email_domaine_sans_point"),
    ("enonce_email", "sans point au début ni à la fin. Sinon, renvoyer `None`.", "test_normaliser_email",
     "email_domaine_point_debut"),
    # Exercice 2
    ("enonce_telephone", "si `texte` est `None`, renvoyer `None`", "test_normaliser_telephone", "tel_none_plante"),
    ("enonce_telephone", "retirer les espaces au début et à la fin (`texte.strip()`)", "test_normaliser_telephone",
     "tel_sans_strip"),
    ("enonce_telephone", 'retirer `"(0)"` s\'il y est', "test_normaliser_telephone", "tel_zero_parenthese_garde"),
    ("enonce_telephone", 'puis ne garder que les chiffres : `re.sub(r"\\D", "", texte)`', "test_normaliser_telephone",
     "tel_separateurs_des_exemples"),
    ("enonce_telephone", 'commence par `"0033"` → les chiffres après `0033`', "test_normaliser_telephone",
     "tel_sans_0033"),
    ("enonce_telephone", 'commence par `"33"` **et** le texte (après `strip()`) commence par `"+"`',
     "test_normaliser_telephone", "tel_33_sans_plus"),
    ("enonce_telephone", '10 chiffres commençant par `"0"` → les 9 derniers', "test_normaliser_telephone",
     "tel_dix_chiffres_sans_zero"),
    ("enonce_telephone", '9 chiffres ne commençant pas par `"0"` → tels quels', "test_normaliser_telephone",
     "tel_sans_neuf_chiffres"),
    ("enonce_telephone", "**un numéro étranger** : le texte (après `strip()`) commence par `\"+\"`",
     "test_normaliser_telephone", "tel_etranger_vide"),
    ("enonce_telephone", "ou les chiffres commencent par `\"00\"`", "test_normaliser_telephone",
     "tel_etranger_plus_seulement"),
    ("enonce_telephone", "sans le `\"00\"` du début", "test_normaliser_telephone", "tel_etranger_garde_00"),
    ("enonce_telephone", "s'il en reste de 8 à 15", "test_normaliser_telephone", "tel_etranger_sans_longueur"),
    ("enonce_telephone", "et que le premier n'est pas `0` ; sinon `None`", "test_normaliser_telephone",
     "tel_etranger_zero_accepte"),
    ("enonce_telephone", "sinon → `None`", "test_normaliser_telephone", "telephone_naif"),
    ("enonce_telephone", "les chiffres restants doivent être exactement 9 et ne pas commencer par `0`",
     "test_normaliser_telephone", "tel_sans_verification_finale"),
    ("enonce_telephone", 'on renvoie alors `"+33"` suivi de ces 9 chiffres', "test_normaliser_telephone",
     "tel_sans_plus"),
    # Exercice 3
    ("enonce_code_postal", "`None` → `None`", "test_normaliser_code_postal", "cp_none_plante"),
    ("enonce_code_postal", "un nombre (`int` ou `float`) : le convertir d'abord en entier puis en texte",
     "test_normaliser_code_postal", "cp_nombre_sans_int"),
    ("enonce_code_postal", 'un texte : retirer les espaces (`"".join(valeur.split())`)', "test_normaliser_code_postal",
     "cp_texte_strip"),
    ("enonce_code_postal", 'un texte qui finit par `".0"` perd ces deux caractères', "test_normaliser_code_postal",
     "cp_texte_point_zero_garde"),
    ("enonce_code_postal", "le texte obtenu doit être fait de chiffres (`.isdigit()`)", "test_normaliser_code_postal",
     "cp_sans_isdigit"),
    ("enonce_code_postal", 's\'il en a 4, ajouter un `"0"` devant ; s\'il en a 5, le garder ; sinon → `None`',
     "test_normaliser_code_postal", "code_postal_zfill"),
    # Exercice 4
    ("enonce_date", "jour, mois, année sur 4 chiffres, séparés par `/`, `-` ou `.`", "test_lire_date",
     "date_un_seul_format"),
    ("enonce_date", "année sur 4 chiffres", "test_lire_date", "date_nombres_libres"),
    ("enonce_date", "(jour et mois sur 1 ou 2 chiffres)", "test_lire_date", "date_deux_chiffres"),
    ("enonce_date", 'année, mois, jour séparés par `-` : `"2024-03-12"`', "test_lire_date",
     "date_iso_tous_separateurs"),
    ("enonce_date", "l'un de ces formats suivi d'une heure après une espace", "test_lire_date", "date_heure_minuit"),
    ("enonce_date", "Ignorez les espaces au début et à la fin (`texte.strip()`).", "test_lire_date", "date_sans_strip"),
    ("enonce_date", "Tout autre texte", "test_lire_date", "date_re_match"),
    ("enonce_date", "une date impossible (31 février)", "test_lire_date", "date_impossible_plante"),
    ("enonce_date", "ou `None` → `None`", "test_lire_date", "date_none_plante"),
    # Exercice 5
    ("enonce_cle", "une clé identique pour toutes les écritures d'un même nom, quels que soient l'ordre, "
     "les majuscules, les accents et les tirets", "test_cle_personne", "cle_accents_apres_tri"),
    ("enonce_cle", "une valeur `None` compte comme un texte vide", "test_cle_personne", "cle_none_mot"),
    ("enonce_cle", 'réunir `nom + " " + prenom`, passer en minuscules', "test_cle_personne",
     "cle_minuscules_apres_tri"),
    ("enonce_cle", "retirer les accents avec la fonction `sans_accents` ci-dessous", "test_cle_personne",
     "cle_avec_accents"),
    ("enonce_cle", 'découper en mots en remplaçant les tirets par des espaces (`.replace("-", " ").split()`)',
     "test_cle_personne", "cle_split_espace"),
    ("enonce_cle", "trier les mots (`sorted`) et les rejoindre avec une espace", "test_cle_personne", "cle_sans_tri"),
    ("enonce_cle", "Sans aucun mot, renvoyer `None`.", "test_cle_personne", "cle_vide_chaine"),
    # Exercice 6
    ("enonce_separer", "une ligne **identique à une ligne précédente**", "test_separer_lignes",
     "sep_doublons_keep_false"),
    ("enonce_separer", '(toutes colonnes égales) est écartée avec la raison `"doublon exact"`', "test_separer_lignes",
     "sep_doublons_sur_email"),
    ("enonce_separer", "parmi les autres", "test_separer_lignes", "sep_injoignable_avant_doublon"),
    ("enonce_separer", "une ligne dont **ni** l'e-mail **ni** le téléphone n'est valide", "test_separer_lignes",
     "sep_email_seulement"),
    ("enonce_separer", "(utilisez `normaliser_email` et `normaliser_telephone`)", "test_separer_lignes",
     "sep_manquant_seulement"),
    ("enonce_separer", "toutes les autres lignes sont gardées.", "test_separer_lignes", "sep_gardees_sans_manquants"),
    ("enonce_separer", "`ecartees` contient les lignes écartées **avec toutes leurs colonnes** plus une colonne "
     "`raison`", "test_separer_lignes", "sep_ecartees_colonnes_reduites"),
    ("enonce_separer", "Les deux tableaux gardent l'index d'origine", "test_separer_lignes", "sep_index_reinitialise"),
    ("enonce_separer", "et l'ordre des lignes du tableau", "test_separer_lignes", "sep_ecartees_par_raison"),
    ("enonce_separer", "`len(gardees) + len(ecartees) == len(tableau)`", "test_separer_lignes",
     "separer_perd_des_lignes"),
    ("enonce_separer", "Le tableau d'origine ne doit pas être modifié", "test_separer_lignes", "sep_modifie_original"),
    ("enonce_separer", "ne passez pas `NaN` à vos fonctions", "test_separer_lignes", "sep_nan_passe"),
    # Exercice 7
    ("enonce_pseudonyme", "renvoie les **12 premiers caractères**", "test_pseudonymiser", "pse_12_derniers"),
    ("enonce_pseudonyme", "de l'empreinte HMAC-SHA-256 de `valeur`", "test_pseudonymiser", "pse_sha256_cle_plus_valeur"),
    ("enonce_pseudonyme", "calculée avec la clé secrète `cle`", "test_pseudonymiser", "pse_cle_valeur_inversees"),
    ("enonce_pseudonyme", "sans la clé, personne ne peut recalculer l'empreinte", "test_pseudonymiser",
     "pseudonyme_sans_cle"),
    ("enonce_pseudonyme", '.encode("utf-8")', "test_pseudonymiser", "pse_encodage_latin1"),
    ("enonce_pseudonyme", "vérifiez **d'abord** la clé", "test_pseudonymiser", "pse_none_avant_cle"),
    ("enonce_pseudonyme", 'une `cle` vide (`""`) lève une `ValueError`', "test_pseudonymiser", "pse_cle_vide_acceptee"),
    ("enonce_pseudonyme", "avec un message en français", "test_pseudonymiser", "pse_message_anglais"),
    ("enonce_pseudonyme", "même si `valeur` vaut `None`", "test_pseudonymiser", "pse_none_avant_cle"),
    ("enonce_pseudonyme", "puis `valeur` à `None` → `None`", "test_pseudonymiser", "pse_none_hache"),
]

#: List items of the statements that do not constrain the answer, with the reason.
SANS_CONTRAINTE: list[tuple[str, str, str]] = [
    ("consignes", "Exécutez les cellules dans l'ordre", "mode d'emploi du notebook, commun à tous les exercices"),
    ("consignes", "supprimez ces deux lignes", "mode d'emploi du notebook : où écrire son code"),
    ("consignes", "Chaque cellule de réponse commence par un **squelette**", "mode d'emploi du notebook : comment "
     "partir du squelette"),
    ("consignes", "Bloqué ? Sous chaque énoncé, des **indices** s'ouvrent d'un clic", "mode d'emploi des indices, "
     "qui ne changent pas la note"),
    ("consignes", "Exécutez la cellule de tests juste en dessous", "mode d'emploi des tests visibles"),
    ("consignes", "Avant de rendre", "mode d'emploi du rendu du devoir"),
    ("enonce_telephone", "selon ce qui reste :", "introduit la liste des cas, qui ont chacun leur phrase"),
]

#: What a learner on the « Parcours guidé » writes in place of each « … » of the guided code in the
#: hints cells, in order: the completed guided path must get every point of its exercise.
GUIDED: dict[str, tuple[str, ...]] = {
    "normaliser_email": ('texte.lower().replace("@@", "@").rstrip(".")',
                         'local == "" or "." not in domaine or domaine.startswith(".") or domaine.endswith(".")'),
    "normaliser_telephone": ("chiffres[4:]", "chiffres[2:]", 'len(chiffres) == 10 and chiffres.startswith("0")',
                             'len(chiffres) == 9 and not chiffres.startswith("0")',
                             'len(reste) != 9 or reste.startswith("0")'),
    "normaliser_code_postal": ('if len(texte) == 4:\n        texte = "0" + texte\n'
                               "    if len(texte) == 5:\n        return texte\n    return None",),
    "lire_date": (r'r"(\d{4})-(\d{1,2})-(\d{1,2})"', "int(m.group(1)), int(m.group(2)), int(m.group(3))"),
    "separer_lignes": ("doublons[index]", "not email_valide and not telephone_valide"),
}
