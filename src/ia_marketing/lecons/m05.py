"""Formative questions of lesson 05 « Charte d'usage de l'IA »."""

from __future__ import annotations

from ..checks import Question

q1 = Question.choice(
    "q1", "c", options="abc",
    feedback={
        "a": "Une allergie se rapporte à une personne précise, l'enfant inscrit : c'est une donnée personnelle. "
             "Demandez-vous ensuite ce qu'elle révèle de lui.",
        "b": "Un quasi-identifiant aide à retrouver qui est qui (code postal, date de naissance). La question ici "
             "est ce que la réponse révèle de la personne.",
    },
    hints=["Une allergie dit-elle quelque chose de la santé de l'enfant ?",
           "Relisez les règles « sensible » de classification_rules() : quelles catégories de l'article 9 y figurent ?"],
    solution="c) Une allergie est une donnée de santé, catégorie particulière de l'article 9 du RGPD. On ne la "
             "collecte que si elle est nécessaire (la sécurité de l'atelier), avec l'une des exceptions de "
             "l'article 9, paragraphe 2 (souvent le consentement explicite des parents), on la garde à part, et "
             "elle n'entre jamais dans un outil d'IA.",
)

q2 = Question.choice(
    "q2", "a", options="abc",
    feedback={
        "b": "Une adresse visible en ligne n'est pas un accord : pour un particulier, la prospection par e-mail "
             "demande son consentement préalable (art. L34-5 CPCE), sauf une seule exception.",
        "c": "Leur accord porte sur les offres du festival, pas sur celles du théâtre : l'exception ne vaut que "
             "pour les propres clients de celui qui envoie.",
    },
    hints=["Le principe, pour un particulier : un accord préalable. Quelle est la seule exception ?",
           "L'exception vise nos propres clients, pour des services analogues, avec un refus possible dès la "
           "collecte et dans chaque message."],
    solution="a) C'est l'exception « client » de l'article L34-5 du CPCE : l'adresse a été recueillie lors d'un "
             "achat, la newsletter porte sur des services analogues du même théâtre, et la spectatrice a pu "
             "refuser à la collecte et peut le faire dans chaque envoi.",
)

q3 = Question.number(
    "q3", 13, rel_tol=0,
    too_low="C'est trop peu : avec k = 10, un groupe de 5 à 9 personnes est trop petit lui aussi. Avez-vous "
            "bien passé k=10 à k_anonymity, et compté des lignes (pas des combinaisons) ?",
    too_high="C'est trop : partez de la dernière étape, generalise_3, avec ses colonnes lieu, age et civilite "
             "(pas de generalise_1 ni du fichier brut), et comptez seulement les lignes des groupes de moins de "
             "10 personnes.",
    hints=["Reprenez l'appel qui a donné etape_3, et ajoutez-lui k=10.",
           "k_anonymity(generalise_3, [\"lieu\", \"age\", \"civilite\"], k=10) : son résumé, ou son attribut "
           "lignes_a_risque, donne le nombre de lignes."],
    solution="13 : avec k = 10, 2 combinaisons sur 42 regroupent moins de 10 personnes (les hommes et les femmes "
             "de 80 ans et plus qui habitent hors des Alpes-Maritimes), soit 13 lignes (0,4 %). Pour les protéger "
             "aussi, il faudrait généraliser encore : chaque seuil plus exigeant coûte du détail.",
)

q4 = Question.choice(
    "q4", "b", options="abc",
    feedback={
        "a": "Le règlement prévoit une exception à cette obligation : relisez le passage sur l'article 50, "
             "paragraphe 4, alinéa 2.",
        "c": "Le fournisseur marque les contenus (art. 50, paragraphe 2), mais celui qui publie, le déployeur, "
             "a aussi des obligations (art. 50, paragraphe 4).",
    },
    hints=["Qui a des obligations dans l'article 50 : le fournisseur seulement, ou aussi celui qui publie ?",
           "L'obligation de signaler un texte d'intérêt public connaît une exception : laquelle ?"],
    solution="b) L'article 50, paragraphe 4, alinéa 2 dispense de la mention un texte relu par une personne (ou "
             "soumis à un contrôle éditorial) dont une personne physique ou morale assume la responsabilité "
             "éditoriale. Rien n'empêche de le signaler quand même.",
)

q5 = Question.choice(
    "q5", "b", options="abc",
    feedback={
        "a": "Payer un outil ne fait pas un auteur, et des prompts seuls ne suffisent pas, en l'état de la "
             "technique (US Copyright Office, janvier 2025) : il faut des choix créatifs humains.",
        "c": "Une machine n'est pas un auteur, et le fournisseur n'a fait aucun choix créatif sur cette affiche.",
    },
    hints=["Pour la Cour de justice, une œuvre protégée est une création intellectuelle propre à son auteur "
           "(Infopaq, 2009). Qui a fait des choix créatifs ici ?",
           "Un prompt seul, sans retouche ni sélection : le rapport du Copyright Office de janvier 2025 dit-il "
           "que cela suffit ?"],
    solution="b) Sans choix créatifs humains (composition, retouche, sélection), l'affiche n'est en principe pas "
             "une œuvre originale : le théâtre pourra difficilement invoquer le droit d'auteur contre sa reprise. "
             "Aucun tribunal français ne l'a encore tranché de façon définitive.",
)

q6 = Question.number(
    "q6", 0.5495, rel_tol=0, abs_tol=0.005,
    too_low="C'est trop bas. Filtrez bien sur Port-Rivage (le rapport des Alpes-Maritimes entières, ou du reste "
            "du département, n'est pas le même), et lisez la colonne « rapport », pas « taux ».",
    too_high="C'est trop haut : avez-vous filtré campagne sur les habitants de Port-Rivage avant l'audit ? Le "
             "rapport divise le taux des 60-74 ans par le plus haut taux des tranches d'âge de Port-Rivage.",
    hints=["Filtrez campagne comme pour alpes_maritimes plus haut, avec la condition "
           "campagne[\"territoire\"] == \"Port-Rivage\".",
           "Passez ce tableau à selection_audit(…, \"cible\", [\"tranche_age\"]), lisez la colonne « rapport » de "
           "la ligne des 60-74 ans dans sa table, et arrondissez à deux décimales."],
    solution="0,55 : à Port-Rivage, 42 % des 60-74 ans ont été invités, contre 77 % des moins de 30 ans, le taux "
             "le plus élevé ; 0,42 ÷ 0,77 ≈ 0,55, sous le seuil des quatre cinquièmes (0,8). Même parmi les "
             "habitants de la ville, l'écart d'âge reste entier : ce n'est pas la distance, c'est le score.",
)

q7 = Question.choice(
    "q7", "a", options="abc",
    feedback={
        "b": "Le seuil des quatre cinquièmes n'est pas une règle de droit français : c'est une alerte. Un écart "
             "peut avoir une raison légitime ; l'audit sert à la chercher.",
        "c": "Le seuil vient bien du recrutement américain, mais un écart de cette taille mérite d'être "
             "compris dans tous les domaines : ici, un critère en cachait un autre.",
    },
    hints=["Le cours lit-il les quatre cinquièmes comme un verdict ou comme un signal ?",
           "Qu'a révélé la recherche de la cause, dans la campagne de 2025 ?"],
    solution="a) Un rapport sous 0,8 est un signal pour regarder de plus près. Ici, la cause était un critère "
             "proxy (la part d'achats sur le web mesurait l'âge) : on écrit la raison d'un écart justifié, ou "
             "l'on corrige la règle, puis on refait l'audit.",
)

q8 = Question.number(
    "q8", 1.0, rel_tol=1e-3,
    too_low="C'est trop peu : énergie (Wh) = puissance (W) × durée en heures. Combien d'heures font "
            "90 secondes ?",
    too_high="C'est trop : avez-vous converti les secondes en heures ? Une heure compte 3 600 secondes.",
    hints=["Énergie en wattheures = puissance en watts × durée en heures.",
           "90 secondes = 90 / 3 600 heure ; multipliez par 40."],
    solution="1,0 Wh : 40 W × 90 s ÷ 3 600 s par heure = 1 Wh. C'est ce que calcule energy_wh(90, 40) du paquet "
             "ia_marketing.ethics.",
)
