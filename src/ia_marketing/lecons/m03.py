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
        "a": "Relisez les deux premières lignes du tableau : sur 2 000 lignes, la règle souple "
             "n'écarte personne à tort. C'est sur l'export de 100 000 lignes qu'elle fusionne des homonymes.",
        "b": "Relisez la colonne « vrais doublons manqués » : la règle stricte en laisse passer "
             "davantage que la règle souple. Aucune règle n'est parfaite.",
    },
    hints=["Comparez, pour chaque fichier, les colonnes « écartés à tort » et « vrais doublons manqués ».",
           "Que coûte un doublon manqué ? Et deux personnes différentes réunies en une seule ?"],
    solution="c) À 100 000 lignes, la règle souple fusionne des homonymes : deux personnes différentes "
             "deviennent une seule, une donnée inexacte (principe d'exactitude, RGPD, article 5, paragraphe 1, d). "
             "La règle stricte laisse passer plus de doublons, mais un doublon manqué ne coûte qu'un "
             "envoi en double. Aucune règle n'est parfaite : c'est un compromis, mesuré et choisi.",
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
