"""The hand-over brief for a chair change: what was done, what is open (by priority, owner and time), what was
carried over, the next three months, open calls, and the Trio after the change. Page, Word and PDF."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from accord.events.queries import events_between
from accord.network.models import Trio, trio_for
from accord.plans.models import Item, Plan
from accord.plans.queries import HandoverItems, SectionItems, handover_items
from accord.reports import printing
from accord.reports.documents import Bullets, Heading, Para, Report, Table, long_date


@dataclass
class HandoverBrief:
    """The plan side (plans.queries.handover_items) with the events of the next three months and the Trio."""

    plan: Plan
    items: HandoverItems
    events: list[Any]
    trio: Trio

    # The plan side's parts, read directly by the templates and the Word file.
    @property
    def next_plan(self) -> Plan | None:
        return self.items.next_plan

    @property
    def change_date(self) -> Any:
        return self.items.change_date

    @property
    def horizon(self) -> Any:
        return self.items.horizon

    @property
    def done(self) -> list[SectionItems]:
        return self.items.done

    @property
    def open(self) -> list[SectionItems]:
        return self.items.open

    @property
    def carried(self) -> list[Item]:
        return self.items.carried

    @property
    def coming(self) -> list[Item]:
        return self.items.coming

    @property
    def open_calls(self) -> list[Item]:
        return self.items.open_calls


def build(user: Any, plan: Plan, today: Any) -> HandoverBrief:
    """The whole brief (about ten queries whatever the plan's size): the Trio and the events are read from the day
    of the change of chair."""
    items = handover_items(user, plan, today)
    return HandoverBrief(
        plan=plan,
        items=items,
        events=events_between(user, plan.network, items.change_date, items.horizon),
        trio=trio_for(plan.network, items.change_date),
    )


def owners(item: Item) -> str:
    names = [o.name for o in item.owners.all()]
    return ", ".join(names) or (_("owner wanted") if item.open_call else "—")


def when(item: Item) -> str:
    return item.when_text or (item.interval_label if item.start or item.end else "—")


def trio_rows(brief: HandoverBrief) -> list[tuple[str, str]]:
    labels = (
        (_("Previous chair"), brief.trio.previous),
        (_("Chair"), brief.trio.current),
        (_("Next chair"), brief.trio.next),
    )
    return [(label, str(term) if term else "—") for label, term in labels]


def title(brief: HandoverBrief) -> str:
    return _("Hand-over brief: %(plan)s") % {"plan": brief.plan.title}


def lines(brief: HandoverBrief) -> list[str]:
    plan = brief.plan
    out = []
    if plan.period_label:
        out.append(_("Period: %(period)s") % {"period": plan.period_label})
    if plan.chair_text or plan.chair:
        out.append(_("Outgoing chair: %(chair)s") % {"chair": plan.chair_text or plan.chair})
    if brief.next_plan is not None:
        chair = brief.next_plan.chair_text or brief.next_plan.chair or "—"
        out.append(_("Next plan: %(plan)s (chair: %(chair)s)") % {"plan": brief.next_plan.title, "chair": chair})
    out.append(
        _("Change of chair: %(day)s · next three months to %(horizon)s")
        % {"day": long_date(brief.change_date), "horizon": long_date(brief.horizon)}
    )
    return out


def report(brief: HandoverBrief) -> Report:
    doc = Report(title(brief), str(brief.plan.network), lines(brief))
    head = (_("What?"), _("Who?"), _("When?"))
    doc.add(Heading(_("What was done")))
    if not brief.done:
        doc.add(Para(_("Nothing is marked done yet."), "muted"))
    for group in brief.done:
        doc.add(
            Heading(str(group.section), 2),
            Table(head, [(i.what, owners(i), when(i)) for i in group.items], (9, 4.5, 3.5)),
        )
    doc.add(Heading(_("What is open")))
    if not brief.open:
        doc.add(Para(_("Nothing is left open."), "muted"))
    for group in brief.open:
        doc.add(
            Heading(str(group.section), 2),
            Table(
                (*head, _("Status")),
                [(i.what, owners(i), when(i), i.get_status_display()) for i in group.items],
                (7.5, 4, 3.5, 2),
            ),
        )
    doc.add(Heading(_("What was carried over")))
    if brief.carried:
        doc.add(
            Table(
                (_("What?"), _("Who?"), _("Continued in")),
                [
                    (i.what, owners(i), ", ".join(s.plan.title for s in i.successors.all()) or "—")
                    for i in brief.carried
                ],
                (9, 4, 4),
            )
        )
    else:
        doc.add(Para(_("Nothing was carried over yet."), "muted"))
    doc.add(Heading(_("The next three months")))
    if brief.coming:
        doc.add(
            Table(
                (*head, _("Plan")), [(i.what, owners(i), when(i), i.plan.title) for i in brief.coming], (7, 4, 3.5, 2.5)
            )
        )
    else:
        doc.add(Para(_("No open item falls in these three months."), "muted"))
    if brief.events:
        doc.add(
            Heading(_("Events"), 2),
            Bullets(
                [
                    f"{e.title} — {e.when_text or e.interval_label}{' · ' + e.place if e.place else ''}"
                    for e in brief.events
                ]
            ),
        )
    doc.add(Heading(_("Open calls")))
    if brief.open_calls:
        doc.add(
            Table(
                (_("What?"), _("When?"), _("Plan")),
                [(i.what, when(i), i.plan.title) for i in brief.open_calls],
                (10, 4, 3),
            )
        )
    else:
        doc.add(Para(_("Every open item has an owner."), "muted"))
    doc.add(Heading(_("The Trio after the change")), Table((_("Role"), _("Term")), trio_rows(brief), (5, 12)))
    return doc


@dataclass
class Row:
    item: Item
    owners: str
    when: str


@dataclass
class Group:
    section: Any
    rows: list[Row]


def _rows(items: list[Item]) -> list[Row]:
    return [Row(i, owners(i), when(i)) for i in items]


def context(brief: HandoverBrief) -> dict[str, Any]:
    """What the page and the PDF show (the Word file reads the same brief through report())."""
    return {
        "brief": brief,
        "plan": brief.plan,
        "doc_title": title(brief),
        "lines": lines(brief),
        "done": [Group(g.section, _rows(g.items)) for g in brief.done],
        "open_groups": [Group(g.section, _rows(g.items)) for g in brief.open],
        "carried": _rows(brief.carried),
        "coming": _rows(brief.coming),
        "calls": _rows(brief.open_calls),
        "trio": trio_rows(brief),
    }


def print_parts(context: dict[str, Any], count: int | None = None) -> list[dict[str, Any]]:
    """The brief's context split for printing in parts (accord.reports.printing): consecutive runs of its
    blocks (each priority's group of done or open items, then the carried, coming, calls and Trio sections) of
    about the same number of rows. One part (an empty list: print it whole) unless the brief is long enough.
    `count` overrides the number of parts the brief's length and the machine give."""
    units: list[tuple[str, int | None, int]] = []
    for key, name in (("done", "done"), ("open", "open_groups")):
        groups = context[name]
        units += [(key, i, len(g.rows) + 2) for i, g in enumerate(groups)] or [(key, None, 1)]
    units += [
        ("carried", None, len(context["carried"]) + 1),
        ("coming", None, len(context["coming"]) + len(context["brief"].events) + 1),
        ("calls", None, len(context["calls"]) + 1),
        ("trio", None, len(context["trio"]) + 1),
    ]
    weights = [w for _k, _i, w in units]
    count = printing.part_count(sum(weights)) if count is None else count
    if count < 2:
        return []
    parts = []
    for run in printing.split_evenly(weights, count):
        chosen = [units[i] for i in run]
        part: dict[str, Any] = {
            "part": {
                "first": run[0] == 0,
                "show": {k for k, _i, _w in chosen},
                "headed": {k for k, i, _w in chosen if not i},
            }
        }
        for key, name in (("done", "done"), ("open", "open_groups")):
            picked = [i for k, i, _w in chosen if k == key and i is not None]
            if picked:
                part[name] = context[name][picked[0] : picked[-1] + 1]
        parts.append(part)
    return parts
