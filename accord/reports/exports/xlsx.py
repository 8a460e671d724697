"""XLSX of a plan's items, written by openpyxl in write-only mode; every cell is a string cell, so no text can
become a formula, a number or a date in the spreadsheet program."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from accord.reports.exports.cells import xml_safe
from accord.reports.exports.data import PlanExport
from accord.reports.exports.tabular import COLUMNS, rows

WIDTHS = {
    "Plan": 28,
    "No.": 5,
    "Section": 30,
    "What": 60,
    "Owners": 24,
    "When": 22,
    "Start": 11,
    "End": 11,
    "Precision": 10,
    "Status": 12,
    "Tentative": 9,
    "Open call": 9,
    "Last change": 20,
    "Link": 40,
}


def _cell(sheet, value: str, font: Font | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=xml_safe(value))
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if font is not None:
        cell.font = font
    return cell


def render_xlsx(export: PlanExport) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Items")
    for i, name in enumerate(COLUMNS):
        sheet.column_dimensions[chr(ord("A") + i)].width = WIDTHS.get(name, 14)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, name, bold) for name in COLUMNS])
    for row in rows(export):
        sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
