"""Records of the reports app: how often each person wants the network's digest, and which digests and
reminders went out (so a second run in the same period sends nothing twice)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.network.models import Network
from accord.plans.models import Item


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("never")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")


# Someone who never chose gets the regular information a chair sends every member: once a month.
DEFAULT_DIGEST_FREQUENCY = DigestFrequency.MONTHLY


class DigestPreference(models.Model):
    """One person's choice for one network: how often the digest comes, and whether reminders do."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preferences")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="digest_preferences")
    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices, default=DEFAULT_DIGEST_FREQUENCY)
    reminders = models.BooleanField(_("remind me before my items' end dates"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "network"], name="digestpreference_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.network}: {self.get_frequency_display()}"

    def audit_network_id(self) -> int:
        return self.network_id


class DigestDelivery(models.Model):
    """A digest sent to one person for one period ("2026-W49", "2026-12"): at most one per period."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="digest_deliveries")
    period = models.CharField(max_length=10)
    frequency = models.CharField(max_length=10, choices=DigestFrequency.choices)
    sent_at = models.DateTimeField(auto_now_add=True)
    # The newest change the digest covered: the next one tells what changed after it.
    last_change_id = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "network", "period"], name="digestdelivery_unique")]
        indexes = [models.Index(fields=["user", "network", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.network} · {self.period}"


class ReminderDelivery(models.Model):
    """A reminder that an item one owns ends on `due`: one per person, item and end date (a new end date is
    reminded again)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reminders")
    due = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item", "due"], name="reminderdelivery_unique")]

    def __str__(self) -> str:
        return f"{self.user} · {self.item} · {self.due}"
