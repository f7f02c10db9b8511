"""A small real OpenID Connect provider (provider.py) and the way tests start it (running.py)."""
