"""The course's fictional data world (Théâtre du Rivage): seeded generator and loader.

All personal data in these datasets is fake. See ``datasets/README.md`` for the data dictionary.
``generate`` (`build`) writes the datasets from the tables of `world`, `shows`, `audience`,
`press`, `posts`, `reviews`, `campaigns` and `messy`; ``load`` (`loader`) finds and reads them.
"""

from __future__ import annotations

from .build import check_arguments, generate
from .loader import DATASETS, RAW_DATASETS, DataNotFoundError, dataset_path, find_datasets_dir, load
from .world import DEFAULT_SEED, EXTRACTION_DATE

__all__ = ["DATASETS", "DEFAULT_SEED", "DataNotFoundError", "EXTRACTION_DATE", "RAW_DATASETS", "check_arguments",
           "dataset_path", "find_datasets_dir", "generate", "load"]
