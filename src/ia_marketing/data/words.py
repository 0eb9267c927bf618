"""The word tables of the fictional world, kept in data files that an author edits.

``words/*.toml`` hold the French texts (show titles, post templates, review sentences, newsletter
subjects, media, export comments, e-mail domains…) and ``words/communes.csv`` the home towns of
the customers. Each file is read once, on first use, so that importing the package stays cheap.
Lists come back as tuples and tables as read-only mappings: nothing can change them by accident.
"""

from __future__ import annotations

import csv
import functools
import io
import tomllib
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType
from typing import Any

__all__ = ["rows", "words"]


def _read(file_name: str) -> str:
    return resources.files(__package__).joinpath("words").joinpath(file_name).read_text(encoding="utf-8")


def _frozen(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return MappingProxyType({key: _frozen(item) for key, item in value.items()})
    return value


@functools.cache
def words(name: str) -> Mapping[str, Any]:
    """The table ``words/<name>.toml``, in the order of the file."""
    return _frozen(tomllib.loads(_read(f"{name}.toml")))


@functools.cache
def rows(name: str) -> tuple[Mapping[str, str], ...]:
    """The rows of ``words/<name>.csv`` (UTF-8, comma), each a mapping column -> text."""
    reader = csv.DictReader(io.StringIO(_read(f"{name}.csv"), newline=""))
    return tuple(MappingProxyType(row) for row in reader)
