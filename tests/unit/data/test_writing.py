"""CSV writing: to_csv's text chunk by chunk, the same bytes whether chunks are rendered here or
by forked processes."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import pandas as pd
import pytest

from ia_marketing.data import build, generate, writing

COMMITTED = Path(__file__).resolve().parents[3] / "datasets"

FRAME = pd.DataFrame({
    "id": [f"X{i:03d}" for i in range(23)],
    "texte": ['Il a dit « oui », puis "non"', "simple", "", "virgule, ici"] * 5 + ["é", "ü", "😍"],
    "nombre": list(range(23)),
})
EXPECTED = FRAME.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _make(start: int, stop: int) -> pd.DataFrame:
    return FRAME.iloc[start:stop]


@pytest.mark.parametrize("workers", [1, 2])
def test_chunks_make_the_text_of_the_whole_frame(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    monkeypatch.setattr(writing, "CHUNK_ROWS", 5)
    path = tmp_path / "t.csv"
    digest = writing.write_csv(path, len(FRAME), _make, workers=workers)
    assert path.read_bytes() == EXPECTED
    assert digest == hashlib.sha256(EXPECTED).hexdigest()
    assert b'"virgule, ici"' in EXPECTED and b'"Il a dit \xc2\xab oui \xc2\xbb, puis ""non"""' in EXPECTED
    assert writing._job is None


def test_an_empty_table_still_has_its_header(tmp_path: Path) -> None:
    path = tmp_path / "vide.csv"
    writing.write_csv(path, 0, _make)
    assert path.read_bytes() == b"id,texte,nombre\n"


def test_a_generation_rendered_by_forked_processes_gives_the_committed_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset_bytes) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this system")
    monkeypatch.setattr(writing, "CHUNK_ROWS", 4_000)          # billets.csv in 9 chunks
    monkeypatch.setattr(build, "default_workers", lambda: 2)
    generate(tmp_path)
    assert dataset_bytes(tmp_path) == dataset_bytes(COMMITTED)
