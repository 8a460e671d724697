"""The progress report for a General Assembly or a board: per priority done / in progress / planned / late /
dropped / carried over (with a chart), each organisation's contributions, events held and outputs produced."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from accord.events.queries import events_held
from accord.plans.models import Item, Plan
from accord.plans.queries import PROGRESS_COLUMNS, PlanProgress, ProgressRow, plan_progress, progress_label
from accord.reports.documents import Bars, Bullets, Heading, Para, Report, Table, long_date
from accord.reports.handover import owners, when

# The PDF's chart (the page draws the same numbers with chart.js): an SVG 600 units wide, a label column, then
# one bar per priority whose segments share BAR_WIDTH in proportion to the counts.
LABEL_WIDTH = 190
BAR_WIDTH = 400
ROW_HEIGHT = 22
LABEL_CHARS = 34
# The same colours as the page's (accord.css): an SVG drawn by WeasyPrint takes fills as attributes.
COLOURS = {
    "done": "#1a7f37",
    "in_progress": "#8a4b00",
    "planned": "#8c959f",
    "late": "#cf222e",
    "dropped": "#82071e",
    "carried_over": "#6639ba",
}


@dataclass
class ProgressReport:
    """The plan's counts (plans.queries.plan_progress) with the events held in the period."""

    progress: PlanProgress
    events: list[Any]

    @property
    def plan(self) -> Plan:
        return self.progress.plan

    @property
    def on(self) -> Any:
        return self.progress.on

    @property
    def sections(self) -> list[ProgressRow]:
        return self.progress.sections

    @property
    def totals(self) -> ProgressRow:
        return self.progress.totals

    @property
    def organisations(self) -> list[ProgressRow]:
        return self.progress.organisations

    @property
    def outputs(self) -> list[Item]:
        return self.progress.outputs

    @property
    def late(self) -> list[Item]:
        return self.progress.late


def build(user: Any, plan: Plan, on: Any) -> ProgressReport:
    """The whole report (eight queries whatever the plan's size)."""
    start = plan.period_start or dt.date.min
    end = plan.period_end or on
    return ProgressReport(plan_progress(plan, on), events_held(user, plan.network, start, end, on))


def title(report: ProgressReport) -> str:
    return _("Progress report: %(plan)s") % {"plan": report.plan.title}


def lines(report: ProgressReport) -> list[str]:
    plan = report.plan
    out = []
    if plan.period_label:
        out.append(_("Period: %(period)s") % {"period": plan.period_label})
    if plan.chair_text or plan.chair:
        out.append(_("Chair: %(chair)s") % {"chair": plan.chair_text or plan.chair})
    out.append(
        _("As of %(day)s · %(n)d items, %(done)d done, %(late)d late")
        % {
            "day": long_date(report.on),
            "n": report.totals.total,
            "done": report.totals.counts["done"],
            "late": report.totals.counts["late"],
        }
    )
    return out


def columns() -> list[tuple[str, str]]:
    return [(c, progress_label(c)) for c in PROGRESS_COLUMNS]


def chart_data(report: ProgressReport) -> dict[str, Any]:
    """The JSON island the page's chart reads (accord/reports/static/reports/progress-chart.js)."""
    return {
        "labels": [r.label for r in report.sections],
        "datasets": [
            {"status": c, "label": label, "data": [r.counts[c] for r in report.sections]} for c, label in columns()
        ],
    }


@dataclass
class Segment:
    column: str
    colour: str
    x: float
    width: float
    count: int


@dataclass
class Bar:
    label: str
    y: int
    text_y: int
    segments: list[Segment]


def bars(report: ProgressReport) -> tuple[list[Bar], int]:
    """Each priority's counts as segments of one bar, in SVG units, and the chart's height."""
    out = []
    for n, row in enumerate(report.sections):
        x, segments = float(LABEL_WIDTH), []
        for column in PROGRESS_COLUMNS:
            count = row.counts[column]
            if count and row.total:
                width = BAR_WIDTH * count / row.total
                segments.append(Segment(column, COLOURS[column], round(x, 2), round(width, 2), count))
                x += width
        label = row.label if len(row.label) <= LABEL_CHARS else row.label[: LABEL_CHARS - 1] + "…"
        out.append(Bar(label, n * ROW_HEIGHT + 3, n * ROW_HEIGHT + 15, segments))
    return out, max(1, len(out)) * ROW_HEIGHT


def _count_rows(rows: list[ProgressRow]) -> list[list[str]]:
    return [[r.label, *[str(r.counts[c]) for c in PROGRESS_COLUMNS], str(r.total)] for r in rows]


def report(data: ProgressReport) -> Report:
    doc = Report(title(data), str(data.plan.network), lines(data))
    head = [_("Priority"), *[label for _c, label in columns()], _("Total")]
    doc.add(
        Heading(_("Per priority")),
        Bars(
            [(r.label, [(COLOURS[c], r.counts[c]) for c in PROGRESS_COLUMNS]) for r in data.sections],
            [(COLOURS[c], label) for c, label in columns()],
        ),
        Table(head, [*_count_rows(data.sections), *_count_rows([_total(data)])]),
    )
    doc.add(Heading(_("Contributions of each organisation")))
    if data.organisations:
        doc.add(Table([_("Organisation"), *head[1:]], _count_rows(data.organisations)))
    else:
        doc.add(Para(_("No item is owned by an organisation yet."), "muted"))
    doc.add(Heading(_("Late")))
    if data.late:
        doc.add(Table((_("What?"), _("Who?"), _("When?")), [(i.what, owners(i), when(i)) for i in data.late]))
    else:
        doc.add(Para(_("Nothing is late."), "muted"))
    doc.add(Heading(_("Events held")))
    if data.events:
        doc.add(
            Bullets(
                [
                    f"{e.title} — {e.when_text or e.interval_label}{' · ' + e.place if e.place else ''}"
                    for e in data.events
                ]
            )
        )
    else:
        doc.add(Para(_("No event was held in the period yet."), "muted"))
    doc.add(Heading(_("Outputs produced")))
    if data.outputs:
        doc.add(Bullets([f"{i.what} ({owners(i)})" for i in data.outputs]))
    else:
        doc.add(Para(_("No output is marked done yet."), "muted"))
    return doc


def _total(data: ProgressReport) -> ProgressRow:
    return ProgressRow(_("Total"), data.totals.counts)


def context(data: ProgressReport) -> dict[str, Any]:
    return {
        "report": data,
        "plan": data.plan,
        "doc_title": title(data),
        "lines": lines(data),
        "columns": columns(),
        "sections": data.sections,
        "total": _total(data),
        "organisations": data.organisations,
        "late": [(i, owners(i), when(i)) for i in data.late],
        "outputs": [(i, owners(i)) for i in data.outputs],
        "events": data.events,
        "chart": chart_data(data),
        "bars": bars(data)[0],
        "bars_height": bars(data)[1],
        "chart_height": 80 + 26 * len(data.sections),
    }
