"""20 signed-in clients with wrk (Debian's package), as design/performance.md measured the budget.

wrk is a C load generator: it leaves the two cores to the server, where a Python load script would take one of
them. Each request carries the session of one of the signed-in people in turn (a Lua script rotates the
cookies); a fixed duration bounds the run, and only 127.0.0.1 is ever addressed.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

LUA = r"""
local cookies = {%(cookies)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "%(path)s", {["Cookie"] = cookies[(n %% #cookies) + 1]})
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("ACCORD %%d %%d %%d %%d %%d %%d\n", summary.requests,
    e.status + e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(95),
    summary.duration, summary.bytes))
end
"""


@dataclass
class WrkResult:
    requests: int
    errors: int
    p50: float  # seconds
    p95: float
    wall: float
    size: int

    @property
    def rate(self) -> float:
        return self.requests / self.wall if self.wall else 0.0


def available() -> bool:
    return shutil.which("wrk") is not None


def lua_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def run(
    port: int, path: str, cookies: list[str], *, connections: int = 20, threads: int = 2, seconds: int = 10
) -> WrkResult:
    script = LUA % {"cookies": ", ".join(lua_string(c) for c in cookies), "path": path.replace('"', "%22")}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{seconds}s",
                "--timeout",
                "10s",
                "-s",
                handle.name,
                f"http://127.0.0.1:{port}{path}",
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        ).stdout
    finally:
        Path(handle.name).unlink(missing_ok=True)
    line = next(ln for ln in out.splitlines() if ln.startswith("ACCORD "))
    requests, errors, p50_us, p95_us, duration_us, size = (int(x) for x in line.split()[1:])
    return WrkResult(requests, errors, p50_us / 1e6, p95_us / 1e6, duration_us / 1e6, size // max(1, requests))
