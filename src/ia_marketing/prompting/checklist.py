"""The checklist: `evaluate_prompt` scores a prompt *before* it is sent, with transparent rules
(`RULES`, shown by `rules_table()`), and gives one concrete suggestion: the one for the most
important rule that is not met. Rules, by priority (1 = suggested first):

1. ``donnees_personnelles`` — no personal data, as found by `ia_marketing.privacy` (data
   minimisation comes before any quality concern: such a prompt must not leave the computer);
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

The score is the number of rules met over the number of applicable rules, also given out of
100. The texts of the rules (label, why, how, suggestion) and the words they look for are in
`regles.toml`; the checks, below, are code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from ..privacy import find_personal_data
from .analysis import (
    ARROW_RE,
    AUDIENCE_RE,
    CONTEXT_RE,
    EXAMPLE_WORD_RE,
    FORMAT_RE,
    IO_RE,
    LABELLED_LINE_RE,
    LENGTH_RE,
    QUOTED_RE,
    ROLE_RE,
    PromptAnalysis,
    vocabulary,
)
from .parts import PromptParts

__all__ = ["Rule", "RuleResult", "PromptFeedback", "PromptAnalysis", "Verdict", "RULES",
           "evaluate_prompt", "rules_table"]


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


# -- the checks, one per rule -------------------------------------------------------------------
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
        "{telephone}, ou pseudonymisez le texte (from ia_marketing.privacy import pseudonymise). "
        "Le modèle n'en a pas besoin pour rédiger, et une donnée personnelle ne doit pas partir "
        "chez un fournisseur en ligne.")


def _check_task(p: PromptAnalysis) -> Verdict:
    if p.verbs:
        words = [w for w, _, _ in p.verbs]
        noun = "Verbe d'action trouvé" if len(set(words)) == 1 else "Verbes d'action trouvés"
        return Verdict(True, f"{noun} : {_quote_all(words)}.")
    return Verdict(False, "Aucun verbe d'action reconnu (rédige, résume, classe…). « Fais » ou "
                          "« Je voudrais » ne disent pas au modèle quoi produire.")


_KIND_NAMES: dict[str, str] = vocabulary()["tasks"]["kind_names"]
_EXAMPLE_SUGGESTIONS: dict[str, str] = vocabulary()["example_suggestions"]


def _has_examples_in_text(p: PromptAnalysis) -> str | None:
    """How examples show in a free text, or None."""
    if EXAMPLE_WORD_RE.search(p.norm):
        return "le mot « exemple »"
    if ARROW_RE.search(p.body):
        return "une flèche entrée → sortie"
    if IO_RE.search(p.norm):
        return "des lignes « Entrée : … / Sortie : … »"
    labels: dict[str, list[str]] = {}
    shown: dict[str, str] = {}
    for match in LABELLED_LINE_RE.finditer(p.norm):
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
    found = _matches(CONTEXT_RE, p)
    if QUOTED_RE.search(p.body):
        found.append("un titre ou un texte entre guillemets")
    if found:
        return Verdict(True, f"Contexte trouvé : {_quote_all(found)}.")
    return Verdict(False, "Rien n'indique de quoi il s'agit : ni lieu, ni spectacle, ni événement, "
                          "ni date.")


def _check_audience(p: PromptAnalysis) -> Verdict:
    if p.data_only:
        return Verdict(None, "Sans objet : pour classer ou extraire, la réponse est une donnée, pas un "
                             "message adressé à un public.")
    found = _matches(AUDIENCE_RE, p)
    if found:
        return Verdict(True, f"Public trouvé : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne dit pas à qui s'adresse le texte.")


def _check_format(p: PromptAnalysis) -> Verdict:
    if p.field_value("format_attendu"):
        return Verdict(True, "Le champ « Format attendu » est rempli.")
    found = _matches(FORMAT_RE, p)
    if found:
        return Verdict(True, f"Format trouvé : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne dit pas sous quelle forme rendre la réponse.")


def _check_length(p: PromptAnalysis) -> Verdict:
    if p.data_only:
        return Verdict(None, "Sans objet : la réponse d'un classement ou d'une extraction a la longueur "
                             "de ce qu'elle contient.")
    found = _matches(LENGTH_RE, p)
    if found:
        return Verdict(True, f"Longueur trouvée : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne donne ni nombre de mots, de phrases ou de caractères, ni "
                          "indication comme « court ».")


def _check_role(p: PromptAnalysis) -> Verdict:
    if p.field_value("role"):
        return Verdict(True, "Le champ « Rôle » est rempli.")
    found = _matches(ROLE_RE, p, limit=1)
    if found:
        return Verdict(True, f"Rôle trouvé : {_quote_all(found)}.")
    return Verdict(False, "Le prompt ne dit pas au modèle quel rôle tenir.")


_CHECKS: dict[str, Callable[[PromptAnalysis], Verdict]] = {
    "donnees_personnelles": _check_personal_data,
    "tache": _check_task,
    "exemples": _check_examples,
    "contexte": _check_context,
    "public": _check_audience,
    "format": _check_format,
    "longueur": _check_length,
    "role": _check_role,
}


def _load_rules() -> tuple[Rule, ...]:
    """The rules of `regles.toml`, each with its check."""
    entries = vocabulary()["rules"]
    ids = [entry["id"] for entry in entries]
    if sorted(ids) != sorted(_CHECKS):
        raise RuntimeError(f"regles.toml décrit les règles {', '.join(ids)} ; le code vérifie "
                           f"{', '.join(_CHECKS)}. Chaque règle doit avoir sa vérification.")
    return tuple(Rule(id=e["id"], label=e["label"], why=e["why"], how=e["how"],
                      suggestion=e["suggestion"], priority=int(e["priority"]), check=_CHECKS[e["id"]])
                 for e in entries)


#: The rules of the checklist, in priority order (see the module docstring).
RULES: tuple[Rule, ...] = _load_rules()


# -- results --------------------------------------------------------------------------------------
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
