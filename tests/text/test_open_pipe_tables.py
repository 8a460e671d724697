"""Pipe tables written without the leading "|" (web pages saved as text), whose cells run over lines."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.readers.text import join_open_pipe_rows, read_text

EN = """Programme
Time | Session | Room |
---|---|---|
09:00 – 09:30 | Welcome coffee | Lobby |
09:30 – 11:00 | Panel on open data
Moderator
|
Hall A |
11:00 – 11:30 |
Break
|
|
11:30 – 12:30 | Closing words | Hall A |
"""

FR = """Programme de la journée
Heure | Séance | Salle
---|---|---
9h00 – 9h30 | Accueil des participants | Hall
9h30 – 11h00 | Table ronde sur la science ouverte | Salle B
"""


def test_rows_broken_across_lines_are_gathered() -> None:
    rows = [b.cells for b in read_text(EN) if hasattr(b, "cells")]
    assert rows[1:] == [
        ["09:00 – 09:30", "Welcome coffee", "Lobby"],
        ["09:30 – 11:00", "Panel on open data Moderator", "Hall A"],
        ["11:00 – 11:30", "Break", ""],
        ["11:30 – 12:30", "Closing words", "Hall A"],
    ]


@pytest.mark.parametrize(("text", "first"), [(EN, "Welcome coffee"), (FR, "Accueil des participants")])
def test_open_pipe_tables_give_items_in_english_and_french(text: str, first: str) -> None:
    items = import_text("programme.txt", text.encode()).items()
    assert items[0].what == first
    assert items[0].when_raw is not None and items[0].when_raw[:1].isdigit()


def test_lines_keep_their_count_and_tables_with_leading_pipes_are_untouched() -> None:
    lines = EN.split("\n")
    assert len(join_open_pipe_rows(lines)) == len(lines)
    closed = ["| a | b |", "|---|---|", "| c | d |"]
    assert join_open_pipe_rows(closed) == closed
    prose = ["Either this | or that", "no separator follows"]
    assert join_open_pipe_rows(prose) == prose


@pytest.mark.parametrize(
    ("text", "days"),
    [
        (
            "Annual meeting 2027\n\nJune 8, Tuesday\n\n| Time | Session | Room |\n|---|---|---|\n"
            "| 09:00 – 10:00 | Opening of the meeting | Hall A |\n\nJune 9, Wednesday\n\n"
            "| Time | Session | Room |\n|---|---|---|\n| 10:00 – 11:00 | Report of the working groups | Hall B |\n",
            [dt.date(2027, 6, 8), dt.date(2027, 6, 9)],
        ),
        (
            "Réunion annuelle 2027\nMardi 8 juin\nHeure | Séance | Salle |\n---|---|---|\n"
            "9h00 – 10h00 | Ouverture de la réunion | Salle A |\n"
            "Mercredi 9 juin\nHeure | Séance | Salle |\n---|---|---|\n"
            "10h00 – 11h00 | Rapport des groupes de travail | Salle B |\n",
            [dt.date(2027, 6, 8), dt.date(2027, 6, 9)],
        ),
    ],
)
def test_a_day_line_over_a_table_of_timed_sessions_dates_its_rows(text: str, days: list[dt.date]) -> None:
    items = import_text("programme.txt", text.encode()).items()
    assert [i.timeframe.start if i.timeframe else None for i in items] == days


def test_a_line_with_more_than_a_day_does_not_date_the_table() -> None:
    text = (
        "Annual meeting 2027\n\nDeadline for comments is June 8\n\n| Time | Session | Room |\n|---|---|---|\n"
        "| 09:00 – 10:00 | Opening of the meeting | Hall A |\n"
    )
    items = import_text("programme.txt", text.encode()).items()
    assert [i.timeframe.start if i.timeframe else None for i in items] != [dt.date(2027, 6, 8)]


@pytest.mark.parametrize("text", ["Title\nA | B |\n---|---|\n|\n", "Titre\n| |\n|---|\n| |\n"])
def test_a_row_of_bare_pipes_is_read_without_error(text: str) -> None:
    assert all(i.what.strip() for i in import_text("table.txt", text.encode()).items())
