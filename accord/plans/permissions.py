"""Who may see and change plans, sections and items: the one place that decides for them."""

from __future__ import annotations

from typing import Any

from accord.network.models import NetworkRole
from accord.network.permissions import (
    acting_organisation_id,
    can_edit_network_content,
    can_see_private,
    has_role,
    is_superuser,
    is_system,
)
from accord.plans.models import Item, Plan

ITEM_EDITORS = frozenset({NetworkRole.MEMBER_EDITOR, NetworkRole.SECRETARIAT, NetworkRole.ADMIN})


def can_view_plan(user: Any, plan: Plan) -> bool:
    if plan.is_public and plan.network.is_public:
        return True
    return can_see_private(user, plan.network_id)


def can_edit_plan(user: Any, plan: Plan) -> bool:
    """Edit the plan itself, its sections, and any of its items."""
    return can_edit_network_content(user, plan.network_id)


def can_create_plan(user: Any, network: Any) -> bool:
    return can_edit_network_content(user, network if isinstance(network, int) else network.pk)


def can_change_plan_status(user: Any, plan: Plan) -> bool:
    """Adopt, close or reopen a plan: the secretariat and admin."""
    return can_edit_network_content(user, plan.network_id)


def can_view_item(user: Any, item: Item) -> bool:
    return can_view_plan(user, item.plan)


def owns_item(user: Any, item: Item) -> bool:
    org_id = acting_organisation_id(user, item.plan.network_id)
    if org_id is None:
        return False
    return any(owner.organisation_id == org_id for owner in item.owners.all())


def can_edit_item(user: Any, item: Item) -> bool:
    """Status, progress note and When: the secretariat on any item, a member editor on their organisation's."""
    if can_edit_network_content(user, item.plan.network_id):
        return True
    if not has_role(user, item.plan.network_id, ITEM_EDITORS):
        return False
    return owns_item(user, item)


def can_reassign_item(user: Any, item: Item) -> bool:
    """Changing owners moves work between organisations: the secretariat decides."""
    return can_edit_network_content(user, item.plan.network_id)


def can_take_open_call(user: Any, item: Item) -> bool:
    if not item.open_call:
        return False
    if is_system(user) or is_superuser(user):
        return False  # taking a call is on behalf of an organisation; the system has none
    if not has_role(user, item.plan.network_id, ITEM_EDITORS):
        return False
    return acting_organisation_id(user, item.plan.network_id) is not None


def can_comment_item(user: Any, item: Item) -> bool:
    if is_system(user):
        return False
    return can_see_private(user, item.plan.network_id)


def can_start_next_plan(user: Any, plan: Plan) -> bool:
    """Starting the next chair's plan (and carrying work into it) is the secretariat's."""
    return can_edit_network_content(user, plan.network_id)


def can_export_plan(user: Any, plan: Plan) -> bool:
    return can_view_plan(user, plan)
