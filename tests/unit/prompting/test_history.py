"""The history of attempts (`ia_marketing.prompting.history`): `History`, `run_attempt` with
the real embedded model (small `max_tokens`) and a provider that cannot be reached, and the
usage summary. No test depends on what the model writes, only on the shape of what comes back.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest
from sample_prompts import POST_PROMPT, SLOGAN_PROMPT

from ia_marketing.llm.usage import UsageRecord
from ia_marketing.prompting.checklist import evaluate_prompt
from ia_marketing.prompting.history import DEFAULT_HISTORY_SIZE, Attempt, History, run_attempt, session_usage_summary
from ia_marketing.prompting.parts import PromptParts, build_prompt


def _attempt(n: int, **kw) -> Attempt:
    values = dict(prompt=f"Rédige le post n° {n}.", backend="local · gemma-3-270m", temperature=0.7,
                  max_tokens=12, output=f"Texte {n}", usage=None, score=50, error=None)
    values.update(kw)
    return Attempt(**values)


def test_history_is_bounded_and_keeps_the_most_recent():
    history = History(max_size=3)
    assert history.last() is None and len(history) == 0
    for n in range(1, 6):
        history.add(_attempt(n))
    assert len(history) == 3
    assert [a.output for a in history.list()] == ["Texte 3", "Texte 4", "Texte 5"]
    assert history.last().output == "Texte 5"
    assert [a.output for a in history] == ["Texte 3", "Texte 4", "Texte 5"]
    history.clear()
    assert history.list() == [] and history.last() is None


def test_history_default_size_and_bad_input():
    assert History().max_size == DEFAULT_HISTORY_SIZE == 50
    with pytest.raises(ValueError, match="au moins un essai"):
        History(max_size=0)
    with pytest.raises(TypeError, match="des essais"):
        History().add("un prompt")


def test_history_table_in_french():
    history = History()
    history.add(_attempt(1))
    history.add(_attempt(2, output="", error="Serveur injoignable : …"))
    table = history.to_dataframe()
    assert list(table.columns) == ["heure", "essai", "moteur", "température", "tokens max", "prompt",
                                   "réponse", "score du prompt", "tokens envoyés", "tokens reçus",
                                   "durée (s)", "coût", "devise", "erreur"]
    assert len(table) == 2
    assert table.loc[1, "erreur"].startswith("Serveur injoignable")
    assert isinstance(table.loc[0, "heure"], (datetime, pd.Timestamp))
    assert list(History().to_dataframe().columns) == list(table.columns)


# =============================================================================================
# Attempts with real backends
# =============================================================================================
@pytest.fixture
def llm(local_llm):
    return local_llm


def test_run_attempt_streams_and_meters(llm, fresh_usage):
    pieces: list[str] = []
    history = History()
    attempt = run_attempt(llm, POST_PROMPT, temperature=0.8, max_tokens=12, seed=7,
                          on_text=pieces.append, history=history)
    assert attempt.ok and attempt.error is None
    assert pieces and "".join(pieces) == attempt.output
    assert isinstance(attempt.usage, UsageRecord)
    assert 1 <= attempt.tokens_out <= 12 and attempt.tokens_in > 10
    assert attempt.cost == 0  # the local model has no bill
    assert fresh_usage.SESSION.records == [attempt.usage]
    assert attempt.score == evaluate_prompt(POST_PROMPT).score
    assert attempt.feedback.score == attempt.score
    assert (attempt.temperature, attempt.max_tokens, attempt.seed) == (0.8, 12, 7)
    assert attempt.prompt == POST_PROMPT and "gemma" in attempt.backend
    assert attempt.duration_s > 0
    assert history.last() is attempt


def test_run_attempt_with_structured_parts_and_chat(llm, fresh_usage):
    parts = PromptParts(role="Tu es community manager du Théâtre du Rivage.",
                        tache="Rédige un slogan court pour nos abonnés.")
    attempt = run_attempt(llm, parts, max_tokens=8, deterministic=True, chat=True)
    assert attempt.ok, attempt.error
    assert attempt.prompt == build_prompt(parts)
    assert attempt.temperature == 0.0  # deterministic: greedy
    assert attempt.usage.kind == "chat"


def test_run_attempt_never_raises_for_a_bad_setting_or_an_empty_prompt(llm, fresh_usage):
    empty = run_attempt(llm, PromptParts(), max_tokens=12)
    assert not empty.ok and empty.error.startswith("Le prompt est vide")
    assert empty.usage is None and empty.output == ""
    bad = run_attempt(llm, SLOGAN_PROMPT, max_tokens=0)
    assert bad.error == "max_tokens doit être au moins 1."
    assert fresh_usage.SESSION.records == []  # nothing was sent


def test_run_attempt_unreachable_provider(unreachable_llm, closed_port):
    pieces: list[str] = []
    attempt = run_attempt(unreachable_llm, SLOGAN_PROMPT, max_tokens=12, on_text=pieces.append)
    assert not attempt.ok and attempt.usage is None and attempt.output == "" and pieces == []
    assert attempt.error.startswith("Serveur injoignable : Impossible de joindre")
    assert str(closed_port) in attempt.error


# =============================================================================================
# Usage summary
# =============================================================================================
def test_session_usage_summary_reuses_the_session_meter(llm, fresh_usage):
    assert session_usage_summary() == fresh_usage.SESSION.resume()
    attempt = run_attempt(llm, SLOGAN_PROMPT, max_tokens=6, deterministic=True)
    text = session_usage_summary(attempt)
    first, *rest = text.splitlines()
    assert first == f"Dernier appel : {attempt.usage.resume()}"
    assert "coût : " in text and "énergie : " in text  # where each estimate comes from
    # the local call's line states the power range and its reasons once; the session totals follow
    assert text == f"Dernier appel : {attempt.usage.details()}\n{fresh_usage.SESSION.resume(sources=False)}"
    assert text.count("hypothèse du cours") == 1
    assert "15 à 65 W" in first and "sur cet ordinateur" in first
    assert any(line.startswith("Session : 1 appel,") for line in rest)
    assert session_usage_summary(attempt.usage) == text
    failed = _attempt(1, output="", error="Serveur injoignable : …")
    assert session_usage_summary(failed) == ("Dernier appel : rien de mesuré (l'appel n'a pas abouti).\n"
                                             + fresh_usage.SESSION.resume())
    assert "hypothèse du cours" in session_usage_summary(failed)  # said by the session, then


def test_run_attempt_reports_a_malformed_prompt_instead_of_raising(llm, fresh_usage):
    attempt = run_attempt(llm, PromptParts(tache="Classe l'avis.", exemples=["positif"]), max_tokens=12)
    assert attempt.error.startswith("L'exemple n° 1 doit être une paire")
    assert attempt.score is None and attempt.usage is None
    assert fresh_usage.SESSION.records == []
