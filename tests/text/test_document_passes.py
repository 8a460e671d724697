"""Document-level passes before items are resolved: the order of numeric dates is decided once per document
from its unambiguous dates; numbered weeks count from the document's own week 1."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text


@pytest.mark.parametrize(
    "unambiguous,expected", [("22/04/2027", dt.date(2027, 7, 4)), ("04/22/2027", dt.date(2027, 4, 7))]
)
def test_an_ambiguous_date_follows_the_documents_unambiguous_ones(unambiguous: str, expected: dt.date) -> None:
    data = (
        f"# Plan 2027\n\n## Work\n\n| What | Who | When |\n|---|---|---|\n"
        f"| Kick-off meeting | ZSI | {unambiguous} |\n| Second meeting | ZSI | 04/07/2027 |\n"
    )
    items = import_text("plan.md", data.encode()).items()
    assert items[1].timeframe is not None and items[1].timeframe.start == expected


def test_numbered_weeks_count_from_the_documents_week_1() -> None:
    data = (
        "# Project plan 2027\n\n## Weeks\n\n| Week | Task | Who |\n|---|---|---|\n"
        "| Week 1 (1 March 2027) | Kick-off | Ana |\n| Week 3 | Interviews | Ben |\n"
    )
    items = import_text("plan.md", data.encode()).items()
    assert items[1].timeframe is not None and items[1].timeframe.start == dt.date(2027, 3, 15)
