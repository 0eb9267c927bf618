"""The prompt workshop (« atelier de prompts »): a widget a learner uses without reading code.

All the logic lives in the other modules of `ia_marketing.prompting` (imitation, checklist,
templates, history, comparison) and in `ia_marketing.llm` (backends, privacy guard, faults); this
module, the only one of the package that imports ipywidgets, only lays it out:

- tab « Écrire et envoyer »: three modes. « Imiter nos publications » (the default with the
  local base model) sends a document made of past posts and a new subject, shows the post cut
  out of the continuation with its checks (format, invented facts), says honestly what this mode
  can and cannot do, and, when a provider or a local server is configured, sends the same subject
  as an instruction to it and shows both answers with the engine that wrote each. « Consigne
  guidée » (the six fields) or « Consigne libre » (free text) send an instruction prompt, with the checklist updated as
  the prompt changes. Then the engine and its settings, a send button, the answer streaming in,
  the usage meter of the call and of the session;
- tab « Comparer A / B »: two prompts, or one prompt on two engines or at two temperatures;
- tab « Message type »: a template with ``{variables}`` filled from a table row (one message
  per journalist), for one row or for the whole table;
- tab « Historique »: every attempt of the session;
- tab « Règles »: the rules of the checklist.

Every fault (engine not configured, server unreachable, personal data refused…) is shown as
a French message inside the widget; nothing raises into the notebook.

Longer than 600 lines because it is one widget: the three modes and five tabs share the engine, the history and
the session meter, and splitting their layout across files would scatter one screen's code.
"""

from __future__ import annotations

import html
import os

import ipywidgets as W
import pandas as pd

from ..core import CourseError, count
from ..core.fr import date_long
from ..core.html import escape, message_box
from ..llm import PRESETS, get_llm
from ..llm.base import Backend
from ..llm.config import load_dotenv_file
from ..llm.usage import SESSION
from .checklist import PromptFeedback, evaluate_prompt, rules_table
from .comparison import Comparison, compare
from .history import Attempt, History, run_attempt, session_usage_summary
from .imitation import (
    DEFAULT_K,
    DEFAULT_MAX_TOKENS,
    DEFAULT_TEMPERATURE,
    KINDS,
    NETWORKS,
    STOP,
    ImitationPrompt,
    PublicationCheck,
    check_publication,
    cut_publication,
    imitation_prompt,
    instruction_parts,
    show_subject,
)
from .parts import PromptParts, build_prompt
from .templates import TemplateError, fill_over_table, fill_template, template_variables

__all__ = ["atelier_prompts", "AtelierPrompts", "engine_options", "parse_examples", "ENGINE_LOCAL",
           "ENGINE_CONFIGURED", "ENGINE_GIVEN", "MODE_IMITATE", "MODE_FIELDS", "MODE_FREE"]

ENGINE_LOCAL = "local"
ENGINE_CONFIGURED = "configure"
ENGINE_GIVEN = "donne"
#: Upper bound of the « tokens max » slider: long enough for a post, short enough to never
#: keep the small local model busy for more than about ten seconds.
MAX_TOKENS_LIMIT = 400
SEND_COMPLETE = "completer"
SEND_CHAT = "chat"
MODE_IMITATE = "imiter"
MODE_FIELDS = "champs"
MODE_FREE = "libre"
#: The show of the default subject: a concert of the current season with no past post of its own.
DEFAULT_SHOW = "S084"
NO_SHOW = ""
#: Temperature and length of the instruction modes (the imitation mode has its own, measured).
INSTRUCTION_TEMPERATURE = 0.7
INSTRUCTION_MAX_TOKENS = 80

IMITATION_NOTE = (
    "<b>Ce que fait ce mode.</b> Le modèle local est un <i>modèle de base</i> : il ne suit pas de "
    "consignes, il continue un document. On lui montre quelques publications passées du théâtre, "
    "chacune sous son sujet, puis votre sujet : il écrit la suite dans le même ton et le même "
    "format (une ou deux phrases, des hashtags).<br>"
    "<b>Ce qu'il ne fait pas.</b> Il n'obéit à aucune consigne : « plus court » ou « sans émoji » "
    "écrits dans le sujet sont ignorés. Il peut <b>inventer des faits</b> (une date, une heure, un "
    "prix, un nom, une salle) ou reprendre ceux d'un autre spectacle : vérifiez chaque fait dans "
    "le programme avant de publier. Les vérifications affichées sous la réponse sont simples et "
    "peuvent en manquer.<br>"
    "<b>Les exemples choisis :</b> des publications du même réseau qui présentent un autre "
    "spectacle, de préférence du même type, puis de la même discipline, puis qui ont le plus de "
    "mots en commun avec le sujet, une par spectacle."
)
NO_INSTRUCTION_ENGINE = (
    "Pour voir ce qu'un modèle entraîné à suivre des consignes fait du même sujet, configurez un "
    "fournisseur ou un serveur sur cet ordinateur (Ollama, LM Studio, serveur llama.cpp) dans le "
    "fichier <code>.env</code> (README, « Brancher un fournisseur »), puis relancez la cellule : "
    "un bouton de comparaison apparaîtra ici."
)

_FIELDS = [  # (attribute of PromptParts, label, placeholder, multi-line)
    ("role", "Rôle", "Tu es chargée ou chargé de communication d'un théâtre…", False),
    ("contexte", "Contexte", "Le spectacle, la date, le lieu, ce qu'il faut savoir…", True),
    ("tache", "Tâche", "Rédige… / Résume… / Classe…", True),
    ("format_attendu", "Format attendu", "Une publication Instagram, une liste à puces, du JSON…", False),
    ("contraintes", "Contraintes", "Public visé, longueur, ton, ce qu'il ne faut pas faire…", True),
    ("exemples", "Exemples", "Un exemple par ligne : entrée => sortie", True),
    ("amorce", "Début de réponse", "Publication Instagram :", False),
]

DEFAULT_PARTS = PromptParts(
    role="Tu es chargée ou chargé de communication du Théâtre du Rivage.",
    contexte="« Sillage », ballet contemporain du collectif Pieds Nus, le mardi 27 septembre, salle du Studio.",
    tache="Rédige une publication Instagram pour annoncer le spectacle.",
    format_attendu="Un paragraphe et deux émojis.",
    contraintes="Public : les familles. Moins de 50 mots.",
    amorce="Publication Instagram :",
)  # the fields when the venue's tables are missing; otherwise they follow the imitation subject

DEFAULT_TEMPLATE = (
    "Bonjour {prenom} {nom},\n\n"
    "Le Théâtre du Rivage présente « {spectacle} » le {date}. Vous qui suivez la rubrique "
    "{rubrique} pour {media}, nous serions heureux de vous accueillir à la première.\n\n"
    "Bien à vous,\nL'équipe communication"
)
DEFAULT_EXTRA = {"spectacle": "Sillage", "date": "mardi 27 septembre"}  # its row of spectacles.csv

_BOX = ("border:1px solid #d0d7de;border-radius:4px;padding:6px 10px;margin:4px 0;line-height:1.4;"
        "white-space:pre-wrap;font-family:var(--jp-code-font-family, monospace);font-size:13px")


def parse_examples(text: str) -> list[tuple[str, str]]:
    """« entrée => sortie », one per line, into pairs. A line without « => » (or « → ») is an
    error with its number, in French."""
    pairs = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        for arrow in ("=>", "→", "->"):
            if arrow in line:
                entree, sortie = line.split(arrow, 1)
                pairs.append((entree.strip(), sortie.strip()))
                break
        else:
            raise ValueError(f"Exemple ligne {n} : séparez l'entrée de la sortie par « => », par "
                             "exemple « Un spectacle bouleversant ! => positif ».")
    return pairs


def engine_options(environ: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """(label, value) of the engines offered: the local model, the provider configured in the
    environment or `.env` when there is one, then every preset."""
    environ = dict(os.environ) if environ is None else environ
    options = [("Local : Gemma 3 270M (hors ligne)", ENGINE_LOCAL)]
    provider = environ.get("IA_MARKETING_PROVIDER", "").strip()
    if provider or environ.get("IA_MARKETING_BASE_URL", "").strip():
        label = (PRESETS[provider].label if provider in PRESETS
                 else environ.get("IA_MARKETING_BASE_URL", "").strip() or provider)
        options.append((f"Fournisseur configuré : {label}", ENGINE_CONFIGURED))
    options += [(preset.label, name) for name, preset in PRESETS.items()]
    return options


def _row_label(row: pd.Series, index) -> str:
    names = [str(row[c]) for c in ("prenom", "nom") if c in row and pd.notna(row[c])]
    label = " ".join(names) or str(index)
    for column in ("media", "titre", "segment"):
        if column in row and pd.notna(row[column]):
            return f"{label} ({row[column]})"
    return label


class AtelierPrompts:
    """The workshop's widgets and their behaviour; `widget` is what a notebook displays."""

    def __init__(self, modele: Backend | None = None, tableau: pd.DataFrame | None = None, *,
                 modele_message: str = DEFAULT_TEMPLATE, valeurs_communes: dict | None = None,
                 parts: PromptParts | None = None, history: History | None = None) -> None:
        load_dotenv_file()
        self.history = history if history is not None else History()
        self._engines: dict[tuple[str, str], Backend] = {}
        engines = engine_options()
        if modele is not None:  # the engine given by the notebook comes first and is selected
            self._engines[(ENGINE_GIVEN, "")] = modele
            engines.insert(0, (f"Modèle choisi dans le notebook : {modele.describe()}", ENGINE_GIVEN))
        if tableau is None:  # the default message is written for the press list of the course
            from ..data import load

            try:
                tableau = load("journalistes")
            except (OSError, ValueError):
                tableau = None
        self.table = tableau
        self.extra = dict(DEFAULT_EXTRA if valeurs_communes is None else valeurs_communes)
        # the venue's past posts and programme, for the « imiter nos publications » mode
        from ..data import load

        try:
            self.posts, self.shows = load("publications"), load("spectacles")
        except (OSError, ValueError, KeyError):
            self.posts = self.shows = None
        self.imitation: ImitationPrompt | None = None
        self.last_imitation: tuple[Attempt, Backend, ImitationPrompt] | None = None
        can_imitate = self.shows is not None
        start_local = modele is None or modele.name == "local"
        start_mode = MODE_IMITATE if can_imitate and start_local else MODE_FIELDS
        wide = W.Layout(width="98%")
        style = {"description_width": "130px"}

        # ---- tab 1, mode « imiter nos publications » ---------------------------------------------
        show_options = [("(aucun : sujet libre, faits non vérifiés)", NO_SHOW)]
        if can_imitate:
            show_options += [(f"{r.titre} — {r.discipline}, {date_long(r.date_premiere)}", r.id_spectacle)
                             for r in self.shows.sort_values("date_premiere", ascending=False).itertuples()]
        default_show = DEFAULT_SHOW if any(v == DEFAULT_SHOW for _, v in show_options) else NO_SHOW
        self.show = W.Dropdown(options=show_options, value=default_show, description="Spectacle :",
                               style=style, layout=wide)
        self.kind = W.Dropdown(options=list(KINDS), value=KINDS[0], description="Type :", style=style,
                               layout=W.Layout(width="49%"))
        self.network = W.Dropdown(options=list(NETWORKS), value=NETWORKS[0], description="Réseau :",
                                  style={"description_width": "70px"}, layout=W.Layout(width="49%"))
        self.brief = W.Textarea(value="", description="Sujet :", style=style, continuous_update=False,
                                placeholder="annonce : « Titre », un concert, le jeudi 11 décembre au "
                                            "Studio. Ce qu'il faut en dire…",
                                layout=W.Layout(width="98%", height="76px"))
        self.n_examples = W.IntSlider(value=DEFAULT_K, min=1, max=8, description="Exemples :",
                                      style=style, continuous_update=False, layout=W.Layout(width="98%"))
        self.document = W.HTML("")
        self.imitation_box = W.VBox([
            W.HTML("Choisissez un spectacle du programme : le sujet se remplit avec sa fiche, et vous "
                   "pouvez le modifier. Le modèle reçoit le document ci-dessous et en écrit la suite."),
            self.show, W.HBox([self.kind, self.network]), self.brief, self.n_examples, self.document,
        ])
        if default_show:
            self.brief.value = self._subject_of_show()
        self._rebuild_imitation()
        if parts is None and self.imitation is not None:
            parts = instruction_parts(self.imitation)
            self._follow_subject = True  # the guided fields follow the subject until edited
        else:
            parts = DEFAULT_PARTS if parts is None else parts
            self._follow_subject = False

        # ---- tab 1: write and send ------------------------------------------------------
        modes = [("Consigne guidée", MODE_FIELDS), ("Consigne libre", MODE_FREE)]
        if can_imitate:
            modes.insert(0, ("Imiter nos publications", MODE_IMITATE))
        self.mode = W.ToggleButtons(options=modes, value=start_mode, style={"button_width": "auto"},
                                    tooltips=[{MODE_IMITATE: "Le modèle continue un document fait de nos "
                                                             "publications passées",
                                               MODE_FIELDS: "Un prompt en six parties : rôle, contexte, "
                                                            "tâche, format, contraintes, exemples",
                                               MODE_FREE: "Tout le prompt dans un seul texte"}[v]
                                              for _, v in modes])
        self.fields: dict[str, W.Widget] = {}
        for name, label, placeholder, multiline in _FIELDS:
            value = getattr(parts, name)
            if name == "exemples":
                value = "\n".join(f"{e} => {s}" for e, s in parts.clean_examples())
            cls = W.Textarea if multiline else W.Text
            widget = cls(value=value or "", description=f"{label} :", placeholder=placeholder,
                         layout=W.Layout(width="98%", height="54px") if multiline else wide,
                         style=style, continuous_update=False)
            self.fields[name] = widget
        self.free_text = W.Textarea(value="", description="Prompt :", style=style,
                                    placeholder="Écrivez ici tout votre prompt.",
                                    layout=W.Layout(width="98%", height="230px", display="none"),
                                    continuous_update=False)
        self.engine = W.Dropdown(options=engines, value=engines[0][1], description="Moteur :",
                                 style=style, layout=W.Layout(width="98%"))
        self.model_name = W.Text(value="", description="Modèle :", style=style,
                                 placeholder="(celui du fournisseur par défaut)",
                                 layout=W.Layout(width="98%", display="none"))
        self.send_as = W.Dropdown(options=[("texte à compléter", SEND_COMPLETE),
                                           ("message de conversation (chat)", SEND_CHAT)],
                                  value=SEND_COMPLETE, description="Envoyer comme :", style=style,
                                  layout=W.Layout(width="98%"))
        imitate = start_mode == MODE_IMITATE
        self.temperature = W.FloatSlider(value=DEFAULT_TEMPERATURE if imitate else INSTRUCTION_TEMPERATURE,
                                         min=0.0, max=1.5, step=0.1, readout_format=".1f",
                                         description="Température :", style=style,
                                         continuous_update=False, layout=W.Layout(width="98%"))
        self.max_tokens = W.IntSlider(value=DEFAULT_MAX_TOKENS if imitate else INSTRUCTION_MAX_TOKENS,
                                      min=10, max=MAX_TOKENS_LIMIT, step=10,
                                      description="Tokens max :", style=style,
                                      continuous_update=False, layout=W.Layout(width="98%"))
        self.send = W.Button(description="Envoyer", button_style="primary", icon="paper-plane",
                             tooltip="Envoyer le prompt au moteur choisi")
        self.send.add_class("ia-envoyer")
        self.status = W.HTML("")
        self.checklist = W.HTML("")
        self.checklist_title = W.HTML("<b>Grille du prompt</b> (avant envoi)")
        self.imitation_note = W.HTML(f'<div class="ia-note-imitation" style="font-size:12px;line-height:1.45">'
                                     f"{IMITATION_NOTE}</div>")
        self.answer = W.HTML(f'<div style="{_BOX};color:#777">La réponse s\'affichera ici.</div>')
        self.message = W.HTML("")
        self.checks = W.HTML("")
        self.meter = W.HTML("")
        # the same subject, as an instruction, sent to an instruction-tuned engine
        self.instruction_hint = W.HTML("")
        self.instruction_button = W.Button(description="Comparer avec un modèle à consignes",
                                           icon="columns", layout=W.Layout(width="auto"),
                                           tooltip="Envoyer le même sujet, écrit comme une consigne, "
                                                   "au fournisseur ou au serveur configuré")
        self.instruction_button.add_class("ia-comparer-consigne")
        self.instruction_out = W.HTML("")
        self.instruction_box = W.VBox([W.HTML("<b>Et un modèle qui suit les consignes ?</b>"),
                                       self.instruction_hint, self.instruction_button,
                                       self.instruction_out])

        fields_box = W.VBox([self.mode, self.imitation_box, *self.fields.values(), self.free_text],
                            layout=W.Layout(width="62%"))
        settings_box = W.VBox([
            W.HTML("<b>Moteur et réglages</b>"), self.engine, self.model_name, self.send_as,
            self.temperature, self.max_tokens, W.HBox([self.send, self.status]),
            self.checklist_title, self.checklist, self.imitation_note,
        ], layout=W.Layout(width="38%"))
        write_tab = W.VBox([
            W.HBox([fields_box, settings_box]),
            W.HTML("<b>Réponse</b>"), self.message, self.answer, self.checks,
            self.instruction_box,
            W.HTML("<b>Compteur</b>"), self.meter,
        ])

        # ---- tab 2: compare -------------------------------------------------------------
        self.prompt_a = W.Textarea(description="Prompt A :", style={"description_width": "80px"},
                                   layout=W.Layout(width="49%", height="150px"))
        self.prompt_b = W.Textarea(description="Prompt B :", style={"description_width": "80px"},
                                   layout=W.Layout(width="49%", height="150px"))
        self.engine_b = W.Dropdown(options=[("le même que A", "")] + engines, value="",
                                   description="Moteur B :", style={"description_width": "80px"},
                                   layout=W.Layout(width="49%"))
        self.temperature_a = W.FloatSlider(value=0.7, min=0.0, max=1.5, step=0.1, readout_format=".1f",
                                           description="Temp. A :", continuous_update=False,
                                           style={"description_width": "80px"})
        self.temperature_b = W.FloatSlider(value=0.7, min=0.0, max=1.5, step=0.1, readout_format=".1f",
                                           description="Temp. B :", continuous_update=False,
                                           style={"description_width": "80px"})
        self.copy_to_ab = W.Button(description="Reprendre le prompt de l'onglet 1", icon="copy",
                                   layout=W.Layout(width="auto"))
        self.compare_button = W.Button(description="Comparer", button_style="primary", icon="columns")
        self.compare_out = W.HTML("")
        compare_tab = W.VBox([
            W.HTML("Deux prompts sur la même entrée, côte à côte. Changez <i>une seule chose</i> à la "
                   "fois (le texte, le moteur ou la température) pour voir son effet. Le moteur A est "
                   "celui de l'onglet 1 ; le tirage est fixé pour que la comparaison soit rejouable."),
            W.HBox([self.prompt_a, self.prompt_b]),
            W.HBox([self.temperature_a, self.temperature_b]), self.engine_b,
            W.HBox([self.copy_to_ab, self.compare_button]), self.compare_out,
        ])

        # ---- tab 3: template ------------------------------------------------------------
        self.template = W.Textarea(value=modele_message, description="Message type :",
                                   style=style, layout=W.Layout(width="98%", height="150px"),
                                   continuous_update=False)
        self.extra_text = W.Text(value="; ".join(f"{k}={v}" for k, v in self.extra.items()),
                                 description="Valeurs communes :", style=style, layout=wide,
                                 placeholder="spectacle=Sillage; date=mardi 27 septembre", continuous_update=False)
        row_options = self._row_options()
        self.row = W.Dropdown(options=row_options, value=row_options[0][1] if row_options else None,
                              description="Ligne du tableau :", style=style, layout=wide)
        self.variables = W.HTML("")
        self.preview = W.HTML("")
        self.fill_all = W.Button(description="Remplir pour toutes les lignes", icon="table",
                                 layout=W.Layout(width="auto"))
        self.use_as_prompt = W.Button(description="Envoyer ce message à l'onglet 1", icon="share",
                                      layout=W.Layout(width="auto"))
        self.table_out = W.HTML("")
        template_tab = W.VBox([
            W.HTML("Écrivez un message avec des variables entre accolades, comme <code>{prenom}</code>. "
                   "Chaque variable prend la valeur de la colonne du même nom dans la ligne choisie "
                   "(ou une valeur commune)."),
            self.template, self.extra_text, self.variables, self.row, self.preview,
            W.HBox([self.fill_all, self.use_as_prompt]), self.table_out,
        ])

        # ---- tab 4: history, tab 5: rules -------------------------------------------------
        self.history_out = W.HTML("")
        self.clear_history = W.Button(description="Vider l'historique", icon="trash",
                                      layout=W.Layout(width="auto"))
        history_tab = W.VBox([self.history_out, self.clear_history])
        rules = rules_table().reset_index(drop=True)
        rules_tab = W.HTML(
            "<p>Le score du prompt est le nombre de règles respectées sur le nombre de règles "
            "applicables. La suggestion porte sur la règle manquante la plus prioritaire. Ces "
            "règles jugent le <i>prompt</i>, pas la réponse : un prompt à 100/100 peut recevoir "
            "une réponse fausse, surtout d'un petit modèle.</p>"
            + _table_html(rules, index=False))

        self.tabs = W.Tab(children=[write_tab, compare_tab, template_tab, history_tab, rules_tab])
        for i, title in enumerate(["Écrire et envoyer", "Comparer A / B", "Message type",
                                   "Historique", "Règles"]):
            self.tabs.set_title(i, title)
        self.widget = W.VBox([
            W.HTML(_STYLE + "<h3 style='margin:4px 0'>Atelier de prompts</h3>"
                   "Choisissez un mode, écrivez le sujet ou remplissez les champs, puis cliquez "
                   "sur « Envoyer »."),
            self.tabs,
        ])
        self.widget.add_class("ia-atelier")
        self.widget.atelier = self  # for tests and curious learners

        # ---- behaviour ----------------------------------------------------------------------
        self.mode.observe(self._on_mode_change, names="value")
        for widget in [*self.fields.values(), self.free_text]:
            widget.observe(self._on_prompt_change, names="value")
        for widget in (self.show, self.kind):
            widget.observe(self._on_subject_choice, names="value")
        for widget in (self.brief, self.network, self.n_examples):
            widget.observe(self._on_imitation_change, names="value")
        self.engine.observe(self._on_engine_change, names="value")
        self.send.on_click(self._on_send)
        self.instruction_button.on_click(self._on_compare_instruction)
        self.copy_to_ab.on_click(self._on_copy_to_ab)
        self.compare_button.on_click(self._on_compare)
        for widget in (self.template, self.extra_text, self.row):
            widget.observe(self._on_template_change, names="value")
        self.fill_all.on_click(self._on_fill_all)
        self.use_as_prompt.on_click(self._on_use_as_prompt)
        self.clear_history.on_click(self._on_clear_history)
        self._synced_parts = self.current_prompt_from_fields() if self._follow_subject else None
        self._on_mode_change()
        self._on_template_change()
        self._refresh_history()
        self.meter.value = self._meter_html(None)

    # -- the prompt --------------------------------------------------------------------------
    def current_prompt(self) -> PromptParts | str:
        """The prompt as written: the document of the imitation mode (a string), a `PromptParts`
        (guided fields) or a string (free text). Raises a French `ValueError` for a malformed
        example line or an imitation subject that cannot be used."""
        if self.mode.value == MODE_IMITATE:
            if self.imitation is None:
                raise ValueError("Le sujet ne permet pas de construire le document : écrivez un sujet "
                                 "(par exemple « annonce : « Sillage », un spectacle de danse… »).")
            return self.imitation.text
        if self.mode.value == MODE_FREE:
            return self.free_text.value
        return self.current_prompt_from_fields()

    def _on_mode_change(self, _=None) -> None:
        mode = self.mode.value
        imitate, free = mode == MODE_IMITATE, mode == MODE_FREE
        for widget in self.fields.values():
            widget.layout.display = None if mode == MODE_FIELDS else "none"
        self.free_text.layout.display = None if free else "none"
        self.imitation_box.layout.display = None if imitate else "none"
        for widget in (self.checklist_title, self.checklist, self.send_as):
            widget.layout.display = "none" if imitate else None
        self.imitation_note.layout.display = None if imitate else "none"
        self.checks.value = ""
        if free and not self.free_text.value.strip():  # start from what the fields say
            try:
                self.free_text.value = build_prompt(self.current_prompt_from_fields())
            except ValueError:
                pass
        self._on_prompt_change()
        self._refresh_instruction_box()

    def _on_prompt_change(self, _=None) -> None:
        try:  # the checklist judges the instruction prompt (hidden in the imitation mode)
            prompt = self.current_prompt_from_fields() if self.mode.value == MODE_IMITATE else self.current_prompt()
            feedback = evaluate_prompt(prompt)
        except (TypeError, ValueError) as exc:
            self.checklist.value = message_box(str(exc))
            return
        self.checklist.value = self._checklist_html(feedback)

    # -- the imitation mode ------------------------------------------------------------------------
    def _show_row(self) -> dict | None:
        """The programme's row of the selected show, or None (« sujet libre »)."""
        if self.shows is None or not self.show.value:
            return None
        row = self.shows[self.shows["id_spectacle"] == self.show.value]
        return None if row.empty else row.iloc[0].to_dict()

    def _subject_of_show(self) -> str:
        row = self._show_row()
        return show_subject(row, self.kind.value) if row is not None else self.brief.value

    def _on_subject_choice(self, _=None) -> None:
        """A show or a kind of post was chosen: the subject is rewritten from the programme."""
        if self._show_row() is None:
            self._on_imitation_change()
            return
        subject = self._subject_of_show()
        if subject == self.brief.value:
            self._on_imitation_change()
        else:
            self.brief.value = subject  # its observer rebuilds the document

    def _rebuild_imitation(self) -> None:
        self.imitation = None
        if self.posts is None or self.shows is None:
            self.document.value = message_box("Les publications passées ou le programme sont "
                                              "introuvables : ce mode n'est pas disponible.", "info")
            return
        try:
            self.imitation = imitation_prompt(self.brief.value, self.network.value,
                                              k=self.n_examples.value, seed=0, posts=self.posts,
                                              shows=self.shows, exclude_show=self.show.value or None)
        except (KeyError, ValueError) as exc:
            self.document.value = message_box(_error_text(exc))
            return
        examples = self.imitation.examples
        reasons = "".join(f"<li>{html.escape(e.id_publication)} : {html.escape(e.pourquoi)}</li>"
                          for e in examples.itertuples(index=False))
        n = count(len(examples), "publication", "publications")
        self.document.value = (
            f'<details class="ia-document"><summary style="cursor:pointer">Voir le document envoyé '
            f"au modèle : {n} {html.escape(self.imitation.network)} passée{'s' if len(examples) > 1 else ''}, "
            f"puis votre sujet</summary>"
            f'<div style="{_BOX};font-size:12px">{escape(self.imitation.text)}</div>'
            f'<div style="font-size:12px">Pourquoi ces exemples :<ul style="margin:2px 0">{reasons}</ul>'
            f"</div></details>")

    def _on_imitation_change(self, _=None) -> None:
        self._rebuild_imitation()
        self.checks.value = ""
        self.instruction_out.value = ""
        self._sync_fields()

    def _sync_fields(self) -> None:
        """Keep the guided fields on the same subject (as an instruction) until the learner edits them."""
        if self._synced_parts is None or self.imitation is None:
            return
        try:
            if self.current_prompt_from_fields() != self._synced_parts:
                self._synced_parts = None  # edited by the learner: left alone from now on
                return
        except ValueError:
            self._synced_parts = None
            return
        parts = instruction_parts(self.imitation)
        for name, widget in self.fields.items():
            value = getattr(parts, name)
            if name == "exemples":
                value = "\n".join(f"{e} => {o}" for e, o in parts.clean_examples())
            widget.value = value or ""
        self._synced_parts = self.current_prompt_from_fields()

    def _check_html(self, check: PublicationCheck, *, facts_checked: bool) -> str:
        icons = {True: '<b style="color:#1e7b45">✔</b>', False: '<b style="color:#b02a37">✘</b>',
                 None: '<b style="color:#888">–</b>'}
        items = "".join(f"<li>{icons[ok]} {html.escape(text)}</li>" for ok, text in check.lines())
        if not facts_checked:
            items += (f"<li>{icons[None]} aucun spectacle choisi : les dates, prix et noms ne sont pas "
                      "comparés au programme</li>")
        return f'<ul style="list-style:none;padding-left:0;margin:2px 0;font-size:12px;line-height:1.45">{items}</ul>'

    def _publication_check(self, text: str, prompt: ImitationPrompt) -> str:
        row = self._show_row()
        check = check_publication(text, row, brief=prompt.brief, examples=prompt.examples["texte"])
        return self._check_html(check, facts_checked=row is not None)

    def send_imitation(self) -> Attempt | None:
        """What « Envoyer » does in the imitation mode: the document to the selected engine (as a
        text to continue), the post cut out of the continuation, then its checks."""
        self.message.value = ""
        self.checks.value = ""
        prompt = self.imitation
        if prompt is None:
            self.message.value = message_box("Écrivez d'abord un sujet : le document ne peut pas être "
                                             "construit sans lui.")
            return None
        try:
            llm = self.backend()
        except CourseError as exc:
            self.message.value = message_box(_error_text(exc))
            return None
        attempt = self._stream_attempt(llm, prompt.text, label="imitation", stop=STOP, score=False,
                                       clean=lambda text, cut: cut_publication(text, truncated=cut))
        if attempt.error:
            self.message.value = message_box(attempt.error)
        elif not attempt.output.strip():
            self.message.value = message_box(
                "Le modèle n'a rien écrit avant la fin de la publication. Renvoyez (le tirage change "
                "à chaque envoi) ou montez un peu la température.", "info")
        else:
            self.last_imitation = (attempt, llm, prompt)
            self.checks.value = (
                f'<div class="ia-auteur" style="font-size:12px;color:#444">Écrit par <b>{html.escape(llm.describe())}</b>, '
                f"en imitant {count(len(prompt.examples), 'publication', 'publications')} "
                f"{html.escape(prompt.network)} passée{'s' if len(prompt.examples) > 1 else ''}. "
                "Vérifications automatiques (simples, relisez quand même) :</div>"
                + self._publication_check(attempt.output, prompt))
        return attempt

    # -- the same subject, as an instruction, to an instruction-tuned engine ----------------------
    def _is_local(self, choice: str) -> bool:
        if choice == ENGINE_LOCAL:
            return True
        if choice == ENGINE_GIVEN:
            return self._engines[(ENGINE_GIVEN, "")].name == "local"
        return False

    def instruction_engine(self) -> str | None:
        """The engine the comparison sends the instruction to: the selected one when it is not the
        local model, otherwise the provider configured in the environment or `.env`, otherwise None."""
        if not self._is_local(self.engine.value):
            return self.engine.value
        if any(value == ENGINE_CONFIGURED for _, value in self.engine.options):
            return ENGINE_CONFIGURED
        return None

    def _engine_label(self, choice: str) -> str:
        return next((label for label, value in self.engine.options if value == choice), choice)

    def _local_choice(self) -> str:
        given = self._engines.get((ENGINE_GIVEN, ""))
        return ENGINE_GIVEN if given is not None and given.name == "local" else ENGINE_LOCAL

    def _refresh_instruction_box(self) -> None:
        imitate = self.mode.value == MODE_IMITATE
        self.instruction_box.layout.display = None if imitate else "none"
        choice = self.instruction_engine()
        if choice is None:
            self.instruction_button.layout.display = "none"
            self.instruction_hint.value = f'<div style="font-size:12px;color:#444">{NO_INSTRUCTION_ENGINE}</div>'
            return
        self.instruction_button.layout.display = None
        self.instruction_hint.value = (
            '<div style="font-size:12px;color:#444">Le bouton écrit la publication de deux façons : en '
            "imitant nos publications, avec le modèle local, et à partir du même sujet écrit comme une "
            "consigne (rôle, contexte, tâche, format, contraintes et les mêmes exemples), avec "
            f"<b>{html.escape(self._engine_label(choice))}</b>.</div>")

    def compare_with_instruction(self) -> tuple[Attempt, Attempt] | None:
        """What « Comparer avec un modèle à consignes » does: the imitation by the local model (the
        last one if it was for this very document) and the same subject as an instruction to
        `instruction_engine`, side by side, each with the engine that wrote it and its checks."""
        choice = self.instruction_engine()
        if choice is None:
            self.instruction_out.value = message_box(
                "Aucun fournisseur ni serveur local n'est configuré : la comparaison n'est pas possible.", "info")
            return None
        prompt = self.imitation
        if prompt is None:
            self.instruction_out.value = message_box("Écrivez d'abord un sujet.")
            return None
        try:
            local = self.backend(self._local_choice())
            other = self.backend(choice)
        except CourseError as exc:
            self.instruction_out.value = message_box(_error_text(exc))
            return None
        self._set_busy(True, "Comparaison en cours…")
        try:
            previous = self.last_imitation
            if previous is not None and previous[1] is local and previous[2].text == prompt.text:
                imitated = previous[0]
            else:
                imitated = run_attempt(local, prompt.text, temperature=self.temperature.value,
                                       max_tokens=self.max_tokens.value, history=self.history,
                                       label=f"n° {len(self.history) + 1} (imitation)", stop=STOP,
                                       score=False, clean=lambda t, cut: cut_publication(t, truncated=cut))
            parts = instruction_parts(prompt)
            instructed = run_attempt(other, parts, temperature=self.temperature.value,
                                     max_tokens=max(self.max_tokens.value, 200), chat=True,
                                     history=self.history, label=f"n° {len(self.history) + 1} (consigne)")
        finally:
            self._set_busy(False)

        def column(attempt: Attempt, llm: Backend, how: str) -> str:
            if attempt.error:
                body = message_box(attempt.error)
            else:
                # the imitation is already cut; the instruction's answer is checked whole, as shown
                body = (f'<div class="ia-reponse-comparee" style="{_BOX}">{escape(attempt.output)}</div>'
                        + self._publication_check(" ".join(attempt.output.split()), prompt))
            return (f'<div style="width:49%;display:inline-block;vertical-align:top;margin-right:1%">'
                    f'<div style="font-size:12px;line-height:1.4"><b>{html.escape(how)}</b><br>écrit par '
                    f"<b>{html.escape(llm.describe())}</b></div>{body}</div>")

        self.instruction_out.value = (
            '<div class="ia-comparaison-consigne">'
            + column(imitated, local, "Imiter nos publications (modèle de base)")
            + column(instructed, other, "Consigne (pour un modèle entraîné à suivre des consignes)")
            + f'<details style="font-size:12px"><summary style="cursor:pointer">Voir la consigne envoyée</summary>'
              f'<div style="{_BOX};font-size:12px">{escape(build_prompt(parts))}</div></details></div>')
        self.meter.value = self._meter_html(instructed)
        self._refresh_history()
        return imitated, instructed

    def _on_compare_instruction(self, _button=None) -> None:
        self.compare_with_instruction()

    def current_prompt_from_fields(self) -> PromptParts:
        """The guided fields as a `PromptParts`."""
        values = {name: w.value for name, w in self.fields.items() if name != "exemples"}
        return PromptParts(**values, exemples=parse_examples(self.fields["exemples"].value))

    @staticmethod
    def _checklist_html(feedback: PromptFeedback) -> str:
        colour = "#1e7b45" if feedback.score >= 80 else "#b26a00" if feedback.score >= 50 else "#b02a37"
        # plain symbols with colours: emoji fonts are missing on some classroom computers
        icons = {True: '<b style="color:#1e7b45">✔</b>', False: '<b style="color:#b02a37">✘</b>',
                 None: '<b style="color:#888">–</b>'}
        items = "".join(
            f'<li title="{html.escape(r.explanation)}">{icons[r.satisfied]} {html.escape(r.rule.label)}'
            f"{'' if r.applicable else ' <i>(sans objet)</i>'}</li>"
            for r in sorted(feedback.results, key=lambda r: r.rule.priority))
        return (f'<div class="ia-checklist" style="line-height:1.45"><div style="font-size:15px;color:{colour}"><b>'
                f'Score : {feedback.score}/100</b> <span style="color:#555;font-size:12px">'
                f'({html.escape(feedback.score_text())})</span></div>'
                f'<ul style="list-style:none;padding-left:0;margin:4px 0;font-size:12px;line-height:1.45">'
                f'{items}</ul><div style="font-size:12px;line-height:1.45"><b>Suggestion :</b> {html.escape(feedback.suggestion)}'
                f"</div></div>")

    # -- engines -------------------------------------------------------------------------------
    def _on_engine_change(self, _=None) -> None:
        choice = self.engine.value
        local = self._is_local(choice)
        self.model_name.layout.display = "none" if choice in (ENGINE_LOCAL, ENGINE_GIVEN) else None
        # an instruction-tuned provider answers messages; the local base model completes text
        self.send_as.value = SEND_COMPLETE if local else SEND_CHAT
        if not local and self.mode.value == MODE_IMITATE:
            self.mode.value = MODE_FIELDS  # an instruction-tuned engine is shown what it is good at
        self.message.value = ""
        self._refresh_instruction_box()

    def backend(self, choice: str | None = None, model: str | None = None) -> Backend:
        """The engine *choice* (default: the one selected), created once and kept.
        Raises an `LLMError` (French) when it cannot be created."""
        choice = self.engine.value if choice is None else choice
        if choice in (ENGINE_LOCAL, ENGINE_GIVEN):
            model = ""
        elif model is None:
            model = self.model_name.value.strip()
        key = (choice, model)
        if key not in self._engines:
            if choice == ENGINE_LOCAL:
                self._engines[key] = get_llm("local")
            elif choice == ENGINE_CONFIGURED:
                self._engines[key] = get_llm("openai", model=model or None)
            else:
                self._engines[key] = get_llm("openai", provider=choice, model=model or None)
        return self._engines[key]

    # -- sending ---------------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        for button in (self.send, self.compare_button):
            button.disabled = busy
        self.status.value = (f'<span style="color:#1f5f99">{html.escape(text)}</span>' if busy else "")

    def _show_answer(self, text: str, pending: bool = False) -> None:
        cursor = '<span style="color:#1f5f99">▌</span>' if pending else ""
        if not text and not pending:
            self.answer.value = f'<div class="ia-reponse" style="{_BOX};color:#777">(aucune réponse)</div>'
            return
        self.answer.value = f'<div class="ia-reponse" style="{_BOX}">{escape(text)}{cursor}</div>'

    def _stream_attempt(self, llm: Backend, prompt: PromptParts | str, *, label: str = "",
                        chat: bool = False, **kwargs) -> Attempt:
        """One call with the settings of the tab, the answer streaming into the answer box, then
        the meter and the history updated."""
        received: list[str] = []

        def on_text(piece: str) -> None:
            received.append(piece)
            self._show_answer("".join(received), pending=True)

        self._set_busy(True, f"Génération en cours ({llm.describe()})…")
        self._show_answer("", pending=True)
        try:
            attempt = run_attempt(llm, prompt, temperature=self.temperature.value,
                                  max_tokens=self.max_tokens.value, on_text=on_text, chat=chat,
                                  history=self.history,
                                  label=f"n° {len(self.history) + 1}" + (f" ({label})" if label else ""),
                                  **kwargs)
        finally:
            self._set_busy(False)
        self._show_answer(attempt.output or "")
        self.meter.value = self._meter_html(attempt)
        self._refresh_history()
        return attempt

    def send_prompt(self) -> Attempt | None:
        """What the « Envoyer » button does. Returns the attempt (None if nothing was sent)."""
        if self.mode.value == MODE_IMITATE:
            return self.send_imitation()
        self.message.value = ""
        self.checks.value = ""
        try:
            prompt = self.current_prompt()
            llm = self.backend()
        except (CourseError, ValueError) as exc:
            self.message.value = message_box(_error_text(exc))
            return None
        attempt = self._stream_attempt(llm, prompt, label="consigne",
                                       chat=self.send_as.value == SEND_CHAT)
        if attempt.error:
            self.message.value = message_box(attempt.error)
        elif not attempt.output.strip():
            self.message.value = message_box(
                "Le modèle n'a rien écrit. Essayez une température plus haute, plus de tokens, ou "
                "un « début de réponse ».", "info")
        else:
            note = (" C'est un modèle de base : il continue le texte plutôt que d'obéir. Le mode "
                    "« Imiter nos publications » lui convient mieux." if llm.name == "local" else "")
            self.checks.value = (f'<div class="ia-auteur" style="font-size:12px;color:#444">Écrit par '
                                 f"<b>{html.escape(llm.describe())}</b>, à partir d'une consigne.{note}</div>")
        return attempt

    def _on_send(self, _button=None) -> None:
        self.send_prompt()

    @staticmethod
    def _meter_html(attempt: Attempt | None) -> str:
        text = session_usage_summary(attempt) if attempt is not None else SESSION.resume()
        return f'<div class="ia-compteur" style="font-size:12px;white-space:pre-wrap;line-height:1.4">{escape(text)}</div>'

    # -- comparison -------------------------------------------------------------------------------
    def _on_copy_to_ab(self, _button=None) -> None:
        try:
            text = build_prompt(self.current_prompt())
        except (TypeError, ValueError) as exc:
            self.compare_out.value = message_box(str(exc))
            return
        self.prompt_a.value = text
        self.prompt_b.value = text

    def compare_prompts(self) -> Comparison | None:
        """What the « Comparer » button does."""
        if not self.prompt_a.value.strip() and not self.prompt_b.value.strip():
            self._on_copy_to_ab()
        try:
            llm_a = self.backend()
            llm_b = self.backend(self.engine_b.value) if self.engine_b.value else llm_a
        except CourseError as exc:
            self.compare_out.value = message_box(_error_text(exc))
            return None
        self._set_busy(True, "Comparaison en cours…")
        try:
            comparison = compare(llm_a, self.prompt_a.value, llm_b, self.prompt_b.value or None,
                                 temperature_a=self.temperature_a.value,
                                 temperature_b=self.temperature_b.value,
                                 max_tokens=self.max_tokens.value,
                                 chat=self.send_as.value == SEND_CHAT, history=self.history)
        finally:
            self._set_busy(False)
        table = comparison.to_dataframe()
        note = ("Les deux réponses sont identiques." if comparison.identical else "")
        self.compare_out.value = (
            _table_html(table, index=True)
            + (message_box(note, "info") if note else ""))
        self.meter.value = self._meter_html(comparison.b)
        self._refresh_history()
        return comparison

    def _on_compare(self, _button=None) -> None:
        self.compare_prompts()

    # -- template -----------------------------------------------------------------------------
    def _row_options(self) -> list[tuple[str, object]]:
        if self.table is None or len(self.table) == 0:
            return []
        return [(_row_label(row, index), index) for index, row in self.table.iterrows()]

    def _parse_extra(self) -> dict[str, str]:
        extra = {}
        for part in self.extra_text.value.split(";"):
            if not part.strip():
                continue
            if "=" not in part:
                raise ValueError(f"Valeur commune « {part.strip()} » : écrivez nom=valeur, par exemple "
                                 "spectacle=Sillage ; séparez-les par « ; ».")
            name, value = part.split("=", 1)
            extra[name.strip()] = value.strip()
        return extra

    def filled_message(self) -> str:
        """The template filled with the selected row. Raises a French `ValueError`."""
        if self.table is None or self.row.value is None:
            return fill_template(self.template.value, {}, self._parse_extra())
        return fill_template(self.template.value, self.table.loc[self.row.value], self._parse_extra())

    def _on_template_change(self, _=None) -> None:
        try:
            variables = template_variables(self.template.value)
        except ValueError as exc:
            self.variables.value = message_box(str(exc))
            self.preview.value = ""
            return
        self.variables.value = ("Variables : " + ", ".join(f"<code>{{{html.escape(v)}}}</code>" for v in variables)
                                if variables else "Aucune variable dans ce message.")
        try:
            self.preview.value = f'<div class="ia-apercu" style="{_BOX}">{escape(self.filled_message())}</div>'
        except (KeyError, ValueError) as exc:
            self.preview.value = message_box(_error_text(exc))

    def fill_table(self) -> pd.DataFrame | None:
        """What « Remplir pour toutes les lignes » does: one message per row."""
        if self.table is None:
            self.table_out.value = message_box("Aucun tableau n'a été donné à l'atelier.", "info")
            return None
        try:
            result = fill_over_table(self.template.value, self.table, extra=self._parse_extra())
        except (KeyError, ValueError) as exc:
            self.table_out.value = message_box(_error_text(exc))
            return None
        n_errors = int(result["erreur"].notna().sum())
        n = len(result)
        summary = (f"{count(n, 'ligne', 'lignes')} en entrée, {count(n, 'ligne', 'lignes')} en "
                   f"sortie : {count(n - n_errors, 'message prêt', 'messages prêts')}, "
                   f"{count(n_errors, 'ligne', 'lignes')} avec une erreur.")
        shown = result.head(10).fillna("")
        self.table_out.value = (message_box(summary, "ok" if n_errors == 0 else "info")
                                + _table_html(shown, index=False)
                                + ("<i>(10 premières lignes)</i>" if len(result) > 10 else ""))
        return result

    def _on_fill_all(self, _button=None) -> None:
        self.fill_table()

    def _on_use_as_prompt(self, _button=None) -> None:
        try:
            message = self.filled_message()
        except (KeyError, ValueError) as exc:
            self.table_out.value = message_box(_error_text(exc))
            return
        self.free_text.value = message
        self.mode.value = MODE_FREE
        self.tabs.selected_index = 0

    # -- history ----------------------------------------------------------------------------------
    def _refresh_history(self) -> None:
        if not len(self.history):
            self.history_out.value = "<i>Aucun essai pour l'instant.</i>"
            return
        df = self.history.to_dataframe()
        df["heure"] = df["heure"].dt.strftime("%H:%M:%S")
        for column in ("prompt", "réponse"):
            df[column] = df[column].map(lambda t: (t[:120] + "…") if isinstance(t, str) and len(t) > 120 else t)
        df["durée (s)"] = df["durée (s)"].map(lambda v: "" if pd.isna(v) else f"{v:.2f}".replace(".", ","))
        df["température"] = df["température"].map(lambda v: f"{v:.1f}".replace(".", ","))
        columns = ["heure", "essai", "moteur", "température", "score du prompt", "tokens envoyés",
                   "tokens reçus", "durée (s)", "prompt", "réponse", "erreur"]
        self.history_out.value = (f"{count(len(self.history), 'essai', 'essais')}, du plus ancien au "
                                  "plus récent.<br>"
                                  + _table_html(df[columns].astype(object).fillna(""), index=False))

    def _on_clear_history(self, _button=None) -> None:
        self.history.clear()
        self._refresh_history()


_BREAK = "\u2063BR\u2063"  # survives to_html's escaping, then becomes <br>


def _table_html(df: pd.DataFrame, *, index: bool) -> str:
    """A table as HTML, line breaks kept, in the workshop's style."""
    shown = df.map(lambda v: v.replace("\n", _BREAK) if isinstance(v, str) else v)
    table = shown.to_html(index=index, border=0, classes="ia-table").replace(_BREAK, "<br>")
    return f'<div style="overflow-x:auto;max-width:100%">{table}</div>'


_STYLE = """<style>
.ia-atelier table.ia-table {border-collapse:collapse;font-size:12px;margin:4px 0;line-height:1.35}
.ia-atelier table.ia-table th, .ia-atelier table.ia-table td {border:1px solid #d0d7de;
  padding:3px 6px;text-align:left;vertical-align:top}
.ia-atelier table.ia-table th {background:#f3f5f7}
</style>"""


def _error_text(exc: Exception) -> str:
    if isinstance(exc, CourseError):
        return f"{exc.titre} : {exc}"
    if isinstance(exc, KeyError) and exc.args:
        return str(exc.args[0]) if not isinstance(exc, TemplateError) else str(exc)
    return str(exc)


def atelier_prompts(modele: Backend | None = None, tableau: pd.DataFrame | None = None, *,
                    modele_message: str = DEFAULT_TEMPLATE, valeurs_communes: dict | None = None,
                    parts: PromptParts | None = None) -> W.VBox:
    """The prompt workshop, ready to display: ``atelier_prompts(tableau=load("journalistes"))``.

    *modele* is the engine selected at start (default: the local model, loaded on first send);
    *tableau* gives the rows of the « Message type » tab (default: the course's 50 journalists);
    *valeurs_communes* the values shared
    by every row (``{"spectacle": "Sillage"}``).
    """
    atelier = AtelierPrompts(modele, tableau, modele_message=modele_message,
                             valeurs_communes=valeurs_communes, parts=parts)
    return atelier.widget
