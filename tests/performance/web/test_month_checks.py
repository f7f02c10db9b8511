"""A month's numbers that disagree are named on the dashboard and in its close panel before review:
a manager's team deals against the closers' credited deals, and a recorded revenue against the
closers' credited deals × U."""

import html
from datetime import date
from decimal import Decimal

from closing_cases import MARCH
from django.urls import reverse

from performance.closing import take_step
from performance.models import MonthlyActual, MonthlyRevenue

PAGE = reverse("month", kwargs={"month": "2026-03"})


def shown(client) -> tuple[str, str]:
    """What the month's section and its close panel say."""
    page = html.unescape(client.get(PAGE).content.decode())
    close = page.index('<section id="month-close"')
    return page[:close], page[close:]


def test_a_month_whose_numbers_agree_has_nothing_to_check(as_manager, example_agency):
    section, panel = shown(as_manager)
    assert "month-checks" not in section and "month-checks" not in panel


def test_team_deals_that_differ_from_the_closers_credited_deals_are_named(as_manager, example_agency):
    MonthlyActual.objects.filter(role=example_agency["Manager"], month=MARCH).update(units=Decimal("28"))

    section, panel = shown(as_manager)

    check = "Manager: 28 team deals, but the closers' credited deals add up to 30."
    assert check in section and check in panel
    assert "Check 1 number before marking March 2026 reviewed:" in panel


def test_a_recorded_revenue_far_from_the_closers_deals_times_u_is_named(as_manager, example_agency):
    MonthlyRevenue.objects.create(month=MARCH, revenue=Decimal("400000"))

    section, panel = shown(as_manager)

    check = (
        "Recorded revenue $400,000 is 17.6% above the $340,200 the closers' credited deals bring at the"
        " business assumptions (30 × $11,340 upfront a deal)."
    )
    assert check in section and check in panel


def test_a_recorded_revenue_within_a_tenth_is_not(as_manager, example_agency):
    MonthlyRevenue.objects.create(month=MARCH, revenue=Decimal("370000"))  # 8.8% above
    section, _ = shown(as_manager)
    assert "month-checks" not in section


def test_each_manager_kept_person_by_person_is_named(as_manager, people_team):
    section, panel = shown(as_manager)

    check = "Gina Rossi (Head of Sales): 14.88 team deals, but the closers' credited deals add up to 17.88."
    assert check in section and check in panel


def test_a_reviewed_month_asks_before_approval_and_an_approved_one_no_more(as_manager, manager, admin, example_agency):
    MonthlyActual.objects.filter(role=example_agency["Manager"], month=MARCH).update(units=Decimal("28"))
    take_step(MARCH, "review", by=manager)

    _, panel = shown(as_manager)
    assert "Check 1 number before approving March 2026:" in panel

    take_step(MARCH, "approve", by=admin)
    section, panel = shown(as_manager)
    assert "month-checks" not in section and "month-checks" not in panel


def test_another_month_is_not_checked_against_this_one(as_manager, example_agency):
    MonthlyActual.objects.filter(role=example_agency["Manager"], month=date(2026, 2, 1)).update(units=Decimal("1"))
    section, _ = shown(as_manager)
    assert "month-checks" not in section
