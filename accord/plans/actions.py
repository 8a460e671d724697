"""Every write to plans, sections and items: permission check, one transaction, an audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction

from accord.audit import log, versions
from accord.network.models import Group, Network, Organisation, Person
from accord.network.permissions import acting_organisation_id, require
from accord.plans import permissions
from accord.plans.models import Comment, Item, ItemOwner, ItemStatus, Plan, PlanStatus, Section
from accord.plans.timeframed import TIMEFRAME_FIELDS

PLAN_FIELDS = (
    "kind",
    "title",
    "period_start",
    "period_end",
    "theme",
    "chair",
    "chair_text",
    "status",
    "version_label",
    "is_public",
    "previous",
    "source_document",
    "footnotes",
    "source_header",
)
SECTION_FIELDS = ("number", "title", "narrative", "context_start", "context_end")
ITEM_FIELDS = (
    "kind",
    "what",
    "details",
    "status",
    "progress_note",
    "open_call",
    "who_text",
    "owners_mode",
    "owners_note",
    "removed_from_document",
    "predecessor",
    "source_document",
    "source_location",
    "when_review",
    *TIMEFRAME_FIELDS,
)
MEMBER_EDITABLE_ITEM_FIELDS = frozenset({"status", "progress_note", "when_review", *TIMEFRAME_FIELDS})

Owner = Organisation | Group | Person | str


class StaleEdit(Exception):
    """The object changed since the form was loaded; carries the current object so both can be shown."""

    def __init__(self, current: Any, expected_version: int) -> None:
        self.current = current
        self.expected_version = expected_version
        super().__init__(f"{current} changed since version {expected_version} (now {current.version}).")


def _check_fields(values: dict[str, Any], allowed: Sequence[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")


def _check_version(obj: Any, expected_version: int | None) -> None:
    if expected_version is not None and obj.version != expected_version:
        raise StaleEdit(obj, expected_version)


# Plans ---------------------------------------------------------------------------------------------------------


def _check_plan_values(values: dict[str, Any], plan: Plan | None = None) -> None:
    if "title" in values and not str(values["title"]).strip():
        raise ValidationError({"title": "A plan needs a title."})
    start = values.get("period_start", plan.period_start if plan else None)
    end = values.get("period_end", plan.period_end if plan else None)
    if start and end and end < start:
        raise ValidationError({"period_end": "The period cannot end before it starts."})


# Lock order ---------------------------------------------------------------------------------------------------
# Every write inside a network takes the network's row first, then the rows it changes (plan, sections, items),
# then what its audit entry bumps (accord/audit/versions.py, in the order the targets name them). An import or a
# multi-row edit locks the network and then item after item; were an inline edit or a comment to lock its item
# first and the network last (when its entry is recorded), each would wait for the other's row and PostgreSQL
# would roll one of them back. With the network first, the second writer waits for the first to commit.
# `log.apply_changes` takes it before it saves; the actions below that lock their rows themselves (or write
# before they record) take it before that. On SQLite one writer holds the database at a time: no-ops there.


def _lock_network_of_plan(plan_id: int) -> None:
    """The network's row of a plan, in one query (the item or plan the caller holds may be a stale copy)."""
    list(Network.objects.select_for_update(of=("self",)).filter(plans=plan_id).values_list("pk", flat=True))


def _locked_item(item: Item) -> Item:
    """The item's row, fresh and locked, after its network's."""
    _lock_network_of_plan(item.plan_id)
    return Item.objects.select_for_update().select_related("plan").get(pk=item.pk)


@transaction.atomic
def do_create_plan(actor: Any, network: Network, *, title: str, **values: Any) -> Plan:
    require(actor, permissions.can_create_plan(actor, network))
    _check_fields(values, PLAN_FIELDS)
    _check_plan_values({"title": title, **values})
    plan = Plan(network=network, title=title.strip(), **values)
    plan.full_clean()
    plan.save()
    log.record_create(actor, plan, ["title", *values])
    return plan


@transaction.atomic
def do_update_plan(actor: Any, plan: Plan, *, expected_version: int | None = None, **values: Any) -> dict:
    require(actor, permissions.can_edit_plan(actor, plan))
    _check_fields(values, PLAN_FIELDS)
    versions.lock_network(plan.network_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    _check_version(plan, expected_version)
    _check_plan_values(values, plan)
    return log.apply_changes(actor, plan, values)


# Which status a plan may move to from each: a draft is adopted, an adopted plan is closed at its end (or put
# back to draft), a closed plan may be reopened.
PLAN_TRANSITIONS = {
    PlanStatus.DRAFT: {PlanStatus.ADOPTED},
    PlanStatus.ADOPTED: {PlanStatus.CLOSED, PlanStatus.DRAFT},
    PlanStatus.CLOSED: {PlanStatus.ADOPTED},
}


@transaction.atomic
def do_set_plan_status(actor: Any, plan: Plan, status: str, *, note: str = "") -> dict:
    """Adopt, close or reopen a plan. A closed plan's open items stop counting as overdue or due."""
    require(actor, permissions.can_change_plan_status(actor, plan))
    versions.lock_network(plan.network_id)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status not in PlanStatus.values:
        raise ValidationError({"status": f"“{status}” is not a plan status."})
    if status == plan.status:
        return {}
    if status not in PLAN_TRANSITIONS[PlanStatus(plan.status)]:
        raise ValidationError(
            {"status": f"A {plan.get_status_display()} plan cannot become {PlanStatus(status).label}."}
        )
    if status == PlanStatus.ADOPTED and not (plan.period_start and plan.period_end):
        raise ValidationError({"status": "Give the plan its period before adopting it."})
    return log.apply_changes(actor, plan, {"status": status}, note=note)


@transaction.atomic
def do_delete_plan(actor: Any, plan: Plan) -> None:
    require(actor, permissions.can_edit_plan(actor, plan))
    log.record_delete(actor, plan, ["title", "period_start", "period_end", "status"])
    plan.delete()


# Sections ------------------------------------------------------------------------------------------------------


@transaction.atomic
def do_create_section(actor: Any, plan: Plan, *, title: str = "", order: int | None = None, **values: Any) -> Section:
    require(actor, permissions.can_edit_plan(actor, plan))
    _check_fields(values, SECTION_FIELDS)
    if order is None:
        last = plan.sections.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    section = Section.objects.create(plan=plan, title=title, order=order, **values)
    log.record_create(actor, section, ["title", *values], network_id=plan.network_id)
    return section


@transaction.atomic
def do_update_section(actor: Any, section: Section, **values: Any) -> dict:
    """Change a section's fields, or its place in the plan (`order`)."""
    require(actor, permissions.can_edit_plan(actor, section.plan))
    _check_fields(values, (*SECTION_FIELDS, "order"))
    return log.apply_changes(actor, section, values)


@transaction.atomic
def do_reorder_sections(actor: Any, plan: Plan, section_ids: Sequence[int]) -> dict:
    """Put the plan's sections in the given order (every section once). One audit entry on the plan."""
    require(actor, permissions.can_edit_plan(actor, plan))
    versions.lock_network(plan.network_id)
    sections = {s.pk: s for s in Section.objects.select_for_update().filter(plan=plan).order_by("order", "id")}
    ids = [int(i) for i in section_ids]
    if sorted(ids) != sorted(sections) or len(set(ids)) != len(ids):
        raise ValidationError({"sections": "Give every section of the plan once to reorder them."})
    before = [str(s) for s in sections.values()]
    if ids == list(sections):
        return {}
    # Two steps keep (plan, order) unique at every moment: out of the way, then into place.
    top = max((s.order for s in sections.values()), default=0) + 1
    Section.objects.filter(plan=plan).update(order=models.F("order") + top + len(ids))
    for position, pk in enumerate(ids):
        Section.objects.filter(pk=pk).update(order=position)
    after = [str(sections[pk]) for pk in ids]
    changes = {"sections": (before, after)}
    log.record(actor, log.AuditAction.UPDATE, plan, changes, note="sections reordered")
    return changes


def do_move_section(actor: Any, section: Section, offset: int) -> dict:
    """Move a section up (offset -1) or down (+1) among its plan's sections."""
    order = list(Section.objects.filter(plan=section.plan).order_by("order", "id").values_list("pk", flat=True))
    i = order.index(section.pk)
    j = max(0, min(len(order) - 1, i + offset))
    order.insert(j, order.pop(i))
    return do_reorder_sections(actor, section.plan, order)


@transaction.atomic
def do_delete_section(actor: Any, section: Section) -> None:
    require(actor, permissions.can_edit_plan(actor, section.plan))
    log.record_delete(actor, section, ["number", "title"], network_id=section.plan.network_id)
    section.delete()


# Items ---------------------------------------------------------------------------------------------------------


def _owner_row(item: Item, position: int, owner: Owner) -> ItemOwner:
    row = ItemOwner(item=item, position=position)
    if isinstance(owner, Organisation):
        row.organisation = owner
    elif isinstance(owner, Group):
        row.group = owner
    elif isinstance(owner, Person):
        row.person = owner
    else:
        text = str(owner).strip()
        if not text:
            raise ValidationError({"owners": "An owner cannot be empty."})
        row.text = text[:200]
    return row


def _owner_names(item: Item) -> list[str]:
    return [o.name for o in item.owners.all()]


def _write_owners(item: Item, owners: Sequence[Owner], *, new: bool = False) -> None:
    """Replace the item's owners; the item remembers the organisations that owned it before and own it now, whose
    versions its audit entry bumps (Item.content_versions)."""
    before: set[int] = set()
    if not new:
        before = set(item.owners.filter(organisation__isnull=False).values_list("organisation_id", flat=True))
        item.owners.all().delete()
    ItemOwner.objects.bulk_create([_owner_row(item, i, o) for i, o in enumerate(owners)])
    item._owner_organisations = before | {o.pk for o in owners if isinstance(o, Organisation)}


@transaction.atomic
def do_create_item(
    actor: Any, section: Section, *, what: str, owners: Sequence[Owner] = (), order: int | None = None, **values: Any
) -> Item:
    require(actor, permissions.can_edit_plan(actor, section.plan))
    _check_fields(values, ITEM_FIELDS)
    if not what.strip():
        raise ValidationError({"what": "An item needs a What."})
    if order is None:
        last = section.items.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    item = Item(plan=section.plan, section=section, what=what, order=order, **values)
    item.full_clean(exclude=["plan", "section", "predecessor", "source_document"])
    item.save()
    _write_owners(item, owners, new=True)
    entry_fields = ["what", *[k for k in values if k not in ("source_location",)]]
    changes = {f: (None, getattr(item, f)) for f in entry_fields if getattr(item, f) not in (None, "", False)}
    if owners:
        changes["owners"] = (None, [str(o) for o in owners])
    log.record(actor, log.AuditAction.CREATE, item, changes)
    return item


@transaction.atomic
def do_update_item(actor: Any, item: Item, *, expected_version: int | None = None, **values: Any) -> dict:
    """Change an item's fields. A member editor may change only status, progress note and When."""
    _check_fields(values, ITEM_FIELDS)
    item = _locked_item(item)
    require(actor, permissions.can_edit_item(actor, item))
    if not permissions.can_edit_plan(actor, item.plan) and set(values) - MEMBER_EDITABLE_ITEM_FIELDS:
        raise PermissionDenied
    _check_version(item, expected_version)
    if "what" in values and not str(values["what"]).strip():
        raise ValidationError({"what": "An item needs a What."})
    if values.get("start") and values.get("end") and values["end"] < values["start"]:
        raise ValidationError({"end": "The end cannot be before the start."})
    if (
        item.when_review
        and "when_review" not in values
        and any(name in values and values[name] != getattr(item, name) for name in TIMEFRAME_FIELDS)
    ):
        values = {**values, "when_review": False}  # a new When answers the review
    return log.apply_changes(actor, item, values)


@transaction.atomic
def do_set_item_owners(
    actor: Any,
    item: Item,
    owners: Sequence[Owner],
    *,
    open_call: bool | None = None,
    expected_version: int | None = None,
) -> dict:
    """Replace an item's owners (in order) and, optionally, its owner-wanted flag, in one audit entry.

    Giving an item owners answers its call for an owner: unless `open_call` says otherwise, the call closes.
    """
    item = _locked_item(item)
    require(actor, permissions.can_reassign_item(actor, item))
    _check_version(item, expected_version)
    before = _owner_names(item)
    after = [str(o) for o in owners]
    changes: dict[str, tuple[Any, Any]] = {}
    if before != after:
        _write_owners(item, owners)
        changes["owners"] = (before, after)
        if open_call is None and after and item.open_call:
            open_call = False
    if open_call is not None and item.open_call != open_call:
        changes["open_call"] = (item.open_call, open_call)
        item.open_call = open_call
    if changes:
        _bump(item)
        log.record(actor, log.AuditAction.UPDATE, item, changes)
    return changes


def _bump(item: Item) -> None:
    """Save the open-call flag and count a new version (owners live in their own table)."""
    item.version += 1
    Item.objects.filter(pk=item.pk).update(open_call=item.open_call, version=item.version)


@transaction.atomic
def do_take_open_call(actor: Any, item: Item) -> Organisation:
    """A member editor's organisation volunteers for an item that asks for an owner."""
    item = _locked_item(item)
    require(actor, permissions.can_take_open_call(actor, item))
    org = Organisation.objects.get(pk=acting_organisation_id(actor, item.plan.network_id))
    before = _owner_names(item)
    owners: list[Owner] = [o.target or o.text for o in item.owners.all()]
    if org.pk not in {o.organisation_id for o in item.owners.all()}:
        owners.append(org)
    _write_owners(item, owners)
    item.open_call = False
    _bump(item)
    log.record(
        actor,
        log.AuditAction.UPDATE,
        item,
        {"owners": (before, [str(o) for o in owners]), "open_call": (True, False)},
        note=f"{org} took the open call",
    )
    return org


@transaction.atomic
def do_move_item(actor: Any, item: Item, section: Section, *, order: int, note: str = "") -> dict:
    """Put an item in another section of the same plan, at `order`."""
    require(actor, permissions.can_edit_plan(actor, item.plan))
    if section.plan_id != item.plan_id:
        raise ValidationError({"section": "An item moves only between sections of its own plan."})
    return log.apply_changes(actor, item, {"section": section, "order": order}, note=note)


@transaction.atomic
def do_delete_item(actor: Any, item: Item) -> None:
    require(actor, permissions.can_edit_plan(actor, item.plan))
    log.record_delete(actor, item, ["what", "status", "when_text"])
    item.delete()


def falls_before(item: Item, plan: Plan) -> bool:
    """The item's time was over before `plan`'s period starts: carried into it, it needs a new When.

    A time that runs on into the new period (an end after its start, an open end, ongoing work) still holds.
    """
    if plan.period_start is None or item.end is None:
        return False  # no date said, or no end: nothing is over yet
    return item.end < plan.period_start


@transaction.atomic
def do_mark_removed_from_document(actor: Any, item: Item) -> dict:
    """A re-imported document no longer has this item: keep it, with its history and comments, marked so."""
    require(actor, permissions.can_edit_plan(actor, item.plan))
    return log.apply_changes(actor, item, {"removed_from_document": True}, note="no longer in the document")


@transaction.atomic
def do_carry_over(actor: Any, item: Item, to_section: Section) -> Item:
    """Continue an unfinished item in the next plan, linked to its predecessor.

    The new item keeps the What, owners, status and time as written; a time that fell before the new plan's
    period is flagged for review (when_review) rather than guessed anew. The old item becomes "carried over".
    """
    require(actor, permissions.can_edit_plan(actor, to_section.plan))
    if item.status not in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS):
        raise ValidationError(f"Only open items carry over; this one is {item.get_status_display()}.")
    if to_section.plan_id == item.plan_id:
        raise ValidationError("An item carries over into another plan, not its own.")
    times = {name: getattr(item, name) for name in TIMEFRAME_FIELDS}
    new = do_create_item(
        actor,
        to_section,
        what=item.what,
        details=item.details,
        kind=item.kind,
        owners=[o.target or o.text for o in item.owners.all()],
        predecessor=item,
        open_call=item.open_call,
        who_text=item.who_text,
        status=item.status,
        progress_note=item.progress_note,
        when_review=falls_before(item, to_section.plan),
        **times,
    )
    log.apply_changes(actor, item, {"status": ItemStatus.CARRIED_OVER}, note=f"carried over to {to_section.plan}"[:300])
    return new


@transaction.atomic
def do_start_next_plan(
    actor: Any,
    plan: Plan,
    *,
    title: str,
    period_start: Any,
    period_end: Any,
    chair: Organisation | None = None,
    chair_text: str = "",
    carry: Sequence[Item] = (),
) -> Plan:
    """The next chair's plan: a draft continuing `plan`, with the chosen unfinished items carried over.

    Each carried item goes into a copy of its section (number, title, narrative), in the order of the old
    plan; the old items become "carried over". Everything happens in one transaction: a refusal or a bad
    item leaves the database as it was.
    """
    require(actor, permissions.can_start_next_plan(actor, plan))
    if not str(title).strip():
        raise ValidationError({"title": "The new plan needs a title."})
    if period_start and period_end and period_end < period_start:
        raise ValidationError({"period_end": "The period cannot end before it starts."})
    if plan.period_end and period_start and period_start <= plan.period_end:
        raise ValidationError({"period_start": f"The next plan starts after this one ends ({plan.period_end})."})
    chosen = sorted(carry, key=lambda i: (i.section.order, i.section_id, i.order, i.pk))
    for item in chosen:
        if item.plan_id != plan.pk:
            raise ValidationError(f"“{item}” is not an item of {plan}.")
        if item.status not in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS):
            raise ValidationError(f"Only open items carry over; “{item}” is {item.get_status_display()}.")
    new_plan = do_create_plan(
        actor,
        plan.network,
        title=title.strip(),
        kind=plan.kind,
        period_start=period_start,
        period_end=period_end,
        chair=chair,
        chair_text=chair_text,
        previous=plan,
        status=PlanStatus.DRAFT,
    )
    sections: dict[int, Section] = {}
    for item in chosen:
        old = item.section
        if old.pk not in sections:
            sections[old.pk] = do_create_section(
                actor, new_plan, title=old.title, number=old.number, narrative=old.narrative
            )
        do_carry_over(actor, item, sections[old.pk])
    log.record(actor, log.AuditAction.UPDATE, plan, {}, note=f"continued by {new_plan}"[:300])
    return new_plan


# Edits from the plan and item pages, comments ----------------------------------------------------------------


@transaction.atomic
def do_edit_item(
    actor: Any, item: Item, *, expected_version: int | None = None, owners: Sequence[Owner] | None = None, **values: Any
) -> dict:
    """One save from an edit form: fields (as do_update_item) and, when given, owners (as do_set_item_owners).

    The version is checked once, against what the form was loaded with, before anything is written; owners
    may be given only by someone who may reassign the item. Returns every change made.
    """
    locked = _locked_item(item)
    require(actor, permissions.can_edit_item(actor, locked))
    if owners is not None:
        require(actor, permissions.can_reassign_item(actor, locked))
    _check_version(locked, expected_version)
    changes: dict[str, Any] = {}
    # A box ticked in this very form keeps the call open; one merely left as loaded closes with new owners.
    asked_open = True if values.get("open_call") and not locked.open_call else None
    if values:
        changes.update(do_update_item(actor, locked, **values))
    if owners is not None:
        changes.update(do_set_item_owners(actor, locked, owners, open_call=asked_open))
    return changes


COMMENT_MAX_LENGTH = 5000


@transaction.atomic
def do_add_comment(actor: Any, item: Item, body: str) -> Comment:
    require(actor, permissions.can_comment_item(actor, item))
    body = body.strip()
    if not body:
        raise ValidationError({"body": "A comment cannot be empty."})
    if len(body) > COMMENT_MAX_LENGTH:
        raise ValidationError({"body": f"A comment can be at most {COMMENT_MAX_LENGTH} characters."})
    _lock_network_of_plan(item.plan_id)
    comment = Comment.objects.create(item=item, author=actor, author_name=actor.get_username()[:150], body=body)
    log.record_create(actor, comment, ["body"], network_id=item.plan.network_id, note=f"on {item}"[:300])
    return comment


@transaction.atomic
def do_delete_comment(actor: Any, comment: Comment) -> None:
    """Remove a comment (moderation by the network's secretariat or admin)."""
    item = comment.item
    require(actor, permissions.can_moderate_comment(actor, comment))
    _lock_network_of_plan(item.plan_id)
    log.record_delete(actor, comment, ["author_name", "body"], network_id=item.plan.network_id, note=f"on {item}"[:300])
    comment.delete()
