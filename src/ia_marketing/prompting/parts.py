"""Structured prompts: `PromptParts` (rôle, contexte, tâche, format attendu, contraintes,
exemples, amorce) and `build_prompt`, which assembles them into one French prompt with
labelled sections. A free-text prompt is simply a string."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["PromptParts", "SECTION_LABELS", "build_prompt"]


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
