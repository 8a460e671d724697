"""Minutes: what is discussion, a form or a figure is not an action, and every drop is listed as a problem."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from tests.text.builders import build_docx_spec, build_pdf_spec

FORM_SPEC = """= Project team notes
| Called by: | Mara Lind | Kind of meeting: | Progress check |
| Facilitator: | Mara Lind | Scribe: | Olu Ade |
| Timekeeper: | Ivo Sand | | |

| Topic: | Check last week's points | Presenter: | Mara Lind |

| Action items | Person responsible | Deadline |
| Survey the field sites | All members | 12 May 2027 |
| Order the sensors | Olu Ade | 19 May 2027 |
"""


@pytest.mark.parametrize("fmt", ["docx", "pdf", "md"])
def test_a_form_of_labels_and_values_gives_facts_not_items(fmt: str) -> None:
    if fmt == "md":
        md = FORM_SPEC.replace("= ", "# ").replace("| Called", "| Called").splitlines()
        out = []
        for line in md:
            out.append(line)
            if line.startswith("|") and (not out[:-1] or not out[-2].startswith("|")):
                out.append("|" + "---|" * (line.count("|") - 1))
        data = "\n".join(out).encode()
    else:
        data = build_docx_spec(FORM_SPEC) if fmt == "docx" else build_pdf_spec(FORM_SPEC)
    draft = import_text(f"notes.{fmt}", data)
    items = draft.items()
    assert [i.what for i in items] == ["Survey the field sites", "Order the sensors"]
    assert items[1].owners == ["Olu Ade"]
    assert any("form of labels and values" in p.message and "Scribe: Olu Ade" in p.message for p in draft.problems)
    assert any(s.title == "Check last week's points" for s in draft.sections)


MINUTES = {
    "en": (
        "Board meeting, 3 March 2027",
        "Membership fees",
        ["We are not consistent about this yet", "General agreement in principle"],
        "Action items",
        ["Ana Ruiz: Draft the fee proposal", "Tom Berg: Ask the auditors"],
    ),
    "fr": (
        "Réunion du bureau, 3 mars 2027",
        "Cotisations",
        ["Nous ne sommes pas encore cohérents", "Accord général sur le principe"],
        "Actions à mener",
        ["Ana Ruiz : Rédiger la proposition", "Tom Berg : Interroger les auditeurs"],
    ),
    "de": (
        "Vorstandssitzung, 3. März 2027",
        "Mitgliedsbeiträge",
        ["Wir sind hier noch nicht einheitlich", "Grundsätzliche Zustimmung"],
        "Aufgaben",
        ["Ana Ruiz: Vorschlag entwerfen", "Tom Berg: Prüfer befragen"],
    ),
    "es": (
        "Reunión de la junta, 3 de marzo de 2027",
        "Cuotas",
        ["Todavía no somos coherentes", "Acuerdo general en principio"],
        "Acciones acordadas",
        ["Ana Ruiz: Redactar la propuesta", "Tom Berg: Consultar a los auditores"],
    ),
}


@pytest.mark.parametrize("lang", sorted(MINUTES))
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_minutes_with_an_action_list_keep_the_discussion_bullets_as_notes(lang: str, fmt: str) -> None:
    title, part, talk, actions_heading, actions = MINUTES[lang]
    if fmt == "md":
        lines = [f"# {title}", "", f"## {part}", "", *[f"- {t}" for t in talk], "", f"## {actions_heading}", ""]
        data = "\n".join([*lines, *[f"- {a}" for a in actions]]).encode()
    else:
        lines = [f"= {title}", f"## {part}", *[f"- {t}" for t in talk], f"## {actions_heading}"]
        data = build_docx_spec("\n".join([*lines, *[f"- {a}" for a in actions]]))
    draft = import_text(f"minutes.{fmt}", data)
    items = draft.items()
    assert [i.owners for i in items] == [["Ana Ruiz"], ["Tom Berg"]]
    dropped = [p.message for p in draft.problems if "discussion point" in p.message]
    assert len(dropped) == 2 and talk[1] in dropped[1]
    assert talk[0] in (draft.sections[0].narrative or "") or any(talk[0] in (s.narrative or "") for s in draft.sections)


def test_a_work_plan_with_an_actions_heading_keeps_its_other_bullets() -> None:
    data = (
        b"# Work plan 2027\n\n## Outreach\n\n- Run the school visits\n- Print the leaflet\n\n"
        b"## Actions\n\n- Hire a coordinator\n"
    )
    assert len(import_text("plan.md", data).items()) == 3


@pytest.mark.parametrize(
    "bullet",
    ["Regional conference: EUR €500.00", "Summer school: USD $1,200", "Balance: 1 200 CHF", "Travel fund: 300 euros"],
)
def test_a_bullet_that_is_only_an_amount_is_a_figure_not_an_item(bullet: str) -> None:
    data = f"# Minutes\n\n## Grants approved\n\n- {bullet}\n- Another grant: GBP £250\n".encode()
    draft = import_text("minutes.md", data)
    assert draft.items() == []
    assert sum("only an amount" in p.message for p in draft.problems) == 2


def test_an_action_that_mentions_an_amount_stays_an_action() -> None:
    data = b"# Plan\n\n## Budget\n\n- Ask the council for EUR 5,000 for the summer school\n- Close the accounts\n"
    assert len(import_text("plan.md", data).items()) == 2


GOALS = {
    "en": ("Core goals:", ["Methods to capture data sets", "An algorithm that extracts keywords"]),
    "fr": ("Objectifs du projet :", ["Des méthodes pour recueillir les données", "Un algorithme d’extraction"]),
    "de": ("Ziele:", ["Methoden zur Erfassung der Daten", "Ein Verfahren zur Auswertung"]),
    "es": ("Objetivos específicos:", ["Métodos para recoger los datos", "Un algoritmo de extracción"]),
}


@pytest.mark.parametrize("lang", sorted(GOALS))
@pytest.mark.parametrize("fmt", ["md", "pdf"])
def test_a_list_of_goals_is_the_plans_narrative_not_its_actions(lang: str, fmt: str) -> None:
    label, goals = GOALS[lang]
    if fmt == "md":
        data = "\n".join(
            [
                "# Search project",
                "",
                "## Aims",
                "",
                label,
                "",
                *[f"- {g}" for g in goals],
                "",
                "## Work",
                "",
                "- Build the test collection",
            ]
        ).encode()
    else:
        data = build_pdf_spec(
            "\n".join(
                [
                    "= Search project",
                    "## Aims",
                    f"**{label}**",
                    *[f"- {g}" for g in goals],
                    "## Work",
                    "- Build the test collection",
                ]
            )
        )
    draft = import_text(f"plan.{fmt}", data)
    assert [i.what for i in draft.items()] == ["Build the test collection"]
    assert any(goals[0] in (s.narrative or "") for s in draft.sections)
