"""Module 01 in a real JupyterLab, driven by headless Chromium: Run All, then use the
next-token explorer as a learner would. Screenshots go to artifacts/ for a human look."""

from __future__ import annotations

import socket

from course_tools import ROOT
from lab_page import open_and_start_run_all

# The `lab` and `page` fixtures are in conftest.py, shared with the other browser tests.
ARTIFACTS = ROOT / "artifacts"


_CELLS = "(() => { const m = window.jupyterapp.shell.currentWidget.content.model; const out = [];" \
         " for (let i = 0; i < m.cells.length; i++) out.push(m.cells.get(i)); return out; })()"
_ALL_RAN = f"""() => {{ const cells = {_CELLS};
  const code = cells.filter(c => c.type === 'code');
  return code.length > 0 && code.every(c => c.executionCount !== null && c.executionCount !== undefined)
         && document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']") !== null; }}"""
_OUTPUT_REPORT = f"""() => {{ const res = {{errors: [], stderr: [], texts: []}};
  for (const c of {_CELLS}) {{ if (c.type !== 'code') continue;
    for (let i = 0; i < c.outputs.length; i++) {{ const o = c.outputs.get(i).toJSON();
      if (o.output_type === 'error') res.errors.push(o.ename + ': ' + o.evalue);
      else if (o.output_type === 'stream' && o.name === 'stderr') res.stderr.push(String(o.text));
      else if (o.output_type === 'stream') res.texts.push(String(o.text)); }} }}
  return res; }}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _open_and_run_all(page, lab, notebook: str) -> dict:
    """Open *notebook* in JupyterLab, Run All, wait until every code cell ran; return its outputs."""
    open_and_start_run_all(page, lab, f"modules/{notebook}")
    # Ask the notebook model whether every code cell has run.
    page.wait_for_function(_ALL_RAN, timeout=300_000, polling=1000)
    report = page.evaluate(_OUTPUT_REPORT)
    assert not report["errors"], report["errors"]
    assert not report["stderr"], report["stderr"]
    return report


def test_module_00_runs_in_jupyterlab_and_its_widget_responds(lab, page):
    report = _open_and_run_all(page, lab, "00_prise_en_main.ipynb")
    assert any("Environnement prêt" in t for t in report["texts"])
    # The price slider recomputes the revenue line when moved.
    slider = page.locator(".widget-hslider").first
    slider.scroll_into_view_if_needed()
    output = page.locator(".widget-interact").first
    before = output.inner_text()
    slider.locator(".noUi-handle, .ui-slider-handle, [role='slider']").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("([el, b]) => el.innerText !== b", arg=[output.element_handle(), before],
                           timeout=30_000)
    output.screenshot(path=str(ARTIFACTS / "module00_curseur_prix.png"))


def test_module_01_runs_in_jupyterlab_and_explorer_responds(lab, page):
    report = _open_and_run_all(page, lab, "01_demystifier_ia.ipynb")
    assert any("Aucun fournisseur" in t for t in report["texts"]), "la dernière cellule n'a rien affiché"

    # The next-token explorer: its chart is drawn, and « Ajouter » extends the text.
    button = page.get_by_role("button", name="Ajouter le plus probable")
    button.scroll_into_view_if_needed()
    widget = page.locator(".jp-OutputArea-output .widget-vbox").filter(has=button).first
    assert widget.locator("img").count() >= 1, "le graphique de l'explorateur n'est pas affiché"
    area = widget.locator("textarea").first
    before = area.input_value()
    page.screenshot(path=str(ARTIFACTS / "module01_explorateur_avant.png"))
    button.click()
    page.wait_for_function("([el, b]) => el.value.length > b.length", arg=[area.element_handle(), before],
                           timeout=30_000)
    after = area.input_value()
    assert after.startswith(before) and len(after) > len(before)
    page.wait_for_timeout(1000)
    widget.screenshot(path=str(ARTIFACTS / "module01_explorateur_apres.png"))

    # The temperature explorer redraws its chart when the slider moves.
    draw = page.get_by_role("button", name="Générer 3 suites")
    explorer = page.locator(".jp-OutputArea-output .widget-vbox").filter(has=draw).first
    explorer.scroll_into_view_if_needed()
    chart = explorer.locator("img").first
    before_src = chart.get_attribute("src")
    explorer.locator(".widget-hslider [role='slider'], .widget-hslider .noUi-handle").first.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("([w, b]) => { const i = w.querySelector('img'); return i && i.src !== b; }",
                           arg=[explorer.element_handle(), before_src], timeout=30_000)
    page.wait_for_timeout(500)
    explorer.screenshot(path=str(ARTIFACTS / "module01_temperature.png"))


def _atelier(page):
    """The prompt workshop on the page (the first one)."""
    atelier = page.locator(".ia-atelier").first
    atelier.scroll_into_view_if_needed()
    return atelier


def _send_and_wait(page, atelier) -> str:
    """Click « Envoyer » as a learner would; wait for the generation to start and end."""
    send = atelier.locator("button.ia-envoyer")
    assert send.inner_text().strip() == "Envoyer"
    # The meter is redrawn last, once the call is over: a marker put in it disappears then.
    meter = atelier.locator(".ia-compteur")
    meter.evaluate("el => el.parentElement.insertAdjacentHTML('beforeend', '<span class=\"ia-sonde\"></span>')")
    send.click()
    page.wait_for_function("el => el.querySelector('.ia-sonde') === null"
                           " && el.querySelector('button.ia-envoyer').disabled === false",
                           arg=atelier.element_handle(), timeout=120_000, polling=200)
    page.wait_for_timeout(300)
    return atelier.inner_text()


def test_module_02_workshop_sends_to_the_embedded_model(lab, page):
    report = _open_and_run_all(page, lab, "02_prompting.ipynb")
    assert any("Pas de fournisseur configuré" in t for t in report["texts"])
    atelier = _atelier(page)
    assert "Score : 100/100" in atelier.inner_text()
    page.screenshot(path=str(ARTIFACTS / "module02_atelier_ouvert.png"))

    # A learner rewrites the task: the checklist follows when the field is left.
    task = atelier.locator(".widget-textarea").filter(has_text="Tâche").locator("textarea")
    task.fill("Rédige une publication Facebook pour annoncer la soirée d'ouverture de la saison.")
    task.press("Tab")
    # …and empties the constraints, which named the audience: the checklist notices it.
    constraints = atelier.locator(".widget-textarea").filter(has_text="Contraintes").locator("textarea")
    constraints.fill("")
    constraints.press("Tab")
    page.wait_for_function("el => !el.innerText.includes('Score : 100/100')"
                           " && el.innerText.includes('Nommez le public')",
                           arg=atelier.element_handle(), timeout=30_000)

    # Seeing the answer grow while it is generated: sample its length during the call.
    page.evaluate("""() => { window.__longueurs = [];
        window.__sonde = setInterval(() => { const r = document.querySelector('.ia-atelier .ia-reponse');
          if (r) window.__longueurs.push(r.innerText.length); }, 50); }""")
    text = _send_and_wait(page, atelier)
    lengths = page.evaluate("() => { clearInterval(window.__sonde); return window.__longueurs; }")
    answer = atelier.locator(".ia-reponse").inner_text().strip()
    assert answer and "La réponse s'affichera ici" not in answer, text
    assert len({n for n in lengths if n > 0}) >= 2, f"la réponse n'est pas apparue progressivement : {lengths[-20:]}"
    assert atelier.locator(".ia-erreur").count() == 0, text
    assert "Dernier appel" in text and "Session" in text
    # What the learner sees on a 1280 × 800 screen once the answer has come.
    atelier.locator(".ia-reponse").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "module02_atelier_reponse.png"))

    # The history tab lists the attempt.
    atelier.get_by_role("tab", name="Historique").click()
    page.wait_for_function("el => el.innerText.includes('1 essai')", arg=atelier.element_handle(), timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "module02_atelier_historique.png"))


def test_workshop_explains_an_unreachable_provider(lab, page):
    """A trainer configured a provider in .env, and its server is down: the widget says so in French."""
    folder = lab["root"] / "fournisseur_en_panne"
    folder.mkdir(exist_ok=True)
    port = _free_port()
    (folder / ".env").write_text(f"IA_MARKETING_BASE_URL=http://127.0.0.1:{port}/v1\n"
                                 "IA_MARKETING_MODEL=modele-de-la-classe\nIA_MARKETING_MAX_RETRIES=0\n")
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ia_marketing.prompting import atelier_prompts\natelier_prompts()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "atelier.ipynb")

    open_and_start_run_all(page, lab, "fournisseur_en_panne/atelier.ipynb")
    page.wait_for_selector(".ia-atelier", timeout=90_000)
    atelier = _atelier(page)
    engine = atelier.locator(".widget-dropdown").filter(has_text="Moteur").locator("select").first
    label = f"Fournisseur configuré : http://127.0.0.1:{port}/v1"
    engine.select_option(label=label)
    page.wait_for_function("el => getComputedStyle(el).display !== 'none'",
                           arg=atelier.locator(".widget-text").filter(has_text="Modèle").element_handle(),
                           timeout=10_000)
    text = _send_and_wait(page, atelier)
    error = atelier.locator(".ia-erreur").first
    assert error.is_visible(), text
    message = error.inner_text()
    assert "Serveur injoignable" in message and str(port) in message, message
    assert "Traceback" not in text
    error.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "module02_atelier_fournisseur_injoignable.png"))
