"""Place names: the grouping key, the French display form and the match with the official lists,
on hand-written spellings, on properties (hypothesis) and on the shipped public tables."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ia_marketing.cleaning import clean_export, normalise_name, read_export
from ia_marketing.cleaning.places import PARTICLES, match_places, place_display, place_key
from ia_marketing.core.text import strip_accents
from ia_marketing.data.public import PUBLIC_FILES, load_public, public_path


def _one(func, value, **kw):
    return func(pd.Series([value]), **kw).iloc[0]


# -- the key -------------------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("PAYS DE LA LOIRE", "Pays-de-la-Loire"),
    ("ST PIERRE ET MIQUELON", "Saint-Pierre-et-Miquelon"),
    ("Ste-Foy-lès-Lyon", "SAINTE FOY LES LYON"),
    ("Besancon", "Besançon"),
    ("CÔTE D’OR", "Côte-d'Or"),
    ("LES SABLES-D’OLONNE", "Les Sables-d'Olonne"),
    ("Chalon s/ Saône", "Chalon-sur-Saône"),
    ("SEDAN Cedex", "Sedan"),
    ("PARIS CEDEX 08", "Paris"),
    ("Cœuvres-et-Valsery", "COEUVRES ET VALSERY"),
    ("  Port-Rivage ", "port rivage"),
])
def test_spellings_of_one_place_share_a_key(a, b):
    assert _one(place_key, a) == _one(place_key, b)


@pytest.mark.parametrize("a, b", [
    ("Saint-Denis", "Saint-Denis-de-Pile"),
    ("Saint-Martin", "Sainte-Martine"),
    ("Le Mans", "Mans"),
    ("Aix-en-Provence", "Aix-les-Bains"),
])
def test_different_names_keep_different_keys(a, b):
    assert _one(place_key, a) != _one(place_key, b)


def test_missing_and_blank_names_have_no_key():
    keys = place_key(pd.Series([None, "", "  ", "-"], dtype=object))
    assert keys.isna().all()


def test_the_key_without_accents_merges_no_two_communes_of_one_department():
    """34 969 communes: within a department, no two official names share a key, even without accents."""
    communes = load_public("communes")
    keys = place_key(communes["nom"])
    assert not pd.DataFrame({"dep": communes["departement"], "k": keys}).duplicated().any()
    # across France, a few names differ only by their accents: the key with accents keeps them apart
    names = communes["nom"].drop_duplicates()
    loose = place_key(names)
    assert loose.duplicated().sum() > 0
    with_accents = place_key(names, accents=True)
    assert not with_accents.duplicated().any()


# -- properties ----------------------------------------------------------------------------------
# (« œ » is tested by hand above: « ÂŒ » in capitals reads as doubly encoded text, which no name is)
_letters = st.sampled_from(list("aàâbcçdeéèêëfghiîïjklmnoôpqrstuùûvwxyz"))
_word = st.text(_letters, min_size=1, max_size=8)
_names = st.lists(st.one_of(_word, st.sampled_from(sorted(PARTICLES)), st.just("saint"), st.just("sainte")),
                  min_size=1, max_size=5)
_seps = st.lists(st.sampled_from([" ", "-"]), min_size=4, max_size=4)


def _join(words, seps):
    return words[0] + "".join(s + w for s, w in zip(seps, words[1:]))


@settings(max_examples=300, deadline=None)
@given(_names, _seps, _seps)
def test_the_key_ignores_case_accents_hyphens_and_saint_abbreviations(words, seps, other_seps):
    name = _join(words, seps)
    key = _one(place_key, name)
    assert _one(place_key, name.upper()) == key
    assert _one(place_key, strip_accents(name)) == key
    assert _one(place_key, _join(words, other_seps)) == key
    abbreviated = _join([{"saint": "St", "sainte": "Ste"}.get(w, w) for w in words], seps)
    assert _one(place_key, abbreviated) == key
    assert _one(place_key, key) == key  # a key is its own key


@settings(max_examples=300, deadline=None)
@given(_names, _seps)
def test_the_display_form_keeps_the_key_and_is_stable(words, seps):
    name = _join(words, seps)
    shown = _one(place_display, name.upper())
    assert _one(place_key, shown) == _one(place_key, name)
    assert _one(place_display, shown) == shown
    first, *rest = shown.replace("-", " ").split(" ")
    assert first[:1].isupper() or not first[:1].isalpha()
    for word in rest:
        assert word == word.lower() if word.lower() in PARTICLES else word[:1].isupper()


# -- display -------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, shown", [
    ("PAYS DE LA LOIRE", "Pays de la Loire"),
    ("HAUTEVILLE-SUR-MER", "Hauteville-sur-Mer"),
    ("VILLENEUVE-D'ASCQ", "Villeneuve-d'Ascq"),
    ("LES SABLES-D’OLONNE", "Les Sables-d’Olonne"),
    ("L'AIGLE", "L'Aigle"),
    ("provence-alpes-côte d'azur", "Provence-Alpes-Côte d'Azur"),
    ("LE HAVRE", "Le Havre"),
    ("Chalon s/ Saône", "Chalon s/ Saône"),
])
def test_french_display_forms(raw, shown):
    assert _one(place_display, raw) == shown


def test_with_the_official_list_the_display_takes_the_official_name():
    regions = load_public("regions")["nom"]
    communes = load_public("communes")["nom"]
    assert place_display(pd.Series(["ST PIERRE ET MIQUELON", "PAYS-DE-LA-LOIRE"]), regions).tolist() == [
        "Saint-Pierre-et-Miquelon", "Pays de la Loire"]
    shown = place_display(pd.Series(["SAINT ETIENNE", "ILE D'AIX", "HUNINGE"]), communes)
    assert shown.tolist() == ["Saint-Étienne", "Île-d'Aix", "Huninge"]  # a typo is not guessed


# -- match with the official list ----------------------------------------------------------------
def test_match_says_how_each_name_matched():
    communes = load_public("communes")
    found = match_places(pd.Series(["Besançon", "BESANCON", "MELLE", "Mellé", "HUNINGE", None], index=[5, 3, 9, 1, 2, 0]),
                         communes["nom"])
    assert found.index.tolist() == [5, 3, 9, 1, 2, 0]
    assert found["statut"].tolist() == ["exact", "sans accents", "exact", "exact", "introuvable", "introuvable"]
    assert found["officiel"].tolist()[:4] == ["Besançon", "Besançon", "Melle", "Mellé"]


def test_a_name_shared_by_several_official_names_is_ambiguous_unless_its_department_decides():
    communes = load_public("communes")
    # « Moûtiers » (73) and « Moutiers » (35, 54): written with another accent, the name is ambiguous
    found = match_places(pd.Series(["MOUTIERS"]), communes["nom"])
    assert found["statut"].tolist() == ["exact"]  # « Moutiers » exists as written
    found = match_places(pd.Series(["MOUTIÈRS"]), communes["nom"])
    assert found["statut"].tolist() == ["ambigu"] and found["officiel"].isna().all()
    within = match_places(pd.Series(["MOUTIERS", "MOUTIERS"]), communes["nom"], within=pd.Series(["73", "35"]),
                          official_within=communes["departement"])
    assert within["officiel"].tolist() == ["Moûtiers", "Moutiers"]
    assert within["statut"].tolist() == ["sans accents", "exact"]


def test_within_needs_both_sides():
    with pytest.raises(ValueError, match="ensemble"):
        match_places(pd.Series(["Nice"]), pd.Series(["Nice"]), within=pd.Series(["06"]))


# -- the shipped public tables -------------------------------------------------------------------
def test_public_tables_load_with_codes_as_text():
    communes = load_public("communes")
    assert len(communes) == 34969 and communes["code_insee"].str.len().eq(5).all()
    assert communes.loc[communes["nom"] == "L'Abergement-Clémenciat", "code_insee"].tolist() == ["01001"]
    assert set(PUBLIC_FILES) == {"communes", "departements", "regions", "musees"}
    with pytest.raises(Exception, match="Table publique inconnue"):
        public_path("cinemas")


def test_museum_extract_reads_whole_and_its_places_match_the_official_lists():
    """The ministry's own file: every row read; regions and departments found in the official
    lists far more often with the place key than by exact name after capitalisation."""
    musees = read_export(public_path("musees"))
    assert len(musees) == 3559 and not musees.attrs["lignes écartées"]
    regions, deps, communes = load_public("regions"), load_public("departements"), load_public("communes")
    for column, official, at_least in [("regions", regions["nom"], 1.0), ("departements", deps["nom"], 0.98),
                                       ("ville", communes["nom"], 0.92)]:
        values = pd.Series(musees[column].dropna().unique())
        matched = match_places(values, official)["statut"].isin(["exact", "sans accents"]).mean()
        exact_before = normalise_name(values).isin(set(official)).mean()
        assert matched >= at_least and matched > exact_before, (column, matched, exact_before)
    # spellings of one town joined: « LES-BAUX-DE-PROVENCE » and « LES BAUX DE PROVENCE », « SEDAN Cedex »…
    assert place_key(musees["ville"]).nunique() < musees["ville"].nunique()


def test_clean_export_writes_towns_in_their_display_form():
    raw = pd.DataFrame({"nom": ["Durand"], "prenom": ["Léa"], "ville": ["SAINT-LAURENT-DU-VAR"]})
    result = clean_export(raw, colonnes={"nom": "nom", "prenom": "prenom", "ville": "ville"})
    assert result.kept["ville"].tolist() == ["Saint-Laurent-du-Var"]
