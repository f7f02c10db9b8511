"""The engine against a second computation of DOMAIN.md on random people-mode workspaces
without deals (the version 3 kind): person actuals with recorded and estimated credited deals
and earnings, role totals in some months, missing people, ramps, tiers, caps, a promotion, and
hires and departures on a day; every month's metrics, statements and payroll, value by value."""

import pytest

from second_computation.crosscheck import crosscheck, explain
from second_computation.generate_people import people_workspace

SEEDS = range(60)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_engine_writes_every_value_as_domain_md_defines_it(seed):
    workspace = people_workspace(seed)

    differing, compared = crosscheck(workspace)

    assert compared > 0
    assert differing == [], explain("people", seed, differing, compared)
