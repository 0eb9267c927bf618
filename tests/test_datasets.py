"""The seeded data world (Théâtre du Rivage): determinism, consistency, realism and the loader."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pandas as pd
import pytest

from ia_marketing.data import DATASETS, DataNotFoundError, find_datasets_dir, generate, load
from ia_marketing.data import generator as gen
from ia_marketing.data import loader

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "datasets"
CSV_NAMES = sorted(DATASETS.values())
RAW_NAMES = sorted(gen.RAW_FILES.values())
EXTRACTION = pd.Timestamp("2026-07-01")


@pytest.fixture(scope="session")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generation at the default seed and scale, made during this test session."""
    out = tmp_path_factory.mktemp("fresh")
    generate(out)
    return out


@pytest.fixture(scope="session")
def data() -> dict[str, pd.DataFrame]:
    """The committed datasets, read with the loader."""
    return {name: load(name, folder=COMMITTED) for name in DATASETS}


@pytest.fixture()
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No data folder configured and no usable cache: the loader must find the data by itself."""
    monkeypatch.delenv(loader.ENV_DATA, raising=False)
    monkeypatch.setenv(loader.ENV_CACHE, str(tmp_path / "cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


def _bytes_of(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in [*CSV_NAMES, *RAW_NAMES, gen.MANIFEST_NAME]}


# --------------------------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------------------------

def test_same_seed_gives_byte_identical_files(fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    paths = generate(again, seed=gen.DEFAULT_SEED)
    assert set(paths) == {*DATASETS, *gen.RAW_FILES, "manifest"}
    assert _bytes_of(again) == _bytes_of(fresh)


def test_different_seed_gives_different_files(fresh: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate(other, seed=7)
    for name in CSV_NAMES:
        assert (other / name).read_bytes() != (fresh / name).read_bytes(), name
    assert json.loads((other / gen.MANIFEST_NAME).read_text(encoding="utf-8"))["seed"] == 7


def test_committed_datasets_equal_a_fresh_generation(fresh: Path) -> None:
    committed, regenerated = _bytes_of(COMMITTED), _bytes_of(fresh)
    drifted = [name for name in committed if committed[name] != regenerated[name]]
    assert not drifted, (
        f"datasets/ ne correspond plus au générateur ({', '.join(drifted)}) : "
        "lancez « ia-marketing datasets » puis commitez les fichiers.")


def test_generation_ignores_locale_timezone_and_hash_seed(tmp_path: Path) -> None:
    """The command line, in another process with another environment, writes the committed bytes."""
    env = dict(os.environ, TZ="Pacific/Kiritimati", LC_ALL="C", LANG="C", PYTHONHASHSEED="12345")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "ia_marketing.data.generator", "--out", str(tmp_path / "cli")],
        env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "Génération des billets" in result.stderr
    assert "Warning" not in result.stderr
    assert _bytes_of(tmp_path / "cli") == _bytes_of(COMMITTED)


def test_command_line_rejects_a_bad_scale_in_french(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, "-m", "ia_marketing.data.generator", "--out", str(tmp_path), "--scale", "0"],
        env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2
    assert "L'échelle doit être un nombre strictement positif" in result.stderr
    assert not list(tmp_path.iterdir())


def test_manifest_describes_the_files() -> None:
    manifest = json.loads((COMMITTED / gen.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["generator"] == gen.GENERATOR_NAME
    assert manifest["generator_version"] == gen.GENERATOR_VERSION
    assert (manifest["seed"], manifest["scale"]) == (gen.DEFAULT_SEED, 1.0)
    assert sorted(manifest["files"]) == sorted(CSV_NAMES + RAW_NAMES)
    for name in RAW_NAMES:  # written as the outside world writes them: checked in test_messy.py
        entry = manifest["files"][name]
        assert hashlib.sha256((COMMITTED / name).read_bytes()).hexdigest() == entry["sha256"], name
    for name, entry in manifest["files"].items():
        if name in RAW_NAMES:
            continue
        raw = (COMMITTED / name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], name
        assert raw.count(b"\n") == entry["rows"] + 1, name          # no line break inside a field
        assert len(pd.read_csv(COMMITTED / name, dtype=str, keep_default_na=False)) == entry["rows"], name


def test_files_are_utf8_comma_separated_with_unix_line_endings() -> None:
    for name in CSV_NAMES:
        raw = (COMMITTED / name).read_bytes()
        raw.decode("utf-8")
        assert b"\r" not in raw, name
        assert raw.endswith(b"\n") and not raw.endswith(b"\n\n"), name
        header = raw.split(b"\n", 1)[0].decode("ascii")
        assert re.fullmatch(r"[a-z_]+(,[a-z_]+)+", header), (name, header)
    total = sum((COMMITTED / name).stat().st_size for name in CSV_NAMES)
    assert total < 5_000_000, f"les CSV commités pèsent {total} octets"


# --------------------------------------------------------------------------------------------
# Consistency of the committed data
# --------------------------------------------------------------------------------------------

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
    assert set(tickets.tarif) == set(gen.TARIFS)
    pairs = tickets[["tarif", "prix_plein", "prix"]].drop_duplicates()
    for row in pairs.itertuples():
        assert row.prix == _expected_price(row.tarif, row.prix_plein), row
    assert gen.ticket_price("réduit", 27.0) == 21.5
    with pytest.raises(ValueError, match="Tarif inconnu"):
        gen.ticket_price("gratuit", 20.0)


def test_under_26_tariff_only_for_under_26(data: dict[str, pd.DataFrame]) -> None:
    tickets = data["billets"][data["billets"].tarif == "moins de 26 ans"]
    born = data["spectateurs"].set_index("id_client").date_naissance.loc[tickets.id_client]
    turns_26 = born.reset_index(drop=True) + pd.DateOffset(years=26)
    assert (tickets.date_representation.reset_index(drop=True) < turns_26).all()
    assert len(tickets) > 100


def test_customer_fields_are_well_formed(data: dict[str, pd.DataFrame]) -> None:
    customers = data["spectateurs"]
    assert len(customers) == gen.BASE_CUSTOMERS
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
    assert set(customers.canal_acquisition) == set(gen.ACQUISITION_CHANNELS)
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


def test_journalists(data: dict[str, pd.DataFrame]) -> None:
    press = data["journalistes"]
    assert len(press) == 50
    assert set(press.type_media) <= {"presse quotidienne régionale", "magazine culturel", "radio",
                                     "télévision", "web/blog", "podcast"}
    assert press.email.str.fullmatch(r"[a-z0-9.]+@[a-z0-9]+\.example").all() and press.email.is_unique
    followed = press.disciplines_suivies.str.split(";").explode()
    assert set(followed) <= set(gen.DISCIPLINES)
    covered = press.dropna(subset=["derniere_couverture"]).merge(
        data["spectacles"], left_on="derniere_couverture", right_on="id_spectacle")
    assert all(row.discipline in row.disciplines_suivies.split(";") for row in covered.itertuples())
    assert 0.1 < press.derniere_couverture.isna().mean() < 0.5


def test_newsletter_counts_are_consistent(data: dict[str, pd.DataFrame]) -> None:
    campaigns = data["campagnes"]
    assert len(campaigns) == 60
    assert (campaigns.nb_clics <= campaigns.nb_ouvertures).all()
    assert (campaigns.nb_ouvertures <= campaigns.nb_envois).all()
    assert (campaigns.nb_desinscriptions <= campaigns.nb_envois).all()
    big = campaigns[campaigns.nb_envois >= 200]
    assert (big.nb_ouvertures / big.nb_envois).between(0.10, 0.55).all()
    assert (big.nb_clics / big.nb_envois).between(0.003, 0.09).all()
    assert set(campaigns.segment) == set(gen.SEGMENTS)
    assert (campaigns.nb_envois > 0).all()
    optin = data["spectateurs"].optin_newsletter.sum()
    assert campaigns.loc[campaigns.segment == "tous", "nb_envois"].max() <= optin
    assert campaigns.date_envoi.dt.day_of_week.isin([1, 3]).all()


def test_posts_engagement_depends_on_network_and_format(data: dict[str, pd.DataFrame]) -> None:
    posts = data["publications"]
    assert len(posts) == 300
    assert set(posts.reseau) == {"Instagram", "Facebook", "LinkedIn", "TikTok"}
    reach = posts.groupby("reseau").portee.median()
    assert reach["TikTok"] > reach["Instagram"] > reach["LinkedIn"]
    assert (posts.loc[posts.reseau == "TikTok", "type_contenu"] == "vidéo").all()
    by_type = posts.groupby("type_contenu").portee.median()
    assert by_type["vidéo"] > by_type["texte"]
    assert (posts[["nb_likes", "nb_partages", "nb_commentaires"]].max(axis=1) <= posts.portee).all()
    assert posts.texte.str.contains("#ThéâtreDuRivage").all()
    assert posts.texte.nunique() > 250
    assert posts.id_spectacle.isna().mean() < 0.5


def test_reviews_are_labelled_balanced_and_not_keyable_by_one_word(data: dict[str, pd.DataFrame]) -> None:
    reviews = data["avis"]
    assert len(reviews) == 400
    share = reviews.sentiment.value_counts(normalize=True)
    assert set(share.index) == {"positif", "negatif", "neutre"}
    assert abs(share["positif"] - 0.55) < 0.05
    assert abs(share["negatif"] - 0.25) < 0.05
    assert abs(share["neutre"] - 0.20) < 0.05
    assert (reviews.loc[reviews.sentiment == "positif", "note"] >= 4).all()
    assert (reviews.loc[reviews.sentiment == "negatif", "note"] <= 2).all()
    assert reviews.texte.is_unique
    sentences = reviews.texte.str.count(r"[.!?](\s|$)") + ~reviews.texte.str.contains(r"[.!?]$")
    assert sentences.between(1, 4).all()
    # A rule « this word present -> this label » should not get far above the 55 % majority baseline.
    words = [set(re.findall(r"\w+", text.lower())) for text in reviews.texte]
    labels = reviews.sentiment.tolist()
    best = 0.0
    for word in set().union(*words):
        for label in ("positif", "negatif", "neutre"):
            fallback = "negatif" if label == "positif" else "positif"
            hits = sum((label if word in w else fallback) == y for w, y in zip(words, labels, strict=True))
            best = max(best, hits / len(labels))
    assert best < 0.70
    # nuanced reviews exist in both directions
    positive = reviews[reviews.sentiment == "positif"].texte
    negative = reviews[reviews.sentiment == "negatif"].texte
    assert positive.str.contains("bémol|dommage|regret|long", case=False).sum() >= 20
    assert negative.str.contains("beaux|réussies|belles|super|sympathique", case=False).sum() >= 10
    dated = reviews.merge(data["spectacles"], on="id_spectacle")
    assert (dated.date >= dated.date_premiere).all() and (dated.date < EXTRACTION).all()


def test_french_texts_have_no_template_glitches(data: dict[str, pd.DataFrame]) -> None:
    texts = pd.concat([data["spectacles"].description, data["publications"].texte,
                       data["avis"].texte, data["campagnes"].objet])
    for glitch in (" de le ", " de les ", " à le ", " à les ", " de Le ", " à Le ", "{", "}", "  "):
        assert not texts.str.contains(glitch, regex=False).any(), glitch
    assert not texts.str.contains(r"\bde (?:avril|août|octobre)\b").any()


# --------------------------------------------------------------------------------------------
# Scale
# --------------------------------------------------------------------------------------------

def test_scale_multiplies_customers_and_tickets_only(fresh: Path, tmp_path: Path) -> None:
    big = tmp_path / "x3"
    generate(big, scale=3)
    manifest = json.loads((big / gen.MANIFEST_NAME).read_text(encoding="utf-8"))
    base = json.loads((fresh / gen.MANIFEST_NAME).read_text(encoding="utf-8"))
    rows = {name: entry["rows"] for name, entry in manifest["files"].items()}
    base_rows = {name: entry["rows"] for name, entry in base["files"].items()}
    assert manifest["scale"] == 3.0
    assert rows["spectateurs.csv"] == 3 * base_rows["spectateurs.csv"]
    assert 2.7 < rows["billets.csv"] / base_rows["billets.csv"] < 3.3
    for name in ("spectacles.csv", "journalistes.csv", "publications.csv", "avis.csv"):
        assert (big / name).read_bytes() == (fresh / name).read_bytes(), name
    tickets = load("billets", folder=big)
    shows = load("spectacles", folder=big).set_index("id_spectacle")
    per_performance = tickets.groupby(["id_spectacle", "date_representation"]).size()
    seats = 3 * shows.jauge.loc[per_performance.index.get_level_values(0)].to_numpy()
    assert (per_performance.to_numpy() <= seats).all()
    customers = load("spectateurs", folder=big)
    assert customers.id_client.is_unique and customers.email.is_unique
    assert set(tickets.id_client) == set(customers.id_client)


def test_small_scale_and_progress_messages(tmp_path: Path) -> None:
    messages: list[str] = []
    generate(tmp_path, seed=3, scale=0.05, progress=messages.append)
    assert load("spectateurs", folder=tmp_path).shape[0] == 150
    assert any("billets" in message for message in messages)
    assert all(message[0].isupper() for message in messages)


@pytest.mark.parametrize("bad", [0, -1.0, float("nan"), float("inf"), "2"])
def test_generate_rejects_bad_scale(tmp_path: Path, bad: object) -> None:
    with pytest.raises(ValueError, match="échelle"):
        generate(tmp_path, scale=bad)  # type: ignore[arg-type]


def test_generate_rejects_bad_seed(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graine"):
        generate(tmp_path, seed=-3)


# --------------------------------------------------------------------------------------------
# Loader
# --------------------------------------------------------------------------------------------

def test_loader_reads_typed_columns(data: dict[str, pd.DataFrame]) -> None:
    customers = data["spectateurs"]
    assert pd.api.types.is_string_dtype(customers.code_postal)
    assert pd.api.types.is_string_dtype(customers.telephone)
    assert pd.api.types.is_string_dtype(customers.id_client)
    assert customers.code_postal.str.startswith("0").any()
    assert pd.api.types.is_datetime64_any_dtype(customers.date_naissance)
    assert pd.api.types.is_datetime64_any_dtype(data["billets"].date_achat)
    assert customers.abonne.dtype == bool and customers.optin_newsletter.dtype == bool
    assert pd.api.types.is_float_dtype(data["billets"].prix)
    assert pd.api.types.is_integer_dtype(data["campagnes"].nb_envois)
    assert data["publications"].id_spectacle.isna().any()
    for name, frame in data.items():
        raw = pd.read_csv(COMMITTED / DATASETS[name], nrows=0)
        assert list(frame.columns) == list(raw.columns), name


def test_finds_data_from_repo_root_and_modules(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", None)
    monkeypatch.chdir(REPO)
    assert find_datasets_dir() == COMMITTED
    assert (REPO / "modules").is_dir()
    monkeypatch.chdir(REPO / "modules")
    assert find_datasets_dir() == COMMITTED
    assert len(load("journalistes")) == 50
    assert not (isolated / "cache").exists()


def test_finds_data_from_autograded_folder_of_a_course_copy(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    course = isolated / "cours"
    shutil.copytree(COMMITTED, course / "datasets")
    nested = course / "autograded" / "alice" / "01_demystifier_ia"
    nested.mkdir(parents=True)
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", None)
    monkeypatch.chdir(nested)
    assert find_datasets_dir() == (course / "datasets").resolve()
    assert load("spectateurs").shape == (gen.BASE_CUSTOMERS, 13)
    assert not (isolated / "cache").exists()


def test_unrelated_datasets_folder_is_ignored(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = isolated / "projet" / "datasets"
    other.mkdir(parents=True)
    (other / "MANIFEST.json").write_text('{"name": "autre chose"}', encoding="utf-8")
    (other / "spectateurs.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (isolated / "projet" / "notebooks").mkdir()
    monkeypatch.chdir(isolated / "projet" / "notebooks")
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", COMMITTED)
    assert find_datasets_dir() == COMMITTED           # step 3: the installed repository


def test_environment_variable_wins(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = isolated / "mes-donnees"
    shutil.copytree(COMMITTED, copy)
    monkeypatch.setenv(loader.ENV_DATA, str(copy))
    monkeypatch.chdir(REPO)
    assert find_datasets_dir() == copy.resolve()
    monkeypatch.setenv(loader.ENV_DATA, str(isolated / "absent"))
    with pytest.raises(DataNotFoundError, match="IA_MARKETING_DATA") as error:
        load("billets")
    assert "n'existe pas" in str(error.value)


def test_outside_any_course_generates_into_the_cache(isolated: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = isolated / "jupyterhub" / "alice" / "01_demystifier_ia"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", None)
    folder = find_datasets_dir()
    expected = isolated / "cache" / f"datasets-{gen.GENERATOR_VERSION}-{gen.DEFAULT_SEED}"
    assert folder == expected
    assert "génération" in capsys.readouterr().out
    assert _bytes_of(folder) == _bytes_of(COMMITTED)
    assert sorted(p.name for p in (isolated / "cache").iterdir()) == [expected.name]   # no temp dir left
    stamp = (folder / "billets.csv").stat().st_mtime_ns
    assert find_datasets_dir() == folder
    assert (folder / "billets.csv").stat().st_mtime_ns == stamp                        # reused, not redone
    assert len(load("avis")) == 400


def test_cache_defaults_to_home(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(loader.ENV_CACHE)
    monkeypatch.chdir(isolated)
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", None)
    folder = find_datasets_dir()
    assert folder == isolated / "home" / ".cache" / "ia_marketing" / f"datasets-{gen.GENERATOR_VERSION}-{gen.DEFAULT_SEED}"
    assert (folder / "spectateurs.csv").read_bytes() == (COMMITTED / "spectateurs.csv").read_bytes()


def test_two_kernels_generating_at_once_do_not_collide(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(isolated)
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", None)
    results: list[Path] = []
    errors: list[BaseException] = []

    def kernel() -> None:
        try:
            results.append(find_datasets_dir())
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=kernel) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(set(results)) == 1
    assert _bytes_of(results[0]) == _bytes_of(COMMITTED)
    assert [p.name for p in (isolated / "cache").iterdir()] == [results[0].name]


def test_unknown_dataset_name_gives_a_french_error() -> None:
    with pytest.raises(DataNotFoundError) as error:
        load("clients")
    message = str(error.value)
    assert "Jeu de données inconnu : « clients »" in message
    for name in DATASETS:
        assert f"« {name} »" in message
    assert isinstance(error.value, FileNotFoundError)
    with pytest.raises(DataNotFoundError, match="Vouliez-vous dire « campagnes »"):
        load("campagnes_newsletter.csv")


def test_missing_file_says_how_to_regenerate(tmp_path: Path) -> None:
    shutil.copytree(COMMITTED, tmp_path / "datasets")
    (tmp_path / "datasets" / "avis.csv").unlink()
    with pytest.raises(DataNotFoundError) as error:
        load("avis", folder=tmp_path / "datasets")
    assert "avis.csv" in str(error.value)
    assert "ia-marketing datasets" in str(error.value)


def test_public_api() -> None:
    import ia_marketing.data as data_package

    assert set(data_package.__all__) >= {"generate", "load", "find_datasets_dir", "DATASETS", "DataNotFoundError"}
    assert DATASETS["campagnes"] == "campagnes_newsletter.csv"
    assert set(DATASETS) == {"spectateurs", "spectacles", "billets", "journalistes", "publications",
                             "avis", "campagnes"}
    assert all((COMMITTED / file_name).is_file() for file_name in DATASETS.values())
