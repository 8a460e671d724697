"""A day header glued to the text before it when line breaks were lost (slides, PDF or web pages saved as
text): "...see the ProgrammeMonday, 3 June 2030". The header is cut onto its own line when a full date starts
there, so the sessions under it take its day; capitalised names that are not a date stay whole."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.readers.text import split_glued_dates
from accord.text.when import is_date_name, starts_with_date


@pytest.mark.parametrize(
    "line,parts",
    [
        ("Welcome to the annual ProgrammeMonday, 3 June", ["Welcome to the annual Programme", "Monday, 3 June"]),
        ("Outline of the daysTuesday 4 June 2030", ["Outline of the days", "Tuesday 4 June 2030"]),
        ("Get the full agendaJune 5, Wednesday", ["Get the full agenda", "June 5, Wednesday"]),
        ("Voir le programmeMardi 4 juin 2030", ["Voir le programme", "Mardi 4 juin 2030"]),
        ("Das ProgrammDienstag, 4. Juni 2030", ["Das Programm", "Dienstag, 4. Juni 2030"]),
        ("Consulte el programaMiércoles 5 de junio", ["Consulte el programa", "Miércoles 5 de junio"]),
        (
            "Two days of talksMonday 3 June 2030 opening plenaryTuesday 4 June 2030 field trips",
            ["Two days of talks", "Monday 3 June 2030 opening plenary", "Tuesday 4 June 2030 field trips"],
        ),
    ],
)
def test_a_glued_day_header_is_cut_onto_its_own_line(line: str, parts: list[str]) -> None:
    assert split_glued_dates(line) == parts


@pytest.mark.parametrize(
    "line",
    [
        "Keynote by Sara DeMarco on 3 June 2030",  # "Marco" is no month, whatever follows
        "The JuneBug release ships 4 June 2030",  # no lower-case letter before "June"
        "Kick-off of ProjectMayflower in 2030",  # one camel-case word, not a month
        "Pilot of the SunDay app",  # "Day" is no weekday
        "Notes on the releaseMarch 2030",  # a month and a year are not a day header
        "The ProgramMay be late again",  # "May" followed by no date
        "Launch of the iPadMonday service",  # a weekday name followed by no date
        "a plain line without any capitals",
    ],
)
def test_names_that_are_not_a_glued_date_stay_whole(line: str) -> None:
    assert split_glued_dates(line) == [line]


def test_date_names_and_full_dates() -> None:
    assert all(is_date_name(w) for w in ["June", "Juin", "Dienstag", "Miércoles", "Sept", "Mardi"])
    assert not any(is_date_name(w) for w in ["Marco", "Bug", "Program", "Ago", "Set"])
    assert starts_with_date("Monday, 3 June") and starts_with_date("June 5, Wednesday")
    assert not starts_with_date("March 2030") and not starts_with_date("May be late")
    assert not starts_with_date("the meeting on 3 June")  # the date does not start the text


PROGRAMMES = {
    "en": (
        "Coastal Science Network annual meeting. Download the ProgrammeMonday, 3 June 2030\n"
        "09:00 Opening address, Lena Park\n"
        "10:30 Panel on sea level records, Omar Sadiq\n"
        "Tuesday, 4 June 2030\n"
        "09:00 Field visit to the estuary, Ana Ruiz\n"
    ),
    "en-table": (
        "Harbour Ecology Forum. Outline of the daysJune 3, 2030, Monday\n"
        "Time | Session | Room |\n"
        "---|---|---|\n"
        "09:00 - 10:00 | Opening of the forum | Blue Hall |\n"
        "10:30 - 12:00 | Data sharing clinic | Room 2 |\n"
        "June 4, 2030, Tuesday\n"
        "Time | Session | Room |\n"
        "---|---|---|\n"
        "09:00 - 12:00 | Closing plenary | Blue Hall |\n"
    ),
}


def _unglued(text: str) -> str:
    return text.replace("ProgrammeMonday", "Programme\nMonday").replace("daysJune", "days\nJune")


@pytest.mark.parametrize("name", sorted(PROGRAMMES))
def test_the_sessions_under_a_glued_day_take_its_date(name: str) -> None:
    glued = import_text(f"{name}.txt", PROGRAMMES[name].encode())
    apart = import_text(f"{name}.txt", _unglued(PROGRAMMES[name]).encode())
    items = glued.items()
    assert len(items) == 3
    assert [(i.what, i.owners, i.timeframe) for i in items] == [(i.what, i.owners, i.timeframe) for i in apart.items()]
    days = [i.timeframe.start if i.timeframe is not None else None for i in items]
    assert days == [dt.date(2030, 6, 3), dt.date(2030, 6, 3), dt.date(2030, 6, 4)]


def test_a_line_of_many_glued_names_is_cut_a_bounded_number_of_times() -> None:
    parts = split_glued_dates("talkMonday, 3 June 2030 " * 500)
    assert 2 <= len(parts) <= 21
    assert split_glued_dates("theMonday " * 5000) == ["theMonday " * 5000]
