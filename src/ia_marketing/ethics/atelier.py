"""The charter workshop (« atelier de charte ») of module 05: a team fills in its choices, sees at
once what is missing or contradictory, reads the charter as it will be adopted, and exports it.

All the logic is in `ia_marketing.ethics.charter` (`CharterChoices`, `build_charter`,
`check_charter`, Markdown and PDF export); this module, the only one of the package that imports
ipywidgets, lays it out in four steps (périmètre, outils, règles, gouvernance) plus a preview,
with the check panel beside them. Exports go to a folder the user chooses and never overwrite a
file: a second export of the same day gets « -2 », « -3 »…

Every fault is shown as a French message inside the widget; nothing raises into the notebook.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import ipywidgets as W
from IPython.display import Markdown, display

from ..core.fr import count
from ..core.html import escape, message_box
from ..core.text import slug
from .charter import DATA_LEVELS, SCOPES, CharterChoices, Tool, build_charter, check_charter

__all__ = ["AtelierCharte", "atelier_charte"]

LABEL_TEXT_CHOICES = ("toujours", "quand un texte est principalement généré", "jamais")
_STYLE = """<style>
.ia-atelier-charte .ia-probleme {font-size:12.5px;line-height:1.4}
.ia-atelier-charte .widget-label {min-width:0}
.ia-atelier-charte .ia-etape {font-size:13px;line-height:1.45;margin:2px 0 6px 0;color:#333}
.ia-atelier-charte .ia-outil {border:1px solid #d0d7de;padding:4px 6px;margin:3px 0;border-radius:3px}
.ia-atelier-charte .lm-TabBar-tab {flex:1 1 auto !important;max-width:none !important;min-width:0}
.ia-atelier-charte textarea {resize:vertical}
.ia-atelier-charte .widget-checkbox {height:auto;min-height:var(--jp-widgets-inline-height)}
.ia-atelier-charte .widget-checkbox .widget-label-basic {white-space:normal;overflow:visible;line-height:1.3}
</style>"""


def _wide(description: str = "", **kwargs) -> dict:
    return {"description": description, "style": {"description_width": "initial"},
            "layout": W.Layout(width="98%"), **kwargs}


def _check(description: str, value: bool) -> W.Checkbox:
    return W.Checkbox(value=value, description=description, indent=False, layout=W.Layout(width="98%"))


class _ToolRow:
    """The widgets of one allowed tool."""

    def __init__(self, tool: Tool) -> None:
        self.name = W.Text(value=tool.name, placeholder="nom de l'outil", continuous_update=False,
                           layout=W.Layout(width="60%"))
        self.remote = W.Dropdown(options=[("distant (en ligne)", True), ("local (sur l'ordinateur)", False)],
                                 value=tool.remote, layout=W.Layout(width="36%"))
        self.account = W.Dropdown(options=["professionnel", "personnel"], value=tool.account, description="compte",
                                  style={"description_width": "initial"}, layout=W.Layout(width="48%"))
        self.data = W.Dropdown(options=list(DATA_LEVELS), value=tool.data, description="peut recevoir",
                               style={"description_width": "initial"}, layout=W.Layout(width="50%"))
        self.contract = _check("contrat de sous-traitance signé (art. 28 RGPD)", tool.processor_contract)
        self.no_training = _check("pas d'entraînement sur nos saisies", tool.no_training)
        self.remove = W.Button(description="Retirer", icon="trash", layout=W.Layout(width="auto"))
        self.box = W.VBox([W.HBox([self.name, self.remote]), W.HBox([self.account, self.data]),
                           self.contract, self.no_training, self.remove])
        self.box.add_class("ia-outil")

    def widgets(self) -> list[W.Widget]:
        return [self.name, self.remote, self.account, self.data, self.contract, self.no_training]

    def tool(self) -> Tool:
        return Tool(self.name.value.strip() or "(outil sans nom)", remote=self.remote.value,
                    account=self.account.value, data=self.data.value, processor_contract=self.contract.value,
                    no_training=self.no_training.value)


class AtelierCharte:
    """The workshop's widgets and behaviour; `widget` is what a notebook displays. ``problems``
    holds the last check, ``exported`` the paths of the last export."""

    def __init__(self, organisation: str = "", *, folder: str | os.PathLike[str] | None = None,
                 today: dt.date | None = None) -> None:
        today = today or dt.date.today()
        self.problems = []
        self.exported: list[Path] = []
        # ---- step 1: scope
        self.organisation = W.Text(value=organisation, placeholder="par exemple : Théâtre du Rivage",
                                   continuous_update=False, **_wide("Organisation :"))
        self.adopted_on = W.DatePicker(value=today, description="Adoptée le :", style={"description_width": "initial"})
        self.scope = {s: _check(s, s in SCOPES[:3]) for s in SCOPES}
        step1 = W.VBox([
            W.HTML("<div class='ia-etape'>Qui adopte la charte, et pour quels usages ? Cochez ce que l'équipe fait "
                   "ou fera avec l'IA : chaque usage coché appelle des règles (un ciblage appelle un audit des "
                   "biais, un robot conversationnel une mention).</div>"),
            self.organisation, self.adopted_on, W.HTML("<b>Usages couverts</b>"), *self.scope.values()])
        # ---- step 2: tools
        self.tool_rows: list[_ToolRow] = []
        self.tools_box = W.VBox([])
        self.add_tool = W.Button(description="Ajouter un outil", icon="plus", layout=W.Layout(width="auto"))
        self.add_tool.on_click(lambda _: self._add_tool(Tool("", remote=True)))
        step2 = W.VBox([
            W.HTML("<div class='ia-etape'>Les outils permis, et ce que chacun peut recevoir. Un outil <b>distant</b> "
                   "envoie ce qu'on y tape chez son fournisseur ; un outil <b>local</b> (le modèle du cours) garde "
                   "tout sur l'ordinateur.</div>"),
            self.tools_box, self.add_tool])
        # ---- step 3: rules
        self.review_all = _check("tout contenu publié ou envoyé est relu par une personne", True)
        self.review_by = W.Textarea(value="la personne qui publie, et la responsable de la communication pour tout "
                                          "contenu externe", rows=2, continuous_update=False, **_wide("Relecture par :"))
        self.label_texts = W.Dropdown(options=list(LABEL_TEXT_CHOICES), value=LABEL_TEXT_CHOICES[1],
                                      **_wide("Mention « rédigé avec l'aide d'une IA » sur les textes :"))
        self.label_images = _check("mention visible et métadonnées sur les images générées", True)
        self.artist_style = _check("permettre d'imiter le style d'un artiste vivant (avec son accord écrit)", False)
        self.voice = _check("permettre de reproduire une voix ou un visage réels (avec accord écrit)", False)
        self.tdm = _check("notre site s'oppose à la fouille de textes et de données (art. L122-5-3 CPI)", True)
        self.bias_audit = _check("audit des biais (taux de sélection par groupe) avant chaque ciblage", True)
        self.bias_threshold = W.BoundedFloatText(value=0.8, min=0.05, max=1.0, step=0.05,
                                                 description="seuil d'alerte (rapport au taux le plus élevé) :",
                                                 style={"description_width": "initial"},
                                                 layout=W.Layout(width="360px"))
        self.small_models = _check("choisir le plus petit outil qui suffit", True)
        self.budget = W.Textarea(value="estimer l'empreinte de toute campagne de plus de 1 000 messages générés",
                                 rows=2, continuous_update=False, **_wide("Empreinte :"))
        self.two_factor = _check("double authentification sur les comptes", True)
        self.chatbot = _check("notre robot conversationnel, s'il y en a un, se présente comme une IA dès le premier "
                              "message", True)
        self.sensitive = _check("des données sensibles (santé, handicap…) peuvent entrer dans un outil", False)
        self.dpia = _check("une analyse d'impact (AIPD, art. 35 RGPD) a été faite", False)
        step3 = W.VBox([
            W.HTML("<div class='ia-etape'>Les règles de l'équipe : relecture, mention de l'IA, droits, biais, "
                   "empreinte, sécurité.</div>"),
            self.review_all, self.review_by, self.label_texts, self.label_images, self.artist_style, self.voice,
            self.tdm, self.bias_audit, self.bias_threshold, self.small_models, self.budget,
            self.chatbot, self.two_factor, self.sensitive, self.dpia])
        # ---- step 4: governance
        self.training = W.BoundedIntText(value=3, min=0, max=100, description="Heures de formation par personne et par an :",
                                         style={"description_width": "initial"}, layout=W.Layout(width="98%"))
        self.approved_by = W.Text(value="", placeholder="la direction, le bureau…", continuous_update=False,
                                  **_wide("Approuvée par :"))
        self.referent = W.Text(value="", placeholder="nom ou rôle", continuous_update=False,
                               **_wide("Référente ou référent IA :"))
        self.review_on = W.DatePicker(value=dt.date(today.year + 1, today.month, min(today.day, 28)),
                                      description="Prochaine révision :", style={"description_width": "initial"})
        self.incident_contact = W.Text(value="", placeholder="adresse ou rôle", continuous_update=False,
                                       **_wide("Signaler un incident à :"))
        self.incident_delay = W.BoundedIntText(value=24, min=1, max=720, description="dans les (heures) :",
                                               style={"description_width": "initial"}, layout=W.Layout(width="220px"))
        step4 = W.VBox([
            W.HTML("<div class='ia-etape'>Qui fait vivre la charte : formation (art. 4 du règlement européen sur "
                   "l'IA), approbation, référent, date de révision, incidents.</div>"),
            self.training, self.approved_by, self.referent, self.review_on, self.incident_contact,
            self.incident_delay])
        # ---- preview and export
        self.preview = W.Output(layout=W.Layout(max_height="520px", overflow_y="auto"))
        self.folder = W.Textarea(value=str(Path(folder) if folder else Path.cwd() / "ma_charte"), rows=2,
                                 continuous_update=False, layout=W.Layout(width="98%"))
        self.export_button = W.Button(description="Exporter en Markdown et PDF", icon="download",
                                      button_style="primary", layout=W.Layout(width="auto"))
        self.export_message = W.HTML("")
        self.export_button.on_click(lambda _: self.export())
        step5 = W.VBox([self.preview])
        self.tabs = W.Tab(children=[step1, step2, step3, step4, step5],
                          titles=["1. Périmètre", "2. Outils", "3. Règles", "4. Gouvernance", "Aperçu"],
                          layout=W.Layout(width="62%"))
        self.check_panel = W.HTML("")
        side = W.VBox([W.HTML("<b>Vérification</b>"), self.check_panel, W.HTML("<hr style='margin:6px 0'>"),
                       W.HTML("Dossier d'export (un nouveau nom à chaque export, rien n'est écrasé) :"),
                       self.folder, self.export_button, self.export_message], layout=W.Layout(width="37%"))
        self.widget = W.VBox([W.HTML(_STYLE + "<h3 style='margin:4px 0'>Atelier de charte d'usage de l'IA</h3>"),
                              W.HBox([self.tabs, side], layout=W.Layout(width="100%", justify_content="space-between"))])
        self.widget.add_class("ia-atelier-charte")

        for tool in (Tool("Modèle local sur l'ordinateur (à nommer)", remote=False, data="données personnelles"),
                     Tool("Outil en ligne, offre professionnelle (à nommer)", remote=True,
                          data="données pseudonymisées", processor_contract=True, no_training=True)):
            self._add_tool(tool, refresh=False)
        for widget in self._inputs():
            widget.observe(lambda _: self.update(), names="value")
        self.update()

    # -- behaviour ---------------------------------------------------------------------------
    def _inputs(self) -> list[W.Widget]:
        return [self.organisation, self.adopted_on, *self.scope.values(), self.review_all, self.review_by,
                self.label_texts, self.label_images, self.artist_style, self.voice, self.tdm, self.bias_audit,
                self.bias_threshold, self.small_models, self.budget, self.two_factor, self.sensitive, self.dpia,
                self.training, self.approved_by, self.referent, self.review_on, self.incident_contact,
                self.incident_delay, self.chatbot]

    def _add_tool(self, tool: Tool, refresh: bool = True) -> None:
        row = _ToolRow(tool)
        for widget in row.widgets():
            widget.observe(lambda _: self.update(), names="value")
        row.remove.on_click(lambda _, r=row: self._remove_tool(r))
        self.tool_rows.append(row)
        self.tools_box.children = [r.box for r in self.tool_rows]
        if refresh:
            self.update()

    def _remove_tool(self, row: _ToolRow) -> None:
        self.tool_rows.remove(row)
        self.tools_box.children = [r.box for r in self.tool_rows]
        self.update()

    def choices(self) -> CharterChoices:
        """The team's choices as the widgets show them."""
        adopted = self.adopted_on.value or dt.date.today()
        return CharterChoices(
            organisation=self.organisation.value.strip(), adopted_on=adopted,
            scope=[s for s, box in self.scope.items() if box.value], tools=[r.tool() for r in self.tool_rows],
            review_by=self.review_by.value.strip() or "la personne qui publie",
            review_all_published=self.review_all.value, label_texts=self.label_texts.value,
            label_images=self.label_images.value, artist_style_allowed=self.artist_style.value,
            voice_cloning_allowed=self.voice.value, tdm_opt_out=self.tdm.value, bias_audit=self.bias_audit.value,
            bias_threshold=float(self.bias_threshold.value), prefer_small_models=self.small_models.value,
            footprint_budget=self.budget.value.strip() or "estimer l'empreinte des campagnes générées",
            two_factor=self.two_factor.value, training_hours=int(self.training.value),
            referent=self.referent.value.strip(), review_on=self.review_on.value,
            incident_contact=self.incident_contact.value.strip(), incident_delay_hours=int(self.incident_delay.value),
            sensitive_data_allowed=self.sensitive.value, dpia_done=self.dpia.value,
            chatbot_disclosed=self.chatbot.value, approved_by=self.approved_by.value.strip())

    def update(self) -> None:
        """Check the choices and redraw the check panel and the preview."""
        try:
            choices = self.choices()
            self.problems = check_charter(choices)
            charter = build_charter(choices)
        except Exception as exc:  # noqa: BLE001 - shown in the widget, never raised into the notebook
            self.check_panel.value = message_box(f"⚠️ {exc}", "erreur")
            return
        if not self.problems:
            self.check_panel.value = message_box("La charte est complète et cohérente : relisez-la dans l'aperçu, "
                                                 "puis exportez-la.", "ok")
        else:
            grave = sum(p.grave for p in self.problems)
            head = (f"{count(len(self.problems), 'point à régler', 'points à régler')}"
                    + (f", dont {count(grave, 'contradiction ou manque', 'contradictions ou manques')}" if grave else "")
                    + " :")
            items = "".join(
                f"<li class='ia-probleme'><b>{escape(p.section)}</b> — {escape(p.message)}<br>"
                f"<span style='color:#555'>→ {escape(p.conseil)}</span></li>" for p in self.problems)
            self.check_panel.value = message_box(f"{escape(head)}<ul style='margin:4px 0;padding-left:18px'>{items}</ul>",
                                                 "erreur" if grave else "attente", html_body=True)
        self.preview.clear_output(wait=True)
        with self.preview:
            display(Markdown(charter.to_markdown()))

    def export(self) -> list[Path]:
        """Write the charter as Markdown and PDF into the chosen folder, under new names."""
        try:
            choices = self.choices()
            charter = build_charter(choices)
            folder = Path(self.folder.value.strip() or "ma_charte").expanduser()
            folder.mkdir(parents=True, exist_ok=True)
            stem = f"charte_ia_{slug(choices.organisation) or 'equipe'}_{choices.adopted_on.isoformat()}"
            n, base = 1, folder / stem
            while base.with_suffix(".md").exists() or base.with_suffix(".pdf").exists():
                n += 1
                base = folder / f"{stem}-{n}"
            md = base.with_suffix(".md")
            md.write_text(charter.to_markdown(), encoding="utf-8")
            pdf = charter.to_pdf(base.with_suffix(".pdf"))
        except Exception as exc:  # noqa: BLE001 - shown in the widget
            self.export_message.value = message_box(
                f"⚠️ Export impossible : {exc}", "erreur", title="Atelier de charte :")
            return []
        self.exported = [md, pdf]
        warn = (f" Attention : {count(len(self.problems), 'point reste', 'points restent')} à régler avant "
                "de l'adopter." if self.problems else "")
        self.export_message.value = message_box(
            f"Charte exportée : {md.name} et {pdf.name}, dans {folder}.{warn}", "attente" if warn else "ok")
        return self.exported


def atelier_charte(organisation: str = "", *, dossier: str | os.PathLike[str] | None = None) -> W.VBox:
    """The charter workshop, ready to display: ``atelier_charte("Théâtre du Rivage")``. Exports go
    to *dossier* (by default « ma_charte » next to the notebook)."""
    try:
        return AtelierCharte(organisation, folder=dossier).widget
    except Exception as exc:  # noqa: BLE001
        box = W.VBox([W.HTML(message_box(f"⚠️ {exc}", "erreur", title="Atelier de charte :"))])
        box.add_class("ia-atelier-charte")
        return box
