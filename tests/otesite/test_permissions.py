"""otesite.permissions: the one table of who may do what, the groups made from it, and what templates ask."""

from pathlib import Path

import pytest
from conftest import REPO
from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group, Permission, User

from otesite import permissions
from otesite.permissions import Can, is_board_member, sync_groups


def codenames(group: str) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in Group.objects.get(name=group).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def fresh(user: User) -> User:
    """The user as the next request loads it, with no permissions remembered on it."""
    return User.objects.get(pk=user.pk)


def test_the_migrated_groups_hold_exactly_what_the_table_says(groups):
    for name, held in permissions.GROUPS.items():
        assert codenames(name) == set(held), name


def test_syncing_again_takes_away_what_was_added_and_puts_back_what_was_removed(groups):
    board = Group.objects.get(name=permissions.BOARD)
    board.permissions.add(Permission.objects.get(codename="delete_quotaplan"))
    board.permissions.remove(Permission.objects.get(codename="view_plan_timeline"))

    sync_groups(apps)

    assert codenames(permissions.BOARD) == set(permissions.GROUPS[permissions.BOARD])


def test_a_misspelt_permission_in_the_table_is_refused_by_name(groups, monkeypatch):
    monkeypatch.setitem(permissions.GROUPS, permissions.BOARD, ("performance.view_monthlyactaul",))

    with pytest.raises(LookupError, match="performance.view_monthlyactaul"):
        sync_groups(apps)


def test_each_of_the_cast_may_do_what_their_group_is_for(admin, manager, board_member, stranger):
    assert Can.of(fresh(admin)) == Can(*[True] * 19, own_numbers=False, enter_deals=True, view_deals=True)  # not a rep
    assert Can.of(fresh(manager)) == Can(
        view_dashboard=True,
        enter_actuals=True,
        view_plans=True,
        use_what_if=True,
        view_scenarios=True,
        save_scenarios=True,
        view_leaderboards=True,
        view_people=True,
        review_month=True,
        view_statements=True,
        send_statements=True,
        view_disputes=True,
        view_deals=True,
        enter_deals=True,
    )
    assert Can.of(fresh(board_member)) == Can(
        view_dashboard=True,
        view_plans=True,
        view_plan_history=True,
        use_what_if=True,
        view_leaderboards=True,
        view_people=True,
        view_deals=True,
    )
    assert Can.of(fresh(stranger)) == Can()
    assert Can.of(AnonymousUser()) == Can()


def test_admin_links_are_offered_to_staff_only(manager):
    manager.groups.add(Group.objects.get(name=permissions.ADMINS))

    assert not Can.of(fresh(manager)).edit_plans
    assert not Can.of(fresh(manager)).use_admin


def test_board_members_are_the_board_group_unless_they_also_enter_actuals(admin, manager, board_member, stranger):
    assert is_board_member(fresh(board_member))
    assert not is_board_member(fresh(manager))
    assert not is_board_member(fresh(admin))
    assert not is_board_member(fresh(stranger))
    assert not is_board_member(AnonymousUser())
    manager.groups.add(Group.objects.get(name=permissions.BOARD))
    assert not is_board_member(fresh(manager))


def test_board_members_land_on_the_board_and_everyone_else_on_the_latest_month(as_board, example_agency, manager):
    assert as_board.get("/")["Location"] == "/board/"
    as_board.force_login(manager)
    assert as_board.get("/")["Location"] == "/performance/2026-03/"


def test_the_403_page_says_why_the_user_is_refused(as_stranger, example_agency):
    response = as_stranger.get("/performance/2026-03/")

    assert response.status_code == 403
    assert b"have access to this page" in response.content


@pytest.mark.parametrize("template", sorted((REPO / "templates").rglob("*.html")), ids=lambda path: path.name)
def test_templates_ask_can_never_a_permission_codename_or_a_group(template: Path):
    text = template.read_text()

    assert "perms." not in text
    assert "is_staff" not in text
    for group in permissions.GROUPS:
        assert f'"{group}"' not in text
        assert f"'{group}'" not in text


def test_a_scope_says_whose_numbers_a_viewer_sees(manager, db):
    from otesite.permissions import EVERYONE, NOBODY, Scope, scope_of

    assert scope_of(manager) == EVERYONE and EVERYONE.sees(12345)
    own = Scope(people=frozenset({7}))
    assert own.sees(7) and not own.sees(8) and not own.everyone
    assert not NOBODY.sees(7)
    assert (EVERYONE.key, own.key, Scope(people=frozenset({3, 1})).key) == ("all", "p7", "p1.3")
