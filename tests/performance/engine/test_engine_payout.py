"""A plan's payout curve: earnings at each attainment through the tiers and the cap."""

from decimal import Decimal

from engine_cases import EXECUTIVES, PEOPLE_TEAM, SDRS, D, economics, plan

from otesite.lib.formatting import quantize
from performance.engine import CLOSER, SETTER, Tier, earnings_at_attainment, earnings_at_quota, payout_curve
from performance.engine.payout import attainment_points


def by_attainment(curve) -> dict[Decimal, Decimal]:
    return {point.attainment_pct: point.earnings for point in curve.points}


def test_the_curve_pays_base_plus_commission_through_the_marginal_tiers_up_to_the_cap():
    curve = by_attainment(payout_curve(CLOSER, EXECUTIVES, PEOPLE_TEAM))

    # $4,000 base; $1,000 a deal on 4.5 deals at quota; 1.5x from 100%, 2x from 150%, capped at 200%.
    assert curve[D(0)] == D(4000)
    assert curve[D(100)] == D(8500)
    assert curve[D(150)] == D(4000) + D(1000) * D("4.5") * D(175) / 100
    assert curve[D(200)] == D(4000) + D(1000) * D("4.5") * D(275) / 100
    assert max(curve) == D(200)


def test_at_quota_it_pays_earnings_at_quota_and_marks_ote_and_break_even():
    curve = payout_curve(CLOSER, EXECUTIVES, PEOPLE_TEAM)

    assert curve.earnings_at_quota == earnings_at_quota(CLOSER, EXECUTIVES, PEOPLE_TEAM)
    assert curve.monthly_ote == D(8000)
    assert quantize(curve.break_even_pct, 2) == D("88.89")  # 4,000 of variable at $45 a point
    assert curve.cap_pct == D(200)


def test_beyond_the_cap_nothing_more_is_paid():
    capped = plan(cap_pct=D("120"))

    assert earnings_at_attainment(CLOSER, capped, PEOPLE_TEAM, D(180)) == earnings_at_attainment(
        CLOSER, capped, PEOPLE_TEAM, D(120)
    )


def test_the_points_include_every_band_start_and_the_cap_so_the_drawn_line_is_exact():
    odd = plan(tiers=(Tier(D("0"), D("1")), Tier(D("85"), D("1.2"))), cap_pct=D("175"))

    points = attainment_points(odd)

    assert D(85) in points
    assert D(175) in points
    assert points == sorted(points)
    assert points[0] == 0
    assert points[-1] == 200


def test_setters_earn_on_the_deals_their_meetings_credit():
    curve = by_attainment(payout_curve(SETTER, SDRS, PEOPLE_TEAM))

    # 50 meetings × 0.5 show × 0.3 close = 7.5 deals at quota, $300 a deal; 0.5x to 50%, 1x to 100%.
    assert curve[D(100)] == D(3000) + D(300) * D("7.5") * D(75) / 100


def test_without_tiers_or_cap_the_curve_is_a_straight_line_through_earnings_at_quota():
    simple = plan()
    flat_economics = economics()

    curve = by_attainment(payout_curve(CLOSER, simple, flat_economics))

    assert curve[D(50)] * 2 == curve[D(100)]
    assert curve[D(200)] == curve[D(100)] * 2
