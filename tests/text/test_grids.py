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


@pytest.mark.parametrize(
    "months",
    [["JAN", "FEB", "MAR", "APR"], ["janvier", "février", "mars", "avril"], ["Januar", "Februar", "März", "April"]],
)
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_grid_continued_on_the_next_page_without_its_header_keeps_its_months(months: list[str], fmt: str) -> None:
    from tests.text.builders import build_docx_spec, build_pdf_spec

    spec = "\n".join(
        [
            "= Festival work plan 2027",
            f"| Activity | | {' | '.join(months)} |",
            "| Book the venue | | 4-6 | | | |",
            "| Print the posters | | | 20 | | |",
            "~",
            "| Order the chairs | | | 12-14 | |",
            "| Final rehearsal | | | | 30 5:00 PM - 9:00 PM |",
        ]
    )
    data = build_docx_spec(spec) if fmt == "docx" else build_pdf_spec(spec)
    items = import_text(f"plan.{fmt}", data).items()
    got = [(i.what, i.timeframe.start if i.timeframe else None) for i in items]
    assert got == [
        ("Book the venue", dt.date(2027, 1, 4)),
        ("Print the posters", dt.date(2027, 2, 20)),
        ("Order the chairs", dt.date(2027, 3, 12)),
        ("Final rehearsal", dt.date(2027, 4, 30)),
    ]


def test_a_table_of_another_kind_after_a_grid_is_not_read_with_its_months() -> None:
    data = (
        b"# Plan 2027\n\n| Activity | JAN | FEB | MAR |\n| --- | --- | --- | --- |\n| Book the venue | X | | |\n\n"
        b"Other work\n\n| What | Who |\n| --- | --- |\n| Write the report | Ana |\n"
    )
    items = import_text("plan.md", data).items()
    assert items[-1].what == "Write the report" and items[-1].owners == ["Ana"] and items[-1].timeframe is None
