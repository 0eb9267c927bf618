"""The loader: typed columns, finding the data from anywhere, the cache, French errors."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pandas as pd
import pytest

from ia_marketing.data import DATASETS, DataNotFoundError, find_datasets_dir, load, loader, world

REPO = Path(__file__).resolve().parents[3]
COMMITTED = REPO / "datasets"


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
    assert load("spectateurs").shape == (world.BASE_CUSTOMERS, 13)
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
                                                     capsys: pytest.CaptureFixture[str], dataset_bytes) -> None:
    elsewhere = isolated / "jupyterhub" / "alice" / "01_demystifier_ia"
    elsewhere.mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(loader, "REPO_DATASETS_DIR", None)
    folder = find_datasets_dir()
    expected = isolated / "cache" / f"datasets-{world.GENERATOR_VERSION}-{world.DEFAULT_SEED}"
    assert folder == expected
    assert "génération" in capsys.readouterr().out
    assert dataset_bytes(folder) == dataset_bytes(COMMITTED)
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
    assert folder == isolated / "home" / ".cache" / "ia_marketing" / f"datasets-{world.GENERATOR_VERSION}-{world.DEFAULT_SEED}"
    assert (folder / "spectateurs.csv").read_bytes() == (COMMITTED / "spectateurs.csv").read_bytes()


def test_two_kernels_generating_at_once_do_not_collide(isolated: Path, monkeypatch: pytest.MonkeyPatch,
                                                       dataset_bytes) -> None:
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
    assert dataset_bytes(results[0]) == dataset_bytes(COMMITTED)
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

    assert set(data_package.__all__) == {"DATASETS", "DEFAULT_SEED", "DataNotFoundError", "EXTRACTION_DATE",
                                         "RAW_DATASETS", "check_arguments", "dataset_path", "find_datasets_dir",
                                         "generate", "load"}
    assert all(hasattr(data_package, name) for name in data_package.__all__)
    assert DATASETS["campagnes"] == "campagnes_newsletter.csv"
    assert set(DATASETS) == {"spectateurs", "spectacles", "billets", "journalistes", "publications",
                             "avis", "campagnes", "ciblage"}
    assert all((COMMITTED / file_name).is_file() for file_name in DATASETS.values())
