"""The regular information a chair sends members: what was done, what is due, open calls, upcoming events and
what changed since the last digest; and reminders before the end date of an item one owns.

Building a digest reads through the apps' queries (about a dozen queries per person, whatever the data size);
sending and recording happen in accord.reports.actions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

from accord.audit import queries as audit_queries
from accord.events.queries import events_between
from accord.network.models import Network
from accord.plans import queries as plan_queries
from accord.reports.models import DEFAULT_DIGEST_FREQUENCY, DigestDelivery, DigestFrequency, DigestPreference

# How far ahead "what is due" and "upcoming events" look, per frequency.
HORIZON_DAYS = {DigestFrequency.WEEKLY: 14, DigestFrequency.MONTHLY: 35}
# How far back the first digest looks when there was none before.
FIRST_LOOKBACK_DAYS = {DigestFrequency.WEEKLY: 7, DigestFrequency.MONTHLY: 31}
LIST_SIZE = 25


def period_key(frequency: str, day: dt.date) -> str:
    """The period a digest belongs to: an ISO week ("2026-W49") or a month ("2026-12")."""
    if frequency == DigestFrequency.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day:%Y-%m}"


def reminder_days() -> int:
    return int(getattr(settings, "ACCORD_REMINDER_DAYS", 7))


def preference(user: Any, network: Network) -> DigestPreference:
    """The person's choice, or the default one (not saved) when they never chose."""
    found = DigestPreference.objects.filter(user=user, network=network).first()
    return found or DigestPreference(user=user, network=network, frequency=DEFAULT_DIGEST_FREQUENCY)


@dataclass
class Digest:
    network: Network
    frequency: str
    period: str
    today: dt.date
    horizon: dt.date
    since: dt.datetime | None
    done: list[Any] = field(default_factory=list)
    due: list[Any] = field(default_factory=list)
    open_calls: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    change_count: int = 0
    changes: list[Any] = field(default_factory=list)
    newest_change_id: int = 0

    @property
    def is_empty(self) -> bool:
        return not (self.done or self.due or self.open_calls or self.events or self.change_count)


def build_digest(user: Any, network: Network, today: dt.date, frequency: str | None = None) -> Digest:
    """What the person's next digest for this network says, as of `today`."""
    if frequency is None or frequency == DigestFrequency.NEVER:
        chosen = preference(user, network).frequency
        frequency = chosen if chosen != DigestFrequency.NEVER else DEFAULT_DIGEST_FREQUENCY
    last = (
        DigestDelivery.objects.filter(user=user, network=network)
        .order_by("-sent_at", "-id")
        .only("sent_at", "last_change_id")
        .first()
    )
    if last is not None:
        since, after_id = last.sent_at, last.last_change_id
    else:
        since = timezone.now() - dt.timedelta(days=FIRST_LOOKBACK_DAYS[DigestFrequency(frequency)])
        after_id = audit_queries.change_id_before(network.pk, since)
    horizon = today + dt.timedelta(days=HORIZON_DAYS[DigestFrequency(frequency)])
    count, changes = audit_queries.changes_after(network.pk, after_id, LIST_SIZE)
    return Digest(
        network=network,
        frequency=frequency,
        period=period_key(frequency, today),
        today=today,
        horizon=horizon,
        since=since,
        done=plan_queries.items_done_after(user, network, after_id, LIST_SIZE),
        due=plan_queries.items_due(user, network, today, horizon, LIST_SIZE),
        open_calls=plan_queries.open_calls(user, network, today, LIST_SIZE),
        events=events_between(user, network, today, horizon, LIST_SIZE),
        change_count=count,
        changes=changes,
        newest_change_id=changes[0].pk if changes else after_id,
    )


def site_url(path: str) -> str:
    """An absolute link for an email (ACCORD_SITE_URL + path)."""
    return getattr(settings, "ACCORD_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path
