"""What the importer keeps of a document's shape: the plan's title from the document, the outputs of an event's
segment attached to it, the header block (meeting, date, place, participants), and narratives written as
bulleted lists kept as lists. Each in several invented variants, in text, Markdown and Word."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from accord.text.draft import Draft, ItemKind, PlanKind
from accord.text.layout import import_text
from accord.text.narrative import NarrativeBlock, narrative_blocks, narrative_text
from accord.text.readers.blocks import Block, Heading, ListItem, Paragraph, TableRow
from tests.text.builders import build_docx


def _roundtrip(draft: Draft) -> Draft:
    back = Draft.from_json(draft.to_json())
    assert back.to_json() == draft.to_json()
    return back


# The plan's title -------------------------------------------------------------------------------------------------

SAME_LEVEL_MD = """# Skerry Research Alliance

*The Alliance links the island observatories of the North Sea*

# Strategic priorities 2028

- Open a shared data portal → spring 2028
- Start a visiting-scientist scheme → autumn 2028

# How the priorities were agreed

- Draft sent to the members → 3 October
- Adoption by the Assembly → 1 December
"""


def test_a_heading_of_the_title_s_level_that_names_the_plan_titles_it() -> None:
    draft = import_text("sp.md", SAME_LEVEL_MD.encode())
    assert draft.kind == PlanKind.STRATEGIC_PRIORITIES
    assert draft.title == "Strategic priorities 2028"
    assert draft.preamble[:1] == ["Skerry Research Alliance"]  # who wrote it stays in the header
    assert [s.title for s in draft.sections] == ["Strategic priorities 2028", "How the priorities were agreed"]
    assert len(draft.sections[0].items) == 2


def test_the_same_in_word_headings() -> None:
    blocks: list[Block] = [
        Heading(1, "Fenland Science Office"),
        Heading(1, "Work Programme 2028"),
        TableRow(["What?", "Who?", "When?"]),
        TableRow(["Map the wetland stations", "Fenland Science Office", "March 2028"]),
        TableRow(["Hold a data clinic", "Marsh Institute", "June 2028"]),
    ]
    draft = import_text("wp.docx", build_docx(blocks))
    assert draft.title == "Work Programme 2028"
    assert "Fenland Science Office" in draft.preamble


@pytest.mark.parametrize(
    "text",
    [
        # A heading below the title is a section of the plan the title names.
        "# Dune Research Office\n\n## Strategic priorities 2028\n\n- Survey the dunes → May 2028\n"
        "- Train the rangers → July 2028\n",
        # Several headings that name the plan, one a year: the plan's parts, not its title.
        "# Dune Research Office\n\n# Priorities 2028\n\n- Survey the dunes → May 2028\n\n"
        "# Priorities 2029\n\n- Train the rangers → July 2029\n",
    ],
)
def test_a_title_line_that_does_not_name_the_plan_stays_when_no_single_heading_does(text: str) -> None:
    assert import_text("sp.md", text.encode()).title == "Dune Research Office"


def test_a_title_styled_paragraph_below_a_plain_line_is_the_title() -> None:
    import docx

    doc = docx.Document()
    doc.add_paragraph("Marsh Institute – Confidential")
    doc.add_paragraph("Action Plan of the Wetland Network", style="Title")
    doc.add_paragraph("Chair: Marsh Institute")
    doc.add_heading("Monitoring", level=1)
    table = doc.add_table(rows=2, cols=3)
    for i, cell in enumerate(["What?", "Who?", "When?"]):
        table.cell(0, i).text = cell
    for i, cell in enumerate(["Install two gauges", "Marsh Institute", "April 2028"]):
        table.cell(1, i).text = cell
    buf = io.BytesIO()
    doc.save(buf)
    draft = import_text("plan.docx", buf.getvalue())
    assert draft.title == "Action Plan of the Wetland Network"
    assert draft.preamble[:1] == ["Marsh Institute – Confidential"]
    assert draft.chair == "Marsh Institute"


# Outputs of an event's segments -----------------------------------------------------------------------------------

SEGMENTS_TXT = """Coastal Science Forum (9-10 June 2027)

Objectives:

- Bring coastal researchers and envoys together
- Agree a shared monitoring agenda

9 June 2027

Open Research Day

A day of talks on sediment and tides, open to all members.

Outputs:

- A joint note on tidal monitoring
- A list of open data sets

10 June 2027

Envoys' Round Table

Closed meeting of the envoys to set the next steps.

Expected results:

- Communiqué of the Round Table
"""


def _segment_outputs(draft: Draft) -> dict[str, tuple[str, dt.date | None]]:
    """Each output: (the session it is part of, its day)."""
    out = {}
    for sec in draft.sections:
        for item in sec.items:
            if item.kind == ItemKind.OUTPUT:
                assert item.part_of is not None, item.what
                session = sec.items[item.part_of]
                assert session.kind == ItemKind.SESSION
                out[item.what] = (session.what, item.timeframe.start if item.timeframe else None)
    return out


def test_each_segment_keeps_its_outputs_with_its_day() -> None:
    draft = import_text("forum.txt", SEGMENTS_TXT.encode())
    assert _segment_outputs(draft) == {
        "A joint note on tidal monitoring": ("Open Research Day", dt.date(2027, 6, 9)),
        "A list of open data sets": ("Open Research Day", dt.date(2027, 6, 9)),
        "Communiqué of the Round Table": ("Envoys' Round Table", dt.date(2027, 6, 10)),
    }
    # "Expected results" of a session are its outputs, not objectives of the event.
    assert not any(s.title == "Expected results" for s in draft.sections)
    sessions = next(s for s in draft.sections if any(i.kind == ItemKind.SESSION for i in s.items))
    shown = [sessions.items[i].what for i in sessions.display_order()]
    assert shown == [
        "Open Research Day",
        "A joint note on tidal monitoring",
        "A list of open data sets",
        "Envoys' Round Table",
        "Communiqué of the Round Table",
    ]
    assert _roundtrip(draft).sections[1].display_order() == sessions.display_order()


@pytest.mark.parametrize("objectives", [True, False])
def test_the_same_programme_in_word(objectives: bool) -> None:
    # Without objectives, the first day comes right under the title: it opens the programme, not the header.
    blocks: list[Block] = [
        Paragraph("Coastal Science Forum (9-10 June 2027)"),
        *(
            [Paragraph("Objectives:"), ListItem(0, "Bring coastal researchers and envoys together")]
            if objectives
            else []
        ),
        Paragraph("9 June 2027"),
        Paragraph("Open Research Day"),
        Paragraph("A day of talks on sediment and tides, open to all members."),
        Paragraph("Deliverables:"),
        ListItem(0, "A joint note on tidal monitoring"),
        Paragraph("10 June 2027"),
        Paragraph("Envoys' Round Table"),
        Paragraph("Closed meeting of the envoys to set the next steps."),
        Paragraph("Outputs:"),
        ListItem(0, "Communiqué of the Round Table"),
    ]
    draft = import_text("forum.docx", build_docx(blocks))
    assert draft.kind == PlanKind.EVENT and draft.preamble == []
    assert draft.period_start == dt.date(2027, 6, 9) and draft.period_end == dt.date(2027, 6, 10)
    assert _segment_outputs(draft) == {
        "A joint note on tidal monitoring": ("Open Research Day", dt.date(2027, 6, 9)),
        "Communiqué of the Round Table": ("Envoys' Round Table", dt.date(2027, 6, 10)),
    }


DAYS_MD = """# Lagoon Workshop 2027

Programme

## Day 1 – 14 May 2027

- 09:00 – 10:30 Opening and keynote
- 11:00 – 12:30 Panel on brackish water

Deliverables:

- Workshop summary

## Day 2 – 15 May 2027

- 09:00 – 12:00 Field visit

Outputs:

- Closing statement of the workshop
"""


def test_outputs_between_two_days_are_the_first_day_s_and_after_the_last_the_event_s() -> None:
    draft = import_text("workshop.md", DAYS_MD.encode())
    sec = draft.sections[0]
    summary = next(i for i in sec.items if i.what == "Workshop summary")
    closing = next(i for i in sec.items if i.what == "Closing statement of the workshop")
    assert summary.part_of is not None and sec.items[summary.part_of].what == "Panel on brackish water"
    assert summary.timeframe is not None and summary.timeframe.start == summary.timeframe.end == dt.date(2027, 5, 14)
    assert summary.when_raw and "14 May" in summary.when_raw and "11:00" not in summary.when_raw  # the day's
    assert closing.part_of is None and closing.timeframe is None  # the whole event's
    shown = [sec.items[i].what for i in sec.display_order()]
    assert shown.index("Workshop summary") == shown.index("Panel on brackish water") + 1
    assert shown.index("Workshop summary") < shown.index("Field visit")


def test_outputs_of_a_session_block_take_its_day_and_time() -> None:
    text = (
        "Delta Partners Meeting\n\nHarbour House, 3 March 2027\n\n"
        "09:00 - 11:00\nData sharing clinic\nOrganiser: Tidewater Institute\n\n"
        "Outputs:\n\n- Draft data agreement\n\n"
        "11:30 - 13:00\nFunding roundtable\nOrganiser: Estuary Fund\n"
    )
    draft = import_text("meeting.txt", text.encode())
    sec = next(s for s in draft.sections if s.items)
    out = next(i for i in sec.items if i.kind == ItemKind.OUTPUT)
    assert out.part_of is not None and sec.items[out.part_of].what == "Data sharing clinic"
    assert out.timeframe is not None and out.timeframe.start == dt.date(2027, 3, 3)
    assert [sec.items[i].what for i in sec.display_order()] == [
        "Data sharing clinic",
        "Draft data agreement",
        "Funding roundtable",
    ]


# The header block -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data",
    [
        (
            "wp.txt",
            "Work Programme of the Skerry Alliance, January – June 2027\n\nSteering Group meeting\n\n"
            "Online, 12 November 2026\n\nParticipants: Tidewater Institute, Estuary Fund\n\n1. Outreach\n\n"
            "What?\tWho?\tWhen?\nOpen a newsletter\tTidewater Institute\tMarch 2027\n",
        ),
        (
            "wp.md",
            "# Skerry Alliance – Action Plan January – June 2027\n\n**Steering Group meeting**\n\n"
            "*Online, 12 November 2026*\n\nParticipants: Tidewater Institute, Estuary Fund\n\n## 1. Outreach\n\n"
            "- Open a newsletter (Lead: Tidewater Institute; by March 2027)\n",
        ),
    ],
)
def test_the_header_block_of_the_source_is_kept(name: str, data: str) -> None:
    draft = import_text(name, data.encode())
    header = " / ".join(draft.preamble)
    assert "Steering Group meeting" in header and "12 November 2026" in header and "Participants:" in header
    assert draft.period_start == dt.date(2027, 1, 1)  # the meeting's date is not the plan's period
    assert _roundtrip(draft).preamble == draft.preamble


def test_the_header_block_of_a_word_document_is_kept() -> None:
    blocks: list[Block] = [
        Paragraph("Work Programme of the Skerry Alliance, January – June 2027"),
        Paragraph("Steering Group meeting"),
        Paragraph("Online, 12 November 2026"),
        Heading(1, "Outreach", "1"),
        TableRow(["What?", "Who?", "When?"]),
        TableRow(["Open a newsletter", "Tidewater Institute", "March 2027"]),
    ]
    draft = import_text("wp.docx", build_docx(blocks))
    assert draft.preamble == ["Steering Group meeting", "Online, 12 November 2026"]


# Narratives written as lists --------------------------------------------------------------------------------------

REFERENCES = [
    "the Members' Charter on Open Research (2024)",
    "the joint declaration of the science ministers of 2025",
    "the Network's own data policy",
]


def _references_md() -> str:
    bullets = "\n".join(f"- {r}" for r in REFERENCES)
    return (
        "# Work Programme of the Fjord Network, January – June 2027\n\n## 1. Open data\n\n"
        f"This priority rests on the following policy references:\n\n{bullets}\n\n"
        "| What? | Who? | When? |\n|---|---|---|\n| Publish a data catalogue | Secretariat | March 2027 |\n"
    )


def _references_txt() -> str:
    bullets = "\n".join(f"• {r}" for r in REFERENCES)
    return (
        "Work Programme of the Fjord Network, January – June 2027\n\n1. Open data\n\n"
        f"This priority rests on the following policy references:\n{bullets}\n\n"
        "What?\tWho?\tWhen?\nPublish a data catalogue\tSecretariat\tMarch 2027\n"
    )


def _references_docx() -> bytes:
    blocks: list[Block] = [
        Paragraph("Work Programme of the Fjord Network, January – June 2027"),
        Heading(1, "Open data", "1"),
        Paragraph("This priority rests on the following policy references:"),
        *(ListItem(0, r) for r in REFERENCES),
        TableRow(["What?", "Who?", "When?"]),
        TableRow(["Publish a data catalogue", "Secretariat", "March 2027"]),
    ]
    return build_docx(blocks)


@pytest.mark.parametrize(
    "name,data",
    [("wp.md", _references_md().encode()), ("wp.txt", _references_txt().encode()), ("wp.docx", _references_docx())],
)
def test_policy_references_written_as_a_list_stay_a_list(name: str, data: bytes) -> None:
    draft = import_text(name, data)
    sec = draft.sections[0]
    assert sec.narrative_parts == ["This priority rests on the following policy references:", REFERENCES]
    assert [i.what for i in sec.items] == ["Publish a data catalogue"]
    assert sec.narrative and REFERENCES[0] in sec.narrative  # the flat narrative stays as it reads
    text = narrative_text(sec.narrative, sec.narrative_parts)
    assert narrative_blocks(text) == [
        NarrativeBlock(text="This priority rests on the following policy references:"),
        NarrativeBlock(bullets=tuple(REFERENCES)),
    ]
    assert _roundtrip(draft).sections[0].narrative_parts == sec.narrative_parts


def test_principles_written_as_bullets_stay_a_list() -> None:
    text = (
        "# Strategic priorities of the Dune Office 2028\n\n## Priorities\n\n"
        "- Survey the dunes → May 2028\n- Train the rangers → July 2028\n\n\n\n"
        "- The priorities are agreed by the whole office each year\n"
        "- The priorities are reviewed at each annual meeting\n"
    )
    sec = import_text("sp.md", text.encode()).sections[0]
    assert sec.narrative_parts == [
        [
            "The priorities are agreed by the whole office each year",
            "The priorities are reviewed at each annual meeting",
        ]
    ]


def test_prose_only_narratives_have_no_parts() -> None:
    draft = import_text(
        "wp.md", b"# Work Programme 2028\n\n## 1. Outreach\n\nWhy this matters.\n\n- Open a newsletter\n"
    )
    assert draft.sections[0].narrative == "Why this matters."
    assert draft.sections[0].narrative_parts == []
    assert "narrative_parts" not in draft.to_json()["priorities"][0]  # type: ignore[index]


def test_narrative_text_and_blocks() -> None:
    assert narrative_text("Flat text.", []) == "Flat text."
    assert narrative_text("x", ["Lead:", ["a  b", " "], "After."]) == "Lead:\n\n- a b\n\nAfter."
    assert narrative_blocks("Intro:\n- one\n- two\n\nLine one\nline two\n\n• three") == [
        NarrativeBlock(text="Intro:"),
        NarrativeBlock(bullets=("one", "two")),
        NarrativeBlock(text="Line one\nline two"),
        NarrativeBlock(bullets=("three",)),
    ]
    assert narrative_blocks("") == []


def test_a_record_of_dated_meetings_keeps_its_first_date_and_participants_in_the_header() -> None:
    text = (
        "Tide Gauge Group – meeting notes\n\n3 March 2027\n\nParticipants: Ana Ruiz, Tom Berg\n\n"
        "We compared the gauge readings of the winter and agreed on one format.\n\n"
        "10 March 2027\n\nParticipants: Ana Ruiz, Lea Holm\n\nWe chose the site of the third gauge.\n"
    )
    draft = import_text("notes.txt", text.encode())
    assert draft.preamble[:2] == ["3 March 2027", "Participants: Ana Ruiz, Tom Berg"]
