"""Times inside an action's text (issue 8, class 6): in brackets, between dashes, before a colon."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.timeframe import Context


@pytest.mark.parametrize(
    "name,data",
    [
        (
            "plan.txt",
            "Thesis plan\n\nSchedule\n\n* Field survey (3rd - 9th of May): Visiting the sites and taking "
            "samples.\n* Lab analysis (12th of May - 2nd of June): Running the assays.\n"
            "* Writing up (June): The thesis itself.\n",
        ),
        (
            "plan.md",
            "# Thesis plan\n\n## Schedule\n\n- Field survey (3rd - 9th of May): Visiting the sites and taking "
            "samples.\n- Lab analysis (12th of May - 2nd of June): Running the assays.\n"
            "- Writing up (June): The thesis itself.\n",
        ),
        (
            "plan.html",
            "<h1>Thesis plan</h1><h2>Schedule</h2><ul><li>Field survey (3rd - 9th of May): Visiting the "
            "sites and taking samples.</li><li>Lab analysis (12th of May - 2nd of June): Running the assays."
            "</li><li>Writing up (June): The thesis itself.</li></ul>",
        ),
    ],
)
def test_a_bracketed_time_before_a_colon_dates_the_label(name: str, data: str) -> None:
    draft = import_text(name, data.encode(), context=Context.year(2027))
    items = draft.items()
    assert [i.what for i in items] == ["Field survey", "Lab analysis", "Writing up"]
    assert [(i.timeframe.start, i.timeframe.end) for i in items if i.timeframe] == [
        (dt.date(2027, 5, 3), dt.date(2027, 5, 9)),
        (dt.date(2027, 5, 12), dt.date(2027, 6, 2)),
        (dt.date(2027, 6, 1), dt.date(2027, 6, 30)),
    ]
    assert items[0].details == "Visiting the sites and taking samples."
    assert not any(i.owners for i in items)  # "Lab analysis" is not a doer


@pytest.mark.parametrize(
    "bullet,what,start",
    [
        (
            "Members survey – March 2027 – all members invited",
            "Members survey all members invited",
            dt.date(2027, 3, 1),
        ),
        ("Sondage des membres (mars 2027)", "Sondage des membres", dt.date(2027, 3, 1)),
        ("Mitgliederumfrage (März 2027)", "Mitgliederumfrage", dt.date(2027, 3, 1)),
        ("Encuesta a los socios (marzo de 2027)", "Encuesta a los socios", dt.date(2027, 3, 1)),
    ],
)
def test_a_time_between_dashes_or_in_brackets_is_taken_out_of_what(bullet: str, what: str, start: dt.date) -> None:
    draft = import_text("plan.md", f"# Plan\n\n## Work\n\n- {bullet}\n- Another step to take\n".encode())
    first = draft.items()[0]
    assert first.what == what
    assert first.timeframe is not None and first.timeframe.start == start


def test_a_bracket_that_only_mentions_a_year_stays_in_the_text() -> None:
    draft = import_text(
        "plan.md",
        b"# Plan\n\n## Work\n\n- Update the toolkit (see the review of 2019 by the board)\n- Another step to take\n",
    )
    assert draft.items()[0].what == "Update the toolkit (see the review of 2019 by the board)"


@pytest.mark.parametrize(
    "lines",
    [
        [
            "15 October to 30 November: Public consultation on the draft rules.",
            "Mid-December: Report on the consultation by the Secretariat.",
            "January 2028: Final decision of the board.",
        ],
        [
            "15. Oktober bis 30. November: Öffentliche Anhörung zum Entwurf.",
            "Mitte Dezember: Bericht über die Anhörung durch das Sekretariat.",
            "Januar 2028: Abschließende Entscheidung.",
        ],
        [
            "Du 15 octobre au 30 novembre : Consultation publique sur le projet.",
            "Mi-décembre : Rapport sur la consultation par le Secrétariat.",
            "Janvier 2028 : Décision finale du bureau.",
        ],
    ],
)
def test_paragraphs_that_start_with_a_time_are_the_steps_of_a_timeline(lines: list[str]) -> None:
    data = "Next steps\n\nWhat happens after the vote.\n\n" + "\n\n".join(lines) + "\n"
    items = import_text("steps.txt", data.encode(), context=Context.year(2027)).items()
    assert len(items) == 3
    assert items[0].timeframe is not None and items[0].timeframe.start == dt.date(2027, 10, 15)
    assert items[2].timeframe is not None and items[2].timeframe.start == dt.date(2028, 1, 1)
    assert items[1].owners and items[1].owners[0].startswith(("Secr", "Sekr"))
