"""Baked reads (accord/web/baked.py) against the same querysets built and compiled the usual way.

On the generated scale-1 network (the page bench's database, var/bench, generated if missing), a few reads of the
kinds the pages make, each run the usual way (the queryset built, compiled and read) and baked (the SQL compiled
once, each call binding its values), in the same process, processor time, best of 7 runs of 200 calls. The rows are
checked equal. Writes the "## Baked reads" section of docs/benchmarks.md (not with --no-write).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def best(fn, calls: int = 200, runs: int = 7) -> float:
    fn()
    times = []
    for _ in range(runs):
        began = time.process_time()
        for _ in range(calls):
            fn()
        times.append((time.process_time() - began) / calls)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", default=str(ROOT / "var" / "bench"))
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    home = Path(args.home).resolve()
    env = {**os.environ, "ACCORD_HOME": str(home), "DEBUG": "0", "LOG_LEVEL": "ERROR"}
    env.pop("DATABASE_URL", None)
    import bench_pages

    bench_pages.prepare(home, env, 1.0, fresh=False)
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from accord.network.models import Role
    from accord.plans.models import Item, Plan, PlanStatus
    from accord.plans.queries import ItemRow
    from accord.testing.demo import DEMO_USER, SLUG
    from accord.web.baked import baked
    from bench.report import write_section

    plan = Plan.objects.get(network__slug=SLUG, status=PlanStatus.ADOPTED)
    user = get_user_model().objects.get(username=DEMO_USER)
    some = list(Item.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True)[:16])

    def one_plan(pk):
        return Plan.objects.filter(pk=pk).select_related("network", "chair")

    def roles(user_id):
        return Role.objects.filter(user_id=user_id).select_related("network", "organisation")

    def rows_of_plan(plan_id):
        return Item.objects.filter(plan_id=plan_id).order_by("order", "id").values(*ItemRow.FIELDS)

    def chosen_items(ids, day):
        return Item.objects.filter(pk__in=ids, plan__period_end__gte=day).select_related("plan").order_by("end", "pk")

    reads = [
        ("one plan with its network and chair (`select_related`)", one_plan, {"pk": plan.pk}),
        ("a person's roles with network and organisation", roles, {"user_id": user.pk}),
        ("16 items by key with their plan, a date condition", chosen_items, {"ids": some, "day": date(2000, 1, 1)}),
        (
            f"a plan's {Item.objects.filter(plan=plan).count()} items as dicts (`values()`)",
            rows_of_plan,
            {"plan_id": plan.pk},
        ),
    ]
    lines = [
        "`bench/bench_baked.py`: reads of the kinds the pages make, on the generated scale-1 network (SQLite),",
        "run the usual way (the queryset built, compiled and read) and as baked reads (`accord/web/baked.py`: the",
        "SQL compiled once, each call binding its values); processor time per call, best of 7 runs of 200 calls;",
        "the rows are checked equal. See docs/decisions/0015-baked-reads.md.",
        "",
        "| read | usual ms | baked ms | usual / baked |",
        "|---|---|---|---|",
    ]
    for label, build, values in reads:
        read = baked(build)
        assert read(**values) == list(build(**values)), label
        usual = best(lambda build=build, values=values: list(build(**values)))
        fast = best(lambda read=read, values=values: read(**values))
        lines.append(f"| {label} | {usual * 1000:.3f} | {fast * 1000:.3f} | {usual / fast:.1f} |")
        print(lines[-1], flush=True)
    lines += [
        "",
        f"Measured on CPython {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"{date.today().isoformat()}.",
    ]
    if not args.no_write:
        write_section("## Baked reads", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
