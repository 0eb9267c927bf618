"""Errors of the LLM layer.

Every fault a learner can meet is turned into one of these exceptions, whose
message is French, says what happened and what to do, and never contains a
secret (API keys are redacted before a message is built).
"""

from __future__ import annotations

from ..core.errors import CourseError


class LLMError(CourseError):
    """Base class: a French, learner-readable explanation of an LLM fault."""

    #: Short French title used by widgets and `doctor`.
    titre = "Erreur du modèle de langage"


class ConfigurationError(LLMError):
    titre = "Configuration incomplète"


class ServerUnreachableError(LLMError):
    titre = "Serveur injoignable"


class RequestTimeoutError(LLMError):
    titre = "Délai dépassé"


class AuthenticationError(LLMError):
    titre = "Clé d'API refusée"


class QuotaError(LLMError):
    titre = "Quota ou limite de débit atteint"


class ModelNotFoundError(LLMError):
    titre = "Modèle introuvable"


class NotSupportedError(LLMError):
    titre = "Fonction non disponible"


class ProviderError(LLMError):
    titre = "Erreur du fournisseur"


class LocalModelError(LLMError):
    titre = "Modèle local indisponible"


def redact(text: str, *secrets: str | None) -> str:
    """Replace every secret occurring in *text* by a mask."""
    for secret in secrets:
        if secret and len(secret) >= 4:
            text = text.replace(secret, "***")
    return text
