"""Every write of the reports app: digest preferences, and the record of each digest and reminder sent.

Sending is idempotent: a digest is recorded once per person, network and period, a reminder once per person,
item and end date (unique constraints decide, so two workers running at once still send one). Mail leaves only
once the record is committed (transaction.on_commit).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord.audit import log
from accord.network.models import Network, Role
from accord.network.permissions import require
from accord.plans import queries as plan_queries
from accord.reports import digest as digests
from accord.reports.models import (
    DigestDelivery,
    DigestFrequency,
    DigestPreference,
    ReminderDelivery,
)
from accord.reports.permissions import can_choose_digest, can_read_digest

logger = logging.getLogger(__name__)


@transaction.atomic
def do_set_digest_preference(
    actor: Any, network: Network, *, user: Any = None, frequency: str, reminders: bool = True
) -> DigestPreference:
    user = actor if user is None else user
    require(actor, can_choose_digest(actor, user, network))
    if frequency not in DigestFrequency.values:
        raise ValidationError({"frequency": _("Choose never, weekly or monthly.")})
    pref = DigestPreference.objects.select_for_update().filter(user=user, network=network).first()
    if pref is None:
        pref = DigestPreference.objects.create(user=user, network=network, frequency=frequency, reminders=reminders)
        log.record_create(actor, pref, ["frequency", "reminders"])
        return pref
    log.apply_changes(actor, pref, {"frequency": frequency, "reminders": reminders})
    return pref


def _send_later(message: EmailMultiAlternatives, what: str) -> None:
    def send() -> None:
        try:
            message.send()
        except Exception:  # a mail server's failure must not stop the other recipients
            logger.exception("could not send %s to %s", what, message.to)

    transaction.on_commit(send)


def _message(subject: str, template: str, context: dict[str, Any], to: str) -> EmailMultiAlternatives:
    text = render_to_string(f"reports/email/{template}.txt", context)
    html = render_to_string(f"reports/email/{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    return message


def digest_subject(digest: digests.Digest) -> str:
    name = digest.network.short_name or digest.network.name
    return _("%(network)s: news for %(period)s") % {"network": name, "period": digest.period}


def digest_context(user: Any, digest: digests.Digest) -> dict[str, Any]:
    return {"user": user, "digest": digest, "network": digest.network, "site": digests.site_url("")}


@transaction.atomic
def do_send_digest(user: Any, network: Network, today: dt.date, *, frequency: str) -> bool:
    """Send the person's digest for the period `today` falls in, unless it went already. True if sent."""
    require(user, can_read_digest(user, network))
    if frequency == DigestFrequency.NEVER or not user.email:
        return False
    period = digests.period_key(frequency, today)
    if DigestDelivery.objects.filter(user=user, network=network, period=period).exists():
        return False
    digest = digests.build_digest(user, network, today, frequency)
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(
                user=user, network=network, period=period, frequency=frequency, last_change_id=digest.newest_change_id
            )
    except IntegrityError:
        return False  # another run recorded it first
    _send_later(_message(digest_subject(digest), "digest", digest_context(user, digest), user.email), "a digest")
    return True


@transaction.atomic
def do_send_reminders(user: Any, network: Network, today: dt.date) -> int:
    """One mail listing the items the person owns that end within ACCORD_REMINDER_DAYS and were not reminded
    for that end date yet. Returns how many items it lists."""
    require(user, can_read_digest(user, network))
    if not user.email:
        return 0
    ending = plan_queries.owned_items_ending(user, network, today, today + dt.timedelta(days=digests.reminder_days()))
    if not ending:
        return 0
    sent = set(ReminderDelivery.objects.filter(user=user, item__in=ending).values_list("item_id", "due"))
    fresh = [i for i in ending if (i.pk, i.end) not in sent]
    if not fresh:
        return 0
    recorded = []
    for item in fresh:  # one savepoint each: a second run at the same moment records (and sends) none twice
        try:
            with transaction.atomic():
                ReminderDelivery.objects.create(user=user, item=item, due=item.end)
        except IntegrityError:
            continue
        recorded.append(item)
    fresh = recorded
    if not fresh:
        return 0
    context = {"user": user, "network": network, "items": fresh, "today": today, "site": digests.site_url("")}
    subject = ngettext(
        "%(network)s: %(n)d of your items ends soon", "%(network)s: %(n)d of your items end soon", len(fresh)
    ) % {"network": network.short_name or network.name, "n": len(fresh)}
    _send_later(_message(subject, "reminder", context, user.email), "a reminder")
    return len(fresh)


@dataclass
class SendSummary:
    digests: int = 0
    reminders: int = 0
    people: int = 0
    without_email: int = 0


def send_due(
    today: dt.date, *, network: Network | None = None, digests_on: bool = True, reminders_on: bool = True
) -> SendSummary:
    """Everything due on `today`: each member's digest for the current period (per their frequency) and
    reminders. Running it again the same period sends nothing new."""
    summary = SendSummary()
    roles = Role.objects.select_related("user", "network").filter(user__is_active=True).order_by("network_id", "pk")
    if network is not None:
        roles = roles.filter(network=network)
    chosen = DigestPreference.objects.all() if network is None else DigestPreference.objects.filter(network=network)
    prefs = {(p.user_id, p.network_id): p for p in chosen}
    for role in roles:
        user, net = role.user, role.network
        pref = prefs.get((user.pk, net.pk)) or DigestPreference(user=user, network=net)
        summary.people += 1
        if not user.email:
            summary.without_email += 1
            continue
        if digests_on and do_send_digest(user, net, today, frequency=pref.frequency):
            summary.digests += 1
        if reminders_on and pref.reminders:
            summary.reminders += do_send_reminders(user, net, today)
    return summary


__all__ = ["SendSummary", "do_send_digest", "do_send_reminders", "do_set_digest_preference", "send_due"]
