"""What a writer costs the readers: the workers' processor time per request, read-only and with one write a second.

The same set-up as bench/bench_pages.py (the generated network at scale 1, `accord serve` with 4 sync workers,
20 signed-in clients through wrk, bench_pages.Writer writing once a second), but for each page it reads the
processor time the 4 gunicorn workers spent (from /proc, Linux) during each phase and divides it by the requests
answered. Wall-clock figures on a shared machine mostly measure the other work on it; the processor time a
request needs suffers much less, and its rise with the writer is the cost of rebuilding cached bodies after each
write (docs/decisions/0014-shared-page-cache.md). Prints only.

    nice -n 5 .venv/bin/python bench/bench_herd.py --home /tmp/bench --pages "network home,plans list"
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import bench_pages, wrk  # noqa: E402
from bench.load import load, login  # noqa: E402


def worker_seconds(pids: list[str]) -> float:
    """User and system processor time of these processes so far."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=str(ROOT / "var" / "bench"), help="ACCORD_HOME for the bench database")
    parser.add_argument("--database-url", default="", help="measure on this database instead of the SQLite file")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seconds", type=int, default=8, help="seconds of wrk load per page and phase")
    parser.add_argument("--pages", default="", help="only the pages whose name contains one of these words")
    args = parser.parse_args()
    if not wrk.available():
        raise SystemExit("bench_herd needs wrk (apt-get install wrk)")
    home = Path(args.home).resolve()
    env = {**os.environ, "ACCORD_HOME": str(home), "DEBUG": "0", "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        bench_pages.prepare_database(env, 1.0, False)
    else:
        bench_pages.prepare(home, env, 1.0, False)
    pages, users = bench_pages.discover(env, 20)
    if args.pages:
        words = [w.strip().lower() for w in args.pages.split(",") if w.strip()]
        pages = {k: v for k, v in pages.items() if any(w in k.lower() for w in words)}
    port = args.port or bench_pages.free_port()
    server = bench_pages.serve(env, port, 4)
    try:
        workers = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        cookies = [login(port, u, "accord-demo") for u in users]
        for name, path in pages.items():
            load(port, path, cookies, 160, 60)  # every client's body built once
            figures = []
            for phase in ("read-only", "with a writer"):
                before = worker_seconds(workers)
                if phase == "read-only":
                    result = wrk.run(port, path, cookies, connections=20, seconds=args.seconds)
                else:
                    with bench_pages.Writer():
                        result = wrk.run(port, path, cookies, connections=20, seconds=args.seconds)
                spent = worker_seconds(workers) - before
                answered = max(1.0, result.rate * args.seconds)
                figures.append((phase, result.rate, result.p95, spent / answered))
            (_, _, read_p95, read_cpu), (_, _, write_p95, write_cpu) = figures
            print(
                f"{name:22s} "
                + " | ".join(
                    f"{p}: {r:4.0f} req/s p95 {p95 * 1000:5.0f} ms CPU {c * 1000:5.2f} ms" for p, r, p95, c in figures
                )
                + f" | CPU x{write_cpu / read_cpu:.2f}, p95 x{write_p95 / read_p95:.2f}"
                + f" | load {os.getloadavg()[0]:.1f}",
                flush=True,
            )
    finally:
        server.terminate()
        server.wait(15)


if __name__ == "__main__":
    main()
