"""The action-likeness filter (issue 8, class 8): lists of names and date-only bullets are not items, and each
drop is listed as a problem; lines tagged ACTION are items wherever they stand."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text

MINUTES = {
    "minutes.md": "# Board call, 4 March 2027\n\nPresent:\n\n- Ana Lopez\n- Ben Ode (Treasurer)\n- Carla Dias\n\n"
    "## Actions\n\n- Ana Lopez: Circulate the budget\n- Ben Ode: Book the venue\n- 12 May 2027\n",
    "minutes.txt": "Board call, 4 March 2027\n\nPresent:\n* Ana Lopez, Ben Ode, Carla Dias\n\nActions\n"
    "* Ana Lopez: Circulate the budget\n* Ben Ode: Book the venue\n* 12 May 2027\n",
    "minutes.html": "<h1>Board call, 4 March 2027</h1><p>Anwesend:</p><ul><li>Ana Lopez</li><li>Ben Ode</li></ul>"
    "<h2>Aufgaben</h2><ul><li>Ana Lopez: Circulate the budget</li><li>Ben Ode: Book the venue</li>"
    "<li>12. Mai 2027</li></ul>",
}


@pytest.mark.parametrize("name", sorted(MINUTES))
def test_names_and_dates_alone_are_not_items_and_are_reported(name: str) -> None:
    draft = import_text(name, MINUTES[name].encode())
    assert [i.what for i in draft.items()] == ["Circulate the budget", "Book the venue"]
    messages = " ".join(p.message for p in draft.problems)
    assert "only name people" in messages
    assert "only a date" in messages


@pytest.mark.parametrize("tag", ["ACTION", "Action", "TODO"])
def test_a_paragraph_tagged_as_an_action_is_an_item(tag: str) -> None:
    data = (
        f"Summary of the meeting\n\nITEM: mail aliases\nWe need aliases for the officers.\n"
        f"{tag}: Mira K to book the venue\nSTATUS: Pending\n"
    )
    items = import_text("summary.txt", data.encode()).items()
    assert [(i.what, i.owners) for i in items] == [("Mira K to book the venue", ["Mira K"])]
