"""Events: conferences, meetings, workshops, trainings, general assemblies, and their sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.network.models import Network
from accord.plans.models import Item
from accord.plans.timeframed import Timeframed
from accord.web.quickload import QuickLoad


class EventKind(models.TextChoices):
    CONFERENCE = "conference", _("conference")
    MEETING = "meeting", _("meeting")
    WORKSHOP = "workshop", _("workshop")
    TRAINING = "training", _("training")
    GENERAL_ASSEMBLY = "general_assembly", _("general assembly")
    OTHER = "other", _("other")


def not_over(events: models.QuerySet[Any], today: dt.date) -> models.QuerySet[Any]:
    """The dated events whose last day (their end, else their start) is `today` or later: those ending today or
    later and those with no end starting today or later (a constraint keeps an end on or after its start, so an
    event starting today or later ends today or later too). One range of `event_network_until_idx`, where "starts
    or ends today or later" was a scan of every past event of the network."""
    return events.alias(until=Coalesce("end", "start")).filter(until__gte=today)


class Event(Timeframed):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.MEETING)
    description = models.TextField(blank=True)
    place = models.CharField(max_length=300, blank=True)
    online_url = models.URLField(blank=True)
    audience = models.CharField(max_length=300, blank=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        help_text=_("The conference this session or workshop belongs to."),
    )
    is_public = models.BooleanField(default=False)
    items = models.ManyToManyField(Item, through="ItemEvent", related_name="events", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start", "title"]
        constraints = [*Timeframed.timeframe_constraints("event")]
        indexes = [
            models.Index(fields=["network", "start", "end"]),
            # The events not over yet (`not_over`), found without reading a network's past ones.
            models.Index(F("network"), Coalesce("end", "start"), name="event_network_until_idx"),
            # The events meeting a window (overlapping_q: the calendar), by two ranges of the end.
            models.Index(fields=["network", "end"], name="event_network_end_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:event", args=[self.network.slug, self.pk])

    def audit_network_id(self) -> int:
        return self.network_id


class ItemEventRelation(models.TextChoices):
    PREPARES = "prepares", _("prepares")
    FOLLOWS = "follows", _("follows up")
    TAKES_PLACE_AT = "at", _("takes place at")


class ItemEvent(QuickLoad, models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="event_links")
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="item_links")
    relation = models.CharField(max_length=10, choices=ItemEventRelation.choices, default=ItemEventRelation.PREPARES)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "event"], name="itemevent_unique")]

    def __str__(self) -> str:
        return f"{self.item} {self.relation} {self.event}"

    def audit_network_id(self) -> int:
        return self.event.network_id


class FeedToken(models.Model):
    """A secret that lets one person's calendar program read the network's feeds as that person, and nothing
    more: the feeds only read, and only what the person may see. The secret itself is shown once; only its
    SHA-256 is kept, so a leaked database gives no working feed address."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="feed_tokens")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens")
    label = models.CharField(max_length=100, blank=True, help_text=_('Where it is used, e.g. "Work calendar"'))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The secret's first characters, so a person can tell their addresses apart (not enough to guess the rest).
    hint = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "network"])]

    def __str__(self) -> str:
        return f"{self.label or 'Calendar feed'} ({self.hint}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def audit_network_id(self) -> int:
        return self.network_id
