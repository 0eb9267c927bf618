"""The `openai` backend against a REAL llama.cpp OpenAI-compatible server on 127.0.0.1
(`python -m llama_cpp.server`, session fixture `llama_server` in conftest.py)."""

from __future__ import annotations

import json
import os
import urllib.request

import pytest

from ia_marketing.llm import NotSupportedError, get_llm
from ia_marketing.llm.config import provider_settings
from ia_marketing.llm.openai_backend import OpenAIBackend

PROMPT = "Paris est la capitale de la"
WEEKDAYS = "Lundi, mardi, mercredi, jeudi,"


def _backend(server, **kw) -> OpenAIBackend:
    settings = provider_settings("llamacpp", base_url=server.base_url, model=kw.pop("model", server.model),
                                 timeout=kw.pop("timeout", 60), environ={})
    return OpenAIBackend(settings, **kw)


def _post(server, path: str, body: dict) -> dict:
    """Ask the server directly, without our package, to compare with what it reports."""
    req = urllib.request.Request(server.base_url + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


@pytest.fixture(scope="module")
def server_llm(llama_server):
    return _backend(llama_server)


def test_complete_reports_the_server_usage(server_llm, llama_server, fresh_usage):
    # the llamacpp preset continues the prompt (/v1/completions): its server may serve a base model
    body = {"model": llama_server.model, "prompt": PROMPT, "max_tokens": 12, "temperature": 0, "top_p": 0.95,
            "seed": 5}
    # llama-cpp-python's server answers the first request of a prompt slightly differently from the
    # next ones (its prompt cache): both requests compared below come after a first one
    _post(llama_server, "/completions", body)
    c = server_llm.complete(PROMPT, max_tokens=12, temperature=0, top_p=0.95, seed=5)
    raw = _post(llama_server, "/completions", body)

    assert c.text.strip()
    assert c.text == raw["choices"][0]["text"]
    assert c.finish_reason == raw["choices"][0]["finish_reason"]
    # Token counts are the server's own, not an estimate.
    assert c.usage.tokens_in == raw["usage"]["prompt_tokens"]
    assert c.usage.tokens_out == raw["usage"]["completion_tokens"]
    assert 1 <= c.usage.tokens_out <= 12
    assert c.usage.kind == "completion"
    assert fresh_usage.SESSION.records == [c.usage]


def test_usage_record_for_a_local_server(server_llm):
    u = server_llm.complete(PROMPT, max_tokens=4, deterministic=True).usage
    assert (u.backend, u.provider, u.model) == ("openai", "llamacpp", "gemma-3-270m")
    assert u.cost == 0  # a server on this computer: no bill per token
    # …but it draws power: measured time × the stated power, as for the embedded model
    assert u.on_this_computer
    assert u.energy_wh == pytest.approx((15 * u.duration_s / 3600, 65 * u.duration_s / 3600))
    assert u.co2e_g is None
    assert u.impact_note.startswith("estimée sur cet ordinateur")
    assert "sur cet ordinateur (" in u.resume() and "énergie non estimée" not in u.resume()
    assert not server_llm.is_remote
    assert "tout reste sur cet ordinateur" in repr(server_llm)


def test_usage_record_without_a_known_provider(llama_server):
    settings = provider_settings(base_url=llama_server.base_url, model=llama_server.model, environ={})
    u = OpenAIBackend(settings).complete(PROMPT, max_tokens=4, deterministic=True).usage
    assert u.provider == "openai-compatible"
    assert u.cost is None and u.cost_note.startswith("non estimé")
    assert "coût non estimé" in u.resume()
    # whatever its name, a server on 127.0.0.1 runs on this computer: its energy is estimated as such
    assert u.on_this_computer and u.energy_wh is not None
    assert u.impact_note.startswith("estimée sur cet ordinateur")


def test_deterministic_mode_gives_the_same_text(server_llm):
    a = server_llm.complete(PROMPT, max_tokens=16, deterministic=True)
    b = server_llm.complete(PROMPT, max_tokens=16, deterministic=True)
    assert a.text.strip() and a.text == b.text


def test_chat_with_a_system_message(server_llm, llama_server):
    msgs = [{"role": "user", "content": "Complète : le ciel est"}]
    c = server_llm.chat(msgs, system="Tu réponds en français.", max_tokens=12, temperature=0, seed=3)
    raw = _post(llama_server, "/chat/completions", {
        "model": llama_server.model, "max_tokens": 12, "temperature": 0, "seed": 3, "top_p": 0.95,
        "messages": [{"role": "system", "content": "Tu réponds en français."}, *msgs]})
    assert c.text == raw["choices"][0]["message"]["content"]
    assert c.usage.kind == "chat"
    assert c.usage.tokens_in == raw["usage"]["prompt_tokens"]


def test_streaming_joins_into_the_same_text(server_llm):
    whole = server_llm.complete(PROMPT, max_tokens=16, deterministic=True)
    stream = server_llm.stream(PROMPT, max_tokens=16, deterministic=True)
    pieces = list(stream)
    assert len(pieces) > 1
    assert "".join(pieces) == stream.completion.text == whole.text
    assert stream.completion.finish_reason == whole.finish_reason
    assert stream.completion.usage.first_token_s is not None


def test_streamed_usage_from_llama_cpp_python_server_has_no_prompt_count(server_llm):
    """llama-cpp-python's server ignores stream_options.include_usage: a stream reports no
    token counts, so the record says so instead of inventing them (complete/chat, which
    use one whole request, do get the server's counts)."""
    stream = server_llm.stream(PROMPT, max_tokens=8, deterministic=True)
    pieces = list(stream)
    u = stream.completion.usage
    assert u.tokens_in is None
    assert u.tokens_out == len(pieces)  # one streamed chunk per generated token
    assert u.cost is None
    assert "nombre de tokens" in u.cost_note
    assert "? tokens envoyés" in u.resume()


def test_stop_sequence(server_llm):
    full = server_llm.complete(PROMPT, max_tokens=16, deterministic=True).text
    word = next(w for w in full.split()[1:] if len(w) >= 3)
    stopped = server_llm.complete(PROMPT, max_tokens=16, deterministic=True, stop=word)
    assert stopped.text == full[:full.index(word)]
    assert stopped.finish_reason == "stop"


def test_list_models_and_ping(server_llm, llama_server):
    assert server_llm.list_models() == [llama_server.model]
    assert server_llm.ping() == [llama_server.model]


def test_next_token_distribution_through_logprobs(server_llm, local_llm):
    dist = server_llm.next_token_distribution(WEEKDAYS, k=5)
    assert len(dist) == 5
    probs = [t.prob for t in dist]
    assert probs == sorted(probs, reverse=True)
    assert all(0 < p <= 1 for p in probs) and sum(probs) <= 1 + 1e-9
    assert dist[0].token.strip() == "vendredi"
    # Same weights as the embedded model: the same probabilities, computed elsewhere.
    local = {t.token: t.prob for t in local_llm.next_token_distribution(WEEKDAYS, k=5)}
    # (within a few hundredths: llama.cpp's prompt cache and batch sizes differ between the two)
    for t in dist[:3]:
        assert t.prob == pytest.approx(local[t.token], abs=0.03)


def test_distribution_at_another_temperature_is_not_supported(server_llm):
    with pytest.raises(NotSupportedError, match="température 1") as err:
        server_llm.next_token_distribution(WEEKDAYS, k=3, temperature=0.5)
    assert "modèle local" in err.value.conseil


def test_unknown_model_name_is_ignored_by_this_server(llama_server):
    """llama-cpp-python's server serves its only model whatever name is asked (and echoes
    the name back); the name check is left to `list_models` / `ia-marketing doctor`."""
    good = _backend(llama_server)
    wrong = _backend(llama_server, model="modele-qui-n-existe-pas")
    a = wrong.complete(PROMPT, max_tokens=10, deterministic=True)
    b = good.complete(PROMPT, max_tokens=10, deterministic=True)
    assert a.text == b.text
    assert "modele-qui-n-existe-pas" not in wrong.list_models()


def test_get_llm_from_environment(llama_server, clean_env):
    os.environ.update(IA_MARKETING_BACKEND="openai", IA_MARKETING_PROVIDER="llamacpp",
                      IA_MARKETING_BASE_URL=llama_server.base_url + "/",
                      IA_MARKETING_MODEL=llama_server.model)  # clean_env restores the environment
    llm = get_llm(deterministic=True)
    assert isinstance(llm, OpenAIBackend)
    assert llm.settings.base_url == llama_server.base_url  # trailing slash removed
    assert llm.model == llama_server.model
    assert llm.complete(PROMPT, max_tokens=4).text.strip()
    # A preset name may stand for the backend.
    other = get_llm("llamacpp", base_url=llama_server.base_url, model=llama_server.model)
    assert isinstance(other, OpenAIBackend) and other.provider == "llamacpp"
