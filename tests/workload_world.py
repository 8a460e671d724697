"""Two periods of work owned by member organisations: the organisation page and the workload page read them."""

import datetime as dt
import json
import re

import pytest

from accord.audit.actors import SYSTEM
from accord.network.actions import do_add_membership
from accord.plans.models import ItemStatus
from accord.testing import factories as f


@pytest.fixture
def members(network, orgs):
    for org in orgs.values():
        do_add_membership(SYSTEM, network, org)
    return orgs


@pytest.fixture
def plans(network, members):
    old = f.make_plan(network, title="Work Programme 2021", start=dt.date(2021, 7, 1), end=dt.date(2021, 12, 31))
    new = f.make_plan(network, title="Work Programme 2022", start=dt.date(2022, 1, 1), end=dt.date(2022, 6, 30))
    s_old, s_new = f.make_section(old), f.make_section(new)
    f.make_item(s_old, what="Old mapping", owners=[members["ZSI"]], status=ItemStatus.DONE)
    f.make_item(s_old, what="Old newsletter", owners=[members["ZSI"], members["CNRS"]], status=ItemStatus.DROPPED)
    f.make_item(s_new, what="New assembly", owners=[members["ZSI"]], status=ItemStatus.IN_PROGRESS)
    f.make_item(s_new, what="New website", owners=[members["ZSI"]])
    f.make_item(s_new, what="CNRS report", owners=[members["CNRS"]])
    f.make_item(s_new, what="Trio statement", owners=["Trio"])
    return old, new


def chart_data(html: str, chart_id: str) -> dict:
    match = re.search(rf'<script id="{chart_id}" type="application/json">(.*?)</script>', html, re.S)
    assert match, f"no {chart_id} chart data"
    return json.loads(match.group(1))
