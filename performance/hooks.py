"""The answers performance gives to the questions lower layers ask (otesite/lib/hooks.py).

Provided once, when Django starts (PerformanceConfig.ready()): the lock on approved months for
the models' clean() and delete() and the admin's delete pages, the holding of every month for
the admin's writes, the data version for every write,
a plan's figures for its admin page, the months a plan version re-prices, and whether a saved
scenario's change strings read.
"""

from __future__ import annotations

import uuid
from datetime import date

from otesite.lib import hooks
from otesite.lib.formatting import format_money, format_units
from otesite.lib.months import format_month
from performance import engine, locks, month_lock
from performance.changes import parse_changes
from performance.loader import plan_input
from performance.models import DataVersion, MonthlyActual, PersonActual


def new_data_version() -> None:
    if not DataVersion.objects.filter(pk=1).update(token=uuid.uuid4()):
        DataVersion.objects.get_or_create(pk=1)


def plan_summary(plan) -> hooks.PlanSummary | None:
    """The plan's figures against the assumptions in force in its first month (annotated by
    QuotaPlan.objects.with_economics()); None when there are none yet."""
    from compensation.models import ECONOMICS_FIELDS

    values = {name: getattr(plan, f"economics_{name}", None) for name in ECONOMICS_FIELDS}
    if values["deal_value"] is None or plan.role_id is None:
        return None
    figures = engine.plan_figures(plan.role.kind, plan_input(plan), engine.Economics(**values))
    unit = engine.UNIT_WORDS[figures.kind][0]
    alignment = engine.ALIGNMENT_LABELS.get(figures.alignment, "n/a")
    set_from = getattr(plan, "economics_effective_from", None)
    basis = f"those in force in {format_month(plan.effective_from)}, this version's first month" + (
        f" (set from {format_month(set_from)})" if set_from else ""
    )
    return hooks.PlanSummary(
        monthly_ote=format_money(figures.monthly_ote),
        break_even_units=format_units(figures.break_even_units),
        alignment=alignment,
        rows=[
            ("Business assumptions", basis),
            ("Monthly OTE", format_money(figures.monthly_ote)),
            ("Monthly base", format_money(figures.monthly_base)),
            ("Monthly variable", format_money(figures.monthly_variable)),
            (f"Required pay per {unit}", format_money(figures.required_pay_per_unit)),
            ("Commission per deal", format_money(figures.commission_per_deal)),
            ("Deals for OTE", format_units(figures.deals_for_ote)),
            ("Break-even units", format_units(figures.break_even_units)),
            ("Earnings at quota", format_money(figures.earnings_at_quota)),
            ("Alignment", f"{alignment}: {figures.alignment_reason}"),
        ],
    )


def months_with_numbers(role_id: int, first: date, following: date | None) -> set[date]:
    """Months from `first` (before `following`) in which the role has numbers: a role total,
    or person actuals of people assigned to it."""
    role_totals = MonthlyActual.objects.filter(role_id=role_id, month__gte=first)
    people = PersonActual.objects.of_role(role_id).filter(month__gte=first)
    if following is not None:
        role_totals, people = role_totals.filter(month__lt=following), people.filter(month__lt=following)
    return set(role_totals.values_list("month", flat=True)) | set(people.values_list("month", flat=True))


def scenario_change_problems(texts) -> list[str]:
    try:
        parse_changes(texts)
    except engine.ScenarioInvalid as error:
        return list(error.problems)
    return []


def provide() -> None:
    hooks.refuse_locked_change.provide(locks.refuse_changes_to)
    hooks.deletion_refusals.provide(locks.deletion_refusals)
    hooks.rows_deletion_refusal.provide(locks.rows_deletion_refusal)
    hooks.hold_every_month.provide(lambda: month_lock.hold(every=True))
    hooks.data_changed.provide(new_data_version)
    hooks.plan_summary.provide(plan_summary)
    hooks.months_with_numbers.provide(months_with_numbers)
    hooks.scenario_change_problems.provide(scenario_change_problems)
