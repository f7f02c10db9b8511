"""/me/ in a month kept by deals: a rep sees their own deals of the month and what each paid them,
their clawbacks, and never another person's deals or pay (two reps)."""

from datetime import date

import pytest
from deal_cases import person

from otesite.lib.formatting import format_money
from otesite.permissions import EVERYONE
from performance import engine
from performance.loader import load_month


@pytest.fixture
def rep_client(client, django_user_model, deals_team):
    def log_in(name: str):
        user = django_user_model.objects.create_user(name.split()[0].lower())
        found = person(name)
        found.user = user
        found.save()
        client.force_login(user)
        return client

    return log_in


def test_a_rep_sees_their_deals_of_the_month_and_what_each_paid_them(rep_client, deals_team):
    html = rep_client("Hal Novak").get("/me/").content.decode()

    april = load_month(date(2026, 4, 1), scope=EVERYONE)
    hal = person("Hal Novak").pk
    statement = engine.statement(april, hal)
    assert "My deals in" in html
    assert "HS-2" in html
    assert [deal.deal_id for deal in statement.deals] == ["HS-2"]
    assert f'<td class="num">{format_money(statement.deals[0].amount)}</td></tr>' in html
    assert "HS-1" not in html and "HS-3" not in html  # Ana's and Ben's deals


def test_two_reps_see_only_their_own_deals(rep_client, deals_team):
    ana = rep_client("Ana Ruiz").get("/me/")
    ana_html = ana.content.decode()
    assert "HS-1" in ana_html and "HS-3" in ana_html
    assert "HS-2" not in ana_html
    assert "Hal Novak" not in ana_html and "Ben Okafor" not in ana_html

    ben_html = rep_client("Ben Okafor").get("/me/").content.decode()
    assert "HS-1" in ben_html
    assert "HS-2" not in ben_html and "HS-3" not in ben_html
    assert "Ana Ruiz" not in ben_html


def test_a_clawback_after_the_month_is_listed_with_what_is_payable(rep_client, deals_team):
    response = rep_client("Ana Ruiz").get("/me/")

    may = next(row for row in response.context["history"] if row.month == date(2026, 5, 1))
    assert may.figures is None and may.statement.payable < 0
    assert "clawbacks only" in response.content.decode()
    assert response.context["current"].month == date(2026, 4, 1)
