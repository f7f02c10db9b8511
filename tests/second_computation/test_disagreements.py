"""The smallest cases where the engine and the second computation disagree, each worked by hand
from DOMAIN.md, so that it is plain which side is right.

All have one cause: the engine computes on 28-digit Decimals and divides by a value that does
not end (a pay attainment of 33.33…%, a proration of 2/30, a meetings_needed of 750/7), so a
value that is exact in DOMAIN.md's arithmetic comes out a last-digit crumb off. DOMAIN.md asks
for it exact: "multiply before dividing, so that an exact half cent (44296.875) is computed as
such and rounds up", and "statuses, alignment, ranks, thresholds and ties compare unrounded
values". The crumb then shows as a cent less (an exact half cent rounded down), a status one
band lower at a threshold, a rank split between equals, or a setter too many or too few.
"""

from second_computation import compute
from second_computation.engine_side import engine_documents


def _workspace(roles, plans, assignments, **data) -> dict:
    document = {
        "format": "otesite.workspace",
        "version": 4,
        "economics": [
            {
                "effective_from": "2025-01",
                "deal_value": "10000",
                "upfront_rate": "0.5",
                "show_rate": "0.4",
                "close_rate": "0.3",
                "cost_per_meeting": "50",
            }
        ],
        "roles": [{"name": name, "kind": kind} for name, kind in roles],
        "plans": [
            {"effective_from": "2025-01", "annual_ote": "60000", "annual_base": "0", "commission_rate": "0.1"} | plan
            for plan in plans
        ],
        "people": [{"name": name} for name in sorted({a["person"] for a in assignments})],
        "assignments": [{"end": None, "ramp": True} | a for a in assignments],
        "actuals": [],
        "person_actuals": [],
        "revenue": [],
        "deals": [],
        "closes": [],
    }
    economics = data.pop("economics", {})
    document["economics"][0].update(economics)
    return document | data


def _both(workspace: dict, month: str) -> tuple[dict, dict]:
    """(the engine's documents of the month, the second computation's)."""
    return engine_documents(workspace, [month])[month], compute(workspace, [month])[month]


HALF_CENT = _workspace(
    [("Closers", "closer")],
    [
        {
            "role": "Closers",
            "monthly_quota": "3",
            "clawback_months": 1,
            "tiers": [{"from_pct": "0", "multiplier": "0.5"}, {"from_pct": "50", "multiplier": "1"}],
        }
    ],
    [{"person": "Ana Ruiz", "role": "Closers", "start": "2024-01"}],
    deals=[
        {
            "id": "D-1",
            "closed_on": "2025-03-10",
            "value": "7777",
            "closers": [{"person": "Ana Ruiz", "share": "1"}],
            "cancelled_on": "2025-04-02",
        }
    ],
)


def test_an_exact_half_cent_of_commission_rounds_up_when_the_pay_attainment_does_not_end():
    # One deal of a 3-deal quota: pay attainment 33.33…%, in the band paid at 0.5. The deal's
    # upfront is 7,777 × 0.5 = 3,888.50; commission = 0.1 × 3,888.50 × 0.5 = 194.425 exactly,
    # written 194.43. The engine writes 194.42 in the metrics, the statement and the payroll.
    engine, second = _both(HALF_CENT, "2025-03")

    for documents in (second, engine):
        assert documents["metrics"]["roles"][0]["people"][0]["earnings"] == 194.43
        assert documents["statements"]["Ana Ruiz"]["commission"] == 194.43
        assert documents["statements"]["Ana Ruiz"]["deals"][0]["amount"] == 194.43
        assert documents["payroll"][0]["payable"] == 194.43


def test_an_exact_half_cent_clawback_rounds_away_from_zero():
    # D-1 is cancelled the next month, inside the 1-month window: minus its share of March's
    # commission, -194.425 exactly, written -194.43.
    engine, second = _both(HALF_CENT, "2025-04")

    for documents in (second, engine):
        assert documents["metrics"]["clawbacks"] == [{"person": "Ana Ruiz", "deal": "D-1", "amount": -194.43}]
        assert documents["statements"]["Ana Ruiz"]["clawbacks"][0]["amount"] == -194.43


def test_a_hire_on_a_day_exactly_at_the_near_target_threshold_is_near():
    # Dan Obi starts on 2025-09-29: 2 of 30 days, quota 4 × 2/30 = 0.2667. His 0.2 share of a
    # deal is 0.2 / (4 × 2/30) × 100 = 75% of quota exactly, and near_target_pct is 75: `near`.
    workspace = _workspace(
        [("Closers", "closer")],
        [{"role": "Closers", "monthly_quota": "4"}],
        [
            {"person": "Dan Obi", "role": "Closers", "start": "2025-09-29", "ramp": False},
            {"person": "Ana Ruiz", "role": "Closers", "start": "2024-01"},
        ],
        economics={"near_target_pct": "75"},
        deals=[
            {
                "id": "D-1",
                "closed_on": "2025-09-30",
                "value": "10000",
                "closers": [{"person": "Dan Obi", "share": "0.2"}, {"person": "Ana Ruiz", "share": "0.8"}],
            }
        ],
    )
    engine, second = _both(workspace, "2025-09")

    for documents in (second, engine):
        dan = documents["metrics"]["roles"][0]["people"][0]
        assert (dan["person"], dan["quota_attainment_pct"], dan["status"]) == ("Dan Obi", 75.0, "near")


def test_setters_covering_exactly_90_percent_need_no_more_setters():
    # 4 closers × 5 deals need 20 / (0.4 × 0.3) = 166.67 meetings; 3 setters × 50 supply 150:
    # coverage 150 / 166.67 = 90% exactly, not under 90%, so there is no setters_to_add.
    workspace = _workspace(
        [("Closers", "closer"), ("Setters", "setter")],
        [
            {"role": "Closers", "monthly_quota": "5"},
            {"role": "Setters", "monthly_quota": "50", "commission_rate": "0.03"},
        ],
        [],
        actuals=[
            {"month": "2025-03", "role": "Closers", "headcount": 4, "units": "20"},
            {"month": "2025-03", "role": "Setters", "headcount": 3, "units": "150"},
        ],
    )
    engine, second = _both(workspace, "2025-03")

    for documents in (second, engine):
        capacity = documents["metrics"]["insights"]["setter_capacity"]
        assert capacity["coverage_pct"] == 90.0
        assert "setters_to_add" not in capacity


def test_setters_to_add_closes_the_gap_exactly_without_one_more():
    # Closers' team quota: 2.5 (a ramp of 0.5) + 5 × 22/28 (leaves on the 22nd) + 3 × 5 = 150/7;
    # meetings needed 150/7 / (0.5 × 0.4) = 750/7. The one setter leaves on the 10th: 20 × 10/28
    # = 50/7 supplied. The gap is 700/7 = 100 meetings, 5 full setters of 20: setters_to_add 5.
    closers = [("Ana Ruiz", "2025-02", None, "3"), ("Eva Lund", "2024-12", "2025-02-22", "4")]
    closers += [
        ("Finn Moss", "2025-01", None, "1"),
        ("Gina Rossi", "2024-01", None, "2"),
        ("Hal Novak", "2024-01", None, "2"),
    ]
    workspace = _workspace(
        [("Closers", "closer"), ("Setters", "setter")],
        [
            {"role": "Closers", "monthly_quota": "5", "ramp": ["0.5"]},
            {"role": "Setters", "monthly_quota": "20", "commission_rate": "0.05"},
        ],
        [{"person": name, "role": "Closers", "start": start, "end": end} for name, start, end, _ in closers]
        + [{"person": "Ben Okafor", "role": "Setters", "start": "2024-08", "end": "2025-02-10"}],
        economics={"show_rate": "0.5", "close_rate": "0.4"},
        person_actuals=[{"month": "2025-02", "person": name, "units": units} for name, _, _, units in closers]
        + [{"month": "2025-02", "person": "Ben Okafor", "units": "12"}],
    )
    engine, second = _both(workspace, "2025-02")

    for documents in (second, engine):
        assert documents["metrics"]["insights"]["setter_capacity"]["setters_to_add"] == 5


def test_people_at_the_same_attainment_share_a_rank_whatever_their_proration():
    # Finn Moss starts on 2025-01-08 (24 of 31 days): 6 / (3 × 24/31) × 100 = 258.33…%.
    # Gina Rossi: 7.75 / 3 × 100 = 258.33…%. Equal attainment shares a rank: both are 1.
    workspace = _workspace(
        [("Closers", "closer")],
        [{"role": "Closers", "monthly_quota": "3"}],
        [
            {"person": "Finn Moss", "role": "Closers", "start": "2025-01-08", "ramp": False},
            {"person": "Gina Rossi", "role": "Closers", "start": "2024-01"},
        ],
        person_actuals=[
            {"month": "2025-01", "person": "Finn Moss", "units": "6"},
            {"month": "2025-01", "person": "Gina Rossi", "units": "7.75"},
        ],
    )
    engine, second = _both(workspace, "2025-01")

    for documents in (second, engine):
        people = documents["metrics"]["roles"][0]["people"]
        assert [(p["person"], p["rank"]) for p in people] == [("Finn Moss", 1), ("Gina Rossi", 1)]
