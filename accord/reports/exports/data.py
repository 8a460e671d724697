"""What every export of a plan reads: the plan, its sections and items with owners as written, the Trio.

One loader for all formats, so the Word file, the PDF, the spreadsheets and Markdown say the same thing. It
costs a fixed number of queries whatever the size of the plan (five: plan, sections, items, owners, chair
terms).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from accord.network.models import Network, Trio, trio_for
from accord.plans.models import Item, ItemOwner, ItemStatus, Plan, Section
from accord.text.narrative import NarrativeBlock, narrative_blocks
from accord.text.who import parse_who
from accord.web.choices import choice_words

# The heading of a section that has no title (read back as a section without one).
UNTITLED_SECTION = "Untitled section"
# The words written in a Who cell for an item that asks for an owner (read back as an open call).
OPEN_CALL_WORDS = "Any volunteers?"
OTHERS_WELCOME = "others welcome"


@dataclass
class ExportItem:
    pk: int
    what: str
    details: str
    who: str
    owners: list[str]
    when: str
    start: dt.date | None
    end: dt.date | None
    precision: str
    recurrence: str
    deadline: bool
    tentative: bool
    open_call: bool
    status: str
    status_label: str
    updated_at: dt.datetime | None
    url: str
    kind: str = "action"


@dataclass
class ExportSection:
    number: str
    title: str
    narrative: str
    items: list[ExportItem] = field(default_factory=list)
    position: int = 0  # 1-based, in the plan

    @property
    def sheet_title(self) -> str:
        """The Section cell of the spreadsheets: an untitled section is told apart from the next by its position."""
        if self.title or self.number:
            return self.title
        return f"{UNTITLED_SECTION} {self.position}"

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.narrative.split("\n\n") if p.strip()]

    @property
    def narrative_blocks(self) -> list[NarrativeBlock]:
        """The narrative's paragraphs and bulleted lists (a list written in the document stays a list)."""
        return narrative_blocks(self.narrative)

    @property
    def heading(self) -> str:
        title = self.title or UNTITLED_SECTION
        return f"{self.number}. {title}" if self.number else title


@dataclass
class PlanExport:
    plan: Plan
    network: Network
    sections: list[ExportSection]
    trio: Trio | None
    exported_on: dt.date
    status_column: bool = True

    @property
    def title(self) -> str:
        plan = self.plan
        if plan.version_label and plan.version_label not in plan.title:
            return f"{plan.title} {plan.version_label}"
        return plan.title

    @property
    def chair(self) -> str:
        return self.plan.chair_text or (str(self.plan.chair) if self.plan.chair_id else "")

    @property
    def trio_line(self) -> str:
        """ "Trio: A (previous chair) · B (chair) · C (next chair)", or "" when no chair term is recorded."""
        if self.trio is None:
            return ""
        parts = []
        for term, role in (
            (self.trio.previous, "previous chair"),
            (self.trio.current, "chair"),
            (self.trio.next, "next chair"),
        ):
            if term is not None:
                parts.append(f"{term.label or term.organisation} ({role})")
        return "Trio: " + " · ".join(parts) if parts else ""

    @property
    def header_line(self) -> str:
        return f"{self.network.name} · exported {self.exported_on:%-d %B %Y}"

    @property
    def period(self) -> str:
        return period_words(self.plan.period_start, self.plan.period_end)

    def head_lines(self) -> list[tuple[str, str]]:
        """The lines under the title, as (label, text): the importer reads each of them back."""
        lines = []
        if self.period:
            lines.append(("Period", self.period))
        if self.plan.theme:
            lines.append(("Guiding theme", f"“{self.plan.theme}”"))
        if self.chair:
            lines.append(("Chaired by", self.chair))
        if self.trio_line:
            lines.append(("Trio", self.trio_line.removeprefix("Trio: ")))
        lines.append(("Status", str(self.plan.get_status_display())))
        return lines

    @property
    def has_details(self) -> bool:
        return any(item.details for item in self.items())

    def items(self) -> list[ExportItem]:
        return [item for section in self.sections for item in section.items]


def who_as_written(who_text: str, owners: list[tuple[str, list[str]]], open_call: bool) -> str:
    """The Who cell: the words of the document while they still name the item's owners, else Accord's names.

    `owners` are (name, other names) in order. A person who re-owned the item in Accord changed its owners but
    not the words it was imported with: those words would now be wrong, so the names are written instead.
    """
    if who_text.strip():
        parsed = parse_who(who_text)
        text = who_text.casefold()
        if (
            len(parsed.owners) == len(owners)
            and parsed.open_call == open_call
            and all(any(n.casefold() in text for n in (name, *others) if n) for name, others in owners)
        ):
            return who_text
    names = [name for name, _others in owners]
    if not names:
        return OPEN_CALL_WORDS if open_call else ""
    joined = " / ".join(names)
    return f"{joined} / {OTHERS_WELCOME}" if open_call else joined


def _owners(plan: Plan) -> dict[int, list[tuple[str, list[str]]]]:
    rows = (
        ItemOwner.objects.filter(item__plan=plan)
        .order_by("item_id", "position")
        .values_list(
            "item_id",
            "organisation__short_name",
            "organisation__full_name",
            "organisation__aliases",
            "group__name",
            "group__aliases",
            "person__name",
            "text",
        )
    )
    out: dict[int, list[tuple[str, list[str]]]] = {}
    for item_id, org, full, aliases, group, group_aliases, person, text in rows:
        if org is not None:
            owner = (org, [full or "", *(aliases or [])])
        elif group is not None:
            owner = (group, list(group_aliases or []))
        else:
            owner = (person if person is not None else text, [])
        out.setdefault(item_id, []).append(owner)
    return out


def item_path_maker(network: Network) -> Any:
    placeholder = "0000000000"
    head, tail = reverse("plans:item", args=[network.slug, placeholder]).rsplit(placeholder, 1)
    return lambda pk: f"{head}{pk}{tail}"


def load_plan_export(
    plan: Plan, *, base_url: str = "", status_column: bool = True, today: dt.date | None = None
) -> PlanExport:
    """Everything an export of `plan` shows (the caller has checked that the person may export it)."""
    network = plan.network
    today = today or timezone.localdate()
    statuses = choice_words(ItemStatus.choices)
    owners = _owners(plan)
    item_path = item_path_maker(network)
    base = base_url.rstrip("/")
    sections: list[ExportSection] = []
    by_id: dict[int, ExportSection] = {}
    for s in Section.objects.filter(plan=plan).order_by("order", "id"):
        by_id[s.pk] = ExportSection(number=s.number, title=s.title, narrative=s.narrative, position=len(sections) + 1)
        sections.append(by_id[s.pk])
    for it in Item.objects.filter(plan=plan).order_by("order", "id"):
        named = owners.get(it.pk, [])
        by_id[it.section_id].items.append(
            ExportItem(
                pk=it.pk,
                what=it.what,
                details=it.details,
                who=who_as_written(it.who_text, named, it.open_call),
                owners=[n for n, _o in named],
                when=it.when_text or _interval_words(it),
                start=it.start,
                end=it.end,
                precision=it.precision,
                recurrence=it.recurrence,
                deadline=it.deadline,
                tentative=it.tentative,
                open_call=it.open_call,
                status=it.status,
                status_label=capfirst(statuses.get(it.status, it.status)),
                updated_at=it.updated_at,
                url=f"{base}{item_path(it.pk)}",
                kind=it.kind,
            )
        )
    on = plan.period_start or today
    trio = trio_for(network, on)
    if trio.previous is None and trio.current is None and trio.next is None:
        trio = None
    return PlanExport(
        plan=plan, network=network, sections=sections, trio=trio, exported_on=today, status_column=status_column
    )


def period_words(start: dt.date | None, end: dt.date | None) -> str:
    """ "July – December 2021", "July 2021 – June 2022", or the days when the period is not whole months."""
    if start is None or end is None:
        return ""
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if whole_months and start.year == end.year:
        return f"{start:%B} – {end:%B %Y}" if start.month != end.month else f"{start:%B %Y}"
    if whole_months:
        return f"{start:%B %Y} – {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


def _interval_words(item: Item) -> str:
    """A time set by hand with no words: the dates themselves, which read back as the same interval."""
    if item.start and item.end:
        if item.start == item.end:
            return item.start.isoformat()
        return f"{item.start.isoformat()} – {item.end.isoformat()}"
    if item.end:
        return f"by {item.end.isoformat()}"
    if item.start:
        return f"from {item.start.isoformat()}"
    return ""
