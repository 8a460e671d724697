"""Hand-over brief, progress report and digest: time to build and render them for plans of 250 and 1,000 items.

Builds a plan of N items (10 sections, two owners each, a month each, a mix of statuses, every fifth an open
call) and a next plan through do_start_next_plan (a tenth carried over), on a fresh SQLite database; then times
each report as a page (HTML), Word file and PDF, one digest's build, and starting the next plan itself. Writes
the "## Reports" section of docs/benchmarks.md, leaving the other sections as they are.
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

from bench.report import write_section  # noqa: E402

SECTION = "## Reports"
STATUSES = ["done", "planned", "in_progress", "planned", "dropped"]


def setup() -> None:
    home = tempfile.mkdtemp(prefix="accord-bench-reports-")
    os.environ.update(ACCORD_HOME=home, DJANGO_SETTINGS_MODULE="accord.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(n: int):
    from accord.plans import actions as plan_actions
    from accord.testing import factories as f

    network = f.make_network(f"Bench reports {n}")
    orgs = [f.make_organisation(f"B{n}-ORG{i}") for i in range(12)]
    plan = f.make_plan(network, title=f"Work Programme {n}", start=dt.date(2021, 7, 1), end=dt.date(2021, 12, 31))
    for s in range(10):
        section = f.make_section(plan, f"Priority {s + 1}", number=str(s + 1))
        for i in range(n // 10):
            k = s * (n // 10) + i
            month = 7 + k % 6
            start = dt.date(2021, month, 1)
            end = (dt.date(2021, month + 1, 1) if month < 12 else dt.date(2022, 1, 1)) - dt.timedelta(days=1)
            f.make_item(
                section,
                what=f"Action {k}: prepare the meeting and its report",
                owners=[orgs[k % 12], orgs[(k + 5) % 12]],
                status=STATUSES[k % 5],
                when_text=start.strftime("%B %Y"),
                start=start,
                end=end,
                open_call=k % 5 == 1,
            )
    return network, plan, plan_actions


def cpu_seconds() -> float:
    """Processor time of this process and of the children it has waited for (a long PDF is printed in parts by
    forked processes): on a shared machine the clock also counts the others' work, this does not."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


CPU: dict[str, float] = {}


def timed(fn, repeat: int = 3, name: str = "") -> float:
    best, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu_seconds()
        fn()
        best = min(best, time.perf_counter() - t)
        cpu = min(cpu, cpu_seconds() - c)
    CPU[name] = cpu
    return best


def run(n: int) -> dict[str, float]:
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from accord.network.models import NetworkRole
    from accord.plans.models import Item
    from accord.reports.digest import build_digest
    from accord.testing import factories as f

    network, plan, plan_actions = build(n)
    user = get_user_model().objects.create_user(f"bench-reports-{n}", password="x")  # noqa: S106
    f.grant(user, network, NetworkRole.SECRETARIAT)
    carry = list(
        Item.objects.filter(plan=plan, status__in=["planned", "in_progress"])
        .select_related("section")
        .prefetch_related("owners")[: n // 10]
    )
    t, c = time.perf_counter(), cpu_seconds()
    plan_actions.do_start_next_plan(
        user, plan, title="Next", period_start=dt.date(2022, 1, 1), period_end=dt.date(2022, 6, 30), carry=carry
    )
    out = {"start_next": time.perf_counter() - t, "start_next_cpu": cpu_seconds() - c}
    client = Client()
    client.force_login(user)
    for name in ("handover", "handover_docx", "handover_pdf", "progress", "progress_docx", "progress_pdf"):
        path = reverse(f"reports:{name}", args=[network.slug, plan.pk]) + "?on=2021-12-15"
        out[name] = timed(lambda path=path: client.get(path), repeat=2 if name.endswith("pdf") else 3, name=name)
        out[f"{name}_cpu"] = CPU[name]
    out["digest"] = timed(lambda: build_digest(user, network, dt.date(2021, 12, 15)), name="digest")
    out["digest_cpu"] = CPU["digest"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, nargs="+", default=[250, 1000])
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    args = parser.parse_args()
    setup()
    results = {n: run(n) for n in args.items}
    labels = [
        ("handover", "Hand-over brief: page"),
        ("handover_docx", "Hand-over brief: Word"),
        ("handover_pdf", "Hand-over brief: PDF"),
        ("progress", "Progress report: page"),
        ("progress_docx", "Progress report: Word"),
        ("progress_pdf", "Progress report: PDF"),
        ("digest", "One person's digest (build)"),
        ("start_next", "Start the next plan (a tenth carried)"),
    ]
    head = " | ".join(f"{n:,} items | CPU" for n in args.items)
    body = [
        "`bench/bench_reports.py`: a plan of N items (10 priorities, two owners and a month each, mixed statuses) "
        "on SQLite; best of two or three requests through Django's test client (the whole view: queries, "
        "template, python-docx or WeasyPrint), in seconds of the clock and of processor time (this process and "
        "its children: a long PDF is printed in parts by forked processes; on a shared machine the clock also "
        "counts the others' work).",
        "",
        f"| report | {head} |",
        "|---|" + "---|---|" * len(args.items),
    ]
    for key, label in labels:
        body.append(
            f"| {label} | "
            + " | ".join(f"{results[n][key]:.2f} | {results[n][key + '_cpu']:.2f}" for n in args.items)
            + " |"
        )
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
