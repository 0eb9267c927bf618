"""Usage meter: tokens, cost from an editable price table, energy (measured time × stated power on
this computer, EcoLogits for a remote model, and EcoLogits' estimate of a large remote model next to
a local call), session totals, French lines."""

from __future__ import annotations

import csv
from importlib.resources import files

import pytest

from ia_marketing.llm import energy, usage
from ia_marketing.llm.usage import UsageMeter, UsageRecord

NNBSP = "\u202f"


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
    r = _record(provider="openai", model="modele-sans-prix")
    assert r.cost is None
    assert "pas de prix pour « modele-sans-prix »" in r.cost_note and "set_price" in r.cost_note
    r2 = _record(tokens_in=None)
    assert r2.cost is None and "nombre de tokens" in r2.cost_note
    assert "? tokens envoyés" in r2.resume() and "coût non estimé" in r2.resume()


def test_local_models_cost_nothing(fresh_usage):
    for provider, model in [("local", "gemma-3-270m"), ("ollama", "llama3.2"), ("llamacpp", "n-importe")]:
        assert _record(provider=provider, model=model).cost == 0


def test_every_shipped_price_says_when_and_where_it_was_read(fresh_usage):
    text = files("ia_marketing.llm").joinpath("prix_modeles.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    assert rows and all(r["date_releve"][:4] in ("2025", "2026") and r["source"].strip() for r in rows)
    billed = [r for r in rows if float(r["sortie_par_million"]) > 0]
    # a price not checked again on the official page says so, instead of pretending it was
    assert billed and all("https://" in r["source"] for r in billed)
    assert all("non revérifié" in r["source"] for r in billed if r["date_releve"] < "2026-12")
    albert = _record(provider="albert", model="openweight-medium")
    assert albert.cost == 0 and "fonction publique d'État" in albert.cost_note


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
    energy_wh, co2e, note = usage.estimate_impacts("openai", "gpt-4o-mini", 500, 2.0)
    assert energy_wh is not None and co2e is not None
    assert 0 < energy_wh[0] <= energy_wh[1]
    assert 0 < co2e[0] <= co2e[1]
    assert "EcoLogits" in note
    more, _, _ = usage.estimate_impacts("openai", "gpt-4o-mini", 5000, 20.0)
    assert more[0] > energy_wh[0]  # ten times the tokens cost more energy


def test_ecologits_estimate_appears_in_the_record(fresh_usage):
    r = _record(tokens_out=500)
    assert r.energy_wh is not None and r.energy_wh[0] > 0
    assert not r.on_this_computer and r.reference_energy_wh is None and r.reference_note == ""
    assert "Wh" in r.resume() and "g CO₂e" in r.resume()
    assert "EcoLogits" in r.details()


@pytest.mark.parametrize("provider, model, reason", [
    ("openai", "modele-imaginaire-9000", "ne connaît pas le modèle « modele-imaginaire-9000 »"),
    ("albert", "openweight-medium", "ne connaît pas le fournisseur « albert »"),
])
def test_not_estimated_with_a_reason(provider, model, reason):
    energy_wh, co2e, note = usage.estimate_impacts(provider, model, 100, 1.0)
    assert energy_wh is None and co2e is None
    assert note.startswith("non estimé")
    assert reason in note


@pytest.mark.parametrize("provider, on_this_computer", [
    ("local", None), ("ollama", None), ("llamacpp", None), ("lmstudio", None),
    ("openai-compatible", True),  # any server on 127.0.0.1, whatever its name
])
def test_on_this_computer_the_energy_is_measured_time_times_the_stated_power(provider, on_this_computer):
    energy_wh, co2e, note = usage.estimate_impacts(provider, "modele", 100, 7.2, on_this_computer=on_this_computer)
    assert energy_wh == pytest.approx((15 * 7.2 / 3600, 65 * 7.2 / 3600))  # 0,03 to 0,13 Wh
    assert co2e is None  # it depends on the local electricity: not guessed
    assert note.startswith("estimée sur cet ordinateur : 7,2 s mesurées × 15 à 65 W")
    # the assumption is stated, with where the two bounds come from
    for said in ("hypothèse du cours", "non mesurée", "15 W est la puissance de base", "65 W celle d'un chargeur",
                 "wattmètre"):
        assert said in note


def test_a_server_on_another_computer_is_not_timed_as_if_it_were_this_one():
    energy_wh, _, note = usage.estimate_impacts("ollama", "llama3.2", 100, 7.2, on_this_computer=False)
    assert energy_wh is None and "ne connaît pas le fournisseur « ollama »" in note


def test_the_reference_remote_model_is_known_to_ecologits():
    assert energy.ecologits_impacts(*energy.REFERENCE_REMOTE, 100) is not None


def test_a_local_call_is_shown_next_to_a_large_remote_model_writing_the_same_tokens(fresh_usage):
    r = _record(provider="local", model="gemma-3-270m", backend="local", tokens_in=40, tokens_out=100, duration_s=2.0)
    assert r.on_this_computer
    assert r.energy_wh == pytest.approx((15 * 2 / 3600, 65 * 2 / 3600))
    ref_energy, ref_co2e = energy.ecologits_impacts(*energy.REFERENCE_REMOTE, 100)
    assert r.reference_energy_wh == pytest.approx((ref_energy.low, ref_energy.high))
    assert r.reference_co2e_g == pytest.approx((ref_co2e.low, ref_co2e.high))
    # the big model writing the same 100 tokens: several times the laptop's high bound
    assert r.reference_energy_wh[0] > r.energy_wh[1]

    line = r.resume()
    assert "énergie ≈ 0,008 à 0,036 Wh sur cet ordinateur (2 s × 15 à 65 W)" in line
    assert "contre ≈ " in line and "Wh pour un grand modèle distant" in line
    details = r.details()
    assert "hypothèse du cours" in details
    assert f"la même réponse (100 tokens écrits) par un grand modèle distant, {energy.REFERENCE_REMOTE[1]}" in details
    assert f"EcoLogits {energy.ecologits_version()}" in details


def test_a_probability_reading_writes_nothing_and_gets_no_comparison(fresh_usage):
    r = _record(provider="local", model="gemma-3-270m", backend="local", tokens_in=40, tokens_out=0, duration_s=0.9)
    assert r.energy_wh == pytest.approx((15 * 0.9 / 3600, 65 * 0.9 / 3600))
    assert r.reference_energy_wh is None and r.reference_note == ""
    assert "contre" not in r.resume()


# -- session meter -----------------------------------------------------------------------------
def test_meter_totals_and_summary(fresh_usage):
    fresh_usage.set_price("openai", "gpt-4o-mini", 2.0, 8.0, currency="EUR")
    meter = UsageMeter()
    priced = _record(tokens_in=1000, tokens_out=500, duration_s=1.5)         # 0,006 €
    local = _record(provider="local", model="gemma-3-270m", backend="local",
                    tokens_in=20, tokens_out=30, duration_s=0.5)             # 0 €
    unpriced = _record(provider="openai", model="modele-sans-prix", tokens_in=10, tokens_out=5, duration_s=1.0)
    for r in (priced, local, unpriced):
        meter.add(r)

    t = meter.totals()
    assert t["appels"] == 3
    assert t["tokens_envoyes"] == 1030 and t["tokens_recus"] == 535
    assert t["duree_s"] == pytest.approx(3.0)
    assert t["cout"] == pytest.approx(0.006)
    assert t["appels_sans_cout"] == 1
    assert t["appels_sans_energie"] == 1  # EcoLogits does not know « modele-sans-prix »
    assert t["energie_wh_min"] == pytest.approx(priced.energy_wh[0] + 15 * 0.5 / 3600)
    assert t["energie_wh_max"] == pytest.approx(priced.energy_wh[1] + 65 * 0.5 / 3600)
    assert (t["appels_locaux"], t["duree_locale_s"], t["tokens_recus_compares"]) == (1, 0.5, 30)
    assert (t["reference_wh_min"], t["reference_wh_max"]) == pytest.approx(local.reference_energy_wh)

    text = meter.resume()
    first, on_this_computer, sources = text.splitlines()
    assert first.startswith(f"Session : 3 appels, 1{NNBSP}030 tokens envoyés, 535 reçus, 3 s")
    assert "coût ≈ 0,006 €" in first
    assert "1 appel sans coût estimé" in first
    assert "1 appel sans estimation d'énergie" in first
    assert on_this_computer.startswith("Sur cet ordinateur, 0,5 s de calcul × 15 à 65 W ≈ 0,002 à 0,009 Wh ; "
                                       f"un grand modèle distant ({energy.REFERENCE_REMOTE[1]}) aurait consommé ≈ ")
    assert on_this_computer.endswith("pour écrire les mêmes 30 tokens, d'après "
                                     f"EcoLogits {energy.ecologits_version()}.")
    assert sources.startswith("15 à 65 W : hypothèse du cours pour un ordinateur portable")
    assert "ne compte que les tokens écrits" in sources
    assert meter.resume(sources=False).splitlines() == [first, on_this_computer]
    meter.reset()
    assert meter.totals()["appels"] == 0
    assert meter.resume() == "Session : 0 appel, 0 token envoyé, 0 reçu, 0 s, coût ≈ 0 €"


def test_a_remote_only_session_says_nothing_of_this_computer(fresh_usage):
    meter = UsageMeter()
    meter.add(_record(tokens_in=100, tokens_out=50))
    assert len(meter.resume().splitlines()) == 1 and "ordinateur" not in meter.resume()


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
