"""A fresh `make demo`, as a new user runs it: migrate, build the demo, start the background worker beside the
server; then an upload on the import page is read by the worker, reviewed and saved, end to end.

This runs the real Makefile recipe in its own process group, on a fresh SQLite database in a temporary
ACCORD_HOME, and stops the whole group (server and worker) at the end.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]

PROGRAMME = (
    "Outreach Programme of the Demo Alliance\n"
    "January – June 2027\n\n"
    "1. Priority: Visibility\n\n"
    "What?\tWho?\tWhen?\n"
    "Launch a members' newsletter\tASO\tFebruary 2027\n"
    "Panel at the spring conference\tBRC/NKI\tlate April 2027\n"
    "Podcast on polar research\tAny volunteers?\tJune 2027\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {seconds} s")


@pytest.fixture
def demo_server(tmp_path):
    if not (ROOT / ".venv" / "bin" / "accord").exists():
        pytest.skip("needs the project's .venv (make venv)")
    port = _free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "ACCORD_TASKS_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env["ACCORD_HOME"] = str(tmp_path / "home")
    log = (tmp_path / "demo.log").open("w")
    process = subprocess.Popen(
        ["make", "-s", "demo", f"DEMO_BIND=127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/healthz", 240)
        yield f"http://127.0.0.1:{port}", tmp_path / "demo.log"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_fresh_demo_imports_an_upload_end_to_end(browser, demo_server, tmp_path):
    base, log = demo_server
    printed = log.read_text()
    for username in ("demo", "secretariat", "member", "viewer"):
        assert f"  {username} " in printed, printed
    assert "Background worker running" in printed

    document = tmp_path / "outreach-2027.txt"
    document.write_text(PROGRAMME, encoding="utf-8")
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("secretariat")
        page.get_by_label("Password").fill("accord-demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        expect(page.get_by_role("button", name="We'll take it").first).to_be_visible()  # open calls, for ASO

        page.goto("/n/northern-lights/import/")
        page.get_by_label("Documents", exact=True).set_input_files(str(document))
        page.get_by_role("button", name="Upload and read").click()
        row = page.locator("#import-jobs li.import-job").filter(has_text="outreach-2027.txt")
        row.filter(has_text="ready to review").wait_for(timeout=60_000)  # the worker read it
        assert page.locator(".worker-missing").count() == 0
        row.get_by_role("link", name="Check and save").click()
        page.get_by_role("button", name="Save as a plan").click()
        page.get_by_role("heading", name="Saved as a new plan").wait_for(timeout=60_000)  # the worker saved it
        page.goto("/n/northern-lights/plans/")
        page.get_by_role("link", name="Outreach Programme of the Demo Alliance", exact=True).click()
        expect(page.get_by_text("Launch a members' newsletter")).to_be_visible()
        assert page.request.get("/favicon.ico").headers["content-type"] == "image/x-icon"
    finally:
        context.close()
