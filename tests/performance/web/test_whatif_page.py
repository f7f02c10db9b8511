"""The what-if page: base and scenario side by side, as a plain GET form and as htmx swaps,
the outcome spread and hiring, and the plan fixes offered as links wherever a plan is flagged."""

import json
import re
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import build_history
from django.urls import reverse

from otesite.lib.months import format_month
from performance.loader import QUERIES

WHAT_IF = reverse("what_if")


def text(response) -> str:
    return response.content.decode()


def scenario_section(response) -> str:
    page = text(response)
    return page[page.index('<div id="scenario"') :]


def cells(page: str, label: str) -> list[str]:
    """The base and scenario texts of the first row with `label`."""
    row = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", page, re.S)
    assert row, label
    return [
        re.sub(r"<[^>]+>|\s*●\s*|\s*\(changed\)", "", cell).strip()
        for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    ]


def offers(page: str) -> list[str]:
    """The change each fix link applies, in page order."""
    return re.findall(r'data-change="([^"]+)"', page)


# --- The page -------------------------------------------------------------------------------


def test_it_opens_on_the_latest_month_with_the_base_labelled_re_estimated(as_manager, example_agency):
    response = as_manager.get(WHAT_IF)

    page = text(response)
    assert response.status_code == 200
    assert 'What-if planning <span class="muted">· March 2026' in page
    assert "re-estimated</strong>, not the month as recorded" in page
    assert cells(page, "Total OTE a month") == ["$63,500", "$63,500"]
    assert "No changes yet: the scenario is the base." in page


def test_a_change_in_the_query_is_applied_and_its_difference_marked(as_manager, example_agency):
    response = as_manager.get(WHAT_IF, {"month": "2026-03", "change": "Setters.commission_rate=0.2"})

    page = scenario_section(response)
    assert cells(page, "Total pay (estimated)") == ["$47,628", "$57,834"]
    assert '<tr class="changed">\n  <th scope="row">Total pay (estimated)</th>' in page
    assert cells(page, "Total OTE a month") == ["$63,500", "$63,500"]
    assert "Unreachable" in page and "Aligned" in page
    # The change shows in its own input, which is what the form sends back.
    assert 'name="Setters.commission_rate" value="0.2"' in text(response)


def test_without_javascript_the_form_sends_one_input_per_role_and_field(as_manager, example_agency):
    response = as_manager.get(
        WHAT_IF, {"month": "2026-03", "Closers.annual_ote": "+20%", "close_rate": "", "revenue_goal": ""}
    )

    page = text(response)
    assert 'action="/what-if/"' in page and 'method="get"' in page
    assert cells(page, "Monthly OTE") == ["$5,670", "$6,804"]
    assert "Scenario: Closers.annual_ote=+20%" in page


def test_an_htmx_request_gets_the_scenario_alone_and_the_address_it_stands_for(as_manager, example_agency):
    response = as_manager.get(
        WHAT_IF,
        {"month": "2026-03", "Closers.headcount": "10", "revenue_goal": "500000"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="scenario",
    )

    page = text(response)
    assert page.lstrip().startswith('<div id="scenario"')
    assert "<html" not in page
    query = parse_qs(urlparse(response["HX-Replace-Url"]).query)
    assert query == {"month": ["2026-03"], "change": ["Closers.headcount=10"], "revenue_goal": ["500000"]}
    assert response["Vary"].count("HX-Request") == 1


def test_the_month_picker_swaps_the_whole_page_for_the_month_and_pushes_its_address(as_manager, example_agency):
    response = as_manager.get(WHAT_IF, {"month": "2026-02"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="main")

    page = text(response)
    assert "<html" in page and 'What-if planning <span class="muted">· February 2026' in page
    assert '<option value="2026-02" selected>February 2026</option>' in page
    picker = page[page.index('<form class="range-form no-print"') :]
    assert 'hx-target="#main" hx-select="#main"' in picker and 'hx-push-url="true"' in picker
    assert "HX-Target" in response["Vary"]


def test_a_change_that_cannot_be_applied_is_named_and_the_base_stays_on_screen(as_manager, example_agency):
    plain = as_manager.get(WHAT_IF, {"month": "2026-03", "Closers.headcount": "2.5"})
    swapped = as_manager.get(
        WHAT_IF, {"month": "2026-03", "Closers.headcount": "2.5"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="scenario"
    )

    assert plain.status_code == 400
    assert swapped.status_code == 200  # htmx swaps only 2xx answers
    assert "HX-Replace-Url" not in swapped
    for response in (plain, swapped):
        page = text(response)
        assert "&quot;Closers.headcount=2.5&quot;: headcount must be a whole number of people" in page
        assert cells(page, "Total OTE a month") == ["$63,500", "$63,500"]
    assert 'name="Closers.headcount" value="2.5"' in text(plain)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"change": "Sales.annual_ote=1"}, "there is no role &#x27;Sales&#x27;"),
        ({"change": "close_rate=30%"}, "write a relative change with its sign"),
        ({"revenue_goal": "lots"}, "must be a number ≥ 0"),
    ],
)
def test_every_way_in_is_read_by_the_one_parser(as_manager, example_agency, query, message):
    response = as_manager.get(WHAT_IF, {"month": "2026-03", **query})

    assert response.status_code == 400
    assert message in text(response)


def test_a_month_without_actuals_or_assumptions_says_why(as_manager, example_agency):
    no_actuals = text(as_manager.get(WHAT_IF, {"month": "2026-05"}))
    no_assumptions = text(as_manager.get(WHAT_IF, {"month": "2025-12"}))

    assert "2026-05 has no actuals; a what-if starts from a month with data" in no_actuals
    assert "2025-12 has no business assumptions" in no_assumptions


def test_without_any_data_the_page_says_there_is_no_month_to_start_from(as_manager):
    response = as_manager.get(WHAT_IF)

    assert response.status_code == 200
    assert "No month to start from" in text(response)


def test_the_outcome_spread_is_a_chart_and_a_table(as_manager, example_agency):
    page = text(as_manager.get(WHAT_IF, {"month": "2026-03", "change": "Closers.commission_rate=0.12"}))

    data = json.loads(
        re.search(r'<script id="whatif-outcomes-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    assert data["unit"] == "money"
    assert data["labels"] == [f"{level}% of quota" for level in (50, 80, 100, 120, 150)]
    assert [dataset["label"] for dataset in data["datasets"]] == ["Base pay", "Scenario pay", "Scenario total OTE"]
    assert data["datasets"][0]["data"][2] == 61803.0  # 8 × $5,670 + 2 × $1,417.50 + $13,608
    assert data["datasets"][1]["data"][2] == 61803.0 + 8 * 5 * 11340 * 0.02  # closers paid 12% instead of 10%
    assert data["datasets"][2]["data"] == [63500.0] * 5
    assert 'data-chart="whatif-outcomes-data"' in page
    assert "<script>" not in page  # no inline code: the static charts.js draws it
    # At 100%: 8 closers × 5 deals × $11,340 of revenue; pay as each plan's earnings at quota.
    row = re.search(r"<th scope=\"row\">100.0%</th>(.*?)</tr>", page, re.S).group(1)
    assert "$453,600" in row


def test_a_revenue_goal_is_answered_in_closers_and_setters(as_manager, example_agency):
    page = text(as_manager.get(WHAT_IF, {"month": "2026-03", "revenue_goal": "500000"}))

    assert "To bring in <strong>$500,000</strong> a month, the scenario needs" in page
    assert "12 closers" in page
    assert "24 setters" in page


def test_fix_links_on_the_what_if_page_keep_the_other_changes(as_manager, example_agency):
    page = text(as_manager.get(WHAT_IF, {"month": "2026-03", "change": ["close_rate=0.3", "Manager.monthly_quota=30"]}))

    def link_changes(field: str) -> list[str]:
        link = re.search(rf'<a href="([^"]+)" data-change="Manager.{field}=[^"]+"', page).group(1)
        return parse_qs(urlparse(link.replace("&amp;", "&")).query)["change"]

    rate = link_changes("commission_rate")
    quota = link_changes("monthly_quota")
    assert rate[:2] == ["close_rate=0.3", "Manager.monthly_quota=30"]
    assert rate[2].startswith("Manager.commission_rate=")
    assert quota[0] == "close_rate=0.3"
    assert len(quota) == 2  # the quota change is replaced by the fix, not doubled
    assert quota[1].startswith("Manager.monthly_quota=")


def test_following_a_fix_link_aligns_the_plan(as_manager, example_agency):
    for change in ("Setters.commission_rate=0.2", "Setters.monthly_quota=160", "Setters.annual_ote=17010"):
        page = scenario_section(as_manager.get(WHAT_IF, {"month": "2026-03", "change": change}))
        assert re.search(
            r"Setters <span class=\"muted kind\">Setter</span></h3>\s*<span class=\"badge alignment-aligned\"", page
        )


def test_board_members_try_scenarios_but_are_not_offered_to_save_them(as_board, example_agency):
    page = text(as_board.get(WHAT_IF))

    assert "Save this scenario" not in page
    assert "Saved scenarios" not in page
    assert 'href="/what-if/" aria-current="page">What-if' in page


def test_managers_are_offered_to_save_the_scenario_with_what_it_holds(as_manager, example_agency):
    page = text(as_manager.get(WHAT_IF, {"month": "2026-03", "Closers.headcount": "+25%", "revenue_goal": "400000"}))

    save = page[page.index('action="/what-if/save/"') :]
    assert 'name="csrfmiddlewaretoken"' in save
    assert '<input type="hidden" name="change" value="Closers.headcount=+25%" id="scenario-change_0">' in save
    assert '<input type="hidden" name="revenue_goal" value="400000" id="scenario-revenue_goal">' in save
    assert 'hx-preserve="true"' in save


@pytest.mark.parametrize("months", [3, 60])
def test_the_page_reads_a_fixed_number_of_queries_however_long_the_history(
    as_manager, django_assert_max_num_queries, months
):
    last = build_history(months)
    # The session, the user, the permissions (2), the months with data, the loader's, and the
    # navigation's count of open disputes.
    with django_assert_max_num_queries(6 + QUERIES):
        response = as_manager.get(WHAT_IF, {"month": format_month(last), "change": "Closers.headcount=10"})
    assert response.status_code == 200
