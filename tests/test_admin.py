from decimal import Decimal

import pytest
from django.urls import reverse

from compensation.models import QuotaPlan


def _plan(example_agency, role: str) -> QuotaPlan:
    return QuotaPlan.objects.get(role=example_agency[role])


def _plan_form(plan: QuotaPlan, **changes) -> dict:
    data = {
        "role": plan.role_id,
        "effective_from": "2026-01",
        "annual_ote": "68040",
        "annual_base": "0",
        "monthly_quota": "40",
        "commission_rate": "0.05",
        # The plan prices months with actuals: saving it asks for "I understand" (test_plan_admin_curves.py).
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


def test_the_admin_uses_a_month_picker_for_months(as_admin, example_agency):
    plan = _plan(example_agency, "Setters")
    response = as_admin.get(reverse("admin:compensation_quotaplan_change", args=[plan.pk]))
    assert 'type="month"' in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"monthly_quota": "0"}, "Monthly quota must be greater than 0."),
        ({"annual_base": "90000"}, "Annual base cannot be more than annual OTE."),
        ({"commission_rate": "1.5"}, "Commission rate is a fraction from 0 to 1"),
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
