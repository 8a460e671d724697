"""Browser tests: Playwright driving Debian's chromium against Django's live server.

Never Playwright's own browser download: the executable is /usr/bin/chromium (installed by .ci/run). Without it
these tests are skipped with the reason.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("ACCORD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-dev-shm-usage",
]

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from such a thread unless
# told that this is intended (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Debian's chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # The suite shares two cores with other work in CI: wait longer than Playwright's 5 s before failing.
    sync_api.expect.set_options(timeout=15_000)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(user=None) -> a Playwright page in a fresh context, signed in as `user` when given.

    Every page fails its test if the browser reports a Content-Security-Policy violation (an inline script or
    style, or an event handler attribute, that the policy blocked).
    """
    contexts = []
    violations: list[str] = []

    def watch(message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            where = message.location or {}
            violations.append(
                f"{message.page.url if message.page else ''}: {message.text} "
                f"(from {where.get('url', '?')}:{where.get('lineNumber', '?')})"
            )

    def make(user=None, password: str = "pw-for-tests-only"):  # noqa: S107 - the factories' test password
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", watch)
        if user is not None:
            page.goto("/accounts/login/")
            page.get_by_label("Username").fill(user.username)
            page.get_by_label("Password").fill(password)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    yield make
    for context in contexts:
        context.close()
    assert not violations, violations
