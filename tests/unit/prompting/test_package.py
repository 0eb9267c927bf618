"""What `ia_marketing.prompting` exports to notebooks, and that importing it stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ia_marketing.prompting as prompting
from ia_marketing.prompting import atelier, checklist, comparison, history, parts, templates


def test_names_are_re_exported_from_where_they_live():
    for module in (parts, checklist, templates, history, comparison, atelier):
        for name in module.__all__:
            assert getattr(prompting, name) is getattr(module, name), (module.__name__, name)
    assert set(prompting.__all__) <= set(dir(prompting))
    from ia_marketing.prompting import fewshot

    assert fewshot.few_shot_prompt is prompting.fewshot.few_shot_prompt
    from ia_marketing.prompting import imitation

    assert imitation.imitation_prompt is prompting.imitation.imitation_prompt
    with pytest.raises(AttributeError, match="n_existe_pas"):
        prompting.n_existe_pas  # noqa: B018


def test_importing_the_package_does_not_load_ipywidgets(subprocess_env):
    code = ("import sys\n"
            "import ia_marketing.prompting as p\n"
            "assert 'ipywidgets' not in sys.modules, 'ipywidgets chargé à l’import'\n"
            "p.atelier_prompts\n"
            "assert 'ipywidgets' in sys.modules\n")
    done = subprocess.run([sys.executable, "-c", code], env=subprocess_env(), capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
