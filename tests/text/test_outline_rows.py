"""Outline tables whose rows a spanning cell shifts (Gantt and outline exports): "4) Title" in one row,
"4.1)" alone with its title a cell or more to the right in the next; a row whose number has sub-numbers
under it is a group, not an item; a row repeated cell for cell is read once."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from accord.text.layout.tree import fold_number_cells
from accord.text.readers.blocks import TableRow
from tests.text.builders import build_docx

MD_EN = """# Survey plan

| Task | | Owner | Effort |
| --- | --- | --- | --- |
| 1) Survey the partners | | Ana Ruiz | 4d |
| 2) Questionnaire work | | Ana Ruiz | 2w |
| 2.1) | Draft the questionnaire | Ana Ruiz | 3d |
| 2.2) | Send the questionnaire | Ben Cole | 2d |
| 2.2) | Send the questionnaire | Ben Cole | 2d |
| 3) Report the results | | Ben Cole | 1w |
"""


def test_shifted_outline_rows_in_markdown() -> None:
    draft = import_text("plan.md", MD_EN.encode())
    assert [(i.what, i.owners) for i in draft.items()] == [
        ("Survey the partners", ["Ana Ruiz"]),
        ("Draft the questionnaire", ["Ana Ruiz"]),
        ("Send the questionnaire", ["Ben Cole"]),
        ("Report the results", ["Ben Cole"]),
    ]
    assert "Questionnaire work" in [s.title for s in draft.sections]
    assert any("repeats the row above" in p.message for p in draft.problems)


@pytest.mark.parametrize(
    "rows",
    [
        [
            ["Tâche", "", "Responsable"],
            ["A.1) Réunir le comité", "", "Claire Morel"],
            ["A.2) Préparer l'atelier", "", "Claire Morel"],
            ["A.2.1)", "Réserver la salle", "Paul Roche"],
            ["A.2.2)", "Inviter les experts", "Claire Morel"],
        ],
        [
            ["Aufgabe", "", "", "Verantwortlich"],
            ["1. Ausschuss einberufen", "", "", "Eva Braun"],
            ["2. Workshop vorbereiten", "", "", "Eva Braun"],
            ["2.1", "", "Raum buchen", "Jan Kohl"],
            ["2.2", "", "Fachleute einladen", "Eva Braun"],
        ],
    ],
)
def test_shifted_outline_rows_in_word_in_french_and_german(rows: list[list[str]]) -> None:
    blocks = [TableRow(rows[0], header=True), *(TableRow(r) for r in rows[1:])]
    draft = import_text("plan.docx", build_docx(blocks))
    items = draft.items()
    assert len(items) == 3
    assert [i.owners[0] for i in items] == [rows[1][-1], rows[3][-1], rows[4][-1]]
    assert items[1].what == next(c for c in rows[3][1:] if c)
    assert not any(i.what[:1].isdigit() or i.what.startswith("A.") for i in items)


def test_a_numbered_column_without_text_beside_its_numbers_is_left_alone() -> None:
    rows = [["No.", "What", "Who"], ["1.", "Open the call", "Ana Ruiz"], ["2.", "Close the call", "Ben Cole"]]
    assert fold_number_cells(rows) == (rows, set())


def test_a_when_column_of_quarters_is_not_an_outline() -> None:
    rows = [["Task", "When"], ["Open the call", "Q1 2027"], ["Close the call", "Q3"]]
    assert fold_number_cells(rows) == (rows, set())
