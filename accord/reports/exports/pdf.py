"""PDF of a plan, laid out by WeasyPrint from the HTML of the Document tab's print view.

The page is `reports/export_document.html` (the Document tab's article, priorities and What / Who / When tables,
with owners and times as written so the importer reads them back) under the print stylesheet
`reports/export_print.css`: the print rules of the site's stylesheet, and the page (A4, the network and the date of
export at the top of each page, its number at the bottom). The plan's notes close the document as
superscript-numbered footnotes.
"""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from accord.reports import printing
from accord.reports.exports.data import PlanExport

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# Column widths (per cent) of the item tables, by the columns present: each is a class `wNN` of
# export_print.css on the column's <col>. The table layout is fixed (WeasyPrint sizes the columns from these,
# not by measuring every cell of a long plan), so each column must stay wide
# enough for its longest unbreakable word: the PDF reader tells cells apart by the gaps between them, and a word
# that overflows its cell runs into the next one.
_WIDTHS = {
    (False, False): (("what", 50), ("who", 27), ("when", 23)),
    (True, False): (("what", 42), ("who", 22), ("when", 20), ("state", 16)),
    (False, True): (("what", 38), ("who", 20), ("when", 18), ("notes", 24)),
    (True, True): (("what", 32), ("who", 17), ("when", 16), ("state", 16), ("notes", 19)),
}


def document_html(export: PlanExport, sections: range | None = None) -> str:
    """The print HTML of the plan, or of the part of it that holds `sections` (indexes, consecutive)."""
    notes = [
        (str(n).translate(_SUPERSCRIPT), str(note))
        for n, note in enumerate(export.plan.footnotes or [], 1)
        if str(note).strip()
    ]
    columns = _WIDTHS[(bool(export.status_column), bool(export.has_details))]
    every = range(len(export.sections))
    part = every if sections is None else sections
    context = {
        "export": export,
        "notes": notes,
        "columns": columns,
        "sections": [export.sections[i] for i in part],
        "first": not part or part[0] == 0,
        "last": not part or part[-1] == every[-1],
    }
    return render_to_string("reports/export_document.html", context)


def _stylesheets() -> list[str]:
    path = finders.find("reports/export_print.css")
    if not path:
        raise FileNotFoundError("reports/export_print.css")
    with open(path, encoding="utf-8") as handle:
        return [handle.read()]


def render_pdf(export: PlanExport, *, parts: int | None = None) -> bytes:
    """The plan as PDF. A long plan is printed in parts, one run of whole priorities each (accord.reports.printing);
    `parts` overrides the number the plan's length and the machine give."""
    weights = [len(s.items) + 1 for s in export.sections]
    count = printing.part_count(sum(weights)) if parts is None else parts
    runs = printing.split_evenly(weights, count) if count > 1 else []
    html = [document_html(export, run) for run in runs] if len(runs) > 1 else [document_html(export)]

    def frame(pages: int) -> str:
        context = {"title": export.title, "header": export.header_line, "pages": range(pages)}
        return render_to_string("reports/print_frame.html", context)

    return printing.write_pdf(html, _stylesheets(), frame=frame)
