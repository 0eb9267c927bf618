"""One small interface over interchangeable language models.

>>> from ia_marketing.llm import get_llm
>>> modele = get_llm()                 # the embedded local model, offline
>>> modele.complete("Le théâtre du Rivage présente", max_tokens=20).text
>>> modele.next_token_distribution("La saison culturelle commence en", k=5)

``get_llm("fournisseur")`` (or ``IA_MARKETING_BACKEND=fournisseur``) uses the provider
configured in the environment or a `.env` file (see `.env.example`): Mistral, Albert, Ollama…
whatever it is. ``"openai"`` is accepted as a synonym (the name of the protocol those providers
share, not of the company).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from ..privacy import PersonalDataError
from .base import DETERMINISTIC_SEED, Backend, Completion, Stream, TokenProb
from .config import (
    CONFIGURED_PROVIDER,
    PRESETS,
    ProviderSettings,
    configured_backend,
    load_dotenv_file,
    provider_settings,
)
from .errors import (
    AuthenticationError,
    ConfigurationError,
    LLMError,
    LocalModelError,
    ModelNotFoundError,
    NotSupportedError,
    ProviderError,
    QuotaError,
    RequestTimeoutError,
    ServerUnreachableError,
)
from .room import FALLBACK_ENV, RoomBackend

__all__ = [
    "get_llm", "Backend", "Completion", "Stream", "TokenProb", "DETERMINISTIC_SEED",
    "PRESETS", "ProviderSettings", "provider_settings", "LLMError", "ConfigurationError",
    "ServerUnreachableError", "RequestTimeoutError", "AuthenticationError", "QuotaError",
    "ModelNotFoundError", "NotSupportedError", "ProviderError", "LocalModelError",
    "PersonalDataError",
]


def get_llm(backend: str | None = None, *, provider: str | None = None, model: str | None = None,
            base_url: str | None = None, api_key: str | None = None, timeout: float | None = None,
            deterministic: bool = False, progress: Callable[[str], None] | None = None,
            allow_personal_data: bool = False) -> Backend:
    """Return a language model.

    *backend* is ``"local"`` (the embedded Gemma 3 270M, default) or ``"fournisseur"``: the
    provider configured in the environment or `.env` (``IA_MARKETING_PROVIDER`` or
    ``IA_MARKETING_BASE_URL``), reached through its OpenAI-compatible interface whoever runs it
    (Mistral, Albert, Ollama, LM Studio…). ``"openai"`` is accepted as a synonym of
    ``"fournisseur"``, as before; it does not mean the company OpenAI (for that one, pass
    ``provider="openai"``). Without it configured, a French `ConfigurationError` says what to do.
    Without arguments, ``IA_MARKETING_BACKEND`` decides (``local`` by default).
    A preset name (``"ollama"``, ``"mistral"``, ``"albert"``…) may be given as *backend*
    directly. With *deterministic*, generation is greedy and seeded.

    A remote provider refuses prompts holding personal data (see `ia_marketing.privacy`);
    *allow_personal_data* lifts that guard for every call of the returned model (only with a
    legal basis and a provider under contract). The local model is never blocked.
    """
    load_dotenv_file()
    # the provider configured in the environment, not one named by the call
    configured = provider is None and base_url is None and (backend or CONFIGURED_PROVIDER).lower() in (
        CONFIGURED_PROVIDER, "openai")
    choice = (backend or configured_backend()).lower()
    if choice == CONFIGURED_PROVIDER:  # « fournisseur »: the provider configured in .env
        choice = "openai"
    if choice in PRESETS and choice != "openai":  # a preset name stands for its provider
        provider, choice = choice, "openai"
    if choice == "local":
        from .local import LocalBackend

        return LocalBackend(deterministic=deterministic, progress=progress,
                            allow_personal_data=allow_personal_data)
    if choice == "openai":
        from .openai_backend import OpenAIBackend

        settings = provider_settings(provider, base_url=base_url, model=model, api_key=api_key,
                                     timeout=timeout)
        remote = OpenAIBackend(settings, deterministic=deterministic,
                               allow_personal_data=allow_personal_data)
        if configured and os.environ.get(FALLBACK_ENV, "").strip().lower() == "local":
            # a classroom kernel: the room's server, and the local model when it does not answer
            from .local import LocalBackend

            return RoomBackend(remote, lambda: LocalBackend(deterministic=deterministic, progress=progress,
                                                            allow_personal_data=allow_personal_data),
                               where=settings.base_url, deterministic=deterministic,
                               allow_personal_data=allow_personal_data)
        return remote
    raise ConfigurationError(
        f"Moteur « {choice} » inconnu.",
        conseil="Choisissez « local » (modèle intégré, hors ligne) ou « fournisseur » (celui "
                "configuré dans le fichier .env), ou un fournisseur prédéfini : " + ", ".join(PRESETS) + ".")
