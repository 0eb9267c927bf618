"""JupyterHub for a room of « IA & marketing » (one host, system users, one model server).

Started by `sudo .venv/bin/ia-marketing salle demarrer --comptes comptes.csv` (see README.md here),
which prepares the accounts, the room's folder and the model, then runs
`jupyterhub -f classroom/jupyterhub_config.py` with the settings in IA_MARKETING_SALLE_* variables.
"""

import os
import secrets

from ia_marketing.instructor.salle import hub, modelserver

c = get_config()  # noqa: F821 - provided by JupyterHub

room = hub.Settings.from_environ()
accounts = room.accounts()

# -- addresses: learners reach the proxy; the hub and the proxy's API stay on this host ----------
c.JupyterHub.bind_url = f"http://{room.ip}:{room.port}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = room.port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{room.port + 2}"
c.ConfigurableHTTPProxy.command = [str(room.course / "classroom" / "node_modules" / ".bin" /
                                       "configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(room.state / "proxy.pid")
c.ConfigurableHTTPProxy.auth_token = secrets.token_hex(32)
c.JupyterHub.db_url = f"sqlite:///{room.state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(room.state / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every session
c.JupyterHub.cleanup_proxy = True
if room.ssl_cert:  # HTTPS: passwords must not cross the room's Wi-Fi in clear
    c.JupyterHub.ssl_cert = room.ssl_cert
    c.JupyterHub.ssl_key = room.ssl_key

# -- accounts from the list; each person chooses a password at first login -----------------------
c.JupyterHub.authenticator_class = "firstuseauthenticator"
c.FirstUseAuthenticator.dbm_path = str(room.state / "mots_de_passe.dbm")
c.FirstUseAuthenticator.create_users = False  # only the accounts of the list
c.FirstUseAuthenticator.min_password_length = 8
c.Authenticator.allowed_users = {a.name for a in accounts.accounts}
c.Authenticator.allow_existing_users = False  # someone of a previous list, still in the hub's database: refused
c.Authenticator.admin_users = {a.name for a in accounts.instructors}
c.JupyterHub.load_groups = {
    "formation": {"users": [a.name for a in accounts.instructors]},
    "apprenants": {"users": [a.name for a in accounts.students]},
}

# -- one server per person, as their own Unix user, from the course's environment ----------------
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(room.venv_bin / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.notebook_dir = "~"
c.Spawner.environment = hub.kernel_environment(room)
c.Spawner.pre_spawn_hook = hub.pre_spawn_hook(room)
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90

# -- the room's model server, started and stopped with the hub (not exposed through the proxy) ----
services = []
if not room.model_url:
    services.append({
        "name": "modele-salle",
        "user": hub.SERVICE_USER,  # not root: it reads the model and writes its log, nothing else
        "command": modelserver.server_command(room.model_binary, room.shared_model, port=room.model_port,
                                              slots=room.slots, threads=room.threads, log=room.model_log),
    })

# -- a token for scripts that drive the room through the REST API (the end-to-end test) -----------
token = os.environ.get("IA_MARKETING_SALLE_JETON", "").strip()
if token:
    services.append({"name": "pilote", "api_token": token})
    c.JupyterHub.load_roles = [{
        "name": "pilote-salle",
        "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users", "admin:groups"],
        "services": ["pilote"],
    }]
c.JupyterHub.services = services
