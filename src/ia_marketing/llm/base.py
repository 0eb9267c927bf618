"""The small interface every backend implements, and the result types."""

from __future__ import annotations

import math
import random
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ..privacy import check_prompt
from .errors import NotSupportedError
from .usage import UsageRecord, record_usage

#: Seed used in deterministic mode, so that a notebook re-runs identically.
DETERMINISTIC_SEED = 1234


@dataclass(frozen=True)
class TokenProb:
    """One candidate for the next token."""

    token: str
    prob: float
    token_id: int | None = None

    @property
    def logprob(self) -> float:
        return math.log(self.prob) if self.prob > 0 else float("-inf")


@dataclass
class Completion:
    """The text a model produced, with its usage record."""

    text: str
    finish_reason: str | None
    usage: UsageRecord

    def __str__(self) -> str:
        return self.text


@dataclass
class GenerationParams:
    max_tokens: int = 128
    temperature: float = 0.7
    top_p: float = 0.95
    top_k: int = 40
    repeat_penalty: float = 1.1
    seed: int | None = None
    stop: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, *, deterministic: bool, stop: str | Sequence[str] | None = None,
              **kwargs) -> GenerationParams:
        params = cls(**{k: v for k, v in kwargs.items() if v is not None})
        if isinstance(stop, str):
            params.stop = [stop]
        elif stop:
            params.stop = list(stop)
        if deterministic:
            params.temperature = 0.0
            params.seed = DETERMINISTIC_SEED if params.seed is None else params.seed
        elif params.seed is None:
            params.seed = random.SystemRandom().randrange(2**31)
        if params.max_tokens < 1:
            raise ValueError("max_tokens doit être au moins 1.")
        if params.temperature < 0:
            raise ValueError("La température ne peut pas être négative (0 = toujours le mot le plus probable).")
        return params


@dataclass
class RawChunk:
    """What a backend yields while generating: a piece of text, and at the end
    the counts and finish reason when it knows them."""

    text: str = ""
    finish_reason: str | None = None
    tokens_in: int | None = None
    tokens_out: int | None = None


class Stream:
    """Iterate over the pieces of text as they are generated.

    After the loop, ``stream.completion`` holds the whole `Completion`.
    """

    def __init__(self, backend: Backend, raw: Iterator[RawChunk], kind: str) -> None:
        self._backend = backend
        self._raw = raw
        self._kind = kind
        self._pieces: list[str] = []
        self._start = time.perf_counter()
        self._first: float | None = None
        self._n_chunks = 0
        self._finish: str | None = None
        self._tokens_in: int | None = None
        self._tokens_out: int | None = None
        self.completion: Completion | None = None

    def __iter__(self) -> Iterator[str]:
        if self.completion is not None:  # already consumed: do not count the call twice
            return
        for chunk in self._raw:
            if chunk.tokens_in is not None:
                self._tokens_in = chunk.tokens_in
            if chunk.tokens_out is not None:
                self._tokens_out = chunk.tokens_out
            if chunk.finish_reason:
                self._finish = chunk.finish_reason
            if chunk.text:
                if self._first is None:
                    self._first = time.perf_counter()
                self._n_chunks += 1
                self._pieces.append(chunk.text)
                yield chunk.text
        self._finalise()

    def _finalise(self) -> None:
        end = time.perf_counter()
        text = "".join(self._pieces)
        tokens_out = self._tokens_out if self._tokens_out is not None else self._n_chunks
        record = self._backend.usage_record(
            kind=self._kind,
            tokens_in=self._tokens_in,
            tokens_out=tokens_out,
            duration_s=end - self._start,
            first_token_s=(self._first - self._start) if self._first else None,
        )
        record_usage(record)
        self.completion = Completion(text=text, finish_reason=self._finish, usage=record)

    def collect(self) -> Completion:
        """Consume the stream and return the `Completion`."""
        for _ in self:
            pass
        assert self.completion is not None
        return self.completion


class Backend(ABC):
    """A language model, local or remote."""

    #: "local" or "openai"
    name: str = ""
    #: model name, as the provider calls it
    model: str = ""
    #: True when prompts leave this machine
    is_remote: bool = False
    #: provider name for price and footprint tables
    provider: str = ""
    #: default of the ``allow_personal_data`` argument of the calls (see ia_marketing.privacy)
    allow_personal_data: bool = False

    def __init__(self, *, deterministic: bool = False, allow_personal_data: bool = False) -> None:
        self.deterministic = deterministic
        self.allow_personal_data = allow_personal_data

    # -- privacy guard ----------------------------------------------------------------------
    def _destination(self) -> str:
        """Who receives the prompts, as said in the privacy guard's message."""
        return f"le fournisseur « {self.provider or self.name} »"

    def _guard(self, content, allow_personal_data: bool | None) -> None:
        """Raise `PersonalDataError` before personal data is sent to a remote model
        (*content*: a prompt or a list of messages; *allow_personal_data*: None means the
        backend's default). Every public call that sends text runs it exactly once."""
        allow = self.allow_personal_data if allow_personal_data is None else allow_personal_data
        if not isinstance(content, (str, list, tuple)):
            content = str(content)
        check_prompt(content, remote=self.is_remote, allow_personal_data=bool(allow),
                     destination=self._destination())

    # -- to implement -------------------------------------------------------------------
    @abstractmethod
    def _raw_complete(self, prompt: str, params: GenerationParams) -> Iterator[RawChunk]:
        """Yield text pieces for a plain completion."""

    @abstractmethod
    def _raw_chat(self, messages: list[dict[str, str]], params: GenerationParams) -> Iterator[RawChunk]:
        """Yield text pieces for a chat answer."""

    def next_token_distribution(self, prompt: str, k: int = 10, *,
                                allow_personal_data: bool | None = None) -> list[TokenProb]:
        """The *k* most probable next tokens with their probabilities."""
        raise NotSupportedError(
            f"Le modèle {self.model} ne donne pas accès aux probabilités du mot suivant.",
            conseil="Utilisez le modèle local (get_llm()) pour cette démonstration.",
        )

    def count_tokens(self, text: str) -> int:
        """Number of tokens of *text* for this model (exact locally, estimated elsewhere)."""
        return max(1, round(len(text) / 4)) if text else 0

    # -- public API ---------------------------------------------------------------------
    def _params(self, deterministic: bool | None, stop, kwargs) -> GenerationParams:
        det = self.deterministic if deterministic is None else deterministic
        return GenerationParams.build(deterministic=det, stop=stop, **kwargs)

    def stream(self, prompt: str, *, max_tokens: int | None = None, temperature: float | None = None,
               top_p: float | None = None, top_k: int | None = None,
               repeat_penalty: float | None = None, seed: int | None = None,
               stop: str | Sequence[str] | None = None, deterministic: bool | None = None,
               allow_personal_data: bool | None = None) -> Stream:
        """Complete *prompt*, yielding the text as it is generated.

        A remote backend refuses a prompt holding personal data (`PersonalDataError`, nothing
        sent) unless *allow_personal_data* is true (None: the backend's default)."""
        self._guard(prompt, allow_personal_data)
        params = self._params(deterministic, stop, dict(
            max_tokens=max_tokens, temperature=temperature, top_p=top_p, top_k=top_k,
            repeat_penalty=repeat_penalty, seed=seed))
        return Stream(self, self._raw_complete(prompt, params), "completion")

    def complete(self, prompt: str, *, allow_personal_data: bool | None = None, **kwargs) -> Completion:
        """Continue *prompt*. Same arguments as `stream`; returns a `Completion`."""
        return self.stream(prompt, allow_personal_data=allow_personal_data, **kwargs).collect()

    def chat_stream(self, messages: list[dict[str, str]] | str, *, system: str | None = None,
                    max_tokens: int | None = None, temperature: float | None = None,
                    top_p: float | None = None, seed: int | None = None,
                    stop: str | Sequence[str] | None = None,
                    deterministic: bool | None = None,
                    allow_personal_data: bool | None = None) -> Stream:
        """Answer a conversation (list of {"role", "content"}), streaming.

        Checked by the privacy guard like `stream`."""
        msgs = normalise_messages(messages, system)
        self._guard(msgs, allow_personal_data)
        params = self._params(deterministic, stop, dict(
            max_tokens=max_tokens, temperature=temperature, top_p=top_p, seed=seed))
        return Stream(self, self._raw_chat(msgs, params), "chat")

    def chat(self, messages: list[dict[str, str]] | str, *, allow_personal_data: bool | None = None,
             **kwargs) -> Completion:
        """Answer a conversation. Same arguments as `chat_stream`."""
        return self.chat_stream(messages, allow_personal_data=allow_personal_data, **kwargs).collect()

    def usage_record(self, *, kind: str, tokens_in: int | None, tokens_out: int | None,
                     duration_s: float, first_token_s: float | None) -> UsageRecord:
        return UsageRecord.build(
            backend=self.name, provider=self.provider, model=self.model, kind=kind,
            tokens_in=tokens_in, tokens_out=tokens_out, duration_s=duration_s,
            first_token_s=first_token_s, on_this_computer=not self.is_remote,
        )

    def describe(self) -> str:
        where = "données envoyées hors de cet ordinateur" if self.is_remote else "tout reste sur cet ordinateur"
        return f"{self.name} · {self.model} ({where})"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.describe()}>"


def normalise_messages(messages: list[dict[str, str]] | str, system: str | None = None) -> list[dict[str, str]]:
    """Accept a string or a list of messages; check roles; prepend *system*."""
    if isinstance(messages, str):
        msgs = [{"role": "user", "content": messages}]
    else:
        msgs = []
        for i, m in enumerate(messages):
            if not isinstance(m, dict) or "role" not in m or "content" not in m:
                raise ValueError(
                    f"Le message n° {i + 1} doit être un dictionnaire avec les clés "
                    "« role » et « content », par exemple {\"role\": \"user\", \"content\": \"Bonjour\"}.")
            if m["role"] not in ("system", "user", "assistant"):
                raise ValueError(
                    f"Rôle « {m['role']} » inconnu dans le message n° {i + 1} : "
                    "utilisez « system », « user » ou « assistant ».")
            msgs.append({"role": m["role"], "content": str(m["content"])})
    if system:
        msgs.insert(0, {"role": "system", "content": system})
    if not msgs:
        raise ValueError("La conversation est vide : ajoutez au moins un message.")
    return msgs
