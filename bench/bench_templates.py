"""The row-heavy fragments the pages render with Jinja2, against the same markup in Django templates, from
in-memory rows.

The Jinja2 side is the product's own templates (accord/plans/jinja2/plans/document_section.html and
table_results.html, accord/workspace/jinja2/workspace/workload_body.html), loaded through Django's Jinja2
backend as the pages load them (docs/decisions/0013-jinja2-for-row-templates.md). The Django side is the same
markup as the Django partials were before the switch (bench/django_templates/, kept for this measurement only).
The Document tab's sections (a 250-item plan in 10 sections), a Table page (50 rows) and the workload body (300
organisations) are rendered from plain in-memory objects, no database; the outputs are checked the same (the two
engines spell an escaped quote differently, and lay out whitespace between tags differently). Best of 7 runs
each, in processor time. Writes the "## Templates" section of docs/benchmarks.md (not with --no-write).
"""

from __future__ import annotations

import os
import platform
import re
import sys
import time
from datetime import date
from html import unescape
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
os.environ.setdefault("ACCORD_HOME", str(ROOT / "var"))

import django  # noqa: E402

django.setup()

from bench.report import write_section  # noqa: E402

DJANGO_TEMPLATES = ROOT / "bench" / "django_templates"
LABELS = {
    "what": "What",
    "who": "Who",
    "when": "When",
    "status": "Status",
    "edit": "Edit",
    "wanted": "Owner wanted",
    "take": "We'll take it",
    "heavy": "heavy load",
    "outsider": "not a member",
}


def item(i: int) -> SimpleNamespace:
    owners = [(f"Org {i % 37} & <Partners>", f"/n/x/organisations/org-{i % 37}/"), ("Working group", None)][: 1 + i % 2]
    return SimpleNamespace(
        pk=i,
        what=f"Line of work number {i}: a workshop on ocean science",
        details="",
        url=f"/n/x/items/{i}/",
        owner_links=owners,
        owners_mode="either" if i % 4 == 0 else "all",
        owners_note="",
        open_call=i % 9 == 0,
        wanted_label="",
        tentative=i % 5 == 0,
        tbc_chip=i % 5 == 0,
        when_review=False,
        removed_from_document=False,
        when_text="September 2027",
        interval_label="2027-09-01 – 2027-09-30",
        status="planned",
        status_label="planned",
        kind="action",
        kind_label="action",
        section_id=i // 25,
        section=f"{i // 25 + 1}. Priority {i // 25 + 1}",
        # The page renders every row's controls for everyone, and fill_controls keeps each person's own (0014): the
        # Django markup renders them as it did for someone who may use them all.
        can_edit=True,
        can_take=i % 9 == 0,
        take_url=f"/n/x/items/{i}/take/",
        edit_url=f"/n/x/items/{i}/row/edit/?next=%2F",
        edit_label=f"Edit line {i}",
    )


def best(render, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        began = time.process_time()
        render()
        times.append(time.process_time() - began)
    return min(times)


def same_html(html: str) -> str:
    """What both engines must agree on: the markup, with entities read and whitespace between tags dropped."""
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", unescape(html))).strip()


def page_of(n: int) -> SimpleNamespace:
    return SimpleNamespace(
        paginator=SimpleNamespace(count=250, num_pages=5),
        number=2,
        start_index=lambda: 51,
        end_index=lambda: 50 + n,
        has_other_pages=lambda: True,
        has_previous=lambda: True,
        has_next=lambda: True,
        previous_page_number=lambda: 1,
        next_page_number=lambda: 3,
    )


class SectionMacro:
    """A section template whose one section is its macro's call with (section, items), the other variables the
    template's own (page_cache.render_each): rendered here one context at a time, as a template is."""

    def __init__(self, template, macro: str) -> None:
        self.template, self.macro = template, macro

    def render(self, context: dict) -> str:
        module = self.template.make_module({**context, "csrf_token": "csrf"})
        return str(getattr(module, self.macro)((context["section"], context["items"])))


def main() -> None:
    from django.template import engines
    from django.utils import translation

    translation.activate("en")
    dj, jinja = engines["django"], engines["jinja2"]

    def django_template(name: str):
        return dj.from_string((DJANGO_TEMPLATES / name).read_text())

    items = [item(i) for i in range(250)]
    sections = [
        (
            SimpleNamespace(pk=s, number=str(s + 1), title=f"Priority {s + 1}", narrative_blocks=[]),
            items[s * 25 : (s + 1) * 25],
        )
        for s in range(10)
    ]
    network, plan = SimpleNamespace(slug="x", name="Network"), SimpleNamespace(pk=1, title="Plan", period_label="2027")
    table = {
        "network": network,
        "plan": plan,
        "form": SimpleNamespace(active=False),
        "rows": items[50:100],
        "query": "status=planned",
        "back": "/n/x/plans/1/table/?status=planned",
        "labels": LABELS,
        "csrf_token": "placeholder",
    }
    statuses = [("planned", "planned"), ("in_progress", "in progress"), ("done", "done"), ("dropped", "dropped")]
    busy = [
        {
            "name": f"Org {i}",
            "url": f"/n/x/organisations/org-{i}/",
            "heavy": i % 11 == 0,
            "member": i % 7 != 0,
            "cells": [(label, (i + k) % 5) for k, (_v, label) in enumerate(statuses)],
            "total": 12,
        }
        for i in range(300)
    ]
    workload = {
        "network": network,
        "plans": [plan],
        "plan": plan,
        "busy": busy,
        "rows": busy,
        "idle": [{"name": f"Idle {i}", "url": f"/n/x/organisations/idle-{i}/"} for i in range(20)],
        "labels": LABELS,
        "statuses": statuses,
        "charted": 40,
        "chart_height": 960,
        "chart": {"labels": [r["name"] for r in busy[:40]]},
    }
    cases = [
        (
            "Document tab sections (250 items in 10 sections)",
            "document_section.html",
            "plans/document_section.html#section_html",
            [{"section": sec, "items": rows, "labels": LABELS} for sec, rows in sections],
        ),
        ("Table tab results (a page of 50 rows)", "table_results.html", "plans/table_results.html", [table]),
        ("Workload body (300 organisations)", "workload_body.html", "workspace/workload_body.html", [workload]),
    ]
    results = []
    for name, django_name, jinja_name, contexts in cases:
        name_of, _, macro = jinja_name.partition("#")
        old, new = django_template(django_name), jinja.get_template(name_of)
        if macro:  # one section per call of the template's macro, as the page renders it (page_cache.render_each)
            new = SectionMacro(new.template, macro)
        contexts = [{**c, "page": page_of(50)} for c in contexts]  # Django calls its methods, Jinja2 the template
        outputs = ["".join(t.render(c) for c in contexts) for t in (old, new)]
        assert same_html(outputs[0]) == same_html(outputs[1]), f"{name}: the two engines' output differs"
        results.append(
            (
                name,
                best(lambda t=old, cs=contexts: [t.render(c) for c in cs]),
                best(lambda t=new, cs=contexts: [t.render(c) for c in cs]),
            )
        )
    load_avg = os.getloadavg()[0]
    lines = [
        "`bench/bench_templates.py`: the row-heavy fragments rendered from in-memory rows (no database): the",
        "product's own Jinja2 templates (each app's `jinja2/` folder, through Django's own backend, as the pages",
        "render them: docs/decisions/0013) against the same markup in Django templates (as the pages' partials",
        "were before the switch: `bench/django_templates/`), the output checked the same; best of 7 in processor",
        "time (the clock would count the other work of a shared machine).",
        "",
        "| fragment | Django ms | Jinja2 ms (the pages') | Django / Jinja2 |",
        "|---|---|---|---|",
    ]
    for name, dj_time, jinja_time in results:
        lines.append(f"| {name} | {dj_time * 1000:.1f} | {jinja_time * 1000:.1f} | {dj_time / jinja_time:.1f} |")
    lines += [
        "",
        f"Measured on CPython {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"load average {load_avg:.1f} when it ran, {date.today().isoformat()}.",
    ]
    body = "\n".join(lines)
    print(body)
    if "--no-write" not in sys.argv:
        write_section("## Templates", body)


if __name__ == "__main__":
    main()
