"""The document head: title, period, version, theme, chair."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from accord.text.layout.lexicon import (
    _CHAIR_LINE,
    _PERIOD_LINE,
    _STATUS_LINE,
    _THEME_LINE,
    _YEAR,
)
from accord.text.layout.times import (
    _parse_when,
)
from accord.text.readers.blocks import (
    Block,
)
from accord.text.timeframe import Context, Precision, Timeframe


@dataclass(slots=True)
class _Head:
    title: str = ""
    title_period: Timeframe | None = None
    version: str | None = None
    status: str | None = None
    period: Timeframe | None = None
    theme: str | None = None
    chair: str | None = None
    title_block: Block | None = None
    title_level: int | None = None
    subtitle: str | None = None
    preamble: list[str] = field(default_factory=list)
    day: tuple[str, Timeframe] | None = None  # a date line of the head: (its date words, their time)
    days: list[tuple[str, Timeframe]] = field(default_factory=list)  # day headings listed together


def _head_field(text: str) -> bool:
    """A line of the document's head that names a field: theme, chair, status, period."""
    return bool(
        _THEME_LINE.match(text) or _CHAIR_LINE.match(text) or _STATUS_LINE.match(text) or _PERIOD_LINE.match(text)
    )


def _calendar_words(text: str) -> bool:
    """Whether a text names months, seasons, quarters or halves, in any language the time reader knows."""
    from accord.text import when

    flags = when.MONTH | when.SEASON | when.QUARTER | when.HALF | when.QN | when.HN
    return any(when._LEX.get(w, (0, 0))[0] & flags for w in re.findall(r"[a-z0-9]+", when._fold(text.lower())))


def _is_period_text(text: str, context: Context | int | None) -> Timeframe | None:
    """A line that is nothing but a span of time ("July – December 2021", "January-June 2022")."""
    if len(text) > 60 or not (_calendar_words(text) or _YEAR.search(text)):
        return None
    tf = _parse_when(text, context)
    if tf.start is None or tf.end is None or tf.note.strip():
        return None
    if (tf.end - tf.start).days < 27:
        return None  # a single day under the title is the date of the document or meeting, not the plan's span
    return tf


def _title_parts(text: str, context: Context | int | None) -> tuple[str, Timeframe | None]:
    m = re.search(r"\s*\(([^()]{4,60})\)\s*$", text)
    if m and (_calendar_words(m.group(1)) or _YEAR.search(m.group(1))):
        tf = _parse_when(m.group(1), context)
        if tf.start is not None and tf.end is not None:
            return text[: m.start()].strip(), tf
    # "Work Plan July – December 2026", "Programme of Work, second half of 2026": a span of months ends it.
    for sep in re.finditer(r"(?:\s*[,:–—-]\s*|\s+)", text):
        tail = text[sep.end() :]
        if sep.start() == 0 or not tail or not _calendar_words(tail):
            continue
        span = _is_period_text(tail, context)
        if span is not None:
            return text[: sep.start()].strip(), span
        if _is_one_day(tail, context):
            # "Minutes of the board meeting, 4 March 2030": the title holds the meeting's day, and the month
            # in that day is no period to cut off.
            return text, None
    return text, None


def _is_one_day(text: str, context: Context | int | None) -> bool:
    tf = _parse_when(text, context if context is not None else 2000)
    return tf.start is not None and tf.precision == Precision.DAY and not tf.note.strip()


def _spans(timeframes: Iterable[Timeframe | None]) -> list[tuple[date, date]]:
    """(first day, last day) of each dated timeframe."""
    out: list[tuple[date, date]] = []
    for tf in timeframes:
        if tf is not None and tf.start is not None:
            out.append((tf.start, tf.end or tf.start))
    return out


def _year_context(text: str) -> Context | None:
    years = {int(y) for y in _YEAR.findall(text)}
    if len(years) == 1 and not _calendar_words(text):
        return Context.year(years.pop())
    return None
