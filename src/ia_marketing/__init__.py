"""ia_marketing — the helper package of the course « IA & marketing ».

Imported the same way in every notebook::

    from ia_marketing import get_llm, load, environnement_pret
"""

from __future__ import annotations

__version__ = "0.1.0"

from .checks import Question
from .llm import get_llm

__all__ = ["__version__", "Question", "get_llm", "load", "environnement_pret"]


def load(name: str):
    """Load a course dataset as a pandas DataFrame (see datasets/README.md)."""
    from .data import load as _load

    return _load(name)


def environnement_pret(modele: bool = False) -> None:
    """First cell of every notebook: prove the environment works, in French.

    With *modele*, also load the local model (a few seconds the first time).
    """
    import platform

    from .instructor.doctor import check_packages

    problems = [c for c in check_packages() if not c.ok]
    for c in problems:
        print(f"⚠️  {c.label} : {c.detail}")
    if modele:
        llm = get_llm("local")
        print(f"Modèle local prêt : {llm.model} (hors ligne).")
    if problems:
        print("Environnement incomplet : prévenez votre formatrice ou votre formateur. Si vous avez "
              "installé le cours vous-même, relancez « make lab » depuis le dossier du cours, puis "
              "redémarrez le noyau (menu Noyau › Redémarrer le noyau…).")
    else:
        print(f"Environnement prêt (Python {platform.python_version()}, ia_marketing {__version__}).")
