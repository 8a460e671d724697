"""Cold page builds counted in instructions (valgrind's callgrind): the same figure whatever else the machine does.

A shared machine's speed moves by up to 2x within minutes, so two runs of `bench_pages.py` a quarter of an hour
apart can disagree by more than a change gained. Callgrind counts the instructions the process runs, which stay the
same for the same code, data and inputs. For each page of the generated network (`bench_pages.py`'s pages, its
database under var/bench), a child process signs in, builds the page twice (its templates compiled, its reads
baked), then builds it N more times with every cache emptied before each; the same child with N = 0 is counted too,
and the difference over N is one cold build (the process's start, Django's and the warm-up cancel out). Writes
the "## Cold page builds: instructions" section of docs/benchmarks.md (`--no-write` to print only).

Not in `make bench`: under valgrind each page takes a minute or two. Run it to compare two versions of the code:
`bench/bench_instructions.py --pages "Network home,Document"` in each checkout.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.report import write_section  # noqa: E402

SECTION = "## Cold page builds: instructions"
PAGES = [
    "My work (dashboard)",
    "Network home",
    "Plans list",
    "Plan: Document tab",
    "Plan: Table tab",
    "Item",
    "Organisation",
    "Workload",
    "Calendar (month)",
    "Search",
]
COLLECTED = re.compile(r"Collected : (\d+)")


def child(page: str, builds: int) -> None:
    """In the process valgrind counts: sign in, build `page` twice warm, then `builds` times cold."""
    from bench.bench_pages import discover

    pages, users = discover(dict(os.environ), 2)
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=users[0]))
    for _ in range(2):
        cache.clear()
        assert client.get(pages[page]).status_code == 200
    for _ in range(builds):
        cache.clear()
        assert client.get(pages[page]).status_code == 200


def count(page: str, builds: int, env: dict[str, str]) -> int:
    run = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--home",  # the child reads the same database (its own default would be its checkout's)
            env["ACCORD_HOME"],
            "--child",
            page,
            str(builds),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = COLLECTED.search(run.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count for {page}:\n{run.stderr[-2000:]}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=str(ROOT / "var" / "bench"), help="ACCORD_HOME of bench_pages.py's database")
    parser.add_argument("--builds", type=int, default=10, help="cold builds counted per page")
    parser.add_argument("--pages", default="", help="only the pages whose name contains one of these words")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    env = {
        **os.environ,
        "ACCORD_HOME": str(Path(args.home).resolve()),
        "DEBUG": "0",
        "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "PYTHONHASHSEED": "0",  # the same hashes, so the same dict and set layouts, in every run
        "PYTHONPATH": str(ROOT),
    }
    if args.child:
        os.environ.update(env)
        import django

        django.setup()
        child(args.child[0], int(args.child[1]))
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian's package valgrind)")
    if not (Path(args.home) / "accord.sqlite3").exists():
        raise SystemExit(f"no bench database under {args.home}: run bench/bench_pages.py once (it generates one)")
    words = [w.strip().lower() for w in args.pages.split(",") if w.strip()]
    pages = [p for p in PAGES if not words or any(w in p.lower() for w in words)]
    lines = ["| page | instructions per cold build (millions) |", "|---|---|"]
    # Once uncounted first: a checkout's first run compiles every module it imports to bytecode, which only the
    # first of the two counted processes would pay (a fresh checkout's first page came out 60% dearer).
    subprocess.run(
        [sys.executable, __file__, "--home", env["ACCORD_HOME"], "--child", pages[0], "0"], env=env, check=True
    )
    for page in pages:
        per_build = (count(page, args.builds, env) - count(page, 0, env)) / args.builds
        lines.append(f"| {page} | {per_build / 1e6:.1f} |")
        print(lines[-1], flush=True)
    body = "\n".join(
        [
            "`bench/bench_instructions.py`: each main page of the generated network (scale 1, SQLite), built with",
            "every cache emptied, counted in instructions by valgrind's callgrind: the process with "
            f"{args.builds} cold builds",
            "less the same process with none, over their number. The count does not move with the machine's load (the",
            "processor-time figures of `bench_pages.py` do, by up to 2x on a shared machine), so it compares two",
            "versions of the code; it counts the database's work too (SQLite runs in the process).",
            "",
            *lines,
            "",
            f"Measured on CPython {platform.python_version()}, {platform.machine()}, {date.today().isoformat()}.",
        ]
    )
    print(body)
    if not args.no_write:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
