"""Deals from files (performance/exchange/deals_csv.py): our Deals CSV, a HubSpot export and a
Salesforce report read as they come, every refusal DOMAIN.md names said with its row and column
and nothing stored, the lock on approved months, re-imports that change nothing, history rows
that say who and why, a fixed number of queries for any file size, and the same metrics
whichever way the same deals come in."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from api_cases import post, token_client
from closing_cases import APRIL, approve
from deals_cases import (
    HUBSPOT_HEADER,
    OURS_HEADER,
    SALESFORCE_HEADER,
    csv_bytes,
    everything,
    hubspot_row,
    read,
    salesforce_row,
)
from django.core.management import call_command

from compensation.models import Person
from otesite.lib import jsonnum
from otesite.permissions import EVERYONE
from performance.documents.metrics import to_metrics_json
from performance.exchange.deals_csv import DealsRefused, read_deals
from performance.loader import load_range
from performance.models import Deal, DealCloser

MAY = date(2026, 5, 1)
TWO_DEALS = (
    OURS_HEADER,
    "HS-1,2026-04-14,16200,,Ana Ruiz:0.5;Ben Okafor:0.5,Eve Tanaka,",
    "HS-2,2026-04-20,9000,4000,Hal Novak,,",
)


def problems(result) -> list[str]:
    return [str(problem) for problem in result.problems]


def refused(*lines: str, fmt: str = "otesite") -> list[str]:
    """The problems of a file, after trying to store it: nothing may have changed."""
    before = everything()
    result = read(*lines, fmt=fmt)
    assert not result.ok
    with pytest.raises(DealsRefused):
        result.apply(reason="test")
    assert everything() == before
    return problems(result)


# --- our Deals CSV ----------------------------------------------------------------------------


def test_our_csv_adds_deals_with_split_shares_a_setter_and_upfront(people_team):
    result = read(*TWO_DEALS)

    assert result.ok, problems(result)
    assert result.summary() == "2 created, 0 changed, 0 unchanged"
    result.apply(reason="test")
    hs1 = Deal.objects.get(crm_id="HS-1")
    assert hs1.setter.name == "Eve Tanaka"
    assert sorted((c.person.name, c.share) for c in hs1.closers.all()) == [
        ("Ana Ruiz", Decimal("0.5")),
        ("Ben Okafor", Decimal("0.5")),
    ]
    assert Deal.objects.get(crm_id="HS-2").upfront == Decimal("4000")


def test_a_person_may_be_written_by_e_mail_in_any_case(people_team):
    result = read(OURS_HEADER, "HS-1,2026-04-14,16200,,ANA@example.com,,")

    assert result.ok, problems(result)
    assert result.rows[0][1].closers == ((Person.objects.get(name="Ana Ruiz").pk, Decimal(1)),)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "HS-1,2026-04-14,$16200,,Ana Ruiz,,",
            "row 3, column value: must be a plain amount such as 16200 or 16,200.00",
        ),
        ('HS-1,2026-04-14,"16,200 EUR",,Ana Ruiz,,', "row 3, column value: must be a plain amount"),
        ("HS-1,2026-04-14,16200,,Zed Nobody,,", 'row 3, column closers: "Zed Nobody" is not a person'),
        ("HS-1,2026-04-14,16200,,Ana Ruiz,Zed Nobody,", 'row 3, column setter: "Zed Nobody" is not a person'),
        ("HS-1,2026-02-30,16200,,Ana Ruiz,,", 'row 3, column closed_on: "2026-02-30" is not a day of the calendar'),
        ("HS-1,14/04/2026,16200,,Ana Ruiz,,", 'row 3, column closed_on: "14/04/2026" is not a date'),
        (
            "HS-1,2026-04-14,16200,,Ana Ruiz:0.5;Ben Okafor:0.4,,",
            "row 3, column closers: The closers' shares add up to 0.9",
        ),
        ("HS-1,2026-04-14,16200,,Ana Ruiz:0;Ben Okafor:1,,", "row 3, column closers: Ana Ruiz's share must be above 0"),
        (
            "HS-1,2026-04-14,16200,,Ana Ruiz:half;Ben Okafor:0.5,,",
            'row 3, column closers: the share of "Ana Ruiz" must be',
        ),
        ("HS-1,2026-04-14,16200,,Ana Ruiz;Ben Okafor,,", 'row 3, column closers: "Ana Ruiz" needs a share'),
        (
            "HS-1,2026-04-14,16200,,Eve Tanaka,,",
            "row 3, column closers: Eve Tanaka holds SDRs (a setter role) in 2026-04",
        ),
        ("HS-1,2026-04-14,16200,,Ana Ruiz,Ben Okafor,", "row 3, column setter: Ben Okafor holds Account Executives"),
        ("HS-1,2026-04-14,16200,17000,Ana Ruiz,,", "row 3, column upfront: The upfront revenue (17000) cannot be more"),
        ("HS-1,2026-04-14,0,,Ana Ruiz,,", "row 3, column value: The value must be greater than 0."),
        ("HS-1,2026-04-14,16200,,Ana Ruiz,,2026-04-01", "row 3, column cancelled_on: A deal cannot be cancelled"),
        ("HS-1,2999-04-14,16200,,Ana Ruiz,,", "row 3, column closed_on: 2999-04-14 is after today"),
        ("HS-1,2026-03-14,16200,,Ana Ruiz,,", "row 3, column closed_on: 2026-03 has person actuals of closers"),
        (",2026-04-14,16200,,Ana Ruiz,,", "row 3, column id: is required"),
        ("HS-1,2026-04-14,16200,,,,", "row 3, column closers: is required"),
        ("HS-1,2026-04-14,16200,,Ana Ruiz", "row 3: has 5 cells where the header has 7"),
    ],
)
def test_our_csv_refuses_what_cannot_be_read_naming_row_and_column(people_team, row, expected):
    found = refused(OURS_HEADER, "HS-0,2026-04-02,100,,Ana Ruiz,,", row)

    assert any(problem.startswith(expected) for problem in found), found


def test_one_id_twice_in_a_file_is_refused_naming_both_rows(people_team):
    found = refused(OURS_HEADER, "HS-1,2026-04-14,16200,,Ana Ruiz,,", "HS-1,2026-04-15,9000,,Ben Okafor,,")

    assert found == ["row 3, column id: HS-1 is already on row 2"]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id,closed_on,value,closers,region", 'header: unknown column "region"'),
        ("id,closed_on,closers", 'header: missing column "value"'),
        ("id;closed_on;value;closers", "header: columns must be separated by commas, not semicolons"),
        ("id,closed_on,value,closers,value", 'header: column "value" appears twice'),
    ],
)
def test_our_csv_checks_the_header_before_any_row(people_team, header, expected):
    found = refused(header, "HS-1,2026-04-14,16200,Ana Ruiz")

    assert any(problem.startswith(expected) for problem in found), found


def test_a_file_that_is_not_utf8_csv_is_refused(people_team):
    before = everything()
    result = read_deals(io.BytesIO(OURS_HEADER.encode() + b"\r\nHS-1,2026-04-14,16200,,Ana Ru\xefz,,\r\n"))

    assert problems(result) == [
        'file: line 2 is not UTF-8 text: this is not a UTF-8 CSV file; in a spreadsheet, save it as "CSV UTF-8'
        ' (comma delimited)"'
    ]
    assert everything() == before


def test_an_empty_file_and_a_header_alone_are_refused(people_team):
    assert problems(read_deals(io.BytesIO(b""))) == [
        "file: is empty; the first row must be the header: id,closed_on,value,upfront,closers,setter,cancelled_on"
    ]
    assert problems(read(OURS_HEADER)) == ["file: has no deals under the header"]


def test_every_problem_is_counted_and_the_first_ones_kept(people_team):
    rows = [f"HS-{n},2026-04-14,${n},,Ana Ruiz,," for n in range(120)]
    result = read(OURS_HEADER, *rows)

    assert result.problem_count == 120
    assert len(result.first_problems) == 50 and result.more_problems == 70


# --- the CRM exports ---------------------------------------------------------------------------


def test_a_hubspot_export_is_read_as_it_comes_skipping_and_counting_other_stages(people_team):
    result = read(
        HUBSPOT_HEADER,
        hubspot_row("1001", "2026-04-14 10:22", "Ana Ruiz", "16,200.00"),
        hubspot_row("1002", "2026-04-15", "ana@example.com", "9000"),
        hubspot_row("1003", "2026-04-16", "Ben Okafor", "5000", stage="Closed Lost"),
        hubspot_row("1004", "", "Ben Okafor", "", stage="Appointment Scheduled"),
        hubspot_row("1005", "2026-04-16", "Ben Okafor", "5000", stage="Closed Lost"),
        fmt="hubspot",
    )

    assert result.ok, problems(result)
    assert result.summary() == "2 created, 0 changed, 0 unchanged; skipped 3: Closed Lost 2, Appointment Scheduled 1"
    result.apply(reason="test")
    assert list(Deal.objects.values_list("crm_id", "closed_on", "value")) == [
        ("1001", date(2026, 4, 14), Decimal("16200")),
        ("1002", date(2026, 4, 15), Decimal("9000")),
    ]


def test_hubspot_columns_are_matched_ignoring_case_and_spaces_and_a_setter_column_is_read(people_team):
    result = read(
        " record id , CLOSE DATE,amount,deal owner,deal stage, Setter ",
        "1001,2026-04-14,16200,Ana Ruiz,Closed Won,Eve Tanaka",
        fmt="hubspot",
    )

    assert result.ok, problems(result)
    assert result.rows[0][1].setter_id == Person.objects.get(name="Eve Tanaka").pk


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (hubspot_row("1001", "2026-04-14", "Ana Ruiz", "$16,200.00"), "row 3, column Amount: must be a plain amount"),
        (hubspot_row("1001", "2026-04-14", "Ana Ruiz", "16200 USD"), "row 3, column Amount: must be a plain amount"),
        (hubspot_row("1001", "2026-04-14", "Zed Nobody", "16200"), 'row 3, column Deal owner: "Zed Nobody" is not'),
        (hubspot_row("1001", "2026-04-31", "Ana Ruiz", "16200"), 'row 3, column Close Date: "2026-04-31" is not a day'),
        (hubspot_row("1001", "2026-04-14", "Eve Tanaka", "16200"), "row 3, column Deal owner: Eve Tanaka holds SDRs"),
        (hubspot_row("1000", "2026-04-14", "Ana Ruiz", "16200"), "row 3, column Record ID: 1000 is already on row 2"),
    ],
)
def test_a_hubspot_export_is_refused_naming_row_and_column(people_team, row, expected):
    found = refused(HUBSPOT_HEADER, hubspot_row("1000", "2026-04-02", "Ana Ruiz", "100"), row, fmt="hubspot")

    assert any(problem.startswith(expected) for problem in found), found


def test_a_hubspot_export_without_its_stage_column_is_refused(people_team):
    found = refused("Record ID,Close Date,Amount,Deal owner", "1001,2026-04-14,16200,Ana Ruiz", fmt="hubspot")

    assert found[0].startswith('header: missing column "Deal Stage"')


def test_a_salesforce_report_reads_us_dates_and_skips_other_stages(people_team):
    result = read(
        SALESFORCE_HEADER,
        salesforce_row("006A1", "4/14/2026", "Ana Ruiz", "16,200.00"),
        salesforce_row("006A2", "2026-04-15", "Ben Okafor", "9000"),
        salesforce_row("006A3", "4/16/2026", "Ben Okafor", "5000", stage="Negotiation/Review"),
        fmt="salesforce",
    )

    assert result.ok, problems(result)
    assert result.summary() == "2 created, 0 changed, 0 unchanged; skipped 1: Negotiation/Review 1"
    result.apply(reason="test")
    assert Deal.objects.get(crm_id="006A1").closed_on == date(2026, 4, 14)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (salesforce_row("006A1", "4/14/2026", "Ana Ruiz", "USD 16200"), "row 3, column Amount: must be a plain amount"),
        (salesforce_row("006A1", "4/14/2026", "Nobody", "16200"), 'row 3, column Opportunity Owner: "Nobody" is not'),
        (
            salesforce_row("006A1", "2/30/2026", "Ana Ruiz", "16200"),
            'row 3, column Close Date: "2/30/2026" is not a day',
        ),
        (salesforce_row("006A0", "4/14/2026", "Ana Ruiz", "16200"), "row 3, column Opportunity ID: 006A0 is already"),
    ],
)
def test_a_salesforce_report_is_refused_naming_row_and_column(people_team, row, expected):
    first = salesforce_row("006A0", "4/2/2026", "Ana Ruiz", "100")
    found = refused(SALESFORCE_HEADER, first, row, fmt="salesforce")

    assert any(problem.startswith(expected) for problem in found), found


def test_a_stored_deal_shown_in_another_stage_is_reported_and_left_as_it_was(people_team):
    read(HUBSPOT_HEADER, hubspot_row("1001", "2026-04-14", "Ana Ruiz", "16200"), fmt="hubspot").apply(reason="t")
    before = everything()

    result = read(HUBSPOT_HEADER, hubspot_row("1001", "2026-04-14", "Ana Ruiz", "16200", "Closed Lost"), fmt="hubspot")

    assert result.notices == ["row 2: deal 1001 is stored, and this file shows it as Closed Lost: left as it was"]
    assert problems(result) == ["file: has no Closed Won deals"]
    assert everything() == before


def test_a_crm_export_keeps_the_upfront_setter_and_cancellation_it_does_not_carry(people_team):
    read(OURS_HEADER, "1001,2026-04-14,16200,8000,Ana Ruiz,Eve Tanaka,2026-05-03").apply(reason="ours")

    result = read(HUBSPOT_HEADER, hubspot_row("1001", "2026-04-14", "Ana Ruiz", "16200"), fmt="hubspot")

    assert result.summary() == "0 created, 0 changed, 1 unchanged"
    result = read(HUBSPOT_HEADER, hubspot_row("1001", "2026-04-15", "Ana Ruiz", "16200"), fmt="hubspot")
    result.apply(reason="crm")
    deal = Deal.objects.get()
    assert (deal.closed_on, deal.upfront, deal.setter.name, deal.cancelled_on) == (
        date(2026, 4, 15),
        Decimal("8000"),
        "Eve Tanaka",
        date(2026, 5, 3),
    )


# --- writing: no-op re-imports, history, locks ----------------------------------------------------


def test_importing_the_same_file_again_changes_nothing_and_adds_no_history(people_team):
    read(*TWO_DEALS).apply(reason="first")
    before = everything()

    result = read(*TWO_DEALS)
    written = result.apply(reason="again")

    assert written.summary() == "0 created, 0 changed, 2 unchanged"
    assert everything() == before


def test_history_rows_carry_the_reason_and_the_user(people_team, manager):
    read(*TWO_DEALS).apply(reason="import_deals april.csv", user=manager)
    read(OURS_HEADER, "HS-2,2026-04-20,9500,4000,Hal Novak,,").apply(reason="fix HS-2", user=manager)

    rows = [*Deal.history.all(), *DealCloser.history.all()]
    assert {(row.history_user, row.history_change_reason) for row in rows if row.history_type == "+"} == {
        (manager, "import_deals april.csv")
    }
    changed = Deal.history.get(history_type="~")
    assert (changed.crm_id, changed.value, changed.history_change_reason) == ("HS-2", Decimal("9500"), "fix HS-2")


def test_a_file_of_one_month_never_touches_another_months_deals(people_team):
    read(*TWO_DEALS).apply(reason="april")

    read(OURS_HEADER, "HS-9,2026-05-04,5000,,Ana Ruiz,,").apply(reason="may")

    assert Deal.objects.count() == 3


@pytest.fixture
def approved_april(people_team, manager, admin):
    read(*TWO_DEALS).apply(reason="april")
    approve(APRIL, manager, admin)
    return people_team


def _april_figures() -> str:
    computed = load_range(APRIL, APRIL, scope=EVERYONE)
    return jsonnum.dumps(to_metrics_json(computed[APRIL], computed.names))


@pytest.mark.parametrize(
    "row",
    [
        "HS-3,2026-04-25,1000,,Ana Ruiz,,",  # added
        "HS-2,2026-04-20,9999,4000,Hal Novak,,",  # changed
        "HS-2,2026-04-20,9000,4000,Hal Novak,,2026-04-28",  # cancelled in its own, approved month
    ],
)
def test_a_deal_of_an_approved_month_is_neither_added_nor_changed(approved_april, row):
    found = refused(OURS_HEADER, row)

    assert found == ["row 2, column closed_on: 2026-04 is approved; reopen it to change its numbers"]


def test_a_deal_of_an_approved_month_may_be_cancelled_in_an_open_month_leaving_the_approved_figures(approved_april):
    april = _april_figures()

    result = read(OURS_HEADER, "HS-2,2026-04-20,9000,4000,Hal Novak,,2026-05-06")
    assert result.ok, problems(result)
    assert result.apply(reason="cancel").updated == ["HS-2"]

    assert Deal.objects.get(crm_id="HS-2").cancelled_on == date(2026, 5, 6)
    assert _april_figures() == april


def test_apply_checks_again_after_holding_the_months(people_team, manager, admin):
    read(OURS_HEADER, "HS-0,2026-04-02,100,,Ana Ruiz,,").apply(reason="t")
    result = read(OURS_HEADER, "HS-3,2026-04-25,1000,,Ana Ruiz,,")
    assert result.ok
    approve(APRIL, manager, admin)  # meanwhile
    before = everything()

    with pytest.raises(DealsRefused):
        result.apply(reason="late")

    assert problems(result) == ["row 2, column closed_on: 2026-04 is approved; reopen it to change its numbers"]
    assert everything() == before


# --- queries --------------------------------------------------------------------------------------


def _file(count: int) -> bytes:
    people = ["Ana Ruiz", "Ben Okafor", "Chloe Martin", "Hal Novak"]
    rows = [f"D-{n},2026-04-{1 + n % 28:02d},{1000 + n},,{people[n % 4]},Eve Tanaka," for n in range(count)]
    return csv_bytes(OURS_HEADER, *rows)


def test_a_file_is_checked_in_the_same_queries_at_50_and_5000_rows(people_team, django_assert_num_queries):
    counts = []
    for size in (50, 5000):
        content = _file(size)
        with django_assert_num_queries(8) as captured:
            result = read_deals(io.BytesIO(content))
        assert result.ok and len(result.rows) == size, problems(result)[:3]
        counts.append(len(captured.captured_queries))

    assert counts == [8, 8]


def test_storing_a_file_takes_a_bounded_number_of_queries(people_team, django_assert_max_num_queries):
    result = read_deals(io.BytesIO(_file(5000)))

    # The checks again (8), the hold (3), and the inserts in batches: of 2,000 rows, or fewer where
    # the database takes fewer parameters a statement (Django gives SQLite 999: 166 deals, 90
    # history rows). Row by row it was over 20,000.
    with django_assert_max_num_queries(200):
        result.apply(reason="bulk")

    assert Deal.objects.count() == 5000 and DealCloser.history.count() == 5000


# --- the same deals, whichever way they come in ------------------------------------------------------

DEALS = [  # id, closed, value, closer (e-mail for Ana), setter
    ("A1", "2026-04-03", "16200", "Ana Ruiz"),
    ("A2", "2026-04-10", "9000", "Ben Okafor"),
    ("A3", "2026-04-22", "12500.50", "Hal Novak"),
    ("A4", "2026-05-02", "20000", "Ana Ruiz"),
    ("A5", "2026-05-19", "7000", "Chloe Martin"),
    ("A6", "2026-05-28", "11000", "Ben Okafor"),
]
US = {"2026-04-03": "4/3/2026", "2026-04-10": "4/10/2026", "2026-04-22": "4/22/2026"}


def _metrics() -> str:
    out = io.StringIO()
    call_command("export_metrics", "--from", "2026-04", "--to", "2026-05", stdout=out)
    return json.dumps(json.loads(out.getvalue()), sort_keys=True)


def _import(fmt: str) -> None:
    if fmt == "otesite":
        lines = [OURS_HEADER, *(f"{i},{d},{v},,{c},," for i, d, v, c in DEALS)]
    elif fmt == "hubspot":
        rows = [hubspot_row(i, f"{d} 09:30", c, f"{Decimal(v):,}") for i, d, v, c in DEALS]
        lines = [HUBSPOT_HEADER, *rows, hubspot_row("X9", "2026-04-05", "Ana Ruiz", "5000", "Closed Lost")]
    else:
        rows = [salesforce_row(i, US.get(d, d), c, v) for i, d, v, c in DEALS]
        lines = [SALESFORCE_HEADER, *rows, salesforce_row("X9", "2026-04-05", "Ana Ruiz", "5000", "Prospecting")]
    result = read(*lines, fmt=fmt)
    assert result.ok, problems(result)
    result.apply(reason=fmt)


@pytest.mark.parametrize("fmt", ["otesite", "hubspot", "salesforce"])
def test_two_months_of_deals_give_the_same_metrics_in_every_format_and_through_the_api(
    people_team, manager, django_db_blocker, fmt
):
    api = token_client(manager)
    batch = [
        {"id": i, "closed_on": d, "value": v, "upfront": None, "closers": [{"person": c}], "setter": None}
        for i, d, v, c in DEALS
    ]
    assert post(api, "/api/v1/deals/", {"deals": batch}).status_code == 200
    through_the_api = _metrics()
    Deal.objects.all().delete()
    assert _metrics() != through_the_api

    _import(fmt)

    assert _metrics() == through_the_api
    assert '"source": "deals"' in json.dumps(json.loads(through_the_api))
