"""The course's foundation: text folding, French formatting, message boxes, paths, errors.

This package imports nothing else of the course (an import-linter contract checks it), so every
other layer may use it.
"""

from __future__ import annotations

from .errors import CourseError
from .fr import MONTHS, count, date_long, decimal, integer, money, number, percent, plural
from .html import message_box
from .paths import ENV_CACHE, cache_dir
from .text import fold, fold_same_length, normalise_text, slug, strip_accents

__all__ = ["CourseError", "MONTHS", "count", "date_long", "decimal", "integer", "money", "number",
           "percent", "plural", "message_box", "ENV_CACHE", "cache_dir", "fold", "fold_same_length",
           "normalise_text", "slug", "strip_accents"]
