"""Tables laid out with spaces whose cells wrap over several lines, as `pdftotext -layout` or a report copied
as text gives them: columns from where the cells of all lines start, wrapped lines gathered into their row
(centred on the row's line or hanging under it), a header over several lines with footnote numbers."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from accord.text.readers.text import layout_tables_to_tabs, read_text

# Cells centred on the row's line, the header over three lines with footnote numbers glued to it.
CENTRED_EN = """2.1 Table A: Work packages
                                                          Effort     First
Package No 4  Package title                Leader 5
                                                          (days) 6   month 7
PK1           Coordination of the network  2 - Meridia    40         1
              Summer school on open
PK2           data for young diplomats,    7 - Nordlab    65         3
              with field visits
PK3           Policy briefs                3 - Kestrel    30         6
              Evaluation and
PK4                                        2 - Meridia    20         10
              final report
"""

CENTRED_EN_ROWS = [
    ["Package No", "Package title", "Leader", "Effort (days)", "First month"],
    ["PK1", "Coordination of the network", "2 - Meridia", "40", "1"],
    ["PK2", "Summer school on open data for young diplomats, with field visits", "7 - Nordlab", "65", "3"],
    ["PK3", "Policy briefs", "3 - Kestrel", "30", "6"],
    ["PK4", "Evaluation and final report", "2 - Meridia", "20", "10"],
]

# Cells hanging under the row's line (aligned at the top), in French.
TOP_FR = """Calendrier des livrables
Réf.    Livrable                         Responsable        Échéance
L1      Cartographie des acteurs de la   Université Sud     mars 2028
        diplomatie scientifique
L2      Guide pratique pour les          Institut Nord      juin 2028
        ambassades                       et Université Sud
L3      Rapport final                    Institut Nord      décembre 2028
"""

# German, centred, the header's last cell wrapped with an open bracket.
CENTRED_DE = """Arbeitspakete

                                                            Termin (Ende
Nr.        Arbeitspaket              Federführung
                                                            Monat)
AP1        Projektleitung            1 - Hochschule Tal     36
           Workshops mit
AP2        Partnern aus der Region   4 - Stadtwerk Ost      18
           und dem Ausland
AP3        Abschlussbericht          1 - Hochschule Tal     36
"""

# Spanish, hanging cells, the owner wrapped too.
TOP_ES = """Hito   Actividad                        Responsable          Fecha
H1     Reunión de arranque con todos    Secretaría           15 de marzo de 2029
       los socios                       Técnica
H2     Encuesta a las embajadas         Grupo Norte          junio de 2029
H3     Presentación de resultados       Ana Ruiz             noviembre de 2029
"""


def _rows(text: str) -> list[list[str]]:
    return [b.cells for b in read_text(text) if hasattr(b, "cells")]


def test_centred_cells_and_a_header_over_three_lines_are_gathered() -> None:
    assert _rows(CENTRED_EN) == CENTRED_EN_ROWS


def test_hanging_cells_are_gathered_under_their_row() -> None:
    assert _rows(TOP_FR) == [
        ["Réf.", "Livrable", "Responsable", "Échéance"],
        ["L1", "Cartographie des acteurs de la diplomatie scientifique", "Université Sud", "mars 2028"],
        ["L2", "Guide pratique pour les ambassades", "Institut Nord et Université Sud", "juin 2028"],
        ["L3", "Rapport final", "Institut Nord", "décembre 2028"],
    ]


def test_a_header_cell_left_open_takes_its_wrapped_line() -> None:
    assert _rows(CENTRED_DE)[0] == ["Nr.", "Arbeitspaket", "Federführung", "Termin (Ende Monat)"]
    assert _rows(CENTRED_DE)[2] == [
        "AP2",
        "Workshops mit Partnern aus der Region und dem Ausland",
        "4 - Stadtwerk Ost",
        "18",
    ]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            CENTRED_EN,
            [
                ("Coordination of the network", ["Meridia"]),
                ("Summer school on open data for young diplomats, with field visits", ["Nordlab"]),
                ("Policy briefs", ["Kestrel"]),
                ("Evaluation and final report", ["Meridia"]),
            ],
        ),
        (
            TOP_FR,
            [
                ("Cartographie des acteurs de la diplomatie scientifique", ["Université Sud"]),
                ("Guide pratique pour les ambassades", ["Institut Nord", "Université Sud"]),
                ("Rapport final", ["Institut Nord"]),
            ],
        ),
        (
            CENTRED_DE,
            [
                ("Projektleitung", ["Hochschule Tal"]),
                ("Workshops mit Partnern aus der Region und dem Ausland", ["Stadtwerk Ost"]),
                ("Abschlussbericht", ["Hochschule Tal"]),
            ],
        ),
        (
            TOP_ES,
            [
                ("Reunión de arranque con todos los socios", ["Secretaría Técnica"]),
                ("Encuesta a las embajadas", ["Grupo Norte"]),
                ("Presentación de resultados", ["Ana Ruiz"]),
            ],
        ),
    ],
)
def test_laid_out_tables_give_one_item_a_row_with_its_owner(text: str, items: list[tuple[str, list[str]]]) -> None:
    draft = import_text("plan.txt", text.encode())
    assert [(i.what, i.owners) for i in draft.items()] == items


def test_dates_of_a_laid_out_table_are_read() -> None:
    draft = import_text("plan.txt", TOP_ES.encode())
    first = draft.items()[0].timeframe
    assert first is not None and (first.start, first.end) == (first.end, first.end)
    assert first.end is not None and (first.end.year, first.end.month, first.end.day) == (2029, 3, 15)


@pytest.mark.parametrize(
    "lines",
    [
        # A form: label and value pairs, two cells in one column.
        [
            "Project number   42          Coordinator     Meridia",
            "Project title    Open data   Start           1 March",
            "Duration         36 months   Budget          900 000",
        ],
        # Prose with two spaces after full stops.
        [
            "The network met twice.  Members agreed on the plan and asked for a",
            "summary before the next meeting.  The secretariat will circulate it",
            "to all members in good time.  Comments are welcome by e-mail.",
        ],
        # An indented quotation.
        ["    Science is a way of thinking", "    much more than it is a body", "    of knowledge."],
    ],
)
def test_forms_prose_and_indented_text_are_no_tables(lines: list[str]) -> None:
    assert layout_tables_to_tabs(lines) == lines


def test_the_line_count_is_kept() -> None:
    lines = CENTRED_EN.split("\n")
    out = layout_tables_to_tabs(lines)
    assert len(out) == len(lines)
    assert out[0] == lines[0]  # the heading above the table is not part of it


# A programme laid out without a header: the hours in the first column.
TIMED_FR = """Atelier sur les données océaniques 2031

Mardi 4 mars 2031

09h00 – 09h30   Accueil et café
09h30 – 10h15   Conférence : partager les données         Hélène Roux
10h15 – 11h30   Table ronde sur les campagnes communes    Marc Lefèvre
11h30 – 12h00   Clôture                                   Comité d’organisation
"""

TIMED_DE = """Workshop Meeresdaten 2031

Dienstag, 4. März 2031

9.00 – 9.30     Ankunft und Kaffee
9.30 – 10.15    Vortrag: Daten über Grenzen teilen        Petra Lang
10.15 – 11.30   Podium zu gemeinsamen Messfahrten         Felix Braun und
                                                          Jonas Vogt
"""


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            TIMED_FR,
            [
                ("Accueil et café", []),
                ("Conférence : partager les données", ["Hélène Roux"]),
                ("Table ronde sur les campagnes communes", ["Marc Lefèvre"]),
                ("Clôture", ["Comité d’organisation"]),
            ],
        ),
        (
            TIMED_DE,
            [
                ("Ankunft und Kaffee", []),
                ("Vortrag: Daten über Grenzen teilen", ["Petra Lang"]),
                ("Podium zu gemeinsamen Messfahrten", ["Felix Braun", "Jonas Vogt"]),
            ],
        ),
    ],
)
def test_a_programme_laid_out_without_a_header_gives_timed_items_with_speakers(
    text: str, items: list[tuple[str, list[str]]]
) -> None:
    draft = import_text("programme.txt", text.encode())
    assert [(i.what, i.owners) for i in draft.items()] == items
    assert all(i.timeframe is not None and i.timeframe.start == i.timeframe.end for i in draft.items())
    assert {i.timeframe.start.day for i in draft.items() if i.timeframe and i.timeframe.start} == {4}


@pytest.mark.parametrize("total", ["Total", "Summe", "Sous-total", "Grand total"])
def test_a_totals_line_closes_the_table_and_is_kept_as_a_line(total: str) -> None:
    text = CENTRED_EN + " " * 50 + f"{total}    155\n"
    blocks = read_text(text)
    assert [b.cells for b in blocks if hasattr(b, "cells")] == CENTRED_EN_ROWS
    assert any(getattr(b, "text", "") == f"{total} 155" for b in blocks)


# Gantt charts laid out with spaces: the periods in the header ("Q1", "2031", "M6") are header words.
GANTT_EN = """Work plan 2031

Activity                     Lead      Q1    Q2    Q3    Q4
Newsletter to members        Ines      x     x
Regional workshop            Omar                  x
Annual report                Ines                        x
"""

GANTT_FR = """Programme de travail

Action                                   Responsable       2031   2032
Cartographie des acteurs de la           Université Sud    x
diplomatie scientifique
Guide pratique pour les ambassades       Institut Nord     x      x
Rapport final                            Institut Nord            x
"""


def test_a_laid_out_gantt_chart_gives_owners_and_the_marked_quarters() -> None:
    items = import_text("plan.txt", GANTT_EN.encode()).items()
    assert [(i.what, i.owners) for i in items] == [
        ("Newsletter to members", ["Ines"]),
        ("Regional workshop", ["Omar"]),
        ("Annual report", ["Ines"]),
    ]
    spans = [(i.timeframe.start.month, i.timeframe.end.month) for i in items if i.timeframe and i.timeframe.end]
    assert spans == [(1, 6), (7, 9), (10, 12)]


def test_a_first_cell_wrapped_onto_a_line_of_its_own_stays_in_its_row() -> None:
    items = import_text("plan.txt", GANTT_FR.encode()).items()
    assert [(i.what, i.owners) for i in items] == [
        ("Cartographie des acteurs de la diplomatie scientifique", ["Université Sud"]),
        ("Guide pratique pour les ambassades", ["Institut Nord"]),
        ("Rapport final", ["Institut Nord"]),
    ]
    years = [(i.timeframe.start.year, i.timeframe.end.year) for i in items if i.timeframe and i.timeframe.end]
    assert years == [(2031, 2031), (2031, 2032), (2032, 2032)]
