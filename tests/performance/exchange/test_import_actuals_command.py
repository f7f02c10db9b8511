"""`manage.py import_actuals`: the web import's checks from the shell, non-zero on any problem."""

from io import StringIO

import pytest
from actuals_cases import BAD_FILES, stored_state
from django.core.management import CommandError, ManagementUtility, call_command

from otesite.lib.parse import parse_month
from performance.models import MonthlyActual

HEADER = "month,role,headcount,units,credited_deals,meetings_held,earnings"


def run(path, *options: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_actuals", str(path), *options, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_a_good_file_and_says_what_changed(example_agency, tmp_path):
    path = tmp_path / "april.csv"
    path.write_text(f"{HEADER}\n2026-04,Closers,8,41,,,\n2026-03,Closers,8,30,,,\n")
    out, _ = run(path)
    assert "imported 1 created, 0 updated, 1 unchanged" in out
    assert MonthlyActual.objects.get(role__name="Closers", month=parse_month("2026-04")).units == 41


def test_a_dry_run_stores_nothing(example_agency, tmp_path):
    path = tmp_path / "april.csv"
    path.write_text(f"{HEADER}\n2026-04,Closers,8,41,,,\n")
    out, _ = run(path, "--dry-run")
    assert "would import 1 created" in out
    assert not MonthlyActual.objects.filter(month=parse_month("2026-04")).exists()


def test_one_bad_cell_exits_non_zero_naming_the_cell_and_stores_nothing(example_agency, tmp_path):
    path = tmp_path / "april.csv"
    path.write_text(f"{HEADER}\n2026-04,Closers,8,41,,,\n2026-04,Setters,2.5,80,,,\n")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported: 1 problem in"):
        call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)
    assert f'{path}: row 3, column headcount: must be a whole number ≥ 0 (got "2.5")' in err.getvalue()
    assert not MonthlyActual.objects.filter(month=parse_month("2026-04")).exists()


def test_a_missing_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="cannot read .*nope.csv: No such file or directory"):
        run(tmp_path / "nope.csv")


def test_the_command_exits_with_status_one_on_a_bad_file(example_agency, tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_actuals", str(path)]).execute()
    assert exit_info.value.code == 1
    assert "file: is empty" in capsys.readouterr().err


@pytest.mark.parametrize(("content", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_every_bad_file_fails_the_command_with_where_and_what(example_agency, tmp_path, content, expected):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    before = stored_state()
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_actuals", str(path), stdout=StringIO(), stderr=err)
    assert f"{path}: {expected}" in err.getvalue()
    assert stored_state() == before
