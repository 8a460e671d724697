"""Forms of the plan and item pages: they validate what a person typed and turn it into an action's arguments.

Reading the words of a When field happens here (through accord.text.when), never in a view.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.plans.actions import COMMENT_MAX_LENGTH, Owner
from accord.plans.models import Item, ItemStatus, Plan
from accord.plans.timeframed import timeframe_values
from accord.text.timeframe import Context, Timeframe
from accord.text.when import parse_when
from accord.text.who import parse_who
from accord.web.forms import FlatChoices


def plan_context(plan: Plan, section: Any = None) -> Context | None:
    """The period a When is read in: the section's own when it has one, else the plan's."""
    if section is not None and section.context_start and section.context_end:
        return Context(section.context_start, section.context_end)
    if plan.period_start and plan.period_end:
        return Context(plan.period_start, plan.period_end)
    if plan.period_start:
        return Context.year(plan.period_start.year)
    return None


def read_when(text: str, context: Context | None) -> Timeframe | None:
    """The Timeframe for the words, or None for an empty field."""
    text = " ".join(text.split())
    if not text:
        return None
    return parse_when(text, context)


def split_owners(text: str, known: dict[str, Any]) -> list[Owner]:
    """ "ZSI / DLR-PT, Trio" -> [ZSI, DLR-PT, Trio]: known names become their record, others stay text.

    The names are read by the importer's own grammar (accord.text.who.parse_who), so typing "ZSI and DLR-PT"
    gives what importing it gives; known names that contain a separator ("CNRS/Sorbonne") are kept whole.
    """
    owners: list[Owner] = []
    seen: set[Any] = set()
    for name in parse_who(text, known.keys()).owners:
        part = " ".join(name.split())
        owner = known.get(part.casefold(), part[:200])
        key = (type(owner).__name__, getattr(owner, "pk", owner))
        if key not in seen:
            seen.add(key)
            owners.append(owner)
    return owners


def owners_text(item: Item) -> str:
    return ", ".join(o.name for o in item.owners.all())


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class ItemFilterForm(forms.Form):
    """The Table tab's filters, read from the query string (a GET form that works without JavaScript)."""

    # An organisation's id, or "g" and a group's id.
    owner = forms.ChoiceField(label=_("Owner"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *ItemStatus.choices])
    section = forms.TypedChoiceField(label=_("Section"), required=False, coerce=int, empty_value=None)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())
    open_call = forms.BooleanField(label=_("Owner wanted"), required=False)
    tentative = forms.BooleanField(label=_("Tentative (tbc)"), required=False)

    def __init__(self, data: Any, *, sections: list[Any], owners: list[Any], groups: list[Any] = ()) -> None:
        super().__init__(data)
        owner_choices = [(str(o.pk), o.short_name) for o in owners] + [(f"g{g.pk}", g.name) for g in groups]
        self.fields["owner"].choices = FlatChoices([("", _("Any owner")), *owner_choices])
        self.fields["section"].choices = FlatChoices([("", _("Any section")), *[(s.pk, str(s)) for s in sections]])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the window cannot be before its start."))
        return data

    def filters(self) -> dict[str, Any]:
        """Keyword arguments for queries.filter_items: the valid filters only (a wrong one is ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        found = {k: data[k] for k in self.fields if k in data and data[k] not in (None, "", False)}
        owner = found.pop("owner", "")
        if owner.startswith("g"):
            found["owner_group"] = int(owner[1:])
        elif owner:
            found["owner"] = int(owner)
        return found

    @property
    def active(self) -> bool:
        return bool(self.filters())


class ItemEditForm(forms.Form):
    """Edit an item: status, When and (for the secretariat) owners; on the item page also the progress note
    and dates set by hand. Carries the version it was loaded with so a stale save is caught."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    owners = forms.CharField(
        label=_("Owners"),
        required=False,
        max_length=1000,
        help_text=_("Organisations or groups in order, separated by commas or “/”."),
    )
    when_text = forms.CharField(
        label=_("When"),
        required=False,
        max_length=300,
        help_text=_("As you would write it, e.g. “early December (tbc)”."),
    )
    progress_note = forms.CharField(
        label=_("Progress note"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput())
    end = forms.DateField(label=_("End"), required=False, widget=DateInput())
    # Offered only on an item carried over with a time that was over: a new When answers the review too.
    keep_when = forms.BooleanField(label=_("This time still holds (carried over: no new When needed)"), required=False)

    ROW_FIELDS = ("version", "status", "owners", "when_text")

    def __init__(
        self,
        data: Any = None,
        *,
        item: Item,
        can_reassign: bool,
        known_owners: dict[str, Any] | None = None,
        row: bool = False,
    ) -> None:
        self.item = item
        self.row = row
        self.known_owners = known_owners or {}
        initial = {
            "version": item.version,
            "status": item.status,
            "owners": owners_text(item),
            "when_text": item.when_text,
            "progress_note": item.progress_note,
            # Dates appear in the form only when a person set them; empty means "read them from the words".
            "start": item.start if item.when_set_by_hand else None,
            "end": item.end if item.when_set_by_hand else None,
        }
        # Several rows may be in edit mode at once: their ids carry the item's.
        auto_id = f"id_%s_{item.pk}" if row else "id_%s"
        super().__init__(data, initial=initial, auto_id=auto_id)
        if row:
            for name in list(self.fields):
                if name not in self.ROW_FIELDS:
                    del self.fields[name]
        if not can_reassign:
            del self.fields["owners"]
        if "keep_when" in self.fields and not item.when_review:
            del self.fields["keep_when"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The end cannot be before the start."))
        return data

    def _timeframe_changes(self) -> dict[str, Any]:
        item, data = self.item, self.cleaned_data
        text = " ".join(data.get("when_text", "").split())
        by_hand = "start" in self.fields and (data.get("start") or data.get("end"))
        text_changed = text != item.when_text
        if by_hand:
            values = timeframe_values(read_when(text, plan_context(item.plan, item.section)), when_text=text)
            values.update(start=data.get("start"), end=data.get("end"), when_set_by_hand=True)
            if not values["when_text"]:
                values["when_text"] = text
            return values
        if text_changed or ("start" in self.fields and item.when_set_by_hand):
            return timeframe_values(read_when(text, plan_context(item.plan, item.section)), when_text=text)
        return {}

    def values(self) -> dict[str, Any]:
        """Keyword arguments for actions.do_edit_item (call after is_valid())."""
        data = self.cleaned_data
        values: dict[str, Any] = {"expected_version": data["version"], "status": data["status"]}
        if "progress_note" in self.fields:
            values["progress_note"] = data["progress_note"].strip()
        values.update(self._timeframe_changes())
        if data.get("keep_when"):
            values["when_review"] = False
        if "owners" in self.fields:
            owners = split_owners(data.get("owners", ""), self.known_owners)
            if [str(o) for o in owners] != [o.name for o in self.item.owners.all()]:
                values["owners"] = owners
        return values

    def yours(self) -> list[tuple[str, str, str]]:
        """(label, yours, current) for the conflict view; the current is what the item holds now."""
        item, data = self.item, self.cleaned_data
        rows = [(str(_("Status")), ItemStatus(data["status"]).label, item.get_status_display())]
        if "owners" in self.fields:
            rows.append((str(_("Owners")), data.get("owners", ""), owners_text(item)))
        rows.append((str(_("When")), data.get("when_text", ""), item.when_text))
        if "progress_note" in self.fields:
            rows.append((str(_("Progress note")), data.get("progress_note", ""), item.progress_note))
        if "start" in self.fields and (data.get("start") or data.get("end")):
            rows.append((str(_("Dates set by hand")), _dates(data.get("start"), data.get("end")), item.interval_label))
        return rows


def _dates(start: dt.date | None, end: dt.date | None) -> str:
    return " – ".join(d.isoformat() for d in (start, end) if d)


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), max_length=COMMENT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}))
