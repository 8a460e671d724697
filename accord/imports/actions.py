"""Every write of the importer: a Draft becomes a plan (or updates one) in one transaction.

`do_import_draft` writes the plan, its sections, items and owners through accord.plans.actions and the new
organisations and groups through accord.network.actions, all inside one transaction: a failure anywhere leaves
nothing behind. Importing a document again finds the plan it made (same network, title and period) and
applies only what changed, keeping what people edited in Accord unless they choose the document's version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord.audit import log, versions
from accord.imports import permissions
from accord.imports.diff import (
    EDITED_KINDS,
    KINDS,
    TIME_FIELDS,
    Change,
    ItemPlan,
    draft_lines,
    edited,
    edited_fields,
    find_existing_plan,
    gone_items,
    item_time_values,
    item_values,
    match_plan,
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
from accord.plans.models import Item, ItemKind, ItemStatus, Plan, PlanStatus, Section, SourceDocument
from accord.reports.exports.data import UNTITLED_SECTION
from accord.text.draft import Draft, DraftItem
from accord.web import planner


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
    decisions: Mapping[str, bool] | None = None,
) -> ImportReport:
    """Save a Draft as a plan of the network, or apply it to the plan it revises. One transaction.

    `resolutions` are a person's choices for owner names ({name: {"action", "id", "label"}}); names they
    confirmed as another name of an existing organisation are remembered as its aliases. Without them the
    resolver decides (the CLI). `source_document` may be unsaved: it is saved only when something is written.
    An item the revised document no longer has is kept, marked "removed from the document", unless
    `delete_removed` says to delete it. `decisions` are the person's ticks on the review's change list
    (`preview_import`): {change key: apply?}; a change not among them follows the rule of `_update`.
    """
    require(actor, permissions.can_import(actor, network))
    resolver = resolver or OwnerResolver(network)
    report = ImportReport(source=draft.source, plan_title=plan_title(draft))
    report.times_not_understood = [f"{i.when_raw} ({i.location.describe()})" for i in not_understood(draft)]
    report.problems = problem_lines(draft)
    report.source_header = list(draft.preamble)
    resolved = resolve_names(draft, resolver, resolutions)
    with transaction.atomic():
        # The network's row first, as every write inside a network takes it (accord/plans/actions.py, "Lock
        # order"): an inline edit or a comment beside the import then waits for it instead of deadlocking.
        versions.lock_network(network.pk)
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
            if same_file and not choose_document_version and not any((decisions or {}).values()):
                report.outcome = "unchanged"
            else:
                _update(
                    actor,
                    plan,
                    draft,
                    source_document,
                    owners,
                    report,
                    choose_document_version,
                    delete_removed,
                    decisions,
                )
            report.plan_id = plan.pk
            report.sections = plan.sections.count()
            report.items = plan.items.count()
            if report.outcome == "unchanged":
                report.owners_matched = owners.labels(list(resolved))
                return report
        _set_chair(actor, network, plan, draft, owners, report, add_chair_term)
        transaction.on_commit(planner.refresh)  # an import adds rows by the hundred: the planner's figures follow
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


# The fields each kind of change writes (the item's own bookkeeping, source and location, go with any of them).
FIELD_KINDS = {
    "what": "reworded",
    "details": "notes",
    "kind": "other",
    "removed_from_document": "restored",
    "status": "status",
    "open_call": "reowned",
    "who_text": "reowned",
    "owners_mode": "reowned",
    "owners_note": "reowned",
    **{f: "rescheduled" for f in TIME_FIELDS},
}
PLAN_FIELD_WORDS = {
    "title": gettext_noop("title"),
    "kind": gettext_noop("kind"),
    "period_start": gettext_noop("start"),
    "period_end": gettext_noop("end"),
    "theme": gettext_noop("theme"),
    "chair_text": gettext_noop("chair"),
    "version_label": gettext_noop("version"),
    "footnotes": gettext_noop("footnotes"),
}


def _words(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value) or "—"
    return str(value) if value not in (None, "") else "—"


def _owners_words(labels: list[str], open_call: bool) -> str:
    words = " · ".join(labels)
    if open_call:
        words = f"{words} + {_('owner wanted')}" if words else _("owner wanted")
    return words or "—"


def _section_words(ds: Any) -> str:
    return f"{ds.number + '. ' if ds.number else ''}{ds.title or ''}".strip() or UNTITLED_SECTION


@dataclass
class PlannedUpdate:
    """What applying a document to the plan it revises would change; worked out without writing anything."""

    plan: Plan
    existing_sections: list[Section]
    section_map: dict[int, Section]
    pairs: dict[tuple[int, int], Item]
    planned: list[ItemPlan]
    added: list[tuple[int, int]]
    unmatched: list[Item]
    wanted_plan: dict[str, Any]
    plan_changes: list[str]
    section_changes: list[tuple[int, Section]]
    new_sections: list[int]
    changes: list[Change] = field(default_factory=list)
    item_kinds: dict[int, list[str]] = field(default_factory=dict)  # item id -> the kinds of change it has


def plan_update(plan: Plan, draft: Draft, owners: DraftOwners) -> PlannedUpdate:
    """Every difference between `plan` and the document, as changes a person ticks or leaves. Writes nothing."""
    m = match_plan(plan, draft)
    existing_sections, section_map, pairs, unmatched = m.existing_sections, m.sections, m.pairs, m.unmatched
    wanted_plan = {"title": plan_title(draft), **plan_values(draft)}
    plan_changes = [k for k, v in wanted_plan.items() if getattr(plan, k) != v]
    section_changes = [
        (i, s)
        for i, s in section_map.items()
        if any(getattr(s, k) != v for k, v in section_values(draft.sections[i]).items())
    ]
    new_sections = [i for i in range(len(draft.sections)) if i not in section_map]
    u = PlannedUpdate(
        plan,
        existing_sections,
        section_map,
        pairs,
        [],
        [],
        unmatched,
        wanted_plan,
        plan_changes,
        section_changes,
        new_sections,
    )
    changes = u.changes
    people_edited = edited_fields(list(pairs.values()))
    if plan_changes:
        changes.append(
            Change(
                "plan",
                "plan",
                plan.title,
                "; ".join(f"{_(PLAN_FIELD_WORDS.get(k, k))}: {_words(getattr(plan, k))}" for k in plan_changes),
                "; ".join(f"{_(PLAN_FIELD_WORDS.get(k, k))}: {_words(wanted_plan[k])}" for k in plan_changes),
            )
        )
    for i, section in section_changes:
        changes.append(Change(f"section:{i}", "section", str(section), str(section), _section_words(draft.sections[i])))
    for i in new_sections:
        changes.append(
            Change(f"section:{i}", "section", _section_words(draft.sections[i]), "", _section_words(draft.sections[i]))
        )
    for si, ii, di, matched in draft_lines(draft, pairs):
        if matched is None:
            if di.what.strip():
                u.added.append((si, ii))
                after = " · ".join(
                    x for x in (_owners_words(owners.labels(di.owners), bool(di.open_call)), di.when_raw or "") if x
                )
                changes.append(Change(f"added:{si}-{ii}", "added", di.what.strip(), "", after))
            continue
        item = matched
        p = ItemPlan(item=item, di=di, section_index=si, edited=edited(item), item_index=ii)
        doc = item_values(di)
        before_owners, after_owners = owner_labels(item), owners.labels(di.owners)
        p.what_changed = item.what != doc["what"]
        p.owners_changed = before_owners != after_owners
        p.time_changed = any(getattr(item, f) != doc[f] for f in TIME_FIELDS)
        p.other_changed = any(
            getattr(item, f) != doc[f]
            for f in ("kind", "details", "open_call", "who_text", "owners_mode", "owners_note", "removed_from_document")
        )
        p.other_changed |= "status" in doc and item.status != doc["status"]
        p.moved = si not in section_map or item.section_id != section_map[si].pk
        u.planned.append(p)
        kinds = sorted({FIELD_KINDS[k] for k, v in doc.items() if getattr(item, k) != v}, key=KINDS.index)
        if p.owners_changed and "reowned" not in kinds:
            kinds.append("reowned")
        if p.moved:
            kinds.append("moved")
        u.item_kinds[item.pk] = kinds
        words = {
            "reworded": (item.what, doc["what"]),
            "reowned": (
                _owners_words(before_owners, item.open_call) if before_owners or item.open_call else item.who_text,
                _owners_words(after_owners, doc["open_call"]) if after_owners or doc["open_call"] else doc["who_text"],
            ),
            "rescheduled": (item.when_text or "—", doc["when_text"] or "—"),
            "status": (item.get_status_display(), _status_words(doc.get("status", item.status))),
            "notes": (item.details or "—", doc["details"] or "—"),
            "other": (item.get_kind_display(), _kind_words(doc["kind"])),
            "restored": (_("removed from the document"), _("in the document")),
            "moved": (
                str(item.section),
                str(section_map[si]) if si in section_map else _section_words(draft.sections[si]),
            ),
        }
        fields = people_edited.get(item.pk, set())
        edited_kinds = set(KINDS) if fields is None else {EDITED_KINDS[f] for f in fields if f in EDITED_KINDS}
        for kind in kinds:
            before, after = words[kind]
            # Proposed unticked only where people changed that very part in Accord since the import wrote it.
            mine = p.edited and kind in edited_kinds
            changes.append(Change(f"{kind}:{item.pk}", kind, item.what, before or "—", after or "—", edited=mine))
    for it in gone_items(unmatched):
        was = " · ".join(x for x in (_owners_words(owner_labels(it), it.open_call), it.when_text) if x)
        changes.append(Change(f"removed:{it.pk}", "removed", it.what, was, "—", edited=edited(it)))
    changes.sort(key=lambda c: KINDS.index(c.kind))
    return u


def _status_words(value: str) -> str:
    try:
        return str(ItemStatus(value).label)
    except ValueError:
        return value


def _kind_words(value: str) -> str:
    try:
        return str(ItemKind(value).label)
    except ValueError:
        return value


def preview_import(
    network: Network,
    draft: Draft,
    *,
    resolutions: Mapping[str, Any] | None = None,
    resolver: OwnerResolver | None = None,
) -> tuple[Plan | None, list[Change]]:
    """The plan a document revises and what saving it would change there; nothing written. (None, []) for a
    document that would make a new plan."""
    plan = find_existing_plan(network, draft)
    if plan is None:
        return None, []
    resolved = resolve_names(draft, resolver or OwnerResolver(network), resolutions)
    owners = DraftOwners(None, network, resolved, ImportReport(source=draft.source), learn_aliases=False)
    return plan, plan_update(plan, draft, owners).changes


def _update(
    actor: Any,
    plan: Plan,
    draft: Draft,
    source_document: SourceDocument | None,
    owners: DraftOwners,
    report: ImportReport,
    choose_document_version: bool,
    delete_removed: bool = False,
    decisions: Mapping[str, bool] | None = None,
) -> None:
    """Apply the changes of a revised document. A change the person decided on (`decisions`: key -> apply) is
    applied or left as they said; any other follows the rule: applied unless it would undo an edit made in
    Accord since the last import (then only with `choose_document_version`)."""
    # 1. Work out what changed, without writing.
    u = plan_update(plan, draft, owners)
    decided = dict(decisions or {})

    def wanted(change: Change) -> bool:
        if change.key in decided:
            return bool(decided[change.key])
        return choose_document_version or not change.edited

    chosen = {c.key for c in u.changes if wanted(c)}
    for c in u.changes:
        if c.key not in chosen:
            (report.kept if c.edited else report.left).append(c.what if c.kind != "plan" else _("plan details"))
    report.kept = list(dict.fromkeys(report.kept))
    report.left = list(dict.fromkeys(report.left))
    applying = [(p, [k for k in u.item_kinds[p.item.pk] if f"{k}:{p.item.pk}" in chosen]) for p in u.planned]
    applying = [(p, kinds) for p, kinds in applying if kinds]
    added = [(si, ii) for si, ii in u.added if f"added:{si}-{ii}" in chosen]
    # Items the document no longer has: marked "removed from the document" (kept with their history and
    # comments), or deleted when the person chose so. One already marked is deleted only when so asked.
    removable = [it for it in u.unmatched if f"removed:{it.pk}" in chosen]
    if decisions is None and delete_removed:
        removable += [
            it for it in u.unmatched if it.removed_from_document and (choose_document_version or not edited(it))
        ]
    plan_changes = u.plan_changes if "plan" in chosen else []
    section_changes = [(i, s) for i, s in u.section_changes if f"section:{i}" in chosen]
    new_sections = [i for i in u.new_sections if f"section:{i}" in chosen]
    if not (applying or added or removable or plan_changes or section_changes or new_sections):
        report.outcome = "unchanged"
        return

    # 2. Write.
    source = _source_document(actor, plan.network, source_document, draft)
    report.plan_changes = plan_changes
    plan_actions.do_update_plan(
        actor, plan, source_document=source, **{k: v for k, v in u.wanted_plan.items() if k in plan_changes}
    )
    for i, section in section_changes:
        plan_actions.do_update_section(actor, section, **section_values(draft.sections[i]))
    section_map = u.section_map
    next_order = max([s.order for s in u.existing_sections], default=-1) + 1

    def section_for(si: int) -> Section:
        nonlocal next_order
        if si not in section_map:
            section_map[si] = plan_actions.do_create_section(
                actor, plan, order=next_order, **section_values(draft.sections[si])
            )
            next_order += 1
        return section_map[si]

    for i in new_sections:
        section_for(i)
    touched: list[int] = []
    for p, kinds in applying:
        item, di = p.item, p.di
        if "moved" in kinds:
            target = section_for(p.section_index)
            position = draft.sections[p.section_index].display_order().index(p.item_index)
            plan_actions.do_move_item(actor, item, target, order=position, note="moved by a re-import")
            report.moved.append(f"{di.what.strip()} → {target}")
        doc = item_values(di)
        if "reowned" in kinds and (p.owners_changed or item.open_call != di.open_call):
            plan_actions.do_set_item_owners(actor, item, owners.targets(di.owners), open_call=di.open_call)
        values = {
            k: v for k, v in doc.items() if getattr(item, k) != v and k != "open_call" and FIELD_KINDS.get(k) in kinds
        }
        values["source_document"] = source
        values["source_location"] = di.location.to_json()
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            values.update(start=None, end=None)
        before_what, before_when, before_owners = item.what, item.when_text, owner_labels(item)
        plan_actions.do_update_item(actor, item, **values)
        touched.append(item.pk)
        if "reworded" in kinds:
            report.reworded.append(f"{before_what} → {doc['what']}")
        if "reowned" in kinds and p.owners_changed:
            report.reowned.append(
                f"{doc['what']}: {' · '.join(before_owners) or '—'} → {' · '.join(owners.labels(di.owners)) or '—'}"
            )
        if "rescheduled" in kinds:
            report.rescheduled.append(f"{doc['what']}: {before_when or '—'} → {doc['when_text'] or '—'}")
    made: list[Item] = []
    for si, ii in added:
        di = draft.sections[si].items[ii]
        shown = draft.sections[si].display_order()
        position = shown.index(ii)
        prev = [u.pairs[(si, j)] for j in shown[:position] if (si, j) in u.pairs]
        order = prev[-1].order if prev else position
        item = _create_item(actor, section_for(si), di, source, owners, report, order=order)
        if item is not None:
            made.append(item)
            report.added.append(item.what)
    for it in dict.fromkeys(removable):
        report.removed.append(it.what)
        if delete_removed:
            plan_actions.do_delete_item(actor, it)
        else:
            plan_actions.do_mark_removed_from_document(actor, it)
            touched.append(it.pk)
    for section in u.existing_sections:
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
