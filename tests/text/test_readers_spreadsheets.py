"""Spreadsheets in: CSV of any delimiter and encoding, XLSX with merged cells, title rows and several sheets,
read as Table blocks with sheet and row/column provenance, and imported through the same layout."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest

from accord.text.layout import import_text
from accord.text.readers import Heading, Paragraph, Table, detect_format, read_document
from accord.text.readers.spreadsheet import sniff_delimiter

ROWS = [
    ["Action", "Responsible", "Deadline"],
    ["Map the partners", "ZSI", "May 2026"],
    ["Run the summer school; invite the alumni", "DLR", "July 2026"],
]


def _csv(rows: list[list[str]], delim: str) -> str:
    def cell(c: str) -> str:
        return f'"{c}"' if any(ch in c for ch in (delim, '"', ",", ";")) else c

    return "\n".join(delim.join(cell(c) for c in r) for r in rows) + "\n"


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_csv_delimiter_is_sniffed(delim: str) -> None:
    text = _csv(ROWS, delim)
    assert sniff_delimiter(text) == delim
    blocks = read_document("actions.csv", text.encode(), isolated=False)
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.header == ROWS[0]
    assert table.rows == ROWS[1:]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252", "utf-8"])
def test_csv_encodings(encoding: str) -> None:
    rows = [["Maßnahme", "Verantwortlich", "Termin"], ["Partner erfassen", "Universität Wien", "März 2026"]]
    data = _csv(rows, ";").encode(encoding)
    assert detect_format("liste.csv", data) == "csv"
    table = next(b for b in read_document("liste.csv", data, isolated=False) if isinstance(b, Table))
    assert table.header == rows[0] and table.rows == rows[1:]


def test_csv_row_provenance_and_title_lines() -> None:
    text = "Action plan 2026\n\n" + _csv(ROWS, ",")
    blocks = read_document("plan.csv", text.encode(), isolated=False)
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Action plan 2026"
    table = next(b for b in blocks if isinstance(b, Table))
    assert [loc.row for loc in table.row_locations] == [4, 5]
    assert table.columns == [1, 2, 3]


def test_csv_without_a_header_row() -> None:
    rows = [["Map the partners", "ZSI", "2026-05-01"], ["Run the school", "DLR", "2026-07-01"]]
    table = next(
        b for b in read_document("plain.csv", _csv(rows, ",").encode(), isolated=False) if isinstance(b, Table)
    )
    assert table.header is None and table.rows == rows


def _xlsx(build) -> bytes:
    wb = openpyxl.Workbook()
    build(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_xlsx_reads_values_dates_and_provenance() -> None:
    def build(wb: openpyxl.Workbook) -> None:
        ws = wb.active
        ws.title = "Actions"
        ws["B2"] = "Work plan 2026"
        ws.append([])
        ws["B4"], ws["C4"], ws["D4"] = "What?", "Who?", "When?"
        ws["B5"], ws["C5"], ws["D5"] = "Map the partners", "ZSI", dt.date(2026, 5, 1)
        ws["B6"], ws["C6"], ws["D6"] = "Count the members", "DLR", 3.0
        ws["B7"], ws["C7"], ws["D7"] = "Plan the meeting", "ZSI", "=TODAY()"

    blocks = read_document("plan.xlsx", _xlsx(build))
    assert isinstance(blocks[0], Paragraph) and blocks[0].text == "Work plan 2026"
    table = next(b for b in blocks if isinstance(b, Table))
    assert table.sheet == "Actions"
    assert table.header == ["What?", "Who?", "When?"]
    assert table.rows[0] == ["Map the partners", "ZSI", "2026-05-01"]
    assert table.rows[1][2] == "3"
    assert table.rows[2][2] == ""  # a formula with no cached value is empty, never evaluated or kept as code
    assert table.columns == [2, 3, 4]
    assert [loc.row for loc in table.row_locations] == [5, 6, 7]


def test_xlsx_merged_cells() -> None:
    def build(wb: openpyxl.Workbook) -> None:
        ws = wb.active
        ws.append(["Priority", "Action", "Lead", "Due"])
        ws.append(["Research", "Map the partners", "ZSI", "May 2026"])
        ws.append(["", "Publish the map", "ZSI", "June 2026"])
        ws.merge_cells("A2:A3")  # a group cell merged down over its two actions
        ws.append(["Training: the summer school and its follow-up"])
        ws.merge_cells("A4:D4")  # a heading row across the table
        ws.append(["Training", "Run the school", "DLR", "July 2026"])

    table = next(b for b in read_document("merged.xlsx", _xlsx(build)) if isinstance(b, Table))
    assert table.header == ["Priority", "Action", "Lead", "Due"]
    assert table.rows[1][0] == "Research"  # the merged-down cell gives its text to each row it covers
    assert table.full_width_rows == {2}
    assert table.rows[2][0].startswith("Training:")


def test_xlsx_group_header_over_a_second_header_row() -> None:
    def build(wb: openpyxl.Workbook) -> None:
        ws = wb.active
        ws.append(["Action", "Lead", "Dates", ""])
        ws.merge_cells("C1:D1")
        ws.append(["", "", "Start", "End"])
        ws.append(["Map the partners", "ZSI", "2026-03", "2026-05"])

    table = next(b for b in read_document("dates.xlsx", _xlsx(build)) if isinstance(b, Table))
    assert table.header == ["Action", "Lead", "Dates Start", "Dates End"]
    assert table.rows == [["Map the partners", "ZSI", "2026-03", "2026-05"]]


def test_xlsx_sheets_are_headings_and_hidden_sheets_are_skipped() -> None:
    def build(wb: openpyxl.Workbook) -> None:
        first = wb.active
        first.title = "Research"
        first.append(["Action", "Lead"])
        first.append(["Map the partners", "ZSI"])
        second = wb.create_sheet("Training")
        second.append(["Action", "Lead"])
        second.append(["Run the school", "DLR"])
        hidden = wb.create_sheet("Lookups")
        hidden.append(["ZSI", "DLR"])
        hidden.sheet_state = "hidden"

    blocks = read_document("sheets.xlsx", _xlsx(build))
    assert [b.text for b in blocks if isinstance(b, Heading)] == ["Research", "Training"]
    assert [b.sheet for b in blocks if isinstance(b, Table)] == ["Research", "Training"]
    assert [loc.table for b in blocks if isinstance(b, Table) for loc in b.row_locations] == [1, 2]


def test_a_renamed_xlsx_is_read_for_what_it_is() -> None:
    def build(wb: openpyxl.Workbook) -> None:
        wb.active.append(["Action", "Lead"])
        wb.active.append(["Map the partners", "ZSI"])

    assert detect_format("plan.docx", _xlsx(build)) == "xlsx"


def test_a_stated_dimension_larger_than_the_data_does_not_pad() -> None:
    def build(wb: openpyxl.Workbook) -> None:
        ws = wb.active
        ws.append(["Action", "Lead"])
        ws.append(["Map the partners", "ZSI"])
        ws["XFD1048576"] = None

    table = next(b for b in read_document("wide.xlsx", _xlsx(build)) if isinstance(b, Table))
    assert table.rows == [["Map the partners", "ZSI"]]


@pytest.mark.parametrize("name", ["actions.csv", "actions.xlsx"])
def test_a_spreadsheet_imports_as_a_plan(name: str) -> None:
    if name.endswith(".csv"):
        data = ("Work plan 2026\n" + _csv(ROWS, ",")).encode()
    else:

        def build(wb: openpyxl.Workbook) -> None:
            wb.active.append(["Work plan 2026"])
            for r in ROWS:
                wb.active.append(r)

        data = _xlsx(build)
    draft = import_text(name, data)
    whats = [i.what for i in draft.items()]
    assert any("Map the partners" in w for w in whats)
    assert any("summer school" in w for w in whats)
