"""A classroom kernel: the room's server while it answers, its own local model when it does not.

Real components: the embedded model, a real llama.cpp server, and a port of 127.0.0.1 where
nothing listens (a refused connection, as when the room's server is down)."""

from __future__ import annotations

import pytest

from ia_marketing import get_llm
from ia_marketing.llm import ServerUnreachableError, provider_settings
from ia_marketing.llm.openai_backend import OpenAIBackend
from ia_marketing.llm.room import RETRY_AFTER_S, RoomBackend

PROMPT = "Sujet : concert de jazz\nPublication :"


@pytest.fixture
def room_env(clean_env, closed_port, monkeypatch):
    """The variables the classroom's spawner gives every server, the room's server being down."""
    for name, value in {"IA_MARKETING_BACKEND": "fournisseur", "IA_MARKETING_PROVIDER": "llamacpp",
                        "IA_MARKETING_BASE_URL": f"http://127.0.0.1:{closed_port}/v1",
                        "IA_MARKETING_SECOURS": "local", "IA_MARKETING_MAX_RETRIES": "0"}.items():
        monkeypatch.setenv(name, value)
    return closed_port


def test_a_room_kernel_falls_back_to_its_own_model_with_a_french_message(room_env, capsys):
    modele = get_llm()
    assert isinstance(modele, RoomBackend) and not modele.on_fallback
    answer = modele.complete(PROMPT, max_tokens=8, deterministic=True)
    assert answer.text.strip()
    assert modele.on_fallback
    assert answer.usage.backend == "local"  # the record names the model that really answered
    err = capsys.readouterr().err
    assert f"Le serveur de modèle de la salle (http://127.0.0.1:{room_env}/v1) ne répond pas" in err
    assert "modèle local intégré" in err and "formatrice ou votre formateur" in err
    assert "en secours du serveur de la salle" in modele.describe()
    # streamed and next-token calls too, and the message is said once only
    assert modele.stream(PROMPT, max_tokens=5, deterministic=True).collect().text
    assert len(modele.next_token_distribution("La saison culturelle commence en", k=3)) == 3
    assert "ne répond pas" not in capsys.readouterr().err


def test_without_the_room_s_variable_an_absent_server_is_an_error(room_env, monkeypatch):
    monkeypatch.delenv("IA_MARKETING_SECOURS")
    modele = get_llm()
    assert not isinstance(modele, RoomBackend)
    with pytest.raises(ServerUnreachableError):
        modele.complete(PROMPT, max_tokens=4)


def test_a_provider_named_by_the_call_has_no_fallback(room_env):
    assert not isinstance(get_llm("fournisseur", base_url="http://127.0.0.1:9/v1", model="x"), RoomBackend)
    assert not isinstance(get_llm("local"), RoomBackend)


def test_the_room_s_server_takes_over_again_once_it_answers(clean_env, closed_port, llama_server, local_llm):
    now = [1000.0]
    said = []
    down = OpenAIBackend(provider_settings("llamacpp", base_url=f"http://127.0.0.1:{closed_port}/v1",
                                           max_retries=0))
    room = RoomBackend(down, lambda: local_llm, where="la salle", notify=said.append, clock=lambda: now[0])
    assert room.complete(PROMPT, max_tokens=4, deterministic=True).usage.backend == "local"
    assert len(said) == 1
    # the server comes back at the same address: not tried before RETRY_AFTER_S
    room.primary = OpenAIBackend(provider_settings("llamacpp", base_url=llama_server.base_url,
                                                   model=llama_server.model))
    now[0] += RETRY_AFTER_S / 2
    assert room.complete(PROMPT, max_tokens=4, deterministic=True).usage.backend == "local"
    now[0] += RETRY_AFTER_S
    answer = room.complete(PROMPT, max_tokens=4, deterministic=True)
    assert answer.usage.backend == "openai" and not room.on_fallback
    assert said[-1].startswith("✓ Le serveur de modèle de la salle (la salle) répond de nouveau")
    assert "serveur de la salle" in room.describe() and "secours" not in room.describe()


def test_the_llamacpp_preset_continues_prompts_instead_of_chatting(clean_env, llama_server):
    """The room serves a base model: a continuation goes through /v1/completions, never through a
    chat template the model lacks (which would answer with the template's own tokens)."""
    modele = get_llm("llamacpp", base_url=llama_server.base_url, model=llama_server.model, deterministic=True)
    sent = []
    modele.client._client.event_hooks["request"].append(lambda request: sent.append(request.url.path))
    text = modele.complete(PROMPT, max_tokens=12).text + modele.stream(PROMPT, max_tokens=12).collect().text
    assert text.strip() and "<|im_start|>" not in text and "<start_of_turn>" not in text
    assert sent == ["/v1/completions", "/v1/completions"]
    modele.chat("Bonjour", max_tokens=4)  # a conversation still goes to the chat endpoint
    assert sent[-1] == "/v1/chat/completions"
