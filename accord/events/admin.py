from django.contrib import admin

from accord.audit.admin import AuditedAdmin
from accord.events.models import Event, FeedToken, ItemEvent


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


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    """Feed tokens are seen here, never made or changed: a secret exists only when its owner creates it, and a
    revocation goes through do_revoke_feed_token (the tokens page) so that it is audited."""

    list_display = ("label", "hint", "user", "network", "created_at", "last_used_at", "revoked_at")
    list_filter = ("network",)
    search_fields = ("label", "user__username")
    readonly_fields = ("network", "user", "label", "hint", "created_at", "last_used_at", "revoked_at")
    exclude = ("token_hash",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
