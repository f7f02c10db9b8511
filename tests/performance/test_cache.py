"""Cached pages: every change, whichever way it is written, shows on the very next request from any worker."""

from decimal import Decimal

import pytest
from actuals_cases import csv_bytes
from django.contrib.auth.models import Group, User
from django.core.cache import caches
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from compensation.models import Economics, QuotaPlan, Role
from otesite.lib.parse import parse_month
from performance import cache
from performance.actuals import month_version
from performance.exchange.workspace import import_workspace
from performance.exchange.workspace_export import export_workspace
from performance.models import DataVersion, MonthlyActual, MonthlyRevenue, PersonActual

MARCH = "/performance/2026-03/"


def section(client: Client, url: str = MARCH) -> str:
    """The month's own section of the page (the page around it carries a fresh CSRF token)."""
    page = client.get(url).content.decode()
    return page[page.index('<div id="dashboard"') : page.index('<section id="month-close"')]


@pytest.fixture
def other_worker():
    """This process's cache as another gunicorn worker's memory would be: as before the change.

    Each worker has its own memory, so a change made through one leaves the others' cache
    entries in place. `remember()` copies this process's cache; `restore()` puts the copy
    back, so the next request is asked of a worker whose cache predates the change."""
    pages = caches[cache.CACHE]
    saved = {}

    class Worker:
        def remember(self) -> None:
            saved.update(data=dict(pages._cache), expiry=dict(pages._expire_info))

        def restore(self) -> None:
            pages._cache.clear()
            pages._cache.update(saved["data"])
            pages._expire_info.clear()
            pages._expire_info.update(saved["expiry"])

    return Worker()


# --- The version ----------------------------------------------------------------------------


def test_the_version_is_read_in_one_query_and_made_when_missing(db, django_assert_num_queries):
    DataVersion.objects.all().delete()  # as a test database flush leaves it
    first = cache.data_version()
    with django_assert_num_queries(1):
        assert cache.data_version() == first


SAVES = {
    "role": lambda roles: roles["Closers"].save(),
    "plan": lambda roles: QuotaPlan.objects.filter(role=roles["Setters"]).first().save(),
    "economics": lambda roles: Economics.objects.first().save(),
    "actual": lambda roles: MonthlyActual.objects.first().save(),
    "revenue": lambda roles: MonthlyRevenue.objects.create(month=parse_month("2026-03"), revenue=Decimal("1")),
}
DELETES = {
    "plan": lambda roles: QuotaPlan.objects.filter(role=roles["Setters"]).first().delete(),
    "economics": lambda roles: Economics.objects.last().delete(),
    "actual": lambda roles: MonthlyActual.objects.first().delete(),
    "revenue": lambda roles: MonthlyRevenue.objects.get().delete(),
    "queryset": lambda roles: MonthlyActual.objects.filter(month=parse_month("2026-03")).delete(),
}


@pytest.mark.parametrize("write", SAVES.values(), ids=SAVES.keys())
def test_saving_any_input_gives_a_new_version(example_agency, write):
    before = cache.data_version()
    write(example_agency)
    assert cache.data_version() != before


@pytest.mark.parametrize("write", DELETES.values(), ids=DELETES.keys())
def test_deleting_any_input_gives_a_new_version(example_agency, write):
    MonthlyRevenue.objects.create(month=parse_month("2026-03"), revenue=Decimal("1"))
    before = cache.data_version()
    write(example_agency)
    assert cache.data_version() != before


MARCH_ACTUALS = {"month": parse_month("2026-03")}
BULK_WRITES = {
    "role update": lambda roles: Role.objects.filter(pk=roles["Closers"].pk).update(name="Top closers"),
    "plan update": lambda roles: QuotaPlan.objects.filter(role=roles["Closers"]).update(commission_rate=Decimal("0.2")),
    "economics update": lambda roles: Economics.objects.update(deal_value=Decimal("20000")),
    "actual update": lambda roles: MonthlyActual.objects.filter(**MARCH_ACTUALS).update(units=Decimal("77")),
    "revenue bulk_create": lambda roles: MonthlyRevenue.objects.bulk_create(
        [MonthlyRevenue(month=parse_month("2026-03"), revenue=Decimal("170000"))]
    ),
    "actual bulk_create": lambda roles: MonthlyActual.objects.bulk_create(
        [MonthlyActual(role=roles["Closers"], month=parse_month("2026-04"), headcount=8, units=Decimal("40"))]
    ),
    "actual bulk_update": lambda roles: MonthlyActual.objects.bulk_update(
        [MonthlyActual(pk=actual.pk, units=Decimal("77")) for actual in MonthlyActual.objects.filter(**MARCH_ACTUALS)],
        ["units"],
    ),
    "revenue delete": lambda roles: MonthlyRevenue.objects.filter(revenue=Decimal("1")).delete(),
}


@pytest.mark.parametrize("write", BULK_WRITES.values(), ids=BULK_WRITES.keys())
def test_writing_in_bulk_gives_a_new_version_though_no_signal_is_sent(example_agency, write):
    MonthlyRevenue.objects.create(month=parse_month("2026-02"), revenue=Decimal("1"))
    before = cache.data_version()
    write(example_agency)
    assert cache.data_version() != before


def test_a_bulk_write_that_changes_nothing_keeps_the_version(example_agency):
    before = cache.data_version()
    MonthlyActual.objects.filter(month=parse_month("1999-01")).update(units=Decimal("1"))
    assert cache.data_version() == before


def test_seeding_history_in_bulk_gives_a_new_version(db):
    before = cache.data_version()
    call_command("seed_history", "--months", "3", "--end", "2026-03", stdout=None)
    assert cache.data_version() != before


def test_a_rolled_back_change_leaves_the_version_as_it_was_and_never_reuses_one(example_agency):
    before, seen_inside = cache.data_version(), []

    def save_then_fail() -> None:
        with transaction.atomic():
            MonthlyActual.objects.first().save()
            seen_inside.append(cache.data_version())
            raise RuntimeError("roll back")

    with pytest.raises(RuntimeError):
        save_then_fail()
    assert cache.data_version() == before
    MonthlyActual.objects.first().save()
    assert cache.data_version() not in (before, *seen_inside)


# --- The pages ------------------------------------------------------------------------------


def test_the_second_request_is_served_from_the_cache(as_manager, example_agency, django_assert_num_queries):
    first = section(as_manager)
    with django_assert_num_queries(5):  # session, user, own and group permissions, data version
        assert section(as_manager) == first


def test_a_stale_entry_in_another_workers_memory_is_never_served(as_manager, example_agency, other_worker):
    assert "$170,000" not in section(as_manager)
    other_worker.remember()
    MonthlyRevenue.objects.create(month=parse_month("2026-03"), revenue=Decimal("170000"))
    other_worker.restore()
    assert "$170,000" in section(as_manager)


def test_an_actuals_form_save_shows_on_the_next_request_of_any_worker(as_manager, example_agency, other_worker):
    closers = example_agency["Closers"]
    before = section(as_manager)
    other_worker.remember()
    data = {"revenue": ""}
    for role in example_agency.values():
        actual = MonthlyActual.objects.filter(role=role, month=parse_month("2026-03")).first()
        for column in ("headcount", "units", "credited_deals", "meetings_held", "earnings"):
            value = getattr(actual, column) if actual else None
            data[f"{role.pk}-{column}"] = "" if value is None else str(value)
    data[f"{closers.pk}-units"] = "77"
    data["version"] = month_version(parse_month("2026-03"))
    assert as_manager.post("/actuals/2026-03/", data).status_code == 302
    other_worker.restore()
    after = section(as_manager)
    assert after != before
    assert "77" in after


def test_a_csv_import_shows_on_the_next_request(as_manager, example_agency, other_worker):
    before = section(as_manager)
    other_worker.remember()
    upload = SimpleUploadedFile("march.csv", csv_bytes("2026-03,Closers,8,12,,,"), content_type="text/csv")
    preview = as_manager.post("/actuals/import/", {"file": upload})
    assert as_manager.post("/actuals/import/confirm/", {"payload": preview.context["payload"]}).status_code == 302
    other_worker.restore()
    assert section(as_manager) != before


def test_an_update_in_bulk_shows_on_the_next_request_of_any_worker(as_manager, example_agency, other_worker):
    assert "Top closers" not in section(as_manager)
    other_worker.remember()
    Role.objects.filter(pk=example_agency["Closers"].pk).update(name="Top closers")
    other_worker.restore()
    assert "Top closers" in section(as_manager)


def test_a_bulk_create_shows_on_the_next_request_of_any_worker(as_manager, example_agency, other_worker):
    assert "$170,000" not in section(as_manager)
    other_worker.remember()
    MonthlyRevenue.objects.bulk_create([MonthlyRevenue(month=parse_month("2026-03"), revenue=Decimal("170000"))])
    other_worker.restore()
    assert "$170,000" in section(as_manager)


def test_a_bulk_update_shows_on_the_next_request_of_any_worker(as_manager, example_agency, other_worker):
    before = section(as_manager)
    other_worker.remember()
    actuals = list(MonthlyActual.objects.filter(month=parse_month("2026-03")))
    for actual in actuals:
        actual.units += 7
    MonthlyActual.objects.bulk_update(actuals, ["units"])
    other_worker.restore()
    assert section(as_manager) != before


def test_an_admin_edit_shows_on_the_next_request(as_admin, example_agency, other_worker):
    assert "Top closers" not in section(as_admin)
    other_worker.remember()
    closers = example_agency["Closers"]
    response = as_admin.post(
        f"/admin/compensation/role/{closers.pk}/change/",
        {"name": "Top closers", "kind": closers.kind, "display_order": closers.display_order},
    )
    assert response.status_code == 302
    other_worker.restore()
    assert "Top closers" in section(as_admin)


def test_a_workspace_import_shows_on_the_next_request(as_manager, example_agency, other_worker):
    workspace = export_workspace()
    workspace["revenue"].append({"month": "2026-03", "revenue": "170000.00"})
    assert "$170,000" not in section(as_manager)
    other_worker.remember()
    import_workspace(workspace)
    other_worker.restore()
    assert "$170,000" in section(as_manager)


def test_what_the_section_offers_depends_on_who_asks(as_admin, manager, example_agency):
    """Before any business assumptions, an admin is offered to set them; a manager is told to ask."""
    january = "/performance/2026-01/"
    Economics.objects.all().delete()
    manager_client = Client()
    manager_client.force_login(manager)
    assert "Set business assumptions" in section(as_admin, january)
    assert "Set business assumptions" not in section(manager_client, january)
    assert "Set business assumptions" in section(as_admin, january)


def test_the_cached_section_is_the_same_for_everyone_who_may_do_the_same(as_manager, example_agency, groups):
    other_manager = User.objects.create_user("mo_manager", is_staff=False)
    other_manager.groups.add(Group.objects.get(name="Managers"))
    other = Client()
    other.force_login(other_manager)
    assert section(other) == section(as_manager)
    assert "mo_manager" in other.get(MARCH).content.decode()  # the page around it is theirs


def test_a_mistyped_month_in_the_picker_is_not_cached(as_manager, example_agency):
    typed = as_manager.get("/performance/?month=2026-13", headers={"HX-Request": "true"}).content.decode()
    assert "2026-13" in typed
    assert "2026-13" not in section(as_manager)


def test_the_nav_follows_a_change_of_group_on_the_next_request(as_manager, manager, example_agency):
    assert "Enter actuals" in as_manager.get(MARCH).content.decode()
    manager.groups.set([Group.objects.get(name="Board")])
    page = as_manager.get(MARCH).content.decode()
    assert "Enter actuals" not in page
    assert "Plan timeline" in page


def test_a_change_shows_in_the_trends_on_the_next_request_of_any_worker(as_manager, example_agency, other_worker):
    def charts() -> str:
        page = as_manager.get("/performance/trends/?from=2026-01&to=2026-03").content.decode()
        return page[page.index('<section id="charts"') :]

    before = charts()
    other_worker.remember()
    MonthlyRevenue.objects.create(month=parse_month("2026-03"), revenue=Decimal("170000"))
    other_worker.restore()
    assert charts() != before


@pytest.mark.parametrize(
    "url",
    ["/leaderboard/2026-03/", "/leaderboard/?from=2026-01&to=2026-03", "/people/", "/people/{ana}/"],
    ids=["month leaderboard", "range leaderboard", "people", "person"],
)
def test_a_persons_new_numbers_show_on_the_next_request_of_any_worker(as_manager, people_team, other_worker, url):
    ana = PersonActual.objects.get(person__name="Ana Ruiz", month=parse_month("2026-03"))
    url = url.format(ana=ana.person_id)

    def main() -> str:
        """The page's content, without the CSRF token that is new on every page."""
        page = as_manager.get(url).content.decode()
        return page[page.index("<main") : page.index("</main>")]

    before = main()
    assert main() == before  # the same page twice: nothing else in it changes by itself
    other_worker.remember()
    PersonActual.objects.filter(pk=ana.pk).update(units=Decimal("1"))
    other_worker.restore()

    assert "Ana Ruiz" in before
    assert main() != before


def test_two_viewers_with_different_scopes_never_share_a_cached_section(db):
    from otesite.permissions import EVERYONE, Scope

    version = cache.data_version()
    only_ana, only_ben = Scope(people=frozenset({1})), Scope(people=frozenset({2}))
    rendered = []

    def section(label: str):
        def compute() -> dict:
            rendered.append(label)
            return {"title": label}

        return compute

    shown = {
        scope.key: str(cache.rendered_lazily(version, scope, ("same", "key"), "404.html", section(scope.key)))
        for scope in (EVERYONE, only_ana, only_ben)
    }
    again = str(cache.rendered_lazily(version, only_ana, ("same", "key"), "404.html", section("again")))

    assert rendered == ["all", "p1", "p2"]  # each scope computed its own; the second ask of one did not
    assert again == shown["p1"]
    assert len({EVERYONE.key, only_ana.key, only_ben.key, Scope(people=frozenset({1}), team=frozenset({1})).key}) == 4
