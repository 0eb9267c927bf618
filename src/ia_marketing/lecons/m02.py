"""Formative questions of lesson 02 « Prompting »."""

from __future__ import annotations

from ..checks import Question

q1 = Question.choice(
    "q1", "c", options="abc",
    feedback={
        "a": "Un rôle aide un peu le ton, mais le modèle ne sait toujours pas de quel spectacle il "
             "s'agit. Qu'est-ce qu'il risque d'inventer ?",
        "b": "Un format aide, mais sans savoir de quel spectacle il s'agit ni pour qui, le modèle "
             "écrira un texte générique ou inventera des détails.",
    },
    hints=["Demandez-vous ce que le modèle ne peut pas deviner.",
           "Le modèle ne connaît ni le titre, ni la date, ni le public : ce sont le contexte et le public visé."],
    solution="c) Le contexte (titre, date, lieu) et le public visé : sans eux, le modèle écrit un texte "
             "générique ou invente les détails. Le rôle et le format viennent ensuite.",
)

q2 = Question.choice(
    "q2", "b", options="abc",
    feedback={
        "a": "Regardez les points du graphique : pour un même nombre d'exemples, deux tirages donnent "
             "des exactitudes différentes. « Toujours » est de trop.",
        "c": "Certains tirages font mieux que zéro exemple : les exemples ne sont pas inutiles, mais "
             "leur effet dépend de ceux que l'on choisit.",
    },
    hints=["Comparez les points d'une même colonne du graphique (même nombre d'exemples, tirages différents).",
           "Si le choix des exemples change autant le résultat, que faut-il faire avant de se fier à un prompt ?"],
    solution="b) Le choix des exemples compte autant que leur nombre : on mesure sur des avis étiquetés "
             "avant de se fier à un prompt, et l'on garde celui qui marche le mieux.",
)

q3 = Question.choice(
    "q3", "b", options="abc",
    feedback={
        "a": "Essayez dans une cellule : json.loads(\"{'titre': 'Sillage'}\"). Que se passe-t-il ?",
        "c": "json.loads ne renvoie un texte que si le JSON est un texte entre guillemets doubles. "
             "Essayez-le dans une cellule.",
    },
    hints=["Le format JSON a une règle stricte sur les guillemets.",
           "En JSON, les noms et les textes s'écrivent entre guillemets doubles \" … \"."],
    solution="b) Une erreur (JSONDecodeError) : le JSON exige des guillemets doubles. Un lecteur "
             "robuste essaie alors ast.literal_eval, qui accepte les guillemets simples.",
)

q4 = Question.choice(
    "q4", "b", options="abc",
    feedback={
        "a": "Le modèle ne distingue pas vos consignes du texte de l'avis : une consigne de plus "
             "n'empêche pas la suivante, écrite par l'attaquant, d'être lue.",
        "c": "La température change la variété des réponses, pas ce que le modèle lit. L'avis piégé "
             "est toujours dans le prompt.",
    },
    hints=["Pour le modèle, tout le prompt est du texte du même genre.",
           "Il faut traiter l'avis comme une donnée : enlever ce qui imite la structure du prompt, "
           "et garder un humain avant publication."],
    solution="b) Traiter l'avis comme une donnée (retours à la ligne et marqueurs retirés, longueur "
             "limitée) et faire relire toute réponse avant publication : cela réduit le risque, sans "
             "le supprimer.",
)

q5 = Question.choice(
    "q5", "b", options="abc",
    feedback={
        "a": "La grille fait ce qu'elle annonce : elle vérifie le prompt. Relisez l'onglet « Règles ».",
        "c": "À température 0, le modèle répond de façon stable, pas forcément juste.",
    },
    hints=["Que note la grille : le prompt ou la réponse ?",
           "Le modèle local est un modèle de base : il continue un texte, il n'obéit pas à des consignes."],
    solution="b) La grille note le prompt, pas la réponse ; et le petit modèle local, qui n'a pas "
             "été entraîné à suivre des consignes, continue le texte au lieu d'obéir.",
)
