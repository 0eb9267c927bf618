"""The room's model server, with the learner's own local model as a fallback.

On a classroom JupyterHub every kernel talks to one llama.cpp server on the hub host (the
``llamacpp`` preset pointed at it) instead of loading the model itself. When that server does not
answer, the kernel must not stop the workshop: `RoomBackend` says so in French, once, and goes on
with the embedded local model; it tries the room's server again after `RETRY_AFTER_S`.

Enabled by ``IA_MARKETING_SECOURS=local`` next to the provider settings (the classroom's spawner
sets it); ``get_llm()`` then returns a `RoomBackend`.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator

from .base import Backend, GenerationParams, RawChunk, TokenProb
from .errors import ServerUnreachableError

#: Seconds on the local model before the room's server is tried again.
RETRY_AFTER_S = 60.0

FALLBACK_ENV = "IA_MARKETING_SECOURS"


def fallback_message(where: str) -> str:
    return (f"⚠ Le serveur de modèle de la salle ({where}) ne répond pas : ce notebook continue avec le "
            "modèle local intégré, dans votre session (même modèle ; il occupe la mémoire et un cœur de votre session). "
            "Rien n'est perdu ; prévenez votre formatrice ou votre formateur. Nouvel essai du serveur de la "
            f"salle dans {RETRY_AFTER_S:.0f} secondes.")


def back_message(where: str) -> str:
    return f"✓ Le serveur de modèle de la salle ({where}) répond de nouveau : il reprend le relais."


class RoomBackend(Backend):
    """*primary* (the room's server) while it answers, else a local model made by *make_local*."""

    def __init__(self, primary: Backend, make_local: Callable[[], Backend], *, where: str,
                 notify: Callable[[str], None] | None = None, clock: Callable[[], float] = time.monotonic,
                 deterministic: bool = False, allow_personal_data: bool = False) -> None:
        super().__init__(deterministic=deterministic, allow_personal_data=allow_personal_data)
        self.primary = primary
        self._make_local = make_local
        self._local: Backend | None = None
        self.where = where
        self._notify = notify or (lambda text: print(text, file=sys.stderr, flush=True))
        self._clock = clock
        self._down_until: float | None = None  # None: the room's server is in use

    # -- which model answers ------------------------------------------------------------------
    @property
    def on_fallback(self) -> bool:
        """True while the local model stands in for the room's server."""
        return self._down_until is not None

    @property
    def active(self) -> Backend:
        return self.local if self.on_fallback else self.primary

    @property
    def local(self) -> Backend:
        if self._local is None:
            self._local = self._make_local()
        return self._local

    # The usage records and the privacy guard describe the model that really answers.
    @property
    def name(self) -> str:  # type: ignore[override]
        return self.active.name

    @property
    def model(self) -> str:  # type: ignore[override]
        return self.active.model

    @property
    def provider(self) -> str:  # type: ignore[override]
        return self.active.provider

    @property
    def is_remote(self) -> bool:  # type: ignore[override]
        return self.active.is_remote

    def _destination(self) -> str:
        return self.active._destination()

    def _use_primary(self) -> bool:
        if self._down_until is None:
            return True
        return self._clock() >= self._down_until

    def _primary_failed(self) -> None:
        first = self._down_until is None
        self._down_until = self._clock() + RETRY_AFTER_S
        if first:
            self._notify(fallback_message(self.where))

    def _primary_answered(self) -> None:
        if self._down_until is not None:
            self._down_until = None
            self._notify(back_message(self.where))

    def _generate(self, method: str, payload, params: GenerationParams) -> Iterator[RawChunk]:
        if self._use_primary():
            started = False
            try:
                for chunk in getattr(self.primary, method)(payload, params):
                    if not started:
                        started = True
                        self._primary_answered()
                    yield chunk
                if not started:
                    self._primary_answered()
                return
            except ServerUnreachableError:
                if started:  # cut in the middle of an answer: the learner reruns the cell
                    self._primary_failed()
                    raise
                self._primary_failed()
        yield from getattr(self.local, method)(payload, params)

    def _raw_complete(self, prompt: str, params: GenerationParams) -> Iterator[RawChunk]:
        return self._generate("_raw_complete", prompt, params)

    def _raw_chat(self, messages: list[dict[str, str]], params: GenerationParams) -> Iterator[RawChunk]:
        return self._generate("_raw_chat", messages, params)

    def next_token_distribution(self, prompt: str, k: int = 10, *args,
                                allow_personal_data: bool | None = None, **kwargs) -> list[TokenProb]:
        if self._use_primary():
            try:
                result = self.primary.next_token_distribution(
                    prompt, k, *args, allow_personal_data=allow_personal_data, **kwargs)
            except ServerUnreachableError:
                self._primary_failed()
            else:
                self._primary_answered()
                return result
        return self.local.next_token_distribution(prompt, k, *args, allow_personal_data=allow_personal_data, **kwargs)

    def count_tokens(self, text: str) -> int:
        return self.active.count_tokens(text)

    def describe(self) -> str:
        if self.on_fallback:
            return f"{self.local.describe()} — en secours du serveur de la salle ({self.where})"
        return f"{self.primary.describe()} — serveur de la salle"
