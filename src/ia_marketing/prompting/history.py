"""The history of a playground: `Attempt` (one call: prompt, backend, settings, output, usage,
score, error) and `History` (bounded, `DEFAULT_HISTORY_SIZE` attempts by default).
`run_attempt` makes one call and never raises for a model fault: the French error is stored
in the attempt. `session_usage_summary` formats the usage meter of the session."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd

from ..core import CourseError
from ..llm import usage as llm_usage
from ..llm.base import DETERMINISTIC_SEED, Backend
from ..llm.usage import UsageRecord
from .checklist import PromptFeedback, evaluate_prompt
from .parts import PromptParts, build_prompt

__all__ = ["Attempt", "History", "DEFAULT_HISTORY_SIZE", "run_attempt", "session_usage_summary"]

#: How many attempts a `History` keeps by default (the oldest are forgotten first): enough for a
#: 3-hour session of trial and error, small enough to display as a table.
DEFAULT_HISTORY_SIZE = 50


@dataclass
class Attempt:
    """One call to a model from the playground, successful or not."""

    prompt: str
    backend: str
    temperature: float
    max_tokens: int
    output: str
    usage: UsageRecord | None
    score: int | None
    error: str | None
    timestamp: datetime = field(default_factory=datetime.now)
    #: wall-clock duration of the call in seconds (also measured when it fails)
    duration_s: float | None = None
    seed: int | None = None
    label: str = ""
    feedback: PromptFeedback | None = field(default=None, repr=False)
    #: what the model wrote, when `output` is a cleaned version of it (see `run_attempt`'s *clean*)
    raw_output: str | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def tokens_in(self) -> int | None:
        return self.usage.tokens_in if self.usage else None

    @property
    def tokens_out(self) -> int | None:
        return self.usage.tokens_out if self.usage else None

    @property
    def cost(self) -> float | None:
        return self.usage.cost if self.usage else None


class History:
    """The attempts of a playground, oldest first, at most *max_size* of them."""

    def __init__(self, max_size: int = DEFAULT_HISTORY_SIZE) -> None:
        if max_size < 1:
            raise ValueError("L'historique doit pouvoir garder au moins un essai (max_size ≥ 1).")
        self.max_size = max_size
        self._attempts: deque[Attempt] = deque(maxlen=max_size)

    def add(self, attempt: Attempt) -> Attempt:
        """Record *attempt* (forgetting the oldest one when full) and return it."""
        if not isinstance(attempt, Attempt):
            raise TypeError(f"L'historique enregistre des essais (Attempt), pas {type(attempt).__name__}.")
        self._attempts.append(attempt)
        return attempt

    def list(self) -> list[Attempt]:
        """The attempts kept, oldest first."""
        return list(self._attempts)

    def last(self) -> Attempt | None:
        """The most recent attempt, or None when the history is empty."""
        return self._attempts[-1] if self._attempts else None

    def clear(self) -> None:
        self._attempts.clear()

    def __len__(self) -> int:
        return len(self._attempts)

    def __iter__(self) -> Iterator[Attempt]:
        return iter(list(self._attempts))

    def to_dataframe(self) -> pd.DataFrame:
        """One row per attempt, French column names, numbers left as numbers."""
        columns = ["heure", "essai", "moteur", "température", "tokens max", "prompt", "réponse",
                   "score du prompt", "tokens envoyés", "tokens reçus", "durée (s)", "coût", "devise",
                   "erreur"]
        rows = [{
            "heure": a.timestamp,
            "essai": a.label,
            "moteur": a.backend,
            "température": a.temperature,
            "tokens max": a.max_tokens,
            "prompt": a.prompt,
            "réponse": a.output,
            "score du prompt": a.score,
            "tokens envoyés": a.tokens_in,
            "tokens reçus": a.tokens_out,
            "durée (s)": (a.usage.duration_s if a.usage else a.duration_s),
            "coût": a.cost,
            "devise": a.usage.currency if a.usage and a.usage.cost is not None else None,
            "erreur": a.error,
        } for a in self._attempts]
        return pd.DataFrame(rows, columns=columns)


def _fault_message(exc: Exception) -> str:
    if isinstance(exc, CourseError):  # a model fault, or personal data refused by the guard
        return f"{exc.titre} : {exc}"
    return str(exc)


def run_attempt(llm: Backend, prompt: PromptParts | str, *, temperature: float = 0.7,
                max_tokens: int = 64, seed: int | None = None, deterministic: bool | None = None,
                chat: bool = False, on_text: Callable[[str], None] | None = None,
                history: History | None = None, label: str = "",
                stop: Sequence[str] | None = None, clean: Callable[[str, bool], str] | None = None,
                score: bool = True) -> Attempt:
    """Send *prompt* to *llm* once and return the `Attempt`; never raises for a model fault.

    With *on_text*, the answer is streamed and each piece passed to it as it arrives;
    without, it is asked in one request (exact token counts from every provider). A fault
    (a `CourseError` such as `LLMError` or `PersonalDataError`, or a `ValueError` for a bad
    setting) is stored as the attempt's French error, with the text received before it.
    *deterministic* (None: the backend's own setting) forces temperature 0 and a fixed seed.
    *chat* sends the prompt as a chat message instead of a text to continue. *stop* ends the
    generation at one of these strings. *clean* turns the model's text (and whether the token
    limit cut it) into the attempt's output, the raw text being kept in ``raw_output``. Without
    *score*, the prompt is not scored (a document to continue is not a prompt to score). The
    attempt is added to *history* when given.
    """
    try:
        text = build_prompt(prompt)
        feedback: PromptFeedback | None = evaluate_prompt(prompt) if score else None
        problem = None if text else "Le prompt est vide : écrivez au moins la tâche avant d'envoyer."
    except (TypeError, ValueError) as exc:  # a malformed example, not a string…
        text, feedback, problem = "", None, str(exc)
    det = llm.deterministic if deterministic is None else deterministic
    effective_temperature = 0.0 if det else float(temperature)
    effective_seed = (DETERMINISTIC_SEED if seed is None else seed) if det else seed
    pieces: list[str] = []
    usage: UsageRecord | None = None
    error: str | None = None
    output = ""
    raw: str | None = None
    start = time.perf_counter()
    if problem is not None:
        error = problem
    else:
        kwargs = dict(max_tokens=max_tokens, temperature=temperature, seed=seed, deterministic=det,
                      stop=list(stop) if stop else None)
        try:
            if on_text is None:
                completion = llm.chat(text, **kwargs) if chat else llm.complete(text, **kwargs)
            else:
                stream = llm.chat_stream(text, **kwargs) if chat else llm.stream(text, **kwargs)
                for piece in stream:
                    pieces.append(piece)
                    on_text(piece)
                completion = stream.completion
            assert completion is not None
            output, usage = completion.text, completion.usage
            if clean is not None:
                raw, output = output, clean(output, completion.finish_reason == "length")
        except (CourseError, ValueError) as exc:
            error = _fault_message(exc)
            output = "".join(pieces)
            if clean is not None:
                raw, output = output, clean(output, True)
    attempt = Attempt(prompt=text, backend=llm.describe(), temperature=effective_temperature,
                      max_tokens=max_tokens, output=output, usage=usage,
                      score=feedback.score if feedback is not None else None,
                      error=error, duration_s=time.perf_counter() - start, seed=effective_seed,
                      label=label, feedback=feedback, raw_output=raw)
    if history is not None:
        history.add(attempt)
    return attempt


def session_usage_summary(last: Attempt | UsageRecord | None = None) -> str:
    """The playground's meter: the last call (with the sources of its estimates) when given,
    then the running totals of the session (`ia_marketing.llm.usage.SESSION`)."""
    lines = []
    record = last.usage if isinstance(last, Attempt) else last
    if isinstance(last, Attempt) and record is None:
        lines.append("Dernier appel : rien de mesuré (l'appel n'a pas abouti).")
    elif isinstance(record, UsageRecord):
        lines.append(f"Dernier appel : {record.details()}")
    # a local last call has just stated where the power range comes from: not twice
    said = isinstance(record, UsageRecord) and record.on_this_computer
    lines.append(llm_usage.SESSION.resume(sources=not said))
    return "\n".join(lines)
