from django.contrib import admin

from accord.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "content_type", "object_repr")
    list_filter = ("action", "content_type")
    search_fields = ("object_repr", "actor_name")
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """Admin pages write through the same audit log as actions: who, what, which fields from → to."""

    def save_model(self, request, obj, form, change):
        from accord.audit import log

        super().save_model(request, obj, form, change)
        fields = list(form.changed_data)
        if change:
            changes = {f: (form.initial.get(f), form.cleaned_data.get(f)) for f in fields}
            log.record(request.user, log.AuditAction.UPDATE, obj, changes, note="admin")
        else:
            log.record_create(request.user, obj, [f for f in fields if hasattr(obj, f)], note="admin")

    def delete_model(self, request, obj):
        from accord.audit import log

        log.record_delete(request.user, obj, [], note="admin")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)
