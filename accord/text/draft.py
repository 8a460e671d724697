"""The Draft: what the importer understood of one document, as plain JSON-serialisable dataclasses.

`Draft.to_json()` is the import result of docs/import-format.md (`accord import --dry-run --json`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from accord.text.timeframe import Context, Timeframe, _enum, iso_date


class PlanKind(StrEnum):
    WORK_PROGRAMME = "work_programme"
    STRATEGIC_PRIORITIES = "strategic_priorities"
    EVENT = "event"


class ItemKind(StrEnum):
    ACTION = "action"
    MILESTONE = "milestone"
    OBJECTIVE = "objective"
    THEME = "theme"
    SESSION = "session"
    OUTPUT = "output"


@dataclass(slots=True)
class Location:
    """Where in the source a thing was read: 1-based line, page, table and row, as far as the format knows."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None

    def describe(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.table is not None:
            parts.append(f"table {self.table}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        return ", ".join(parts) or "document"

    @classmethod
    def from_json(cls, data: object) -> Location:
        data = data if isinstance(data, dict) else {}
        return cls(**{k: int(data[k]) for k in ("line", "page", "table", "row") if data.get(k) is not None})

    def to_json(self) -> dict[str, int]:
        return {
            k: v
            for k, v in (("line", self.line), ("page", self.page), ("table", self.table), ("row", self.row))
            if v is not None
        }


@dataclass(slots=True)
class DraftItem:
    kind: ItemKind
    what: str
    who_raw: str | None = None
    owners: list[str] = field(default_factory=list)
    open_call: bool = False
    when_raw: str | None = None
    timeframe: Timeframe | None = None
    tentative: bool = False
    details: str | None = None
    location: Location = field(default_factory=Location)
    # A status the document states (a Status column); None when it says none.
    status: str | None = None
    status_raw: str | None = None
    # An output of an event: the index (in its section's items) of the session or segment it comes out of.
    part_of: int | None = None

    def to_json(self) -> dict[str, object]:
        tf = self.timeframe
        data: dict[str, object] = {
            "kind": str(self.kind),
            "what": self.what,
            "who_raw": self.who_raw,
            "owners": list(self.owners),
            "open_call": self.open_call,
            "when_raw": self.when_raw,
            "start": tf.start.isoformat() if tf and tf.start else None,
            "end": tf.end.isoformat() if tf and tf.end else None,
            "recurrence": str(tf.recurrence) if tf and tf.recurrence else None,
            "tentative": self.tentative,
        }
        if tf is not None:
            data["precision"] = str(tf.precision)
            data["deadline"] = tf.deadline
            if tf.note:
                data["when_note"] = tf.note
        if self.details:
            data["details"] = self.details
        if self.status:
            data["status"] = self.status
            data["status_raw"] = self.status_raw
        if self.part_of is not None:
            data["part_of"] = self.part_of
        data["location"] = self.location.to_json()
        return data


@dataclass(slots=True)
class DraftSection:
    number: str | None = None
    title: str | None = None
    narrative: str | None = None
    context: Context | None = None
    items: list[DraftItem] = field(default_factory=list)
    location: Location = field(default_factory=Location)
    # The narrative piece by piece when part of it is a bulleted list: a paragraph is a str, a list the list of
    # its bullets (accord.text.narrative). Empty when the narrative is prose only; `narrative` stays flat.
    narrative_parts: list[str | list[str]] = field(default_factory=list)

    def display_order(self) -> list[int]:
        """Indices of the items in the order a plan shows them: each output right after the session it comes
        out of (and that session's earlier outputs), every other item where it stands."""
        parts: dict[int, list[int]] = {}
        for i, item in enumerate(self.items):
            if item.part_of is not None and 0 <= item.part_of < len(self.items) and item.part_of != i:
                parts.setdefault(item.part_of, []).append(i)
        attached = {i for group in parts.values() for i in group}
        out: list[int] = []

        def place(i: int) -> None:
            out.append(i)
            for j in parts.get(i, []):
                if j not in out:
                    place(j)

        for i in range(len(self.items)):
            if i not in attached and i not in out:
                place(i)
        out += [i for i in range(len(self.items)) if i not in out]  # a cycle of part_of: where they stand
        return out

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "number": self.number,
            "title": self.title,
            "narrative": self.narrative,
            "actions": [item.to_json() for item in self.items],
        }
        if self.narrative_parts:
            data["narrative_parts"] = [p if isinstance(p, str) else list(p) for p in self.narrative_parts]
        if self.context is not None:
            data["context"] = {"start": self.context.start.isoformat(), "end": self.context.end.isoformat()}
        return data


@dataclass(slots=True)
class Problem:
    """Something the importer could not understand or had to guess; shown to the person before saving."""

    message: str
    location: Location = field(default_factory=Location)
    field: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"message": self.message, "field": self.field, "location": self.location.to_json()}


@dataclass(slots=True)
class Draft:
    source: str
    kind: PlanKind = PlanKind.WORK_PROGRAMME
    title: str = ""
    subtitle: str | None = None
    period_start: date | None = None
    period_end: date | None = None
    theme: str | None = None
    chair: str | None = None
    status: str | None = None
    version_label: str | None = None
    sections: list[DraftSection] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)
    # Lines of the document's head that are none of title, period, theme, chair, status ("Adopted by the
    # Board on …", "Venue: …"): kept so that nothing the document says is silently lost.
    preamble: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    checksum: str | None = None

    @property
    def period(self) -> Context | None:
        if self.period_start and self.period_end:
            return Context(self.period_start, self.period_end)
        return None

    def items(self) -> list[DraftItem]:
        return [item for section in self.sections for item in section.items]

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {
            "source": self.source,
            "kind": str(self.kind),
            "title": self.title,
            **({"subtitle": self.subtitle} if self.subtitle else {}),
            "period": {
                "start": self.period_start.isoformat() if self.period_start else None,
                "end": self.period_end.isoformat() if self.period_end else None,
            },
            "theme": self.theme,
            "chair": self.chair,
            "status": self.status,
            "version": self.version_label,
            "priorities": [section.to_json() for section in self.sections],
        }
        if self.footnotes:
            data["footnotes"] = list(self.footnotes)
        if self.preamble:
            data["preamble"] = list(self.preamble)
        if self.links:
            data["links"] = list(self.links)
        if self.checksum:
            data["checksum"] = self.checksum
        data["problems"] = [p.to_json() for p in self.problems]
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Draft:
        """The inverse of to_json(), tolerant of missing keys (a job keeps its Draft as JSON while it is checked)."""
        period = data.get("period") or {}
        sections = []
        for s in data.get("priorities") or []:
            ctx = s.get("context") or None
            context = None
            if ctx and (c_start := iso_date(ctx.get("start"))) and (c_end := iso_date(ctx.get("end"))):
                context = Context(c_start, c_end)
            items = [
                DraftItem(
                    kind=_enum(ItemKind, a.get("kind") or "action", ItemKind.ACTION),
                    what=str(a.get("what") or ""),
                    who_raw=a.get("who_raw"),
                    owners=[str(o) for o in a.get("owners") or []],
                    open_call=bool(a.get("open_call")),
                    when_raw=a.get("when_raw"),
                    timeframe=Timeframe.from_json(a),
                    tentative=bool(a.get("tentative")),
                    details=a.get("details"),
                    location=Location.from_json(a.get("location")),
                    status=str(a["status"]) if a.get("status") else None,
                    status_raw=str(a["status_raw"]) if a.get("status_raw") else None,
                    part_of=a["part_of"] if isinstance(a.get("part_of"), int) else None,
                )
                for a in s.get("actions") or []
            ]
            sections.append(
                DraftSection(
                    number=s.get("number"),
                    title=s.get("title"),
                    narrative=s.get("narrative"),
                    narrative_parts=[
                        str(p) if isinstance(p, str) else [str(b) for b in p]
                        for p in s.get("narrative_parts") or []
                        if isinstance(p, (str, list))
                    ],
                    context=context,
                    items=items,
                    location=Location.from_json(s.get("location")),
                )
            )
        return cls(
            source=str(data.get("source") or ""),
            kind=_enum(PlanKind, data.get("kind") or "work_programme", PlanKind.WORK_PROGRAMME),
            title=str(data.get("title") or ""),
            period_start=iso_date(period.get("start")),
            period_end=iso_date(period.get("end")),
            theme=data.get("theme"),
            chair=data.get("chair"),
            status=data.get("status"),
            version_label=data.get("version"),
            subtitle=data.get("subtitle"),
            preamble=[str(line) for line in data.get("preamble") or []],
            sections=sections,
            footnotes=list(data.get("footnotes") or []),
            links=list(data.get("links") or []),
            problems=[
                Problem(
                    message=str(p.get("message", "")),
                    location=Location.from_json(p.get("location")),
                    field=p.get("field"),
                )
                for p in data.get("problems") or []
                if isinstance(p, dict)
            ],
            checksum=data.get("checksum"),
        )
