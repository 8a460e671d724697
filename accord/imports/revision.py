"""A plan's document sent back edited (the Word file members change and return): what changed, reviewed
change by change before anything is written, then only the accepted changes applied in one transaction.

The document is read as any import is (an XLSX or CSV of Accord's own item columns read by
accord.text.readers and mapped by accord.text.spreadsheet) and matched to the plan the way a re-import matches
it (sections by number and title, items by What, then by a reworded What). The document's version is the one
proposed, as `accord import --document-version` does: each difference is a change the person accepts or leaves.
The changes are worked out again when they are applied, against the plan as it is then, so the review never
writes anything stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.audit import log
from accord.imports import diff as import_diff
from accord.imports.diff import Change, changes_by_kind
from accord.imports.drafts import checksum, draft_from_json, max_upload_bytes
from accord.imports.models import ImportJob, ImportStatus, ImportStep
from accord.imports.owners import DraftOwners, resolve_names
from accord.imports.permissions import can_import
from accord.imports.report import ImportReport, review_problems
from accord.imports.resolve import OwnerResolver
from accord.network.permissions import require
from accord.plans import actions as plan_actions
from accord.plans import permissions as plan_perms
from accord.plans.models import Item, ItemStatus, Plan, Section
from accord.reports.exports.data import UNTITLED_SECTION
from accord.text.draft import Draft, DraftItem
from accord.text.errors import UnsupportedFormat
from accord.text.spreadsheet import draft_from_blocks
from accord.text.timeframe import Context


@dataclass
class Revision:
    plan: Plan
    draft: Draft
    changes: list[Change]

    def by_kind(self) -> list[tuple[str, list[Change]]]:
        return changes_by_kind(self.changes)


# Reading the document ---------------------------------------------------------------------------------------------

_UNTITLED = re.compile(rf"^{re.escape(UNTITLED_SECTION)}(?: \d+)?$")
_PAGE_MARKS = re.compile(r"^(?:Page \d+ of \d+|.{1,200} · exported \d{1,2} \w+ \d{4})$")


def read_revision(name: str, data: bytes, plan: Plan) -> Draft:
    """A document of any importable format, or Accord's own item sheet, read in the plan's period."""
    from accord.text.layout import build_draft
    from accord.text.readers import Paragraph, detect_format, read_document

    blocks = read_document(name, data, max_bytes=max_upload_bytes())
    if detect_format(name, data) in ("csv", "xlsx"):
        sheet = draft_from_blocks(name, blocks)
        if sheet is None:
            raise UnsupportedFormat(
                name,
                "this spreadsheet does not have Accord's item columns (What, Owners, "
                "When, Start, End, Section): export the plan as XLSX or CSV first",
            )
        sheet.checksum = checksum(data)
        return _untitled(sheet)
    context = Context(plan.period_start, plan.period_end) if plan.period_start and plan.period_end else None
    # The exports' running header and page numbers are the page's, not the plan's.
    blocks = [b for b in blocks if not (isinstance(b, Paragraph) and _PAGE_MARKS.match(b.text.strip()))]
    draft = build_draft(blocks, name, context=context)
    draft.checksum = checksum(data)
    return _untitled(draft)


def _untitled(draft: Draft) -> Draft:
    """The exports' heading (or Section cell) of a section without a title means just that."""
    for section in draft.sections:
        if not section.number and section.title and _UNTITLED.match(section.title):
            section.title = None
    return draft


# Working out the changes --------------------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _owners_words(labels: Iterable[str], open_call: bool) -> str:
    words = " / ".join(labels)
    if open_call:
        words = f"{words} + {_('owner wanted')}" if words else _("owner wanted")
    return words or "—"


def _status_label(value: str) -> str:
    try:
        return str(ItemStatus(value).label)
    except ValueError:
        return value


def _rescheduled(item: Item, doc: dict[str, Any]) -> bool:
    if _norm(item.when_text) == _norm(doc["when_text"]):
        return False
    # A time set by hand has no words; the export writes its dates, which read back as the same interval.
    return not (not item.when_text and (item.start, item.end) == (doc["start"], doc["end"]))


def plan_revision(plan: Plan, draft: Draft, resolver: OwnerResolver | None = None) -> Revision:
    """Every difference between the plan and the document, in document order, nothing written."""
    resolver = resolver or OwnerResolver(plan.network)
    resolved = resolve_names(draft, resolver)
    owners = DraftOwners(None, plan.network, resolved, ImportReport(source=draft.source), learn_aliases=False)
    m = import_diff.match_plan(plan, draft)
    changes: list[Change] = []
    for si, ds in enumerate(draft.sections):
        section = m.sections.get(si)
        if section is not None and (
            (ds.title is not None and _norm(section.title) != _norm(ds.title))
            or (ds.narrative is not None and _norm(section.narrative) != _norm(import_diff.section_narrative(ds)))
        ):
            before = f"{section}: {_norm(section.narrative)}".strip(": ")
            narrative = _norm(import_diff.section_narrative(ds))
            after = f"{ds.number + '. ' if ds.number else ''}{ds.title or ''}: {narrative}".strip(": ")
            changes.append(Change(f"section:{si}", "section", str(section), before, after))
        for ii, di in enumerate(ds.items):
            item = m.pairs.get((si, ii))
            doc = import_diff.item_values(di)
            if item is None:
                if doc["what"]:
                    changes.append(
                        Change(
                            f"added:{si}-{ii}",
                            "added",
                            doc["what"],
                            "",
                            " · ".join(
                                x
                                for x in (_owners_words(owners.labels(di.owners), di.open_call), doc["when_text"])
                                if x
                            ),
                        )
                    )
                continue
            what = item.what
            if item.removed_from_document:
                changes.append(Change(f"restored:{item.pk}", "restored", what, _("removed from the document"), what))
            if item.what != doc["what"]:
                changes.append(Change(f"reworded:{item.pk}", "reworded", what, item.what, doc["what"]))
            before_owners = [o.name for o in item.owners.all()]
            after_owners = owners.labels(di.owners)
            # An empty Who cell reads as "owner wanted"; for an item that has no owner it says nothing new.
            silent = not before_owners and not after_owners and not _norm(di.who_raw)
            if not silent and (before_owners != after_owners or item.open_call != bool(di.open_call)):
                changes.append(
                    Change(
                        f"reowned:{item.pk}",
                        "reowned",
                        what,
                        _owners_words(before_owners, item.open_call),
                        _owners_words(after_owners, bool(di.open_call)),
                    )
                )
            if _rescheduled(item, doc):
                changes.append(
                    Change(
                        f"rescheduled:{item.pk}", "rescheduled", what, item.when_text or "—", doc["when_text"] or "—"
                    )
                )
            if "status" in doc and doc["status"] != item.status:
                changes.append(
                    Change(
                        f"status:{item.pk}", "status", what, _status_label(item.status), _status_label(doc["status"])
                    )
                )
            if di.details is not None and _norm(item.details) != _norm(di.details):
                changes.append(Change(f"notes:{item.pk}", "notes", what, item.details or "—", di.details or "—"))
            if section is not None and item.section_id != section.pk:
                changes.append(Change(f"moved:{item.pk}", "moved", what, str(item.section), str(section)))
            elif section is None:
                changes.append(
                    Change(
                        f"moved:{item.pk}",
                        "moved",
                        what,
                        str(item.section),
                        f"{ds.number + '. ' if ds.number else ''}{ds.title or ''}",
                    )
                )
    for item in import_diff.gone_items(m.unmatched):
        was = [o.name for o in item.owners.all()]
        before = " · ".join(x for x in (_owners_words(was, item.open_call), item.when_text) if x and x != "—")
        changes.append(Change(f"removed:{item.pk}", "removed", item.what, before, ""))
    return Revision(plan=plan, draft=draft, changes=changes)


# Writing ------------------------------------------------------------------------------------------------------


def _require_revise(actor: Any, plan: Plan) -> None:
    require(actor, can_import(actor, plan.network) and plan_perms.can_edit_plan(actor, plan))


@transaction.atomic
def do_start_revision(actor: Any, plan: Plan, *, file_name: str, data: bytes, draft: Draft) -> ImportJob:
    """Keep an edited document of `plan` for review: an import job waiting for the person's choices."""
    _require_revise(actor, plan)
    job = ImportJob.objects.create(
        network=plan.network,
        file_name=file_name[:255],
        size=len(data),
        checksum=checksum(data),
        status=ImportStatus.REVIEW,
        step=ImportStep.SAVE,
        draft=draft.to_json(),
        plan=plan,
        result={"revision_of": plan.pk},
        problems=review_problems(draft),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        finished_at=timezone.now(),
    )
    log.record_create(actor, job, ["file_name", "size", "status"], note=f"revision of plan {plan.pk}")
    return job


def revision_job(plan: Plan, job_id: int) -> ImportJob | None:
    return ImportJob.objects.filter(pk=job_id, plan=plan, result__revision_of=plan.pk).first()


def revision_of_job(job: ImportJob) -> Revision:
    assert job.plan is not None
    return plan_revision(job.plan, draft_from_json(job.draft or {}))


def do_apply_revision(
    actor: Any, job: ImportJob, accepted: Iterable[str], *, delete_removed: bool = False
) -> list[Change]:
    """Apply the accepted changes of a revision job in one transaction; the others are left as the plan has
    them. An accepted removal keeps the item, marked "removed from the document" with its history and comments,
    unless `delete_removed`. Returns the changes applied."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update(of=("self",)).select_related("plan", "network").get(pk=job.pk)
        plan = job.plan
        if plan is None or job.status != ImportStatus.REVIEW or (job.result or {}).get("revision_of") != plan.pk:
            raise ValidationError(_("This document is not waiting for review."))
        _require_revise(actor, plan)
        draft = draft_from_json(job.draft or {})
        resolver = OwnerResolver(plan.network)
        revision = plan_revision(plan, draft, resolver)
        chosen = set(accepted)
        applied = [c for c in revision.changes if c.key in chosen]
        _apply(actor, plan, draft, applied, resolver, delete_removed=delete_removed)
        result = dict(job.result or {})
        result["applied"] = [c.key for c in applied]
        result["left"] = [c.key for c in revision.changes if c.key not in chosen]
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.DONE,
            result=result,
            finished_at=timezone.now(),
            saved_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        log.record(
            actor,
            log.AuditAction.UPDATE,
            job,
            {"status": (ImportStatus.REVIEW, ImportStatus.DONE)},
            note=f"{len(applied)} of {len(revision.changes)} changes applied to plan {plan.pk}",
        )
    return applied


def _apply(
    actor: Any, plan: Plan, draft: Draft, changes: list[Change], resolver: OwnerResolver, *, delete_removed: bool
) -> None:
    if not changes:
        return
    m = import_diff.match_plan(plan, draft)
    report = ImportReport(source=draft.source)
    owners = DraftOwners(actor, plan.network, resolve_names(draft, resolver), report, learn_aliases=False)
    by_item = {item.pk: (si, ii) for (si, ii), item in m.pairs.items()}
    items = {item.pk: item for item in m.pairs.values()} | {item.pk: item for item in m.unmatched}
    next_order = max([s.order for s in m.existing_sections], default=-1) + 1

    def section_for(si: int) -> Section:
        nonlocal next_order
        if si not in m.sections:
            m.sections[si] = plan_actions.do_create_section(
                actor, plan, order=next_order, **import_diff.section_values(draft.sections[si])
            )
            next_order += 1
        return m.sections[si]

    for change in changes:
        kind, _sep, ref = change.key.partition(":")
        if kind == "section":
            si = int(ref)
            ds = draft.sections[si]
            values = {
                k: v for k, v in import_diff.section_values(ds).items() if k in ("title", "narrative") and v is not None
            }
            if ds.narrative is None:
                values.pop("narrative", None)
            plan_actions.do_update_section(actor, m.sections[si], **values)
            continue
        if kind == "added":
            si, ii = (int(x) for x in ref.split("-"))
            di = draft.sections[si].items[ii]
            _create(actor, section_for(si), di, owners, order=ii)
            continue
        item = items[int(ref)]
        if kind == "removed":
            if delete_removed:
                plan_actions.do_delete_item(actor, item)
            else:
                plan_actions.do_mark_removed_from_document(actor, item)
            continue
        si, ii = by_item[item.pk]
        di = draft.sections[si].items[ii]
        doc = import_diff.item_values(di)
        if kind == "reworded":
            plan_actions.do_update_item(actor, item, what=doc["what"])
        elif kind == "reowned":
            plan_actions.do_set_item_owners(actor, item, owners.targets(di.owners), open_call=bool(di.open_call))
            plan_actions.do_update_item(actor, item, who_text=doc["who_text"])
        elif kind == "rescheduled":
            values = {k: doc[k] for k in import_diff.TIME_FIELDS}
            if values["start"] and values["end"] and values["end"] < values["start"]:
                values.update(start=None, end=None)
            plan_actions.do_update_item(actor, item, when_set_by_hand=False, **values)
        elif kind == "status":
            plan_actions.do_update_item(actor, item, status=doc["status"])
        elif kind == "restored":
            plan_actions.do_update_item(actor, item, removed_from_document=False)
        elif kind == "notes":
            plan_actions.do_update_item(actor, item, details=doc["details"])
        elif kind == "moved":
            plan_actions.do_move_item(actor, item, section_for(si), order=ii, note="moved by an edited document")


def _create(actor: Any, section: Section, di: DraftItem, owners: Any, *, order: int) -> Item:
    values = import_diff.item_values(di)
    what = values.pop("what")
    return plan_actions.do_create_item(
        actor, section, what=what, owners=owners.targets(di.owners), order=order, **values
    )
