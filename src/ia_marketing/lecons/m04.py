"""Formative questions of lesson 04 « Segmenter ses publics »."""

from __future__ import annotations

from ..checks import Question

q1 = Question.number(
    "q1", 7914, rel_tol=0,
    too_low="C'est trop peu : au 1er juillet 2025, tous les billets achetés ce jour-là ou après ne "
            "peuvent pas compter. Relisez le résumé de rfm.",
    too_high="C'est trop : seules les lignes mises de côté comptent ici, pas les lignes lues ni les "
             "lignes comptées.",
    hints=["Calculez rfm(billets, …, at=\"2025-07-01\") et lisez son résumé (summary()).",
           "Le résumé donne les lignes comptées et les lignes mises de côté ; len(resultat.set_aside) "
           "les compte aussi."],
    solution="7914 : les billets achetés le 1er juillet 2025 ou après (la saison 2025-2026) sont mis de côté, "
             "avec la raison « date le jour de référence ou après ».",
)

q2 = Question.choice(
    "q2", "c", options="abc",
    feedback={
        "a": "La vitesse n'y est pour rien : essayez pd.qcut directement sur la fréquence, et lisez "
             "l'erreur.",
        "b": "Le rang porte sur la valeur (la fréquence, la récence…), pas sur le nom du spectateur.",
    },
    hints=["Que se passe-t-il quand on lance pd.qcut directement sur la fréquence ?",
           "Plus d'un tiers des spectateurs n'ont fait qu'un achat : ils sont ex aequo."],
    solution="c) Beaucoup de spectateurs ont la même valeur (un seul achat) : on ne peut pas couper au milieu "
             "d'ex aequo. rank(method=\"first\") donne un rang différent à chacun, puis pd.qcut coupe les rangs.",
)

q3 = Question.choice(
    "q3", "a", options="abc",
    feedback={
        "b": "L'indice compare deux découpages entre eux, pas à une « bonne réponse » : personne ne "
             "connaît le « bon » groupe d'un spectateur.",
        "c": "L'indice de Rand ajusté n'est pas un nombre de groupes : il va de 0 (ressemblance due au "
             "hasard) à 1 (mêmes groupes).",
    },
    hints=["Que compare l'indice de Rand ajusté : deux découpages, ou un découpage et la vérité ?",
           "1 veut dire « exactement les mêmes groupes », 0 « pas plus ressemblants que le hasard »."],
    solution="a) On retrouve presque exactement les mêmes groupes d'une graine à l'autre : ils sont stables, "
             "pas un hasard du calcul. Cela ne dit pas qu'ils sont « justes », ni utiles : c'est à vous d'en juger.",
)

q4 = Question.choice(
    "q4", "b", options="abc",
    feedback={
        "a": "La part de signalés réellement partis, c'est la précision, pas le lift. Le lift compare "
             "cette part à celle de tous les spectateurs.",
        "c": "Une liste ne peut pas trouver plus de partants qu'il n'y en a : le rappel ne dépasse "
             "jamais 100 %.",
    },
    hints=["Le lift divise la précision par le taux de base.",
           "Le taux de base, c'est la part de partants parmi tous les spectateurs, ceux qu'on aurait "
           "tirés au hasard."],
    solution="b) Parmi les signalés, la part de partants est environ 1,5 fois celle de l'ensemble des spectateurs : "
             "la règle fait 1,5 fois mieux qu'un tirage au hasard (lift = précision ÷ taux de base).",
)
