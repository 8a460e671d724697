"""The Timeline tab: items on a time axis (vis-timeline); the same data as lists without JavaScript."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accord.plans import queries as plan_queries
from accord.plans.models import Item, Section
from accord.plans.views.common import label_rows, load_plan, row_labels, tab_page
from accord.web.choices import choice_words
from accord.web.links import url_maker

# The timeline lists at most this many dated (and undated) items below its chart.
TIMELINE_LIST_LIMIT = 300


# Up to this many days the axis counts days (a two-day event), beyond it vis-timeline picks its own scale.
DAY_AXIS_DAYS = 31


def timeline_window(period_start: dt.date | None, period_end: dt.date | None, dated: list[Any]) -> dict[str, Any]:
    """The chart's window: the plan's period widened to every dated item, with a margin either side so no bar
    is clipped at an edge, and the axis scale ("day" for a short period such as a two-day event)."""
    starts = [d for i in dated for d in (i.start or i.end,) if d] + ([period_start] if period_start else [])
    ends = [d for i in dated for d in (i.end or i.start,) if d] + ([period_end] if period_end else [])
    if not starts or not ends:
        return {"start": None, "end": None, "scale": None}
    first, last = min(starts), max(ends)
    days = (last - first).days + 1
    margin = dt.timedelta(days=max(1, days // 20)) if days > DAY_AXIS_DAYS else dt.timedelta(hours=12)
    return {
        "start": (dt.datetime.combine(first, dt.time()) - margin).isoformat(timespec="minutes"),
        "end": (dt.datetime.combine(last, dt.time()) + dt.timedelta(days=1) + margin).isoformat(timespec="minutes"),
        "scale": "day" if days <= DAY_AXIS_DAYS else None,
    }


def plan_timeline(request: HttpRequest, network: str, plan_id: int) -> HttpResponse:
    """The Timeline tab: items on a time axis (vis-timeline); the same data as lists without JavaScript."""
    net, plan = load_plan(request, network, plan_id)

    def build() -> dict[str, Any]:
        items = list(plan_queries.plan_items(plan, owners=False))
        owners = plan_queries.plan_owner_names(plan)
        label_rows(items)
        item_url = url_maker("plans:item", net.slug)
        recurrences = choice_words(Item._meta.get_field("recurrence").flatchoices)
        sections: dict[int, Section] = {}
        data, dated, undated = [], [], []
        for item in items:
            sections.setdefault(item.section_id, item.section)
            item.url = item_url(item.pk)
            if item.start or item.end:
                item.recurrence_label = recurrences.get(item.recurrence, item.recurrence)
                dated.append(item)
                data.append(
                    {
                        "id": item.pk,
                        "what": item.what,
                        "section": item.section_id,
                        "start": (item.start or item.end).isoformat(),
                        "end": (item.end or item.start).isoformat(),
                        # A one-day item is a point on its day (a box would be centred on it and look months
                        # wide); an ongoing or periodic one a band across its period; the rest a bar.
                        "type": "background"
                        if item.recurrence
                        else ("point" if (item.start or item.end) == (item.end or item.start) else "range"),
                        "recurrence": item.recurrence,
                        "tentative": item.tentative,
                        "deadline": item.deadline,
                        "status": item.status,
                        "status_label": item.status_label,
                        "when": item.when_text,
                        "owners": " · ".join(owner.name for owner in owners.get(item.pk, ())),
                        "url": item.url,
                    }
                )
            else:
                undated.append(item)
        dated.sort(key=lambda i: (i.start or i.end, i.end or i.start, i.pk))
        timeline = {
            "items": data,
            "groups": [{"id": s.pk, "title": str(s)} for s in sections.values()],
            **timeline_window(plan.period_start, plan.period_end, dated),
            "labels": {"tbc": _("tbc"), "ongoing": _("ongoing"), "periodic": _("periodic"), "deadline": _("deadline")},
        }
        return {
            "timeline": timeline,
            "dated": dated[:TIMELINE_LIST_LIMIT],
            "dated_count": len(dated),
            "undated": undated[:TIMELINE_LIST_LIMIT],
            "undated_count": len(undated),
            "labels": row_labels(),
        }

    return tab_page(request, net, plan, "timeline", build)
