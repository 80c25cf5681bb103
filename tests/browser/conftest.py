"""Browser tests: the system Chromium, driven by Playwright, against a live server.

They skip where Chromium is not installed, unless REQUIRE_BROWSER is set (as CI sets it),
in which case a missing browser fails the run instead.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
# Chromium's own background traffic is refused on closed networks; turn it off.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}; install Debian's chromium package."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, so Django's async guard does not apply here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def demo(transactional_db):
    """The live server's tests commit for real, so each loads the demo data itself."""
    from indicators.demo import demo_load
    from tests.conftest import DEMO_PASSWORD

    demo_load(password=DEMO_PASSWORD)


@pytest.fixture
def page(chromium, live_server, demo):
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 720}
    )
    page = context.new_page()
    yield page
    # Let the live server finish every request before the test's database goes away.
    for open_page in context.pages:
        open_page.wait_for_load_state("networkidle")
    context.close()


@pytest.fixture
def sign_in(page):
    from tests.conftest import DEMO_PASSWORD

    def sign_in_as(username: str) -> None:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/")

    return sign_in_as


def serious_violations(page) -> list[str]:
    """The serious and critical axe-core violations of the page as it stands."""
    from axe_playwright_python.sync_playwright import Axe

    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def assert_accessible(page):
    """No serious or critical axe-core violations on the page as it stands."""

    def check() -> None:
        found = serious_violations(page)
        assert found == [], f"{page.url}: " + "; ".join(found)

    return check
