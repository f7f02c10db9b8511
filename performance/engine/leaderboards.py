"""People over several months: the range leaderboard and the ramp curve (DOMAIN.md's
*Leaderboards and ramp curves*). The month leaderboard is each role's ``people``, ranked by
``people.ranked``.

Pure like the engine: the input is the months' ``MonthMetrics`` (``None`` for a month that
could not be computed is skipped, so ``loader.load_range(...).values()`` can be passed as is).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from performance.engine.arithmetic import ZERO, mean, percent
from performance.engine.people import rank_order
from performance.engine.results import MonthMetrics, PersonMetrics
from performance.engine.types import Id

MONTHS_PER_QUARTER = 3


@dataclass(frozen=True)
class LeaderboardEntry:
    """A person's Σ units against Σ (ramped) quota over the months they had numbers in a role."""

    person_id: Id
    units: Decimal
    quota: Decimal
    months: int
    quota_attainment_pct: Decimal | None
    rank: int = 0


@dataclass(frozen=True)
class RoleLeaderboard:
    role_id: Id
    role: str  # the role's name
    kind: str
    entries: tuple[LeaderboardEntry, ...]


def _counted(months: Iterable[MonthMetrics | None]) -> list[MonthMetrics]:
    return [m for m in months if m is not None]


def range_leaderboard(
    months: Iterable[MonthMetrics | None], tie_order: Mapping[Id, object] | None = None
) -> list[RoleLeaderboard]:
    """Per role (in the order roles first appear), each person's Σ units / Σ quota × 100 over
    the months they have a person actual in that role, ranked as the month leaderboard is
    (1, 1, 3). Equals are listed by ``tie_order`` (a sort key by person id: the loader gives
    their names), else in the order they first appear. A person who changed roles appears under
    each."""
    names: dict[Id, str] = {}
    kinds: dict[Id, str] = {}
    sums: dict[Id, dict[Id, list[PersonMetrics]]] = {}
    for m in _counted(months):
        for role in m.roles:
            if not role.people:
                continue
            names[role.role_id] = role.role
            kinds.setdefault(role.role_id, role.kind)
            by_person = sums.setdefault(role.role_id, {})
            for person in role.people:
                by_person.setdefault(person.person_id, []).append(person)
    boards = []
    for role_id, by_person in sums.items():
        entries = [_entry(person_id, months_in_role) for person_id, months_in_role in by_person.items()]
        if tie_order is not None:
            entries.sort(key=lambda entry: tie_order[entry.person_id])
        order = rank_order(entries, lambda entry: entry.quota_attainment_pct)
        ranked = tuple(
            LeaderboardEntry(entry.person_id, entry.units, entry.quota, entry.months, entry.quota_attainment_pct, rank)
            for rank, entry in order
        )
        boards.append(RoleLeaderboard(role_id, names[role_id], kinds[role_id], ranked))
    return boards


def _entry(person_id: Id, months_in_role: list[PersonMetrics]) -> LeaderboardEntry:
    units = sum((person.units for person in months_in_role), ZERO)
    quota = sum((person.quota for person in months_in_role), ZERO)
    return LeaderboardEntry(person_id, units, quota, len(months_in_role), percent(units, quota))


def hiring_cohort(start: str) -> str:
    """The quarter of an assignment's start: ``2026-02`` → ``2026-Q1``."""
    year, month = start.split("-")
    return f"{year}-Q{(int(month) - 1) // MONTHS_PER_QUARTER + 1}"


@dataclass(frozen=True)
class RampPoint:
    """The mean quota_attainment_pct of the cohort's person actuals at one tenure month."""

    tenure_month: int
    mean_quota_attainment_pct: Decimal | None
    person_actuals: int


@dataclass(frozen=True)
class RampCurve:
    cohort: str
    points: tuple[RampPoint, ...]


def ramp_curves(months: Iterable[MonthMetrics | None], role: Id | None = None) -> list[RampCurve]:
    """Per hiring cohort (oldest first), for tenure months 1, 2, 3, … (those with data), the
    mean quota_attainment_pct of person actuals at that tenure month. Assignments with
    ``ramp`` false (moves, promotions) are left out; ``role`` (an id) keeps one role's people."""
    found: dict[str, dict[int, list[Decimal | None]]] = {}
    for m in _counted(months):
        for each in m.roles:
            if role is not None and each.role_id != role:
                continue
            for person in each.people:
                if not person.ramp:
                    continue
                by_tenure = found.setdefault(hiring_cohort(person.start), {})
                by_tenure.setdefault(person.tenure_month, []).append(person.quota_attainment_pct)
    return [
        RampCurve(
            cohort,
            tuple(RampPoint(tenure, mean(values), len(values)) for tenure, values in sorted(found[cohort].items())),
        )
        for cohort in sorted(found)
    ]
