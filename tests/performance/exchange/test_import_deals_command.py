"""`manage.py import_deals`: a summary of what it did, every problem on stderr with its row and
nothing stored (exit non-zero), --dry-run, the three formats, and progress for long files."""

import io

import pytest
from deals_cases import (
    HUBSPOT_HEADER,
    OURS_HEADER,
    SALESFORCE_HEADER,
    csv_bytes,
    everything,
    hubspot_row,
    salesforce_row,
)
from django.core.management import call_command
from django.core.management.base import CommandError

from performance.exchange import deals_csv
from performance.models import Deal


def run(path, *args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_deals", str(path), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def april(tmp_path):
    path = tmp_path / "april.csv"
    path.write_bytes(csv_bytes(OURS_HEADER, "HS-1,2026-04-14,16200,,Ana Ruiz:0.5;Ben Okafor:0.5,Eve Tanaka,"))
    return path


def test_it_imports_a_file_and_says_what_it_did(people_team, april):
    out, _ = run(april)

    assert out.strip() == f"{april}: imported 1 created, 0 changed, 0 unchanged (2026-04)"
    history = Deal.history.get()
    assert history.history_change_reason == "import_deals april.csv"


def test_importing_it_again_changes_nothing(people_team, april):
    run(april)
    before = everything()

    out, _ = run(april)

    assert "0 created, 0 changed, 1 unchanged" in out
    assert everything() == before


def test_a_dry_run_stores_nothing(people_team, april):
    before = everything()

    out, _ = run(april, "--dry-run")

    assert out.strip() == f"{april}: would import 1 created, 0 changed, 0 unchanged (2026-04; dry run, nothing stored)"
    assert everything() == before


def test_a_bad_file_lists_every_problem_exits_non_zero_and_stores_nothing(people_team, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(OURS_HEADER, "HS-1,2026-04-14,$16200,,Ana Ruiz,,", "HS-2,2026-04-14,100,,Nobody,,"))
    before = everything()

    with pytest.raises(CommandError, match=f"nothing imported: 2 problems in {path}"):
        run(path)

    assert everything() == before


def test_problems_go_to_stderr_with_row_and_column(people_team, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(OURS_HEADER, "HS-1,2026-04-14,$16200,,Ana Ruiz,,"))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_deals", str(path), stderr=err, stdout=io.StringIO())

    assert f"{path}: row 2, column value: must be a plain amount" in err.getvalue()


def test_many_problems_are_shown_first_and_counted(people_team, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(OURS_HEADER, *(f"HS-{n},2026-04-14,${n},,Ana Ruiz,," for n in range(60))))
    err = io.StringIO()

    with pytest.raises(CommandError, match="60 problems"):
        call_command("import_deals", str(path), stderr=err, stdout=io.StringIO())

    assert err.getvalue().count("must be a plain amount") == 50
    assert "and 10 more problems, not listed here" in err.getvalue()


def test_a_missing_file_is_an_error(people_team, tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        run(tmp_path / "nowhere.csv")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(people_team, april, monkeypatch):
    monkeypatch.setattr(deals_csv, "MAX_BYTES", 10)
    monkeypatch.setattr("performance.management.commands.import_deals.MAX_BYTES", 10)

    with pytest.raises(CommandError, match="is larger than"):
        run(april)


def test_it_reads_a_hubspot_export_and_reports_the_skipped_stages(people_team, tmp_path):
    path = tmp_path / "hubspot.csv"
    path.write_bytes(
        csv_bytes(
            HUBSPOT_HEADER,
            hubspot_row("1001", "2026-04-14 10:00", "ana@example.com", "16,200.00"),
            hubspot_row("1002", "2026-04-15", "Ben Okafor", "9000", "Closed Lost"),
        )
    )

    out, _ = run(path, "--format", "hubspot")

    assert "imported 1 created, 0 changed, 0 unchanged; skipped 1: Closed Lost 1 (2026-04)" in out


def test_it_reads_a_salesforce_report(people_team, tmp_path):
    path = tmp_path / "sf.csv"
    path.write_bytes(csv_bytes(SALESFORCE_HEADER, salesforce_row("006A", "4/14/2026", "Ana Ruiz", "16200")))

    out, _ = run(path, "--format", "salesforce")

    assert "imported 1 created" in out
    assert Deal.objects.get().crm_id == "006A"


def test_a_crm_export_read_as_our_csv_is_refused_by_its_header(people_team, tmp_path):
    path = tmp_path / "hubspot.csv"
    path.write_bytes(csv_bytes(HUBSPOT_HEADER, hubspot_row("1001", "2026-04-14", "Ana Ruiz", "16200")))

    with pytest.raises(CommandError, match="nothing imported"):
        run(path)


def test_a_long_file_reports_progress_on_stderr(people_team, tmp_path, monkeypatch):
    monkeypatch.setattr(deals_csv, "PROGRESS_ROWS", 10)
    monkeypatch.setattr(deals_csv.Progress, "__init__", lambda self, say, seconds=0: setattr(self, "say", say))
    monkeypatch.setattr(deals_csv.Progress, "__call__", lambda self, rows: self.say(rows))
    path = tmp_path / "long.csv"
    path.write_bytes(csv_bytes(OURS_HEADER, *(f"HS-{n},2026-04-14,100,,Ana Ruiz,," for n in range(30))))

    _, err = run(path)

    assert f"{path}: 10 rows read" in err and f"{path}: 20 rows read" in err
