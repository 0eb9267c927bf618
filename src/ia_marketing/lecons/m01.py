"""Formative questions of lesson 01 « Démystifier l'IA »."""

from __future__ import annotations

from ..checks import Question
from ..core.text import normalise_text

q1 = Question.choice(
    "q1", "b", options="abc",
    feedback={
        "a": "Une IA générative produit un contenu nouveau (un texte, une image). Ici, l'outil "
             "produit un nombre à partir de l'historique : relisez la définition de l'apprentissage automatique.",
        "c": "Un simple tableur applique des formules écrites par quelqu'un. Ici, l'outil a appris "
             "à partir des saisons passées : qu'est-ce que cela suggère ?",
    },
    hints=["Demandez-vous : l'outil produit-il un contenu nouveau, ou une prédiction apprise à partir d'exemples ?",
           "Il a appris à partir de quatre saisons de billets : c'est la définition de l'apprentissage automatique."],
    solution="b) De l'apprentissage automatique : l'outil a appris à partir d'exemples (les saisons "
             "passées) à prédire un nombre. Il ne génère pas de contenu.",
)

q2 = Question.choice(
    "q2", "b", options="abc",
    feedback={
        "a": "Le modèle n'interroge aucune base de données pendant qu'il écrit : il n'a que les "
             "probabilités apprises. Regardez à nouveau le tableau « pas à pas ».",
        "c": "Il arrive qu'un modèle restitue un passage très fréquent, mais en général il compose "
             "token par token. Regardez à nouveau le tableau « pas à pas ».",
    },
    hints=["Relisez le tableau « pas à pas » : que se passe-t-il à chaque étape ?",
           "À chaque étape, le modèle calcule des probabilités pour le token suivant, en choisit un, l'ajoute, et recommence."],
    solution="b) Il choisit un token à la fois, selon des probabilités apprises, puis recommence "
             "avec le texte allongé.",
)

#: Module 01, section 3: 200 newsletters, 300 tokens in and 150 out each,
#: 0.40 € and 1.60 € per million tokens.
q3 = Question.number(
    "q3", 200 * (300 * 0.40 + 150 * 1.60) / 1_000_000, rel_tol=1e-3,
    too_low="C'est trop peu. Avez-vous compté les tokens de sortie, et multiplié par les 200 messages ?",
    too_high="C'est trop. Avez-vous bien divisé par un million (les prix sont donnés par million de tokens) ?",
    hints=["Coût d'un message = (tokens d'entrée × prix d'entrée + tokens de sortie × prix de sortie) / 1 000 000.",
           "Calculez le coût d'un message, puis multipliez-le par 200. Le résultat est de l'ordre de quelques centimes."],
    solution="cout_200 = 200 * (300 * 0.40 + 150 * 1.60) / 1_000_000, soit 0,072 € : "
             "quelques centimes pour 200 messages à ces prix (fictifs).",
)

q4 = Question.choice(
    "q4", "b", options="abc",
    feedback={
        "a": "À température 0, le modèle prend toujours le token le plus probable : vous obtiendriez "
             "vingt fois le même slogan. C'est ce que montre la mesure de la section 4 : 1 suite "
             "différente sur 20.",
        "c": "Une température très élevée tasse les écarts : les candidats improbables sont tirés de plus "
             "en plus souvent (revoyez le candidat D du tableau à T = 2), et chacun peut faire dévier la "
             "phrase. Or, dans la mesure de la section 4, les vingt suites sont déjà toutes différentes "
             "autour de 1 : la variété voulue est là sans aller au maximum.",
    },
    hints=["Cherchez la température qui donne de la variété sans laisser trop de chances aux candidats improbables.",
           "Relisez la mesure de la section 4 : combien de suites différentes sur 20 à la température 0 ? "
           "Et à la température 1 ?"],
    solution="b) Une température autour de 1 : dans la mesure de la section 4, les vingt suites y sont "
             "toutes différentes et moins de la moitié commencent par le même mot ; plus haut, les "
             "candidats improbables sont tirés de plus en plus souvent. Vous relirez et choisirez ensuite.",
)


def _reference_connue(reference: str, catalogue: list[str]) -> bool:
    return normalise_text(reference) in {normalise_text(c) for c in catalogue}


q5 = Question.function(
    "q5", _reference_connue,
    cases=[
        ("Baromètre des publics 2024", ["Baromètre des publics 2024", "Rapport d'activité 2023"]),
        ("Étude Fréquentation 2022", ["Baromètre des publics 2024"]),
        ("  baromètre   des PUBLICS 2024 ", ["Baromètre des publics 2024"]),
        ("Rapport d'activite 2023", ["Rapport d'activité 2023"]),
        ("Rapport", []),
    ],
    hints=["Comparez les deux textes après les avoir « normalisés » : tout en minuscules, sans accents, sans espaces en trop.",
           "Dans le squelette, la condition du if est : normaliser(titre) == cible."],
    solution="def reference_connue(reference, catalogue):\n"
             "    cible = normaliser(reference)\n"
             "    for titre in catalogue:\n"
             "        if normaliser(titre) == cible:\n"
             "            return True\n"
             "    return False",
)

q6 = Question.choice(
    "q6", "c", options="abc",
    feedback={
        "a": "Le modèle ne « pense » pas : il reproduit les régularités des textes sur lesquels il a été "
             "entraîné. Relisez la section 6.",
        "b": "Un grand modèle est davantage corrigé, mais les biais de ses données ne disparaissent pas "
             "pour autant : il faut toujours relire et tester.",
    },
    hints=["D'où viennent les probabilités du modèle ?",
           "Elles viennent des textes d'entraînement, écrits par des humains, avec leurs habitudes "
           "(le masculin quand le genre n'est pas dit) et leurs stéréotypes."],
    solution="c) Le modèle reproduit des régularités de ses textes d'entraînement : ici surtout le masculin "
             "employé quand le genre n'est pas dit, avec des écarts d'un métier à l'autre. La mesure ne dit "
             "pas d'où vient chaque écart ; c'est à nous de tester, de relire et de corriger.",
)
