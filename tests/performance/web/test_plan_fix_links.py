"""The plan fixes offered as what-if links wherever a plan is flagged: the dashboard's red flags
and the plans page (the what-if page's own are in test_whatif_page.py)."""

import re
from decimal import Decimal
from urllib.parse import parse_qs, urlparse

from django.urls import reverse

from compensation.models import QuotaPlan
from otesite.lib.months import add_months
from otesite.lib.rules import current_month


def text(response) -> str:
    return response.content.decode()


def offers(page: str) -> list[str]:
    """The change each fix link applies, in page order."""
    return re.findall(r'data-change="([^"]+)"', page)


def test_the_dashboards_red_flags_offer_the_three_fixes(as_manager, example_agency):
    page = text(as_manager.get(reverse("month", kwargs={"month": "2026-03"})))

    assert offers(page) == [
        "Setters.commission_rate=0.2",
        "Setters.monthly_quota=160",
        "Setters.annual_ote=17010",
        "Manager.commission_rate=0.014991",
        "Manager.monthly_quota=19.99",
        "Manager.annual_ote=163296",
    ]
    assert "commission rate 5.0% → 20.0%</a>, or" in page
    assert "quota 40 → 160 meetings</a>, or" in page
    assert "OTE $68,040 → $17,010</a>" in page
    assert '/what-if/?month=2026-03&amp;change=Setters.commission_rate%3D0.2"' in page


def test_the_plans_page_offers_fixes_on_the_latest_month_with_data(as_manager, example_agency):
    page = text(as_manager.get(reverse("plans")))

    assert "Setters.commission_rate=0.2" in offers(page)
    assert '/what-if/?month=2026-03&amp;change=Setters.monthly_quota%3D160"' in page


def test_an_upcoming_plans_fix_is_tried_on_that_plan(as_manager, example_agency):
    QuotaPlan.objects.create(
        role=example_agency["Setters"],
        effective_from=add_months(current_month(), 2),
        annual_ote=Decimal("68040"),
        monthly_quota=Decimal("50"),
        commission_rate=Decimal("0.05"),
    )

    page = text(as_manager.get(reverse("plans")))

    upcoming = page[page.index("Upcoming from") :]
    link = re.search(r'<a href="([^"]+)" data-change="Setters.commission_rate=0.16"', upcoming).group(1)
    changes = parse_qs(urlparse(link.replace("&amp;", "&")).query)["change"]
    assert changes == ["Setters.monthly_quota=50", "Setters.commission_rate=0.16"]


def test_without_the_what_if_page_no_fix_is_offered(client, example_agency, manager):
    from django.contrib.auth.models import Permission

    manager.groups.first().permissions.remove(Permission.objects.get(codename="use_what_if"))
    client.force_login(manager)

    assert offers(text(client.get(reverse("month", kwargs={"month": "2026-03"})))) == []
    assert offers(text(client.get(reverse("plans")))) == []
