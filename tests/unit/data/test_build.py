"""Building the world: determinism, the committed files, the manifest, the scale, bad arguments."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ia_marketing.data import DATASETS, DEFAULT_SEED, check_arguments, generate, load, world

REPO = Path(__file__).resolve().parents[3]
COMMITTED = REPO / "datasets"
CSV_NAMES = sorted(DATASETS.values())
RAW_NAMES = sorted(world.RAW_FILES.values())


# --------------------------------------------------------------------------------------------
# Determinism
# --------------------------------------------------------------------------------------------


def test_same_seed_gives_byte_identical_files(fresh: Path, tmp_path: Path, dataset_bytes) -> None:
    again = tmp_path / "again"
    paths = generate(again, seed=world.DEFAULT_SEED)
    assert set(paths) == {*DATASETS, *world.RAW_FILES, "manifest"}
    assert dataset_bytes(again) == dataset_bytes(fresh)


def test_different_seed_gives_different_files(fresh: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate(other, seed=7)
    for name in CSV_NAMES:
        assert (other / name).read_bytes() != (fresh / name).read_bytes(), name
    assert json.loads((other / world.MANIFEST_NAME).read_text(encoding="utf-8"))["seed"] == 7


def test_committed_datasets_equal_a_fresh_generation(fresh: Path, dataset_bytes) -> None:
    committed, regenerated = dataset_bytes(COMMITTED), dataset_bytes(fresh)
    drifted = [name for name in committed if committed[name] != regenerated[name]]
    assert not drifted, (
        f"datasets/ ne correspond plus au générateur ({', '.join(drifted)}) : "
        "lancez « ia-marketing datasets » puis commitez les fichiers.")


GENERATE = ("import sys; from ia_marketing.data import generate; "
            "generate(sys.argv[1], progress=lambda message: print(message, file=sys.stderr))")


def test_generation_ignores_locale_timezone_and_hash_seed(tmp_path: Path, dataset_bytes) -> None:
    """`generate`, in another process with another environment, writes the committed bytes."""
    env = dict(os.environ, TZ="Pacific/Kiritimati", LC_ALL="C", LANG="C", PYTHONHASHSEED="12345")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH")]))
    result = subprocess.run([sys.executable, "-c", GENERATE, str(tmp_path / "ailleurs")],
                            env=env, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "Génération des billets" in result.stderr
    assert "Warning" not in result.stderr
    assert dataset_bytes(tmp_path / "ailleurs") == dataset_bytes(COMMITTED)


@pytest.mark.parametrize("seed, scale, message", [
    (DEFAULT_SEED, 0, "L'échelle doit être un nombre strictement positif (reçu : 0)."),
    (DEFAULT_SEED, "333", "L'échelle doit être un nombre strictement positif (reçu : '333')."),
    (-1, 1.0, "La graine doit être un entier positif ou nul (reçu : -1)."),
    (True, 1.0, "La graine doit être un entier positif ou nul (reçu : True)."),
])
def test_bad_arguments_are_refused_in_french_before_anything_is_written(tmp_path: Path, seed, scale,
                                                                         message) -> None:
    with pytest.raises(ValueError) as error:
        check_arguments(seed, scale)
    assert str(error.value) == message
    with pytest.raises(ValueError, match=re.escape(message)):
        generate(tmp_path / "sortie", seed=seed, scale=scale)
    assert not list(tmp_path.iterdir())


def test_good_arguments_pass() -> None:
    for seed, scale in ((0, 1), (DEFAULT_SEED, 0.05), (7, 333.0)):
        check_arguments(seed, scale)


def test_manifest_describes_the_files() -> None:
    manifest = json.loads((COMMITTED / world.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["generator"] == world.GENERATOR_NAME
    assert manifest["generator_version"] == world.GENERATOR_VERSION
    assert (manifest["seed"], manifest["scale"]) == (world.DEFAULT_SEED, 1.0)
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
# Scale
# --------------------------------------------------------------------------------------------


def test_scale_multiplies_customers_and_tickets_only(fresh: Path, tmp_path: Path) -> None:
    big = tmp_path / "x3"
    generate(big, scale=3)
    manifest = json.loads((big / world.MANIFEST_NAME).read_text(encoding="utf-8"))
    base = json.loads((fresh / world.MANIFEST_NAME).read_text(encoding="utf-8"))
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
