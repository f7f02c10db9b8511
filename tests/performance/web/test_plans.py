"""The OTE plans page and its calculator."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from compensation.models import Economics, QuotaPlan
from otesite.lib.months import add_months

PLANS = reverse("plans")
PREVIEW = reverse("plan_preview")
SETTER_PLAN = {
    "kind": "setter",
    "annual_ote": "68040",
    "annual_base": "0",
    "monthly_quota": "40",
    "commission_rate": "5",  # percent, as the page shows rates
}


def text(response) -> str:
    return response.content.decode()


def this_month() -> date:
    return date.today().replace(day=1)


def test_the_plans_page_shows_each_roles_plan_in_force_with_its_figures(as_manager, example_agency):
    page = text(as_manager.get(PLANS))
    assert "Closers" in page and "Setters" in page and "Manager" in page
    assert "In force since Jan 2026" in page
    assert "$5,670" in page  # closers' monthly OTE
    assert "$1,134" in page  # commission per deal
    assert "OTE needs 160 meetings a month; quota is 40" in page
    assert "</span> Overpays" in page


def test_upcoming_plan_versions_are_listed_after_the_one_in_force(as_manager, example_agency):
    QuotaPlan.objects.create(
        role=example_agency["Setters"],
        effective_from=add_months(this_month(), 2),
        annual_ote=Decimal("68040"),
        monthly_quota=Decimal("160"),
        commission_rate=Decimal("0.05"),
    )
    page = text(as_manager.get(PLANS))
    assert f"Upcoming from {add_months(this_month(), 2):%b %Y}" in page
    assert page.index("In force since Jan 2026") < page.index("Upcoming from")


def test_admins_get_links_to_edit_and_add_plan_versions(as_admin, example_agency):
    page = text(as_admin.get(PLANS))
    plan = QuotaPlan.objects.get(role=example_agency["Closers"])
    assert reverse("admin:compensation_quotaplan_change", args=[plan.pk]) in page
    assert f"{reverse('admin:compensation_quotaplan_add')}?role={example_agency['Closers'].pk}" in page


@pytest.mark.parametrize("client_fixture", ["as_manager", "as_board"])
def test_managers_and_the_board_get_no_admin_links(request, client_fixture, example_agency):
    page = text(request.getfixturevalue(client_fixture).get(PLANS))
    assert "/admin/compensation/quotaplan/" not in page


def test_a_user_in_no_group_is_refused(as_stranger, example_agency):
    assert as_stranger.get(PLANS).status_code == 403
    assert as_stranger.get(PREVIEW, SETTER_PLAN).status_code == 403


def test_the_calculator_opens_on_the_first_plan_in_force(as_manager, example_agency):
    page = text(as_manager.get(PLANS))
    assert 'name="annual_ote" value="68040"' in page
    assert "Required pay per deal" in page


def test_the_preview_gives_the_figures_of_a_setter_plan(as_manager, example_agency):
    response = as_manager.get(PREVIEW, SETTER_PLAN, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert 'data-figure="monthly_ote">$5,670<' in page
    assert 'data-figure="required_pay_per_unit">$141.75<' in page
    assert 'data-figure="commission_per_deal">$567<' in page
    assert 'data-figure="break_even_units">160 meetings<' in page
    assert 'data-figure="earnings_at_quota">$1,417.50<' in page
    assert "</span> Unreachable" in page
    assert "OTE needs 160 meetings a month; quota is 40." in page


@pytest.mark.parametrize("kind", ["closer", "setter", "manager"])
def test_the_preview_works_for_every_role_kind(as_manager, example_agency, kind):
    response = as_manager.get(PREVIEW, {**SETTER_PLAN, "kind": kind})
    assert response.status_code == 200
    assert 'data-figure="monthly_ote">$5,670<' in text(response)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("monthly_quota", "0", "Monthly quota must be greater than 0."),
        ("monthly_quota", "abc", "Monthly quota: must be a number ≥ 0 (got &quot;abc&quot;)"),
        ("annual_ote", "-5", "must be a number ≥ 0 (got &quot;-5&quot;)"),
        ("annual_ote", "0", "Annual OTE must be greater than 0."),
        ("annual_base", "99999", "Annual base cannot be more than annual OTE."),
        ("commission_rate", "150", "must be a percentage from 0 to 100 (got &quot;150&quot;)"),
        ("commission_rate", "NaN", "must be a number ≥ 0 (got &quot;NaN&quot;)"),
        ("kind", "wizard", "Select a valid choice."),
        ("annual_ote", "1e400", "must be a number ≥ 0 (got &quot;1e400&quot;)"),
        ("annual_ote", "1" + "0" * 20, "no more than 14 digits"),
        ("commission_rate", "１", "must be a number ≥ 0 (got &quot;１&quot;)"),
    ],
)
def test_invalid_values_get_an_inline_message_not_an_error(as_manager, example_agency, field, value, message):
    response = as_manager.get(PREVIEW, {**SETTER_PLAN, field: value})
    assert response.status_code == 200
    assert message in text(response)
    assert "data-figure" not in text(response)


def test_without_business_assumptions_the_calculator_says_they_are_needed(as_manager, example_agency):
    Economics.objects.all().delete()
    preview = text(as_manager.get(PREVIEW, SETTER_PLAN))
    assert "No business assumptions are in force yet" in preview
    assert as_manager.get(PLANS).status_code == 200


def test_the_calculator_works_without_javascript(as_manager, example_agency):
    response = as_manager.get(PLANS, SETTER_PLAN)
    assert 'data-figure="break_even_units">160 meetings<' in text(response)
    assert 'action="/plans/#calculator"' in text(response)


def test_the_plans_page_uses_a_fixed_number_of_queries(as_manager, example_agency, django_assert_max_num_queries):
    # 8, the plans' pay-curve bands, the latest month with data, where the plan fixes'
    # what-if links start, and the navigation's count of open disputes.
    with django_assert_max_num_queries(11):
        as_manager.get(PLANS)


def test_the_calculator_takes_and_shows_the_commission_rate_as_a_percentage(as_manager, example_agency):
    page = text(as_manager.get(PLANS))

    assert 'name="commission_rate" value="10"' in page  # the closers' 0.10 in force
    assert "10 means 10%" in page
    assert 'data-figure="commission_per_deal">$567<' in text(as_manager.get(PREVIEW, SETTER_PLAN))
    # 0.05 is 0.05%, a hundredth of 5%: typed as a percentage, never read as a fraction.
    tiny = text(as_manager.get(PREVIEW, {**SETTER_PLAN, "commission_rate": "0.05"}))
    assert 'data-figure="commission_per_deal">$5.67<' in tiny


def test_each_plan_version_says_which_assumptions_its_figures_use(as_manager, example_agency):
    QuotaPlan.objects.create(
        role=example_agency["Setters"],
        effective_from=add_months(this_month(), 2),
        annual_ote=Decimal("68040"),
        monthly_quota=Decimal("160"),
        commission_rate=Decimal("0.05"),
    )
    page = text(as_manager.get(PLANS))

    today, upcoming = this_month(), add_months(this_month(), 2)
    assert f"Figures with the business assumptions in force in {today:%b %Y} (this month), set from Jan 2026." in page
    assert f"in force in {upcoming:%b %Y} (its first month), set from Jan 2026." in page
    assert (
        f"figured with the business assumptions in force this month,\n    {today:%B %Y} (set from January 2026)" in page
    )
