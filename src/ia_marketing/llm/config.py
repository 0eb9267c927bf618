"""Provider settings: presets and environment variables (or a git-ignored `.env`).

Variables (all optional; the local embedded model needs none):

- ``IA_MARKETING_BACKEND``   ``local`` (default) or ``fournisseur`` (the provider below; ``openai``
  is accepted as a synonym)
- ``IA_MARKETING_PROVIDER``  a preset: ollama, lmstudio, llamacpp, mistral, albert, openai
- ``IA_MARKETING_BASE_URL``  URL of any OpenAI-compatible endpoint (overrides the preset)
- ``IA_MARKETING_API_KEY``   the key (otherwise the preset's own variable, e.g. MISTRAL_API_KEY)
- ``IA_MARKETING_MODEL``     model name (otherwise the preset's default)
- ``IA_MARKETING_TIMEOUT``   seconds before a request is abandoned (default 60)
- ``IA_MARKETING_MAX_RETRIES`` retries after a 429 / 5xx / lost connection (default 3)
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ConfigurationError


@dataclass(frozen=True)
class Preset:
    name: str
    label: str
    base_url: str
    key_env: str | None
    default_model: str
    ecologits_provider: str | None = None  # provider name known to EcoLogits
    remote: bool = True  # data leaves this machine
    # continuations through /v1/completions: a server that serves a base model (no chat template)
    completions: bool = False

    @property
    def short(self) -> str:
        """The name a learner reads (« Mistral AI », « Serveur llama.cpp »): the label without its
        parenthesis."""
        return self.label.split(" (")[0]


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in [
        Preset("ollama", "Ollama (sur cet ordinateur)", "http://127.0.0.1:11434/v1", None,
               "llama3.2", None, remote=False),
        Preset("lmstudio", "LM Studio (sur cet ordinateur)", "http://127.0.0.1:1234/v1", None,
               "local-model", None, remote=False),
        # llama.cpp's server, e.g. the room's server of a classroom (classroom/), serving the
        # course's base model: a continuation must not go through a chat template it lacks
        Preset("llamacpp", "Serveur llama.cpp (sur cet ordinateur)", "http://127.0.0.1:8080/v1",
               None, "local-model", None, remote=False, completions=True),
        Preset("mistral", "Mistral AI (La Plateforme)", "https://api.mistral.ai/v1",
               "MISTRAL_API_KEY", "mistral-small-latest", "mistralai"),
        # Albert API is reserved to State civil servants (guides.ia.numerique.gouv.fr/albert-api);
        # « openweight-medium » is its documented alias of Mistral Small 3.2 24B (checked 2026-12)
        Preset("albert", "Albert (API de l'État, réservée à ses agents)", "https://albert.api.etalab.gouv.fr/v1",
               "ALBERT_API_KEY", "openweight-medium", None),
        # gpt-4o-mini, still billed in 2026, rather than a gpt-5 model: those refuse the
        # `max_tokens` parameter this backend sends (they want `max_completion_tokens`)
        Preset("openai", "OpenAI", "https://api.openai.com/v1", "OPENAI_API_KEY",
               "gpt-4o-mini", "openai"),
    ]
}

LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass(frozen=True)
class ProviderSettings:
    """Resolved settings of the `openai` backend. The key is hidden from repr."""

    base_url: str
    model: str
    provider: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 60.0
    max_retries: int = 3

    @property
    def preset(self) -> Preset | None:
        return PRESETS.get(self.provider or "")

    @property
    def is_remote(self) -> bool:
        """True when prompts leave this machine."""
        host = urlsplit(self.base_url).hostname or ""  # lower-cased, without port or [ ]
        return host not in LOCAL_HOSTS and f"[{host}]" not in LOCAL_HOSTS

    @property
    def key_hint(self) -> str:
        """A safe description of the key: never the key itself."""
        return "clé fournie" if self.api_key else "aucune clé"

    def __repr__(self) -> str:  # explicit, so a key can never leak through repr
        return (f"ProviderSettings(provider={self.provider!r}, base_url={self.base_url!r}, "
                f"model={self.model!r}, api_key={'***' if self.api_key else None})")


def load_dotenv_file(start: Path | None = None) -> Path | None:
    """Load the first `.env` found from *start* (default: cwd) upwards, without
    overriding variables already set. Returns its path, or None."""
    try:
        from dotenv import load_dotenv
    except ImportError:  # pragma: no cover - declared dependency
        return None
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        candidate = folder / ".env"
        if candidate.is_file():
            load_dotenv(candidate, override=False)
            return candidate
    return None


def _env(name: str, environ: dict[str, str]) -> str | None:
    value = environ.get(name, "").strip()
    return value or None


#: The name a learner gives the provider configured in `.env` (``get_llm("fournisseur")``): the
#: `openai` backend, that is any OpenAI-compatible endpoint, whatever the company behind it.
CONFIGURED_PROVIDER = "fournisseur"


def configured_backend(environ: dict[str, str] | None = None) -> str:
    """``local`` or ``openai`` (the backend name): ``IA_MARKETING_BACKEND``, where ``fournisseur``
    means the OpenAI-compatible backend too."""
    environ = os.environ if environ is None else environ
    choice = (_env("IA_MARKETING_BACKEND", environ) or "local").lower()
    return "openai" if choice == CONFIGURED_PROVIDER else choice


def provider_settings(
    provider: str | None = None,
    *,
    base_url: str | None = None,
    model: str | None = None,
    api_key: str | None = None,
    timeout: float | None = None,
    max_retries: int | None = None,
    environ: dict[str, str] | None = None,
) -> ProviderSettings:
    """Resolve the OpenAI-compatible provider from arguments, then environment, then preset."""
    environ = dict(os.environ) if environ is None else environ
    provider = (provider or _env("IA_MARKETING_PROVIDER", environ) or "").lower() or None
    preset = None
    if provider is not None:
        preset = PRESETS.get(provider)
        if preset is None:
            raise ConfigurationError(
                f"Fournisseur « {provider} » inconnu.",
                conseil="Choisissez parmi : " + ", ".join(PRESETS) +
                        ", ou indiquez directement IA_MARKETING_BASE_URL.",
            )
    base_url = base_url or _env("IA_MARKETING_BASE_URL", environ) or (preset.base_url if preset else None)
    if not base_url:
        raise ConfigurationError(
            "Aucun fournisseur n'est configuré.",
            conseil="Le cours fonctionne sans : le modèle local est utilisé par défaut. Pour "
                    "brancher un fournisseur, copiez .env.example en .env et renseignez "
                    "IA_MARKETING_PROVIDER (ou IA_MARKETING_BASE_URL).",
        )
    if not base_url.startswith(("http://", "https://")):
        raise ConfigurationError(
            f"L'adresse du fournisseur « {base_url} » n'est pas une URL.",
            conseil="Elle doit commencer par http:// ou https://, par exemple "
                    "http://127.0.0.1:11434/v1 pour Ollama.",
        )
    key = api_key or _env("IA_MARKETING_API_KEY", environ)
    if key is None and preset and preset.key_env:
        key = _env(preset.key_env, environ)
    model = model or _env("IA_MARKETING_MODEL", environ) or (preset.default_model if preset else None)
    if not model:
        raise ConfigurationError(
            "Aucun modèle n'est indiqué pour ce fournisseur.",
            conseil="Renseignez IA_MARKETING_MODEL dans votre fichier .env.",
        )
    try:
        timeout = float(timeout if timeout is not None else _env("IA_MARKETING_TIMEOUT", environ) or 60)
        max_retries = int(max_retries if max_retries is not None
                          else _env("IA_MARKETING_MAX_RETRIES", environ) or 3)
    except ValueError as exc:
        raise ConfigurationError(
            "IA_MARKETING_TIMEOUT ou IA_MARKETING_MAX_RETRIES n'est pas un nombre.",
            conseil="Exemple : IA_MARKETING_TIMEOUT=60 et IA_MARKETING_MAX_RETRIES=3.",
        ) from exc
    if preset and preset.key_env and not key:
        raise ConfigurationError(
            f"Le fournisseur {preset.label} demande une clé d'API, et aucune n'est définie.",
            conseil=f"Ajoutez {preset.key_env}=… (ou IA_MARKETING_API_KEY=…) dans le fichier "
                    ".env à la racine du cours. Ne collez jamais la clé dans un notebook.",
        )
    return ProviderSettings(base_url=base_url.rstrip("/"), model=model, provider=provider,
                            api_key=key, timeout=timeout, max_retries=max(0, max_retries))
