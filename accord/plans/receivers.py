"""What plans do when something they point at in the network goes away (networks know nothing of plans)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from accord.network.models import Group
from accord.plans.models import ItemOwner


@receiver(pre_delete, sender=Group, dispatch_uid="plans-keep-owner-names-of-deleted-groups")
def keep_owner_names(sender: Any, instance: Group, **kwargs: Any) -> None:
    """Items a deleted group owned keep its name as written (the owner becomes text), inside the deleting
    action's transaction."""
    ItemOwner.objects.filter(group=instance).update(group=None, text=instance.name[:200])
