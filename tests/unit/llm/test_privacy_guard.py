"""The privacy guard in the LLM layer (`Backend._guard`): prompts sent to a real HTTP server that
counts the requests it receives prove that a refused prompt never leaves the machine.

How the servers look remote: the `openai` backend decides `is_remote` from the host of its
URL (127.0.0.1 and localhost are local). The tests either force ``is_remote = True`` on a
backend pointed at 127.0.0.1 (only this machine's 127.0.0.1 is used by the tests).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fake_personal_data import LETTER

from ia_marketing.llm import LLMError, PersonalDataError, get_llm
from ia_marketing.llm.config import ProviderSettings
from ia_marketing.llm.openai_backend import OpenAIBackend
from ia_marketing.privacy import (
    pseudonymise,
)


# -- integration in the LLM layer ---------------------------------------------------------------
class _CountingHandler(BaseHTTPRequestHandler):
    """Answers like an OpenAI-compatible server (chat, streamed chat, completions with
    log-probabilities, models) and records every request."""

    def log_message(self, format, *args):  # noqa: A002 - keep the test output clean
        pass

    def _json(self, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        self.server.received.append(("GET", self.path, None))
        self._json({"object": "list", "data": [{"id": "modele-test", "object": "model",
                                                "created": 0, "owned_by": "tests"}]})

    def do_POST(self):  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
        self.server.received.append(("POST", self.path, body))
        usage = {"prompt_tokens": 5, "completion_tokens": 2, "total_tokens": 7}
        if self.path.endswith("/chat/completions") and body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for delta, finish in [({"role": "assistant", "content": "Bien"}, None),
                                  ({"content": " reçu"}, None), ({}, "stop")]:
                chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0,
                         "model": body.get("model"),
                         "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
            self.wfile.write(f"data: {json.dumps({'id': 'c', 'object': 'chat.completion.chunk', 'created': 0, 'model': body.get('model'), 'choices': [], 'usage': usage})}\n\n".encode())
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
            self.close_connection = True
        elif self.path.endswith("/chat/completions"):
            self._json({"id": "c", "object": "chat.completion", "created": 0, "model": body.get("model"),
                        "usage": usage, "choices": [{"index": 0, "finish_reason": "stop", "message": {
                            "role": "assistant", "content": "Bien reçu"}}]})
        else:  # legacy completions, with log-probabilities
            self._json({"id": "c", "object": "text_completion", "created": 0, "model": body.get("model"),
                        "usage": usage, "choices": [{"text": " oui", "index": 0, "finish_reason": "length",
                                                     "logprobs": {"tokens": [" oui"], "token_logprobs": [-0.2],
                                                                  "text_offset": [0],
                                                                  "top_logprobs": [{" oui": -0.2, " non": -1.9}]}}]})


class CountingServer:
    def __init__(self, host: str) -> None:
        self.httpd = ThreadingHTTPServer((host, 0), _CountingHandler)
        self.httpd.daemon_threads = True
        self.httpd.received = []
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    @property
    def requests(self) -> list:
        return self.httpd.received

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture
def counting_server():
    srv = CountingServer("127.0.0.1")
    yield srv
    srv.stop()


@pytest.fixture
def remote_llm(counting_server):
    """An `openai` backend on the local counting server, made to look remote."""
    settings = ProviderSettings(base_url=counting_server.base_url, model="modele-test",
                                api_key="cle-de-test", timeout=10, max_retries=0)
    llm = OpenAIBackend(settings)
    assert llm.is_remote is False  # 127.0.0.1 is this machine…
    llm.is_remote = True           # …so the test says otherwise, on this instance only
    return llm


SECRET = "Rédige une relance pour christine.leroux@mail.example, qui n'a pas renouvelé."

CALLS = {
    "complete": lambda llm, p, **kw: llm.complete(p, max_tokens=4, **kw),
    "stream": lambda llm, p, **kw: llm.stream(p, max_tokens=4, **kw).collect(),
    "chat": lambda llm, p, **kw: llm.chat([{"role": "user", "content": p}], max_tokens=4, **kw),
    "chat_stream": lambda llm, p, **kw: llm.chat_stream(p, max_tokens=4, **kw).collect(),
    "chat_system": lambda llm, p, **kw: llm.chat("Bonjour", system=p, max_tokens=4, **kw),
    "next_token_distribution": lambda llm, p, **kw: llm.next_token_distribution(p, k=2, **kw),
}


def _sent_text(requests) -> str:
    return json.dumps([body for _, _, body in requests], ensure_ascii=False)


@pytest.mark.parametrize("call", CALLS)
def test_remote_call_with_personal_data_is_refused_and_nothing_is_sent(remote_llm, counting_server, call):
    with pytest.raises(PersonalDataError) as info:
        CALLS[call](remote_llm, SECRET)
    assert counting_server.requests == []
    assert "c***@mail.example" in info.value.message
    assert counting_server.base_url in info.value.message  # names the destination


@pytest.mark.parametrize("call", CALLS)
def test_remote_call_goes_through_with_the_override(remote_llm, counting_server, call):
    result = CALLS[call](remote_llm, SECRET, allow_personal_data=True)
    assert result
    assert len(counting_server.requests) == 1
    assert "christine.leroux@mail.example" in _sent_text(counting_server.requests)


@pytest.mark.parametrize("call", CALLS)
def test_pseudonymised_prompt_goes_through(remote_llm, counting_server, call):
    text, mapping = pseudonymise(SECRET)
    CALLS[call](remote_llm, text)
    sent = _sent_text(counting_server.requests)
    assert len(counting_server.requests) == 1
    assert "[EMAIL_1]" in sent and "christine.leroux" not in sent
    assert mapping == {"[EMAIL_1]": "christine.leroux@mail.example"}


def test_clean_prompt_goes_through(remote_llm, counting_server):
    assert remote_llm.complete("Trois idées de posts pour la saison 2025-2026.", max_tokens=4).text == "Bien reçu"
    assert len(counting_server.requests) == 1


def test_backend_default_and_per_call_override(counting_server):
    settings = ProviderSettings(base_url=counting_server.base_url, model="modele-test", timeout=10)
    llm = OpenAIBackend(settings, allow_personal_data=True)
    llm.is_remote = True
    llm.complete(SECRET, max_tokens=4)
    assert len(counting_server.requests) == 1
    with pytest.raises(PersonalDataError):
        llm.complete(SECRET, max_tokens=4, allow_personal_data=False)
    assert len(counting_server.requests) == 1


def test_the_guard_comes_before_any_connection(closed_port):
    settings = ProviderSettings(base_url=f"http://127.0.0.1:{closed_port}/v1", model="m", timeout=5,
                                max_retries=0)
    llm = OpenAIBackend(settings)
    llm.is_remote = True
    with pytest.raises(PersonalDataError):
        llm.chat(SECRET)
    with pytest.raises(LLMError) as info:  # a clean prompt does try, and meets the closed port
        llm.chat("Bonjour")
    assert not isinstance(info.value, PersonalDataError)


def test_a_local_openai_compatible_server_is_not_blocked(llama_server):
    settings = ProviderSettings(base_url=llama_server.base_url, model=llama_server.model,
                                provider="llamacpp", timeout=60)
    llm = OpenAIBackend(settings)
    assert llm.is_remote is False
    completion = llm.complete(SECRET, max_tokens=3, deterministic=True)
    assert completion.usage.tokens_in >= 10  # counted by the server: the prompt reached it


def test_the_local_model_is_never_blocked(local_llm):
    llm = get_llm("local")
    assert llm.is_remote is False
    prompt = LETTER + "Réponse :"
    assert llm.complete(prompt, max_tokens=2, deterministic=True).usage.tokens_out >= 1
    assert "".join(llm.stream(prompt, max_tokens=2, deterministic=True)) is not None
    assert llm.chat(SECRET, max_tokens=2, deterministic=True).usage.kind == "chat"
    assert len(llm.next_token_distribution(prompt, k=3)) == 3
    assert len(llm.next_token_distribution(prompt, k=3, allow_personal_data=False)) == 3
