"""Formative questions of lesson 03 « Nettoyer ses données »."""

from __future__ import annotations

from ..checks import Question

q1 = Question.choice(
    "q1", "b", options="abc",
    feedback={
        "a": "Un code postal n'est pas un nombre : on ne l'additionne pas. Lu comme un nombre, "
             "« 06290 » devient 6290. Que devient alors le zéro ?",
        "c": "Le zéro perdu ne revient pas tout seul : une fois lu comme nombre, 06290 et 6290 "
             "sont la même valeur pour pandas.",
    },
    hints=["Regardez la colonne « Code postal » lue sans précaution : quel est son type ?",
           "Un identifiant fait de chiffres (code postal, téléphone, numéro client) se lit comme du texte."],
    solution="b) Comme du texte : lu comme un nombre, le code postal perd son zéro initial (06290 → 6290).",
)

q2 = Question.number(
    "q2", 2000, rel_tol=0,
    too_low="Il en manque : comptez les lignes gardées ET les lignes mises de côté.",
    too_high="C'est trop : une ligne est soit gardée, soit mise de côté, jamais les deux.",
    hints=["Règle d'or du nettoyage : rien ne se perd.",
           "Lignes gardées + lignes mises de côté = lignes lues."],
    solution="2000 : lignes gardées + lignes mises de côté = lignes lues, toujours.",
)

q3 = Question.choice(
    "q3", "c", options="abc",
    feedback={
        "a": "Le même nom peut appartenir à deux personnes différentes (des homonymes) : dans un "
             "grand fichier, c'est fréquent.",
        "b": "Retrouver plus de doublons en fusionnant des personnes différentes n'est pas un "
             "progrès : un client fusionné avec un autre perd son historique.",
    },
    hints=["Que se passe-t-il si l'on fusionne deux personnes différentes qui portent le même nom ?",
           "La précision compte la part des doublons trouvés qui en sont vraiment."],
    solution="c) Le nom et au moins un autre élément (e-mail, ou téléphone avec date de naissance ou "
             "code postal) : on rate quelques doublons, mais on ne fusionne pas d'homonymes.",
)

q4 = Question.choice(
    "q4", "b", options="abc",
    feedback={
        "a": "Un pseudonyme reste lié à une personne : qui détient la clé peut recalculer les "
             "pseudonymes de valeurs connues. Le RGPD continue de s'appliquer.",
        "c": "Le pseudonyme protège l'e-mail, mais une date de naissance et un code postal, "
             "ensemble, suffisent souvent à retrouver quelqu'un.",
    },
    hints=["Pseudonymiser, est-ce anonymiser ?",
           "Pensez aussi aux colonnes qui n'ont pas été pseudonymisées."],
    solution="b) Ce sont encore des données personnelles (pseudonymisées, pas anonymes) : on minimise "
             "les colonnes envoyées, on garde la clé secrète, et on ne les confie qu'à un service "
             "autorisé, sous contrat.",
)
