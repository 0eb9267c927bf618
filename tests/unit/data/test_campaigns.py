"""Newsletter campaigns: consistent counts, every segment, sent on Tuesdays and Thursdays."""

from __future__ import annotations

import pandas as pd

from ia_marketing.data.campaigns import SEGMENTS


def test_newsletter_counts_are_consistent(data: dict[str, pd.DataFrame]) -> None:
    campaigns = data["campagnes"]
    assert len(campaigns) == 60
    assert (campaigns.nb_clics <= campaigns.nb_ouvertures).all()
    assert (campaigns.nb_ouvertures <= campaigns.nb_envois).all()
    assert (campaigns.nb_desinscriptions <= campaigns.nb_envois).all()
    big = campaigns[campaigns.nb_envois >= 200]
    assert (big.nb_ouvertures / big.nb_envois).between(0.10, 0.55).all()
    assert (big.nb_clics / big.nb_envois).between(0.003, 0.09).all()
    assert set(campaigns.segment) == set(SEGMENTS)
    assert (campaigns.nb_envois > 0).all()
    optin = data["spectateurs"].optin_newsletter.sum()
    assert campaigns.loc[campaigns.segment == "tous", "nb_envois"].max() <= optin
    assert campaigns.date_envoi.dt.day_of_week.isin([1, 3]).all()
