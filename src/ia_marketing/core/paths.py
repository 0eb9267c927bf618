"""Where the course keeps what it generates on a learner's computer."""

from __future__ import annotations

import os
from pathlib import Path

ENV_CACHE = "IA_MARKETING_CACHE"


def cache_dir() -> Path:
    """$IA_MARKETING_CACHE, or ~/.cache/ia_marketing: the assembled model, generated datasets."""
    configured = os.environ.get(ENV_CACHE, "").strip()
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "ia_marketing"
