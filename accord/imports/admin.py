from django.contrib import admin

from accord.audit.admin import ReadOnlyAdmin
from accord.imports.models import ImportedItem, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Import jobs are written by the importer only; the admin shows them to find out what happened."""

    list_display = ("file_name", "network", "status", "step", "created_by", "created_at", "plan")
    list_filter = ("status", "network")
    search_fields = ("file_name", "checksum")
    exclude = ("data",)
    readonly_fields = [f.name for f in ImportJob._meta.fields if f.name != "data"]


@admin.register(ImportedItem)
class ImportedItemAdmin(ReadOnlyAdmin):
    list_display = ("item", "version", "source_document")
    raw_id_fields = ("item", "source_document")
