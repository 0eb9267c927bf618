"""Faults of an OpenAI-compatible provider become French `LLMError`s; 429/5xx are retried
with a bounded exponential backoff; the API key never leaks.

The faults come from `tests/fault_server.py`, a scripted HTTP server on 127.0.0.1 (a real
server cannot be made to answer 401, 429 or hang on demand)."""

from __future__ import annotations

import logging
import math
import time

import pytest
from fault_server import Action

from ia_marketing.llm import (
    AuthenticationError,
    LLMError,
    ModelNotFoundError,
    NotSupportedError,
    ProviderError,
    QuotaError,
    RequestTimeoutError,
    ServerUnreachableError,
)
from ia_marketing.llm.config import provider_settings
from ia_marketing.llm.openai_backend import OpenAIBackend

KEY = "sk-test-SECRET-123456"
FRENCH_WORDS = (" le ", " la ", " les ", " de ", " du ", " des ", " est ", " une ", " un ",
                " pas ", " dans ", " avec ", " vous ", " votre ")


def _looks_french(text: str) -> bool:
    padded = f" {text.lower()} "
    return sum(w in padded for w in FRENCH_WORDS) >= 2


class Waits(list):
    """Records the waits the backend asks for instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def make_backend(fault_server):
    def make(*, timeout: float = 5, max_retries: int = 3, backoff_base: float = 0.5,
             base_url: str | None = None, provider: str | None = None):
        waits = Waits()
        settings = provider_settings(provider, base_url=base_url or fault_server.base_url,
                                     model="modele-test", api_key=KEY, timeout=timeout,
                                     max_retries=max_retries, environ={})
        backend = OpenAIBackend(settings, sleep=waits, backoff_base=backoff_base)
        return backend, waits
    return make


def _assert_good_error(err: LLMError, cls: type[LLMError]) -> None:
    assert type(err) is cls
    assert err.message[:1].isupper()
    assert _looks_french(err.message + " " + (err.conseil or "")), err.message
    assert err.conseil and len(err.conseil) > 20
    assert str(err) == f"{err.message}\n→ {err.conseil}"
    assert KEY not in str(err) and KEY not in repr(err)


# -- status errors ---------------------------------------------------------------------------
def test_401_is_an_authentication_error_not_retried(fault_server, make_backend):
    backend, waits = make_backend()
    fault_server.script(Action.error(401, "Incorrect API key provided", code="invalid_api_key"))
    with pytest.raises(AuthenticationError) as e:
        backend.complete("Bonjour")
    _assert_good_error(e.value, AuthenticationError)
    assert "401" in e.value.message and ".env" in e.value.conseil
    assert len(fault_server.requests) == 1 and waits == []
    # The key really was sent (and echoed back by the server): hiding it is our doing.
    assert fault_server.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_403_is_an_authentication_error(fault_server, make_backend):
    backend, _ = make_backend()
    fault_server.script(Action.error(403, "Forbidden"))
    with pytest.raises(AuthenticationError) as e:
        backend.chat("Bonjour")
    _assert_good_error(e.value, AuthenticationError)
    assert "403" in e.value.message


def test_404_is_a_missing_model(fault_server, make_backend):
    backend, waits = make_backend()
    fault_server.script(Action.error(404, "The model `modele-test` does not exist", code="model_not_found"))
    with pytest.raises(ModelNotFoundError) as e:
        backend.complete("Bonjour")
    _assert_good_error(e.value, ModelNotFoundError)
    assert "« modele-test »" in e.value.message
    assert "list_models()" in e.value.conseil
    assert waits == [] and len(fault_server.requests) == 1


def test_400_about_the_model_is_a_missing_model_with_the_key_redacted(fault_server, make_backend):
    backend, _ = make_backend()
    fault_server.script(Action.error(400, "Invalid model name modele-test"))
    with pytest.raises(ModelNotFoundError) as e:
        backend.complete("Bonjour")
    _assert_good_error(e.value, ModelNotFoundError)
    assert "***" in e.value.message  # the server's detail is shown, with the echoed key masked


def test_other_400_is_a_provider_error(fault_server, make_backend):
    backend, waits = make_backend()
    fault_server.script(Action.error(400, "max_tokens is too large"))
    with pytest.raises(ProviderError) as e:
        backend.complete("Bonjour")
    _assert_good_error(e.value, ProviderError)
    assert "400" in e.value.message and "max_tokens is too large" in e.value.message
    assert waits == []


def test_500_is_retried_then_a_provider_error(fault_server, make_backend):
    backend, waits = make_backend(max_retries=2)
    fault_server.script(default=Action.error(500, "boom"))
    with pytest.raises(ProviderError) as e:
        backend.complete("Bonjour")
    _assert_good_error(e.value, ProviderError)
    assert "500" in e.value.message
    assert len(fault_server.requests) == 3
    assert waits == [0.5, 1.0]


def test_500_then_recovery_succeeds(fault_server, make_backend):
    backend, waits = make_backend()
    fault_server.script(Action.error(503), Action.ok("Tout va bien"))
    assert backend.complete("Bonjour").text == "Tout va bien"
    assert len(waits) == 1


# -- 429: bounded exponential backoff --------------------------------------------------------
def test_429_backoff_grows_then_quota_error(fault_server, make_backend):
    backend, waits = make_backend(max_retries=3, backoff_base=0.5)
    fault_server.script(default=Action.rate_limited())
    t0 = time.monotonic()
    with pytest.raises(QuotaError) as e:
        backend.complete("Bonjour")
    _assert_good_error(e.value, QuotaError)
    assert "429" in e.value.message
    assert len(fault_server.requests) == 1 + 3  # first try + max_retries
    assert waits == [0.5, 1.0, 2.0]  # doubles each time
    assert time.monotonic() - t0 < 5  # the injected sleep is used, not time.sleep
    assert [m.split(" dans")[0] for m in backend.retry_log] == [
        "Tentative 1/3", "Tentative 2/3", "Tentative 3/3"]
    assert all("429" in m for m in backend.retry_log)


def test_429_retry_after_is_honoured(fault_server, make_backend):
    backend, waits = make_backend(max_retries=2, backoff_base=0.5)
    fault_server.script(Action.rate_limited(retry_after=7), Action.rate_limited(retry_after=0.2),
                        Action.ok("Enfin"))
    assert backend.complete("Bonjour").text == "Enfin"
    assert waits[0] == 7  # longer than the backoff: the server's word wins
    assert waits[1] == 1.0  # shorter than the backoff: the backoff wins
    assert len(fault_server.requests) == 3


def test_429_huge_retry_after_is_bounded(fault_server, make_backend):
    backend, waits = make_backend(max_retries=1)
    fault_server.script(Action.rate_limited(retry_after=3600), Action.ok())
    backend.complete("Bonjour")
    assert 0 < waits[0] <= 60  # a notebook never waits an hour


def test_429_recovers_within_the_bound(fault_server, make_backend, fresh_usage):
    backend, waits = make_backend(max_retries=3)
    fault_server.script(Action.rate_limited(), Action.rate_limited(), Action.ok("Bonjour à vous", usage=(11, 3)))
    c = backend.complete("Bonjour")
    assert c.text == "Bonjour à vous"
    assert (c.usage.tokens_in, c.usage.tokens_out) == (11, 3)
    assert len(waits) == 2 and waits[1] > waits[0]
    assert fresh_usage.SESSION.records == [c.usage]


def test_429_recovers_while_streaming(fault_server, make_backend):
    backend, waits = make_backend()
    fault_server.script(Action.rate_limited(), Action.ok("Le rideau se lève", usage=(9, 4)))
    stream = backend.stream("Bonjour")
    pieces = list(stream)
    assert pieces == ["Le", " rideau", " se", " lève"]
    assert stream.completion.text == "Le rideau se lève"
    assert (stream.completion.usage.tokens_in, stream.completion.usage.tokens_out) == (9, 4)
    assert stream.completion.finish_reason == "stop"
    assert fault_server.requests[-1].body["stream_options"] == {"include_usage": True}
    assert len(waits) == 1


def test_no_retry_when_max_retries_is_zero(fault_server, make_backend):
    backend, waits = make_backend(max_retries=0)
    fault_server.script(Action.rate_limited(), Action.ok())
    with pytest.raises(QuotaError):
        backend.complete("Bonjour")
    assert waits == [] and len(fault_server.requests) == 1


# -- timeouts and lost connections -----------------------------------------------------------
@pytest.mark.timeout(60)
def test_a_hanging_server_is_stopped_by_the_timeout(fault_server, make_backend):
    backend, waits = make_backend(timeout=1)
    fault_server.script(Action.hang(30))
    t0 = time.monotonic()
    with pytest.raises(RequestTimeoutError) as e:
        backend.complete("Bonjour")
    elapsed = time.monotonic() - t0
    _assert_good_error(e.value, RequestTimeoutError)
    assert "1 secondes" in e.value.message and "IA_MARKETING_TIMEOUT" in e.value.conseil
    assert elapsed < 10  # far from the 30 s hang: the kernel is not frozen
    assert waits == []


@pytest.mark.timeout(60)
def test_a_stream_that_stalls_is_stopped_by_the_timeout(fault_server, make_backend):
    backend, _ = make_backend(timeout=1)
    fault_server.script(Action.hang(30, chunks_before=2))
    stream = backend.stream("Bonjour")
    got: list[str] = []
    t0 = time.monotonic()
    with pytest.raises(RequestTimeoutError) as e:
        for piece in stream:
            got.append(piece)
    assert time.monotonic() - t0 < 10
    assert got == ["Bonjour", " tout"]  # what arrived before the stall was shown
    _assert_good_error(e.value, RequestTimeoutError)


def test_connection_cut_mid_stream(fault_server, make_backend):
    backend, _ = make_backend()
    fault_server.script(Action.cut(chunks_before=2))
    got: list[str] = []
    with pytest.raises(ServerUnreachableError) as e:
        for piece in backend.stream("Bonjour"):
            got.append(piece)
    assert got == ["Bonjour", " tout"]
    _assert_good_error(e.value, ServerUnreachableError)
    assert "coupée" in e.value.message


def test_closed_port_is_unreachable(make_backend, closed_port):
    backend, waits = make_backend(base_url=f"http://127.0.0.1:{closed_port}/v1")
    for call in (lambda: backend.complete("Bonjour"), lambda: backend.stream("Bonjour").collect(),
                 backend.list_models):
        with pytest.raises(ServerUnreachableError) as e:
            call()
        _assert_good_error(e.value, ServerUnreachableError)
        assert "Impossible de joindre" in e.value.message
        assert str(closed_port) in e.value.message
        assert 'get_llm("local")' in e.value.conseil
    assert waits == []  # nothing to wait for: said at once


# -- next-token distribution through a provider ------------------------------------------------
def test_distribution_from_logprobs(fault_server, make_backend):
    backend, _ = make_backend()
    fault_server.script(Action.ok())
    dist = backend.next_token_distribution("Êtes-vous d'accord ?", k=2)
    assert [t.token for t in dist] == [" oui", " non"]
    assert dist[0].prob == pytest.approx(math.exp(-0.2))
    assert dist[1].prob == pytest.approx(math.exp(-1.9))
    assert fault_server.requests[0].path.endswith("/v1/completions")
    assert fault_server.requests[0].body["logprobs"] == 2


def test_distribution_without_completions_endpoint_is_not_supported(fault_server, make_backend):
    backend, _ = make_backend()
    fault_server.script(Action.error(404, "Not Found"))
    with pytest.raises(NotSupportedError) as e:
        backend.next_token_distribution("Bonjour", k=3)
    _assert_good_error(e.value, NotSupportedError)
    assert "probabilités" in e.value.message


# -- secret hygiene ----------------------------------------------------------------------------
FAULTS = {
    "401": ([Action.error(401, "Incorrect API key")], AuthenticationError),
    "403": ([Action.error(403, "Forbidden")], AuthenticationError),
    "404": ([Action.error(404, "No such model")], ModelNotFoundError),
    "400-model": ([Action.error(400, "bad model")], ModelNotFoundError),
    "400": ([Action.error(400, "bad request")], ProviderError),
    "422": ([Action.error(422, "unprocessable")], ProviderError),
    "429": ([Action.rate_limited(1)] * 2, QuotaError),
    "500": ([Action.error(500, "boom")] * 2, ProviderError),
    "hang": ([Action.hang(20)], RequestTimeoutError),
    "stall": ([Action.hang(20, chunks_before=1)], RequestTimeoutError),
    "cut": ([Action.cut(1)], ServerUnreachableError),
}

SECRET_LOGGERS = ("", "openai", "httpx", "httpx2", "httpcore", "httpcore2", "ia_marketing")


@pytest.mark.timeout(60)
@pytest.mark.parametrize("fault", list(FAULTS))
def test_the_key_never_leaks(fault, fault_server, make_backend, caplog):
    for name in SECRET_LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)
    actions, cls = FAULTS[fault]
    backend, _ = make_backend(timeout=1, max_retries=1, provider="mistral")
    fault_server.script(*actions)
    with pytest.raises(cls) as e:
        backend.stream("Bonjour").collect()
    err = e.value
    for text in (str(err), repr(err), err.message, err.conseil or "", repr(backend),
                 repr(backend.settings), str(backend.settings), backend.describe(),
                 *backend.retry_log):
        assert KEY not in text
    assert backend.settings.api_key == KEY  # it was really configured…
    # debug logging of the HTTP client really was on, or this test would mean nothing
    assert any(r.name.startswith("openai") and r.levelno == logging.DEBUG for r in caplog.records)
    for record in caplog.records:
        assert KEY not in record.getMessage(), record.name
        assert KEY not in repr(record.args)
    # …and really sent over HTTP (so the server had it to echo back).
    assert fault_server.requests[0].headers["authorization"] == f"Bearer {KEY}"
