"""The guard on a trainee's own data: social security numbers with their key, dates of birth in
context, obfuscated e-mails, names the customer file does not hold (spaCy's French model), and
the measured recall and precision per kind on the labelled corpus."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing.privacy import (
    BIRTH,
    EMAIL,
    NIR,
    PERSON,
    check_prompt,
    find_personal_data,
    ner,
    nir_is_valid,
    pseudonymise,
)
from ia_marketing.privacy.evaluation import CORPUS, evaluate


def found(text, **kw):
    return [(f.kind, f.text) for f in find_personal_data(text, **kw)]


# -- NIR -------------------------------------------------------------------------------------------
# Keys computed by hand with 97 - (13 digits mod 97), 2A read as 19 and 2B as 18.
VALID = ["185037512345641", "292061308804221", "178086912301795", "185022A00401222", "299079935012304"]


@pytest.mark.parametrize("nir", VALID)
def test_a_valid_nir_is_found_grouped_or_in_one_run(nir):
    grouped = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    assert nir_is_valid(nir) and nir_is_valid(grouped)
    assert found(f"Numéro de sécu : {grouped}.") == [(NIR, grouped)]
    assert found(f"NIR {nir} pour l'attestation") == [(NIR, nir)]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(VALID), st.integers(1, 96))
def test_a_nir_with_a_wrong_key_is_not_a_nir(nir, shift):
    key = (int(nir[13:]) + shift - 1) % 97 + 1  # any other key from 01 to 97
    wrong = nir[:13] + f"{key:02d}"
    assert not nir_is_valid(wrong)
    assert NIR not in [k for k, _ in found(f"Dossier {wrong}")]


def test_a_nir_needs_a_plausible_sex_and_month():
    assert not nir_is_valid("585037512345641")  # no sex digit 5
    assert not nir_is_valid("1851375123456" + f"{97 - 1851375123456 % 97:02d}")  # month 13


# -- dates of birth --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, date", [
    ("Lucie, née le 12/03/1985 à Nice", "12/03/1985"),
    ("Il est né le 3 avril 1990.", "3 avril 1990"),
    ("Né(e) le 1er mai 1960 ; abonnement", "1er mai 1960"),
    ("Date de naissance : 1985-03-12", "1985-03-12"),
    ("DDN: 12.03.85", "12.03.85"),
])
def test_a_date_of_birth_is_found_in_its_context(text, date):
    assert found(text) == [(BIRTH, date)]


@pytest.mark.parametrize("text", ["Première le 12/03/2026 à 20 h.", "Ouverture le 1er mai 2026.",
                                  "Date de la représentation : 12/03/2026."])
def test_a_date_alone_is_not_a_date_of_birth(text):
    assert found(text) == []


# -- obfuscated e-mails ----------------------------------------------------------------------------
@pytest.mark.parametrize("written", ["j.dupont [at] gmail [dot] com", "marc.leroy (arobase) orange.fr",
                                     "lea arobase exemple point fr", "k.nguyen{at}free{dot}fr",
                                     "paul at example dot com", "s.martin[at]laposte[point]net"])
def test_an_obfuscated_email_is_an_email(written):
    assert found(f"Contact : {written}, merci") == [(EMAIL, written)]


@pytest.mark.parametrize("text", ["Meet us at the venue at 8 pm.", "Rendez-vous at le point de vente.",
                                  "meet at home.com"])
def test_english_at_alone_is_not_an_email(text):
    assert found(text) == []


def test_masks_hide_the_new_kinds():
    text = "NIR 1 85 03 75 123 456 41, née le 12 mars 1985, j.dupont [at] gmail [dot] com"
    masks = [f.masked for f in find_personal_data(text)]
    assert masks == ["1 ** ** ** *** *** **", "** m*** ****", "j*** [at] gmail [dot] com"]


def test_pseudonymise_replaces_the_new_kinds():
    text = "Awa Koné (NIR 2 92 06 13 088 042 21), née le 02/02/1992 : awa [at] mail [dot] fr"
    pseudo, table = pseudonymise(text)
    for value in ["2 92 06 13 088 042 21", "02/02/1992", "awa [at] mail [dot] fr"]:
        assert value not in pseudo and value in table.values()
    assert "[NIR_1]" in pseudo and "[NAISSANCE_1]" in pseudo


# -- names the customer file does not hold ---------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ("Rappeler Fatoumata Diallo avant vendredi.", "Fatoumata Diallo"),
    ("Kevin Le Goff a réservé deux places.", "Kevin Le Goff"),
    ("Merci Sophie Martin pour votre message.", "Sophie Martin"),
    ("Bonjour Madame Rousseau, votre commande est prête.", "Rousseau"),
    ("Mme Le Goff a appelé.", "Le Goff"),
])
def test_names_of_people_outside_the_customer_file_are_found(text, name):
    assert found(text) == [(PERSON, name)]


@pytest.mark.parametrize("text", ["Le collectif Pieds Nus présente Sillage.", "Courez voir Le Petit Phare !",
                                  "Joyeux Noël à toutes et à tous !", "Merci Sophie !"])
def test_organisations_titles_greetings_and_first_names_alone_are_not_people(text):
    assert found(text) == []


def test_not_names_lists_a_venue_own_names():
    text = "Ce soir : Marguerite Duras, lecture au Studio."
    assert found(text) == [(PERSON, "Marguerite Duras")]
    assert found(text, not_names=["Marguerite Duras"]) == []


def test_the_guard_blocks_a_name_it_has_never_seen():
    with pytest.raises(Exception, match="nom de personne") as err:
        check_prompt("Écris un message de relance à Fatoumata Diallo.", remote=True)
    assert "F*** D***" in str(err.value) and "Fatoumata" not in str(err.value)


def test_without_the_french_model_a_warning_says_so_and_the_rest_still_works(monkeypatch):
    monkeypatch.setattr(ner, "MODEL", "fr_modele_absent")
    monkeypatch.setattr(ner, "_state", {})
    with pytest.warns(RuntimeWarning, match="modèle de reconnaissance des noms"):
        kinds = [k for k, _ in found("Fatoumata Diallo, fd@mail.example")]
    assert kinds == [EMAIL]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once, not at every prompt
        found("Fatoumata Diallo")


# -- measured on the labelled corpus ---------------------------------------------------------------
def test_recall_and_precision_per_kind_on_the_labelled_corpus():
    scores = evaluate()
    assert set(scores) == {"EMAIL", "TEL", "IBAN", "NIR", "NAISSANCE", "ADRESSE", "PERSONNE"}
    assert sum(s.marked for s in scores.values()) >= 60 and sum(not marks for _, marks in CORPUS) >= 15
    for code, s in scores.items():
        assert s.recall is not None and s.precision is not None, code
        assert s.recall >= (0.9 if code == "PERSONNE" else 1.0), (code, s)
        assert s.precision >= (0.9 if code == "PERSONNE" else 1.0), (code, s)


def test_the_evaluation_counts_misses_and_false_alarms():
    corpus = [("Kevin Le Goff viendra.", [("PERSONNE", "Kevin Le Goff")]),
              ("Tél. 06 12 34 56 78", [("EMAIL", "06 12 34 56 78")]),  # wrongly marked on purpose
              ("Rien ici.", [("NIR", "Rien")])]
    scores = evaluate(corpus)
    assert (scores["PERSONNE"].recall, scores["PERSONNE"].precision) == (1.0, 1.0)
    assert scores["EMAIL"].recall == 0.0 and scores["EMAIL"].precision is None
    assert scores["TEL"].precision == 0.0 and scores["NIR"].recall == 0.0
