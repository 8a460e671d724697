from django.contrib import admin

from accord.audit.admin import AuditedAdmin
from accord.events.models import Event, ItemEvent


class ItemEventInline(admin.TabularInline):
    model = ItemEvent
    extra = 0
    raw_id_fields = ("item",)


@admin.register(Event)
class EventAdmin(AuditedAdmin):
    list_display = ("title", "network", "kind", "when_text", "start", "end")
    list_filter = ("kind", "network")
    search_fields = ("title", "place")
    raw_id_fields = ("parent",)
    inlines = [ItemEventInline]
