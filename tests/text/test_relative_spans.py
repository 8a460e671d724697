"""Relative spans in a record of a meeting ("in the next 6-12 months", "dans les 6 prochains mois"): counted
from the day of the meeting its title names; without such a day they give no date."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text

DAY = dt.date(2030, 3, 4)

MINUTES = {
    "en": (
        "Minutes of the Steering Board meeting, 4 March 2030\n\nPresent: Ana, Bo, Chen\n\nActions\n"
        "- Ana to draft a budget for the next 3-9 months\n"
        "- Bo to review the membership fees within the next three months\n"
        "- Chen to send the summary next week\n",
        [(DAY, dt.date(2030, 12, 4)), (DAY, dt.date(2030, 6, 4)), (dt.date(2030, 3, 11), dt.date(2030, 3, 17))],
    ),
    "fr": (
        "Compte rendu de la réunion du bureau, 4 mars 2030\n\nPrésents : Ana, Bo\n\nActions\n"
        "- Ana à préparer un plan de financement dans les 6 prochains mois\n"
        "- Bo à revoir les cotisations\n",
        [(DAY, dt.date(2030, 9, 4)), None],
    ),
    "de": (
        "Protokoll der Vorstandssitzung vom 4. März 2030\n\nAnwesend: Ana, Bo\n\nAufgaben\n"
        "- Ana erstellt einen Finanzplan in den nächsten 6 Monaten\n"
        "- Bo prüft die Beiträge\n",
        [(DAY, dt.date(2030, 9, 4)), None],
    ),
    "es": (
        "Acta de la reunión de la junta, 4 de marzo de 2030\n\nAsistentes: Ana, Bo\n\nAcciones\n"
        "- Ana preparará un plan de financiación en los próximos 12 meses\n"
        "- Bo revisará las cuotas\n",
        [(DAY, dt.date(2031, 3, 4)), None],
    ),
    "md": (
        "# Board meeting notes, 4 March 2030\n\n## Decisions\n\n"
        "* Ana to prepare the partnership strategy over the coming 2 years\n"
        "* Bo to renew the hosting contract\n",
        [(DAY, dt.date(2032, 3, 4)), None],
    ),
}


@pytest.mark.parametrize("name", sorted(MINUTES))
def test_relative_spans_count_from_the_meeting_day(name: str) -> None:
    text, expected = MINUTES[name]
    draft = import_text(f"{name}.{'md' if name == 'md' else 'txt'}", text.encode())
    got = [(i.timeframe.start, i.timeframe.end) if i.timeframe is not None else None for i in draft.items()]
    assert got == expected


def test_without_a_meeting_day_a_relative_span_gives_no_date() -> None:
    text = (
        "Minutes of the Steering Board meeting\n\nActions\n"
        "- Ana to draft a budget for the next 3-9 months\n- Bo to review the fees\n"
    )
    draft = import_text("undated.txt", text.encode())
    assert [i.owners for i in draft.items()] == [["Ana"], ["Bo"]]
    assert all(i.timeframe is None or i.timeframe.start is None for i in draft.items())


def test_a_work_programme_is_no_meeting_record() -> None:
    text = (
        "Work programme of the coastal network, 4 March 2030\n\n1. Data\n"
        "- Ana to set up the data portal in the next 6 months\n- Bo to publish the data policy\n"
    )
    draft = import_text("wp.txt", text.encode())
    assert all(i.timeframe is None or i.timeframe.start is None for i in draft.items())


@pytest.mark.parametrize(
    "text",
    [
        "(Sorry for sending these late.)\n\n# Minutes of the board meeting, 4 March 2030\n\n## Attendance\n\n"
        "* Ana\n* Bo\n\n## Actions\n\n* Ana to draft the budget for the next 6 months\n",
        "Note: the draft below was circulated by e-mail.\n\n= Board meeting of 4 March 2030 =\n\n== Present ==\n"
        "* Ana\n* Bo\n\n== Actions ==\n\n* Ana to draft the budget for the next 6 months\n",
    ],
)
def test_a_cover_note_above_the_dated_heading_of_the_minutes(text: str) -> None:
    draft = import_text("minutes.md" if text.count("#") else "minutes.txt", text.encode())
    dated = [i for i in draft.items() if i.what.startswith("Ana to draft")]
    assert len(dated) == 1 and dated[0].timeframe is not None
    assert (dated[0].timeframe.start, dated[0].timeframe.end) == (DAY, dt.date(2030, 9, 4))
