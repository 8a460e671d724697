"""Time grids (Gantt charts typed as tables): header cells that are periods, rows that mark them."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.readers.blocks import Heading, TableRow
from tests.text.builders import build_docx

MD_QUARTERS = """# Roadmap 2027-2028

## Timeline

| Activity | Q1 2027 | Q2 2027 | Q3 2027 | Q4 2027 | Q1 2028 |
| --- | --- | --- | --- | --- | --- |
| Revise the data profile | X | X | | | |
| Pilot with two ministries | | | X | X | X |
| Yearly review of the rules | | X | | | |
"""


def test_marked_quarters_give_the_span_of_each_row() -> None:
    items = import_text("roadmap.md", MD_QUARTERS.encode()).items()
    assert [(i.what, i.timeframe.start, i.timeframe.end) for i in items if i.timeframe] == [
        ("Revise the data profile", dt.date(2027, 1, 1), dt.date(2027, 6, 30)),
        ("Pilot with two ministries", dt.date(2027, 7, 1), dt.date(2028, 3, 31)),
        ("Yearly review of the rules", dt.date(2027, 4, 1), dt.date(2027, 6, 30)),
    ]


@pytest.mark.parametrize(
    "months",
    [
        ["JUL", "AUG", "SEPT"],
        ["Juillet", "Août", "Septembre"],
        ["Juli", "August", "September"],
        ["Julio", "Agosto", "Septiembre"],
    ],
)
def test_day_numbers_under_month_columns_in_word_with_a_group_row(months: list[str]) -> None:
    blocks = [
        Heading(1, "Event workplan 2027"),
        TableRow(["Activities", *months], header=True),
        TableRow(["Meeting with the staff", "1-2", "", ""]),
        TableRow(["Submission of the proposal", "11", "", ""]),
        TableRow(["PRE-ACTIVITIES", "", "", ""]),
        TableRow(["Site visit", "", "", "15-17"]),
    ]
    draft = import_text("plan.docx", build_docx(blocks), context=None)
    items = draft.items()
    assert [(i.what, i.timeframe.start, i.timeframe.end) for i in items if i.timeframe] == [
        ("Meeting with the staff", dt.date(2027, 7, 1), dt.date(2027, 7, 2)),
        ("Submission of the proposal", dt.date(2027, 7, 11), dt.date(2027, 7, 11)),
        ("Site visit", dt.date(2027, 9, 15), dt.date(2027, 9, 17)),
    ]
    assert [s.title for s in draft.sections if s.items][-1] == "PRE-ACTIVITIES"  # a group row heads its rows
