"""Column roles as a scored assignment per table (issue 8, classes 1 and 2): header words in four languages,
compounds, questions and noun phrases; cell contents when the header says nothing; an owner cell always wins."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.layout.columns import _header_role, is_deadline_header, roles_from_contents
from accord.text.readers.blocks import Heading, TableRow
from tests.text.builders import build_docx


@pytest.mark.parametrize(
    "cell,role",
    [
        ("Activity/Decision", "what"),
        ("Action / Décision", "what"),
        ("Who is responsible?", "who"),
        ("Responsible Party", "who"),
        ("Partner responsible", "who"),
        ("Lead organisation(s)", "who"),
        ("Organiser", "who"),
        ("Wer ist zuständig?", "who"),
        ("¿Quién es responsable?", "who"),
        ("Qui pilote ?", "who"),
        ("Started or due", "when"),
        ("Target date", "when"),
        ("Timeline", "when"),
        ("Deadline", "when"),
        ("Due date", "when"),
        ("Échéance", "when"),
        ("Bis wann?", "when"),
        ("Fecha prevista", "when"),
        ("Budget", "notes"),
        ("Venue", None),
    ],
)
def test_a_header_cell_names_its_role(cell: str, role: str | None) -> None:
    assert _header_role(cell) == role


@pytest.mark.parametrize(
    "cell,deadline",
    [
        ("Due date", True),
        ("Target date", True),
        ("Started or due", True),
        ("Date limite", True),
        ("When", False),
        ("Timeline", False),
    ],
)
def test_deadline_headers(cell: str, deadline: bool) -> None:
    assert is_deadline_header(cell) is deadline


def test_roles_from_the_cells_of_a_table_without_header() -> None:
    rows = [
        ["Draft the survey for all member institutions", "Lena Ruiz", "12 March 2027"],
        ["Send the survey and collect the answers", "Omar Haddad", "30 April 2027"],
        ["Present the results at the assembly", "Lena Ruiz", "June 2027"],
    ]
    found = roles_from_contents(rows, 2027)
    assert found is not None
    assert found.columns.roles == {"what": 0, "who": 1, "when": 2}
    assert found.confidence >= 0.5


@pytest.mark.parametrize(
    "name,data",
    [
        (
            "plan.md",
            "# Plan 2027\n\n## Survey\n\n| | | |\n|---|---|---|\n"
            "| Draft the survey for all member institutions | Lena Ruiz | 12 March 2027 |\n"
            "| Send the survey and collect the answers | Omar Haddad | 30 April 2027 |\n"
            "| Present the results at the assembly | Lena Ruiz | June 2027 |\n",
        ),
        (
            "plan.html",
            "<h1>Plan 2027</h1><h2>Survey</h2><table>"
            "<tr><td>12 March 2027</td><td>Draft the survey for all member institutions</td>"
            "<td>Lena Ruiz</td></tr>"
            "<tr><td>30 April 2027</td><td>Send the survey and collect the answers</td><td>Omar Haddad</td></tr>"
            "<tr><td>June 2027</td><td>Present the results at the assembly</td><td>Lena Ruiz</td></tr></table>",
        ),
    ],
)
def test_a_table_without_header_is_read_from_its_cells_and_says_so(name: str, data: str) -> None:
    draft = import_text(name, data.encode())
    items = draft.items()
    assert [i.owners for i in items] == [["Lena Ruiz"], ["Omar Haddad"], ["Lena Ruiz"]]
    assert items[0].timeframe is not None and items[0].timeframe.start == dt.date(2027, 3, 12)
    assert items[0].what == "Draft the survey for all member institutions"
    assert any("read from their cells" in p.message for p in draft.problems)


def test_an_owner_cell_wins_under_a_milestone_header() -> None:
    data = (
        "# Plan 2027\n\n## Milestones and timeline\n\n| Milestone | Responsible Party | Target date |\n"
        "|---|---|---|\n| Launch of the call by the Board | Secretariat | March 2027 |\n"
        "| Selection of projects | Jury | June 2027 |\n"
    )
    items = import_text("plan.md", data.encode()).items()
    assert [i.owners for i in items] == [["Secretariat"], ["Jury"]]
    assert items[0].timeframe is not None and items[0].timeframe.start is None  # a target date is a deadline
    assert items[0].timeframe.end == dt.date(2027, 3, 31)


@pytest.mark.parametrize(
    "header",
    [
        ["Aktivität", "Wer ist zuständig?", "Bis wann?"],
        ["Action / Décision", "Qui pilote ?", "Échéance"],
        ["Actividad", "¿Quién es responsable?", "Fecha prevista"],
    ],
)
def test_headers_in_other_languages_in_word(header: list[str]) -> None:
    blocks = [
        Heading(1, "Plan 2027"),
        Heading(2, "Arbeit"),
        TableRow(header, header=True),
        TableRow(["Broschüre drucken", "ZSI", "Mai 2027"]),
        TableRow(["Tagung vorbereiten", "DLR-PT", "September 2027"]),
    ]
    items = import_text("plan.docx", build_docx(blocks)).items()
    assert [i.owners for i in items] == [["ZSI"], ["DLR-PT"]]
    assert all(i.timeframe is not None and i.timeframe.end for i in items)
