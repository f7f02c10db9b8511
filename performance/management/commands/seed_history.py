"""Fill the database with N months of believable history, for the benchmark and for trying long ranges.

    python manage.py seed_history --months 60 [--end 2026-03] [--replace]

Three roles as in DOMAIN.md's worked example (closers, setters, a manager on override), new
plans and business assumptions every January, and every month's actuals and revenue. The
numbers wander around quota from a fixed random seed, so two runs give the same history.
"""

import random
from datetime import date
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from compensation.models import Economics, QuotaPlan, Role
from otesite.months import add_months, format_month, months_between
from performance.exchange.parse import parse_month
from performance.models import MonthlyActual, MonthlyRevenue

ROLES = [
    # name, kind, headcount, annual OTE, monthly quota, commission rate
    ("Closers", Role.Kind.CLOSER, 8, Decimal("68040"), Decimal("5"), Decimal("0.10")),
    ("Setters", Role.Kind.SETTER, 2, Decimal("68040"), Decimal("40"), Decimal("0.05")),
    ("Manager", Role.Kind.MANAGER, 1, Decimal("81600"), Decimal("40"), Decimal("0.03")),
]
YEARLY_RAISE = Decimal("1.03")


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


class Command(BaseCommand):
    help = "Create N months of roles, plans, business assumptions, actuals and revenue (benchmark data)."

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=60, help="How many months of history (default 60).")
        parser.add_argument("--end", default=None, help="The last month, YYYY-MM (default: last month).")
        parser.add_argument("--replace", action="store_true", help="Delete all existing business data first.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")

    def handle(self, *args, months: int, end: str | None, replace: bool, seed: int, **options):
        if months < 1:
            raise CommandError("--months must be at least 1.")
        try:
            last = parse_month(end) if end else add_months(date.today().replace(day=1), -1)
        except ValueError as error:
            raise CommandError(f"--end: {error}") from error
        first = add_months(last, -(months - 1))
        with transaction.atomic():
            if replace:
                for model in (MonthlyActual, MonthlyRevenue, QuotaPlan, Economics, Role):
                    model.objects.all().delete()
            elif Role.objects.exists():
                raise CommandError("The database already has roles; pass --replace to start over.")
            self._seed(first, last, random.Random(seed))
        self.stdout.write(f"Seeded {months} months, {format_month(first)} to {format_month(last)}.")

    def _seed(self, first: date, last: date, rng: random.Random) -> None:
        roles = [
            Role.objects.create(name=name, kind=kind, display_order=order)
            for order, (name, kind, *_) in enumerate(ROLES)
        ]
        economics, plans, actuals, revenue = [], [], [], []
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
                for role, (_, _, _, ote, quota, rate) in zip(roles, ROLES, strict=True):
                    plans.append(
                        QuotaPlan(
                            role=role,
                            effective_from=month,
                            annual_ote=_money(ote * raise_factor),
                            annual_base=Decimal("0"),
                            monthly_quota=quota,
                            commission_rate=rate,
                        )
                    )
            deals = Decimal(0)
            for role, (_, kind, headcount, _, quota, _) in zip(roles, ROLES, strict=True):
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
        bulk_create_with_history(revenue, MonthlyRevenue)  # each bulk_create bumps the data version
