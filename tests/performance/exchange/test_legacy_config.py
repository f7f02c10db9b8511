"""import_workspace reads the old dashboard's exported config (v1.1) into plan versions."""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from compensation.models import Economics, QuotaPlan, Role
from performance.exchange.workspace_export import dumps_workspace, export_workspace
from performance.models import MonthlyActual, MonthlyRevenue

MODELS = (Economics, Role, QuotaPlan, MonthlyActual, MonthlyRevenue)
# What the v3.3 dashboard's "Export Configuration" wrote (its release notes).
LEGACY = {
    "ote_quotas": {
        "closer_ote": 60000,
        "closer_quota_deals": 5.0,
        "setter_ote": 48000,
        "setter_quota_meetings": 40.0,
        "manager_ote": 90000,
        "manager_quota_team_deals": 40.0,
    },
    "version": "1.1",
}


def stored_state():
    return dumps_workspace(export_workspace()), tuple(model.history.count() for model in MODELS)


def run_import(tmp_path, data, *args) -> str:
    path = tmp_path / "config.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    out = StringIO()
    call_command("import_workspace", str(path), *args, stdout=out)
    return out.getvalue()


def refused(tmp_path, data, *args) -> str:
    before = stored_state()
    with pytest.raises(CommandError) as error:
        run_import(tmp_path, data, *args)
    assert stored_state() == before
    return str(error.value)


@pytest.fixture
def assumptions(db) -> Economics:
    return Economics.objects.create(
        effective_from=date(2026, 1, 1),
        deal_value=Decimal("16200"),
        upfront_rate=Decimal("0.70"),
        show_rate=Decimal("0.25"),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )


def test_it_creates_the_three_roles_with_plans_and_says_what_it_defaulted(tmp_path, assumptions):
    output = run_import(tmp_path, LEGACY, "--effective-from", "2026-02")
    assert list(Role.objects.order_by("id").values_list("name", "kind")) == [
        ("Closers", "closer"),
        ("Setters", "setter"),
        ("Manager", "manager"),
    ]
    closers = QuotaPlan.objects.get(role__name="Closers")
    assert (closers.effective_from, closers.annual_ote, closers.monthly_quota) == (date(2026, 2, 1), 60000, 5)
    assert (closers.annual_base, closers.commission_rate) == (0, Decimal("0.1"))
    assert QuotaPlan.objects.get(role__name="Manager").annual_ote == 90000
    assert "Created the closer role 'Closers'." in output
    assert "annual_ote 60000 from closer_ote" in output
    assert "left at defaults: annual_base 0, commission_rate 0.10." in output
    assert "plans: 3 created" in output


def test_it_uses_the_existing_role_of_each_kind_and_keeps_its_current_rates(tmp_path, example_agency):
    Role.objects.filter(name="Closers").update(name="Account executives")
    output = run_import(tmp_path, LEGACY, "--effective-from", "2026-04")
    assert Role.objects.count() == 3
    new_plan = QuotaPlan.objects.in_force(date(2026, 4, 1)).get(role__kind="closer")
    assert (new_plan.role.name, new_plan.annual_ote, new_plan.commission_rate) == (
        "Account executives",
        60000,
        Decimal("0.1"),
    )
    assert "kept from the plan in force (2026-01): annual_base 0, commission_rate 0.1." in output
    # History stays as it was: March is still under the January plan.
    march = QuotaPlan.objects.in_force(date(2026, 3, 1)).get(role__kind="closer")
    assert (march.effective_from, march.annual_ote) == (date(2026, 1, 1), 68040)


def test_it_takes_commission_rates_and_base_from_the_dashboards_compensation_settings(tmp_path, assumptions):
    legacy = {
        **LEGACY,
        "closer_commission_pct": 12.0,
        "closer_base": 12000,
        "avg_deal_value": 16200,
        "gtm_channels": [{"name": "Primary Channel"}],
    }
    output = run_import(tmp_path, legacy, "--effective-from", "2026-01")
    closers = QuotaPlan.objects.get(role__name="Closers")
    assert (closers.commission_rate, closers.annual_base) == (Decimal("0.12"), 12000)
    assert "commission_rate 0.12 from closer_commission_pct" in output
    assert "Ignored (not part of a plan): avg_deal_value, gtm_channels." in output


def test_flat_keys_without_a_section_are_read_too(tmp_path, assumptions):
    run_import(
        tmp_path, {"version": "1.1", "setter_ote": 36000, "setter_quota_meetings": 30}, "--effective-from", "2026-01"
    )
    assert list(QuotaPlan.objects.values_list("role__name", "annual_ote", "monthly_quota")) == [("Setters", 36000, 30)]


def test_importing_it_again_changes_nothing(tmp_path, assumptions):
    run_import(tmp_path, LEGACY, "--effective-from", "2026-02")
    before = stored_state()
    output = run_import(tmp_path, LEGACY, "--effective-from", "2026-02")
    assert stored_state() == before
    assert "plans: 0 created, 0 updated, 3 unchanged" in output


def test_it_requires_the_month_the_plans_start(tmp_path, assumptions):
    message = refused(tmp_path, LEGACY)
    assert "old dashboard's config (version 1.1)" in message
    assert "--effective-from YYYY-MM" in message


def test_it_refuses_a_malformed_start_month(tmp_path, assumptions):
    assert "--effective-from: 'Feb 2026' is not a month" in refused(tmp_path, LEGACY, "--effective-from", "Feb 2026")


@pytest.mark.parametrize(("month", "message"), [("9999-12", "out of range"), ("２０２６-０２", "is not a month")])
def test_it_refuses_a_start_month_out_of_range_or_in_other_digits(tmp_path, assumptions, month, message):
    assert message in refused(tmp_path, LEGACY, "--effective-from", month)


def test_it_refuses_hostile_numbers_in_the_parsers_words(tmp_path, assumptions):
    text = json.dumps(LEGACY).replace("60000", "1e9999999")
    assert "closer_ote: must be a number ≥ 0 (got 1e9999999)" in refused(tmp_path, text, "--effective-from", "2026-02")


def test_it_names_the_legacy_keys_of_bad_values_all_at_once(tmp_path, assumptions):
    legacy = {"version": "1.1", "ote_quotas": {**LEGACY["ote_quotas"], "closer_quota_deals": 0, "setter_ote": True}}
    message = refused(tmp_path, legacy, "--effective-from", "2026-02")
    assert "setter_ote: must be a number ≥ 0 (got true)" in message
    assert "closer_quota_deals: Monthly quota must be greater than 0." in message


def test_it_names_the_legacy_key_when_the_model_refuses_a_value(tmp_path, assumptions):
    legacy = {"version": "1.1", "ote_quotas": {**LEGACY["ote_quotas"], "closer_quota_deals": 0}}
    message = refused(tmp_path, legacy, "--effective-from", "2026-02")
    assert "closer_quota_deals: Monthly quota must be greater than 0." in message


def test_it_refuses_a_start_month_without_business_assumptions(tmp_path, assumptions):
    message = refused(tmp_path, LEGACY, "--effective-from", "2025-06")
    assert "--effective-from: 2025-06 is before the first business assumptions (2026-01)" in message


def test_it_refuses_a_file_without_any_plan_settings(tmp_path, assumptions):
    message = refused(tmp_path, {"version": "1.1", "office_rent": 20000}, "--effective-from", "2026-02")
    assert "no OTE or quota settings found" in message


def test_it_refuses_to_give_a_default_name_that_another_kind_holds(tmp_path, assumptions):
    Role.objects.create(name="Manager", kind="closer")
    message = refused(tmp_path, LEGACY, "--effective-from", "2026-02")
    assert "manager_ote: a manager role named 'Manager' cannot be created; that name is a closer role" in message


def test_a_workspace_file_takes_no_start_month(tmp_path, assumptions):
    data = {
        "format": "otesite.workspace",
        "version": 2,
        "economics": [],
        "roles": [],
        "plans": [],
        "actuals": [],
        "revenue": [],
    }
    assert "--effective-from only applies" in refused(tmp_path, data, "--effective-from", "2026-02")
