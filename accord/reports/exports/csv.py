"""CSV of a plan's items: UTF-8 with a byte-order mark (so Excel reads the accents), every cell formula-safe."""

from __future__ import annotations

import csv
import io

from accord.reports.exports.cells import neutralise
from accord.reports.exports.data import PlanExport
from accord.reports.exports.tabular import COLUMNS, rows


def render_csv(export: PlanExport) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(export):
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
