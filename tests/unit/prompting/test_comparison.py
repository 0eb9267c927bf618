"""Side-by-side comparisons (`ia_marketing.prompting.comparison`) with the real embedded model
(small `max_tokens`) and a provider that cannot be reached. No test depends on what the model
writes, only on the shape of what comes back.
"""

from __future__ import annotations

import pytest
from sample_prompts import POST_PROMPT, SLOGAN_PROMPT

from ia_marketing.core import number
from ia_marketing.llm import ServerUnreachableError
from ia_marketing.prompting.checklist import evaluate_prompt
from ia_marketing.prompting.comparison import Comparison, compare
from ia_marketing.prompting.history import History


@pytest.fixture
def llm(local_llm):
    return local_llm


def test_compare_two_prompts_at_two_temperatures(llm, fresh_usage):
    history = History()
    comparison = compare(llm, POST_PROMPT, prompt_b=SLOGAN_PROMPT, temperature_a=0.2,
                         temperature_b=1.2, max_tokens=12, history=history)
    assert isinstance(comparison, Comparison)
    a, b = comparison.attempts
    assert (a.label, b.label) == ("A", "B")
    for attempt, prompt, temperature in ((a, POST_PROMPT, 0.2), (b, SLOGAN_PROMPT, 1.2)):
        assert attempt.ok, attempt.error
        assert attempt.output.strip()
        assert attempt.prompt == prompt and attempt.temperature == temperature
        assert 1 <= attempt.tokens_out <= 12 and attempt.tokens_in >= 5
        assert attempt.cost == 0
        assert attempt.usage.duration_s > 0
        assert attempt.score == evaluate_prompt(prompt).score
    assert a.backend == b.backend  # same backend when llm_b is not given
    assert a.score > b.score  # the structured post prompt beats the bare slogan start
    assert a.tokens_in > b.tokens_in
    assert fresh_usage.SESSION.records == [a.usage, b.usage]
    assert history.list() == [a, b]

    table = comparison.to_dataframe()
    assert list(table.columns) == ["A", "B"]
    assert list(table.index) == ["Moteur", "Prompt", "Température", "Tokens max", "Score du prompt (/100)",
                                 "Réponse", "Durée (s)", "Tokens envoyés", "Tokens reçus", "Coût estimé",
                                 "Énergie estimée", "Erreur"]
    assert table.loc["Température", "A"] == "0,2" and table.loc["Température", "B"] == "1,2"
    assert table.loc["Réponse", "B"] == b.output
    assert table.loc["Tokens reçus", "A"] == str(a.tokens_out)
    assert table.loc["Coût estimé", "A"] == "0 €"
    low, high = (w * a.usage.duration_s / 3600 for w in (15, 65))  # measured time × the stated 15 to 65 W
    assert table.loc["Énergie estimée", "A"] == (f"{number(low, 3)} à {number(high, 3)} Wh sur cet ordinateur "
                                                 "(durée × puissance supposée)")
    assert table.loc["Erreur", "A"] == table.loc["Erreur", "B"] == "—"


def test_compare_is_reproducible_and_defaults_to_the_same_input(llm):
    first = compare(llm, SLOGAN_PROMPT, temperature_a=0.0, max_tokens=12)
    assert first.b.prompt == first.a.prompt and first.b.temperature == 0.0
    assert first.a.seed == first.b.seed is not None
    assert first.identical  # same prompt, same settings, same seed: same text
    again = compare(llm, SLOGAN_PROMPT, prompt_b=POST_PROMPT, temperature_a=0.9, temperature_b=0.9,
                    max_tokens=12)
    twice = compare(llm, SLOGAN_PROMPT, prompt_b=POST_PROMPT, temperature_a=0.9, temperature_b=0.9,
                    max_tokens=12)
    assert (again.a.output, again.b.output) == (twice.a.output, twice.b.output)


@pytest.mark.parametrize("broken_side", ["A", "B"])
def test_a_fault_on_one_side_does_not_stop_the_other(llm, unreachable_llm, closed_port, fresh_usage, broken_side):
    if broken_side == "A":
        comparison = compare(unreachable_llm, SLOGAN_PROMPT, llm, max_tokens=12)
        broken, working = comparison.a, comparison.b
    else:
        comparison = compare(llm, SLOGAN_PROMPT, unreachable_llm, max_tokens=12)
        working, broken = comparison.a, comparison.b
    assert working.ok and working.output.strip() and working.usage is not None
    assert not broken.ok and broken.usage is None and broken.output == ""
    assert broken.error.startswith(f"{ServerUnreachableError.titre} : ")
    assert str(closed_port) in broken.error
    assert not comparison.identical
    assert fresh_usage.SESSION.records == [working.usage]
    table = comparison.to_dataframe()
    assert table.loc["Erreur", broken_side] == broken.error
    assert table.loc["Tokens reçus", broken_side] == "—"
    assert table.loc["Coût estimé", broken_side] == "—"
    assert table.loc["Moteur", broken_side].startswith("fournisseur configuré · x")
