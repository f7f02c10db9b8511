"""The fixed cast of users, the example workspace, and the browser set-up for every test."""

import json
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User

from compensation.models import Assignment, Economics, Person, PlanTier, QuotaPlan, Role
from otesite.lib.months import add_months
from otesite.lib.parse import parse_month
from otesite.permissions import GROUPS, sync_groups
from performance.models import MonthlyActual, MonthlyRevenue, PersonActual

REPO = Path(__file__).resolve().parents[1]
SHARED_EXAMPLES = REPO.parent / "shared" / "examples"
# DOMAIN.md's worked example lives in ../shared beside the repository; a copy travels with
# the tests so a lone clone still runs them (test_examples.py keeps the copy identical).
VENDORED_EXAMPLES = REPO / "tests" / "data"
EXAMPLES = SHARED_EXAMPLES if (SHARED_EXAMPLES / "insurance_agency.json").is_file() else VENDORED_EXAMPLES
CHROMIUM = os.environ.get("OTESITE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def groups(db) -> None:
    """The groups of otesite/permissions.py, made again when a live-server test flushed them.

    A live-server test flushes the database when it ends, and the data migration's groups go
    with it; serialized_rollback cannot bring them back while Playwright's event loop gives
    the test thread another database connection. So the migrations' own function runs again.
    """
    if Group.objects.filter(name__in=GROUPS).count() == len(GROUPS):
        return
    from django.apps import apps

    sync_groups(apps)


def _member_of(username: str, group: str | None, *, staff: bool = False) -> User:
    user = User.objects.create_user(username, password="correct horse battery staple", is_staff=staff)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def admin(groups) -> User:
    return _member_of("ada_admin", "Admins", staff=True)


@pytest.fixture
def manager(groups) -> User:
    return _member_of("max_manager", "Managers")


@pytest.fixture
def board_member(groups) -> User:
    return _member_of("bo_board", "Board")


@pytest.fixture
def stranger(groups) -> User:
    return _member_of("sam_stranger", None)


def _client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def as_admin(client, admin):
    return _client_for(client, admin)


@pytest.fixture
def as_manager(client, manager):
    return _client_for(client, manager)


@pytest.fixture
def as_board(client, board_member):
    return _client_for(client, board_member)


@pytest.fixture
def as_stranger(client, stranger):
    return _client_for(client, stranger)


def load_example_json() -> dict:
    return json.loads((EXAMPLES / "insurance_agency.json").read_text())


@pytest.fixture
def example_agency(db) -> dict:
    """The worked example of DOMAIN.md, stored through the ORM: 2026-01 to 2026-03."""
    data = load_example_json()
    for row in data["economics"]:
        Economics.objects.create(
            effective_from=parse_month(row["effective_from"]),
            **{key: Decimal(value) for key, value in row.items() if key != "effective_from"},
        )
    roles = {}
    for order, row in enumerate(data["roles"]):
        roles[row["name"]] = Role.objects.create(name=row["name"], kind=row["kind"], display_order=order)
    for row in data["plans"]:
        QuotaPlan.objects.create(
            role=roles[row["role"]],
            effective_from=parse_month(row["effective_from"]),
            **{key: Decimal(value) for key, value in row.items() if key not in ("role", "effective_from")},
        )
    for row in data["actuals"]:
        MonthlyActual.objects.create(
            role=roles[row["role"]],
            month=parse_month(row["month"]),
            headcount=row["headcount"],
            units=Decimal(row["units"]),
            credited_deals=Decimal(row["credited_deals"]) if row.get("credited_deals") else None,
            meetings_held=Decimal(row["meetings_held"]) if row.get("meetings_held") else None,
            earnings=Decimal(row["earnings"]) if row.get("earnings") else None,
        )
    for row in data["revenue"]:
        MonthlyRevenue.objects.create(month=parse_month(row["month"]), revenue=Decimal(row["revenue"]))
    return roles


def load_people_team() -> dict:
    return json.loads((EXAMPLES / "people_team.json").read_text())


@pytest.fixture
def people_team(db) -> dict:
    """DOMAIN.md's people example (people, tiers, a cap, ramps, a promotion), stored through
    the workspace import: 2026-01 to 2026-03. Returns a fresh copy of the file."""
    from performance.exchange.workspace import import_workspace

    import_workspace(load_people_team())
    return load_people_team()


def build_history(months: int, people: int = 0) -> date:
    """`months` months of closers and setters from 2020-01, a new plan version every year;
    returns the last month. For tests that pin query counts as history grows.

    With `people`, an "Account Executives" role kept person by person besides: that many
    people, hired a month apart in turn, a third of them gone after a year, each with numbers
    in every month they are assigned but one in seven (so some are missing)."""
    start = date(2020, 1, 1)
    Economics.objects.create(
        effective_from=start,
        deal_value=Decimal("16200"),
        upfront_rate=Decimal("0.7"),
        show_rate=Decimal("0.25"),
        close_rate=Decimal("0.25"),
        cost_per_meeting=Decimal("100"),
    )
    closers = Role.objects.create(name="Closers", kind="closer")
    setters = Role.objects.create(name="Setters", kind="setter")
    for index in range(months):
        month = add_months(start, index)
        if index % 12 == 0:
            for role, quota, rate in ((closers, 5, "0.1"), (setters, 40, "0.05")):
                QuotaPlan.objects.create(
                    role=role,
                    effective_from=month,
                    annual_ote=Decimal("68040"),
                    monthly_quota=Decimal(quota),
                    commission_rate=Decimal(rate),
                )
        MonthlyActual.objects.create(role=closers, month=month, headcount=8, units=Decimal(30 + index % 10))
        MonthlyActual.objects.create(role=setters, month=month, headcount=2, units=Decimal(80))
    last = add_months(start, months - 1)
    if people:
        _build_people(start, last, people)
    return last


def _build_people(start: date, last: date, count: int) -> None:
    """Bulk-created: the rows, not their history or signals, are what loading reads."""
    executives = Role.objects.create(name="Account Executives", kind="closer")
    plan = QuotaPlan.objects.create(
        role=executives,
        effective_from=start,
        annual_ote=Decimal("96000"),
        annual_base=Decimal("48000"),
        monthly_quota=Decimal("4"),
        commission_rate=Decimal("0.1"),
        cap_pct=Decimal("200"),
        ramp=(Decimal("0.5"), Decimal("0.75")),
    )
    PlanTier.objects.bulk_create(
        [PlanTier(plan=plan, from_pct=Decimal(f), multiplier=Decimal(m)) for f, m in (("0", "1"), ("100", "1.5"))]
    )
    people = Person.objects.bulk_create([Person(name=f"Person {index:03d}") for index in range(count)])
    assignments = []
    for index, person in enumerate(people):
        first = add_months(start, index % 12)
        end = add_months(first, 11) if index % 3 == 0 else None
        assignments.append(Assignment(person=person, role=executives, start=first, end=end, ramp=index % 2 == 0))
    Assignment.objects.bulk_create(assignments)
    actuals = []
    for index, assignment in enumerate(assignments):
        month = assignment.start
        while month <= min(last, assignment.end or last):
            if (index + month.month) % 7:
                actuals.append(PersonActual(person=assignment.person, month=month, units=Decimal(index % 6)))
            month = add_months(month, 1)
    PersonActual.objects.bulk_create(actuals)


# --- Browser tests -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium, never a downloaded browser. Missing: skip, or fail where CI requires it."""
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}; install it with `apt-get install -y chromium`"
        if os.environ.get("OTESITE_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def login_as(live_server, page, client):
    """Log the browser in as `user` by handing it a real session cookie."""

    def login(user: User):
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
        return page

    return login


# --- A long history (tests/story.py) ------------------------------------------------------


@pytest.fixture
def story(db) -> dict:
    """Thirty months of a growing agency ending 2026-10, plans and assumptions changing on the way."""
    from story import build_story

    return build_story()


# --- Closed months (tests/closing_cases.py) ---------------------------------------------------


@pytest.fixture
def approved_team(people_team, manager, admin) -> dict:
    """The people example with 2026-02 and 2026-03 approved (2026-01 open): 2026-02 holds the
    recorded revenue, 2026-03 the Partners' role total; both have person actuals."""
    from closing_cases import FEBRUARY, MARCH, approve

    approve(FEBRUARY, manager, admin)
    approve(MARCH, manager, admin)
    return people_team


# --- Deals (tests/deal_cases.py) -------------------------------------------------------------


@pytest.fixture
def deals_team(people_team) -> dict:
    """The people example with three April 2026 deals (a split with a setter, a closer alone, one
    cancelled in May and clawed back there)."""
    from deal_cases import april_deals

    return april_deals()


# --- E-mail (tests/mail_cases.py) -------------------------------------------------------------


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, and the site configured to send through it: yields its
    inbox (what it received)."""
    from mail_cases import start_server

    controller, inbox = start_server()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS, settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = False, "", ""
    settings.DEFAULT_FROM_EMAIL = "otesite <statements@otesite.example.com>"
    settings.SITE_URL = "https://otesite.example.com"
    inbox.port = controller.port
    yield inbox
    controller.stop()


# --- The API (tests/api_cases.py) -------------------------------------------------------------


@pytest.fixture
def api_as(stranger, board_member, manager, admin):
    """api_as("manager"): a client sending a fresh token of one of the cast; "anonymous" sends
    none; "rep" is Ana Ruiz's own login (needs the people example)."""
    from api_cases import clients_for

    return clients_for({"stranger": stranger, "board": board_member, "manager": manager, "admin": admin})
