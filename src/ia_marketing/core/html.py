"""One renderer for the coloured message boxes that lessons and widgets show."""

from __future__ import annotations

import html as _html

#: kind -> (background, border colour, text colour; None keeps the page's)
COLOURS = {
    "ok": ("#e6f4ea", "#1e7e34", "#1e7e34"),
    "erreur": ("#fdecea", "#b02a37", "#b02a37"),
    "attente": ("#fff8e1", "#8a6d00", "#8a6d00"),
    "info": ("#e8f1fb", "#1f5f99", "#1f5f99"),
    "indice": (None, "#0b5394", None),
    "solution": (None, "#6a1b9a", None),
}


def escape(text: str | None) -> str:
    """HTML-escaped text with its line breaks kept."""
    return _html.escape(text or "").replace("\n", "<br>")


def message_box(text: str, kind: str = "erreur", *, title: str | None = None,
                html_body: bool = False) -> str:
    """HTML of a French message box: *kind* is one of `COLOURS` (« ok », « erreur »,
    « attente », « info », « indice », « solution »). *title* is shown in bold before the text;
    *text* is escaped unless *html_body* says it is already HTML."""
    background, border, colour = COLOURS[kind]
    body = text if html_body else escape(text)
    head = f"<b>{escape(title)}</b> " if title else ""
    style = "".join([f"background:{background};" if background else "",
                     f"color:{colour};" if colour else "",
                     f"padding:6px 10px;border-left:4px solid {border};margin:4px 0;line-height:1.4"])
    return f'<div class="ia-message ia-{kind}" style="{style}">{head}{body}</div>'
