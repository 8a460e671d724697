"""Plan exports: DOCX, PDF, XLSX, CSV, Markdown and iCalendar, all from one loader (data.py).

`render(export, fmt)` returns the file's bytes; `FORMATS` names each format's extension and media type.
"""

from __future__ import annotations

from dataclasses import dataclass

from accord.reports.exports.data import PlanExport, load_plan_export

__all__ = ["FORMATS", "ExportFormat", "PlanExport", "file_name", "load_plan_export", "render"]


@dataclass(frozen=True)
class ExportFormat:
    key: str
    extension: str
    media_type: str
    label: str


FORMATS: dict[str, ExportFormat] = {
    f.key: f
    for f in (
        ExportFormat("docx", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
        ExportFormat("pdf", "pdf", "application/pdf", "PDF"),
        ExportFormat("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
        ExportFormat("csv", "csv", "text/csv; charset=utf-8", "CSV"),
        ExportFormat("md", "md", "text/markdown; charset=utf-8", "Markdown"),
        ExportFormat("ics", "ics", "text/calendar; charset=utf-8", "Calendar"),
    )
}


def render(export: PlanExport, fmt: str) -> bytes:
    if fmt == "docx":
        from accord.reports.exports.docx import render_docx

        return render_docx(export)
    if fmt == "pdf":
        from accord.reports.exports.pdf import render_pdf

        return render_pdf(export)
    if fmt == "xlsx":
        from accord.reports.exports.xlsx import render_xlsx

        return render_xlsx(export)
    if fmt == "csv":
        from accord.reports.exports.csv import render_csv

        return render_csv(export)
    if fmt == "md":
        from accord.reports.exports.markdown import render_markdown

        return render_markdown(export)
    if fmt == "ics":
        from accord.reports.exports.ics import render_plan_ics

        return render_plan_ics(export)
    raise ValueError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")


def file_name(export: PlanExport, fmt: str) -> str:
    """ "work-programme-n3-2021-07.docx": the plan's title and period, safe in any file system."""
    from django.utils.text import slugify

    plan = export.plan
    stem = slugify(export.title)[:80] or f"plan-{plan.pk}"
    if plan.period_start and f"{plan.period_start:%Y}" not in stem:
        stem += f"-{plan.period_start:%Y-%m}"
    return f"{stem}.{FORMATS[fmt].extension}"
