"""A rep's self-service on /me/: what the next band of their pay curve starts at and pays, how
many more units reach it and quota, their year to date (earnings, payable, attainment as
Σ units ÷ Σ quota) and their plan as in force, all from the engine's statements."""

import html
import json
import re
from decimal import Decimal

import pytest
from conftest import EXAMPLES
from django.contrib.auth.models import User

from compensation.models import Person
from otesite.lib.formatting import format_money, format_percent, format_units

EXPECTED = json.loads((EXAMPLES / "people_team.expected.json").read_text())


def text(response) -> str:
    return html.unescape(response.content.decode())


def words(response) -> str:
    """The page's text without its tags, as a reader reads it."""
    return re.sub(r"<[^>]+>", "", text(response))


def login_as_person(client, name: str) -> None:
    username = name.split()[0].lower()
    user = User.objects.create_user(username, password="correct horse battery staple")
    Person.objects.filter(name=name).update(user=user)
    client.force_login(user)


def expected_months(name: str) -> list[dict]:
    return [
        person
        for document in EXPECTED.values()
        for role in document["roles"]
        for person in role.get("people", [])
        if person["person"] == name
    ]


def test_at_quota_exactly_the_next_band_and_the_units_to_reach_it(client, people_team):
    login_as_person(client, "Ben Okafor")  # 2026-03: 4.5 of 4.5 deals, pay attainment 100%

    page = words(client.get("/me/"))

    assert "Quota reached: 4.5 of 4.5 deals." in page
    assert "Your next band starts at 150.0% of your full quota and pays × 2: 2.25 more deals reach it." in page


def test_below_quota_the_units_short_of_quota_and_of_the_next_band(client, people_team):
    login_as_person(client, "Dev Patel")  # 2026-03: an SDR, 40 of 50 meetings, pay attainment 80%

    page = words(client.get("/me/"))

    assert "10 more meetings reach your quota of 50." in page
    assert "Your next band starts at 100.0% of your full quota and pays × 1.25: 10 more meetings reach it." in page


def test_in_the_last_band_it_says_so_with_the_cap(client, people_team):
    login_as_person(client, "Ana Ruiz")  # 155.6%: the 150% band, capped at 200%

    assert "You are in the last band of your pay curve, up to its cap at 200.0%." in text(client.get("/me/"))


def test_the_year_to_date_adds_up_the_statements(client, people_team):
    login_as_person(client, "Ben Okafor")
    months = expected_months("Ben Okafor")
    earnings = sum(Decimal(str(m["earnings"])) for m in months)
    units = sum(Decimal(str(m["units"])) for m in months)
    quota = sum(Decimal(str(m["quota"])) for m in months)

    page = text(client.get("/me/"))
    ytd = page[page.index('id="ytd-title"') : page.index('id="plan-title"')]

    assert f'2026 to date <span class="muted">· {len(months)} months' in ytd
    assert f"<dt>Earnings</dt><dd>{format_money(earnings)}</dd>" in ytd
    assert f"<dt>Payable</dt><dd>{format_money(earnings)}</dd>" in ytd  # no clawbacks yet
    assert f"<dt>Attainment</dt><dd>{format_percent(units / quota * 100)}</dd>" in ytd
    assert f"{format_units(units)} of {format_units(quota)}" in ytd


def test_the_plan_as_in_force_reads_rate_quota_cap_ramp_and_bands(client, people_team):
    login_as_person(client, "Ana Ruiz")

    page = text(client.get("/me/"))
    plan = page[page.index('id="plan-title"') :]

    assert "Account Executives, March 2026" in plan
    for fact in (
        "<dt>Commission rate</dt><dd>10.0%</dd>",
        "<dt>Full monthly quota</dt><dd>4.5 deals</dd>",
        "<dt>Cap</dt><dd>200.0%</dd>",
        "<dt>Ramp</dt><dd>month 1: 50.0%, month 2: 75.0%</dd>",
    ):
        assert fact in plan
    for band in ("0.0% to 100.0%: × 1", "100.0% to 150.0%: × 1.5", "150.0% to 200.0%: × 2"):
        assert band in plan
    assert "<dt>Clawback window</dt><dd>none</dd>" in plan  # the example's plans claw nothing back


@pytest.mark.parametrize("name", ["Ana Ruiz", "Gina Rossi"])
def test_the_page_still_shows_nobody_elses_pay(client, people_team, name):
    login_as_person(client, name)

    page = text(client.get("/me/"))

    for other in Person.objects.exclude(name=name):
        assert other.name not in page
