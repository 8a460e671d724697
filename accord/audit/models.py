"""The append-only change log: who changed what, when, from what to what.

Entries are written by accord.audit.log.record() from actions only; the application never edits or deletes
them (save() refuses an update, delete() refuses, the admin is read-only).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("updated")
    DELETE = "delete", _("deleted")


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def for_object(self, obj: models.Model) -> AuditEntryQuerySet:
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(models.Model):
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
