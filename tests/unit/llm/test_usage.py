"""Usage meter: tokens, cost from an editable price table, EcoLogits energy / CO₂e estimates,
session totals, French lines."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from ia_marketing.llm import usage
from ia_marketing.llm.usage import UsageMeter, UsageRecord


def _record(provider="openai", model="gpt-4o-mini", tokens_in=1000, tokens_out=500, duration_s=1.5,
            backend="openai") -> UsageRecord:
    return UsageRecord.build(backend=backend, provider=provider, model=model, kind="chat",
                             tokens_in=tokens_in, tokens_out=tokens_out, duration_s=duration_s,
                             first_token_s=0.2)


# -- cost ------------------------------------------------------------------------------------
def test_cost_of_a_known_remote_model_from_the_shipped_table(fresh_usage):
    # Read the shipped CSV ourselves, independently of the package's reader.
    text = files("ia_marketing.llm").joinpath("prix_modeles.csv").read_text(encoding="utf-8")
    row = next(r for r in csv.DictReader(text.splitlines())
               if (r["fournisseur"], r["modele"]) == ("openai", "gpt-4o-mini"))
    per_m_in, per_m_out = float(row["entree_par_million"]), float(row["sortie_par_million"])
    assert per_m_in > 0 and per_m_out > 0

    r = _record(tokens_in=2_000_000, tokens_out=1_000_000)
    assert r.cost == pytest.approx(2 * per_m_in + 1 * per_m_out)
    assert r.currency == row["devise"]
    assert r.cost_note.startswith("prix indicatif") and row["source"] in r.cost_note


def test_set_price_overrides_for_the_session(fresh_usage):
    fresh_usage.set_price("openai", "gpt-4o-mini", 2.0, 8.0, currency="eur")
    r = _record(tokens_in=1000, tokens_out=500)
    assert r.cost == pytest.approx(1000 * 2.0 / 1e6 + 500 * 8.0 / 1e6)  # 0,006
    assert r.currency == "EUR"
    assert "saisi dans le notebook" in r.cost_note
    assert "coût ≈ 0,006 €" in r.resume()
    with pytest.raises(ValueError, match="négatif"):
        fresh_usage.set_price("openai", "gpt-4o-mini", -1, 1)


def test_unknown_price_and_missing_counts_are_not_estimated(fresh_usage):
    r = _record(provider="albert", model="albert-large")
    assert r.cost is None
    assert "pas de prix pour « albert-large »" in r.cost_note and "set_price" in r.cost_note
    r2 = _record(tokens_in=None)
    assert r2.cost is None and "nombre de tokens" in r2.cost_note
    assert "? tokens envoyés" in r2.resume() and "coût non estimé" in r2.resume()


def test_local_models_cost_nothing(fresh_usage):
    for provider, model in [("local", "gemma-3-270m"), ("ollama", "llama3.2"), ("llamacpp", "n-importe")]:
        assert _record(provider=provider, model=model).cost == 0


def test_user_price_csv_is_merged(fresh_usage, tmp_path, monkeypatch):
    path = tmp_path / "mes_prix.csv"
    path.write_text(
        "fournisseur,modele,entree_par_million,sortie_par_million,devise,date_releve,source\n"
        'Albert,albert-large,"0,5","1,5",eur,2026-01,contrat DINUM\n'
        "mistral,mistral-small-latest,1,3,EUR,2026-01,devis\n", encoding="utf-8")
    monkeypatch.setenv("IA_MARKETING_PRICES", str(path))

    albert = _record(provider="albert", model="albert-large", tokens_in=4000, tokens_out=2000)
    assert albert.cost == pytest.approx(4000 * 0.5 / 1e6 + 2000 * 1.5 / 1e6)
    assert albert.currency == "EUR" and "contrat DINUM" in albert.cost_note
    mistral = _record(provider="mistral", model="mistral-small-latest", tokens_in=1_000_000, tokens_out=0)
    assert mistral.cost == pytest.approx(1.0)  # the user's row replaces the shipped one
    assert _record(provider="openai", model="gpt-4o").cost > 0  # shipped rows are kept


@pytest.mark.parametrize("content, message", [
    ("fournisseur;modele;prix\nopenai;gpt-4o;1\n", "n'a pas les colonnes attendues"),
    ("fournisseur,modele,entree_par_million,sortie_par_million,devise,date_releve,source\n"
     "openai,gpt-4o,gratuit,1,USD,2026-01,moi\n", "Ligne 2 .*prix illisible"),
])
def test_malformed_price_csv_is_a_french_error(fresh_usage, tmp_path, monkeypatch, content, message):
    path = tmp_path / "prix.csv"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("IA_MARKETING_PRICES", str(path))
    with pytest.raises(ValueError, match=message) as e:
        fresh_usage.prices()
    assert str(path) in str(e.value)


def test_missing_price_csv_is_a_french_error(fresh_usage, tmp_path, monkeypatch):
    monkeypatch.setenv("IA_MARKETING_PRICES", str(tmp_path / "absent.csv"))
    with pytest.raises(FileNotFoundError, match="Table de prix introuvable.*IA_MARKETING_PRICES"):
        fresh_usage.prices()


# -- energy / CO2e ---------------------------------------------------------------------------
def test_ecologits_estimate_for_a_model_it_knows():
    energy, co2e, note = usage.estimate_impacts("openai", "gpt-4o-mini", 500, 2.0)
    assert energy is not None and co2e is not None
    assert 0 < energy[0] <= energy[1]
    assert 0 < co2e[0] <= co2e[1]
    assert "EcoLogits" in note
    more, _, _ = usage.estimate_impacts("openai", "gpt-4o-mini", 5000, 20.0)
    assert more[0] > energy[0]  # ten times the tokens cost more energy


def test_ecologits_estimate_appears_in_the_record(fresh_usage):
    r = _record(tokens_out=500)
    assert r.energy_wh is not None and r.energy_wh[0] > 0
    assert "Wh" in r.resume() and "g CO₂e" in r.resume()
    assert "EcoLogits" in r.details()


@pytest.mark.parametrize("provider, model, reason", [
    ("openai", "modele-imaginaire-9000", "ne connaît pas le modèle « modele-imaginaire-9000 »"),
    ("albert", "albert-large", "ne connaît pas le fournisseur « albert »"),
    ("local", "gemma-3-270m", "votre ordinateur"),
    ("ollama", "llama3.2", "votre ordinateur"),
])
def test_not_estimated_with_a_reason(provider, model, reason):
    energy, co2e, note = usage.estimate_impacts(provider, model, 100, 1.0)
    assert energy is None and co2e is None
    assert note.startswith("non estimé")
    assert reason in note


# -- session meter -----------------------------------------------------------------------------
def test_meter_totals_and_summary(fresh_usage):
    fresh_usage.set_price("openai", "gpt-4o-mini", 2.0, 8.0, currency="EUR")
    meter = UsageMeter()
    priced = _record(tokens_in=1000, tokens_out=500, duration_s=1.5)         # 0,006 €
    local = _record(provider="local", model="gemma-3-270m", backend="local",
                    tokens_in=20, tokens_out=30, duration_s=0.5)             # 0 €
    unpriced = _record(provider="albert", model="albert-large", tokens_in=10, tokens_out=5, duration_s=1.0)
    for r in (priced, local, unpriced):
        meter.add(r)

    t = meter.totals()
    assert t["appels"] == 3
    assert t["tokens_envoyes"] == 1030 and t["tokens_recus"] == 535
    assert t["duree_s"] == pytest.approx(3.0)
    assert t["cout"] == pytest.approx(0.006)
    assert t["appels_sans_cout"] == 1
    assert t["appels_sans_energie"] == 2
    assert t["energie_wh_min"] == pytest.approx(priced.energy_wh[0])

    text = meter.resume()
    assert text.startswith("Session : 3 appels, 1\u202f030 tokens envoyés, 535 reçus, 3 s")
    assert "coût ≈ 0,006 €" in text
    assert "1 appel sans coût estimé" in text
    assert "2 appels sans estimation d'énergie" in text
    meter.reset()
    assert meter.totals()["appels"] == 0


def test_meter_does_not_add_dollars_and_euros(fresh_usage):
    fresh_usage.set_price("openai", "gpt-4o", 10.0, 0.0, currency="USD")
    fresh_usage.set_price("mistral", "mistral-small-latest", 20.0, 0.0, currency="EUR")
    meter = UsageMeter()
    meter.add(_record(model="gpt-4o", tokens_in=1000, tokens_out=0))                      # 0,01 $
    meter.add(_record(provider="mistral", model="mistral-small-latest", tokens_in=1000, tokens_out=0))  # 0,02 €
    t = meter.totals()
    assert t["cout"] is None
    assert t["cout_par_devise"] == {"USD": pytest.approx(0.01), "EUR": pytest.approx(0.02)}
    assert "coût ≈ 0,02 € + 0,01 $" in meter.resume()


def test_session_meter_records_calls(fresh_usage):
    usage.record_usage(_record(tokens_in=3, tokens_out=4))
    usage.record_usage(_record(tokens_in=5, tokens_out=6))
    assert usage.SESSION.totals()["tokens_envoyes"] == 8
    assert usage.session_summary().startswith("Session : 2 appels, 8 tokens envoyés, 10 reçus")


def test_record_line_is_french(fresh_usage):
    line = _record(tokens_in=1200, tokens_out=30, duration_s=2.25).resume()
    assert line.startswith("1\u202f200 tokens envoyés, 30 reçus · 2,2 s · coût ≈ ")
    assert "." not in line.split("coût ≈ ")[1].split(" ")[0]  # decimal comma


def test_french_plural_starts_at_two():
    line = _record(tokens_in=1, tokens_out=0, duration_s=0.5).resume()
    assert line.startswith("1 token envoyé, 0 reçu · ")
    assert _record(tokens_in=2, tokens_out=2, duration_s=0.5).resume().startswith("2 tokens envoyés, 2 reçus")
