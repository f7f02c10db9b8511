"""What the screens show of people: ranked rows, ties, ramp badges, who is missing, and the
range leaderboard. No formulas: every number is the engine's (``PersonMetrics``,
``LeaderboardEntry``); this module picks words, marks and links.

The engine knows people by id; each builder takes ``names``, id to name, from the loader's
``History.names`` (fetched with the month at no extra query), and the viewer's ``scope``
(otesite.permissions.Scope): rows of people the viewer may not see are left out, while ranks
stay those among everyone the month was computed over.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.urls import reverse

from otesite.lib.formatting import format_percent
from otesite.permissions import EVERYONE, Scope
from performance import engine
from performance.web.month_checks import month_checks
from performance.web.presenters import Badge, Dashboard, status_badge, units_word


def person_url(person_id: int | None) -> str | None:
    return reverse("person", args=[person_id]) if person_id is not None else None


def tied_flags(ranks: Sequence[int]) -> list[bool]:
    """For ranks in order (1, 1, 3): whether each shares its rank with a neighbour."""
    return [
        (index > 0 and ranks[index - 1] == rank) or (index + 1 < len(ranks) and ranks[index + 1] == rank)
        for index, rank in enumerate(ranks)
    ]


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def rank_text(rank: int, tied: bool, ranked: int) -> str:
    """A rank as every screen writes it: "3rd of 8", and "=2nd of 8" for a rank shared with
    someone else (the next rank is skipped: =2nd, =2nd, 4th)."""
    return f"{'=' if tied else ''}{ordinal(rank)} of {ranked}"


def ramp_text(person: engine.PersonMetrics) -> str:
    """ "ramping · month 2 of 3" while the ramp lowers the person's quota; else empty."""
    if person.ramp_factor >= 1 or not person.ramp_months:
        return ""
    return f"ramping · month {person.tenure_month} of {person.ramp_months}"


@dataclass(frozen=True)
class PersonRow:
    """One person of one role in one month, as the dashboard and the month leaderboard show it."""

    metrics: engine.PersonMetrics
    kind: str
    name: str
    tied: bool
    ranked: int  # how many people of the role are ranked that month

    @property
    def person_id(self) -> int:
        return self.metrics.person_id

    @property
    def url(self) -> str | None:
        return person_url(self.person_id)

    @property
    def rank(self) -> str:
        return rank_text(self.metrics.rank, self.tied, self.ranked)

    @property
    def status(self) -> Badge:
        return status_badge(self.metrics.status)

    @property
    def ramp(self) -> str:
        return ramp_text(self.metrics)

    @property
    def ramp_share(self) -> str:
        """The ramped quota as a share of the full one: "50.0% of quota"."""
        return f"{format_percent(self.metrics.ramp_factor * engine.HUNDRED)} of quota"

    @property
    def units_word(self) -> str:
        return units_word(self.kind)


def person_rows(role: engine.RoleMetrics, names: Mapping[int, str], scope: Scope = EVERYONE) -> list[PersonRow]:
    """The role's people the scope sees, in rank order (the engine's), each with its tie mark and link."""
    flags = tied_flags([person.rank for person in role.people])
    return [
        PersonRow(person, role.kind, names[person.person_id], tied, len(role.people))
        for person, tied in zip(role.people, flags, strict=True)
        if scope.sees(person.person_id)
    ]


@dataclass(frozen=True)
class MissingPerson:
    name: str
    url: str | None


@dataclass(frozen=True)
class MissingInRole:
    """People assigned to a role kept person by person who have no numbers this month."""

    role: str
    people: list[MissingPerson]


def missing_people(
    metrics: engine.MonthMetrics | None, names: Mapping[int, str], scope: Scope = EVERYONE
) -> list[MissingInRole]:
    if metrics is None:
        return []
    found = []
    for item in metrics.insights.missing_people:
        people = [MissingPerson(names[pid], person_url(pid)) for pid in item.people if scope.sees(pid)]
        if people:
            found.append(MissingInRole(item.role, people))
    return found


# --- Leaderboards ----------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthBoard:
    """A role's month leaderboard: its people in rank order."""

    role: str
    kind: str
    rows: list[PersonRow]
    kept_by_deals: bool = False  # the month's people numbers come from its deals: credited revenue shown

    @property
    def units_word(self) -> str:
        return units_word(self.kind)


def month_boards(
    metrics: engine.MonthMetrics | None, names: Mapping[int, str], scope: Scope = EVERYONE
) -> list[MonthBoard]:
    """One board per role in people mode that counts this month (roles in the month's order)."""
    if metrics is None:
        return []
    return [
        MonthBoard(role.role, role.kind, person_rows(role, names, scope), metrics.kept_by_deals)
        for role in metrics.roles
        if role.people
    ]


@dataclass(frozen=True)
class RangeRow:
    """A person's Σ units against Σ quota over the range, in one role."""

    entry: engine.LeaderboardEntry
    name: str
    tied: bool
    ranked: int  # how many people of the role are ranked over the range

    @property
    def person_id(self) -> int:
        return self.entry.person_id

    @property
    def url(self) -> str | None:
        return person_url(self.person_id)

    @property
    def rank(self) -> str:
        return rank_text(self.entry.rank, self.tied, self.ranked)

    @property
    def attainment(self) -> Decimal | None:
        return self.entry.quota_attainment_pct


@dataclass(frozen=True)
class RangeBoard:
    role: str
    kind: str
    rows: list[RangeRow]

    @property
    def units_word(self) -> str:
        return units_word(self.kind)


def range_boards(
    boards: Sequence[engine.RoleLeaderboard], names: Mapping[int, str], scope: Scope = EVERYONE
) -> list[RangeBoard]:
    result = []
    for board in boards:
        flags = tied_flags([entry.rank for entry in board.entries])
        rows = [
            RangeRow(entry, names[entry.person_id], tied, len(board.entries))
            for entry, tied in zip(board.entries, flags, strict=True)
            if scope.sees(entry.person_id)
        ]
        result.append(RangeBoard(board.role, board.kind, rows))
    return result


# --- The dashboard with its people -----------------------------------------------------------


@dataclass(frozen=True)
class PeopleDashboard(Dashboard):
    """The month's dashboard with its people: each role kept person by person ranked, and who
    has no numbers. ``names`` comes from the same load as the metrics (loader.MonthLoad); the
    ``scope`` says whose rows the viewer sees."""

    names: Callable[[], Mapping[int, str]] = field(default=dict, repr=False)
    scope: Scope = EVERYONE

    @property
    def people_boards(self) -> list[MonthBoard]:
        return month_boards(self.metrics, self.names(), self.scope) if self.metrics else []

    @property
    def missing(self) -> list[MissingInRole]:
        return missing_people(self.metrics, self.names(), self.scope) if self.metrics else []

    @property
    def missing_count(self) -> int:
        return sum(len(item.people) for item in self.missing)

    @property
    def checks(self) -> list[str]:
        """The month's numbers that disagree (month_checks), to look at before review."""
        return month_checks(self.metrics, self.names()) if self.metrics else []


@dataclass(frozen=True)
class PreviewRole:
    """A role kept person by person in the entry form's preview: its people as the month will
    rank them once saved, and who would have no numbers."""

    role: str
    rows: list[PersonRow]
    missing: list[str]


def preview_people(metrics: engine.MonthMetrics, names: Mapping[int, str]) -> list[PreviewRole]:
    return [
        PreviewRole(role.role, person_rows(role, names), [names[pid] for pid in role.missing_people])
        for role in metrics.roles
        if role.people or role.missing_people
    ]
