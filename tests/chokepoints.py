"""Testing an action as every role: allowed roles succeed and write the audit entries the action promises; refused
roles get PermissionDenied and leave the database exactly as it was."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from accord.audit.actors import SYSTEM
from accord.audit.models import AuditEntry
from accord.network.permissions import forget_access

EDITORS = frozenset({"secretariat", "network_admin", "superuser", "system"})
ADMINS = frozenset({"network_admin", "superuser", "system"})
SITE = frozenset({"superuser", "system"})
MEMBERS = frozenset({"viewer", "zsi_editor", "secretariat", "network_admin", "superuser"})


def actors(every_role: dict[str, Any]) -> dict[str, Any]:
    """The role fixtures, the system, and a forgotten actor (None), which every action refuses."""
    return {**every_role, "system": SYSTEM, "none": None}


def database() -> dict[str, list[tuple]]:
    """Every row of every table of the product (and the accounts), to compare before and after."""
    models = [m for m in apps.get_models() if m.__module__.startswith("accord.")] + [get_user_model()]
    return {m._meta.label: list(m._default_manager.order_by("pk").values_list()) for m in models}


def check_action(
    people: dict[str, Any],
    allowed: frozenset[str] | set[str],
    act: Callable[[Any], Any],
    entries: int | Callable[[str], int] = 1,
) -> list[str]:
    """Run `act(actor)` as each actor, each time from the same database (a savepoint rolled back after); return
    what went wrong."""
    wrong = []
    for role, actor in people.items():
        forget_access(actor)  # roles read in an earlier, rolled-back run
        savepoint = transaction.savepoint()
        try:
            before = database()
            last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
            try:
                act(actor)
            except PermissionDenied:
                if role in allowed:
                    wrong.append(f"{role}: refused")
                elif database() != before:
                    wrong.append(f"{role}: refused, but the database changed")
                continue
            if role not in allowed:
                wrong.append(f"{role}: allowed")
                continue
            written = list(AuditEntry.objects.filter(id__gt=last))
            expected = entries(role) if callable(entries) else entries
            if len(written) != expected:
                wrong.append(f"{role}: {len(written)} audit entries, expected {expected}: {written}")
            user = actor if getattr(actor, "is_authenticated", False) else None
            if any(e.actor_id != (user.pk if user else None) for e in written):
                wrong.append(f"{role}: an entry names another actor")
        finally:
            transaction.savepoint_rollback(savepoint)
    return wrong
