"""What a role's month and a person's month are measured by alike: credited deals and status."""

from __future__ import annotations

from decimal import Decimal

from performance.engine.arithmetic import HUNDRED, at_least
from performance.engine.paycurve import units_to_deals
from performance.engine.types import Actual, Economics, PersonActual
from performance.engine.vocabulary import BELOW, NEAR, ON_TARGET, SETTER


def credited_deals(kind: str, actual: Actual | PersonActual, economics: Economics) -> Decimal:
    """As recorded; else closer, manager: units; setter: meetings_held × close_rate when
    meetings_held is recorded, else units × show_rate × close_rate."""
    if actual.credited_deals is not None:
        return actual.credited_deals
    if kind == SETTER and actual.meetings_held is not None:
        return actual.meetings_held * economics.close_rate
    return actual.units * units_to_deals(kind, economics)


def status(quota_attainment: Decimal, economics: Economics) -> str:
    """``on_target`` from 100%, ``near`` from near_target_pct, else ``below``."""
    if at_least(quota_attainment, HUNDRED):
        return ON_TARGET
    if at_least(quota_attainment, economics.near_target_pct):
        return NEAR
    return BELOW
