"""Item counts per status shaped for the stacked bar chart partial (web/_workload_chart.html) and its table."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst

from accord.plans.models import ItemStatus

STATUSES = [(value, label) for value, label in ItemStatus.choices]


def status_cells(numbers: list[int]) -> SafeString:
    """One cell per status, each labelled with its status (a phone shows the label beside the number)."""
    # Built here rather than in a nested template loop: these tables have a row per member organisation.
    labels = [escape(capfirst(str(label))) for _value, label in STATUSES]
    return mark_safe("".join(f'<td data-label="{label}">{int(n)}</td>' for label, n in zip(labels, numbers,
                                                                                             strict=False)))


def status_chart(labels: list[str], rows: list[dict[str, int]]) -> dict:
    """Data for a stacked bar chart (and the table beside it): one dataset per status."""
    return {"labels": labels,
            "datasets": [{"status": value, "label": str(label), "data": [r.get(value, 0) for r in rows]}
                         for value, label in STATUSES]}
