"""Item counts per status shaped for the stacked bar chart partial (web/_workload_chart.html) and its table."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from accord.plans.models import ItemStatus

STATUSES = [(value, label) for value, label in ItemStatus.choices]


def status_cells(numbers: list[int]) -> SafeString:
    # Built here rather than in a nested template loop: these tables have a row per member organisation.
    return mark_safe("".join(f"<td>{int(n)}</td>" for n in numbers))


def status_chart(labels: list[str], rows: list[dict[str, int]]) -> dict:
    """Data for a stacked bar chart (and the table beside it): one dataset per status."""
    return {"labels": labels,
            "datasets": [{"status": value, "label": str(label), "data": [r.get(value, 0) for r in rows]}
                         for value, label in STATUSES]}
