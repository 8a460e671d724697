"""Export time of a generated 1,000-item plan per format (targets: DOCX ≤ 2 s, PDF ≤ 5 s, XLSX ≤ 1 s).

Builds the plan through the actions in a fresh SQLite database, then times each export (load + render), best of 3.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
HOME = tempfile.mkdtemp(prefix="accord-bench-exports-")
os.environ["ACCORD_HOME"] = HOME
os.environ.pop("DATABASE_URL", None)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from report import write_section  # noqa: E402

TARGETS = {"docx": 2.0, "pdf": 5.0, "xlsx": 1.0}


def cpu_seconds() -> float:
    """Processor time of this process and of the children it has waited for (the PDF's parts print in forked
    processes): on a shared machine the clock also counts the others' work, this does not."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


ITEMS = 1000


def main() -> int:
    import logging

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    call_command("migrate", verbosity=0)
    from accord.reports.exports import FORMATS, load_plan_export, render
    from accord.testing import factories as f
    from accord.testing.plans import make_generated_plan

    network = f.make_network("Bench network", slug="bench")
    plan = make_generated_plan(network, items=ITEMS, sections=8)
    rows = []
    failed = False
    for fmt in FORMATS:
        best, cpu, size = float("inf"), float("inf"), 0
        for _ in range(3):
            t0, c0 = time.perf_counter(), cpu_seconds()
            data = render(load_plan_export(plan), fmt)
            best = min(best, time.perf_counter() - t0)
            cpu = min(cpu, cpu_seconds() - c0)
            size = len(data)
        target = TARGETS.get(fmt)
        ok = target is None or best <= target
        failed |= not ok
        rows.append(
            f"| {fmt} | {best:.2f} | {cpu:.2f} | {size / 1024:,.0f} KB | {f'≤ {target:g} s' if target else '—'} | "
            f"{'yes' if ok else '**no**'} |"
        )
        print(rows[-1], flush=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    body = (
        f"`bench/bench_exports.py`: a generated work programme of {ITEMS:,} items in 8 priorities "
        "(accord.testing.plans, one to three owners each) in SQLite; each export loaded and rendered whole, best "
        "of 3 (clock and processor time each, the processor time of the process and its children: a long PDF is "
        "printed in parts by forked processes, accord.reports.printing).\n\n"
        "| format | seconds | CPU seconds | size | target | met |\n|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + f"\n\nMeasured on {platform.python_implementation()} {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs, load average {load:.1f}, {time.strftime('%Y-%m-%d')}."
    )
    write_section("## Exports", body)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
