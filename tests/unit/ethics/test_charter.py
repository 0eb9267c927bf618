"""The team's charter (`ia_marketing.ethics.charter`): the twelve sections in order, the Markdown
that passes its own structure check, a removed, emptied or misplaced section reported, each
contradiction between choices found (and none for a consistent set), and a PDF whose extracted text
keeps accents, « » and the organisation's name."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pypdfium2 as pdfium
import pytest

from ia_marketing.ethics import (
    DATA_LEVELS,
    SCOPES,
    SECTIONS,
    CharterChoices,
    EthicsError,
    Problem,
    Tool,
    build_charter,
    check_charter,
    check_charter_text,
)

TITLES = ["Objet et champ d'application", "Outils autorisés et comptes", "Données personnelles", "Relecture humaine",
          "Transparence et mention de l'IA", "Droit d'auteur, droit à l'image et voix", "Biais et équité",
          "Empreinte environnementale", "Sécurité", "Formation", "Gouvernance", "Incidents"]


@pytest.fixture()
def consistent() -> CharterChoices:
    """Choices a team could adopt as they are: nothing missing, nothing contradictory."""
    return CharterChoices(
        organisation="Théâtre du Rivage", adopted_on=date(2026, 9, 14),
        scope=["rédaction de publications et de newsletters", "visuels et affiches", "ciblage de campagnes"],
        tools=[Tool("Gemma 3 270M (modèle local)", remote=False, data="données personnelles"),
               Tool("Le Chat Pro", remote=True, data="données pseudonymisées", processor_contract=True,
                    no_training=True),
               Tool("Générateur d'images", remote=True, data="aucune donnée personnelle")],
        referent="Camille Martin, chargée de communication", incident_contact="ia@theatre-rivage.example",
        review_on=date(2027, 9, 1), approved_by="la directrice du théâtre")


def messages(problems: list[Problem]) -> list[str]:
    return [p.message for p in problems]


# -- building --------------------------------------------------------------------------------
def test_the_charter_has_the_twelve_sections_in_order(consistent):
    charter = build_charter(consistent)
    assert list(SECTIONS) == TITLES
    assert list(charter.sections) == TITLES
    assert all(charter.sections[name] for name in TITLES)
    assert charter.title == "Charte d'usage de l'IA — Théâtre du Rivage"
    assert charter.preamble.startswith("Théâtre du Rivage — charte adoptée le 14 septembre 2026.")
    assert charter.choices is consistent


def test_the_markdown_numbers_the_sections_and_passes_its_own_check(consistent):
    markdown = build_charter(consistent).to_markdown()
    headings = re.findall(r"^## (.+)$", markdown, flags=re.M)
    assert headings == [f"{i}. {name}" for i, name in enumerate(TITLES, start=1)]
    assert markdown.startswith("# Charte d'usage de l'IA — Théâtre du Rivage\n\n")
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert "- ciblage de campagnes\n" in markdown
    assert "- **Le Chat Pro** : outil distant" in markdown
    assert check_charter_text(markdown) == []


def test_the_text_follows_the_choices(consistent):
    text = build_charter(consistent).to_markdown()
    assert "Référente ou référent IA : Camille Martin, chargée de communication." in text
    assert "prochaine révision au plus tard le 1er septembre 2027" in text
    assert "signalé dans les 24 heures à ia@theatre-rivage.example" in text
    assert "contrat de sous-traitance signé (art. 28 RGPD)" in text
    assert "outil local (les données restent sur l'ordinateur)" in text
    other = build_charter(replace(consistent, referent="", review_on=None, bias_threshold=0.75, training_hours=5,
                                  sensitive_data_allowed=True, dpia_done=True, tools=[])).to_markdown()
    assert "Référente ou référent IA : (à désigner)." in other
    assert "prochaine révision au plus tard le 14 septembre 2027" in other      # one year after adoption
    assert "un rapport sous 0,75 au taux le plus élevé" in other
    assert "au moins 5 heures de formation" in other
    assert "sauf le traitement décrit dans l'analyse d'impact (AIPD) réalisée." in other
    assert "- (aucun outil autorisé pour l'instant)" in other
    assert "notre organisation" in build_charter(replace(consistent, organisation="  ")).title


def test_build_and_check_refuse_what_is_not_a_set_of_choices():
    for function in (build_charter, check_charter):
        with pytest.raises(EthicsError, match="attend les choix de l'équipe .CharterChoices."):
            function({"organisation": "Théâtre du Rivage"})


# -- checking the text -----------------------------------------------------------------------
def split(markdown: str) -> tuple[str, list[str]]:
    """The text before the first section, and each section from its heading to the next."""
    parts = re.split(r"(?m)^(?=## )", markdown)
    return parts[0], parts[1:]


@pytest.mark.parametrize("index", range(12))
def test_a_removed_section_is_reported(consistent, index):
    head, sections = split(build_charter(consistent).to_markdown())
    del sections[index]
    problems = check_charter_text(head + "".join(sections))
    assert messages(problems) == [f"La section « {TITLES[index]} » manque."]
    assert problems[0].section == TITLES[index] and problems[0].grave


@pytest.mark.parametrize("index", range(12))
def test_an_emptied_section_is_reported(consistent, index):
    head, sections = split(build_charter(consistent).to_markdown())
    sections[index] = sections[index].split("\n", 1)[0] + "\n\n"
    problems = check_charter_text(head + "".join(sections))
    assert messages(problems) == [f"La section « {TITLES[index]} » est vide."]


def test_a_section_with_only_spaces_is_empty_and_the_last_one_too(consistent):
    head, sections = split(build_charter(consistent).to_markdown())
    sections[-1] = "## 12. Incidents\n   \n\t\n"
    assert messages(check_charter_text(head + "".join(sections))) == ["La section « Incidents » est vide."]


@pytest.mark.parametrize(("i", "j"), [(0, 1), (3, 8), (10, 11)])
def test_two_swapped_sections_are_reported(consistent, i, j):
    head, sections = split(build_charter(consistent).to_markdown())
    sections[i], sections[j] = sections[j], sections[i]
    problems = check_charter_text(head + "".join(sections))
    assert messages(problems) == ["Les sections ne sont pas dans l'ordre."]
    assert not problems[0].grave


def test_a_charter_written_by_hand_without_numbers_passes():
    text = "# Notre charte\n\n" + "".join(f"## {name}\nCe que l'équipe a décidé.\n\n" for name in TITLES)
    assert check_charter_text(text) == []
    extra = text.replace("## Sécurité\n", "## Annexe\nDes exemples.\n\n## Sécurité\n")
    assert check_charter_text(extra) == []
    emptied = text.replace("## Formation\nCe que l'équipe a décidé.\n", "## Formation\n")
    assert messages(check_charter_text(emptied)) == ["La section « Formation » est vide."]


def test_an_empty_text_misses_every_section():
    problems = check_charter_text("")
    assert messages(problems) == [f"La section « {name} » manque." for name in TITLES]
    with pytest.raises(EthicsError, match="attend le texte Markdown"):
        check_charter_text(None)


# -- checking the choices --------------------------------------------------------------------
def test_consistent_choices_raise_no_problem(consistent):
    assert check_charter(consistent) == []


def with_tool(choices: CharterChoices, **tool) -> CharterChoices:
    return replace(choices, tools=[Tool("Outil en ligne", **tool)])


@pytest.mark.parametrize("data", ["données pseudonymisées", "données personnelles"])
def test_a_remote_tool_receiving_personal_data_needs_a_processor_contract(consistent, data):
    problems = check_charter(with_tool(consistent, remote=True, data=data, processor_contract=False, no_training=True))
    assert messages(problems) == [f"« Outil en ligne » est un outil distant qui reçoit des {data} sans contrat de "
                                  "sous-traitance."]
    assert problems[0].section == "Outils autorisés et comptes" and problems[0].grave
    assert "art. 28" in problems[0].conseil


@pytest.mark.parametrize("tool", [
    dict(remote=True, data="aucune donnée personnelle"),                       # nothing personal leaves
    dict(remote=False, data="données personnelles"),                           # nothing leaves
    dict(remote=True, data="données personnelles", processor_contract=True, no_training=True),
])
def test_no_contract_problem_when_nothing_personal_leaves_or_a_contract_is_signed(consistent, tool):
    assert check_charter(with_tool(consistent, **tool)) == []


def test_a_personal_account_must_not_receive_personal_data(consistent):
    problems = check_charter(with_tool(consistent, remote=False, account="personnel", data="données personnelles"))
    assert messages(problems) == ["« Outil en ligne » : un compte personnel recevrait des données personnelles."]
    assert check_charter(with_tool(consistent, account="personnel", data="aucune donnée personnelle")) == []


def test_training_on_the_teams_inputs_is_a_minor_warning(consistent):
    problems = check_charter(with_tool(consistent, data="données personnelles", processor_contract=True))
    assert messages(problems) == ["« Outil en ligne » pourrait entraîner ses modèles sur des données personnelles."]
    assert not problems[0].grave


def test_an_unknown_data_level_is_reported(consistent):
    problems = check_charter(with_tool(consistent, data="tout"))
    assert messages(problems) == ["« Outil en ligne » : niveau de données inconnu « tout »."]
    assert all(level in problems[0].conseil for level in DATA_LEVELS)


@pytest.mark.parametrize("scope", ["ciblage de campagnes", "analyse et segmentation des publics"])
def test_targeting_without_a_bias_audit_is_reported(consistent, scope):
    problems = check_charter(replace(consistent, scope=[scope], bias_audit=False))
    assert messages(problems) == ["Des ciblages ou segmentations seraient faits sans audit des biais."]
    assert problems[0].section == "Biais et équité"
    assert check_charter(replace(consistent, scope=["dossiers et e-mails de presse"], bias_audit=False)) == []


def test_sensitive_data_need_a_dpia(consistent):
    problems = check_charter(replace(consistent, sensitive_data_allowed=True))
    assert messages(problems) == ["Des données sensibles seraient permises sans analyse d'impact."]
    assert "AIPD (art. 35 RGPD)" in problems[0].conseil
    assert check_charter(replace(consistent, sensitive_data_allowed=True, dpia_done=True)) == []


@pytest.mark.parametrize("referent", ["", "   "])
def test_a_referent_is_required(consistent, referent):
    problems = check_charter(replace(consistent, referent=referent))
    assert messages(problems) == ["Personne n'est désigné pour faire vivre la charte (référente ou référent IA)."]
    assert problems[0].section == "Gouvernance"


@pytest.mark.parametrize("review_on", [date(2026, 9, 1), date(2026, 9, 14), date(2028, 9, 30)])
def test_the_review_date_follows_adoption_within_two_years(consistent, review_on):
    problems = check_charter(replace(consistent, review_on=review_on))
    assert messages(problems) == ["La date de révision doit suivre l'adoption, dans les deux ans."]


@pytest.mark.parametrize("review_on", [date(2026, 9, 15), date(2027, 3, 1), date(2028, 9, 14), None])
def test_a_review_date_within_two_years_is_fine(consistent, review_on):
    assert check_charter(replace(consistent, review_on=review_on)) == []


@pytest.mark.parametrize(("change", "message", "grave"), [
    (dict(organisation=" "), "Le nom de l'organisation manque.", True),
    (dict(scope=[]), "Aucun usage n'est couvert.", True),
    (dict(tools=[]), "Aucun outil n'est autorisé.", True),
    (dict(review_all_published=False), "Des contenus publiés pourraient ne pas être relus.", True),
    (dict(label_images=False), "Des visuels générés pourraient être publiés sans mention.", False),
    (dict(label_texts="parfois"), "Règle de mention des textes inconnue : « parfois ».", True),
    (dict(scope=["réponses au public (messagerie, robot conversationnel)"], chatbot_disclosed=False),
     "Un robot conversationnel répondrait au public sans dire qu'il est une IA.", True),
    (dict(approved_by=" "), "On ne sait pas qui approuve la charte.", False),
    (dict(tools=[Tool("Outil en ligne (à nommer)", remote=True)]), "Un outil n'a pas encore de vrai nom : « Outil en ligne (à nommer) ».", True),
    (dict(bias_threshold=0), "Seuil d'alerte impossible : 0.", True),
    (dict(bias_threshold=1.5), "Seuil d'alerte impossible : 1.5.", True),
    (dict(training_hours=0), "Aucune formation n'est prévue.", True),
    (dict(incident_contact=""), "Personne n'est nommé pour recevoir les incidents.", False),
])
def test_each_other_gap_is_reported(consistent, change, message, grave):
    problems = check_charter(replace(consistent, **change))
    assert messages(problems) == [message]
    assert problems[0].grave is grave


def test_serious_problems_come_first_then_in_section_order(consistent):
    choices = replace(consistent, incident_contact="", referent="", organisation="", label_images=False,
                      sensitive_data_allowed=True)
    problems = check_charter(choices)
    assert [p.grave for p in problems] == [True, True, True, False, False]
    assert [p.section for p in problems] == ["Objet et champ d'application", "Données personnelles", "Gouvernance",
                                             "Transparence et mention de l'IA", "Incidents"]
    assert str(problems[0]) == "[Objet et champ d'application] Le nom de l'organisation manque. → Indiquez qui adopte la charte."


def test_the_builder_offers_the_scopes_the_checks_know():
    assert "ciblage de campagnes" in SCOPES and "analyse et segmentation des publics" in SCOPES
    assert "réponses au public (messagerie, robot conversationnel)" in SCOPES and "visuels et affiches" in SCOPES


# -- PDF -------------------------------------------------------------------------------------
def test_the_pdf_keeps_accents_quotes_and_the_organisation(consistent, tmp_path):
    choices = replace(consistent, organisation="Théâtre du Rivage — Cœur de ville")
    path = build_charter(choices).to_pdf(tmp_path / "exports" / "charte.pdf")
    assert path == tmp_path / "exports" / "charte.pdf"
    assert path.read_bytes().startswith(b"%PDF-")
    document = pdfium.PdfDocument(path)
    try:
        assert len(document) >= 2
        raw = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    text = " ".join(raw.split())
    assert "Charte d'usage de l'IA — Théâtre du Rivage — Cœur de ville" in text
    for words in ("Données personnelles", "Sécurité", "Biais et équité", "données pseudonymisées",
                  "mention « rédigé avec l'aide d'une IA »", "la référente ou le référent IA", "• visuels et affiches",
                  "Camille Martin, chargée de communication"):
        assert words in text, words
    for number, name in enumerate(TITLES, start=1):
        assert f"{number}. {name}" in text
    assert "**" not in text                                   # the tool names are printed bold, not starred
    assert "Le Chat Pro : outil distant" in text


def test_markdown_markers_typed_by_the_team_are_printed_as_typed(consistent, tmp_path):
    choices = replace(consistent, referent="équipe__com -- Léa ~~ Marc", incident_contact="ia__alerte@rivage.example",
                      tools=[Tool("Outil__v2--beta", remote=False, data="données personnelles")])
    path = build_charter(choices).to_pdf(tmp_path / "charte.pdf")
    document = pdfium.PdfDocument(path)
    try:
        text = " ".join("".join(document[i].get_textpage().get_text_range() for i in range(len(document))).split())
    finally:
        document.close()
    assert "Référente ou référent IA : équipe__com -- Léa ~~ Marc." in text
    assert "ia__alerte@rivage.example" in text
    assert "Outil__v2--beta : outil local" in text


def test_the_chatbot_sentence_follows_the_choice_and_appears_only_with_a_chatbot(consistent):
    without = build_charter(consistent).to_markdown()
    assert "robot conversationnel" not in without.split("## 6.")[0].split("## 5.")[1]
    chatbot = replace(consistent, scope=[*consistent.scope, "réponses au public (messagerie, robot conversationnel)"])
    assert "se présente comme une IA dès le premier message" in build_charter(chatbot).to_markdown()
    hidden = build_charter(replace(chatbot, chatbot_disclosed=False)).to_markdown()
    assert "ne dit pas encore qu'il est une IA : à corriger" in hidden
    assert check_charter(chatbot) == [] and check_charter(replace(chatbot, label_texts="jamais")) == []


def test_breach_notification_and_approval_are_stated_as_the_law_says(consistent):
    text = build_charter(consistent).to_markdown()
    assert "72 heures au plus tard après en avoir pris connaissance" in text and "(art. 34)" in text
    assert "Approuvée par : la directrice du théâtre." in text and "registre des traitements (art. 30 RGPD)" in text
