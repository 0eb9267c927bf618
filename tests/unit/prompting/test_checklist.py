"""The checklist of the module-02 prompt workshop (`ia_marketing.prompting.checklist`).

Every rule is tested both ways on realistic prompts of the Théâtre du Rivage.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ia_marketing.prompting.checklist import RULES, PromptFeedback, evaluate_prompt, rules_table
from ia_marketing.prompting.parts import PromptParts

# -- realistic prompts -------------------------------------------------------------------------
PRESS_RELEASE = (
    "Tu es chargée des relations presse du Théâtre du Rivage. Rédige un communiqué de presse "
    "pour des journalistes culture de la presse régionale, qui annonce la première de « Sillage », "
    "ballet contemporain de la compagnie Onde, le 27 septembre à 20 h. Trois paragraphes, "
    "250 mots au maximum, avec un titre accrocheur.")
NEWSLETTER = (
    "Vous êtes responsable de la communication du Théâtre du Rivage. Rédigez la newsletter de "
    "rentrée pour nos abonnés fidèles : elle présente trois spectacles de la saison 2025-2026 "
    "(danse, cirque et jeune public). Format : un objet d'e-mail puis un texte court, en liste à "
    "puces.")
REVIEWS_FEW_SHOT = (
    "Tu es analyste des avis de spectateurs du Théâtre du Rivage.\n"
    "Classe chaque avis en positif, négatif ou neutre. Réponds uniquement par l'étiquette.\n\n"
    "Avis : Une soirée magique, les danseurs étaient époustouflants !\n"
    "Sentiment : positif\n\n"
    "Avis : Spectacle trop long et salle glaciale, nous sommes partis à l'entracte.\n"
    "Sentiment : négatif\n\n"
    "Avis : La mise en scène était sobre, rien de marquant.\n"
    "Sentiment :")
REVIEWS_ZERO_SHOT = (
    "Classe cet avis de spectateur en positif, négatif ou neutre. Réponds uniquement par "
    "l'étiquette.\nAvis : « La mise en scène était sobre, rien de marquant. »")
VAGUE = "Je voudrais un truc sur la nouvelle saison."


def _result(prompt, rule_id):
    return evaluate_prompt(prompt).result(rule_id)


# =============================================================================================
# Every rule, both ways
# =============================================================================================
BOTH_WAYS = {
    # rule id: (a prompt that meets it, a prompt that does not)
    "donnees_personnelles": (
        "Rédige un e-mail de relance pour {prenom}, abonné depuis 2019, écrit à {email}.",
        "Rédige un e-mail de relance pour Jean Dupont (jean.dupont@mail.example, 06 12 34 56 78)."),
    "tache": (
        "Rédige un post Instagram sur « Sillage » au Théâtre du Rivage.",
        "Le Théâtre du Rivage présente « Sillage », un ballet contemporain, le 27 septembre."),
    "exemples": (REVIEWS_FEW_SHOT, REVIEWS_ZERO_SHOT),
    "contexte": (
        "Rédige un post pour nos abonnés sur le festival de cirque du Théâtre du Rivage.",
        "Rédige un texte de 80 mots pour nos abonnés."),
    "public": (
        "Rédige une newsletter pour nos abonnés sur la saison 2025-2026 du Théâtre du Rivage.",
        "Rédige une newsletter sur la saison 2025-2026 du Théâtre du Rivage."),
    "format": (
        "Propose des idées de sorties en famille au Théâtre du Rivage, sous forme de liste à puces.",
        "Propose des idées de sorties en famille au Théâtre du Rivage."),
    "longueur": (
        "Rédige un post LinkedIn de 80 mots pour annoncer la saison du Théâtre du Rivage.",
        "Rédige un post LinkedIn pour annoncer la saison du Théâtre du Rivage."),
    "role": (
        "Tu es community manager d'un théâtre. Rédige un post sur « Sillage ».",
        "Rédige un post sur « Sillage », le nouveau ballet du Théâtre du Rivage."),
}


def test_every_rule_is_tested_both_ways():
    assert set(BOTH_WAYS) == {rule.id for rule in RULES}


@pytest.mark.parametrize("rule_id", list(BOTH_WAYS))
def test_rule_met(rule_id):
    r = _result(BOTH_WAYS[rule_id][0], rule_id)
    assert r.satisfied is True, r.explanation
    assert r.status == "oui" and r.explanation


@pytest.mark.parametrize("rule_id", list(BOTH_WAYS))
def test_rule_not_met(rule_id):
    feedback = evaluate_prompt(BOTH_WAYS[rule_id][1])
    r = feedback.result(rule_id)
    assert r.satisfied is False, r.explanation
    assert r.status == "non"
    assert r in feedback.missing
    assert r.suggestion  # each missing rule comes with a concrete suggestion


def test_task_verbs_in_their_usual_forms():
    for prompt in ("Résume cet article de presse sur le festival.",
                   "Rédigez un communiqué.",
                   "Merci de rédiger trois slogans.",
                   "Peux-tu traduire ce texte en anglais ?",
                   "Je veux que tu écrives… non : que tu rédiges une invitation.",
                   "redige un communique sans accents",  # typed without accents
                   "Lis cet avis, puis classe-le."):
        assert _result(prompt, "tache").satisfied, prompt
    # the same words as nouns or third persons are not instructions
    for prompt in ("Le théâtre propose une saison riche ; voici un résumé et une liste des dates.",
                   VAGUE):
        assert not _result(prompt, "tache").satisfied, prompt


def test_task_explanation_quotes_the_verb_as_written():
    r = _result(PRESS_RELEASE, "tache")
    assert "« Rédige »" in r.explanation


def test_examples_rule_applies_only_to_pattern_tasks():
    for prompt in (PRESS_RELEASE, NEWSLETTER, VAGUE):
        r = _result(prompt, "exemples")
        assert r.satisfied is None and not r.applicable
        assert r.explanation.startswith("Sans objet")
    for prompt in (REVIEWS_ZERO_SHOT, "Extrais les dates de ce texte : « Sillage, le 27 septembre ».",
                   "Reformule ce slogan pour des adolescents : « Venez nombreux ! »"):
        assert _result(prompt, "exemples").satisfied is False, prompt
    # the ways an example can show in a free text
    for prompt in ("Classe l'avis. Exemple : « Bravo ! » donne positif.",
                   "Classe l'avis.\nUne soirée magique ! → positif\nRien de marquant. →",
                   "Extrais la date.\nEntrée : Sillage, le 27 septembre\nSortie : 27 septembre"):
        assert _result(prompt, "exemples").satisfied is True, prompt


def test_structured_examples_field_counts():
    parts = PromptParts(tache="Classe l'avis en positif, négatif ou neutre.",
                        exemples=[("Une soirée magique !", "positif")])
    r = evaluate_prompt(parts).result("exemples")
    assert r.satisfied is True and "champ « Exemples »" in r.explanation
    assert evaluate_prompt(PromptParts(tache=parts.tache)).result("exemples").satisfied is False


def test_audience_and_length_do_not_apply_to_classification():
    feedback = evaluate_prompt(REVIEWS_FEW_SHOT)
    assert feedback.result("public").satisfied is None
    assert feedback.result("longueur").satisfied is None
    assert feedback.n_applicable == len(RULES) - 2
    # « Réponds uniquement par… » is a format, not a second task that would need an audience
    assert feedback.result("format").satisfied is True


def test_structured_fields_count_but_section_labels_do_not():
    bare = evaluate_prompt(PromptParts(tache="Rédige un texte sur la saison."))
    # the labels « Tâche : », « Format attendu : »… are not taken for a format or a role
    assert bare.result("format").satisfied is False
    assert bare.result("role").satisfied is False
    full = evaluate_prompt(PromptParts(role="Chargée de communication", contexte="Saison 2025-2026",
                                       tache="Rédige un post.", format_attendu="Post Instagram"))
    for rule_id in ("role", "contexte", "format"):
        assert full.result(rule_id).satisfied is True
        assert "champ" in full.result(rule_id).explanation


def test_personal_data_detection():
    r = _result(BOTH_WAYS["donnees_personnelles"][1], "donnees_personnelles")
    assert "jean.dupont@mail.example" in r.explanation and "06 12 34 56 78" in r.explanation
    assert r.explanation.startswith("Données personnelles trouvées")
    assert "adresse e-mail" in r.explanation and "numéro de téléphone" in r.explanation
    clean = _result("Rédige un post Instagram de 50 mots pour la saison 2025-2026 : 180 places, "
                    "tarif 21 €, le 27/09 à 20 h.", "donnees_personnelles")
    assert clean.satisfied is True
    # the address is not mistaken for a format (« mail »)
    assert _result("Écris à jean.dupont@mail.example.", "format").satisfied is False


def test_complete_prompts_score_100():
    for prompt in (PRESS_RELEASE, NEWSLETTER, REVIEWS_FEW_SHOT):
        feedback = evaluate_prompt(prompt)
        assert isinstance(feedback, PromptFeedback)
        assert feedback.missing == [], [(r.rule.id, r.explanation) for r in feedback.missing]
        assert feedback.score == 100 and feedback.ratio == 1
        assert feedback.suggested_rule is None
        assert feedback.suggestion.startswith("Toutes les règles applicables sont respectées")


def test_score_counts_only_applicable_rules():
    feedback = evaluate_prompt(REVIEWS_ZERO_SHOT)
    assert (feedback.n_satisfied, feedback.n_applicable) == (4, 6)  # no example, no role
    assert feedback.score == round(100 * 4 / 6) == 67
    assert feedback.score_text() == "4 règles respectées sur 6 applicables (67/100)"


def test_one_suggestion_for_the_most_important_missing_rule():
    # missing: audience (5), length (7) -> the audience comes first
    prompt = "Tu es chargée de communication. Rédige une newsletter sur la saison du Théâtre du Rivage."
    feedback = evaluate_prompt(prompt)
    assert [r.rule.id for r in feedback.missing] == ["public", "longueur"]
    assert feedback.suggested_rule.id == "public"
    assert "public" in feedback.suggestion
    # personal data comes before everything, even a missing task
    feedback = evaluate_prompt("Un truc pour claire.martin@lecourrierdurivage.example")
    assert feedback.suggested_rule.id == "donnees_personnelles"
    assert "claire.martin@lecourrierdurivage.example" in feedback.suggestion
    # a classification without examples: the tailored few-shot suggestion
    feedback = evaluate_prompt(REVIEWS_ZERO_SHOT)
    assert feedback.suggested_rule.id == "exemples"
    assert "→ positif" in feedback.suggestion


def test_empty_prompt():
    feedback = evaluate_prompt("   ")
    assert feedback.score == 0 and feedback.n_satisfied == 0
    assert feedback.suggested_rule.id == "tache"


def test_feedback_as_text_and_table():
    feedback = evaluate_prompt(VAGUE)
    text = str(feedback)
    assert text.startswith("Score du prompt : ")
    assert "❌ Un verbe d'action précise la tâche" in text
    assert text.splitlines()[-1] == f"Suggestion : {feedback.suggestion}"
    table = feedback.to_dataframe()
    assert list(table.columns) == ["Règle", "Respectée", "Détail"]
    assert list(table.index) == [rule.id for rule in RULES]
    assert set(table["Respectée"]) <= {"oui", "non", "sans objet"}
    with pytest.raises(KeyError, match="Règle inconnue"):
        feedback.result("orthographe")


def test_rules_are_visible_to_the_learner():
    table = rules_table()
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == ["Priorité", "Règle", "Pourquoi c'est important", "Comment c'est vérifié"]
    assert len(table) == len(RULES) >= 7
    assert list(table["Priorité"]) == sorted(table["Priorité"])
    assert table["Priorité"].is_unique and table.index.is_unique
    assert table.loc["tache", "Règle"] == "Un verbe d'action précise la tâche"
    for rule in RULES:
        assert rule.label and rule.why and rule.how and rule.suggestion


def test_learner_can_add_a_rule():
    from ia_marketing.prompting.checklist import Rule, Verdict

    emoji = Rule(id="emoji", label="Pas d'émoji demandé", why="Le ton de la maison est sobre.",
                 how="Je cherche le mot « émoji ».", suggestion="Retirez la demande d'émojis.",
                 priority=9, check=lambda p: Verdict("emoji" not in p.norm, "Recherche du mot « émoji »."))
    feedback = evaluate_prompt("Rédige un post avec des émojis.", rules=[*RULES, emoji])
    assert feedback.result("emoji").satisfied is False


def test_a_date_counts_as_context_with_or_without_accents():
    for prompt, found in (("Rédige un post sur l'ouverture du 1er août.", "« 1er août »"),
                          ("Rédige un post sur l'ouverture du 12 fevrier.", "« 12 fevrier »"),
                          ("Rédige un post sur l'ouverture du 3 DÉCEMBRE.", "« 3 DÉCEMBRE »"),
                          ("Rédige un post sur l'ouverture du 27/09.", "« 27/09 »")):
        r = _result(prompt, "contexte")
        assert r.satisfied is True, prompt
        assert found in r.explanation
    assert _result("Rédige un post sur l'ouverture du 12 mois.", "contexte").satisfied is False
