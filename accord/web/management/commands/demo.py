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
from django.core.management.base import BaseCommand
from django.db import transaction

from accord.network import actions
from accord.network.models import MembershipRole, Network, NetworkRole, Organisation

EXAMPLES = Path(settings.BASE_DIR).parent / "examples"
DEMO_SLUG = "northern-lights"
DEMO_USER = "demo"
DEMO_PASSWORD = "accord-demo"  # noqa: S105 - a published local demo login, printed for the person running it

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
CHAIRS = [("HSF", dt.date(2026, 1, 1), dt.date(2026, 6, 30)), ("ASO", dt.date(2026, 7, 1), dt.date(2026, 12, 31)),
          ("BRC", dt.date(2027, 1, 1), dt.date(2027, 6, 30)), ("NKI", dt.date(2027, 7, 1), dt.date(2027, 12, 31))]


class Command(BaseCommand):
    help = "Create the demo network from examples/ and a demo login (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--examples", default=str(EXAMPLES), help="folder of documents to import")

    def handle(self, *args, examples: str, **options):
        network = self.build_network()
        files = sorted(p for p in Path(examples).iterdir()
                       if p.is_file() and p.suffix.lower() in {".txt", ".md", ".html", ".docx", ".pdf"}
                       and p.name.lower() != "readme.md")
        if files:
            call_command("import", *map(str, files), network=network.slug, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(
            f"\nDemo ready: http://127.0.0.1:8000/  ·  sign in as {DEMO_USER} / {DEMO_PASSWORD}\n"))

    @transaction.atomic
    def build_network(self) -> Network:
        network = Network.objects.filter(slug=DEMO_SLUG).first()
        if network is None:
            network = actions.do_create_network(
                None, name="Northern Lights Research Diplomacy Network", slug=DEMO_SLUG, short_name="Northern Lights",
                description="An invented alliance of research institutions that plans its science-diplomacy work "
                            "in six-monthly programmes under a rotating chair.",
            )
        orgs: dict[str, Organisation] = {}
        for short, full, aliases, country, role in MEMBERS:
            org = Organisation.objects.filter(short_name=short).first()
            if org is None:
                org = actions.do_create_organisation(None, short_name=short, full_name=full, aliases=aliases,
                                                     country=country, type="research")
            if not network.memberships.filter(organisation=org).exists():
                actions.do_add_membership(None, network, org, role=role, since=dt.date(2025, 1, 1))
            orgs[short] = org
        for short, start, end in CHAIRS:
            if not network.chair_terms.filter(start=start).exists():
                actions.do_add_chair_term(None, network, orgs[short], start=start, end=end)
        if not network.groups.filter(name="Trio").exists():
            actions.do_create_group(None, network, name="Trio", kind="trio", aliases=["Trio of Chairs"])
        User = get_user_model()
        user = User.objects.filter(username=DEMO_USER).first()
        if user is None:
            user = User.objects.create_user(DEMO_USER, password=DEMO_PASSWORD, first_name="Demo",
                                            last_name="Secretariat", is_staff=True, is_superuser=True)
        actions.do_set_role(None, network, user, NetworkRole.SECRETARIAT, orgs["ASO"])
        viewer = User.objects.filter(username="member").first()
        if viewer is None:
            viewer = User.objects.create_user("member", password=DEMO_PASSWORD, first_name="Member",
                                              last_name="Editor")
        actions.do_set_role(None, network, viewer, NetworkRole.MEMBER_EDITOR, orgs["NKI"])
        return network
