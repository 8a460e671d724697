"""Read helpers over the change log shared by pages and digests. Each costs one or two queries."""

from __future__ import annotations

import datetime as dt

from accord.audit.models import AuditEntry


def newest_change_id(network_id: int) -> int:
    return AuditEntry.objects.filter(network_id=network_id).order_by("-id").values_list("id", flat=True).first() or 0


def change_id_before(network_id: int, moment: dt.datetime) -> int:
    """The id of the network's last change before `moment` (0 if none): "since then" starts after it."""
    return (
        AuditEntry.objects.filter(network_id=network_id, at__lt=moment)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
        or 0
    )


def changes_after(network_id: int, after_id: int, limit: int = 20) -> tuple[int, list[AuditEntry]]:
    """How many changes the network saw after entry `after_id`, and the newest `limit` of them (two queries)."""
    qs = AuditEntry.objects.filter(network_id=network_id, id__gt=after_id)
    return qs.count(), list(qs.select_related("content_type").order_by("-id")[:limit])
