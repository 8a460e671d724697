"""Sub-bullets (issue 8, class 4): under a parent that introduces them, sub-bullets that are work of their own
are items inheriting the parent's time and owner; components of the parent stay its details."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text

DOCS = {
    "plan.md": "# Plan 2027\n\n## Open source\n\n"
    "1. Publish the shared catalogue, with these actions (Lead: CMI; by June 2027):\n"
    "   - Collect the tools used by the member agencies\n   - Review the licences of each tool\n"
    "2. Run the autumn school (October 2027)\n   - Themes\n   - Speakers\n",
    "plan.txt": "Plan 2027\n\nOpen source\n\n"
    "* Publish the shared catalogue, with these actions (Lead: CMI; by June 2027):\n"
    "  - Collect the tools used by the member agencies\n  - Review the licences of each tool\n"
    "* Run the autumn school (October 2027)\n  - Themes\n  - Speakers\n",
    "plan.html": "<h1>Plan 2027</h1><h2>Open source</h2><ol><li>Publish the shared catalogue, "
    "with these actions (Lead: CMI; by June "
    "2027):<ul><li>Collect the tools used by the member agencies</li>"
    "<li>Review the licences of each tool</li></ul></li><li>Run the autumn school (October 2027)"
    "<ul><li>Themes</li><li>Speakers</li></ul></li></ol>",
}


@pytest.mark.parametrize("name", sorted(DOCS))
def test_sub_actions_inherit_time_and_owner(name: str) -> None:
    items = import_text(name, DOCS[name].encode()).items()
    whats = [i.what for i in items]
    assert "Collect the tools used by the member agencies" in whats
    child = items[whats.index("Review the licences of each tool")]
    assert child.owners == ["CMI"]
    assert child.timeframe is not None and child.timeframe.end == dt.date(2027, 6, 30)
    school = items[[w.startswith("Run the autumn school") for w in whats].index(True)]
    assert school.details and "Themes" in school.details  # components stay with their parent
    assert len(items) == 4
