"""Test and benchmark data built through the real actions, so fixtures obey the same rules as people do."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.contrib.auth import get_user_model

from accord.audit.actors import SYSTEM
from accord.network import actions as net_actions
from accord.network.models import Network, NetworkRole, Organisation
from accord.plans import actions as plan_actions
from accord.plans.models import Item, Plan, Section

_seq = itertools.count(1)


def make_user(username: str | None = None, *, password: str = "pw-for-tests-only", **extra: Any):  # noqa: S107
    User = get_user_model()
    username = username or f"user{next(_seq)}"
    return User.objects.create_user(username=username, password=password, email=f"{username}@example.org", **extra)


def make_network(name: str | None = None, **kw: Any) -> Network:
    name = name or f"Network {next(_seq)}"
    return net_actions.do_create_network(SYSTEM, name=name, **kw)


def make_organisation(short_name: str | None = None, **kw: Any) -> Organisation:
    return net_actions.do_create_organisation(SYSTEM, short_name=short_name or f"ORG{next(_seq)}", **kw)


def grant(user: Any, network: Network, role: str = NetworkRole.VIEWER, organisation: Organisation | None = None):
    return net_actions.do_set_role(SYSTEM, network, user, role, organisation)


def make_plan(
    network: Network,
    *,
    title: str = "Work Programme",
    start: dt.date = dt.date(2021, 7, 1),
    end: dt.date = dt.date(2021, 12, 31),
    **kw: Any,
) -> Plan:
    return plan_actions.do_create_plan(SYSTEM, network, title=title, period_start=start, period_end=end, **kw)


def make_section(plan: Plan, title: str = "Priority", **kw: Any) -> Section:
    return plan_actions.do_create_section(SYSTEM, plan, title=title, **kw)


def make_item(section: Section, what: str | None = None, **kw: Any) -> Item:
    return plan_actions.do_create_item(SYSTEM, section, what=what or f"Item {next(_seq)}", **kw)
