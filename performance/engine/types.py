"""The engine's inputs: economics, plans with their pay curves, actuals, people, deals (and
the clawbacks a month is given). Frozen dataclasses, ``Decimal`` throughout; what comes out is
``results``."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

# --- Inputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Economics:
    """Company-wide business assumptions in force for a month."""

    deal_value: Decimal
    upfront_rate: Decimal
    show_rate: Decimal
    close_rate: Decimal
    cost_per_meeting: Decimal
    target_ote_pct_of_revenue: Decimal = Decimal(20)
    near_target_pct: Decimal = Decimal(80)
    exceeding_pct: Decimal = Decimal(110)

    @property
    def upfront_per_deal(self) -> Decimal:
        """U = deal_value * upfront_rate: upfront revenue of one deal."""
        return self.deal_value * self.upfront_rate

    @property
    def deals_per_meeting(self) -> Decimal:
        """show_rate * close_rate: deals expected from one booked meeting."""
        return self.show_rate * self.close_rate


@dataclass(frozen=True)
class Tier:
    """A pay-curve band: attainment points from ``from_pct`` up to the next band's are paid
    at ``multiplier`` (marginal, like income tax brackets)."""

    from_pct: Decimal
    multiplier: Decimal


@dataclass(frozen=True)
class Plan:
    """A role's quota plan in force for a month (per person), with its pay curve.

    No tiers means one band from 0 at multiplier 1; ``cap_pct`` None means no cap; ``ramp``
    holds the quota fractions of a new person's first months (``(0.5, 0.75)``)."""

    annual_ote: Decimal
    monthly_quota: Decimal
    commission_rate: Decimal
    annual_base: Decimal = Decimal(0)
    tiers: tuple[Tier, ...] = ()
    cap_pct: Decimal | None = None
    ramp: tuple[Decimal, ...] = ()
    # Months after a deal's close month in which cancelling it claws its commission back (0: never).
    clawback_months: int = 0


@dataclass(frozen=True)
class Actual:
    """What a whole role did in a month."""

    headcount: int
    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None


@dataclass(frozen=True)
class DealLine:
    """A counting deal credited to a person: their share (1 for a setter or a manager) and the
    upfront revenue it credits them (share × upfront for a closer, upfront otherwise)."""

    deal_id: str
    closed_on: str
    share: Decimal
    credit: Decimal


@dataclass(frozen=True)
class PersonActual:
    """What one person did in a month. In a month kept by deals the engine fills in what the
    deals credit (``credited_revenue``, ``deals``); otherwise they are None and ()."""

    units: Decimal
    credited_deals: Decimal | None = None
    meetings_held: Decimal | None = None
    earnings: Decimal | None = None
    credited_revenue: Decimal | None = None
    deals: tuple[DealLine, ...] = ()


# Who a person or role is, inside the engine: its id (the database's primary key). Names are
# for the people who read the results, and are added by presenters and exports: a rename never
# changes a number. People are given in the order ties are listed (the loader gives them by name).
Id = Hashable


@dataclass(frozen=True)
class PersonInput:
    """A person assigned to a role in the month: ``actual`` is None when they have no numbers
    (listed in ``missing_people``). ``start`` is the assignment's first month (``YYYY-MM``),
    ``tenure_month`` counts from it (1 in the start month), ``ramp`` is the assignment's flag."""

    id: Id
    start: str
    tenure_month: int
    ramp: bool
    actual: PersonActual | None
    # Days: the assignment's active days in the month and the month's days (DOMAIN.md's *Days*);
    # None for a whole month (proration 1).
    active_days: int | None = None
    days_in_month: int | None = None


@dataclass(frozen=True)
class RoleInput:
    """A role in a month: kept as role totals (``actual``) or person by person (``people``
    with numbers). ``people`` lists everyone assigned that month, with or without numbers.
    ``name`` is what the engine's own sentences call the role (a recommendation, a what-if
    change names it); ``id`` is who it is."""

    id: Id
    name: str
    kind: str
    plan: Plan | None
    actual: Actual | None
    people: tuple[PersonInput, ...] = ()


@dataclass(frozen=True)
class DealShare:
    """A closer's share of a deal (the shares of a deal sum to 1)."""

    person_id: Id
    share: Decimal


@dataclass(frozen=True)
class DealInput:
    """A deal of the CRM (DOMAIN.md's *Deals*). ``upfront`` None: value × upfront_rate of the
    close month's assumptions. Dates are ``YYYY-MM-DD``."""

    id: str
    closed_on: str
    value: Decimal
    upfront: Decimal | None
    closers: tuple[DealShare, ...]
    setter_id: Id | None = None
    cancelled_on: str | None = None

    @property
    def close_month(self) -> str:
        return self.closed_on[:7]

    @property
    def cancel_month(self) -> str | None:
        return None if self.cancelled_on is None else self.cancelled_on[:7]

    @property
    def counts(self) -> bool:
        """A deal counts in its close month unless it was cancelled in that same month."""
        return self.cancel_month != self.close_month


@dataclass(frozen=True)
class Clawback:
    """Minus a cancelled deal's share of a person's commission in its close month, taken back in
    the month it was cancelled (``amount`` is negative)."""

    person_id: Id
    deal_id: str
    closed_on: str
    cancelled_on: str
    amount: Decimal
