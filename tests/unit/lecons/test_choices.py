"""Every multiple-choice question of the lessons (`ia_marketing.lecons.m0N`), tested both ways as
Kaggle learntools tests its checkers: the answer the lesson implies passes in any reasonable
spelling, every other option fails with the feedback meant for it and no other, anything that is
not one of the options is refused without giving the answer away.

Every expected answer below comes from the lesson's notebook (`modules/0N_*.ipynb`), not from the
checker: the comment above each entry quotes the passage of the lesson that decides it. The other
questions (numbers, functions, custom checkers) are tested in `test_m0N.py`.
"""

from __future__ import annotations

import pytest
from lesson_questions import LESSONS, NOT_A_CHOICE, fails, key_id, not_attempted, passes, question, question_names

#: (module, name) -> (correct letter, {wrong letter: distinctive phrase of the feedback meant for it})
CHOICES = {
    # -- m00 « Prise en main » (modules/00_prise_en_main.ipynb) --
    # « la ligne utile est la dernière » … « b) Je lis la dernière ligne : la variable prix n'existe pas encore »
    ("m00", "q1"): ("b", {"a": "Redémarrer ne sert à rien",                         # a) Je redémarre l'ordinateur.
                          "c": "Supprimer la cellule fait disparaître le message"}),  # c) Je supprime la cellule…
    # -- m01 « Démystifier l'IA » (modules/01_demystifier_ia.ipynb) --
    # « Prédire le nombre de billets qu'un spectacle vendra, à partir des saisons passées |
    #   apprentissage automatique (prédiction) » → b) de l'apprentissage automatique
    ("m01", "q1"): ("b", {"a": "Une IA générative produit un contenu nouveau",    # a) de l'IA générative
                          "c": "Un simple tableur applique des formules"}),       # c) un simple tableur
    # « Écrire, pour un modèle, c'est répéter cette prédiction : il choisit un token, l'ajoute… »
    #   → b) choisit un token à la fois, selon des probabilités apprises
    ("m01", "q2"): ("b", {"a": "n'interroge aucune base de données",             # a) base de données
                          "c": "il compose token par token"}),                    # c) recopie par cœur
    # « à 0, les vingt suites sont identiques » ; « de 0,5 à 1,5, les vingt suites sont toutes
    #   différentes » ; « haute : les candidats improbables sont tirés plus souvent »
    #   → b) autour de 1 pour vingt slogans variés
    ("m01", "q4"): ("b", {"a": "À température 0, le modèle prend toujours le token le plus probable",  # a) à 0
                          "c": "Une température très élevée"}),                                       # c) au maximum
    # « Les probabilités viennent des textes d'entraînement » ; « Faute d'indice, le modèle donne le
    #   plus souvent l'avantage au masculin : on y reconnaît l'usage du masculin dit « générique » »
    #   → c) parce qu'il reproduit des régularités de ses textes d'entraînement…
    ("m01", "q6"): ("c", {"a": "Le modèle ne « pense » pas",                       # a) il a réfléchi
                          "b": "les biais de ses données ne disparaissent pas"}),  # b) les grands n'ont aucun biais
    # -- m02 « Prompting » (modules/02_prompting.ipynb) --
    # « La première laisse le modèle tout deviner : quel spectacle, pour qui… Il comblera les trous
    #   avec … du générique ou de l'inventé » → c) le contexte et le public visé
    ("m02", "q1"): ("c", {"a": "Un rôle aide un peu le ton",     # a) un rôle
                          "b": "Un format aide"}),               # b) un format
    # « le choix des exemples compte autant que leur nombre » → b)
    ("m02", "q2"): ("b", {"a": "« Toujours » est de trop",        # a) améliorent toujours
                          "c": "les exemples ne sont pas inutiles"}),  # c) ne servent à rien
    # « Trois réponses sur quatre font planter json.loads » (dont les guillemets simples) → b) une erreur
    ("m02", "q3"): ("b", {"a": "Essayez dans une cellule : json.loads",      # a) renvoie le dictionnaire
                          "c": "json.loads ne renvoie un texte que si"}),    # c) renvoie le texte tel quel
    # « traiter l'avis comme une donnée … ne jamais publier … sans relecture humaine » → b)
    ("m02", "q4"): ("b", {"a": "une consigne de plus n'empêche pas",          # a) une consigne de plus
                          "c": "La température change la variété des réponses"}),  # c) monter la température
    # « elle note le prompt, pas la réponse » ; « un modèle de base : il a appris à continuer des
    #   textes, pas à obéir » → b)
    ("m02", "q5"): ("b", {"a": "La grille fait ce qu'elle annonce",        # a) grille défectueuse
                          "c": "À température 0, le modèle répond de façon stable"}),  # c) température trop basse
    # -- m03 « Nettoyer ses données » (modules/03_nettoyer_donnees.ipynb) --
    # « un identifiant fait de chiffres (code postal, téléphone, numéro client) se lit comme du texte »
    #   → b) comme du texte
    ("m03", "q1"): ("b", {"a": "Un code postal n'est pas un nombre",        # a) comme des nombres entiers
                          "c": "Le zéro perdu ne revient pas tout seul"}),  # c) peu importe
    # the table « 2 000 lignes » / « 100 000 lignes » (souple : 0 puis 8 « écartés à tort » ; stricte :
    #   87 « vrais doublons manqués » contre 22) and « Un doublon manqué coûte un envoi en double » ;
    #   « Deux personnes fusionnées, c'est plus grave » → c) la souple fusionne des homonymes
    ("m03", "q3"): ("c", {"a": "la règle souple n'écarte personne à tort",    # a) souple fautive à 2 000 lignes
                          "b": "la règle stricte en laisse passer davantage"}),  # b) la stricte ne manque rien
    # « des données pseudonymisées restent des données personnelles » ; « une date de naissance et
    #   un code postal suffisent souvent à retrouver une personne » → b) données personnelles
    ("m03", "q4"): ("b", {"a": "Un pseudonyme reste lié à une personne",             # a) publier : anonyme
                          "c": "une date de naissance et un code postal"}),          # c) n'importe quel service
    # -- m04 « Segmenter ses publics » (modules/04_segmenter_publics.ipynb) --
    # « plus d'un tiers des spectateurs ont exactement un achat. Ils sont ex aequo, et on ne peut pas
    #   couper au milieu d'un groupe de valeurs égales » → c) trop ont la même valeur
    ("m04", "q2"): ("c", {"a": "La vitesse n'y est pour rien",                      # a) pour aller plus vite
                          "b": "pas sur le nom du spectateur"}),                    # b) ordre alphabétique
    # « 1, ce sont exactement les mêmes groupes (même si leurs numéros changent) » ; « ces groupes ne
    #   sont pas un accident du hasard de départ. Cela ne dit pas qu'ils sont utiles, ni qu'ils sont
    #   « vrais » » → a) presque les mêmes groupes d'une graine à l'autre
    ("m04", "q3"): ("a", {"b": "L'indice compare deux découpages entre eux",        # b) 99 % bien classés
                          "c": "n'est pas un nombre de groupes"}),                  # c) 99 groupes
    # « le lift = précision ÷ taux de base : combien de fois la liste fait mieux qu'un tirage au
    #   hasard » ; « parmi les signalés, la part de partants (93,1 %) est une fois et demie celle de
    #   l'ensemble (61,6 %) » → b)
    ("m04", "q4"): ("b", {"a": "c'est la précision, pas le lift",                   # a) 51 % des signalés
                          "c": "le rappel ne dépasse jamais 100 %"}),               # c) 1,5 fois plus qu'il n'y en a
    # -- m05 « Charte d'usage de l'IA » (modules/05_charte_ia.ipynb) --
    # « sensible : une catégorie particulière de l'article 9 du RGPD (santé, handicap compris…) »
    #   → c) une donnée de santé
    ("m05", "q1"): ("c", {"a": "c'est une donnée personnelle",                      # a) non personnelle (un goûter)
                          "b": "Un quasi-identifiant aide à retrouver qui est qui"}),  # b) un quasi-identifiant
    # « exception : l'adresse a été recueillie auprès de la personne lors d'un achat, le message porte
    #   sur des produits ou services analogues … et la personne a pu refuser … lors de la collecte et
    #   dans chaque message » → a) la spectatrice qui a acheté sur le site et a pu refuser
    ("m05", "q2"): ("a", {"b": "Une adresse visible en ligne n'est pas un accord",  # b) adresse publiée en ligne
                          "c": "Leur accord porte sur les offres du festival"}),    # c) fichier d'un festival
    # « sauf si ce texte a été relu par une personne … et qu'une personne physique ou morale en assume
    #   la responsabilité éditoriale (art. 50, paragraphe 4, alinéa 2) » → b)
    ("m05", "q4"): ("b", {"a": "Le règlement prévoit une exception",                # a) oui, toujours
                          "c": "le déployeur, a aussi des obligations"}),           # c) seul le fournisseur
    # « un résultat produit par une IA sans choix créatifs humains n'est en principe pas protégé » ;
    #   « des prompts seuls ne suffisent pas » → b) probablement pas protégée
    ("m05", "q5"): ("b", {"a": "Payer un outil ne fait pas un auteur",              # a) le théâtre est auteur
                          "c": "Une machine n'est pas un auteur"}),                 # c) le fournisseur est auteur
    # « un signal pour regarder de plus près, pas un verdict » ; « on écrit la raison de chaque écart,
    #   ou l'on corrige la règle » → a) un signal
    ("m05", "q7"): ("a", {"b": "n'est pas une règle de droit français",             # b) la règle est illégale
                          "c": "mérite d'être compris dans tous les domaines"}),    # c) ne concerne pas le marketing
}
OPTIONS = "abc"  # every choice question of the lessons lists a), b), c)

#: The questions of each lesson that are not multiple choice (tested in test_m0N.py).
OTHER_QUESTIONS = {
    "m00": {"q2", "q3", "q4", "q5", "q6"},
    "m01": {"q3", "q5"},
    "m02": set(),
    "m03": {"q2"},
    "m04": {"q1"},
    "m05": {"q3", "q6", "q8"},
}

#: How a learner may write the correct letter "b": each must pass.
SPELLINGS = {
    "lower": lambda c: c,
    "upper": lambda c: c.upper(),
    "spaces": lambda c: f" {c} ",
    "parenthesis": lambda c: f"{c})",
    "full stop": lambda c: f"{c}.",
}
#: Strings that are not one of the options a, b, c.
OUTSIDE_THE_OPTIONS = ["d", "e", "z", "ab", "1", "oui"]
#: Answers that are not a string at all; the last two hold the correct letter.
NON_STRINGS = {
    "1": lambda c: 1,
    "2": lambda c: 2,
    "3": lambda c: 3,
    "0.5": lambda c: 0.5,
    "2.0": lambda c: 2.0,
    "2.5": lambda c: 2.5,
    "True": lambda c: True,
    "[letter]": lambda c: [c],
    "(letter,)": lambda c: (c,),
}
#: What the learner's cell holds before it is answered.
PLACEHOLDERS = [..., None, "", "  "]

KEYS = sorted(CHOICES)


def wrong_cases():
    return [pytest.param(key, letter, phrase, id=f"{key_id(key)}-{letter}")
            for key in KEYS for letter, phrase in sorted(CHOICES[key][1].items())]


def cases(variants):
    """Every choice question crossed with every (id, variant) of *variants*."""
    return [pytest.param(key, variant, id=f"{key_id(key)}-{name}")
            for key in KEYS for name, variant in variants.items()]


@pytest.mark.parametrize("module", LESSONS)
def test_every_choice_question_of_the_lesson_is_in_the_table(module):
    choices = {name for m, name in CHOICES if m == module}
    assert not choices & OTHER_QUESTIONS[module]
    assert question_names(module) == choices | OTHER_QUESTIONS[module]


@pytest.mark.parametrize("key, spell", cases(SPELLINGS))
def test_reference_answer_passes(key, spell):
    correct, _ = CHOICES[key]
    out = passes(question(*key), spell(correct))
    assert out.question == key[1]


@pytest.mark.parametrize("key, letter, phrase", wrong_cases())
def test_each_wrong_option_gets_its_own_feedback(key, letter, phrase):
    fails(question(*key), letter, phrase)
    fails(question(*key), letter.upper(), phrase)


@pytest.mark.parametrize("key", KEYS, ids=key_id)
def test_every_other_option_fails_without_another_options_feedback(key):
    correct, feedback = CHOICES[key]
    wrong = [o for o in OPTIONS if o != correct]
    assert sorted(feedback) == wrong  # each wrong option has a feedback
    for letter in wrong:
        out = fails(question(*key), letter)
        others = [p for k, p in feedback.items() if k != letter]
        assert not any(p in out.message for p in others), "feedback attached to the wrong option"


@pytest.mark.parametrize("key, answer", cases({a: a for a in OUTSIDE_THE_OPTIONS}))
def test_letter_outside_the_options(key, answer):
    fails(question(*key), answer, f"« {answer} » {NOT_A_CHOICE}", "a, b, c")


@pytest.mark.parametrize("key, make", cases(NON_STRINGS))
def test_non_string_asks_for_a_letter_without_giving_the_answer(key, make):
    correct, _ = CHOICES[key]
    out = fails(question(*key), make(correct), "Répondez par une lettre entre guillemets")
    assert f'"{correct}"' not in out.message


@pytest.mark.parametrize("key, value", cases({repr(v): v for v in PLACEHOLDERS}))
def test_placeholder_is_not_attempted(key, value):
    not_attempted(question(*key), value)


@pytest.mark.parametrize("key", KEYS, ids=key_id)
def test_solution_starts_with_the_correct_letter(key):
    correct, _ = CHOICES[key]
    assert question(*key)._solution.startswith(f"{correct})")
