"""Module 01 in a real JupyterLab, driven by headless Chromium: Run All, then use the
next-token explorer as a learner would. Screenshots go to artifacts/ for a human look."""

from __future__ import annotations

import socket
from pathlib import Path

from course_tools import ROOT
from lab_page import open_and_start_run_all

# The `lab` and `page` fixtures are in conftest.py, shared with the other browser tests.
ARTIFACTS = ROOT / "artifacts"
#: Screenshots of the prompt workshop, also kept outside the repository for a human look.
WORKSHOP_SHOTS = Path("/tmp")


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


def _shot(page, name: str) -> None:
    """A screenshot of the page in artifacts/ and as /tmp/atelier_prompts_<name>.png."""
    page.screenshot(path=str(ARTIFACTS / f"module02_atelier_{name}.png"))
    page.screenshot(path=str(WORKSHOP_SHOTS / f"atelier_prompts_{name}.png"))


def test_module_02_workshop_sends_to_the_embedded_model(lab, page):
    report = _open_and_run_all(page, lab, "02_prompting.ipynb")
    assert any("Pas de fournisseur configuré" in t for t in report["texts"])
    atelier = _atelier(page)
    # With the local model, the workshop opens on « Imiter nos publications » and says what it
    # can and cannot do.
    active = atelier.locator(".widget-toggle-buttons button.mod-active").first
    assert active.inner_text().strip() == "Imiter nos publications"
    shown = atelier.inner_text()
    assert "n'obéit à aucune consigne" in shown and "inventer des faits" in shown
    assert "Score : 100/100" not in shown  # the checklist judges instructions: hidden here
    _shot(page, "ouvert")

    # Sending writes a post in the venue's format, then its checks and the engine that wrote it.
    text = _send_and_wait(page, atelier)
    answer = atelier.locator(".ia-reponse").inner_text().strip()
    assert answer and "La réponse s'affichera ici" not in answer, text
    assert "Sujet" not in answer and "#" in answer, answer
    author = atelier.locator(".ia-auteur").inner_text()
    assert "Écrit par local · gemma" in author and "en imitant 6 publications Instagram" in author
    assert atelier.locator(".ia-erreur").count() == 0, text
    atelier.locator(".ia-auteur").scroll_into_view_if_needed()
    _shot(page, "imitation")
    # What the model received: the past posts and the subject.
    atelier.locator("details.ia-document summary").click()
    document = atelier.locator("details.ia-document").inner_text()
    assert document.count("Sujet : ") == 7 and "Pourquoi ces exemples" in document
    atelier.locator("details.ia-document").scroll_into_view_if_needed()
    _shot(page, "document")
    atelier.locator("details.ia-document summary").click()

    # The instruction mode: the guided fields speak of the same show, with their checklist.
    atelier.get_by_role("button", name="Consigne guidée").click()
    page.wait_for_function("el => el.innerText.includes('Score : 100/100')",
                           arg=atelier.element_handle(), timeout=30_000)
    context = atelier.locator(".widget-textarea").filter(has_text="Contexte").locator("textarea")
    assert "Nuit blanche au piano" in context.input_value()

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
    assert "à partir d'une consigne" in atelier.locator(".ia-auteur").inner_text()
    # What the learner sees on a 1280 × 800 screen once the answer has come.
    atelier.locator(".ia-reponse").scroll_into_view_if_needed()
    _shot(page, "consigne")

    # The history tab lists both attempts.
    atelier.get_by_role("tab", name="Historique").click()
    page.wait_for_function("el => el.innerText.includes('2 essais')", arg=atelier.element_handle(), timeout=10_000)
    _shot(page, "historique")


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


def test_workshop_compares_the_imitation_with_an_instruction_to_a_local_server(lab, page, llama_server):
    """A trainer runs an OpenAI-compatible server on the machine (here llama.cpp's, serving the
    course's model): the imitation mode offers to send the same subject to it as an instruction,
    and says which engine wrote which answer."""
    folder = lab["root"] / "serveur_local"
    folder.mkdir(exist_ok=True)
    (folder / ".env").write_text(f"IA_MARKETING_BASE_URL={llama_server.base_url}\n"
                                 f"IA_MARKETING_MODEL={llama_server.model}\n")
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ia_marketing.prompting import atelier_prompts\natelier_prompts()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "atelier.ipynb")

    open_and_start_run_all(page, lab, "serveur_local/atelier.ipynb")
    page.wait_for_selector(".ia-atelier", timeout=90_000)
    atelier = _atelier(page)
    button = atelier.locator("button.ia-comparer-consigne")
    button.scroll_into_view_if_needed()
    assert button.is_visible()
    assert llama_server.base_url in atelier.inner_text()
    button.click()
    page.wait_for_selector(".ia-comparaison-consigne", timeout=180_000)
    page.wait_for_function("el => el.querySelector('button.ia-envoyer').disabled === false",
                           arg=atelier.element_handle(), timeout=60_000)
    shown = atelier.locator(".ia-comparaison-consigne").inner_text()
    assert "Imiter nos publications (modèle de base)" in shown
    assert "Consigne (pour un modèle entraîné à suivre des consignes)" in shown
    assert "écrit par local · gemma" in shown and f"écrit par fournisseur configuré · {llama_server.model}" in shown
    assert atelier.locator(".ia-comparaison-consigne .ia-erreur").count() == 0, shown
    atelier.locator(".ia-comparaison-consigne").scroll_into_view_if_needed()
    _shot(page, "comparaison")
    atelier.locator(".ia-comparaison-consigne").screenshot(path=str(WORKSHOP_SHOTS / "atelier_prompts_comparaison_detail.png"))
