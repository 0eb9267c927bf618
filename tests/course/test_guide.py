"""The trainer's guide (guide/*.md) agrees with the lessons, the assignments and the CLI.

- every « <heading> » (module NN) names a real heading of modules/NN_*.ipynb;
- parcours.md has its three routes, and each timed route adds up to the duration it announces;
- every `ia-marketing …` command of the guide parses with the real CLI parser.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shlex

import pytest
from course_tools import ASSIGNMENTS, ROOT

from ia_marketing.instructor.cli import build_parser

GUIDE = ROOT / "guide"
PARCOURS = GUIDE / "parcours.md"
ROUTES = {
    "day": "Journée en entreprise (6 h)",
    "semester": "Semestre de Master (6 à 8 séances de 3 h)",
    "half_day": "Demi-journée découverte (3 h 30)",
}
#: What stands for a real value in a command of the guide (replaced before parsing).
PLACEHOLDERS = {"DEVOIR": "02_prompting"}


def guide_files():
    files = sorted(GUIDE.glob("*.md"))
    assert files, f"Aucun fichier Markdown dans {GUIDE}"
    return files


# -- headings of the lessons -----------------------------------------------------------------
def lesson_headings(number: str) -> set[str] | None:
    """The headings (text without the leading #'s) of modules/<number>_*.ipynb, or None when there
    is no such lesson. Lines inside fenced code blocks of a markdown cell are not headings."""
    paths = sorted((ROOT / "modules").glob(f"{number}_*.ipynb"))
    if not paths:
        return None
    assert len(paths) == 1, f"Plusieurs leçons pour le module {number} : {paths}"
    notebook = json.loads(paths[0].read_text(encoding="utf-8"))
    headings = set()
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        fenced = False
        for line in source.splitlines():
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
                continue
            match = re.match(r"^#{1,6}\s+(.*)$", line)
            if match and not fenced:
                headings.add(match.group(1).strip())
    return headings


_REFERENCE_END = re.compile(r"»\s*\(module\s+(\d{2})\)")


def section_references(text: str) -> list[tuple[str, str]]:
    """Every « … » (module NN) of *text*, as (NN, heading text). A heading may itself hold
    « … » (« Mesurer le mode « imiter nos publications » »): the opening mark is found by
    walking back from the closing one, counting nested marks."""
    found = []
    for match in _REFERENCE_END.finditer(text):
        depth, i = 1, match.start() - 1
        while i >= 0:
            if text[i] == "»":
                depth += 1
            elif text[i] == "«":
                depth -= 1
                if depth == 0:
                    break
            i -= 1
        assert i >= 0, f"« » mal formé avant : {text[max(0, match.start() - 80):match.end()]!r}"
        found.append((match.group(1), text[i + 1:match.start()].strip()))
    return found


def test_every_section_named_in_the_guide_is_a_heading_of_its_lesson():
    missing, total = [], 0
    for path in guide_files():
        for number, title in section_references(path.read_text(encoding="utf-8")):
            total += 1
            headings = lesson_headings(number)
            if headings is None:
                missing.append(f"{path.name} : « {title} » (module {number}) — il n'y a pas de leçon modules/{number}_*.ipynb")
            elif title not in headings:
                missing.append(f"{path.name} : « {title} » (module {number})")
    assert total > 0, "Le guide ne nomme aucune section de leçon (« titre » (module NN))."
    assert not missing, ("Ces sections nommées par le guide ne sont pas des titres des leçons "
                         "(titre exact, sans les #) :\n  " + "\n  ".join(missing))


def test_section_references_handle_nested_quotes():
    text = "Voir « Mesurer le mode « imiter nos publications » » (module 02) et « 1. RFM » (module 04)."
    assert section_references(text) == [("02", "Mesurer le mode « imiter nos publications »"), ("04", "1. RFM")]


# -- the routes and their timings ------------------------------------------------------------
def route_text(title: str) -> str:
    """The text of parcours.md under the level-2 heading *title*, up to the next one."""
    text = PARCOURS.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}[ \t]*$(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"parcours.md n'a pas de section « ## {title} »"
    return match.group(1)


def announced_minutes(title: str) -> int:
    """« Journée en entreprise (6 h) » -> 360; « … (3 h 30) » -> 210."""
    match = re.search(r"\((\d+) h(?: (\d{2}))?\)$", title)
    assert match, f"Le titre « {title} » n'annonce pas de durée « (N h) » ou « (N h MM) »"
    return int(match.group(1)) * 60 + int(match.group(2) or 0)


_SLOT = re.compile(r"^\|\s*(\d{1,2}) h (\d{2})\s*[–-]\s*(\d{1,2}) h (\d{2})\s*\|([^|]*)\|", re.M)


def timed_slots(text: str) -> list[tuple[int, int, bool]]:
    """The rows « | 9 h 00 – 9 h 15 | contenu | … » of a timetable, as (start, end, is_break) in
    minutes since midnight; a break's content starts with « Pause » or « Déjeuner »."""
    slots = []
    for match in _SLOT.finditer(text):
        h1, m1, h2, m2 = (int(g) for g in match.groups()[:4])
        content = match.group(5).strip().strip("*").strip()
        slots.append((h1 * 60 + m1, h2 * 60 + m2, content.startswith(("Pause", "Déjeuner"))))
    return slots


def hm(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d}"


def test_parcours_has_the_three_routes():
    text = PARCOURS.read_text(encoding="utf-8")
    for title in ROUTES.values():
        assert re.search(rf"^## {re.escape(title)}[ \t]*$", text, re.M), f"parcours.md n'a pas le parcours « {title} »"


@pytest.mark.parametrize("route", ["day", "half_day"])
def test_timed_route_adds_up_to_its_announced_duration(route):
    title = ROUTES[route]
    slots = timed_slots(route_text(title))
    assert len(slots) >= 3, f"« {title} » : pas de minutage « | 9 h 00 – 9 h 15 | … | » trouvé"
    for (start, end, _), (next_start, _, _) in zip(slots, slots[1:]):
        assert start < end, f"« {title} » : le créneau {hm(start)} – {hm(end)} finit avant de commencer"
        assert end == next_start, f"« {title} » : trou ou chevauchement entre {hm(end)} et {hm(next_start)}"
    teaching = sum(end - start for start, end, is_break in slots if not is_break)
    assert teaching == announced_minutes(title), (
        f"« {title} » : les créneaux de formation (hors pauses et déjeuner) font {hm(teaching)}, "
        f"le titre annonce {hm(announced_minutes(title))}")
    assert any(is_break for *_, is_break in slots), f"« {title} » : aucune pause"
    if route == "day":
        assert (slots[0][0], slots[-1][1]) == (9 * 60, 17 * 60), (
            f"« {title} » : la journée doit aller de 9 h 00 à 17 h 00, elle va de {hm(slots[0][0])} à {hm(slots[-1][1])}")


def test_semester_sessions_last_what_the_route_announces():
    title = ROUTES["semester"]
    text = route_text(title)
    low, high, hours = (int(n) for n in re.search(r"\((\d+) à (\d+) séances de (\d+) h\)", title).groups())
    sessions = re.findall(r"^### (Séance \d+[^\n]*)\n(.*?)(?=^### |\Z)", text, re.M | re.S)
    assert low <= len(sessions) <= high, f"« {title} » : {len(sessions)} séances, il en faut de {low} à {high}"
    for name, body in sessions:
        minutes = [int(m) for m in re.findall(r"^\|\s*(\d+) min\s*\|", body, re.M)]
        assert minutes, f"{name} : pas de minutage « | 15 min | … | »"
        assert sum(minutes) == hours * 60, f"{name} : {sum(minutes)} minutes au total, la séance dure {hours * 60} minutes"


def test_semester_names_every_assignment_and_every_manually_graded_cell():
    text = route_text(ROUTES["semester"])
    missing = [f"exercises/{name}" for name in ASSIGNMENTS if f"exercises/{name}" not in text]
    for name in ASSIGNMENTS:
        notebook = json.loads((ROOT / "solutions" / name / f"{name}.ipynb").read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell["cell_type"] == "markdown" and meta.get("grade") and f"`{meta['grade_id']}`" not in text:
                missing.append(f"{name} : cellule corrigée à la main `{meta['grade_id']}`")
    assert not missing, "Le parcours du semestre ne mentionne pas :\n  " + "\n  ".join(missing)


# -- the commands ----------------------------------------------------------------------------
_COMMAND = re.compile(r"^(?:\$\s+)?(?:[\w./~-]*/)?ia-marketing(?:\s|$)")


def guide_commands() -> list[tuple[str, str]]:
    """Every `ia-marketing …` command of the guide, as (file name, command): inline code spans
    that start with the command, and the lines of fenced code blocks that do."""
    commands = []
    for path in guide_files():
        prose, fenced = [], False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith("```"):
                fenced = not fenced
                continue
            if fenced:
                if _COMMAND.match(line.strip()):
                    commands.append((path.name, line.strip().removeprefix("$").strip()))
            else:
                prose.append(line)
        for span in re.findall(r"`([^`\n]+)`", "\n".join(prose)):
            if _COMMAND.match(span.strip()):
                commands.append((path.name, span.strip()))
    return commands


def expand(command: str) -> list[list[str]]:
    """The arguments of *command* (after `ia-marketing`), placeholders replaced; a word written
    « a|b|c » stands for each of its alternatives."""
    words = shlex.split(command, comments=True)[1:]
    for placeholder, value in PLACEHOLDERS.items():
        words = [w.replace(placeholder, value) for w in words]
    variants = [[]]
    for word in words:
        choices = word.split("|") if "|" in word else [word]
        variants = [v + [c] for v in variants for c in choices]
    return variants


def is_command_prefix(words: list[str]) -> bool:
    """True when *words* name (sub)commands of the CLI, one inside the other: `ia-marketing classe …`
    names the family of the class commands."""
    parser = build_parser()
    for word in words:
        subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subcommands or word not in subcommands[0].choices:
            return False
        parser = subcommands[0].choices[word]
    return True


def test_every_command_of_the_guide_parses_with_the_real_cli():
    commands = guide_commands()
    assert commands, "Le guide ne cite aucune commande ia-marketing."
    failures = []
    for file, command in commands:
        if "…" in command:  # a family of commands, « ia-marketing classe … »: its words must exist
            words = shlex.split(command.split("…")[0], comments=True)[1:]
            if not is_command_prefix(words):
                failures.append(f"{file} : `{command}` — « {' '.join(words)} » n'est pas une commande de ia-marketing")
            continue
        for args in expand(command):
            for word in args:
                if re.fullmatch(r"\d{2}_[a-z_]+", word) and word not in ASSIGNMENTS:
                    failures.append(f"{file} : `{command}` — devoir inconnu « {word} » (devoirs : {', '.join(ASSIGNMENTS)})")
            errors = io.StringIO()
            try:
                with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
                    build_parser().parse_args(args)
            except SystemExit as exit_:
                if exit_.code not in (0, None):
                    message = errors.getvalue().strip().splitlines()
                    failures.append(f"{file} : `{command}` — {message[-1] if message else exit_.code}")
    assert not failures, "Ces commandes du guide ne passent pas l'analyseur de ia-marketing :\n  " + "\n  ".join(failures)


def test_the_guide_covers_the_class_commands_and_the_diagnostics():
    cited = {" ".join(args[:2]) if args[:1] == ["classe"] else args[0]
             for _, command in guide_commands() for args in expand(command) if args}
    expected = {"doctor", "datasets", "classe release", "classe collect", "classe grade", "classe feedback",
                "classe export", "classe report"}
    assert expected <= cited, f"Le guide ne cite pas : {', '.join(sorted(expected - cited))}"
