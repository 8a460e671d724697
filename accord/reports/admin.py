from django.contrib import admin

from accord.audit.admin import ReadOnlyAdmin
from accord.reports.models import DigestDelivery, DigestPreference, ReminderDelivery


@admin.register(DigestPreference)
class DigestPreferenceAdmin(ReadOnlyAdmin):
    """Each person chooses on their digest settings page (do_set_digest_preference, audited); the admin reads."""

    list_display = ("user", "network", "frequency", "reminders", "updated_at")
    list_filter = ("frequency", "reminders", "network")
    search_fields = ("user__username", "user__email")


class SentAdmin(ReadOnlyAdmin):
    """What went out is a record: read it, never edit it."""


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(SentAdmin):
    list_display = ("user", "network", "period", "frequency", "sent_at")
    list_filter = ("frequency", "network")
    search_fields = ("user__username", "period")


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(SentAdmin):
    list_display = ("user", "item", "due", "sent_at")
    search_fields = ("user__username", "item__what")
