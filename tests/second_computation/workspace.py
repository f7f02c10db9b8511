"""Reading a workspace JSON document (versions 2 to 4) into what one month needs: the records in
force, who holds which role, their tenure, ramp and proration, and the deals."""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from .numbers import ONE, ZERO, Curve, dec

CLOSER, SETTER, MANAGER = "closer", "setter", "manager"
ECONOMICS_DEFAULTS = {"target_ote_pct_of_revenue": "20", "near_target_pct": "80", "exceeding_pct": "110"}


def month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_of(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def days_in(month: str) -> int:
    return calendar.monthrange(int(month[:4]), int(month[5:7]))[1]


def in_force(records: list[dict], month: str) -> dict | None:
    """The effective-dated record whose effective_from is the latest one not after the month."""
    started = [r for r in records if month_index(r["effective_from"]) <= month_index(month)]
    return max(started, key=lambda r: month_index(r["effective_from"])) if started else None


@dataclass(frozen=True)
class Plan:
    annual_ote: Decimal
    annual_base: Decimal
    monthly_quota: Decimal
    commission_rate: Decimal
    curve: Curve
    ramp: tuple[Decimal, ...]
    clawback_months: int

    @classmethod
    def of(cls, record: dict) -> "Plan":
        return cls(
            annual_ote=dec(record["annual_ote"]),
            annual_base=dec(record.get("annual_base")) or ZERO,
            monthly_quota=dec(record["monthly_quota"]),
            commission_rate=dec(record["commission_rate"]),
            curve=Curve.of(record.get("tiers"), record.get("cap_pct")),
            ramp=tuple(dec(r) for r in record.get("ramp") or ()),
            clawback_months=int(record.get("clawback_months") or 0),
        )

    @property
    def monthly_ote(self) -> Decimal:
        return self.annual_ote / 12

    @property
    def monthly_base(self) -> Decimal:
        return self.annual_base / 12

    @property
    def monthly_variable(self) -> Decimal:
        return self.monthly_ote - self.monthly_base


@dataclass(frozen=True)
class Holder:
    """A person holding a role in a month, under one assignment."""

    name: str
    role: str
    tenure_month: int
    ramp: bool
    active_days: int
    days: int


@dataclass(frozen=True)
class Deal:
    id: str
    closed_on: str
    cancelled_on: str | None
    upfront: Decimal
    closers: tuple[tuple[str, Decimal], ...]
    setter: str | None

    @property
    def close_month(self) -> str:
        return self.closed_on[:7]

    @property
    def cancel_month(self) -> str | None:
        return None if self.cancelled_on is None else self.cancelled_on[:7]

    @property
    def counts(self) -> bool:
        """A deal cancelled in its own close month never counts anywhere."""
        return self.cancel_month != self.close_month


def boundary_day(text: str, last: bool) -> date:
    if len(text) == 10:
        return date.fromisoformat(text)
    year, month = int(text[:4]), int(text[5:7])
    return date(year, month, calendar.monthrange(year, month)[1] if last else 1)


class Workspace:
    def __init__(self, document: dict[str, Any]):
        self.document = document
        self.roles = [(role["name"], role["kind"]) for role in document["roles"]]
        self.kinds = dict(self.roles)
        self.states = {row["month"]: row["state"] for row in document.get("closes") or ()}
        self.deals = [self._deal(row) for row in document.get("deals") or ()]

    def economics(self, month: str) -> dict[str, Decimal] | None:
        record = in_force(self.document["economics"], month)
        if record is None:
            return None
        merged = ECONOMICS_DEFAULTS | {k: v for k, v in record.items() if v is not None}
        return {name: dec(value) for name, value in merged.items() if name != "effective_from"}

    def plan(self, role: str, month: str) -> Plan | None:
        record = in_force([p for p in self.document["plans"] if p["role"] == role], month)
        return None if record is None else Plan.of(record)

    def holders(self, month: str) -> dict[str, list[Holder]]:
        """By role: whoever's assignment is in force in the month, with active days."""
        first, last = date(int(month[:4]), int(month[5:7]), 1), boundary_day(month, last=True)
        found: dict[str, list[Holder]] = {}
        for a in self.document.get("assignments") or ():
            start, end = (
                boundary_day(a["start"], last=False),
                None if a.get("end") is None else boundary_day(a["end"], last=True),
            )
            if start > last or (end is not None and end < first):
                continue
            active = ((last if end is None else min(end, last)) - max(start, first)).days + 1
            tenure = month_index(month) - month_index(a["start"][:7]) + 1
            holder = Holder(a["person"], a["role"], tenure, a.get("ramp", True) is not False, active, days_in(month))
            found.setdefault(a["role"], []).append(holder)
        return found

    def person_actuals(self, month: str) -> dict[str, dict]:
        return {row["person"]: row for row in self.document.get("person_actuals") or () if row["month"] == month}

    def role_actuals(self, month: str) -> dict[str, dict]:
        return {row["role"]: row for row in self.document.get("actuals") or () if row["month"] == month}

    def revenue(self, month: str) -> Decimal | None:
        rows = [row for row in self.document.get("revenue") or () if row["month"] == month]
        return dec(rows[0]["revenue"]) if rows else None

    def months(self) -> list[str]:
        """Every month from the first economics record to the last month anything happens in."""
        seen = [r["effective_from"] for r in self.document["economics"]]
        for key in ("actuals", "person_actuals", "revenue"):
            seen += [row["month"] for row in self.document.get(key) or ()]
        for deal in self.deals:
            seen += [deal.close_month] + ([deal.cancel_month] if deal.cancel_month else [])
        first = min(month_index(r["effective_from"]) for r in self.document["economics"])
        return [month_of(i) for i in range(first, max(month_index(m) for m in seen) + 1)]

    def _deal(self, row: dict) -> Deal:
        upfront = dec(row.get("upfront"))
        if upfront is None:
            economics = self.economics(row["closed_on"][:7])
            upfront = dec(row["value"]) * economics["upfront_rate"]
        closers = tuple((c["person"], dec(c["share"]) if c.get("share") is not None else ONE) for c in row["closers"])
        return Deal(row["id"], row["closed_on"], row.get("cancelled_on"), upfront, closers, row.get("setter"))
