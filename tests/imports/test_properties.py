"""Properties of re-import: whatever the revision, an unedited plan ends up saying what the document says."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.audit.actors import SYSTEM
from accord.imports.actions import do_import_draft
from accord.network.models import Network
from accord.plans.models import Item
from accord.testing import factories as f
from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind
from accord.text.timeframe import Precision, Timeframe

WORDS = ["meeting", "report", "survey", "workshop", "training", "mapping", "newsletter", "visit", "call", "plan"]
OWNERS = ["ZSI", "DLR-PT", "CNRS", "Trio"]

line = st.tuples(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.integers(0, 400),
    st.lists(st.sampled_from(OWNERS), max_size=2, unique=True),
    st.integers(1, 6),
)


def make_draft(sections: list[list[tuple]], checksum: str) -> Draft:
    out = []
    for s, rows in enumerate(sections):
        items = []
        for a, b, n, owners, month in rows:
            start = dt.date(2022, month, 1)
            end = dt.date(2022, month + 1, 1) - dt.timedelta(days=1)
            items.append(
                DraftItem(
                    kind=ItemKind.ACTION,
                    what=f"{a.title()} {b} number {n}",
                    owners=list(owners),
                    who_raw="/".join(owners) or None,
                    when_raw=f"{start:%B %Y}",
                    timeframe=Timeframe(f"{start:%B %Y}", start, end, Precision.MONTH),
                )
            )
        out.append(DraftSection(number=str(s + 1), title=f"Priority {s + 1}", items=items))
    return Draft(
        source="p.txt",
        title="Programme",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 6, 30),
        sections=out,
        checksum=checksum,
    )


def state(plan_id: int) -> Counter:
    """The plan's items the document has: those it dropped stay, marked removed from the document."""
    items = Item.objects.filter(plan_id=plan_id, removed_from_document=False).prefetch_related(
        "owners__organisation", "owners__group"
    )
    return Counter((i.what, tuple(o.name for o in i.owners.all()), i.when_text) for i in items)


def expected(draft: Draft) -> Counter:
    return Counter((i.what, tuple(i.owners), i.when_raw) for i in draft.items())


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.lists(st.lists(line, max_size=6), min_size=1, max_size=3),
    second=st.lists(st.lists(line, max_size=6), min_size=1, max_size=3),
)
def test_a_revision_of_an_unedited_plan_leaves_exactly_the_documents_items(db, first, second):
    network = f.make_network()
    a, b = make_draft(first, "a"), make_draft(second, "b")
    report = do_import_draft(SYSTEM, network, a)
    assert state(report.plan_id) == expected(a)
    again = do_import_draft(SYSTEM, network, b)
    assert again.plan_id == report.plan_id
    assert state(report.plan_id) == expected(b)
    assert do_import_draft(SYSTEM, network, make_draft(second, "c")).outcome == "unchanged"
    Network.objects.filter(pk=network.pk).delete()


def test_an_item_listed_under_another_section_moves_there(db):
    network = f.make_network()
    rows = [("meeting", "meeting", 0, (), 1), ("meeting", "meeting", 0, (), 1)]
    report = do_import_draft(SYSTEM, network, make_draft([[], rows], "a"))
    revised = do_import_draft(SYSTEM, network, make_draft([[*rows, ("meeting", "meeting", 0, ("ZSI",), 1)]], "b"))
    assert revised.moved == ["Meeting meeting number 0 → 1. Priority 1"] * 2
    assert set(Item.objects.filter(plan_id=report.plan_id).values_list("section__title", flat=True)) == {"Priority 1"}
    assert (
        do_import_draft(SYSTEM, network, make_draft([[*rows, ("meeting", "meeting", 0, ("ZSI",), 1)]], "c")).outcome
        == "unchanged"
    )
