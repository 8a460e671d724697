"""The hand-over brief and the progress report: their content, the Word and PDF files read back as text, who may
see them, and a bounded number of queries whatever the plan's size."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accord.network.models import NetworkRole
from accord.reports import handover, progress
from accord.testing import factories as f
from tests.reports.story import story_fixture  # noqa: F401  (the `story` fixture)

ON = "2021-12-15"


def docx_text(content: bytes) -> str:
    """The Word file's paragraphs and table rows ("a | b | c") in document order, then its header."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(content))
    parts = []
    for child in doc.element.body.iterchildren():
        if child.tag.endswith("}p"):
            parts.append(Paragraph(child, doc).text)
        elif child.tag.endswith("}tbl"):
            parts += [" | ".join(cell.text for cell in row.cells) for row in Table(child, doc).rows]
    parts += [p.text for p in doc.sections[0].header.paragraphs]
    return "\n".join(parts)


def pdf_text(content: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def url(name, network, plan, **query):
    base = reverse(f"reports:{name}", args=[network.slug, plan.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# The hand-over brief -------------------------------------------------------------------------------------------


def test_the_brief_sorts_the_plan_into_done_open_carried_coming_and_calls(viewer, plan, story):
    brief = handover.build(viewer, plan, dt.date(2021, 12, 15))
    whats = lambda groups: {i.what for g in groups for i in g.items}  # noqa: E731
    assert whats(brief.done) == {"General Assembly in Vienna", "Policy brief on open science"}
    assert whats(brief.open) == {"Stakeholder mapping", "Annual activity report", "Quarterly newsletter"}
    assert [i.what for i in brief.carried] == ["New website"]
    assert brief.next_plan == story["next_plan"] and brief.change_date == dt.date(2022, 1, 1)
    assert brief.horizon == dt.date(2022, 3, 31)
    # the next three months: open work of this plan and the next that meets January–March 2022 (the carried
    # website's December time is over: it is flagged for review, not counted as coming)
    later = f.make_item(
        story["next_plan"].sections.get(), what="Website launch", start=dt.date(2022, 2, 1), end=dt.date(2022, 2, 28)
    )
    brief = handover.build(viewer, plan, dt.date(2021, 12, 15))
    assert {(i.what, i.plan_id) for i in brief.coming} == {
        ("Stakeholder mapping", plan.pk),
        ("Quarterly newsletter", plan.pk),
        (later.what, later.plan_id),
    }
    assert [i.what for i in brief.open_calls] == ["Stakeholder mapping"]
    assert [e.title for e in brief.events] == ["Spring board meeting"]
    assert (brief.trio.previous.label, brief.trio.current.label, brief.trio.next.label) == (
        "ZSI (Austria)",
        "CNRS",
        "VUB",
    )


def test_the_brief_page_shows_each_part(client, viewer, network, plan, story):
    client.force_login(viewer)
    html = client.get(url("handover", network, plan)).content.decode()
    for text in (
        "What was done",
        "General Assembly in Vienna",
        "What is open",
        "Annual activity report",
        "DLR-PT, ZSI",
        "October 2021",
        "What was carried over",
        "Work Programme 2022",
        "The next three months",
        "Spring board meeting",
        "Open calls",
        "Stakeholder mapping",
        "The Trio after the change",
        "ZSI (Austria)",
        "VUB",
    ):
        assert text in html, text
    assert url("handover_docx", network, plan) in html and url("handover_pdf", network, plan) in html


def test_the_brief_as_word(client, viewer, network, plan, story):
    client.force_login(viewer)
    response = client.get(url("handover_docx", network, plan, on=ON))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment;" in response["Content-Disposition"] and ".docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    assert "Hand-over brief: Draft Work Programme" in text
    assert "Annual activity report | DLR-PT, ZSI | October 2021 | planned" in text
    assert "New website | ZSI | Work Programme 2022" in text
    assert "Next chair | VUB" in text
    assert "Spring board meeting — February 2022" in text
    assert network.name in text and "15 December 2021" in text  # the header


def test_the_brief_as_pdf(client, viewer, network, plan, story):
    client.force_login(viewer)
    response = client.get(url("handover_pdf", network, plan, on=ON))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    for phrase in (
        "Hand-over brief: Draft Work Programme",
        "What was done",
        "Annual activity report",
        "The Trio after the change",
        "ZSI (Austria)",
        "Stakeholder mapping",
        "1 / ",
    ):
        assert phrase in text, phrase
    assert network.name in text


# The progress report -------------------------------------------------------------------------------------------


def test_the_report_counts_per_priority_and_organisation(viewer, plan, story):
    report = progress.build(viewer, plan, dt.date(2021, 12, 15))
    rows = {r.label: r.counts for r in report.sections}
    assert rows["1. Awareness-raising"] == {
        "done": 1,
        "in_progress": 0,
        "planned": 1,
        "late": 1,
        "dropped": 0,
        "carried_over": 0,
    }
    assert rows["2. Communication"] == {
        "done": 1,
        "in_progress": 1,
        "planned": 0,
        "late": 0,
        "dropped": 1,
        "carried_over": 1,
    }
    assert report.totals.total == 7
    orgs = {r.label: r.counts for r in report.organisations}
    assert orgs["ZSI"]["done"] == 1 and orgs["ZSI"]["late"] == 1 and orgs["ZSI"]["carried_over"] == 1
    assert orgs["CNRS"]["done"] == 1 and orgs["FECYT"]["dropped"] == 1
    assert [r.label for r in report.organisations][:2] == ["ZSI", "CNRS"]  # most done, then most work, first
    assert [e.title for e in report.events] == ["Science diplomacy training"]
    assert [i.what for i in report.outputs] == ["Policy brief on open science"]
    assert [i.what for i in report.late] == ["Annual activity report"]


def test_the_report_page_carries_its_chart_data_and_no_inline_script(client, viewer, network, plan, story):
    client.force_login(viewer)
    html = client.get(url("progress", network, plan, on=ON)).content.decode()
    island = re.search(r'<script id="progress-data" type="application/json">(.*?)</script>', html, re.S)
    data = json.loads(island.group(1))
    assert data["labels"] == ["1. Awareness-raising", "2. Communication"]
    late = next(d for d in data["datasets"] if d["status"] == "late")
    assert late["data"] == [1, 0]
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert scripts == [], "inline scripts"
    assert "reports/progress-chart.js" in html
    for text in (
        "Contributions of each organisation",
        "Events held",
        "Science diplomacy training",
        "Outputs produced",
        "Policy brief on open science",
    ):
        assert text in html


def test_the_report_as_word_and_pdf(client, viewer, network, plan, story):
    client.force_login(viewer)
    text = docx_text(client.get(url("progress_docx", network, plan, on=ON)).content)
    assert "Progress report: Draft Work Programme" in text
    assert "1. Awareness-raising | 1 | 0 | 1 | 1 | 0 | 0 | 3" in text
    assert "ZSI | 1 | 0 | 0 | 1 | 0 | 1 | 3" in text
    assert "Policy brief on open science (CNRS)" in text
    pdf = client.get(url("progress_pdf", network, plan, on=ON)).content
    text = pdf_text(pdf)
    for phrase in (
        "Progress report: Draft Work Programme",
        "Per priority",
        "Contributions of each organisation",
        "Science diplomacy training",
        "Policy brief on open science",
    ):
        assert phrase in text, phrase


def test_a_bad_date_is_refused(client, viewer, network, plan, story):
    client.force_login(viewer)
    assert client.get(url("progress", network, plan, on="15/12/2021")).status_code == 404


# Who may see them ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["handover", "handover_docx", "handover_pdf", "progress", "progress_docx", "progress_pdf"]
)
def test_only_who_may_see_the_plan_sees_its_brief_and_report(client, network, other_network, plan, story, name):
    client.force_login(f.make_user())
    assert client.get(url(name, network, plan)).status_code == 404
    member_elsewhere = f.make_user()
    f.grant(member_elsewhere, other_network, NetworkRole.ADMIN)
    client.force_login(member_elsewhere)
    assert client.get(url(name, network, plan)).status_code == 404
    assert client.get(reverse(f"reports:{name}", args=[other_network.slug, plan.pk])).status_code == 404
    client.logout()
    assert client.get(url(name, network, plan)).status_code == 302  # sign in first


@pytest.mark.parametrize("name", ["handover", "progress"])
def test_pages_cost_the_same_queries_for_10_or_many_items(client, viewer, network, plan, section, orgs, name):
    counts = []
    for n in (10, 120):
        for i in range(n - (10 if counts else 0)):
            f.make_item(
                section,
                what=f"Task {i}",
                owners=[orgs["ZSI"], f"Partner {i}"],
                start=dt.date(2021, 12, 1),
                end=dt.date(2022, 1, 31),
                open_call=i % 3 == 0,
            )
        client.force_login(viewer)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url(name, network, plan, on=ON)).status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


def test_without_a_started_next_plan_the_brief_reads_the_following_one(viewer, network, plan, section, orgs):
    later = f.make_plan(network, title="Imported 2022 programme", start=dt.date(2022, 1, 1), end=dt.date(2022, 6, 30))
    f.make_item(
        f.make_section(later, "Next"), what="Spring school", start=dt.date(2022, 3, 1), end=dt.date(2022, 3, 31)
    )
    f.make_plan(network, title="Much later", start=dt.date(2023, 1, 1), end=dt.date(2023, 6, 30))
    brief = handover.build(viewer, plan, dt.date(2021, 12, 15))
    assert brief.next_plan == later and [i.what for i in brief.coming] == ["Spring school"]


def test_the_pdf_header_keeps_the_networks_name_as_written(client, viewer, network, plan, story):
    from accord.network.models import Network

    Network.objects.filter(pk=network.pk).update(name="Women’s & Young Scientists' Network <NL>")
    client.force_login(viewer)
    text = pdf_text(client.get(url("progress_pdf", network, plan, on=ON)).content)
    assert "Women’s & Young Scientists' Network <NL> · 15 December 2021" in text


def test_the_word_chart_shares_its_cells_in_proportion():
    from accord.reports.documents import shares

    assert shares([1, 1, 1], 24) == [8, 8, 8]
    assert shares([2, 1, 0], 24) == [16, 8, 0]
    assert sum(shares([3, 5, 7, 1], 24)) == 24
    assert shares([0, 0], 24) == [0, 0]


def test_the_progress_report_in_word_draws_its_bars(client, viewer, network, plan, story):
    from docx import Document

    client.force_login(viewer)
    doc = Document(io.BytesIO(client.get(url("progress_docx", network, plan, on=ON)).content))
    chart = doc.tables[0]
    fills = [[cell._tc.xpath("./w:tcPr/w:shd/@w:fill") for cell in row.cells[1:]] for row in chart.rows]
    first = [f[0] if f else "" for f in fills[0]]
    # 1. Awareness-raising: one done, one planned, one late -> a third of the bar each
    assert first.count("1a7f37") == 8 and first.count("8c959f") == 8 and first.count("cf222e") == 8
    assert chart.rows[0].cells[0].text == "1. Awareness-raising"
