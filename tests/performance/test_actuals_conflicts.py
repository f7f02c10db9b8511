"""Two people on the same month's entry form: the second save is refused, naming who saved first and
when, with what the second person typed kept on the form, never silently overwriting the first."""

import html
import re
from unittest import mock

import pytest
from actuals_cases import APRIL, MARCH, entry_state
from django.contrib.auth.models import Group, User
from django.test import Client

from otesite.lib.parse import parse_month
from performance import actuals
from performance.models import MonthlyActual, MonthlyRevenue

SAVED_BY_MAX = re.compile(
    r"max_manager saved the actuals for (March|April) 2026 on \d{4}-\d\d-\d\d at \d\d:\d\d UTC, after you opened"
    r" this form\. Nothing of yours was saved"
)


@pytest.fixture
def second_manager(manager) -> User:
    other = User.objects.create_user("mia_manager", password="correct horse battery staple")
    other.groups.add(Group.objects.get(name="Managers"))
    return other


def opened(user, month: str) -> tuple[Client, dict]:
    """A manager's browser with the month's form open: the client and the form as shown."""
    client = Client()
    client.force_login(user)
    form = client.get(f"/actuals/{month}/").context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    return client, {name: "" if value is None else str(value) for name, value in data.items()}


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_save_over_a_save_made_after_the_form_was_shown_is_refused(example_agency, manager, second_manager):
    closers = example_agency["Closers"].pk
    max_client, max_form = opened(manager, "2026-03")
    mia_client, mia_form = opened(second_manager, "2026-03")

    first = max_client.post("/actuals/2026-03/", {**max_form, f"{closers}-units": "31"})
    before = entry_state()
    second = mia_client.post("/actuals/2026-03/", {**mia_form, f"{closers}-units": "44", "revenue": "500000"})

    assert first.status_code == 302
    assert second.status_code == 409
    assert SAVED_BY_MAX.search(text(second))
    assert entry_state() == before
    assert MonthlyActual.objects.get(role_id=closers, month=MARCH).units == 31
    # What Mia typed is still on the form, with Max's number beside hers.
    page = text(second)
    assert f'name="{closers}-units" value="44"' in page
    assert 'name="revenue" value="500000"' in page
    assert '<span class="theirs">saved: 31</span>' in page


def test_saving_again_after_seeing_the_other_save_replaces_it(example_agency, manager, second_manager):
    closers = example_agency["Closers"].pk
    max_client, max_form = opened(manager, "2026-03")
    mia_client, mia_form = opened(second_manager, "2026-03")
    max_client.post("/actuals/2026-03/", {**max_form, f"{closers}-units": "31"})
    refused = mia_client.post("/actuals/2026-03/", {**mia_form, f"{closers}-units": "44"})

    form = refused.context["form"]
    again = mia_client.post(
        "/actuals/2026-03/", {**mia_form, f"{closers}-units": "44", "version": form["version"].value()}
    )

    assert again.status_code == 302
    assert MonthlyActual.objects.get(role_id=closers, month=MARCH).units == 44


def test_a_save_from_a_form_without_its_version_is_refused(example_agency, manager):
    closers = example_agency["Closers"].pk
    client, form = opened(manager, "2026-03")
    before = entry_state()

    response = client.post("/actuals/2026-03/", {**form, f"{closers}-units": "44", "version": ""})

    assert response.status_code == 409
    assert entry_state() == before


def test_a_revenue_change_made_meanwhile_counts_as_a_change(example_agency, manager, second_manager):
    mia_client, mia_form = opened(second_manager, "2026-03")
    revenue = MonthlyRevenue(month=MARCH, revenue=123)
    revenue._history_user = manager
    revenue.save()

    response = mia_client.post("/actuals/2026-03/", {**mia_form, "revenue": "500000"})

    assert response.status_code == 409
    assert SAVED_BY_MAX.search(text(response))
    assert '<span class="theirs">saved: 123</span>' in text(response)


def test_two_saves_creating_the_same_month_at_once_tell_the_loser_not_a_500(example_agency, manager, second_manager):
    """Both forms were opened on an empty April. Max's save commits between Mia's check and her
    insert (forced here by running it inside the check), so her insert meets the unique constraint."""
    closers = example_agency["Closers"]
    mia_client, mia_form = opened(second_manager, "2026-04")
    empty = actuals.month_version(APRIL)
    real_version = actuals.month_version

    def check_then_max_saves(month, *, lock=False):
        version = real_version(month, lock=lock)
        if not MonthlyActual.objects.filter(month=APRIL).exists():
            winner = MonthlyActual(role=closers, month=APRIL, headcount=8, units=41)
            winner._history_user = manager
            winner.save()
        return version if version == empty else empty  # Max's row was not there when Mia looked

    with mock.patch.object(actuals, "month_version", side_effect=check_then_max_saves):
        response = mia_client.post(
            "/actuals/2026-04/", {**mia_form, f"{closers.pk}-headcount": "9", f"{closers.pk}-units": "50"}
        )

    assert response.status_code == 409
    assert SAVED_BY_MAX.search(text(response))
    assert list(MonthlyActual.objects.filter(month=APRIL).values_list("headcount", "units")) == [(8, 41)]
    assert f'name="{closers.pk}-units" value="50"' in text(response)


def test_the_unique_constraint_is_what_catches_that_race(example_agency, manager, second_manager):
    """Without the version check at all, the insert itself is refused: no 500 either way."""
    closers = example_agency["Closers"]
    mia_client, mia_form = opened(second_manager, "2026-04")
    real_apply = actuals.apply_changes

    def max_inserts_first(changes):
        winner = MonthlyActual(role=closers, month=APRIL, headcount=8, units=41)
        winner._history_user = manager
        winner.save()
        real_apply(changes)

    with mock.patch.object(actuals, "apply_changes", side_effect=max_inserts_first):
        response = mia_client.post(
            "/actuals/2026-04/", {**mia_form, f"{closers.pk}-headcount": "9", f"{closers.pk}-units": "50"}
        )

    assert response.status_code == 409
    assert "after you opened this form" in text(response)
    assert not MonthlyActual.objects.filter(month=APRIL, units=50).exists()


def test_the_form_carries_the_months_version(as_manager, example_agency):
    page = as_manager.get("/actuals/2026-03/").content.decode()

    version = actuals.month_version(parse_month("2026-03"))
    assert f'<input type="hidden" name="version" value="{version}"' in page
