"""Fill the database with N months of believable history, for the benchmark and for trying long ranges.

    python manage.py seed_history --months 60 [--end 2026-03] [--replace] [--people 200]

Three roles as in DOMAIN.md's worked example (closers, setters, a manager on override), new
plans and business assumptions every January, and every month's actuals and revenue. The
numbers wander around quota from a fixed random seed, so two runs give the same history.

With --people N the closers and setters are tracked person by person instead of as role
totals: three in four people are closers, the rest setters, each with an assignment; every
January about one in twelve leaves and is replaced by a new hire on a ramp. The closers' plans
pay 1.5 times above quota up to a cap of 200%, and ramp new hires at half and three quarters
of quota. The manager stays as role totals, with the closers' deals as team deals.
"""

import random
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from otesite.lib.months import add_months, format_month, months_between
from otesite.lib.parse import parse_month
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual

ROLES = [
    # name, kind, headcount, annual OTE, monthly quota, commission rate
    ("Closers", Role.Kind.CLOSER, 8, Decimal("68040"), Decimal("5"), Decimal("0.10")),
    ("Setters", Role.Kind.SETTER, 2, Decimal("68040"), Decimal("40"), Decimal("0.05")),
    ("Manager", Role.Kind.MANAGER, 1, Decimal("81600"), Decimal("40"), Decimal("0.03")),
]
YEARLY_RAISE = Decimal("1.03")
CLOSER_TIERS = [(Decimal("0"), Decimal("1")), (Decimal("100"), Decimal("1.5"))]
CLOSER_CAP_PCT = Decimal("200")
CLOSER_RAMP = (Decimal("0.5"), Decimal("0.75"))
CLOSER_SHARE = Decimal("0.75")
YEARLY_TURNOVER = 12  # one person in twelve leaves each year and is replaced


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


class Command(BaseCommand):
    help = "Create N months of roles, plans, business assumptions, actuals and revenue (benchmark data)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=60, help="How many months of history (default 60).")
        parser.add_argument("--end", default=None, help="The last month, YYYY-MM (default: last month).")
        parser.add_argument("--replace", action="store_true", help="Delete all existing business data first.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--people", type=int, default=0, help="Track closers and setters person by person, N people (default 0)."
        )

    def handle(self, *args, months: int, end: str | None, replace: bool, seed: int, people: int, **options):
        if months < 1:
            raise CommandError("--months must be at least 1.")
        if people < 0 or people == 1:
            raise CommandError("--people must be 0 (role totals) or at least 2 (a closer and a setter).")
        try:
            last = parse_month(end) if end else add_months(date.today().replace(day=1), -1)
        except ValueError as error:
            raise CommandError(f"--end: {error}") from error
        first = add_months(last, -(months - 1))
        with transaction.atomic():
            if replace:
                for model in (PersonActual, Assignment, Person, MonthlyActual, MonthlyRevenue, PlanTier, QuotaPlan):
                    model.objects.all().delete()
                Economics.objects.all().delete()
                Role.objects.all().delete()
            elif Role.objects.exists():
                raise CommandError("The database already has roles; pass --replace to start over.")
            self._seed(first, last, random.Random(seed), people)
        who = f" with {people} people" if people else ""
        self.stdout.write(f"Seeded {months} months{who}, {format_month(first)} to {format_month(last)}.")

    def _seed(self, first: date, last: date, rng: random.Random, people: int) -> None:
        roles = [
            Role.objects.create(name=name, kind=kind, display_order=order)
            for order, (name, kind, *_) in enumerate(ROLES)
        ]
        economics, plans, actuals, revenue, person_actuals = [], [], [], [], []
        team = Team(roles[0], roles[1], people, first, last, rng) if people else None
        for index, month in enumerate(months_between(first, last)):
            if index == 0 or month.month == 1:
                raise_factor = YEARLY_RAISE ** (month.year - first.year)
                economics.append(
                    Economics(
                        effective_from=month,
                        deal_value=_money(Decimal("16200") * raise_factor),
                        upfront_rate=Decimal("0.70"),
                        show_rate=Decimal("0.25"),
                        close_rate=Decimal("0.25"),
                        cost_per_meeting=Decimal("100"),
                    )
                )
                for role, (_, kind, _, ote, quota, rate) in zip(roles, ROLES, strict=True):
                    curve = people and kind == Role.Kind.CLOSER
                    plans.append(
                        QuotaPlan(
                            role=role,
                            effective_from=month,
                            annual_ote=_money(ote * raise_factor),
                            annual_base=Decimal("0"),
                            monthly_quota=quota,
                            commission_rate=rate,
                            cap_pct=CLOSER_CAP_PCT if curve else None,
                            ramp=CLOSER_RAMP if curve else (),
                        )
                    )
            deals = Decimal(0)
            if people:
                deals = team.month(month, rng, person_actuals)
            for role, (_, kind, headcount, _, quota, _) in zip(roles, ROLES, strict=True):
                if people and kind != Role.Kind.MANAGER:
                    continue
                attainment = Decimal(str(round(rng.uniform(0.6, 1.25), 2)))
                units = (quota * headcount * attainment).quantize(Decimal("1"))
                if kind == Role.Kind.CLOSER:
                    deals = units
                actuals.append(
                    MonthlyActual(
                        role=role,
                        month=month,
                        headcount=headcount,
                        units=deals if kind == Role.Kind.MANAGER else units,
                    )
                )
            revenue.append(MonthlyRevenue(month=month, revenue=_money(deals * Decimal("16200") * Decimal("0.70"))))
        bulk_create_with_history(economics, Economics)
        bulk_create_with_history(plans, QuotaPlan)
        bulk_create_with_history(actuals, MonthlyActual)
        if team is not None:
            team.save(person_actuals)
            tiers = [
                PlanTier(plan=plan, from_pct=from_pct, multiplier=multiplier)
                for plan in plans
                if plan.role_id == roles[0].pk
                for from_pct, multiplier in CLOSER_TIERS
            ]
            bulk_create_with_history(tiers, PlanTier)
        bulk_create_with_history(revenue, MonthlyRevenue)  # each bulk_create bumps the data version


class Team:
    """The closers and setters person by person: who is assigned when, and what each did."""

    def __init__(self, closers: Role, setters: Role, size: int, first: date, last: date, rng: random.Random):
        self.closers, self.setters = closers, setters
        closer_count = max(1, min(size - 1, int((size * CLOSER_SHARE).to_integral_value())))
        self.people: list[Person] = []
        self.assignments: list[Assignment] = []
        for index in range(size):
            role = closers if index < closer_count else setters
            # The first team joined over the two years before the history starts.
            self._hire(role, add_months(first, -rng.randint(3, 24)), ramp=True)
        for year_start in [month for month in months_between(first, last)[1:] if month.month == 1]:
            for _ in range(max(1, size // YEARLY_TURNOVER)):
                leaving = rng.choice([a for a in self.assignments if a.end is None and a.start < year_start])
                leaving.end = add_months(year_start, -1)
                self._hire(leaving.role, year_start, ramp=True)

    def _hire(self, role: Role, start: date, *, ramp: bool) -> None:
        person = Person(name=f"{role.name[:-1]} {len(self.people) + 1:03d}")
        self.people.append(person)
        self.assignments.append(Assignment(person=person, role=role, start=start, ramp=ramp))

    def month(self, month: date, rng: random.Random, person_actuals: list) -> Decimal:
        """Each assigned person's units for the month; returns the closers' deals."""
        deals = Decimal(0)
        for assignment in self.assignments:
            if not assignment.covers(month):
                continue
            quota = Decimal(ROLES[0][4] if assignment.role is self.closers else ROLES[1][4])
            attainment = Decimal(str(round(rng.uniform(0.5, 1.4), 2)))
            units = (quota * attainment).quantize(Decimal("1"))
            if assignment.role is self.closers:
                deals += units
            person_actuals.append(PersonActual(person=assignment.person, month=month, units=units))
        return deals

    def save(self, person_actuals: list) -> None:
        bulk_create_with_history(self.people, Person)
        for assignment in self.assignments:
            assignment.person = assignment.person  # set again, so person_id takes the key bulk_create gave
        bulk_create_with_history(self.assignments, Assignment)
        for actual in person_actuals:
            actual.person = actual.person
        bulk_create_with_history(person_actuals, PersonActual, batch_size=2000)
