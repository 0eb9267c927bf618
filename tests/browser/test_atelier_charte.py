"""The charter workshop of module 05 in a real JupyterLab, driven by headless Chromium at
1280 × 800 as a team would: read the check panel, name a referent, create a contradiction and see
it reported, read the preview, export twice (never overwriting), then open the PDF it wrote.
Screenshots go to /tmp/atelier_*.png for a human look."""

from __future__ import annotations

import nbformat
import pypdfium2 as pdfium
from lab_page import assert_no_horizontal_scroll, open_and_start_run_all

SHOTS = "/tmp/atelier_{}.png"



def _check_text(widget) -> str:
    return widget.locator(".ia-message").first.inner_text()


def test_charter_workshop_in_jupyterlab_at_1280_by_800(lab, page):
    folder = lab["root"] / "atelier"
    folder.mkdir(exist_ok=True)
    exports = folder / "exports"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from ia_marketing.ethics.atelier import atelier_charte\n"
        f"atelier_charte(\"Théâtre du Rivage\", dossier={str(exports)!r})")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, folder / "atelier.ipynb")

    open_and_start_run_all(page, lab, "atelier/atelier.ipynb")
    # JupyterLab itself speaks French (language pack and default locale installed with the course)
    menus = page.locator("#jp-menu-panel, .lm-MenuBar").first.inner_text()
    assert "Fichier" in menus and "Noyau" in menus, menus
    workshop = page.locator(".ia-atelier-charte").first
    workshop.wait_for(timeout=120_000)
    workshop.locator(".ia-message").first.wait_for(timeout=60_000)
    assert "Traceback" not in page.locator(".jp-OutputArea").first.inner_text()
    text = workshop.inner_text()
    for title in ("Atelier de charte", "1. Périmètre", "2. Outils", "3. Règles", "4. Gouvernance", "Aperçu",
                  "Vérification"):
        assert title in text, title
    first = _check_text(workshop)
    page.screenshot(path=SHOTS.format("debut"))
    assert "5 points à régler" in first and "référent" in first and "incidents" in first.lower(), first
    assert "à nommer" in first and "approuve" in first, first
    assert_no_horizontal_scroll(workshop)

    # Tools: the two proposed tools get their real names.
    workshop.get_by_role("tab", name="2. Outils").click()
    names = workshop.locator(".ia-outil input[type='text']")
    for i, name in enumerate(["Ollama avec Mistral Small 3 (sur le portable)", "Le Chat Pro (Mistral AI)"]):
        names.nth(i).fill(name)
        names.nth(i).press("Enter")
    # Governance: who approves, the referent, the incident contact; the panel turns green.
    workshop.get_by_role("tab", name="4. Gouvernance").click()
    approved = workshop.get_by_label("Approuvée par :")
    approved.fill("la directrice du théâtre")
    approved.press("Enter")
    referent = workshop.get_by_label("Référente ou référent IA :")
    referent.fill("Camille Martin, responsable de la communication")
    referent.press("Enter")
    contact = workshop.get_by_label("Signaler un incident à :")
    contact.fill("ia@theatre-rivage.example")
    contact.press("Enter")
    page.wait_for_function("el => el.querySelector('.ia-message.ia-ok') !== null", arg=workshop.element_handle(),
                           timeout=30_000)
    assert "complète et cohérente" in _check_text(workshop)
    page.screenshot(path=SHOTS.format("coherente"))

    # A contradiction: the remote tool loses its processor contract; targeting without a bias audit.
    workshop.get_by_role("tab", name="2. Outils").click()
    workshop.get_by_label("contrat de sous-traitance signé (art. 28 RGPD)").nth(1).uncheck()
    workshop.get_by_role("tab", name="1. Périmètre").click()
    workshop.get_by_label("ciblage de campagnes").check()
    workshop.get_by_role("tab", name="3. Règles").click()
    workshop.get_by_label("audit des biais (taux de sélection par groupe) avant chaque ciblage").uncheck()
    page.wait_for_function("el => (el.querySelector('.ia-message') || {}).innerText.includes('sans audit des biais')",
                           arg=workshop.element_handle(), timeout=30_000)
    panel = _check_text(workshop)
    assert "sans contrat de sous-traitance" in panel and "art. 28" in panel, panel
    assert "2 points à régler, dont 2 contradictions ou manques" in panel, panel
    page.screenshot(path=SHOTS.format("contradictions"))
    assert_no_horizontal_scroll(workshop)

    # Preview: the charter as it will be adopted, its twelve sections rendered.
    workshop.get_by_role("tab", name="Aperçu").click()
    preview = workshop.locator(".jp-RenderedMarkdown").first
    preview.wait_for(timeout=30_000)
    headings = preview.locator("h2").all_inner_texts()
    assert len(headings) == 12 and headings[0].startswith("1. Objet") and headings[-1].startswith("12. Incidents")
    assert "Camille Martin" in preview.inner_text()
    page.screenshot(path=SHOTS.format("apercu"))

    # Export twice: two pairs of files, the first one kept.
    button = workshop.get_by_role("button", name="Exporter en Markdown et PDF")
    button.click()
    page.wait_for_function("el => el.innerText.includes('Charte exportée')", arg=workshop.element_handle(),
                           timeout=60_000)
    assert "2 points restent à régler" in workshop.inner_text()
    first_pdf = sorted(exports.glob("*.pdf"))
    assert len(first_pdf) == 1
    original = first_pdf[0].read_bytes()
    button.click()
    page.wait_for_function("el => el.innerText.includes('-2.md')", arg=workshop.element_handle(), timeout=60_000)
    assert len(list(exports.glob("*.md"))) == 2 and len(list(exports.glob("*.pdf"))) == 2
    assert first_pdf[0].read_bytes() == original
    page.screenshot(path=SHOTS.format("export"))

    # The PDF: accents, « », the referent; rendered to an image for a human look.
    document = pdfium.PdfDocument(str(first_pdf[0]))
    pages = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "Charte d'usage de l'IA — Théâtre du Rivage" in pages
    assert "« rédigé avec l'aide d'une IA »" in pages and "Camille Martin" in pages and "révision" in pages
    document[0].render(scale=1.4).to_pil().save(SHOTS.format("pdf_page1"))
