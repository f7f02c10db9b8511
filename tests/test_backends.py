"""otesite.backends.ModelBackend: Django's answers about permissions, from one query."""

import pytest
from django.contrib.auth import backends
from django.contrib.auth.models import AnonymousUser, Permission, User

from otesite.backends import ModelBackend


def fresh(user: User) -> User:
    """The user as a new request loads it, with no permissions cached on it yet."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def everyone(admin, manager, board_member, stranger) -> list[User]:
    direct = User.objects.create_user("dee_direct", password="correct horse battery staple")
    direct.user_permissions.add(Permission.objects.get(codename="view_plan_timeline"))
    manager.user_permissions.add(Permission.objects.get(codename="delete_monthlyactual"))
    boss = User.objects.create_superuser("sue_super", password="correct horse battery staple")
    gone = User.objects.create_user("ian_inactive", is_active=False)
    gone.groups.add(*admin.groups.all())
    return [admin, manager, board_member, stranger, direct, boss, gone]


def test_it_answers_as_djangos_model_backend_for_every_kind_of_user(everyone):
    for user in everyone:
        assert ModelBackend().get_all_permissions(fresh(user)) == backends.ModelBackend().get_all_permissions(
            fresh(user)
        ), user.username
    assert ModelBackend().get_all_permissions(AnonymousUser()) == set()


def test_group_and_own_permissions_together_take_one_query(everyone, django_assert_num_queries):
    manager = fresh(everyone[1])
    with django_assert_num_queries(1):
        assert manager.has_perm("performance.change_monthlyactual")
        assert manager.has_perm("performance.delete_monthlyactual")
        assert not manager.has_perm("compensation.change_quotaplan")


def test_it_loads_the_user_a_session_names_and_refuses_inactive_or_unknown_ones(everyone):
    backend = ModelBackend()
    manager, inactive = everyone[1], everyone[-1]
    assert backend.get_user(str(manager.pk)) == manager
    assert backend.get_user(inactive.pk) is None
    assert backend.get_user(10**9) is None
    assert backend.get_user("not a number") is None
