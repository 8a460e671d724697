"""Item counts per status shaped for the stacked bar chart partial (web/_workload_chart.html) and its table."""

from __future__ import annotations

from django.utils.text import capfirst

from accord.plans.models import ItemStatus

STATUSES = [(value, label) for value, label in ItemStatus.choices]


def column_labels() -> list[str]:
    """The status columns' headings, in the request's language."""
    return [capfirst(str(label)) for _value, label in STATUSES]


def status_cells(counts: dict[str, int], labels: list[str] | None = None) -> list[tuple[str, int]]:
    """A row's counts in column order, each with its column's label (a cell's data-label on narrow screens);
    give `labels` (column_labels()) when making many rows."""
    labels = labels or column_labels()
    return [(label, counts.get(value, 0)) for label, (value, _label) in zip(labels, STATUSES, strict=True)]


def status_chart(labels: list[str], rows: list[dict[str, int]]) -> dict:
    """Data for a stacked bar chart (and the table beside it): one dataset per status."""
    return {
        "labels": labels,
        "datasets": [
            {"status": value, "label": str(label), "data": [r.get(value, 0) for r in rows]} for value, label in STATUSES
        ],
    }
