#!/usr/bin/env python3
"""Take the screenshots of README.md and docs/user-guide.md from a fresh demo, in headless Chromium.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Runs `make demo` on a free port with a temporary ACCORD_HOME (a fresh SQLite database, the examples imported,
the background worker beside the server), signs in as the printed demo accounts, uploads a revised version of an
example programme through the import page (read by the worker, reviewed, not saved), and photographs the pages
at 1280 px and at a 390 px phone width. Each PNG is reduced to a 128-colour palette (Pillow), which keeps text
sharp and the whole set to a few hundred KB. The demo's server and worker are stopped at the end, however the
script ends.

Playwright drives Debian's chromium (`apt-get install chromium`); Playwright's own browser download is never
used.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "accord-demo"  # noqa: S105 - the published demo password `make demo` prints
NET = "/n/northern-lights"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own local server
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def revised_programme(text: str) -> str:
    """An example programme as its next version would read: the first table's first row rescheduled, its last
    row dropped, and a new row added."""
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("What?\t"))
    end = next(i for i in range(header + 1, len(lines)) if not lines[i].strip())
    rows = list(range(header + 1, end))
    first = lines[rows[0]].split("\t")
    lines[rows[0]] = "\t".join([*first[:2], "November 2026"])
    del lines[rows[-1]]
    lines.insert(rows[0] + 1, "Joint statement on polar research cooperation\tASO/NKI\tDecember 2026")
    return "\n".join(lines) + "\n"


def shrink(path: Path) -> None:
    """A 128-colour palette PNG: screenshots of text and flat colours lose nothing visible."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(path, optimize=True)


class Camera:
    def __init__(self, browser, base: str, out: Path) -> None:
        self.browser, self.base, self.out = browser, base, out
        self.taken: list[Path] = []

    def page(self, user: str, width: int):
        context = self.browser.new_context(
            base_url=self.base, viewport={"width": width, "height": 900 if width > 500 else 844}
        )
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(user)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(lambda url: "/accounts/login/" not in url)
        return page

    def shoot(self, page, name: str, *, full: bool = False, selector: str | None = None) -> None:
        page.wait_for_load_state("networkidle")
        path = self.out / f"{name}.png"
        if selector:
            page.locator(selector).first.screenshot(path=str(path))
        else:
            page.screenshot(path=str(path), full_page=full)
        shrink(path)
        self.taken.append(path)


def plan_url(page, title_words: str) -> str:
    page.goto(f"{NET}/plans/")
    link = page.get_by_role("link", name=re.compile(title_words)).first
    return str(link.get_attribute("href"))


def take(camera: Camera, tmp: Path) -> None:
    example = ROOT / "examples" / "northern-lights-work-programme-2026-h2.txt"

    page = camera.page("secretariat", 1280)
    programme = plan_url(page, "Work Programme n°1")
    page.goto("/")
    camera.shoot(page, "my-work")
    page.goto(programme)
    camera.shoot(page, "plan")
    page.goto(programme.rstrip("/") + "/timeline/")
    page.wait_for_selector("#plan-timeline .vis-item")
    camera.shoot(page, "timeline")
    page.goto(f"{NET}/events/")
    events = page.evaluate(
        "() => [...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))"
        ".filter(h => /\\/events\\/\\d+\\/$/.test(h))"
    )
    # The event with the most to show: its sessions and linked items make the page longest.
    best, longest = events[0], 0
    for href in dict.fromkeys(events):
        page.goto(href)
        size = page.locator("main li, main tr").count()
        if size > longest:
            best, longest = href, size
    page.goto(best)
    camera.shoot(page, "event")

    # A revised programme on the import page: read by the worker, its change report shown before any saving.
    revised = tmp / "northern-lights-work-programme-2026-h2-v2.txt"
    revised.write_text(revised_programme(example.read_text(encoding="utf-8")), encoding="utf-8")
    page.goto(f"{NET}/import/")
    page.get_by_label("Documents", exact=True).set_input_files(str(revised))
    page.get_by_role("button", name="Upload and read").click()
    row = page.locator("#import-jobs li.import-job").filter(has_text=revised.name)
    row.filter(has_text="ready to review").wait_for(timeout=120_000)
    row.get_by_role("link", name="Check and save").click()
    page.locator(".change-report").wait_for()
    camera.shoot(page, "import-review", selector=".change-report")
    page.context.close()

    page = camera.page("demo", 1280)
    page.goto(f"{NET}/manage/chairs/")
    camera.shoot(page, "manage-chairs")
    page.context.close()

    phone = camera.page("secretariat", 390)
    phone.goto(programme)
    camera.shoot(phone, "plan-phone")
    phone.goto("/")
    camera.shoot(phone, "my-work-phone")
    phone.context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default=os.environ.get("ACCORD_CHROMIUM") or shutil.which("chromium"))
    opts = parser.parse_args()
    if not opts.chromium or not Path(opts.chromium).exists():
        print("Debian's chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    opts.out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="accord-shots-") as tmp:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
        env["ACCORD_HOME"] = str(Path(tmp) / "home")
        log = (Path(tmp) / "demo.log").open("w")
        demo = subprocess.Popen(  # noqa: S603 - our own Makefile
            ["make", "-s", "demo", f"DEMO_BIND=127.0.0.1:{port}"],  # noqa: S607
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(f"http://127.0.0.1:{port}/healthz", 300)
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=opts.chromium, args=ARGS, headless=True)
                camera = Camera(browser, f"http://127.0.0.1:{port}", opts.out)
                try:
                    take(camera, Path(tmp))
                finally:
                    browser.close()
        finally:
            os.killpg(demo.pid, signal.SIGTERM)
            try:
                demo.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(demo.pid, signal.SIGKILL)
            log.close()
    total = 0
    for path in camera.taken:
        size = path.stat().st_size
        total += size
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {size // 1024} KB")
    print(f"{len(camera.taken)} screenshots, {total // 1024} KB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
