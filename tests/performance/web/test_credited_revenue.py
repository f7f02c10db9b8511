"""Credited revenue where deals give it: the dashboard (role cards and ranked people), the month
leaderboard and a person's page show it in a month kept by deals, and only there."""

from datetime import date

from deal_cases import person

from otesite.lib.formatting import format_money
from otesite.permissions import EVERYONE
from performance.loader import load_month


def _ana_april():
    april = load_month(date(2026, 4, 1), scope=EVERYONE)
    ana = person("Ana Ruiz").pk
    return next(p for role in april.roles for p in role.people if p.person_id == ana)


def test_the_dashboard_shows_credited_revenue_in_a_month_kept_by_deals(as_manager, deals_team):
    html = as_manager.get("/performance/2026-04/").content.decode()

    assert "Credited revenue" in html
    assert format_money(_ana_april().credited_revenue) in html
    assert "is kept by deals" in html and 'href="/deals/2026-04/"' in html


def test_a_month_without_deals_shows_no_credited_revenue(as_manager, deals_team):
    html = as_manager.get("/performance/2026-03/").content.decode()

    assert "Credited revenue" not in html
    assert "kept by deals" not in html


def test_the_month_leaderboard_shows_credited_revenue(as_manager, deals_team):
    assert "Credited revenue" in as_manager.get("/leaderboard/2026-04/").content.decode()
    assert "Credited revenue" not in as_manager.get("/leaderboard/2026-03/").content.decode()


def test_a_persons_page_counts_a_month_kept_by_deals_with_its_credited_revenue(as_manager, deals_team):
    ana = person("Ana Ruiz")
    response = as_manager.get(f"/people/{ana.pk}/")

    april = next(row for row in response.context["history"].months if row.month == date(2026, 4, 1))
    assert april.metrics is not None and april.kept_by_deals
    html = response.content.decode()
    assert "Credited revenue" in html
    assert format_money(_ana_april().credited_revenue) in html


def test_the_statement_shows_the_deals_behind_commission_and_how_payable_is_reached(as_manager, deals_team):
    ana = person("Ana Ruiz")

    april = as_manager.get(f"/statements/2026-04/{ana.pk}/").content.decode()
    may = as_manager.get(f"/statements/2026-05/{ana.pk}/").content.decode()

    assert "Commission, deal by deal" in april and "HS-1" in april and "HS-3" in april
    assert "Clawbacks and payable" in may and "HS-3" in may
    assert "earnings + clawbacks" in may
