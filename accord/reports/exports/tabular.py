"""The rows of the item spreadsheets (XLSX and CSV): one row per item, the same columns in both."""

from __future__ import annotations

from accord.reports.exports.data import PlanExport
from accord.text.spreadsheet import COLUMNS

__all__ = ["COLUMNS", "rows", "yes_no"]


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def rows(export: PlanExport) -> list[list[str]]:
    """Every cell as text: dates in ISO form, flags as yes/no, the status as its label."""
    title = export.title
    out = []
    for section in export.sections:
        for item in section.items:
            out.append(
                [
                    title,
                    section.number,
                    section.sheet_title,
                    item.what,
                    item.who,
                    item.when,
                    item.start.isoformat() if item.start else "",
                    item.end.isoformat() if item.end else "",
                    item.precision,
                    item.status_label,
                    yes_no(item.tentative),
                    yes_no(item.open_call),
                    item.updated_at.isoformat(timespec="seconds") if item.updated_at else "",
                    item.url,
                ]
            )
    return out
