"""A generated work programme of any size, built through the real actions (round-trip tests, export benchmarks).

Its items read like a network's: numbered priorities with a narrative, Whats, one to three owners (sometimes a
call for volunteers), times as planners write them ("March 2027", "Q2 2027", "Ongoing", "tbc"), every status.
The same seed gives the same plan.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from accord.audit.actors import SYSTEM
from accord.network import actions as net_actions
from accord.network.models import Network, Organisation
from accord.plans import actions as plan_actions
from accord.plans.models import ItemStatus, Plan
from accord.plans.timeframed import timeframe_values
from accord.testing.demo import ACTIONS, PRIORITIES, TOPICS
from accord.text.timeframe import Context
from accord.text.when import parse_when

WHENS = [
    "{month} {year}",
    "Q{q} {year}",
    "Ongoing",
    "End of {month} {year}",
    "{day} {month} {year}",
    "Early {month} {year}",
    "{month} {year} (tbc)",
    "Every month",
    "",
    "Second half of {year}",
]
OWNER_NAMES = ["ARC", "BSI", "CIR", "DNO", "EFA", "FRU", "GSL", "HUB", "IKO", "JRS", "KNL", "LUX"]


def make_generated_plan(
    network: Network,
    *,
    items: int = 250,
    sections: int = 6,
    seed: int = 7,
    start: dt.date = dt.date(2027, 1, 1),
    end: dt.date = dt.date(2027, 12, 31),
    organisations: list[Organisation] | None = None,
    title: str = "Generated Work Programme",
    **plan_values: Any,
) -> Plan:
    rng = random.Random(seed)  # noqa: S311 - invented test data, reproducible from the seed
    if organisations is None:
        organisations = []
        for name in OWNER_NAMES:
            org = Organisation.objects.filter(short_name=name).first()
            organisations.append(org or net_actions.do_create_organisation(SYSTEM, short_name=name))
    plan = plan_actions.do_create_plan(
        SYSTEM,
        network,
        title=title,
        period_start=start,
        period_end=end,
        theme="Generated for tests",
        version_label="n°1",
        **plan_values,
    )
    context = Context(start, end)
    made = [
        plan_actions.do_create_section(
            SYSTEM,
            plan,
            title=PRIORITIES[i % len(PRIORITIES)],
            number=str(i + 1),
            order=i,
            narrative=f"This priority works on {TOPICS[i % len(TOPICS)]}.",
        )
        for i in range(sections)
    ]
    statuses = list(ItemStatus.values)
    for n in range(items):
        month = dt.date(start.year, rng.randint(1, 12), 1)
        when = rng.choice(WHENS).format(
            month=f"{month:%B}", year=start.year, q=rng.randint(1, 4), day=rng.randint(1, 28)
        )
        values = timeframe_values(parse_when(when, context) if when else None, when_text=when)
        values.pop("when_set_by_hand")
        roll = rng.random()
        owners: list[Any] = [] if roll < 0.06 else rng.sample(organisations, k=rng.choice([1, 1, 2, 3]))
        plan_actions.do_create_item(
            SYSTEM,
            made[n % sections],
            what=f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} ({n + 1})",
            owners=owners,
            open_call=not owners,
            who_text=" / ".join(str(o) for o in owners) or "Any volunteers?",
            status=rng.choice(statuses),
            order=n,
            **values,
        )
    return plan
