"""import_workspace: every bad file is refused whole, with its JSON path; good files merge."""

import copy
import json
import time
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from actuals_cases import NEXT_MONTH, NOT_STARTED
from conftest import load_example_json
from django.core.management import CommandError, call_command

from compensation.models import Economics, QuotaPlan, Role
from otesite.lib.parse import parse_month
from performance.exchange import workspace_write
from performance.exchange.workspace_export import dumps_workspace, export_workspace
from performance.models import MonthlyActual, MonthlyRevenue

MODELS = (Economics, Role, QuotaPlan, MonthlyActual, MonthlyRevenue)


def stored_state() -> tuple[str, tuple[int, ...]]:
    """Everything stored (values included) and how many history rows each model has."""
    return dumps_workspace(export_workspace()), tuple(model.history.count() for model in MODELS)


def run_import(tmp_path, content, *args) -> str:
    path = tmp_path / "workspace.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    out = StringIO()
    call_command("import_workspace", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(tmp_path, content, *args) -> str:
    """Import `content`, expect it refused, check nothing stored changed; return the message."""
    before = stored_state()
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, content, *args)
    assert stored_state() == before
    return str(error.value)


@pytest.fixture
def workspace() -> dict:
    return copy.deepcopy(load_example_json())


@pytest.fixture
def stored(example_agency):
    """The worked example already in the database, so refusals must leave real data alone."""
    return example_agency


# --- The file as a whole --------------------------------------------------------------------


def test_it_refuses_a_file_that_is_not_json(tmp_path, stored):
    message = refused(tmp_path, '{"format": "otesite.workspace", "version": 2,')
    assert "not JSON" in message
    assert "line 1" in message


def test_it_refuses_another_format(tmp_path, stored, workspace):
    workspace["format"] = "someone.else"
    assert 'format: must be "otesite.workspace", not "someone.else"' in refused(tmp_path, workspace)


def test_it_refuses_another_version(tmp_path, stored, workspace):
    workspace["version"] = 5
    assert "version: must be 2, 3 or 4, not 5" in refused(tmp_path, workspace)


@pytest.mark.parametrize("version", [2, 3])
def test_a_section_left_out_is_an_empty_one(tmp_path, stored, version):
    before = stored_state()
    out = run_import(tmp_path, {"format": "otesite.workspace", "version": version})
    assert stored_state() == before
    assert "economics: 0 created, 0 updated, 0 unchanged" in out


def test_a_file_of_one_section_imports_it_and_leaves_the_rest_alone(tmp_path, stored):
    before = MonthlyActual.objects.count(), QuotaPlan.objects.count(), Economics.objects.count()
    data = {"format": "otesite.workspace", "version": 3, "revenue": [{"month": "2026-04", "revenue": "1000"}]}
    out = run_import(tmp_path, data)
    assert "revenue: 1 created, 0 updated, 0 unchanged" in out
    assert MonthlyRevenue.objects.get(month=date(2026, 4, 1)).revenue == Decimal("1000")
    assert (MonthlyActual.objects.count(), QuotaPlan.objects.count(), Economics.objects.count()) == before


def test_a_null_section_is_an_empty_one_too(tmp_path, stored):
    before = stored_state()
    run_import(tmp_path, {"format": "otesite.workspace", "version": 2, "plans": None, "actuals": None})
    assert stored_state() == before


@pytest.mark.parametrize(
    ("key", "message"),
    [("format", 'format: must be "otesite.workspace", not null'), ("version", "version: must be 2, 3 or 4, not null")],
)
def test_format_and_version_are_still_required(tmp_path, stored, workspace, key, message):
    del workspace[key]
    assert message in refused(tmp_path, workspace)


def test_it_refuses_a_section_that_is_not_a_list(tmp_path, stored, workspace):
    workspace["revenue"] = {"2026-01": "1"}
    assert "revenue: must be a list of records" in refused(tmp_path, workspace)


def test_it_refuses_an_unknown_key_in_a_record(tmp_path, stored, workspace):
    workspace["plans"][1]["anual_ote"] = "1"
    assert "plans[1].anual_ote: unknown key" in refused(tmp_path, workspace)


def test_it_lists_every_problem_at_once(tmp_path, stored, workspace):
    workspace["plans"][0]["monthly_quota"] = "0"
    workspace["actuals"][4]["headcount"] = -1
    workspace["economics"][0]["show_rate"] = "1.5"
    message = refused(tmp_path, workspace)
    assert "3 problems" in message
    assert "plans[0].monthly_quota" in message
    assert "actuals[4].headcount" in message
    assert "economics[0].show_rate" in message


# --- Roles ----------------------------------------------------------------------------------


def test_it_refuses_an_unknown_role_kind(tmp_path, stored, workspace):
    workspace["roles"][2]["kind"] = "director"
    assert 'roles[2].kind: must be one of closer, setter, manager, not "director"' in refused(tmp_path, workspace)


def test_it_refuses_a_plan_for_an_unknown_role(tmp_path, stored, workspace):
    workspace["plans"][2]["role"] = "Directors"
    assert "plans[2].role: no role named 'Directors' in the file or the database" in refused(tmp_path, workspace)


def test_it_refuses_an_actual_for_an_unknown_role(tmp_path, stored, workspace):
    workspace["actuals"][5]["role"] = "Managers"
    assert "actuals[5].role: no role named 'Managers'" in refused(tmp_path, workspace)


def test_a_role_already_in_the_database_is_known(tmp_path, stored):
    data = {
        "format": "otesite.workspace",
        "version": 2,
        "economics": [],
        "roles": [],
        "plans": [],
        "actuals": [{"month": "2026-04", "role": "Closers", "headcount": 8, "units": "41"}],
        "revenue": [],
    }
    assert "actuals: 1 created" in run_import(tmp_path, data)
    assert MonthlyActual.objects.get(month=date(2026, 4, 1)).units == 41


# --- Duplicates -----------------------------------------------------------------------------


def test_it_refuses_a_role_named_twice(tmp_path, stored, workspace):
    workspace["roles"].append({"name": "Setters", "kind": "setter"})
    assert "roles[3]: duplicates roles[1] (name 'Setters')" in refused(tmp_path, workspace)


def test_it_refuses_two_plans_for_the_same_role_and_month(tmp_path, stored, workspace):
    workspace["plans"].append({**workspace["plans"][0], "monthly_quota": "6"})
    assert "plans[3]: duplicates plans[0] (role 'Closers', effective_from 2026-01)" in refused(tmp_path, workspace)


def test_it_refuses_two_actuals_for_the_same_role_and_month(tmp_path, stored, workspace):
    workspace["actuals"].append({**workspace["actuals"][3]})
    assert "actuals[9]: duplicates actuals[3] (role 'Closers', month 2026-02)" in refused(tmp_path, workspace)


def test_it_refuses_two_economics_for_the_same_month(tmp_path, stored, workspace):
    workspace["economics"].append({**workspace["economics"][0]})
    assert "economics[1]: duplicates economics[0] (effective_from 2026-01)" in refused(tmp_path, workspace)


def test_it_refuses_revenue_twice_for_a_month(tmp_path, stored, workspace):
    workspace["revenue"] = [{"month": "2026-01", "revenue": "1"}, {"month": "2026-01", "revenue": "2"}]
    assert "revenue[1]: duplicates revenue[0] (month 2026-01)" in refused(tmp_path, workspace)


# --- Months ---------------------------------------------------------------------------------


def test_it_refuses_a_month_thirteen(tmp_path, stored, workspace):
    workspace["actuals"][0]["month"] = "2026-13"
    assert "actuals[0].month: '2026-13' has no month 13" in refused(tmp_path, workspace)


def test_it_refuses_a_month_written_as_a_name(tmp_path, stored, workspace):
    workspace["plans"][1]["effective_from"] = "March"
    assert "plans[1].effective_from: 'March' is not a month; write it as YYYY-MM" in refused(tmp_path, workspace)


def test_it_refuses_a_plan_before_the_first_business_assumptions(tmp_path, stored, workspace):
    workspace["plans"][0]["effective_from"] = "2025-12"
    message = refused(tmp_path, workspace)
    assert "plans[0].effective_from: 2025-12 is before the first business assumptions (2026-01)" in message


def test_it_refuses_an_actual_before_the_first_business_assumptions_in_the_database(tmp_path, stored):
    data = {
        "format": "otesite.workspace",
        "version": 2,
        **{s: [] for s in ("economics", "roles", "plans", "revenue")},
        "actuals": [{"month": "2025-11", "role": "Closers", "headcount": 8, "units": "40"}],
    }
    assert "actuals[0].month: 2025-11 is before the first business assumptions (2026-01)" in refused(tmp_path, data)


def test_it_refuses_plans_when_no_business_assumptions_exist_anywhere(tmp_path, db, workspace):
    workspace["economics"] = []
    message = refused(tmp_path, workspace)
    assert "plans[0].effective_from: 2026-01 has no business assumptions; an admin must set them first" in message
    assert "actuals[8].month: 2026-03 has no business assumptions" in message


def test_earlier_business_assumptions_in_the_file_open_earlier_months(tmp_path, stored, workspace):
    workspace["economics"].append({**workspace["economics"][0], "effective_from": "2025-06"})
    workspace["plans"].append({**workspace["plans"][0], "effective_from": "2025-06", "monthly_quota": "4"})
    run_import(tmp_path, workspace)
    assert QuotaPlan.objects.in_force(date(2025, 9, 1)).get().monthly_quota == 4


# --- Numbers --------------------------------------------------------------------------------


def test_it_refuses_nan(tmp_path, stored):
    text = json.dumps(load_example_json()).replace('"deal_value": "16200"', '"deal_value": NaN')
    assert "economics[0].deal_value: must be a number ≥ 0 (got NaN)" in refused(tmp_path, text)


def test_it_refuses_infinity(tmp_path, stored):
    text = json.dumps(load_example_json()).replace('"units": "40"', '"units": Infinity', 1)
    assert "actuals[0].units: must be a number ≥ 0 (got Infinity)" in refused(tmp_path, text)


def test_it_refuses_a_number_with_more_digits_than_the_database_holds(tmp_path, stored, workspace):
    workspace["plans"][0]["annual_ote"] = "1" + "0" * 20
    message = refused(tmp_path, workspace)
    assert "plans[0].annual_ote: Ensure that there are no more than 14 digits in total." in message


def test_it_refuses_more_decimal_places_than_the_database_holds(tmp_path, stored, workspace):
    workspace["actuals"][0]["units"] = "40.125"
    assert "actuals[0].units: Ensure that there are no more than 2 decimal places." in refused(tmp_path, workspace)


def test_trailing_zeros_do_not_count_as_decimal_places(tmp_path, stored, workspace):
    workspace["plans"][0]["commission_rate"] = "0.1000000000"
    assert "plans: 0 created, 0 updated, 3 unchanged" in run_import(tmp_path, workspace)


def test_it_refuses_a_negative_number(tmp_path, stored, workspace):
    workspace["actuals"][1]["units"] = "-80"
    assert 'actuals[1].units: must be a number ≥ 0 (got "-80")' in refused(tmp_path, workspace)


def test_it_refuses_a_negative_headcount(tmp_path, stored, workspace):
    workspace["actuals"][1]["headcount"] = -2
    assert "actuals[1].headcount: must be a whole number ≥ 0 (got -2)" in refused(tmp_path, workspace)


def test_it_refuses_a_fractional_headcount(tmp_path, stored, workspace):
    workspace["actuals"][0]["headcount"] = 7.5
    assert "actuals[0].headcount: must be a whole number ≥ 0 (got 7.5)" in refused(tmp_path, workspace)


def test_it_refuses_a_rate_above_one(tmp_path, stored, workspace):
    workspace["plans"][1]["commission_rate"] = "5"
    workspace["economics"][0]["close_rate"] = 25
    message = refused(tmp_path, workspace)
    assert "plans[1].commission_rate: Commission rate is a fraction from 0 to 1" in message
    assert "economics[0].close_rate: A rate is a fraction from 0 to 1" in message


def test_it_refuses_a_base_above_the_ote(tmp_path, stored, workspace):
    workspace["plans"][2]["annual_base"] = "90000"
    assert "plans[2].annual_base: Annual base cannot be more than annual OTE." in refused(tmp_path, workspace)


def test_it_refuses_a_zero_quota(tmp_path, stored, workspace):
    workspace["plans"][2]["monthly_quota"] = 0
    assert "plans[2].monthly_quota: Monthly quota must be greater than 0." in refused(tmp_path, workspace)


def test_it_refuses_a_boolean_where_a_number_belongs(tmp_path, stored, workspace):
    workspace["actuals"][2]["units"] = True
    workspace["actuals"][2]["headcount"] = False
    message = refused(tmp_path, workspace)
    assert "actuals[2].units: must be a number ≥ 0 (got true)" in message
    assert "actuals[2].headcount: must be a whole number ≥ 0 (got false)" in message


def test_it_refuses_text_where_a_number_belongs(tmp_path, stored, workspace):
    workspace["revenue"] = [{"month": "2026-01", "revenue": "lots"}]
    assert 'revenue[0].revenue: must be a number ≥ 0 (got "lots")' in refused(tmp_path, workspace)


def test_it_refuses_a_missing_required_value(tmp_path, stored, workspace):
    del workspace["plans"][0]["annual_ote"]
    workspace["actuals"][0]["units"] = None
    message = refused(tmp_path, workspace)
    assert "plans[0].annual_ote: is required" in message
    assert "actuals[0].units: is required" in message


def test_numbers_may_be_json_numbers(tmp_path, db, workspace):
    workspace["economics"][0]["upfront_rate"] = 0.7
    workspace["actuals"][0]["units"] = 40
    run_import(tmp_path, workspace)
    assert Economics.objects.get().upfront_rate == Decimal("0.7")
    assert MonthlyActual.objects.filter(role__name="Closers").first().units == 40


# --- Hostile input: the parser's words, nothing stored, never a traceback -------------------

HOSTILE_VALUES = {
    "full-width digits": ("units", "３０", 'actuals[0].units: must be a number ≥ 0 (got "３０")'),
    "digit grouping": ("units", "1_000", 'actuals[0].units: must be a number ≥ 0 (got "1_000")'),
    "an exponent in text": ("units", "3e1", 'actuals[0].units: must be a number ≥ 0 (got "3e1")'),
    "a headcount of 1e9999999": (
        "headcount",
        "1e9999999",
        'actuals[0].headcount: must be a whole number ≥ 0 (got "1e9999999")',
    ),
    "a long number": ("earnings", "9" * 5000, "actuals[0].earnings: must be a number ≥ 0 of at most 30 characters"),
    "a month out of range": ("month", "9999-12", "actuals[0].month: '9999-12' is out of range"),
    "a month in full-width digits": ("month", "２０２６-０３", "actuals[0].month: '２０２６-０３' is not a month"),
}


@pytest.mark.parametrize(("key", "value", "message"), HOSTILE_VALUES.values(), ids=HOSTILE_VALUES.keys())
def test_it_refuses_hostile_values_in_the_csvs_words(tmp_path, stored, workspace, key, value, message):
    workspace["actuals"][0][key] = value
    assert message in refused(tmp_path, workspace)


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("1e9999999", "actuals[0].headcount: must be a whole number ≥ 0 (got 1e9999999)"),
        ("9" * 100_000, "actuals[0].headcount: must be a whole number ≥ 0 of at most 30 characters"),
        ("8.0e0", "actuals[0].headcount: must be a whole number ≥ 0 (got 8.0e0)"),
    ],
    ids=["an exponent", "a 100000-digit integer", "an exponent on a whole number"],
)
def test_it_refuses_a_huge_json_number_at_once(tmp_path, stored, number, message):
    text = json.dumps(load_example_json()).replace('"headcount": 8', f'"headcount": {number}', 1)
    started = time.perf_counter()
    assert message in refused(tmp_path, text)
    assert time.perf_counter() - started < 5  # the whole import; the parser itself is timed in test_parse


def test_it_refuses_deeply_nested_json_with_a_message(tmp_path, stored):
    message = refused(tmp_path, "[" * 100_000 + "]" * 100_000)
    assert "not a workspace: lists or objects nested more than 20 deep; nothing was imported" in message


def test_it_refuses_a_file_too_large_to_be_a_workspace(tmp_path, stored, workspace, monkeypatch):
    monkeypatch.setattr("performance.management.commands.import_workspace.MAX_JSON_BYTES", 100)
    assert "is larger than" in refused(tmp_path, workspace)


# --- Months that have not started -----------------------------------------------------------


def test_it_refuses_actuals_and_revenue_for_a_month_that_has_not_started(tmp_path, stored, workspace):
    workspace["actuals"][0]["month"] = NEXT_MONTH
    workspace["revenue"] = [{"month": NEXT_MONTH, "revenue": "1000"}]
    message = refused(tmp_path, workspace)
    assert f"actuals[0].month: {NOT_STARTED}" in message
    assert f"revenue[0].month: {NOT_STARTED}" in message


def test_plans_and_assumptions_may_start_in_a_month_that_has_not(tmp_path, stored, workspace):
    workspace["economics"].append({**workspace["economics"][0], "effective_from": NEXT_MONTH})
    workspace["plans"].append({**workspace["plans"][0], "effective_from": NEXT_MONTH, "monthly_quota": "6"})
    run_import(tmp_path, workspace)
    assert QuotaPlan.objects.filter(effective_from=parse_month(NEXT_MONTH)).exists()


# --- Merging --------------------------------------------------------------------------------


def test_it_creates_everything_in_an_empty_database(tmp_path, db, workspace):
    output = run_import(tmp_path, workspace)
    assert "roles: 3 created, 0 updated, 0 unchanged" in output
    assert "actuals: 9 created, 0 updated, 0 unchanged" in output
    assert list(Role.objects.order_by("id").values_list("name", "kind")) == [
        ("Closers", "closer"),
        ("Setters", "setter"),
        ("Manager", "manager"),
    ]
    setters_march = MonthlyActual.objects.get(role__name="Setters", month=date(2026, 3, 1))
    assert setters_march.credited_deals == 12
    assert setters_march.earnings == 6804
    assert setters_march.meetings_held is None
    assert Economics.objects.get().exceeding_pct == 110  # absent: the model's default


def test_it_updates_what_differs_and_leaves_the_rest(tmp_path, stored, workspace):
    workspace["plans"][0]["monthly_quota"] = "6"
    workspace["actuals"][6]["units"] = "31"
    history_before = {model: model.history.count() for model in MODELS}
    output = run_import(tmp_path, workspace)
    assert "plans: 0 created, 1 updated, 2 unchanged" in output
    assert "actuals: 0 created, 1 updated, 8 unchanged" in output
    assert QuotaPlan.objects.get(role__name="Closers").monthly_quota == 6
    assert MonthlyActual.objects.get(role__name="Closers", month=date(2026, 3, 1)).units == 31
    assert QuotaPlan.history.count() == history_before[QuotaPlan] + 1
    assert MonthlyActual.history.count() == history_before[MonthlyActual] + 1
    assert Role.history.count() == history_before[Role]


def test_an_absent_optional_value_clears_the_stored_one(tmp_path, stored, workspace):
    del workspace["actuals"][7]["earnings"]
    run_import(tmp_path, workspace)
    assert MonthlyActual.objects.get(role__name="Setters", month=date(2026, 3, 1)).earnings is None


def test_it_records_history_with_the_import_as_the_reason(tmp_path, db, workspace):
    run_import(tmp_path, workspace)
    rows = list(QuotaPlan.history.all())
    assert len(rows) == 3
    assert {row.history_change_reason for row in rows} == {"import_workspace"}
    assert {row.history_user for row in rows} == {None}


def test_a_new_plan_leaves_earlier_months_under_the_old_plan(tmp_path, stored):
    data = {
        "format": "otesite.workspace",
        "version": 2,
        **{s: [] for s in ("economics", "roles", "actuals", "revenue")},
        "plans": [
            {
                "role": "Setters",
                "effective_from": "2026-03",
                "annual_ote": "36000",
                "annual_base": "18000",
                "monthly_quota": "40",
                "commission_rate": "0.05",
            }
        ],
    }
    run_import(tmp_path, data)
    february = QuotaPlan.objects.in_force(date(2026, 2, 1)).get(role__name="Setters")
    march = QuotaPlan.objects.in_force(date(2026, 3, 1)).get(role__name="Setters")
    assert (february.effective_from, february.annual_ote, february.annual_base) == (date(2026, 1, 1), 68040, 0)
    assert (march.effective_from, march.annual_ote, march.annual_base) == (date(2026, 3, 1), 36000, 18000)


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path, db, workspace, monkeypatch):
    workspace["revenue"] = [{"month": "2026-03", "revenue": "340200"}]

    written = workspace_write.bulk_create_with_history

    def broken_write(objs, model, **kwargs):
        if model is MonthlyRevenue:  # the last section: everything before it is written by then
            raise RuntimeError("disk full")
        return written(objs, model, **kwargs)

    monkeypatch.setattr(workspace_write, "bulk_create_with_history", broken_write)
    with pytest.raises(RuntimeError):
        run_import(tmp_path, workspace)
    assert [model.objects.count() for model in MODELS] == [0, 0, 0, 0, 0]
    assert [model.history.count() for model in MODELS] == [0, 0, 0, 0, 0]
