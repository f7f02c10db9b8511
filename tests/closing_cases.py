"""Shared by the closing tests: DOMAIN.md's people example with months approved, and a picture
of everything stored (data, closes and history) to prove that a refused write changed nothing."""

from datetime import date

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from performance.closing import take_step
from performance.exchange.workspace_export import dumps_workspace, export_workspace
from performance.models import CloseStep, MonthClose, MonthlyActual, MonthlyRevenue, PersonActual

JANUARY, FEBRUARY, MARCH, APRIL = (date(2026, month, 1) for month in (1, 2, 3, 4))
LOCKED_FEBRUARY = "2026-02 is approved; reopen it to change its numbers"
LOCKED_MARCH = "2026-03 is approved; reopen it to change its numbers"
MODELS = (
    Role,
    QuotaPlan,
    PlanTier,
    Economics,
    Person,
    Assignment,
    MonthlyActual,
    PersonActual,
    MonthlyRevenue,
    MonthClose,
    CloseStep,
)


def stored() -> tuple:
    """Everything stored (the workspace export, closes included) and every model's history."""
    return dumps_workspace(export_workspace()), [model.history.count() for model in MODELS]


DATA_MODELS = MODELS[:-2]  # what a month is computed from, without its close


def stored_data() -> tuple:
    """Everything a month is computed from (the workspace export without its closes), and its history."""
    workspace = export_workspace()
    workspace["closes"] = []
    return dumps_workspace(workspace), [model.history.count() for model in DATA_MODELS]


def approve(month: date, manager, admin) -> None:
    take_step(month, "review", by=manager)
    take_step(month, "approve", by=admin)
