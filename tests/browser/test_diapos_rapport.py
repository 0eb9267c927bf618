"""The trainer's pages in Chromium with the network cut: an offline slide deck (reveal.js and
its scripts copied next to it) and the class report (charts embedded in the page)."""

from __future__ import annotations

import subprocess
import sys

from course_tools import ROOT, env_with_venv

SHOTS = ROOT / "artifacts"


def _no_network(page) -> list[str]:
    asked: list[str] = []

    def handle(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            asked.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    return asked


def test_an_offline_deck_opens_and_moves_on_with_no_network(page, tmp_path):
    built = subprocess.run([sys.executable, "-m", "ia_marketing.instructor.cli", "diapos", "01", "--hors-ligne",
                            "--sortie", str(tmp_path)], cwd=ROOT, env=env_with_venv(), capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    asked = _no_network(page)
    page.goto((tmp_path / "01_demystifier_ia.slides.html").as_uri())
    page.wait_for_selector(".reveal .slides section.present")
    first = page.inner_text(".reveal .slides section.present")
    assert "Démystifier l'IA" in first
    page.screenshot(path=str(SHOTS / "diapos_01_premiere.png"))
    page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.reveal .slides section.present').innerText.includes('1. IA')")
    page.screenshot(path=str(SHOTS / "diapos_01_seconde.png"))
    # Only fonts and math/diagram helpers were wanted from the web; the deck itself did not need them.
    assert all(("fonts.googleapis" in url or "mathjax" in url or "mermaid" in url) for url in asked), asked


def test_the_class_report_opens_with_its_charts_and_no_network(page, tmp_path):
    import shutil

    import nbformat
    from course_tools import assignment_notebook, build_submission, variants

    from ia_marketing.instructor.classe.grading import grade_class
    from ia_marketing.instructor.classe.report import write_report

    name = "00_prise_en_main"
    course = tmp_path / "cours"
    for item in ("solutions", "exercises"):
        shutil.copytree(ROOT / item / name, course / item / name)
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    release, solution = assignment_notebook(course / "exercises", name), assignment_notebook(course / "solutions", name)
    wrong = next(iter(variants(name).WRONG_SUBMISSIONS.values()))
    for student, nb in {"alice": build_submission(release, solution), "bruno": build_submission(release, solution, wrong),
                        "chloe": build_submission(release, solution, fill_solutions=False)}.items():
        folder = course / "submitted" / student / name
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{name}.ipynb")
    assert set(grade_class(course, name, progress=False).graded) == {"alice", "bruno", "chloe"}
    html_page, _ = write_report(course, tmp_path / "rapport.html")
    asked = _no_network(page)
    page.goto(html_page.as_uri())
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "Résultats de la classe"
    widths = page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)")
    assert len(widths) >= 2 and min(widths) > 300, widths  # every chart drawn, from the page itself
    body = page.inner_text("body")
    assert "Les tests les plus souvent manqués" in body and "3 copies rendues" in body
    assert asked == []  # one self-contained file: nothing fetched
    page.screenshot(path=str(SHOTS / "rapport_classe.png"), full_page=True)
