"""The base of every error a learner may read: a French message and what to do."""

from __future__ import annotations


class CourseError(RuntimeError):
    """A French, learner-readable explanation of a fault, with an optional advice.

    ``message`` says what happened, ``conseil`` what to do; ``titre`` is a short French title
    used by widgets and `doctor`. Subclasses: `ia_marketing.llm.LLMError` and
    `ia_marketing.privacy.PersonalDataError`.
    """

    titre = "Erreur"

    def __init__(self, message: str, *, conseil: str | None = None) -> None:
        message = message[:1].upper() + message[1:]  # « le fournisseur (…) » starts a sentence
        self.message = message
        self.conseil = conseil
        full = message if not conseil else f"{message}\n→ {conseil}"
        super().__init__(full)
