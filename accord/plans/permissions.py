"""Who may see and change plans, sections and items: the one place that decides for them.

Seeing comes in two forms side by side (the predicate for one object, the queryset for lists, search and counts),
both built on the network's content rule (accord.network.permissions.can_view_content); tests/plans/
test_permissions.py checks that they agree for every role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from accord.network.models import Network, NetworkRole
from accord.network.permissions import (
    acting_organisation_id,
    can_edit_network_content,
    can_see_private,
    can_view_content,
    content_q,
    content_sight,
    has_role,
    is_superuser,
    is_system,
)
from accord.plans.models import Item, Plan

ITEM_EDITORS = frozenset({NetworkRole.MEMBER_EDITOR, NetworkRole.SECRETARIAT, NetworkRole.ADMIN})


def can_view_plan(user: Any, plan: Plan) -> bool:
    """A plan marked public in a public network is for everyone; the others for those with a role in the network."""
    return can_view_content(user, plan.network, plan.is_public)


def plans_q(everything: bool, private: Sequence[int], public: Sequence[int]) -> Q:
    """The condition of visible_plans as a pure function of the person's `content_sight` values (what baked reads,
    accord.web.baked, take: `everything` in their shape, the id tuples as values)."""
    return content_q(everything, private, public)


def visible_plans(user: Any, network: Network | None = None) -> QuerySet[Plan]:
    """The queryset form of can_view_plan: the plans of `network` (of every network, without one) the user may see
    (`plans_q` of the person's `content_sight`)."""
    return Plan.objects.filter(plans_q(**content_sight(user, network).values()))


def can_edit_plan(user: Any, plan: Plan) -> bool:
    """Edit the plan itself, its sections, and any of its items."""
    return can_edit_network_content(user, plan.network_id)


def can_create_plan(user: Any, network: Any) -> bool:
    return can_edit_network_content(user, network if isinstance(network, int) else network.pk)


def can_change_plan_status(user: Any, plan: Plan) -> bool:
    """Adopt, close or reopen a plan: the secretariat and admin."""
    return can_edit_network_content(user, plan.network_id)


def can_view_item(user: Any, item: Item) -> bool:
    """An item is seen with its plan."""
    return can_view_plan(user, item.plan)


def items_q(everything: bool, private: Sequence[int], public: Sequence[int], prefix: str = "") -> Q:
    """The condition of visible_items as a pure function of the person's `content_sight` values, for items at
    `<prefix>` (a related model's path to its item, "" for items themselves)."""
    return content_q(everything, private, public, prefix=f"{prefix}plan__")


def visible_items(user: Any, network: Network | None = None) -> QuerySet[Item]:
    """The queryset form of can_view_item (`items_q` of the person's `content_sight`)."""
    return Item.objects.filter(items_q(**content_sight(user, network).values()))


def owns_item(user: Any, item: Item) -> bool:
    org_id = acting_organisation_id(user, item.plan.network_id)
    if org_id is None:
        return False
    return any(owner.organisation_id == org_id for owner in item.owners.all())


@dataclass(frozen=True)
class ItemControls:
    """What a person may do to the items of one network's plans, decided once for them (not once per item):
    edit any item (`edit_all`), edit the items their organisation owns (`edit_organisation`), take open calls
    (`take`). can_edit_item and can_take_open_call are this rule applied to one item; a page of rows applies it
    to each row's owners (the Table tab renders its rows once for everyone and adds each person's controls)."""

    edit_all: bool
    edit_organisation: int | None
    take: bool

    def may_edit(self, owner_organisation_ids: Iterable[int | None]) -> bool:
        return self.edit_all or (
            self.edit_organisation is not None and self.edit_organisation in owner_organisation_ids
        )

    def may_take(self, open_call: bool) -> bool:
        return open_call and self.take


def item_controls(user: Any, network_id: int) -> ItemControls:
    """Status, progress note and When: the secretariat on any item, a member editor on their organisation's.
    Taking an open call: an item editor on behalf of their organisation (the system and superusers have none)."""
    editor = has_role(user, network_id, ITEM_EDITORS)
    organisation = acting_organisation_id(user, network_id) if editor else None
    return ItemControls(
        edit_all=can_edit_network_content(user, network_id),
        edit_organisation=organisation,
        take=editor and organisation is not None and not (is_system(user) or is_superuser(user)),
    )


def can_edit_item(user: Any, item: Item) -> bool:
    """Status, progress note and When: the secretariat on any item, a member editor on their organisation's."""
    controls = item_controls(user, item.plan.network_id)
    return controls.edit_all or controls.may_edit(owner.organisation_id for owner in item.owners.all())


def can_reassign_item(user: Any, item: Item) -> bool:
    """Changing owners moves work between organisations: the secretariat decides."""
    return can_edit_network_content(user, item.plan.network_id)


def can_take_open_call(user: Any, item: Item) -> bool:
    return item_controls(user, item.plan.network_id).may_take(item.open_call)


def takeable_open_calls(user: Any, items: Iterable[Item]) -> set[int]:
    """The keys of those of `items` the person may take (`can_take_open_call`), each network's controls worked out
    once for a list of many items."""
    controls: dict[int, ItemControls] = {}
    takeable = set()
    for item in items:
        network_id = item.plan.network_id
        mine = controls.get(network_id) or controls.setdefault(network_id, item_controls(user, network_id))
        if mine.may_take(item.open_call):
            takeable.add(item.pk)
    return takeable


def can_comment_item(user: Any, item: Item) -> bool:
    if is_system(user):
        return False
    return can_see_private(user, item.plan.network_id)


def can_start_next_plan(user: Any, plan: Plan) -> bool:
    """Starting the next chair's plan (and carrying work into it) is the secretariat's."""
    return can_edit_network_content(user, plan.network_id)


def can_moderate_comment(user: Any, comment: Any) -> bool:
    """Removing a comment: the network's secretariat and admin."""
    return can_edit_network_content(user, comment.item.plan.network_id)


def can_export_plan(user: Any, plan: Plan) -> bool:
    return can_view_plan(user, plan)
