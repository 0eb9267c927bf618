"""The one message-box renderer of lessons and widgets."""

from __future__ import annotations

import pytest

from ia_marketing.core.html import COLOURS, message_box


def test_text_is_escaped_and_line_breaks_kept():
    box = message_box("a < b & c\nligne 2", "erreur")
    assert "a &lt; b &amp; c<br>ligne 2" in box
    assert box.startswith('<div class="ia-message ia-erreur" style="background:#fdecea;color:#b02a37;')


def test_title_in_bold_before_the_text():
    box = message_box("Relisez la consigne.", "attente", title="q1 — ⏳ <Pas encore>")
    assert "<b>q1 — ⏳ &lt;Pas encore&gt;</b> Relisez la consigne." in box


def test_html_body_is_not_escaped():
    assert "<i>déjà</i>" in message_box("<i>déjà</i>", "info", html_body=True)


def test_hint_and_solution_boxes_keep_the_page_text_colour():
    for kind in ("indice", "solution"):
        box = message_box("texte", kind)
        assert "color:" not in box.split("border-left")[0]
        assert f"border-left:4px solid {COLOURS[kind][1]}" in box


def test_unknown_kind_is_refused():
    with pytest.raises(KeyError):
        message_box("texte", "violet")
