"""Logins in a real browser (Debian's Chromium) over the demo agency: the login page with and
without single sign-on, the whole sign-in through the test OpenID provider (tests/oidc/), and an
admin giving a person a login from the person's page. At 1280 and 390 px, screenshots in the
artifacts folder, no sideways scrolling, no CSP violation on our pages."""

import re

import pytest
from browser_cases import RECORD_VIOLATIONS
from django.core.management import call_command
from oidc.running import start_provider
from playwright.sync_api import expect

from compensation.models import Person
from otesite import sso

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]
PASSWORD = "correct horse battery staple"


@pytest.fixture(scope="session")
def provider(live_server):
    running = start_provider(f"{live_server.url}/oidc/callback/")
    yield running
    running.stop()


@pytest.fixture
def demo(groups) -> None:
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def sso_on(settings, provider):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.OIDC_DISCOVERY_URL = provider.discovery_url
    settings.OIDC_PROVIDER_NAME = "Acme sign-in"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "otesite.sso.CompanyBackend"]
    sso._discovered.clear()
    return provider


def watched(page, width: int):
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size({"width": width, "height": 900})
    page.console = []
    page.on("console", lambda message: page.console.append(message.text))
    return page


def check_layout_and_policy(page, artifacts, name: str, width: int) -> None:
    page.wait_for_load_state("networkidle")
    page.screenshot(path=artifacts / f"logins-{name}-{width}.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{name} scrolls sideways at {width} px"
    violations = page.evaluate("window.cspViolations") + [m for m in page.console if "Content Security Policy" in m]
    assert violations == [], violations


@pytest.mark.parametrize("width", WIDTHS)
def test_the_login_page_without_single_sign_on_is_as_before(page, live_server, artifacts, groups, width):
    watched(page, width).goto(f"{live_server.url}/login/")

    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Sign in with"))).to_have_count(0)
    check_layout_and_policy(page, artifacts, "login", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_rep_signs_in_with_the_companys_provider_and_lands_on_their_page(
    page, live_server, artifacts, demo, sso_on, width
):
    watched(page, width).goto(f"{live_server.url}/login/")
    expect(page.get_by_label("Password")).to_be_visible()
    check_layout_and_policy(page, artifacts, "login-sso", width)

    page.get_by_role("link", name="Sign in with Acme sign-in").click()
    page.wait_for_url(re.compile(r"^http://127\.0\.0\.1:\d+/login/"))  # the provider's page
    page.get_by_label("E-mail").fill("ana.ruiz@example.com")
    page.get_by_label("Password").fill(sso_on.password)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(f"{live_server.url}/me/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ana Ruiz")
    expect(page.locator(".nav-user")).to_have_text("ana")
    page.console.clear()
    check_layout_and_policy(page, artifacts, "me-after-sso", width)


def test_someone_unknown_is_turned_away_with_a_clear_page(page, live_server, artifacts, demo, sso_on):
    watched(page, 390).goto(f"{live_server.url}/oidc/authenticate/")
    page.get_by_label("E-mail").fill("stranger@example.com")
    page.get_by_label("Password").fill(sso_on.password)
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_url(re.compile(rf"^{live_server.url}/oidc/callback/"))
    expect(page.get_by_role("alert")).to_contain_text("Nobody here has the e-mail stranger@example.com")
    check_layout_and_policy(page, artifacts, "sso-refused", 390)


@pytest.mark.parametrize("width", WIDTHS)
def test_with_oidc_only_the_login_page_offers_single_sign_on_alone(
    page, live_server, artifacts, groups, sso_on, settings, width
):
    settings.OIDC_ONLY = True

    watched(page, width).goto(f"{live_server.url}/login/")

    expect(page.get_by_role("link", name="Sign in with Acme sign-in")).to_be_visible()
    expect(page.get_by_label("Password")).to_have_count(0)
    check_layout_and_policy(page, artifacts, "login-sso-only", width)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_admin_gives_a_person_a_login_from_their_page(login_as, admin, live_server, artifacts, demo, width):
    grace = Person.objects.get(name="Grace Liu")
    page = watched(login_as(admin), width)
    page.goto(f"{live_server.url}/people/{grace.pk}/")

    panel = page.locator("#login")
    expect(panel).to_contain_text("Grace Liu has no login")
    expect(panel.get_by_label("Username")).to_have_value("grace.liu")
    check_layout_and_policy(page, artifacts, "person-no-login", width)
    panel.screenshot(path=artifacts / f"logins-person-no-login-panel-{width}.png")

    panel.get_by_label("Initial password", exact=True).fill(PASSWORD)
    panel.get_by_label("Initial password again").fill(PASSWORD)
    panel.get_by_role("button", name="Create login").click()

    page.wait_for_url(f"{live_server.url}/people/{grace.pk}/")
    expect(page.locator(".messages")).to_contain_text("Created the login 'grace.liu' for Grace Liu")
    expect(panel).to_contain_text("Grace Liu signs in as grace.liu")
    expect(panel.get_by_role("button", name="Disable login")).to_be_visible()
    check_layout_and_policy(page, artifacts, "person-login", width)
    panel.screenshot(path=artifacts / f"logins-person-login-panel-{width}.png")

    panel.get_by_role("button", name="Disable login").click()
    expect(panel).to_contain_text("Disabled: cannot sign in")
    assert not Person.objects.select_related("user").get(pk=grace.pk).user.is_active
