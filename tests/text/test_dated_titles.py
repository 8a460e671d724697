"""A title that holds a day ("Minutes of the … meeting, 4 March 2030") is kept whole: the month inside the day
is no period to cut off."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from accord.text.readers.blocks import ListItem, Paragraph
from tests.text.builders import build_docx

TITLES = [
    "Minutes of the advisory board meeting, 9 April 2032",
    "Notes of the partners' call – April 9, 2032",
    "Compte rendu de la réunion du comité du 9 avril 2032",
    "Protokoll der Vorstandssitzung vom 9. April 2032",
    "Acta de la reunión del consejo, 9 de abril de 2032",
]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_holding_a_day_is_kept_whole(title: str) -> None:
    text = f"{title}\n\n- Ines to send the agenda to all partners\n- Omar to book the room\n"
    draft = import_text("minutes.txt", text.encode())
    assert draft.title == title


@pytest.mark.parametrize("title", TITLES[:3:2])
def test_the_same_in_word(title: str) -> None:
    blocks = [Paragraph(title, "title"), ListItem(0, "Ines to send the agenda to all partners")]
    assert import_text("minutes.docx", build_docx(blocks)).title == title


@pytest.mark.parametrize(
    ("title", "words"),
    [
        ("Work Plan July – December 2032", "Work Plan"),
        ("Programme of work, second half of 2032", "Programme of work"),
        ("Plan d'action, janvier – juin 2032", "Plan d'action"),
    ],
)
def test_a_title_ending_with_a_span_of_months_still_gives_its_period(title: str, words: str) -> None:
    text = f"{title}\n\n- Ines to send the agenda to all partners\n"
    draft = import_text("plan.txt", text.encode())
    assert draft.title == words
    assert draft.period is not None and draft.period.start is not None and draft.period.start.year == 2032
