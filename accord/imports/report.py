"""What an import did (or would do), and what a person should check before saving: plain data and words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from accord.imports.drafts import not_understood
from accord.text.draft import Draft


@dataclass
class ImportReport:
    """What one import did (or would do), for the CLI summary, the job page and tests."""

    source: str
    outcome: str = "created"  # created | updated | unchanged
    plan_id: int | None = None
    plan_title: str = ""
    sections: int = 0
    items: int = 0
    owners_matched: list[str] = field(default_factory=list)
    owners_new: list[str] = field(default_factory=list)
    similar: list[str] = field(default_factory=list)
    times_not_understood: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    reworded: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    reowned: list[str] = field(default_factory=list)
    rescheduled: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # changes the person chose not to apply
    plan_changes: list[str] = field(default_factory=list)
    chair: str | None = None
    chair_term_added: bool = False
    # The lines of the document's header kept with the plan (its meeting, date, place, participants).
    source_header: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ImportReport:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})

    @property
    def changed(self) -> bool:
        return bool(
            self.added
            or self.removed
            or self.reworded
            or self.reowned
            or self.rescheduled
            or self.moved
            or self.plan_changes
        )

    def summary_lines(self) -> list[str]:
        head = {"created": "created", "updated": "updated", "unchanged": "unchanged"}[self.outcome]
        lines = [
            f"{self.source}: {head} plan “{self.plan_title}”: {self.sections} sections, {self.items} items; "
            f"owners matched {len(self.owners_matched)}, new {len(self.owners_new)}; "
            f"times not understood {len(self.times_not_understood)}"
        ]
        if self.source_header:
            lines.append("  header of the document: " + " / ".join(self.source_header))
        if self.owners_new:
            lines.append("  new: " + ", ".join(self.owners_new))
        if self.similar:
            lines.append("  matched by similarity (check): " + "; ".join(self.similar))
        for label, values in (
            ("added", self.added),
            ("removed", self.removed),
            ("reworded", self.reworded),
            ("moved", self.moved),
            ("re-owned", self.reowned),
            ("rescheduled", self.rescheduled),
            ("kept Accord's edits", self.kept),
            ("left as the plan has it", self.left),
            ("times not understood", self.times_not_understood),
        ):
            if values:
                lines.append(f"  {label} ({len(values)}): " + "; ".join(shorten(v) for v in values))
        if self.plan_changes:
            lines.append("  plan: " + ", ".join(self.plan_changes) + " changed")
        if self.chair_term_added:
            lines.append(f"  chair term recorded: {self.chair}")
        lines.extend(f"  problem: {p}" for p in self.problems)
        return lines


def shorten(text: str, n: int = 60) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def problem_lines(draft: Draft) -> list[str]:
    """The reader's problems, in words, except times not understood (listed on their own)."""
    return [
        p.message + (f" ({p.location.describe()})" if p.location.to_json() else "")
        for p in draft.problems
        if p.field != "when"
    ]


def review_problems(draft: Draft) -> list[str]:
    """What a person should check before saving: the reader's problems and each time not understood."""
    lines = problem_lines(draft)
    lines += [
        _("Time not understood: “%(when)s” (%(where)s)") % {"when": i.when_raw, "where": i.location.describe()}
        for i in not_understood(draft)
    ]
    if not draft.items():
        lines.append(_("No items were found in this document."))
    return lines
