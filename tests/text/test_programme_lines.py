"""Programmes written as lines: a day line ("Monday 3 June", "June 3, Monday", "lundi 3 juin", "Montag,
3. Juni", "Lunes 3 de junio"), then one line a session ("9.30–10.00 Title — Speaker", "09h00 Titre – Nom",
"10.00 Uhr Titel – Name"). Each session is an item on that day with its speaker or organiser as owner."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.draft import ItemKind
from accord.text.layout import import_text
from accord.text.readers.blocks import Paragraph
from accord.text.who import speaker_in_session
from tests.text.builders import build_docx, build_pdf

EN = """Coastal Science Forum 2031

Monday 3 March
9.30–10.00 Welcome and opening — Rosa Ibáñez
10.00–11.30 Panel: fisheries data across borders — Tarek Mansour
11.30–12.00 Coffee break

Tuesday 4 March
09h00 Keynote on sea-level records – Kaja Nowak
10h30 Workshop on joint surveys – Baltic Lab
"""

EN_US = """Annual meeting programme 2031

March 3, Monday
9:00 - 9:30 Registration
9:30 - 10:30 Opening address, Dr. Femi Adeyemi
10:30 - 12:00 Session 1: Science attachés at work (chair: Ilse Brandt)

March 4, Tuesday
9:00 - 10:00 Session 2: Regional cooperation – Noor Rahman
"""

FR = """Rencontres de la diplomatie scientifique 2031

lundi 3 mars
09h00 Accueil des participants – Hélène Roux
09h30 Table ronde sur les données ouvertes – Marc Lefèvre
12h30 Déjeuner

mardi 4 mars
9h00-10h30 Atelier sur les archives – Institut Ouest
"""

DE = """Programm der Jahrestagung 2031

Montag, 3. März
9.00–9.30 Begrüßung – Petra Lang
9.30–11.00 Podium zur Forschungspolitik – Felix Braun

Dienstag, 4. März
10.00 Uhr Workshop Datenräume – Hochschule Berg
"""

ES = """Programa del encuentro 2031

Lunes 3 de marzo
9:00–9:30 Bienvenida – Marta Vidal
9:30–11:00 Mesa redonda sobre ciencia abierta – Jorge Prieto

Martes 4 de marzo
10:00 Taller de datos – Grupo Sur
"""

MON, TUE = dt.date(2031, 3, 3), dt.date(2031, 3, 4)

CASES = [
    (
        EN,
        [
            ("Welcome and opening", ["Rosa Ibáñez"], MON),
            ("Panel: fisheries data across borders", ["Tarek Mansour"], MON),
            ("Coffee break", [], MON),
            ("Keynote on sea-level records", ["Kaja Nowak"], TUE),
            ("Workshop on joint surveys", ["Baltic Lab"], TUE),
        ],
    ),
    (
        EN_US,
        [
            ("Registration", [], MON),
            ("Opening address", ["Dr. Femi Adeyemi"], MON),
            ("Session 1: Science attachés at work", ["Ilse Brandt"], MON),
            ("Session 2: Regional cooperation", ["Noor Rahman"], TUE),
        ],
    ),
    (
        FR,
        [
            ("Accueil des participants", ["Hélène Roux"], MON),
            ("Table ronde sur les données ouvertes", ["Marc Lefèvre"], MON),
            ("Déjeuner", [], MON),
            ("Atelier sur les archives", ["Institut Ouest"], TUE),
        ],
    ),
    (
        DE,
        [
            ("Begrüßung", ["Petra Lang"], MON),
            ("Podium zur Forschungspolitik", ["Felix Braun"], MON),
            ("Workshop Datenräume", ["Hochschule Berg"], TUE),
        ],
    ),
    (
        ES,
        [
            ("Bienvenida", ["Marta Vidal"], MON),
            ("Mesa redonda sobre ciencia abierta", ["Jorge Prieto"], MON),
            ("Taller de datos", ["Grupo Sur"], TUE),
        ],
    ),
]


def _seen(draft) -> list[tuple[str, list[str], dt.date | None]]:  # type: ignore[no-untyped-def]
    return [(i.what, i.owners, i.timeframe.start if i.timeframe else None) for i in draft.items()]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_day_lines_and_session_lines_give_sessions_on_their_day_with_speakers(text: str, expected: list) -> None:  # type: ignore[type-arg]
    draft = import_text("programme.txt", text.encode())
    assert _seen(draft) == expected
    assert all(i.kind == ItemKind.SESSION for i in draft.items())
    assert all(i.timeframe is not None and i.timeframe.start == i.timeframe.end for i in draft.items())


@pytest.mark.parametrize(("text", "expected"), [CASES[0], CASES[2]])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_same_programme_in_word_and_pdf(text: str, expected: list, fmt: str) -> None:  # type: ignore[type-arg]
    blocks = [Paragraph(line) for line in text.strip().split("\n") if line.strip()]
    data = build_docx(blocks) if fmt == "docx" else build_pdf(blocks)
    assert _seen(import_text(f"programme.{fmt}", data)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Break – 30 minutes",
        "Lunch – on the terrace",
        "Closing words – all participants",
        "Walk to the harbour - weather permitting",
        "Poster session (with coffee)",
    ],
)
def test_a_dash_before_what_is_no_name_gives_no_speaker(text: str) -> None:
    assert speaker_in_session(text) is None


def test_a_year_less_day_line_without_slots_is_no_programme() -> None:
    text = "Work plan 2031\n\nMonday 3 March\n\nThe board reviews the budget.\n"
    assert all(i.kind != ItemKind.SESSION for i in import_text("plan.txt", text.encode()).items())


@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Ocean data workshop, 4 March 2031\n\n09:00 Welcome – Kaja Nowak\n09:30 Survey results – Tarek Mansour\n"
            "10:30 Coffee break\n",
            TUE,
        ),
        (
            "Atelier des données, 3 mars 2031\n\n09h00 Accueil – Hélène Roux\n09h30 Résultats – Marc Lefèvre\n",
            MON,
        ),
        ("Taller de datos, 4 de marzo de 2031\n\n9:00 Bienvenida – Marta Vidal\n9:30 Resultados – Jorge Prieto\n", TUE),
    ],
)
def test_time_slots_under_a_title_that_gives_the_day_are_sessions_on_that_day(text: str, day: dt.date) -> None:
    items = import_text("programme.txt", text.encode()).items()
    assert len(items) >= 2
    assert all(i.timeframe is not None and i.timeframe.start == day == i.timeframe.end for i in items)
    assert items[0].owners and items[1].owners
