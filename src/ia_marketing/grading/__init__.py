"""Helpers for the hidden tests of the graded assignments.

The method (``tests/course/METHODE_NOTATION.md``) asks each hidden test cell for three things,
and this package gives one helper for each:

* `check_cases` - the named cases: one or more per sentence of the statement, each with the
  French advice shown when it fails;
* `compare_with_reference` - differential testing: the learner's function and the reference
  (a verbatim copy of the solution, kept in the hidden block) on a few hundred generated inputs
  (`ia_marketing.grading.corpus`), with the learner's result and the expected one for the
  first input where they differ;
* `replaced` - an independent mark per exercise: while a function is graded, the helpers it
  calls are the reference ones, so a mistake in exercise 2 does not cost exercise 3's points.

`left_unchanged` checks that a function does not modify what it receives, for statements that
say so; `french_message_problems` checks a message the statement asks for in French. `verdict` ends the cell: one `AssertionError` whose French message lists every problem
found, without printing the hidden test's source.

Every call runs on deep copies of the inputs, so a function that modifies its arguments cannot
spoil the next case.
"""

from __future__ import annotations

import copy
import math
import numbers
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pandas as pd

__all__ = ["Raises", "same", "check_cases", "compare_with_reference", "french_message_problems",
           "left_unchanged", "replaced", "verdict", "describe"]

_MISSING = object()


@dataclass(frozen=True)
class Raises:
    """Expected outcome « the call raises *error* », optionally with *containing* in its message
    (compared in lower case)."""

    error: type[BaseException]
    containing: str | None = None

    def matches(self, raised: BaseException | None) -> bool:
        if not isinstance(raised, self.error):
            return False
        return self.containing is None or self.containing.lower() in str(raised).lower()


def _as_args(value: Any) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _call(function: Callable, args: tuple) -> tuple[Any, BaseException | None]:
    """(result, None), or (None, the exception raised), calling on a deep copy of *args*."""
    try:
        return function(*copy.deepcopy(args)), None
    except Exception as error:  # the learner's code may raise anything: it is reported, not fatal
        return None, error


def same(obtained: Any, expected: Any) -> bool:
    """Whether *obtained* is the answer *expected*: floats to 1e-9, sequences element-wise (a
    tuple for a list is accepted), pandas objects by values and labels (not by dtype nor name)."""
    if isinstance(expected, pd.DataFrame):
        if not isinstance(obtained, pd.DataFrame):
            return False
        try:
            pd.testing.assert_frame_equal(obtained, expected, check_dtype=False, check_index_type=False,
                                          check_column_type=False, check_names=False,
                                          check_exact=False, rtol=1e-9, atol=1e-9)
        except (AssertionError, TypeError, ValueError):
            return False
        return True
    if isinstance(expected, pd.Series):
        if not isinstance(obtained, pd.Series):
            return False
        try:
            pd.testing.assert_series_equal(obtained, expected, check_dtype=False, check_index_type=False,
                                           check_names=False, check_exact=False, rtol=1e-9, atol=1e-9)
        except (AssertionError, TypeError, ValueError):
            return False
        return True
    if expected is None:
        return obtained is None
    if isinstance(expected, bool) or isinstance(obtained, bool):
        return type(obtained) is type(expected) and obtained == expected
    if isinstance(expected, numbers.Real):
        if not isinstance(obtained, numbers.Real):
            return False
        if math.isnan(expected):
            return math.isnan(obtained)
        return math.isclose(obtained, expected, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(expected, str):
        return isinstance(obtained, str) and obtained == expected
    if isinstance(expected, (list, tuple)):
        return (isinstance(obtained, (list, tuple)) and len(obtained) == len(expected)
                and all(same(o, e) for o, e in zip(obtained, expected)))
    if isinstance(expected, dict):
        return (isinstance(obtained, dict) and obtained.keys() == expected.keys()
                and all(same(obtained[k], expected[k]) for k in expected))
    try:
        return bool(obtained == expected)
    except Exception:  # an object whose == raises is not the expected answer
        return False


def describe(value: Any, limit: int = 90) -> str:
    """A short French rendering of a value for a feedback message (tables by their size)."""
    if isinstance(value, pd.DataFrame):
        return f"un tableau de {len(value)} ligne{'s' if len(value) > 1 else ''}"
    if isinstance(value, pd.Series):
        return f"une Series de {len(value)} valeur{'s' if len(value) > 1 else ''}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _outcome(result: Any, error: BaseException | None) -> str:
    if error is not None:
        return f"lève l'erreur {type(error).__name__}"
    return f"renvoie {describe(result)}"


def check_cases(function: Callable, cases: Iterable[tuple[Any, Any, str]]) -> list[str]:
    """The advice of every named case that *function* gets wrong.

    Each case is ``(arguments, expected, advice)``: *arguments* a tuple (or one value), *expected*
    a value compared with `same`, a `Raises`, or a function of the result that says whether it
    is right (for an answer the statement leaves partly free).
    """
    problems = []
    for args, expected, advice in cases:
        result, error = _call(function, _as_args(args))
        if isinstance(expected, Raises):
            if not expected.matches(error):
                problems.append(advice)
        elif error is not None:
            problems.append(f"{advice} (votre fonction lève l'erreur {type(error).__name__})")
        elif not _holds(expected, result):
            problems.append(advice)
    return problems


def _holds(expected: Any, result: Any) -> bool:
    if callable(expected) and not isinstance(expected, type):
        return _safely(expected, result)
    return same(result, expected)


def _safely(predicate: Callable[..., Any], *args: Any) -> bool:
    try:
        return bool(predicate(*args))
    except Exception:  # a result the predicate cannot even inspect is not the right one
        return False


def compare_with_reference(function: Callable, reference: Callable, inputs: Iterable[tuple[Any, str]],
                           *, advice: str = "", show: Callable[[tuple], str] | None = None,
                           equal: Callable[[Any, Any], bool] = same) -> list[str]:
    """Differential test: *function* against *reference* on generated *inputs*.

    *inputs* are ``(arguments, label)`` pairs, the label saying in French what is special about
    the input (« une tabulation au milieu »). Where the reference raises, the learner's function
    must raise too (any exception: the statement's own error cases are named cases). Returns one
    message, or nothing: how many inputs differ, the labels they share most, and the first one
    with both results. *show* renders the arguments (default: their ``repr``); *equal* compares
    a result with the reference's (default: `same`), for answers the statement leaves partly
    free (the order of ties, say).
    """
    inputs = [(_as_args(args), label) for args, label in inputs]
    differing = []
    for args, label in inputs:
        expected, expected_error = _call(reference, args)
        result, error = _call(function, args)
        if expected_error is not None:
            ok = error is not None
        else:
            ok = error is None and _safely(equal, result, expected)
        if not ok:
            differing.append((args, label, result, error, expected, expected_error))
    if not differing:
        return []
    args, _, result, error, expected, expected_error = differing[0]
    name = getattr(function, "__name__", "votre fonction")
    shown = show(args) if show else ", ".join(describe(a) for a in args)
    wanted = ("alors que la solution lève une erreur" if expected_error is not None
              else f"au lieu de {describe(expected)}")
    labels = Counter(label for _, label, *_ in differing if label)
    common = ", ".join(label for label, _ in labels.most_common(3))
    message = (f"sur {len(inputs)} entrées variées, {len(differing)} ne donnent pas le résultat de la solution"
               + (f" (surtout : {common})" if common else "")
               + f" ; par exemple, {name}({shown}) {_outcome(result, error)} {wanted}")
    return [message + (f" — {advice}" if advice else "")]


_ENGLISH = {"the", "is", "must", "should", "be", "cannot", "can't", "not", "invalid", "error", "value", "negative",
            "zero", "missing", "empty", "please", "wrong", "number", "positive", "greater", "than", "no"}
_FRENCH = {"le", "la", "les", "de", "des", "du", "un", "une", "doit", "être", "est", "pas", "ne", "n'est", "et",
           "en", "pour", "au", "aux", "votre", "vous", "ce", "cette", "sur", "avec", "à", "plus", "que", "qui",
           "il", "elle", "manque", "vide", "invalide", "nulle", "négative", "strictement", "aucun",
           "aucune", "erreur", "valeur", "nombre", "indiquez", "vérifiez", "ajoutez"}


def french_message_problems(message: str, *, containing: Sequence[str] = (), what: str = "le message") -> list[str]:
    """What is wrong with a message the statement asks to be in French: empty, missing one of the
    words *containing* (compared in lower case), or written in English (English function words
    and no French one, nor any accented letter)."""
    text = str(message).strip()
    if not text:
        return [f"{what} est vide : écrivez une phrase en français qui dit quoi faire"]
    problems = [f"{what} doit contenir « {word} »" for word in containing if word.lower() not in text.lower()]
    words = {w.strip(".,;:!?()«»\"'").lower() for w in text.replace("’", "'").split()}
    accented = any(c in "àâçéèêëîïôûùüÿœæ" for c in text.lower())
    if words & _ENGLISH and not words & _FRENCH and not accented:
        problems.append(f"{what} semble écrit en anglais : écrivez-le en français")
    return problems


def left_unchanged(function: Callable, args: Any, advice: str) -> list[str]:
    """*advice* if calling *function* modifies the arguments it receives (or fails to be called)."""
    args = _as_args(args)
    kept = copy.deepcopy(args)
    try:
        function(*args)
    except Exception:  # raising is judged by the other cases; only modification is judged here
        pass
    return [] if all(same(a, k) for a, k in zip(args, kept)) else [advice]


@contextmanager
def replaced(namespace: MutableMapping[str, Any], **names: Any) -> Iterator[None]:
    """Within the block, *names* in *namespace* (the notebook's ``globals()``) are the given
    objects; afterwards they are the learner's again (or absent, as before)."""
    saved = {name: namespace.get(name, _MISSING) for name in names}
    namespace.update(names)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is _MISSING:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def verdict(problems: Sequence[str]) -> None:
    """Raise one `AssertionError` listing every problem (each once), or nothing."""
    if problems:
        raise AssertionError("Tests cachés : " + " ; ".join(dict.fromkeys(problems)) + ".")
