"""Build the whole fictional world and write it: eight datasets, the messy export and the manifest.

:func:`generate` writes, for four seasons of activity (2022-2023 to 2025-2026):

* ``spectateurs.csv``          customers of the ticketing system,
* ``spectacles.csv``           the programmed shows,
* ``billets.csv``              every ticket sold,
* ``journalistes.csv``         the press list (exactly 50 journalists),
* ``publications.csv``         past social-media posts with their engagement,
* ``avis.csv``                 spectator reviews labelled with their sentiment,
* ``campagnes_newsletter.csv`` newsletter campaigns with opens and clicks,
* ``ciblage_campagne.csv``     who a past campaign's scoring rule targeted (module 05's bias audit,
  `ia_marketing.data.targeting`),
* ``export_billetterie.csv`` and ``export_billetterie_verite.csv``, the messy export of
  module 03 and its ground truth (`ia_marketing.data.messy`),

plus ``MANIFEST.json`` (seed, scale, generator version, row count and sha256 of every file).

**All personal data is fake.** First and last names come from Faker's ``fr_FR`` name lists,
every other attribute is drawn by a seeded numpy generator; e-mail addresses use the reserved
``.example`` top-level domain and phone numbers the ranges that the French regulator (Arcep)
sets aside for works of fiction, so no real person can be reached.

Determinism: every random draw comes from ``numpy.random.default_rng([stream, seed])``, the
reference dates are constants, and every column is text or integers before pandas writes it, so
the same seed and scale give byte-identical files. ``scale=333`` (about one million customers and
eleven million tickets) runs in well under a minute with bounded memory.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd

from ..core.fr import integer
from .audience import build_audience, customer_frame, ticket_maker
from .campaigns import campaign_frame
from .messy import DEFAULT_ROWS, generate_messy_export
from .pools import build_pools
from .posts import post_frame
from .press import journalist_frame
from .reviews import review_frame
from .shows import build_shows, shows_frame
from .targeting import targeting_frame
from .world import DEFAULT_SEED, EXTRACTION_DATE, FILES, GENERATOR_NAME, GENERATOR_VERSION, MANIFEST_NAME, Progress
from .writing import FrameMaker, default_workers, write_csv

__all__ = ["check_arguments", "generate"]


def check_arguments(seed: object, scale: object) -> None:
    """Raise ValueError, in French, unless *seed* is an integer >= 0 and *scale* a number > 0."""
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"La graine doit être un entier positif ou nul (reçu : {seed!r}).")
    if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not math.isfinite(scale) or scale <= 0:
        raise ValueError(f"L'échelle doit être un nombre strictement positif (reçu : {scale!r}).")


def _sliced(frame: pd.DataFrame) -> FrameMaker:
    return lambda start, stop: frame.iloc[start:stop]


def generate(out_dir: str | os.PathLike[str], seed: int = DEFAULT_SEED, scale: float = 1.0,
             progress: Progress | None = None) -> dict[str, Path]:
    """Write every dataset and ``MANIFEST.json`` into *out_dir*.

    *scale* multiplies the number of customers and tickets (3 000 customers and about
    32 000 tickets at scale 1); shows, journalists, posts and reviews do not change with it.
    *progress* receives French messages as the work goes. Returns the path of each file, by
    dataset name (plus ``"manifest"``). Raises ValueError (French message) for a bad seed or
    scale, before writing anything.
    """
    check_arguments(seed, scale)
    seed, scale = int(seed), float(scale)
    say: Progress = progress if progress is not None else (lambda message: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    say("Préparation des listes de prénoms et de noms…")
    pools = build_pools(seed)
    say("Génération des spectacles…")
    shows = build_shows(seed)
    audience = build_audience(seed, scale, shows, pools, say)
    say("Mise en forme des spectateurs…")
    customers = customer_frame(audience, pools)
    say("Génération du fichier presse, des publications, des avis et des campagnes…")
    tables: dict[str, tuple[int, FrameMaker]] = {
        "spectateurs": (audience.n, _sliced(customers)),
        "billets": (len(audience.t_customer), ticket_maker(audience, shows, customers["id_client"].to_numpy())),
    }
    for name, frame in (("spectacles", shows_frame(shows)), ("journalistes", journalist_frame(seed, pools, shows)),
                        ("publications", post_frame(seed, shows)), ("avis", review_frame(seed, shows)),
                        ("campagnes", campaign_frame(seed, audience, shows)),
                        ("ciblage", targeting_frame(seed, audience, customers))):
        tables[name] = (len(frame), _sliced(frame))

    paths: dict[str, Path] = {}
    files: dict[str, dict[str, object]] = {}
    workers = default_workers()
    for name, file_name in FILES.items():
        n_rows, make = tables[name]
        path = out / file_name
        say(f"Écriture de {file_name} ({integer(n_rows)} lignes)…")
        files[file_name] = {"dataset": name, "rows": n_rows,
                            "sha256": write_csv(path, n_rows, make, workers=workers)}
        paths[name] = path

    say(f"Écriture de l'export brut de la billetterie ({integer(DEFAULT_ROWS)} lignes, module 03)…")
    messy = generate_messy_export(out, rows=DEFAULT_ROWS, seed=seed)
    for name, key in (("export_billetterie", "export"), ("export_billetterie_verite", "verite")):
        path = messy[key]
        files[path.name] = {"dataset": name, "rows": DEFAULT_ROWS,
                            "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
        paths[name] = path

    manifest = {
        "generator": GENERATOR_NAME,
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "scale": scale,
        "extraction_date": str(EXTRACTION_DATE),
        "licence": "CC BY 4.0",
        "files": files,
    }
    manifest_path = out / MANIFEST_NAME
    manifest_path.write_bytes((json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    paths["manifest"] = manifest_path
    say(f"Terminé : {len(files)} fichiers dans {out}.")
    return paths

