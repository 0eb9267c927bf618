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


#: configurable-http-proxy 5 asks for Node.js 20 or more recent.
NODE_MAJOR = 20
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def node_major() -> int | None:
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        return None
    done = subprocess.run([node, "--version"], capture_output=True, text=True)
    try:
        return int(done.stdout.strip().lstrip("v").split(".")[0])
    except ValueError:
        return None


def accounts_without_password(dbm_path: Path, names: list[str]) -> list[str]:
    """Which of *names* have not chosen their first-use password yet (FirstUseAuthenticator's dbm)."""
    import dbm

    try:
        with dbm.open(str(dbm_path), "r") as db:
            return [name for name in names if name.encode() not in db]
    except dbm.error:
        return list(names)


def addresses(ip: str, port: int) -> list[str]:
    """The addresses learners type: this computer's own when the room listens on all of them."""
    if ip not in ("0.0.0.0", "::"):
        return [f"http://{ip}:{port}/"]
    done = subprocess.run(["hostname", "-I"], capture_output=True, text=True)
    found = [a for a in done.stdout.split() if ":" not in a]
    return [f"http://{a}:{port}/" for a in found] or [f"http://<adresse de cet ordinateur>:{port}/"]


def busy_ports(settings: hub.Settings) -> list[int]:
    """The room's ports (the room's, the hub's two next ones, the model server's) already taken."""
    import socket

    wanted = [settings.port, settings.port + 1, settings.port + 2]
    if not settings.model_url:
        wanted.append(settings.model_port)
    busy = []
    for port in wanted:
        with socket.socket() as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                busy.append(port)
    return busy


def proxy_command(course: Path) -> Path:
    """configurable-http-proxy, from `classroom/node_modules` (installed there with npm if missing)."""
    folder = course / CLASSROOM
    binary = folder / "node_modules" / ".bin" / "configurable-http-proxy"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    major = node_major()
    if major is not None and major < NODE_MAJOR:
        raise RuntimeError(f"Le proxy de JupyterHub demande Node.js {NODE_MAJOR} ou plus récent (trouvé : {major}) : "
                           "installez une version récente (paquets de NodeSource, ou nvm), puis vérifiez "
                           "« node --version ».")
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
    if not settings.model_url and settings.port <= settings.model_port <= settings.port + 2:
        raise RuntimeError(f"Le port du serveur de modèle ({settings.model_port}) est l'un des trois ports de la salle "
                           f"({settings.port} à {settings.port + 2}) : choisissez-en un autre avec --port-modele.")
    busy = busy_ports(settings)
    if busy:
        raise RuntimeError("Ces ports sont déjà pris sur cet ordinateur : " + ", ".join(map(str, busy)) + ". Une salle "
                           "tourne peut-être déjà ; sinon, choisissez d'autres ports (--port, --port-modele).")
    accounts = settings.accounts()
    print(accounts.summary())
    waiting = accounts_without_password(settings.state / "mots_de_passe.dbm", [a.name for a in accounts.instructors])
    if settings.ip not in LOOPBACK and waiting:
        raise RuntimeError(
            "Avant d'ouvrir la salle au réseau, choisissez le mot de passe des comptes de l'équipe de formation ("
            + ", ".join(waiting) + ") : sinon, la première personne qui taperait un de ces identifiants en choisirait "
            "le mot de passe. Lancez d'abord la salle sans --ip (elle n'écoute alors que sur cet ordinateur), ouvrez "
            f"http://127.0.0.1:{settings.port}/ ici, connectez-vous avec chacun de ces comptes, arrêtez (Ctrl+C), "
            "puis relancez avec --ip.")
    created = accounts_mod.ensure_system_users(accounts)
    if created:
        print(f"Comptes du système créés : {', '.join(created)}")
    hub.check_traversable(settings.course)
    # the virtual environment's Python is a link to an interpreter that every user must reach too
    hub.check_traversable(Path(os.path.realpath(settings.venv_bin / "python3")).parent)
    closed = hub.protect_course(settings.course)
    if closed:
        print("Fermés aux apprenantes et aux apprenants dans le dossier du cours : " + ", ".join(closed))
    hub.write_room_config(settings)
    hub.claim_exchange(settings, accounts.instructors[0].name)
    hub.share_model(settings, hub.local_model_file())
    proxy_command(settings.course)
    if not settings.model_url:
        hub.install_model_binary(settings, modelserver.ensure_binary())
    return accounts


def start(settings: hub.Settings) -> int:
    prepare(settings)
    config = settings.course / CLASSROOM / "jupyterhub_config.py"
    environ = {**os.environ, **settings.to_environ()}
    print(f"La salle ouvre sur {' ou '.join(addresses(settings.ip, settings.port))} : chaque personne choisit son "
          "mot de passe à sa première connexion (8 caractères au moins). Gardez ce terminal ouvert ; Ctrl+C arrête "
          "tout.")
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
