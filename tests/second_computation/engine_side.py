"""The project's engine fed with a workspace document exactly as tests/engine_cases.py feeds
it the worked examples (``_workspace_month``: ``example_inputs``, ``example_deals``,
``compute_month`` and ``clawbacks``), and its documents written as the exports write them."""

from engine_cases import _workspace_month, written

from performance.documents.metrics import to_metrics_json
from performance.documents.payroll import payroll_json, payroll_rows
from performance.documents.statement import month_statements, statement_json


def without_texts(document: dict) -> dict:
    for role in document["roles"]:
        for recommendation in role.get("recommendations", []):
            recommendation.pop("text", None)
    return document


def engine_documents(workspace: dict, months: list[str]) -> dict[str, dict]:
    """{month: {"metrics", "statements" (by person), "payroll"}} from the engine's pure entry points."""
    states = {row["month"]: row["state"] for row in workspace.get("closes") or ()}
    computed: dict = {}
    found = {}
    for month in months:
        metrics = _workspace_month(workspace, month, computed)
        state = states.get(month, "open")
        found[month] = {
            "metrics": written(without_texts(to_metrics_json(metrics))),
            "statements": {s.person_id: written(statement_json(s, state)) for s in month_statements(metrics)},
            "payroll": written(payroll_json(payroll_rows(metrics), state)),
        }
    return found
