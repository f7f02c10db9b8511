"""The trends page's people charts: the ramp curve by hiring cohort and the people count."""

import json
import re
from datetime import date
from decimal import Decimal

from compensation.models import Assignment, Person, Role
from otesite.permissions import EVERYONE
from performance import engine
from performance.loader import load_range
from performance.models import PersonActual
from performance.web import people_charts

URL = "/performance/trends/"


def chart_data(response) -> dict:
    page = response.content.decode()
    return {
        element_id: json.loads(body)
        for element_id, body in re.findall(r'<script id="([^"]+)" type="application/json">(.*?)</script>', page, re.S)
    }


def test_the_trends_add_a_ramp_curve_and_a_people_count_when_people_are_tracked(as_board, people_team):
    data = chart_data(as_board.get(URL, {"from": "2026-01", "to": "2026-03"}))

    ramp = data["chart-ramp-curve-data"]
    people = data["chart-people-count-data"]
    assert ramp["labels"] == ["Month 1", "Month 2"]
    # Hired in the range: Dev (2026-01, 200% in his first month), Chloe (2026-02) and Hal (2026-03).
    assert [dataset["label"] for dataset in ramp["datasets"]] == ["Hired 2026-Q1", "Quota (100%)"]
    assert people["labels"] == ["Jan 2026", "Feb 2026", "Mar 2026"]
    with_numbers = next(d for d in people["datasets"] if d["label"] == "People with numbers")["data"]
    missing = next(d for d in people["datasets"] if d["label"] == "Assigned, no numbers")["data"]
    assert with_numbers == [5, 6, 6]
    assert missing == [0, 0, 1]  # Hal Novak in March


def test_the_ramp_curve_is_the_engines_mean_for_each_tenure_month(people_team):
    history = load_range(date(2026, 1, 1), date(2026, 3, 1), scope=EVERYONE)
    chart = people_charts.ramp_curve_chart(engine.ramp_curves(history.values()))

    q1 = engine.ramp_curves(history.values())
    cohort = next(curve for curve in q1 if curve.cohort == "2026-Q1")
    assert chart.series[0].values == [point.mean_quota_attainment_pct for point in cohort.points]


def test_people_hired_before_the_range_draw_no_ramp_line(people_team):
    # Ana, Ben (2025-10) and Eve (2025-11) are seen from their 4th month on: not a ramp.
    history = load_range(date(2026, 1, 1), date(2026, 3, 1), scope=EVERYONE)
    assert "2025-Q4" in [curve.cohort for curve in engine.ramp_curves(history.values())]
    labels = [series.label for series in people_charts.ramp_curve_chart(engine.ramp_curves(history.values())).series]
    assert "Hired 2025-Q4" not in labels

    # In March alone nobody is in their first month with numbers (Hal has none): no chart.
    march = load_range(date(2026, 3, 1), date(2026, 3, 1), scope=EVERYONE)
    assert people_charts.ramp_curve_chart(engine.ramp_curves(march.values())) is None


def test_a_team_kept_as_role_totals_gets_no_people_charts(as_board, example_agency):
    data = chart_data(as_board.get(URL))
    assert "chart-ramp-curve-data" not in data
    assert "chart-people-count-data" not in data


def test_a_new_cohort_draws_its_own_line(as_board, people_team):
    role = Role.objects.get(name="Account Executives")
    newcomer = Person.objects.create(name="Nia New")
    Assignment.objects.create(person=newcomer, role=role, start=date(2026, 3, 1))
    PersonActual.objects.create(person=newcomer, month=date(2026, 3, 1), units=Decimal("1"))

    ramp = chart_data(as_board.get(URL, {"from": "2026-01", "to": "2026-03"}))["chart-ramp-curve-data"]
    cohort = next(dataset for dataset in ramp["datasets"] if dataset["label"] == "Hired 2026-Q1")
    assert cohort["data"][0] is not None
