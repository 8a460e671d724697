"""Minutes whose bullets tag their fields inline: "topic: ACTION: … STATUS: …", "topic: OWNERS: … STATUS: …"."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text
from tests.text.builders import build_docx_spec

BULLETS = {
    "en": [
        "archive: ACTION: Mira to scan the old ledgers so that the board can read them. [DONE]",
        "newsletter: OWNERS: Ines, Paul Grant STATUS: Draft ready to send.",
        "budget: ACTION: Omar: collect the receipts of the spring workshop. STATUS: started.",
        "venue: STATUS: on hold while the council decides.",
    ],
    "fr": [
        "archives : ACTION : Mira pour numériser les anciens registres. [FAIT]",
        "lettre : RESPONSABLES : Ines, Paul Grant STATUT : brouillon prêt.",
        "budget : ACTION : Omar : rassembler les reçus de l'atelier. STATUT : commencé.",
        "salle : STATUT : en attente de la décision du conseil.",
    ],
    "de": [
        "Archiv: ACTION: Mira scannt die alten Bücher ein. [ERLEDIGT]",
        "Rundbrief: ZUSTÄNDIG: Ines, Paul Grant STATUS: Entwurf fertig.",
        "Budget: ACTION: Omar: die Belege des Workshops sammeln. STATUS: begonnen.",
        "Raum: STATUS: wartet auf den Rat.",
    ],
    "es": [
        "archivo: ACTION: Mira para escanear los libros antiguos. [HECHO]",
        "boletín: RESPONSABLES: Ines, Paul Grant ESTADO: borrador listo.",
        "presupuesto: ACTION: Omar: reunir los recibos del taller. ESTADO: empezado.",
        "sala: ESTADO: a la espera del consejo.",
    ],
}


@pytest.mark.parametrize("lang", sorted(BULLETS))
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_inline_tags_give_the_action_its_text_owner_and_status(lang: str, fmt: str) -> None:
    bullets = BULLETS[lang]
    if fmt == "md":
        data = ("# Board minutes\n\n## Old items\n\n" + "".join(f"* {b}\n" for b in bullets)).encode()
    else:
        data = build_docx_spec("= Board minutes\n## Old items\n" + "".join(f"- {b}\n" for b in bullets))
    items = import_text(f"minutes.{fmt}", data).items()
    first, second, third = items[0], items[1], items[2]
    assert first.what.startswith("Mira")
    assert second.what.lower() in ("newsletter", "lettre", "rundbrief", "boletín")
    assert second.owners == ["Ines", "Paul Grant"]
    assert third.owners == ["Omar"] and not third.what.startswith("Omar")
    if lang == "en":
        assert first.owners == ["Mira"]


def test_a_bullet_with_a_lone_leading_action_tag_is_read_as_before() -> None:
    data = b"# Minutes\n\n* ACTION (AB + CD): Review the hosting note\n* ACTION (all): Write to the sponsors\n"
    items = import_text("minutes.md", data).items()
    assert items[0].owners == ["AB", "CD"] and items[0].what == "Review the hosting note"


def test_lower_case_words_that_look_like_tags_are_prose() -> None:
    data = b"# Plan\n\n## Work\n\n- Status: the owners of the site agreed to the action plan\n- Print the leaflet\n"
    items = import_text("plan.md", data).items()
    assert len(items) == 2 and items[0].owners == []
