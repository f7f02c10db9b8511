"""load_demo: the example agency with two years of history, safe to run again, one login per group."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from conftest import load_example_json
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from otesite.lib.months import add_months, format_month
from otesite.permissions import EVERYONE
from performance.exchange.demo import build_demo_workspace
from performance.loader import load_month, months_with_data
from performance.models import Deal, MonthlyActual, MonthlyRevenue, PersonActual

MODELS = (Economics, Role, QuotaPlan, PlanTier, Person, Assignment, MonthlyActual, PersonActual, MonthlyRevenue)


def load_demo(*args) -> str:
    out = StringIO()
    call_command("load_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS] + [model.history.count() for model in MODELS]


def test_the_demo_covers_24_months_ending_last_month(db):
    load_demo()
    months = months_with_data()
    last_month = add_months(date.today().replace(day=1), -1)
    assert len(months) == 24
    assert months[-1] == last_month
    assert months[0] == add_months(last_month, -23)


def test_on_the_29th_of_november_2026_the_demo_runs_from_november_2024_to_october_2026():
    rows = build_demo_workspace(date(2026, 11, 29))["person_actuals"]
    assert (rows[0]["month"], rows[-1]["month"]) == ("2024-11", "2026-10")


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
    months = months_with_data()

    def closers(month):
        return list(
            Assignment.objects.filter(role__name="Closers")
            .overlapping(month, month)
            .order_by("person__name")
            .values_list("person__name", flat=True)
        )

    assert len(closers(months[0])) == 7
    assert "Dan Whitfield" in closers(months[8]) and "Dan Whitfield" not in closers(months[9])  # a departure
    assert "Hana Sato" in closers(months[9])  # a hire who ramps up
    assert len(closers(months[-1])) == 10  # Nora Quinn joins on the 16th of last month
    promotion = Assignment.objects.get(person__name="Jules Moreau", role__name="Closers")
    assert (promotion.start, promotion.ramp) == (months[14], False)
    assert Person.objects.count() == 14  # Maya Brooks manages from the months kept by deals
    setter_plans = QuotaPlan.objects.filter(role__name="Setters").order_by("effective_from")
    assert len(setter_plans) == 2  # the unreachable setter OTE gets fixed midway
    assert setter_plans[1].annual_base > 0
    closer_plan = QuotaPlan.objects.get(role__name="Closers")
    assert [tier.multiplier for tier in closer_plan.tiers.all()] == [Decimal("1"), Decimal("1.5")]
    assert closer_plan.ramp == (Decimal("0.5"), Decimal("0.75"))
    assert Economics.objects.count() == 2  # and the business assumptions change once
    units = PersonActual.objects.filter(person__name="Ana Ruiz").values_list("units", flat=True)
    assert len(set(units)) > 2  # seasonality and growth, not a flat line
    # The manager is kept as role totals, the team's deals, until the months kept by deals.
    assert MonthlyActual.objects.filter(role__name="Manager").count() == 22
    assert not MonthlyActual.objects.exclude(role__name="Manager").exists()
    # Last month, one setter's meetings are not in yet.
    assert not PersonActual.objects.filter(person__name="Leo Martins", month=months[-1]).exists()
    # Meetings held are left to the assumed show rate: the closers close more than the two
    # setters could book, so recording them against the setters would be fiction.
    assert not PersonActual.objects.filter(meetings_held__isnull=False).exists()
    assert MonthlyRevenue.objects.count() == 6


def test_the_last_two_months_are_kept_by_deals_with_a_split_setters_a_clawback_and_a_hire_on_a_day(db):
    load_demo()
    months = months_with_data()
    deals = list(Deal.objects.with_closers().select_related("setter"))
    assert {deal.close_month for deal in deals} == set(months[-2:])
    assert not MonthlyActual.objects.filter(month__in=months[-2:]).exists()
    assert any(len(deal.closers.all()) == 2 for deal in deals)  # a split, half and half
    assert sum(deal.setter is not None for deal in deals) > len(deals) / 2  # a setter on most
    clawed = [deal for deal in deals if deal.cancel_month is not None and deal.cancel_month != deal.close_month]
    assert [(d.close_month, d.cancel_month) for d in clawed] == [(months[-2], months[-1])]
    assert QuotaPlan.objects.filter(role__name="Closers", clawback_months=3).exists()
    nora = Assignment.objects.get(person__name="Nora Quinn")
    assert (nora.start, nora.start_day) == (months[-1], 16)
    april_like = load_month(months[-1], scope=EVERYONE)
    assert april_like.kept_by_deals and april_like.clawbacks
    proration = {p.person_id: p.proration for r in april_like.roles for p in r.people}
    assert proration[nora.person_id] < 1


def test_on_the_1st_of_december_2026_no_demo_month_is_in_the_future():
    workspace = build_demo_workspace(date(2026, 12, 1))
    months = {row["month"] for row in workspace["actuals"] + workspace["person_actuals"] + workspace["revenue"]}
    assert max(months) == "2026-11"
    assert min(months) == "2024-12"


def test_the_demo_refuses_to_merge_into_role_totals_of_the_same_months(example_agency):
    # The example keeps Closers as role totals in 2026-01 to 2026-03; the demo keeps them person
    # by person. When those months are in the demo's range, merging would keep both.
    if build_demo_workspace(date.today())["person_actuals"][0]["month"] > "2026-01":
        pytest.skip("the demo's 24 months no longer reach back to 2026-01")
    before = counts()
    with pytest.raises(CommandError, match="Closers has a role total for 2026-01"):
        load_demo()
    assert counts() == before


def test_running_the_demo_twice_changes_nothing_the_second_time(db):
    load_demo()
    before = counts()
    output = load_demo()
    assert counts() == before
    assert "actuals: 0 created, 0 updated, 22 unchanged" in output
    assert "person_actuals: 0 created, 0 updated, 213 unchanged" in output
    assert "deals: 0 created, 0 updated, 98 unchanged" in output


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


def test_if_empty_leaves_a_database_with_roles_alone_and_still_prints_the_logins(db):
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


def test_the_demo_rep_ana_is_linked_to_ana_ruiz_and_lands_on_her_page(client, db):
    load_demo()

    ana = Person.objects.select_related("user").get(name="Ana Ruiz")
    assert (ana.username, ana.email, ana.user.email) == ("ana", "ana.ruiz@example.com", "ana.ruiz@example.com")
    assert ana.user.groups.count() == 0
    response = client.post("/login/", {"username": "ana", "password": "demo-rep-2026"}, follow=True)
    assert response.redirect_chain[-1][0] == "/me/"
