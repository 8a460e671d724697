"""The admin is a client of the actions: every add, change and delete made in it, its inlines' too, goes through
the domain's action with the signed-in person as the actor (the same permission rule, transaction and audit entry
as the pages; entries say "admin"). The audit log itself is read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.forms import BaseModelForm
from django.http import HttpRequest

from accord.audit import log
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by their own process (the importer's bookkeeping, uploaded documents): the admin shows
    them, and changes none."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _is_m2m(form: BaseModelForm, name: str) -> bool:
    field = form._meta.model._meta._forward_fields_map.get(name)
    return bool(field is not None and field.many_to_many)


def form_values(form: BaseModelForm, names: Any = None) -> dict[str, Any]:
    """The form's cleaned values of its model fields (`names` only, if given), many-to-many ones apart."""
    wanted = form.changed_data if names is None else names
    return {name: form.cleaned_data[name] for name in wanted if name in form.cleaned_data and not _is_m2m(form, name)}


class ActionInline:
    """An inline's rows through actions: `create(actor, parent, values)`, `update(actor, row, values)` and
    `delete(actor, row)`; or `save_rows` to write the whole set at once (an item's owners, in order)."""

    def create(self, actor: Any, parent: models.Model, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def update(self, actor: Any, row: models.Model, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def delete(self, actor: Any, row: models.Model) -> None:
        raise NotImplementedError

    def save_rows(self, actor: Any, parent: models.Model, formset: Any) -> None:
        for row in formset.deleted_objects:
            self.delete(actor, row)
        for row, fields in formset.changed_objects:
            current = type(row)._default_manager.get(pk=row.pk)
            self.update(actor, current, {name: getattr(row, name) for name in fields})
        names = [name for name in formset.form.base_fields if name not in ("id", formset.fk.name)]
        for row in formset.new_objects:
            self.create(actor, parent, {name: getattr(row, name) for name in names})


class ActionAdmin(admin.ModelAdmin):
    """A model's admin page whose writes are actions: subclasses say which (`create`, `update`, `delete`, and
    `set_related` for many-to-many fields)."""

    # A web address typed without its scheme is read as https (Django 6's default, said now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def create(self, actor: Any, values: dict[str, Any]) -> models.Model:
        raise NotImplementedError

    def update(self, actor: Any, obj: models.Model, values: dict[str, Any]) -> Any:
        raise NotImplementedError

    def delete(self, actor: Any, obj: models.Model) -> None:
        raise NotImplementedError

    def set_related(self, actor: Any, obj: models.Model, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        with log.noted("admin"):
            if change:
                # The form has already set its values on `obj`: the action compares against the stored row.
                current = type(obj)._default_manager.get(pk=obj.pk)
                values = form_values(form)
                if values:
                    self.update(request.user, current, values)
            else:
                created = self.create(request.user, form_values(form, form.cleaned_data))
                obj.pk = created.pk
                obj._state.adding = False
        obj.refresh_from_db()

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        related = {name: list(form.cleaned_data[name]) for name in form.changed_data if _is_m2m(form, name)}
        with log.noted("admin"):
            if related:
                self.set_related(request.user, form.instance, related)
            for formset in formsets:
                self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        inline = next(i for i in self.get_inline_instances(request, form.instance) if i.model is formset.model)
        formset.save(commit=False)  # fills new, changed and deleted objects without writing them
        with log.noted("admin"):
            inline.save_rows(request.user, form.instance, formset)

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with log.noted("admin"):
            self.delete(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
