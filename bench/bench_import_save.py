"""Saving imports: a large Draft written as a plan, revised, and imported again unchanged, on SQLite.

Builds a work programme of N items (10 sections, two or three owners each, a time each) as a Draft, then
times `do_import_draft` for: the first import (create), a revision with a tenth of the items reworded,
rescheduled or re-owned plus a few added and removed (update), and the same file again (unchanged). Each run
uses a fresh SQLite database under its own ACCORD_HOME. Writes the "## Saving imports" section of
docs/benchmarks.md, leaving the other sections as they are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accord.audit.actors import SYSTEM  # noqa: E402
from bench.report import write_section  # noqa: E402

SECTION = "## Saving imports"


def build(n: int, *, revision: int = 0):
    from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location
    from accord.text.timeframe import Precision, Timeframe

    owners_pool = ["ZSI", "DLR-PT", "CNRS", "VUB", "FECYT", "EAD", "Trio", "Symlog"]
    sections = []
    per = max(1, n // 10)
    for s in range(10):
        items = []
        for i in range(per):
            k = s * per + i
            changed = revision and k % 10 == 0
            month = 1 + (k % 6) + (1 if changed and k % 20 == 0 else 0)
            what = f"Action {k}: prepare the stakeholder meeting and its report"
            if changed and k % 30 == 0:
                what = f"Action {k}: prepare the stakeholder meeting and publish its report"
            owners = [owners_pool[k % 8], owners_pool[(k + 3) % 8]] + ([owners_pool[(k + 5) % 8]] if k % 3 else [])
            if changed and k % 40 == 0:
                owners = owners[:1]
            if revision and k % 97 == 5:
                continue  # removed
            start = dt.date(2022, month, 1)
            end = dt.date(2022, month + 1, 1) - dt.timedelta(days=1)
            items.append(
                DraftItem(
                    kind=ItemKind.ACTION,
                    what=what,
                    who_raw="/".join(owners),
                    owners=owners,
                    when_raw=start.strftime("%B %Y"),
                    timeframe=Timeframe(start.strftime("%B %Y"), start, end, Precision.MONTH),
                    location=Location(line=10 + k, table=s + 1, row=i + 1),
                )
            )
        if revision:
            items.append(
                DraftItem(kind=ItemKind.ACTION, what=f"New action in section {s}", location=Location(line=9000 + s))
            )
        sections.append(DraftSection(number=str(s + 1), title=f"Priority {s + 1}", narrative="Why.", items=items))
    return Draft(
        source=f"wp-r{revision}.txt",
        title="Draft Work Programme",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 6, 30),
        chair="CNRS",
        checksum=f"checksum-{revision}",
        sections=sections,
    )


def run(n: int) -> dict[str, float]:
    home = tempfile.mkdtemp(prefix="accord-bench-save-")
    os.environ.update(ACCORD_HOME=home, DJANGO_SETTINGS_MODULE="accord.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from accord.imports.actions import do_import_draft
    from accord.network import actions as net_actions

    network = net_actions.do_create_network(SYSTEM, name=f"Bench {n}")
    out: dict[str, float] = {}
    for label, draft in (("create", build(n)), ("revise", build(n, revision=1)), ("again", build(n, revision=1))):
        t = time.perf_counter()
        report = do_import_draft(SYSTEM, network, draft)
        out[label] = time.perf_counter() - t
        out[label + "_items"] = report.items
        out[label + "_changes"] = (
            len(report.added)
            + len(report.removed)
            + len(report.reworded)
            + len(report.reowned)
            + len(report.rescheduled)
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    r = run(args.items)
    rows = [
        ("first import (create)", r["create"], r["create_items"], "—"),
        ("revised version (update)", r["revise"], r["revise_items"], int(r["revise_changes"])),
        ("same file again (unchanged)", r["again"], r["again_items"], int(r["again_changes"])),
    ]
    body = [
        "`bench/bench_import_save.py`: a Draft of "
        f"{args.items} items in 10 sections (two or three owners and a month each) saved by `do_import_draft` "
        "into a fresh SQLite database: the first import, a revision touching about a tenth of the items, and "
        "the same revision again. One transaction each, audit entries included.",
        "",
        "| run | seconds | items in the plan | changes reported | items/s |",
        "|---|---|---|---|---|",
    ]
    for label, secs, items, changes in rows:
        body.append(f"| {label} | {secs:.2f} | {int(items)} | {changes} | {items / secs:,.0f} |")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    body += [
        "",
        f"Measured on CPython {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load:.1f}, {dt.date.today().isoformat()}.",
    ]
    text = "\n".join(body)
    print(text)
    if not args.no_write:
        write_section(SECTION, text)
        print("updated docs/benchmarks.md")


if __name__ == "__main__":
    main()
