"""Fixtures of the data tests: the committed datasets, a fresh generation, an isolated loader."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from ia_marketing.data import DATASETS, RAW_DATASETS, generate, load, loader, world

COMMITTED = Path(__file__).resolve().parents[3] / "datasets"


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


@pytest.fixture(scope="session")
def dataset_bytes() -> Callable[[Path], dict[str, bytes]]:
    """The bytes of every file of a datasets folder (CSV files and manifest), by file name."""
    names = [*sorted(DATASETS.values()), *sorted(RAW_DATASETS.values()), world.MANIFEST_NAME]

    def read(folder: Path) -> dict[str, bytes]:
        return {name: (folder / name).read_bytes() for name in names}

    return read
