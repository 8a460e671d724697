"""The time fields shared by items and events: the words as written, and the interval understood."""

from __future__ import annotations

import re
from typing import Any

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from accord.text.timeframe import Precision, Recurrence, Timeframe
from accord.web.quickload import QuickLoad


class PrecisionChoices(models.TextChoices):
    DAY = Precision.DAY.value, _("day")
    DAYS = Precision.DAYS.value, _("days")
    WEEK = Precision.WEEK.value, _("week")
    MONTH = Precision.MONTH.value, _("month")
    SEASON = Precision.SEASON.value, _("season")
    QUARTER = Precision.QUARTER.value, _("quarter")
    HALF = Precision.HALF.value, _("half year")
    YEAR = Precision.YEAR.value, _("year")
    PERIOD = Precision.PERIOD.value, _("whole period")
    OPEN = Precision.OPEN.value, _("no date")


class RecurrenceChoices(models.TextChoices):
    ONGOING = Recurrence.ONGOING.value, _("ongoing")
    PERIODIC = Recurrence.PERIODIC.value, _("periodic")


TIMEFRAME_FIELDS = (
    "when_text",
    "start",
    "end",
    "precision",
    "recurrence",
    "tentative",
    "deadline",
    "when_note",
    "when_set_by_hand",
)


# A When as written that already says it is not confirmed ("December 2026 (tbc)", "to be confirmed", "?").
ALREADY_TENTATIVE = re.compile(
    r"\b(?:tbc|tbd|t\.b\.c\.?|t\.b\.d\.?|to\s+be\s+(?:confirmed|decided|determined)"
    r"|provisional|tentative|à\s+confirmer|por\s+confirmar)\b|\?",
    re.I,
)


class Timeframed(QuickLoad, models.Model):
    when_text = models.CharField(_("when (as written)"), max_length=300, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    precision = models.CharField(max_length=10, choices=PrecisionChoices.choices, default=PrecisionChoices.OPEN)
    recurrence = models.CharField(max_length=10, choices=RecurrenceChoices.choices, blank=True)
    tentative = models.BooleanField(default=False)
    deadline = models.BooleanField(default=False)
    when_note = models.CharField(max_length=300, blank=True)
    # True when a person set start/end by hand instead of the interval read from the words.
    when_set_by_hand = models.BooleanField(default=False)

    class Meta:
        abstract = True

    @classmethod
    def timeframe_constraints(cls, prefix: str) -> list[models.BaseConstraint]:
        return [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name=f"{prefix}_end_not_before_start",
            )
        ]

    @property
    def tbc_chip(self) -> bool:
        """Whether a page marks this tentative with a chip: not when its When as written says so already."""
        return bool(self.tentative) and not ALREADY_TENTATIVE.search(self.when_text or "")

    @property
    def interval_label(self) -> str:
        return interval_label_of(self.start, self.end)


def interval_label_of(start: Any, end: Any) -> str:
    """An interval as pages print it beside its words: "2027-03-01 – 2027-03-31", one day, "from …", "by …" or
    "no date"; a function of the two dates, for rows read as plain values."""
    if start and end:
        return start.isoformat() if start == end else f"{start} – {end}"
    if start:
        return f"from {start}"
    if end:
        return f"by {end}"
    return "no date"


def overlapping_q(start: Any, end: Any) -> Q:
    """Events whose interval meets [start, end] (the calendar's): an open end counts as still running, an open start
    as running since before (neither date: never). Written as two ranges of the network's events by their end
    (`event_network_end_idx`: an end on or after `start`, or no end), so that the database reads what ends in or
    after the window and what has no end, not every event that began before the window's end.

    Items keep ItemQuerySet.overlapping (the same rows): they have no network of their own to lead an index, and
    SQLite, given the network as a parameter, then read every item of the network's plans for this form."""
    return Q(end__gte=start) & (Q(start__lte=end) | Q(start__isnull=True)) | Q(end__isnull=True, start__lte=end)


def begins() -> Coalesce:
    """What lists in date order are ordered by: the first day (the start, else the end for an interval known only
    by its end), the same on both databases (each puts an empty start at its own end of the order). It is no
    index's order, so that the database reads the few rows a date condition leaves (`overlapping_q`, an event not
    over) and sorts them, instead of walking every row in start order hoping to meet them soon."""
    return Coalesce("start", "end")


def timeframe_values(tf: Timeframe | None, *, when_text: str | None = None) -> dict[str, Any]:
    """Model field values for a Timeframe read by accord.text.when (or none at all)."""
    if tf is None:
        return {
            "when_text": when_text or "",
            "start": None,
            "end": None,
            "precision": PrecisionChoices.OPEN,
            "recurrence": "",
            "tentative": False,
            "deadline": False,
            "when_note": "",
            "when_set_by_hand": False,
        }
    return {
        "when_text": tf.text[:300],
        "start": tf.start,
        "end": tf.end,
        "precision": str(tf.precision),
        "recurrence": str(tf.recurrence) if tf.recurrence else "",
        "tentative": tf.tentative,
        "deadline": tf.deadline,
        "when_note": tf.note[:300],
        "when_set_by_hand": False,
    }
