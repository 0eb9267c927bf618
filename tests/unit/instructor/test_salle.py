"""The classroom's pieces that need no hub: the list of accounts, what is closed to learners, each
role's Jupyter configuration, the model server's command line."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from ia_marketing.instructor.salle import hub, modelserver
from ia_marketing.instructor.salle.accounts import parse_accounts, read_accounts


def test_the_list_keeps_every_good_line_and_sets_aside_the_others_with_their_number():
    accounts = parse_accounts("identifiant;rôle\n"
                              "camille_martin;Formatrice\n"
                              "# une remarque\n"
                              "\n"
                              "lea_bernard;apprenante\n"
                              "hugo_petit\n"
                              "Inès Moreau;apprenante\n"
                              "lea_bernard;apprenant\n"
                              "root;apprenant\n"
                              "zoe;directrice\n"
                              "max;formateur·rice\n"
                              "_cache;apprenant\n")
    assert [(a.name, a.instructor) for a in accounts.accounts] == [
        ("camille_martin", True), ("lea_bernard", False), ("hugo_petit", False), ("max", True)]
    reasons = {number: why for number, _, why in accounts.set_aside}
    assert set(reasons) == {7, 8, 9, 10, 12}
    assert "identifiant invalide" in reasons[12]  # a name must start with a letter
    assert "identifiant invalide" in reasons[7]
    assert "déjà plus haut" in reasons[8]
    assert "compte du système" in reasons[9]
    assert "rôle « directrice » inconnu" in reasons[10]
    summary = accounts.summary()
    assert "4 compte(s) : 2 pour l'équipe de formation, 2 pour les apprenantes et les apprenants." in summary
    assert "5 ligne(s) mise(s) de côté (le fichier n'est pas modifié)" in summary
    assert "ligne 7 « Inès Moreau;apprenante »" in summary


def test_a_list_from_excel_comma_separated_or_cp1252_is_read(tmp_path):
    path = tmp_path / "comptes.csv"
    path.write_bytes("identifiant,rôle\r\nalix,formateur\r\nbea,étudiante\r\n".encode("cp1252"))
    before = path.read_bytes()
    accounts = read_accounts(path)
    assert [(a.name, a.instructor) for a in accounts.accounts] == [("alix", True), ("bea", False)]
    assert path.read_bytes() == before  # the trainer's file is never rewritten


def test_a_list_without_a_trainer_or_missing_says_what_to_do(tmp_path):
    path = tmp_path / "comptes.csv"
    path.write_text("alix;apprenant\n", encoding="utf-8")
    with pytest.raises(ValueError, match="aucun compte de formation"):
        read_accounts(path)
    with pytest.raises(FileNotFoundError, match="comptes.exemple.csv"):
        read_accounts(tmp_path / "absente.csv")


def test_the_example_list_is_valid():
    accounts = read_accounts(Path(__file__).resolve().parents[3] / "classroom" / "comptes.exemple.csv")
    assert accounts.instructors and accounts.students and not accounts.set_aside


def test_only_what_kernels_need_stays_open_to_other_users(tmp_path):
    course = tmp_path / "cours"
    for name in ("solutions", "guide", "tests", ".git", "src", ".venv", "modules", "datasets", "exercises"):
        (course / name).mkdir(parents=True)
        os.chmod(course / name, 0o755)
    (course / "gradebook.db").write_text("")
    os.chmod(course / "gradebook.db", 0o644)
    os.chmod(course, 0o755)
    closed = hub.protect_course(course)
    assert sorted(closed) == [".git", "gradebook.db", "guide", "solutions", "tests"]
    for name in closed:
        assert not (course / name).stat().st_mode & stat.S_IRWXO, name
    for name in ("src", ".venv", "modules", "datasets", "exercises"):
        assert (course / name).stat().st_mode & stat.S_IROTH, name
    mode = course.stat().st_mode
    assert mode & stat.S_IXOTH and not mode & stat.S_IROTH  # crossed, not listed
    assert hub.protect_course(course) == []  # idempotent


def test_each_role_gets_its_configuration(tmp_path):
    settings = hub.Settings(state=tmp_path / "salle", course=tmp_path, accounts_file=tmp_path / "c.csv")
    hub.write_room_config(settings)
    page = json.loads((settings.config_dir / "apprenant" / "labconfig" / "page_config.json").read_text())
    assert set(page["disabledExtensions"]) == set(page["lockedExtensions"]) == set(hub.INSTRUCTOR_PLUGINS)
    server = json.loads((settings.config_dir / "apprenant" / "jupyter_server_config.json").read_text())
    assert server["ServerApp"]["jpserver_extensions"] == {
        "nbgrader.server_extensions.formgrader": False, "nbgrader.server_extensions.course_list": False}
    common = (settings.config_dir / "commun" / "nbgrader_config.py").read_text()
    assert f"c.Exchange.root = {str(settings.exchange)!r}" in common and "'ia-marketing'" in common
    assert "~/cours" in (settings.config_dir / "formation" / "nbgrader_config.py").read_text()
    assert stat.S_IMODE(settings.exchange.stat().st_mode) == 0o1777
    env = hub.kernel_environment(settings)
    assert env["IA_MARKETING_PROVIDER"] == "llamacpp" and env["IA_MARKETING_SECOURS"] == "local"
    assert env["IA_MARKETING_BASE_URL"] == "http://127.0.0.1:8080/v1"
    assert hub.Settings.from_environ(settings.to_environ()) == settings


def test_the_room_s_server_has_one_context_per_slot(tmp_path):
    command = modelserver.server_command(tmp_path / "llama-server", tmp_path / "m.gguf", port=8123, slots=6,
                                         threads=2)
    assert command[command.index("--parallel") + 1] == "6"
    assert command[command.index("--ctx-size") + 1] == str(6 * modelserver.CONTEXT_PER_SLOT)
    assert command[command.index("--host") + 1] == "127.0.0.1"  # never reachable from the network
    assert command[command.index("--threads") + 1] == "2"


def test_the_room_opens_to_the_network_only_once_the_trainers_chose_their_password(tmp_path):
    import dbm

    from ia_marketing.instructor.salle.launcher import accounts_without_password

    path = tmp_path / "mots_de_passe.dbm"
    assert accounts_without_password(path, ["camille", "alix"]) == ["camille", "alix"]  # no file yet
    with dbm.open(str(path), "c", 0o600) as db:  # as FirstUseAuthenticator stores them
        db["camille"] = b"$2b$12$hash"
    assert accounts_without_password(path, ["camille", "alix"]) == ["alix"]


def test_an_account_of_this_computer_is_never_given_away():
    import pwd

    from ia_marketing.instructor.salle.accounts import NAME, RESERVED, foreign_accounts

    existing = next(e.pw_name for e in pwd.getpwall() if NAME.match(e.pw_name) and e.pw_name not in RESERVED
                    and not e.pw_gecos.startswith("IA & marketing"))
    accounts = parse_accounts(f"{existing};apprenant\ncamille_zz_inexistant;formatrice\n")
    assert [a.name for a in accounts.accounts] == [existing, "camille_zz_inexistant"]
    assert foreign_accounts(accounts) == [existing]
