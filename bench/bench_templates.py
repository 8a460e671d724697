"""Django templates against Jinja2 (Django's own backend) on the row-heavy fragments, from in-memory rows.

The Document tab's sections (a 250-item plan in 10 sections), a Table page (50 rows) and the workload table
(300 organisations) are rendered from plain in-memory objects, no database, from the same markup (the pages'
row markup) through each engine; the outputs are checked identical. Best of 7 runs each,
in processor time. Writes the "## Templates" section of docs/benchmarks.md.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from datetime import date
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
os.environ.setdefault("ACCORD_HOME", str(ROOT / "var"))

import django  # noqa: E402

django.setup()

from django.template.backends.jinja2 import Jinja2  # noqa: E402

from bench.report import write_section  # noqa: E402

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

JINJA_SECTION = """<section class="priority" aria-labelledby="section-{{ section.pk }}">
  <h2 id="section-{{ section.pk }}">{% if section.number %}{{ section.number }}. {% endif %}{{ section.title }}</h2>
  {% if items %}<table class="plan"><tbody>
  {% for item in items %}
    <tr id="item-{{ item.pk }}" class="{% if item.tentative %}tentative{% endif %}">
      <td data-label="{{ labels.what }}"><a href="{{ item.url }}">{{ item.what }}</a>{% if item.details %}<br><span class="muted">{{ item.details }}</span>{% endif %}</td>
      <td data-label="{{ labels.who }}" class="owners">{% for name, link in item.owner_links %}{% if not loop.first %}<span class="sep" aria-hidden="true">·</span>{% endif %}{% if link %}<a href="{{ link }}">{{ name }}</a>{% else %}{{ name }}{% endif %}{% endfor %}{% if item.open_call %} <span class="chip wanted">{{ labels.wanted }}</span>{% endif %}</td>
      <td data-label="{{ labels.when }}">{% if item.when_text %}<span class="when" title="{{ item.interval_label }}">{{ item.when_text }}</span><span class="visually-hidden"> ({{ item.interval_label }})</span>{% else %}<span class="muted">—</span>{% endif %}{% if item.tentative %} <span class="chip tbc">tbc</span>{% endif %}</td>
      <td data-label="{{ labels.status }}" class="status"><span class="chip {{ item.status }}">{{ item.status_label }}</span></td>
    </tr>
  {% endfor %}
  </tbody></table>{% endif %}
</section>"""

JINJA_WORKLOAD = """{% for row in rows %}
    <tr{% if not row.member or row.heavy %} class="{% if not row.member %}not-member{% endif %}{% if not row.member and row.heavy %} {% endif %}{% if row.heavy %}heavy{% endif %}"{% endif %}><th scope="row"><a href="{{ row.url }}">{{ row.name }}</a>{% if row.heavy %} <span class="chip heavy">{{ labels.heavy }}</span>{% endif %}{% if not row.member %} <span class="muted">({{ labels.outsider }})</span>{% endif %}</th>{% for n in row.counts %}<td>{{ n }}</td>{% endfor %}<td>{{ row.total }}</td></tr>
{% endfor %}"""


def item(i: int) -> SimpleNamespace:
    owners = [(f"Org {i % 37} & <Partners>", f"/n/x/organisations/org-{i % 37}/"), ("Working group", None)][: 1 + i % 2]
    return SimpleNamespace(
        pk=i,
        what=f"Line of work number {i}: a workshop on ocean science",
        details="",
        url=f"/n/x/items/{i}/",
        owner_links=owners,
        open_call=i % 9 == 0,
        tentative=i % 5 == 0,
        when_text="September 2027",
        interval_label="1 Sep 2027 – 30 Sep 2027",
        status="planned",
        status_label="planned",
        kind="action",
        kind_label="action",
        section_id=i // 25,
        can_edit=i % 3 == 0,
        can_take=False,
        take_url="",
        edit_url="",
        edit_label=f"Edit line {i}",
    )


def best(render, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        began = time.process_time()
        render()
        times.append(time.process_time() - began)
    return min(times)


TABLE_ROWS = """{% for item in rows %}<tr id="item-{{ item.pk }}" class="{% if item.tentative %}tentative{% endif %}">
    <td data-label="{{ labels.what }}"><a href="{{ item.url }}">{{ item.what }}</a>{% if item.kind != "action" %} <span class="muted">({{ item.kind_label }})</span>{% endif %}</td>
    <td data-label="{{ labels.who }}" class="owners">{% for name, link in item.owner_links %}{% if not forloop.first %}<span class="sep" aria-hidden="true">·</span>{% endif %}{% if link %}<a href="{{ link }}">{{ name }}</a>{% else %}{{ name }}{% endif %}{% endfor %}{% if item.open_call %} <span class="chip wanted">{{ labels.wanted }}</span>{% endif %}</td>
    <td data-label="{{ labels.when }}">{% if item.when_text %}<span class="when" title="{{ item.interval_label }}">{{ item.when_text }}</span>{% else %}<span class="muted">—</span>{% endif %}</td>
    <td data-label="{{ labels.status }}"><span class="chip {{ item.status }}">{{ item.status_label }}</span></td>
    <td class="actions">{% if item.can_edit %}<form method="get" action="{{ item.url }}#edit"><button type="submit" class="secondary small" aria-label="{{ item.edit_label }}" hx-get="{{ item.edit_url }}" hx-target="closest tr" hx-swap="outerHTML">{{ labels.edit }}</button></form>{% endif %}</td>
  </tr>{% endfor %}"""


def main() -> None:
    from django.template import engines

    jinja = Jinja2({"NAME": "jinja2", "DIRS": [], "APP_DIRS": False, "OPTIONS": {}})
    dj = engines["django"]

    def pair(source: str):
        """The same markup for both engines (Jinja2 names the loop `loop`, Django `forloop`)."""
        return dj.from_string(
            source.replace("loop.first", "forloop.first").replace("forforloop", "forloop")
        ), jinja.from_string(source.replace("forloop.", "loop."))

    items = [item(i) for i in range(250)]
    sections = [
        (
            SimpleNamespace(pk=s, number=str(s + 1), title=f"Priority {s + 1}", narrative=""),
            items[s * 25 : (s + 1) * 25],
        )
        for s in range(10)
    ]
    workload = [
        {
            "name": f"Org {i}",
            "url": f"/n/x/organisations/org-{i}/",
            "heavy": i % 11 == 0,
            "member": i % 7 != 0,
            "counts": [i % 4, i % 3, i % 5, 1, 0, 2],
            "total": 12,
        }
        for i in range(300)
    ]
    cases = [
        (
            "Document tab sections (250 items in 10 sections)",
            pair(JINJA_SECTION),
            [{"section": sec, "items": rows, "labels": LABELS} for sec, rows in sections],
        ),
        ("Table tab rows (a page of 50)", pair(TABLE_ROWS), [{"rows": items[:50], "labels": LABELS}]),
        ("Workload rows (300 organisations)", pair(JINJA_WORKLOAD), [{"rows": workload, "labels": LABELS}]),
    ]
    results = []
    for name, (django_template, jinja_template), contexts in cases:
        same = ["".join(t.render(c) for c in contexts) for t in (django_template, jinja_template)]
        assert same[0] == same[1], f"{name}: the two engines' output differs"
        results.append(
            (
                name,
                best(lambda t=django_template, cs=contexts: [t.render(c) for c in cs]),
                best(lambda t=jinja_template, cs=contexts: [t.render(c) for c in cs]),
            )
        )
    load_avg = os.getloadavg()[0]
    lines = [
        "`bench/bench_templates.py`: the row-heavy fragments rendered from in-memory rows (no database): the same",
        "markup (the pages' row markup) through Django templates and through Jinja2 with Django's own backend",
        "(`django.template.backends.jinja2`), the output checked identical; best of 7 in processor time (the",
        "clock would count the other work of a shared machine).",
        "",
        "| fragment | Django ms | Jinja2 ms | Django / Jinja2 |",
        "|---|---|---|---|",
    ]
    for name, dj, jj in results:
        lines.append(f"| {name} | {dj * 1000:.1f} | {jj * 1000:.1f} | {dj / jj:.1f} |")
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
