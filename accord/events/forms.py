"""Forms of the event pages: an event's When is read by accord.text.when here, never in a view."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accord.events.models import Event, EventKind, ItemEventRelation
from accord.plans.models import Item
from accord.plans.timeframed import timeframe_values
from accord.text.timeframe import Context
from accord.text.when import parse_when
from accord.web.forms import PlainForm


def event_context(parent: Event | None, today: dt.date) -> Context:
    """The period an event's When is read in: its parent's days for a session, else the current year."""
    if parent is not None and parent.start and parent.end:
        return Context(parent.start, parent.end)
    return Context.year(today.year)


class EventForm(PlainForm):
    title = forms.CharField(label=_("Title"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices, initial=EventKind.MEETING)
    when = forms.CharField(
        label=_("When"),
        max_length=300,
        required=False,
        help_text=_("As you would write it: “17–19 October 2026”, “early December”, “May or June 2027 (tbc)”."),
    )
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online link"), required=False, assume_scheme="https")
    audience = forms.CharField(
        label=_("Audience"),
        max_length=300,
        required=False,
        help_text=_("Who it is for, e.g. “Members and advisory partners”."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.ModelChoiceField(
        label=_("Part of"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("— not part of another event —"),
        help_text=_("For a session or workshop: the conference it belongs to."),
    )
    is_public = forms.BooleanField(label=_("Public (when the network is public)"), required=False)

    def __init__(self, *args: Any, parents: Any = None, today: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents if parents is not None else Event.objects.none()
        self.today = today or dt.date.today()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        text = " ".join((data.get("when") or "").split())
        if text:
            tf = parse_when(text, event_context(data.get("parent"), self.today))
            if tf.start is None and tf.end is None:
                self.add_error(
                    "when",
                    _(
                        "“%(text)s” is not a time Accord can read: write a day, days, a month "
                        "or a season, e.g. “5 December 2026”."
                    )
                    % {"text": text},
                )
            else:
                data["timeframe"] = timeframe_values(tf)
        else:
            data["timeframe"] = timeframe_values(None)
        return data

    def values(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            "title": d["title"].strip(),
            "kind": d["kind"],
            "place": d["place"].strip(),
            "online_url": d["online_url"],
            "audience": d["audience"].strip(),
            "description": d["description"],
            "parent": d["parent"],
            "is_public": d["is_public"],
            **d["timeframe"],
        }


class LinkItemForm(PlainForm):
    item = forms.ModelChoiceField(label=_("Item"), queryset=Item.objects.none(), empty_label=_("— choose an item —"))
    relation = forms.ChoiceField(
        label=_("How it relates"), choices=ItemEventRelation.choices, initial=ItemEventRelation.PREPARES
    )

    def __init__(self, *args: Any, items: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = items if items is not None else Item.objects.none()
        self.fields["item"].label_from_instance = lambda item: f"{item.plan.title} · {item}"
