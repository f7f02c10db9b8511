from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from compensation.models import Economics, QuotaPlan
from performance.models import MonthlyRevenue


def _plan(example_agency, role: str) -> QuotaPlan:
    return QuotaPlan.objects.get(role=example_agency[role])


def _plan_form(plan: QuotaPlan, **changes) -> dict:
    data = {
        "role": plan.role_id,
        "effective_from": "2026-01",
        "annual_ote": "68040",
        "annual_base": "0",
        "monthly_quota": "40",
        "commission_rate": "5",  # percent
        # The plan prices months with actuals: saving it asks for "I understand" (test_plan_curves.py).
        "confirm_repricing": "on",
        # The pay curve's bands are an inline: its management form comes with every post.
        "tiers-TOTAL_FORMS": "0",
        "tiers-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_the_plan_list_shows_live_figures(as_admin, example_agency):
    response = as_admin.get(reverse("admin:compensation_quotaplan_changelist"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "$5,670" in content
    assert "Unreachable" in content
    assert "Overpays" in content


def test_the_plan_form_explains_why_the_setter_plan_is_unreachable(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")
    response = as_admin.get(reverse("admin:compensation_quotaplan_change", args=[plan.pk]))
    content = response.content.decode()
    assert "Unreachable: OTE needs 160 meetings a month; quota is 40" in content
    assert "$1,417.50" in content


def test_the_plan_form_says_which_months_assumptions_its_live_figures_use(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")  # from 2026-01; the assumptions are set from 2026-01
    content = as_admin.get(reverse("admin:compensation_quotaplan_change", args=[plan.pk])).content.decode()

    assert (
        "<strong>Business assumptions</strong>: those in force in 2026-01, this version&#x27;s first month"
        " (set from 2026-01)" in content
    )


def test_the_admin_uses_a_month_picker_for_months(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")
    response = as_admin.get(reverse("admin:compensation_quotaplan_change", args=[plan.pk]))
    assert 'type="month"' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"monthly_quota": "0"}, "Monthly quota must be greater than 0."),
        ({"annual_base": "90000"}, "Annual base cannot be more than annual OTE."),
        ({"commission_rate": "150"}, "must be a percentage from 0 to 100 (got &quot;150&quot;)"),
        ({"commission_rate": "12.34567"}, "must have at most 4 decimal places"),
        ({"effective_from": "2026-13"}, "no month 13"),
    ],
)
def test_invalid_plans_are_refused_on_the_form_not_with_a_500(as_admin, example_agency, changes, message):
    plan = _plan(example_agency, "Setters")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])
    response = as_admin.post(url, _plan_form(plan, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    plan.refresh_from_db()
    assert plan.monthly_quota == Decimal("40")


def test_a_plan_change_in_the_admin_is_recorded_with_who_made_it(as_admin, admin, example_agency):
    plan = _plan(example_agency, "Setters")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])
    response = as_admin.post(url, _plan_form(plan, monthly_quota="160"))
    assert response.status_code == 302
    latest = plan.history.first()
    assert latest.history_user == admin
    assert latest.monthly_quota == Decimal("160")
    assert latest.diff_against(latest.prev_record).changed_fields == ["monthly_quota"]


# --- Lists and forms that read like the rest of the product ----------------------------------


def test_the_lists_show_months_as_yyyy_mm_and_numbers_as_the_screens_do(as_admin, example_agency):
    MonthlyRevenue.objects.create(month=date(2026, 3, 1), revenue=Decimal("340200"))
    plans = as_admin.get(reverse("admin:compensation_quotaplan_changelist")).content.decode()
    economics = as_admin.get(reverse("admin:compensation_economics_changelist")).content.decode()
    actuals = as_admin.get(reverse("admin:performance_monthlyactual_changelist")).content.decode()
    revenue = as_admin.get(reverse("admin:performance_monthlyrevenue_changelist")).content.decode()

    for page in (plans, economics, actuals, revenue):
        assert "Jan. 1, 2026" not in page and "March 1, 2026" not in page and "Mar. 1, 2026" not in page
        assert 'class="toplinks"' not in page  # no date hierarchy
        assert "Past 7 days" not in page
    assert '<td class="field-effective_from">2026-01</td>' in plans
    assert '<td class="field-commission_rate">10.0%</td>' in plans
    assert '<td class="field-annual_ote">$68,040</td>' in plans
    assert "0.100000" not in plans
    assert '<td class="field-upfront_rate">70.0%</td>' in economics
    assert '<td class="field-deal_value">$16,200</td>' in economics
    assert '<td class="field-target_ote_pct_of_revenue">20.0%</td>' in economics
    assert ">2026-03</a>" in actuals
    assert '<td class="field-units">96</td>' in actuals
    assert ">2026-03</a>" in revenue and "$340,200" in revenue


def test_the_lists_filter_by_year(as_admin, example_agency):
    url = reverse("admin:performance_monthlyactual_changelist")
    page = as_admin.get(url).content.decode()

    assert "By year" in page
    assert as_admin.get(url, {"month__year": "2026"}).context["cl"].result_count == 9
    assert as_admin.get(url, {"month__year": "2025"}).context["cl"].result_count == 0


def test_the_plan_list_says_which_assumptions_its_figures_use(as_admin, example_agency):
    page = as_admin.get(reverse("admin:compensation_quotaplan_changelist")).content.decode()

    assert "Break-even units (assumptions of its first month)" in page
    assert "Alignment (assumptions of its first month)" in page


def test_rates_are_typed_and_shown_as_percentages_and_stored_as_fractions(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])
    assert 'name="commission_rate" value="5"' in as_admin.get(url).content.decode()

    assert as_admin.post(url, _plan_form(plan, commission_rate="12.5")).status_code == 302
    plan.refresh_from_db()
    assert plan.commission_rate == Decimal("0.125")

    economics = Economics.objects.get()
    economics_url = reverse("admin:compensation_economics_change", args=[economics.pk])
    page = as_admin.get(economics_url).content.decode()
    assert 'name="show_rate" value="25"' in page and 'name="upfront_rate" value="70"' in page
    data = {
        "effective_from": "2026-01",
        "deal_value": "16200",
        "upfront_rate": "70",
        "show_rate": "30",
        "close_rate": "25",
        "cost_per_meeting": "100",
        "target_ote_pct_of_revenue": "20",
        "near_target_pct": "80",
        "exceeding_pct": "110",
    }
    assert as_admin.post(economics_url, data).status_code == 302
    economics.refresh_from_db()
    assert (economics.show_rate, economics.upfront_rate) == (Decimal("0.3"), Decimal("0.7"))


def test_a_reason_for_the_change_is_kept_in_the_history(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])
    assert "Reason for this change" in as_admin.get(url).content.decode()

    as_admin.post(url, _plan_form(plan, monthly_quota="160", change_reason="Q3 comp review"))

    assert plan.history.first().history_change_reason == "Q3 comp review"
    history = as_admin.get(reverse("admin:compensation_quotaplan_history", args=[plan.pk])).content.decode()
    assert "Q3 comp review" in history
    assert "Reason: Q3 comp review" in as_admin.get(reverse("plan_timeline")).content.decode()


def test_without_a_reason_the_history_keeps_an_empty_one_not_none(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")
    url = reverse("admin:compensation_quotaplan_change", args=[plan.pk])

    as_admin.post(url, _plan_form(plan, monthly_quota="160"))

    assert plan.history.first().history_change_reason == ""
