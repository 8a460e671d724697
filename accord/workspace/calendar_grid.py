"""Laying out a month of items and events for the calendar page: plain Python over what the query returned."""

from __future__ import annotations

import calendar
import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.text import Truncator

from accord.events.models import EventKind
from accord.plans.models import ItemStatus, item_label
from accord.plans.timeframed import interval_label_of
from accord.web.choices import choice_words
from accord.web.links import url_maker

# Longer than two weeks, open-ended or recurring: listed once above the grid instead of filling every day.
LONG_SPAN_DAYS = 14
SHORT_TITLE = 60  # characters of a title in a month's cell


@dataclass
class Entry:
    kind: str  # "item" or "event"
    title: str
    url: str
    when_text: str
    interval: str
    start: dt.date | None
    end: dt.date | None
    tentative: bool
    status: str = ""
    status_label: str = ""
    recurrence: str = ""

    @cached_property
    def short_title(self) -> str:
        """The title as a month's cell shows it: at most 60 characters, as Django's truncatechars cuts (a title that
        short comes back as Truncator gives it, composed (NFC), without building one: 40 us a title)."""
        if len(self.title) <= SHORT_TITLE:
            return unicodedata.normalize("NFC", self.title)
        return Truncator(self.title).chars(SHORT_TITLE)

    @property
    def long(self) -> bool:
        if self.recurrence or self.start is None or self.end is None:
            return True
        return (self.end - self.start).days >= LONG_SPAN_DAYS


@dataclass
class Placed:
    entry: Entry
    continues_before: bool
    continues_after: bool


@dataclass
class Day:
    date: dt.date
    in_month: bool
    is_today: bool
    placed: list[Placed] = field(default_factory=list)


@dataclass
class Month:
    first: dt.date
    last: dt.date
    weeks: list[list[Day]]
    long: list[Entry]
    agenda: list[tuple[dt.date, list[Entry]]]
    count: int

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return self.last + dt.timedelta(days=1)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def entries_from(network_slug: str, items: list[tuple[Any, ...]], events: list[tuple[Any, ...]]) -> list[Entry]:
    """The month's entries from the items' and events' values (queries.CALENDAR_ITEM_VALUES, CALENDAR_EVENT_VALUES),
    each status's and kind's words translated once."""
    item_url, event_url = url_maker("plans:item", network_slug), url_maker("events:event", network_slug)
    statuses = choice_words(ItemStatus.choices)
    kinds = choice_words(EventKind.choices)
    entries = [
        Entry(
            "item",
            item_label(what),
            item_url(pk),
            when_text,
            interval_label_of(start, end),
            start,
            end,
            tentative,
            status,
            statuses.get(status, status),
            recurrence,
        )
        for pk, what, when_text, start, end, tentative, status, recurrence in items
    ]
    entries += [
        Entry(
            "event",
            title,
            event_url(pk),
            when_text,
            interval_label_of(start, end),
            start,
            end,
            tentative,
            "",
            kinds.get(kind, kind),
            recurrence,
        )
        for pk, title, when_text, start, end, tentative, kind, recurrence in events
    ]
    return entries


def lay_out(first: dt.date, last: dt.date, entries: list[Entry], today: dt.date) -> Month:
    """Weeks (Monday first) of days; each short entry appears once per week row, on its first day in that week."""
    grid_start = first - dt.timedelta(days=first.weekday())
    grid_end = last + dt.timedelta(days=6 - last.weekday())
    weeks: list[list[Day]] = []
    day = grid_start
    while day <= grid_end:
        weeks.append(
            [
                Day(
                    day + dt.timedelta(days=i),
                    first <= day + dt.timedelta(days=i) <= last,
                    day + dt.timedelta(days=i) == today,
                )
                for i in range(7)
            ]
        )
        day += dt.timedelta(days=7)
    long = [e for e in entries if e.long]
    short = sorted((e for e in entries if not e.long), key=lambda e: (e.start, e.end, e.title))
    agenda: dict[dt.date, list[Entry]] = {}
    for entry in short:
        assert entry.start is not None and entry.end is not None
        agenda.setdefault(max(entry.start, first), []).append(entry)
        for week in weeks:
            week_first = max(week[0].date, first)
            week_last = min(week[-1].date, last)
            if entry.end < week_first or entry.start > week_last:
                continue
            on = max(entry.start, week_first)
            week[(on - week[0].date).days].placed.append(
                Placed(entry, continues_before=entry.start < on, continues_after=entry.end > week_last)
            )
    return Month(first=first, last=last, weeks=weeks, long=long, agenda=sorted(agenda.items()), count=len(entries))
