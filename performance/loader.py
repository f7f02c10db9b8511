"""Fetch what a month, or a range of months, needs and hand it to the metrics engine.

A fixed number of queries whatever the range, the length of history or the number of people:
roles, the plans (and their pay-curve bands) and business assumptions up to the range's end,
the range's role actuals and revenue, the assignments in force at some month of the range
(with their people) and the range's person actuals. Which plan, assumptions and assignments
are in force in each month is then worked out in Python, so every month is computed with
the numbers that held then. An approved month is computed from the inputs it was approved
with (one more query; performance/closing.py), so every screen and export shows it as approved.

Deals (two more queries, the deals and their closers' shares) are read from the months a
clawback can reach back to (the longest clawback window of any plan before the range), so that a
deal cancelled in the range is taken back from what its close month paid, as that month is shown.
"""

from __future__ import annotations

import bisect
import copy
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple, Protocol

from django.db.models import DateField
from django.db.models.functions import Cast, TruncMonth

from compensation import models as comp
from otesite.lib.months import add_months, format_month, months_between
from otesite.permissions import Scope
from performance import engine
from performance.documents.inputs import inputs_from_json
from performance.models import Deal, DealCloser, MonthClose, MonthlyActual, MonthlyRevenue, PersonActual

QUERIES = 11  # what History costs, pinned by the tests


class ActualLike(Protocol):
    headcount: int
    units: object
    credited_deals: object
    meetings_held: object
    earnings: object


def economics_input(row: comp.Economics) -> engine.Economics:
    return engine.Economics(**{name: getattr(row, name) for name in comp.ECONOMICS_FIELDS})


def plan_input(row: comp.QuotaPlan) -> engine.Plan:
    return engine.Plan(
        **{name: getattr(row, name) for name in comp.PLAN_FIELDS},
        tiers=tuple(engine.Tier(from_pct=t.from_pct, multiplier=t.multiplier) for t in row.tiers.all()),
        cap_pct=row.cap_pct,
        ramp=tuple(row.ramp),
        clawback_months=row.clawback_months,
    )


def actual_input(row: ActualLike) -> engine.Actual:
    return engine.Actual(
        headcount=row.headcount,
        units=row.units,
        credited_deals=row.credited_deals,
        meetings_held=row.meetings_held,
        earnings=row.earnings,
    )


def person_actual_input(row: PersonActual) -> engine.PersonActual:
    return engine.PersonActual(
        units=row.units, credited_deals=row.credited_deals, meetings_held=row.meetings_held, earnings=row.earnings
    )


def deal_input(row: Deal, closers: Iterable[engine.DealShare] | None = None) -> engine.DealInput:
    """A stored deal as the engine reads it; `closers` when read apart, else from the deal's own."""
    if closers is None:
        closers = [engine.DealShare(closer.person_id, closer.share) for closer in row.closers.all()]
    return engine.DealInput(
        id=row.crm_id,
        closed_on=row.closed_on.isoformat(),
        value=row.value,
        upfront=row.upfront,
        closers=tuple(closers),
        setter_id=row.setter_id,
        cancelled_on=row.cancelled_on.isoformat() if row.cancelled_on else None,
    )


def role_inputs(
    roles: Iterable[comp.Role],
    plans: Mapping[int, comp.QuotaPlan],
    actuals: Mapping[int, ActualLike],
    people: Mapping[int, tuple[engine.PersonInput, ...]] | None = None,
) -> list[engine.RoleInput]:
    """The engine's inputs for one month; `people` lists, by role id, everyone assigned that month.
    Roles with neither a plan, an actual nor a person's numbers are left out."""
    people = people or {}
    return [
        engine.RoleInput(
            id=role.pk,
            name=role.name,
            kind=role.kind,
            plan=plan_input(plans[role.pk]) if role.pk in plans else None,
            actual=actual_input(actuals[role.pk]) if role.pk in actuals else None,
            people=people.get(role.pk, ()),
        )
        for role in roles
        if role.pk in plans or role.pk in actuals or any(p.actual for p in people.get(role.pk, ()))
    ]


class MonthInputs(NamedTuple):
    """``engine.compute_month``'s arguments for one month."""

    month: str
    economics: engine.Economics
    roles: list[engine.RoleInput]
    revenue: Decimal | None
    deals: tuple[engine.DealInput, ...] = ()
    clawbacks: tuple[engine.Clawback, ...] = ()

    @property
    def kept_roles(self) -> list[engine.RoleInput]:
        """The roles as the month keeps them: in a month kept by deals, as its deals credit people."""
        if not any(deal.close_month == self.month for deal in self.deals):
            return self.roles
        return engine.kept_by_deals(self.roles, self.deals, self.month, self.economics)


class EffectiveDated:
    """Rows sorted by effective_from; `at(month)` is the one in force, or None before the first."""

    def __init__(self, rows: Iterable) -> None:
        self.rows = sorted(rows, key=lambda row: row.effective_from)
        self.starts = [row.effective_from for row in self.rows]

    def at(self, month: date):
        index = bisect.bisect_right(self.starts, month)
        return self.rows[index - 1] if index else None


class History:
    """Everything a range of months needs, fetched in QUERIES queries, for a viewer's `scope`
    (otesite.permissions.Scope): its team is whom the months are computed over (None: the
    whole company); whose numbers may be shown is the presenters' to ask of `scope.sees`.

    `approved`, when the caller knows already (the dashboard read the month's close, and it is
    not approved: `{}`), stands for the approved months' inputs, and saves their query."""

    def __init__(self, first: date, last: date, *, scope: Scope, approved: Mapping[date, dict] | None = None) -> None:
        self.first, self.last, self.scope = first, last, scope
        self.roles = list(comp.Role.objects.all())
        plans_by_role = defaultdict(list)
        for plan in comp.QuotaPlan.objects.filter(effective_from__lte=last).with_curves():
            plans_by_role[plan.role_id].append(plan)
        self.plans = {role_id: EffectiveDated(rows) for role_id, rows in plans_by_role.items()}
        # A deal cancelled in the range is taken back from its close month, up to the longest window.
        window = max((plan.clawback_months for rows in plans_by_role.values() for plan in rows), default=0)
        first = add_months(first, -window) if window else first
        self._computed: dict[date, engine.MonthMetrics | None] = {}
        self.economics = EffectiveDated(comp.Economics.objects.filter(effective_from__lte=last))
        self.actuals: dict[date, dict[int, MonthlyActual]] = defaultdict(dict)
        for actual in MonthlyActual.objects.filter(month__range=(first, last)):
            self.actuals[actual.month][actual.role_id] = actual
        self.revenue = {row.month: row.revenue for row in MonthlyRevenue.objects.filter(month__range=(first, last))}
        assignments = comp.Assignment.objects.overlapping(first, last).select_related("person")
        person_actuals = PersonActual.objects.filter(month__range=(first, last))
        if scope.team is not None:
            assignments = assignments.filter(person_id__in=scope.team)
            person_actuals = person_actuals.filter(person_id__in=scope.team)
        self.assignments = list(assignments)
        self.person_actuals = {(row.person_id, row.month): row for row in person_actuals}
        if approved is None:
            approved = dict(
                MonthClose.objects.approved().filter(month__range=(first, last)).values_list("month", "approved_inputs")
            )
        self.approved: dict[date, dict] = dict(approved)
        self.deals: dict[date, list[engine.DealInput]] = defaultdict(list)
        self.cancelled: dict[date, list[engine.DealInput]] = defaultdict(list)
        shares = defaultdict(list)  # two queries always: the deals, then their closers' shares
        for closer in DealCloser.objects.filter(deal__in=Deal.objects.closed_between(first, last)).order_by("id"):
            shares[closer.deal_id].append(engine.DealShare(closer.person_id, closer.share))
        for row in Deal.objects.closed_between(first, last):
            deal = deal_input(row, shares[row.pk])
            self.deals[row.close_month].append(deal)
            if row.cancel_month is not None and row.cancel_month != row.close_month:
                self.cancelled[row.cancel_month].append(deal)

    def people_at(self, month: date) -> dict[int, tuple[engine.PersonInput, ...]]:
        """Everyone assigned to each role in `month` (by role id), by name (the order the engine
        lists ties in), with their numbers if any."""
        by_role: dict[int, list[tuple[str, engine.PersonInput]]] = defaultdict(list)
        for assignment in self.assignments:
            if not assignment.covers(month):
                continue
            actual = self.person_actuals.get((assignment.person_id, month))
            by_role[assignment.role_id].append(
                (
                    assignment.person.name,
                    engine.PersonInput(
                        id=assignment.person_id,
                        start=format_month(assignment.start),
                        tenure_month=assignment.tenure_month(month),
                        ramp=assignment.ramp,
                        actual=person_actual_input(actual) if actual else None,
                        active_days=(days := assignment.active_days(month))[0],
                        days_in_month=days[1],
                    ),
                )
            )
        return {
            role_id: tuple(person for _, person in sorted(people, key=lambda item: item[0]))
            for role_id, people in by_role.items()
        }

    @property
    def names(self) -> dict[int, str]:
        """Each person's name by id, for whoever reads the engine's results (the engine knows ids)."""
        return {assignment.person_id: assignment.person.name for assignment in self.assignments}

    def with_person_actuals(self, month: date, rows: Mapping[int, PersonActual]) -> History:
        """A copy whose `month` has `rows` (by person id) in place of the stored person actuals:
        the actuals entry form's live preview, before anything is saved."""
        other = copy.copy(self)
        kept = {key: row for key, row in self.person_actuals.items() if key[1] != month}
        other.person_actuals = kept | {(person_id, month): row for person_id, row in rows.items()}
        return other

    def plans_at(self, month: date) -> dict[int, comp.QuotaPlan]:
        in_force = {role_id: plans.at(month) for role_id, plans in self.plans.items()}
        return {role_id: plan for role_id, plan in in_force.items() if plan is not None}

    def month(self, month: date) -> engine.MonthMetrics | None:
        """The month as shown: as approved when it is approved, else from what is stored now
        (computed once per History: a later month's clawbacks read it again)."""
        if month not in self._computed:
            approved = self.approved.get(month)
            self._computed[month] = (
                engine.compute_month(*inputs_from_json(approved)) if approved is not None else self.live_month(month)
            )
        return self._computed[month]

    def live_month(self, month: date) -> engine.MonthMetrics | None:
        """Today's computation of the month from what is stored now, approved or not."""
        return self.month_with(month, self.actuals.get(month, {}), self.revenue.get(month))

    def month_with(
        self, month: date, actuals: Mapping[int, ActualLike], revenue: Decimal | None
    ) -> engine.MonthMetrics | None:
        """The month with `actuals` (by role id) and `revenue` in place of the stored ones: the
        actuals entry form's live preview, before anything is saved."""
        inputs = self.inputs_with(month, actuals, revenue)
        return None if inputs is None else engine.compute_month(*inputs)

    def inputs(self, month: date) -> MonthInputs | None:
        """What the engine is given for `month` (a what-if starts from these)."""
        return self.inputs_with(month, self.actuals.get(month, {}), self.revenue.get(month))

    def inputs_with(
        self, month: date, actuals: Mapping[int, ActualLike], revenue: Decimal | None
    ) -> MonthInputs | None:
        """None before the first business assumptions: nothing can be computed then."""
        economics = self.economics.at(month)
        if economics is None:
            return None
        return MonthInputs(
            format_month(month),
            economics_input(economics),
            self.role_inputs_at(month, actuals),
            revenue,
            tuple(self.deals.get(month, ())),
            self.clawbacks_in(month),
        )

    def clawbacks_in(self, month: date) -> tuple[engine.Clawback, ...]:
        """What `month` takes back: its cancelled deals of earlier months, from those months as shown."""
        cancelled = self.cancelled.get(month, [])
        close_months = {deal.close_month for deal in cancelled}
        shown = {key: self.month(date.fromisoformat(f"{key}-01")) for key in close_months}
        return engine.clawbacks(format_month(month), cancelled, shown)

    def role_inputs_at(self, month: date, actuals: Mapping[int, ActualLike] | None = None) -> list[engine.RoleInput]:
        """The engine's role inputs for `month`, with `actuals` (by role id) in place of the stored ones."""
        actuals = self.actuals.get(month, {}) if actuals is None else actuals
        return role_inputs(self.roles, self.plans_at(month), actuals, self.people_at(month))


class MonthRange(dict):
    """{month: MonthMetrics | None}, which of those months are approved (`approved`), and the
    people's names by id (`names`), for whoever reads them."""

    approved: frozenset[date] = frozenset()
    names: dict[int, str]


def load_range(first: date, last: date, *, scope: Scope) -> MonthRange:
    """Metrics for every month from first to last (None where no business assumptions held yet)."""
    history = History(first, last, scope=scope)
    loaded = MonthRange((month, history.month(month)) for month in months_between(first, last))
    loaded.approved = frozenset(history.approved)
    loaded.names = history.names
    return loaded


def load_month(month: date, *, scope: Scope) -> engine.MonthMetrics | None:
    return History(month, month, scope=scope).month(month)


class MonthLoad:
    """One month's History, made on first use, so its metrics and its people's names share its
    queries (and the close panel's approval check reads the same History). `approved`: as
    History takes it."""

    def __init__(self, month: date, *, scope: Scope, approved: Mapping[date, dict] | None = None) -> None:
        self.month, self.scope, self.approved = month, scope, approved
        self._history: History | None = None

    @property
    def history(self) -> History:
        if self._history is None:
            self._history = History(self.month, self.month, scope=self.scope, approved=self.approved)
        return self._history

    def metrics(self, month: date) -> engine.MonthMetrics | None:
        return self.history.month(month)

    @property
    def names(self) -> dict[int, str]:
        return self.history.names


def load_month_inputs(month: date, *, scope: Scope) -> MonthInputs | None:
    return History(month, month, scope=scope).inputs(month)


class WhatIfUnavailable(Exception):
    """The month cannot start a what-if: no business assumptions, or no data."""


def load_what_if(
    month: date, changes: Sequence[engine.Change] = (), revenue_goal: Decimal | None = None, *, scope: Scope
) -> engine.WhatIf:
    """The month re-estimated and with `changes` (engine.what_if); raises WhatIfUnavailable for
    a month without assumptions or data, and engine.ScenarioInvalid naming each bad change."""
    inputs = what_if_inputs(month, scope=scope)
    return engine.what_if(inputs.month, inputs.economics, inputs.kept_roles, changes, revenue_goal)


def what_if_inputs(month: date, *, scope: Scope) -> MonthInputs:
    """The month's inputs, when it can start a what-if; else WhatIfUnavailable says why."""
    inputs = load_month_inputs(month, scope=scope)
    if inputs is None:
        raise WhatIfUnavailable(f"{format_month(month)} has no business assumptions; an admin must set them first")
    if not engine.has_data(inputs.kept_roles):
        raise WhatIfUnavailable(f"{format_month(month)} has no actuals; a what-if starts from a month with data")
    return inputs


def months_with_data() -> list[date]:
    """Months with at least one recorded role or person actual, or a deal, oldest first (one query)."""
    role_months = MonthlyActual.objects.order_by().values_list("month", flat=True)
    person_months = PersonActual.objects.order_by().values_list("month", flat=True)
    # Cast: PostgreSQL truncates a date to a timestamp, which would turn the whole union into datetimes.
    month = Cast(TruncMonth("closed_on"), output_field=DateField())
    deal_months = Deal.objects.order_by().annotate(month=month).values_list("month", flat=True)
    return list(role_months.union(person_months, deal_months).order_by("month"))
