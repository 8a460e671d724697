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
    assert [i.what for i in draft_items] == ["Welcome and announcements", "Minutes of the last meeting",
                                             "Basin data sharing: state of play", "Any other business"]
    assert all(i.timeframe is not None and i.timeframe.start == day == i.timeframe.end for i in draft_items)
    assert draft_items[2].owners == ["Karim Haddad", "Mia Berg (Hydrolab)"] or len(draft_items[2].owners) == 2
    assert all(i.kind == ItemKind.SESSION for i in draft_items)


def test_a_markdown_agenda_with_a_facts_table_and_unknown_header_words() -> None:
    draft = import_text("agenda.md", MD.encode())
    _check(draft.items(), dt.date(2027, 10, 14))
    assert draft.items()[0].owners and draft.items()[0].owners[0].startswith("Ines Duarte")
    assert any("Date and time: 14-10-2027" in line for line in draft.preamble)
    assert any("labels and values" in p.message for p in draft.problems)


@pytest.mark.parametrize("facts,header", [
    (["Fecha", "14-10-2027"], ["Hora", "Tema", "Ponente"]),
    (["Datum", "14.10.2027"], ["Uhrzeit", "Thema", "Referent"]),
    (["Date", "14/10/2027"], ["Heure", "Sujet", "Intervenant"]),
])
def test_a_word_agenda_in_other_languages(facts: list[str], header: list[str]) -> None:
    blocks = [Heading(1, "Agenda"), TableRow(facts), TableRow(["Lugar", "online"]),
              Heading(2, "Programme"), TableRow(header, header=True),
              TableRow(["09:30", "Welcome and announcements", "Ines Duarte"]),
              TableRow(["09:40", "Minutes of the last meeting", "Ines Duarte"]),
              TableRow(["10:00", "Basin data sharing: state of play", "Karim Haddad / Mia Berg"]),
              TableRow(["11:45", "Any other business", "All"])]
    draft = import_text("agenda.docx", build_docx(blocks))
    items = draft.items()
    assert [i.what for i in items][:2] == ["Welcome and announcements", "Minutes of the last meeting"]
    assert all(i.timeframe is not None and i.timeframe.start == dt.date(2027, 10, 14) for i in items)
    assert items[2].owners == ["Karim Haddad", "Mia Berg"]
