"""Real headless Chromium (Debian's package) driven by Playwright, against a live server.

Skipped with a message when Chromium is not installed (.ci/run installs it). Each test
that fails leaves a screenshot in test-artifacts/screenshots/.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "pass-for-tests-123"  # tests/factories.UserFactory


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread while the browser lives; the
    # ORM calls of tests and fixtures are still synchronous and safe, so Django may allow them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        for page in getattr(item, "_pages", []):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            # The page may be gone already; the failure is reported either way.
            with contextlib.suppress(Exception):
                page.screenshot(path=str(SCREENSHOTS / f"{item.name}-{id(page)}.png"), full_page=True)


@pytest.fixture
def open_page(browser, live_server, request):
    """open_page(user) -> a logged-in page; open_page(None) -> an anonymous one."""
    contexts = []
    request.node._pages = []

    def _open(user=None):
        context = browser.new_context(locale="zh-CN", accept_downloads=True, base_url=live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        request.node._pages.append(page)
        if user is not None:
            page.goto("/accounts/login/")
            page.fill("#id_username", user.username)
            page.fill("#id_password", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state()
        return page

    yield _open
    for context in contexts:
        context.close()
