"""Owner cells as planners write them (table-driven: each row reads as a rule)."""

from __future__ import annotations

import pytest

from accord.text.matching import NameMatcher
from accord.text.who import parse_who, who_from_text

KNOWN = ["VDI/VDE-IT", "CERN & Society Foundation"]

CASES = [
    # cell, owners, open call
    ("ZSI/DLR-PT/CNRS", ["ZSI", "DLR-PT", "CNRS"], False),
    ("ZSI or DLR-PT", ["ZSI", "DLR-PT"], False),
    ("DLR-PT and Trio", ["DLR-PT", "Trio"], False),
    ("CNRS, other", ["CNRS"], True),
    ("CNRS; others", ["CNRS"], True),
    ("Any volunteers?", [], True),
    ("?", [], True),
    ("All interested", [], True),
    ("tbd", [], True),
    ("", [], True),
    (None, [], True),
    ("CNRS, DLR, VUB Others by invitation", ["CNRS", "DLR", "VUB"], False),
    ("DLR-PT/FECYT/ CNRS + InsSciDE partners", ["DLR-PT", "FECYT", "CNRS", "InsSciDE partners"], False),
    (
        "InsSciDE Project will call for Alliance submissions. + self-funded Alliance dinner meeting after "
        "scientific session?",
        ["InsSciDE Project"],
        False,
    ),
    (
        "InsSciDE Project devotes ½ day plus networking lunch period to these Alliance workshops, open to "
        "self-registered and invited stakeholders (practitioners, experts, academics...)",
        ["InsSciDE Project"],
        False,
    ),
    ("VDI/VDE-IT", ["VDI/VDE-IT"], False),
    ("VDI/VDE-IT and ZSI", ["VDI/VDE-IT", "ZSI"], False),
    ("CERN & Society Foundation / ZSI", ["CERN & Society Foundation", "ZSI"], False),
    ("Trio", ["Trio"], False),
    ("EAD", ["EAD"], False),
    ("CNRS (lead), ZSI", ["CNRS", "ZSI"], False),
    ("the secretariat", ["secretariat"], False),
    ("BRC will host the briefing at its Oslo office.", ["BRC"], False),
    ("ZSI & FECYT", ["ZSI", "FECYT"], False),
    ("Working Group on Space Diplomacy", ["Working Group on Space Diplomacy"], False),
]


@pytest.mark.parametrize(("cell", "owners", "open_call"), CASES)
def test_parse_who(cell: str | None, owners: list[str], open_call: bool) -> None:
    who = parse_who(cell, KNOWN)
    assert (who.owners, who.open_call) == (owners, open_call)
    assert who.raw == (" ".join(cell.split()) if cell else None)


def test_known_names_are_never_split_but_unknown_ones_are() -> None:
    assert parse_who("VDI/VDE-IT").owners == ["VDI", "VDE-IT"]
    assert parse_who("VDI/VDE-IT", ["VDI/VDE-IT"]).owners == ["VDI/VDE-IT"]


STEPS = [
    ("Call for ideas and input from Sections", ["Sections"]),
    ("Preliminary discussion at IR Management Board", ["IR Management Board"]),
    ("Dedicated discussion at IR Management Board", ["IR Management Board"]),
    ("Presentation of these slides to IR-ECO Group", []),
    ("Presentation to the Board", []),
    ("Presentation and discussion at IR Town Hall", []),
    ("Adoption at the General Assembly", []),
    ("Finalization and dissemination", []),
    ("Comments and proposals from the Working Groups", ["Working Groups"]),
    ("Approval by the Steering Group", ["Steering Group"]),
    ("Secretariat to circulate the final draft", ["Secretariat"]),
]


@pytest.mark.parametrize(("what", "owners"), STEPS)
def test_who_from_text(what: str, owners: list[str]) -> None:
    who = who_from_text(what)
    assert who.owners == owners
    assert who.open_call is False


MATCHES = [
    # name, canonical or None
    ("DLR", "DLR-PT"),
    ("dlr-pt", "DLR-PT"),
    ("DLR PT", "DLR-PT"),
    ("DLR-PT Brussels Office", "DLR-PT"),
    ("CNRS", "CNRS"),
    ("CNR", None),
    ("VU", None),
    ("European Science Fondation", "European Science Foundation"),
    ("Working Group 2", None),
    ("Sorbonne", None),
]


@pytest.mark.parametrize(("name", "canonical"), MATCHES)
def test_name_matcher(name: str, canonical: str | None) -> None:
    matcher = NameMatcher(
        {
            "DLR-PT": ["DLR-PT Brussels Office"],
            "CNRS": [],
            "VUB": [],
            "European Science Foundation": [],
            "Working Group 1": [],
        }
    )
    got, score, reason = matcher.match(name)
    assert got == canonical, reason
    assert reason and 0 <= score <= 100


def test_ambiguous_acronym_prefix_is_not_merged() -> None:
    matcher = NameMatcher(["DLR-PT", "DLR-SO"])
    assert matcher.match("DLR").canonical is None
    assert "ambiguous" in matcher.match("DLR").reason
