"""The word tables (``words/``): read once, read-only, complete, and no template glitch in the texts."""

from __future__ import annotations

import pandas as pd
import pytest

from ia_marketing.data import world
from ia_marketing.data.press import N_JOURNALISTS
from ia_marketing.data.reviews import SENTIMENTS
from ia_marketing.data.shows import HALLS, SHOWS_PER_SEASON
from ia_marketing.data.words import rows, words

TABLES = ("shows", "posts", "reviews", "campaigns", "press", "export", "contacts")


@pytest.mark.parametrize("name", TABLES)
def test_each_table_is_read_once_and_cannot_be_changed(name: str) -> None:
    table = words(name)
    assert words(name) is table
    with pytest.raises(TypeError):
        table["ajout"] = ()  # type: ignore[index]
    assert all(not isinstance(value, list) for value in table.values())
    assert rows("communes") is rows("communes")


def test_every_discipline_has_its_texts() -> None:
    shows, posts, reviews = words("shows"), words("posts"), words("reviews")
    for d, discipline in enumerate(world.DISCIPLINES):
        for part in ("companies", "themes", "descriptions"):
            assert shows[part][discipline], (part, discipline)
        # titles are never reused: four seasons of shows
        assert len(set(shows["titles"][discipline])) >= len(world.SEASONS) * SHOWS_PER_SEASON[d], discipline
        for part in ("phrases", "discipline_emojis", "discipline_hashtags"):
            assert posts[part][discipline], (part, discipline)
        assert reviews["artists"][discipline]
    assert set(posts["halls"]) == {hall for hall, _ in HALLS}
    assert len(shows["words"]["numbers"]) == 10
    for part in ("core", "detail", "closing"):
        assert set(reviews[part]) == set(SENTIMENTS), part
    institution = posts["templates"]["institution"]
    for start in posts["seasonal"]:
        assert any(start in template for template in institution), start


def test_contacts_and_towns_cannot_reach_anyone() -> None:
    assert all(domain.endswith(".example") and weight > 0 for domain, weight in world.email_domains())
    assert {prefix for prefix, _ in world.phone_prefixes()} == {
        "06 39 98", "04 65 71", "01 99 00", "02 61 91", "05 36 49"}
    towns = world.communes()
    assert towns[0] == ("06290", world.TOWN, 40.0)
    assert all(len(code) == 5 and code.isdigit() and weight > 0 for code, _, weight in towns)
    assert sum(medium["journalists"] for medium in words("press")["media"]) >= N_JOURNALISTS


def test_french_texts_have_no_template_glitches(data: dict[str, pd.DataFrame]) -> None:
    texts = pd.concat([data["spectacles"].description, data["publications"].texte,
                       data["avis"].texte, data["campagnes"].objet])
    for glitch in (" de le ", " de les ", " à le ", " à les ", " de Le ", " à Le ", "{", "}", "  "):
        assert not texts.str.contains(glitch, regex=False).any(), glitch
    assert not texts.str.contains(r"\bde (?:avril|août|octobre)\b").any()
