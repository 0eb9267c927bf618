"""Pseudonymisation (`ia_marketing.privacy.pseudonyms`): placeholders, keyed pseudonyms, and back."""

from __future__ import annotations

import re

import pytest
from fake_personal_data import LETTER, french_phones
from hypothesis import given

from ia_marketing.privacy import (
    check_prompt,
    find_personal_data,
    pseudonym,
    pseudonymise,
    reidentify,
)


def test_pseudonymise_round_trip_and_stable_placeholders():
    text, mapping = pseudonymise(LETTER)
    assert text.splitlines()[1] == "Merci de relancer [PERSONNE_1] ([EMAIL_1], [TEL_1]),"
    assert "[ADRESSE_1]" in text and "[IBAN_1]" in text
    # the same value (any writing) has the same placeholder; numbering by first appearance
    assert text.count("[PERSONNE_1]") == 2 and "[PERSONNE_2]" in text
    assert text.count("[EMAIL_1]") == 2 and "[EMAIL_2]" in text
    assert text.count("[TEL_1]") == 2 and "[TEL_2]" not in text
    assert mapping == {
        "[PERSONNE_1]": "Julien Bailly", "[EMAIL_1]": "bailly.julien@courriel.example",
        "[TEL_1]": "04 65 71 26 72", "[ADRESSE_1]": "12 rue des Lilas, 06290 Port-Rivage",
        "[IBAN_1]": "FR76 3000 6000 0112 3456 7890 189", "[PERSONNE_2]": "Christine Le Roux",
        "[EMAIL_2]": "christine.leroux@mail.example"}
    assert find_personal_data(text) == []
    check_prompt(text, remote=True)  # nothing left to refuse


def test_reidentify_restores_the_original_text():
    original = ("Julien Bailly (bailly.julien@courriel.example) habite 12 rue des Lilas ; "
                "Julien Bailly rappellera au 06 39 98 83 70.")
    text, mapping = pseudonymise(original)
    assert reidentify(text, mapping) == original
    answer = "Cher [PERSONNE_1], nous vous écrirons à [EMAIL_1]."
    assert reidentify(answer, mapping) == "Cher Julien Bailly, nous vous écrirons à bailly.julien@courriel.example."
    assert reidentify("rien à remplacer", {}) == "rien à remplacer"


def test_keyed_pseudonyms_are_stable_across_texts_and_depend_on_the_salt():
    a, map_a = pseudonymise("Écrire à jean@example.fr", salt="sel-secret", keyed=True)
    b, map_b = pseudonymise("Relancer JEAN@EXAMPLE.FR puis paul@example.fr", salt="sel-secret", keyed=True)
    c, _ = pseudonymise("Écrire à jean@example.fr", salt="autre-sel", keyed=True)
    placeholder = re.search(r"\[EMAIL_[0-9a-f]{10}\]", a).group()
    assert placeholder in b and placeholder not in c
    assert map_a[placeholder] == "jean@example.fr" and map_b[placeholder] == "JEAN@EXAMPLE.FR"
    # salt alone does not change the numbered placeholders
    assert pseudonymise("Écrire à jean@example.fr", salt="sel")[0] == "Écrire à [EMAIL_1]"
    with pytest.raises(ValueError, match="clé secrète"):
        pseudonymise("jean@example.fr", keyed=True)


def test_pseudonym():
    p = pseudonym("jean@example.fr", "sel")
    assert re.fullmatch(r"[0-9a-f]{10}", p)
    assert p == pseudonym("jean@example.fr", b"sel") != pseudonym("jean@example.fr", "sel2")
    assert p != pseudonym("paul@example.fr", "sel")
    with pytest.raises(ValueError, match="vide"):
        pseudonym("jean@example.fr", "")


@given(french_phones(), french_phones())
def test_two_writings_of_one_phone_share_a_placeholder(a, b):
    text, mapping = pseudonymise(f"Appeler le {a} ou le {b}.", known_names=())
    same = re.sub(r"\D", "", a)[-9:] == re.sub(r"\D", "", b)[-9:]
    assert (text.count("[TEL_1]") == 2) == same
    assert reidentify(text, mapping).startswith(f"Appeler le {a}")
