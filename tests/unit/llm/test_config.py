"""Provider settings: presets, environment variables, `.env`, French configuration errors."""

from __future__ import annotations

import os

import pytest

from ia_marketing.llm import ConfigurationError, get_llm
from ia_marketing.llm.config import PRESETS, ProviderSettings, configured_backend, load_dotenv_file, provider_settings

SECRET = "sk-test-SECRET-123456"


# -- presets ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name, url, remote", [
    ("ollama", "http://127.0.0.1:11434/v1", False),     # Ollama's default port
    ("lmstudio", "http://127.0.0.1:1234/v1", False),    # LM Studio's default port
    ("llamacpp", "http://127.0.0.1:8080/v1", False),    # llama-server's default port
])
def test_local_presets_resolve_without_a_key(name, url, remote):
    s = provider_settings(name, environ={})
    assert s.base_url == url
    assert s.provider == name and s.model
    assert s.api_key is None
    assert s.is_remote is remote
    assert s.timeout > 0 and s.max_retries >= 0


@pytest.mark.parametrize("name, host, key_var", [
    ("mistral", "api.mistral.ai", "MISTRAL_API_KEY"),
    ("openai", "api.openai.com", "OPENAI_API_KEY"),
    ("albert", "albert.api.etalab.gouv.fr", "ALBERT_API_KEY"),
])
def test_remote_presets_take_their_own_key_variable(name, host, key_var):
    s = provider_settings(name, environ={key_var: f"  {SECRET}  "})
    assert s.base_url.startswith(f"https://{host}/")
    assert s.api_key == SECRET  # stray spaces from a .env are trimmed
    assert s.is_remote
    assert s.model
    assert s.key_hint == "clé fournie"
    assert SECRET not in repr(s) and SECRET not in str(s)


@pytest.mark.parametrize("name, key_var", [("mistral", "MISTRAL_API_KEY"), ("openai", "OPENAI_API_KEY"),
                                           ("albert", "ALBERT_API_KEY")])
def test_missing_key_is_a_french_error_naming_the_variable(name, key_var):
    other_keys = {"OPENAI_API_KEY": SECRET, "MISTRAL_API_KEY": SECRET, "ALBERT_API_KEY": SECRET}
    environ = {k: v for k, v in other_keys.items() if k != key_var}
    with pytest.raises(ConfigurationError) as e:
        provider_settings(name, environ=environ)
    text = str(e.value)
    assert key_var in text and "IA_MARKETING_API_KEY" in text
    assert "demande une clé d'API" in e.value.message
    assert ".env" in e.value.conseil and "notebook" in e.value.conseil
    assert SECRET not in text


def test_every_preset_is_accepted_case_insensitively():
    for name, preset in PRESETS.items():
        environ = {preset.key_env: "cle"} if preset.key_env else {}
        assert provider_settings(name.upper(), environ=environ).provider == name


# -- environment variables -------------------------------------------------------------------
def test_environment_overrides_the_preset_and_arguments_override_the_environment():
    environ = {"IA_MARKETING_PROVIDER": "ollama", "IA_MARKETING_BASE_URL": "http://127.0.0.1:9999/v1/",
               "IA_MARKETING_MODEL": "mistral-nemo", "IA_MARKETING_TIMEOUT": "12.5",
               "IA_MARKETING_MAX_RETRIES": "5", "IA_MARKETING_API_KEY": "cle-env"}
    s = provider_settings(environ=environ)
    assert (s.provider, s.base_url, s.model) == ("ollama", "http://127.0.0.1:9999/v1", "mistral-nemo")
    assert (s.timeout, s.max_retries, s.api_key) == (12.5, 5, "cle-env")

    s2 = provider_settings("llamacpp", base_url="http://localhost:8081/v1", model="autre",
                           api_key="cle-arg", timeout=3, max_retries=0, environ=environ)
    assert (s2.provider, s2.base_url, s2.model) == ("llamacpp", "http://localhost:8081/v1", "autre")
    assert (s2.timeout, s2.max_retries, s2.api_key) == (3.0, 0, "cle-arg")


def test_generic_key_wins_over_the_preset_variable():
    s = provider_settings("mistral", environ={"IA_MARKETING_API_KEY": "generique",
                                              "MISTRAL_API_KEY": "specifique"})
    assert s.api_key == "generique"


def test_real_environment_is_used_by_default(clean_env):
    os.environ["IA_MARKETING_PROVIDER"] = "lmstudio"
    os.environ["IA_MARKETING_MODEL"] = "qwen"
    s = provider_settings()
    assert (s.provider, s.model) == ("lmstudio", "qwen")
    assert configured_backend() == "local"
    os.environ["IA_MARKETING_BACKEND"] = " OpenAI "
    assert configured_backend() == "openai"


def test_non_numeric_timeout_is_a_french_error():
    with pytest.raises(ConfigurationError, match="n'est pas un nombre") as e:
        provider_settings("ollama", environ={"IA_MARKETING_TIMEOUT": "une minute"})
    assert "IA_MARKETING_TIMEOUT=60" in e.value.conseil


def test_negative_retries_mean_none():
    assert provider_settings("ollama", max_retries=-2, environ={}).max_retries == 0


# -- bad settings ----------------------------------------------------------------------------
def test_unknown_provider():
    with pytest.raises(ConfigurationError) as e:
        provider_settings("chatgpt-pirate", environ={})
    assert "« chatgpt-pirate » inconnu" in e.value.message
    for name in PRESETS:
        assert name in e.value.conseil


@pytest.mark.parametrize("url", ["127.0.0.1:11434/v1", "ftp://exemple.fr/v1", "localhost"])
def test_bad_url(url):
    with pytest.raises(ConfigurationError) as e:
        provider_settings(base_url=url, model="m", environ={})
    assert "n'est pas une URL" in e.value.message
    assert "http://" in e.value.conseil


def test_nothing_configured():
    with pytest.raises(ConfigurationError) as e:
        provider_settings(environ={})
    assert e.value.message.startswith("Aucun fournisseur")
    assert "modèle local" in e.value.conseil


def test_url_without_model():
    with pytest.raises(ConfigurationError, match="Aucun modèle"):
        provider_settings(base_url="http://127.0.0.1:9000/v1", environ={})


def test_unknown_backend(clean_env):
    with pytest.raises(ConfigurationError) as e:
        get_llm("gpt-magique")
    assert "« gpt-magique » inconnu" in e.value.message
    assert "local" in e.value.conseil and "openai" in e.value.conseil


def test_get_llm_for_a_preset_without_key(clean_env):
    with pytest.raises(ConfigurationError, match="MISTRAL_API_KEY"):
        get_llm("mistral")


# -- « fournisseur »: the provider configured in .env, by a name that does not say « OpenAI » --------
def test_fournisseur_is_the_provider_configured_in_the_environment(clean_env):
    os.environ["IA_MARKETING_PROVIDER"] = "mistral"
    os.environ["MISTRAL_API_KEY"] = SECRET
    llm = get_llm("fournisseur")
    assert (llm.provider, llm.model, llm.is_remote) == ("mistral", PRESETS["mistral"].default_model, True)
    assert llm.settings.base_url == "https://api.mistral.ai/v1" and llm.settings.api_key == SECRET
    # what a learner reads names Mistral, not the protocol the providers share
    assert llm.describe() == f"Mistral AI · {llm.model} (données envoyées hors de cet ordinateur)"
    assert "openai" not in llm.describe().lower()
    assert SECRET not in repr(llm) and SECRET not in llm.describe()

    for same in (get_llm("openai"), get_llm("Fournisseur"), get_llm("FOURNISSEUR")):
        assert (same.provider, same.model, same.settings.base_url) == (llm.provider, llm.model, llm.settings.base_url)
    os.environ["IA_MARKETING_BACKEND"] = "fournisseur"
    assert configured_backend() == "openai"
    assert get_llm().provider == "mistral"


def test_fournisseur_without_configuration_raises_the_same_french_error(clean_env):
    with pytest.raises(ConfigurationError) as new:
        get_llm("fournisseur")
    with pytest.raises(ConfigurationError) as old:
        get_llm("openai")
    assert new.value.message == old.value.message == "Aucun fournisseur n'est configuré."
    assert new.value.conseil == old.value.conseil
    assert "modèle local" in new.value.conseil and ".env" in new.value.conseil
    assert "IA_MARKETING_PROVIDER" in new.value.conseil
    assert new.value.titre == "Configuration incomplète"


@pytest.mark.parametrize("provider, environ, who, where", [
    ("openai", {"OPENAI_API_KEY": SECRET}, "OpenAI", "données envoyées hors de cet ordinateur"),
    ("albert", {"ALBERT_API_KEY": SECRET}, "Albert", "données envoyées hors de cet ordinateur"),
    ("ollama", {}, "Ollama", "tout reste sur cet ordinateur"),
    ("llamacpp", {}, "Serveur llama.cpp", "tout reste sur cet ordinateur"),
    (None, {"IA_MARKETING_BASE_URL": "http://127.0.0.1:9000/v1", "IA_MARKETING_MODEL": "m"},
     "fournisseur configuré", "tout reste sur cet ordinateur"),
])
def test_a_configured_provider_is_described_by_its_own_name(clean_env, provider, environ, who, where):
    os.environ.update(environ)
    if provider:
        os.environ["IA_MARKETING_PROVIDER"] = provider
    llm = get_llm("fournisseur")
    assert llm.describe() == f"{who} · {llm.model} ({where})"


def test_the_albert_preset_names_a_documented_model_and_says_who_may_use_it():
    albert = PRESETS["albert"]
    assert albert.default_model == "openweight-medium"  # alias documented by Albert API (checked 2026-12)
    assert "agents" in albert.label


# -- where the data goes ---------------------------------------------------------------------
@pytest.mark.parametrize("url, remote", [
    ("https://api.mistral.ai/v1", True),
    ("https://albert.api.etalab.gouv.fr/v1", True),
    ("http://192.168.1.20:11434/v1", True),        # another computer on the network
    ("http://localhost.example.com/v1", True),     # only looks local
    ("http://127.0.0.1:8080/v1", False),
    ("http://127.0.0.1/v1", False),
    ("http://localhost:11434/v1", False),
    ("http://LocalHost:11434/v1", False),
    ("http://[::1]:8080/v1", False),
    ("http://[::1]/v1", False),
])
def test_is_remote(url, remote):
    assert ProviderSettings(base_url=url, model="m").is_remote is remote


def test_settings_repr_hides_the_key():
    s = ProviderSettings(base_url="https://api.mistral.ai/v1", model="m", provider="mistral", api_key=SECRET)
    assert SECRET not in repr(s) and SECRET not in str(s) and SECRET not in f"{s!r:>10}"
    assert "***" in repr(s)
    assert ProviderSettings(base_url="http://127.0.0.1/v1", model="m").key_hint == "aucune clé"


# -- .env ------------------------------------------------------------------------------------
def test_dotenv_is_found_upwards_and_does_not_override(clean_env):
    (clean_env / ".env").write_text(
        "# fichier local, jamais versionné\n"
        "IA_MARKETING_PROVIDER=mistral\n"
        f"MISTRAL_API_KEY={SECRET}\n"
        "IA_MARKETING_MODEL=depuis-le-fichier\n", encoding="utf-8")
    sub = clean_env / "modules" / "01"
    sub.mkdir(parents=True)
    os.chdir(sub)  # clean_env restores the working directory
    os.environ["IA_MARKETING_MODEL"] = "depuis-l-environnement"

    assert load_dotenv_file() == (clean_env / ".env").resolve()
    assert os.environ["IA_MARKETING_PROVIDER"] == "mistral"
    assert os.environ["MISTRAL_API_KEY"] == SECRET
    assert os.environ["IA_MARKETING_MODEL"] == "depuis-l-environnement"  # not overridden

    llm = get_llm("openai")
    assert (llm.provider, llm.model, llm.is_remote) == ("mistral", "depuis-l-environnement", True)
    assert SECRET not in repr(llm)


def test_no_dotenv(clean_env):
    assert load_dotenv_file() is None
    assert load_dotenv_file(clean_env) is None
