"""The course's fictional data world (Théâtre du Rivage): seeded generator and loader.

All personal data in these datasets is fake. See ``datasets/README.md`` for the data dictionary.
"""

from __future__ import annotations

from .generator import DEFAULT_SEED, generate
from .loader import DATASETS, DataNotFoundError, find_datasets_dir, load

__all__ = ["DATASETS", "DEFAULT_SEED", "DataNotFoundError", "find_datasets_dir", "generate", "load"]
