"""The hints of every formative question of the lessons (`ia_marketing.lecons.m0N`): they come
in the order of the table, the last one (and only it) points to `qN.solution()`, each can be
asked for by its level, and every question of every lesson has its entry here.
"""

from __future__ import annotations

import copy

import pytest
from lesson_questions import LESSONS, key_id, question, question_names

#: (module, name) -> a distinctive phrase of each hint, in the order they must come
HINTS = {
    # -- m00 « Prise en main » --
    ("m00", "q1"): ["la ligne la plus utile est la dernière", "« is not defined » signifie"],
    ("m00", "q2"): ["Taux de remplissage = billets vendus ÷ jauge", "billets_vendus_concert et jauge_concert"],
    ("m00", "q3"): ["Une f-string commence par la lettre f", "ajoutez la date de la même façon"],
    ("m00", "q4"): ["la variable titre prend la valeur d'un spectacle", "messages.append(message) est déjà écrite"],
    ("m00", "q5"): ["on multiplie par 1.055", "round(valeur, 2)"],
    ("m00", "q6"): ["Filtrez d'abord", "comptez les lignes du tableau filtré avec len(...)"],
    # -- m01 « Démystifier l'IA » --
    ("m01", "q1"): ["l'outil produit-il un contenu nouveau", "quatre saisons de billets"],
    ("m01", "q2"): ["Relisez le tableau « pas à pas »", "le modèle calcule des probabilités pour le token suivant"],
    ("m01", "q3"): ["Coût d'un message =", "multipliez-le par 200"],
    ("m01", "q4"): ["de la variété sans laisser trop de chances", "combien de suites différentes sur 20"],
    ("m01", "q5"): ["après les avoir « normalisés »", "normaliser(titre) == cible"],
    ("m01", "q6"): ["D'où viennent les probabilités du modèle", "Elles viennent des textes d'entraînement"],
    # -- m02 « Prompting » --
    ("m02", "q1"): ["ce que le modèle ne peut pas deviner", "ni le titre, ni la date, ni le public"],
    ("m02", "q2"): ["Comparez les points d'une même colonne", "que faut-il faire avant de se fier à un prompt"],
    ("m02", "q3"): ["une règle stricte sur les guillemets", "entre guillemets doubles"],
    ("m02", "q4"): ["tout le prompt est du texte du même genre", "traiter l'avis comme une donnée"],
    ("m02", "q5"): ["le prompt ou la réponse", "Le modèle local est un modèle de base"],
    # -- m03 « Nettoyer ses données » --
    ("m03", "q1"): ["lue sans précaution : quel est son type", "se lit comme du texte"],
    ("m03", "q2"): ["rien ne se perd", "Lignes gardées + lignes mises de côté = lignes lues"],
    ("m03", "q3"): ["les colonnes « écartés à tort » et « vrais doublons manqués »", "Que coûte un doublon manqué"],
    ("m03", "q4"): ["Pseudonymiser, est-ce anonymiser", "colonnes qui n'ont pas été pseudonymisées"],
    # -- m04 « Segmenter ses publics » --
    ("m04", "q1"): ["lisez son résumé", "len(resultat.set_aside)"],
    ("m04", "q2"): ["pd.qcut directement sur la fréquence", "ils sont ex aequo"],
    ("m04", "q3"): ["deux découpages, ou un découpage et la vérité", "1 veut dire « exactement les mêmes groupes »"],
    ("m04", "q4"): ["Le lift divise la précision par le taux de base", "ceux qu'on aurait tirés au hasard"],
    # -- m05 « Charte d'usage de l'IA » --
    ("m05", "q1"): ["de la santé de l'enfant", "Relisez les règles « sensible »"],
    ("m05", "q2"): ["Quelle est la seule exception", "L'exception vise nos propres clients"],
    ("m05", "q3"): ["l'appel qui a donné etape_3, et ajoutez-lui k=10", "son attribut lignes_a_risque"],
    ("m05", "q4"): ["le fournisseur seulement, ou aussi celui qui publie", "connaît une exception"],
    ("m05", "q5"): ["création intellectuelle propre à son auteur", "Un prompt seul, sans retouche ni sélection"],
    ("m05", "q6"): ['campagne["territoire"] == "Port-Rivage"', "arrondissez à deux décimales"],
    ("m05", "q7"): ["comme un verdict ou comme un signal", "Qu'a révélé la recherche de la cause"],
    ("m05", "q8"): ["Énergie en wattheures", "multipliez par 40"],
}

KEYS = sorted(HINTS)


@pytest.mark.parametrize("module", LESSONS)
def test_every_question_of_the_lesson_is_covered(module):
    assert question_names(module) == {name for m, name in HINTS if m == module}


@pytest.mark.parametrize("key", KEYS, ids=key_id)
def test_hints_come_in_order_and_the_last_points_to_the_solution(key):
    name = key[1]
    q = copy.copy(question(*key))  # its own hint counter
    phrases = HINTS[key]
    n = len(phrases)
    assert len(q.hints) == n
    for k, phrase in enumerate(phrases, start=1):
        note = q.hint_text()
        assert f"{name} — indice {k}/{n}" in note.title
        assert phrase in note.text
        assert (f"{name}.solution()" in note.text) == (k == n)
    again = q.hint_text()  # past the last one: the last one again
    assert f"indice {n}/{n}" in again.title and phrases[-1] in again.text


@pytest.mark.parametrize("key", KEYS, ids=key_id)
def test_hint_by_level(key):
    q = question(*key)
    for k, phrase in enumerate(HINTS[key], start=1):
        assert phrase in q.hint_text(k).text
    assert "dernier indice" in q.hint_text(len(HINTS[key])).text
