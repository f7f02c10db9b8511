"""A month is reviewed or approved only after its last day, on the screen, from close_month and
in the workspace import; its numbers can be entered as it goes. And the close log of a month a
workspace file moves says which import moved it and who ran it."""

import copy
import getpass
import html
import json
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from closing_cases import FEBRUARY, JANUARY, MARCH, stored
from django.core.management import CommandError, call_command
from django.urls import reverse

from otesite.lib.months import add_months, format_month
from otesite.lib.rules import current_month
from performance.closing import StepRefused, take_step
from performance.models import CloseStep, MonthClose, MonthlyActual

THIS_MONTH, NEXT_MONTH = current_month(), add_months(current_month(), 1)


def in_progress(month=THIS_MONTH) -> str:
    last = add_months(month, 1) - timedelta(days=1)
    return (
        f"{format_month(month)} has not ended yet (its last day is {last:%Y-%m-%d}): a month can be reviewed or"
        f" approved only after its last day, from {add_months(month, 1):%Y-%m-%d}; its numbers can be entered as"
        " it goes"
    )


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def this_month(example_agency) -> dict:
    """The worked example, with the month under way entered as it goes."""
    MonthlyActual.objects.create(role=example_agency["Closers"], month=THIS_MONTH, headcount=8, units=Decimal("10"))
    return example_agency


# --- The steps, on every way in ---------------------------------------------------------------


@pytest.mark.parametrize("month", [THIS_MONTH, NEXT_MONTH], ids=["this month", "next month"])
def test_a_month_that_has_not_ended_cannot_be_reviewed_or_approved(this_month, manager, admin, month):
    MonthClose.objects.create(month=month, state="reviewed")  # as before months in progress were refused
    before = stored()

    with pytest.raises(StepRefused) as review:
        take_step(month, "review", by=manager)
    with pytest.raises(StepRefused) as approval:
        take_step(month, "approve", by=admin)

    assert str(review.value) == str(approval.value) == in_progress(month)
    assert stored() == before


def test_a_month_that_has_not_ended_can_still_be_reopened(this_month, admin):
    MonthClose.objects.create(month=THIS_MONTH, state="approved")  # as before months in progress were refused

    assert take_step(THIS_MONTH, "reopen", by=admin, note="approved too early").to_state == "open"


def test_the_last_month_that_has_ended_can_be_closed(example_agency, manager, admin):
    last = add_months(THIS_MONTH, -1)
    MonthlyActual.objects.create(role=example_agency["Closers"], month=last, headcount=8, units=Decimal("10"))

    take_step(last, "review", by=manager)

    assert take_step(last, "approve", by=admin).to_state == "approved"


def test_the_dashboard_says_the_month_is_in_progress_and_offers_no_review(this_month, as_manager):
    url = reverse("month", args=[THIS_MONTH])

    page = text(as_manager.get(url))
    refused = as_manager.post(f"{url}close/", {"action": "review"}, follow=True)

    assert (
        f"{THIS_MONTH:%B %Y} is in progress: its numbers can be entered as it goes, and it can be marked reviewed and"
        f" approved once it has ended, from {NEXT_MONTH.day} {NEXT_MONTH:%B %Y}." in " ".join(page.split())
    )
    assert 'value="review"' not in page
    assert f"Not done: {in_progress()}." in text(refused)
    assert not MonthClose.objects.filter(month=THIS_MONTH, state="reviewed").exists()


def test_the_dashboard_of_a_month_that_has_ended_offers_the_review(example_agency, as_manager):
    page = text(as_manager.get(reverse("month", args=[MARCH])))
    assert 'value="review"' in page
    assert "is in progress" not in page


def test_numbers_are_still_entered_as_the_month_goes(this_month, as_manager):
    closers = this_month["Closers"]
    page = as_manager.get(f"/actuals/{format_month(THIS_MONTH)}/")
    shown = page.context["form"]
    form = {name: "" if shown[name].value() is None else str(shown[name].value()) for name in shown.fields}

    response = as_manager.post(f"/actuals/{format_month(THIS_MONTH)}/", form | {f"{closers.pk}-units": "12"})

    assert response.status_code == 302
    assert MonthlyActual.objects.get(role=closers, month=THIS_MONTH).units == 12


def test_close_month_refuses_a_month_in_progress(this_month, manager):
    with pytest.raises(CommandError) as error:
        call_command("close_month", format_month(THIS_MONTH), "--review", "--by", manager.username, stdout=StringIO())
    assert str(error.value) == in_progress()


# --- The workspace import -----------------------------------------------------------------------


def run_import(tmp_path, data: dict, *options: str) -> str:
    file = tmp_path / "workspace.json"
    file.write_text(json.dumps(data))
    out = StringIO()
    call_command("import_workspace", str(file), *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_file_cannot_review_or_approve_a_month_in_progress(people_team, tmp_path):
    data = copy.deepcopy(people_team)
    data["person_actuals"].append({"month": format_month(THIS_MONTH), "person": "Ana Ruiz", "units": "1"})
    data["closes"] = [{"month": format_month(THIS_MONTH), "state": "reviewed"}]
    before = stored()

    with pytest.raises(CommandError) as error:
        run_import(tmp_path, data)

    assert f"closes[0].state: {in_progress()}" in str(error.value)
    assert stored() == before


def test_the_close_log_names_the_import_and_who_ran_it(people_team, tmp_path):
    data = copy.deepcopy(people_team)
    data["closes"] = [{"month": "2026-01", "state": "approved"}]

    run_import(tmp_path, data)

    note = f"import_workspace workspace.json, run by OS user {getpass.getuser()}"
    close = MonthClose.objects.get(month=JANUARY)
    assert [(step.action, step.by, step.note) for step in close.steps.all()] == [
        ("review", None, note),
        ("approve", None, note),
    ]


def test_by_takes_the_files_steps_as_that_user(people_team, tmp_path, manager, admin):
    data = copy.deepcopy(people_team)
    data["closes"] = [{"month": "2026-01", "state": "approved"}, {"month": "2026-02", "state": "reviewed"}]

    run_import(tmp_path, data, "--by", admin.username)

    steps = [(format_month(step.close.month), step.action, step.by) for step in CloseStep.objects.order_by("id")]
    assert steps == [("2026-01", "review", admin), ("2026-01", "approve", admin), ("2026-02", "review", admin)]
    assert all("run by OS user" in step.note for step in MonthClose.objects.get(month=FEBRUARY).steps.all())


@pytest.mark.parametrize(
    ("by", "message"),
    [
        ("max_manager", "closes[0]: max_manager may not approve 2026-01: only an admin may"),
        ("nobody", "--by: no active user is called 'nobody'; nothing was imported"),
    ],
)
def test_by_needs_a_user_allowed_to_take_the_steps(people_team, tmp_path, manager, by, message):
    data = copy.deepcopy(people_team)
    data["closes"] = [{"month": "2026-01", "state": "approved"}]
    before = stored()

    with pytest.raises(CommandError) as error:
        run_import(tmp_path, data, "--by", by)

    assert message in str(error.value)
    assert stored() == before
