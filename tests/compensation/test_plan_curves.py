"""Pay curves on the plans page: each version's payout chart from the engine, the calculator
with bands and a cap, and the admin's ramp in percent and its warning before re-pricing."""

import html
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from compensation.models import Economics, QuotaPlan, Role
from compensation.plan_admin_form import month_spans, months_repriced
from performance import engine
from performance.loader import economics_input, plan_input
from performance.models import MonthlyActual

PLANS = reverse("plans")
PREVIEW = reverse("plan_preview")
CLOSER_PLAN = {
    "kind": "closer",
    "annual_ote": "68040",
    "annual_base": "0",
    "monthly_quota": "5",
    "commission_rate": "10",  # percent
}


def text(response) -> str:
    return html.unescape(response.content.decode())


def chart_data(page: str) -> dict:
    return {
        element_id: json.loads(body)
        for element_id, body in re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>', page, re.S)
    }


def curve(data: dict, label: str) -> list[tuple[float, float]]:
    found = next(dataset for dataset in data["datasets"] if dataset["label"] == label)
    return [(point["x"], point["y"]) for point in found["data"]]


# --- The plans page ------------------------------------------------------------------------


def test_each_plan_version_charts_what_it_pays_from_0_to_200_percent(as_manager, people_team):
    plan = QuotaPlan.objects.get(role__name="Account Executives", effective_from=date(2026, 3, 1))
    data = chart_data(text(as_manager.get(PLANS)))[f"payout-{plan.pk}-data"]

    expected = engine.payout_curve("closer", plan_input(plan), economics_input(Economics.objects.get()))
    earnings = dict(curve(data, "Earnings a month"))
    assert earnings[100.0] == 8500.0  # $4,000 base + $1,000 × 4.5 deals
    assert earnings[200.0] == float(expected.points[-1].earnings)
    assert data["x"] == {"type": "linear", "unit": "pct", "min": 0, "max": 200.0, "title": "Quota attainment"}


def test_the_chart_marks_ote_and_quota(as_manager, people_team):
    plan = QuotaPlan.objects.get(role__name="Account Executives", effective_from=date(2026, 3, 1))
    data = chart_data(text(as_manager.get(PLANS)))[f"payout-{plan.pk}-data"]

    assert curve(data, "OTE") == [(0.0, 8000.0), (200.0, 8000.0)]
    assert [x for x, _ in curve(data, "Quota (100%)")] == [100.0, 100.0]
    assert curve(data, "Pay at quota") == [(100.0, 8500.0)]


def test_the_curves_numbers_and_words_are_beside_it(as_manager, people_team):
    page = " ".join(re.sub(r"<[^>]+>", "", text(as_manager.get(PLANS))).split())
    assert "Pay curve: ×1 from 0%, ×1.5 from 100%, ×2 from 150%; nothing more beyond 200%." in page
    assert "New hires ramp at 50.0%, 75.0% of quota in their first months." in page
    assert "OTE is reached at 88.9% of quota" in page  # 4,000 of variable at $45 a point


def test_the_plans_page_loads_the_chart_scripts_and_no_inline_code(as_manager, people_team):
    page = text(as_manager.get(PLANS))
    assert "/static/js/charts.js" in page
    assert all(" id=" not in canvas for canvas in re.findall(r"<canvas[^>]*>", page))
    assert "style=" not in page


# --- The calculator ------------------------------------------------------------------------


def test_the_calculator_opens_with_the_first_plans_bands_and_cap(as_manager, people_team):
    page = text(as_manager.get(PLANS))
    assert 'name="tier_2_from" value="100.00"' in page
    assert 'name="tier_3_multiplier" value="2.0000"' in page
    assert 'name="cap_pct" value="200.00"' in page


def test_the_calculator_previews_a_plan_with_bands_and_a_cap(as_manager, example_agency):
    accelerating = {**CLOSER_PLAN, "tier_1_from": "0", "tier_1_multiplier": "1", "tier_2_from": "100"}
    accelerating |= {"tier_2_multiplier": "2", "cap_pct": "150"}

    page = text(as_manager.get(PREVIEW, accelerating, headers={"HX-Request": "true"}))

    earnings = dict(curve(chart_data(page)["calculator-payout-data"], "Earnings a month"))
    assert earnings[100.0] == 5670.0
    assert earnings[150.0] == 5670.0 * 2  # the 50 points above quota pay double
    assert earnings[200.0] == earnings[150.0]  # nothing beyond the cap
    assert 'data-figure="earnings_at_quota">$5,670<' in page
    assert "<canvas data-chart=" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"tier_1_from": "10", "tier_1_multiplier": "1"}, "must be 0: the first band starts at 0% of quota"),
        (
            {"tier_1_from": "0", "tier_1_multiplier": "1", "tier_2_from": "0", "tier_2_multiplier": "2"},
            "must be above 0",
        ),
        ({"tier_1_from": "0"}, "band 1 needs both its start and its multiplier"),
        ({"tier_1_from": "0", "tier_1_multiplier": "abc"}, 'must be a number ≥ 0 (got "abc")'),
        ({"cap_pct": "0"}, "Cap must be greater than 0"),
    ],
)
def test_bands_and_caps_a_plan_could_not_have_are_refused(as_manager, example_agency, values, message):
    page = text(as_manager.get(PREVIEW, {**CLOSER_PLAN, **values}))
    assert message in page
    assert "data-figure" not in page


# --- The admin: the ramp in percent, and re-pricing said before saving ----------------------


def plan_post(plan: QuotaPlan, **changes) -> dict:
    data = {
        "role": plan.role_id,
        "effective_from": f"{plan.effective_from:%Y-%m}",
        "annual_ote": str(plan.annual_ote),
        "annual_base": str(plan.annual_base),
        "monthly_quota": str(plan.monthly_quota),
        "commission_rate": str(plan.commission_rate * 100),  # typed as a percentage
        "cap_pct": "" if plan.cap_pct is None else str(plan.cap_pct),
        "ramp": "50, 75",
        "tiers-TOTAL_FORMS": "0",
        "tiers-INITIAL_FORMS": "0",
    }
    return data | changes


def change_url(plan: QuotaPlan) -> str:
    return reverse("admin:compensation_quotaplan_change", args=[plan.pk])


def test_the_ramp_is_typed_and_shown_in_percent_and_stored_as_fractions(as_admin, people_team):
    plan = QuotaPlan.objects.get(role__name="Partners")
    response = as_admin.post(change_url(plan), plan_post(plan, ramp="50, 80", confirm_repricing="on"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.ramp == (Decimal("0.5"), Decimal("0.8"))
    assert 'value="50, 80"' in text(as_admin.get(change_url(plan)))


@pytest.mark.parametrize("ramp", ["0", "50, 150"])
def test_a_ramp_outside_0_to_100_percent_is_refused(as_admin, people_team, ramp):
    plan = QuotaPlan.objects.get(role__name="Partners")
    response = as_admin.post(change_url(plan), plan_post(plan, ramp=ramp, confirm_repricing="on"))
    assert response.status_code == 200
    assert "must be above 0 and at most 100 (percent of the full quota: 50 is half)" in text(response)


def test_a_plan_that_prices_months_with_actuals_says_which_before_saving(as_admin, example_agency):
    plan = QuotaPlan.objects.get(role=example_agency["Closers"])
    page = text(as_admin.get(change_url(plan)))
    assert "This version prices 3 months that already have actuals (2026-01 to 2026-03)" in page

    response = as_admin.post(change_url(plan), plan_post(plan, monthly_quota="6"))

    assert response.status_code == 200
    assert "Saving this plan re-prices 3 months that already have actuals (2026-01 to 2026-03)" in text(response)
    plan.refresh_from_db()
    assert plan.monthly_quota == Decimal("5")


def test_ticking_i_understand_saves_it(as_admin, example_agency):
    plan = QuotaPlan.objects.get(role=example_agency["Closers"])
    response = as_admin.post(change_url(plan), plan_post(plan, monthly_quota="6", confirm_repricing="on"))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.monthly_quota == Decimal("6")


def test_a_new_version_names_the_months_it_takes_over(as_admin, example_agency):
    closers = QuotaPlan.objects.get(role=example_agency["Closers"])
    data = plan_post(closers, effective_from="2026-03", monthly_quota="6")

    response = as_admin.post(reverse("admin:compensation_quotaplan_add"), data)

    assert "re-prices 1 month that already has actuals (2026-03)" in text(response)
    assert QuotaPlan.objects.filter(role=example_agency["Closers"]).count() == 1


def test_a_version_for_months_without_actuals_saves_without_asking(as_admin, example_agency):
    closers = QuotaPlan.objects.get(role=example_agency["Closers"])
    data = plan_post(closers, effective_from="2026-06", monthly_quota="6")

    assert as_admin.post(reverse("admin:compensation_quotaplan_add"), data).status_code == 302


def test_moving_a_version_re_prices_what_it_priced_before_too(example_agency):
    setters = QuotaPlan.objects.get(role=example_agency["Setters"])
    QuotaPlan.objects.create(
        role=example_agency["Setters"],
        effective_from=date(2026, 3, 1),
        annual_ote=Decimal("68040"),
        monthly_quota=Decimal("160"),
        commission_rate=Decimal("0.05"),
    )
    later = QuotaPlan.objects.get(role=example_agency["Setters"], effective_from=date(2026, 3, 1))

    # Moved to June, March goes back to the first version: re-priced as well.
    assert months_repriced(later.role_id, date(2026, 6, 1), later.pk, (later.role_id, later.effective_from)) == [
        date(2026, 3, 1)
    ]
    assert months_repriced(setters.role_id, setters.effective_from, setters.pk) == [date(2026, 1, 1), date(2026, 2, 1)]


def test_person_actuals_count_as_actuals_of_their_role(people_team):
    executives = Role.objects.get(name="Account Executives")
    assert months_repriced(executives.pk, date(2026, 3, 1)) == [date(2026, 3, 1)]
    assert not MonthlyActual.objects.filter(role=executives).exists()


def test_months_are_said_as_runs():
    months = [date(2025, m, 1) for m in (1, 2, 3, 5)] + [date(2026, 1, 1)]
    assert month_spans(months) == "2025-01 to 2025-03, 2025-05, 2026-01"
