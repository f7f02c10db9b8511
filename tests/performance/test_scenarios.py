"""Saved scenarios: saving one (with CSRF), listing, opening, comparing, and applying one's plan
changes as plan versions in one transaction, with the scenario named in the plan history."""

import re
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from closing_cases import stored_data
from concurrency import NEEDS_POSTGRESQL, TIMEOUT, Worker, finished, paused
from django.test import Client
from django.urls import reverse

from compensation.models import Assignment, Person, QuotaPlan, Scenario
from otesite.lib.months import add_months, format_month
from otesite.lib.rules import current_month
from otesite.permissions import EVERYONE
from performance.loader import load_month
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual
from performance.scenarios import NotApplicable, RepricingNotConfirmed, apply_scenario

SAVE = reverse("save_scenario")
LIST = reverse("scenario_list")
COMPARE = reverse("scenario_compare")


def text(response) -> str:
    return response.content.decode()


def next_month() -> date:
    return add_months(current_month(), 1)


def scenario(name: str = "Pay setters properly", *changes: str, by=None, goal: str | None = None) -> Scenario:
    return Scenario.objects.create(
        name=name,
        month=date(2026, 3, 1),
        changes=list(changes or ["Setters.commission_rate=0.2", "Closers.annual_ote=+10%", "close_rate=0.3"]),
        revenue_goal=None if goal is None else Decimal(goal),
        created_by=by,
    )


# --- Saving ----------------------------------------------------------------------------------


def test_a_manager_saves_a_named_scenario_and_lands_on_it(as_manager, manager, example_agency):
    response = as_manager.post(
        SAVE,
        {
            "name": "Bigger team",
            "month": "2026-03",
            "change": ["Closers.headcount=10", "close_rate=+20%"],
            "revenue_goal": "500000",
        },
    )

    saved = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("scenario_detail", kwargs={"pk": saved.pk})
    assert saved.name == "Bigger team"
    assert saved.month == date(2026, 3, 1)
    assert saved.changes == ["Closers.headcount=10", "close_rate=+20%"]
    assert saved.revenue_goal == Decimal("500000")
    assert saved.created_by == manager
    assert saved.history.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "x", "month": "2026-03", "change": "Sales.headcount=2"}, "there is no role &#x27;Sales&#x27;"),
        ({"name": "", "month": "2026-03"}, "This field is required."),
        ({"name": "x", "month": "2026-03", "change": "close_rate=2"}, "A rate is a fraction from 0 to 1"),
        ({"name": "x", "month": "2026-05"}, "2026-05 has no actuals"),
    ],
)
def test_a_scenario_that_cannot_be_computed_is_not_saved(as_manager, example_agency, data, message):
    response = as_manager.post(SAVE, data)

    assert response.status_code == 400
    assert message in text(response)
    assert not Scenario.objects.exists()


def test_saving_without_the_csrf_token_is_refused_and_with_it_works(manager, example_agency):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    data = {"name": "Checked", "month": "2026-03", "change": "close_rate=0.3"}

    refused = client.post(SAVE, data)
    page = text(client.get(reverse("what_if"), {"month": "2026-03", "change": "close_rate=0.3"}))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    saved = client.post(SAVE, {**data, "csrfmiddlewaretoken": token})

    assert refused.status_code == 403
    assert saved.status_code == 302
    assert Scenario.objects.get().name == "Checked"


def test_the_csrf_token_goes_with_every_htmx_request_from_the_body(as_manager, example_agency):
    page = text(as_manager.get(reverse("what_if")))

    assert re.search(r"<body hx-headers='\{\"X-CSRFToken\": \"[^\"]+\"\}'>", page)


# --- Listing, opening, comparing --------------------------------------------------------------


def test_saved_scenarios_are_listed_newest_first_with_their_changes(as_manager, manager, example_agency):
    scenario("First", "close_rate=0.3", by=manager)
    scenario("Second", "Closers.headcount=10", by=manager)

    page = text(as_manager.get(LIST))

    assert page.index("Second") < page.index("First")
    assert "<code>close_rate=0.3</code>" in page
    assert f'action="{COMPARE}"' in page


def test_opening_a_scenario_shows_it_beside_its_base(as_manager, manager, example_agency):
    saved = scenario(by=manager, goal="500000")

    page = text(as_manager.get(reverse("scenario_detail", kwargs={"pk": saved.pk})))

    assert "<h1>Pay setters properly</h1>" in page
    assert "saved by max_manager" in page
    assert '<div id="scenario"' in page
    assert "To bring in <strong>$500,000</strong>" in page
    assert "Open in the what-if page" in page
    assert "Apply as plan versions" not in page  # managers do not apply
    assert "Save this scenario" not in page


def test_a_scenario_that_no_longer_fits_its_month_says_why(as_manager, example_agency):
    saved = scenario("Gone", "Sales.headcount=3")

    page = text(as_manager.get(reverse("scenario_detail", kwargs={"pk": saved.pk})))

    assert "there is no role &#x27;Sales&#x27;" in page


def test_two_or_three_scenarios_are_compared_beside_their_common_base(as_manager, example_agency):
    first = scenario("Higher rate", "Setters.commission_rate=0.2")
    second = scenario("More closers", "Closers.headcount=12")

    response = as_manager.get(COMPARE, {"scenario": [first.pk, second.pk]})

    page = text(response)
    assert response.status_code == 200
    headings = re.findall(r'<th scope="col" class="num">([^<]+)<br>', page)
    assert headings == ["Base", "Higher rate", "More closers"]
    ote = re.search(r'<th scope="row">Total OTE a month</th>(.*?)</tr>', page, re.S).group(1)
    assert ote.count("$63,500") == 2  # the base and the higher rate
    assert "$86,180" in ote  # 4 more closers at $5,670
    assert "(differs)" in ote


def test_each_column_answers_its_own_revenue_goal_or_says_it_has_none(as_manager, example_agency):
    goal = scenario("Half a million", "close_rate=0.3", goal="500000")
    other = scenario("No goal", "Closers.headcount=12")

    page = text(as_manager.get(COMPARE, {"scenario": [goal.pk, other.pk]}))

    def cells(label: str) -> list[str]:
        row = re.search(rf'<th scope="row">{label}</th>(.*?)</tr>', page, re.S).group(1)
        return [re.sub(r"<[^>]+>|●|\(differs\)", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]

    assert cells("Revenue goal a month") == ["no goal", "$500,000", "no goal"]  # base, then each scenario
    closers = cells("Closers needed")
    assert closers[0] == "no goal" and closers[2] == "no goal"
    assert closers[1].isdigit()


@pytest.mark.parametrize("chosen", [[], ["one"], ["one", "two", "three", "four"]])
def test_comparing_needs_two_or_three_scenarios(as_manager, example_agency, chosen):
    ids = {name: scenario(name).pk for name in ("one", "two", "three", "four")}

    response = as_manager.get(COMPARE, {"scenario": [ids[name] for name in chosen]})

    assert response.status_code == 400
    assert "Choose two or three scenarios to compare." in text(response)


# --- Applying -----------------------------------------------------------------------------------


def apply_url(saved: Scenario) -> str:
    return reverse("scenario_apply", kwargs={"pk": saved.pk})


def test_an_admin_applies_a_scenarios_plan_changes_as_new_plan_versions(as_admin, admin, example_agency):
    saved = scenario()
    start = next_month()
    march_before = load_month(date(2026, 3, 1), scope=EVERYONE)

    response = as_admin.post(apply_url(saved), {"start": format_month(start)})

    assert response.status_code == 302
    assert response["Location"] == reverse("plans")
    setters = QuotaPlan.objects.get(role=example_agency["Setters"], effective_from=start)
    closers = QuotaPlan.objects.get(role=example_agency["Closers"], effective_from=start)
    assert setters.commission_rate == Decimal("0.2")
    assert setters.monthly_quota == Decimal("40")  # the rest of the plan in force is kept
    assert closers.annual_ote == Decimal("74844")  # +10% of 68,040
    assert QuotaPlan.objects.filter(effective_from=start).count() == 2  # headcount and rates are no plans
    for plan in (setters, closers):
        latest = plan.history.latest()
        assert latest.history_change_reason == "Scenario: Pay setters properly"
        assert latest.history_user == admin
    assert load_month(date(2026, 3, 1), scope=EVERYONE) == march_before  # history stays as it was
    followed = as_admin.get(response["Location"])
    assert "Applied “Pay setters properly” as plan versions from" in text(followed)
    assert "Setters: commission rate 5.0% → 20.0%" in text(followed)


def test_relative_changes_apply_to_the_plan_in_force_from_the_chosen_month(admin, example_agency):
    start = add_months(next_month(), 2)
    QuotaPlan.objects.create(
        role=example_agency["Closers"],
        effective_from=next_month(),
        annual_ote=Decimal("70000"),
        monthly_quota=Decimal("6"),
        commission_rate=Decimal("0.1"),
    )

    apply_scenario(scenario("Raise", "Closers.annual_ote=+10%", "Closers.monthly_quota=-5%"), start)

    version = QuotaPlan.objects.get(role=example_agency["Closers"], effective_from=start)
    assert version.annual_ote == Decimal("77000")
    assert version.monthly_quota == Decimal("5.70")


@pytest.mark.parametrize(
    ("start", "message"),
    [
        (lambda: date(2026, 3, 1), "2026-03 has passed"),
        (lambda: add_months(current_month(), -1), "has passed"),
    ],
)
def test_a_past_start_month_is_refused(admin, example_agency, start, message):
    with pytest.raises(NotApplicable, match=message):
        apply_scenario(scenario(), start())

    assert QuotaPlan.objects.count() == 3


def numbers_this_month(kind: str, roles: dict) -> None:
    """Something recorded in the month under way: a role total, a person's numbers or revenue."""
    month = current_month()
    if kind == "role totals":
        MonthlyActual.objects.create(role=roles["Closers"], month=month, headcount=8, units=Decimal("10"))
    elif kind == "person actuals":
        ana = Person.objects.create(name="Ana Ruiz")
        Assignment.objects.create(person=ana, role=roles["Closers"], start=month)
        PersonActual.objects.create(person=ana, month=month, units=Decimal("2"))
    else:
        MonthlyRevenue.objects.create(month=month, revenue=Decimal("50000"))


RECORDED = ["role totals", "person actuals", "revenue"]


@pytest.mark.parametrize("kind", RECORDED)
def test_a_start_month_with_numbers_is_refused_naming_the_months_it_re_prices(as_admin, example_agency, kind):
    start = format_month(current_month())
    numbers_this_month(kind, example_agency)
    before = stored_data()

    response = as_admin.post(apply_url(scenario()), {"start": start})

    assert response.status_code == 400
    assert "Nothing was applied" in text(response)
    assert (
        f"Applying from {start} re-prices {start}, which already has numbers (role totals, person actuals or"
        f" revenue): their attainment and earnings would change. Tick “I understand” to apply from {start} anyway,"
        f" or choose a month after {start}"
    ) in text(response)
    # The box to tick names the months, and counts for them alone.
    assert re.search(rf'<input type="checkbox" name="reprice"[^>]* value="{start}"', text(response))
    assert f"I understand: applying from {start} re-prices {start}</label>" in text(response)
    assert stored_data() == before


@pytest.mark.parametrize("kind", RECORDED)
def test_i_understand_applies_from_a_month_with_numbers(as_admin, example_agency, kind):
    start = format_month(current_month())
    numbers_this_month(kind, example_agency)

    response = as_admin.post(apply_url(scenario()), {"start": start, "reprice": start})

    assert response.status_code == 302
    assert QuotaPlan.objects.filter(effective_from=current_month()).count() == 2


def test_i_understand_counts_only_for_the_months_it_named(admin, example_agency):
    numbers_this_month("revenue", example_agency)
    before = stored_data()

    with pytest.raises(RepricingNotConfirmed) as refused:
        apply_scenario(scenario(), current_month(), reprice=[add_months(current_month(), -1)])

    assert refused.value.months == [current_month()]
    assert stored_data() == before


def test_a_start_after_the_last_month_with_numbers_needs_no_confirmation(admin, example_agency):
    for kind in RECORDED[1:]:
        numbers_this_month(kind, example_agency)

    applied = apply_scenario(scenario(), next_month())

    assert len(applied) == 2


def test_it_is_all_or_nothing(admin, example_agency):
    start = next_month()
    QuotaPlan.objects.create(
        role=example_agency["Manager"],
        effective_from=start,
        annual_ote=Decimal("81600"),
        monthly_quota=Decimal("40"),
        commission_rate=Decimal("0.03"),
    )

    with pytest.raises(NotApplicable) as refused:
        apply_scenario(scenario("Both", "Closers.annual_ote=+10%", "Manager.monthly_quota=20"), start)

    assert refused.value.problems == [
        f"Manager already has a plan version from {format_month(start)}; edit it in the admin or choose another month"
    ]
    assert not QuotaPlan.objects.filter(role=example_agency["Closers"], effective_from=start).exists()


def test_a_scenario_without_plan_changes_has_nothing_to_apply(as_admin, example_agency):
    saved = scenario("Only people", "Closers.headcount=12", "close_rate=0.3")

    page = text(as_admin.get(reverse("scenario_detail", kwargs={"pk": saved.pk})))
    with pytest.raises(NotApplicable, match="has no plan changes"):
        apply_scenario(saved, next_month())

    assert "changes no plan" in page


def test_the_admin_is_offered_the_apply_form_with_what_it_writes(as_admin, example_agency):
    saved = scenario()

    page = text(as_admin.get(reverse("scenario_detail", kwargs={"pk": saved.pk})))

    form = page[page.index("Apply as plan versions") :]
    assert f'action="{apply_url(saved)}"' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert "Setters.commission_rate=0.2, Closers.annual_ote=+10%" in form
    assert "(close_rate=0.3) are not plans" in form


def test_a_missing_start_month_is_asked_for(as_admin, example_agency):
    response = as_admin.post(apply_url(scenario()), {})

    assert response.status_code == 400
    assert "Pick the month the new plan versions start" in text(response)


# --- Two applies at the same moment -------------------------------------------------------------


def test_a_version_saved_meanwhile_is_a_clear_refusal_not_an_error_page(as_admin, example_agency):
    """Forced: the versions are checked, then another version of the role from the same month is
    saved before these are written (what a second apply at the same moment meets)."""
    from performance import scenarios

    saved, start = scenario("Raise", "Closers.annual_ote=+10%"), next_month()
    planned = scenarios._planned

    def planned_then_saved_elsewhere(*args):
        found = planned(*args)
        for item in found[0]:
            QuotaPlan.objects.create(**{**_copied(item.before), "effective_from": start})
        return found

    with mock.patch.object(scenarios, "_planned", planned_then_saved_elsewhere):
        response = as_admin.post(apply_url(saved), {"start": format_month(start)})

    assert response.status_code == 400
    assert "Nothing was applied:" in text(response)
    assert f"a role has a plan version from {format_month(start)} saved by someone else at the same moment" in text(
        response
    )


def _copied(plan: QuotaPlan) -> dict:
    return {f.attname: getattr(plan, f.attname) for f in QuotaPlan._meta.concrete_fields if not f.primary_key}


@NEEDS_POSTGRESQL
@pytest.mark.django_db(transaction=True)
def test_the_same_scenario_applied_twice_at_once_is_applied_once_and_the_other_is_told(admin, example_agency):
    saved, start = scenario(), next_month()

    def applying() -> str:
        try:
            return f"applied {len(apply_scenario(saved, start))}"
        except NotApplicable as refused:
            return "\n".join(refused.problems)

    with paused(QuotaPlan, "save") as gate:  # the first stops before writing its first version
        first = Worker(applying)
        assert gate.reached.wait(TIMEOUT)
        second = Worker(applying)  # checked while the first has written nothing: writes both
        second.join(TIMEOUT)
        gate.go.set()
        finished(first, second)

    assert second.result == "applied 2"
    assert first.result == (
        f"Closers and Setters have a plan version from {format_month(start)} saved by someone else at the same"
        " moment (this scenario applied twice, or the plan edited), so none of this scenario's versions were"
        " written; see the plans page, and choose another month to apply it"
    )
    assert QuotaPlan.objects.filter(effective_from=start).count() == 2
