"""A small plan with something of everything an export shows, built through the actions."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest

from accord.audit.actors import SYSTEM
from accord.network import actions as net_actions
from accord.plans import actions as plan_actions
from accord.plans.models import ItemStatus
from accord.testing import factories as f

SNAPSHOTS = Path(__file__).with_name("snapshots")
TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def rich_plan(network, orgs):
    net_actions.do_add_chair_term(
        SYSTEM, network, orgs["ZSI"], start=dt.date(2021, 1, 1), end=dt.date(2021, 6, 30), label="ZSI"
    )
    net_actions.do_add_chair_term(
        SYSTEM,
        network,
        orgs["DLR-PT"],
        start=dt.date(2021, 7, 1),
        end=dt.date(2021, 12, 31),
        label="DLR-PT Brussels Office",
    )
    net_actions.do_add_chair_term(
        SYSTEM, network, orgs["CNRS"], start=dt.date(2022, 1, 1), end=dt.date(2022, 6, 30), label="CNRS"
    )
    plan = f.make_plan(
        network,
        title="Draft Work Programme",
        version_label="n°2",
        theme="Testing the exports",
        chair=orgs["DLR-PT"],
        chair_text="DLR-PT Brussels Office",
        footnotes=["The Board adopts the programme in September."],
    )
    one = f.make_section(
        plan,
        "Communication within the network",
        number="1",
        order=0,
        narrative="Why talking to each other matters.\n\nA second paragraph.",
    )
    two = f.make_section(plan, "Trainings", number="2", order=1)
    f.make_item(
        one,
        "Trio exchange on how we communicate",
        owners=[orgs["ZSI"], orgs["DLR-PT"], orgs["CNRS"]],
        who_text="ZSI/DLR-PT/CNRS",
        when_text="July 2021",
        start=dt.date(2021, 7, 1),
        end=dt.date(2021, 7, 31),
        precision="month",
        status=ItemStatus.DONE,
        order=0,
    )
    f.make_item(
        one,
        "General Assembly",
        owners=[orgs["DLR-PT"]],
        who_text="DLR-PT",
        when_text="Last week of November (tbc)",
        start=dt.date(2021, 11, 22),
        end=dt.date(2021, 11, 28),
        precision="week",
        tentative=True,
        order=1,
    )
    f.make_item(one, "Stakeholder mapping", open_call=True, who_text="Any volunteers?", order=2)
    f.make_item(
        two,
        "Maintaining the online course",
        owners=[orgs["FECYT"]],
        who_text="FECYT",
        when_text="Ongoing",
        start=dt.date(2021, 7, 1),
        end=dt.date(2021, 12, 31),
        precision="period",
        recurrence="ongoing",
        status=ItemStatus.IN_PROGRESS,
        order=0,
    )
    item = f.make_item(
        two,
        "Pilot trainings",
        owners=[orgs["VUB"]],
        who_text="VUB",
        when_text="End 2021",
        start=dt.date(2021, 12, 1),
        end=dt.date(2021, 12, 31),
        precision="month",
        order=1,
    )
    # Re-owned in Accord: the words it was imported with no longer say who.
    plan_actions.do_set_item_owners(SYSTEM, item, [orgs["VUB"], orgs["ZSI"]])
    return plan


def normalise(text: str) -> str:
    """Numbers a database hands out and clocks: the rest of an export is compared as it is."""
    text = re.sub(r"/items/\d+/", "/items/N/", text)
    text = re.sub(r"item-\d+@", "item-N@", text)
    text = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:[+-]\d\d:\d\d|Z)?", "<time>", text)
    text = re.sub(r"DTSTAMP:\S+", "DTSTAMP:<time>", text)
    return text


def assert_snapshot(name: str, text: str) -> None:
    """The export as text equals tests/reports/snapshots/NAME (ACCORD_UPDATE_SNAPSHOTS=1 rewrites it)."""
    import os

    path = SNAPSHOTS / name
    text = normalise(text)
    if os.environ.get("ACCORD_UPDATE_SNAPSHOTS") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path}: run with ACCORD_UPDATE_SNAPSHOTS=1 once and review it"
    assert text == path.read_text(encoding="utf-8")


def docx_text(data: bytes) -> str:
    """A Word file as a person reads it: header, paragraphs with their style, tables by rows, footer, footnotes."""
    import zipfile

    from docx import Document

    doc = Document(io.BytesIO(data))
    lines = [f"[header] {p.text}" for p in doc.sections[0].header.paragraphs]
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            from docx.text.paragraph import Paragraph

            p = Paragraph(child, doc)
            if p.text.strip():
                lines.append(f"[{p.style.name}] {p.text}")
        elif tag == "tbl":
            from docx.table import Table

            table = Table(child, doc)
            lines.append(f"[table {table.style.name}]")
            lines += [" | ".join(c.text for c in row.cells) for row in table.rows]
    footer = doc.sections[0].footer._element.xml
    lines.append("[footer] " + " ".join(re.findall(r'w:instr="([^"]+)"', footer)))
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        if "word/footnotes.xml" in zf.namelist():
            notes = zf.read("word/footnotes.xml").decode()
            lines += [f"[footnote] {t.strip()}" for t in re.findall(r"<w:t[^>]*>([^<]*)</w:t>", notes)]
    return "\n".join(lines) + "\n"


def pdf_text(data: bytes) -> str:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(f"[page {n}]\n{page.extract_text()}" for n, page in enumerate(pdf.pages, 1)) + "\n"
