"""A small, bounded HTTP load generator for the page benchmark: threads + http.client, 127.0.0.1 only.

Each page gets a fixed number of requests from `concurrency` clients (one thread each, each with its own
signed-in session, no think time) and a time limit; latencies are wall-clock per request.
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
import urllib.parse
from dataclasses import dataclass, field

HOST = "127.0.0.1"


@dataclass
class Result:
    path: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    wall: float = 0.0
    size: int = 0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies) if self.latencies else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(95)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.wall if self.wall else 0.0


def request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = 30.0,
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        cookies = [v for k, v in response.getheaders() if k.lower() == "set-cookie"]
        heads = {k.lower(): v for k, v in response.getheaders()}
        heads["set-cookie"] = "\n".join(cookies)
        return response.status, heads, data
    finally:
        conn.close()


def _cookies(set_cookie: str) -> dict[str, str]:
    jar = {}
    for line in set_cookie.splitlines():
        name, _, rest = line.partition("=")
        jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(port: int, username: str, password: str) -> str:
    """Sign in through the login form; returns the Cookie header of the new session."""
    status, heads, body = request(port, "GET", "/accounts/login/")
    jar = _cookies(heads["set-cookie"])
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or token is None:
        raise RuntimeError(f"login page answered {status}")
    form = urllib.parse.urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
    )
    status, heads, _ = request(
        port,
        "POST",
        "/accounts/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={jar['csrftoken']}",
            "Referer": f"http://{HOST}:{port}/accounts/login/",
        },
    )
    jar.update(_cookies(heads["set-cookie"]))
    if status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"could not sign in as {username} (answered {status})")
    return f"sessionid={jar['sessionid']}; csrftoken={jar['csrftoken']}"


def load(port: int, path: str, cookies: list[str], requests: int, time_limit: float) -> Result:
    """`requests` GETs of `path` shared by one thread per cookie, stopping early at `time_limit` seconds."""
    result = Result(path)
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + time_limit

    def client(cookie: str) -> None:
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    return
                remaining[0] -= 1
            began = time.perf_counter()
            try:
                status, _, body = request(port, "GET", path, headers={"Cookie": cookie})
            except OSError:
                with lock:
                    result.errors += 1
                continue
            took = time.perf_counter() - began
            with lock:
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == 200:
                    result.latencies.append(took)
                    result.size = len(body)
                else:
                    result.errors += 1

    threads = [threading.Thread(target=client, args=(c,), daemon=True) for c in cookies]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(time_limit + 30)
    result.wall = time.perf_counter() - began
    return result
