"""k-means clusters (`ia_marketing.segmentation.clusters`): prepared features, reproducible runs,
choosing k, stability between seeds."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest

from ia_marketing.segmentation import (
    SegmentationError,
    choose_k,
    kmeans_clusters,
    plot_choose_k,
    prepare_features,
    skewed_columns,
    stability,
)


def blobs(n: int = 300, seed: int = 1) -> pd.DataFrame:
    """Three well separated groups of customers, of sizes n/2, n/3 and n/6."""
    rng = np.random.default_rng(seed)
    sizes = [n // 2, n // 3, n - n // 2 - n // 3]
    centres = [(20, 20, 2000.0), (300, 5, 200.0), (1200, 1, 20.0)]
    parts = [pd.DataFrame({"recence": rng.normal(r, r * 0.05, s).clip(1).round(), "frequence": f + rng.integers(0, 2, s),
                           "montant": rng.lognormal(np.log(m), 0.1, s)}) for (r, f, m), s in zip(centres, sizes)]
    out = pd.concat(parts, ignore_index=True)
    out.index = pd.Index([f"C{i:04d}" for i in range(len(out))], name="client")
    return out


def test_features_are_logged_where_skewed_then_standardised():
    t = pd.DataFrame({"recence": [10, 20, 30, 40, 50, 60], "frequence": [1, 1, 1, 1, 2, 40],
                      "montant": [5.0, 6, 7, 8, 9, 5000]})
    before = t.copy()
    skew = skewed_columns(t)
    assert skew["frequence"] > 1 and skew["montant"] > 1 and abs(skew["recence"]) < 1
    f = prepare_features(t)
    assert f.attrs["log"] == ["frequence", "montant"]
    assert np.allclose(f.mean(), 0) and np.allclose(f.std(ddof=0), 1)
    expected = np.log1p(t["montant"])
    assert np.allclose(f["montant"], (expected - expected.mean()) / expected.std(ddof=0))
    pd.testing.assert_frame_equal(t, before)
    with pytest.raises(SegmentationError, match="valeurs manquantes"):
        prepare_features(t.assign(recence=[1, None, 3, 4, 5, 6]))


def test_kmeans_with_a_fixed_seed_is_reproducible_and_numbered_by_size():
    f = prepare_features(blobs())
    a, b = kmeans_clusters(f, 3, seed=7), kmeans_clusters(f, 3, seed=7)
    pd.testing.assert_series_equal(a.labels, b.labels)
    assert a.inertia == b.inertia
    assert a.sizes.tolist() == [150, 100, 50]           # the three blobs, the largest first
    assert a.labels.index.equals(f.index) and list(a.centres.columns) == list(f.columns)
    assert "3 groupes" in repr(a)


def test_kmeans_on_a_sample_gives_every_customer_a_cluster():
    f = prepare_features(blobs(3000))
    sampled = kmeans_clusters(f, 3, seed=0, sample=500)
    assert sampled.labels.notna().all() and len(sampled.labels) == 3000
    assert sampled.sizes.tolist() == [1500, 1000, 500]
    full = kmeans_clusters(f, 3, seed=0)
    assert sampled.inertia == pytest.approx(full.inertia, rel=0.05)


def test_choose_k_finds_the_three_groups():
    f = prepare_features(blobs())
    table = choose_k(f, range(2, 7), sample=200)
    assert list(table.index) == [2, 3, 4, 5, 6]
    assert (np.diff(table["inertie"]) < 0).all()        # inertia always falls…
    assert table["silhouette"].idxmax() == 3            # …the silhouette points at 3
    assert table["silhouette"].between(-1, 1).all()
    assert choose_k(f, [3], sample=200).equals(choose_k(f, [3], sample=200))
    figure = plot_choose_k(table)
    assert "coude" in figure.axes[0].get_title() and "k = 3" in figure.axes[1].get_title()


def test_long_steps_can_show_a_progress_bar(capsys):
    f = prepare_features(blobs())
    choose_k(f, [2, 3], sample=100, progress=True)
    stability(f, 3, seeds=[0, 1], progress=True)
    err = capsys.readouterr().err
    assert "k-means pour chaque k" in err and "k-means pour chaque graine" in err
    choose_k(f, [2], sample=100)
    assert capsys.readouterr().err == ""          # small tables: no bar


def test_stability_of_identical_runs_is_one():
    f = prepare_features(blobs())
    same = stability(f, 3, seeds=[4, 4])
    assert np.allclose(same.to_numpy(), 1.0)
    table = stability(f, 3, seeds=range(4))
    assert table.shape == (4, 4) and np.allclose(np.diag(table), 1.0) and np.allclose(table, table.T)
    assert (table.to_numpy() > 0.9).all()                # well separated groups: stable
    with pytest.raises(SegmentationError, match="deux graines"):
        stability(f, 3, seeds=[1])


@pytest.mark.parametrize("k, message", [(1, "au moins 2"), (2.5, "nombre entier"), (10_000, "c'est trop")])
def test_bad_k_gets_a_french_message(k, message):
    with pytest.raises(SegmentationError, match=message):
        kmeans_clusters(prepare_features(blobs()), k)
