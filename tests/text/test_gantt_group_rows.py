"""A row of a Gantt-like table (a header of months, quarters or weeks) with only its activity cell filled
heads the rows under it: a priority of the plan, not an action."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from accord.text.readers.blocks import Table
from tests.text.builders import build_docx

MD = """# Work plan 2032

| Activity | Lead | Q1 | Q2 | Q3 | Q4 |
|---|---|---|---|---|---|
| Outreach | | | | | |
| Newsletter to members | Ines | x | x | | |
| Regional workshop | Omar | | | x | |
| Reporting | | | | | |
| Annual report | Ines | | | | x |
"""

TXT_FR = (
    "Plan de travail 2032\n\nActivité\tResponsable\tT1\tT2\tT3\tT4\nCommunication\t\t\t\t\t\n"
    "Lettre aux membres\tHélène\tx\tx\t\t\nAtelier régional\tMarc\t\t\tx\t\nRapports\t\t\t\t\t\n"
    "Rapport annuel\tHélène\t\t\t\tx\n"
)

ROWS_DE = [
    ["Maßnahme", "Verantwortlich", "Jan", "Feb", "Mär", "Apr"],
    ["Öffentlichkeitsarbeit", "", "", "", "", ""],
    ["Rundbrief an die Mitglieder", "Petra", "x", "", "x", ""],
    ["Regionaler Workshop", "Felix", "", "x", "", ""],
    ["Berichte", "", "", "", "", ""],
    ["Jahresbericht", "Petra", "", "", "", "x"],
]


def _shape(draft) -> list[tuple[str | None, list[str]]]:  # type: ignore[no-untyped-def]
    return [(s.title, [i.what for i in s.items]) for s in draft.sections if s.items]


@pytest.mark.parametrize(
    ("name", "data", "shape"),
    [
        (
            "plan.md",
            MD.encode(),
            [("Outreach", ["Newsletter to members", "Regional workshop"]), ("Reporting", ["Annual report"])],
        ),
        (
            "plan.txt",
            TXT_FR.encode(),
            [("Communication", ["Lettre aux membres", "Atelier régional"]), ("Rapports", ["Rapport annuel"])],
        ),
        (
            "plan.docx",
            build_docx([Table(ROWS_DE[1:], header=ROWS_DE[0])]),
            [
                ("Öffentlichkeitsarbeit", ["Rundbrief an die Mitglieder", "Regionaler Workshop"]),
                ("Berichte", ["Jahresbericht"]),
            ],
        ),
    ],
)
def test_group_rows_of_a_gantt_table_head_the_rows_under_them(name: str, data: bytes, shape: list) -> None:  # type: ignore[type-arg]
    assert _shape(import_text(name, data)) == shape


def test_a_row_with_empty_cells_in_a_table_that_is_no_gantt_stays_an_item() -> None:
    text = (
        "# Work plan 2032\n\n| Activity | Lead | When |\n|---|---|---|\n| Outreach | | |\n"
        "| Annual report | Ines | May |\n"
    )
    assert [i.what for i in import_text("plan.md", text.encode()).items()] == ["Outreach", "Annual report"]


@pytest.mark.parametrize(
    ("name", "data"),
    [("plan.md", MD.encode()), ("plan.txt", TXT_FR.encode())],
)
def test_a_gantt_table_with_a_lead_column_gives_owners_and_the_marked_periods(name: str, data: bytes) -> None:
    items = import_text(name, data).items()
    spans = [(i.timeframe.start.month, i.timeframe.end.month) for i in items if i.timeframe and i.timeframe.end]
    assert spans == [(1, 6), (7, 9), (10, 12)]
    assert [len(i.owners) for i in items] == [1, 1, 1]
    assert items[0].owners == items[2].owners


def test_a_gantt_table_with_its_own_when_column_is_read_by_its_columns() -> None:
    text = (
        "# Work plan 2032\n\n| Activity | Lead | When | Q1 | Q2 |\n|---|---|---|---|---|\n"
        "| Annual report | Ines | May 2032 | | x |\n"
    )
    item = import_text("plan.md", text.encode()).items()[0]
    assert item.when_raw == "May 2032" and item.owners == ["Ines"]
