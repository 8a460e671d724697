"""Documents written for these tests (not the seeds: those are read from /work/shared/seeds where present)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.network.models import NetworkRole
from accord.testing import factories as f

SEEDS = Path("/work/shared/seeds")

WORK_PROGRAMME = (
    "Work Programme\n"
    "January – June 2023\n\n"
    "Guiding theme: “Testing the importer”\n\n"
    "Chaired by: Alpha Institute\n\n"
    "1. Priority: Communication\n\n"
    "Why communication matters to the network.\n\n"
    "What?\tWho?\tWhen?\n"
    "Set up a mailing list\tALPHA/BETA\tJanuary 2023\n"
    "Quarterly newsletter\tBETA\tOngoing\n"
    "Annual meeting of members\tALPHA\tJune 2023\n"
    "Website refresh\tAny volunteers?\t\n\n"
    "2. Priority: Training\n\n"
    "What?\tWho?\tWhen?\n"
    "Summer school on negotiation\tGAMMA and Steering Board\tMay 2023\n"
    "Online seminar series\tBETA\tsometime soonish\n"
)


def revise(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


@pytest.fixture
def wp_text() -> str:
    return WORK_PROGRAMME


@pytest.fixture
def alpha(db):
    return f.make_organisation("ALPHA", full_name="Alpha Institute", aliases=["Alpha Inst."])


@pytest.fixture
def secretariat(network, make_member):
    return make_member(NetworkRole.SECRETARIAT)


@pytest.fixture
def write_file(tmp_path):
    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write
