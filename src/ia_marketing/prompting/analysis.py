"""What the checklist reads in a prompt: task verbs, keywords, and the prepared text.

The French vocabulary (task verbs, keyword lists) and the texts of the rules live in
`regles.toml`, next to this module, so that an author can edit them without touching the
code; `vocabulary()` reads the file once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from ..core import MONTHS, fold_same_length, normalise_text
from ..privacy import EMAIL_RE
from .parts import PromptParts, build_prompt

__all__ = ["vocabulary", "PATTERN_KINDS", "DATA_KINDS", "find_task_verbs", "PromptAnalysis",
           "AUDIENCE_RE", "FORMAT_RE", "LENGTH_RE", "CONTEXT_RE", "QUOTED_RE", "ROLE_RE",
           "EXAMPLE_WORD_RE", "ARROW_RE", "IO_RE", "LABELLED_LINE_RE"]

DATA_FILE = "regles.toml"


@cache
def vocabulary() -> dict[str, Any]:
    """The contents of `regles.toml`: task verbs, keyword lists, texts of the rules."""
    text = files("ia_marketing.prompting").joinpath(DATA_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


_TASKS = vocabulary()["tasks"]
_KEYWORDS = vocabulary()["keywords"]

#: Kinds of task for which examples show the expected pattern.
PATTERN_KINDS = ("classification", "extraction", "reformulation")
#: Kinds whose output is data (a label, extracted values), not a message for an audience.
DATA_KINDS = ("classification", "extraction")


# -- task verbs --------------------------------------------------------------------------------
_VerbTable = dict[str, tuple[str, str]]


def _verb_forms() -> tuple[_VerbTable, _VerbTable, _VerbTable]:
    """Three tables form -> (infinitive, kind): infinitives (anywhere), imperatives (at the start
    of a clause or after « tu » / « vous ») and « tu » present forms (after « tu » only).

    Each form is also accepted without its accents, as learners often type it."""
    infinitives: _VerbTable = {}
    imperatives: _VerbTable = {}
    tu_forms: _VerbTable = {}
    for kind, verbs in _TASKS["verbs"].items():
        for inf, tu, vous in verbs:
            for form in (inf, normalise_text(inf)):
                infinitives[form] = (inf, kind)
            for imp in (tu, vous):
                for form in (imp, normalise_text(imp)):
                    imperatives[form] = (inf, kind)
            present = tu + "s" if inf.endswith("er") else tu  # « tu rédiges », « tu écris »
            for form in (present, normalise_text(present)):
                tu_forms[form] = (inf, kind)
    for inf in _TASKS["ignored_infinitives"]:
        for form in (inf, normalise_text(inf)):
            infinitives.pop(form, None)
    return infinitives, imperatives, tu_forms


def _with_folded(words: Sequence[str]) -> frozenset[str]:
    """*words* as written and without their accents."""
    return frozenset(words) | {normalise_text(w) for w in words}


_INFINITIVES, _IMPERATIVES, _TU_FORMS = _verb_forms()
_CONNECTORS = _with_folded(_TASKS["connectors"])
_ANSWER_FORMS = _with_folded(_TASKS["answer_forms"])
_FORMAT_FOLLOWERS = _with_folded(_TASKS["format_followers"])
_CLAUSE_PUNCTUATION = set(".!?:;,\n«»\"“”()[]•*–—")
_WORD = re.compile(r"[^\W\d_]+")


def find_task_verbs(text: str) -> list[tuple[str, str, str]]:
    """(word as written, infinitive, kind) for every task verb found in *text*."""
    found = []
    lowered = text.lower()
    words = list(_WORD.finditer(lowered))
    previous_end, previous_word = 0, None
    for i, match in enumerate(words):
        word = match.group()
        following = words[i + 1].group() if i + 1 < len(words) else None
        if word in _ANSWER_FORMS and following in _FORMAT_FOLLOWERS:
            previous_end, previous_word = match.end(), word
            continue
        gap = lowered[previous_end:match.start()]
        clause_start = (previous_word is None or any(c in _CLAUSE_PUNCTUATION for c in gap)
                        or previous_word in _CONNECTORS)
        after_subject = previous_word in ("tu", "vous")
        hit = None
        if word in _INFINITIVES:
            hit = _INFINITIVES[word]
        elif word in _IMPERATIVES and (clause_start or after_subject):
            hit = _IMPERATIVES[word]
        elif word in _TU_FORMS and previous_word == "tu":
            hit = _TU_FORMS[word]
        if hit is not None:
            found.append((text[match.start():match.end()], *hit))
        previous_end, previous_word = match.end(), word
    return found


# -- keyword lists (compared without accents or capitals) -------------------------------------
def _spaces(pattern: str) -> str:
    """A space in a pattern matches any run of blank space."""
    return pattern.replace("\\ ", " ").replace(" ", r"\s+")


def _alternation(words: Sequence[str]) -> str:
    folded = (_spaces(re.escape(fold_same_length(w))) for w in words)
    return "|".join(sorted(folded, key=len, reverse=True))


def _words_or_patterns(words: Sequence[str], patterns: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + _alternation(words) + r")\b|"
                      + "|".join(_spaces(p) for p in patterns))


AUDIENCE_RE = _words_or_patterns(_KEYWORDS["audience"], _KEYWORDS["audience_patterns"])
FORMAT_RE = _words_or_patterns(_KEYWORDS["format"], _KEYWORDS["format_patterns"])
LENGTH_RE = re.compile(
    r"\b(?:\d+|" + _alternation(_KEYWORDS["numbers"])
    + r")\s+(?:seule?s?\s+|petite?s?\s+|courte?s?\s+)?(?:" + _alternation(_KEYWORDS["units"])
    + r")\b|\b(?:" + _alternation(_KEYWORDS["brevity"]) + r")\b")
# « janvier » … « décembre » without accents, in calendar order
_MONTHS = "|".join(re.escape(fold_same_length(month)) for month in MONTHS)
CONTEXT_RE = re.compile(r"\b(?:" + _alternation(_KEYWORDS["context"]) + r")\b|\b\d{1,2}(?:er)?\s+(?:"
                        + _MONTHS + r")\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
QUOTED_RE = re.compile(r"«\s*[^»]{2,}?\s*»|\"[^\"\n]{2,}\"|“[^”]{2,}”")
ROLE_RE = re.compile(r"\b(?:" + _alternation(_KEYWORDS["role"]) + r")\b")

EXAMPLE_WORD_RE = re.compile(r"\bexemples?\b|\bex\s*:")
ARROW_RE = re.compile(r"^[^\n]*\S[^\n]*?\s*(?:→|->|=>)\s*\S", re.MULTILINE)
IO_RE = re.compile(r"^\s*(?:entree|sortie|input|output|reponse attendue)\s*:", re.MULTILINE)
LABELLED_LINE_RE = re.compile(r"^\s*([^\W\d_][\w' -]{0,30}?)\s*:[ \t]*(.*)$", re.MULTILINE)


# -- analysis shared by the rules --------------------------------------------------------------
@dataclass
class PromptAnalysis:
    """A prompt prepared for the rules.

    *text* is the prompt as sent; *parts* the structured fields, when there are some; *body*
    the text the rules read (for structured fields, their contents without the section
    labels); *norm* the same text folded (lower case, no accents, e-mail addresses blanked)
    with the same length, so that a match in *norm* can be quoted from *body*; *verbs* the
    task verbs found, as (word as written, infinitive, kind of task).
    """

    text: str
    parts: PromptParts | None = None
    body: str = ""
    norm: str = ""
    verbs: list[tuple[str, str, str]] = field(default_factory=list)

    @classmethod
    def of(cls, prompt: PromptParts | str) -> PromptAnalysis:
        text = build_prompt(prompt)
        if isinstance(prompt, PromptParts):
            # the field contents, without the section labels (« Format attendu : » is not a format)
            fields = [getattr(prompt, name) or "" for name in
                      ("role", "contexte", "tache", "format_attendu", "contraintes", "amorce")]
            fields += [f"{e} → {s}" for e, s in prompt.clean_examples()]
            body = "\n".join(str(f) for f in fields if str(f).strip())
            parts = prompt
        else:
            body, parts = text, None
        # e-mail addresses are masked for the other rules (« @mail.example » is not a format)
        norm = EMAIL_RE.sub(lambda m: " " * len(m.group()), fold_same_length(body))
        return cls(text=text, parts=parts, body=body, norm=norm, verbs=find_task_verbs(body))

    @property
    def kinds(self) -> set[str]:
        return {kind for _, _, kind in self.verbs}

    @property
    def pattern_kind(self) -> str | None:
        """The first pattern kind of task found (classification, extraction, reformulation)."""
        for _, _, kind in self.verbs:
            if kind in PATTERN_KINDS:
                return kind
        return None

    @property
    def data_only(self) -> bool:
        """True when every task found produces data (classification, extraction)."""
        return bool(self.verbs) and all(kind in DATA_KINDS for kind in self.kinds)

    def field_value(self, name: str) -> str:
        if self.parts is None:
            return ""
        value = getattr(self.parts, name)
        return "" if value is None else str(value).strip()
