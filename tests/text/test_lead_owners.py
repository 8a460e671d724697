"""A lead sentence that names who carries out the actions gives them their owner when they name none."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from tests.text.builders import build_docx_spec

LEADS = {
    "en": (
        "The actions are jointly led by the data office, with the support of the Ocean and Climate units.",
        ["data office", "Ocean", "Climate units"],
    ),
    "fr": (
        "Ces actions sont menées ensemble par le bureau des données, avec l’appui des cellules Océan et "
        "Climat du réseau.",
        ["bureau des données", "cellules Océan", "Climat du réseau"],
    ),
    "de": (
        "Die Maßnahmen werden gemeinsam von der Datenstelle und dem Referat Klima getragen.",
        ["Datenstelle", "Referat Klima"],
    ),
    "es": (
        "Las acciones son impulsadas por la oficina de datos, con el apoyo de la unidad Océano.",
        ["oficina de datos", "unidad Océano"],
    ),
    # The adverb after the participle ("led jointly by", "lideradas conjuntamente por").
    "en-adverb-after": (
        "These activities are led jointly by the data office and the Climate unit.",
        ["data office", "Climate unit"],
    ),
    "es-adverb-after": (
        "Estas acciones son lideradas conjuntamente por la oficina de datos y la unidad Océano.",
        ["oficina de datos", "unidad Océano"],
    ),
}


def _doc(lang: str, fmt: str) -> bytes:
    lead = LEADS[lang][0]
    actions = ["Publish the catalogue of datasets.", "Train the data stewards.", "Carla to draft the charter."]
    intro = "This plan describes our commitments."
    if fmt == "md":
        numbered = [f"{n}. {a}" for n, a in enumerate(actions, 1)]
        return "\n".join(["# Open data action plan", "", intro, "", lead, "", "## First axis", "", *numbered]).encode()
    bullets = [f"- {a}" for a in actions]
    return build_docx_spec("\n".join(["= Open data action plan", intro, "", lead, "", "## First axis", *bullets]))


def _same(owners: list[str], expected: list[str]) -> bool:
    return len(owners) == len(expected) and all(e.lower() in o.lower() for o, e in zip(owners, expected, strict=True))


@pytest.mark.parametrize("lang", sorted(LEADS))
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_a_lead_sentence_gives_the_actions_that_name_nobody_their_owners(lang: str, fmt: str) -> None:
    items = import_text(f"plan.{fmt}", _doc(lang, fmt)).items()
    assert len(items) == 3
    expected = LEADS[lang][1]
    assert _same(items[0].owners, expected), items[0].owners
    assert _same(items[1].owners, expected)
    assert items[2].owners == ["Carla"]  # the action's own doer wins


def test_a_sentence_about_who_steers_the_plan_names_no_owner_of_its_actions() -> None:
    data = (
        b"# Open data action plan\n\nThe plan is steered by the data office.\n\n## First axis\n\n"
        b"1. Publish the catalogue of datasets.\n2. Train the data stewards.\n"
    )
    items = import_text("plan.md", data).items()
    assert [i.owners for i in items] == [[], []]


def test_an_owner_column_wins_over_a_lead_sentence() -> None:
    data = (
        b"# Plan\n\nThe actions are carried out by the secretariat.\n\n## Work\n\n"
        b"| What | Who | When |\n|---|---|---|\n| Publish the catalogue | Data unit | May 2027 |\n"
        b"| Train the stewards | | June 2027 |\n"
    )
    items = import_text("plan.md", data).items()
    assert items[0].owners == ["Data unit"]
