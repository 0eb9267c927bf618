"""The guard the LLM layer calls before a prompt leaves this machine."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..core.errors import CourseError
from .detection import PRIORITY, Finding, find_personal_data

# -- the guard ------------------------------------------------------------------------------
CONSEIL_PSEUDONYMISATION = (
    "Pseudonymisez le texte avant de l'envoyer : « from ia_marketing.privacy import pseudonymise, "
    "reidentify », "
    "puis « texte_pseudo, table = pseudonymise(texte) » ; envoyez texte_pseudo et gardez la table "
    "sur cet ordinateur pour remettre les vraies valeurs dans la réponse avec "
    "« reidentify(reponse, table) ». Attention : pseudonymiser n'est pas anonymiser. Avec la table, "
    "ou en recoupant le reste du texte, on peut retrouver les personnes : les données restent "
    "personnelles au sens du RGPD. Autres possibilités : utiliser le modèle local "
    "(get_llm(\"local\")), qui ne fait rien sortir de cet ordinateur ; ou, seulement si le "
    "traitement repose sur une base légale et que le fournisseur est lié par un contrat de "
    "sous-traitance (article 28 du RGPD), forcer l'envoi avec allow_personal_data=True."
)

_ROLES = {"system": "du système", "user": "de l'utilisateur", "assistant": "de l'assistant"}
_MAX_LISTED = 12


class PersonalDataError(CourseError):
    """A prompt with personal data was about to leave this machine: nothing was sent.

    ``findings`` holds (message index or None, `Finding`) pairs; the message itself only
    shows masked values.
    """

    titre = "Données personnelles détectées"

    def __init__(self, message: str, *, conseil: str | None = None,
                 findings: Sequence[tuple[int | None, Finding]] = ()) -> None:
        super().__init__(message, conseil=conseil)
        self.findings = tuple(findings)


def _where(text: str, finding: Finding) -> str:
    line = text.count("\n", 0, finding.start) + 1
    column = finding.start - (text.rfind("\n", 0, finding.start) + 1) + 1
    return f"ligne {line}, caractère {column}"


def _contents(content: Any) -> list[tuple[int | None, str | None, str]]:
    """(message index, role, text) of what would be sent."""
    if isinstance(content, str):
        return [(None, None, content)]
    if isinstance(content, Mapping):
        content = [content]
    out: list[tuple[int | None, str | None, str]] = []
    for i, message in enumerate(content):
        if isinstance(message, Mapping):
            out.append((i, str(message.get("role", "")) or None, str(message.get("content", ""))))
        else:
            out.append((i, None, str(message)))
    return out


def check_prompt(text: str | Sequence[Mapping[str, str]], *, remote: bool,
                 allow_personal_data: bool = False, known_names: Any = None,
                 destination: str | None = None) -> None:
    """Refuse to send personal data to a remote model.

    *text* is a prompt or a conversation (a list of ``{"role", "content"}`` messages). When
    *remote* is true and *allow_personal_data* false, raise `PersonalDataError` if personal
    data is found: its French message lists each piece found (masked) and where it is, and
    its ``conseil`` says how to pseudonymise. A local model (*remote* false) or an explicit
    override (*allow_personal_data*) is never blocked, and the text is then not even scanned.
    *destination* names the provider in the message.
    """
    if not remote or allow_personal_data:
        return
    hits: list[tuple[int | None, Finding]] = []
    lines: list[str] = []
    for index, role, body in _contents(text):
        for f in find_personal_data(body, known_names=known_names):
            hits.append((index, f))
            where = _where(body, f)
            if index is not None:
                role_fr = _ROLES.get(role or "", f"« {role} »" if role else "")
                where = f"message n° {index + 1} {role_fr}, {where}".replace("  ", " ")
            lines.append(f"• {f.kind} « {f.masked} » ({where})")
    if not hits:
        return
    n = len(hits)
    kinds = sorted({f.kind for _, f in hits}, key=lambda k: PRIORITY[k])
    target = destination or "ce fournisseur"
    listed = lines[:_MAX_LISTED]
    if n > _MAX_LISTED:
        listed.append(f"• … et {n - _MAX_LISTED} autre{'s' if n - _MAX_LISTED > 1 else ''}")
    donnees = "une donnée personnelle" if n == 1 else f"{n} données personnelles"
    message = (
        f"Envoi bloqué : le texte contient {donnees} ({', '.join(kinds)}), et il partirait vers "
        f"{target}, hors de cet ordinateur. Rien n'a été envoyé.\n"
        "Données trouvées (masquées) :\n" + "\n".join(listed))
    raise PersonalDataError(message, conseil=CONSEIL_PSEUDONYMISATION, findings=hits)
