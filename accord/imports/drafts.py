"""Drafts between the text core and the database: rebuilt from the JSON a job keeps, and reading documents.

An upload is read in the background and kept as the Draft's JSON while a person checks it; saving rebuilds the
Draft from that JSON (with their fixes), so what they saw is what is saved.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location, PlanKind, Problem
from accord.text.timeframe import Context, Precision, Recurrence, Timeframe


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _location(data: Any) -> Location:
    data = data if isinstance(data, dict) else {}
    return Location(**{k: int(data[k]) for k in ("line", "page", "table", "row") if data.get(k) is not None})


def _enum(cls: Any, value: Any, default: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        return default


def timeframe_from_json(item: dict[str, Any]) -> Timeframe | None:
    text = item.get("when_raw")
    if not text and not item.get("start") and not item.get("end") and not item.get("recurrence"):
        return None
    return Timeframe(
        text=text or "",
        start=_date(item.get("start")),
        end=_date(item.get("end")),
        precision=_enum(Precision, item.get("precision") or "open", Precision.OPEN),
        recurrence=_enum(Recurrence, item["recurrence"], None) if item.get("recurrence") else None,
        tentative=bool(item.get("tentative")),
        deadline=bool(item.get("deadline")),
        note=str(item.get("when_note") or ""),
    )


def draft_from_json(data: dict[str, Any]) -> Draft:
    """The inverse of Draft.to_json(), tolerant of missing keys."""
    period = data.get("period") or {}
    sections = []
    for s in data.get("priorities") or []:
        ctx = s.get("context") or None
        context = None
        if ctx and _date(ctx.get("start")) and _date(ctx.get("end")):
            context = Context(_date(ctx["start"]), _date(ctx["end"]))  # type: ignore[arg-type]
        items = [
            DraftItem(
                kind=_enum(ItemKind, a.get("kind") or "action", ItemKind.ACTION),
                what=str(a.get("what") or ""),
                who_raw=a.get("who_raw"),
                owners=[str(o) for o in a.get("owners") or []],
                open_call=bool(a.get("open_call")),
                when_raw=a.get("when_raw"),
                timeframe=timeframe_from_json(a),
                tentative=bool(a.get("tentative")),
                details=a.get("details"),
                location=_location(a.get("location")),
                status=str(a["status"]) if a.get("status") else None,
                status_raw=str(a["status_raw"]) if a.get("status_raw") else None,
            )
            for a in s.get("actions") or []
        ]
        sections.append(DraftSection(number=s.get("number"), title=s.get("title"), narrative=s.get("narrative"),
                                     context=context, items=items, location=_location(s.get("location"))))
    return Draft(
        source=str(data.get("source") or ""),
        kind=_enum(PlanKind, data.get("kind") or "work_programme", PlanKind.WORK_PROGRAMME),
        title=str(data.get("title") or ""),
        period_start=_date(period.get("start")),
        period_end=_date(period.get("end")),
        theme=data.get("theme"),
        chair=data.get("chair"),
        status=data.get("status"),
        version_label=data.get("version"),
        subtitle=data.get("subtitle"),
        preamble=[str(line) for line in data.get("preamble") or []],
        sections=sections,
        footnotes=list(data.get("footnotes") or []),
        links=list(data.get("links") or []),
        problems=[Problem(message=str(p.get("message", "")), location=_location(p.get("location")),
                          field=p.get("field")) for p in data.get("problems") or [] if isinstance(p, dict)],
        checksum=data.get("checksum"),
    )


def owner_names(draft: Draft) -> list[str]:
    """Every owner name of the draft, in order of first appearance."""
    seen: dict[str, None] = {}
    for item in draft.items():
        for name in item.owners:
            seen.setdefault(name, None)
    return list(seen)


def max_upload_bytes() -> int:
    from django.conf import settings

    return int(getattr(settings, "ACCORD_MAX_UPLOAD_MB", 20)) * 1024 * 1024


def read_draft(name: str, data: bytes, *, context: Context | None = None, max_bytes: int | None = None) -> Draft:
    """Read one document into a Draft (raises accord.text.errors.DocumentError for a file it cannot read)."""
    from accord.text.layout import build_draft
    from accord.text.readers import read_document
    from accord.text.spreadsheet import draft_from_blocks

    blocks = read_document(name, data, max_bytes=max_bytes or max_upload_bytes())
    # A sheet with Accord's own item columns (our XLSX or CSV export) maps column by column; any other, the layout.
    draft = draft_from_blocks(name, blocks) or build_draft(blocks, name, context=context)
    draft.checksum = checksum(data)
    return draft


def file_format(name: str, data: bytes) -> str:
    from accord.text.readers import detect_format

    try:
        return detect_format(name, data)[:10]
    except Exception:  # the format only labels provenance; an unreadable file fails later with its reason
        return ""


def section_context(draft: Draft, section: DraftSection, fallback: Context | None = None) -> Context | None:
    return section.context or draft.period or fallback


def reparse_when(text: str, context: Context | None) -> Timeframe | None:
    from accord.text.when import parse_when

    text = " ".join((text or "").split())
    if not text:
        return None
    return parse_when(text, context)


def not_understood(draft: Draft) -> list[DraftItem]:
    """Items with a time written that the reader could not turn into an interval or a recurrence."""
    return [i for i in draft.items() if i.when_raw and not (i.timeframe and i.timeframe.understood)]
