"""The documents the engine's results are written as, shared by the services and every export:

- ``metrics``: DOMAIN.md's metrics JSON (``to_metrics_json``, ``json_number``);
- ``statement``: one person's statement as JSON;
- ``inputs``: the engine's inputs as JSON, kept with an approved month.

Plain functions from engine dataclasses to JSON-ready values; the closing keeps them with an
approval, the exports write them, the screens compare with them.
"""
