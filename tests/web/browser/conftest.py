"""End-to-end tests in Debian's Chromium (never a downloaded browser) against a live server.

Every page may load only from the live server: a request to any other host is blocked and
fails the test, and so does a JavaScript error. A failing test leaves a screenshot of each open
page in ``test-artifacts/``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..conftest import PASSWORD
from ..dashboard.progress_data import draft_plan, reported  # noqa: F401  (fixtures)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[3] / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: ./dev.sh setup installs Debian's chromium")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own database calls
    # are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


class Session:
    """One browser context (one visitor), with what went wrong collected as it happens."""

    def __init__(self, browser, base_url: str, viewport: dict) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport=viewport, locale="zh-CN")
        self.context.set_default_timeout(15_000)
        self.foreign: list[str] = []
        self.errors: list[str] = []
        local = urlsplit(base_url).netloc
        self.context.route("**/*", lambda route: self._only_local(route, local))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_local(self, route, local: str) -> None:
        url = route.request.url
        if urlsplit(url).netloc != local and not url.startswith(("data:", "blob:")):
            self.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    def open(self, path: str):
        self.page.goto(self.base_url + path)
        return self.page

    def login(self, username: str):
        page = self.open("/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        assert "/accounts/login/" not in page.url, f"{username} could not sign in"
        return page

    def logout(self) -> None:
        self.page.get_by_role("button", name="退出").click()
        self.page.wait_for_load_state()


@pytest.fixture
def visitors(request, browser, live_server, settings):
    """A factory of browser sessions: ``visitors()`` on a desktop, ``visitors(PHONE)``."""
    settings.FEEDBACK_MIN_SECONDS = 1
    sessions: list[Session] = []

    def new(viewport: dict = DESKTOP) -> Session:
        session = Session(browser, live_server.url, viewport)
        sessions.append(session)
        return session

    yield new
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        for i, session in enumerate(sessions):
            session.page.screenshot(path=ARTIFACTS / f"{name}-{i}.png", full_page=True)
    for session in sessions:
        foreign, errors = session.foreign, session.errors
        session.context.close()
        assert not foreign, f"pages asked another host for: {foreign}"
        assert not errors, f"JavaScript errors: {errors}"
