"""Formative questions of lesson 05 « Charte d'usage de l'IA » (`ia_marketing.lecons.m05`), tested
both ways as Kaggle learntools tests its checkers: the answer the lesson implies passes, known
wrong answers fail with the message meant for them.

Every expected answer below comes from `modules/05_charte_ia.ipynb` and the course data it reads,
recomputed here from the CSV files with the standard library (ages, age bands, départements,
k-anonymity groups, selection rates), without `ia_marketing.ethics`, not from the checker. The
figures the lesson's prose quotes are recomputed the same way.
"""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path

import nbformat
import numpy as np
import pytest
from lesson_questions import fails, not_attempted, passes, question_names

from ia_marketing.checks import CORRECT
from ia_marketing.lecons import m05

REPO = Path(__file__).resolve().parents[3]
NOTEBOOK = REPO / "modules" / "05_charte_ia.ipynb"
EXTRACTION = date(2026, 7, 1)      # the course data's extraction day
CAMPAIGN_DAY = date(2025, 6, 16)   # the AP2025 invitation (datasets/README.md)
CHOICE_QUESTIONS = (1, 2, 4, 5, 7)

# The multiple-choice questions q1, q2, q4, q5 and q7: test_choices.py (the m05 entries).


@pytest.fixture(scope="module")
def lesson_sources() -> list[str]:
    return [cell.source for cell in nbformat.read(NOTEBOOK, as_version=4).cells]


@pytest.fixture(scope="module")
def lesson_text(lesson_sources) -> str:
    return "\n".join(lesson_sources)


def rows(name: str) -> list[dict[str, str]]:
    with (REPO / "datasets" / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def age(born: str, at: date) -> int:
    b = date.fromisoformat(born)
    return at.year - b.year - ((at.month, at.day) < (b.month, b.day))


def ten_year_band(years: int) -> str:
    """The lesson's `generalise(…, "tranche_age")` bands: under 20, 20-29 … 70-79, 80 and over."""
    if years < 20:
        return "moins de 20 ans"
    if years >= 80:
        return "80 ans et plus"
    low = years // 10 * 10
    return f"{low}-{low + 9} ans"


def departement(postcode: str) -> str:
    if postcode.startswith("97"):
        return postcode[:3]
    if postcode.startswith("20"):
        return "2A" if postcode[:3] < "202" else "2B"
    return postcode[:2]


def rows_at_risk(combinations: list[tuple], k: int) -> int:
    """Rows whose combination of quasi-identifiers is shared by fewer than *k* rows."""
    return sum(n for n in Counter(combinations).values() if n < k)


def generalised(people) -> list[tuple]:
    return [(departement(p["code_postal"]), ten_year_band(age(p["date_naissance"], EXTRACTION)), p["civilite"])
            for p in people]


def test_the_lesson_asks_the_eight_questions_in_order(lesson_text):
    assert "from ia_marketing.lecons.m05 import q1, q2, q3, q4, q5, q6, q7, q8" in lesson_text
    positions = [lesson_text.index(f"### À vous — question {n}") for n in range(1, 9)]
    assert positions == sorted(positions)
    for n in range(1, 9):
        assert f"reponse_q{n} = ...\nq{n}.check(reponse_q{n})" in lesson_text
    assert question_names("m05") == {f"q{n}" for n in range(1, 9)}


def test_the_lesson_is_a_lesson(lesson_sources, lesson_text):
    first_code = next(c.source for c in nbformat.read(NOTEBOOK, as_version=4).cells if c.cell_type == "code")
    assert "environnement_pret" in first_code
    assert lesson_text.count("**Point de discussion**") >= 3
    assert "## À retenir" in lesson_text and "exercises/05_charte_ia/" in lesson_text
    assert "**Pour le formateur**" in lesson_text
    assert "../" not in lesson_text and "read_csv" not in lesson_text   # data through load(...) only
    assert "from ia_marketing.ethics.atelier import atelier_charte" in lesson_text


# -- q3: rows at risk with k = 10 after generalisation (number) --------------------------------------
# « Reprenez generalise_1 (tranches d'âge et départements) et les trois quasi-identifiants avec un
#   seuil plus exigeant, k = 10. Combien de lignes sont alors dans un groupe trop petit ? »
def q3_expected() -> int:
    return rows_at_risk(generalised(rows("spectateurs")), 10)


def test_q3_the_lesson_asks_it_on_generalise_1_with_k_10(lesson_sources):
    cell = next(s for s in lesson_sources if "reponse_q3 = ..." in s)
    assert "k_anonymity(generalise_1, quasi_identifiants, k=10)" in cell
    assert 'quasi_identifiants = ["code_postal", "date_naissance", "civilite"]' in "\n".join(lesson_sources)


def test_q3_reference_answer_passes():
    expected = q3_expected()
    assert expected == 342
    passes(m05.q3, expected)
    passes(m05.q3, float(expected))
    passes(m05.q3, np.int64(expected))


def test_q3_too_low_for_the_threshold_of_five_or_a_count_of_groups():
    people = rows("spectateurs")
    with_k_5 = rows_at_risk(generalised(people), 5)                               # 201, the lesson's k = 5
    small_groups = sum(1 for n in Counter(generalised(people)).values() if n < 10)  # 148 combinations
    for value in (with_k_5, small_groups, 341, 0):
        fails(m05.q3, value, "C'est trop peu", "k=10")


def test_q3_too_high_for_every_row_or_the_raw_file():
    people = rows("spectateurs")
    raw = [(p["code_postal"], p["date_naissance"], p["civilite"]) for p in people]
    for value in (len(people), rows_at_risk(raw, 10), 343):
        fails(m05.q3, value, "C'est trop", "generalise_1")


@pytest.mark.parametrize("value, kind", [("342", "str"), (True, "bool"), ([342], "list")])
def test_q3_not_a_number(value, kind):
    fails(m05.q3, value, "J'attends un nombre", kind)


def test_q3_placeholder_is_not_attempted():
    not_attempted(m05.q3, ...)


def test_q3_solution_states_the_value():
    assert m05.q3._solution.startswith("342")


# -- q6: the ratio of the 60-74 age band in the AP2025 targeting (number) ----------------------------
# « Dans audit.table, quel est le rapport de la tranche des 60-74 ans (son taux de sélection divisé
#   par le plus haut taux de sa tranche d'âge) ? » — ages at the campaign day, module 04's bands.
def campaign_rates(at: date = CAMPAIGN_DAY) -> dict[str, float]:
    born = {p["id_client"]: p["date_naissance"] for p in rows("spectateurs")}
    bands = [(75, "75 ans et plus"), (60, "60-74 ans"), (45, "45-59 ans"), (30, "30-44 ans"), (0, "moins de 30 ans")]
    chosen, seen = Counter(), Counter()
    for r in rows("ciblage_campagne"):
        years = age(born[r["id_client"]], at)
        band = next(label for low, label in bands if years >= low)
        seen[band] += 1
        chosen[band] += r["cible"] == "true"
    assert min(seen.values()) >= 30   # every band is large enough to count
    return {band: chosen[band] / seen[band] for band in seen}


def q6_expected() -> float:
    rates = campaign_rates()
    return rates["60-74 ans"] / max(rates.values())


def test_q6_the_lesson_computes_ages_at_the_campaign_day(lesson_sources):
    text = "\n".join(lesson_sources)
    assert 'audit_groups(spectateurs.set_index("id_client"), at="2025-06-16")' in text
    assert 'selection_audit(campagne, "cible", ["genre", "tranche_age", "territoire"], outcome="revenu")' in text


def test_q6_reference_answer_passes():
    expected = q6_expected()
    assert round(expected, 3) == 0.561
    for value in (expected, round(expected, 2), round(expected, 3), np.float64(expected)):
        passes(m05.q6, value)


def test_q6_too_low_for_the_rate_itself_or_ages_at_the_extraction_day():
    rates_2026 = campaign_rates(EXTRACTION)
    for value in (campaign_rates()["60-74 ans"],                            # the rate, 0.34
                  rates_2026["60-74 ans"] / max(rates_2026.values()),       # ages in 2026, 0.54
                  0.55, 0.0):
        fails(m05.q6, value, "C'est trop bas", "rapport", "2025-06-16")


def test_q6_too_high_for_a_ratio_to_the_mean_or_the_threshold():
    rows_ = rows("ciblage_campagne")
    mean = sum(r["cible"] == "true" for r in rows_) / len(rows_)
    for value in (campaign_rates()["60-74 ans"] / mean, 0.8, 0.57, 1.0):
        fails(m05.q6, value, "C'est trop haut")


def test_q6_not_a_number_and_placeholder():
    fails(m05.q6, "0,56", "J'attends un nombre")
    not_attempted(m05.q6, ...)


def test_q6_solution_states_the_value():
    assert m05.q6._solution.startswith("0,56")


# -- q8: 40 W during 90 s, in Wh (number) ------------------------------------------------------------
def test_q8_reference_answer_passes():
    expected = 40 * 90 / 3600
    assert expected == 1.0
    for value in (expected, 1, np.float64(1.0), 1.0004):
        passes(m05.q8, value)


def test_q8_wrong_units():
    fails(m05.q8, 40 * 90, "C'est trop", "3 600")          # watt-seconds (joules)
    fails(m05.q8, 40 * 90 / 60, "C'est trop", "3 600")     # watt-minutes
    fails(m05.q8, 40 / 90, "C'est trop peu")               # a division instead of a product
    fails(m05.q8, 90 / 3600, "C'est trop peu")             # the power forgotten
    not_attempted(m05.q8, ...)


def test_q8_solution_states_the_value():
    assert m05.q8._solution.startswith("1,0 Wh")


# -- the figures the lesson's prose quotes, recomputed from the CSV files ----------------------------
def test_prose_k_anonymity_figures(lesson_text):
    people = rows("spectateurs")
    raw = [(p["code_postal"], p["date_naissance"], p["civilite"]) for p in people]
    assert rows_at_risk(raw, 5) == 2992 and "2 992 lignes sur 3 000 (99,7 %)" in lesson_text
    assert rows_at_risk(generalised(people), 5) == 201 and "201 lignes (6,7 %)" in lesson_text
    no_civilite = [c[:2] for c in generalised(people)]
    assert rows_at_risk(no_civilite, 5) == 153 and "153 lignes à risque (5,1 %)" in lesson_text
    assert len({p["code_postal"] for p in people}) == 64 and len(set(raw)) == 2966


def test_prose_retention_and_newsletter_figures(lesson_text):
    last: dict[str, str] = {}
    for t in rows("billets"):
        last[t["id_client"]] = max(last.get(t["id_client"], ""), t["date_achat"])
    lapsed = {c for c, d in last.items() if d < "2023-07-01"}   # three years before the extraction
    optin = {p["id_client"] for p in rows("spectateurs") if p["optin_newsletter"] == "true"}
    assert len(lapsed) == 642 and len(lapsed & optin) == 320
    assert "642 spectateurs" in lesson_text and "320 d'entre eux" in lesson_text
    assert len(optin) == 1776 and "1 776 spectateurs ont accepté la newsletter" in lesson_text


def test_prose_targeting_figures(lesson_text):
    rates = campaign_rates()
    assert {b: round(100 * r) for b, r in rates.items()} == {
        "moins de 30 ans": 61, "30-44 ans": 52, "45-59 ans": 42, "60-74 ans": 34, "75 ans et plus": 40}
    top = max(rates.values())
    assert [f"{rates[b] / top:.2f}" for b in ("60-74 ans", "75 ans et plus", "45-59 ans")] == ["0.56", "0.66", "0.69"]
    assert "61 % des moins de 30 ans ont été invités" in lesson_text
    assert "les 60-74 ans ont un rapport de 0,56" in lesson_text
    postcode = {p["id_client"]: p["code_postal"] for p in rows("spectateurs")}
    far = [r for r in rows("ciblage_campagne") if not postcode[r["id_client"]].startswith("06")]
    assert len(far) == 307 and not any(r["cible"] == "true" for r in far)
    assert "aucun des 307 spectateurs" in lesson_text


# -- the choice questions: the right option is neither always in the same place nor always the longest -
def lesson_options(lesson_sources, n: int) -> dict[str, str]:
    cell = next(s for s in lesson_sources if f"### À vous — question {n}" in s)
    part = cell.split(f"### À vous — question {n}", 1)[1]
    return {line[2]: line[5:] for line in part.splitlines() if line[:2] == "- " and line[3:5] == ") "}


def test_choice_answers_vary_in_position_and_length(lesson_sources):
    positions, longest = set(), []
    for n in CHOICE_QUESTIONS:
        options = lesson_options(lesson_sources, n)
        assert sorted(options) == ["a", "b", "c"]
        q = getattr(m05, f"q{n}")
        right = [letter for letter in options if q.evaluate(letter).status == CORRECT]
        assert len(right) == 1, (n, right)
        positions.add(right[0])
        lengths = {letter: len(text) for letter, text in options.items()}
        longest.append(lengths[right[0]] == max(lengths.values()))
    assert positions == {"a", "b", "c"}
    assert not all(longest)
