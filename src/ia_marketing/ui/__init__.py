"""What every widget of the course shares: message boxes, error display, figures.

Topic packages keep ipywidgets in the one file named after their widget; those files take
their common pieces from here.
"""

from __future__ import annotations

import ipywidgets as W
import matplotlib.pyplot as plt
from IPython.display import display

from ..core.html import escape, message_box

__all__ = ["error_html", "error_widget", "escape", "message_box", "show_figure"]


def error_html(exc: BaseException) -> str:
    """A red box with the French message of *exc* (a `CourseError` says what to do)."""
    return message_box(f"⚠️ {exc}", "erreur")


def error_widget(exc: BaseException) -> W.HTML:
    """`error_html` as a widget."""
    return W.HTML(error_html(exc))


def show_figure(fig) -> None:
    """Display a matplotlib figure once, then close it (the inline backend would draw it again)."""
    display(fig)
    plt.close(fig)
