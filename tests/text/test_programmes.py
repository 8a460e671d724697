"""Event programmes and agendas (issue 8): a day, then timed sessions with speakers or organisers. Each
session is an item with the day's date and the speaker or organiser as owner."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.draft import ItemKind
from accord.text.layout import import_text
from accord.text.readers.blocks import Heading, TableRow
from tests.text.builders import build_docx

MD = """## Agenda

| Subject | Water diplomacy working group |
| --- | --- |
| Date and time | 14-10-2027, 09:30-12:00 |
| Place | online |

| Hour | Topic | Presenter |
| --- | --- | --- |
| 09:30 | Welcome and announcements | Ines Duarte (SDN) |
| 09:40 | Minutes of the last meeting | Ines Duarte (SDN) |
| 10:00 | Basin data sharing: state of play | Karim Haddad / Mia Berg (Hydrolab) |
| 11:45 | Any other business | All |
"""


def _check(draft_items: list, day: dt.date) -> None:  # type: ignore[type-arg]
    assert [i.what for i in draft_items] == [
        "Welcome and announcements",
        "Minutes of the last meeting",
        "Basin data sharing: state of play",
        "Any other business",
    ]
    assert all(i.timeframe is not None and i.timeframe.start == day == i.timeframe.end for i in draft_items)
    assert draft_items[2].owners == ["Karim Haddad", "Mia Berg (Hydrolab)"] or len(draft_items[2].owners) == 2
    assert all(i.kind == ItemKind.SESSION for i in draft_items)


def test_a_markdown_agenda_with_a_facts_table_and_unknown_header_words() -> None:
    draft = import_text("agenda.md", MD.encode())
    _check(draft.items(), dt.date(2027, 10, 14))
    assert draft.items()[0].owners and draft.items()[0].owners[0].startswith("Ines Duarte")
    assert any("Date and time: 14-10-2027" in line for line in draft.preamble)
    assert any("labels and values" in p.message for p in draft.problems)


@pytest.mark.parametrize(
    "facts,header",
    [
        (["Fecha", "14-10-2027"], ["Hora", "Tema", "Ponente"]),
        (["Datum", "14.10.2027"], ["Uhrzeit", "Thema", "Referent"]),
        (["Date", "14/10/2027"], ["Heure", "Sujet", "Intervenant"]),
    ],
)
def test_a_word_agenda_in_other_languages(facts: list[str], header: list[str]) -> None:
    blocks = [
        Heading(1, "Agenda"),
        TableRow(facts),
        TableRow(["Lugar", "online"]),
        Heading(2, "Programme"),
        TableRow(header, header=True),
        TableRow(["09:30", "Welcome and announcements", "Ines Duarte"]),
        TableRow(["09:40", "Minutes of the last meeting", "Ines Duarte"]),
        TableRow(["10:00", "Basin data sharing: state of play", "Karim Haddad / Mia Berg"]),
        TableRow(["11:45", "Any other business", "All"]),
    ]
    draft = import_text("agenda.docx", build_docx(blocks))
    items = draft.items()
    assert [i.what for i in items][:2] == ["Welcome and announcements", "Minutes of the last meeting"]
    assert all(i.timeframe is not None and i.timeframe.start == dt.date(2027, 10, 14) for i in items)
    assert items[2].owners == ["Karim Haddad", "Mia Berg"]


@pytest.mark.parametrize(
    "organiser,day_lines",
    [
        ("Organiser", ["MONDAY, 12 April 2027", "TUESDAY, 13 April 2027"]),
        ("Organisateur", ["LUNDI 12 avril 2027", "MARDI 13 avril 2027"]),
        ("Veranstalter", ["MONTAG, 12. April 2027", "DIENSTAG, 13. April 2027"]),
        ("Organizador", ["LUNES, 12 de abril de 2027", "MARTES, 13 de abril de 2027"]),
    ],
)
def test_session_blocks_of_a_flattened_programme(organiser: str, day_lines: list[str]) -> None:
    text = (
        "\n\n".join(
            [
                "Programme",
                *day_lines,
                "All day",
                "Youth science forum (CLOSED)",
                f"{organiser}: Youth Academy",
                "09:00 - 12:00",
                "Side event: Meeting of the advisers",
                "Venue: The Academy, Main Street 1",
                f"{organiser}: Ministry of Research / City Council",
                "14:00 - 15:30",
                "Side event: Where is the public? (OPEN)",
                f"{organiser}: Open Science Centre",
            ]
        )
        + "\n"
    )
    draft = import_text("programme.txt", text.encode())
    items = draft.items()
    assert [i.what for i in items] == [
        "Youth science forum (CLOSED)",
        "Side event: Meeting of the advisers",
        "Side event: Where is the public? (OPEN)",
    ]
    assert [i.owners for i in items] == [
        ["Youth Academy"],
        ["Ministry of Research", "City Council"],
        ["Open Science Centre"],
    ]
    # The days are listed apart from the sessions: each session spans the programme's days.
    assert all(
        i.timeframe is not None and (i.timeframe.start, i.timeframe.end) == (dt.date(2027, 4, 12), dt.date(2027, 4, 13))
        for i in items
    )
    assert (items[1].details and "Venue" in items[1].details) or "Academy" in (items[1].details or "")
