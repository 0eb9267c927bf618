"""The past campaign's targeting (``ciblage_campagne.csv``): the documented rule, recomputed from
the tickets, and the bias it carries, measured as module 05's audit will measure it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ia_marketing.data.targeting import CAMPAIGN_DAY, SCORE_THRESHOLD


def _joined(data: dict[str, pd.DataFrame]) -> pd.DataFrame:
    people = data["ciblage"].merge(data["spectateurs"], on="id_client", how="left", validate="one_to_one")
    age = (pd.Timestamp(CAMPAIGN_DAY) - people["date_naissance"]).dt.days / 365.25
    people["tranche"] = pd.cut(age, [0, 30, 45, 60, 75, 130], right=False,
                               labels=["moins de 30 ans", "30-44", "45-59", "60-74", "75 ans et plus"])
    return people


def test_the_rule_is_the_documented_one(data: dict[str, pd.DataFrame]) -> None:
    target, tickets = data["ciblage"], data["billets"]
    assert target["id_client"].is_unique and set(target["id_campagne"]) == {"AP2025"}
    assert target["score_appetence"].between(0, 100).all()
    people = _joined(data)
    assert (people["date_premier_achat"] < pd.Timestamp(CAMPAIGN_DAY)).all()
    local = people["code_postal"].str.startswith("06")
    assert (people["cible"] == ((people["score_appetence"] >= SCORE_THRESHOLD) & local)).all()

    before = tickets[tickets["date_achat"] < pd.Timestamp(CAMPAIGN_DAY)]
    per = before.groupby("id_client").agg(n=("canal", "size"), web=("canal", lambda c: (c == "web").sum()))
    recent = before[before["date_achat"] >= pd.Timestamp(CAMPAIGN_DAY) - pd.Timedelta(days=365)]
    per["recent"] = recent.groupby("id_client").size().reindex(per.index, fill_value=0)
    people = people.join(per, on="id_client")
    expected = 100 * (0.55 * people["web"] / people["n"] + 0.25 * people["optin_newsletter"]
                      + 0.20 * np.minimum(1, people["recent"] / 6))
    residual = (people["score_appetence"] - expected.clip(0, 100)).to_numpy()
    assert abs(residual.mean()) < 0.5 and 3 < residual.std() < 5   # the documented noise, sd 4


def test_the_rule_selects_older_spectators_far_less_often_though_they_come_back_as_often(data) -> None:
    people = _joined(data)
    rates = people.groupby("tranche", observed=True)["cible"].mean()
    assert rates["60-74"] / rates.max() < 0.8 and rates["45-59"] / rates.max() < 0.8  # under four fifths
    assert rates.idxmax() == "moins de 30 ans"
    came_back = set(data["billets"].loc[data["billets"]["date_achat"] >= "2025-07-01", "id_client"])
    returns = people.assign(revenu=people["id_client"].isin(came_back)).groupby("tranche", observed=True)["revenu"].mean()
    assert returns["60-74"] >= returns["moins de 30 ans"]
    by_gender = people.groupby("civilite")["cible"].mean()
    assert by_gender.min() / by_gender.max() > 0.9                                    # gender plays no part
    outside = ~people["code_postal"].str.startswith("06")
    assert outside.sum() > 100 and not people.loc[outside, "cible"].any()              # the explicit rule
