"""seed_history: the benchmark's years of believable data."""

import pytest
from django.core.management import CommandError, call_command

from compensation.models import Economics, QuotaPlan, Role
from performance.exchange.parse import parse_month
from performance.loader import load_month, months_with_data
from performance.models import MonthlyActual, MonthlyRevenue


def test_it_seeds_the_months_asked_for_ending_where_asked(db):
    call_command("seed_history", months=26, end="2026-03", stdout=None)

    months = months_with_data()
    assert len(months) == 26
    assert months[0] == parse_month("2024-02")
    assert months[-1] == parse_month("2026-03")
    assert MonthlyActual.objects.count() == 26 * Role.objects.count()
    assert MonthlyRevenue.objects.count() == 26
    # New plans and assumptions at the start and every January: 2024-02, 2025-01, 2026-01.
    assert Economics.objects.count() == 3
    assert QuotaPlan.objects.count() == 3 * Role.objects.count()


def test_every_seeded_month_can_be_computed(db):
    call_command("seed_history", months=13, end="2026-03")

    metrics = load_month(parse_month("2026-03"))

    assert metrics is not None
    assert len(metrics.roles) == 3


def test_it_refuses_to_mix_with_existing_data_unless_told_to_replace_it(db):
    call_command("seed_history", months=3, end="2026-03")

    with pytest.raises(CommandError, match="--replace"):
        call_command("seed_history", months=3, end="2026-03")
    call_command("seed_history", months=5, end="2026-03", replace=True)

    assert len(months_with_data()) == 5


def test_it_names_a_bad_end_month(db):
    with pytest.raises(CommandError, match="--end"):
        call_command("seed_history", months=3, end="March")
