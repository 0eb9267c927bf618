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
from ia_marketing.prompting import imitation
from ia_marketing.prompting.atelier import (
    ENGINE_CONFIGURED,
    ENGINE_GIVEN,
    ENGINE_LOCAL,
    MODE_FIELDS,
    MODE_FREE,
    MODE_IMITATE,
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
    # the fields start on the imitation subject, whose examples hold verbs and formats: empty them all
    for name in ("contexte", "tache", "format_attendu", "exemples", "amorce"):
        atelier.fields[name].value = ""
    shown = _text(atelier.checklist.value)
    assert "Score : 100/100" not in shown
    assert "Suggestion" in shown and "verbe" in shown.lower()  # the task comes first


def test_a_bad_example_line_is_explained_in_the_checklist(atelier):
    atelier.mode.value = MODE_FIELDS
    atelier.fields["exemples"].value = "Trop long, négatif"
    assert "ia-erreur" in atelier.checklist.value
    assert "=>" in _text(atelier.checklist.value)
    assert atelier.send_prompt() is None
    assert "ligne 1" in _text(atelier.message.value)


def test_free_text_mode_starts_from_the_guided_fields(atelier):
    atelier.mode.value = MODE_FREE
    assert atelier.free_text.layout.display is None
    assert atelier.fields["tache"].layout.display == "none"
    assert atelier.free_text.value.startswith("Rôle : Tu es chargée ou chargé de communication")
    assert atelier.current_prompt() == atelier.free_text.value


# -- the imitation mode -----------------------------------------------------------------------
def test_the_local_model_starts_in_the_imitation_mode_and_says_what_it_can_and_cannot_do(atelier):
    assert atelier.mode.value == MODE_IMITATE
    assert [v for _, v in atelier.mode.options] == [MODE_IMITATE, MODE_FIELDS, MODE_FREE]
    assert atelier.temperature.value == imitation.DEFAULT_TEMPERATURE
    assert atelier.imitation_box.layout.display is None and atelier.imitation_note.layout.display is None
    assert atelier.checklist.layout.display == "none" and atelier.fields["tache"].layout.display == "none"
    note = _text(atelier.imitation_note.value)
    for words in ("modèle de base", "n'obéit à aucune consigne", "inventer des faits", "date", "prix",
                  "vérifiez chaque fait dans le programme"):
        assert words in note, words
    assert atelier.brief.value.startswith("annonce : « Nuit blanche au piano », un concert")
    document = _text(atelier.document.value)
    assert "Voir le document envoyé au modèle : 6 publications Instagram passées" in document
    assert document.count("Sujet : ") == 7 and "Pourquoi ces exemples" in document
    assert atelier.current_prompt() == atelier.imitation.text
    assert atelier.imitation.text.endswith(f"Sujet : {atelier.brief.value}\nPublication :")


def test_choosing_a_show_a_kind_or_a_network_rewrites_the_subject_and_the_document(atelier):
    atelier.show.value = "S001"
    atelier.kind.value = "rappel"
    assert atelier.brief.value.startswith("rappel : « Sillage », un spectacle de danse, le mardi 27 septembre")
    atelier.network.value = "TikTok"
    atelier.n_examples.value = 2
    assert atelier.imitation.network == "TikTok" and len(atelier.imitation.examples) == 2
    assert atelier.imitation.text.startswith("Publications TikTok du Théâtre du Rivage.")
    # the guided fields say the same subject, as an instruction, until the learner edits them
    assert atelier.fields["contexte"].value == atelier.brief.value
    assert "TikTok" in atelier.fields["tache"].value
    atelier.fields["contraintes"].value = "Moins de 20 mots."
    atelier.show.value = "S084"
    assert atelier.brief.value.startswith("rappel : « Nuit blanche au piano »")
    assert "Sillage" in atelier.fields["contexte"].value  # edited fields are left alone
    atelier.show.value = ""
    atelier.brief.value = "   "
    assert atelier.imitation is None and "sujet est vide" in _text(atelier.document.value)
    assert atelier.send_prompt() is None
    assert "sujet" in _text(atelier.message.value)


def test_send_in_the_imitation_mode_shows_a_cut_post_its_author_and_its_checks(atelier):
    seen: list[str] = []
    atelier.answer.observe(lambda change: seen.append(change["new"]), names="value")
    atelier.send.click()
    attempt = atelier.history.last()
    assert attempt is not None and attempt.ok, attempt
    assert attempt.output.strip() and "Sujet" not in attempt.output and "\n" not in attempt.output
    assert attempt.raw_output is not None and attempt.raw_output.strip().startswith(attempt.output[:15])
    assert attempt.score is None  # a document to continue is not a prompt to score
    assert "imitation" in attempt.label
    assert len(seen) >= 3
    assert _text(atelier.answer.value).strip() == attempt.output
    checks = " ".join(_text(atelier.checks.value).split())
    assert "Écrit par local · gemma" in checks and "en imitant 6 publications Instagram passées" in checks
    assert "caractères (attendu : de 60 à 350)" in checks
    assert "Session : 1 appel" in _text(atelier.meter.value)


def test_without_a_configured_engine_the_comparison_says_how_to_get_one(atelier):
    assert atelier.instruction_engine() is None
    assert atelier.instruction_button.layout.display == "none"
    hint = _text(atelier.instruction_hint.value)
    assert "Ollama" in hint and "LM Studio" in hint and ".env" in hint
    assert atelier.compare_with_instruction() is None


def test_an_instruction_tuned_engine_switches_to_the_instruction_mode(atelier):
    atelier.engine.value = "mistral"
    assert atelier.mode.value == MODE_FIELDS
    assert atelier.instruction_box.layout.display == "none"
    assert atelier.checklist.layout.display is None and atelier.fields["tache"].layout.display is None
    assert atelier.instruction_engine() == "mistral"
    atelier.mode.value = MODE_IMITATE  # the learner may still ask for it
    assert atelier.instruction_button.layout.display is None
    assert "Mistral" in _text(atelier.instruction_hint.value)


def test_the_same_subject_goes_to_a_real_server_as_an_instruction(clean_env, llama_server, local_llm,
                                                                  fresh_usage, monkeypatch):
    monkeypatch.setenv("IA_MARKETING_BASE_URL", llama_server.base_url)
    monkeypatch.setenv("IA_MARKETING_MODEL", llama_server.model)
    atelier = AtelierPrompts()
    assert atelier.mode.value == MODE_IMITATE and atelier.instruction_engine() == ENGINE_CONFIGURED
    assert atelier.instruction_button.layout.display is None
    assert llama_server.base_url in _text(atelier.instruction_hint.value)
    atelier.max_tokens.value = 60
    imitated, instructed = atelier.compare_with_instruction()
    assert imitated.ok and instructed.ok, (imitated.error, instructed.error)
    assert imitated.backend.startswith("local") and instructed.backend.startswith("fournisseur configuré")
    assert instructed.prompt.startswith("Rôle : Tu es chargée ou chargé de communication")
    assert atelier.brief.value in instructed.prompt
    shown = " ".join(_text(atelier.instruction_out.value).split())
    assert "Imiter nos publications (modèle de base)" in shown
    assert "Consigne (pour un modèle entraîné à suivre des consignes)" in shown
    assert f"écrit par {imitated.backend}" in shown and f"écrit par {instructed.backend}" in shown
    assert len(atelier.history) == 2


# -- sending an instruction ---------------------------------------------------------------------
def test_send_streams_local_text_and_meters_it(atelier):
    atelier.mode.value = MODE_FIELDS
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
    # offline too, the counter gives an energy: measured time × the stated power, with its reasons,
    # next to EcoLogits' estimate of a large remote model writing the same tokens
    seconds = attempt.usage.duration_s
    assert attempt.usage.energy_wh == pytest.approx((15 * seconds / 3600, 65 * seconds / 3600))
    assert "sur cet ordinateur" in meter and "× 15 à 65 W" in meter and "hypothèse du cours" in meter
    assert meter.count("hypothèse du cours") == 1  # said once, not again under the session totals
    assert "pour un grand modèle distant" in meter and "d'après EcoLogits" in meter
    assert "non estimé" not in meter
    assert "1 essai" in _text(atelier.history_out.value)
    assert not atelier.send.disabled and atelier.status.value == ""
    assert "à partir d'une consigne" in " ".join(_text(atelier.checks.value).split())


def test_an_empty_prompt_is_not_sent(atelier):
    atelier.mode.value = MODE_FREE
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
    assert attempt.backend.startswith("fournisseur configuré")  # not the local backend of the kernel
    assert attempt.tokens_out and attempt.tokens_out > 0


def test_the_privacy_guard_refuses_in_the_widget_and_sends_nothing(clean_env, fresh_usage,
                                                                   fault_server):
    remote = OpenAIBackend(ProviderSettings(base_url=fault_server.base_url, model="modele-test",
                                            api_key="cle-de-test", timeout=10, max_retries=0))
    remote.is_remote = True  # 127.0.0.1 is this machine: this instance plays a remote provider
    atelier = AtelierPrompts(remote)
    assert atelier.engine.value == ENGINE_GIVEN
    atelier.mode.value = MODE_FREE
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
    assert atelier.mode.value == MODE_FREE
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
