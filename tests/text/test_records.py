"""Form-style records (issue 8, item 7): "Label: value" fields under a title, several on a line, or a
known label without a colon; the record is one item, its fields its owner, time and details."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.layout.records import record_fields
from accord.text.readers.blocks import Heading, Paragraph
from tests.text.builders import build_docx, build_pdf


@pytest.mark.parametrize(
    "line,fields",
    [
        ("Responsibility: Both partners", [("who", "Both partners", False)]),
        ("Lead: CMI; Deadline: May 2027", [("who", "CMI", False), ("when", "May 2027", True)]),
        ("Start date: Month 4 Duration: 9 months", [("when", "Month 4", False), ("notes", "9 months", False)]),
        ("Partner responsible LV", [("who", "LV", False)]),
        ("Responsable : Université de Lille", [("who", "Université de Lille", False)]),
        ("Verantwortlich: ZSI Frist: Juni 2027", [("who", "ZSI", False), ("when", "Juni 2027", True)]),
        ("Responsable: Universidad de Chile", [("who", "Universidad de Chile", False)]),
        ("Continuous learning: Collect feedback from users", None),
        ("Lead the review of the rules", None),
    ],
)
def test_record_lines(line: str, fields: list[tuple[str, str, bool]] | None) -> None:
    assert record_fields(line) == fields


RECORDS = [
    Heading(1, "Start-up action plan"),
    Heading(2, "Immediate actions"),
    Heading(2, "Finish the prototype", number="1"),
    Paragraph("Task: Complete the development and testing of the prototype."),
    Paragraph("Responsibility: Both founders, one on development and one on testing."),
    Paragraph("Timeline: by 30 June 2027."),
    Heading(2, "Open the pilot", number="2"),
    Paragraph("Task: Offer the pilot to three local partners."),
    Paragraph("Responsibility: One founder to contact the partners and run the pilot."),
    Paragraph("Budget: a small amount for travel."),
    Paragraph("Timeline: September 2027."),
]


@pytest.mark.parametrize("name,build", [("plan.docx", build_docx), ("plan.pdf", build_pdf)])
def test_a_heading_and_its_fields_are_one_item(name: str, build: object) -> None:
    data = build(RECORDS)  # type: ignore[operator]
    items = import_text(name, data).items()
    assert [i.what for i in items] == ["Finish the prototype", "Open the pilot"]
    assert [i.owners for i in items] == [["Both founders"], ["One founder"]]
    assert items[0].timeframe is not None and items[0].timeframe.end == dt.date(2027, 6, 30)
    assert items[1].timeframe is not None and items[1].timeframe.start == dt.date(2027, 9, 1)
    assert items[0].details and "Complete the development" in items[0].details


def test_records_in_plain_text_titled_by_the_line_above() -> None:
    data = (
        "Outline of the work\n\nWP 1 Start-up and audit of the existing networks\n"
        "Start date: Month 1 Duration: 5 months\nPartner responsible UNIGE\nPartners involved all\n"
        "WP 2 Training of young diplomats\nStart date: Month 4 Duration: 9 months\n"
        "Partner responsible ZSI/CNRS\nPartners involved all\n"
    )
    items = import_text("outline.txt", data.encode()).items()
    assert [i.what for i in items] == [
        "WP 1 Start-up and audit of the existing networks",
        "WP 2 Training of young diplomats",
    ]
    assert [i.owners for i in items] == [["UNIGE"], ["ZSI", "CNRS"]]
