"""seed_history: the benchmark's years of believable data."""

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from otesite.lib.parse import parse_month
from otesite.permissions import EVERYONE
from performance.loader import History, load_month, months_with_data
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual


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

    metrics = load_month(parse_month("2026-03"), scope=EVERYONE)

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


def test_with_people_it_tracks_closers_and_setters_person_by_person(db):
    call_command("seed_history", months=26, end="2026-03", people=12, stdout=None)

    metrics = load_month(parse_month("2026-03"), scope=EVERYONE)
    closers, setters, manager = metrics.roles

    # Nine closers and three setters at any time; one left each January (2025, 2026) and was replaced.
    assert (closers.actual.source, setters.actual.source, manager.actual.source) == ("people", "people", "role")
    assert (len(closers.people), len(setters.people)) == (9, 3)
    assert Person.objects.count() == 12 + 2
    assert Assignment.objects.filter(end__isnull=False).count() == 2
    assert PersonActual.objects.count() == 26 * 12
    assert metrics.insights.missing_people == []
    # The manager's team deals are the closers' deals.
    assert manager.actual.units == closers.actual.units


def test_new_hires_ramp_and_the_closers_plan_pays_above_quota(db):
    call_command("seed_history", months=14, end="2026-03", people=24, stdout=None)

    history = History(parse_month("2026-02"), parse_month("2026-02"), scope=EVERYONE)
    metrics, names = history.month(parse_month("2026-02")), history.names
    hires = {a.person.name: a.role.name for a in Assignment.objects.filter(start=parse_month("2026-01"))}
    ramps = {names[p.person_id]: (p.tenure_month, p.ramp_factor) for role in metrics.roles[:2] for p in role.people}

    # Two leave in January and two are hired: closers ramp at 75% in month 2, setters have no ramp.
    assert len(hires) == 2
    assert {name: ramps[name] for name in hires} == {
        name: (2, Decimal("0.75") if role == "Closers" else Decimal("1")) for name, role in hires.items()
    }
    closer_plans = QuotaPlan.objects.filter(role__name="Closers")
    assert {(tier.from_pct, tier.multiplier) for tier in PlanTier.objects.filter(plan__in=closer_plans)} == {
        (Decimal("0"), Decimal("1")),
        (Decimal("100"), Decimal("1.5")),
    }
    assert PlanTier.objects.count() == 2 * closer_plans.count()


def test_it_refuses_a_team_of_one(db):
    with pytest.raises(CommandError, match="--people"):
        call_command("seed_history", months=3, end="2026-03", people=1)
