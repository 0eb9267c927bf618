"""Formative checks for lesson notebooks (never graded).

In a lesson, after an « À vous » cell::

    q1.check(ma_reponse)   # ✅ correct / ❌ incorrect + a useful message / ⏳ not attempted
    q1.hint()              # first hint; call again for the next one
    q1.solution()          # the answer, when the learner asks for it

A message for a wrong answer helps without giving the answer away.
"""

from __future__ import annotations

import copy
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.html import message_box

CORRECT, INCORRECT, NOT_ATTEMPTED = "correct", "incorrect", "non tenté"

#: status -> (French title, message-box kind)
_STYLE = {
    CORRECT: ("✅ Bravo !", "ok"),
    INCORRECT: ("❌ Pas encore.", "erreur"),
    NOT_ATTEMPTED: ("⏳ Pas encore de réponse.", "attente"),
}


@dataclass(frozen=True)
class Outcome:
    """The result of a check: one of three statuses and a French message."""

    status: str
    message: str = ""
    question: str = ""

    @property
    def ok(self) -> bool:
        return self.status == CORRECT

    def __str__(self) -> str:
        title = _STYLE[self.status][0]
        head = f"{self.question} — {title}" if self.question else title
        return f"{head} {self.message}".strip()

    def _repr_html_(self) -> str:
        title, kind = _STYLE[self.status]
        head = f"{self.question} — {title}" if self.question else title
        return message_box(self.message, kind, title=head)


def _show(obj: Any) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
        if get_ipython() is not None:
            display(obj)
            return
    except ImportError:
        pass
    print(obj)


class _Note:
    """A text shown as a coloured box in a notebook, plain text elsewhere."""

    def __init__(self, title: str, text: str, kind: str) -> None:
        self.title, self.text, self.kind = title, text, kind

    def __str__(self) -> str:
        return f"{self.title} {self.text}"

    def _repr_html_(self) -> str:
        return message_box(self.text, self.kind, title=self.title)


def is_placeholder(value: Any) -> bool:
    """True for what a learner has not filled in yet: ``...``, ``None``, an empty string."""
    return value is ... or value is None or (isinstance(value, str) and not value.strip())


def _still_a_skeleton(fn: Any) -> bool:
    """True for a function whose body still holds a ``...`` of the lesson's skeleton (in itself
    or in a function or lambda written inside it): it is not written yet, not wrong."""
    code = getattr(fn, "__code__", None)
    stack = [code] if code is not None else []
    while stack:
        c = stack.pop()
        for const in c.co_consts:
            if const is ...:
                return True
            if hasattr(const, "co_consts"):
                stack.append(const)
    return False


class Question:
    """A formative question.

    *checker* receives the learner's value and returns ``None`` when it is
    correct, or a French message explaining what is wrong (without the answer).
    """

    def __init__(self, name: str, checker: Callable[[Any], str | None], *,
                 hints: Sequence[str] = (), solution: str = "") -> None:
        self.name = name
        self._checker = checker
        self.hints = list(hints)
        self._solution = solution
        self._next_hint = 0

    def evaluate(self, value: Any = ...) -> Outcome:
        """Check *value* and return the `Outcome` (without displaying it)."""
        if is_placeholder(value):
            return Outcome(NOT_ATTEMPTED, "Remplacez les « ... » par votre réponse, exécutez la cellule, "
                                          "puis relancez cette vérification.", self.name)
        if callable(value) and _still_a_skeleton(value):
            return Outcome(NOT_ATTEMPTED, "Votre fonction contient encore des « ... » : remplacez-les par "
                                          "votre code, exécutez la cellule, puis relancez cette vérification.",
                           self.name)
        try:
            problem = self._checker(value)
        except NotImplementedError:
            return Outcome(NOT_ATTEMPTED, "Votre fonction n'est pas encore écrite : remplacez "
                                          "« raise NotImplementedError » par votre code.", self.name)
        except Exception as exc:  # noqa: BLE001 - the learner's code may raise anything
            return Outcome(INCORRECT, f"Votre code a provoqué une erreur : {type(exc).__name__} : {exc}. "
                                      "Lisez le message, corrigez, puis réessayez.", self.name)
        if problem is None:
            return Outcome(CORRECT, "", self.name)
        return Outcome(INCORRECT, problem, self.name)

    def check(self, value: Any = ...) -> None:
        """Check *value* and display the verdict."""
        _show(self.evaluate(value))

    def hint(self, level: int | None = None) -> None:
        """Show the next hint (or hint number *level*)."""
        _show(self.hint_text(level))

    def hint_text(self, level: int | None = None) -> _Note:
        if not self.hints:
            return _Note(f"{self.name} — indice :", "Pas d'indice pour cette question : relisez "
                         "l'explication juste au-dessus.", "indice")
        if level is None:
            level = min(self._next_hint, len(self.hints) - 1) + 1
            self._next_hint = min(self._next_hint + 1, len(self.hints))
        level = max(1, min(int(level), len(self.hints)))
        text = self.hints[level - 1]
        if level == len(self.hints):
            text += "\n(C'était le dernier indice. Si vous bloquez encore : " \
                    f"{self.name}.solution() montre la réponse.)"
        return _Note(f"{self.name} — indice {level}/{len(self.hints)} :", text, "indice")

    def solution(self) -> None:
        """Show the answer."""
        _show(_Note(f"{self.name} — solution :", self._solution or "Pas de solution rédigée.", "solution"))

    # -- factories ---------------------------------------------------------------------------
    @classmethod
    def choice(cls, name: str, correct: str, *, options: Sequence[str],
               feedback: dict[str, str] | None = None, hints: Sequence[str] = (),
               solution: str = "") -> Question:
        """A multiple-choice question answered with a letter ("a", "b"…)."""
        options = [o.lower() for o in options]
        feedback = {k.lower(): v for k, v in (feedback or {}).items()}

        # the example of the expected form must not be the answer itself
        example = next((o for o in options if o != correct.lower()), options[0])

        def checker(value: Any) -> str | None:
            if not isinstance(value, str):
                return f"Répondez par une lettre entre guillemets, par exemple \"{example}\"."
            answer = value.strip().strip(").").lower()
            if answer not in options:
                return f"« {value} » n'est pas un choix proposé : choisissez parmi {', '.join(options)}."
            if answer == correct.lower():
                return None
            return feedback.get(answer, "Ce n'est pas la bonne réponse : relisez le passage "
                                        "correspondant et réessayez.")

        return cls(name, checker, hints=hints, solution=solution)

    @classmethod
    def number(cls, name: str, expected: float, *, rel_tol: float = 1e-6, abs_tol: float = 1e-9,
               too_low: str = "C'est trop petit.", too_high: str = "C'est trop grand.",
               hints: Sequence[str] = (), solution: str = "") -> Question:
        """A numeric answer, with direction feedback instead of the value."""

        def checker(value: Any) -> str | None:
            # numbers.Real also admits numpy / pandas numbers (numpy.int64 is not an int)
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                return (f"J'attends un nombre, et j'ai reçu {type(value).__name__} "
                        f"({value!r}). Écrivez un nombre sans guillemets, avec un point décimal.")
            if math.isnan(value):
                return ("Votre résultat vaut NaN (« pas un nombre ») : un calcul sur une valeur "
                        "manquante ou une division par zéro ? Vérifiez vos données et votre formule.")
            if math.isclose(value, expected, rel_tol=rel_tol, abs_tol=abs_tol):
                return None
            return too_low if value < expected else too_high

        return cls(name, checker, hints=hints, solution=solution)

    @classmethod
    def function(cls, name: str, reference: Callable[..., Any], cases: Sequence[tuple],
                 *, compare: Callable[[Any, Any], bool] | None = None, hints: Sequence[str] = (),
                 solution: str = "", show_cases: int = 2) -> Question:
        """A function the learner writes, compared with *reference* on *cases*.

        On failure, the message shows an « attendu / obtenu » comparison for one
        of the first *show_cases* example inputs (the ones printed in the lesson),
        never for the others.
        """
        compare = compare or _same

        def checker(fn: Any) -> str | None:
            if not callable(fn):
                return "J'attends une fonction (définie avec def), pas une valeur. Passez son nom sans parenthèses."
            for i, args in enumerate(cases):
                # each gets its own copy: a function that modifies its input (list.sort…)
                # must not change what the other one sees
                want = reference(*_copied(args))
                got = fn(*_copied(args))
                if not compare(got, want):
                    if i < show_cases:
                        shown = ", ".join(repr(a) for a in args)
                        return (f"Pour l'entrée ({shown}) :\n  attendu : {want!r}\n  obtenu  : {got!r}")
                    return (f"Votre fonction réussit les premiers exemples mais échoue sur le cas "
                            f"de test n° {i + 1} sur {len(cases)}. Pensez aux cas limites (liste vide, "
                            "zéro, majuscules…).")
            return None

        return cls(name, checker, hints=hints, solution=solution)


def _copied(args: tuple) -> tuple:
    """A deep copy of *args*, or *args* itself when it cannot be copied (a model, a lock…)."""
    try:
        return copy.deepcopy(tuple(args))
    except Exception:  # noqa: BLE001 - uncopyable arguments are passed as they are
        return tuple(args)


def _same(got: Any, want: Any) -> bool:
    if isinstance(want, float) and isinstance(got, (int, float)) and not isinstance(got, bool):
        return math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(want, (list, tuple)) and isinstance(got, (list, tuple)):
        return len(got) == len(want) and all(_same(g, w) for g, w in zip(got, want))
    if isinstance(want, dict) and isinstance(got, dict):
        return got.keys() == want.keys() and all(_same(got[k], want[k]) for k in want)
    return got == want
