"""Errors of the LLM layer.

Every fault a learner can meet is turned into one of these exceptions, whose
message is French, says what happened and what to do, and never contains a
secret (API keys are redacted before a message is built).
"""

from __future__ import annotations


class LLMError(RuntimeError):
    """Base class: a French, learner-readable explanation of an LLM fault."""

    #: Short French title used by widgets and `doctor`.
    titre = "Erreur du modèle de langage"

    def __init__(self, message: str, *, conseil: str | None = None) -> None:
        message = message[:1].upper() + message[1:]  # « le fournisseur (…) » starts a sentence
        self.message = message
        self.conseil = conseil
        full = message if not conseil else f"{message}\n→ {conseil}"
        super().__init__(full)


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
