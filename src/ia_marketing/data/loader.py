"""Find and load the course datasets from wherever a notebook runs.

``find_datasets_dir()`` looks, in this order, at:

1. the ``IA_MARKETING_DATA`` environment variable (a folder holding the CSV files);
2. a ``datasets/`` folder with our ``MANIFEST.json`` in the current working directory or one
   of its parents (``modules/``, ``solutions/<a>/``, ``exercises/<a>/``, nbgrader's
   ``autograded/<student>/<a>/`` inside the course);
3. the ``datasets/`` folder of the repository the package was installed from (editable install);
4. otherwise a user cache (``$IA_MARKETING_CACHE`` or ``~/.cache/ia_marketing``), where the data
   is generated once with the default seed. Generation is deterministic, so those files are
   byte-identical to the committed ones. This covers an assignment fetched on JupyterHub,
   outside any copy of the course.

``load(name)`` reads one dataset with the right dtypes: identifiers, postcodes and phone numbers
stay text (a postcode such as ``06290`` keeps its leading zero), dates become ``datetime64`` and
``true``/``false`` become booleans.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ..core.paths import ENV_CACHE, cache_dir
from .build import generate
from .reader import read_export
from .world import DEFAULT_SEED, FILES, GENERATOR_NAME, GENERATOR_VERSION, MANIFEST_NAME, RAW_FILES

__all__ = ["DATASETS", "RAW_DATASETS", "DataNotFoundError", "dataset_path", "find_datasets_dir", "load"]

#: Dataset name -> file name.
DATASETS: dict[str, str] = dict(FILES)
#: Files kept as the outside world writes them (module 03): name -> file name.
RAW_DATASETS: dict[str, str] = dict(RAW_FILES)

ENV_DATA = "IA_MARKETING_DATA"
#: ``datasets/`` of the repository this package is installed from (editable install), if any.
REPO_DATASETS_DIR: Path | None = Path(__file__).resolve().parents[3] / "datasets"

REGENERATE_HINT = "Lancez « ia-marketing datasets » depuis la racine du cours pour les régénérer."


class DataNotFoundError(FileNotFoundError):
    """A dataset (or the folder holding it) cannot be found; the message says what to do, in French."""


#: Columns read as text, as dates and as booleans; the other columns are numbers.
_TEXT: dict[str, tuple[str, ...]] = {
    "spectateurs": ("id_client", "civilite", "prenom", "nom", "email", "telephone", "code_postal",
                    "ville", "canal_acquisition"),
    "spectacles": ("id_spectacle", "titre", "discipline", "saison", "salle", "description"),
    "billets": ("id_billet", "id_client", "id_spectacle", "tarif", "canal"),
    "journalistes": ("id_journaliste", "civilite", "prenom", "nom", "media", "type_media", "rubrique",
                     "ville", "email", "derniere_couverture", "disciplines_suivies"),
    "publications": ("id_publication", "reseau", "id_spectacle", "type_contenu", "texte"),
    "avis": ("id_avis", "id_spectacle", "texte", "sentiment"),
    "campagnes": ("id_campagne", "objet", "segment"),
    "ciblage": ("id_campagne", "id_client"),
}
_DATES: dict[str, tuple[str, ...]] = {
    "spectateurs": ("date_naissance", "date_premier_achat"),
    "spectacles": ("date_premiere",),
    "billets": ("date_achat", "date_representation"),
    "journalistes": (),
    "publications": ("date",),
    "avis": ("date",),
    "campagnes": ("date_envoi",),
    "ciblage": (),
}
_BOOLS: dict[str, tuple[str, ...]] = {"spectateurs": ("abonne", "optin_newsletter"), "ciblage": ("cible",)}
_INTS: dict[str, tuple[str, ...]] = {
    "spectacles": ("nb_representations", "jauge"),
    "publications": ("nb_likes", "nb_partages", "nb_commentaires", "portee"),
    "avis": ("note",),
    "campagnes": ("nb_envois", "nb_ouvertures", "nb_clics", "nb_desinscriptions"),
    "ciblage": ("score_appetence",),
}
_FLOATS: dict[str, tuple[str, ...]] = {"spectacles": ("prix_plein",), "billets": ("prix",)}


def _read_manifest(folder: Path) -> dict[str, object] | None:
    """Our manifest in *folder*, or None when absent, unreadable or written by something else."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("generator") != GENERATOR_NAME:
        return None
    return manifest


def _is_complete(folder: Path) -> bool:
    """True when *folder* holds our manifest and every file it lists."""
    manifest = _read_manifest(folder)
    if manifest is None:
        return False
    files = manifest.get("files")
    return isinstance(files, dict) and all((folder / name).is_file() for name in files)


def _generate_into_cache(seed: int = DEFAULT_SEED) -> Path:
    """Generate the default datasets into the user cache, atomically (safe with parallel kernels)."""
    root = cache_dir()
    target = root / f"datasets-{GENERATOR_VERSION}-{seed}"
    if _is_complete(target):
        return target
    try:
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".datasets-", dir=root))
    except OSError as error:
        raise DataNotFoundError(
            f"Impossible de créer le dossier de données « {root} » ({error.strerror}). "
            f"Indiquez un dossier accessible en écriture avec la variable {ENV_CACHE}, "
            f"ou le dossier des données du cours avec {ENV_DATA}.") from error
    try:
        print("Données du cours introuvables ici : génération (une seule fois) dans "
              f"{target}…", flush=True)
        generate(staging, seed=seed)
        try:
            staging.rename(target)
        except OSError:
            # another kernel finished first (or a stale, incomplete copy is in the way)
            if not _is_complete(target):
                shutil.rmtree(target, ignore_errors=True)
                staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def find_datasets_dir(start: str | os.PathLike[str] | None = None) -> Path:
    """The folder holding the course datasets (see the module docstring for the search order).

    *start* is where the upward search begins (the current working directory by default).
    """
    configured = os.environ.get(ENV_DATA)
    if configured:
        folder = Path(configured).expanduser()
        if not folder.is_dir():
            raise DataNotFoundError(
                f"La variable {ENV_DATA} indique le dossier « {folder} », qui n'existe pas. "
                f"Corrigez-la (elle doit désigner le dossier datasets/ du cours) ou supprimez-la.")
        return folder.resolve()

    here = Path(start) if start is not None else Path.cwd()
    here = here.resolve()
    for folder in (here, *here.parents):
        candidate = folder / "datasets"
        if _read_manifest(candidate) is not None:
            return candidate

    if REPO_DATASETS_DIR is not None and _read_manifest(REPO_DATASETS_DIR) is not None:
        return REPO_DATASETS_DIR

    return _generate_into_cache()


def _known_names() -> str:
    return ", ".join(f"« {name} »" for name in DATASETS)


def dataset_path(name: str, folder: str | os.PathLike[str] | None = None) -> Path:
    """The path of the file of dataset *name*, found as `load` finds it (useful to read a raw
    file yourself: ``read_export(dataset_path("export_billetterie"))``)."""
    files = {**DATASETS, **RAW_DATASETS}
    if name not in files:
        raise DataNotFoundError(f"Jeu de données inconnu : « {name} ». Noms disponibles : {_known_names()}.")
    directory = Path(folder) if folder is not None else find_datasets_dir()
    path = directory / files[name]
    if not path.is_file():
        raise DataNotFoundError(
            f"Le fichier « {files[name]} » est absent du dossier « {directory} ». {REGENERATE_HINT}")
    return path


def load(name: str, folder: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the dataset *name* (``"spectateurs"``, ``"billets"``…) as a DataFrame.

    *folder* overrides the automatic search of :func:`find_datasets_dir`.
    """
    if name in RAW_DATASETS:
        path = dataset_path(name, folder)
        if name == "export_billetterie":
            return read_export(path, colonnes="billetterie")
        return pd.read_csv(path, encoding="utf-8", dtype=str, keep_default_na=False, na_values=[""])
    if name not in DATASETS:
        suggestion = next((k for k, v in DATASETS.items() if name in (v, Path(v).stem)), None)
        hint = f" Vouliez-vous dire « {suggestion} » ?" if suggestion else ""
        raise DataNotFoundError(
            f"Jeu de données inconnu : « {name} ».{hint} Noms disponibles : {_known_names()}.")
    directory = Path(folder) if folder is not None else find_datasets_dir()
    path = directory / DATASETS[name]
    if not path.is_file():
        raise DataNotFoundError(
            f"Le fichier « {DATASETS[name]} » est absent du dossier « {directory} ». {REGENERATE_HINT}")

    dtypes: dict[str, str] = {column: "str" for column in _TEXT.get(name, ())}
    dtypes.update({column: "int64" for column in _INTS.get(name, ())})
    dtypes.update({column: "float64" for column in _FLOATS.get(name, ())})
    bools = _BOOLS.get(name, ())
    frame = pd.read_csv(
        path, encoding="utf-8", sep=",", dtype=dtypes, keep_default_na=False, na_values=[""],
        parse_dates=list(_DATES.get(name, ())), date_format="%Y-%m-%d")
    for column in bools:
        values = frame[column].astype("str").str.lower()
        if not values.isin(["true", "false"]).all():
            raise ValueError(f"La colonne « {column} » de {path.name} doit contenir true ou false.")
        frame[column] = values.eq("true").astype(bool)
    return frame
