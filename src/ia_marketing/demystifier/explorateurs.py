"""The explorers of module 01 (ipywidgets): next token and temperature. Logic lives in `demos`."""

from __future__ import annotations

import random

import ipywidgets as W
from IPython.display import display

from ..core.errors import CourseError
from ..llm import get_llm
from ..ui import error_widget, show_figure
from . import demos


def explorateur_mot_suivant(modele=None, texte: str = "Le Théâtre du Rivage ouvre sa nouvelle",
                            k: int = 10) -> W.VBox:
    """Type a beginning of sentence; see the model's top-k next tokens as a bar chart."""
    modele = modele or get_llm("local")
    saisie = W.Textarea(value=texte, description="Début :", layout=W.Layout(width="95%", height="60px"))
    nombre = W.IntSlider(value=k, min=3, max=20, description="Candidats :")
    bouton = W.Button(description="Prédire le token suivant", button_style="primary", icon="play",
                      layout=W.Layout(width="auto"))
    ajouter = W.Button(description="Ajouter le plus probable", icon="plus", layout=W.Layout(width="auto"))
    sortie = W.Output()

    def montrer(_=None):
        sortie.clear_output(wait=True)
        with sortie:
            try:
                cands = modele.next_token_distribution(saisie.value, k=nombre.value)
            except (CourseError, ValueError) as exc:
                display(error_widget(exc))
                return
            show_figure(demos.plot_distribution(cands, title="Ce que le modèle prédit après votre texte"))

    def ajouter_token(_=None):
        try:
            cands = modele.next_token_distribution(saisie.value, k=1)
        except (CourseError, ValueError) as exc:
            with sortie:
                sortie.clear_output()
                display(error_widget(exc))
            return
        saisie.value = saisie.value + cands[0].token
        montrer()

    bouton.on_click(montrer)
    ajouter.on_click(ajouter_token)
    boite = W.VBox([saisie, W.HBox([nombre, bouton, ajouter]), sortie])
    montrer()
    return boite


def explorateur_temperature(modele=None, texte: str = "Pour la soirée d'ouverture, le public a trouvé le spectacle",
                            k: int = 8) -> W.VBox:
    """Move the temperature; see the distribution reshape and sample continuations."""
    modele = modele or get_llm("local")
    saisie = W.Text(value=texte, description="Début :", layout=W.Layout(width="95%"))
    temperature = W.FloatSlider(value=1.0, min=0.1, max=2.0, step=0.1, description="Température :",
                                continuous_update=False, readout_format=".1f",
                                style={"description_width": "initial"})
    tirer = W.Button(description="Générer 3 suites", icon="random", layout=W.Layout(width="auto"))
    graphe = W.Output()
    suites = W.Output()

    def montrer(_=None):
        graphe.clear_output(wait=True)
        with graphe:
            try:
                cands = modele.next_token_distribution(saisie.value, k=k, temperature=temperature.value)
            except (CourseError, ValueError) as exc:
                display(error_widget(exc))
                return
            titre = f"Température {temperature.value:.1f}".replace(".", ",")
            show_figure(demos.plot_distribution(cands, title=titre))

    def generer(_=None):
        suites.clear_output(wait=True)
        with suites:
            try:
                textes = demos.sample_completions(modele, saisie.value, n=3, temperature=temperature.value,
                                                  seed=random.randrange(100_000))
            except (CourseError, ValueError) as exc:
                display(error_widget(exc))
                return
            for i, t in enumerate(textes, start=1):
                print(f"{i}. {saisie.value} {t}")

    temperature.observe(montrer, names="value")
    tirer.on_click(generer)
    boite = W.VBox([saisie, W.HBox([temperature, tirer]), graphe, suites])
    montrer()
    return boite
