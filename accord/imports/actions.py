"""Every write of the importer: a Draft becomes a plan (or updates one) in one transaction.

`do_import_draft` writes the plan, its sections, items and owners through accord.plans.actions and the new
organisations and groups through accord.network.actions, all inside one transaction: a failure anywhere leaves
nothing behind. Importing a document again finds the plan it made (same network, title and period) and
applies only what changed, keeping what people edited in Accord unless they choose the document's version.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accord.audit import log
from accord.imports import permissions
from accord.imports.diff import (
    TIME_FIELDS,
    ItemPlan,
    edited,
    find_existing_plan,
    item_time_values,
    item_values,
    match_items,
    match_sections,
    owner_labels,
    plan_title,
    plan_values,
    section_values,
)
from accord.imports.drafts import not_understood
from accord.imports.models import ImportedItem
from accord.imports.owners import DraftOwners, resolve_chair, resolve_names
from accord.imports.report import ImportReport, problem_lines, shorten
from accord.imports.resolve import OwnerResolver
from accord.network import actions as net_actions
from accord.network.models import ChairTerm, Network
from accord.network.permissions import require
from accord.plans import actions as plan_actions
from accord.plans.models import Item, Plan, PlanStatus, Section, SourceDocument
from accord.text.draft import Draft, DraftItem


def do_import_draft(
    actor: Any,
    network: Network,
    draft: Draft,
    *,
    source_document: SourceDocument | None = None,
    choose_document_version: bool = False,
    resolutions: Mapping[str, Any] | None = None,
    resolver: OwnerResolver | None = None,
    add_chair_term: bool = True,
    delete_removed: bool = False,
) -> ImportReport:
    """Save a Draft as a plan of the network, or apply it to the plan it revises. One transaction.

    `resolutions` are a person's choices for owner names ({name: {"action", "id", "label"}}); names they
    confirmed as another name of an existing organisation are remembered as its aliases. Without them the
    resolver decides (the CLI). `source_document` may be unsaved: it is saved only when something is written.
    An item the revised document no longer has is kept, marked "removed from the document", unless
    `delete_removed` says to delete it.
    """
    require(actor, permissions.can_import(actor, network))
    resolver = resolver or OwnerResolver(network)
    report = ImportReport(source=draft.source, plan_title=plan_title(draft))
    report.times_not_understood = [f"{i.when_raw} ({i.location.describe()})" for i in not_understood(draft)]
    report.problems = problem_lines(draft)
    report.source_header = list(draft.preamble)
    resolved = resolve_names(draft, resolver, resolutions)
    with transaction.atomic():
        owners = DraftOwners(actor, network, resolved, report, learn_aliases=resolutions is not None)
        plan = find_existing_plan(network, draft)
        if plan is None:
            source = _source_document(actor, network, source_document, draft)
            plan = _create(actor, network, draft, source, owners, report)
        else:
            report.outcome = "updated"
            same_file = (
                bool(draft.checksum)
                and plan.source_document is not None
                and plan.source_document.checksum == draft.checksum
            )
            if same_file and not choose_document_version:
                report.outcome = "unchanged"
            else:
                _update(actor, plan, draft, source_document, owners, report, choose_document_version, delete_removed)
            report.plan_id = plan.pk
            report.sections = plan.sections.count()
            report.items = plan.items.count()
            if report.outcome == "unchanged":
                report.owners_matched = owners.labels(list(resolved))
                return report
        _set_chair(actor, network, plan, draft, owners, report, add_chair_term)
    return report


def _source_document(actor: Any, network: Network, source: SourceDocument | None, draft: Draft) -> SourceDocument:
    if source is not None and source.pk is not None:
        return source
    if source is None:
        source = SourceDocument(name=draft.source[:255], checksum=draft.checksum or "")
    source.network = network
    if getattr(actor, "is_authenticated", False):
        source.uploaded_by = actor
    source.save()
    log.record_create(actor, source, ["name", "checksum", "size", "format"])
    return source


def _create(
    actor: Any, network: Network, draft: Draft, source: SourceDocument, owners: DraftOwners, report: ImportReport
) -> Plan:
    status = draft.status if draft.status in PlanStatus.values else PlanStatus.DRAFT
    plan = plan_actions.do_create_plan(
        actor,
        network,
        title=plan_title(draft),
        status=status,
        source_document=source,
        **plan_values(draft),
    )
    made: list[Item] = []
    for si, ds in enumerate(draft.sections):
        section = plan_actions.do_create_section(actor, plan, order=si, **section_values(ds))
        # An event's outputs come right after the session they come out of.
        for position, ii in enumerate(ds.display_order()):
            di = ds.items[ii]
            item = _create_item(actor, section, di, source, owners, report, order=position)
            if item is not None:
                made.append(item)
    ImportedItem.objects.bulk_create([ImportedItem(item=i, source_document=source, version=i.version) for i in made])
    report.plan_id, report.outcome = plan.pk, "created"
    report.sections, report.items = len(draft.sections), len(made)
    return plan


def _create_item(
    actor: Any,
    section: Section,
    di: DraftItem,
    source: SourceDocument,
    owners: DraftOwners,
    report: ImportReport,
    *,
    order: int,
) -> Item | None:
    values = item_values(di)
    what = values.pop("what")
    if not what:
        report.problems.append(
            _("An item without a What was left out (%(where)s).") % {"where": di.location.describe()}
        )
        return None
    try:
        return plan_actions.do_create_item(
            actor,
            section,
            what=what,
            owners=owners.targets(di.owners),
            order=order,
            source_document=source,
            source_location=di.location.to_json(),
            **values,
        )
    except ValidationError as exc:
        # A line the model refuses (an end before its start) is reported and its time dropped, not the import.
        report.problems.append(
            _("%(what)s: %(why)s; its time was not kept.") % {"what": shorten(what), "why": "; ".join(exc.messages)}
        )
        values.update(
            {k: v for k, v in item_time_values(DraftItem(kind=di.kind, what=what)).items() if k != "when_text"}
        )
        return plan_actions.do_create_item(
            actor,
            section,
            what=what,
            owners=owners.targets(di.owners),
            order=order,
            source_document=source,
            source_location=di.location.to_json(),
            **values,
        )


def _update(
    actor: Any,
    plan: Plan,
    draft: Draft,
    source_document: SourceDocument | None,
    owners: DraftOwners,
    report: ImportReport,
    choose_document_version: bool,
    delete_removed: bool = False,
) -> None:
    existing_sections = list(plan.sections.order_by("order", "id"))
    section_map = match_sections(existing_sections, draft)
    items = list(
        Item.objects.filter(plan=plan)
        .select_related("imported")
        .prefetch_related("owners__organisation", "owners__group", "owners__person")
        .order_by("section__order", "order", "id")
    )
    pairs, unmatched = match_items(items, draft, section_map)

    # 1. Work out what changed, without writing.
    planned: list[ItemPlan] = []
    for (si, ii), item in pairs.items():
        di = draft.sections[si].items[ii]
        p = ItemPlan(item=item, di=di, section_index=si, edited=edited(item), item_index=ii)
        doc = item_values(di)
        p.what_changed = item.what != doc["what"]
        p.owners_changed = owner_labels(item) != owners.labels(di.owners)
        p.time_changed = any(getattr(item, f) != doc[f] for f in TIME_FIELDS)
        p.other_changed = any(
            getattr(item, f) != doc[f]
            for f in ("kind", "details", "open_call", "who_text", "owners_mode", "owners_note", "removed_from_document")
        )
        p.other_changed |= "status" in doc and item.status != doc["status"]
        p.moved = si not in section_map or item.section_id != section_map[si].pk
        planned.append(p)
    added = [
        (si, ii)
        for si, ds in enumerate(draft.sections)
        for ii in range(len(ds.items))
        if (si, ii) not in pairs and ds.items[ii].what.strip()
    ]
    # Items the document no longer has: marked "removed from the document" (kept with their history and
    # comments), or deleted when the person chose so; one already marked is not removed again.
    removable = [
        it
        for it in unmatched
        if (choose_document_version or not edited(it)) and (delete_removed or not it.removed_from_document)
    ]
    wanted_plan = {"title": plan_title(draft), **plan_values(draft)}
    plan_changes = [k for k, v in wanted_plan.items() if getattr(plan, k) != v]
    section_changes = [
        (i, s)
        for i, s in section_map.items()
        if any(getattr(s, k) != v for k, v in section_values(draft.sections[i]).items())
    ]
    new_sections = [i for i in range(len(draft.sections)) if i not in section_map]
    for p in planned:
        if p.changed and p.edited and not choose_document_version:
            report.kept.append(p.item.what)
    for it in unmatched:
        if it not in removable:
            report.kept.append(it.what)
    applying = [p for p in planned if p.changed and (choose_document_version or not p.edited)]
    if not (applying or added or removable or plan_changes or section_changes or new_sections):
        report.outcome = "unchanged"
        return

    # 2. Write.
    source = _source_document(actor, plan.network, source_document, draft)
    report.plan_changes = plan_changes
    plan_actions.do_update_plan(actor, plan, source_document=source, **wanted_plan)
    for i, section in section_changes:
        plan_actions.do_update_section(actor, section, **section_values(draft.sections[i]))
    next_order = max([s.order for s in existing_sections], default=-1) + 1
    for i in new_sections:
        section_map[i] = plan_actions.do_create_section(
            actor, plan, order=next_order, **section_values(draft.sections[i])
        )
        next_order += 1
    touched: list[int] = []
    for p in applying:
        item, di = p.item, p.di
        if p.moved:
            position = draft.sections[p.section_index].display_order().index(p.item_index)
            plan_actions.do_move_item(
                actor, item, section_map[p.section_index], order=position, note="moved by a re-import"
            )
            report.moved.append(f"{di.what.strip()} → {section_map[p.section_index]}")
        if p.owners_changed or item.open_call != di.open_call:
            plan_actions.do_set_item_owners(actor, item, owners.targets(di.owners), open_call=di.open_call)
        doc = item_values(di)
        values = {k: v for k, v in doc.items() if getattr(item, k) != v and k != "open_call"}
        values["source_document"] = source
        values["source_location"] = di.location.to_json()
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            values.update(start=None, end=None)
        plan_actions.do_update_item(actor, item, **values)
        touched.append(item.pk)
        if p.what_changed:
            report.reworded.append(f"{item.what} → {doc['what']}")
        if p.owners_changed:
            report.reowned.append(
                f"{doc['what']}: {' · '.join(owner_labels(item)) or '—'} → "
                f"{' · '.join(owners.labels(di.owners)) or '—'}"
            )
        if p.time_changed:
            report.rescheduled.append(f"{doc['what']}: {item.when_text or '—'} → {doc['when_text'] or '—'}")
    made: list[Item] = []
    for si, ii in added:
        di = draft.sections[si].items[ii]
        shown = draft.sections[si].display_order()
        position = shown.index(ii)
        prev = [pairs[(si, j)] for j in shown[:position] if (si, j) in pairs]
        order = prev[-1].order if prev else position
        item = _create_item(actor, section_map[si], di, source, owners, report, order=order)
        if item is not None:
            made.append(item)
            report.added.append(item.what)
    for it in removable:
        report.removed.append(it.what)
        if delete_removed:
            plan_actions.do_delete_item(actor, it)
        else:
            plan_actions.do_mark_removed_from_document(actor, it)
            touched.append(it.pk)
    for section in existing_sections:
        if section not in section_map.values() and not section.items.exists():
            plan_actions.do_delete_section(actor, section)
    versions = dict(Item.objects.filter(pk__in=touched).values_list("pk", "version"))
    for pk, version in versions.items():
        ImportedItem.objects.update_or_create(item_id=pk, defaults={"version": version, "source_document": source})
    ImportedItem.objects.bulk_create([ImportedItem(item=i, source_document=source, version=i.version) for i in made])


def _set_chair(
    actor: Any,
    network: Network,
    plan: Plan,
    draft: Draft,
    owners: DraftOwners,
    report: ImportReport,
    add_chair_term: bool,
) -> None:
    """Plan.chair from the chair as written: an organisation already known by that name (never a new one)."""
    if not draft.chair:
        return
    report.chair = draft.chair
    org = resolve_chair(draft.chair, owners)
    if org is not None and plan.chair_id != org.pk:
        plan_actions.do_update_plan(actor, plan, chair=org)
    if org is None or not (add_chair_term and plan.period_start and plan.period_end):
        return
    if not permissions.can_add_chair_term(actor, network):
        return
    if ChairTerm.objects.filter(network=network, start__lte=plan.period_end, end__gte=plan.period_start).exists():
        return
    net_actions.do_add_chair_term(
        actor, network, org, start=plan.period_start, end=plan.period_end, label=draft.chair[:200]
    )
    report.chair_term_added = True
