from django.contrib import admin

from accord.audit.admin import AuditedAdmin
from accord.reports.models import DigestDelivery, DigestPreference, ReminderDelivery


@admin.register(DigestPreference)
class DigestPreferenceAdmin(AuditedAdmin):
    list_display = ("user", "network", "frequency", "reminders", "updated_at")
    list_filter = ("frequency", "reminders", "network")
    search_fields = ("user__username", "user__email")


class SentAdmin(admin.ModelAdmin):
    """What went out is a record: read it, never edit it."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DigestDelivery)
class DigestDeliveryAdmin(SentAdmin):
    list_display = ("user", "network", "period", "frequency", "sent_at")
    list_filter = ("frequency", "network")
    search_fields = ("user__username", "period")


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(SentAdmin):
    list_display = ("user", "item", "due", "sent_at")
    search_fields = ("user__username", "item__what")
