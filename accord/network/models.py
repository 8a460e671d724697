"""Networks, the organisations and people in them, their groups, and who chairs when."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.web.baked import baked, pipelines, together
from accord.web.quickload import QuickLoad


class Network(QuickLoad, models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    description = models.TextField(blank=True)
    time_zone = models.CharField(max_length=64, default="Europe/Brussels")
    is_public = models.BooleanField(
        default=False, help_text=_("Anonymous visitors may see the plans, events and organisations marked public.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Versions of what the network's pages show (accord/audit/versions.py), bumped in the transaction of every
    # change: content_version for the network's own records (members, roles, organisations, events...) and its
    # plans' own records (title, status, period: which plans there are and who sees them), open_calls_version for
    # items that ask or asked for an owner. Cached page bodies are keyed on them. (What is inside a plan is each
    # plan's own content version; a change inside a plan locks the network row first without bumping anything,
    # accord.plans.models.plan_versions.) activity_version moves with every audit entry of the network (every
    # change, every comment, accord.audit.log.record): My work's Recent changes are cached on it.
    content_version = models.PositiveBigIntegerField(default=1, editable=False)
    open_calls_version = models.PositiveBigIntegerField(default=1, editable=False)
    activity_version = models.PositiveBigIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("workspace:network", args=[self.slug])

    def audit_network_id(self) -> int:
        return self.pk


class OrganisationType(models.TextChoices):
    RESEARCH = "research", _("research organisation")
    UNIVERSITY = "university", _("university")
    FUNDING = "funding", _("funding or programme agency")
    MINISTRY = "ministry", _("ministry or government")
    INTERNATIONAL = "international", _("international organisation")
    NETWORK = "network", _("network or association")
    PROJECT = "project", _("project or consortium")
    COMPANY = "company", _("company")
    CIVIL_SOCIETY = "civil_society", _("civil society")
    OTHER = "other", _("other")


class Organisation(QuickLoad, models.Model):
    """An institution, partner or external body. Organisations are shared across networks."""

    slug = models.SlugField(max_length=80, unique=True)
    short_name = models.CharField(max_length=80, unique=True)
    full_name = models.CharField(max_length=300, blank=True)
    # Other names people write for it ("DLR", "DLR-PT Brussels Office"): used to match owner text.
    aliases = models.JSONField(default=list, blank=True)
    country = models.CharField(max_length=2, blank=True, help_text=_("ISO 3166 alpha-2 code"))
    type = models.CharField(max_length=20, choices=OrganisationType.choices, default=OrganisationType.OTHER)
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped by every change to an item the organisation owns or owned before the change, in any network
    # (accord/audit/versions.py): its page, and My work of the people acting for it, are keyed on it.
    work_version = models.PositiveBigIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": _("Aliases must be a list of names.")})

    @property
    def names(self) -> list[str]:
        return [self.short_name, *([self.full_name] if self.full_name else []), *self.aliases]


class Person(QuickLoad, models.Model):
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    title = models.CharField(max_length=200, blank=True, help_text=_("Function, e.g. Head of Brussels Office"))

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.name


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("member")
    ADVISORY_PARTNER = "advisory_partner", _("advisory partner")
    GLOBAL_NETWORKING_PARTNER = "global_networking_partner", _("global networking partner")
    OBSERVER = "observer", _("observer")


class Membership(QuickLoad, models.Model):
    """An organisation's role in a network over time."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    since = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["organisation__short_name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "organisation", "role", "since"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=models.F("since")),
                name="membership_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.get_role_display()} of {self.network}"

    def audit_network_id(self) -> int:
        return self.network_id


class GroupKind(models.TextChoices):
    WORKING_GROUP = "working_group", _("working group")
    BOARD = "board", _("board")
    ASSEMBLY = "assembly", _("assembly")
    TRIO = "trio", _("trio")
    SECTION = "section", _("section")


class Group(QuickLoad, models.Model):
    """A body that can own work: a working group, a board, the assembly, the Trio, a sector's sections."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=GroupKind.choices, default=GroupKind.WORKING_GROUP)
    aliases = models.JSONField(default=list, blank=True)
    description = models.TextField(blank=True)
    member_organisations = models.ManyToManyField(Organisation, blank=True, related_name="groups")
    member_people = models.ManyToManyField(Person, blank=True, related_name="groups")
    leaders = models.ManyToManyField(Person, blank=True, related_name="led_groups")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["network", "name"], name="group_unique_name")]

    def __str__(self) -> str:
        return self.name

    def audit_network_id(self) -> int:
        return self.network_id


class ChairTerm(QuickLoad, models.Model):
    """An organisation chairs the network from `start` to `end` (inclusive)."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="chair_terms")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="chair_terms")
    label = models.CharField(max_length=200, blank=True, help_text=_('As written, e.g. "CNRS/Sorbonne Université"'))
    start = models.DateField()
    end = models.DateField()

    class Meta:
        ordering = ["network", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="chairterm_end_after_start"),
            models.UniqueConstraint(fields=["network", "start"], name="chairterm_unique_start"),
        ]
        indexes = [models.Index(fields=["network", "start", "end"])]

    def __str__(self) -> str:
        return f"{self.label or self.organisation} ({self.start:%b %Y}–{self.end:%b %Y})"

    def audit_network_id(self) -> int:
        return self.network_id


@dataclass(frozen=True)
class Trio:
    previous: TermRow | None
    current: TermRow | None
    next: TermRow | None


def trio_among(terms: list[TermRow], on: dt.date) -> Trio:
    """The Trio on a date among a network's chair terms (any order): the previous, current and next terms.

    Between two terms (a gap in the sequence), there is no current chair: the previous is the last term that
    ended before the date and the next is the first that starts after it.
    """
    terms = sorted(terms, key=lambda t: t.start)
    current = next((t for t in terms if t.start <= on <= t.end), None)
    before = [t for t in terms if t.end < on]
    after = [t for t in terms if t.start > on]
    return Trio(previous=before[-1] if before else None, current=current, next=after[0] if after else None)


def period_day(start: dt.date | None, end: dt.date | None) -> dt.date | None:
    """The day that stands for a period when asking who chaired it: its middle (a plan of July-December is
    the July-December chair's, even when the term boundaries are a day off)."""
    if start and end:
        return start + (end - start) / 2
    return start or end


# What the Trio shows of a term and its organisation (names, dates, the organisation's page): read as plain values
# (TermRow), not model objects, and not the organisation's aliases (JSON), dates of record or other columns.
TERM_FIELDS = ("id", "network_id", "organisation_id", "label", "start", "end")
TERM_ORGANISATION_FIELDS = ("organisation__slug", "organisation__short_name", "organisation__full_name")


class TermOrganisation(NamedTuple):
    """A chair's organisation as the Trio names it: its short name (as `str()` of an Organisation gives it)."""

    pk: int
    slug: str
    short_name: str
    full_name: str

    def __str__(self) -> str:
        return self.short_name


class TermRow(NamedTuple):
    """A chair term as the Trio shows it (the network home's card, a plan page's header, the Trio owners' labels,
    the hand-over brief): what a ChairTerm shows, as plain values; `str()` reads as a ChairTerm's."""

    pk: int
    network_id: int
    organisation_id: int
    label: str
    start: dt.date
    end: dt.date
    organisation: TermOrganisation

    def __str__(self) -> str:
        return f"{self.label or self.organisation} ({self.start:%b %Y}–{self.end:%b %Y})"


def _term_rows(rows: Iterable[tuple[Any, ...]]) -> list[TermRow]:
    return [TermRow(*row[:6], TermOrganisation(row[2], *row[6:])) for row in rows]


def _chair_terms_of(network_id: int) -> QuerySet[Any]:
    return (
        ChairTerm.objects.filter(network_id=network_id)
        .order_by("start", "pk")
        .values_list(*TERM_FIELDS, *TERM_ORGANISATION_FIELDS)
    )


@baked
def _trio_terms(network_id: int, day: dt.date) -> QuerySet[Any]:
    """The terms `trio_among` chooses from on `day`, and no others: every term that holds the day, the last (in
    `chair_terms` order) to end before it and the first to start after it. Three rows or so, however long the
    network's history (40 terms with their organisations cost 1.6 ms to read and build as models; these three
    0.3)."""
    terms = ChairTerm.objects.filter(network_id=network_id)
    before = terms.filter(end__lt=day).order_by("-start", "-pk").values("pk")[:1]
    after = terms.filter(start__gt=day).order_by("start", "pk").values("pk")[:1]
    around = Q(start__lte=day, end__gte=day) | Q(pk__in=before) | Q(pk__in=after)
    return terms.filter(around).order_by("start", "pk").values_list(*TERM_FIELDS, *TERM_ORGANISATION_FIELDS)


_chair_terms = baked(_chair_terms_of)  # read by every plan page's header (accord.web.baked)


def chair_terms(network: Network | int) -> list[TermRow]:
    """A network's chair terms with their organisations, in order, as the Trio shows them (one query)."""
    return _term_rows(_chair_terms(network_id=network if isinstance(network, int) else network.pk))


def together_with_chair_terms(holder: Any, network_id: int, *reads: Any) -> list[list[Any]]:
    """The rows of `reads` (accord.web.baked.together), and on PostgreSQL, where reads sent together share one
    round trip, the network's chair terms read with them and kept on `holder` for `held_chair_terms` (a plan
    page's header Trio and its Trio owners' labels name chairs). On SQLite they are read when first needed: ahead,
    they would cost a query some builds do not need."""
    if not pipelines():
        return together(*reads)
    *rows, terms = together(*reads, _chair_terms.bind(network_id=network_id))
    holder.__dict__["_held_chair_terms"] = _term_rows(terms)
    return rows


def held_terms(holder: Any) -> list[TermRow] | None:
    """The chair terms `held_chair_terms` keeps on `holder`, if it has read them (None otherwise)."""
    return holder.__dict__.get("_held_chair_terms")


def held_chair_terms(holder: Any, network_id: int) -> list[TermRow]:
    """`chair_terms(network_id)` read once per `holder` (the object a page loaded for its request, e.g. its plan)
    and kept on it, so that the parts of one page that name chairs (the header's Trio, the Trio owners' labels)
    share one query."""
    terms = held_terms(holder)
    if terms is None:
        terms = chair_terms(network_id)
        holder.__dict__["_held_chair_terms"] = terms
    return terms


_memberships_of = baked(
    lambda network_id, organisation_id: Membership.objects.filter(
        network_id=network_id, organisation_id=organisation_id
    ).order_by("since", "pk")
)


_memberships_by_slug = baked(
    lambda network_id, slug: Membership.objects.filter(network_id=network_id, organisation__slug=slug).order_by(
        "since", "pk"
    )
)


def memberships_by_slug_read(network_id: int, slug: str) -> Any:
    """The memberships `held_memberships` reads, named by the organisation's slug, so that they go with the
    organisation's own read (accord.web.baked.together); `keep_memberships` keeps them on it."""
    return _memberships_by_slug.bind(network_id=network_id, slug=slug)


def keep_memberships(organisation: Organisation, network_id: int, memberships: list[Membership]) -> None:
    """The organisation's memberships of the network, read elsewhere, kept for `held_memberships`."""
    organisation.__dict__.setdefault("_held_memberships", {})[network_id] = memberships


def held_memberships(organisation: Organisation, network_id: int) -> list[Membership]:
    """The organisation's memberships of the network, oldest first, read once per organisation object (as
    `held_chair_terms`): who may see an organisation asks whether it is a member, and its page lists them."""
    held = organisation.__dict__.setdefault("_held_memberships", {})
    if network_id not in held:
        held[network_id] = _memberships_of(network_id=network_id, organisation_id=organisation.pk)
    return held[network_id]


def trio_for(network: Network | int, on: dt.date) -> Trio:
    """The Trio on a date: the previous, current and next chair terms (any may be None), reading only those
    terms (one query: `_trio_terms`)."""
    network_id = network if isinstance(network, int) else network.pk
    return trio_among(_term_rows(_trio_terms(network_id=network_id, day=on)), on)


def trio_for_period(
    network: Network | int, start: dt.date | None, end: dt.date | None, terms: list[TermRow] | None = None
) -> Trio | None:
    """The Trio of a period (a plan's, an item's): the chairs around the period's middle; None without dates."""
    day = period_day(start, end)
    if day is None:
        return None
    return trio_for(network, day) if terms is None else trio_among(terms, day)


class NetworkRole(models.TextChoices):
    ADMIN = "admin", _("admin")
    SECRETARIAT = "secretariat", _("secretariat")
    MEMBER_EDITOR = "member_editor", _("member editor")
    VIEWER = "viewer", _("viewer")


class Role(QuickLoad, models.Model):
    """What a signed-in person may do in one network; a role in one network grants nothing in another."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_roles")
    role = models.CharField(max_length=20, choices=NetworkRole.choices, default=NetworkRole.VIEWER)
    # The organisation a member editor acts for: they edit the items it owns and take open calls for it.
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="role_one_per_network")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} in {self.network}"

    def audit_network_id(self) -> int:
        return self.network_id
