"""The segmentation explorer of module 04 in a real JupyterLab, driven by headless Chromium at
1280 × 800 as a learner would: loosen a rule, type a bad one, move k, untick a feature. Screenshots
go to /tmp/explorateur_*.png for a human look."""

from __future__ import annotations

import re
import time

import nbformat
from lab_page import assert_no_horizontal_scroll, open_and_start_run_all

SHOTS = "/tmp/explorateur_{}.png"



def _count(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _row_cells(explorer, table_class: str, name: str) -> list[str]:
    row = explorer.locator(f"table.{table_class} tbody tr").filter(
        has=explorer.page.locator("td:first-child", has_text=re.compile(f"^{re.escape(name)}$")))
    return [c.strip() for c in row.first.locator("td").all_inner_texts()]


def _scroll_to(explorer, selector: str, nth: int = 0) -> None:
    """Scroll to the element as it is now, in one step in the page: the explorer replaces its
    tables and charts at each update, so a handle taken before the last update may be detached
    by the time Playwright scrolls to it (seen under the suite's load)."""
    explorer.evaluate("(el, [s, n]) => el.querySelectorAll(s)[n].scrollIntoView({block: 'nearest'})",
                      [selector, nth])


def test_explorer_responds_in_jupyterlab_at_1280_by_800(lab, page):
    folder = lab["root"] / "explorateur"
    folder.mkdir(exist_ok=True)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ia_marketing.segmentation.explorateur import explorateur_segments\nexplorateur_segments()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "explorateur.ipynb")

    open_and_start_run_all(page, lab, "explorateur/explorateur.ipynb")
    explorer = page.locator(".ia-explorateur-segments").first
    explorer.wait_for(timeout=120_000)
    explorer.locator("table.ia-segments").wait_for(timeout=60_000)
    page.wait_for_function("el => el.querySelectorAll('img').length >= 1", arg=explorer.element_handle(),
                           timeout=60_000)
    assert "Traceback" not in page.locator(".jp-OutputArea").first.inner_text()
    text = explorer.inner_text()
    assert "Explorateur de segments" in text and "Segments RFM" in text and "Groupes (k-means)" in text
    assert_no_horizontal_scroll(explorer)
    explorer.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=SHOTS.format("regles"))

    # Loosen « champions » (R min 4 -> 3): the table and the chart follow.
    champions = _count(_row_cells(explorer, "ia-segments", "champions")[1])
    chart = explorer.locator(".jp-OutputArea-output img").first
    before_src = chart.get_attribute("src")
    r_min = explorer.locator(".ia-regles input[type='number']").first
    assert r_min.input_value() == "4"
    r_min.fill("3")
    start = time.perf_counter()
    r_min.press("Enter")
    page.wait_for_function(
        "([el, n]) => { const c = [...el.querySelectorAll('table.ia-segments tbody tr')]"
        ".find(r => r.cells[0].innerText.trim() === 'champions');"
        " return c && parseInt(c.cells[1].innerText.replace(/\\D/g, '')) > n; }",
        arg=[explorer.element_handle(), champions], timeout=30_000)
    page.wait_for_function("([el, b]) => { const i = el.querySelector('.jp-OutputArea-output img');"
                           " return i && i.src !== b; }", arg=[explorer.element_handle(), before_src],
                           timeout=30_000)
    print(f"\nrègle modifiée -> tableau et graphique à jour : {time.perf_counter() - start:.2f} s")
    loosened = _row_cells(explorer, "ia-segments", "champions")
    _scroll_to(explorer, "table.ia-segments")
    page.mouse.wheel(0, 250)
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS.format("regle_modifiee"))

    # A bad rule (R min 6): a red box in French, the last good table stays.
    r_min.fill("6")
    r_min.press("Enter")
    error = explorer.locator(".ia-erreur").first
    error.wait_for(timeout=30_000)
    message = error.inner_text()
    assert "champions" in message and "R_min" in message and "dernières règles valides" in message, message
    assert _row_cells(explorer, "ia-segments", "champions") == loosened
    _scroll_to(explorer, ".ia-erreur")
    page.screenshot(path=SHOTS.format("regle_fausse"))
    r_min.fill("4")
    r_min.press("Enter")
    page.wait_for_function("el => el.querySelector('.ia-erreur') === null", arg=explorer.element_handle(),
                           timeout=30_000)

    # Groups: four by default; k -> 6 with the keyboard on the slider.
    explorer.get_by_role("tab", name="Groupes (k-means)").click()
    groups = explorer.locator("table.ia-personas thead th")              # a column per group, after the labels
    groups.first.wait_for(timeout=30_000)
    assert groups.all_inner_texts()[1:] == ["groupe 1", "groupe 2", "groupe 3", "groupe 4"]
    silhouette = explorer.get_by_text(re.compile(r"^Silhouette \d,\d\d")).first.inner_text()
    assert "séparation" in silhouette
    explorer.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS.format("groupes"))
    assert_no_horizontal_scroll(explorer)
    before_src = explorer.locator(".jp-OutputArea-output img").nth(1).get_attribute("src")
    explorer.locator(".widget-hslider [role='slider'], .widget-hslider .noUi-handle").first.focus()
    start = time.perf_counter()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.querySelectorAll('table.ia-personas thead th').length === 7",
                           arg=explorer.element_handle(), timeout=60_000)
    print(f"k de 4 à 6 (deux crans) -> groupes, portraits et graphique à jour : {time.perf_counter() - start:.2f} s")
    # the chart is drawn before the tables are written: it has changed too
    assert explorer.locator(".jp-OutputArea-output img").nth(1).get_attribute("src") != before_src
    sizes = [_count(t) for t in explorer.locator("table.ia-personas tbody tr").first.locator("td").all_inner_texts()]
    assert sum(sizes) == 3000 and sizes == sorted(sizes, reverse=True)
    assert explorer.get_by_text(re.compile(r"^Silhouette \d,\d\d")).first.inner_text() != silhouette
    assert_no_horizontal_scroll(explorer)
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS.format("k6"))

    # Untick « montant », tick « âge »: k-means runs on the new features.
    before = explorer.locator(".ia-info").last.inner_text()
    explorer.get_by_label("montant (euros dépensés)").uncheck()
    explorer.get_by_label("âge").check()
    page.wait_for_function("([el, b]) => { const i = [...el.querySelectorAll('.ia-info')].pop();"
                           " return i && i.innerText !== b && i.innerText.includes('âge'); }",
                           arg=[explorer.element_handle(), before], timeout=60_000)
    assert "montant" not in explorer.locator(".ia-info").last.inner_text()
    _scroll_to(explorer, "table.ia-personas")
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS.format("variables"))

    # Eight groups on five features still fit the page, without scrolling sideways.
    explorer.get_by_label("montant (euros dépensés)").check()
    explorer.get_by_label("panier moyen (euros par achat)").check()
    explorer.locator(".widget-hslider [role='slider'], .widget-hslider .noUi-handle").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.querySelectorAll('table.ia-personas thead th').length === 9"
                           " && [...el.querySelectorAll('.ia-info')].pop().innerText.includes('panier moyen')",
                           arg=explorer.element_handle(), timeout=60_000)
    assert_no_horizontal_scroll(explorer)
    _scroll_to(explorer, ".jp-OutputArea-output img", 1)
    page.wait_for_timeout(300)
    page.screenshot(path=SHOTS.format("k8"))
