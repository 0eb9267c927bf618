"""The messy customer export of module 03, with its ground truth.

A venue's ticketing software (or the Excel file somebody kept) exports its customers as a
Windows-1252 text file with « ; » between columns and decimal commas. This generator writes
such a file, with the problems a real one has, and a second file saying what every row
should have been:

- ``export_billetterie.csv`` — cp1252, « ; », decimal comma, one row per customer record:
  ``N° client;Civilité;Nom;Prénom;E-mail;Téléphone;Code postal;Ville;Date de naissance;
  Date dernier achat;Montant dernier achat;Commentaire``;
- ``export_billetterie_verite.csv`` — UTF-8, « , »: for each row (``ligne``, 1 for the first
  data row), the person it belongs to (``id_personne``), the row it duplicates
  (``doublon_de``, with ``type_doublon`` « exact » or « approché »), the true value of every
  field in its normal form (e-mail in lower case, phone in E.164 ``+33…``, postcode on five
  characters, ISO dates, amount in euros) and the list of ``corruptions`` applied.

Planted problems: e-mails with capitals, spaces or typos; phones in every French format;
postcodes that lost their leading zero; civilités written six ways; names in mixed case
with accents lost or doubly encoded (« HÃ©lÃ¨ne »); dates in several French formats; exact
duplicates (the same record twice) and approximate ones (« DUPONT Jean-Pierre » /
« Jean Pierre Dupont », re-entered under another customer number); missing values;
impossible values (negative amounts, birth dates in the future); free-text comments holding
personal data. Same seed and size ⇒ byte-identical files.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from ..core.fr import MONTHS, integer
from ..core.text import strip_accents
from .pools import build_pools
from .words import words
from .world import DEFAULT_SEED, EXTRACTION, communes, email_domains, phone_prefixes

__all__ = ["EXPORT_NAME", "TRUTH_NAME", "EXPORT_COLUMNS", "TRUTH_COLUMNS", "DEFAULT_ROWS",
           "EXTRACTION", "generate_messy_export"]

EXPORT_NAME = "export_billetterie.csv"
TRUTH_NAME = "export_billetterie_verite.csv"
EXPORT_ENCODING = "cp1252"
DEFAULT_ROWS = 2_000
# EXTRACTION (from world): the day the export was made; a birth date after it is impossible.

EXPORT_COLUMNS = ["N° client", "Civilité", "Nom", "Prénom", "E-mail", "Téléphone", "Code postal",
                  "Ville", "Date de naissance", "Date dernier achat", "Montant dernier achat",
                  "Commentaire"]
TRUTH_COLUMNS = ["ligne", "id_personne", "doublon_de", "type_doublon", "civilite", "nom", "prenom",
                 "email", "telephone", "code_postal", "ville", "date_naissance", "date_achat",
                 "montant", "corruptions"]

#: Shares of rows that are duplicates of an earlier row.
P_EXACT_DUPLICATE = 0.03
P_FUZZY_DUPLICATE = 0.05
#: Probability of each corruption, per row (independently).
P = {
    "civilite_variante": 0.6,
    "nom_casse": 0.5,          # DUPONT, dupont
    "accents_perdus": 0.08,    # Hélène -> Helene
    "accents_doubles": 0.03,   # Hélène -> HÃ©lÃ¨ne (UTF-8 read as Windows-1252)
    "email_casse": 0.15,
    "email_espaces": 0.08,
    "email_faute": 0.03,       # gmial, « , » for « . » before the domain, doubled @
    "email_manquant": 0.07,
    "telephone_manquant": 0.10,
    "cp_zero_perdu": 0.7,      # only for postcodes starting with 0 (Excel turned them into numbers)
    "naissance_manquante": 0.20,
    "naissance_future": 0.01,
    "montant_negatif": 0.01,
    "montant_manquant": 0.03,
    "commentaire": 0.12,
    "commentaire_donnees_perso": 0.3,   # of the comments
}

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M"]
# Civilité forms and comments: words/export.toml.


@dataclass
class _Person:
    id: str
    civilite: str
    prenom: str
    nom: str
    email: str
    telephone: str        # E.164
    code_postal: str
    ville: str
    naissance: date | None
    achat: date
    montant_cents: int


def _e164(national: str) -> str:
    digits = national.replace(" ", "")
    return "+33" + digits[1:]


def _people(n: int, seed: int) -> list[_Person]:
    """*n* distinct, clean customers."""
    rng = np.random.default_rng([seed, 3])
    pools = build_pools(seed)
    female = rng.random(n) < 0.56
    first_f = rng.choice(len(pools.female), size=n, p=pools.female_p)
    first_m = rng.choice(len(pools.male), size=n, p=pools.male_p)
    last = rng.choice(len(pools.last), size=n, p=pools.last_p)
    towns, domains, prefixes = communes(), email_domains(), phone_prefixes()
    commune_w = np.array([w for _, _, w in towns])
    commune = rng.choice(len(towns), size=n, p=commune_w / commune_w.sum())
    domain_w = np.array([w for _, w in domains])
    domain = rng.choice(len(domains), size=n, p=domain_w / domain_w.sum())
    phone_w = np.array([w for _, w in prefixes])
    block = rng.choice(len(prefixes), size=n, p=phone_w / phone_w.sum())
    suffix = rng.integers(0, 10_000, size=n)
    birth = rng.integers(date(1935, 1, 1).toordinal(), date(2008, 12, 31).toordinal(), size=n)
    bought = rng.integers(date(2022, 6, 20).toordinal(), date(2026, 6, 30).toordinal(), size=n)
    cents = rng.choice([1000, 1200, 1250, 1500, 1800, 2000, 2100, 2400, 2600, 2800, 3000], size=n)
    tickets = rng.choice([1, 2, 2, 2, 3, 4], size=n)
    width = max(6, len(str(n)))
    people = []
    for i in range(n):
        if female[i]:
            prenom, slug_first = str(pools.female[first_f[i]]), str(pools.female_slug[first_f[i]])
        else:
            prenom, slug_first = str(pools.male[first_m[i]]), str(pools.male_slug[first_m[i]])
        nom, slug_last = str(pools.last[last[i]]), str(pools.last_slug[last[i]])
        cp, ville, _ = towns[commune[i]]
        # the customer number in the address keeps every e-mail unique, as a real file would be
        email = f"{slug_first}.{slug_last}.{i + 1}@{domains[domain[i]][0]}"
        national = f"{prefixes[block[i]][0]} {suffix[i] // 100:02d} {suffix[i] % 100:02d}"
        people.append(_Person(
            id=f"P{i + 1:0{width}d}", civilite="Mme" if female[i] else "M.", prenom=prenom, nom=nom,
            email=email, telephone=_e164(national), code_postal=cp, ville=ville,
            naissance=date.fromordinal(int(birth[i])), achat=date.fromordinal(int(bought[i])),
            montant_cents=int(cents[i]) * int(tickets[i])))
    return people


# -- corruptions ---------------------------------------------------------------------------------
def _double_encoded(text: str) -> str:
    """What UTF-8 bytes look like when read as Windows-1252 (kept only if cp1252 can store it)."""
    try:
        return text.encode("utf-8").decode("cp1252")
    except UnicodeDecodeError:
        return strip_accents(text)


def _phone_text(e164: str, r: random.Random, *, typed: bool = False) -> str:
    """The number as some software or spreadsheet wrote it; *typed*: as a person types it in a
    comment (no lost zero, no « (0) »)."""
    digits = "0" + e164[3:]
    pairs = [digits[i:i + 2] for i in range(0, 10, 2)]
    forms = [
        " ".join(pairs), digits, ".".join(pairs), "-".join(pairs),
        "+33 " + digits[1] + " " + " ".join(pairs[1:]), "+33" + digits[1:],
        "0033" + digits[1:], "(0)" + digits[1:], digits[1:],  # leading zero lost by a spreadsheet
        "+33 (0)" + digits[1] + " " + " ".join(pairs[1:]),
    ]
    return r.choice(forms[:5] if typed else forms)


def _date_text(d: date, r: random.Random) -> str:
    if r.random() < 0.1:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    fmt = r.choice(DATE_FORMATS)
    return d.strftime(fmt) if "%H" not in fmt else d.strftime(fmt.replace("%H:%M", "00:00"))


def _email_typo(email: str, r: random.Random) -> tuple[str, str]:
    """A typo that a cleaning rule can undo: (text, kind)."""
    local, domain = email.split("@")
    kind = r.randrange(3)
    if kind == 0:
        return f"{local}@@{domain}", "arobase_double"
    if kind == 1:
        name, ext = domain.rsplit(".", 1)
        return f"{local}@{name},{ext}", "virgule"
    return f"{local}@{domain}.", "point_final"


def _name_case(text: str, r: random.Random) -> str:
    return r.choice([text.upper(), text.lower(), text])


def _amount_text(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100},{cents % 100:02d}"


def century_typo(d: date) -> date:
    """*d* one century later (a typo in the century: 1987 -> 2087). A 29 February whose year a
    century later is not a leap year (2000 -> 2100) becomes the 28th."""
    try:
        return d.replace(year=d.year + 100)
    except ValueError:
        return d.replace(year=d.year + 100, day=28)


def _messy_row(p: _Person, r: random.Random, corruptions: list[str]) -> list[str]:
    def maybe(name: str) -> bool:
        hit = r.random() < P[name]
        if hit:
            corruptions.append(name)
        return hit

    civilite = p.civilite
    if maybe("civilite_variante"):
        civilite = r.choice(words("export")["civilites"][p.civilite])
    nom, prenom = p.nom, p.prenom
    if maybe("nom_casse"):
        nom = _name_case(nom, r)
        prenom = _name_case(prenom, r) if r.random() < 0.3 else prenom
    if maybe("accents_perdus"):
        nom, prenom = strip_accents(nom), strip_accents(prenom)
    elif maybe("accents_doubles"):
        nom, prenom = _double_encoded(nom), _double_encoded(prenom)
    email = p.email
    if maybe("email_manquant"):
        email = ""
    else:
        if maybe("email_casse"):
            local, domain = email.split("@")
            email = (local.title() if r.random() < 0.5 else local.upper()) + "@" + domain
        if maybe("email_faute"):
            email, _ = _email_typo(email, r)
        if maybe("email_espaces"):
            email = r.choice([" ", "  ", "\t"]) + email + r.choice([" ", "", "  "])
    telephone = "" if maybe("telephone_manquant") else _phone_text(p.telephone, r)
    code_postal = p.code_postal
    if code_postal.startswith("0") and maybe("cp_zero_perdu"):
        code_postal = code_postal[1:]
    naissance = ""
    if p.naissance is not None and not maybe("naissance_manquante"):
        shown = p.naissance
        if maybe("naissance_future"):  # a typo in the century: 1987 -> 2087
            shown = century_typo(shown)
        naissance = _date_text(shown, r)
    montant = _amount_text(p.montant_cents)
    if maybe("montant_manquant"):
        montant = ""
    elif maybe("montant_negatif"):
        montant = _amount_text(-p.montant_cents)
    commentaire = ""
    if maybe("commentaire"):
        if maybe("commentaire_donnees_perso"):
            commentaire = r.choice(words("export")["comments"]["personal"]).format(
                tel=_phone_text(p.telephone, r, typed=True), email=p.email)
        else:
            commentaire = r.choice(words("export")["comments"]["any"])
    return [civilite, nom, prenom, email, telephone, code_postal, p.ville, naissance,
            _date_text(p.achat, r), montant, commentaire]


def _fuzzy_copy(row: list[str], p: _Person, r: random.Random, corruptions: list[str]) -> list[str]:
    """The same person typed in again: name order, hyphens, case, other formats."""
    row = list(row)
    kind = r.randrange(4)
    if kind == 0:   # « DUPONT Jean-Pierre » in the name column, no first name
        row[1], row[2] = f"{p.nom.upper()} {p.prenom}", ""
        corruptions.append("nom_prenom_ensemble")
    elif kind == 1:  # « Jean Pierre » « Dupont »: hyphens lost
        row[1], row[2] = p.nom.replace("-", " "), p.prenom.replace("-", " ")
        corruptions.append("tirets_perdus")
    elif kind == 2:  # first and last name swapped
        row[1], row[2] = p.prenom, p.nom
        corruptions.append("nom_prenom_inverses")
    else:            # accents lost and capitals
        row[1], row[2] = strip_accents(p.nom).upper(), strip_accents(p.prenom)
        corruptions.append("accents_perdus")
    row[4] = "" if r.random() < 0.2 else _phone_text(p.telephone, r)   # another phone format
    if r.random() < 0.3:
        row[3] = p.email.upper()
    return row


def generate_messy_export(out_dir: str | Path, *, rows: int = DEFAULT_ROWS, seed: int = DEFAULT_SEED,
                          progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write the messy export and its ground truth into *out_dir*; return both paths.

    *rows* is the number of data rows of the export (duplicates included).
    """
    if not isinstance(rows, int) or rows < 1:
        raise ValueError(f"Le nombre de lignes doit être un entier positif ; j'ai reçu {rows!r}.")
    say = progress or (lambda message: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    r = random.Random(f"export-{seed}")
    n_dup = int(round(rows * (P_EXACT_DUPLICATE + P_FUZZY_DUPLICATE)))
    n_people = max(1, rows - n_dup)
    say(f"Création de {integer(n_people)} personnes…")
    people = _people(n_people, seed)
    # Every person once, plus the duplicates, in a random order. The first row of a person is
    # its original; each later row of the same person is a copy, exact or approximate.
    owners = list(range(n_people)) + [r.randrange(n_people) for _ in range(rows - n_people)]
    r.shuffle(owners)
    p_exact = P_EXACT_DUPLICATE / (P_EXACT_DUPLICATE + P_FUZZY_DUPLICATE)
    say("Écriture de l'export et de la vérité terrain…")
    export_buf = io.StringIO(newline="")
    truth_buf = io.StringIO(newline="")
    export = csv.writer(export_buf, delimiter=";", lineterminator="\r\n")
    truth = csv.writer(truth_buf, lineterminator="\n")
    export.writerow(EXPORT_COLUMNS)
    truth.writerow(TRUTH_COLUMNS)
    first_line: dict[int, int] = {}
    rows_of_person: dict[int, list[str]] = {}
    numbers = r.sample(range(100_000, 100_000 + 20 * rows), rows)
    for line, owner in enumerate(owners, start=1):
        p = people[owner]
        corruptions: list[str] = []
        if owner not in rows_of_person:
            kind = "original"
            rows_of_person[owner] = [str(numbers[line - 1])] + _messy_row(p, r, corruptions)
            row = rows_of_person[owner]
        elif r.random() < p_exact:
            kind = "exact"
            row = list(rows_of_person[owner])
            corruptions.append("doublon_exact")
        else:
            kind = "approché"
            row = [str(numbers[line - 1])] + _fuzzy_copy(rows_of_person[owner][1:], p, r, corruptions)
            corruptions.append("doublon_approche")
        export.writerow(row)
        dup_of = first_line.setdefault(owner, line)
        truth.writerow([
            line, p.id, "" if dup_of == line else dup_of, "" if kind == "original" else kind,
            p.civilite, p.nom, p.prenom, p.email, p.telephone, p.code_postal, p.ville,
            p.naissance.isoformat() if p.naissance else "", p.achat.isoformat(),
            f"{p.montant_cents / 100:.2f}", "|".join(corruptions)])
    paths = {"export": out / EXPORT_NAME, "verite": out / TRUTH_NAME}
    paths["export"].write_bytes(export_buf.getvalue().encode(EXPORT_ENCODING))
    paths["verite"].write_text(truth_buf.getvalue(), encoding="utf-8")
    say(f"Export écrit : {integer(rows)} lignes.")
    return paths

