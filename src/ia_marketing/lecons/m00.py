"""Formative questions of lesson 00 « Prise en main » (never graded).

Used in ``modules/00_prise_en_main.ipynb``::

    from ia_marketing.lecons.m00 import q1, q2, q3, q4, q5, q6
    q2.check(taux_concert)

Numbering follows the lesson: q1 reading an error, q2 fill rate, q3 f-string,
q4 loop over a list, q5 first function, q6 pandas filter + count.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..checks import NOT_ATTEMPTED, Outcome, Question, is_placeholder

__all__ = ["q1", "q2", "q3", "q4", "q5", "q6", "PROGRAMME", "TITRE", "DATE", "DISCIPLINE_Q6"]

#: values given to the learner in the lesson (the checks use the same ones)
TITRE = "Les Vagues"
DATE = "samedi 14 mars"
PROGRAMME = ["Les Vagues", "Nuit du jazz", "Cirque de papier"]
DISCIPLINE_Q6 = "danse"


class _LessonQuestion(Question):
    """A `Question` that also treats half-filled skeletons as « not attempted ».

    The lesson gives skeletons such as ``return ...`` or a loop appending ``...``:
    running them gives a function returning ``...`` or a list of ``...``, which
    deserve « pas encore de réponse », not « incorrect ».
    """

    def __init__(self, name: str, checker: Callable[[Any], str | None], *,
                 skeleton: Callable[[Any], bool], **kwargs: Any) -> None:
        super().__init__(name, checker, **kwargs)
        self._skeleton = skeleton

    def evaluate(self, value: Any = ...) -> Outcome:
        try:
            untouched = self._skeleton(value)
        except Exception:  # noqa: BLE001 - the learner's code is judged by the checker
            untouched = False
        if untouched:
            return Outcome(NOT_ATTEMPTED, "Le squelette est encore là : remplacez les « ... » par "
                                          "votre code, exécutez la cellule, puis relancez cette vérification.",
                           self.name)
        return super().evaluate(value)


# -- q1: reading an error -----------------------------------------------------------------------
q1 = Question.choice(
    "q1", "b", options=["a", "b", "c"],
    feedback={
        "a": "Redémarrer ne sert à rien ici : le message dit précisément ce qui manque. "
             "Relisez sa dernière ligne.",
        "c": "Supprimer la cellule fait disparaître le message, pas le problème. "
             "Que dit la dernière ligne ?",
    },
    hints=[
        "Dans un message d'erreur Python, la ligne la plus utile est la dernière : "
        "elle donne le type d'erreur et l'explication.",
        "« is not defined » signifie « n'existe pas (encore) ». Où la variable prix aurait-elle "
        "dû être créée ?",
    ],
    solution="b) On lit la dernière ligne : `prix` n'existe pas encore pour Python. On exécute la "
             "cellule qui la crée (ou on corrige une faute de frappe dans son nom), puis on relance.",
)

# -- q2: fill rate ------------------------------------------------------------------------------
q2 = Question.number(
    "q2", 90.0, rel_tol=1e-9, abs_tol=1e-6,
    too_low="C'est trop petit. Un taux en pourcentage se situe ici entre 0 et 100 : "
            "avez-vous bien multiplié par 100 ?",
    too_high="C'est trop grand. Avez-vous divisé les billets vendus par la jauge "
             "(et pas l'inverse), puis multiplié par 100 une seule fois ?",
    hints=[
        "Taux de remplissage = billets vendus ÷ jauge. Pour un pourcentage, on multiplie par 100.",
        "En Python, la division s'écrit / et la multiplication *. Utilisez les variables "
        "billets_vendus_concert et jauge_concert.",
    ],
    solution="taux_concert = billets_vendus_concert / jauge_concert * 100   # 90.0",
)


# -- q3: f-string -------------------------------------------------------------------------------
def _check_invitation(value: Any) -> str | None:
    if not isinstance(value, str):
        return (f"J'attends un texte (str), et j'ai reçu {type(value).__name__}. "
                "Un texte s'écrit entre guillemets.")
    if "{" in value or "}" in value:
        return ("Votre message contient encore des accolades { } : avez-vous oublié le f juste "
                "avant les guillemets ? Sans lui, Python n'y remplace pas les variables.")
    if TITRE not in value:
        return ("Le titre du spectacle n'apparaît pas dans votre message. Insérez la variable "
                "titre entre accolades.")
    if DATE not in value:
        return ("La date n'apparaît pas dans votre message. Insérez la variable date entre accolades.")
    return None


q3 = Question(
    "q3", _check_invitation,
    hints=[
        "Une f-string commence par la lettre f collée aux guillemets : f\"...\". "
        "Tout ce qui est entre accolades { } est remplacé par la valeur de la variable.",
        "Par exemple : f\"Nous vous invitons à {titre} ...\" — ajoutez la date de la même façon.",
    ],
    solution='invitation = f"Nous vous invitons à la première de {titre}, le {date}, '
             'au {nom_du_lieu}."',
)


# -- q4: one message per show -------------------------------------------------------------------
def _check_messages(value: Any) -> str | None:
    if not isinstance(value, list):
        return f"J'attends une liste (entre crochets), et j'ai reçu {type(value).__name__}."
    if len(value) != len(PROGRAMME):
        return (f"Votre liste contient {len(value)} message(s) ; il en faut un par spectacle "
                f"de la liste programme. Avez-vous réexécuté la cellule depuis « messages = [] » ?")
    for i, (message, titre) in enumerate(zip(value, PROGRAMME), start=1):
        if not isinstance(message, str):
            return f"Le message n° {i} n'est pas un texte : utilisez une f-string."
        if "{" in message:
            return f"Le message n° {i} contient encore des accolades : il manque le f devant les guillemets."
        if titre not in message:
            return (f"Le message n° {i} ne contient pas le titre du spectacle correspondant : "
                    "utilisez la variable de la boucle, titre, entre accolades.")
    return None


def _messages_untouched(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(is_placeholder(m) for m in value)


q4 = _LessonQuestion(
    "q4", _check_messages, skeleton=_messages_untouched,
    hints=[
        "À chaque tour de boucle, la variable titre prend la valeur d'un spectacle. "
        "Construisez le message avec une f-string qui contient {titre}.",
        "Dans la boucle : message = f\"Ce soir au {nom_du_lieu} : {titre}\" — la ligne "
        "messages.append(message) est déjà écrite.",
    ],
    solution='messages = []\nfor titre in programme:\n    message = f"Ce soir au {nom_du_lieu} : {titre} !"\n'
             "    messages.append(message)",
)


# -- q5: first function -------------------------------------------------------------------------
def _prix_ttc_reference(prix_ht: float) -> float:
    return round(prix_ht * (1 + 0.055), 2)


def _function_untouched(fn: Any) -> bool:
    return callable(fn) and fn(20.0) is ...


_compare_prix_ttc = Question.function(
    "q5", _prix_ttc_reference, cases=[(20.0,), (35.5,), (12.0,), (0.0,), (8.9,), (100,)])._checker


def _check_prix_ttc(fn: Any) -> str | None:
    if callable(fn) and fn(20.0) is None:
        return ("Votre fonction ne renvoie rien (None) : avez-vous oublié « return » devant le "
                "résultat ?")
    return _compare_prix_ttc(fn)


q5 = _LessonQuestion(
    "q5", _check_prix_ttc,
    skeleton=_function_untouched,
    hints=[
        "Prix TTC = prix HT × (1 + taux de TVA). Avec un taux de 5,5 %, on multiplie par 1.055.",
        "Arrondissez avec round(valeur, 2), et n'oubliez pas return devant le résultat.",
    ],
    solution="def prix_ttc(prix_ht):\n    return round(prix_ht * 1.055, 2)",
)


# -- q6: pandas (filter + count) ------------------------------------------------------------------
def _nb_spectacles_danse() -> int:
    from ..data import load

    spectacles = load("spectacles")
    return int((spectacles["discipline"] == DISCIPLINE_Q6).sum())


def _check_nb_danse(value: Any) -> str | None:
    try:
        import numpy as np

        integer_types: tuple[type, ...] = (int, np.integer)
    except ImportError:  # pragma: no cover - numpy comes with pandas
        integer_types = (int,)
    if hasattr(value, "shape") and not isinstance(value, integer_types):
        return ("Vous m'avez donné un tableau entier (ou une colonne) : je voudrais un seul "
                "nombre. Comptez les lignes avec len(...) ou .shape[0].")
    if isinstance(value, bool) or not isinstance(value, integer_types):
        return f"J'attends un nombre entier, et j'ai reçu {type(value).__name__} ({value!r})."
    expected = _nb_spectacles_danse()
    if value == expected:
        return None
    if value > expected:
        return ("C'est trop grand : avez-vous bien filtré les seuls spectacles de danse "
                "(et compté des spectacles, pas des billets) ?")
    return "C'est trop petit : vérifiez l'orthographe exacte de la discipline (majuscule comprise)."


q6 = Question(
    "q6", _check_nb_danse,
    hints=[
        "Filtrez d'abord : spectacles[spectacles[\"discipline\"] == \"danse\"] garde les lignes de danse.",
        "Puis comptez les lignes du tableau filtré avec len(...).",
    ],
    solution='danse = spectacles[spectacles["discipline"] == "danse"]\nnb_spectacles_danse = len(danse)',
)
