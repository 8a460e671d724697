"""Owners named in an action's own text, when the document has no owner column (issue 8, class 5)."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from accord.text.who import agent_in_text


@pytest.mark.parametrize(
    "text,owners,rest",
    [
        ("ACTION (KM + DS): Circulate the revised budget", ["KM", "DS"], "Circulate the revised budget"),
        (
            "ACTION (LT + with support from PO): Draft the terms of reference",
            ["LT", "PO"],
            "Draft the terms of reference",
        ),
        ("Action (all): Send comments on the draft", ["all"], "Send comments on the draft"),
        ("ACTION: Marta S to book the venue", ["Marta S"], "Marta S to book the venue"),
        ("Hugo to circulate the agenda by Friday.", ["Hugo"], "Hugo to circulate the agenda by Friday."),
        ("K9 to update the mailing list", ["K9"], "K9 to update the mailing list"),
        (
            "Lena Ruiz and Omar Haddad: Prepare the call for papers",
            ["Lena Ruiz", "Omar Haddad"],
            "Prepare the call for papers",
        ),
        ("Priya Nair: Book rooms for the retreat", ["Priya Nair"], "Book rooms for the retreat"),
        ("UNIGE: Host the autumn school", ["UNIGE"], "Host the autumn school"),
        ("Ana – draft the call for ideas", ["Ana"], "draft the call for ideas"),
        ("AKTION (JB): Protokoll verschicken", ["JB"], "Protokoll verschicken"),
        ("Decisions to be made by the board", ["board"], "Decisions to be made by the board"),
        (
            "Auswertung der Stellungnahmen durch die Bezirksregierung.",
            ["Bezirksregierung"],
            "Auswertung der Stellungnahmen durch die Bezirksregierung.",
        ),
        ("Rapport validé par le Bureau", ["Bureau"], "Rapport validé par le Bureau"),
    ],
)
def test_a_doer_at_the_start_of_the_text_is_read(text: str, owners: list[str], rest: str) -> None:
    found = agent_in_text(text)
    assert found is not None
    who, what = found
    assert who.owners == owners
    assert what == rest


@pytest.mark.parametrize(
    "text",
    [
        "ACTION: Decisions to be made",
        "volunteers to revise the role profile",
        "Keynote: water and borders",
        "Lunch: on the terrace",
        "Time to vote on the motion",
        "Next steps: forum post",
        "Lead: CMI",
        "Reference on DCO:",
        "Publish the annual report",
        "Submit the report by March",
        "Publish by 30 June",
    ],
)
def test_words_that_are_not_a_doer_give_no_owner(text: str) -> None:
    assert agent_in_text(text) is None


@pytest.mark.parametrize(
    "name,data",
    [
        (
            "minutes.txt",
            "Board call, 4 March 2026\n\nActions:\n* ACTION (KM + DS): Circulate the revised budget\n"
            "* ACTION (all): Send comments on the draft\n* Hugo to book the room for the retreat\n",
        ),
        (
            "minutes.md",
            "# Board call\n\n## Action items\n\n- Lena Ruiz and Omar Haddad: Prepare the call for papers\n"
            "- Priya Nair: Book rooms for the retreat\n- Hugo to book the room for the retreat\n",
        ),
        (
            "minutes.html",
            "<h1>Board call</h1><h2>Action items</h2><ul><li>ACTION (KM + DS): Circulate the revised "
            "budget</li><li>Priya Nair: Book rooms for the retreat</li>"
            "<li>Hugo to book the room for the retreat</li></ul>",
        ),
    ],
)
def test_bullets_of_minutes_get_the_owner_their_text_names(name: str, data: str) -> None:
    draft = import_text(name, data.encode())
    items = draft.items()
    assert len(items) == 3
    assert all(item.owners for item in items), [(i.what, i.owners) for i in items]
    assert items[-1].owners == ["Hugo"]
    assert not any(item.what.startswith(("ACTION", "Lena", "Priya")) for item in items)


def test_a_wrapped_bullet_line_goes_on_from_the_bullet() -> None:
    data = (
        "Notes of the call\n\nActions are:\n* ACTION (RP): Ask the host for a formal letter to be\n"
        "forwarded to the list.\n* ACTION (JG): Review the hosting note.\n"
    )
    draft = import_text("notes.txt", data.encode())
    assert [i.what for i in draft.items()] == [
        "Ask the host for a formal letter to be forwarded to the list.",
        "Review the hosting note.",
    ]
