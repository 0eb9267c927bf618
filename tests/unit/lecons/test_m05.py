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


def code_lines(cell: str) -> list[str]:
    """The lines of a code cell that are neither blank nor comments."""
    return [line for line in cell.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def generalised(people) -> list[tuple]:
    return [(departement(p["code_postal"]), ten_year_band(age(p["date_naissance"], EXTRACTION)), p["civilite"])
            for p in people]


def territory(person: dict[str, str]) -> str:
    """The lesson's three territories (`audit_groups`): the town, the rest of its département, elsewhere."""
    if person["ville"] == "Port-Rivage":
        return "Port-Rivage"
    return "reste des Alpes-Maritimes" if person["code_postal"].startswith("06") else "hors Alpes-Maritimes"


def last_step(people) -> list[tuple]:
    """`generalise_3` on (lieu, age, civilite): three territories, ten-year bands with the under-20s
    and the 20-29s merged into « moins de 30 ans »."""
    def band(p):
        b = ten_year_band(age(p["date_naissance"], EXTRACTION))
        return "moins de 30 ans" if b in ("moins de 20 ans", "20-29 ans") else b
    return [(territory(p), band(p), p["civilite"]) for p in people]


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
    assert "**Pour la formatrice ou le formateur**" in lesson_text
    assert "../" not in lesson_text and "read_csv" not in lesson_text   # data through load(...) only
    assert "from ia_marketing.ethics.atelier import atelier_charte" in lesson_text


# -- q3: rows at risk with k = 10 at the last generalisation step (number) --------------------------
# « Le prestataire … exige un seuil plus sévère : k = 10. Vérifiez la dernière étape, generalise_3,
#   sur ses trois quasi-identifiants (lieu, age et civilite) … Combien de lignes sont alors dans un
#   groupe trop petit ? » — the answer is not printed by the lesson: the learner computes it.
def q3_expected() -> int:
    return rows_at_risk(last_step(rows("spectateurs")), 10)


def test_q3_the_lesson_asks_it_on_generalise_3_with_k_10(lesson_sources):
    text = "\n".join(lesson_sources)
    question = next(s for s in lesson_sources if "### À vous — question 3" in s)
    assert "`generalise_3`" in question and "**k = 10**" in question
    assert all(f"`{column}`" in question for column in ("lieu", "age", "civilite"))
    # generalise_3 is built as last_step() builds it
    assert 'generalise_3["lieu"] = audit_groups(spectateurs)["territoire"].astype(str)' in text
    assert ('generalise_3["age"] = generalise_3["date_naissance"].replace({"moins de 20 ans": "moins de 30 ans",\n'
            in text and '"20-29 ans": "moins de 30 ans"})' in text)
    assert 'etape_3 = k_anonymity(generalise_3, ["lieu", "age", "civilite"])' in text
    # the answer cell computes nothing for the learner, and no cell before it computes the answer
    cell = next(s for s in lesson_sources if "reponse_q3 = ..." in s)
    assert code_lines(cell) == ["reponse_q3 = ...", "q3.check(reponse_q3)"]
    assert "k=10" not in text[:text.index("reponse_q3 = ...")].replace("k=10), puis lisez", "")


def test_q3_reference_answer_passes():
    expected = q3_expected()
    assert expected == 13
    passes(m05.q3, expected)
    passes(m05.q3, float(expected))
    passes(m05.q3, np.int64(expected))


def test_q3_solution_figures():
    groups = Counter(last_step(rows("spectateurs")))
    small = {g: n for g, n in groups.items() if n < 10}
    assert len(groups) == 42 and len(small) == 2 and sum(small.values()) == 13
    assert {(g[0], g[1]) for g in small} == {("hors Alpes-Maritimes", "80 ans et plus")}
    assert "2 combinaisons sur 42" in m05.q3._solution and "80 ans et plus" in m05.q3._solution
    assert "hors des Alpes-Maritimes" in m05.q3._solution and "(0,4 %)" in m05.q3._solution
    assert f"{100 * 13 / 3000:.1f}" == "0.4"


def test_q3_too_low_for_the_threshold_of_five_or_a_count_of_groups():
    combos = last_step(rows("spectateurs"))
    with_k_5 = rows_at_risk(combos, 5)                                        # 0: the lesson's k = 5
    small_groups = sum(1 for n in Counter(combos).values() if n < 10)         # 2 combinations
    smallest = min(Counter(combos).values())                                  # 5, the k of etape_3
    assert (with_k_5, small_groups, smallest) == (0, 2, 5)
    for value in (with_k_5, small_groups, smallest, 12):
        fails(m05.q3, value, "C'est trop peu", "k=10")


def test_q3_too_high_for_an_earlier_step_or_every_row():
    people = rows("spectateurs")
    raw = [(p["code_postal"], p["date_naissance"], p["civilite"]) for p in people]
    first_step = rows_at_risk(generalised(people), 10)                        # 342: generalise_1
    assert first_step == 342
    for value in (first_step, len(people), rows_at_risk(raw, 10), 14):
        fails(m05.q3, value, "C'est trop", "generalise_3")


@pytest.mark.parametrize("value, kind", [("13", "str"), (True, "bool"), ([13], "list")])
def test_q3_not_a_number(value, kind):
    fails(m05.q3, value, "J'attends un nombre", kind)


def test_q3_placeholder_is_not_attempted():
    not_attempted(m05.q3, ...)


def test_q3_solution_states_the_value():
    assert m05.q3._solution.startswith("13")


# -- q6: the ratio of the 60-74 age band among Port-Rivage residents in the AP2025 targeting (number)
# « Refaites l'audit des tranches d'âge parmi les seuls habitants de Port-Rivage … Quel est le
#   rapport des 60-74 ans … ? » — ages at the campaign day, module 04's bands; the lesson prints the
#   ratios of the whole campaign (0,56) and of the Alpes-Maritimes (0,54), not this one.
def campaign_rates(at: date = CAMPAIGN_DAY, where=lambda person: True) -> dict[str, float]:
    people = {p["id_client"]: p for p in rows("spectateurs")}
    bands = [(75, "75 ans et plus"), (60, "60-74 ans"), (45, "45-59 ans"), (30, "30-44 ans"), (0, "moins de 30 ans")]
    chosen, seen = Counter(), Counter()
    for r in rows("ciblage_campagne"):
        person = people[r["id_client"]]
        if not where(person):
            continue
        years = age(person["date_naissance"], at)
        band = next(label for low, label in bands if years >= low)
        seen[band] += 1
        chosen[band] += r["cible"] == "true"
    assert min(seen.values()) >= 30   # every band is large enough to count
    return {band: chosen[band] / seen[band] for band in seen}


def ratio_60_74(rates: dict[str, float]) -> float:
    return rates["60-74 ans"] / max(rates.values())


def in_town(person) -> bool:
    return territory(person) == "Port-Rivage"


def q6_expected() -> float:
    return ratio_60_74(campaign_rates(where=in_town))


def test_q6_the_lesson_asks_it_among_port_rivage_residents(lesson_sources):
    text = "\n".join(lesson_sources)
    assert 'audit_groups(spectateurs.set_index("id_client"), at="2025-06-16")' in text
    assert 'selection_audit(campagne, "cible", ["genre", "tranche_age", "territoire"], outcome="revenu")' in text
    question = next(s for s in lesson_sources if "### À vous — question 6" in s)
    assert '`campagne["territoire"] == "Port-Rivage"`' in question and "**Port-Rivage**" in question
    cell = next(s for s in lesson_sources if "reponse_q6 = ..." in s)
    assert code_lines(cell) == ["reponse_q6 = ...", "q6.check(reponse_q6)"]
    assert '== "Port-Rivage"]' not in text   # no cell filters the campaign on the town for the learner


def test_q6_reference_answer_passes():
    expected = q6_expected()
    assert round(expected, 4) == 0.5495
    for value in (expected, round(expected, 2), round(expected, 3), np.float64(expected)):
        passes(m05.q6, value)


def test_q6_solution_figures():
    rates = campaign_rates(where=in_town)
    assert round(100 * rates["60-74 ans"]) == 42 and round(100 * max(rates.values())) == 77
    assert max(rates, key=rates.get) == "moins de 30 ans"
    assert m05.q6._solution.startswith("0,55") and "42 % des 60-74 ans" in m05.q6._solution
    assert "77 % des moins de 30 ans" in m05.q6._solution


def test_q6_too_low_for_the_alpes_maritimes_or_the_rate_itself():
    alpes = ratio_60_74(campaign_rates(where=lambda p: territory(p) != "hors Alpes-Maritimes"))   # 0.54, printed
    rest = ratio_60_74(campaign_rates(where=lambda p: territory(p) == "reste des Alpes-Maritimes"))
    rate = campaign_rates(where=in_town)["60-74 ans"]                                             # 0.42
    assert f"{alpes:.2f}" == "0.54"
    for value in (alpes, rest, rate, 0.54, 0.0):
        fails(m05.q6, value, "C'est trop bas", "Port-Rivage", "rapport")


def test_q6_too_high_for_the_whole_campaign_or_the_threshold():
    whole = ratio_60_74(campaign_rates())                                    # 0.561, printed by the lesson
    assert round(whole, 3) == 0.561
    for value in (whole, 0.56, 0.8, 1.0):
        fails(m05.q6, value, "C'est trop haut", "Port-Rivage")


def test_q6_not_a_number_and_placeholder():
    fails(m05.q6, "0,55", "J'attends un nombre")
    not_attempted(m05.q6, ...)


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


def test_prose_footprint_at_the_reference_speed(lesson_text):
    """« À 35 tokens par seconde …, les 1 776 lettres demandent un peu plus de deux heures …, de
    l'ordre de 30 à 140 Wh … et moins de 10 g de CO₂e » — with the lesson's 15 to 65 W and 20 to
    70 g CO₂e per kWh; the remote models' 390 to 760 Wh are EcoLogits' (tests/unit/ethics)."""
    seconds = 1776 * 150 / 35
    assert 2 < seconds / 3600 < 2.25
    low, high = seconds * 15 / 3600, seconds * 65 / 3600
    assert 30 <= low < 35 and 135 < high <= 140 and high * 70 / 1000 < 10
    assert "VITESSE_REFERENCE = 35" in lesson_text
    assert "de l'ordre de 30 à 140 Wh" in lesson_text and "un peu plus de deux heures" in lesson_text


def test_prose_reference_group_of_the_segmentation_audit(lesson_text):
    """« référence : les 75 ans et plus, 30 %, un groupe de 200 personnes » (ages at the extraction)."""
    old = sum(1 for p in rows("spectateurs") if age(p["date_naissance"], EXTRACTION) >= 75)
    assert old == 200 and "un groupe de 200 personnes" in lesson_text


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
