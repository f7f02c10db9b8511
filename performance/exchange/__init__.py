"""Every format that comes in or goes out, sharing one parser and one set of messages.

- `parse`: the one parser for numbers and months (and JSON with exact numbers); every way
  in reads through it, so a form, a CSV reader and a URL refuse a bad value in the same words.
- `rules`: inputs that cannot be true (a month that has not started, a month before the
  first business assumptions), one message each, for the models and the readers alike.
- `form_fields`: the parser as a Django form field (the actuals entry form, the calculator).
- `actuals_csv`: the actuals CSV of DOMAIN.md: read and check a file, the template to fill in.
- `workspace`: the workspace JSON import (check the whole file, then merge by natural key);
  `workspace_export`: the same format written back, canonically.
- `legacy_config`: the old dashboard's exported config, mapped onto a workspace.
- `metrics_json`: DOMAIN.md's Metrics JSON written from the engine's MonthMetrics.
- `metrics_csv`: the metrics JSON flattened into CSV rows.
- `resources`: the admin's import and export (django-import-export): actuals and plans.
- `demo`: the demo workspace, built as a workspace and loaded through the import.
"""
