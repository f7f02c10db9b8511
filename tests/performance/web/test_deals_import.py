"""The web import /deals/import/: our Deals CSV, a HubSpot export or a Salesforce report uploaded,
previewed (a dry run, paged for a big file) and confirmed, all or nothing, for those who may enter
deals; every refusal said with its row and column, and nothing stored."""

import html
import re

import pytest
from closing_cases import APRIL, approve
from deals_cases import (
    HUBSPOT_HEADER,
    OURS_HEADER,
    SALESFORCE_HEADER,
    csv_bytes,
    everything,
    hubspot_row,
    salesforce_row,
)
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from performance.models import Deal
from performance.web import deals_import
from performance.web.deals_import import IMPORT_SALT

APRIL_FILE = csv_bytes(OURS_HEADER, "HS-1,2026-04-14,16200,,Ana Ruiz:0.5;Ben Okafor:0.5,Eve Tanaka,")


def upload(client, content: bytes, fmt: str = "otesite", name: str = "deals.csv", **headers):
    data = {"format": fmt, "file": SimpleUploadedFile(name, content, content_type="text/csv")}
    return client.post("/deals/import/", data, **headers)


def text(response) -> str:
    """The page's text, each listed problem as "where: what" (as the command prints it)."""
    page = response.content.decode()
    page = re.sub(r'<tr class="problem"><th scope="row">(.*?)</th><td>(.*?)</td></tr>', r"\1: \2", page)
    return html.unescape(page)


def test_the_page_offers_the_three_formats_and_a_progress_bar(as_manager, people_team):
    page = text(as_manager.get("/deals/import/"))

    for label in ("Deals CSV", "HubSpot deals export", "Salesforce opportunities report"):
        assert label in page
    assert 'enctype="multipart/form-data"' in page and 'hx-encoding="multipart/form-data"' in page
    assert "<progress" in page and "js/deals_import.js" in page


def test_the_actuals_import_links_here(as_manager, people_team):
    assert 'href="/deals/import/"' in as_manager.get("/actuals/import/").content.decode()


@pytest.mark.parametrize("who", ["as_board", "as_stranger"])
def test_only_managers_and_admins_may_import_deals(request, who, people_team):
    client = request.getfixturevalue(who)

    assert client.get("/deals/import/").status_code == 403
    assert upload(client, APRIL_FILE).status_code == 403
    assert Deal.objects.count() == 0


def test_the_preview_says_what_would_change_and_stores_nothing(as_manager, people_team):
    before = everything()

    response = upload(as_manager, APRIL_FILE)

    assert response.status_code == 200
    page = text(response)
    assert "Preview: 1 created, 0 changed, 0 unchanged" in page
    assert "Ana Ruiz (0.5); Ben Okafor (0.5)" in page and "Eve Tanaka" in page
    assert 'name="payload"' in page
    assert everything() == before


def test_confirming_stores_the_file_with_who_and_why_and_lands_on_its_month(as_manager, people_team, manager):
    preview = upload(as_manager, APRIL_FILE, name="april.csv")

    response = as_manager.post("/deals/import/confirm/", {"payload": preview.context["payload"]})

    assert response.status_code == 302 and response["Location"] == "/performance/2026-04/"
    history = Deal.history.get()
    assert (history.history_user, history.history_change_reason) == (manager, "deals import april.csv")


def test_confirming_the_same_file_again_changes_nothing(as_manager, people_team):
    as_manager.post("/deals/import/confirm/", {"payload": upload(as_manager, APRIL_FILE).context["payload"]})
    before = everything()

    preview = upload(as_manager, APRIL_FILE)
    assert "Preview: 0 created, 0 changed, 1 unchanged" in text(preview)
    as_manager.post("/deals/import/confirm/", {"payload": preview.context["payload"]})

    assert everything() == before


@pytest.mark.parametrize(
    ("fmt", "content", "expected"),
    [
        ("otesite", csv_bytes(OURS_HEADER, "HS-1,2026-04-14,$16200,,Ana Ruiz,,"), "row 2, column value"),
        ("otesite", csv_bytes(OURS_HEADER, "HS-1,2026-04-14,16200,,Nobody,,"), 'row 2, column closers: "Nobody"'),
        ("otesite", csv_bytes(OURS_HEADER, "HS-1,2026-04-31,16200,,Ana Ruiz,,"), "row 2, column closed_on"),
        ("otesite", csv_bytes(OURS_HEADER, "HS-1,2026-04-14,16200,,Ana Ruiz:0.5;Ben Okafor:0.6,,"), "add up to 1.1"),
        (
            "otesite",
            csv_bytes(OURS_HEADER, "HS-1,2026-04-14,1,,Ana Ruiz,,", "HS-1,2026-04-15,1,,Ana Ruiz,,"),
            "row 3, column id: HS-1 is already on row 2",
        ),
        ("otesite", csv_bytes("id,closed_on,value"), 'header: missing column "closers"'),
        ("hubspot", csv_bytes(HUBSPOT_HEADER, hubspot_row("1", "2026-04-14", "Ana Ruiz", "€16200")), "column Amount"),
        ("hubspot", csv_bytes(HUBSPOT_HEADER, hubspot_row("1", "2026-04-14", "Nobody", "16200")), "column Deal owner"),
        (
            "hubspot",
            csv_bytes(HUBSPOT_HEADER, hubspot_row("1", "2026-13-01", "Ana Ruiz", "16200")),
            "column Close Date",
        ),
        (
            "salesforce",
            csv_bytes(SALESFORCE_HEADER, salesforce_row("006", "4/14/2026", "Ana Ruiz", "16200 USD")),
            "row 2, column Amount",
        ),
        (
            "salesforce",
            csv_bytes(SALESFORCE_HEADER, salesforce_row("006", "4/14/2026", "ghost@example.com", "16200")),
            "row 2, column Opportunity Owner",
        ),
        ("salesforce", csv_bytes(SALESFORCE_HEADER, salesforce_row("006", "2/29/2026", "Ana Ruiz", "1")), "Close Date"),
    ],
)
def test_every_bad_file_is_refused_on_the_web_with_where_and_what(as_manager, people_team, fmt, content, expected):
    before = everything()

    response = upload(as_manager, content, fmt)

    assert response.status_code == 400
    assert "Nothing can be imported" in text(response) and expected in text(response)
    assert 'name="payload"' not in text(response)
    assert everything() == before


def test_a_crm_export_skips_other_stages_and_says_so(as_manager, people_team):
    content = csv_bytes(
        HUBSPOT_HEADER,
        hubspot_row("1", "2026-04-14 10:00", "ana@example.com", "16,200.00"),
        hubspot_row("2", "2026-04-14", "Ana Ruiz", "500", "Closed Lost"),
    )

    response = upload(as_manager, content, "hubspot")

    assert "1 created, 0 changed, 0 unchanged; skipped 1: Closed Lost 1" in text(response)


def test_many_problems_are_listed_first_and_counted(as_manager, people_team):
    content = csv_bytes(OURS_HEADER, *(f"HS-{n},2026-04-14,${n},,Ana Ruiz,," for n in range(70)))

    page = text(upload(as_manager, content))

    assert "Nothing can be imported: 70 problems" in page
    assert page.count("column value: must be a plain amount") == 50 and "and 20 more problems, not listed here" in page


def test_a_big_preview_is_paged_and_another_page_is_the_same_signed_file(as_manager, people_team):
    rows = [f"D-{n:03d},2026-04-{1 + n % 28:02d},{1000 + n},,Ana Ruiz,," for n in range(120)]
    preview = upload(as_manager, csv_bytes(OURS_HEADER, *rows))
    assert "Rows 1–50 of 120 (page 1 of 3)" in text(preview)
    assert "D-000" in text(preview) and "D-050" not in text(preview)

    page = as_manager.post(
        "/deals/import/",
        {"payload": preview.context["payload"], "page": 3},
        headers={"HX-Request": "true", "HX-Target": "deals-preview"},
    )

    assert page.status_code == 200
    body = text(page)
    assert "Rows 101–120 of 120 (page 3 of 3)" in body and "D-119" in body and "D-000" not in body
    assert "<h1>" not in body  # just the preview, for htmx to swap
    assert Deal.objects.count() == 0


def test_an_htmx_upload_gets_the_import_section_back(as_manager, people_team):
    response = upload(as_manager, APRIL_FILE, headers={"HX-Request": "true", "HX-Target": "deals-import"})

    body = text(response)
    assert body.lstrip().startswith('<div id="deals-import">') and "Preview: 1 created" in body


def test_a_file_too_large_is_refused_before_it_is_read(as_manager, people_team, monkeypatch):
    monkeypatch.setattr(deals_import, "MAX_UPLOAD_BYTES", 10)

    response = upload(as_manager, APRIL_FILE)

    assert response.status_code == 400 and "file: is larger than" in text(response)


def test_a_tampered_or_forged_preview_is_refused_and_stores_nothing(as_manager, people_team):
    payload = upload(as_manager, APRIL_FILE).context["payload"]
    forged = signing.dumps({"name": "x", "format": "otesite", "csv": APRIL_FILE.decode()}, salt="elsewhere")
    before = everything()

    for bad in (payload[:-2] + "xx", forged):
        response = as_manager.post("/deals/import/confirm/", {"payload": bad}, follow=True)
        assert "That preview could not be read; upload the file again." in text(response)

    assert everything() == before


def test_confirming_checks_again_and_a_month_approved_meanwhile_is_refused(as_manager, people_team, manager, admin):
    as_manager.post(
        "/deals/import/confirm/",
        {"payload": upload(as_manager, csv_bytes(OURS_HEADER, "HS-0,2026-04-02,100,,Ana Ruiz,,")).context["payload"]},
    )
    preview = upload(as_manager, APRIL_FILE)
    approve(APRIL, manager, admin)
    before = everything()

    response = as_manager.post("/deals/import/confirm/", {"payload": preview.context["payload"]})

    assert response.status_code == 400
    assert "row 2, column closed_on: 2026-04 is approved; reopen it to change its numbers" in text(response)
    assert everything() == before


def test_the_upload_is_not_written_to_disk_but_carried_signed(as_manager, people_team, settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = tmp_path

    preview = upload(as_manager, APRIL_FILE)

    assert list(tmp_path.iterdir()) == []
    assert signing.loads(preview.context["payload"], salt=IMPORT_SALT)["format"] == "otesite"


def test_the_import_needs_the_csrf_token(manager, people_team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)

    assert upload(client, APRIL_FILE).status_code == 403
    assert Deal.objects.count() == 0
