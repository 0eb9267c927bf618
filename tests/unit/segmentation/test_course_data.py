"""The whole module on the course data (`load(...)`): sensible figures, printed (run with -s to
read them): segment sizes, k-means silhouettes and stability, disengagement against the naive rule."""

from __future__ import annotations

import pandas as pd

from ia_marketing.data import EXTRACTION_DATE
from ia_marketing.segmentation import (
    FALLBACK_SEGMENT,
    assign_segments,
    choose_k,
    compare_flags,
    disengagement_data,
    fit_disengagement,
    kmeans_clusters,
    naive_flags,
    personas,
    prepare_features,
    reengagement_list,
    rfm_scores,
    rule_flags,
    segment_aggregates,
    segment_summary,
    stability,
    with_shows,
)

KEYS = dict(customer="id_client", date="date_achat", amount="prix")


def test_rfm_and_segments_of_the_course_data(course):
    billets, spectateurs, result = course.billets, course.spectateurs, course.result
    assert result.n_kept == len(billets) and len(result.set_aside) == 0
    assert set(result.table.index) == set(spectateurs["id_client"])      # every spectator bought once at least
    first = spectateurs.set_index("id_client")["date_premier_achat"]
    assert (result.table["frequence"] >= 1).all() and (result.table["recence"] >= 1).all()
    since_first = (pd.Timestamp(EXTRACTION_DATE) - first.reindex(result.table.index)).dt.days
    assert (result.table["recence"] <= since_first).all() and (result.table["recence"] == since_first).any()
    segments = assign_segments(rfm_scores(result.table))
    summary = segment_summary(result.table, segments)
    print("\n" + summary[["clients", "part_clients", "part_montant", "panier_median"]].round(3).to_string())
    assert summary["clients"].sum() == len(result.table)
    assert summary.loc[FALLBACK_SEGMENT, "clients"] == 0
    assert (summary["clients"].drop(FALLBACK_SEGMENT) > 0).all()
    assert summary.loc["champions", "part_montant"] > 2 * summary.loc["champions", "part_clients"]
    assert summary.loc["champions", "recence_mediane"] < summary.loc["perdus", "recence_mediane"]


def test_kmeans_on_the_course_data(course):
    result = course.result
    features = prepare_features(result.table)
    assert features.attrs["log"] == ["frequence", "montant"]
    table = choose_k(features, range(2, 9))
    print("\n" + table.round(3).to_string())
    assert table["silhouette"].between(0.3, 0.7).all()
    assert table.loc[4, "silhouette"] >= table.loc[3, "silhouette"] - 0.02
    ari = stability(features, 4, seeds=range(5))
    print(f"ARI k=4, graines 0 à 4 : min {ari.to_numpy().min():.3f}")
    assert ari.to_numpy().min() > 0.95


def test_personas_and_aggregates_of_the_course_data(course):
    billets, spectacles, spectateurs, result = course.billets, course.spectacles, course.spectateurs, course.result
    clusters = kmeans_clusters(prepare_features(result.table), 4, seed=0)
    table = personas(clusters.labels, billets=billets, spectacles=spectacles, spectateurs=spectateurs,
                     table=result.table)
    print("\n" + table.to_string())
    assert table["spectateurs"].sum() == 3000
    loyal = table["achats_median"].idxmax()
    assert table.loc[loyal, "abonnes"] == table["abonnes"].max()           # the most loyal group subscribes most
    assert table["disciplines"].str.contains("théâtre").all()
    segments = assign_segments(rfm_scores(result.table))
    aggregates = segment_aggregates(segments, result.table, billets=billets, spectacles=spectacles)
    values = " ".join(map(str, aggregates.to_numpy().ravel()))
    assert not set(spectateurs["id_client"]) & set(values.split()) and "@" not in values


def test_disengagement_on_the_course_data(course):
    billets, spectacles = course.billets, course.spectacles
    tickets = with_shows(billets, spectacles)
    keys = dict(KEYS, season="saison")
    train = disengagement_data(tickets, **keys, target="2024-2025")
    test = disengagement_data(tickets, **keys)
    assert test.target == "2025-2026" and test.last_season == "2024-2025"
    model = fit_disengagement(train)
    table = compare_flags({"pas venu depuis un an": naive_flags(test), "seuils": rule_flags(test),
                           "régression logistique": model.flags(test)}, test)
    print("\n" + table.round(3).to_string())
    naive, model_row = table.loc["pas venu depuis un an"], table.loc["régression logistique"]
    assert 0.5 < naive["taux_de_base"] < 0.7
    assert naive["precision"] > 0.85 and naive["lift"] > 1.3
    assert model_row["rappel"] > naive["rappel"] + 0.1 and model_row["lift"] > 1.3
    listed = reengagement_list(test, model.flags(test), risk=model.probabilities(test))
    assert len(listed) == model_row["signales"]
    assert not {"email", "telephone", "nom", "prenom"} & set(listed.columns)
