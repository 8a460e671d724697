"""How a document compares with the plan it was imported as before: the same plan found by its title, the
values the document gives a plan, section and item, and which existing sections and items the draft's match."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rapidfuzz import fuzz

from accord.imports.models import ImportedItem
from accord.network.models import Network
from accord.plans.models import Item, ItemKind, ItemStatus, Plan, PlanKind, Section
from accord.plans.timeframed import timeframe_values
from accord.text.draft import Draft, DraftItem, DraftSection
from accord.text.narrative import narrative_text
from accord.text.who import owners_form

# Fields of an item that come from the document; everything else (status, progress) is Accord's own.
TIME_FIELDS = ("when_text", "start", "end", "precision", "recurrence", "tentative", "deadline", "when_note")


SIMILAR_WHAT = 80  # rapidfuzz ratio above which a changed What is the same item reworded

# The kinds of change a document makes to its plan, in the order a review lists them, and their words.
KINDS = (
    "plan",
    "section",
    "added",
    "removed",
    "restored",
    "reworded",
    "reowned",
    "rescheduled",
    "status",
    "notes",
    "other",
    "moved",
)
KIND_LABELS = {
    "plan": gettext_noop("plan details changed"),
    "section": gettext_noop("priority added or reworded"),
    "added": gettext_noop("added"),
    "removed": gettext_noop("removed from the document"),
    "restored": gettext_noop("back in the document"),
    "reworded": gettext_noop("reworded"),
    "reowned": gettext_noop("re-owned"),
    "rescheduled": gettext_noop("rescheduled"),
    "status": gettext_noop("status changed"),
    "notes": gettext_noop("notes changed"),
    "other": gettext_noop("kind changed"),
    "moved": gettext_noop("moved"),
}


@dataclass
class Change:
    """One difference between a plan and a document, shown before anything is written and applied only if the
    person keeps it ticked. `edited`: the plan's side was edited in Accord since the document was last imported
    (its change is proposed unticked, so a re-import never undoes an edit unasked)."""

    key: str  # stable across a review and its apply: "<kind>:<item id>", "added:<section>-<row>", "section:<i>"
    kind: str
    what: str
    before: str = ""
    after: str = ""
    edited: bool = False

    @property
    def kind_label(self) -> str:
        return _(KIND_LABELS.get(self.kind, self.kind))


def changes_by_kind(changes: list[Change]) -> list[tuple[str, list[Change]]]:
    return [(k, [c for c in changes if c.kind == k]) for k in KINDS if any(c.kind == k for c in changes)]


def _norm(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


_VERSION_WORDS = re.compile(
    r"\b(?:draft|final|adopted|revised|updated|consolidated)\b|\bn\s*[°º]\s*\d+\b|\bno\.?\s*\d+\b|\bv\.?\s*\d+(?:\.\d+)*\b"
    r"|\bversion\s*\d+\b|\brev\.?\s*\d+\b",
    re.I,
)


def title_key(title: str) -> str:
    """A plan's title without its version words: "Draft Work Programme n°3" and "Work Programme" are one plan."""
    return " ".join(re.sub(r"[^\w]+", " ", _VERSION_WORDS.sub(" ", title or "").casefold()).split())


def plan_title(draft: Draft) -> str:
    """The plan's title: the document's own, else its file name in words ("lagoon_work-plan_2027.docx" ->
    "Lagoon work plan 2027")."""
    if draft.title.strip():
        return draft.title.strip()[:300]
    stem = re.sub(r"\.[A-Za-z0-9]{1,5}$", "", draft.source.rsplit("/", 1)[-1])
    words = " ".join(re.sub(r"[_\-]+", " ", stem).split())
    return (words[:1].upper() + words[1:])[:300] or draft.source[:300] or "Imported plan"


def find_existing_plan(network: Network, draft: Draft) -> Plan | None:
    """The plan a document was imported as before: same network, same period, same title but for version words
    (an untitled document: its title from the file name, or the file name itself as it was once kept)."""
    keys = {title_key(plan_title(draft)), title_key(draft.title or draft.source)}
    candidates = Plan.objects.filter(
        network=network, period_start=draft.period_start, period_end=draft.period_end
    ).select_related("source_document")
    for plan in candidates.order_by("-updated_at"):
        if title_key(plan.title) in keys:
            return plan
    return None


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
        "source_header": [line[:500] for line in draft.preamble],
    }


def section_narrative(ds: DraftSection) -> str:
    """The narrative a section keeps: paragraphs, and its bulleted lists as "- " lines (accord.text.narrative)."""
    return narrative_text(ds.narrative, ds.narrative_parts)


def section_values(ds: DraftSection) -> dict[str, Any]:
    return {
        "number": (ds.number or "")[:20],
        "title": (ds.title or "")[:500],
        "narrative": section_narrative(ds),
        "context_start": ds.context.start if ds.context else None,
        "context_end": ds.context.end if ds.context else None,
    }


def _owners_form(di: DraftItem) -> dict[str, str]:
    form = owners_form(di.who_raw, di.owners, bool(di.open_call))
    return {"owners_mode": form.mode, "owners_note": form.note[:200]}


def item_values(di: DraftItem) -> dict[str, Any]:
    return {
        "kind": _item_kind(di),
        "what": di.what.strip(),
        "details": di.details or "",
        "open_call": bool(di.open_call),
        "who_text": (di.who_raw or "")[:500],
        **_owners_form(di),
        "removed_from_document": False,  # a line the document has (again)
        **item_time_values(di),
        # Only a status the document states (a Status column): otherwise the item keeps Accord's own.
        **({"status": di.status} if di.status in ItemStatus.values else {}),
    }


@dataclass
class ItemPlan:
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


def edited(item: Item) -> bool:
    """Edited in Accord since the last import wrote it (or made in Accord, never imported)."""
    imported = getattr(item, "imported", None)
    try:
        version = imported.version if imported is not None else None
    except ImportedItem.DoesNotExist:
        version = None
    return version is None or item.version > version


def edited_fields(items: list[Item]) -> dict[int, set[str] | None]:
    """For each item edited in Accord since an import last wrote it, the fields people changed since then (None:
    made in Accord, so every field is its own). One query: each edit since the import counted one version and
    left one audit entry, so an item's latest (version - imported version) entries are exactly those edits."""
    from django.contrib.contenttypes.models import ContentType

    from accord.audit.models import AuditAction, AuditEntry

    out: dict[int, set[str] | None] = {}
    since: dict[str, int] = {}
    for item in items:
        if not edited(item):
            continue
        imported = getattr(item, "imported", None)
        try:
            version = imported.version if imported is not None else None
        except ImportedItem.DoesNotExist:
            version = None
        if version is None:
            out[item.pk] = None
        else:
            out[item.pk] = set()
            since[str(item.pk)] = item.version - version
    if since:
        entries = AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Item), object_id__in=list(since), action=AuditAction.UPDATE
        ).order_by("-at", "-id")
        for object_id, changes in entries.values_list("object_id", "changes").iterator():
            if since[object_id] > 0:
                since[object_id] -= 1
                fields = out[int(object_id)]
                if fields is not None:
                    fields.update(changes or {})
    return out


# Which kind of change a field edited in Accord belongs to (the review proposes such a change unticked).
EDITED_KINDS = {
    "what": "reworded",
    "details": "notes",
    "kind": "other",
    "status": "status",
    "owners": "reowned",
    "open_call": "reowned",
    "who_text": "reowned",
    "owners_mode": "reowned",
    "owners_note": "reowned",
    "section": "moved",
    "when_set_by_hand": "rescheduled",
    **{f: "rescheduled" for f in TIME_FIELDS},
}


def match_sections(existing: list[Section], draft: Draft) -> dict[int, Section]:
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


def match_items(
    existing: list[Item], draft: Draft, sections: dict[int, Section]
) -> tuple[dict[tuple[int, int], Item], list[Item]]:
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
            hit = next(
                (it for it in free if _norm(it.what) == key and (not same_section or it.section_id == section_id(si))),
                None,
            )
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


@dataclass
class Matched:
    """A plan's sections and items paired with a document's: what a revision or a re-import compares."""

    existing_sections: list[Section]
    sections: dict[int, Section]  # draft section index -> the plan's section
    pairs: dict[tuple[int, int], Item]  # (draft section index, item index) -> the plan's item
    unmatched: list[Item]  # the plan's items the document no longer has


def match_plan(plan: Plan, draft: Draft) -> Matched:
    """The plan's sections and items, each paired with the document's where they match (a bounded number of
    queries whatever the plan's size)."""
    existing = list(plan.sections.order_by("order", "id"))
    section_map = match_sections(existing, draft)
    items = list(
        Item.objects.filter(plan=plan)
        .select_related("imported", "section")
        .prefetch_related("owners__organisation", "owners__group", "owners__person")
        .order_by("section__order", "order", "id")
    )
    pairs, unmatched = match_items(items, draft, section_map)
    return Matched(existing, section_map, pairs, unmatched)


def draft_lines(draft: Draft, pairs: dict[tuple[int, int], Item]) -> Iterator[tuple[int, int, DraftItem, Item | None]]:
    """Every item of the document in its order, with the plan's item it matches (None: a new line)."""
    for si, ds in enumerate(draft.sections):
        for ii, di in enumerate(ds.items):
            yield si, ii, di, pairs.get((si, ii))


def gone_items(unmatched: list[Item]) -> list[Item]:
    """The plan's items that left the document and are not marked so yet (one already marked is not removed
    again)."""
    return [it for it in unmatched if not it.removed_from_document]


def _similarity(a: str, b: str) -> float:
    """How alike two Whats are: word order and a few added words ("the members'") count little."""
    a, b = _norm(a), _norm(b)
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b), fuzz.token_set_ratio(a, b) - 5)


def owner_labels(item: Item) -> list[str]:
    return [o.name for o in item.owners.all()]
