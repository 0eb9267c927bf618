"""The room's accounts: a list a trainer writes (CSV), one Unix user per account.

nbgrader knows a student by the Unix user their server runs as, so every learner of the room is a
system user of the hub host, created here from the list. A line that cannot become an account is
set aside, counted and reported with its line number; the file itself is never modified.
"""

from __future__ import annotations

import csv
import grp
import io
import pwd
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

INSTRUCTOR_ROLES = {"formateur", "formatrice", "instructeur", "instructrice", "enseignant", "enseignante",
                    "instructor"}
STUDENT_ROLES = {"apprenant", "apprenante", "etudiant", "étudiant", "etudiante", "étudiante", "stagiaire",
                 "student"}
#: The Unix group of the trainers: it alone reads the course's instructor folders.
INSTRUCTOR_GROUP = "ia-formateurs"
#: A portable Unix user name (useradd's default rule, without capitals).
NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
#: Names a learner must not take: system accounts of a Debian or Ubuntu host.
RESERVED = {"root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "uucp", "proxy",
            "www-data", "backup", "list", "irc", "nobody", "systemd-network", "messagebus", "sshd", "admin",
            "jupyterhub", "postgres"}


@dataclass(frozen=True)
class Account:
    name: str
    instructor: bool = False

    @property
    def role(self) -> str:
        return "formation" if self.instructor else "apprenant"


@dataclass
class AccountList:
    accounts: list[Account] = field(default_factory=list)
    #: (line number, the line as read, why it was set aside)
    set_aside: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def instructors(self) -> list[Account]:
        return [a for a in self.accounts if a.instructor]

    @property
    def students(self) -> list[Account]:
        return [a for a in self.accounts if not a.instructor]

    def get(self, name: str) -> Account | None:
        return next((a for a in self.accounts if a.name == name), None)

    def summary(self) -> str:
        lines = [f"{len(self.accounts)} compte(s) : {len(self.instructors)} pour l'équipe de formation, "
                 f"{len(self.students)} pour les apprenantes et les apprenants."]
        if self.set_aside:
            lines.append(f"{len(self.set_aside)} ligne(s) mise(s) de côté (le fichier n'est pas modifié) :")
            lines += [f"  ligne {n} « {raw} » : {why}" for n, raw, why in self.set_aside]
        return "\n".join(lines)


def _role(value: str) -> bool | None:
    """True for a trainer, False for a learner, None when the role is not understood."""
    word = value.strip().lower()
    if word in INSTRUCTOR_ROLES or word.startswith(("formateur", "formatrice")):  # « formateur·rice » too
        return True
    if word in STUDENT_ROLES or word == "" or word.startswith(("apprenant", "étudiant", "etudiant")):
        return False
    return None


def parse_accounts(text: str) -> AccountList:
    """Read the list: one account per line, `identifiant` then `rôle` (comma or semicolon); a header
    line (the first one that is not a comment), blank lines and lines starting with # are skipped. Without a role, the account is a
    learner's."""
    rows = [line for line in text.splitlines()]
    sample = "\n".join(r for r in rows if r.strip() and not r.lstrip().startswith("#"))[:2000]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    out = AccountList()
    seen: set[str] = set()
    first = True
    for number, line in enumerate(rows, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = next(csv.reader(io.StringIO(line), delimiter=delimiter))
        name = cells[0].strip().lower() if cells else ""
        role = cells[1] if len(cells) > 1 else ""
        header, first = first and name in {"identifiant", "login", "utilisateur", "nom", "username"}, False
        if header:
            continue
        instructor = _role(role)
        if instructor is None:
            out.set_aside.append((number, line.strip(), f"rôle « {role.strip()} » inconnu : écrivez formatrice, "
                                  "formateur, apprenante ou apprenant (ou laissez vide pour une apprenante ou un "
                                  "apprenant)."))
        elif not NAME.match(name):
            out.set_aside.append((number, line.strip(), "identifiant invalide : lettres minuscules sans accent, "
                                  "chiffres, - ou _, 32 caractères au plus, sans espace, commençant par une "
                                  "lettre (écrivez camille_durand plutôt que camille.durand)."))
        elif name in RESERVED:
            out.set_aside.append((number, line.strip(), f"« {name} » est un compte du système : choisissez un "
                                  "autre identifiant."))
        elif name in seen:
            out.set_aside.append((number, line.strip(), f"« {name} » figure déjà plus haut dans la liste."))
        else:
            seen.add(name)
            out.accounts.append(Account(name, instructor))
    return out


def read_accounts(path: Path) -> AccountList:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"La liste des comptes {path} n'existe pas : partez de "
                                "classroom/comptes.exemple.csv (une ligne par personne : identifiant;rôle).")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # a list saved by Excel on Windows
    accounts = parse_accounts(text)
    if not accounts.instructors:
        raise ValueError(f"La liste {path} ne contient aucun compte de formation (rôle formateur ou "
                         "formatrice) : ajoutez-en au moins un, c'est ce compte qui publie et corrige les devoirs.\n"
                         + accounts.summary())
    return accounts


def user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def _group_exists(name: str) -> bool:
    try:
        grp.getgrnam(name)
    except KeyError:
        return False
    return True


#: The comment of the Unix users this module creates: only those are reused at the next start.
COMMENT = "IA & marketing"


def foreign_accounts(accounts: AccountList) -> list[str]:
    """Names of the list that are already accounts of this computer, not made by the room: giving
    them away (to whoever logs in first) would hand over someone's account."""
    found = []
    for account in accounts.accounts:
        try:
            entry = pwd.getpwnam(account.name)
        except KeyError:
            continue
        if not entry.pw_gecos.startswith(COMMENT):
            found.append(account.name)
    return found


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"« {' '.join(command)} » a échoué : {done.stderr.strip()}")


def ensure_system_users(accounts: AccountList) -> list[str]:
    """Create the Unix users (and the trainers' group) that do not exist yet; return the names
    created. Accounts of this computer that the room did not make are refused (`foreign_accounts`)."""
    foreign = foreign_accounts(accounts)
    if foreign:
        raise RuntimeError("Ces identifiants sont déjà des comptes de cet ordinateur, que la salle n'a pas créés : "
                           + ", ".join(foreign) + ". Choisissez d'autres identifiants dans la liste (la première "
                           "personne qui se connecterait prendrait ce compte).")
    if not _group_exists(INSTRUCTOR_GROUP):
        _run(["groupadd", "--system", INSTRUCTOR_GROUP])
    created = []
    for account in accounts.accounts:
        if not user_exists(account.name):
            _run(["useradd", "--create-home", "--shell", "/bin/bash", "--comment",
                  f"{COMMENT} ({account.role})", account.name])
            created.append(account.name)
        if account.instructor:
            _run(["usermod", "--append", "--groups", INSTRUCTOR_GROUP, account.name])
    return created
