"""Item counts per status shaped for the stacked bar chart partial (web/_workload_chart.html) and its table."""

from __future__ import annotations

from accord.plans.models import ItemStatus

STATUSES = [(value, label) for value, label in ItemStatus.choices]


def status_counts(counts: dict[str, int]) -> list[int]:
    """A row's counts in the order of the chart's statuses (the table's columns)."""
    return [counts.get(value, 0) for value, _label in STATUSES]


def status_chart(labels: list[str], rows: list[dict[str, int]]) -> dict:
    """Data for a stacked bar chart (and the table beside it): one dataset per status."""
    return {
        "labels": labels,
        "datasets": [
            {"status": value, "label": str(label), "data": [r.get(value, 0) for r in rows]} for value, label in STATUSES
        ],
    }
