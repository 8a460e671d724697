"""Markdown of a plan: the head lines, one heading and one What / Who / When table per priority, footnotes."""

from __future__ import annotations

from accord.reports.exports.data import PlanExport


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def _line(text: str) -> str:
    return " ".join(text.split())


def render_markdown(export: PlanExport) -> bytes:
    out = [f"# {_line(export.title)}", ""]
    for label, text in export.head_lines():
        out += [f"{label}: {_line(text)}", ""]
    columns = ["What?", "Who?", "When?"]
    if export.status_column:
        columns.append("Status")
    if export.has_details:
        columns.append("Notes")
    for section in export.sections:
        out += [f"## {_line(section.heading)}", ""]
        blocks = section.narrative_blocks
        for block in blocks:
            if block.is_list:  # a list stands apart from the paragraphs around it
                if out[-1] != "":
                    out.append("")
                out += [f"- {_line(b)}" for b in block.bullets]
                out.append("")
            else:
                out.append(block.text)
        if blocks and out[-1] != "":
            out.append("")
        if not section.items:
            continue
        out.append("| " + " | ".join(columns) + " |")
        out.append("|" + "|".join("---" for _ in columns) + "|")
        for item in section.items:
            cells = [item.what, item.who, item.when]
            if export.status_column:
                cells.append(item.status_label)
            if export.has_details:
                cells.append(item.details)
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
    for n, note in enumerate(export.plan.footnotes or [], start=1):
        out.append(f"[^{n}]: {_line(str(note))}")
    if export.plan.footnotes:
        out.append("")
    return ("\n".join(out) + "\n").encode("utf-8")
