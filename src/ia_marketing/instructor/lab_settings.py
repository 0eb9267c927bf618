"""JupyterLab in French by default: the French language pack is installed with the course, and
this module makes French the default locale of the JupyterLab of this environment.

JupyterLab reads default settings from ``{sys.prefix}/share/jupyter/lab/settings/overrides.json``;
a user who picks another language in « Paramètres › Langue » keeps their choice (user settings
win over these defaults). Run by ``make install``: ``python -m ia_marketing.instructor.lab_settings``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TRANSLATION_PLUGIN = "@jupyterlab/translation-extension:plugin"
LOCALE = "fr_FR"


def overrides_path(prefix: str | None = None) -> Path:
    return Path(prefix or sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def set_french_default(prefix: str | None = None) -> Path:
    """Write (or update) the environment's overrides.json so that JupyterLab opens in French;
    other overrides already there are kept. Returns the file's path."""
    path = overrides_path(prefix)
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except ValueError:
        current = {}
    if not isinstance(current, dict):
        current = {}
    plugin = current.get(TRANSLATION_PLUGIN)
    current[TRANSLATION_PLUGIN] = {**(plugin if isinstance(plugin, dict) else {}), "locale": LOCALE}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print("JupyterLab en français par défaut :", set_french_default())
