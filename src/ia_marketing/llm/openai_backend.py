"""The `openai` backend: any OpenAI-compatible endpoint (Ollama, LM Studio, vLLM,
llama.cpp server, Mistral, Albert, OpenAI…), through the `openai` package.

Every fault becomes a French `LLMError`; 429 and 5xx answers are retried a
bounded number of times with exponential backoff; the key never appears in a
message.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TypeVar

from .base import Backend, Completion, GenerationParams, RawChunk, Stream, TokenProb, normalise_messages
from .config import ProviderSettings
from .errors import (
    AuthenticationError,
    LLMError,
    ModelNotFoundError,
    NotSupportedError,
    ProviderError,
    QuotaError,
    RequestTimeoutError,
    ServerUnreachableError,
    redact,
)

T = TypeVar("T")

#: Upper bound of one wait between retries, in seconds.
MAX_BACKOFF_S = 20.0


class OpenAIBackend(Backend):
    name = "openai"

    def __init__(self, settings: ProviderSettings, *, deterministic: bool = False,
                 backoff_base: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                 allow_personal_data: bool = False) -> None:
        super().__init__(deterministic=deterministic, allow_personal_data=allow_personal_data)
        import openai

        self._openai = openai
        self.settings = settings
        self.model = settings.model
        self.provider = settings.provider or "openai-compatible"
        self.is_remote = settings.is_remote
        self._backoff_base = backoff_base
        self._sleep = sleep
        self.client = openai.OpenAI(
            base_url=settings.base_url,
            api_key=settings.api_key or "sans-cle",  # local servers accept any key
            timeout=settings.timeout,
            max_retries=0,  # retries are ours: bounded, with French progress messages
        )
        #: French messages about retries of the last call (shown by widgets).
        self.retry_log: list[str] = []

    def describe(self) -> str:
        """« Mistral AI · mistral-small-latest (données envoyées hors de cet ordinateur) »: the
        provider by its name (not the name of the protocol, OpenAI's), the model, where data goes."""
        who = self.settings.preset.short if self.settings.preset else "fournisseur configuré"
        where = "données envoyées hors de cet ordinateur" if self.is_remote else "tout reste sur cet ordinateur"
        return f"{who} · {self.model} ({where})"

    def __repr__(self) -> str:
        return f"<OpenAIBackend {self.describe()} à {self.settings.base_url}>"

    # -- faults ----------------------------------------------------------------------------
    def _where(self) -> str:
        label = self.settings.preset.label if self.settings.preset else "le fournisseur"
        return f"{label} ({self.settings.base_url})"

    def _destination(self) -> str:
        return self._where()

    def _translate(self, exc: Exception) -> LLMError:
        """Turn an `openai` exception into a French `LLMError` (key redacted)."""
        o = self._openai
        key = self.settings.api_key
        where = self._where()
        if isinstance(exc, o.APITimeoutError):
            return RequestTimeoutError(
                f"{where} n'a pas répondu dans les {self.settings.timeout:g} secondes prévues.",
                conseil="Le serveur est peut-être surchargé : réessayez, demandez une réponse plus "
                        "courte (max_tokens) ou augmentez IA_MARKETING_TIMEOUT.")
        if isinstance(exc, o.APIConnectionError):
            return ServerUnreachableError(
                f"Impossible de joindre {where}.",
                conseil="Vérifiez que le serveur est lancé (pour Ollama : « ollama serve »), que "
                        "l'adresse IA_MARKETING_BASE_URL est juste et que la connexion fonctionne. "
                        "Le modèle local reste disponible : get_llm(\"local\").")
        if isinstance(exc, o.AuthenticationError):
            return AuthenticationError(
                f"{where} refuse la clé d'API (erreur 401).",
                conseil="Vérifiez la clé dans votre fichier .env (sans espace ni guillemet en trop), "
                        "qu'elle n'a pas expiré, et qu'elle correspond bien à ce fournisseur.")
        if isinstance(exc, o.PermissionDeniedError):
            return AuthenticationError(
                f"{where} refuse l'accès (erreur 403).",
                conseil="Votre clé est reconnue mais n'a pas les droits sur ce modèle : vérifiez "
                        "votre abonnement ou choisissez un autre modèle.")
        if isinstance(exc, o.RateLimitError):
            return QuotaError(
                f"{where} limite les requêtes (erreur 429) : quota épuisé ou trop d'appels rapprochés.",
                conseil="Attendez une minute avant de relancer, espacez les appels, ou vérifiez le "
                        "crédit de votre compte chez le fournisseur.")
        if isinstance(exc, o.NotFoundError):
            return ModelNotFoundError(
                f"Le modèle « {self.model} » est introuvable chez {where} (erreur 404).",
                conseil="Vérifiez le nom exact dans IA_MARKETING_MODEL ; list_models() affiche les "
                        "modèles que ce fournisseur propose (avec Ollama : « ollama pull <modèle> »).")
        if isinstance(exc, o.APIStatusError):
            detail = redact(str(getattr(exc, "message", "") or ""), key)[:300]
            if exc.status_code == 400 and "model" in detail.lower():
                return ModelNotFoundError(
                    f"{where} ne reconnaît pas le modèle « {self.model} » ({detail}).",
                    conseil="Vérifiez le nom exact dans IA_MARKETING_MODEL.")
            if exc.status_code >= 500:
                return ProviderError(
                    f"{where} a rencontré une erreur interne (erreur {exc.status_code}).",
                    conseil="Le problème vient du serveur, pas de vous : réessayez dans quelques minutes.")
            return ProviderError(
                f"{where} a refusé la requête (erreur {exc.status_code}) : {detail}",
                conseil="Relisez les paramètres envoyés (modèle, longueur, température).")
        if isinstance(exc, LLMError):
            return exc
        return ProviderError(
            f"Erreur inattendue avec {where} : {redact(str(exc), key)[:300]}",
            conseil="Réessayez ; si cela persiste, lancez « ia-marketing doctor » dans un terminal.")

    def _retryable(self, exc: Exception) -> bool:
        o = self._openai
        if isinstance(exc, o.RateLimitError):
            return True
        return isinstance(exc, o.APIStatusError) and exc.status_code in (408, 409, 500, 502, 503, 504)

    def _wait_s(self, exc: Exception, attempt: int) -> float:
        wait = self._backoff_base * (2 ** attempt)
        response = getattr(exc, "response", None)
        if response is not None:
            try:
                wait = max(wait, float(response.headers.get("retry-after", 0)))
            except (TypeError, ValueError):
                pass
        return min(wait, MAX_BACKOFF_S)

    def _call(self, fn: Callable[[], T]) -> T:
        """Run *fn*, retrying 429/5xx with exponential backoff, at most max_retries times."""
        self.retry_log = []
        attempt = 0
        while True:
            try:
                return fn()
            except Exception as exc:  # noqa: BLE001 - every fault is translated
                if self._retryable(exc) and attempt < self.settings.max_retries:
                    wait = self._wait_s(exc, attempt)
                    attempt += 1
                    self.retry_log.append(
                        f"Tentative {attempt}/{self.settings.max_retries} dans {wait:.1f} s "
                        f"(le serveur a répondu {getattr(exc, 'status_code', '?')}).")
                    self._sleep(wait)
                    continue
                raise self._translate(exc) from None

    def _stream_guard(self, it: Iterator[RawChunk]) -> Iterator[RawChunk]:
        try:
            yield from it
        except LLMError:
            raise
        except Exception as exc:  # noqa: BLE001 - faults in the middle of a stream
            o = self._openai
            if isinstance(exc, o.APIConnectionError) and not isinstance(exc, o.APITimeoutError):
                raise ServerUnreachableError(
                    f"La connexion avec {self._where()} a été coupée pendant la réponse.",
                    conseil="La réponse est incomplète : relancez la cellule. Si cela se répète, "
                            "vérifiez que le serveur tourne toujours et que la connexion est stable."
                ) from None
            raise self._translate(exc) from None

    # -- generation ------------------------------------------------------------------------
    def _common(self, params: GenerationParams) -> dict:
        kwargs = dict(model=self.model, max_tokens=params.max_tokens,
                      temperature=params.temperature, top_p=params.top_p, seed=params.seed)
        if params.stop:
            kwargs["stop"] = params.stop[:4]  # OpenAI accepts at most 4 stop sequences
        return kwargs

    def complete(self, prompt: str, *, stop=None, deterministic: bool | None = None,
                 allow_personal_data: bool | None = None, **kwargs) -> Completion:
        """Continue *prompt* in one request (see `chat`)."""
        self._guard(prompt, allow_personal_data)
        params = self._params(deterministic, stop, kwargs)
        if self._completions:
            return Stream(self, self._raw_whole_continuation(prompt, params), "completion").collect()
        return Stream(self, self._raw_whole([{"role": "user", "content": prompt}], params),
                      "completion").collect()

    @property
    def _completions(self) -> bool:
        """True when continuations go through /v1/completions (a server of a base model)."""
        preset = self.settings.preset
        return bool(preset and preset.completions)

    def _raw_whole_continuation(self, prompt: str, params: GenerationParams) -> Iterator[RawChunk]:
        response = self._call(lambda: self.client.completions.create(
            prompt=prompt, stream=False, **self._common(params)))
        yield from self._whole(response, lambda choice: choice.text)

    def chat(self, messages: list[dict[str, str]] | str, *, system: str | None = None, stop=None,
             deterministic: bool | None = None, allow_personal_data: bool | None = None,
             **kwargs) -> Completion:
        """Answer a conversation in one (non-streamed) request: every OpenAI-compatible server
        reports the token counts of a whole answer, while some (llama-cpp-python's server)
        send none in a stream."""
        msgs = normalise_messages(messages, system)
        self._guard(msgs, allow_personal_data)
        params = self._params(deterministic, stop, kwargs)
        return Stream(self, self._raw_whole(msgs, params), "chat").collect()

    def _raw_whole(self, messages: list[dict[str, str]], params: GenerationParams) -> Iterator[RawChunk]:
        response = self._call(lambda: self.client.chat.completions.create(
            messages=messages, stream=False, **self._common(params)))
        yield from self._whole(response, lambda choice: choice.message.content)

    def _whole(self, response, text_of) -> Iterator[RawChunk]:
        """One chunk holding a whole (non-streamed) answer, with the server's token counts."""
        choice = response.choices[0] if response.choices else None
        text = (text_of(choice) or "") if choice is not None else ""
        usage = getattr(response, "usage", None)
        yield RawChunk(text=text, finish_reason=choice.finish_reason if choice is not None else None,
                       tokens_in=usage.prompt_tokens if usage else None,
                       tokens_out=usage.completion_tokens if usage else self.count_tokens(text))

    def _raw_complete(self, prompt: str, params: GenerationParams) -> Iterator[RawChunk]:
        if not self._completions:
            # Chat endpoints are the ones every provider offers; a plain completion is
            # asked as a single user message.
            yield from self._raw_chat([{"role": "user", "content": prompt}], params)
            return
        stream = self._call(lambda: self.client.completions.create(
            prompt=prompt, stream=True, stream_options={"include_usage": True}, **self._common(params)))
        yield from self._streamed(stream, lambda choice: choice.text)

    def _raw_chat(self, messages: list[dict[str, str]], params: GenerationParams) -> Iterator[RawChunk]:
        stream = self._call(lambda: self.client.chat.completions.create(
            messages=messages, stream=True, stream_options={"include_usage": True},
            **self._common(params)))
        yield from self._streamed(stream, lambda choice: getattr(choice.delta, "content", None))

    def _streamed(self, stream, text_of) -> Iterator[RawChunk]:
        """The chunks of a streamed answer (chat or continuation), then the server's token counts."""

        def chunks() -> Iterator[RawChunk]:
            for event in stream:
                usage = getattr(event, "usage", None)
                if usage is not None:
                    yield RawChunk(tokens_in=usage.prompt_tokens, tokens_out=usage.completion_tokens)
                for choice in event.choices or []:
                    yield RawChunk(text=text_of(choice) or "", finish_reason=choice.finish_reason)

        yield from self._stream_guard(chunks())

    def next_token_distribution(self, prompt: str, k: int = 10, temperature: float = 1.0, *,
                                allow_personal_data: bool | None = None) -> list[TokenProb]:
        """Top-*k* next tokens through the legacy completions endpoint, when the provider
        offers it with log-probabilities (llama.cpp server, vLLM…)."""
        import math

        self._guard(prompt, allow_personal_data)
        if temperature != 1.0:
            raise NotSupportedError(
                "Les fournisseurs distants renvoient les probabilités à la température 1 seulement.",
                conseil="Utilisez le modèle local pour explorer l'effet de la température.")
        try:
            response = self._call(lambda: self.client.completions.create(
                model=self.model, prompt=prompt, max_tokens=1, temperature=0, logprobs=k))
        except (ModelNotFoundError, ProviderError) as exc:
            raise NotSupportedError(
                f"{self._where()} ne donne pas les probabilités du mot suivant ({exc.message}).",
                conseil="Utilisez le modèle local (get_llm()) pour cette démonstration.") from None
        lp = response.choices[0].logprobs if response.choices else None
        top = (lp.top_logprobs or [None])[0] if lp else None
        if not top and lp is not None:  # llama.cpp's server: the chat format, {"content": [{top_logprobs}]}
            content = (lp.model_extra or {}).get("content") or [{}]
            top = {item["token"]: item["logprob"] for item in content[0].get("top_logprobs", [])}
        if not top:
            raise NotSupportedError(
                f"{self._where()} n'a pas renvoyé de probabilités pour le mot suivant.",
                conseil="Utilisez le modèle local (get_llm()) pour cette démonstration.")
        items = sorted(top.items(), key=lambda kv: -kv[1])[:k]
        return [TokenProb(token=tok, prob=math.exp(logprob)) for tok, logprob in items]

    def list_models(self) -> list[str]:
        """Model names the provider offers."""
        page = self._call(lambda: self.client.models.list())
        return sorted(m.id for m in page.data)

    def ping(self) -> list[str]:
        """Check the endpoint answers; return its models (raises a French LLMError otherwise)."""
        return self.list_models()
