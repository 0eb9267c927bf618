"""Driving a notebook in JupyterLab from Playwright, shared by the browser tests."""

from __future__ import annotations


def open_and_start_run_all(page, lab, path: str) -> None:
    """Open the notebook at *path* (relative to the lab root), wait for its kernel, click Run All."""
    page.goto(f"{lab['url']}/lab/tree/{path}?reset&token={lab['token']}")
    page.wait_for_function("window.jupyterapp && document.querySelector('.jp-Notebook')", timeout=90_000)
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;"
        " return k && k.status === 'idle'; }", timeout=90_000, polling=500)
    page.locator(".jp-Notebook:visible").first.click()
    page.evaluate("window.jupyterapp.commands.execute('runmenu:run-all')")


_NO_SIDEWAYS = """el => { const bad = [];
  for (const n of [el, ...el.querySelectorAll('*')]) {
    if (n.scrollWidth > n.clientWidth + 1 && getComputedStyle(n).overflowX !== 'visible') bad.push(`${n.className} (${n.scrollWidth} > ${n.clientWidth})`);
  }
  const r = el.getBoundingClientRect();
  return {bad, right: r.right, width: document.documentElement.clientWidth}; }"""


def assert_no_horizontal_scroll(widget) -> None:
    """No element of *widget* scrolls sideways, and the widget fits the window (1280 px wide)."""
    report = widget.evaluate(_NO_SIDEWAYS)
    assert not report["bad"], f"défilement horizontal dans : {report['bad']}"
    assert report["right"] <= report["width"], report
