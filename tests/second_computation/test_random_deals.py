"""The engine against a second computation of DOMAIN.md on random workspaces kept by deals
(splits, setters present and missing, cancellations in the close month, inside the clawback
window and after it, hires and departures on a day, tiers, caps and ramps): every month's
metrics, statements and payroll, value by value. A failure lists each value that differs."""

import pytest

from second_computation.crosscheck import crosscheck, explain
from second_computation.generate_deals import deals_workspace

SEEDS = range(80)


@pytest.mark.parametrize("seed", SEEDS)
def test_the_engine_writes_every_value_as_domain_md_defines_it(seed):
    workspace = deals_workspace(seed)

    differing, compared = crosscheck(workspace)

    assert compared > 0
    assert differing == [], explain("deals", seed, differing, compared)
