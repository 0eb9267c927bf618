"""What `classroom/jupyterhub_config.py` needs: the room's settings, its folders, each user's home.

`ia-marketing salle demarrer` writes the settings into the environment (``IA_MARKETING_SALLE_*``)
and starts JupyterHub with that configuration file; the hub, running as root, calls
`prepare_home` before starting each person's server.

- Learners get a copy of the lessons (``~/modules``) and the released assignments through
  nbgrader's exchange; the JupyterLab extensions of the trainers (formgrader, creating an
  assignment, the list of courses) and the formgrader server extension are turned off for them.
- Trainers get the nbgrader course (``~/cours``: ``solutions/``, ``exercises/``,
  ``nbgrader_config.py``, the lessons and the trainer's guide) and the formgrader.
- Every kernel talks to the room's model server (the ``llamacpp`` preset pointed at it) and falls
  back to its own local model when that server does not answer (`ia_marketing.llm.room`).
- On the course's own installation, only what kernels need stays readable by everyone (the
  virtual environment, the package's sources, the lessons, the data, the student version of the
  assignments): ``solutions/``, ``guide/``, ``tests/``, ``.git``… are closed to learners.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .accounts import INSTRUCTOR_GROUP, AccountList, read_accounts

COURSE_ID = "ia-marketing"
#: Top-level entries of the course's installation that learners' kernels may read.
PUBLIC_ENTRIES = frozenset({".venv", "src", "modules", "datasets", "exercises", "pyproject.toml", "README.md",
                            "LICENSE", "LICENSE-CONTENU.md"})
#: What a trainer's `~/cours` holds (copied from the course's installation when missing).
INSTRUCTOR_COPY = ("nbgrader_config.py", "solutions", "exercises", "modules", "guide")
#: The trainers' JupyterLab plugins, off for learners (nbgrader 0.9's plugin ids).
INSTRUCTOR_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:course-list")
INSTRUCTOR_SERVER_EXTENSIONS = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")

ENV_PREFIX = "IA_MARKETING_SALLE_"


@dataclass(frozen=True)
class Settings:
    """The room, as `ia-marketing salle demarrer` describes it to the hub's configuration."""

    state: Path          # the room's own folder: exchange, configuration, hub database, model copy
    course: Path         # the course's installation (its .venv runs every server and kernel)
    accounts_file: Path
    ip: str = "127.0.0.1"
    port: int = 8000
    model_port: int = 8080
    slots: int = 8       # parallel slots of the room's model server
    threads: int = 0     # its threads (0: every core)
    model_url: str = ""  # an existing model server instead of starting one (e.g. on another host)
    ssl_cert: str = ""   # HTTPS: certificate and key files (otherwise plain HTTP)
    ssl_key: str = ""

    @property
    def exchange(self) -> Path:
        return self.state / "echange"

    @property
    def config_dir(self) -> Path:
        return self.state / "config"

    @property
    def venv_bin(self) -> Path:
        return self.course / ".venv" / "bin"

    @property
    def shared_model(self) -> Path:
        return self.state / "modele" / MODEL_NAME

    @property
    def model_binary(self) -> Path:
        """The room's copy of llama-server, which the unprivileged service account can run."""
        return self.state / "modele" / "llama-server"

    @property
    def model_log(self) -> Path:
        return self.state / "journal" / "modele.log"

    @property
    def model_base_url(self) -> str:
        return self.model_url or f"http://127.0.0.1:{self.model_port}/v1"

    def to_environ(self) -> dict[str, str]:
        return {ENV_PREFIX + "ETAT": str(self.state), ENV_PREFIX + "COURS": str(self.course),
                ENV_PREFIX + "COMPTES": str(self.accounts_file), ENV_PREFIX + "IP": self.ip,
                ENV_PREFIX + "PORT": str(self.port), ENV_PREFIX + "PORT_MODELE": str(self.model_port),
                ENV_PREFIX + "EMPLACEMENTS": str(self.slots), ENV_PREFIX + "FILS": str(self.threads),
                ENV_PREFIX + "URL_MODELE": self.model_url, ENV_PREFIX + "CERTIFICAT": self.ssl_cert,
                ENV_PREFIX + "CLE": self.ssl_key}

    @classmethod
    def from_environ(cls, environ: dict[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        missing = [ENV_PREFIX + k for k in ("ETAT", "COURS", "COMPTES") if not environ.get(ENV_PREFIX + k)]
        if missing:
            raise RuntimeError("Cette configuration de JupyterHub se lance avec « ia-marketing salle demarrer » "
                               f"(il manque {', '.join(missing)}).")
        return cls(state=Path(environ[ENV_PREFIX + "ETAT"]), course=Path(environ[ENV_PREFIX + "COURS"]),
                   accounts_file=Path(environ[ENV_PREFIX + "COMPTES"]),
                   ip=environ.get(ENV_PREFIX + "IP", "127.0.0.1"),
                   port=int(environ.get(ENV_PREFIX + "PORT", 8000)),
                   model_port=int(environ.get(ENV_PREFIX + "PORT_MODELE", 8080)),
                   slots=int(environ.get(ENV_PREFIX + "EMPLACEMENTS", 8)),
                   threads=int(environ.get(ENV_PREFIX + "FILS", 0)),
                   model_url=environ.get(ENV_PREFIX + "URL_MODELE", ""),
                   ssl_cert=environ.get(ENV_PREFIX + "CERTIFICAT", ""), ssl_key=environ.get(ENV_PREFIX + "CLE", ""))

    def accounts(self) -> AccountList:
        return read_accounts(self.accounts_file)


MODEL_NAME = "gemma-3-270m-q4_k_m.gguf"


def _chown(path: Path, user: str) -> None:
    entry = pwd.getpwnam(user)
    os.chown(path, entry.pw_uid, entry.pw_gid, follow_symlinks=False)


def _chown_tree(root: Path, user: str) -> None:
    _chown(root, user)
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            _chown(Path(folder) / name, user)


def check_traversable(path: Path) -> None:
    """Every folder above the course must let other users through (x), or their servers cannot
    start its Python: say which one, and how to fix it, instead of failing at the first login."""
    for folder in [path, *path.parents]:
        if not os.stat(folder).st_mode & stat.S_IXOTH:
            raise RuntimeError(
                f"Le dossier {folder} est fermé aux autres utilisateurs : les sessions des apprenantes et des apprenants ne pourront "
                f"pas lancer le cours installé dans {path}. Installez le cours dans un dossier ouvert (par exemple "
                f"/opt/ia-marketing), ou ouvrez ce dossier en traversée seule : chmod o+x {folder}")


def protect_course(course: Path) -> list[str]:
    """Close the instructor-only parts of the course's installation to other users (learners'
    kernels run as their own Unix user); return the entries closed. The course's root may be
    crossed, not listed; the trainers' group keeps its access."""
    course = Path(course)
    closed = []
    gid = _gid(INSTRUCTOR_GROUP)
    root_mode = os.stat(course).st_mode
    os.chmod(course, (root_mode | stat.S_IXOTH) & ~stat.S_IROTH & ~stat.S_IWOTH)
    for entry in sorted(course.iterdir()):
        if entry.name in PUBLIC_ENTRIES or entry.is_symlink():
            continue
        mode = entry.stat().st_mode
        if mode & stat.S_IRWXO:
            os.chmod(entry, mode & ~stat.S_IRWXO)
            closed.append(entry.name)
        if gid is not None:
            os.chown(entry, -1, gid)
            os.chmod(entry, (entry.stat().st_mode | stat.S_IRGRP | (stat.S_IXGRP if entry.is_dir() else 0)))
    return closed


def _gid(group: str) -> int | None:
    import grp

    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        return None


def write_room_config(settings: Settings) -> None:
    """The exchange (shared by everyone, as nbgrader wants it) and the Jupyter configuration of
    each role, in the room's folder."""
    settings.state.mkdir(parents=True, exist_ok=True)
    os.chmod(settings.state, 0o755)
    settings.exchange.mkdir(exist_ok=True)
    os.chmod(settings.exchange, 0o777 | stat.S_ISVTX)
    common = settings.config_dir / "commun"
    learner = settings.config_dir / "apprenant"
    trainer = settings.config_dir / "formation"
    for folder in (common, learner / "labconfig", trainer):
        folder.mkdir(parents=True, exist_ok=True)
    (common / "nbgrader_config.py").write_text(
        "# Written by ia-marketing salle demarrer: the room's nbgrader exchange.\n"
        "c = get_config()  # noqa: F821\n"
        f"c.CourseDirectory.course_id = {COURSE_ID!r}\n"
        f"c.Exchange.root = {str(settings.exchange)!r}\n"
        "c.Exchange.path_includes_course = False\n", encoding="utf-8")
    (trainer / "nbgrader_config.py").write_text(
        "# Written by ia-marketing salle demarrer: a trainer's course is ~/cours.\n"
        "import os\n\n"
        "c = get_config()  # noqa: F821\n"
        "c.CourseDirectory.root = os.path.expanduser('~/cours')\n", encoding="utf-8")
    # a login shell would reset PATH from /etc/profile, and `ia-marketing` would not be found
    (common / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"terminado_settings": {"shell_command": ["/bin/bash"]}}}, indent=2), encoding="utf-8")
    (learner / "jupyter_server_config.json").write_text(json.dumps(
        {"ServerApp": {"jpserver_extensions": {name: False for name in INSTRUCTOR_SERVER_EXTENSIONS}}},
        indent=2), encoding="utf-8")
    (learner / "labconfig" / "page_config.json").write_text(json.dumps(
        {"disabledExtensions": {name: True for name in INSTRUCTOR_PLUGINS},
         "lockedExtensions": {name: True for name in INSTRUCTOR_PLUGINS}}, indent=2), encoding="utf-8")
    for folder in settings.config_dir.rglob("*"):
        os.chmod(folder, 0o755 if folder.is_dir() else 0o644)
    os.chmod(settings.config_dir, 0o755)
    # the server's log, written by the unprivileged account it runs as
    settings.model_log.parent.mkdir(exist_ok=True)
    nobody = pwd.getpwnam(SERVICE_USER)
    os.chown(settings.model_log.parent, nobody.pw_uid, nobody.pw_gid)
    os.chmod(settings.model_log.parent, 0o755)


def claim_exchange(settings: Settings, trainer: str) -> None:
    """The course's folder of the exchange belongs to the trainer who publishes: made now, so
    that nobody else can create it first in the shared exchange and block every release."""
    folder = settings.exchange / COURSE_ID
    folder.mkdir(exist_ok=True)
    if not folder.is_symlink():
        _chown(folder, trainer)
        os.chmod(folder, 0o755)


#: The account the room's model server runs as: it reads the model, and nothing else of anyone.
SERVICE_USER = "nobody"


def install_model_binary(settings: Settings, binary: Path) -> Path:
    """A copy of llama-server in the room's folder (the compiled one may sit in root's cache)."""
    target = settings.model_binary
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.stat().st_size != binary.stat().st_size:
        tmp = target.with_suffix(".copie")
        shutil.copyfile(binary, tmp)
        os.chmod(tmp, 0o755)
        os.replace(tmp, target)
    return target


def share_model(settings: Settings, source: Path) -> Path:
    """One read-only copy of the assembled model for the room (the trainer's own cache is private):
    the room's server loads it, and each kernel's fallback finds it in its cache as a link."""
    target = settings.shared_model
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        tmp = target.with_suffix(".copie")
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    os.chmod(target.parent, 0o755)
    os.chmod(target, 0o644)
    stamp = source.with_name(source.name + ".verifie.json")
    key = json.loads(stamp.read_text()) if stamp.is_file() else {}
    key.update(size=target.stat().st_size, mtime_ns=target.stat().st_mtime_ns)
    (target.parent / (target.name + ".verifie.json")).write_text(json.dumps(key))
    os.chmod(target.parent / (target.name + ".verifie.json"), 0o644)
    return target


def kernel_environment(settings: Settings) -> dict[str, str]:
    """What every server (and so every kernel) of the room is started with."""
    return {
        "PATH": f"{settings.venv_bin}:/usr/local/bin:/usr/bin:/bin",
        "IA_MARKETING_BACKEND": "fournisseur",
        "IA_MARKETING_PROVIDER": "llamacpp",
        "IA_MARKETING_BASE_URL": settings.model_base_url,
        "IA_MARKETING_SECOURS": "local",
        "IA_MARKETING_MODELE": str(settings.shared_model),  # the fallback's model: the room's copy
        # a busy room answers in tens of seconds; an absent server must be noticed at once
        "IA_MARKETING_TIMEOUT": "180",
        "IA_MARKETING_MAX_RETRIES": "0",
        "IA_MARKETING_THREADS": "1",  # the fallback model must not take every core of the host
    }


def _copy_missing(source: Path, target: Path, user: str) -> None:
    # root writes in a person's home: never through a link that person may have made
    if os.path.lexists(target) or not source.exists() or target.parent.is_symlink():
        return
    if source.is_dir():
        shutil.copytree(source, target, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    else:
        shutil.copy2(source, target)
    _chown_tree(target, user) if target.is_dir() else _chown(target, user)


def prepare_home(settings: Settings, name: str, instructor: bool) -> dict[str, str]:
    """Make *name*'s home ready (idempotent: what the person changed is never overwritten) and
    return the environment entries of their role."""
    home = Path(pwd.getpwnam(name).pw_dir)
    if home.is_symlink():
        raise RuntimeError(f"Le dossier personnel de {name} est un lien : la salle n'y écrit pas.")
    home.mkdir(exist_ok=True)
    _chown(home, name)
    os.chmod(home, 0o700)  # nobody else reads a learner's work
    _copy_missing(settings.course / "modules", home / "modules", name)
    if instructor:
        course = home / "cours"
        if not os.path.lexists(course):
            course.mkdir()
            _chown(course, name)
        for entry in INSTRUCTOR_COPY:
            _copy_missing(settings.course / entry, course / entry, name)
    role = "formation" if instructor else "apprenant"
    return {"JUPYTER_CONFIG_PATH": os.pathsep.join([str(settings.config_dir / role),
                                                    str(settings.config_dir / "commun")])}


def pre_spawn_hook(settings: Settings):
    """The hub's `Spawner.pre_spawn_hook`: the person's home, and their role's configuration."""

    def hook(spawner) -> None:
        accounts = settings.accounts()  # read again: a list edited during the day counts
        account = accounts.get(spawner.user.name)
        if account is None:
            raise RuntimeError(f"{spawner.user.name} ne figure pas dans la liste des comptes de la salle.")
        spawner.environment.update(prepare_home(settings, account.name, account.instructor))

    return hook


def local_model_file() -> Path:
    """The model assembled in the cache of whoever starts the room (assembled now if needed)."""
    from ...llm.local import model_path

    return model_path(lambda message: print(message, file=sys.stderr))


__all__ = ["Settings", "COURSE_ID", "SERVICE_USER", "claim_exchange", "install_model_binary", "PUBLIC_ENTRIES", "protect_course", "check_traversable", "write_room_config",
           "share_model", "kernel_environment", "prepare_home", "pre_spawn_hook", "local_model_file"]
