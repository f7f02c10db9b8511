"""export_workspace: canonical output that imports back to exactly the same data."""

import json
from decimal import Decimal
from io import StringIO

from conftest import EXAMPLES, load_example_json
from django.core.management import call_command

from compensation.models import Economics, QuotaPlan, Role
from performance.models import MonthlyActual, MonthlyRevenue

MODELS = (Economics, Role, QuotaPlan, MonthlyActual, MonthlyRevenue)


def export() -> str:
    out = StringIO()
    call_command("export_workspace", stdout=out)
    return out.getvalue()


def import_file(path) -> str:
    out = StringIO()
    call_command("import_workspace", str(path), stdout=out)
    return out.getvalue()


def test_export_import_export_is_byte_identical(tmp_path, db):
    import_file(EXAMPLES / "insurance_agency.json")
    first = export()
    (tmp_path / "backup.json").write_text(first)
    import_file(tmp_path / "backup.json")
    assert export() == first


def test_reimporting_an_export_changes_nothing_and_adds_no_history(tmp_path, db):
    import_file(EXAMPLES / "insurance_agency.json")
    (tmp_path / "backup.json").write_text(export())
    history = [model.history.count() for model in MODELS]
    output = import_file(tmp_path / "backup.json")
    assert all(", 0 updated, " in line for line in output.splitlines()[:5])
    assert all(line.split(":")[1].startswith(" 0 created") for line in output.splitlines()[:5])
    assert "Nothing to change" in output
    assert [model.history.count() for model in MODELS] == history


def test_the_export_carries_the_example_values(db):
    import_file(EXAMPLES / "insurance_agency.json")
    exported = json.loads(export())
    example = load_example_json()
    assert exported["format"] == "otesite.workspace"
    assert exported["version"] == 4
    assert exported["roles"] == example["roles"]
    for section in ("economics", "plans", "actuals"):
        assert len(exported[section]) == len(example[section])
        for got, want in zip(exported[section], example[section], strict=True):
            for key, value in want.items():
                if key in ("role", "month", "effective_from", "headcount"):
                    assert got[key] == value
                else:
                    assert Decimal(got[key]) == Decimal(value), (section, key)


def test_numbers_are_written_one_way(db):
    import_file(EXAMPLES / "insurance_agency.json")
    exported = json.loads(export())
    economics = exported["economics"][0]
    assert economics["upfront_rate"] == "0.7"
    assert economics["deal_value"] == "16200"
    assert economics["exceeding_pct"] == "110"
    assert exported["plans"][0]["commission_rate"] == "0.1"
    assert exported["actuals"][0]["headcount"] == 8
    assert exported["actuals"][0]["credited_deals"] is None


def test_roles_come_in_creation_order_and_records_sorted(example_agency):
    # Display order reversed: the export still lists roles as they were created.
    for order, role in enumerate(reversed(list(example_agency.values()))):
        role.display_order = order
        role.save()
    MonthlyRevenue.objects.create(month="2026-02", revenue=Decimal("1"))
    MonthlyRevenue.objects.create(month="2026-01", revenue=Decimal("2"))
    exported = json.loads(export())
    assert [role["name"] for role in exported["roles"]] == ["Closers", "Setters", "Manager"]
    assert [(a["month"], a["role"]) for a in exported["actuals"][:4]] == [
        ("2026-01", "Closers"),
        ("2026-01", "Setters"),
        ("2026-01", "Manager"),
        ("2026-02", "Closers"),
    ]
    assert [row["month"] for row in exported["revenue"]] == ["2026-01", "2026-02"]


def test_an_empty_database_exports_empty_sections(db):
    exported = json.loads(export())
    assert exported == {
        "format": "otesite.workspace",
        "version": 4,
        "economics": [],
        "roles": [],
        "plans": [],
        "people": [],
        "assignments": [],
        "actuals": [],
        "person_actuals": [],
        "revenue": [],
        "deals": [],
        "closes": [],
    }
