"""Plausible wrong submissions for assignment 03_nettoyer_donnees.

Each maps the grade_id of a solution cell to what a learner might write.
"""

WRONG_SUBMISSIONS: dict[str, dict[str, str]] = {
    # strip() only: spaces inside and tabs in the middle stay; no validity check.
    "email_strip_seulement": {
        "normaliser_email": (
            "def normaliser_email(texte):\n"
            "    if texte is None:\n"
            "        return None\n"
            "    texte = texte.strip().lower().replace('@@', '@')\n"
            "    return texte if '@' in texte else None\n"
        ),
    },
    # Keeps only digits and prefixes +33 blindly: foreign numbers and 0033 go wrong.
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
    # Pads every value with zeros, whatever its length (zfill).
    "code_postal_zfill": {
        "normaliser_code_postal": (
            "def normaliser_code_postal(valeur):\n"
            "    if valeur is None:\n"
            "        return None\n"
            "    texte = str(valeur).strip()\n"
            "    return texte.zfill(5) if texte.isdigit() else None\n"
        ),
    },
    # Only the « / » format; no check of impossible dates.
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
    # Does not sort the words: the order of name and first name still matters.
    "cle_sans_tri": {
        "cle_personne": (
            "def cle_personne(nom, prenom):\n"
            "    texte = sans_accents(((nom or '') + ' ' + (prenom or '')).lower())\n"
            "    mots = texte.replace('-', ' ').split()\n"
            "    return ' '.join(mots) if mots else None\n"
        ),
    },
    # Drops the unreachable rows instead of setting them aside: rows are lost.
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
    # Hashes the value without the salt.
    "pseudonyme_sans_sel": {
        "pseudonymiser": (
            "def pseudonymiser(valeur, sel):\n"
            "    if not sel:\n"
            "        raise ValueError('Sel vide.')\n"
            "    if valeur is None:\n"
            "        return None\n"
            "    return hashlib.sha256(valeur.encode('utf-8')).hexdigest()[:12]\n"
        ),
    },
    # Wrong quiz answers (valid letters).
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
