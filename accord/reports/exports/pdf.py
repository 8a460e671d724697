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

from accord.reports.exports.data import PlanExport

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


# Column widths (per cent) of the item tables, by the columns present. The table layout is fixed (WeasyPrint
# sizes the columns from these, not by measuring every cell of a long plan), so each column must stay wide
# enough for its longest unbreakable word: the PDF reader tells cells apart by the gaps between them, and a word
# that overflows its cell runs into the next one.
_WIDTHS = {
    (False, False): (("what", 50), ("who", 27), ("when", 23)),
    (True, False): (("what", 42), ("who", 22), ("when", 20), ("state", 16)),
    (False, True): (("what", 38), ("who", 20), ("when", 18), ("notes", 24)),
    (True, True): (("what", 32), ("who", 17), ("when", 16), ("state", 16), ("notes", 19)),
}


def document_html(export: PlanExport) -> str:
    notes = [
        (str(n).translate(_SUPERSCRIPT), str(note))
        for n, note in enumerate(export.plan.footnotes or [], 1)
        if str(note).strip()
    ]
    columns = _WIDTHS[(bool(export.status_column), bool(export.has_details))]
    return render_to_string("reports/export_document.html", {"export": export, "notes": notes, "columns": columns})


def _stylesheets() -> list[str]:
    found = [finders.find("reports/export_print.css")]
    return [str(p) for p in found if p]


def render_pdf(export: PlanExport) -> bytes:
    from weasyprint import CSS, HTML

    html = HTML(string=document_html(export), base_url="/")
    # presentational_hints: the columns' widths come as <col width> (the page templates carry no style attributes).
    return html.write_pdf(stylesheets=[CSS(filename=p) for p in _stylesheets()], presentational_hints=True)
