"""The web import /actuals/import/: upload, preview (a dry run), confirm; all or nothing."""

import html

import pytest
from actuals_cases import BAD_FILES, HEADER, csv_bytes, stored_state
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile

from otesite.lib.parse import parse_month
from performance.models import MonthlyActual
from performance.web.actuals import IMPORT_SALT

APRIL = parse_month("2026-04")


def upload(client, content: bytes, name: str = "april.csv"):
    return client.post("/actuals/import/", {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_import_page_offers_the_template(as_manager, example_agency):
    response = as_manager.get("/actuals/import/")
    assert response.status_code == 200
    assert 'href="/actuals/import/template.csv"' in response.content.decode()


def test_the_template_is_a_csv_with_the_current_roles(as_manager, example_agency):
    response = as_manager.get("/actuals/import/template.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="actuals-template.csv"' in response["Content-Disposition"]
    assert response.content.decode().splitlines() == [
        HEADER,
        "2026-04,Closers,,,,,",
        "2026-04,Setters,,,,,",
        "2026-04,Manager,,,,,",
    ]


def test_the_preview_lists_what_will_change_and_stores_nothing(as_manager, example_agency):
    before = stored_state()
    response = upload(
        as_manager, csv_bytes("2026-03,Closers,8,30,,,", "2026-03,Setters,2,100,12,,6804", "2026-04,Closers,8,41,,,")
    )
    assert response.status_code == 200
    page = text(response)
    assert "Preview: 1 created, 1 updated, 1 unchanged" in page
    assert "was: units 96.00" in page
    assert 'name="payload"' in page
    assert stored_state() == before


def test_confirming_applies_the_file_and_lands_on_its_latest_month(as_manager, example_agency, manager):
    preview = upload(as_manager, csv_bytes("2026-04,Closers,8,41,,,", "2026-04,Setters,2,80,,,"))
    response = as_manager.post("/actuals/import/confirm/", {"payload": preview.context["payload"]})
    assert response.status_code == 302
    assert response["Location"] == "/performance/2026-04/"
    stored = MonthlyActual.objects.filter(month=APRIL)
    assert sorted(stored.values_list("role__name", flat=True)) == ["Closers", "Setters"]
    assert {actual.history.first().history_user for actual in stored} == {manager}
    page = text(as_manager.get("/actuals/import/"))
    assert "Imported april.csv (2026-04): 2 created, 0 updated, 0 unchanged." in page


def test_a_file_with_one_bad_cell_is_refused_naming_the_cell(as_manager, example_agency):
    before = stored_state()
    response = upload(as_manager, csv_bytes("2026-04,Closers,8,41,,,", "2026-04,Setters,2.5,80,,,"))
    assert response.status_code == 400
    page = text(response)
    assert "Nothing can be imported: 1 problem" in page
    assert "row 3, column headcount" in page
    assert 'must be a whole number ≥ 0 (got "2.5")' in page
    assert 'name="payload"' not in page
    assert stored_state() == before


@pytest.mark.parametrize(("content", "expected"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_every_bad_file_is_refused_on_the_web_with_where_and_what(as_manager, example_agency, content, expected):
    before = stored_state()
    response = upload(as_manager, content)
    assert response.status_code == 400
    where, _, message = expected.partition(": ")
    page = text(response)
    assert f'<tr class="problem"><th scope="row">{where}</th><td>{message}' in page
    assert stored_state() == before


def test_no_file_chosen_is_said(as_manager, example_agency):
    response = as_manager.post("/actuals/import/", {})
    assert response.status_code == 400
    assert "Choose a CSV file to upload." in text(response)


def test_a_file_too_large_is_refused(as_manager, example_agency):
    response = upload(as_manager, b"month," * 200_000)
    assert response.status_code == 400
    assert "is larger than 1000 kB" in text(response)


def test_a_tampered_preview_is_refused_and_stores_nothing(as_manager, example_agency):
    preview = upload(as_manager, csv_bytes("2026-04,Closers,8,41,,,"))
    payload = preview.context["payload"]
    before = stored_state()
    response = as_manager.post("/actuals/import/confirm/", {"payload": payload[:-2] + "xx"}, follow=True)
    assert "That preview could not be read; upload the file again." in text(response)
    assert stored_state() == before


def test_a_forged_preview_signed_elsewhere_is_refused(as_manager, example_agency):
    forged = signing.dumps({"name": "x.csv", "csv": f"{HEADER}\n2026-04,Closers,8,41,,,\n"}, salt="another purpose")
    before = stored_state()
    response = as_manager.post("/actuals/import/confirm/", {"payload": forged}, follow=True)
    assert "That preview could not be read" in text(response)
    assert stored_state() == before


def test_confirming_checks_the_file_again_against_what_is_stored_now(as_manager, example_agency):
    preview = upload(as_manager, csv_bytes("2026-04,Closers,8,41,,,"))
    example_agency["Closers"].name = "Account executives"
    example_agency["Closers"].save()
    before = stored_state()
    response = as_manager.post("/actuals/import/confirm/", {"payload": preview.context["payload"]})
    assert response.status_code == 400
    assert "row 2, column role" in text(response)
    assert stored_state() == before


def test_the_upload_is_not_written_to_disk_but_carried_signed(as_manager, example_agency, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path
    preview = upload(as_manager, csv_bytes("2026-04,Closers,8,41,,,"))
    assert list(tmp_path.iterdir()) == []
    data = signing.loads(preview.context["payload"], salt=IMPORT_SALT)
    assert data["csv"].splitlines()[1] == "2026-04,Closers,8,41,,,"
