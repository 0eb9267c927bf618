"""The prompt workshop widget, driven from Python as a learner drives it with the mouse.

`Button.click()` runs the same handlers as a click in JupyterLab; the browser test
(tests/browser/) checks the same paths through a real page. The model calls are real: the
local model, a real llama.cpp server, a closed port, and the scripted server of the tests made
to look remote for the privacy guard.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

from ia_marketing import load
from ia_marketing.llm.config import ProviderSettings
from ia_marketing.llm.openai_backend import OpenAIBackend
from ia_marketing.prompting.atelier import (
    ENGINE_CONFIGURED,
    ENGINE_GIVEN,
    ENGINE_LOCAL,
    AtelierPrompts,
    atelier_prompts,
    engine_options,
    parse_examples,
)
from ia_marketing.prompting.checklist import RULES
from ia_marketing.prompting.parts import PromptParts


@pytest.fixture
def atelier(clean_env, local_llm, fresh_usage) -> AtelierPrompts:
    return atelier_prompts(tableau=load("journalistes")).atelier


def _text(html_value: str) -> str:
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", " ", html_value.replace("<br>", "\n")))


# -- plain helpers ---------------------------------------------------------------------------
def test_parse_examples_reads_arrows_and_names_the_bad_line():
    assert parse_examples("Superbe soirée => positif\n\nTrop long → négatif\nBof -> neutre") == [
        ("Superbe soirée", "positif"), ("Trop long", "négatif"), ("Bof", "neutre")]
    with pytest.raises(ValueError, match="ligne 2.*=>"):
        parse_examples("Superbe => positif\nTrop long, négatif")


def test_engine_options_offer_local_first_and_the_configured_provider_when_there_is_one():
    bare = engine_options({})
    assert bare[0][1] == ENGINE_LOCAL
    assert ENGINE_CONFIGURED not in [v for _, v in bare]
    assert {"ollama", "mistral", "albert"} <= {v for _, v in bare}
    configured = engine_options({"IA_MARKETING_BASE_URL": "http://127.0.0.1:9/v1"})
    assert configured[1] == ("Fournisseur configuré : http://127.0.0.1:9/v1", ENGINE_CONFIGURED)
    assert "Mistral" in engine_options({"IA_MARKETING_PROVIDER": "mistral"})[1][0]


# -- writing: the checklist follows the prompt -----------------------------------------------
def test_checklist_is_shown_at_start_and_follows_the_fields(atelier):
    assert "Score : 100/100" in atelier.checklist.value
    atelier.fields["tache"].value = ""
    atelier.fields["format_attendu"].value = ""
    shown = _text(atelier.checklist.value)
    assert "Score : 100/100" not in shown
    assert "Suggestion" in shown and "verbe" in shown.lower()  # the task comes first


def test_a_bad_example_line_is_explained_in_the_checklist(atelier):
    atelier.fields["exemples"].value = "Trop long, négatif"
    assert "ia-erreur" in atelier.checklist.value
    assert "=>" in _text(atelier.checklist.value)
    assert atelier.send_prompt() is None
    assert "ligne 1" in _text(atelier.message.value)


def test_free_text_mode_starts_from_the_guided_fields(atelier):
    atelier.mode.value = "libre"
    assert atelier.free_text.layout.display is None
    assert atelier.fields["tache"].layout.display == "none"
    assert atelier.free_text.value.startswith("Rôle : Tu es chargé·e de communication")
    assert atelier.current_prompt() == atelier.free_text.value


# -- sending ----------------------------------------------------------------------------------
def test_send_streams_local_text_and_meters_it(atelier):
    seen: list[str] = []
    atelier.answer.observe(lambda change: seen.append(change["new"]), names="value")
    atelier.max_tokens.value = 30
    atelier.send.click()
    attempt = atelier.history.last()
    assert attempt is not None and attempt.ok, attempt
    assert attempt.output.strip()
    assert len(seen) >= 3  # the answer was redrawn while it was being generated
    assert _text(atelier.answer.value).strip().startswith(attempt.output.strip()[:20])
    meter = _text(atelier.meter.value)
    assert "Dernier appel" in meter and "Session : 1 appel" in meter
    assert "1 essai" in _text(atelier.history_out.value)
    assert not atelier.send.disabled and atelier.status.value == ""


def test_an_empty_prompt_is_not_sent(atelier):
    atelier.mode.value = "libre"
    atelier.free_text.value = "   "
    attempt = atelier.send_prompt()
    assert attempt is not None and not attempt.ok
    assert "vide" in _text(atelier.message.value)
    assert attempt.usage is None


def test_a_provider_without_key_is_explained_in_the_widget(atelier):
    atelier.engine.value = "mistral"
    assert atelier.model_name.layout.display is None
    assert atelier.send_as.value == "chat"
    assert atelier.send_prompt() is None
    message = _text(atelier.message.value)
    assert "Configuration incomplète" in message and "MISTRAL_API_KEY" in message


def test_an_unreachable_provider_is_explained_quickly(clean_env, closed_port, local_llm, fresh_usage,
                                                    monkeypatch):
    monkeypatch.setenv("IA_MARKETING_BASE_URL", f"http://127.0.0.1:{closed_port}/v1")
    monkeypatch.setenv("IA_MARKETING_MODEL", "modele-test")
    monkeypatch.setenv("IA_MARKETING_MAX_RETRIES", "0")
    atelier = AtelierPrompts()
    atelier.engine.value = ENGINE_CONFIGURED
    start = time.perf_counter()
    atelier.send.click()
    elapsed = time.perf_counter() - start
    message = _text(atelier.message.value)
    assert "Serveur injoignable" in message, message
    assert str(closed_port) in message
    assert elapsed < 20
    assert not atelier.send.disabled
    assert atelier.history.last().error


def test_the_real_server_answers_through_the_configured_engine(clean_env, llama_server, fresh_usage,
                                                              monkeypatch):
    monkeypatch.setenv("IA_MARKETING_BASE_URL", llama_server.base_url)
    monkeypatch.setenv("IA_MARKETING_MODEL", llama_server.model)
    atelier = AtelierPrompts()
    atelier.engine.value = ENGINE_CONFIGURED
    atelier.send_as.value = "completer"
    atelier.max_tokens.value = 20
    atelier.send.click()
    attempt = atelier.history.last()
    assert attempt.ok, attempt.error
    assert attempt.output.strip()
    assert attempt.backend.startswith("openai")  # not the local backend of the kernel
    assert attempt.tokens_out and attempt.tokens_out > 0


def test_the_privacy_guard_refuses_in_the_widget_and_sends_nothing(clean_env, fresh_usage,
                                                                   fault_server):
    remote = OpenAIBackend(ProviderSettings(base_url=fault_server.base_url, model="modele-test",
                                            api_key="cle-de-test", timeout=10, max_retries=0))
    remote.is_remote = True  # 127.0.0.1 is this machine: this instance plays a remote provider
    atelier = AtelierPrompts(remote)
    assert atelier.engine.value == ENGINE_GIVEN
    atelier.mode.value = "libre"
    atelier.free_text.value = ("Rédige une relance pour christine.leroux@mail.example, "
                               "joignable au 06 12 34 56 78.")
    assert "✘" in atelier.checklist.value  # flagged before sending
    atelier.send.click()
    message = _text(atelier.message.value)
    assert "Données personnelles détectées" in message
    assert "c***@mail.example" in message and "christine.leroux" not in message
    assert "pseudonym" in message.lower()
    assert fault_server.requests == []


# -- comparing ---------------------------------------------------------------------------------
def test_compare_two_temperatures_side_by_side(atelier):
    atelier.max_tokens.value = 20
    atelier.copy_to_ab.click()
    assert atelier.prompt_a.value == atelier.prompt_b.value != ""
    atelier.temperature_a.value = 0.0
    atelier.temperature_b.value = 1.4
    comparison = atelier.compare_prompts()
    assert comparison is not None and comparison.a.ok and comparison.b.ok
    assert (comparison.a.temperature, comparison.b.temperature) == (0.0, 1.4)
    shown = _text(atelier.compare_out.value)
    assert "Température" in shown and "1,4" in shown
    assert len(atelier.history) == 2
    again = atelier.compare_prompts()  # the seed is fixed: the comparison can be replayed
    assert (again.a.output, again.b.output) == (comparison.a.output, comparison.b.output)


def test_compare_keeps_a_failing_side_apart(clean_env, closed_port, local_llm, fresh_usage, monkeypatch):
    monkeypatch.setenv("IA_MARKETING_BASE_URL", f"http://127.0.0.1:{closed_port}/v1")
    monkeypatch.setenv("IA_MARKETING_MODEL", "modele-test")
    monkeypatch.setenv("IA_MARKETING_MAX_RETRIES", "0")
    atelier = AtelierPrompts()
    atelier.max_tokens.value = 10
    atelier.engine_b.value = ENGINE_CONFIGURED
    comparison = atelier.compare_prompts()
    assert comparison.a.ok and comparison.a.output
    assert "Serveur injoignable" in comparison.b.error
    assert "Serveur injoignable" in _text(atelier.compare_out.value)


# -- templates ---------------------------------------------------------------------------------
def test_template_preview_follows_the_selected_row(atelier):
    journalists = load("journalistes")
    assert len(atelier.row.options) == len(journalists)
    third = journalists.index[2]
    atelier.row.value = third
    preview = _text(atelier.preview.value)
    assert f"Bonjour {journalists.loc[third, 'prenom']} {journalists.loc[third, 'nom']}" in preview
    assert journalists.loc[third, "media"] in preview and "Sillage" in preview
    assert "{prenom}" in _text(atelier.variables.value)


def test_template_errors_are_explained(atelier):
    atelier.template.value = "Bonjour {prenon},"
    assert "prenon" in _text(atelier.preview.value) and "prenom" in _text(atelier.preview.value)
    assert atelier.fill_table() is None
    assert "prenon" in _text(atelier.table_out.value)
    atelier.template.value = "Bonjour {prenom"
    assert "ia-erreur" in atelier.variables.value
    atelier.template.value = "Pour {spectacle}"
    atelier.extra_text.value = "spectacle Sillage"
    assert "nom=valeur" in _text(atelier.preview.value)


def test_fill_for_every_row_keeps_every_row(clean_env, fresh_usage, local_llm):
    table = pd.DataFrame({"id": ["a", "b", "c"], "prenom": ["Inès", None, "Léo"],
                          "media": ["Radio Rivage", "Le Courrier", "Scènes"]})
    atelier = AtelierPrompts(tableau=table, modele_message="Bonjour {prenom} ({media}) : {spectacle}")
    result = atelier.fill_table()
    assert list(result["id"]) == ["a", "b", "c"]
    assert result["erreur"].notna().tolist() == [False, True, False]
    shown = _text(atelier.table_out.value)
    assert "3 lignes en entrée, 3 lignes en sortie : 2 messages prêts, 1 ligne avec une erreur" in shown


def test_a_filled_message_can_be_sent_from_the_first_tab(atelier):
    atelier.tabs.selected_index = 2
    atelier.use_as_prompt.click()
    assert atelier.tabs.selected_index == 0
    assert atelier.mode.value == "libre"
    assert atelier.free_text.value.startswith("Bonjour Gilles Marchand")


# -- history -----------------------------------------------------------------------------------
def test_history_lists_attempts_and_can_be_cleared(atelier):
    atelier.max_tokens.value = 10
    atelier.send.click()
    atelier.engine.value = "albert"  # no key: not even an attempt
    atelier.send.click()
    atelier.engine.value = ENGINE_LOCAL
    atelier.send.click()
    assert len(atelier.history) == 2
    assert "2 essais" in _text(atelier.history_out.value)
    atelier.clear_history.click()
    assert len(atelier.history) == 0
    assert "Aucun essai" in _text(atelier.history_out.value)


def test_rules_tab_shows_every_rule():
    atelier = AtelierPrompts(parts=PromptParts(tache="Résume cet avis."))
    shown = _text(atelier.tabs.children[4].value)
    for rule in RULES:
        assert rule.label in shown
