"""The logic of the module-02 prompt playground (`ia_marketing.prompts`), without widgets.

The checklist is tested both ways for every rule on realistic prompts of the Théâtre du
Rivage; templates on the real press list; attempts and comparisons with the real embedded
model (small `max_tokens`) and a provider that cannot be reached. No test depends on what
the model writes, only on the shape of what comes back.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

import ia_marketing
from ia_marketing.llm import ServerUnreachableError
from ia_marketing.prompts import (DEFAULT_HISTORY_SIZE, RULES, Attempt, Comparison, History,
                                  MissingValueError, MissingVariableError, PromptFeedback,
                                  PromptParts, TemplateError, build_prompt, compare,
                                  evaluate_prompt, fill_over_table, fill_template,
                                  rules_table, run_attempt,
                                  session_usage_summary, template_variables)
from ia_marketing.llm.usage import UsageRecord

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
# 1. Structured prompts
# =============================================================================================
def test_build_prompt_labels_the_filled_sections_in_order():
    parts = PromptParts(
        role="Tu es chargée des relations presse du Théâtre du Rivage.",
        contexte="« Sillage », ballet de la compagnie Onde, le 27 septembre.",
        tache="Rédige un communiqué de presse.",
        format_attendu="Un titre puis trois paragraphes.",
        contraintes="",
        exemples=[],
    )
    text = build_prompt(parts)
    assert text == (
        "Rôle : Tu es chargée des relations presse du Théâtre du Rivage.\n\n"
        "Contexte : « Sillage », ballet de la compagnie Onde, le 27 septembre.\n\n"
        "Tâche : Rédige un communiqué de presse.\n\n"
        "Format attendu : Un titre puis trois paragraphes.")
    assert "Contraintes" not in text and "Exemples" not in text


def test_build_prompt_examples_and_multiline_constraints():
    parts = PromptParts(
        tache="Classe l'avis en positif, négatif ou neutre.",
        contraintes="- une seule étiquette\n- en minuscules",
        exemples=[("Une soirée magique !", "positif"), ("  ", ""),
                  ("Trop long, salle glaciale.", "négatif")],
    )
    assert build_prompt(parts) == (
        "Tâche : Classe l'avis en positif, négatif ou neutre.\n\n"
        "Contraintes :\n- une seule étiquette\n- en minuscules\n\n"
        "Exemples :\n"
        "Entrée : Une soirée magique !\nSortie : positif\n\n"
        "Entrée : Trop long, salle glaciale.\nSortie : négatif")


def test_build_prompt_free_text_and_empty_parts():
    assert build_prompt("  Rédige un post Instagram.\n") == "Rédige un post Instagram."
    assert build_prompt(PromptParts()) == ""
    assert build_prompt(PromptParts(role="   ", tache="\n")) == ""
    assert PromptParts().is_empty()
    assert not PromptParts(tache="Résume cet article.").is_empty()


def test_build_prompt_rejects_an_example_that_is_not_a_pair():
    with pytest.raises(ValueError, match="L'exemple n° 1 doit être une paire"):
        build_prompt(PromptParts(tache="Classe l'avis.", exemples=["positif"]))
    with pytest.raises(TypeError, match="PromptParts ou un texte"):
        build_prompt(42)


# =============================================================================================
# 2. The checklist, both ways for every rule
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
    from ia_marketing.prompts import Rule, Verdict

    emoji = Rule(id="emoji", label="Pas d'émoji demandé", why="Le ton de la maison est sobre.",
                 how="Je cherche le mot « émoji ».", suggestion="Retirez la demande d'émojis.",
                 priority=9, check=lambda p: Verdict("emoji" not in p.norm, "Recherche du mot « émoji »."))
    feedback = evaluate_prompt("Rédige un post avec des émojis.", rules=[*RULES, emoji])
    assert feedback.result("emoji").satisfied is False


# =============================================================================================
# 3. Templates with variables
# =============================================================================================
INVITATION = ("Bonjour {prenom},\nEn tant que lecteur·rice de {media}, vous êtes invité·e à la "
              "première de {spectacle}. Réponse souhaitée {{avant le 20 septembre}}.")


def test_template_variables():
    assert template_variables(INVITATION) == ["prenom", "media", "spectacle"]
    assert template_variables("{prenom} {prenom} {{pas_une_variable}}") == ["prenom"]
    assert template_variables("Aucune variable ici.") == []


@pytest.mark.parametrize("template, message", [
    ("Bonjour {prenom", "sans accolade fermante"),
    ("Bonjour prenom}", "sans accolade ouvrante"),
    ("Bonjour {}", "Accolades vides"),
    ("Bonjour {0}", "pas un numéro"),
    ("Bonjour {prenom.upper}", "sans point ni crochet"),
])
def test_template_syntax_errors_are_french(template, message):
    with pytest.raises(TemplateError, match=message) as e:
        template_variables(template)
    assert isinstance(e.value, ValueError)


def test_fill_template_from_a_dict_and_a_row():
    row = {"prenom": "Gilles", "media": "Le Courrier du Rivage"}
    text = fill_template(INVITATION, row, extra={"spectacle": "Sillage"})
    assert text == ("Bonjour Gilles,\nEn tant que lecteur·rice de Le Courrier du Rivage, vous êtes "
                    "invité·e à la première de Sillage. Réponse souhaitée {avant le 20 septembre}.")
    series = pd.Series({"prenom": "Gilles", "media": "Radio Rivage", "spectacle": "Sillage"})
    assert "Radio Rivage" in fill_template(INVITATION, series, extra={"spectacle": "Autre"})
    assert "Sillage" in fill_template(INVITATION, series, extra={"spectacle": "Autre"})  # row wins


def test_fill_template_values_read_the_french_way():
    row = {"titre": "Sillage", "date_premiere": pd.Timestamp("2025-09-27"), "prix": 12.5,
           "jauge": 180, "plein": 21.0, "abonne": True}
    template = "{titre} : le {date_premiere}, {prix} €, {jauge} places, {plein} €, abonné : {abonne}"
    assert fill_template(template, row) == "Sillage : le 27/09/2025, 12,5 €, 180 places, 21 €, abonné : oui"
    assert fill_template("{prix:.2f} €", row) == "12.50 €"
    with pytest.raises(TemplateError, match="ne peut pas être mise en forme"):
        fill_template("{titre:.2f}", row)


def test_missing_variable_names_it_and_the_columns():
    row = {"prenom": "Gilles", "media": "Le Courrier du Rivage"}
    with pytest.raises(MissingVariableError) as e:
        fill_template("Bonjour {prénom}", row)
    error = e.value
    assert isinstance(error, KeyError) and isinstance(error, ValueError)
    assert error.variable == "prénom"
    message = str(error)
    assert message.startswith("La variable {prénom} du modèle de message n'a pas de colonne "
                              "correspondante.")
    assert "Vouliez-vous dire {prenom} ?" in message
    assert "Colonnes disponibles : prenom, media." in message
    with pytest.raises(TemplateError, match="pas d'un objet list"):
        fill_template("{prenom}", ["Gilles"])


@pytest.mark.parametrize("empty", [None, float("nan"), pd.NA, "", "   "])
def test_missing_value_is_a_clear_error(empty):
    with pytest.raises(MissingValueError, match=r"Valeur manquante pour \{media\}"):
        fill_template(INVITATION, {"prenom": "Gilles", "media": empty, "spectacle": "Sillage"})


@pytest.fixture(scope="module")
def journalistes() -> pd.DataFrame:
    return ia_marketing.load("journalistes")


def test_one_message_per_journalist(journalistes):
    assert len(journalistes) == 50
    result = fill_over_table(INVITATION, journalistes, extra={"spectacle": "Sillage"})
    assert len(result) == 50
    assert list(result.columns) == ["id_journaliste", "message", "erreur"]
    assert result.index.equals(journalistes.index)
    assert result["erreur"].isna().all()
    for (_, person), (_, out) in zip(journalistes.iterrows(), result.iterrows()):
        assert out["id_journaliste"] == person["id_journaliste"]
        assert out["message"].startswith(f"Bonjour {person['prenom']},")
        assert person["media"] in out["message"]
        assert "{" in out["message"] and "{prenom}" not in out["message"]  # the escaped braces


def test_a_row_with_an_empty_value_gets_its_error(journalistes):
    template = "Bonjour {prenom}, merci pour votre article sur le spectacle {derniere_couverture}."
    result = fill_over_table(template, journalistes)
    empty = journalistes["derniere_couverture"].isna()
    assert 0 < empty.sum() < 50
    assert len(result) == 50  # rows in = rows out
    assert result.loc[empty, "message"].isna().all()
    assert result.loc[empty, "erreur"].str.startswith("Valeur manquante pour {derniere_couverture}").all()
    assert result.loc[~empty, "erreur"].isna().all()
    assert result.loc[~empty, "message"].notna().all()
    assert list(result.loc[empty, "id_journaliste"]) == list(journalistes.loc[empty, "id_journaliste"])


def test_a_template_column_missing_from_the_table_fails_at_once(journalistes):
    with pytest.raises(MissingVariableError) as e:
        fill_over_table("Bonjour {prenom}, découvrez {spectacle}.", journalistes)
    assert "{spectacle}" in str(e.value) and "id_journaliste, civilite, prenom" in str(e.value)
    with pytest.raises(TemplateError, match="colonne d'identifiant « id_client »"):
        fill_over_table("{prenom}", journalistes, id_column="id_client")


def test_fill_over_table_without_an_id_column_and_on_an_empty_table():
    segments = pd.DataFrame({"segment": ["fidèles", "nouveaux"], "argument": ["-20 %", "une place offerte"]},
                            index=[10, 20])
    result = fill_over_table("Pour les {segment} : {argument}.", segments)
    assert list(result.columns) == ["message", "erreur"]
    assert list(result.index) == [10, 20]
    assert list(result["message"]) == ["Pour les fidèles : -20 %.", "Pour les nouveaux : une place offerte."]
    empty = fill_over_table("Pour les {segment}.", segments.iloc[0:0])
    assert len(empty) == 0 and list(empty.columns) == ["message", "erreur"]


# =============================================================================================
# 4. History
# =============================================================================================
def _attempt(n: int, **kw) -> Attempt:
    values = dict(prompt=f"Rédige le post n° {n}.", backend="local · gemma-3-270m", temperature=0.7,
                  max_tokens=12, output=f"Texte {n}", usage=None, score=50, error=None)
    values.update(kw)
    return Attempt(**values)


def test_history_is_bounded_and_keeps_the_most_recent():
    history = History(max_size=3)
    assert history.last() is None and len(history) == 0
    for n in range(1, 6):
        history.add(_attempt(n))
    assert len(history) == 3
    assert [a.output for a in history.list()] == ["Texte 3", "Texte 4", "Texte 5"]
    assert history.last().output == "Texte 5"
    assert [a.output for a in history] == ["Texte 3", "Texte 4", "Texte 5"]
    history.clear()
    assert history.list() == [] and history.last() is None


def test_history_default_size_and_bad_input():
    assert History().max_size == DEFAULT_HISTORY_SIZE == 50
    with pytest.raises(ValueError, match="au moins un essai"):
        History(max_size=0)
    with pytest.raises(TypeError, match="des essais"):
        History().add("un prompt")


def test_history_table_in_french():
    history = History()
    history.add(_attempt(1))
    history.add(_attempt(2, output="", error="Serveur injoignable : …"))
    table = history.to_dataframe()
    assert list(table.columns) == ["heure", "essai", "moteur", "température", "tokens max", "prompt",
                                   "réponse", "score du prompt", "tokens envoyés", "tokens reçus",
                                   "durée (s)", "coût", "devise", "erreur"]
    assert len(table) == 2
    assert table.loc[1, "erreur"].startswith("Serveur injoignable")
    assert isinstance(table.loc[0, "heure"], (datetime, pd.Timestamp))
    assert list(History().to_dataframe().columns) == list(table.columns)


# =============================================================================================
# 5. Attempts and comparisons with real backends
# =============================================================================================
POST_PROMPT = ("Tu es community manager du Théâtre du Rivage. Rédige un post Instagram de deux "
               "phrases pour nos abonnés, qui annonce « Sillage », ballet contemporain.\nPost :")
SLOGAN_PROMPT = "Slogan de la saison 2025-2026 du Théâtre du Rivage :"


@pytest.fixture(scope="module")
def llm():
    return ia_marketing.get_llm("local")


@pytest.fixture
def unreachable(clean_env, closed_port):
    return ia_marketing.get_llm("openai", base_url=f"http://127.0.0.1:{closed_port}/v1", model="x")


def test_run_attempt_streams_and_meters(llm, fresh_usage):
    pieces: list[str] = []
    history = History()
    attempt = run_attempt(llm, POST_PROMPT, temperature=0.8, max_tokens=12, seed=7,
                          on_text=pieces.append, history=history)
    assert attempt.ok and attempt.error is None
    assert pieces and "".join(pieces) == attempt.output
    assert isinstance(attempt.usage, UsageRecord)
    assert 1 <= attempt.tokens_out <= 12 and attempt.tokens_in > 10
    assert attempt.cost == 0  # the local model has no bill
    assert fresh_usage.SESSION.records == [attempt.usage]
    assert attempt.score == evaluate_prompt(POST_PROMPT).score
    assert attempt.feedback.score == attempt.score
    assert (attempt.temperature, attempt.max_tokens, attempt.seed) == (0.8, 12, 7)
    assert attempt.prompt == POST_PROMPT and "gemma" in attempt.backend
    assert attempt.duration_s > 0
    assert history.last() is attempt


def test_run_attempt_with_structured_parts_and_chat(llm, fresh_usage):
    parts = PromptParts(role="Tu es community manager du Théâtre du Rivage.",
                        tache="Rédige un slogan court pour nos abonnés.")
    attempt = run_attempt(llm, parts, max_tokens=8, deterministic=True, chat=True)
    assert attempt.ok, attempt.error
    assert attempt.prompt == build_prompt(parts)
    assert attempt.temperature == 0.0  # deterministic: greedy
    assert attempt.usage.kind == "chat"


def test_run_attempt_never_raises_for_a_bad_setting_or_an_empty_prompt(llm, fresh_usage):
    empty = run_attempt(llm, PromptParts(), max_tokens=12)
    assert not empty.ok and empty.error.startswith("Le prompt est vide")
    assert empty.usage is None and empty.output == ""
    bad = run_attempt(llm, SLOGAN_PROMPT, max_tokens=0)
    assert bad.error == "max_tokens doit être au moins 1."
    assert fresh_usage.SESSION.records == []  # nothing was sent


def test_run_attempt_unreachable_provider(unreachable, closed_port):
    pieces: list[str] = []
    attempt = run_attempt(unreachable, SLOGAN_PROMPT, max_tokens=12, on_text=pieces.append)
    assert not attempt.ok and attempt.usage is None and attempt.output == "" and pieces == []
    assert attempt.error.startswith("Serveur injoignable : Impossible de joindre")
    assert str(closed_port) in attempt.error


def test_compare_two_prompts_at_two_temperatures(llm, fresh_usage):
    history = History()
    comparison = compare(llm, POST_PROMPT, prompt_b=SLOGAN_PROMPT, temperature_a=0.2,
                         temperature_b=1.2, max_tokens=12, history=history)
    assert isinstance(comparison, Comparison)
    a, b = comparison.attempts
    assert (a.label, b.label) == ("A", "B")
    for attempt, prompt, temperature in ((a, POST_PROMPT, 0.2), (b, SLOGAN_PROMPT, 1.2)):
        assert attempt.ok, attempt.error
        assert attempt.output.strip()
        assert attempt.prompt == prompt and attempt.temperature == temperature
        assert 1 <= attempt.tokens_out <= 12 and attempt.tokens_in >= 5
        assert attempt.cost == 0
        assert attempt.usage.duration_s > 0
        assert attempt.score == evaluate_prompt(prompt).score
    assert a.backend == b.backend  # same backend when llm_b is not given
    assert a.score > b.score  # the structured post prompt beats the bare slogan start
    assert a.tokens_in > b.tokens_in
    assert fresh_usage.SESSION.records == [a.usage, b.usage]
    assert history.list() == [a, b]

    table = comparison.to_dataframe()
    assert list(table.columns) == ["A", "B"]
    assert list(table.index) == ["Moteur", "Prompt", "Température", "Tokens max", "Score du prompt (/100)",
                                 "Réponse", "Durée (s)", "Tokens envoyés", "Tokens reçus", "Coût estimé",
                                 "Énergie estimée", "Erreur"]
    assert table.loc["Température", "A"] == "0,2" and table.loc["Température", "B"] == "1,2"
    assert table.loc["Réponse", "B"] == b.output
    assert table.loc["Tokens reçus", "A"] == str(a.tokens_out)
    assert table.loc["Coût estimé", "A"] == "0 €"
    assert table.loc["Énergie estimée", "A"] == "non estimée"
    assert table.loc["Erreur", "A"] == table.loc["Erreur", "B"] == "—"


def test_compare_is_reproducible_and_defaults_to_the_same_input(llm):
    first = compare(llm, SLOGAN_PROMPT, temperature_a=0.0, max_tokens=12)
    assert first.b.prompt == first.a.prompt and first.b.temperature == 0.0
    assert first.a.seed == first.b.seed is not None
    assert first.identical  # same prompt, same settings, same seed: same text
    again = compare(llm, SLOGAN_PROMPT, prompt_b=POST_PROMPT, temperature_a=0.9, temperature_b=0.9,
                    max_tokens=12)
    twice = compare(llm, SLOGAN_PROMPT, prompt_b=POST_PROMPT, temperature_a=0.9, temperature_b=0.9,
                    max_tokens=12)
    assert (again.a.output, again.b.output) == (twice.a.output, twice.b.output)


@pytest.mark.parametrize("broken_side", ["A", "B"])
def test_a_fault_on_one_side_does_not_stop_the_other(llm, unreachable, closed_port, fresh_usage, broken_side):
    if broken_side == "A":
        comparison = compare(unreachable, SLOGAN_PROMPT, llm, max_tokens=12)
        broken, working = comparison.a, comparison.b
    else:
        comparison = compare(llm, SLOGAN_PROMPT, unreachable, max_tokens=12)
        working, broken = comparison.a, comparison.b
    assert working.ok and working.output.strip() and working.usage is not None
    assert not broken.ok and broken.usage is None and broken.output == ""
    assert broken.error.startswith(f"{ServerUnreachableError.titre} : ")
    assert str(closed_port) in broken.error
    assert not comparison.identical
    assert fresh_usage.SESSION.records == [working.usage]
    table = comparison.to_dataframe()
    assert table.loc["Erreur", broken_side] == broken.error
    assert table.loc["Tokens reçus", broken_side] == "—"
    assert table.loc["Coût estimé", broken_side] == "—"
    assert table.loc["Moteur", broken_side].startswith("openai · x")


# =============================================================================================
# 6. Usage summary
# =============================================================================================
def test_session_usage_summary_reuses_the_session_meter(llm, fresh_usage):
    assert session_usage_summary() == fresh_usage.SESSION.resume()
    attempt = run_attempt(llm, SLOGAN_PROMPT, max_tokens=6, deterministic=True)
    text = session_usage_summary(attempt)
    first, *rest = text.splitlines()
    assert first == f"Dernier appel : {attempt.usage.resume()}"
    assert "coût : " in text and "énergie : " in text  # where each estimate comes from
    assert rest[-1] == fresh_usage.SESSION.resume()
    assert rest[-1].startswith("Session : 1 appel,")
    assert session_usage_summary(attempt.usage) == text
    failed = _attempt(1, output="", error="Serveur injoignable : …")
    assert session_usage_summary(failed).splitlines() == [
        "Dernier appel : rien de mesuré (l'appel n'a pas abouti).", fresh_usage.SESSION.resume()]


def test_run_attempt_reports_a_malformed_prompt_instead_of_raising(llm, fresh_usage):
    attempt = run_attempt(llm, PromptParts(tache="Classe l'avis.", exemples=["positif"]), max_tokens=12)
    assert attempt.error.startswith("L'exemple n° 1 doit être une paire")
    assert attempt.score is None and attempt.usage is None
    assert fresh_usage.SESSION.records == []
