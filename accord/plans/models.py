"""Plans (work programmes, strategic priorities, event programmes), their sections and items."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accord.audit.versions import LOCK
from accord.network.models import Group, Network, Organisation, Person
from accord.plans.timeframed import Timeframed
from accord.text.narrative import NarrativeBlock, narrative_blocks
from accord.web.quickload import QuickLoad


def plan_versions(network_id: int | None, plan_id: int | None) -> list[tuple[str, int | None, str]]:
    """What a change inside a plan bumps: the plan's content version, after locking the network's row (no version
    of it moves: the lock puts every writer of a network in one order, network first, so that a transaction of
    many entries, an import, never holds organisations another writer of the network waits for in another
    order)."""
    return [("network.Network", network_id, LOCK), ("plans.Plan", plan_id, "content_version")]


class PlanKind(models.TextChoices):
    WORK_PROGRAMME = "work_programme", _("work programme")
    STRATEGIC_PRIORITIES = "strategic_priorities", _("strategic priorities")
    EVENT = "event", _("event programme")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    ADOPTED = "adopted", _("adopted")
    CLOSED = "closed", _("closed")


class SourceDocument(models.Model):
    """A document a plan was imported from: kept so every item can say where it came from."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="documents")
    name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, db_index=True, help_text=_("SHA-256 of the file's bytes"))
    size = models.PositiveBigIntegerField(default=0)
    format = models.CharField(max_length=10, blank=True)
    file = models.FileField(upload_to="documents/%Y/%m/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.name

    def audit_network_id(self) -> int:
        return self.network_id


ITEM_COUNT_FIELDS = ("items_total", "items_done", "items_open_calls")


def item_label(what: str) -> str:
    """An item as its links and lists name it: its What?, cut to 80 characters."""
    return what if len(what) <= 80 else what[:79] + "…"


@functools.lru_cache(maxsize=2048)
def period_label_of(start: dt.date | None, end: dt.date | None) -> str:
    """A plan's period as its pages say it: "January–June 2022", "March 2025", or with days when the period is not
    whole months: "25–26 March 2025", "30 March – 2 April 2025"; empty without both dates. A function of the two
    dates alone, so that a page showing plans read as plain values needs no Plan object to say it, and kept per
    pair (a page says the same few plans' periods dozens of times: the workload's rows, an organisation's items)."""
    if not (start and end):
        return ""
    whole_months = start.day == 1 and (end + dt.timedelta(days=1)).day == 1
    if whole_months:
        if (start.year, start.month) == (end.year, end.month):
            return f"{end:%B %Y}"
        if start.year == end.year:
            return f"{start:%B}–{end:%B %Y}"
        return f"{start:%B %Y}–{end:%B %Y}"
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


class Plan(QuickLoad, models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=24, choices=PlanKind.choices, default=PlanKind.WORK_PROGRAMME)
    title = models.CharField(max_length=300)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    theme = models.CharField(_("guiding theme"), max_length=500, blank=True)
    chair = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="chaired_plans"
    )
    chair_text = models.CharField(_("chair (as written)"), max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version_label = models.CharField(max_length=40, blank=True, help_text=_('e.g. "n°3"'))
    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans"
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_plans",
        help_text=_("The plan this one continues (the previous chair's)."),
    )
    is_public = models.BooleanField(default=False)
    footnotes = models.JSONField(default=list, blank=True)
    # The lines of the source document's header that are none of its title, period, theme, chair or status
    # (the meeting it was written for, its date and place, who took part): kept as written, shown with the plan.
    source_header = models.JSONField(_("header of the source document"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)
    # Bumped in the transaction of every change to the plan, its sections, items and owners (not comments):
    # the plan's pages are cached on it (accord/audit/versions.py).
    content_version = models.PositiveBigIntegerField(default=1, editable=False)
    # How many items the plan has, how many are done, and how many open ones ask for an owner: kept by the
    # database itself (triggers on the items' table, migration 0010, docs/decisions/0016), whatever writes the
    # items, in the writer's transaction; read with the plan's row (its list row, My work's card) instead of
    # counting its items. Never saved from Python (`save` leaves them out).
    items_total = models.PositiveIntegerField(default=0, editable=False)
    items_done = models.PositiveIntegerField(default=0, editable=False)
    items_open_calls = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["network", "-period_start", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="plan_period_end_not_before_start",
            )
        ]
        indexes = [models.Index(fields=["network", "period_start", "period_end"])]

    def __str__(self) -> str:
        return f"{self.title}{' ' + self.period_label if self.period_label else ''}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save the plan's own columns, never the item counts the database keeps (ITEM_COUNT_FIELDS): a plan read
        before its items changed would otherwise write its old counts back."""
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in ITEM_COUNT_FIELDS
            ]
        elif kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = [f for f in kwargs["update_fields"] if f not in ITEM_COUNT_FIELDS]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("plans:plan", args=[self.network.slug, self.pk])

    @classmethod
    def recount_derived(cls) -> None:
        """Count every plan's items again into the counts the triggers keep: after rows were loaded with their
        counts already written (`accord restore` loads plans with their counts, then their items, which the
        triggers count once more)."""
        items = Item.objects.filter(plan=models.OuterRef("pk")).order_by().values("plan")

        def count(condition: Q) -> Any:
            found = items.filter(condition).annotate(n=models.Count("pk")).values("n")
            return Coalesce(models.Subquery(found), 0)

        cls.objects.update(
            items_total=count(Q()),
            items_done=count(Q(status=ItemStatus.DONE)),
            items_open_calls=count(Q(open_call=True, status__in=OPEN_STATUSES)),
        )

    @property
    def period_label(self) -> str:
        """ "January–June 2022", "March 2025", or with days when the period is not whole months:
        "25–26 March 2025", "30 March – 2 April 2025" (period_label_of)."""
        return period_label_of(self.period_start, self.period_end)

    def audit_network_id(self) -> int:
        return self.network_id

    def content_versions(self) -> list[tuple[str, int | None, str]]:
        """The plan's own record (title, status, period, visibility) decides which plans there are and who sees
        them, which every page across plans depends on: it bumps the network's content version too."""
        return [("network.Network", self.network_id, "content_version"), *plan_versions(self.network_id, self.pk)]


# The one wording for a section without a title, on every page and in every export.
UNTITLED_SECTION = _("Untitled section")


class Section(QuickLoad, models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    number = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=500, blank=True)
    narrative = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    # A section's own time context (a heading "… 2018", a consultation timeline) when it differs from the plan's.
    context_start = models.DateField(null=True, blank=True)
    context_end = models.DateField(null=True, blank=True)
    # Bumped with the plan's content version by changes to the section and its items: the Document tab caches
    # each section's fragment on it.
    content_version = models.PositiveBigIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="section_unique_order")]

    def __str__(self) -> str:
        label = f"{self.number}. {self.title}" if self.number else self.title
        return label or str(UNTITLED_SECTION)

    def audit_network_id(self) -> int:
        return self.plan.network_id

    def content_versions(self) -> list[tuple[str, int | None, str]]:
        return [*plan_versions(self.plan.network_id, self.plan_id), ("plans.Section", self.pk, "content_version")]

    @property
    def narrative_blocks(self) -> list[NarrativeBlock]:
        """The narrative's paragraphs and bulleted lists, as the pages and exports show them."""
        return narrative_blocks(self.narrative)

    def deleted_versions(self) -> list[tuple[str, int | None, str]]:
        """A section deleted takes its items with it (their organisations' pages, open calls): the network's
        content version is bumped too, as for a plan deleted. Deleting a section is rare."""
        return [("network.Network", self.plan.network_id, "content_version"), *self.content_versions()]


class ItemKind(models.TextChoices):
    ACTION = "action", _("action")
    MILESTONE = "milestone", _("milestone")
    OBJECTIVE = "objective", _("objective")
    THEME = "theme", _("theme")
    SESSION = "session", _("session")
    OUTPUT = "output", _("output")


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")
    CARRIED_OVER = "carried_over", _("carried over")


OPEN_STATUSES = (ItemStatus.PLANNED, ItemStatus.IN_PROGRESS)


class OwnersMode(models.TextChoices):
    """How the document states an item's owners (accord.text.who.owners_form)."""

    ALL = "all", _("jointly")
    EITHER = "either", _("either of them")
    AND_OTHERS = "and_others", _("and others")
    OPEN_CALL = "open_call", _("call for volunteers")
    EVERYONE = "everyone", _("everyone interested")
    UNSPECIFIED = "unspecified", _("not stated")


class ItemQuerySet(models.QuerySet["Item"]):
    def open(self) -> ItemQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overlapping(self, start, end) -> ItemQuerySet:
        """Items whose interval meets [start, end]; an open end counts as still running."""
        return self.filter(Q(start__lte=end) | Q(start__isnull=True, end__isnull=False)).filter(
            Q(end__gte=start) | Q(end__isnull=True, start__isnull=False)
        )

    def with_owners(self) -> ItemQuerySet:
        return self.prefetch_related(
            models.Prefetch("owners", queryset=ItemOwner.objects.select_related("organisation", "group", "person"))
        )


class Item(Timeframed):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(max_length=12, choices=ItemKind.choices, default=ItemKind.ACTION)
    what = models.TextField()
    details = models.TextField(blank=True)
    status = models.CharField(max_length=14, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    progress_note = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)
    open_call = models.BooleanField(_("owner wanted"), default=False)
    who_text = models.CharField(_("who (as written)"), max_length=500, blank=True)
    # A re-import whose document no longer has the item keeps it (history, comments) and says so.
    removed_from_document = models.BooleanField(_("removed from the document"), default=False)
    owners_mode = models.CharField(
        _("how the owners were written"), max_length=12, choices=OwnersMode.choices, default=OwnersMode.ALL
    )
    owners_note = models.CharField(
        _("note on the owners"),
        max_length=200,
        blank=True,
        help_text=_("Words of the Who cell that name nobody, e.g. Others by invitation."),
    )
    predecessor = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
        help_text=_("The item this one carries over."),
    )
    source_document = models.ForeignKey(
        SourceDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    source_location = models.JSONField(default=dict, blank=True, help_text=_("page, table, row or line"))
    # Set when the item was carried into a new plan with a time that fell in the previous period: someone
    # should give it a new When. Cleared when the When is edited.
    when_review = models.BooleanField(_("time to review"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Incremented on every change: a form carries the version it was loaded with, so a stale save is caught.
    version = models.PositiveIntegerField(default=1)
    # Bumped by comments on the item (which only its own page shows), apart from `version` so that a comment
    # never makes an open edit form stale.
    discussion_version = models.PositiveBigIntegerField(default=1, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["section__order", "order", "id"]
        constraints = [
            *Timeframed.timeframe_constraints("item"),
            models.CheckConstraint(condition=~Q(what=""), name="item_what_not_empty"),
        ]
        indexes = [
            models.Index(fields=["start", "end"]),
            models.Index(fields=["end"]),
            models.Index(fields=["plan", "section", "order"]),
            models.Index(fields=["status"]),
            # Counting a plan's items by status (plan lists, the network home, workload) from the index alone.
            models.Index(fields=["plan", "status", "open_call"]),
            # The open calls (My work's list and count, the network home's): a few items of every plan, read by
            # their status and end, without reading every open item for the flag.
            models.Index(fields=["status", "end"], condition=Q(open_call=True), name="plans_item_open_calls"),
        ]

    def __str__(self) -> str:
        return item_label(self.what)

    def get_absolute_url(self) -> str:
        return reverse("plans:item", args=[self.plan.network.slug, self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        # The section it was loaded in: a move bumps the section it leaves as well as the one it joins; and
        # whether it asked for an owner: answering the call changes the open calls.
        item._loaded_section_id = item.__dict__.get("section_id")
        item._loaded_open_call = item.__dict__.get("open_call")
        return item

    def audit_network_id(self) -> int:
        return self.plan.network_id

    def owner_organisation_ids(self) -> set[int]:
        """The organisations that own the item, and those that owned it before its owners were written in this
        transaction (`_owner_organisations`, set by the action that writes them); one query otherwise."""
        known = self.__dict__.pop("_owner_organisations", None)  # used once: a later change asks the table
        if known is not None:
            return set(known)
        owners = ItemOwner.objects.filter(item_id=self.pk, organisation__isnull=False)
        return set(owners.values_list("organisation_id", flat=True))

    def content_versions(self) -> list[tuple[str, int | None, str]]:
        """Its plan (and section, both when it moves), the network's open calls when it asks or asked for an
        owner, and every organisation that owns or owned it. Rows are bumped in one order for every writer:
        network, plan, sections, organisations by key."""
        network_id = self.plan.network_id
        sections = {self.section_id, getattr(self, "_loaded_section_id", None)} - {None}
        calls = self.open_call or getattr(self, "_loaded_open_call", False)
        return [
            *plan_versions(network_id, self.plan_id),
            *([("network.Network", network_id, "open_calls_version")] if calls else []),
            *(("plans.Section", pk, "content_version") for pk in sorted(sections)),
            *(("network.Organisation", pk, "work_version") for pk in sorted(self.owner_organisation_ids())),
        ]


class ItemOwner(QuickLoad, models.Model):
    """One owner of an item, in order: an organisation, a group, a person, or text not yet resolved."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="owners")
    position = models.PositiveSmallIntegerField(default=0)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="owned_items"
    )
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE, related_name="owned_items")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="owned_items")
    text = models.CharField(max_length=200, blank=True, help_text=_("A name not (yet) matched to a record."))

    class Meta:
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(fields=["item", "position"], name="itemowner_unique_position"),
            # Exactly one of organisation, group, person or text.
            models.CheckConstraint(
                condition=(
                    Q(organisation__isnull=False, group__isnull=True, person__isnull=True, text="")
                    | Q(organisation__isnull=True, group__isnull=False, person__isnull=True, text="")
                    | Q(organisation__isnull=True, group__isnull=True, person__isnull=False, text="")
                    | (Q(organisation__isnull=True, group__isnull=True, person__isnull=True) & ~Q(text=""))
                ),
                name="itemowner_exactly_one",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "item"])]

    def __str__(self) -> str:
        return self.name

    @property
    def target(self):
        return self.organisation or self.group or self.person

    @property
    def name(self) -> str:
        # Set by plans.queries.attach_trio_labels: the Trio named by the chairs of the item's period.
        trio_label = getattr(self, "trio_label", None)
        if trio_label:
            return trio_label
        target = self.target
        return str(target) if target is not None else self.text

    def audit_network_id(self) -> int:
        return self.item.plan.network_id

    def content_versions(self) -> list[tuple[str, int | None, str]]:
        return self.item.content_versions()


class Comment(QuickLoad, models.Model):
    """A note on an item by someone in the network ("Draft sent to the Board", "Can DLR-PT help here?")."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Kept as text too, so the comment still says who after the account is gone.
    author_name = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_empty")]
        indexes = [models.Index(fields=["item", "created_at"])]

    def __str__(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= 60 else text[:59] + "…"

    def audit_network_id(self) -> int:
        return self.item.plan.network_id

    def content_versions(self) -> list[tuple[str, int | None, str]]:
        return [("plans.Item", self.item_id, "discussion_version")]
