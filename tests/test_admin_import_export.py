"""Admin import and export of actuals and plans (django-import-export): the same columns and
checks as the managers' CSV import, a dry run then a confirm, kept in the shared cache between."""

import re
from decimal import Decimal

import tablib
from actuals_cases import HEADER, NEXT_MONTH, NOT_STARTED, csv_bytes, stored_state
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile

from compensation.models import QuotaPlan
from performance.exchange.actuals_csv import read_actuals_csv
from performance.exchange.parse import parse_month
from performance.exchange.resources import MonthlyActualResource, QuotaPlanResource
from performance.models import MonthlyActual, MonthlyRevenue

IMPORT_URL = "/admin/performance/monthlyactual/import/"
CONFIRM_URL = "/admin/performance/monthlyactual/process_import/"
PLAN_HEADER = "role,effective_from,annual_ote,annual_base,monthly_quota,commission_rate"


def dataset(content: str) -> tablib.Dataset:
    return tablib.Dataset().load(content, format="csv")


def test_actuals_export_in_the_managers_csv_format(example_agency):
    exported = MonthlyActualResource().export().csv
    lines = exported.splitlines()
    assert lines[0] == HEADER
    assert "2026-03,Setters,2,96,12,,6804" in lines
    # ... so that the export reads back through the managers' import as all unchanged.
    result = read_actuals_csv(exported.encode())
    assert result.ok
    assert len(result.unchanged) == len(lines) - 1


def test_plans_export_with_role_names_and_months(example_agency):
    lines = QuotaPlanResource().export().csv.splitlines()
    assert lines[0] == PLAN_HEADER
    assert "Closers,2026-01,68040,0,5,0.1" in lines


def test_a_good_actuals_file_imports_and_unchanged_rows_are_skipped(example_agency):
    before = MonthlyActual.history.count()
    data = dataset(f"{HEADER}\n2026-04,Closers,8,41,,,\n2026-03,Closers,8,30,,,\n")
    result = MonthlyActualResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 1
    assert result.totals["skip"] == 1
    assert MonthlyActual.history.count() == before + 1


def test_a_bad_actuals_file_is_refused_with_the_managers_messages_and_nothing_stored(example_agency):
    before = stored_state()
    data = dataset(f"{HEADER}\n2026-04,Closers,8,41,,,\n2026-04,Setters,2.5,80,,,\n")
    result = MonthlyActualResource().import_data(data, dry_run=False)
    assert result.has_errors()
    messages = [str(error.error) for error in result.base_errors]
    assert messages == ['Nothing imported. row 3, column headcount: must be a whole number ≥ 0 (got "2.5")']
    assert stored_state() == before


def test_a_hostile_actuals_file_is_refused_at_once_in_the_managers_words(example_agency):
    before = stored_state()
    data = dataset(f"{HEADER}\n2026-04,Closers,1e9999999,４１,,,\n")
    result = MonthlyActualResource().import_data(data, dry_run=False)
    messages = [str(error.error) for error in result.base_errors]
    assert messages == [
        'Nothing imported. row 2, column headcount: must be a whole number ≥ 0 (got "1e9999999"); '
        'row 2, column units: must be a number ≥ 0 (got "４１")'
    ]
    assert stored_state() == before


def test_actuals_for_a_month_that_has_not_started_are_refused_naming_it(example_agency):
    before = stored_state()
    data = dataset(f"{HEADER}\n{NEXT_MONTH},Closers,8,41,,,\n")
    result = MonthlyActualResource().import_data(data, dry_run=False)
    messages = [str(error.error) for error in result.base_errors]
    assert messages == [f"Nothing imported. row 2, column month: {NOT_STARTED}"]
    assert stored_state() == before


def test_a_plan_may_start_in_a_month_that_has_not(example_agency):
    data = dataset(f"{PLAN_HEADER}\nClosers,{NEXT_MONTH},72000,0,5,0.10\n")
    result = QuotaPlanResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert QuotaPlan.objects.filter(effective_from=parse_month(NEXT_MONTH)).exists()


def test_a_plan_with_hostile_numbers_or_months_is_refused_in_the_parsers_words(example_agency):
    data = dataset(f"{PLAN_HEADER}\nClosers,2026-04,1e5,0,５,0.10\nSetters,9999-12,68040,0,40,0.05\n")
    result = QuotaPlanResource().import_data(data, dry_run=False)
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert errors[1]["annual_ote"] == ['must be a number ≥ 0 (got "1e5")']
    assert errors[1]["monthly_quota"] == ['must be a number ≥ 0 (got "５")']
    assert "'9999-12' is out of range" in errors[2]["effective_from"][0]
    assert not QuotaPlan.objects.filter(effective_from=parse_month("2026-04")).exists()


def test_a_plan_for_a_month_before_the_first_assumptions_is_refused_naming_it(example_agency):
    data = dataset(f"{PLAN_HEADER}\nClosers,2025-12,68040,0,5,0.10\n")
    result = QuotaPlanResource().import_data(data, dry_run=False)
    errors = result.invalid_rows[0].error_dict
    assert errors["effective_from"] == [
        "2025-12 is before the first business assumptions (2026-01); an admin must set assumptions for it first"
    ]
    assert not QuotaPlan.objects.filter(effective_from=parse_month("2025-12")).exists()


def test_a_plan_breaking_a_model_rule_is_refused_with_its_message(example_agency):
    data = dataset(f"{PLAN_HEADER}\nClosers,2026-04,68040,0,0,0.10\nSetterz,2026-04,68040,0,40,0.05\n")
    result = QuotaPlanResource().import_data(data, dry_run=False)
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert errors[1]["monthly_quota"] == ["Monthly quota must be greater than 0."]
    assert errors[2]["role"] == ['no role is called "Setterz"']
    assert not QuotaPlan.objects.filter(effective_from=parse_month("2026-04")).exists()


def test_a_good_plan_file_imports_with_base_defaulting_to_zero(example_agency):
    data = dataset(f"{PLAN_HEADER}\nClosers,2026-04,72000,,5,0.10\n")
    result = QuotaPlanResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    plan = QuotaPlan.objects.get(effective_from=parse_month("2026-04"))
    assert (plan.annual_ote, plan.annual_base) == (Decimal("72000"), Decimal("0"))


def test_the_admin_import_is_a_dry_run_kept_in_the_shared_cache_then_a_confirm(as_admin, example_agency):
    upload = SimpleUploadedFile("april.csv", csv_bytes("2026-04,Closers,8,41,,,"), content_type="text/csv")
    preview = as_admin.post(IMPORT_URL, {"resource": "0", "format": "0", "import_file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    stored_name = re.search(r'name="import_file_name" value="([^"]+)"', page).group(1)
    assert caches["import_export"].get(f"django-import-export-{stored_name}") is not None
    assert not MonthlyActual.objects.filter(month=parse_month("2026-04")).exists()

    confirm = {
        "import_file_name": stored_name,
        "original_file_name": "april.csv",
        "format": "0",
        "resource": "0",
    }
    assert as_admin.post(CONFIRM_URL, confirm).status_code == 302
    assert MonthlyActual.objects.get(role=example_agency["Closers"], month=parse_month("2026-04")).units == 41
    assert caches["import_export"].get(f"django-import-export-{stored_name}") is None


def test_the_admin_import_shows_a_bad_cell_and_offers_no_confirm(as_admin, example_agency):
    before = stored_state()
    upload = SimpleUploadedFile("bad.csv", csv_bytes("2026-04,Closers,NaN,41,,,"), content_type="text/csv")
    response = as_admin.post(IMPORT_URL, {"resource": "0", "format": "0", "import_file": upload})
    page = response.content.decode().replace("&quot;", '"')
    assert 'row 2, column headcount: must be a whole number ≥ 0 (got "NaN")' in page
    assert 'name="import_file_name"' not in page
    assert stored_state() == before


def test_the_admin_import_page_shows_a_month_that_has_not_started(as_admin, example_agency):
    before = stored_state()
    upload = SimpleUploadedFile("next.csv", csv_bytes(f"{NEXT_MONTH},Closers,8,41,,,"), content_type="text/csv")
    response = as_admin.post(IMPORT_URL, {"resource": "0", "format": "0", "import_file": upload})
    assert response.status_code == 200
    assert NOT_STARTED in response.content.decode()
    assert 'name="import_file_name"' not in response.content.decode()
    assert stored_state() == before


def test_the_admin_form_refuses_revenue_for_a_month_that_has_not_started(as_admin, example_agency):
    before = MonthlyRevenue.history.count()
    response = as_admin.post("/admin/performance/monthlyrevenue/add/", {"month": NEXT_MONTH, "revenue": "1000"})
    assert response.status_code == 200
    assert NOT_STARTED in response.content.decode()
    assert not MonthlyRevenue.objects.exists()
    assert MonthlyRevenue.history.count() == before


def test_managers_cannot_use_the_admin_import(as_manager, example_agency):
    response = as_manager.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
