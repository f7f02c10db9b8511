"""load_demo: the example agency with two years of history, safe to run again, one login per group."""

from datetime import date
from decimal import Decimal
from io import StringIO

from conftest import load_example_json
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.http import HttpRequest

from compensation.models import Economics, QuotaPlan, Role
from otesite.months import add_months, format_month
from performance.exchange.demo import build_demo_workspace
from performance.models import MonthlyActual, MonthlyRevenue

MODELS = (Economics, Role, QuotaPlan, MonthlyActual, MonthlyRevenue)


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS] + [model.history.count() for model in MODELS]


def test_the_demo_covers_24_months_ending_last_month(db):
    load_demo()
    months = sorted(set(MonthlyActual.objects.values_list("month", flat=True)))
    last_month = add_months(date.today().replace(day=1), -1)
    assert len(months) == 24
    assert months[-1] == last_month
    assert months[0] == add_months(last_month, -23)


def test_on_the_29th_of_november_2026_the_demo_runs_from_november_2024_to_october_2026():
    actuals = build_demo_workspace(date(2026, 11, 29))["actuals"]
    assert (actuals[0]["month"], actuals[-1]["month"]) == ("2024-11", "2026-10")


def test_the_demo_is_the_same_every_time_it_is_built():
    assert build_demo_workspace(date(2026, 11, 29)) == build_demo_workspace(date(2026, 11, 29))


def test_the_demo_starts_as_the_example_agency(db):
    example = load_example_json()
    load_demo()
    assert list(Role.objects.order_by("id").values("name", "kind")) == example["roles"]
    first = Economics.objects.order_by("effective_from").first()
    for key, value in example["economics"][0].items():
        if key != "effective_from":
            assert getattr(first, key) == Decimal(value), key
    plans = {plan.role.name: plan for plan in QuotaPlan.objects.in_force(first.effective_from)}
    for row in example["plans"]:
        for key in ("annual_ote", "annual_base", "monthly_quota", "commission_rate"):
            assert getattr(plans[row["role"]], key) == Decimal(row[key]), (row["role"], key)


def test_the_demo_history_tells_a_story(db):
    load_demo()
    months = sorted(set(MonthlyActual.objects.values_list("month", flat=True)))
    closers = dict(MonthlyActual.objects.filter(role__name="Closers").values_list("month", "headcount"))
    assert closers[months[0]] == 7
    assert closers[months[-1]] == 8  # a hire midway
    setter_plans = QuotaPlan.objects.filter(role__name="Setters").order_by("effective_from")
    assert len(setter_plans) == 2  # the unreachable setter OTE gets fixed midway
    assert setter_plans[1].annual_base > 0
    assert Economics.objects.count() == 2  # and the business assumptions change once
    units = MonthlyActual.objects.filter(role__name="Closers").values_list("units", flat=True)
    assert len(set(units)) > 6  # seasonality, not a flat line
    recent = MonthlyActual.objects.filter(month__gte=months[-6])
    assert recent.filter(role__name="Closers", earnings__isnull=False).count() == 6
    # Meetings held are left to the assumed show rate: the closers close more than the two
    # setters could book, so recording them against the setters would be fiction.
    assert not MonthlyActual.objects.filter(meetings_held__isnull=False).exists()
    assert MonthlyRevenue.objects.count() == 6


def test_running_the_demo_twice_changes_nothing_the_second_time(db):
    load_demo()
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "actuals: 0 created, 0 updated, 72 unchanged" in output


def test_the_demo_history_names_the_demo_as_the_reason(db):
    load_demo()
    assert set(QuotaPlan.history.values_list("history_change_reason", flat=True)) == {"load_demo"}


def test_there_is_one_demo_login_per_group(db):
    output = load_demo()
    for username, group, password in (
        ("admin", "Admins", "demo-admin-2026"),
        ("manager", "Managers", "demo-manager-2026"),
        ("board", "Board", "demo-board-2026"),
    ):
        # django-axes watches every login and needs the request it came with.
        user = authenticate(HttpRequest(), username=username, password=password)
        assert user is not None
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert user.is_staff == (username == "admin")
        assert user.is_superuser is False
        assert f"{username:<8} {password}" in output


def test_if_empty_loads_an_empty_database(db):
    load_demo("--if-empty")
    assert Role.objects.count() == 3


def test_if_empty_leaves_a_database_with_roles_alone_and_still_prints_the_logins(example_agency):
    load_demo()
    before = counts()
    output = load_demo("--if-empty")
    assert counts() == before
    assert "already has roles" in output
    assert "demo-board-2026" in output


def test_if_empty_says_when_the_demo_logins_do_not_exist(example_agency):
    output = load_demo("--if-empty")
    assert MonthlyActual.objects.count() == 9
    assert "admin    not created" in output


def test_the_demo_months_are_named_in_the_output(db):
    output = load_demo()
    last = add_months(date.today().replace(day=1), -1)
    assert f"to {format_month(last)}" in output
