"""Which columns are personal data, and of which kind (`ia_marketing.ethics.classification`):
the course's own tables, keywords matched on whole words of the folded column name, the special
categories of art. 9 GDPR, the scan of values hidden behind an innocuous column name, and an
edited rules table."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing import load
from ia_marketing.ethics import CATEGORIES, EthicsError, classification_rules, classify_column, classify_columns


def categories(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["colonne"], table["categorie"].astype(str)))


# -- the course's tables ----------------------------------------------------------------------
def test_the_customer_file_is_classified_column_by_column():
    spectateurs = load("spectateurs")
    out = classify_columns(spectateurs)
    assert out.columns.tolist() == ["colonne", "categorie", "raison", "exemple"]
    assert out["colonne"].tolist() == spectateurs.columns.tolist()
    assert categories(out) == {
        "id_client": "identifiant", "prenom": "identifiant", "nom": "identifiant", "email": "identifiant",
        "telephone": "identifiant",
        "civilite": "quasi-identifiant", "code_postal": "quasi-identifiant", "ville": "quasi-identifiant",
        "date_naissance": "quasi-identifiant",
        # no name in these, but they are about an identifiable person: still personal data
        "date_premier_achat": "personnelle", "canal_acquisition": "personnelle", "abonne": "personnelle",
        "optin_newsletter": "personnelle",
    }
    rows = out.set_index("colonne")
    assert "art. 4" in rows.loc["abonne", "raison"]


def test_examples_of_identifiers_are_masked_and_others_shown():
    spectateurs = load("spectateurs")
    rows = classify_columns(spectateurs).set_index("colonne")
    for column in ("email", "nom", "telephone", "id_client"):
        first = str(spectateurs[column].iloc[0])
        assert rows.loc[column, "exemple"] == first[0] + "…"
        assert first not in rows.to_string()
    assert rows.loc["code_postal", "exemple"] == spectateurs["code_postal"].iloc[0]
    assert rows.loc["date_naissance", "exemple"] == spectateurs["date_naissance"].iloc[0].strftime("%Y-%m-%d")


def test_the_programme_is_not_about_people():
    spectacles = load("spectacles")
    out = classify_columns(spectacles, about_people=False)
    assert set(out["categorie"].astype(str)) == {"non personnelle"}
    assert len(out) == spectacles.shape[1]
    # the same columns in a table about people would be personal data
    assert set(classify_columns(spectacles)["categorie"].astype(str)) == {"personnelle"}


def test_the_category_column_sorts_from_the_most_protected():
    out = classify_columns(load("spectateurs"))
    assert list(out["categorie"].cat.categories) == ["sensible", "identifiant", "quasi-identifiant", "personnelle",
                                                     "non personnelle"]
    assert list(CATEGORIES) == list(out["categorie"].cat.categories)
    ordered = out.sort_values("categorie")["categorie"].astype(str).tolist()
    assert ordered[0] == "identifiant" and ordered[-1] == "personnelle"


# -- keywords on whole words -----------------------------------------------------------------
@pytest.mark.parametrize(("name", "expected"), [
    ("tel", "identifiant"),
    ("tel_fixe", "identifiant"),
    ("numero_tel", "identifiant"),
    ("Téléphone portable", "identifiant"),
    ("E-mail", "identifiant"),
    ("COURRIEL", "identifiant"),
    ("adresse_postale", "identifiant"),
    ("iban", "identifiant"),
    ("Date de naissance", "quasi-identifiant"),
    ("date_naissance", "quasi-identifiant"),
    ("tranche_age", "quasi-identifiant"),
    ("CP", "quasi-identifiant"),
    ("Civilité", "quasi-identifiant"),
    ("hotel", "personnelle"),             # « tel » is not a word of « hotel »
    ("hotel_prefere", "personnelle"),
    ("nombre_billets", "personnelle"),    # « nom » is not a word of « nombre »
    ("page_vue", "personnelle"),          # nor « age » of « page »
    ("equipe", "personnelle"),            # nor « ip » of « equipe »
    ("mailing_ok", "personnelle"),        # a short keyword matches whole words only
    ("empreinte_carbone_g", "personnelle"),   # a footprint is not a fingerprint
])
def test_keywords_match_whole_words_of_the_folded_name(name, expected):
    assert classify_column(name)[0] == expected


@pytest.mark.parametrize("name", ["besoin_pmr", "handicap", "Handicapé", "allergies", "Santé", "mutuelle",
                                  "regime_alimentaire", "repas_halal", "religion", "syndicat",
                                  "orientation_sexuelle", "donnees_biometriques", "empreinte_digitale"])
def test_special_categories_are_sensitive(name):
    category, reason = classify_column(name)
    assert category == "sensible"
    assert "art. 9" in reason


def test_a_sensitive_column_wins_over_a_later_rule_and_is_masked():
    frame = pd.DataFrame({"besoin_pmr": [True, False], "regime_alimentaire": ["halal", None],
                          "telephone_sante": ["04 93 00 00 00", None]})
    out = classify_columns(frame).set_index("colonne")
    assert out["categorie"].astype(str).tolist() == ["sensible"] * 3
    assert out.loc["regime_alimentaire", "exemple"] == "h…"


def test_a_column_that_no_rule_names_depends_on_what_the_table_describes():
    assert classify_column("discipline_preferee") == ("personnelle",
                                                      "information sur une personne identifiable (art. 4 RGPD)")
    assert classify_column("discipline_preferee", about_people=False)[0] == "non personnelle"
    assert classify_column("nom", about_people=False)[0] == "identifiant"   # a name is a name in any table


_KEYWORDS = sorted({k.strip().replace("_", "") for cell in classification_rules()["mots_cles"]
                    for k in cell.split("|") if k.strip()})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_KEYWORDS), st.text(alphabet="xqz", min_size=1, max_size=3),
       st.text(alphabet="xqz0123456789", max_size=3))
def test_a_keyword_inside_a_longer_word_never_matches(keyword, before, after):
    # no keyword starts with x, q or z: the only word of the name is none of them, and starts with none
    assert classify_column(before + keyword + after)[0] == "personnelle"


def _category_of(keyword: str) -> str:
    rules = classification_rules()
    for keywords, category in zip(rules["mots_cles"], rules["categorie"]):
        if keyword in [k.strip() for k in keywords.split("|")]:
            return category
    raise AssertionError(keyword)


_RAW_KEYWORDS = sorted({k.strip() for cell in classification_rules()["mots_cles"] for k in cell.split("|") if k.strip()})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(_RAW_KEYWORDS), st.sampled_from(["", "x_", "qz_"]), st.sampled_from(["", "_x", "_zq", "_2"]),
       st.sampled_from([str, str.upper, str.title]), st.sampled_from(["_", " ", "-"]))
def test_a_keyword_as_a_word_matches_its_rule(keyword, before, after, case, separator):
    name = case((before + keyword + after).replace("_", separator))
    assert classify_column(name)[0] == _category_of(keyword)


# -- values behind an innocuous name ---------------------------------------------------------
def test_values_reveal_emails_and_phones_behind_an_innocuous_name():
    frame = pd.DataFrame({
        "contact": [None, "jeanne.martin@courriel.example", "paul.durand@mail.example"],
        "champ_libre": ["à rappeler au 06 12 34 56 78", "", "rien"],
        "commentaire": ["très bien", "super soirée", "trop long"],
        "montant": [12.0, 30.0, 8.5],
    })
    out = classify_columns(frame).set_index("colonne")
    assert out.loc["contact", "categorie"] == "identifiant"
    assert "e-mail" in out.loc["contact", "raison"]
    assert out.loc["contact", "exemple"] == "j…"                    # the first non-empty value, masked
    assert out.loc["champ_libre", "categorie"] == "identifiant"
    assert "téléphone" in out.loc["champ_libre", "raison"]
    assert out.loc["commentaire", "categorie"] == "personnelle"
    assert out.loc["commentaire", "exemple"] == "très bien"
    assert out.loc["montant", "categorie"] == "personnelle"
    # in a table about things too, an e-mail in the values is an identifier
    assert classify_columns(frame, about_people=False).set_index("colonne").loc["contact", "categorie"] == "identifiant"


def test_only_the_first_sample_values_are_scanned_and_excluded_columns_are_skipped():
    frame = pd.DataFrame({"note": ["ok"] * 5 + ["écrire à lea.roux@mail.example"], "autre": ["a"] * 6})
    assert classify_columns(frame, sample=5).set_index("colonne").loc["note", "categorie"] == "personnelle"
    assert classify_columns(frame, sample=6).set_index("colonne").loc["note", "categorie"] == "identifiant"
    assert classify_columns(frame, exclude=["note"])["colonne"].tolist() == ["autre"]


def test_an_empty_table_keeps_its_columns_with_no_example():
    out = classify_columns(pd.DataFrame({"email": pd.Series([], dtype=object), "score": pd.Series([], dtype=float)}))
    assert categories(out) == {"email": "identifiant", "score": "personnelle"}
    assert out["exemple"].tolist() == ["", ""]


# -- an edited rules table -------------------------------------------------------------------
def test_the_rules_table_is_a_copy_to_edit():
    rules = classification_rules()
    assert rules.columns.tolist() == ["mots_cles", "categorie", "raison"]
    assert set(rules["categorie"]) <= set(CATEGORIES)
    rules.loc[0, "mots_cles"] = "rien"
    assert classification_rules().loc[0, "mots_cles"] != "rien"


def test_an_added_rule_is_read_first():
    own = pd.DataFrame({"mots_cles": ["commentaire|verbatim", "tel_fixe"],
                        "categorie": ["sensible", "quasi-identifiant"],
                        "raison": ["texte libre : peut contenir n'importe quoi", "standard de l'entreprise"]})
    rules = pd.concat([own, classification_rules()], ignore_index=True)
    frame = pd.DataFrame({"commentaire": ["bien"], "tel_fixe": ["04 93 00 00 00"], "email": ["a@b.example"]})
    out = classify_columns(frame, regles=rules).set_index("colonne")
    assert out.loc["commentaire", "categorie"] == "sensible"
    assert out.loc["commentaire", "raison"] == "texte libre : peut contenir n'importe quoi"
    assert out.loc["tel_fixe", "categorie"] == "quasi-identifiant"      # first match wins
    assert out.loc["email", "categorie"] == "identifiant"


def test_a_removed_rule_no_longer_applies_and_a_rule_without_reason_names_its_keywords():
    rules = classification_rules()
    without_health = rules[~rules["mots_cles"].str.contains("pmr")]
    assert classify_column("besoin_pmr", regles=without_health)[0] == "personnelle"
    bare = pd.DataFrame({"mots_cles": ["abonnement"], "categorie": ["personnelle"]})
    assert classify_column("abonnement_2025", regles=bare) == ("personnelle", "règle « abonnement »")


@pytest.mark.parametrize(("rules", "match"), [
    (pd.DataFrame({"mots": ["nom"], "categorie": ["identifiant"]}), "« mots_cles » et « categorie »"),
    (pd.DataFrame({"mots_cles": ["nom"]}), "« mots_cles » et « categorie »"),
    ([("nom", "identifiant")], "« mots_cles » et « categorie »"),
    (pd.DataFrame({"mots_cles": ["nom", "x"], "categorie": ["identifiant", "secret"]}), "Catégorie inconnue.*« secret »"),
])
def test_bad_rules_are_refused_in_french(rules, match):
    with pytest.raises(EthicsError, match=match):
        classify_columns(pd.DataFrame({"nom": ["Martin"]}), regles=rules)
    with pytest.raises(EthicsError, match=match):
        classify_column("nom", regles=rules)


def test_not_a_table_is_refused():
    with pytest.raises(EthicsError, match="attend un tableau pandas .DataFrame., pas list"):
        classify_columns([["Martin"]])


@pytest.mark.parametrize("name, category", [
    ("canal_origine", "personnelle"),          # where a customer came from, not an ethnic origin
    ("politique_tarifaire", "personnelle"),
    ("origine_ethnique", "sensible"),
    ("opinion_politique", "sensible"),
    ("dateNaissance", "quasi-identifiant"),    # camelCase names are split into words
    ("religieux", "sensible"),
])
def test_keywords_do_not_flag_ordinary_marketing_columns(name, category):
    assert classify_column(name)[0] == category
