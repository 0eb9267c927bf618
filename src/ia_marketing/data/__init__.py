"""The course's fictional data world (Théâtre du Rivage): seeded generator and loader.

All personal data in these datasets is fake. See ``datasets/README.md`` for the data dictionary.

The names below are imported lazily, so that ``python -m ia_marketing.data.generator`` runs the
generator module exactly once.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .generator import DEFAULT_SEED, generate
    from .loader import DATASETS, RAW_DATASETS, DataNotFoundError, dataset_path, find_datasets_dir, load

__all__ = ["DATASETS", "DEFAULT_SEED", "DataNotFoundError", "RAW_DATASETS", "dataset_path", "find_datasets_dir",
           "generate", "load"]

_SOURCES = {
    "DEFAULT_SEED": "generator", "generate": "generator",
    "DATASETS": "loader", "DataNotFoundError": "loader", "find_datasets_dir": "loader", "load": "loader",
    "RAW_DATASETS": "loader", "dataset_path": "loader",
}


def __getattr__(name: str) -> Any:
    if name in _SOURCES:
        value = getattr(importlib.import_module(f".{_SOURCES[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
