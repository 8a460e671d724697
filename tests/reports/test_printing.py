"""Printing long documents in parts (accord.reports.printing): the pages are numbered across the whole document,
the running header is on every page, the parts' text is the whole document's, a part whose process fails is
printed anyway, and a plan printed in parts reads back as the same plan."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import threading
from pathlib import Path

import pytest

from accord.imports.revision import plan_revision, read_revision
from accord.reports import handover, printing
from accord.reports.documents import render_pdf as render_report_pdf
from accord.reports.exports import file_name, load_plan_export
from accord.reports.exports.pdf import render_pdf
from accord.testing.plans import make_generated_plan
from tests.reports.conftest import TODAY
from tests.reports.story import story_fixture  # noqa: F401  (the `story` fixture)

FOOTER = re.compile(r"^(?:Page )?(\d+) (?:of|/) (\d+)$")  # the plan's "Page 2 of 5", a report's "2 / 5"
TABLE_HEAD = re.compile(r"^What\? ")  # a table's head row, repeated on each page it runs over


def _pages(data: bytes) -> list[list[str]]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(page.extract_text() or "").splitlines() for page in pdf.pages]


def _body(pages: list[list[str]], header: str) -> list[str]:
    """The document's lines without the page margins (header, "Page N of M") and without the table headers a
    page repeats."""
    return [
        line
        for lines in pages
        for line in lines
        if line != header and not FOOTER.match(line) and not TABLE_HEAD.match(line)
    ]


def _numbered_through(pages: list[list[str]]) -> bool:
    footers = [next((FOOTER.match(line) for line in lines if FOOTER.match(line)), None) for lines in pages]
    return all(m and (int(m[1]), int(m[2])) == (n, len(pages)) for n, m in enumerate(footers, 1))


@pytest.fixture
def plan_of_60(network):
    return make_generated_plan(network, items=40, sections=4)


def test_a_plan_in_parts_has_its_pages_numbered_through_and_the_same_text(plan_of_60):
    export = load_plan_export(plan_of_60, today=TODAY)
    whole, parted = render_pdf(export, parts=1), render_pdf(export, parts=3)
    pages_whole, pages_parted = _pages(whole), _pages(parted)
    assert len(pages_parted) >= 3  # each part starts a page
    assert _numbered_through(pages_whole) and _numbered_through(pages_parted)
    assert all(export.header_line in lines for lines in pages_parted)
    # The same lines in the same order: the title once, every priority and item once.
    assert _body(pages_parted, export.header_line) == _body(pages_whole, export.header_line)
    assert sum(line == export.title for lines in pages_parted for line in lines) == 1


def test_the_parts_keep_the_outline_title_and_language(plan_of_60):
    from pypdf import PdfReader

    export = load_plan_export(plan_of_60, today=TODAY)
    reader = PdfReader(io.BytesIO(render_pdf(export, parts=2)))
    assert reader.metadata.title == export.title
    assert reader.trailer["/Root"]["/Lang"] == "en"
    title, priorities = reader.outline  # as when printed whole: the title, and under it every priority
    assert title.title == export.title
    assert [p.title for p in priorities] == [s.heading for s in export.sections]
    assert reader.get_destination_page_number(priorities[-1]) > 0


def test_a_part_whose_process_fails_is_printed_by_the_parent(plan_of_60, monkeypatch):
    def crash(send, *args):
        os._exit(3)

    monkeypatch.setattr(printing, "_child", crash)
    monkeypatch.setattr(printing, "can_fork", lambda: True)
    export = load_plan_export(plan_of_60, today=TODAY)
    pages = _pages(render_pdf(export, parts=2))
    assert _numbered_through(pages)
    assert _body(pages, export.header_line) == _body(_pages(render_pdf(export, parts=1)), export.header_line)


def test_with_another_thread_running_the_parts_are_printed_in_turn(plan_of_60, monkeypatch):
    forks = []
    monkeypatch.setattr(printing, "_parts_in_parallel", lambda *a: forks.append(a))
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not printing.can_fork()
        assert printing.part_count(10_000) == 1  # a long document is printed whole
        pages = _pages(render_pdf(load_plan_export(plan_of_60, today=TODAY), parts=2))
    finally:
        stop.set()
        thread.join()
    assert forks == [] and _numbered_through(pages)


def test_the_brief_in_parts_says_what_the_whole_brief_says(viewer, network, plan, story):
    on = dt.date(2021, 12, 15)
    brief = handover.build(viewer, plan, on)
    context = {"network": network, "nav": "plans", **handover.context(brief)}
    header = f"{network.name} · 15 December 2021"

    def pdf(parts):
        return _pages(
            render_report_pdf(
                "reports/handover.html", context, title=context["doc_title"], network=network.name, on=on, parts=parts
            )
        )

    parts = handover.print_parts(context, 3)
    assert len(parts) == 3 and parts[0]["part"]["first"] and not parts[1]["part"]["first"]
    whole, parted = pdf(()), pdf(parts)
    assert _numbered_through(parted) and all(header in lines for lines in parted)
    assert _body(parted, header) == _body(whole, header)
    for heading in ("What was done", "What is open", "The Trio after the change"):
        assert sum(line == heading for lines in parted for line in lines) == 1


def test_a_short_brief_is_printed_whole(viewer, plan, story):
    context = handover.context(handover.build(viewer, plan, dt.date(2021, 12, 15)))
    assert handover.print_parts(context) == []


@pytest.mark.parametrize(
    ("weights", "parts", "runs"),
    [
        ([5, 5, 5, 5], 2, [(0, 2), (2, 4)]),
        ([100, 1, 1], 2, [(0, 1), (1, 3)]),
        ([1, 1, 100], 2, [(0, 2), (2, 3)]),
        ([1, 1, 100], 3, [(0, 1), (1, 2), (2, 3)]),
        ([3], 4, [(0, 1)]),
        ([10, 10, 10, 10, 10, 10], 3, [(0, 2), (2, 4), (4, 6)]),
        ([0, 0, 0], 2, [(0, 1), (1, 3)]),
        ([], 2, []),
        ([4, 4, 1, 1, 1, 1], 2, [(0, 1), (1, 6)]),
    ],
)
def test_split_evenly_gives_consecutive_runs_of_about_the_same_weight(weights, parts, runs):
    got = printing.split_evenly(weights, parts)
    assert [(r.start, r.stop) for r in got] == runs
    assert [i for r in got for i in r] == list(range(len(weights)))


def test_part_count_grows_with_the_rows_and_the_cores(monkeypatch):
    monkeypatch.setattr(printing, "can_fork", lambda: True)
    monkeypatch.setattr(printing, "_cpus", lambda: 2)
    assert printing.part_count(100) == 1
    assert printing.part_count(printing.ROWS_PER_PART * 2) == 2
    assert printing.part_count(100_000) == 2
    monkeypatch.setattr(printing, "_cpus", lambda: 16)
    assert printing.part_count(100_000) == printing.MAX_PARTS
    monkeypatch.setattr(printing, "can_fork", lambda: False)
    assert printing.part_count(100_000) == 1


def test_the_lean_user_agent_sheet_is_in_use_and_keeps_list_markers():
    # If this fails after a WeasyPrint upgrade, printing still works with WeasyPrint's own sheet, only slower.
    assert printing.uses_lean_user_agent()
    css = printing.lean_user_agent_css()
    assert not re.search(r"^::", css, re.MULTILINE)
    assert "li::marker" in css and "tbody" in css
    data, pages = printing.render_part(
        '<html lang="en"><body><ul><li>First point</li></ul><p>After <b>bold</b></p></body></html>', []
    )
    text = _pages(data)[0]
    assert pages == 1 and "• First point" in text and "After bold" in text


@pytest.mark.slow
def test_a_generated_plan_printed_in_parts_reads_back_as_the_same_plan(network):
    plan = make_generated_plan(network, items=250)
    export = load_plan_export(plan)
    draft = read_revision(file_name(export, "pdf"), render_pdf(export, parts=2), plan)
    assert [f"{c.kind}: {c.what}" for c in plan_revision(plan, draft).changes] == []


def test_every_column_width_of_the_plan_pdf_has_its_class():
    from django.contrib.staticfiles import finders

    from accord.reports.exports import pdf

    css = Path(finders.find("reports/export_print.css")).read_text(encoding="utf-8")
    for columns in pdf._WIDTHS.values():
        assert sum(w for _name, w in columns) == 100
        for _name, width in columns:
            assert f".w{width} {{ width: {width}%; }}" in css
