"""« Imiter nos publications »: what the small base model does well, measured (module 02).

Gemma 3 270M base has no instruction tuning: it does not obey « Rédige une publication… », it
continues documents. Given a document made of a few of the venue's own past posts, each under a
« Sujet : … » line, then a new « Sujet : … » and « Publication : », it writes the next post in
the same tone and format. This module builds that document, cuts the continuation where the post
ends, checks the result, and measures it on a fixed set of briefs.

- `imitation_prompt` chooses *k* past posts for a brief and lays out the document. The rule is
  simple and shown to the learner: posts of the same network that present a show (never the
  brief's own show, which the model would copy), preferring the same kind of post (annonce,
  rappel…), then the same discipline, then the most words in common with the brief, one post
  per show; the seed breaks the remaining ties and shuffles the order.
- `cut_publication` keeps the continuation up to the end of the post (the next « Sujet : », a
  blank line) and cleans it.
- `check_publication` says whether a post is on format (length, a hashtag, no leaked frame), on
  topic (the show's title or discipline), and which dates, times, prices or names it states that
  the show's row of ``spectacles.csv`` does not: invented facts to check against the programme.
- `measure_imitation` runs the fixed briefs of ``sujets_mesure.csv`` and returns one row per brief;
  `summarise_imitation` gives the shares the lesson quotes.
- `instruction_parts` turns the same brief into an instruction prompt, for an instruction-tuned
  model (a provider, or a local server such as Ollama) to compare with.

Longer than 600 lines because the prompt builder and the checks of a post read the same things
(a show's sheet, its date written in French, the venue's word lists, the discipline words): kept
together, the rule that chooses the examples and the rule that judges the answer cannot drift
apart.
"""

from __future__ import annotations

import functools
import io
import random
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources

import pandas as pd
from babel.dates import get_day_names

from ..core.fr import MONTHS, decimal, percent
from ..core.text import fold
from ..data.words import words
from ..data.world import VENUE
from .parts import PromptParts

__all__ = [
    "NETWORKS", "KINDS", "DEFAULT_K", "DEFAULT_TEMPERATURE", "DEFAULT_MAX_TOKENS", "LENGTH_BOUNDS",
    "MIN_WORDS", "MODES",
    "STOP", "ImitationPrompt", "PublicationCheck", "publication_kind", "show_subject",
    "choose_examples", "imitation_prompt", "cut_publication", "invented_facts",
    "other_mismatches", "check_publication", "instruction_parts", "fixed_briefs", "write_publication",
    "measure_imitation", "summarise_imitation", "compare_settings",
]

NETWORKS: tuple[str, ...] = ("Instagram", "Facebook", "TikTok", "LinkedIn")
#: The kinds of post a brief can ask for, as written in the « Sujet : » lines.
KINDS: tuple[str, ...] = ("annonce", "rappel", "dernières places", "coulisses", "après le spectacle")
#: Examples in the document, temperature and length of the answer, chosen with `compare_settings`
#: (`ia-marketing bench imitation`) on the fixed briefs, December 2026: with 6 examples, 4 to 8 %
#: of the posts had an invented fact (2 to 5 seeds), against 21 to 33 % with 2 to 4 examples;
#: the format held at every setting; above 1.0 the title is cited less often.
DEFAULT_K = 6
DEFAULT_TEMPERATURE = 0.3
DEFAULT_MAX_TOKENS = 100
#: A post « on format » has this many characters (the venue's past posts have 96 to 325).
LENGTH_BOUNDS = (60, 350)
#: How `measure_imitation` can write: imitating past posts, or from the same brief as an instruction.
MODES: tuple[str, ...] = ("imiter", "consigne")
#: Where the model is stopped: the next subject, a repeated frame, a blank line.
STOP: tuple[str, ...] = ("\nSujet", "Sujet :", "Publication :", "\n\n")

# Keywords (folded) that say which kind a past post is; checked in this order, « annonce » otherwise.
_KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("dernières places", ("dernieres places", "presque complet", "poignee de places")),
    ("coulisses", ("coulisses", "repetitions", "montage du decor", "en residence")),
    ("après le spectacle", ("merci au public", "retour en images", "vous etiez la", "bravo")),
    ("rappel", ("j-", "plus que", "c'est bientot", "rendez-vous le")),
)
# Words (folded) that say a text is about a discipline, outside hashtags and the venue's name.
_DISCIPLINE_WORDS: dict[str, tuple[str, ...]] = {
    "théâtre": ("theatre", "piece", "comedie", "comedien", "interprete"),
    "danse": ("danse", "ballet", "choregraph"),
    "musique": ("concert", "musique", "musical", "musicien", "chanson", "orchestre"),
    "cirque": ("cirque", "acrobat", "voltige", "jonglage"),
    "jeune public": ("jeune public", "famille", "enfant", "marionnette", "des 3 ans", "des 4 ans",
                     "des 5 ans"),
    "humour": ("humour", "humoriste", "rire", "comique"),
}
# Short words that say nothing about a subject, left out of the word overlap.
_STOPWORDS = frozenset(fold(w) for w in (
    "avec", "dans", "pour", "sur", "une", "des", "les", "par", "aux", "entre", "autour", "leur",
    "nous", "vous", "notre", "votre", "nos", "vos", "cette", "plus", "tout", "tous", "toute",
    "signé", "signée", "porté", "portée", "annonce", "rappel", "coulisses", "spectacle", "salle",
    "studio", "grande", "théâtre", "rivage", "publication", "sujet",
))
_WEEKDAYS = tuple(get_day_names("wide", locale="fr_FR")[i] for i in range(7))
_MONTH_NUMBER = {fold(m): n for n, m in enumerate(MONTHS, start=1)}
_WEEKDAY_NUMBER = {fold(d): n for n, d in enumerate(_WEEKDAYS)}
_DATE = re.compile(
    r"\b(?:(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(1er|\d{1,2})\s+("
    + "|".join(sorted({*MONTHS, *(fold(m) for m in MONTHS)}, key=len, reverse=True))
    + r")\b(?:\s+(\d{4}))?", re.IGNORECASE)
_TIME = re.compile(r"\b\d{1,2}\s?h(?:\s?\d{2})?\b", re.IGNORECASE)
_PRICE = re.compile(r"(\d+(?:[,.]\d{1,2})?)\s?(?:€|euros?\b)", re.IGNORECASE)
_FREE = re.compile(r"\b(gratuit|gratuite|entrée libre|entrée gratuite|offert)\b", re.IGNORECASE)
_HASHTAG = re.compile(r"#[\w\u00C0-\u024F]+")
_LINK = re.compile(r"(?:https?://|www\.)\S+|@[\w.]+", re.IGNORECASE)
# The labels of the two frames (this document, and the instruction prompt): none belongs in a post.
_FRAME = re.compile(r"\b(?:sujet|publication|rôle|contexte|tâche|format attendu|contraintes|exemples|"
                    r"entrée|sortie)\s*:", re.IGNORECASE)
#: A post « on format » has at least this many words besides its hashtags and links.
MIN_WORDS = 5
_WORD = re.compile(r"[\w\u00C0-\u024F]+(?:['’-][\w\u00C0-\u024F]+)*")
_CONNECTORS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "et"})
# Names that may appear in any post of the venue (the halls are checked apart: see `invented_facts`).
_VENUE_NAMES = (VENUE, "Port-Rivage", "Rivage", "Théâtre", "PMR")
_HALLS = {"studio": "Studio", "grande salle": "Grande salle"}


def _one_line(text: object) -> str:
    return " ".join(str(text).split())


def publication_kind(text: str) -> str:
    """The kind of a post (one of `KINDS`), from a few keywords: « Dernières places… » is
    « dernières places », « Dans les coulisses de… » « coulisses », « Retour en images… »
    « après le spectacle », « J-4 avant… » « rappel »; anything else is an « annonce »."""
    folded = fold(text)
    for kind, keywords in _KIND_WORDS:
        if any(k in folded for k in keywords):
            return kind
    return "annonce"


def _date_text(day) -> str:
    """« mardi 27 septembre » (« 1er » on the first)."""
    day = pd.Timestamp(day)
    number = "1er" if day.day == 1 else str(day.day)
    return f"{_WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}"


def _pitch(description: str) -> str:
    return str(description).split(". ")[0].rstrip(".") + "."


def show_subject(show: Mapping, kind: str = "annonce") -> str:
    """The « Sujet : » line of a show, as the learner and the examples write it:
    « annonce : « Sillage », un spectacle de danse, le mardi 27 septembre au Studio. Un ballet… »

    *show* is a row of ``spectacles.csv`` (titre, discipline, date_premiere, salle, description).
    """
    text = words("posts")
    phrase = text["phrases"].get(show["discipline"], str(show["discipline"]))
    hall = text["halls"].get(show["salle"], f"salle {show['salle']}")
    return (f"{kind} : « {show['titre']} », {phrase}, le {_date_text(show['date_premiere'])} "
            f"{hall}. {_pitch(show['description'])}")


_ELISION = re.compile(r"^(?:[ldjnstcm]|qu|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)


def _written_words(text: str) -> dict[str, str]:
    """The words of *text* that can carry a subject (4 letters or more, not a stop word, elision
    removed, hashtags left out), folded, each with the first way it is written."""
    found: dict[str, str] = {}
    for word in _WORD.findall(_HASHTAG.sub(" ", _LINK.sub(" ", text))):
        word = _ELISION.sub("", word)
        folded = fold(word)
        if len(folded) >= 4 and folded not in _STOPWORDS:
            found.setdefault(folded, word)
    return found


def _content_words(text: str) -> set[str]:
    return set(_written_words(text))


def _discipline_of(text: str, shows: pd.DataFrame) -> str | None:
    """The discipline a brief is about: the one of the show whose title it quotes, otherwise the
    first discipline whose words it uses (venue name and hashtags left out)."""
    folded = fold(_HASHTAG.sub(" ", text)).replace(fold(VENUE), " ")
    for title, discipline in zip(shows["titre"], shows["discipline"]):
        if fold(title) in folded:
            return discipline
    for discipline in ("jeune public", "humour", "cirque", "danse", "musique", "théâtre"):
        if any(w in folded for w in _DISCIPLINE_WORDS[discipline]):
            return discipline
    return None


def _show_id_of(text: str, shows: pd.DataFrame) -> str | None:
    folded = fold(text)
    for show_id, title in zip(shows["id_spectacle"], shows["titre"]):
        if f"« {fold(title)} »" in folded or f"«{fold(title)}»" in folded:
            return show_id
    return None


def choose_examples(brief: str, network: str, k: int = DEFAULT_K, *, seed: int = 0,
                    posts: pd.DataFrame | None = None, shows: pd.DataFrame | None = None,
                    exclude_show: str | None = None) -> pd.DataFrame:
    """The *k* past posts shown to the model for *brief*, in the order of the document.

    Candidates: the posts of *network* that present a show, each text once, never about
    *exclude_show* (default: the show whose « title » the brief quotes). They are ranked by
    same kind of post, then same discipline, then number of words in common with the brief; the
    *seed* breaks ties and shuffles the chosen ones. The best post of each show is taken first,
    so that the examples present *k* different shows when there are enough. Columns: id_publication, id_spectacle, sujet,
    texte, pourquoi (the reason, in French).
    """
    posts, shows = _tables(posts, shows)
    if network not in set(posts["reseau"]):
        raise ValueError(f"Réseau inconnu : « {network} ». Réseaux des publications passées : "
                         f"{', '.join(sorted(set(posts['reseau'])))}.")
    if k < 1:
        raise ValueError("Il faut au moins une publication en exemple (k ≥ 1).")
    exclude = exclude_show if exclude_show is not None else _show_id_of(brief, shows)
    by_id = shows.set_index("id_spectacle")
    pool = posts[(posts["reseau"] == network) & posts["id_spectacle"].notna()]
    pool = pool[pool["id_spectacle"].isin(by_id.index) & (pool["id_spectacle"] != exclude)]
    pool = pool.drop_duplicates("texte").sort_values("id_publication")
    if pool.empty:
        raise ValueError(f"Aucune publication {network} passée ne présente un autre spectacle.")
    kind, discipline = publication_kind(brief), _discipline_of(brief, shows)
    brief_words = _content_words(brief)
    rng = random.Random(seed)
    rows = []
    for post in pool.itertuples(index=False):
        show = by_id.loc[post.id_spectacle]
        post_kind = publication_kind(post.texte)
        subject = show_subject({**show.to_dict(), "id_spectacle": post.id_spectacle}, post_kind)
        shared = len(brief_words & _content_words(f"{subject} {post.texte}"))
        reasons = []
        if post_kind == kind:
            reasons.append(f"même type ({kind})")
        if discipline is not None and show["discipline"] == discipline:
            reasons.append(f"même discipline ({discipline})")
        if shared:
            reasons.append(f"{shared} mot{'s' if shared > 1 else ''} en commun")
        rows.append({"id_publication": post.id_publication, "id_spectacle": post.id_spectacle,
                     "sujet": subject, "texte": post.texte,
                     "pourquoi": ", ".join(reasons) or "même réseau",
                     "_key": (post_kind == kind, discipline is not None and show["discipline"] == discipline,
                              shared, rng.random())})
    rows.sort(key=lambda r: r["_key"], reverse=True)
    # one post per show first: several posts of one show make the model copy that show's facts
    chosen, shows_used = [], set()
    for row in rows:
        if len(chosen) < k and row["id_spectacle"] not in shows_used:
            chosen.append(row)
            shows_used.add(row["id_spectacle"])
    chosen += [row for row in rows if row not in chosen][:k - len(chosen)]
    rng.shuffle(chosen)
    return pd.DataFrame(chosen).drop(columns="_key").reset_index(drop=True)


@dataclass
class ImitationPrompt:
    """The document sent to the model, with what it was built from."""

    text: str
    brief: str
    network: str
    examples: pd.DataFrame = field(repr=False)

    def __str__(self) -> str:
        return self.text


def imitation_prompt(brief: str, network: str = "Instagram", *, k: int = DEFAULT_K, seed: int = 0,
                     posts: pd.DataFrame | None = None, shows: pd.DataFrame | None = None,
                     exclude_show: str | None = None) -> ImitationPrompt:
    """The « imiter nos publications » document for *brief*: a title line, *k* past posts of
    *network* (see `choose_examples`), each as « Sujet : … » then « Publication : … », and last
    « Sujet : <brief> » and « Publication : » for the model to continue.

    Deterministic: the same arguments give the same document.
    """
    brief = _one_line(brief)
    if not brief:
        raise ValueError("Le sujet est vide : décrivez la publication voulue, par exemple « annonce : "
                         "« Sillage », un spectacle de danse, le mardi 27 septembre au Studio ».")
    examples = choose_examples(brief, network, k, seed=seed, posts=posts, shows=shows,
                               exclude_show=exclude_show)
    lines = [f"Publications {network} du {VENUE}.", ""]
    for example in examples.itertuples(index=False):
        lines += [f"Sujet : {example.sujet}", f"Publication : {_one_line(example.texte)}", ""]
    lines += [f"Sujet : {brief}", "Publication :"]
    return ImitationPrompt(text="\n".join(lines), brief=brief, network=network, examples=examples)


_END = re.compile(r"\n[ \t]*\n|\b(?:Sujet|Publication)\s*:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)")


def cut_publication(continuation: str, *, truncated: bool = False) -> str:
    """The post in what the model wrote after « Publication : »: up to the next « Sujet : » (or
    a repeated « Publication : ») or the first blank line, on one line, without surrounding
    quotes or spaces.

    With *truncated* (the model was stopped by the token limit, in the middle of the post), an
    unfinished ending is dropped: the last hashtag if the post ends with hashtags, otherwise
    everything after the last full stop, « ! » or « ? ».
    """
    text = (continuation or "").lstrip()
    end = _END.search(text)
    if end is not None:
        text, truncated = text[:end.start()], False  # the post did end
    text = _one_line(text).strip(" \"«»“”")
    if truncated and text:
        words_ = text.split(" ")
        if words_[-1].startswith("#") and len(words_) > 1:
            text = " ".join(words_[:-1])
        else:
            ends = list(_SENTENCE_END.finditer(text))
            if ends:
                text = text[:ends[-1].end()]
    return text.strip()


# -- checks -------------------------------------------------------------------------------------
def _facts_text(show: Mapping | None, brief: str = "") -> str:
    """Everything the post may state: the show's row, the brief, the venue's own names."""
    parts = [brief, *_VENUE_NAMES]
    if show is not None:
        parts += [str(show.get(c, "")) for c in ("titre", "discipline", "salle", "description")]
        if show.get("date_premiere") is not None and pd.notna(show.get("date_premiere")):
            parts.append(_date_text(show["date_premiere"]))
    return " ".join(parts)


def _names(text: str) -> list[str]:
    """Runs of capitalised words that do not start a sentence (« Quatuor Lumen », « Marie
    Dupont »), connectors such as « de » or « la » allowed inside; hashtags left out."""
    names: list[str] = []
    for sentence in re.split(r"(?<=[.!?…:;])\s+|\n|[«»\"“”()]", _HASHTAG.sub(" ", text)):
        tokens = _WORD.findall(sentence)
        run: list[str] = []
        for i, token in enumerate(tokens):
            capital = token[0].isupper() and not token.isdigit()
            if capital and i > 0:
                run.append(token)
            elif run and fold(token) in _CONNECTORS and i + 1 < len(tokens) and tokens[i + 1][0].isupper():
                run.append(token)
            else:
                if run:
                    names.append(" ".join(run))
                run = []
        if run:
            names.append(" ".join(run))
    return names


def invented_facts(text: str, show: Mapping | None, brief: str = "") -> list[str]:
    """The dates, times or durations, prices and names that *text* states and that neither the
    show's row (*show*, a row of ``spectacles.csv``) nor the *brief* contains, described in French.

    The detection is deliberately simple (patterns and capital letters): it can miss an invented
    fact or flag a correct one. It tells the learner where to look, not that the rest is true.
    """
    found: list[str] = []
    facts = _facts_text(show, brief)
    folded_facts = " ".join(fold(facts).split())
    premiere = pd.Timestamp(show["date_premiere"]) if show is not None and pd.notna(
        show.get("date_premiere")) else None
    for match in _LINK.finditer(text):
        if fold(match.group(0)) not in folded_facts:
            found.append(f"lien ou compte « {match.group(0)} » (absent de la fiche)")
    clean = _HASHTAG.sub(" ", _LINK.sub(" ", text))
    for match in _DATE.finditer(clean):
        weekday, day, month, year = match.groups()
        day_n = 1 if day.lower() == "1er" else int(day)
        month_n = _MONTH_NUMBER[fold(month)]
        right = premiere is not None and (premiere.day, premiere.month) == (day_n, month_n)
        if right and weekday and _WEEKDAY_NUMBER[fold(weekday)] != premiere.weekday():
            right = False
        if right and year and int(year) != premiere.year:
            right = False
        if not right and " ".join(fold(match.group(0)).split()) not in folded_facts:
            expected = f" (fiche : {_date_text(premiere)})" if premiere is not None else ""
            found.append(f"date « {match.group(0)} »{expected}")
    compact_facts = re.sub(r"\s", "", folded_facts)
    for match in _TIME.finditer(clean):
        if re.sub(r"\s", "", fold(match.group(0))) not in compact_facts:
            found.append(f"heure ou durée « {match.group(0)} » (absente de la fiche)")
    price = float(show["prix_plein"]) if show is not None and pd.notna(show.get("prix_plein")) else None
    for match in _PRICE.finditer(clean):
        value = float(match.group(1).replace(",", "."))
        if price is None or abs(value - price) > 0.005:
            expected = f" (fiche : {price:g} €)".replace(".", ",") if price is not None else ""
            found.append(f"prix « {match.group(0)} »{expected}")
    for match in _FREE.finditer(clean):
        if fold(match.group(0)) not in folded_facts:
            found.append(f"« {match.group(0)} » (la fiche donne un prix)")
    hall = fold(str(show.get("salle", ""))) if show is not None else ""
    for folded_hall, written in _HALLS.items():
        if re.search(rf"\b{folded_hall}\b", fold(clean)) and folded_hall != hall and folded_hall not in fold(brief):
            expected = f" (fiche : {show['salle']})" if show is not None else ""
            found.append(f"salle « {written} »{expected}")
    known_words = set(_WORD.findall(folded_facts)) | {"grande", "studio"}
    for name in _names(clean):
        capitals = [fold(w) for w in _WORD.findall(name) if w[0].isupper()]
        if fold(name) not in folded_facts and not all(w in known_words for w in capitals):
            found.append(f"nom « {name} » (absent de la fiche)")
    return list(dict.fromkeys(found))  # each fact once, in the order of the text


@functools.cache
def _usual_words() -> frozenset[str]:
    """The words of the venue's usual phrasing: what its past posts say beyond the title and
    the description of the show each one presents (« découvrir », « billetterie », « embarquer »…)."""
    from ..data import load

    posts, shows = load("publications"), load("spectacles")
    facts = {i: _content_words(f"{t} {d}") for i, t, d in
             zip(shows["id_spectacle"], shows["titre"], shows["description"])}
    usual: set[str] = set()
    for show_id, text in zip(posts["id_spectacle"], posts["texte"]):
        usual |= _content_words(text) - facts.get(show_id, set())
    return frozenset(usual)


def other_mismatches(text: str, show: Mapping | None, brief: str = "") -> list[str]:
    """What else in *text* departs from the show's row, beyond `invented_facts`: a discipline
    hashtag of another discipline (« #Danse » for a concert), and words that neither the row, the
    *brief* nor the venue's usual phrasing contain, often a theme borrowed from another show's
    description (« amitié », « enfant »…). Also deliberately simple: read the post anyway."""
    if show is None:
        return []
    found: list[str] = []
    tags = words("posts")["discipline_hashtags"]
    own = tags.get(show["discipline"])
    for tag in tags.values():
        if tag != own and re.search(rf"{re.escape(tag)}\b", text) and fold(tag[1:]) not in fold(brief):
            found.append(f"hashtag « {tag} » (fiche : {show['discipline']})")
    known = _content_words(_facts_text(show, brief)) | _usual_words()
    written = _written_words(text)
    new = [written[w] for w in sorted(set(written) - known)]
    if new:
        shown = ", ".join(f"« {w} »" for w in new[:5]) + (" …" if len(new) > 5 else "")
        found.append(f"mots absents de la fiche : {shown}")
    return found


@dataclass
class PublicationCheck:
    """What the simple checks say about one post."""

    text: str
    length: int
    in_bounds: bool
    has_hashtag: bool
    has_text: bool
    leak: bool
    cites_title: bool | None
    on_topic: bool | None
    invented: list[str]
    copy: bool
    mismatches: list[str] = field(default_factory=list)

    @property
    def on_format(self) -> bool:
        """Length within `LENGTH_BOUNDS`, at least one hashtag, at least `MIN_WORDS` words
        besides hashtags and links, no label of the frame (« Sujet : », « Contexte : »…) left."""
        return self.in_bounds and self.has_hashtag and self.has_text and not self.leak

    def lines(self) -> list[tuple[bool | None, str]]:
        """(passed, French sentence) for each check, for a widget or a printout."""
        low, high = LENGTH_BOUNDS
        out: list[tuple[bool | None, str]] = [
            (self.in_bounds, f"{self.length} caractères (attendu : de {low} à {high})"),
            (self.has_hashtag, "au moins un hashtag" if self.has_hashtag else "aucun hashtag"),
        ]
        if not self.has_text:
            out.append((False, "pas de phrase en dehors des hashtags et des liens"))
        out.append((not self.leak, "pas de « Sujet : » ni d'autre étiquette du document recopiée"
                    if not self.leak else "une étiquette du document (« Sujet : », « Contexte : »…) est recopiée"))
        if self.cites_title is not None:
            out.append((self.cites_title, "cite le titre du spectacle" if self.cites_title
                        else "ne cite pas le titre du spectacle"))
        if self.copy:
            out.append((False, "recopie mot pour mot une publication donnée en exemple"))
        if self.invented:
            out.append((False, "à vérifier dans la fiche : " + " ; ".join(self.invented)))
        if self.mismatches:
            out.append((False, "à relire : " + " ; ".join(self.mismatches)))
        if self.on_topic is not None and not self.invented and not self.mismatches:
            out.append((True, "aucune date, heure, salle, aucun prix ni nom absent de la fiche repéré"))
        return out


def _without_tags(text: str) -> str:
    return " ".join(fold(_HASHTAG.sub(" ", _LINK.sub(" ", text))).split())


def check_publication(text: str, show: Mapping | None = None, *, brief: str = "",
                      examples: Iterable[str] = ()) -> PublicationCheck:
    """The simple checks of a post: length, hashtag, no leaked frame; with *show* (its row of
    ``spectacles.csv``), whether it cites the title or the discipline and which facts it invents
    (`invented_facts`); with *examples*, whether it copies one of them word for word."""
    text = text or ""
    body = _without_tags(text).replace(fold(VENUE), " ")
    low, high = LENGTH_BOUNDS
    cites = on_topic = None
    invented: list[str] = []
    mismatches: list[str] = []
    if show is not None:
        title = fold(show["titre"])
        # « du Silence d'Ariane » cites « Le Silence d'Ariane »: the leading article may change
        cites = title in body or re.sub(r"^(?:le|la|les|l')\s*", "", title) in body
        on_topic = cites or any(w in body for w in _DISCIPLINE_WORDS.get(show["discipline"], ()))
        invented = invented_facts(text, show, brief)
        mismatches = other_mismatches(text, show, brief)
    copy = bool(text.strip()) and any(_without_tags(e) == _without_tags(text) for e in examples)
    return PublicationCheck(text=text, length=len(text), in_bounds=low <= len(text) <= high,
                            has_hashtag=bool(_HASHTAG.search(text)),
                            has_text=len(_WORD.findall(_HASHTAG.sub(" ", _LINK.sub(" ", text)))) >= MIN_WORDS,
                            leak=bool(_FRAME.search(text)),
                            cites_title=cites, on_topic=on_topic, invented=invented, copy=copy,
                            mismatches=mismatches)


def instruction_parts(prompt: ImitationPrompt) -> PromptParts:
    """The same brief as an instruction prompt (rôle, contexte, tâche, format, contraintes, and
    the same past posts as examples), for an instruction-tuned model to compare with."""
    return PromptParts(
        role=f"Tu es chargée ou chargé de communication du {VENUE}.",
        contexte=prompt.brief,
        tache=f"Rédige la publication {prompt.network} qui correspond à ce contexte.",
        format_attendu="Une ou deux phrases, puis quelques hashtags, dont #ThéâtreDuRivage et #PortRivage.",
        contraintes=("Le ton de nos publications passées, données en exemple. Public : les "
                     "habitués du théâtre et les curieux. Moins de 60 mots. N'invente ni date, ni "
                     "heure, ni prix, ni nom qui ne figure pas dans le sujet."),
        exemples=[(e.sujet, _one_line(e.texte)) for e in prompt.examples.itertuples(index=False)],
        amorce=f"Publication {prompt.network} :",
    )


# -- the fixed briefs and the measurement ---------------------------------------------------------
def _tables(posts: pd.DataFrame | None, shows: pd.DataFrame | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    if posts is None or shows is None:
        from ..data import load

        posts = load("publications") if posts is None else posts
        shows = load("spectacles") if shows is None else shows
    for table, name, columns in ((posts, "publications", ("id_publication", "reseau", "id_spectacle", "texte")),
                                 (shows, "spectacles", ("id_spectacle", "titre", "discipline",
                                                        "date_premiere", "salle", "description"))):
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise KeyError(f"Le tableau des {name} n'a pas la colonne « {missing[0]} » "
                           f"(colonnes présentes : {', '.join(map(str, table.columns))}).")
    return posts, shows


@functools.cache
def _fixed_brief_rows() -> str:
    return resources.files(__package__).joinpath("sujets_mesure.csv").read_text(encoding="utf-8")


def fixed_briefs(shows: pd.DataFrame | None = None) -> pd.DataFrame:
    """The fixed briefs of the measurement (``sujets_mesure.csv``): twelve shows of the course,
    two per discipline, none with a past post of its own, each with a network and a kind of post.
    Columns: id_spectacle, titre, discipline, reseau, type_publication, sujet."""
    if shows is None:
        from ..data import load

        shows = load("spectacles")
    briefs = pd.read_csv(io.StringIO(_fixed_brief_rows()), dtype=str)
    unknown = set(briefs["id_spectacle"]) - set(shows["id_spectacle"])
    if unknown:
        raise KeyError(f"Spectacles absents du tableau : {', '.join(sorted(unknown))}.")
    by_id = shows.set_index("id_spectacle")
    rows = []
    for brief in briefs.itertuples(index=False):
        show = by_id.loc[brief.id_spectacle]
        rows.append({"id_spectacle": brief.id_spectacle, "titre": show["titre"],
                     "discipline": show["discipline"], "reseau": brief.reseau,
                     "type_publication": brief.type_publication,
                     "sujet": show_subject(show, brief.type_publication)})
    return pd.DataFrame(rows)


def write_publication(llm, prompt: ImitationPrompt | str, *, temperature: float = DEFAULT_TEMPERATURE,
                      max_tokens: int = DEFAULT_MAX_TOKENS, seed: int | None = 0,
                      on_text: Callable[[str], None] | None = None) -> tuple[str, str, bool]:
    """Let *llm* continue the document and return (post, raw continuation, truncated).

    The model is stopped at `STOP`; the continuation is cut and cleaned by `cut_publication`.
    *on_text* receives the pieces of text as they are generated."""
    text = str(prompt)
    kwargs = dict(max_tokens=max_tokens, temperature=temperature, seed=seed, stop=list(STOP),
                  deterministic=False)
    if on_text is None:
        completion = llm.complete(text, **kwargs)
    else:
        stream = llm.stream(text, **kwargs)
        for piece in stream:
            on_text(piece)
        completion = stream.completion
    truncated = completion.finish_reason == "length"
    return cut_publication(completion.text, truncated=truncated), completion.text, truncated


def _instructed(llm, prompt: ImitationPrompt, *, temperature: float, max_tokens: int,
                seed: int) -> str:
    """The same brief as an instruction (`instruction_parts`), as the workshop's instruction mode
    sends it: a text to continue for the local base model, a message for any other engine. The
    answer is kept whole, on one line: it is what the learner sees."""
    from .parts import build_prompt

    text = build_prompt(instruction_parts(prompt))
    kwargs = dict(max_tokens=max_tokens, temperature=temperature, seed=seed, deterministic=False)
    answer = llm.complete(text, **kwargs) if llm.name == "local" else llm.chat(text, **kwargs)
    return _one_line(answer.text)


def measure_imitation(llm, *, k: int = DEFAULT_K, temperature: float = DEFAULT_TEMPERATURE,
                      seed: int = 0, max_tokens: int = DEFAULT_MAX_TOKENS, mode: str = "imiter",
                      briefs: pd.DataFrame | None = None, posts: pd.DataFrame | None = None,
                      shows: pd.DataFrame | None = None,
                      progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Write one post per fixed brief (`fixed_briefs`) and check it (`check_publication`).

    *mode* « imiter » (default) sends the imitation document and cuts the post out of the
    continuation; « consigne » sends the same brief with the same examples as an instruction
    prompt (`instruction_parts`), to compare with. One row per brief: spectacle, réseau, type,
    publication, caractères, « format respecté », « cite le titre », « sur le sujet », « fait
    inventé », « faits à vérifier », « autre écart à la fiche », « écarts à relire », « recopie un
    exemple ». The settings are kept in ``attrs``. Same model, settings and seed: same table, up
    to the small differences llama.cpp's arithmetic can make between machines.
    """
    if mode not in MODES:
        raise ValueError(f"Mode inconnu : « {mode} ». Modes possibles : {', '.join(MODES)}.")
    posts, shows = _tables(posts, shows)
    briefs = fixed_briefs(shows) if briefs is None else briefs
    by_id = shows.set_index("id_spectacle")
    rows = []
    for n, brief in enumerate(briefs.itertuples(index=False), start=1):
        prompt = imitation_prompt(brief.sujet, brief.reseau, k=k, seed=seed, posts=posts,
                                  shows=shows, exclude_show=brief.id_spectacle)
        if mode == "imiter":
            text, _, _ = write_publication(llm, prompt, temperature=temperature, max_tokens=max_tokens,
                                           seed=seed + n)
        else:
            text = _instructed(llm, prompt, temperature=temperature, max_tokens=max_tokens, seed=seed + n)
        show = {**by_id.loc[brief.id_spectacle].to_dict(), "id_spectacle": brief.id_spectacle}
        check = check_publication(text, show, brief=brief.sujet, examples=prompt.examples["texte"])
        rows.append({"spectacle": brief.titre, "réseau": brief.reseau, "type": brief.type_publication,
                     "publication": text, "caractères": check.length,
                     "format respecté": check.on_format, "cite le titre": bool(check.cites_title),
                     "sur le sujet": bool(check.on_topic), "fait inventé": bool(check.invented),
                     "faits à vérifier": " ; ".join(check.invented),
                     "autre écart à la fiche": bool(check.mismatches),
                     "écarts à relire": " ; ".join(check.mismatches), "recopie un exemple": check.copy})
        if progress is not None:
            progress(n, len(briefs))
    table = pd.DataFrame(rows)
    table.attrs.update({"mode": mode, "exemples": k, "température": temperature, "graine": seed,
                        "tokens max": max_tokens, "modèle": getattr(llm, "model", "")})
    return table


_SHARES = (("format respecté", "format respecté (longueur, hashtag, des phrases, pas de « Sujet : »)"),
           ("sur le sujet", "sur le sujet (titre ou discipline du spectacle)"),
           ("cite le titre", "cite le titre du spectacle"),
           ("fait inventé", "avec au moins un fait inventé (date, heure, salle, prix ou nom absent de la fiche)"),
           ("autre écart à la fiche", "avec un autre écart à la fiche (hashtag d'une autre discipline, mots absents de la fiche)"),
           ("recopie un exemple", "recopie mot pour mot un exemple"))


def summarise_imitation(table: pd.DataFrame) -> pd.DataFrame:
    """The shares of `measure_imitation`: one row per criterion, with « publications » (how
    many) and « part » (between 0 and 1)."""
    n = len(table)
    rows = [{"critère": label, "publications": int(table[column].sum()),
             "part": float(table[column].mean()) if n else float("nan")}
            for column, label in _SHARES]
    return pd.DataFrame(rows).set_index("critère")


def compare_settings(llm, temperatures: Sequence[float] = (0.0, 0.3, 0.7, 1.0),
                     ks: Sequence[int] = (2, 4, 6), seeds: Sequence[int] = (0, 1), *,
                     max_tokens: int = DEFAULT_MAX_TOKENS,
                     progress: Callable[[str], None] | None = None) -> pd.DataFrame:
    """`measure_imitation` for every temperature, number of examples and seed: one row per
    setting with the shares of each criterion (the benchmark that chose the defaults)."""
    posts, shows = _tables(None, None)
    briefs = fixed_briefs(shows)
    rows = []
    for temperature in temperatures:
        for k in ks:
            for seed in seeds:
                table = measure_imitation(llm, k=k, temperature=temperature, seed=seed,
                                          max_tokens=max_tokens, briefs=briefs, posts=posts, shows=shows)
                shares = summarise_imitation(table)["part"]
                rows.append({"température": temperature, "exemples": k, "graine": seed,
                             **{column: shares[label] for (column, label) in _SHARES}})
                if progress is not None:
                    progress(f"température {decimal(temperature, 2)}, {k} exemples, graine {seed} : "
                             f"format {percent(shares.iloc[0])}, sujet {percent(shares.iloc[1])}, "
                             f"fait inventé {percent(shares.iloc[3])}, autre écart {percent(shares.iloc[4])}")
    return pd.DataFrame(rows)
