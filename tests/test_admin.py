"""Every Accord model is in the Django admin, its pages open, and admin writes are audited."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from accord.audit.models import AuditEntry
from accord.testing import factories as f

INLINE_ONLY = {"plans.itemowner", "events.itemevent"}


def accord_models():
    return [m for m in apps.get_models() if m.__module__.startswith("accord.")]


@pytest.mark.parametrize("model", accord_models(), ids=lambda m: m._meta.label_lower)
def test_every_model_is_in_the_admin(model):
    label = model._meta.label_lower
    if label in INLINE_ONLY:
        return
    assert model in admin.site._registry, f"{label} has no admin"


@pytest.mark.parametrize("model", [m for m in accord_models() if m in admin.site._registry],
                         ids=lambda m: m._meta.label_lower)
def test_admin_changelist_opens(admin_client, section, model):
    f.make_item(section, what="Something")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_admin_edit_is_audited(admin_client, admin_user, orgs):
    org = orgs["ZSI"]
    url = reverse("admin:network_organisation_change", args=[org.pk])
    response = admin_client.post(url, {"slug": org.slug, "short_name": "ZSI", "type": "research",
                                       "full_name": "Centre for Social Innovation", "aliases": '["ZSI Vienna"]',
                                       "country": "AT", "website": ""})
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.for_object(org).filter(action="update").get()
    assert entry.actor == admin_user and entry.note == "admin"
    assert entry.changes["full_name"] == ["", "Centre for Social Innovation"]


def test_audit_entries_cannot_be_changed_in_the_admin(admin_client, section):
    item = f.make_item(section)
    entry = AuditEntry.objects.for_object(item).get()
    url = reverse("admin:audit_auditentry_change", args=[entry.pk])
    admin_client.post(url, {"note": "tampered"})
    entry.refresh_from_db()
    assert entry.note == ""
    delete_url = reverse("admin:audit_auditentry_delete", args=[entry.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
