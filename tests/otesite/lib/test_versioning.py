"""one_version_bump(): many writes, one new data version, in the writes' transaction."""

import pytest
from django.db import transaction

from compensation.models import Role
from otesite.lib.versioning import one_version_bump
from performance import cache


def test_writes_inside_the_block_change_the_version_once_at_its_end(db):
    before = cache.data_version()
    with one_version_bump():
        Role.objects.create(name="Closers", kind="closer")
        Role.objects.create(name="Setters", kind="setter")
        assert cache.data_version() == before  # not yet
    assert cache.data_version() != before


def test_a_block_without_writes_keeps_the_version(db):
    before = cache.data_version()
    with one_version_bump():
        list(Role.objects.all())
    assert cache.data_version() == before


def test_nested_blocks_bump_once_when_the_outer_one_ends(db):
    before = cache.data_version()
    with one_version_bump():
        with one_version_bump():
            Role.objects.create(name="Closers", kind="closer")
        assert cache.data_version() == before
    assert cache.data_version() != before


def _write_then_fail() -> None:
    with transaction.atomic(), one_version_bump():
        Role.objects.create(name="Closers", kind="closer")
        raise RuntimeError("the import failed")


def test_a_rolled_back_block_leaves_the_version_and_later_writes_bump_again(db):
    before = cache.data_version()
    with pytest.raises(RuntimeError):
        _write_then_fail()
    assert cache.data_version() == before
    Role.objects.create(name="Setters", kind="setter")  # the block no longer gathers anything
    assert cache.data_version() != before
