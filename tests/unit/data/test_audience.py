"""Customers and tickets: references, dates, seats, prices by tariff, realistic behaviour."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from ia_marketing.data import world

COMMITTED = Path(__file__).resolve().parents[3] / "datasets"
EXTRACTION = pd.Timestamp(world.EXTRACTION_DATE)


def test_identifiers_are_unique_and_references_resolve(data: dict[str, pd.DataFrame]) -> None:
    keys = {"spectateurs": "id_client", "spectacles": "id_spectacle", "billets": "id_billet",
            "journalistes": "id_journaliste", "publications": "id_publication", "avis": "id_avis",
            "campagnes": "id_campagne"}
    for name, key in keys.items():
        assert data[name][key].is_unique, name
        assert data[name][key].notna().all(), name
    customers = set(data["spectateurs"].id_client)
    shows = set(data["spectacles"].id_spectacle)
    assert set(data["billets"].id_client) <= customers
    assert set(data["billets"].id_spectacle) <= shows
    assert set(data["avis"].id_spectacle) <= shows
    assert set(data["publications"].id_spectacle.dropna()) <= shows
    assert set(data["journalistes"].derniere_couverture.dropna()) <= shows


def test_every_customer_bought_and_first_purchase_matches_tickets(data: dict[str, pd.DataFrame]) -> None:
    first = data["billets"].groupby("id_client").date_achat.min()
    customers = data["spectateurs"].set_index("id_client")
    assert set(first.index) == set(customers.index)
    assert (customers.date_premier_achat.loc[first.index] == first).all()


def test_purchases_happen_before_the_performance(data: dict[str, pd.DataFrame]) -> None:
    tickets = data["billets"].merge(data["spectacles"], on="id_spectacle")
    assert (tickets.date_achat <= tickets.date_representation).all()
    assert (tickets.date_representation >= tickets.date_premiere).all()
    last = tickets.date_premiere + pd.to_timedelta(tickets.nb_representations - 1, unit="D")
    assert (tickets.date_representation <= last).all()
    assert (tickets.date_representation < EXTRACTION).all()
    born = data["spectateurs"].set_index("id_client").date_naissance.loc[tickets.id_client]
    adult = born.reset_index(drop=True) + pd.DateOffset(years=18)
    assert (tickets.date_achat.reset_index(drop=True) >= adult).all()


def test_no_performance_is_oversold_and_fill_rates_differ(data: dict[str, pd.DataFrame]) -> None:
    shows = data["spectacles"].set_index("id_spectacle")
    per_performance = data["billets"].groupby(["id_spectacle", "date_representation"]).size()
    jauge = shows.jauge.loc[per_performance.index.get_level_values(0)].to_numpy()
    assert (per_performance.to_numpy() <= jauge).all()
    fill = data["billets"].groupby("id_spectacle").size() / (shows.jauge * shows.nb_representations)
    assert fill.notna().all() and len(fill) == len(shows)
    assert fill.std() > 0.1
    assert fill.min() < 0.45 and fill.max() > 0.9
    assert 0.5 < fill.mean() < 0.8


def _expected_price(tarif: str, full: float) -> float:
    if tarif == "solidaire":
        return min(5.0, full)
    share = {"plein": "1", "réduit": "0.8", "abonné": "0.7", "moins de 26 ans": "0.5"}[tarif]
    doubled = (Decimal(str(full)) * Decimal(share) * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return float(doubled / 2)


def test_ticket_price_follows_the_tariff(data: dict[str, pd.DataFrame]) -> None:
    tickets = data["billets"].merge(data["spectacles"][["id_spectacle", "prix_plein"]], on="id_spectacle")
    assert set(tickets.tarif) == set(world.TARIFS)
    pairs = tickets[["tarif", "prix_plein", "prix"]].drop_duplicates()
    for row in pairs.itertuples():
        assert row.prix == _expected_price(row.tarif, row.prix_plein), row
    assert world.ticket_price("réduit", 27.0) == 21.5
    with pytest.raises(ValueError, match="Tarif inconnu"):
        world.ticket_price("gratuit", 20.0)


def test_under_26_tariff_only_for_under_26(data: dict[str, pd.DataFrame]) -> None:
    tickets = data["billets"][data["billets"].tarif == "moins de 26 ans"]
    born = data["spectateurs"].set_index("id_client").date_naissance.loc[tickets.id_client]
    turns_26 = born.reset_index(drop=True) + pd.DateOffset(years=26)
    assert (tickets.date_representation.reset_index(drop=True) < turns_26).all()
    assert len(tickets) > 100


def test_customer_fields_are_well_formed(data: dict[str, pd.DataFrame]) -> None:
    customers = data["spectateurs"]
    assert len(customers) == world.BASE_CUSTOMERS
    assert customers.code_postal.str.fullmatch(r"\d{5}").all()
    assert customers.code_postal.str.startswith("0").mean() > 0.5
    assert customers.code_postal.str[:2].value_counts().index[0] == "06"
    raw = pd.read_csv(COMMITTED / "spectateurs.csv", dtype=str)
    assert (raw.code_postal.str.len() == 5).all()
    ranges = ("06 39 98", "04 65 71", "01 99 00", "02 61 91", "05 36 49")
    assert customers.telephone.str.fullmatch(r"0\d( \d\d){4}").all()
    assert customers.telephone.str[:8].isin(ranges).all()
    assert customers.telephone.is_unique
    assert customers.email.is_unique
    assert customers.email.str.fullmatch(r"[a-z0-9._]+@[a-z]+\.example").all()
    assert set(customers.civilite) == {"Mme", "M."}
    assert set(customers.canal_acquisition) == set(world.ACQUISITION_CHANNELS)
    age = (EXTRACTION - customers.date_naissance).dt.days / 365.25
    assert age.between(18, 91).all() and 45 < age.median() < 60
    assert customers.abonne.dtype == bool and 0.05 < customers.abonne.mean() < 0.25


def test_behaviour_is_useful_for_segmentation(data: dict[str, pd.DataFrame]) -> None:
    tickets = data["billets"].merge(data["spectacles"][["id_spectacle", "saison", "discipline"]], on="id_spectacle")
    per_customer = tickets.groupby("id_client").size()
    subscribers = set(tickets.loc[tickets.tarif == "abonné", "id_client"])
    is_sub = per_customer.index.isin(list(subscribers))
    assert per_customer[is_sub].median() >= 3 * per_customer[~is_sub].median()
    assert (per_customer <= 2).mean() > 0.2                      # one-time buyers
    seasons = tickets.groupby(["id_client", "saison"]).size().unstack(fill_value=0)
    lapsed = (seasons.iloc[:, :3].sum(axis=1) > 0) & (seasons.iloc[:, 3] == 0)
    assert lapsed.mean() > 0.15                                   # disengaged customers
    fading = (seasons.iloc[:, 0] >= 6) & (seasons.iloc[:, 1] > 0) & (seasons.iloc[:, 1] < seasons.iloc[:, 0] / 2)
    assert fading.sum() > 10                                      # buying less before leaving
    regulars = tickets[tickets.id_client.isin(per_customer[per_customer >= 8].index)]
    favourite_share = regulars.groupby(["id_client", "discipline"]).size().groupby(level=0).agg(
        lambda counts: counts.max() / counts.sum())
    assert favourite_share.mean() > 0.4                           # discipline preferences
    web = tickets.groupby("saison").canal.apply(lambda c: (c == "web").mean())
    assert web.iloc[-1] > web.iloc[0]
