"""`ia-marketing salle demarrer`: the whole room with one command.

In order: the accounts of the list become Unix users; the course's instructor-only folders are
closed to them; the room's folder gets nbgrader's exchange and each role's configuration; the
model is shared read-only; the proxy (npm) and llama-server are installed if missing; then
JupyterHub runs in the foreground with `classroom/jupyterhub_config.py`, the model server as one of
its services. Ctrl+C stops everything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from . import accounts as accounts_mod
from . import hub, modelserver

CLASSROOM = "classroom"


def course_root() -> Path:
    """The course's installation: the repository this package runs from."""
    return Path(__file__).resolve().parents[4]


def proxy_command(course: Path) -> Path:
    """configurable-http-proxy, from `classroom/node_modules` (installed there with npm if missing)."""
    folder = course / CLASSROOM
    binary = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("La salle a besoin de Node.js et de npm pour le proxy de JupyterHub "
                           "(configurable-http-proxy) : sudo apt-get install -y nodejs npm")
    print("Installation du proxy de JupyterHub (configurable-http-proxy, npm)…", file=sys.stderr)
    done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder, capture_output=True, text=True)
    if done.returncode != 0 or not binary.exists():
        raise RuntimeError("npm n'a pas pu installer configurable-http-proxy :\n" + done.stderr[-800:])
    return binary


def prepare(settings: hub.Settings) -> accounts_mod.AccountList:
    """Everything but starting the hub (idempotent); returns the accounts."""
    if os.geteuid() != 0:
        raise RuntimeError("La salle se lance en administrateur (sudo) : JupyterHub démarre la session de chaque "
                           "personne sous son propre compte du système, et nbgrader reconnaît ainsi chacun.")
    accounts = settings.accounts()
    print(accounts.summary())
    created = accounts_mod.ensure_system_users(accounts)
    if created:
        print(f"Comptes du système créés : {', '.join(created)}")
    hub.check_traversable(settings.course)
    # the virtual environment's Python is a link to an interpreter that every user must reach too
    hub.check_traversable(Path(os.path.realpath(settings.venv_bin / "python3")).parent)
    closed = hub.protect_course(settings.course)
    if closed:
        print("Fermés aux apprenants dans le dossier du cours : " + ", ".join(closed))
    hub.write_room_config(settings)
    hub.share_model(settings, hub.local_model_file())
    proxy_command(settings.course)
    if not settings.model_url:
        modelserver.ensure_binary()
    return accounts


def start(settings: hub.Settings) -> int:
    prepare(settings)
    config = settings.course / CLASSROOM / "jupyterhub_config.py"
    environ = {**os.environ, **settings.to_environ()}
    print(f"La salle ouvre sur http://{settings.ip}:{settings.port}/ : chaque personne choisit son mot de passe "
          "à sa première connexion (8 caractères au moins). Ctrl+C arrête tout.")
    hub_process = subprocess.Popen([str(settings.venv_bin / "jupyterhub"), "-f", str(config)],
                                   cwd=settings.state, env=environ)
    try:
        return hub_process.wait()
    except KeyboardInterrupt:
        # JupyterHub received the same Ctrl+C: it stops every session and the model server; wait
        # for it, so that when this command returns nothing of the room is left running
        print("Arrêt de la salle : les sessions et le serveur de modèle s'arrêtent…", file=sys.stderr)
        try:
            return hub_process.wait(timeout=120)
        except (KeyboardInterrupt, subprocess.TimeoutExpired):
            hub_process.kill()
            return hub_process.wait()
