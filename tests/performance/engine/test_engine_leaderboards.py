"""The range leaderboard and the ramp curve, over the people_team example's three months."""

from decimal import Decimal

import pytest
from engine_cases import D, example_months

from otesite.lib.formatting import quantize
from performance.engine import hiring_cohort, ramp_curves, range_leaderboard


def two_places(value: Decimal | None) -> Decimal | None:
    return None if value is None else quantize(value, 2)


def boards() -> dict:
    return {board.role: board for board in range_leaderboard(example_months("people_team"))}


def test_the_range_leaderboard_divides_summed_units_by_summed_quota() -> None:
    executives = boards()["Account Executives"]

    # Dev 7 / (2 + 3), Ana 16 / (4 + 4 + 4.5), Chloe 4.375 / (2 + 3.375), Ben 9.5 / 12.5
    assert [(e.person_id, e.rank, e.months, two_places(e.quota_attainment_pct)) for e in executives.entries] == [
        ("Dev Patel", 1, 2, D("140.00")),
        ("Ana Ruiz", 2, 3, D("128.00")),
        ("Chloe Martin", 3, 2, D("81.40")),
        ("Ben Okafor", 4, 3, D("76.00")),
    ]
    assert (executives.entries[1].units, executives.entries[1].quota) == (D("16"), D("12.5"))


def test_a_person_who_changed_roles_appears_under_each() -> None:
    by_role = boards()

    assert [e.person_id for e in by_role["SDRs"].entries] == ["Eve Tanaka", "Dev Patel"]
    assert by_role["SDRs"].entries[1].quota_attainment_pct == D("80")  # 40 / 50 in 2026-03
    assert "Dev Patel" in [e.person_id for e in by_role["Account Executives"].entries]


def test_roles_kept_as_totals_have_no_leaderboard() -> None:
    assert list(boards()) == ["Account Executives", "SDRs", "Head of Sales"]


def test_the_range_leaderboard_shares_ranks_on_equal_attainment() -> None:
    march_only = range_leaderboard(example_months("people_team")[2:])
    executives = march_only[0]

    # Ben 4.5 / 4.5 and Chloe 3.375 / 3.375: both 100%, after Ana
    assert [(e.person_id, e.rank) for e in executives.entries] == [
        ("Ana Ruiz", 1),
        ("Ben Okafor", 2),
        ("Chloe Martin", 2),
    ]


def test_months_that_could_not_be_computed_are_skipped() -> None:
    assert range_leaderboard([None, *example_months("people_team")]) == range_leaderboard(example_months("people_team"))


@pytest.mark.parametrize(
    ("start", "cohort"),
    [("2026-01", "2026-Q1"), ("2026-03", "2026-Q1"), ("2026-04", "2026-Q2"), ("2025-12", "2025-Q4")],
)
def test_a_hiring_cohort_is_the_quarter_of_the_start(start: str, cohort: str) -> None:
    assert hiring_cohort(start) == cohort


def test_the_ramp_curve_averages_attainment_by_tenure_month_per_cohort() -> None:
    curves = {curve.cohort: curve for curve in ramp_curves(example_months("people_team"))}

    assert list(curves) == ["2025-Q1", "2025-Q4", "2026-Q1"]
    # 2026-Q1: Dev as an executive (200%, 100%) and Chloe (50%, 100%); Dev's SDR move has no ramp
    assert [(p.tenure_month, p.mean_quota_attainment_pct, p.person_actuals) for p in curves["2026-Q1"].points] == [
        (1, D("125"), 2),
        (2, D("100"), 2),
    ]
    # 2025-Q4, tenure month 4: Ana 125%, Ben 75% (2026-01) and Eve 90% (2026-02)
    fourth = next(p for p in curves["2025-Q4"].points if p.tenure_month == 4)
    assert two_places(fourth.mean_quota_attainment_pct) == D("96.67")
    assert [p.tenure_month for p in curves["2025-Q1"].points] == [13, 14, 15]


def test_the_ramp_curve_can_keep_one_role() -> None:
    curves = ramp_curves(example_months("people_team"), role="SDRs")

    assert [(curve.cohort, [p.tenure_month for p in curve.points]) for curve in curves] == [("2025-Q4", [3, 4, 5])]
