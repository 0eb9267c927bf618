"""JupyterLab in French by default: the environment's overrides.json gets the French locale, and
whatever else it held is kept."""

from __future__ import annotations

import json

from ia_marketing.instructor.lab_settings import TRANSLATION_PLUGIN, overrides_path, set_french_default


def test_writes_the_french_locale_into_a_new_environment(tmp_path):
    path = set_french_default(str(tmp_path))
    assert path == tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(path.read_text(encoding="utf-8")) == {TRANSLATION_PLUGIN: {"locale": "fr_FR"}}


def test_keeps_other_overrides_and_replaces_a_broken_file(tmp_path):
    path = overrides_path(str(tmp_path))
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"},
                                TRANSLATION_PLUGIN: {"locale": "en", "displayName": True}}), encoding="utf-8")
    data = json.loads(set_french_default(str(tmp_path)).read_text(encoding="utf-8"))
    assert data["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}
    assert data[TRANSLATION_PLUGIN] == {"locale": "fr_FR", "displayName": True}
    path.write_text("{ pas du JSON", encoding="utf-8")
    assert json.loads(set_french_default(str(tmp_path)).read_text(encoding="utf-8")) == {
        TRANSLATION_PLUGIN: {"locale": "fr_FR"}}
