"""Templates with variables (`ia_marketing.prompting.templates`), on the real press list."""

from __future__ import annotations

import pandas as pd
import pytest

import ia_marketing
from ia_marketing.prompting.templates import (
    MissingValueError,
    MissingVariableError,
    TemplateError,
    fill_over_table,
    fill_template,
    template_variables,
)

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
