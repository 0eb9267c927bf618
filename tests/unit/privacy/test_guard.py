"""The guard (`ia_marketing.privacy.guard.check_prompt`) and its French message."""

from __future__ import annotations

import pytest
from fake_personal_data import LETTER

from ia_marketing.core import CourseError
from ia_marketing.llm import LLMError, PersonalDataError
from ia_marketing.privacy import (
    check_prompt,
    pseudonymise,
)


def test_check_prompt_refuses_remote_and_masks_every_value():
    with pytest.raises(PersonalDataError) as info:
        check_prompt(LETTER, remote=True, destination="Mistral AI (https://api.mistral.ai/v1)")
    error = info.value
    full = str(error)
    # a course error with a French message and advice, not an LLM fault: nothing was sent
    assert isinstance(error, CourseError) and not isinstance(error, LLMError)
    assert error.titre == "Données personnelles détectées"
    for _, f in error.findings:
        assert f.text not in full, f.text
        assert f"« {f.masked} »" in error.message
    assert "« b***@courriel.example »" in full
    assert "« 04 ** ** ** 72 »" in full
    assert "« +33 4 ** ** ** 72 »" in full
    assert "« J*** B*** »" in full
    assert "« FR76 **** **** **** **** **** *89 »" in full
    assert "10 données personnelles" in error.message
    assert "Mistral AI (https://api.mistral.ai/v1)" in error.message
    assert "Rien n'a été envoyé" in error.message
    assert "ligne 2, caractère 19" in error.message  # where Julien Bailly is
    for word in ("from ia_marketing.privacy import pseudonymise", "get_llm(\"local\")",
                 "allow_personal_data=True", "pseudonymiser n'est pas anonymiser", "RGPD"):
        assert word in error.conseil


def test_check_prompt_on_a_conversation_says_which_message():
    messages = [{"role": "system", "content": "Tu es l'assistant du Théâtre du Rivage."},
                {"role": "user", "content": "Rédige un mail pour\nchristine.leroux@mail.example"}]
    with pytest.raises(PersonalDataError) as info:
        check_prompt(messages, remote=True)
    assert "une donnée personnelle (adresse e-mail)" in info.value.message
    assert "message n° 2 de l'utilisateur, ligne 2, caractère 1" in info.value.message
    assert "christine.leroux@mail.example" not in str(info.value)


def test_check_prompt_lets_through_local_override_and_clean_text():
    check_prompt(LETTER, remote=False)
    check_prompt(LETTER, remote=True, allow_personal_data=True)
    check_prompt("Rédige un post Instagram pour la première du 12/10/2025 (24,50 €).", remote=True)
    check_prompt(pseudonymise(LETTER)[0], remote=True)


def test_long_lists_are_shortened():
    text = " ".join(f"client{i}@example.fr" for i in range(30))
    with pytest.raises(PersonalDataError) as info:
        check_prompt(text, remote=True, known_names=())
    assert "30 données personnelles" in info.value.message
    assert "… et 18 autres" in info.value.message
    assert "client1@example.fr" not in str(info.value)
