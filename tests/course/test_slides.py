"""The slide decks built from the lessons (nbconvert, reveal.js): one per lesson, each with the
lesson's title and its numbered sections, no exercise and no code."""

from __future__ import annotations

import re
import subprocess
import sys

import nbformat
import pytest
from course_tools import ROOT, env_with_venv

from ia_marketing.instructor.slides import deck

LESSONS = sorted((ROOT / "modules").glob("*.ipynb"))


def _sections(lesson) -> list[str]:
    """Numbered level-2 headings of a lesson (« ## 1. … »), the ones a deck must show."""
    titles = []
    for cell in nbformat.read(lesson, as_version=4).cells:
        if cell.cell_type == "markdown":
            titles += re.findall(r"^## (\d+\..+?)\s*$", cell.source, flags=re.M)
    return titles


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_a_deck_has_the_lesson_s_title_and_sections_and_nothing_else(lesson):
    slides = deck(lesson)
    text = "\n".join(c.source for c in slides.cells)
    assert all(c.cell_type == "markdown" and c.metadata["slideshow"]["slide_type"] == "slide" for c in slides.cells)
    assert slides.cells[0].source.startswith("# Module ")
    sections = _sections(lesson)
    assert len(sections) >= 5
    missing = [s for s in sections if s not in text]
    assert not missing, f"sections absentes des diapositives : {missing}"
    assert not re.search(r"^#+ À vous", text, flags=re.M) and "```python" not in text
    assert 5 <= len(slides.cells) <= 20


def test_the_decks_build_with_nbconvert(tmp_path):
    result = subprocess.run([sys.executable, "-m", "ia_marketing.instructor.cli", "diapos", "--sortie", str(tmp_path)],
                            cwd=ROOT, env=env_with_venv(), capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    for lesson in LESSONS:
        page = (tmp_path / f"{lesson.stem}.slides.html").read_text(encoding="utf-8")
        assert "reveal" in page
        for title in _sections(lesson):
            assert title.replace("'", "&#39;") in page or title in page, title
