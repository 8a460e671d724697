#!/usr/bin/env python3
"""Production start from a fresh clone: what CI runs after the test suites (`.ci/run`, or `make smoke`).

Clones the repository (its committed HEAD, nothing else from the working folder) into a temporary folder, then
with the clone's code and a new ACCORD_HOME: `accord migrate`, `accord createsuperuser --noinput`, and
`accord serve` in production mode (ACCORD_PRODUCTION=1, a freshly generated key) on a free loopback port.
Checks /healthz, signs in through the sign-in page and opens the signed-in home page, checks its security headers
and one hashed static file, then stops the server. Plain HTTP on loopback stands for the TLS proxy: requests say
`X-Forwarded-Proto: https`, as the proxy would. Exit status 0 when everything answered as it should.
"""

from __future__ import annotations

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USER, PASSWORD = "smoke", "Smoke-" + secrets.token_urlsafe(12)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """Just enough of a browser: keeps cookies (Secure ones too, as the proxy speaks HTTPS) and says it is HTTPS."""

    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, {}

    def request(self, method: str, path: str, body: str = "", headers: dict[str, str] | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        origin = f"https://127.0.0.1:{self.port}"
        all_headers = {"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            all_headers.update(
                {"Content-Type": "application/x-www-form-urlencoded", "Origin": origin, "Referer": origin + path}
            )
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response, data


def check(condition: bool, what: str) -> None:
    print(("ok   " if condition else "FAIL ") + what, flush=True)
    if not condition:
        raise SystemExit(1)


def main() -> int:
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="accord-smoke-") as tmp:
        clone = Path(tmp) / "accord"
        subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)  # noqa: S603, S607
        port = free_port()
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "SECRET_KEY", "ACCORD_DEBUG", "DJANGO_SETTINGS_MODULE"}
        }
        env.update(
            {
                "PYTHONPATH": str(clone),
                "ACCORD_HOME": str(Path(tmp) / "home"),
                "ACCORD_PRODUCTION": "1",
                "SECRET_KEY": secrets.token_urlsafe(60),
                "ALLOWED_HOSTS": "127.0.0.1",
                "SECURE_SSL_REDIRECT": "0",
                "ACCORD_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
                "LOG_LEVEL": "ERROR",
            }
        )
        accord = [sys.executable, "-m", "accord.cli"]

        def run(*args: str) -> str:
            result = subprocess.run(  # noqa: S603
                [*accord, *args],
                cwd=clone,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            if result.returncode:
                print(result.stdout[-3000:], result.stderr[-3000:], sep="\n")
            check(result.returncode == 0, "accord " + " ".join(args))
            return result.stdout

        where = run("shell", "-c", "import accord; print(accord.__file__)").strip().splitlines()[-1]
        check(where.startswith(str(clone)), f"the clone's code runs ({where})")
        run("migrate", "--noinput", "-v0")
        run("createsuperuser", "--noinput", "--username", USER, "--email", "smoke@example.org")
        server = subprocess.Popen(  # noqa: S603
            [*accord, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
            cwd=clone,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            browser = Browser(port)
            deadline, health = time.monotonic() + 45, None
            while time.monotonic() < deadline and server.poll() is None:
                try:
                    health = browser.request("GET", "/healthz")
                    break
                except OSError:
                    time.sleep(0.3)
            if health is None:
                print(server.stdout.read().decode()[-3000:] if server.poll() is not None else "(still starting)")
            check(health is not None and health[0].status == 200 and '"ok": true' in health[1], "/healthz answers")
            response, page = browser.request("GET", "/accounts/login/")
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            check(response.status == 200 and token is not None, "the sign-in page answers with a CSRF token")
            body = f"csrfmiddlewaretoken={token.group(1)}&username={USER}&password={PASSWORD}&next=/"
            response, _ = browser.request("POST", "/accounts/login/", body)
            check(response.status == 302 and "sessionid" in browser.cookies, "signing in works")
            response, page = browser.request("GET", "/")
            check(response.status == 200 and USER in page, "the signed-in home page answers")
            csp = response.getheader("Content-Security-Policy") or ""
            check("script-src 'self'" in csp and "unsafe-inline" not in csp, "Content-Security-Policy is sent")
            # Decision 0010: signed-in pages are never kept by a shared cache (`private`); a page cached on versions
            # may stay in the browser only to be revalidated on every use (`no-cache`), any other is `no-store`.
            cache_control = {part.strip() for part in (response.getheader("Cache-Control") or "").split(",")}
            check(
                "private" in cache_control and bool(cache_control & {"no-cache", "no-store"}),
                f"the signed-in page is kept by no shared cache ({', '.join(sorted(cache_control))})",
            )
            check(bool(response.getheader("Strict-Transport-Security")), "HSTS is sent")
            css = re.search(r'href="(/static/accord/accord\.[0-9a-f]{12}\.css)"', page)
            check(css is not None, "static files have hashed names")
            response, _ = browser.request("GET", css.group(1))
            check(response.status == 200, f"{css.group(1)} is served")
            response, _ = browser.request("GET", "/no/such/page/")
            check(response.status == 404, "a missing page answers 404")
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    print(f"production start from a fresh clone: ok in {time.monotonic() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
