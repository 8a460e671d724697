from django.contrib import admin

from accord.audit.admin import AuditedAdmin
from accord.plans.models import Comment, Item, ItemOwner, Plan, Section, SourceDocument


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = ("order", "number", "title", "narrative")


class ItemOwnerInline(admin.TabularInline):
    model = ItemOwner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Plan)
class PlanAdmin(AuditedAdmin):
    list_display = ("title", "network", "kind", "period_start", "period_end", "status")
    list_filter = ("kind", "status", "network")
    search_fields = ("title", "theme")
    inlines = [SectionInline]


@admin.register(Section)
class SectionAdmin(AuditedAdmin):
    list_display = ("__str__", "plan", "order")
    list_filter = ("plan__network",)


@admin.register(Item)
class ItemAdmin(AuditedAdmin):
    list_display = ("__str__", "plan", "status", "when_text", "start", "end", "open_call")
    list_filter = ("status", "kind", "open_call", "tentative", "plan__network")
    search_fields = ("what", "who_text", "when_text")
    raw_id_fields = ("section", "plan", "predecessor", "source_document")
    inlines = [ItemOwnerInline]


@admin.register(SourceDocument)
class SourceDocumentAdmin(AuditedAdmin):
    list_display = ("name", "network", "format", "size", "uploaded_at")
    readonly_fields = ("checksum",)


@admin.register(Comment)
class CommentAdmin(AuditedAdmin):
    list_display = ("item", "author_name", "created_at")
    search_fields = ("body", "author_name")
    raw_id_fields = ("item", "author")
