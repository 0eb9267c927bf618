"""« Imiter nos publications »: the document builder, the cutter, the checks (fixed inputs), and
the measurement on the fixed briefs with the real local model (marked `model`)."""

from __future__ import annotations

import pandas as pd
import pytest

from ia_marketing import load
from ia_marketing.prompting import evaluate_prompt
from ia_marketing.prompting import imitation as I

# A tiny programme and its past posts: fixed inputs whose ranking can be worked out by hand.
SHOWS = pd.DataFrame([
    {"id_spectacle": "A", "titre": "Sillage", "discipline": "danse", "date_premiere": pd.Timestamp("2022-09-27"),
     "salle": "Studio", "prix_plein": 21.0,
     "description": "Un ballet contemporain signé le collectif Pieds Nus. 1 h 45 d'une danse physique."},
    {"id_spectacle": "B", "titre": "Écume", "discipline": "danse", "date_premiere": pd.Timestamp("2024-02-29"),
     "salle": "Studio", "prix_plein": 20.0, "description": "Un ballet sur la mer, signé le Ballet du Littoral. Poétique."},
    {"id_spectacle": "C", "titre": "Fado pour un soir", "discipline": "musique",
     "date_premiere": pd.Timestamp("2022-12-15"), "salle": "Grande salle", "prix_plein": 22.0,
     "description": "Un voyage musical proposé par le trio Sirocco. Une soirée chaleureuse."},
    {"id_spectacle": "D", "titre": "Le Grand Déballage", "discipline": "humour",
     "date_premiere": pd.Timestamp("2024-02-20"), "salle": "Grande salle", "prix_plein": 29.0,
     "description": "Un seul en scène sur les repas de famille. Beaucoup d'autodérision."},
])
POSTS = pd.DataFrame([
    {"id_publication": "P1", "reseau": "Instagram", "id_spectacle": "B",
     "texte": "Le jeudi 29 février, laissez-vous embarquer par Écume. #ThéâtreDuRivage #Danse"},
    {"id_publication": "P2", "reseau": "Instagram", "id_spectacle": "C",
     "texte": "Nouveau dans la programmation : Fado pour un soir. #ThéâtreDuRivage #Musique"},
    {"id_publication": "P3", "reseau": "Instagram", "id_spectacle": "D",
     "texte": "Dernières places pour Le Grand Déballage le mardi 20 février ! #ThéâtreDuRivage #Humour"},
    {"id_publication": "P4", "reseau": "Instagram", "id_spectacle": "B",
     "texte": "Dans les coulisses d'Écume : les répétitions battent leur plein. #ThéâtreDuRivage"},
    {"id_publication": "P5", "reseau": "Instagram", "id_spectacle": "A",
     "texte": "Sillage arrive au Théâtre du Rivage le mardi 27 septembre ! #ThéâtreDuRivage"},
    {"id_publication": "P6", "reseau": "Facebook", "id_spectacle": "B",
     "texte": "À noter dans vos agendas : Écume, le jeudi 29 février. #ThéâtreDuRivage"},
    {"id_publication": "P7", "reseau": "Instagram", "id_spectacle": None,
     "texte": "La billetterie est ouverte du mardi au samedi. #ThéâtreDuRivage"},
    {"id_publication": "P8", "reseau": "Instagram", "id_spectacle": "C",  # same text as P2
     "texte": "Nouveau dans la programmation : Fado pour un soir. #ThéâtreDuRivage #Musique"},
])
SILLAGE = SHOWS.iloc[0].to_dict()
BRIEF = I.show_subject(SILLAGE, "annonce")


# -- the subject and the kind of a post -----------------------------------------------------------
def test_show_subject_is_written_from_the_programme():
    assert BRIEF == ("annonce : « Sillage », un spectacle de danse, le mardi 27 septembre au Studio. "
                     "Un ballet contemporain signé le collectif Pieds Nus.")
    humour = I.show_subject(SHOWS.iloc[3].to_dict(), "dernières places")
    assert humour.startswith("dernières places : « Le Grand Déballage », un spectacle d'humour, "
                             "le mardi 20 février dans la Grande salle.")


@pytest.mark.parametrize(("text", "kind"), [
    ("Dernières places pour Écume le jeudi 29 février !", "dernières places"),
    ("Écume affiche presque complet : foncez sur la billetterie.", "dernières places"),
    ("Montage du décor d'Écume ce matin au Studio. Rendez-vous le jeudi 29 février !", "coulisses"),
    ("Retour en images sur Écume. Quelle énergie sur le plateau !", "après le spectacle"),
    ("J-4 avant Écume ! Il reste des places pour le jeudi 29 février.", "rappel"),
    ("Nouveau dans la programmation : Écume. Billetterie en ligne et au guichet.", "annonce"),
])
def test_the_kind_of_a_post_is_read_from_a_few_keywords(text, kind):
    assert I.publication_kind(text) == kind


def test_every_past_post_of_a_show_gets_a_kind():
    posts = load("publications")
    kinds = posts.loc[posts["id_spectacle"].notna(), "texte"].map(I.publication_kind)
    assert set(kinds) == set(I.KINDS)


# -- choosing the examples and laying out the document ---------------------------------------------
def test_examples_prefer_the_same_kind_then_the_same_discipline():
    chosen = I.choose_examples(BRIEF, "Instagram", 2, posts=POSTS, shows=SHOWS)
    # annonces: P1 (danse), P2 (musique); P5 is about Sillage itself; P7 presents no show
    assert set(chosen["id_publication"]) == {"P1", "P2"}
    reasons = dict(zip(chosen["id_publication"], chosen["pourquoi"]))
    assert reasons["P1"].startswith("même type (annonce), même discipline (danse)")
    assert reasons["P2"].startswith("même type (annonce)") and "danse" not in reasons["P2"]
    three = I.choose_examples(BRIEF, "Instagram", 3, posts=POSTS, shows=SHOWS)
    # P4 (danse, coulisses) ranks above P3 (humour) but presents the same show as P1
    assert set(three["id_publication"]) == {"P1", "P2", "P3"}
    four = I.choose_examples(BRIEF, "Instagram", 4, posts=POSTS, shows=SHOWS)
    assert set(four["id_publication"]) == {"P1", "P2", "P3", "P4"}  # no other show left


def test_examples_never_come_from_the_briefs_own_show_nor_another_network_nor_twice():
    chosen = I.choose_examples(BRIEF, "Instagram", 10, posts=POSTS, shows=SHOWS)
    assert "P5" not in set(chosen["id_publication"])  # Sillage's own post would be copied
    assert "P6" not in set(chosen["id_publication"])  # Facebook
    assert "P7" not in set(chosen["id_publication"])  # presents no show
    assert chosen["texte"].is_unique  # P2 and P8 are the same text
    kept = I.choose_examples(BRIEF, "Instagram", 10, posts=POSTS, shows=SHOWS, exclude_show="D")
    assert "P5" in set(kept["id_publication"]) and "P3" not in set(kept["id_publication"])


def test_the_document_frames_the_examples_and_ends_with_the_brief():
    prompt = I.imitation_prompt(BRIEF, "Instagram", k=2, posts=POSTS, shows=SHOWS)
    lines = prompt.text.split("\n")
    assert lines[0] == "Publications Instagram du Théâtre du Rivage."
    assert lines[-2:] == [f"Sujet : {BRIEF}", "Publication :"]
    assert prompt.text.count("Sujet : ") == 3 and prompt.text.count("Publication : ") == 2
    for example in prompt.examples.itertuples(index=False):
        assert f"Sujet : {example.sujet}\nPublication : {example.texte}\n\n" in prompt.text
    assert "Sujet : annonce : « Écume », un spectacle de danse, le jeudi 29 février au Studio." in prompt.text


def test_the_document_is_deterministic_given_a_seed():
    briefs = I.fixed_briefs()
    first = I.imitation_prompt(briefs["sujet"][0], "Instagram", k=4, seed=3)
    assert I.imitation_prompt(briefs["sujet"][0], "Instagram", k=4, seed=3).text == first.text
    others = {I.imitation_prompt(briefs["sujet"][0], "Instagram", k=4, seed=s).text for s in range(6)}
    assert len(others) > 1  # the seed breaks ties and orders the examples


def test_bad_briefs_are_explained_in_french():
    with pytest.raises(ValueError, match="sujet est vide"):
        I.imitation_prompt("  ", "Instagram", posts=POSTS, shows=SHOWS)
    with pytest.raises(ValueError, match="Réseau inconnu.*Myspace"):
        I.imitation_prompt(BRIEF, "Myspace", posts=POSTS, shows=SHOWS)
    with pytest.raises(ValueError, match="au moins une publication"):
        I.imitation_prompt(BRIEF, "Instagram", k=0, posts=POSTS, shows=SHOWS)
    with pytest.raises(KeyError, match="texte"):
        I.imitation_prompt(BRIEF, "Instagram", posts=POSTS.drop(columns="texte"), shows=SHOWS)


# -- cutting the continuation ---------------------------------------------------------------------
@pytest.mark.parametrize(("continuation", "truncated", "post"), [
    (" Sillage arrive le mardi 27 septembre ! #ThéâtreDuRivage\nSujet : annonce : « Écume »", False,
     "Sillage arrive le mardi 27 septembre ! #ThéâtreDuRivage"),
    (" Sillage arrive ! #Danse\n\nPublications Facebook du Théâtre", False, "Sillage arrive ! #Danse"),
    (" Sillage arrive ! #Danse Publication : Sillage encore", False, "Sillage arrive ! #Danse"),
    ("\n\n  « Sillage arrive ! »  ", False, "Sillage arrive !"),
    (" Sillage arrive.\n#Danse #PortRivage", False, "Sillage arrive. #Danse #PortRivage"),
    (" Sillage arrive ! #ThéâtreDuRivage #PortRiv", True, "Sillage arrive ! #ThéâtreDuRivage"),
    (" Sillage arrive le 27 septembre. Une danse physique et poé", True, "Sillage arrive le 27 septembre."),
    (" Sillage arrive et puis", True, "Sillage arrive et puis"),
    (" Sillage arrive ! #Danse\nSujet : annonce", True, "Sillage arrive ! #Danse"),  # it did end
    ("", False, ""),
    ("\nSujet : annonce : « Écume »", False, ""),
])
def test_cut_publication(continuation, truncated, post):
    assert I.cut_publication(continuation, truncated=truncated) == post


# -- the checks ------------------------------------------------------------------------------------
def test_facts_of_the_programme_are_not_flagged():
    text = ("Le mardi 27 septembre, laissez-vous embarquer par Sillage au Studio. Un ballet contemporain "
            "signé le collectif Pieds Nus, 1 h 45, 21 € ! #ThéâtreDuRivage #PortRivage #Danse")
    assert I.invented_facts(text, SILLAGE) == []


def test_invented_dates_times_prices_names_and_halls_are_flagged():
    text = ("🎭 Le Ballet du Littoral présente Sillage le lundi 10 octobre à 20 h 30 dans la Grande salle, "
            "avec Marie Dupont. 15 €, entrée libre pour les enfants ! #ThéâtreDuRivage")
    found = I.invented_facts(text, SILLAGE)
    assert "date « lundi 10 octobre » (fiche : mardi 27 septembre)" in found
    assert any(f.startswith("heure ou durée « 20 h 30 »") for f in found)
    assert "prix « 15 € » (fiche : 21 €)" in found
    assert any(f.startswith("« entrée libre »") for f in found)
    assert "nom « Ballet du Littoral » (absent de la fiche)" in found
    assert "nom « Marie Dupont » (absent de la fiche)" in found
    assert "salle « Grande salle » (fiche : Studio)" in found
    assert not any("Sillage" in f or "Rivage" in f for f in found)


def test_a_right_day_with_a_wrong_weekday_is_still_invented():
    assert I.invented_facts("Sillage, le lundi 27 septembre.", SILLAGE) == [
        "date « lundi 27 septembre » (fiche : mardi 27 septembre)"]
    assert I.invented_facts("Sillage, le 27 septembre.", SILLAGE) == []


def test_what_the_brief_says_is_not_invented():
    text = "Sillage, ce soir à 20 h avec Marie Dupont ! #Danse"
    assert len(I.invented_facts(text, SILLAGE)) == 2
    assert I.invented_facts(text, SILLAGE, brief=f"{BRIEF} À 20 h, avec Marie Dupont.") == []


def test_check_publication_format_topic_and_copy():
    good = "Le mardi 27 septembre, laissez-vous embarquer par Sillage. #ThéâtreDuRivage #Danse"
    check = I.check_publication(good, SILLAGE, brief=BRIEF)
    assert check.on_format and check.cites_title and check.on_topic and not check.invented
    assert not I.check_publication("Sillage arrive ! Réservez vite, c'est un ballet superbe.", SILLAGE).on_format
    short = I.check_publication("Sillage ! #Danse", SILLAGE)
    assert not short.in_bounds and not short.on_format
    leak = I.check_publication(good + " Sujet : annonce", SILLAGE)
    assert leak.leak and not leak.on_format
    assert I.check_publication("Contexte : " + good, SILLAGE).leak  # the instruction prompt's labels too
    links = I.check_publication("https://www.facebook.com/theatre-du-rivage #ThéâtreDuRivage #PortRivage "
                                "#Danse #SpectacleVivant #CultureAzur", SILLAGE)
    assert links.in_bounds and links.has_hashtag and not links.has_text and not links.on_format
    assert links.invented == ["lien ou compte « https://www.facebook.com/theatre-du-rivage » (absent de la fiche)"]
    assert (False, "pas de phrase en dehors des hashtags et des liens") in links.lines()
    off = I.check_publication("Le bar du théâtre vous accueille une heure avant. #ThéâtreDuRivage", SILLAGE)
    assert off.cites_title is False and off.on_topic is False
    ballet = I.check_publication("Un ballet à voir le mardi 27 septembre au Studio ! #ThéâtreDuRivage", SILLAGE)
    assert ballet.cites_title is False and ballet.on_topic is True  # the discipline, outside hashtags
    article = I.check_publication("Dernières places pour le Grand Déballage ! #Humour #ThéâtreDuRivage",
                                  SHOWS.iloc[3].to_dict())
    assert article.cites_title  # « le Grand Déballage » cites « Le Grand Déballage »
    copy = I.check_publication(POSTS["texte"][0] + " #CultureAzur", SILLAGE, examples=POSTS["texte"])
    assert copy.copy  # the same words, hashtags aside
    assert [ok for ok, _ in check.lines()] == [True, True, True, True, True]
    assert I.check_publication(good).cites_title is None  # no show: nothing to compare


def test_instruction_parts_carry_the_same_brief_and_examples():
    prompt = I.imitation_prompt(BRIEF, "Instagram", k=2, posts=POSTS, shows=SHOWS)
    parts = I.instruction_parts(prompt)
    assert parts.contexte == BRIEF
    assert "Instagram" in parts.tache and parts.amorce == "Publication Instagram :"
    assert parts.clean_examples() == list(zip(prompt.examples["sujet"], prompt.examples["texte"]))
    assert evaluate_prompt(parts).score == 100


# -- the fixed briefs and the measurement -----------------------------------------------------------
def test_the_fixed_briefs_cover_every_discipline_with_shows_that_have_no_post():
    briefs = I.fixed_briefs()
    shows, posts = load("spectacles"), load("publications")
    assert len(briefs) == 12
    assert briefs["discipline"].value_counts().to_dict() == {d: 2 for d in set(shows["discipline"])}
    assert not set(briefs["id_spectacle"]) & set(posts["id_spectacle"].dropna())
    assert set(briefs["reseau"]) <= set(I.NETWORKS) and set(briefs["type_publication"]) <= set(I.KINDS)
    assert all(s.startswith(f"{k} : « {t} »") for s, k, t in
               zip(briefs["sujet"], briefs["type_publication"], briefs["titre"]))


def test_summarise_imitation_counts_each_criterion():
    table = pd.DataFrame({"format respecté": [True, True, False, True], "sur le sujet": [True] * 4,
                          "cite le titre": [True, False, False, True], "fait inventé": [False, True, False, False],
                          "autre écart à la fiche": [True, True, False, False], "recopie un exemple": [False] * 4})
    summary = I.summarise_imitation(table)
    assert summary["publications"].tolist() == [3, 4, 2, 1, 2, 0]
    assert summary["part"].tolist() == [0.75, 1.0, 0.5, 0.25, 0.5, 0.0]
    assert summary.index[0].startswith("format respecté")


def test_an_unknown_measurement_mode_is_refused_before_any_call():
    with pytest.raises(ValueError, match="Mode inconnu.*imiter, consigne"):
        I.measure_imitation(None, mode="improviser")


def test_the_local_model_writes_on_format_posts_for_most_fixed_briefs(local_llm):
    """The default mode of the workshop, on the twelve fixed briefs at the default settings and a
    fixed seed. Measured: 12/12 on format and on topic, 1/12 with an invented fact (seed 0); the
    thresholds keep a margin for other CPUs and llama.cpp versions, never an exact wording."""
    table = I.measure_imitation(local_llm, seed=0)
    assert len(table) == 12
    assert table["format respecté"].sum() >= 9, table[["spectacle", "publication"]].to_string()
    assert table["sur le sujet"].sum() >= 9, table[["spectacle", "publication"]].to_string()
    assert not table["publication"].str.contains("Sujet :").any()
    assert table.attrs["exemples"] == I.DEFAULT_K and table.attrs["température"] == I.DEFAULT_TEMPERATURE
