"""The append-only change log: who changed what, when, from what to what.

Entries are written by accord.audit.log.record() from actions only; the application never edits or deletes
them (save() refuses an update, delete() refuses, the admin is read-only).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.web.quickload import QuickLoad


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")


# Fields whose label on the form ("who (as written)") reads oddly in a history line.
FIELD_LABELS = {
    "who_text": _("Who"),
    "when_text": _("When"),
    "what": _("What"),
    "open_call": _("Owner wanted"),
    "precision": _("Date precision"),
    "when_note": _("Note on the date"),
    "owners": _("Owners"),
    "owners_mode": _("How the owners were written"),
    "owners_note": _("Note on the owners"),
    "removed_from_document": _("Removed from the document"),
    "chair_text": _("Chair"),
    "period_start": _("Period start"),
    "period_end": _("Period end"),
    "progress_note": _("Progress note"),
}
EMPTY = "—"


def field_label(model: type[models.Model] | None, name: str) -> str:
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    try:
        verbose = str(model._meta.get_field(name).verbose_name) if model is not None else name
    except Exception:  # a field since removed, or not a model field
        verbose = name
    verbose = verbose.replace("_", " ")
    return verbose[:1].upper() + verbose[1:]


def field_value(model: type[models.Model] | None, name: str, value) -> str:
    """A recorded value in words: choice labels, yes/no, lists joined, nothing as a dash."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    choices = None
    if model is not None:
        try:
            choices = dict(model._meta.get_field(name).flatchoices)
        except Exception:
            choices = None
    if choices and value in choices:
        label = str(choices[value])
        return label[:1].upper() + label[1:]
    return str(value)


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(QuickLoad, models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the entry still says who after the account is gone.
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=300)
    # The network the object belongs to, for a network's "recent changes"; not a foreign key so that
    # deleting a network never deletes its history.
    network_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(default=dict, blank=True)  # {field: [from, to]}
    note = models.CharField(max_length=300, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.actor_name or 'system'} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("Audit entries are never edited.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries are never deleted.")

    def readable_changes(self) -> list[tuple[str, str, str]]:
        """The changes as a person reads them: (field label, before, after), in words rather than field names."""
        model = self.content_type.model_class()
        return [
            (field_label(model, name), field_value(model, name, change[0]), field_value(model, name, change[1]))
            for name, change in (self.changes or {}).items()
            if isinstance(change, (list, tuple)) and len(change) == 2
        ]
