"""Every write of the importer: a Draft becomes a plan (or updates one) in one transaction; import jobs.

`do_import_draft` writes the plan, its sections, items and owners through accord.plans.actions and the new
organisations and groups through accord.network.actions, all inside one transaction: a failure anywhere leaves
nothing behind. Importing a document again finds the plan it made (same network, title and period) and
applies only what changed, keeping what people edited in Accord unless they choose the document's version.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from accord.audit import log
from accord.imports import permissions
from accord.imports.drafts import draft_from_json, not_understood, owner_names
from accord.imports.models import ImportedItem, ImportJob, ImportStatus, ImportStep
from accord.imports.resolve import Action, OwnerResolver, Resolution
from accord.network import actions as net_actions
from accord.network.models import ChairTerm, Group, GroupKind, Network, Organisation
from accord.network.permissions import require
from accord.plans import actions as plan_actions
from accord.plans.models import Item, ItemKind, Plan, PlanKind, PlanStatus, Section, SourceDocument
from accord.plans.timeframed import timeframe_values
from accord.text.draft import Draft, DraftItem, DraftSection

# Fields of an item that come from the document; everything else (status, progress) is Accord's own.
TIME_FIELDS = ("when_text", "start", "end", "precision", "recurrence", "tentative", "deadline", "when_note")
SIMILAR_WHAT = 80  # rapidfuzz ratio above which a changed What is the same item reworded


@dataclass
class ImportReport:
    """What one import did (or would do), for the CLI summary, the job page and tests."""

    source: str
    outcome: str = "created"  # created | updated | unchanged
    plan_id: int | None = None
    plan_title: str = ""
    sections: int = 0
    items: int = 0
    owners_matched: list[str] = field(default_factory=list)
    owners_new: list[str] = field(default_factory=list)
    similar: list[str] = field(default_factory=list)
    times_not_understood: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    reowned: list[str] = field(default_factory=list)
    rescheduled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    plan_changes: list[str] = field(default_factory=list)
    chair: str | None = None
    chair_term_added: bool = False
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ImportReport:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def changed(self) -> bool:
        return bool(self.added or self.removed or self.reworded or self.reowned or self.rescheduled
                    or self.moved or self.plan_changes)

    def summary_lines(self) -> list[str]:
        head = {"created": "created", "updated": "updated", "unchanged": "unchanged"}[self.outcome]
        lines = [f"{self.source}: {head} plan “{self.plan_title}”: {self.sections} sections, {self.items} items; "
                 f"owners matched {len(self.owners_matched)}, new {len(self.owners_new)}; "
                 f"times not understood {len(self.times_not_understood)}"]
        if self.owners_new:
            lines.append("  new: " + ", ".join(self.owners_new))
        if self.similar:
            lines.append("  matched by similarity (check): " + "; ".join(self.similar))
        for label, values in (("added", self.added), ("removed", self.removed), ("reworded", self.reworded),
                              ("moved", self.moved), ("re-owned", self.reowned), ("rescheduled", self.rescheduled),
                              ("kept Accord's edits", self.kept), ("times not understood",
                                                                  self.times_not_understood)):
            if values:
                lines.append(f"  {label} ({len(values)}): " + "; ".join(_short(v) for v in values))
        if self.plan_changes:
            lines.append("  plan: " + ", ".join(self.plan_changes) + " changed")
        if self.chair_term_added:
            lines.append(f"  chair term recorded: {self.chair}")
        lines.extend(f"  problem: {p}" for p in self.problems)
        return lines


def _short(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def problem_lines(draft: Draft) -> list[str]:
    """The reader's problems, in words, except times not understood (listed on their own)."""
    return [p.message + (f" ({p.location.describe()})" if p.location.to_json() else "")
            for p in draft.problems if p.field != "when"]


def review_problems(draft: Draft) -> list[str]:
    """What a person should check before saving: the reader's problems and each time not understood."""
    lines = problem_lines(draft)
    lines += [_("Time not understood: “%(when)s” (%(where)s)") % {"when": i.when_raw,
                                                                  "where": i.location.describe()}
              for i in not_understood(draft)]
    if not draft.items():
        lines.append(_("No items were found in this document."))
    return lines


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


_VERSION_WORDS = re.compile(
    r"\b(?:draft|final|adopted|revised|updated|consolidated)\b|\bn\s*[°º]\s*\d+\b|\bno\.?\s*\d+\b|\bv\.?\s*\d+(?:\.\d+)*\b"
    r"|\bversion\s*\d+\b|\brev\.?\s*\d+\b", re.I)


def title_key(title: str) -> str:
    """A plan's title without its version words: "Draft Work Programme n°3" and "Work Programme" are one plan."""
    return " ".join(re.sub(r"[^\w]+", " ", _VERSION_WORDS.sub(" ", title or "").casefold()).split())


def find_existing_plan(network: Network, draft: Draft) -> Plan | None:
    """The plan a document was imported as before: same network, same period, same title but for version words."""
    key = title_key(draft.title or draft.source)
    candidates = Plan.objects.filter(network=network, period_start=draft.period_start,
                                     period_end=draft.period_end).select_related("source_document")
    for plan in candidates.order_by("-updated_at"):
        if title_key(plan.title) == key:
            return plan
    return None


# --- values from the draft -------------------------------------------------------------------------------------

def item_time_values(di: DraftItem) -> dict[str, Any]:
    values = timeframe_values(di.timeframe, when_text=di.when_raw)
    values["when_text"] = (di.when_raw or values["when_text"] or "")[:300]
    values["tentative"] = bool(di.tentative or values["tentative"])
    values.pop("when_set_by_hand", None)
    return values


def _plan_kind(draft: Draft) -> str:
    value = str(draft.kind)
    return value if value in PlanKind.values else PlanKind.WORK_PROGRAMME


def _item_kind(di: DraftItem) -> str:
    value = str(di.kind)
    return value if value in ItemKind.values else ItemKind.ACTION


def plan_values(draft: Draft) -> dict[str, Any]:
    return {
        "kind": _plan_kind(draft),
        "period_start": draft.period_start,
        "period_end": draft.period_end,
        "theme": (draft.theme or "")[:500],
        "chair_text": (draft.chair or "")[:200],
        "version_label": (draft.version_label or "")[:40],
        "footnotes": list(draft.footnotes),
    }


def section_values(ds: DraftSection) -> dict[str, Any]:
    return {
        "number": (ds.number or "")[:20],
        "title": (ds.title or "")[:500],
        "narrative": ds.narrative or "",
        "context_start": ds.context.start if ds.context else None,
        "context_end": ds.context.end if ds.context else None,
    }


def item_values(di: DraftItem) -> dict[str, Any]:
    return {
        "kind": _item_kind(di),
        "what": di.what.strip(),
        "details": di.details or "",
        "open_call": bool(di.open_call),
        "who_text": (di.who_raw or "")[:500],
        **item_time_values(di),
    }


def _dedupe(values: list[Any]) -> list[Any]:
    out: list[Any] = []
    for v in values:
        if v not in out:
            out.append(v)
    return out


# --- owners ----------------------------------------------------------------------------------------------------

class _Owners:
    """Turns resolutions into records, creating new organisations and groups once each, inside the transaction."""

    def __init__(self, actor: Any, network: Network, resolutions: dict[str, Resolution], report: ImportReport,
                 *, learn_aliases: bool) -> None:
        self.actor, self.network, self.resolutions, self.report = actor, network, resolutions, report
        self.learn_aliases = learn_aliases
        self._made: dict[tuple[str, str], Organisation | Group] = {}
        org_ids = [r.id for r in resolutions.values() if r.action == Action.ORGANISATION and r.id]
        group_ids = [r.id for r in resolutions.values() if r.action == Action.GROUP and r.id]
        self._orgs = Organisation.objects.in_bulk(org_ids)
        self._groups = Group.objects.filter(network=network).in_bulk(group_ids)
        self._cache: dict[str, Organisation | Group | str] = {}

    def label(self, name: str) -> str:
        res = self.resolutions.get(name)
        if res is None or res.action == Action.TEXT:
            return name
        if res.action == Action.ORGANISATION and res.id in self._orgs:
            return self._orgs[res.id].short_name
        if res.action == Action.GROUP and res.id in self._groups:
            return self._groups[res.id].name
        return res.label or name

    def labels(self, names: list[str]) -> list[str]:
        return _dedupe([self.label(n) for n in names])

    def target(self, name: str) -> Organisation | Group | str:
        if name not in self._cache:
            self._cache[name] = self._target(name)
        return self._cache[name]

    def targets(self, names: list[str]) -> list[Organisation | Group | str]:
        return _dedupe([self.target(n) for n in names])

    def _target(self, name: str) -> Organisation | Group | str:
        res = self.resolutions.get(name) or Resolution(name=name, action=str(Action.TEXT), label=name)
        label = (res.label or name).strip()
        if res.action == Action.ORGANISATION and res.id in self._orgs:
            org = self._orgs[res.id]
            self._matched(name, org.short_name, res)
            if self.learn_aliases and name not in org.names:
                net_actions.do_add_alias(self.actor, org, name, network=self.network)
            return org
        if res.action == Action.GROUP and res.id in self._groups:
            group = self._groups[res.id]
            self._matched(name, group.name, res)
            return group
        if res.action == Action.NEW_GROUP:
            key = ("group", label.casefold())
            if key not in self._made:
                existing = Group.objects.filter(network=self.network, name__iexact=label).first()
                if existing is not None:
                    self._made[key] = existing
                    self._matched(name, existing.name, res)
                else:
                    kind = res.group_kind if res.group_kind in GroupKind.values else GroupKind.WORKING_GROUP
                    self._made[key] = net_actions.do_create_group(self.actor, self.network, name=label[:200],
                                                                  kind=kind)
                    self.report.owners_new.append(label)
            return self._made[key]
        if res.action in (Action.NEW_ORGANISATION, Action.ORGANISATION):
            # An organisation chosen by id that no longer exists falls back to its name.
            key = ("org", label.casefold())
            if key not in self._made:
                existing = Organisation.objects.filter(short_name__iexact=label[:80]).first()
                if existing is not None:
                    self._made[key] = existing
                    self._matched(name, existing.short_name, res)
                else:
                    self._made[key] = net_actions.do_create_organisation(self.actor, short_name=label[:80],
                                                                         network=self.network)
                    self.report.owners_new.append(label)
            return self._made[key]
        return name[:200]

    def _matched(self, name: str, label: str, res: Resolution) -> None:
        if label not in self.report.owners_matched:
            self.report.owners_matched.append(label)
        if res.is_similar:
            note = f"{name} → {label}"
            if note not in self.report.similar:
                self.report.similar.append(note)


def resolve_names(draft: Draft, resolver: OwnerResolver,
                  resolutions: Mapping[str, Any] | None = None) -> dict[str, Resolution]:
    """A resolution for every owner name of the draft: the person's choice where given, else the resolver's."""
    out: dict[str, Resolution] = {}
    for name in owner_names(draft):
        given = (resolutions or {}).get(name)
        if isinstance(given, Resolution):
            res = given
        elif isinstance(given, Mapping):
            res = Resolution.from_json({"name": name, **given})
        else:
            res = resolver.resolve(name)
        resolver.learn(res)
        out[name] = res
    return out


def canonicalise(draft: Draft, resolutions: dict[str, Resolution]) -> Draft:
    """Rewrite each item's owners as the names they resolve to ("DLR" -> "DLR-PT"), for previews and JSON."""
    for item in draft.items():
        names = []
        for n in item.owners:
            res = resolutions.get(n)
            names.append(n if res is None or res.action == Action.TEXT else (res.label or n))
        item.owners = _dedupe(names)
    return draft


# --- the import ------------------------------------------------------------------------------------------------

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


@dataclass
class _ItemPlan:
    """One matched pair: an item already in Accord and the document's line for it."""

    item: Item
    di: DraftItem
    section_index: int
    edited: bool
    what_changed: bool = False
    owners_changed: bool = False
    time_changed: bool = False
    other_changed: bool = False
    moved: bool = False
    item_index: int = 0

    @property
    def changed(self) -> bool:
        return self.what_changed or self.owners_changed or self.time_changed or self.other_changed or self.moved


def _edited(item: Item) -> bool:
    """Edited in Accord since the last import wrote it (or made in Accord, never imported)."""
    imported = getattr(item, "imported", None)
    try:
        version = imported.version if imported is not None else None
    except ImportedItem.DoesNotExist:
        version = None
    return version is None or item.version > version


def _match_sections(existing: list[Section], draft: Draft) -> dict[int, Section]:
    """Draft section index -> existing section, by number and title, then title, then number, then position."""
    out: dict[int, Section] = {}
    free = list(existing)
    keys = [
        lambda s, d: (s.number or "") == (d.number or "") and _norm(s.title) == _norm(d.title),
        lambda s, d: bool(d.title) and _norm(s.title) == _norm(d.title),
        lambda s, d: bool(d.number) and (s.number or "") == (d.number or ""),
    ]
    for same in keys:
        for i, ds in enumerate(draft.sections):
            if i in out:
                continue
            hit = next((s for s in free if same(s, ds)), None)
            if hit is not None:
                out[i] = hit
                free.remove(hit)
    for i, _ds in enumerate(draft.sections):
        if i not in out and free and not _ds.title and not free[0].title:
            out[i] = free.pop(0)
    return out


def _match_items(existing: list[Item], draft: Draft, sections: dict[int, Section]) -> tuple[
        dict[tuple[int, int], Item], list[Item]]:
    """Pair document lines with items: same What (same section first), then a reworded What, most similar first."""
    pairs: dict[tuple[int, int], Item] = {}
    free = list(existing)
    lines = [(si, ii, di) for si, ds in enumerate(draft.sections) for ii, di in enumerate(ds.items)]

    def section_id(si: int) -> int | None:
        return sections[si].pk if si in sections else None

    for same_section in (True, False):
        for si, ii, di in lines:
            if (si, ii) in pairs:
                continue
            key = _norm(di.what)
            hit = next((it for it in free if _norm(it.what) == key
                        and (not same_section or it.section_id == section_id(si))), None)
            if hit is not None:
                pairs[(si, ii)] = hit
                free.remove(hit)
    for same_section, threshold in ((True, SIMILAR_WHAT), (False, 90)):
        scored = []
        for si, ii, di in lines:
            if (si, ii) in pairs:
                continue
            for it in free:
                if same_section and it.section_id != section_id(si):
                    continue
                score = _similarity(di.what, it.what)
                if score >= threshold:
                    scored.append((score, si, ii, it))
        for _score, si, ii, it in sorted(scored, key=lambda t: -t[0]):
            if (si, ii) not in pairs and it in free:
                pairs[(si, ii)] = it
                free.remove(it)
    return pairs, free


def _similarity(a: str, b: str) -> float:
    """How alike two Whats are: word order and a few added words ("the members'") count little."""
    a, b = _norm(a), _norm(b)
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), fuzz.token_set_ratio(a, b) - 5)


def _owner_labels(item: Item) -> list[str]:
    return [o.name for o in item.owners.all()]


def do_import_draft(actor: Any, network: Network, draft: Draft, *, source_document: SourceDocument | None = None,
                    choose_document_version: bool = False, resolutions: Mapping[str, Any] | None = None,
                    resolver: OwnerResolver | None = None, add_chair_term: bool = True) -> ImportReport:
    """Save a Draft as a plan of the network, or apply it to the plan it revises. One transaction.

    `resolutions` are a person's choices for owner names ({name: {"action", "id", "label"}}); names they
    confirmed as another name of an existing organisation are remembered as its aliases. Without them the
    resolver decides (the CLI). `source_document` may be unsaved: it is saved only when something is written.
    """
    require(permissions.can_import(actor, network))
    resolver = resolver or OwnerResolver(network)
    report = ImportReport(source=draft.source, plan_title=draft.title or draft.source)
    report.times_not_understood = [f"{i.when_raw} ({i.location.describe()})" for i in not_understood(draft)]
    report.problems = problem_lines(draft)
    resolved = resolve_names(draft, resolver, resolutions)
    with transaction.atomic():
        owners = _Owners(actor, network, resolved, report, learn_aliases=resolutions is not None)
        plan = find_existing_plan(network, draft)
        if plan is None:
            source = _source_document(actor, network, source_document, draft)
            plan = _create(actor, network, draft, source, owners, report)
        else:
            report.outcome = "updated"
            same_file = bool(draft.checksum) and plan.source_document is not None and \
                plan.source_document.checksum == draft.checksum
            if same_file and not choose_document_version:
                report.outcome = "unchanged"
            else:
                _update(actor, plan, draft, source_document, owners, report, choose_document_version)
            report.plan_id = plan.pk
            report.sections = plan.sections.count()
            report.items = plan.items.count()
            if report.outcome == "unchanged":
                report.owners_matched = owners.labels(list(resolved))
                return report
        _set_chair(actor, network, plan, draft, owners, report, add_chair_term)
    return report


def _create(actor: Any, network: Network, draft: Draft, source: SourceDocument, owners: _Owners,
            report: ImportReport) -> Plan:
    status = draft.status if draft.status in PlanStatus.values else PlanStatus.DRAFT
    plan = plan_actions.do_create_plan(actor, network, title=(draft.title or draft.source)[:300], status=status,
                                       source_document=source, **plan_values(draft))
    made: list[Item] = []
    for si, ds in enumerate(draft.sections):
        section = plan_actions.do_create_section(actor, plan, order=si, **section_values(ds))
        for ii, di in enumerate(ds.items):
            item = _create_item(actor, section, di, source, owners, report, order=ii)
            if item is not None:
                made.append(item)
    ImportedItem.objects.bulk_create([ImportedItem(item=i, source_document=source, version=i.version) for i in made])
    report.plan_id, report.outcome = plan.pk, "created"
    report.sections, report.items = len(draft.sections), len(made)
    return plan


def _create_item(actor: Any, section: Section, di: DraftItem, source: SourceDocument, owners: _Owners,
                 report: ImportReport, *, order: int) -> Item | None:
    values = item_values(di)
    what = values.pop("what")
    if not what:
        report.problems.append(_("An item without a What was left out (%(where)s).")
                               % {"where": di.location.describe()})
        return None
    try:
        return plan_actions.do_create_item(actor, section, what=what, owners=owners.targets(di.owners), order=order,
                                           source_document=source, source_location=di.location.to_json(),
                                           **values)
    except ValidationError as exc:
        # A line the model refuses (an end before its start) is reported and its time dropped, not the import.
        report.problems.append(_("%(what)s: %(why)s; its time was not kept.") % {"what": _short(what),
                                                                                  "why": "; ".join(exc.messages)})
        values.update({k: v for k, v in item_time_values(DraftItem(kind=di.kind, what=what)).items()
                       if k != "when_text"})
        return plan_actions.do_create_item(actor, section, what=what, owners=owners.targets(di.owners),
                                           order=order, source_document=source,
                                           source_location=di.location.to_json(), **values)


def _update(actor: Any, plan: Plan, draft: Draft, source_document: SourceDocument | None, owners: _Owners,
            report: ImportReport, choose_document_version: bool) -> None:
    existing_sections = list(plan.sections.order_by("order", "id"))
    section_map = _match_sections(existing_sections, draft)
    items = list(Item.objects.filter(plan=plan).select_related("imported").prefetch_related("owners__organisation",
                                                                                             "owners__group",
                                                                                             "owners__person")
                 .order_by("section__order", "order", "id"))
    pairs, unmatched = _match_items(items, draft, section_map)

    # 1. Work out what changed, without writing.
    planned: list[_ItemPlan] = []
    for (si, ii), item in pairs.items():
        di = draft.sections[si].items[ii]
        p = _ItemPlan(item=item, di=di, section_index=si, edited=_edited(item), item_index=ii)
        doc = item_values(di)
        p.what_changed = item.what != doc["what"]
        p.owners_changed = _owner_labels(item) != owners.labels(di.owners)
        p.time_changed = any(getattr(item, f) != doc[f] for f in TIME_FIELDS)
        p.other_changed = any(getattr(item, f) != doc[f] for f in ("kind", "details", "open_call", "who_text"))
        p.moved = si not in section_map or item.section_id != section_map[si].pk
        planned.append(p)
    added = [(si, ii) for si, ds in enumerate(draft.sections) for ii in range(len(ds.items)) if (si, ii) not in pairs
             and ds.items[ii].what.strip()]
    removable = [it for it in unmatched if choose_document_version or not _edited(it)]
    wanted_plan = {"title": (draft.title or draft.source)[:300], **plan_values(draft)}
    plan_changes = [k for k, v in wanted_plan.items() if getattr(plan, k) != v]
    section_changes = [(i, s) for i, s in section_map.items()
                       if any(getattr(s, k) != v for k, v in section_values(draft.sections[i]).items())]
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
        section_map[i] = plan_actions.do_create_section(actor, plan, order=next_order,
                                                        **section_values(draft.sections[i]))
        next_order += 1
    touched: list[int] = []
    for p in applying:
        item, di = p.item, p.di
        if p.moved:
            plan_actions.do_move_item(actor, item, section_map[p.section_index], order=p.item_index,
                                      note="moved by a re-import")
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
            report.reowned.append(f"{doc['what']}: {' · '.join(_owner_labels(item)) or '—'} → "
                                  f"{' · '.join(owners.labels(di.owners)) or '—'}")
        if p.time_changed:
            report.rescheduled.append(f"{doc['what']}: {item.when_text or '—'} → {doc['when_text'] or '—'}")
    made: list[Item] = []
    for si, ii in added:
        di = draft.sections[si].items[ii]
        prev = [pairs[(si, j)] for j in range(ii) if (si, j) in pairs]
        order = prev[-1].order if prev else ii
        item = _create_item(actor, section_map[si], di, source, owners, report, order=order)
        if item is not None:
            made.append(item)
            report.added.append(item.what)
    for it in removable:
        report.removed.append(it.what)
        plan_actions.do_delete_item(actor, it)
    for section in existing_sections:
        if section not in section_map.values() and not section.items.exists():
            plan_actions.do_delete_section(actor, section)
    versions = dict(Item.objects.filter(pk__in=touched).values_list("pk", "version"))
    for pk, version in versions.items():
        ImportedItem.objects.update_or_create(item_id=pk, defaults={"version": version, "source_document": source})
    ImportedItem.objects.bulk_create([ImportedItem(item=i, source_document=source, version=i.version) for i in made])


def _set_chair(actor: Any, network: Network, plan: Plan, draft: Draft, owners: _Owners, report: ImportReport,
               add_chair_term: bool) -> None:
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
    net_actions.do_add_chair_term(actor, network, org, start=plan.period_start, end=plan.period_end,
                                  label=draft.chair[:200])
    report.chair_term_added = True


def resolve_chair(chair: str, owners: _Owners) -> Organisation | None:
    from accord.text.who import parse_who

    candidates = [chair, *parse_who(chair).owners]
    resolver = OwnerResolver(owners.network)
    for made in owners._made.values():
        if isinstance(made, Organisation):
            resolver.learn(Resolution(name=made.short_name, action=str(Action.ORGANISATION), id=made.pk,
                                      label=made.short_name))
    for name in candidates:
        res = resolver.resolve(name)
        if res.action == Action.ORGANISATION and res.id:
            return Organisation.objects.filter(pk=res.id).first()
    return None


# --- import jobs (the upload page) -----------------------------------------------------------------------------

@transaction.atomic
def do_create_import_job(actor: Any, network: Network, *, file_name: str, data: bytes = b"", checksum: str,
                         context: str = "", status: str = ImportStatus.QUEUED, error: str = "",
                         size: int | None = None, file: Any = None) -> ImportJob:
    """Record an upload and queue its reading once the transaction commits.

    The document (`file`, an uploaded file streamed from disk, or `data`) is stored under MEDIA_ROOT, not in
    the row. A file refused at the door (too large, empty) is recorded as failed with its reason and never read.
    """
    from django.core.files.base import ContentFile

    from accord.imports.tasks import enqueue_job

    require(permissions.can_import(actor, network))
    if size is None:
        size = file.size if file is not None else len(data)
    job = ImportJob(
        network=network, file_name=file_name[:255], size=size, checksum=checksum, context=context[:40],
        status=status, error=error, created_by=actor if getattr(actor, "is_authenticated", False) else None,
        finished_at=timezone.now() if status == ImportStatus.FAILED else None,
    )
    if status == ImportStatus.QUEUED:
        job.upload.save("upload", file if file is not None else ContentFile(data), save=False)
    try:
        job.save()
    except Exception:
        job.delete_upload()  # the row was not written: the file must not stay behind
        raise
    log.record_create(actor, job, ["file_name", "size", "status"])
    if job.status == ImportStatus.QUEUED:
        transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


def do_review_import_job(actor: Any, job: ImportJob, *, title: str | None = None,
                         resolutions: Mapping[str, Any] | None = None, when: Mapping[str, str] | None = None,
                         choose_document_version: bool | None = None, add_chair_term: bool | None = None,
                         context_fallback: Any = None) -> ImportJob:
    """Keep a person's fixes on the draft: owner choices, the title, and When texts (re-read in context)."""
    from accord.imports.drafts import reparse_when, section_context

    require(permissions.can_edit_import_job(actor, job))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.REVIEW or job.draft is None:
            raise ValidationError(_("This import is not waiting for review."))
        draft = draft_from_json(job.draft)
        if title is not None and title.strip():
            draft.title = " ".join(title.split())[:300]
        for key, text in (when or {}).items():
            si, _sep, ii = key.partition("-")
            try:
                section = draft.sections[int(si)]
                item = section.items[int(ii)]
            except (ValueError, IndexError):
                continue
            text = " ".join((text or "").split())
            if text == (item.when_raw or ""):
                continue
            item.when_raw = text or None
            item.timeframe = reparse_when(text, section_context(draft, section, context_fallback))
            item.tentative = bool(item.timeframe and item.timeframe.tentative)
        job.draft = draft.to_json()
        job.problems = review_problems(draft)
        job.counts = {**(job.counts or {}), "times_not_understood": len(not_understood(draft))}
        if resolutions is not None:
            merged = dict(job.resolutions)
            merged.update({k: dict(v) for k, v in resolutions.items()})
            job.resolutions = merged
        if choose_document_version is not None:
            job.choose_document_version = choose_document_version
        if add_chair_term is not None:
            job.add_chair_term = add_chair_term
        job.save(update_fields=["draft", "problems", "counts", "resolutions", "choose_document_version",
                                "add_chair_term", "updated_at"])
    return job


def do_queue_import_job(actor: Any, job: ImportJob, step: str) -> ImportJob:
    """Put a job in the queue for its next step; the task is enqueued only once the transaction commits."""
    from accord.imports.tasks import enqueue_job

    require(permissions.can_edit_import_job(actor, job))
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        if step == ImportStep.SAVE and job.status != ImportStatus.REVIEW:
            raise ValidationError(_("This import is not waiting to be saved."))
        job.status, job.step = ImportStatus.QUEUED, step
        if step == ImportStep.SAVE and getattr(actor, "is_authenticated", False):
            job.saved_by = actor
        job.save(update_fields=["status", "step", "saved_by", "updated_at"])
        log.record(actor, log.AuditAction.UPDATE, job, {"status": (None, "queued"), "step": (None, step)})
        transaction.on_commit(lambda: enqueue_job(job.pk))
    return job


@transaction.atomic
def do_discard_import_job(actor: Any, job: ImportJob) -> None:
    require(permissions.can_edit_import_job(actor, job))
    if job.status in (ImportStatus.DONE, ImportStatus.DISCARDED):
        return
    log.record(actor, log.AuditAction.UPDATE, job, {"status": (job.status, ImportStatus.DISCARDED)})
    job.delete_upload()
    set_job_state(job, status=ImportStatus.DISCARDED, data=None, upload="")


def set_job_state(job: ImportJob, **values: Any) -> None:
    """The worker's progress notes on a job (status, step, result): bookkeeping, not an audited change."""
    for k, v in values.items():
        setattr(job, k, v)
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now(), **values)


__all__ = [
    "ImportReport",
    "canonicalise",
    "do_create_import_job",
    "do_discard_import_job",
    "do_import_draft",
    "do_queue_import_job",
    "do_review_import_job",
    "find_existing_plan",
    "resolve_names",
]
