"""Structure recognition on synthetic documents laid out differently from the seeds."""

from __future__ import annotations

import datetime as dt

from accord.text.draft import ItemKind, PlanKind
from accord.text.layout import build_draft, import_text
from accord.text.readers.text import read_text
from accord.text.timeframe import Context

T = "\t"


def draft_of(text: str, name: str = "doc.txt", context: Context | None = None):  # type: ignore[no-untyped-def]
    return import_text(name, text.encode(), context=context)


def test_other_header_words_and_column_order_with_a_deadline_column() -> None:
    d = draft_of(f"""Action Plan 2023

## Outreach

Task{T}Deadline{T}Person responsible{T}Notes
Draft the brochure{T}30 June 2023{T}Maria Lopez (FECYT){T}needs photos
Update the mailing list{T}{T}{T}
""")
    assert d.kind == PlanKind.WORK_PROGRAMME and d.title == "Action Plan 2023"
    first, second = d.sections[0].items
    assert first.what == "Draft the brochure" and first.who_raw == "Maria Lopez (FECYT)"
    assert first.when_raw == "30 June 2023" and first.timeframe is not None and first.timeframe.deadline
    assert first.details == "needs photos"
    assert second.open_call and second.owners == []


def test_markdown_table_and_markdown_headings() -> None:
    d = draft_of(
        """# Work Plan, first half of 2024

January – June 2024

## Priority 1: Members

Members first.

| Lead | Activity | Timeline |
|------|----------|----------|
| ZSI  | Welcome pack for new members | March 2024 |
| ?    | Members' survey | Q2 2024 (tbc) |
""",
        "plan.md",
    )
    assert (d.period_start, d.period_end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))
    sec = d.sections[0]
    assert (sec.number, sec.title, sec.narrative) == ("1", "Members", "Members first.")
    assert [(i.what, i.owners, i.open_call) for i in sec.items] == [
        ("Welcome pack for new members", ["ZSI"], False),
        ("Members' survey", [], True),
    ]
    assert sec.items[1].tentative


def test_blank_lines_inside_a_table_and_dash_rows() -> None:
    d = draft_of(
        f"""Work Programme

1. Priority: One

What?{T}Who?{T}When?
First{T}ZSI{T}May 2022

Second{T}CNRS{T}June 2022
--{T}--{T}--
""",
        context=Context.year(2022),
    )
    assert [i.what for i in d.items()] == ["First", "Second"]
    assert d.items()[1].location.line == 8


def test_continued_row_joins_the_next_table_row_and_keeps_the_footnote() -> None:
    d = draft_of(f"""Work Programme
January-June 2023

1. Priority: Events

What?{T}Who?{T}When?
Big conference<sup>2</sup> (table continued below){T}ZSI will organise,{T}May 2023

² Travel is self-funded.

more text on the conference{T}with partners{T}
Next row{T}CNRS{T}June 2023
""")
    items = d.items()
    assert items[0].what == "Big conference more text on the conference"
    assert items[0].who_raw == "ZSI will organise, with partners" and items[0].owners == ["ZSI"]
    assert items[1].what == "Next row"
    assert d.footnotes == ["Travel is self-funded."]


def test_narrative_with_colon_list_is_not_items() -> None:
    d = draft_of(f"""Work Programme 2022

1. Priority: Policy

We will comment on the following texts:

- The first communication
- The second communication

What?{T}Who?{T}When?
Comment{T}ZSI{T}
""")
    sec = d.sections[0]
    assert sec.narrative == (
        "We will comment on the following texts: - The first communication - The second communication"
    )
    assert [i.what for i in sec.items] == ["Comment"]


def test_arrow_bullets_and_a_headingless_timeline() -> None:
    d = draft_of("""Priorities of the Office

## Strategic priorities 2030

- Open the new office → autumn
- Hire a coordinator → name to be decided → March
- Keep the website → focus on members


- Ideas from the units → 3 September
- Board discussion → 15 October
- Publication → January 2030
""")
    assert d.kind == PlanKind.STRATEGIC_PRIORITIES
    prio, timeline = d.sections
    assert [(i.what, i.when_raw) for i in prio.items] == [
        ("Open the new office", "autumn"),
        ("Hire a coordinator → name to be decided", "March"),
        ("Keep the website → focus on members", None),
    ]
    assert prio.context == Context.year(2030)
    assert all(i.kind == ItemKind.MILESTONE for i in timeline.items) and timeline.title is None
    assert timeline.context == Context(dt.date(2029, 9, 3), dt.date(2030, 1, 31))
    assert timeline.items[0].timeframe and timeline.items[0].timeframe.start == dt.date(2029, 9, 3)
    assert timeline.items[0].owners == [] and timeline.items[1].owners == []


def test_event_document_objectives_tracks_and_sessions() -> None:
    d = draft_of("""Regional Science Diplomacy Forum (4-5 June 2026)

Objectives:

- Share practice;
- Agree on next steps.

❑ Water

Managing shared rivers

❑ Health

Joint surveillance

4 June 2026

Opening plenary

Ministers and experts

Outputs:

- Forum statement
""")
    assert d.kind == PlanKind.EVENT and d.title == "Regional Science Diplomacy Forum"
    assert (d.period_start, d.period_end) == (dt.date(2026, 6, 4), dt.date(2026, 6, 5))
    objectives, tracks, sessions = d.sections
    assert objectives.title == "Objectives" and [i.kind for i in objectives.items] == [ItemKind.OBJECTIVE] * 2
    assert [(i.what, i.details) for i in tracks.items] == [
        ("Water", "Managing shared rivers"),
        ("Health", "Joint surveillance"),
    ]
    session, output = sessions.items
    assert (session.kind, session.what) == (ItemKind.SESSION, "Opening plenary")
    assert session.details == "Ministers and experts"
    assert output.kind == ItemKind.OUTPUT and output.when_raw == "4 June 2026"


def test_problems_are_collected() -> None:
    d = draft_of(f"""Work Programme 2022

What?{T}Who?{T}When?
{T}ZSI{T}May 2022
Something{T}ZSI{T}whenever the moon is blue
""")
    messages = [p.message for p in d.problems]
    assert any("without a What" in m for m in messages)
    assert any("not understood" in m for m in messages)
    assert [i.what for i in d.items()] == ["Something"]


def test_context_argument_is_used_when_the_document_states_no_period() -> None:
    d = draft_of(f"Work Programme\n\nWhat?{T}Who?{T}When?\nA{T}ZSI{T}March\n", context=Context.year(2031))
    assert (d.period_start, d.period_end) == (dt.date(2031, 1, 1), dt.date(2031, 12, 31))
    assert d.items()[0].timeframe and d.items()[0].timeframe.start == dt.date(2031, 3, 1)


def test_links_status_version_and_chair() -> None:
    d = draft_of(
        f"""Draft Work Programme No. 4
Status: draft

Chair: Hansa Science Foundation

What?{T}Who?{T}When?
See https://example.org/plan{T}HSF{T}
""",
        context=Context.year(2024),
    )
    assert d.status == "draft" and d.version_label == "No. 4" and d.chair == "Hansa Science Foundation"
    assert d.links == ["https://example.org/plan"]


def test_build_draft_accepts_blocks_directly() -> None:
    blocks = read_text(f"Work Programme 2020\n\nWhat?{T}Who?{T}When?\nA{T}ZSI{T}\n".encode())
    d = build_draft(blocks, "x")
    assert d.source == "x" and [i.owners for i in d.items()] == [["ZSI"]]
