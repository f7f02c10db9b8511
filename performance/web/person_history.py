"""People over time, read through the loader: everyone's standing for the people list, and one
person's months for their page.

A fixed number of queries whatever the number of months or people: the person and their
assignments, then one ``History`` over the months they were assigned (the loader's queries).
A month is computed only where the person has numbers (their rank needs their role's month);
a month without numbers says why: none recorded, the role kept as totals, no assumptions yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from compensation.models import Assignment, Person
from otesite.lib.months import format_month, months_between
from otesite.permissions import Scope
from performance import engine
from performance.loader import History, MonthLoad
from performance.web.charts import Chart
from performance.web.people_charts import person_charts
from performance.web.people_presenters import ramp_text, rank_text, tied_flags
from performance.web.presenters import Badge, status_badge, units_word

NO_NUMBERS = "No numbers recorded"
ROLE_TOTALS = "Role kept as totals this month"
NO_ASSUMPTIONS = "No business assumptions in force"
NO_PLAN = "No plan in force for the role"


def _ordered_assignments():
    return Prefetch("assignments", queryset=Assignment.objects.select_related("role").order_by("start"))


def covering(assignments: list[Assignment], month: date) -> Assignment | None:
    return next((assignment for assignment in assignments if assignment.covers(month)), None)


def current_assignment(assignments: list[Assignment], today: date) -> Assignment | None:
    """The assignment held this month, else the one most recently started (or about to)."""
    return covering(assignments, today) or (assignments[-1] if assignments else None)


def has_left(assignments: list[Assignment], today: date) -> bool:
    return bool(assignments) and all(a.end is not None and a.end < today for a in assignments)


def _find(metrics: engine.MonthMetrics, role_id: int, person_id: int) -> tuple[engine.PersonMetrics | None, int, bool]:
    """The person's metrics in the role, how many are ranked there, and whether their rank is shared."""
    found = next((each for each in metrics.roles if each.role_id == role_id), None)
    if found is None:
        return None, 0, False
    people = list(found.people)
    for index, (person, tied) in enumerate(zip(people, tied_flags([p.rank for p in people]), strict=True)):
        if person.person_id == person_id:
            return people[index], len(people), tied
    return None, len(people), False


# --- The people list -----------------------------------------------------------------------


@dataclass(frozen=True)
class PersonSummary:
    person: Person
    current: Assignment | None
    left: bool
    # Their numbers in the latest month with data (None: none that month).
    latest: engine.PersonMetrics | None

    @property
    def start(self) -> date | None:
        assignments = list(self.person.assignments.all())
        return assignments[0].start if assignments else None

    @property
    def status(self) -> Badge | None:
        return status_badge(self.latest.status) if self.latest else None


def people_summaries(today: date, latest: date | None, scope: Scope) -> list[PersonSummary]:
    """Everyone the scope sees, by name, with their current role and their standing in `latest`
    (2 + loader's queries)."""
    people = list(Person.objects.prefetch_related(_ordered_assignments()))
    standing: dict[int, engine.PersonMetrics] = {}
    if latest is not None and (metrics := MonthLoad(latest, scope=scope).metrics(latest)) is not None:
        standing = {person.person_id: person for role in metrics.roles for person in role.people}
    result = []
    for person in (person for person in people if scope.sees(person.pk)):
        assignments = list(person.assignments.all())
        result.append(
            PersonSummary(
                person, current_assignment(assignments, today), has_left(assignments, today), standing.get(person.pk)
            )
        )
    return result


# --- One person's months -------------------------------------------------------------------


@dataclass(frozen=True)
class PersonMonth:
    month: date
    assignment: Assignment
    metrics: engine.PersonMetrics | None
    ranked: int  # people ranked in the role that month
    tied: bool
    note: str  # why there are no metrics
    kept_by_deals: bool = False  # the month's people numbers come from its deals

    @property
    def label(self) -> str:
        return format_month(self.month)

    @property
    def status(self) -> Badge | None:
        return status_badge(self.metrics.status) if self.metrics else None

    @property
    def rank(self) -> str:
        return rank_text(self.metrics.rank, self.tied, self.ranked) if self.metrics else ""

    @property
    def ramp(self) -> str:
        return ramp_text(self.metrics) if self.metrics else ""

    @property
    def units_word(self) -> str:
        return units_word(self.assignment.role.kind)


@dataclass(frozen=True)
class PersonHistory:
    person: Person
    assignments: list[Assignment]
    months: list[PersonMonth]  # newest first
    charts: list[Chart]
    today: date

    @property
    def current(self) -> Assignment | None:
        return current_assignment(self.assignments, self.today)

    @property
    def left(self) -> bool:
        return has_left(self.assignments, self.today)

    @property
    def any_kept_by_deals(self) -> bool:
        """Whether a month shown is kept by deals: the table then shows credited revenue."""
        return any(month.kept_by_deals for month in self.months)

    @property
    def with_numbers(self) -> int:
        return sum(month.metrics is not None for month in self.months)


def _month(history: History, person: Person, assignment: Assignment, month: date) -> PersonMonth:
    """In a month kept by deals a closer or manager is counted without a person actual."""
    by_deals = bool(history.deals.get(month))
    if not by_deals and (person.pk, month) not in history.person_actuals:
        note = ROLE_TOTALS if assignment.role_id in history.actuals.get(month, {}) else NO_NUMBERS
        return PersonMonth(month, assignment, None, 0, False, note)
    metrics = history.month(month)
    if metrics is None:
        return PersonMonth(month, assignment, None, 0, False, NO_ASSUMPTIONS)
    found, ranked, tied = _find(metrics, assignment.role_id, person.pk)
    note = "" if found else (NO_NUMBERS if by_deals else NO_PLAN)
    return PersonMonth(month, assignment, found, ranked, tied, note, by_deals)


def person_history(
    person: Person, today: date, since: date | None, through: date | None, scope: Scope
) -> PersonHistory:
    """Their months from their first assignment (or `since`, the first month with data, if later)
    to `through` (the latest), each assigned month with their metrics or why there are none:
    1 + the loader's queries."""
    assignments = list(person.assignments.select_related("role").order_by("start"))
    months: list[PersonMonth] = []
    if assignments and since is not None and through is not None:
        first = max(assignments[0].start, since)
        ends = [a.end or through for a in assignments]
        last = min(through, max(ends))
        if first <= last:
            history = History(first, last, scope=scope)
            for month in months_between(first, last):
                if (assignment := covering(assignments, month)) is not None:
                    months.append(_month(history, person, assignment, month))
    charted = [(m.month, m.metrics) for m in months if m.metrics is not None]
    return PersonHistory(person, assignments, months[::-1], person_charts(charted), today)
