"""The `story` fixture of the brief, report and digest tests (they import it): a plan in the middle of its
life, with done, open, late, dropped and carried-over items, owners, an open call, events, chair terms and a next
plan."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.network import actions as net_actions
from accord.plans import actions as plan_actions
from accord.plans.models import ItemKind, ItemStatus
from accord.testing import factories as f


@pytest.fixture(name="story")
def story_fixture(network, plan, section, orgs):
    for org, start, end, label in (
        (orgs["DLR-PT"], dt.date(2021, 1, 1), dt.date(2021, 6, 30), "DLR-PT"),
        (orgs["ZSI"], dt.date(2021, 7, 1), dt.date(2021, 12, 31), "ZSI (Austria)"),
        (orgs["CNRS"], dt.date(2022, 1, 1), dt.date(2022, 6, 30), "CNRS"),
        (orgs["VUB"], dt.date(2022, 7, 1), dt.date(2022, 12, 31), "VUB"),
    ):
        net_actions.do_add_chair_term(SYSTEM, network, org, start=start, end=end, label=label)
    second = f.make_section(plan, "Communication", number="2")
    items = {
        "assembly": f.make_item(
            section,
            what="General Assembly in Vienna",
            owners=[orgs["ZSI"]],
            status=ItemStatus.DONE,
            when_text="November 2021",
            start=dt.date(2021, 11, 1),
            end=dt.date(2021, 11, 30),
        ),
        "mapping": f.make_item(
            section,
            what="Stakeholder mapping",
            open_call=True,
            when_text="Spring 2022",
            start=dt.date(2022, 3, 1),
            end=dt.date(2022, 5, 31),
        ),
        "report": f.make_item(
            section,
            what="Annual activity report",
            owners=[orgs["DLR-PT"], orgs["ZSI"]],
            when_text="October 2021",
            start=dt.date(2021, 10, 1),
            end=dt.date(2021, 10, 31),
        ),
        "brief": f.make_item(
            second,
            what="Policy brief on open science",
            owners=[orgs["CNRS"]],
            kind=ItemKind.OUTPUT,
            status=ItemStatus.DONE,
            when_text="September 2021",
            start=dt.date(2021, 9, 1),
            end=dt.date(2021, 9, 30),
        ),
        "newsletter": f.make_item(
            second,
            what="Quarterly newsletter",
            owners=[orgs["VUB"]],
            status=ItemStatus.IN_PROGRESS,
            when_text="Ongoing",
            start=dt.date(2021, 7, 1),
            end=dt.date(2022, 2, 28),
            recurrence="ongoing",
        ),
        "podcast": f.make_item(second, what="Podcast series", owners=[orgs["FECYT"]], status=ItemStatus.DROPPED),
        "website": f.make_item(
            second,
            what="New website",
            owners=[orgs["ZSI"]],
            when_text="December 2021",
            start=dt.date(2021, 12, 1),
            end=dt.date(2021, 12, 31),
        ),
    }
    event_actions.do_create_event(
        SYSTEM,
        network,
        title="Science diplomacy training",
        place="Madrid",
        when_text="15 October 2021",
        start=dt.date(2021, 10, 15),
        end=dt.date(2021, 10, 15),
    )
    event_actions.do_create_event(
        SYSTEM,
        network,
        title="Spring board meeting",
        when_text="February 2022",
        start=dt.date(2022, 2, 10),
        end=dt.date(2022, 2, 10),
    )
    next_plan = plan_actions.do_start_next_plan(
        SYSTEM,
        plan,
        title="Work Programme 2022",
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 6, 30),
        chair=orgs["CNRS"],
        chair_text="CNRS",
        carry=[items["website"]],
    )
    return {"items": items, "next_plan": next_plan, "second": second}
