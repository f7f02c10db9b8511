from decimal import Decimal

import pytest
from pages import queries_for
from story import build_story

from compensation.models import Economics, QuotaPlan
from otesite.lib.parse import parse_month

URL = "/plans/history/"
TIMELINE_QUERIES = 9  # session, user, own and group permissions, roles, plans, plan history, economics, its history


def test_admins_and_board_members_see_the_plan_timeline(client, admin, board_member, story):
    for user in (admin, board_member):
        client.force_login(user)
        assert client.get(URL).status_code == 200


@pytest.mark.parametrize("who", ["as_manager", "as_stranger"])
def test_managers_and_strangers_are_refused(db, request, who):
    assert request.getfixturevalue(who).get(URL).status_code == 403


def test_each_plan_version_says_which_months_it_governs(as_board, story):
    page = as_board.get(URL).content.decode()
    assert "governs 2024-05 to 2025-07" in page  # the closers' first plan
    assert "governs 2025-08 to now" in page  # ...and the one after the deals grew
    assert "governs 2024-05 to 2025-10" in page  # the setters' unreachable plan, fixed in 2025-11
    assert "governs 2025-11 to now" in page


def test_a_plan_starting_after_this_month_is_marked_scheduled(as_board, story):
    QuotaPlan.objects.create(
        role=story["Closers"],
        effective_from=parse_month("2099-01"),
        annual_ote=Decimal("70000"),
        monthly_quota=Decimal("5"),
        commission_rate=Decimal("0.1"),
    )
    page = as_board.get(URL).content.decode()
    assert "governs 2099-01 to now" in page
    assert "scheduled" in page


def test_the_audit_trail_says_who_changed_what_with_old_and_new_values(as_board, admin, story):
    plan = QuotaPlan.objects.get(role=story["Closers"], effective_from=parse_month("2025-08"))
    plan.commission_rate = Decimal("0.095")
    plan._history_user = admin
    plan.save()
    timeline = as_board.get(URL).context["timeline"]
    closers = next(item for item in timeline.roles if item.role.name == "Closers")
    change = closers.audit[0]
    assert (change.action, change.user, change.subject) == ("Changed", "ada_admin", "Closers plan from 2025-08")
    assert [(item.field, item.old, item.new) for item in change.changes] == [("Commission rate", "0.0925", "0.095")]
    created = closers.audit[-1]
    assert created.action == "Created"
    assert created.user == "system"
    page = as_board.get(URL).content.decode()
    assert "by ada_admin" in page
    assert "<td>0.0925</td><td>0.095</td>" in page


def test_a_deleted_plan_stays_in_the_audit_trail(as_board, story):
    plan = QuotaPlan.objects.create(
        role=story["Setters"],
        effective_from=parse_month("2026-06"),
        annual_ote=Decimal("70000"),
        monthly_quota=Decimal("100"),
        commission_rate=Decimal("0.05"),
    )
    plan.delete()
    setters = next(item for item in as_board.get(URL).context["timeline"].roles if item.role.name == "Setters")
    assert setters.audit[0].action == "Deleted"
    assert setters.audit[0].subject == "Setters plan from 2026-06"


def test_business_assumptions_have_their_own_timeline_and_trail(as_board, story):
    economics = Economics.objects.get(effective_from=parse_month("2025-08"))
    economics.show_rate = Decimal("0.3")
    economics.save()
    timeline = as_board.get(URL).context["timeline"]
    assert [version.governs for version in timeline.economics] == [
        "governs 2024-05 to 2025-07",
        "governs 2025-08 to now",
    ]
    assert [(c.field, c.old, c.new) for c in timeline.economics_audit[0].changes] == [("Show rate", "0.28", "0.3")]


@pytest.mark.parametrize("months", [12, 90])
def test_the_timeline_takes_a_fixed_number_of_queries(as_board, months):
    roles = build_story(months=months)
    for quota in range(months // 6):  # more changes with more history
        plan = QuotaPlan.objects.filter(role=roles["Closers"]).first()
        plan.monthly_quota = Decimal(5 + quota)
        plan.save()
    assert queries_for(as_board, URL, {}) == TIMELINE_QUERIES
