"""The classroom: JupyterHub for a room (accounts, exchange, roles, one model server); see classroom/README.md."""
