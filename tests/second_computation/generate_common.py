"""What both random workspace generators share: months, economics, plans with tiers, caps,
ramps and clawback windows, people and their assignments (a month, or a day for a hire or a
departure), and the months' states."""

import calendar
import random
from dataclasses import dataclass

FIRST_MONTH, LAST_MONTH = 2024 * 12, 2025 * 12 + 11  # years 2024–2025: nothing in the future


def month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def days_in(index: int) -> int:
    return calendar.monthrange(index // 12, index % 12 + 1)[1]


def day_text(index: int, day: int) -> str:
    return f"{month_text(index)}-{day:02d}"


def pick_months(rnd: random.Random, count: int, room_after: int = 0) -> list[int]:
    start = rnd.randint(FIRST_MONTH, LAST_MONTH - count + 1 - room_after)
    return list(range(start, start + count))


def economics_record(rnd: random.Random, month: int) -> dict:
    record = {
        "effective_from": month_text(month),
        "deal_value": rnd.choice(["8000", "10000", "12500", "16200", "20000", "9750"]),
        "upfront_rate": rnd.choice(["0.5", "0.6", "0.7", "1", "0.35"]),
        "show_rate": rnd.choice(["0.25", "0.4", "0.5", "0.6"]),
        "close_rate": rnd.choice(["0.2", "0.25", "0.3", "0.4"]),
        "cost_per_meeting": rnd.choice(["50", "60", "100", "75.5"]),
    }
    if rnd.random() < 0.7:
        record["target_ote_pct_of_revenue"] = rnd.choice(["20", "25", "40", "80"])
        record["near_target_pct"] = rnd.choice(["80", "75", "90"])
        record["exceeding_pct"] = rnd.choice(["110", "120", "105"])
    return record


def economics(rnd: random.Random, months: list[int]) -> list[dict]:
    records = [economics_record(rnd, months[0])]
    if len(months) > 2 and rnd.random() < 0.3:
        records.append(economics_record(rnd, rnd.choice(months[1:])))
    return records


TIERS = [
    None,
    None,
    [("0", "1"), ("100", "1.5")],
    [("0", "0.8"), ("50", "1"), ("100", "1.5"), ("150", "2")],
    [("0", "0.5"), ("50", "1"), ("100", "1.25")],
    [("0", "1"), ("80", "1.125"), ("120", "1.3333")],
    [("0", "0"), ("50", "1"), ("100", "2")],
]


def plan(rnd: random.Random, role: str, kind: str, month: int, clawbacks: bool) -> dict:
    quota = {
        "closer": ["3", "4", "4.5", "5", "6"],
        "setter": ["20", "30", "40", "50"],
        "manager": ["8", "10", "12", "20"],
    }[kind]
    rate = {"closer": ["0.1", "0.15", "0.2"], "setter": ["0.03", "0.05", "0.04"], "manager": ["0.02", "0.03", "0.05"]}
    record = {
        "role": role,
        "effective_from": month_text(month),
        "annual_ote": rnd.choice(["60000", "72000", "96000", "120000", "68040", "100000"]),
        "annual_base": rnd.choice(["0", "36000", "48000", "30000"]),
        "monthly_quota": rnd.choice(quota),
        "commission_rate": rnd.choice(rate[kind]),
    }
    tiers = rnd.choice(TIERS)
    if tiers:
        record["tiers"] = [{"from_pct": start, "multiplier": multiplier} for start, multiplier in tiers]
    if rnd.random() < 0.35:
        record["cap_pct"] = rnd.choice(["150", "200", "125", "90"])
    if rnd.random() < (0.6 if kind != "manager" else 0.2):
        record["ramp"] = rnd.choice([["0.5"], ["0.5", "0.75"], ["0.25", "0.5", "0.75"]])
    if clawbacks:
        record["clawback_months"] = rnd.choice([0, 1, 2, 3])
    return record


def plans(rnd: random.Random, roles: list[tuple[str, str]], months: list[int], clawbacks: bool) -> list[dict]:
    records = [plan(rnd, name, kind, months[0], clawbacks) for name, kind in roles]
    for name, kind in roles:
        if len(months) > 2 and rnd.random() < 0.25:
            records.append(plan(rnd, name, kind, rnd.choice(months[1:]), clawbacks))
    return records


NAMES = [
    "Ana Ruiz",
    "Ben Okafor",
    "Cleo Park",
    "Dan Obi",
    "Eva Lund",
    "Finn Moss",
    "Gina Rossi",
    "Hal Novak",
    "Ida Berg",
    "Jon Kim",
    "Kai Wu",
    "Lea Roth",
    "Mia Chen",
]


@dataclass
class Member:
    """One assignment as generated: the first and last month held, and the days."""

    person: str
    role: str
    first: int
    last: int | None
    start_day: int | None = None  # a hire on a day of the first month
    end_day: int | None = None  # a departure on a day of the last month
    ramp: bool = True

    def holds(self, month: int) -> bool:
        return self.first <= month and (self.last is None or month <= self.last)

    def active_on(self, month: int, day: int) -> bool:
        if not self.holds(month):
            return False
        if month == self.first and self.start_day is not None and day < self.start_day:
            return False
        return not (month == self.last and self.end_day is not None and day > self.end_day)

    def assignment(self) -> dict:
        start = day_text(self.first, self.start_day) if self.start_day else month_text(self.first)
        end = None
        if self.last is not None:
            end = day_text(self.last, self.end_day) if self.end_day else month_text(self.last)
        return {"person": self.person, "role": self.role, "start": start, "end": end, "ramp": self.ramp}


def members(rnd: random.Random, role: str, count: int, months: list[int], names: list[str]) -> list[Member]:
    """``count`` people in the role from before the first month (some starting in it, some
    recently enough to be ramping), one who leaves on a day and one hired on a day."""
    found = []
    for _ in range(count):
        first = months[0] - rnd.choice([0, 1, 2, 6, 12])
        found.append(Member(names.pop(0), role, first, None, ramp=rnd.random() < 0.8))
    if len(months) > 1 and rnd.random() < 0.8:
        leaver = rnd.choice(found)
        leaver.last = rnd.choice(months[:-1])
        leaver.end_day = rnd.randint(1, days_in(leaver.last)) if rnd.random() < 0.8 else None
    if len(months) > 1 and rnd.random() < 0.8:
        first = rnd.choice(months[1:])
        day = rnd.randint(2, days_in(first)) if rnd.random() < 0.8 else None
        found.append(Member(names.pop(0), role, first, None, start_day=day))
    return found


def promote(rnd: random.Random, setters: list[Member], closers: list[Member], months: list[int], everyone) -> None:
    """A setter becomes a closer on a month boundary, without a ramp (DOMAIN.md: a role change
    falls on a month boundary)."""
    stayers = [m for m in setters if m.last is None and m.first < months[-1]]
    if not stayers:
        return
    moving = rnd.choice(stayers)
    month = rnd.choice([m for m in months if m > moving.first])
    moving.last, moving.end_day = month - 1, None
    promoted = Member(moving.person, closers[0].role, month, None, ramp=False)
    closers.append(promoted)
    everyone.append(promoted)


def states(rnd: random.Random, months: list[int]) -> list[dict]:
    return [
        {"month": month_text(m), "state": rnd.choice(["approved", "reviewed"])} for m in months if rnd.random() < 0.6
    ]


def amount(rnd: random.Random, low: int, high: int, step: str = "1") -> str:
    """A random decimal string between low and high, a multiple of step."""
    scale = {"1": 1, "0.5": 2, "0.25": 4, "0.01": 100}[step]
    value = rnd.randint(low * scale, high * scale)
    whole, part = divmod(value, scale)
    if part == 0:
        return str(whole)
    return f"{whole}.{part * 100 // scale:02d}".rstrip("0")
