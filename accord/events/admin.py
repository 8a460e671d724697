"""The admin of events and their links to items: every write is one of accord.events.actions
(accord.audit.admin.ActionAdmin)."""

from django.contrib import admin

from accord.audit.admin import ActionAdmin, ActionInline
from accord.events import actions
from accord.events.models import Event, FeedToken, ItemEvent


class ItemEventInline(ActionInline, admin.TabularInline):
    model = ItemEvent
    extra = 0
    raw_id_fields = ("item",)

    def create(self, actor, parent, values):
        return actions.do_link_item_event(actor, values["item"], parent, values["relation"])

    def update(self, actor, row, values):
        if "item" in values:  # another item is another link
            self.delete(actor, row)
            return self.create(actor, row.event, {"relation": row.relation, **values})
        return actions.do_link_item_event(actor, row.item, row.event, values["relation"])

    def delete(self, actor, row):
        actions.do_unlink_item_event(actor, row)


@admin.register(Event)
class EventAdmin(ActionAdmin):
    list_display = ("title", "network", "kind", "when_text", "start", "end")
    list_filter = ("kind", "network")
    search_fields = ("title", "place")
    raw_id_fields = ("parent",)
    inlines = [ItemEventInline]

    def get_readonly_fields(self, request, obj=None):
        return ("network", "version") if obj is not None else ("version",)

    def create(self, actor, values):
        network, title = values.pop("network"), values.pop("title")
        return actions.do_create_event(actor, network, title=title, **values)

    def update(self, actor, obj, values):
        return actions.do_update_event(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_event(actor, obj)


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
