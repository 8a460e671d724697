"""{% plan_links network plan as links %}: the links a plan's pages show around its tabs (the tabs, the exports,
the hand-over brief, the progress report, the next plan, managing the plan, sending back an edited document),
reversed once per plan and kept (accord.web.links.kept_links), not by a {% url %} each: fourteen reverse() calls
were 0.6 ms of every tab's build."""

from __future__ import annotations

from typing import Any

from django import template

from accord.web.links import kept_links

register = template.Library()

EXPORT_FORMATS = ("docx", "pdf", "xlsx", "csv", "md", "ics")
PLAN_LINKS: dict[str, str | tuple[str, ...]] = {
    "document": "plans:plan",
    "table": "plans:plan_table",
    "timeline": "plans:plan_timeline",
    "changes": "plans:plan_changes",
    "next": "plans:plan_next",
    "settings": "plans:plan_settings",
    "handover": "reports:handover",
    "progress": "reports:progress",
    "revise": "reports:revise",
    **{fmt: ("reports:export", fmt) for fmt in EXPORT_FORMATS},
}


@register.simple_tag
def plan_links(network: Any, plan: Any) -> dict[str, str]:
    return kept_links(PLAN_LINKS, network.slug, plan.pk)
