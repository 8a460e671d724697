"""`accord demo`: a ready-to-click workspace from the example documents in examples/.

Creates the demo network, its members, chair terms and a demo account, then imports examples/ through the
importer (`accord import`), exactly as a secretariat would. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accord.audit.actors import SYSTEM
from accord.events import actions as event_actions
from accord.network import actions
from accord.network.models import MembershipRole, Network, NetworkRole, Organisation
from accord.plans import actions as plan_actions
from accord.plans.models import ItemStatus, PlanStatus
from accord.plans.timeframed import timeframe_values
from accord.text.timeframe import Context
from accord.text.when import parse_when

EXAMPLES = Path(settings.BASE_DIR).parent / "examples"
DEMO_SLUG = "northern-lights"
DEMO_USER = "demo"
DEMO_PASSWORD = "accord-demo"  # noqa: S105 - a published local demo login, printed for the person running it
SECRETARIAT_USER = "secretariat"

# Every demo account (one password for all), its role and what signing in as it shows.
ACCOUNTS = [
    (
        DEMO_USER,
        "Demo",
        "Admin",
        NetworkRole.ADMIN,
        None,
        "superuser and network admin: every page, network settings, people and roles, chair terms, /admin/",
    ),
    (
        SECRETARIAT_USER,
        "Sam",
        "Secretariat",
        NetworkRole.SECRETARIAT,
        "ASO",
        "secretariat acting for ASO: imports, plans, events, groups, owners; takes open calls for ASO",
    ),
    (
        "member",
        "Mira",
        "Member",
        NetworkRole.MEMBER_EDITOR,
        "NKI",
        "member editor for NKI: updates NKI's items, takes open calls for NKI",
    ),
    ("viewer", "Vik", "Viewer", NetworkRole.VIEWER, None, "viewer: reads every plan and comments"),
]

# The invented alliance of examples/: member organisations with the other names people write for them.
MEMBERS = [
    ("ASO", "Aurora Science Office", ["Aurora Science Office (ASO)"], "NO", MembershipRole.MEMBER),
    ("BRC", "Baltic Research Council", ["Baltic Research Council (BRC)"], "LT", MembershipRole.MEMBER),
    ("NKI", "Nordkapp Institute", ["Nordkapp Inst."], "NO", MembershipRole.MEMBER),
    ("HSF", "Hansa Science Foundation", ["Hansa Foundation"], "DE", MembershipRole.MEMBER),
    ("TRI", "Tallinn Research Institute", [], "EE", MembershipRole.MEMBER),
    ("LUC", "Lapland University Centre", [], "FI", MembershipRole.MEMBER),
    ("Fjell Foundation", "Fjell Foundation for Research Mobility", ["Fjell"], "NO", MembershipRole.ADVISORY_PARTNER),
]
# HSF chaired before the first example programme; ASO chairs now (July-December 2026), then BRC, then NKI.
CHAIRS = [
    ("HSF", dt.date(2026, 1, 1), dt.date(2026, 6, 30)),
    ("ASO", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
    ("BRC", dt.date(2027, 1, 1), dt.date(2027, 6, 30)),
    ("NKI", dt.date(2027, 7, 1), dt.date(2027, 12, 31)),
]


# Gatherings of the example network, written as a secretariat writes them; read by the same time parser.
DEMO_EVENTS = [
    ("General Assembly 2026", "general_assembly", "5 December 2026", "Online", True),
    ("Arctic Circle Assembly side event", "conference", "17-19 October 2026", "Reykjavík", True),
    ("Winter school for early-career researchers", "training", "early December 2026", "Tromsø", False),
    ("Trio call", "meeting", "26 November 2026", "Online", False),
    ("Steering Group", "meeting", "20 November 2026", "Brussels", False),
    ("Briefing for ministry officials", "meeting", "May or June 2027 (tbc)", "Oslo", False),
]
# What the demo's events hold beside their time and place: who they are for, their sessions (title, when) and
# the words of the current programme's items that prepare them.
DEMO_EVENT_DETAILS = {
    "Arctic Circle Assembly side event": (
        "Members, ministries and funders",
        [
            ("Panel: research diplomacy in the High North", "workshop", "18 October 2026"),
            ("Members' breakfast", "meeting", "19 October 2026"),
        ],
        "Arctic Circle",
    ),
    "Winter school for early-career researchers": ("Early-career researchers of the members", [], "winter school"),
    "General Assembly 2026": ("Members", [], ""),
}


class Command(BaseCommand):
    help = "Create the demo network from examples/ and a demo login (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--examples", default=str(EXAMPLES), help="folder of documents to import")
        parser.add_argument("--address", default="http://127.0.0.1:8000/", help="the address printed at the end")

    def handle(self, *args, examples: str, address: str, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "accord demo creates accounts with a published password; it does not run in "
                "production mode (ACCORD_PRODUCTION=1)."
            )
        network = self.build_network()
        files = sorted(
            p
            for p in Path(examples).iterdir()
            if p.is_file()
            and p.suffix.lower() in {".txt", ".md", ".html", ".docx", ".pdf"}
            and p.name.lower() != "readme.md"
        )
        if files:
            call_command("import", *map(str, files), network=network.slug, stdout=self.stdout)
        self.bring_to_life(network)
        self.stdout.write(self.style.SUCCESS(f"\nDemo ready: {address}  ·  sign in as {DEMO_USER} / {DEMO_PASSWORD}\n"))
        self.stdout.write(f"Every demo account has the password {DEMO_PASSWORD}:\n")
        width = max(len(a[0]) for a in ACCOUNTS)
        for username, *_names, shows in ACCOUNTS:
            self.stdout.write(f"  {username:<{width}}  {shows}\n")

    @transaction.atomic
    def bring_to_life(self, network: Network) -> None:
        """The secretariat's first weeks with the current programme: events in the calendar, some work done.

        Done through the same actions a person uses, as the demo account, so the history reads like real use.
        Only on the first run: a network that already has events is left as it is.
        """
        if network.events.exists():
            return
        user = get_user_model().objects.get(username=SECRETARIAT_USER)
        today = timezone.localdate()
        current = network.plans.filter(period_start__lte=today, period_end__gte=today).first()
        context = Context(current.period_start, current.period_end) if current else Context.year(today.year)
        events = {}
        for title, kind, when, place, public in DEMO_EVENTS:
            audience, _sessions, _words = DEMO_EVENT_DETAILS.get(title, ("", [], ""))
            events[title] = event_actions.do_create_event(
                user,
                network,
                title=title,
                kind=kind,
                place=place,
                audience=audience,
                is_public=public,
                **timeframe_values(parse_when(when, context)),
            )
        for title, (_audience, sessions, words) in DEMO_EVENT_DETAILS.items():
            for session, kind, when in sessions:
                event_actions.do_create_event(
                    user,
                    network,
                    title=session,
                    kind=kind,
                    parent=events[title],
                    is_public=events[title].is_public,
                    **timeframe_values(parse_when(when, context)),
                )
            for item in current.items.filter(what__icontains=words) if current is not None and words else []:
                event_actions.do_link_item_event(user, item, events[title])
        if current is None:
            return
        plan_actions.do_set_plan_status(user, current, PlanStatus.ADOPTED, note="adopted by the General Assembly")
        for item in current.items.filter(status=ItemStatus.PLANNED).order_by("section__order", "order"):
            if item.end and item.end < today - dt.timedelta(days=45):
                plan_actions.do_update_item(
                    user, item, status=ItemStatus.DONE, progress_note="Done; minutes shared with the members."
                )
            elif item.recurrence or (item.start and item.start <= today and (item.end or today) >= today):
                plan_actions.do_update_item(user, item, status=ItemStatus.IN_PROGRESS)

    @transaction.atomic
    def build_network(self) -> Network:
        network = Network.objects.filter(slug=DEMO_SLUG).first()
        if network is None:
            network = actions.do_create_network(
                SYSTEM,
                name="Northern Lights Research Diplomacy Network",
                slug=DEMO_SLUG,
                short_name="Northern Lights",
                description="An invented alliance of research institutions that plans its science-diplomacy work "
                "in six-monthly programmes under a rotating chair.",
            )
        orgs: dict[str, Organisation] = {}
        for short, full, aliases, country, role in MEMBERS:
            org = Organisation.objects.filter(short_name=short).first()
            if org is None:
                org = actions.do_create_organisation(
                    SYSTEM, short_name=short, full_name=full, aliases=aliases, country=country, type="research"
                )
            if not network.memberships.filter(organisation=org).exists():
                actions.do_add_membership(SYSTEM, network, org, role=role, since=dt.date(2025, 1, 1))
            orgs[short] = org
        for short, start, end in CHAIRS:
            if not network.chair_terms.filter(start=start).exists():
                actions.do_add_chair_term(SYSTEM, network, orgs[short], start=start, end=end)
        for name, kind, aliases in (
            ("Trio", "trio", ["Trio of Chairs"]),
            ("Steering Group", "board", []),
            ("Working Groups", "working_group", ["WGs", "WG leads"]),
            ("General Assembly", "assembly", ["GA"]),
        ):
            if not network.groups.filter(name=name).exists():
                actions.do_create_group(SYSTEM, network, name=name, kind=kind, aliases=aliases)
        User = get_user_model()
        for username, first, last, role, org, _shows in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                superuser = username == DEMO_USER
                user = User.objects.create_user(
                    username,
                    password=DEMO_PASSWORD,
                    first_name=first,
                    last_name=last,
                    is_staff=superuser,
                    is_superuser=superuser,
                )
            current = network.roles.filter(user=user).first()
            if current is None or (current.role, current.organisation_id) != (role, org and orgs[org].pk):
                actions.do_set_role(SYSTEM, network, user, role, orgs[org] if org else None)
        return network
