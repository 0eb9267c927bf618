"""Detection of personal data (`ia_marketing.privacy.detection`), tested both ways (found / not
found) on realistic French text, on real rows of the customer file and on the course's own
marketing texts; and the masks shown in the guard's messages."""

from __future__ import annotations

import string

import pytest
from fake_personal_data import LETTER, french_phones
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ia_marketing
from ia_marketing.privacy import (
    ADDRESS,
    CUSTOMER,
    EMAIL,
    IBAN,
    PERSON,
    PHONE,
    Finding,
    customer_names,
    find_personal_data,
    iban_is_valid,
    mask,
)


def kinds(text: str, **kw) -> list[str]:
    return [f.kind for f in find_personal_data(text, **kw)]


def only(text: str, kind: str, **kw) -> Finding:
    """The single finding of *text*, which must be of *kind*."""
    found = find_personal_data(text, **kw)
    assert len(found) == 1, found
    assert found[0].kind == kind, found
    return found[0]


# -- e-mail ---------------------------------------------------------------------------------
@pytest.mark.parametrize("email", [
    "jeanne.martin@courriel.example",
    "JEANNE.MARTIN@COURRIEL.EXAMPLE",
    "Jeanne.Martin@Orange.fr",
    "marie+newsletter@gmail.com",
    "contact@billetterie.theatre-rivage.fr",
    "j_dupont78@free.fr",
    "hélène.lefèvre@laposte.net",
    "paul-henri.de-la-tour@mail.univ-cotedazur.fr",
    "x@ab.co",
])
@pytest.mark.parametrize("template", [
    "{}",
    "Écrire à {} avant vendredi.",
    "Contact : <{}>",
    "mailto:{}",
    "(réponse de {}), merci",
    "Relancer {}\net lui proposer l'abonnement.",
])
def test_emails_are_found(email, template):
    text = template.format(email)
    f = only(text, EMAIL, known_names=())
    assert f.text == email and text[f.start:f.end] == email


@pytest.mark.parametrize("text", [
    "Suivez-nous sur Instagram : @TheatreDuRivage #PortRivage",
    "Rendez-vous @ 20 h au foyer",
    "Le prix @ 12 € est imbattable",
    "utilisateur@serveurlocal",          # no top-level domain
    "un arobase (@) isolé",
])
def test_not_emails(text):
    assert EMAIL not in kinds(text, known_names=())


def test_every_email_of_the_customer_file_is_found():
    frame = ia_marketing.load("spectateurs")
    for email in frame["email"]:
        f = only(f"Envoyer la facture à {email}.", EMAIL, known_names=())
        assert f.text == email


_LOCAL_CHARS = string.ascii_letters + string.digits + "_+-%"
_labels = st.text(alphabet=string.ascii_lowercase + string.digits, min_size=1, max_size=12)


@st.composite
def emails(draw) -> str:
    parts = draw(st.lists(st.text(alphabet=_LOCAL_CHARS, min_size=1, max_size=10), min_size=1, max_size=3))
    domain = draw(st.lists(_labels, min_size=1, max_size=3))
    tld = draw(st.text(alphabet=string.ascii_lowercase, min_size=2, max_size=6))
    email = ".".join(parts) + "@" + ".".join(domain) + "." + tld
    return draw(st.sampled_from([email, email.upper(), email.capitalize()]))


_sentences = st.sampled_from(["", "Écrire à ", "Contact : ", "Relancer ", "("])
_endings = st.sampled_from(["", ".", " avant lundi.", ")", " !", ", merci"])


@given(emails(), _sentences, _endings)
def test_any_generated_email_is_found(email, before, after):
    text = before + email + after
    found = [f for f in find_personal_data(text, known_names=()) if f.kind == EMAIL]
    assert [f.text for f in found] == [email]


# -- phone numbers --------------------------------------------------------------------------
@pytest.mark.parametrize("phone", [
    "06 12 34 56 78", "06.12.34.56.78", "0612345678", "06-12-34-56-78",
    "06\u00a012\u00a034\u00a056\u00a078", "06\u202f12\u202f34\u202f56\u202f78",
    "01 42 68 53 00", "04 93 13 40 40", "09 70 12 34 56", "07 81 23 45 67",
    "+33 6 12 34 56 78", "+33612345678", "+33 (0)6 12 34 56 78", "+33(0)6 12 34 56 78",
    "+33 (0) 6 12 34 56 78", "0033 6 12 34 56 78", "0033612345678", "+33 6.12.34.56.78",
    "+33 06 12 34 56 78", "+33-6-12-34-56-78", "+262 692 12 34 56", "+596 696 12 34 56",
    "0 800 12 34 56", "0 800 123 456",
    # neighbours of the venue and other countries: + or 00 and the country code
    "+377 93 00 00 00", "+377 6 00 00 00 00", "+39 06 0000 0000", "0039 333 000 0000", "+44 20 7946 0000",
    "+41 22 000 00 00", "00 377 93 00 00 00",
])
@pytest.mark.parametrize("template", [
    "{}", "Tél. : {}", "Appelez le {} avant 18 h.", "Mme Durand ({})", "portable :{}",
    "{}, merci de rappeler",
])
def test_phones_are_found(phone, template):
    text = template.format(phone)
    f = only(text, PHONE, known_names=())
    assert f.text == phone


@pytest.mark.parametrize("text", [
    "Première le 12/10/2025 à 20h30.",
    "Le 12.10.2025, ouverture de la billetterie à 10:00.",
    "Le 01.10.2025 20h30, générale.",
    "Tarif plein 24,50 € ; tarif réduit 12,00 € ; 1 250,00 € de recettes.",
    "Saison 2025-2026 : 25 spectacles, 600 places, 180 places au Studio.",
    "Code postal 06290, commune Port-Rivage.",
    "Commande n° 20251012 du 12 octobre.",
    "ISBN 978-2-07-036822-8",
    "SIRET 123 456 789 00012",
    "06 12 34 56",                     # 8 digits: not a whole number
    "Référence 061234567812",          # 12 digits glued
    "Rendez-vous à 19:30, fin vers 21:45.",
    "Horaires : 10 h - 12 h 30 / 14 h - 18 h.",
    "Du 2 au 14 octobre 2025, 12 représentations.",
    "Accueil : 09.30 10.00 12.30 14.00",  # a schedule, not phone numbers
    "06 12 34 56 78 90",                 # six pairs: which ten digits would it be?
    "+33 6 12 34 56",                    # a French number too short is not taken for a foreign one
    "Gagnez +1 234 places",              # 7 digits after the +: too short for a phone
])
def test_not_phones(text):
    assert PHONE not in kinds(text, known_names=())


@pytest.mark.parametrize("text", [
    "0612345678 0712345678",
    "Tél. 06 12 34 56 78 07 11 22 33 44",
    "fixe 04 93 12 34 56 - portable 06 12 34 56 78",
    "(06 12 34 56 78) 07 11 22 33 44",
    "+33 6 12 34 56 78 / +33 7 11 22 33 44",
])
def test_phones_side_by_side_are_all_found(text):
    assert kinds(text, known_names=()) == [PHONE, PHONE]


def test_every_phone_of_the_customer_file_is_found():
    frame = ia_marketing.load("spectateurs")
    for phone in frame["telephone"]:
        f = only(f"Rappeler au {phone} pour l'abonnement.", PHONE, known_names=())
        assert f.text == phone

@given(french_phones(), st.sampled_from(["", "Tél. ", "Appelez le ", "(", "portable : "]),
       st.sampled_from(["", ".", " avant 18 h.", ")", ", merci", " ou écrivez-nous."]))
def test_any_generated_french_phone_is_found(phone, before, after):
    text = before + phone + after
    found = find_personal_data(text, known_names=())
    assert [(f.kind, f.text) for f in found] == [(PHONE, phone)]


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd", "No", "Cs"), blacklist_characters="@"),
               max_size=300))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_text_without_digits_or_at_sign_has_no_phone_nor_email(text):
    assert not {PHONE, EMAIL, IBAN, ADDRESS} & set(kinds(text, known_names=()))


# -- IBAN -----------------------------------------------------------------------------------
def make_iban(country: str, bban: str) -> str:
    """An IBAN with the right check digits for *bban* (ISO 13616)."""
    numeric = int("".join(str(int(c, 36)) for c in bban + country + "00"))
    return f"{country}{98 - numeric % 97:02d}{bban}"


def grouped(iban: str, sep: str = " ") -> str:
    return sep.join(iban[i:i + 4] for i in range(0, len(iban), 4))


@pytest.mark.parametrize("iban", [
    "FR76 3000 6000 0112 3456 7890 189",
    "FR7630006000011234567890189",
    "fr76 3000 6000 0112 3456 7890 189",
    "FR76-3000-6000-0112-3456-7890-189",
    "DE89 3704 0044 0532 0130 00",
    "GB82 WEST 1234 5698 7654 32",
    "BE68 5390 0754 7034",
    "CH93 0076 2011 6238 5295 7",
    grouped(make_iban("FR", "2004101005" + "0500013M02606")),    # letters in the account number
])
@pytest.mark.parametrize("template", ["{}", "IBAN : {}", "Virement sur {} avant le 5.", "({})"])
def test_ibans_are_found(iban, template):
    f = only(template.format(iban), IBAN, known_names=())
    assert f.text == iban


@pytest.mark.parametrize("text", [
    "FR76 3000 6000 0112 3456 7890 188",       # wrong checksum
    "FR76 3000 6000 0112 3456 7890 18",        # too short
    "FR76300060000112345678901899",            # too long
    "FR76 seulement",
    "Référence produit AB12 3456 7890 1234 5678 90",
    "Code promo RIVAGE2025, valable jusqu'au 31/12/2025.",
])
def test_not_ibans(text):
    assert IBAN not in kinds(text, known_names=())


def test_iban_checksum():
    assert iban_is_valid("FR76 3000 6000 0112 3456 7890 189")
    assert not iban_is_valid("FR76 3000 6000 0112 3456 7890 198")  # two digits swapped
    assert not iban_is_valid("XX76 3000 6000 0112 3456 7890 189")  # unknown country


@given(st.text(alphabet=string.digits, min_size=23, max_size=23), st.sampled_from(["", " "]),
       st.integers(4, 26), st.integers(1, 9))
def test_generated_ibans_are_found_and_one_wrong_digit_is_not(bban, sep, position, delta):
    iban = make_iban("FR", bban)
    assert iban_is_valid(iban)
    written = grouped(iban, sep) if sep else iban
    assert [f.text for f in find_personal_data(f"IBAN {written}.", known_names=())] == [written]
    # mod 97 catches every single-digit error
    digit = str((int(iban[position]) + delta) % 10)
    wrong = iban[:position] + digit + iban[position + 1:]
    assert IBAN not in kinds(f"IBAN {wrong}.", known_names=())


# -- postal addresses -----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "address"), [
    ("Livrer au 12 rue des Lilas.", "12 rue des Lilas"),
    ("12 rue des Lilas, 06290 Port-Rivage", "12 rue des Lilas, 06290 Port-Rivage"),
    ("12 rue des Lilas\n06290 Port-Rivage\nFrance", "12 rue des Lilas\n06290 Port-Rivage"),
    ("12 RUE DES LILAS 06290 PORT-RIVAGE", "12 RUE DES LILAS 06290 PORT-RIVAGE"),
    ("Chez elle, 3 bis avenue Jean-Jaurès, 75019 Paris.", "3 bis avenue Jean-Jaurès, 75019 Paris"),
    ("3bis av. Jean-Jaurès", "3bis av. Jean-Jaurès"),
    ("5, place Masséna à Nice", "5, place Masséna"),
    ("5 place de la République 06000 Nice", "5 place de la République 06000 Nice"),
    ("8 bd Victor Hugo, 06000 Nice", "8 bd Victor Hugo, 06000 Nice"),
    ("27 boulevard Gambetta", "27 boulevard Gambetta"),
    ("4 allée des Pins", "4 allée des Pins"),
    ("4 allee des pins", "4 allee des pins"),
    ("14 chemin de la Colle 06140 Vence", "14 chemin de la Colle 06140 Vence"),
    ("2 impasse du Moulin", "2 impasse du Moulin"),
    ("10 quai des Docks", "10 quai des Docks"),
    ("1 cours Saleya, 06300 Nice", "1 cours Saleya, 06300 Nice"),
    ("7 cours Mirabeau 13100 Aix-en-Provence", "7 cours Mirabeau 13100 Aix-en-Provence"),
    ("15 av. de la Libération", "15 av. de la Libération"),
    ("9 ter rue d'Antibes, 06400 Cannes", "9 ter rue d'Antibes, 06400 Cannes"),
    ("3-5 rue du Port pour la livraison", "3-5 rue du Port"),
    ("45 route de Grasse", "45 route de Grasse"),
    ("12 B rue Pasteur", "12 B rue Pasteur"),
    ("6 rue de la paix pour le concert", "6 rue de la paix"),
    ("33 avenue des Champs-Élysées 75008 Paris Cedex 08", "33 avenue des Champs-Élysées 75008 Paris Cedex 08"),
    ("18 faubourg Saint-Antoine", "18 faubourg Saint-Antoine"),
    ("2 rue du 8 Mai, Antibes", "2 rue du 8 Mai"),
])
def test_addresses_are_found(text, address):
    f = only(text, ADDRESS, known_names=())
    assert f.text == address


@pytest.mark.parametrize("text", [
    "06290",
    "06290 Port-Rivage",                         # a postcode and a town alone
    "Code postal : 06290",
    "Le théâtre est rue des Lilas.",             # no house number
    "1 place offerte pour 2 places achetées",
    "3 cours de danse et 2 cours de théâtre par semaine",
    "Il reste 12 places en catégorie 1.",
    "Le 12 avril 2025 à 20 h.",
    "12 mail de relance envoyés",
    "Salle de 600 places, 2 routes d'accès",
    "Tarif : 15 € la place, 24,50 € la place en carré or.",
    "En 2025, rue barrée pour travaux.",
])
def test_not_addresses(text):
    assert ADDRESS not in kinds(text, known_names=())


# -- names from the customer file -----------------------------------------------------------
@pytest.fixture(scope="module")
def customers():
    return ia_marketing.load("spectateurs")


def _strip_accents(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _pick(customers, mask_rows):
    row = customers[mask_rows].iloc[0]
    return row["prenom"], row["nom"]


def test_the_customer_file_is_loaded_lazily_and_once(customers):
    pairs = customer_names()
    assert customer_names() is pairs
    assert pairs == set(zip(customers["prenom"], customers["nom"]))


def test_without_the_customer_file_other_data_is_still_found(monkeypatch, tmp_path):
    from ia_marketing.privacy import detection as privacy

    monkeypatch.setattr(privacy, "_customer_cache", {})
    monkeypatch.setenv("IA_MARKETING_DATA", str(tmp_path / "absent"))
    with pytest.warns(RuntimeWarning, match="noms de clients ne seront pas repérés"):
        found = find_personal_data("Julien Bailly : bailly.julien@courriel.example")
    # the name is no longer a « nom de client », but the French model still finds a person
    assert [f.kind for f in found] == [PERSON, EMAIL]


def test_names_of_real_customers_are_found_in_both_orders_any_case_and_accents(customers):
    accented = customers["prenom"].str.contains("[éèêëàâîïôöûüç]") & customers["nom"].str.contains(
        "[éèêëàâîïôöûüç]")
    compound = customers["nom"].str.contains(" ")
    rows = [tuple(customers.iloc[0][["prenom", "nom"]]), _pick(customers, accented),
            _pick(customers, compound), *map(tuple, customers.sample(20, random_state=3)[["prenom", "nom"]].values)]
    for prenom, nom in rows:
        for written in [f"{prenom} {nom}", f"{nom.upper()} {prenom}", f"{nom} {prenom}",
                        _strip_accents(f"{prenom} {nom}"), _strip_accents(f"{prenom} {nom}").upper(),
                        f"{prenom.lower()} {nom.lower()}", f"{nom}, {prenom}", f"{prenom}\u00a0{nom}"]:
            text = f"Relancer {written} pour son abonnement."
            f = only(text, CUSTOMER)
            assert f.text == written, (text, f)


def test_a_pasted_table_row_is_found(customers):
    row = customers.iloc[3]
    line = ",".join(str(v) for v in row.values)
    found = {f.kind: f.text for f in find_personal_data(line)}
    assert found[CUSTOMER] == f"{row['prenom']},{row['nom']}"
    assert found[EMAIL] == row["email"] and found[PHONE] == row["telephone"]


def test_names_are_whole_words_and_pairs_only(customers):
    prenom, nom = customers.iloc[0][["prenom", "nom"]]
    assert kinds(f"{prenom} viendra.") == []
    assert kinds(f"La famille {nom} viendra.") == []
    assert kinds(f"{prenom}{nom} viendra.") == []
    # the customer file matches whole words only (the French model may still see a name there)
    assert kinds(f"{prenom} {nom}x viendra.", model_names=False) == []
    assert kinds(f"x{prenom} {nom} viendra.") == []
    assert kinds(f"{prenom}. {nom} viendra.") == []
    # a first name and a last name of two different customers are not a customer
    pairs = customer_names()
    other = next(n for n in customers["nom"] if (prenom, n) not in pairs and (n, prenom) not in pairs)
    assert kinds(f"{prenom} {other} viendra.", model_names=False) == []
    # … but it is still a person's name, which the French model finds
    assert kinds(f"{prenom} {other} viendra.") == [PERSON]


def test_first_names_that_are_ordinary_words_are_not_flagged_alone(customers):
    text = ("Une lumière claire sur la pierre, une victoire de la marine à l'aurore : "
            "un spectacle plein de constance, de margot et de capucine, un petit bonnet blanc, "
            "le renard et le chevalier. Joyeux Noël, Patrick !")
    assert {"Claire", "Pierre", "Victoire", "Marine", "Aurore", "Constance"} <= set(customers["prenom"])
    assert find_personal_data(text) == []


def test_known_names_override(customers):
    text = "Invitation pour Inès Moreau-Lambert et Julien Bailly."
    people = [("Inès", "Moreau-Lambert")]
    off = {"model_names": False}  # the French model off: only the names given are looked for
    assert [(f.kind, f.text) for f in find_personal_data(text, known_names=people, **off)] == [
        (PERSON, "Inès Moreau-Lambert")]
    assert [f.text for f in find_personal_data("MOREAU LAMBERT Ines", known_names=people, **off)] == [
        "MOREAU LAMBERT Ines"]
    assert [f.text for f in find_personal_data(text, known_names=["Ines Moreau-Lambert"], **off)] == [
        "Inès Moreau-Lambert"]
    assert [f.text for f in find_personal_data(text, known_names=customers.head(1), **off)] == ["Julien Bailly"]
    assert [f.text for f in find_personal_data(text, known_names="Julien Bailly", **off)] == ["Julien Bailly"]
    # with the model, the other name is found too
    assert [f.text for f in find_personal_data(text, known_names=people)] == ["Inès Moreau-Lambert", "Julien Bailly"]
    assert find_personal_data(text, known_names=()) == []
    with pytest.raises(ValueError, match="prénom"):
        find_personal_data(text, known_names=[("Inès",)])


# -- no false positives on ordinary marketing text ----------------------------------------
ORDINARY = [
    "Le Théâtre du Rivage ouvre sa saison 2025-2026 le 12/10/2025 à 20h30 !",
    "Tarif plein : 24,50 € ; tarif réduit : 12 € ; abonnement 4 spectacles : 78,00 €.",
    "Réservez vos places au guichet, du mardi au samedi de 14 h à 18 h 30.",
    "Première le 3 octobre, dernière le 15 novembre 2025. Durée : 1 h 45.",
    "Plus que 12 places pour « Les Voyageurs de la nuit » ! 2 places achetées = 1 place offerte.",
    "Code promo RIVAGE25 : -20 % jusqu'au 31 décembre.",
    "Port-Rivage (06290) accueille le festival du 2 au 14 juillet.",
    "Rendez-vous Grande salle (600 places) et au Studio (180 places).",
    "Suivez-nous sur Instagram @TheatreDuRivage et #PortRivage #CultureAzur",
    "En 2024, 32 247 billets vendus, +12 % par rapport à 2023.",
    "Taux d'ouverture de la newsletter : 31,9 % ; taux de clic : 2,6 %.",
    "Atelier : 3 cours de danse contemporaine, 10 participants maximum.",
    "Le spectacle Marine et le petit chevalier, dès 6 ans, 50 minutes.",
    "Version 2.0 du programme, page 12, n° 45, article L. 121-1.",
    "Horaires : 10:00-12:30 / 14:00-18:00. Tél. de la billetterie sur notre site.",
]


def test_words_written_as_a_name_are_flagged_as_one():
    # documented and accepted: « Pierre Claire » written like a first name and a last name is a name
    assert [f.text for f in find_personal_data("Pierre Claire et Victoire Noël ? Non : la pierre claire de la victoire.")] \
        == ["Pierre Claire"]


def test_ordinary_marketing_sentences_yield_nothing():
    for text in ORDINARY:
        assert find_personal_data(text) == [], text


def test_the_course_marketing_texts_yield_nothing():
    from ia_marketing.privacy.evaluation import course_marketing_texts

    texts = course_marketing_texts()
    assert len(texts) > 1000
    flagged = [(t, find_personal_data(t)) for t in texts if find_personal_data(t)]
    assert flagged == []


def test_a_street_number_in_a_show_title_may_be_flagged():
    # documented and accepted: it looks exactly like an address
    assert kinds("Ce soir : « 13 rue du Crime », polar musical.", known_names=()) == [ADDRESS]


# -- everything at once, overlaps -------------------------------------------------------------


def test_all_kinds_in_reading_order_without_overlaps():
    found = find_personal_data(LETTER)
    assert [(f.kind, f.text) for f in found] == [
        (CUSTOMER, "Julien Bailly"), (EMAIL, "bailly.julien@courriel.example"),
        (PHONE, "04 65 71 26 72"), (ADDRESS, "12 rue des Lilas, 06290 Port-Rivage"),
        (IBAN, "FR76 3000 6000 0112 3456 7890 189"), (EMAIL, "BAILLY.JULIEN@COURRIEL.EXAMPLE"),
        (PHONE, "+33 4 65 71 26 72"), (CUSTOMER, "Christine Le Roux"),
        (EMAIL, "christine.leroux@mail.example"), (CUSTOMER, "BAILLY Julien"),
    ]
    for f in found:
        assert LETTER[f.start:f.end] == f.text
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start


def test_finding_is_frozen():
    f = find_personal_data("jean@example.fr")[0]
    with pytest.raises(AttributeError):
        f.text = "autre"  # type: ignore[misc]


def test_mask_of_each_kind():
    def m(text, kind):
        return mask(only(text, kind, known_names=()))

    assert m("jeanne@example.fr", EMAIL) == "j***@example.fr"
    assert m("06 12 34 56 78", PHONE) == "06 ** ** ** 78"
    assert m("+33 (0)6 12 34 56 78", PHONE) == "+33 (0)6 ** ** ** 78"
    assert m("3 bis avenue Jean-Jaurès, 75019 Paris", ADDRESS) == "** bis avenue J***-J***, ** P***"
    assert m("FR7630006000011234567890189", IBAN) == "FR76*********************89"
