"""A table of contents is not content; the rows of a task chart given as lines are the plan's tasks."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from tests.text.builders import build_docx_spec, build_pdf_spec

CONTENTS = {
    "en": ("Contents", "Background", "Work plan", "Budget"),
    "fr": ("Table des matières", "Contexte", "Plan de travail", "Budget"),
    "de": ("Inhalt", "Hintergrund", "Arbeitsplan", "Budget"),
    "es": ("Índice", "Antecedentes", "Plan de trabajo", "Presupuesto"),
}


@pytest.mark.parametrize("lang", sorted(CONTENTS))
@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_the_lines_of_a_table_of_contents_are_skipped_and_listed(lang: str, fmt: str) -> None:
    heading, first, second, third = CONTENTS[lang]
    lines = [
        "= Reef monitoring grant 2027",
        heading,
        f"- {first} . . . . . . . . . . . . 3",
        f"- {second} . . . . . . . . . . . 5",
        f"- {third} 9",
        "## Work",
        "- Install the loggers on the north reef",
        "- Train the volunteer divers",
    ]
    spec = "\n".join(lines)
    if fmt == "txt":
        data = spec.replace("= ", "").replace("## ", "").encode()
    else:
        data = build_docx_spec(spec) if fmt == "docx" else build_pdf_spec(spec)
    draft = import_text(f"grant.{fmt}", data)
    whats = [i.what for i in draft.items()]
    assert "Install the loggers on the north reef" in whats
    assert not any(first in w or third in w for w in whats)
    assert any("table of contents" in p.message and first in p.message for p in draft.problems)


CHARTS = {
    "en": ("Timeline", ["Site survey", "Order the loggers", "Install loggers (monthly checks)", "Final report"]),
    "fr": ("Calendrier", ["Relevé des sites", "Commande des capteurs", "Pose des capteurs", "Rapport final"]),
    "de": ("Zeitplan", ["Ortsbegehung", "Bestellung der Logger", "Einbau der Logger", "Abschlussbericht"]),
    "es": ("Cronograma", ["Visita a los sitios", "Pedido de sensores", "Instalación de sensores", "Informe final"]),
}


@pytest.mark.parametrize("lang", sorted(CHARTS))
@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_the_rows_of_a_chart_given_as_lines_are_items(lang: str, fmt: str) -> None:
    heading, rows = CHARTS[lang]
    prose = "The project runs for one year and is reviewed after six months by the funder."
    budget = "The budget covers the loggers and the travel of the divers."
    lines = ["## Background", "", prose, "", f"## {heading}", ""]
    lines += [x for r in rows for x in (r, "")]
    lines += ["## Budget", "", budget]
    if fmt == "md":
        data = "\n".join(["# Reef monitoring grant", "", *lines]).encode()
    else:
        spec = "\n".join(["= Reef monitoring grant", *lines])
        data = build_docx_spec(spec) if fmt == "docx" else build_pdf_spec(spec)
    items = import_text(f"grant.{fmt}", data).items()
    assert [i.what for i in items] == rows


def test_prose_under_a_timeline_heading_stays_prose() -> None:
    data = (
        b"# Plan\n\n## Timeline\n\nThe work starts in spring and ends with the report.\n\n"
        b"Each phase is reviewed by the board before the next one starts.\n"
    )
    draft = import_text("plan.md", data)
    assert draft.items() == []


@pytest.mark.parametrize("unit", ["Month", "Mois", "Monat", "Mes"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_the_time_scale_rows_of_a_chart_are_not_items(unit: str, fmt: str) -> None:
    rows = [f"| {unit} | | | |", "| 1 | 2 | 3 | 4 |", "| Site survey | X | | |", "| Final report | | | X |"]
    if fmt == "md":
        data = "\n".join(["# Plan", "", rows[0], "| --- | --- | --- | --- |", *rows[1:]]).encode()
    else:
        data = build_docx_spec("\n".join(["= Plan", *rows]))
    draft = import_text(f"plan.{fmt}", data)
    whats = [i.what for i in draft.items()]
    assert "Site survey" in whats and "Final report" in whats
    assert unit not in whats and "1" not in whats
    assert any("time scale" in p.message for p in draft.problems)


def test_lines_under_a_long_heading_that_mentions_a_schedule_are_not_chart_rows() -> None:
    data = (
        b"# Grant annex\n\n## Tentative schedule of the project reviews\n\nReview Planned venue\n\n"
        b"Comments, if any\n\nR1 6 Brussels\n\nR2 18 Brussels\n"
    )
    assert import_text("annex.md", data).items() == []
