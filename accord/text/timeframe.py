"""The Timeframe: the time of an item as written, plus the interval Accord understood.

See docs/time-expressions.md for the conventions. This module holds only the value types; the grammar that
fills them lives in accord.text.when.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Precision(StrEnum):
    DAY = "day"
    DAYS = "days"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    PERIOD = "period"
    OPEN = "open"


class Recurrence(StrEnum):
    ONGOING = "ongoing"
    PERIODIC = "periodic"


@dataclass(frozen=True, slots=True)
class Context:
    """The period an expression is read in: a plan's period, a section's own, or a whole year.

    `start`, `end`: the period. Dates without a year are placed in it (docs/time-expressions.md).

    The keyword fields say what the document as a whole tells about its times (the importer decides them
    once per document; every field has a neutral default):

    - `stated`: the document states this period (a plan's or section's period, a heading's year). A
      recurrence without bounds of its own ("Periodically", "twice a month") then spans it. False for a year
      given only to place dates without a year (an int context, `Context.parse("2021")`, the importer's
      fallback year): such a recurrence keeps null bounds.
    - `dayfirst`: the order of numeric dates in the document. True: 04/07 is 4 July; False: 7 April; None:
      day first unless only month first makes sense (see `accord.text.when.decide_dayfirst`). A phrase's
      own unambiguous date ("03/25-03/28") decides for the whole phrase.
    - `week1`: the first day of the document's own week 1 ("Week 1 starts on 6 January"): "week 3" is then
      the third week counted from that day, not the ISO week.
    - `event_day`: the day of the event an agenda or event sheet describes: a clock time alone ("10:00-11:30",
      "2 pm") is on that day. None: a clock time alone gives no date.
    """

    start: date
    end: date
    stated: bool = True
    dayfirst: bool | None = None
    week1: date | None = None
    event_day: date | None = None

    @classmethod
    def year(cls, year: int, *, stated: bool = True) -> Context:
        """The whole year; `stated=False` when it only says where dates without a year go."""
        return cls(date(year, 1, 1), date(year, 12, 31), stated)

    @classmethod
    def parse(cls, text: str) -> Context:
        """Read "2021" or "2021-07-01..2021-12-31" (the CLI's --context, the importer's fallback). A year given
        this way only places dates without a year (`stated=False`); a period is the plan's period."""
        text = text.strip()
        if ".." in text:
            a, b = text.split("..", 1)
            start, end = date.fromisoformat(a.strip()), date.fromisoformat(b.strip())
            if end < start:
                raise ValueError(f"context {text!r}: end {end} is before start {start}")
            return cls(start, end)
        if text.isdigit() and len(text) == 4:
            return cls.year(int(text), stated=False)
        raise ValueError(f"context {text!r}: expected a year (2021) or a period (2021-07-01..2021-12-31)")


@dataclass(slots=True)
class Timeframe:
    text: str
    start: date | None = None
    end: date | None = None
    precision: Precision = Precision.OPEN
    recurrence: Recurrence | None = None
    tentative: bool = False
    deadline: bool = False
    note: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def understood(self) -> bool:
        """True when the words gave a date, a span or a recurrence, not only a marker or a reference."""
        return self.start is not None or self.end is not None or self.recurrence is not None

    @classmethod
    def from_json(cls, item: dict[str, Any]) -> Timeframe | None:
        """The time of a Draft item's JSON (its when_raw, start, end, precision, ...); None when it has none."""
        text = item.get("when_raw")
        if not text and not item.get("start") and not item.get("end") and not item.get("recurrence"):
            return None
        return cls(
            text=text or "",
            start=iso_date(item.get("start")),
            end=iso_date(item.get("end")),
            precision=_enum(Precision, item.get("precision") or "open", Precision.OPEN),
            recurrence=_enum(Recurrence, item["recurrence"], None) if item.get("recurrence") else None,
            tentative=bool(item.get("tentative")),
            deadline=bool(item.get("deadline")),
            note=str(item.get("when_note") or ""),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": str(self.precision),
            "recurrence": str(self.recurrence) if self.recurrence else None,
            "tentative": self.tentative,
            "deadline": self.deadline,
            "note": self.note,
        }


def iso_date(value: object) -> date | None:
    """An ISO date from JSON, or None for a missing or malformed one."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _enum(cls: Any, value: Any, default: Any) -> Any:
    try:
        return cls(value)
    except ValueError:
        return default
