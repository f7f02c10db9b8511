"""Every format that comes in or goes out: the workspace JSON, the metrics JSON and CSV, the
actuals CSV, the legacy config, the demo and the admin's import/export resources."""
