"""iCalendar (RFC 5545) of a plan's items and of calendar feeds, written with the icalendar library.

Items and events carry dates, not clock times, so each is an all-day event spanning its interval (DTEND is the
day after the last, as the standard wants). An ongoing or periodic item is one event over its whole span, never
a series of daily ones; a tentative one is STATUS:TENTATIVE. The time as written, the owners and the status go
in the description. An event's sessions follow it, each RELATED-TO its event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from icalendar import Calendar, Event

PRODID = "-//Accord//Plans and events//EN"


@dataclass
class Entry:
    uid: str
    summary: str
    start: dt.date
    end: dt.date
    tentative: bool = False
    description: str = ""
    url: str = ""
    location: str = ""
    categories: list[str] = field(default_factory=list)
    related_to: str = ""
    stamp: dt.datetime | None = None


def span(start: dt.date | None, end: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The days an entry covers: both ends, or the one day known ("by 30 June" is that day, a deadline)."""
    if start is None and end is None:
        return None
    first = start or end
    last = end or start
    assert first is not None and last is not None
    return first, max(first, last)


def describe(lines: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in lines if value)


def calendar_bytes(name: str, entries: Iterable[Entry], *, description: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    if description:
        cal.add("x-wr-caldesc", description)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", (entry.stamp or now).astimezone(dt.UTC))
        event.add("summary", entry.summary)
        event.add("dtstart", entry.start)
        event.add("dtend", entry.end + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("status", "TENTATIVE" if entry.tentative else "CONFIRMED")
        if entry.description:
            event.add("description", entry.description)
        if entry.url:
            event.add("url", entry.url)
        if entry.location:
            event.add("location", entry.location)
        if entry.categories:
            event.add("categories", entry.categories)
        if entry.related_to:
            event.add("related-to", entry.related_to)
        cal.add_component(event)
    return cal.to_ical()


def render_plan_ics(export) -> bytes:
    """The plan's dated items (the plan export's `ics` format)."""
    host = export.network.slug
    entries = []
    for section in export.sections:
        for item in section.items:
            days = span(item.start, item.end)
            if days is None:
                continue
            entries.append(
                Entry(
                    uid=f"item-{item.pk}@{host}.accord",
                    summary=item.what,
                    start=days[0],
                    end=days[1],
                    tentative=item.tentative,
                    url=item.url,
                    categories=[section.heading],
                    description=describe(
                        [
                            ("When (as written)", item.when),
                            ("Who", item.who),
                            ("Status", item.status_label),
                            ("Plan", export.title),
                        ]
                    ),
                    stamp=item.updated_at,
                )
            )
    return calendar_bytes(export.title, entries, description=export.network.name)
