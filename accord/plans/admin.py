"""The admin of plans, sections, items, their owners and comments: every write is one of accord.plans.actions
(accord.audit.admin.ActionAdmin). Source documents are written by the importer only."""

from django.contrib import admin

from accord.audit.admin import ActionAdmin, ActionInline, ReadOnlyAdmin
from accord.plans import actions
from accord.plans.models import Comment, Item, ItemOwner, Plan, Section, SourceDocument


class SectionInline(ActionInline, admin.StackedInline):
    model = Section
    extra = 0
    fields = ("order", "number", "title", "narrative")

    def create(self, actor, parent, values):
        return actions.do_create_section(actor, parent, **values)

    def update(self, actor, row, values):
        return actions.do_update_section(actor, row, **values)

    def delete(self, actor, row):
        actions.do_delete_section(actor, row)


class ItemOwnerInline(ActionInline, admin.TabularInline):
    """An item's owners are one ordered list: the rows as the form leaves them are written by one action."""

    model = ItemOwner
    extra = 0
    autocomplete_fields = ["organisation"]

    def save_rows(self, actor, parent, formset):
        gone = {row.pk for row in formset.deleted_objects}
        edited = {row.pk: row for row, _fields in formset.changed_objects}
        rows = [edited.get(row.pk, row) for row in parent.owners.all() if row.pk not in gone]
        rows += list(formset.new_objects)
        owners = [row.target or row.text for row in sorted(rows, key=lambda r: (r.position, r.pk or 0))]
        actions.do_set_item_owners(actor, parent, owners)


@admin.register(Plan)
class PlanAdmin(ActionAdmin):
    list_display = ("title", "network", "kind", "period_start", "period_end", "status")
    list_filter = ("kind", "status", "network")
    search_fields = ("title", "theme")
    inlines = [SectionInline]

    def get_readonly_fields(self, request, obj=None):
        return ("network", "version") if obj is not None else ("version",)

    def create(self, actor, values):
        network, title = values.pop("network"), values.pop("title")
        return actions.do_create_plan(actor, network, title=title, **values)

    def update(self, actor, obj, values):
        return actions.do_update_plan(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_plan(actor, obj)


@admin.register(Section)
class SectionAdmin(ActionAdmin):
    list_display = ("__str__", "plan", "order")
    list_filter = ("plan__network",)

    def get_readonly_fields(self, request, obj=None):
        return ("plan",) if obj is not None else ()

    def create(self, actor, values):
        return actions.do_create_section(actor, values.pop("plan"), **values)

    def update(self, actor, obj, values):
        return actions.do_update_section(actor, obj, **values)

    def delete(self, actor, obj):
        actions.do_delete_section(actor, obj)


@admin.register(Item)
class ItemAdmin(ActionAdmin):
    list_display = ("__str__", "plan", "status", "when_text", "start", "end", "open_call")
    list_filter = ("status", "kind", "open_call", "tentative", "plan__network")
    search_fields = ("what", "who_text", "when_text")
    raw_id_fields = ("section", "predecessor", "source_document")
    readonly_fields = ("plan", "version")  # the plan is the section's
    inlines = [ItemOwnerInline]

    def create(self, actor, values):
        section, what = values.pop("section"), values.pop("what")
        return actions.do_create_item(actor, section, what=what, **values)

    def update(self, actor, obj, values):
        section, order = values.pop("section", None), values.pop("order", None)
        if values:
            actions.do_update_item(actor, obj, **values)
        if section is not None or order is not None:
            obj.refresh_from_db()
            actions.do_move_item(actor, obj, section or obj.section, order=obj.order if order is None else order)

    def delete(self, actor, obj):
        actions.do_delete_item(actor, obj)


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ("name", "network", "format", "size", "uploaded_at")


@admin.register(Comment)
class CommentAdmin(ActionAdmin):
    """Comments are written on item pages; the admin may only remove one."""

    list_display = ("item", "author_name", "created_at")
    search_fields = ("body", "author_name")
    raw_id_fields = ("item", "author")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete(self, actor, obj):
        actions.do_delete_comment(actor, obj)
