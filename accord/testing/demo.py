"""A large generated network for trying Accord at size and for page benchmarks (`accord generate-demo`).

At scale 1: 40 six-monthly plans, 10,000 items, 300 organisations, 2,000 events and 500 people, with roles and a
demo login. Rows are written with bulk_create for speed (generated data carries no audit entries), then a few
dozen real edits go through the actions so "recent changes" has something to show. The same seed gives the
same network.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from accord.audit import log
from accord.audit.actors import SYSTEM
from accord.events.models import Event, EventKind, ItemEvent
from accord.network.models import (
    ChairTerm,
    Group,
    GroupKind,
    Membership,
    MembershipRole,
    Network,
    NetworkRole,
    Organisation,
    OrganisationType,
    Person,
    Role,
)
from accord.plans.models import Item, ItemKind, ItemOwner, ItemStatus, Plan, PlanKind, PlanStatus, Section
from accord.web import planner

SLUG = "generated"
DEMO_USER = "demo-large"
DEMO_PASSWORD = "accord-demo"  # noqa: S105 - a published local demo login, printed for the person running it
USER_PREFIX = "gen-"

PLANS, ITEMS, ORGANISATIONS, EVENTS, PEOPLE = 40, 10_000, 300, 2_000, 500
SECTIONS_PER_PLAN = 6
BATCH = 2_000

TOPICS = [
    "science diplomacy",
    "research security",
    "space diplomacy",
    "ocean governance",
    "open science",
    "climate research",
    "health diplomacy",
    "AI governance",
    "Arctic cooperation",
    "water diplomacy",
    "research infrastructures",
    "talent mobility",
    "innovation diplomacy",
    "polar research",
    "energy transition",
    "biodiversity",
    "digital sovereignty",
    "global health",
    "food systems",
    "quantum technologies",
]
ACTIONS = [
    "Workshop on",
    "Policy brief on",
    "Stakeholder mapping of",
    "Webinar series on",
    "Report on",
    "Survey of members on",
    "Joint statement on",
    "Training course on",
    "Newsletter on",
    "Exchange with advisory partners on",
    "Position paper on",
    "Side event on",
    "Study visit on",
    "Toolkit on",
    "Podcast episode on",
]
PRIORITIES = [
    "Awareness-raising about the Alliance",
    "Capacity building",
    "Policy dialogue",
    "Partnerships and outreach",
    "Communication and visibility",
    "Governance and membership",
    "Knowledge exchange",
    "Global cooperation",
]
EVENT_TITLES = [
    ("Board meeting", EventKind.MEETING),
    ("General Assembly", EventKind.GENERAL_ASSEMBLY),
    ("Workshop on {topic}", EventKind.WORKSHOP),
    ("Conference on {topic}", EventKind.CONFERENCE),
    ("Training on {topic}", EventKind.TRAINING),
    ("Working group call: {topic}", EventKind.MEETING),
]
CITIES = ["Brussels", "Vienna", "Paris", "Lisbon", "Madrid", "Bonn", "Helsinki", "Tallinn", "Prague", "Online"]
FIRST = [
    "Ada",
    "Ben",
    "Chloé",
    "Dario",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Ines",
    "Jonas",
    "Katarzyna",
    "Luca",
    "Maja",
    "Nils",
    "Olga",
    "Pablo",
    "Queralt",
    "Rosa",
    "Sven",
    "Tereza",
    "Umut",
    "Vera",
    "Wim",
    "Ximena",
    "Yannick",
    "Zofia",
]
LAST = [
    "Andersen",
    "Bianchi",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "García",
    "Horváth",
    "Ivanova",
    "Jansen",
    "Kowalski",
    "Lambert",
    "Meyer",
    "Novak",
    "Olsen",
    "Petit",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Urban",
    "Varga",
    "Weber",
    "Young",
    "Zimmermann",
]
ORG_WORDS = [
    "Research",
    "Science",
    "Innovation",
    "Technology",
    "Higher Education",
    "Cooperation",
    "Policy",
    "Diplomacy",
    "Knowledge",
    "Studies",
]
ORG_KINDS = [
    ("Institute for", OrganisationType.RESEARCH),
    ("University of", OrganisationType.UNIVERSITY),
    ("Agency for", OrganisationType.FUNDING),
    ("Ministry of", OrganisationType.MINISTRY),
    ("Centre for", OrganisationType.RESEARCH),
    ("Foundation for", OrganisationType.CIVIL_SOCIETY),
]
COUNTRIES = [
    "AT",
    "BE",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HU",
    "IE",
    "IT",
    "NL",
    "NO",
    "PL",
    "PT",
    "SE",
    "SI",
    "TR",
]


@dataclass
class Summary:
    network: Network
    plans: int
    items: int
    organisations: int
    events: int
    people: int
    users: int
    login: tuple[str, str]


def _scaled(n: int, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(n * scale))


def _half_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _days_text(first: dt.date, last: dt.date) -> str:
    if first.month == last.month:
        return f"{first.day}–{last.day} {last:%B}"
    return f"{first.day} {first:%B} – {last.day} {last:%B}"


def _timeframe(rng: random.Random, start: dt.date, end: dt.date) -> dict[str, Any]:
    """A When as planners write it, with the interval it means, inside [start, end]."""
    span = (end - start).days
    roll = rng.random()
    if roll < 0.04:
        return {"when_text": "", "start": None, "end": None, "precision": "open"}
    if roll < 0.10:
        return {"when_text": "Ongoing", "start": start, "end": end, "precision": "period", "recurrence": "ongoing"}
    if roll < 0.14:
        return {"when_text": "Every month", "start": start, "end": end, "precision": "period", "recurrence": "periodic"}
    day = start + dt.timedelta(days=rng.randrange(span + 1))
    if roll < 0.40:
        return {
            "when_text": f"{day.day} {day:%B %Y}",
            "start": day,
            "end": day,
            "precision": "day",
            "deadline": rng.random() < 0.3,
        }
    if roll < 0.55:
        last = min(end, day + dt.timedelta(days=rng.randint(1, 4)))
        return {"when_text": _days_text(day, last), "start": day, "end": last, "precision": "days"}
    if roll < 0.65:
        monday = day - dt.timedelta(days=day.weekday())
        return {
            "when_text": f"Week of {monday.day} {monday:%B}",
            "start": max(start, monday),
            "end": min(end, monday + dt.timedelta(days=6)),
            "precision": "week",
        }
    if roll < 0.90:
        first = day.replace(day=1)
        last = _add_months(first, 1) - dt.timedelta(days=1)
        return {"when_text": f"{first:%B %Y}", "start": max(start, first), "end": min(end, last), "precision": "month"}
    quarter = (day.month - 1) // 3
    first = dt.date(day.year, quarter * 3 + 1, 1)
    return {
        "when_text": f"Q{quarter + 1} {day.year}",
        "start": max(start, first),
        "end": min(end, _add_months(first, 3) - dt.timedelta(days=1)),
        "precision": "quarter",
    }


def _status(rng: random.Random, plan_status: str, end: dt.date | None, today: dt.date) -> str:
    roll = rng.random()
    if plan_status == PlanStatus.CLOSED:
        return ItemStatus.DONE if roll < 0.7 else ItemStatus.DROPPED if roll < 0.8 else ItemStatus.CARRIED_OVER
    if plan_status == PlanStatus.DRAFT:
        return ItemStatus.PLANNED
    if end is not None and end < today:
        return ItemStatus.DONE if roll < 0.75 else ItemStatus.IN_PROGRESS if roll < 0.88 else ItemStatus.PLANNED
    return ItemStatus.PLANNED if roll < 0.7 else ItemStatus.IN_PROGRESS


def _organisations(rng: random.Random, count: int) -> list[Organisation]:
    """Generated organisations, reused when a previous run made them (organisations are shared)."""
    wanted: list[Organisation] = []
    names: set[str] = set()
    while len(wanted) < count:
        letters = "".join(rng.choice("ABCDEFGHIKLMNOPRSTUVZ") for _ in range(rng.randint(3, 5)))
        short = f"{letters}-{rng.choice(COUNTRIES)}"
        if short in names:
            continue
        names.add(short)
        prefix, kind = rng.choice(ORG_KINDS)
        full = f"{prefix} {rng.choice(ORG_WORDS)} and {rng.choice(ORG_WORDS)} {short[-2:]}"
        wanted.append(
            Organisation(
                short_name=short,
                full_name=full,
                slug=f"gen-{slugify(short)}",
                aliases=[f"{letters} {short[-2:]}"],
                country=short[-2:],
                type=kind,
            )
        )
    existing = {o.short_name: o for o in Organisation.objects.filter(short_name__in=names)}
    Organisation.objects.bulk_create([o for o in wanted if o.short_name not in existing], batch_size=BATCH)
    by_name = {o.short_name: o for o in Organisation.objects.filter(short_name__in=names)}
    return [by_name[o.short_name] for o in wanted]


@transaction.atomic
def build_demo(scale: float = 1.0, *, seed: int = 1, slug: str = SLUG, today: dt.date | None = None) -> Summary:
    """Build the generated network (replacing one of the same slug)."""
    from accord.plans.actions import do_take_open_call, do_update_item

    rng = random.Random(seed)  # noqa: S311 - invented demo data, reproducible from the seed
    today = today or timezone.localdate()
    Network.objects.filter(slug=slug).delete()
    n_plans, n_items = _scaled(PLANS, scale, 2), _scaled(ITEMS, scale, 10)
    n_orgs, n_events, n_people = _scaled(ORGANISATIONS, scale, 5), _scaled(EVENTS, scale), _scaled(PEOPLE, scale, 5)

    network = Network.objects.create(
        slug=slug,
        name="Generated Science Diplomacy Alliance",
        short_name="GSDA",
        is_public=True,
        description="A large generated network for trying Accord at size. Everything in it is invented.",
    )
    # Written in bulk for speed, so one entry says who made it all: the system.
    log.record_create(SYSTEM, network, ["name", "slug", "short_name", "is_public"], note="generated demo data")
    orgs = _organisations(rng, n_orgs)
    # The invented people of a previous run (the organisations are reused; their people are made again below).
    Person.objects.filter(organisation__in=orgs).delete()
    roles = [MembershipRole.MEMBER] * 8 + [MembershipRole.ADVISORY_PARTNER, MembershipRole.OBSERVER]
    Membership.objects.bulk_create(
        [Membership(network=network, organisation=o, role=rng.choice(roles), since=dt.date(2005, 1, 1)) for o in orgs],
        batch_size=BATCH,
    )
    groups = [
        Group(network=network, name="Trio", kind=GroupKind.TRIO),
        Group(network=network, name="Board", kind=GroupKind.BOARD),
        *[Group(network=network, name=f"{t.capitalize()} WG", kind=GroupKind.WORKING_GROUP) for t in TOPICS[:8]],
    ]
    Group.objects.bulk_create(groups)

    # People and accounts: one password hash for all (hashing is deliberately slow).
    User = get_user_model()
    User.objects.filter(username__startswith=USER_PREFIX).delete()
    User.objects.filter(username=DEMO_USER).delete()
    password = make_password(DEMO_PASSWORD)
    n_users = max(5, n_people // 8)
    users = User.objects.bulk_create(
        [User(username=DEMO_USER, first_name="Demo", last_name="Member", password=password)]
        + [
            User(
                username=f"{USER_PREFIX}{i:04d}",
                first_name=rng.choice(FIRST),
                last_name=rng.choice(LAST),
                password=password,
            )
            for i in range(1, n_users)
        ]
    )
    people = [
        Person(
            name=f"{u.first_name} {u.last_name}",
            organisation=orgs[i % len(orgs)],
            user=u,
            email=f"{u.username}@example.org",
            title="Programme officer",
        )
        for i, u in enumerate(users)
    ]
    people += [
        Person(
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            organisation=rng.choice(orgs),
            title=rng.choice(["Head of office", "Policy officer", "Researcher", "Director", ""]),
        )
        for _ in range(n_people - len(people))
    ]
    Person.objects.bulk_create(people, batch_size=BATCH)
    role_of = (
        [NetworkRole.ADMIN, NetworkRole.SECRETARIAT, NetworkRole.SECRETARIAT]
        + [NetworkRole.MEMBER_EDITOR] * 4
        + [NetworkRole.VIEWER]
    )
    Role.objects.bulk_create(
        [Role(network=network, user=users[0], role=NetworkRole.MEMBER_EDITOR, organisation=orgs[0])]
        + [
            Role(network=network, user=u, role=role_of[i % len(role_of)], organisation=orgs[i % len(orgs)])
            for i, u in enumerate(users[1:], start=1)
        ]
    )

    # Plans: six-monthly, the current half-year adopted, the next one a draft, the rest closed.
    current = _half_start(today)
    starts = [_add_months(current, 6 * (k - n_plans + 2)) for k in range(n_plans)]
    plans, terms = [], []
    for k, start in enumerate(starts):
        end = _add_months(start, 6) - dt.timedelta(days=1)
        status = PlanStatus.ADOPTED if start == current else PlanStatus.DRAFT if start > current else PlanStatus.CLOSED
        chair = orgs[(k * 7) % len(orgs)]
        terms.append(ChairTerm(network=network, organisation=chair, start=start, end=end, label=chair.short_name))
        plans.append(
            Plan(
                network=network,
                kind=PlanKind.WORK_PROGRAMME,
                status=status,
                chair=chair,
                chair_text=chair.short_name,
                period_start=start,
                period_end=end,
                title=f"Work Programme {start:%B}–{end:%B %Y}",
                version_label=f"n°{k + 1}",
                theme=f"{rng.choice(TOPICS).capitalize()} in a changing world",
                is_public=k % 2 == 0,
            )
        )
    ChairTerm.objects.bulk_create(terms)
    Plan.objects.bulk_create(plans)
    sections = Section.objects.bulk_create(
        [
            Section(
                plan=p,
                number=str(i + 1),
                title=PRIORITIES[(i + k) % len(PRIORITIES)],
                order=i,
                narrative=f"This priority continues the work on {TOPICS[(i * 3 + k) % len(TOPICS)]}.",
            )
            for k, p in enumerate(plans)
            for i in range(SECTIONS_PER_PLAN)
        ]
    )

    # Items, spread evenly over the plans and their sections.
    items, owner_specs = [], []
    for n in range(n_items):
        plan = plans[n % len(plans)]
        section = sections[(n % len(plans)) * SECTIONS_PER_PLAN + (n // len(plans)) % SECTIONS_PER_PLAN]
        when = _timeframe(rng, plan.period_start, plan.period_end)
        open_call = rng.random() < 0.06
        owners: list[Any] = []
        if not open_call:
            roll = rng.random()
            if roll < 0.05:
                owners = [groups[0]]
            elif roll < 0.07:
                owners = ["Symlog"]
            else:
                owners = rng.sample(orgs, k=rng.choice([1, 1, 1, 2, 2, 3]))
        tentative = rng.random() < 0.08
        items.append(
            Item(
                plan=plan,
                section=section,
                order=n,
                kind=ItemKind.ACTION,
                open_call=open_call,
                what=f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)}{' (tbc)' if tentative else ''}",
                who_text="Any volunteers?" if open_call else " / ".join(str(o) for o in owners),
                status=_status(rng, plan.status, when.get("end"), today),
                tentative=tentative,
                **when,
            )
        )
        owner_specs.append(owners)
    Item.objects.bulk_create(items, batch_size=BATCH)
    owner_rows = []
    for item, owners in zip(items, owner_specs, strict=True):
        for position, owner in enumerate(owners):
            row = ItemOwner(item=item, position=position)
            if isinstance(owner, Organisation):
                row.organisation = owner
            elif isinstance(owner, Group):
                row.group = owner
            else:
                row.text = owner
            owner_rows.append(row)
    # Give the demo login's organisation something of everything on My work: late, due soon, tentative.
    mine = orgs[0]
    open_now = [
        (it, owners)
        for it, owners in zip(items, owner_specs, strict=True)
        if it.plan.status == PlanStatus.ADOPTED
        and it.status in (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)
        and it.end is not None
        and mine not in owners
        and not it.open_call
    ]
    late = [p for p in open_now if p[0].end < today][-4:]
    soon = [p for p in open_now if today <= p[0].end <= today + dt.timedelta(days=30)][:5]
    later = [p for p in open_now if p[0].end > today + dt.timedelta(days=30)][:3]
    for item, owners in late + soon + later:
        owner_rows.append(ItemOwner(item=item, position=len(owners), organisation=mine))
        owners.append(mine)
    ItemOwner.objects.bulk_create(owner_rows, batch_size=BATCH)

    # Events over the same years, some linked to the items that prepare them.
    first_day, last_day = starts[0], _add_months(starts[-1], 6) - dt.timedelta(days=1)
    span = (last_day - first_day).days
    events = []
    for _ in range(n_events):
        title, kind = rng.choice(EVENT_TITLES)
        start = first_day + dt.timedelta(days=rng.randrange(span))
        end = start + dt.timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        events.append(
            Event(
                network=network,
                title=title.format(topic=rng.choice(TOPICS)),
                kind=kind,
                start=start,
                end=end,
                precision="day" if start == end else "days",
                when_text=f"{start.day} {start:%B %Y}" if start == end else f"{_days_text(start, end)} {end:%Y}",
                place=rng.choice(CITIES),
                is_public=rng.random() < 0.4,
                tentative=rng.random() < 0.05,
            )
        )
    Event.objects.bulk_create(events, batch_size=BATCH)
    links = {(rng.randrange(len(items)), rng.randrange(len(events))) for _ in range(max(1, n_events // 4))}
    ItemEvent.objects.bulk_create([ItemEvent(item=items[i], event=events[e]) for i, e in links], batch_size=BATCH)

    # A few real edits through the actions, so "recent changes" reads like a living network.
    secretariat = next(
        u for i, u in enumerate(users[1:], start=1) if role_of[i % len(role_of)] == NetworkRole.SECRETARIAT
    )
    live = [it for it in items if it.plan.status == PlanStatus.ADOPTED and it.status != ItemStatus.DONE]
    for item in rng.sample(live, k=min(25, len(live))):
        do_update_item(
            secretariat, item, status=ItemStatus.IN_PROGRESS if item.status == ItemStatus.PLANNED else ItemStatus.DONE
        )
    calls = [it for it in live if it.open_call]
    for item in calls[:3]:
        do_take_open_call(users[1 + role_of.index(NetworkRole.MEMBER_EDITOR)], item)
    if connection.vendor == "postgresql":
        # Fresh planner statistics: without them PostgreSQL plans for empty tables until autovacuum comes round
        # (search then recomputes every item's tsvector instead of using its GIN index).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    planner.refresh()  # SQLite keeps none until asked (accord/web/planner.py)
    return Summary(
        network=network,
        plans=len(plans),
        items=len(items),
        organisations=len(orgs),
        events=len(events),
        people=len(people),
        users=len(users),
        login=(DEMO_USER, DEMO_PASSWORD),
    )
