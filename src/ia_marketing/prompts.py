"""The plain-Python logic of the prompt playground (module 02), without any widget.

Five pieces, each usable on its own in a notebook and by the playground's widgets:

1. **Structured prompts** — `PromptParts` (rôle, contexte, tâche, format attendu, contraintes,
   exemples) and `build_prompt`, which assembles them into one French prompt with labelled
   sections. A free-text prompt is simply a string.
2. **The checklist** — `evaluate_prompt` scores a prompt *before* it is sent, with transparent
   rules (`RULES`, shown by `rules_table()`), and gives one concrete suggestion: the one for the
   most important rule that is not met. Rules, by priority (1 = suggested first):

   1. ``donnees_personnelles`` — no personal data, as found by `ia_marketing.privacy` (data minimisation comes
      before any quality concern: such a prompt must not leave the computer);
   2. ``tache`` — an action verb says what to produce (without a task, nothing else matters);
   3. ``exemples`` — at least one example when the task is a pattern (classification,
      extraction, reformulation); not applicable otherwise;
   4. ``contexte`` — the venue, event or subject is given (otherwise the model invents);
   5. ``public`` — the target audience is named (not applicable to classification or
      extraction, whose output is data, not a message);
   6. ``format`` — the output format is stated;
   7. ``longueur`` — the expected length is stated (not applicable to classification or
      extraction);
   8. ``role`` — a role is given to the model.

   The score is the number of rules met over the number of applicable rules, also given out
   of 100.
3. **Templates with variables** — `template_variables`, `fill_template` and `fill_over_table`
   (one message per row of a table: rows in = rows out, a row that cannot be filled gets its
   error message instead of disappearing).
4. **History** — `Attempt` (one call: prompt, backend, settings, output, usage, score, error)
   and `History` (bounded, `DEFAULT_HISTORY_SIZE` attempts by default). `run_attempt` makes
   one call and never raises for a model fault: the French error is stored in the attempt.
5. **Comparison** — `compare` runs two prompts (or one prompt on two backends or at two
   temperatures) on the same input, side by side.

`session_usage_summary` formats the usage meter of the session for the playground.
"""

from __future__ import annotations

import difflib
import numbers
import re
import string
import time
import unicodedata
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from .llm import usage as _usage
from .checks import normalise_text
from .llm import LLMError
from .llm.base import DETERMINISTIC_SEED, Backend
from .privacy import EMAIL_RE, find_personal_data
from .llm.usage import CURRENCY_SYMBOL, UsageRecord

__all__ = [
    "PromptParts", "build_prompt",
    "Rule", "RuleResult", "PromptFeedback", "PromptAnalysis", "Verdict", "RULES", "evaluate_prompt",
    "rules_table",
    "TemplateError", "MissingVariableError", "MissingValueError", "template_variables",
    "fill_template", "fill_over_table",
    "Attempt", "History", "DEFAULT_HISTORY_SIZE", "run_attempt",
    "Comparison", "compare", "session_usage_summary",
]


# =============================================================================================
# 1. Structured prompts
# =============================================================================================
@dataclass
class PromptParts:
    """The anatomy of a prompt. Empty fields are left out of the assembled prompt.

    *exemples* is a list of ``(entrée, sortie)`` pairs. *amorce* is the beginning of the
    answer (« Publication Instagram : »), written last and without a label: a model that
    completes text, like the small local one, then continues with the answer itself.
    """

    role: str = ""
    contexte: str = ""
    tache: str = ""
    format_attendu: str = ""
    contraintes: str = ""
    exemples: list[tuple[str, str]] = field(default_factory=list)
    amorce: str = ""

    def clean_examples(self) -> list[tuple[str, str]]:
        """The examples as stripped ``(entrée, sortie)`` pairs, without the empty ones.

        Raises a French `ValueError` when an example is not a pair.
        """
        pairs: list[tuple[str, str]] = []
        for n, example in enumerate(self.exemples or [], start=1):
            if isinstance(example, str) or not isinstance(example, Sequence) or len(example) != 2:
                raise ValueError(
                    f"L'exemple n° {n} doit être une paire (entrée, sortie), par exemple "
                    "(\"Un spectacle bouleversant !\", \"positif\") ; j'ai reçu "
                    f"{example!r}.")
            entree, sortie = ("" if v is None else str(v).strip() for v in example)
            if entree or sortie:
                pairs.append((entree, sortie))
        return pairs

    def is_empty(self) -> bool:
        """True when no field is filled."""
        return not build_prompt(self)


#: Section labels of `build_prompt`, in order.
SECTION_LABELS: dict[str, str] = {
    "role": "Rôle",
    "contexte": "Contexte",
    "tache": "Tâche",
    "format_attendu": "Format attendu",
    "contraintes": "Contraintes",
    "exemples": "Exemples",
}


def _section(label: str, value: str) -> str:
    value = value.strip()
    if "\n" in value:  # a multi-line field (a list of constraints…) starts on its own line
        return f"{label} :\n{value}"
    return f"{label} : {value}"


def build_prompt(parts: PromptParts | str) -> str:
    """Assemble *parts* into one French prompt with labelled sections, skipping empty fields.

    A string (free-text mode) is returned as it is, without surrounding blank space.
    """
    if isinstance(parts, str):
        return parts.strip()
    if not isinstance(parts, PromptParts):
        raise TypeError("build_prompt attend un PromptParts ou un texte (str), pas "
                        f"{type(parts).__name__}.")
    sections = []
    for name in ("role", "contexte", "tache", "format_attendu", "contraintes"):
        value = getattr(parts, name)
        value = "" if value is None else str(value)
        if value.strip():
            sections.append(_section(SECTION_LABELS[name], value))
    examples = parts.clean_examples()
    if examples:
        lines = [f"{SECTION_LABELS['exemples']} :"]
        for n, (entree, sortie) in enumerate(examples):
            if n:
                lines.append("")
            lines.append(f"Entrée : {entree}")
            lines.append(f"Sortie : {sortie}")
        sections.append("\n".join(lines))
    amorce = "" if parts.amorce is None else str(parts.amorce).strip()
    if amorce:
        sections.append(amorce)
    return "\n\n".join(sections)


# =============================================================================================
# 2. The checklist
# =============================================================================================
# -- task verbs --------------------------------------------------------------------------------
# (infinitive, imperative « tu », imperative « vous ») and the kind of task.
_VERBS: dict[str, list[tuple[str, str, str]]] = {
    "classification": [
        ("classer", "classe", "classez"), ("classifier", "classifie", "classifiez"),
        ("catégoriser", "catégorise", "catégorisez"), ("étiqueter", "étiquette", "étiquetez"),
        ("trier", "trie", "triez"), ("détecter", "détecte", "détectez"),
    ],
    "extraction": [
        ("extraire", "extrais", "extrayez"), ("relever", "relève", "relevez"),
        ("repérer", "repère", "repérez"), ("identifier", "identifie", "identifiez"),
    ],
    "reformulation": [
        ("reformuler", "reformule", "reformulez"), ("réécrire", "réécris", "réécrivez"),
        ("paraphraser", "paraphrase", "paraphrasez"),
    ],
    "transformation": [
        ("résumer", "résume", "résumez"), ("traduire", "traduis", "traduisez"),
        ("corriger", "corrige", "corrigez"), ("simplifier", "simplifie", "simplifiez"),
        ("adapter", "adapte", "adaptez"), ("raccourcir", "raccourcis", "raccourcissez"),
        ("améliorer", "améliore", "améliorez"), ("relire", "relis", "relisez"),
    ],
    "analyse": [
        ("comparer", "compare", "comparez"), ("analyser", "analyse", "analysez"),
        ("évaluer", "évalue", "évaluez"), ("expliquer", "explique", "expliquez"),
    ],
    "rédaction": [
        ("rédiger", "rédige", "rédigez"), ("écrire", "écris", "écrivez"),
        ("générer", "génère", "générez"), ("proposer", "propose", "proposez"),
        ("lister", "liste", "listez"), ("créer", "crée", "créez"),
        ("imaginer", "imagine", "imaginez"), ("composer", "compose", "composez"),
        ("suggérer", "suggère", "suggérez"), ("trouver", "trouve", "trouvez"),
        ("décrire", "décris", "décrivez"), ("présenter", "présente", "présentez"),
        ("annoncer", "annonce", "annoncez"), ("répondre", "réponds", "répondez"),
        ("formuler", "formule", "formulez"), ("inventer", "invente", "inventez"),
        ("donner", "donne", "donnez"), ("faire", "fais", "faites"),
    ],
}
#: Kinds of task for which examples show the expected pattern.
PATTERN_KINDS = ("classification", "extraction", "reformulation")
#: Kinds whose output is data (a label, extracted values), not a message for an audience.
DATA_KINDS = ("classification", "extraction")

_KIND_NAMES = {"classification": "un classement", "extraction": "une extraction",
               "reformulation": "une reformulation"}


_VerbTable = dict[str, tuple[str, str]]


def _verb_forms() -> tuple[_VerbTable, _VerbTable, _VerbTable]:
    """Three tables form -> (infinitive, kind): infinitives (anywhere), imperatives (at the start
    of a clause or after « tu » / « vous ») and « tu » present forms (after « tu » only).

    Each form is also accepted without its accents, as learners often type it."""
    infinitives: _VerbTable = {}
    imperatives: _VerbTable = {}
    tu_forms: _VerbTable = {}
    for kind, verbs in _VERBS.items():
        for inf, tu, vous in verbs:
            for form in (inf, normalise_text(inf)):
                infinitives[form] = (inf, kind)
            for imp in (tu, vous):
                for form in (imp, normalise_text(imp)):
                    imperatives[form] = (inf, kind)
            present = tu + "s" if inf.endswith("er") else tu  # « tu rédiges », « tu écris »
            for form in (present, normalise_text(present)):
                tu_forms[form] = (inf, kind)
    return infinitives, imperatives, tu_forms


_INFINITIVES, _IMPERATIVES, _TU_FORMS = _verb_forms()
# « faire » alone is too common to be a task (« je vais faire un tour »); « fais » / « faites »
# at the start of an instruction are.
del _INFINITIVES["faire"]
#: Words after which an imperative starts a new instruction (« … et classe-le »).
_CONNECTORS = {"et", "puis", "ensuite", "alors", "enfin", "maintenant", "donc", "aussi", "ou",
               "stp", "svp", "merci"}
#: « Réponds par oui ou non » states a format, not a task.
_ANSWER_FORMS = {"reponds", "repondez", "repondre", "réponds", "répondez", "répondre"}
_FORMAT_FOLLOWERS = {"par", "uniquement", "seulement", "simplement", "juste", "en", "avec"}
_CLAUSE_PUNCTUATION = set(".!?:;,\n«»\"“”()[]•*–—")
_WORD = re.compile(r"[^\W\d_]+")


def _find_task_verbs(text: str) -> list[tuple[str, str, str]]:
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
def _fold_char(c: str) -> str:
    if c in "’‘":
        return "'"
    lower = c.lower()
    if len(lower) != 1:
        return c
    bare = "".join(x for x in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(x))
    return bare if len(bare) == 1 else lower


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes — with the same length as *text*, so that
    what a rule finds can be quoted as the learner wrote it."""
    return "".join(_fold_char(c) for c in text)


def _spaces(pattern: str) -> str:
    """A space in a pattern matches any run of blank space."""
    return pattern.replace("\\ ", " ").replace(" ", r"\s+")


def _alternation(words: Sequence[str]) -> str:
    return "|".join(sorted((_spaces(re.escape(_fold(w))) for w in words), key=len, reverse=True))


_AUDIENCE_WORDS = [
    "public", "publics", "grand public", "cible", "cibles", "cibler", "ciblé", "ciblée", "lectorat",
    "lecteurs", "lectrices", "audience", "destinataire", "destinataires", "spectateurs",
    "spectatrices", "abonnés", "abonnées", "journalistes", "rédactions", "auditeurs", "auditrices",
    "followers", "internautes", "clients", "clientes", "clientèle", "familles", "parents", "enfants",
    "adolescents", "ados", "jeunes", "étudiants", "étudiantes", "seniors", "retraités", "habitants",
    "touristes", "visiteurs", "visiteuses", "professionnels", "partenaires", "mécènes",
    "enseignants", "scolaires", "élus", "fans", "communauté", "membres", "bénévoles", "habitués",
    "nouveaux venus", "primo-visiteurs", "amateurs", "passionnés", "curieux", "influenceurs",
]
_AUDIENCE_PHRASES = [
    r"pour (?:des|nos|vos|ces) \w+", r"a destination d\w*", r"destine(?:e|s|es)? (?:a|aux)\b",
    r"s'adress\w* (?:a|aux)\b", r"adresse(?:e|s|es)? (?:a|aux)\b", r"a l'attention d\w*",
    r"aupres d\w*",
]
_AUDIENCE_RE = re.compile(r"\b(?:" + _alternation(_AUDIENCE_WORDS) + r")\b|"
                          + "|".join(_spaces(p) for p in _AUDIENCE_PHRASES))

_FORMAT_WORDS = [
    "liste", "listes", "tableau", "tableaux", "json", "csv", "markdown", "puces", "puce", "objet",
    "paragraphe", "paragraphes", "e-mail", "e-mails", "email", "emails", "mail", "mails",
    "courriel", "courriels", "post", "posts", "publication", "tweet", "tweets", "thread", "sms",
    "newsletter", "lettre d'information", "communiqué", "article", "lettre", "courrier", "légende",
    "légendes", "slogan", "slogans", "accroche", "accroches", "titre", "titres", "sous-titre",
    "fiche", "script", "story", "stories", "carrousel", "colonnes", "format", "sous forme de",
    "un seul mot", "numérotée", "numérotées", "questions-réponses", "faq", "dialogue",
]
_FORMAT_PHRASES = [r"(?:reponds|repondez|repondre)(?: \w+)? par\b",
                   r"(?:uniquement|seulement) (?:par|avec|le mot|l'etiquette)\b"]
_FORMAT_RE = re.compile(r"\b(?:" + _alternation(_FORMAT_WORDS) + r")\b|"
                        + "|".join(_spaces(p) for p in _FORMAT_PHRASES))

_NUMBER_WORDS = ["un", "une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf",
                 "dix", "onze", "douze", "quinze", "vingt", "trente", "quarante", "cinquante",
                 "soixante", "cent", "cents", "deux cents", "trois cents", "mille", "quelques"]
_UNITS = ["mot", "mots", "caractère", "caractères", "signe", "signes", "phrase", "phrases",
          "ligne", "lignes", "paragraphe", "paragraphes", "puce", "puces", "point", "points",
          "idée", "idées", "proposition", "propositions", "titre", "titres", "slogan", "slogans",
          "accroche", "accroches", "hashtag", "hashtags", "élément", "éléments", "section",
          "sections", "partie", "parties", "minute", "minutes", "seconde", "secondes", "tweet",
          "tweets", "question", "questions", "variante", "variantes", "version", "versions"]
_BREVITY = ["court", "courte", "courts", "courtes", "bref", "brève", "brefs", "brèves", "concis",
            "concise", "succinct", "succincte", "laconique"]
_LENGTH_RE = re.compile(
    r"\b(?:\d+|" + _alternation(_NUMBER_WORDS) + r")\s+(?:seule?s?\s+|petite?s?\s+|courte?s?\s+)?(?:"
    + _alternation(_UNITS) + r")\b|\b(?:" + _alternation(_BREVITY) + r")\b")

_CONTEXT_WORDS = [
    "contexte", "théâtre", "théâtres", "spectacle", "spectacles", "pièce", "saison", "festival",
    "concert", "concerts", "exposition", "expo", "musée", "représentation", "représentations",
    "première", "compagnie", "chorégraphe", "chorégraphie", "mise en scène", "metteur en scène",
    "metteuse en scène", "artiste", "artistes", "création", "événement", "évènement", "soirée",
    "vernissage", "tournée", "billetterie", "tarif", "tarifs", "abonnement", "abonnements", "salle",
    "scène", "danse", "ballet", "cirque", "opéra", "humour", "marionnettes", "jeune public",
    "musique", "programmation", "résidence", "atelier", "ateliers", "office de tourisme",
    "destination", "territoire", "marque", "produit", "produits", "boutique", "offre", "promotion",
    "lancement", "campagne", "collection", "il s'agit", "à propos de", "au sujet de",
]
_MONTHS = ("janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre")
_CONTEXT_RE = re.compile(r"\b(?:" + _alternation(_CONTEXT_WORDS) + r")\b|\b\d{1,2}(?:er)?\s+(?:"
                         + _MONTHS + r")\b|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b")
_QUOTED_RE = re.compile(r"«\s*[^»]{2,}?\s*»|\"[^\"\n]{2,}\"|“[^”]{2,}”")

_ROLE_RE = re.compile(_spaces(r"\b(?:tu es|vous etes|en tant que|agis comme|agissez comme|"
                              r"(?:joue|jouez|prends|prenez) le role|mets-toi dans la peau|"
                              r"mettez-vous dans la peau|incarne|incarnez|ton role|votre role)\b"))

_EXAMPLE_WORD_RE = re.compile(r"\bexemples?\b|\bex\s*:")
_ARROW_RE = re.compile(r"^[^\n]*\S[^\n]*?\s*(?:→|->|=>)\s*\S", re.MULTILINE)
_IO_RE = re.compile(r"^\s*(?:entree|sortie|input|output|reponse attendue)\s*:", re.MULTILINE)
_LABELLED_LINE_RE = re.compile(r"^\s*([^\W\d_][\w' -]{0,30}?)\s*:[ \t]*(.*)$", re.MULTILINE)

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
        norm = EMAIL_RE.sub(lambda m: " " * len(m.group()), _fold(body))
        return cls(text=text, parts=parts, body=body, norm=norm, verbs=_find_task_verbs(body))

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


@dataclass(frozen=True)
class Verdict:
    """What a rule's check returns: met (True), not met (False) or not applicable (None),
    a French explanation of what was found, and optionally a suggestion tailored to the
    prompt (otherwise the rule's own suggestion is used)."""

    satisfied: bool | None
    explanation: str
    suggestion: str = ""


@dataclass(frozen=True)
class Rule:
    """One rule of the checklist.

    *check* receives a `PromptAnalysis` and returns a `Verdict`. *priority* orders the
    suggestions: the missing rule with the smallest number is suggested first.
    """

    id: str
    label: str
    why: str
    how: str
    suggestion: str
    priority: int
    check: Callable[[PromptAnalysis], Verdict] = field(repr=False, compare=False)


def _quote_all(words: Sequence[str]) -> str:
    unique = list(dict.fromkeys(w.strip() for w in words))
    return ", ".join(f"« {w} »" for w in unique)


def _matches(regex: re.Pattern[str], p: PromptAnalysis, limit: int = 3) -> list[str]:
    """What *regex* finds in the folded text, quoted as the learner wrote it."""
    found = (" ".join(p.body[m.start():m.end()].split()) for m in regex.finditer(p.norm))
    return list(dict.fromkeys(found))[:limit]


def _check_personal_data(p: PromptAnalysis) -> Verdict:
    # The same detector as the privacy guard of the LLM layer, which refuses such a prompt
    # on its way to a remote provider.
    found = find_personal_data(p.text)
    if not found:
        return Verdict(True, "Aucune donnée personnelle trouvée (e-mail, téléphone, IBAN, adresse, "
                             "nom d'un client).")
    items = [f"{f.kind} « {f.text} »" for f in found]
    listing = ", ".join(items[:-1]) + (" et " if len(items) > 1 else "") + items[-1]
    found_text = "Donnée personnelle trouvée" if len(items) == 1 else "Données personnelles trouvées"
    return Verdict(
        False,
        f"{found_text} : {listing}.",
        f"Retirez {listing} : remplacez chaque donnée par une variable comme {{email}} ou "
        "{telephone}, ou pseudonymisez le texte (from ia_marketing.privacy import pseudonymise). Le modèle n'en a pas besoin pour "
        "rédiger, et une donnée personnelle ne doit pas partir chez un fournisseur en ligne.")


def _check_task(p: PromptAnalysis) -> Verdict:
    if p.verbs:
        words = [w for w, _, _ in p.verbs]
        noun = "Verbe d'action trouvé" if len(set(words)) == 1 else "Verbes d'action trouvés"
        return Verdict(True, f"{noun} : {_quote_all(words)}.")
    return Verdict(False, "Aucun verbe d'action reconnu (rédige, résume, classe…). « Fais » ou "
                          "« Je voudrais » ne disent pas au modèle quoi produire.")


_EXAMPLE_SUGGESTIONS = {
    "classification": "Ajoutez au moins un exemple déjà classé avant le texte à classer, par exemple : "
                      "« Avis : Un spectacle bouleversant, bravo aux comédiens ! → positif ».",
    "extraction": "Ajoutez au moins un exemple d'extraction, par exemple : « Texte : Sillage, ballet de "
                  "la compagnie Onde, le 27 septembre → spectacle : Sillage ; date : 27 septembre ».",
    "reformulation": "Ajoutez au moins un exemple de reformulation, par exemple : « Venez nombreux ! → "
                     "Réservez votre place pour une soirée que vous n'oublierez pas. »",
}


def _has_examples_in_text(p: PromptAnalysis) -> str | None:
    """How examples show in a free text, or None."""
    if _EXAMPLE_WORD_RE.search(p.norm):
        return "le mot « exemple »"
    if _ARROW_RE.search(p.body):
        return "une flèche entrée → sortie"
    if _IO_RE.search(p.norm):
        return "des lignes « Entrée : … / Sortie : … »"
    labels: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for match in _LABELLED_LINE_RE.finditer(p.norm):
        label = match.group(1).strip()
        labels.setdefault(label, []).append(match.group(2).strip())
        shown.setdefault(label, p.body[match.start(1):match.end(1)].strip())
    for label, values in labels.items():
        if len(values) >= 2 and any(values):
            return f"des lignes « {shown[label]} : … » qui se répètent"
    return None


def _check_examples(p: PromptAnalysis) -> Verdict:
    kind = p.pattern_kind
    if kind is None:
        if p.verbs:
            verb = p.verbs[0][0]
            return Verdict(None, f"Sans objet : la tâche (« {verb} ») n'est ni un classement, ni une "
                                 "extraction, ni une reformulation ; des exemples restent possibles "
                                 "mais ne sont pas exigés.")
        return Verdict(None, "Sans objet : aucune tâche de classement, d'extraction ou de reformulation "
                             "n'a été reconnue.")
    verb = next(w for w, _, k in p.verbs if k == kind)
    if p.parts is not None and p.parts.clean_examples():
        n = len(p.parts.clean_examples())
        return Verdict(True, f"La tâche (« {verb} ») est {_KIND_NAMES[kind]} et le champ « Exemples » "
                             f"en contient {n}.")
    how = _has_examples_in_text(p)
    if how:
        return Verdict(True, f"La tâche (« {verb} ») est {_KIND_NAMES[kind]} et le prompt montre des "
                             f"exemples ({how}).")
    return Verdict(False, f"La tâche (« {verb} ») est {_KIND_NAMES[kind]}, mais aucun exemple ne montre "
                          "le résultat attendu.", _EXAMPLE_SUGGESTIONS[kind])


def _check_context(p: PromptAnalysis) -> Verdict:
    if p.field_value("contexte"):
        return Verdict(True, "Le champ « Contexte » est rempli.")
    found = _matches(_CONTEXT_RE, p)
    if _QUOTED_RE.search(p.body):
        found.append("un titre ou un texte entre guillemets")
    if found:
        return Verdict(True, f"Contexte trouvé : {_quote_all(found)}.")
    return Verdict(False, "Rien n'indique de quoi il s'agit : ni lieu, ni spectacle, ni événement, "
                          "ni date.")


def _check_audience(p: PromptAnalysis) -> Verdict:
    if p.data_only:
        return Verdict(None, "Sans objet : pour classer ou extraire, la réponse est une donnée, pas un "
                             "message adressé à un public.")
    found = _matches(_AUDIENCE_RE, p)
    if found:
        return Verdict(True, f"Public trouvé : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne dit pas à qui s'adresse le texte.")


def _check_format(p: PromptAnalysis) -> Verdict:
    if p.field_value("format_attendu"):
        return Verdict(True, "Le champ « Format attendu » est rempli.")
    found = _matches(_FORMAT_RE, p)
    if found:
        return Verdict(True, f"Format trouvé : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne dit pas sous quelle forme rendre la réponse.")


def _check_length(p: PromptAnalysis) -> Verdict:
    if p.data_only:
        return Verdict(None, "Sans objet : la réponse d'un classement ou d'une extraction a la longueur "
                             "de ce qu'elle contient.")
    found = _matches(_LENGTH_RE, p)
    if found:
        return Verdict(True, f"Longueur trouvée : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne donne ni nombre de mots, de phrases ou de caractères, ni "
                          "indication comme « court ».")


def _check_role(p: PromptAnalysis) -> Verdict:
    if p.field_value("role"):
        return Verdict(True, "Le champ « Rôle » est rempli.")
    found = _matches(_ROLE_RE, p, limit=1)
    if found:
        return Verdict(True, f"Rôle trouvé : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne dit pas au modèle quel rôle tenir.")


#: The rules of the checklist, in priority order (see the module docstring).
RULES: tuple[Rule, ...] = (
    Rule(
        id="donnees_personnelles",
        label="Aucune donnée personnelle (e-mail, téléphone, IBAN, adresse, nom d'un client)",
        why="Une adresse e-mail, un numéro de téléphone ou le nom d'un client n'aide pas le modèle à écrire, et le RGPD "
            "demande de ne traiter que les données nécessaires (minimisation). Avant tout envoi à un "
            "fournisseur en ligne, remplacez-les par une variable ou un pseudonyme.",
        how="Je cherche, comme le garde-fou de confidentialité du cours, une adresse e-mail, un numéro "
            "de téléphone français, un IBAN, une adresse postale et les noms du fichier clients.",
        suggestion="Retirez les données personnelles du prompt : remplacez-les par une variable "
                   "comme {email} ou par un pseudonyme.",
        priority=1,
        check=_check_personal_data,
    ),
    Rule(
        id="tache",
        label="Un verbe d'action précise la tâche",
        why="Le modèle ne devine pas ce que vous voulez : un verbe précis (rédige, résume, classe…) "
            "dit exactement quoi produire. Sans lui, il se contente de prolonger votre texte.",
        how="Je cherche, dans une liste de verbes, un impératif en tête d'instruction (« Rédige », "
            "« Rédigez »), un infinitif (« rédiger ») ou une forme après « tu » (« tu rédiges ») : "
            "rédige, écris, génère, propose, liste, donne, résume, traduis, corrige, reformule, "
            "classe, extrais, compare…",
        suggestion="Commencez par un verbe d'action qui dit quoi produire, par exemple : « Rédige un "
                   "communiqué de presse qui annonce… ».",
        priority=2,
        check=_check_task,
    ),
    Rule(
        id="exemples",
        label="Des exemples montrent le motif attendu",
        why="Pour classer, extraire ou reformuler, un ou deux exemples (entrée → sortie) montrent le "
            "résultat attendu mieux qu'une longue explication : c'est le « few-shot ». Les petits "
            "modèles en ont particulièrement besoin.",
        how="Seulement si la tâche est un classement, une extraction ou une reformulation. Je "
            "reconnais un exemple au champ « Exemples », au mot « exemple », à une flèche "
            "(avis → positif) ou à des lignes étiquetées qui se répètent (« Avis : … / "
            "Sentiment : positif »).",
        suggestion="Ajoutez au moins un exemple du résultat attendu, par exemple : « Avis : Un "
                   "spectacle bouleversant ! → positif ».",
        priority=3,
        check=_check_examples,
    ),
    Rule(
        id="contexte",
        label="Le contexte est donné (lieu, événement, sujet)",
        why="Le modèle ne connaît ni votre lieu, ni votre spectacle, ni vos dates : sans contexte, il "
            "reste vague ou invente des faits (hallucination).",
        how="Le champ « Contexte » est rempli, ou le prompt cite un lieu, un spectacle, un "
            "événement (théâtre, spectacle, saison, festival, concert, exposition, compagnie…), "
            "une date ou un titre entre guillemets.",
        suggestion="Donnez le contexte, par exemple : « Le Théâtre du Rivage présente Sillage, un "
                   "ballet contemporain, le 27 septembre à 20 h ».",
        priority=4,
        check=_check_context,
    ),
    Rule(
        id="public",
        label="Le public visé est nommé",
        why="On n'écrit pas de la même façon à des journalistes, à des abonnés fidèles ou à des "
            "familles : nommer le public fixe le ton, le vocabulaire et les arguments.",
        how="Je cherche un public (public, cible, lecteurs, spectateurs, abonnés, journalistes, "
            "familles…) ou une tournure comme « pour des… », « destiné aux… ». Sans objet pour un "
            "classement ou une extraction.",
        suggestion="Nommez le public visé, par exemple : « pour des journalistes culture de la presse "
                   "régionale » ou « pour nos abonnés fidèles ».",
        priority=5,
        check=_check_audience,
    ),
    Rule(
        id="format",
        label="Le format de la réponse est indiqué",
        why="Dire la forme attendue (liste à puces, e-mail avec un objet, tableau, JSON…) donne une "
            "réponse directement utilisable, sans devoir la remettre en forme.",
        how="Le champ « Format attendu » est rempli, ou je trouve un format : liste, puces, "
            "tableau, JSON, paragraphe, e-mail, objet, post, communiqué, newsletter, titre, "
            "« réponds uniquement par… »",
        suggestion="Indiquez la forme de la réponse, par exemple : « sous forme de liste à puces » ou "
                   "« un e-mail avec un objet et trois paragraphes ».",
        priority=6,
        check=_check_format,
    ),
    Rule(
        id="longueur",
        label="La longueur attendue est précisée",
        why="Sans limite, la réponse est trop longue ou trop courte pour le canal : un post n'a pas la "
            "longueur d'un communiqué. Une longueur précise se vérifie ensuite facilement.",
        how="Je cherche un nombre suivi d'une unité (« 80 mots », « trois phrases », « 280 "
            "caractères », « 5 idées ») ou un mot comme « court », « bref », « concis ». Sans objet "
            "pour un classement ou une extraction.",
        suggestion="Précisez la longueur, par exemple : « en 80 mots maximum » ou « en trois "
                   "phrases ».",
        priority=7,
        check=_check_length,
    ),
    Rule(
        id="role",
        label="Un rôle est attribué au modèle",
        why="« Tu es chargé·e des relations presse d'un théâtre » oriente le ton, le vocabulaire et le "
            "niveau d'expertise de la réponse.",
        how="Le champ « Rôle » est rempli, ou le prompt contient « Tu es… », « Vous êtes… », « En tant "
            "que… » ou « Agis comme… ».",
        suggestion="Donnez un rôle au modèle, par exemple : « Tu es chargé·e des relations presse du "
                   "Théâtre du Rivage. »",
        priority=8,
        check=_check_role,
    ),
)


@dataclass(frozen=True)
class RuleResult:
    """The verdict of one rule on one prompt."""

    rule: Rule
    satisfied: bool | None
    explanation: str
    suggestion: str

    @property
    def applicable(self) -> bool:
        return self.satisfied is not None

    @property
    def status(self) -> str:
        """« oui », « non » or « sans objet »."""
        return {True: "oui", False: "non", None: "sans objet"}[self.satisfied]


_ICONS = {True: "✅", False: "❌", None: "➖"}


@dataclass
class PromptFeedback:
    """The checklist applied to one prompt."""

    prompt: str
    results: list[RuleResult]

    @property
    def n_satisfied(self) -> int:
        return sum(1 for r in self.results if r.satisfied is True)

    @property
    def n_applicable(self) -> int:
        return sum(1 for r in self.results if r.applicable)

    @property
    def ratio(self) -> float:
        """Rules met / applicable rules, between 0 and 1."""
        return self.n_satisfied / self.n_applicable if self.n_applicable else 0.0

    @property
    def score(self) -> int:
        """The same ratio out of 100, rounded."""
        return round(100 * self.ratio)

    @property
    def missing(self) -> list[RuleResult]:
        """The applicable rules that are not met, most important first."""
        return sorted((r for r in self.results if r.satisfied is False), key=lambda r: r.rule.priority)

    @property
    def suggested_rule(self) -> Rule | None:
        missing = self.missing
        return missing[0].rule if missing else None

    @property
    def suggestion(self) -> str:
        """One concrete suggestion, for the most important missing rule."""
        missing = self.missing
        if not missing:
            return ("Toutes les règles applicables sont respectées : envoyez le prompt, puis jugez la "
                    "réponse avec votre propre regard.")
        return missing[0].suggestion

    def result(self, rule_id: str) -> RuleResult:
        """The result of the rule *rule_id*."""
        for r in self.results:
            if r.rule.id == rule_id:
                return r
        raise KeyError(f"Règle inconnue : « {rule_id} ». Règles : "
                       + ", ".join(r.rule.id for r in self.results) + ".")

    def score_text(self) -> str:
        """« 5 règles respectées sur 7 applicables (71/100) »."""
        met = "règle respectée" if self.n_satisfied < 2 else "règles respectées"
        applicable = "applicable" if self.n_applicable < 2 else "applicables"
        return f"{self.n_satisfied} {met} sur {self.n_applicable} {applicable} ({self.score}/100)"

    def to_dataframe(self) -> pd.DataFrame:
        """One row per rule, in French."""
        return pd.DataFrame({
            "Règle": [r.rule.label for r in self.results],
            "Respectée": [r.status for r in self.results],
            "Détail": [r.explanation for r in self.results],
        }, index=pd.Index([r.rule.id for r in self.results], name="id"))

    def __str__(self) -> str:
        lines = [f"Score du prompt : {self.score_text()}"]
        lines += [f"{_ICONS[r.satisfied]} {r.rule.label} — {r.explanation}" for r in self.results]
        lines.append(f"Suggestion : {self.suggestion}")
        return "\n".join(lines)


def evaluate_prompt(prompt: PromptParts | str, rules: Sequence[Rule] = RULES) -> PromptFeedback:
    """Apply the checklist *rules* to *prompt* (a text or a `PromptParts`) before sending it."""
    analysis = PromptAnalysis.of(prompt)
    results = []
    if not analysis.text:
        for rule in rules:
            if rule.id in ("donnees_personnelles", "exemples"):
                results.append(RuleResult(rule, None, "Sans objet : le prompt est vide.", rule.suggestion))
            else:
                results.append(RuleResult(rule, False, "Le prompt est vide.", rule.suggestion))
        return PromptFeedback(analysis.text, results)
    for rule in rules:
        verdict = rule.check(analysis)
        results.append(RuleResult(rule, verdict.satisfied, verdict.explanation,
                                  verdict.suggestion or rule.suggestion))
    return PromptFeedback(analysis.text, results)


def rules_table(rules: Sequence[Rule] = RULES) -> pd.DataFrame:
    """The checklist, for learners: what each rule checks, why, and how."""
    ordered = sorted(rules, key=lambda r: r.priority)
    return pd.DataFrame({
        "Priorité": [r.priority for r in ordered],
        "Règle": [r.label for r in ordered],
        "Pourquoi c'est important": [r.why for r in ordered],
        "Comment c'est vérifié": [r.how for r in ordered],
    }, index=pd.Index([r.id for r in ordered], name="id"))


# =============================================================================================
# 3. Templates with variables
# =============================================================================================
class TemplateError(ValueError):
    """A template that cannot be used or filled; the message is French and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class MissingVariableError(TemplateError, KeyError):
    """A variable of the template has no matching column (or key)."""

    def __init__(self, variable: str, available: Sequence[str]) -> None:
        self.variable = variable
        self.available = [str(a) for a in available]
        close = difflib.get_close_matches(variable, self.available, n=1, cutoff=0.6)
        same = [a for a in self.available if normalise_text(a) == normalise_text(variable)]
        guess = (same or close or [None])[0]
        hint = f" Vouliez-vous dire {{{guess}}} ?" if guess else ""
        listing = ", ".join(self.available) if self.available else "aucune"
        super().__init__(
            f"La variable {{{variable}}} du modèle de message n'a pas de colonne correspondante.{hint} "
            f"Colonnes disponibles : {listing}. Corrigez le nom entre accolades (il doit être "
            "écrit exactement comme la colonne) ou ajoutez cette colonne au tableau.")


class MissingValueError(TemplateError):
    """The column exists but its value is empty in this row."""

    def __init__(self, variable: str) -> None:
        self.variable = variable
        super().__init__(
            f"Valeur manquante pour {{{variable}}} : cette ligne n'a pas de valeur dans la colonne "
            f"« {variable} ». Complétez la donnée, retirez la variable du modèle de message ou "
            "prévoyez un texte de "
            f"remplacement (par exemple tableau.fillna({{\"{variable}\": \"…\"}})).")


def _parse(template: str) -> list[tuple[str, str | None, str, str | None]]:
    """`string.Formatter().parse` with French errors and checked variable names."""
    if not isinstance(template, str):
        raise TemplateError(f"Le modèle de message doit être un texte (str), pas {type(template).__name__}.")
    try:
        pieces = list(string.Formatter().parse(template))
    except ValueError as exc:
        if "'}'" in str(exc) and "Single" in str(exc):
            raise TemplateError(
                "Accolade fermante « } » sans accolade ouvrante dans le modèle de message. Une variable "
                "s'écrit {prenom} ; pour écrire une vraie accolade, doublez-la : }}.") from None
        raise TemplateError(
            "Accolade ouvrante « { » sans accolade fermante dans le modèle de message. Une variable "
            "s'écrit {prenom} ; pour écrire une vraie accolade, doublez-la : {{.") from None
    parsed = []
    for literal, name, spec, conversion in pieces:
        if name is not None:
            name = name.strip()
            if not name:
                raise TemplateError("Accolades vides « {} » dans le modèle de message : mettez entre les "
                                    "accolades le nom d'une colonne, par exemple {prenom}.")
            if name.isdigit():
                raise TemplateError(f"« {{{name}}} » : une variable porte le nom d'une colonne "
                                    "(par exemple {prenom}), pas un numéro.")
            if any(c in name for c in ".[]"):
                raise TemplateError(f"« {{{name}}} » : une variable s'écrit avec le seul nom de la "
                                    "colonne, sans point ni crochet, par exemple {media}.")
            if spec and "{" in spec:
                raise TemplateError(f"« {{{name}:{spec}}} » : une mise en forme ne peut pas contenir "
                                    "d'autre variable.")
        parsed.append((literal, name, spec or "", conversion))
    return parsed


def template_variables(template: str) -> list[str]:
    """The variable names of *template*, in order of first appearance, each once.

    ``{{`` and ``}}`` are escaped braces, not variables.
    """
    names: list[str] = []
    for _, name, _, _ in _parse(template):
        if name is not None and name not in names:
            names.append(name)
    return names


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    try:
        return bool(pd.api.types.is_scalar(value) and pd.isna(value))
    except (TypeError, ValueError):
        return False


def _format_value(value: Any, spec: str, conversion: str | None, variable: str) -> str:
    """A value as it reads in a French message: dates as 27/09/2025, 12.5 as 12,5."""
    if conversion == "r":
        value = repr(value)
    elif conversion == "a":
        value = ascii(value)
    elif conversion == "s":
        value = str(value)
    if spec:
        try:
            return format(value, spec)
        except (ValueError, TypeError):
            raise TemplateError(
                f"La valeur « {value} » de {{{variable}}} ne peut pas être mise en forme avec "
                f"« :{spec} ». Retirez la mise en forme ou vérifiez le type de la colonne.") from None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "oui" if value else "non"
    if isinstance(value, (datetime, pd.Timestamp)):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        if number.is_integer():
            return str(int(number))
        return f"{number:.15g}".replace(".", ",")
    return str(value)


def _keys(row: Any) -> list[str]:
    if isinstance(row, (Mapping, pd.Series)):
        return [str(k) for k in row.keys()]
    raise TemplateError("Je remplis le modèle de message à partir d'une ligne de tableau ou d'un "
                        f"dictionnaire, pas d'un objet {type(row).__name__}. Par exemple : "
                        "tableau.iloc[0].")


def fill_template(template: str, row: Mapping[str, Any] | pd.Series,
                  extra: Mapping[str, Any] | None = None) -> str:
    """Replace each ``{variable}`` of *template* by the value of *row* (a dict or a table row).

    *extra* gives values shared by every row (``{"spectacle": "Sillage"}``); a column of the
    row wins over *extra*. Raises `MissingVariableError` (a `KeyError`) when a variable has no
    column, `MissingValueError` when its value is empty, both with a French message.
    """
    parsed = _parse(template)
    keys = _keys(row)
    extra = dict(extra or {})
    out = []
    for literal, name, spec, conversion in parsed:
        out.append(literal)
        if name is None:
            continue
        if name in keys:
            value = row[name]
        elif name in extra:
            value = extra[name]
        else:
            raise MissingVariableError(name, keys + [k for k in extra if k not in keys])
        if _is_missing(value):
            raise MissingValueError(name)
        out.append(_format_value(value, spec, conversion, name))
    return "".join(out)


def _id_column(df: pd.DataFrame) -> str | None:
    for column in df.columns:
        name = str(column).lower()
        if name == "id" or name.startswith("id_"):
            return column
    return None


def fill_over_table(template: str, df: pd.DataFrame, *, id_column: str | None = None,
                    extra: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One message per row of *df*: rows in = rows out, nothing silently dropped.

    The result keeps the index of *df*, its identifier column (*id_column*, or the first
    column named ``id`` or ``id_…``), a ``message`` column and an ``erreur`` column: for a
    row that cannot be filled (an empty value), ``message`` is empty and ``erreur`` says why.
    A variable that matches no column at all is a mistake in the template, not in a row: it
    raises `MissingVariableError` at once.
    """
    if not isinstance(df, pd.DataFrame):
        raise TemplateError(f"fill_over_table attend un tableau pandas (DataFrame), pas "
                            f"{type(df).__name__}.")
    variables = template_variables(template)
    extra = dict(extra or {})
    columns = [str(c) for c in df.columns]
    for name in variables:
        if name not in columns and name not in extra:
            raise MissingVariableError(name, columns + [k for k in extra if k not in columns])
    if id_column is not None and id_column not in df.columns:
        raise TemplateError(f"La colonne d'identifiant « {id_column} » n'existe pas dans le tableau. "
                            f"Colonnes disponibles : {', '.join(columns)}.")
    id_col = id_column if id_column is not None else _id_column(df)

    messages: list[str | None] = []
    errors: list[str | None] = []
    for _, row in df.iterrows():
        try:
            messages.append(fill_template(template, row, extra))
            errors.append(None)
        except TemplateError as exc:
            messages.append(None)
            errors.append(str(exc))
    result = pd.DataFrame(index=df.index)
    if id_col is not None:
        result[id_col] = df[id_col]
    result["message"] = pd.Series(messages, index=df.index, dtype=object)
    result["erreur"] = pd.Series(errors, index=df.index, dtype=object)
    return result


# =============================================================================================
# 4. History of attempts
# =============================================================================================
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
    if isinstance(exc, LLMError):
        return f"{exc.titre} : {exc}"
    return str(exc)


def run_attempt(llm: Backend, prompt: PromptParts | str, *, temperature: float = 0.7,
                max_tokens: int = 64, seed: int | None = None, deterministic: bool | None = None,
                chat: bool = False, on_text: Callable[[str], None] | None = None,
                history: History | None = None, label: str = "") -> Attempt:
    """Send *prompt* to *llm* once and return the `Attempt`; never raises for a model fault.

    With *on_text*, the answer is streamed and each piece passed to it as it arrives;
    without, it is asked in one request (exact token counts from every provider). A fault
    (`LLMError`, or a `ValueError` for a bad setting) is stored as the attempt's French error,
    with the text received before it. *deterministic* (None: the backend's own setting)
    forces temperature 0 and a fixed seed. *chat* sends the prompt as a chat message instead
    of a text to continue. The attempt is added to *history* when given.
    """
    try:
        text = build_prompt(prompt)
        feedback: PromptFeedback | None = evaluate_prompt(prompt)
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
    start = time.perf_counter()
    if problem is not None:
        error = problem
    else:
        kwargs = dict(max_tokens=max_tokens, temperature=temperature, seed=seed, deterministic=det)
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
        except (LLMError, ValueError) as exc:
            error = _fault_message(exc)
            output = "".join(pieces)
    attempt = Attempt(prompt=text, backend=llm.describe(), temperature=effective_temperature,
                      max_tokens=max_tokens, output=output, usage=usage,
                      score=feedback.score if feedback is not None else None,
                      error=error, duration_s=time.perf_counter() - start, seed=effective_seed,
                      label=label, feedback=feedback)
    if history is not None:
        history.add(attempt)
    return attempt


# =============================================================================================
# 5. Side-by-side comparison
# =============================================================================================
def _fr_number(x: float, digits: int = 2) -> str:
    return _usage._fr(x, digits)


def _cost_text(a: Attempt) -> str:
    if a.usage is None:
        return "—"
    if a.usage.cost is None:
        return "non estimé"
    return f"{_fr_number(a.usage.cost, 4)} {CURRENCY_SYMBOL.get(a.usage.currency, a.usage.currency)}"


def _energy_text(a: Attempt) -> str:
    if a.usage is None:
        return "—"
    if a.usage.energy_wh is None:
        return "non estimée"
    low, high = a.usage.energy_wh
    return f"{_fr_number(low, 3)} à {_fr_number(high, 3)} Wh"


def _optional(value: Any) -> str:
    return "—" if value is None else str(value)


@dataclass
class Comparison:
    """Two attempts on the same input, side by side."""

    a: Attempt
    b: Attempt

    @property
    def attempts(self) -> tuple[Attempt, Attempt]:
        return self.a, self.b

    @property
    def identical(self) -> bool:
        """True when both calls succeeded with exactly the same output."""
        return self.a.ok and self.b.ok and self.a.output == self.b.output

    def to_dataframe(self) -> pd.DataFrame:
        """Two columns (« A », « B ») and French row labels, ready to display."""
        rows = {
            "Moteur": lambda a: a.backend,
            "Prompt": lambda a: a.prompt,
            "Température": lambda a: _fr_number(a.temperature, 2),
            "Tokens max": lambda a: str(a.max_tokens),
            "Score du prompt (/100)": lambda a: _optional(a.score),
            "Réponse": lambda a: a.output,
            "Durée (s)": lambda a: _fr_number(a.usage.duration_s if a.usage else (a.duration_s or 0.0), 2),
            "Tokens envoyés": lambda a: _optional(a.tokens_in),
            "Tokens reçus": lambda a: _optional(a.tokens_out),
            "Coût estimé": _cost_text,
            "Énergie estimée": _energy_text,
            "Erreur": lambda a: a.error or "—",
        }
        return pd.DataFrame({"A": [f(self.a) for f in rows.values()],
                             "B": [f(self.b) for f in rows.values()]},
                            index=pd.Index(list(rows), name="essai"))


def compare(llm_a: Backend, prompt_a: PromptParts | str, llm_b: Backend | None = None,
            prompt_b: PromptParts | str | None = None, *, temperature_a: float = 0.7,
            temperature_b: float | None = None, max_tokens: int = 64, deterministic: bool = True,
            chat: bool = False, history: History | None = None) -> Comparison:
    """Run two attempts on the same input and return them side by side.

    Side B defaults to side A for what is not given: the same backend (*llm_b*), the same
    prompt (*prompt_b*) and the same temperature (*temperature_b*), so that one difference
    can be studied at a time. With *deterministic* (the default), both calls use the same
    fixed seed: re-running the comparison gives the same outputs, while the temperatures are
    kept as given. A fault on one side is recorded as that side's French error; the other
    side still runs. Both attempts are added to *history* when given.
    """
    llm_b = llm_a if llm_b is None else llm_b
    prompt_b = prompt_a if prompt_b is None else prompt_b
    temperature_b = temperature_a if temperature_b is None else temperature_b
    seed = DETERMINISTIC_SEED if deterministic else None
    sides = []
    for label, llm, prompt, temperature in (("A", llm_a, prompt_a, temperature_a),
                                            ("B", llm_b, prompt_b, temperature_b)):
        sides.append(run_attempt(llm, prompt, temperature=temperature, max_tokens=max_tokens,
                                 seed=seed, deterministic=False, chat=chat, history=history,
                                 label=label))
    return Comparison(*sides)


# =============================================================================================
# 6. Usage summary
# =============================================================================================
def session_usage_summary(last: Attempt | UsageRecord | None = None) -> str:
    """The playground's meter: the last call (with the sources of its estimates) when given,
    then the running totals of the session (`ia_marketing.llm.usage.SESSION`)."""
    lines = []
    if isinstance(last, Attempt):
        if last.usage is not None:
            lines.append(f"Dernier appel : {last.usage.details()}")
        else:
            lines.append("Dernier appel : rien de mesuré (l'appel n'a pas abouti).")
    elif isinstance(last, UsageRecord):
        lines.append(f"Dernier appel : {last.details()}")
    lines.append(_usage.SESSION.resume())
    return "\n".join(lines)
