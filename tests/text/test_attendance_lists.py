"""Who attended, sent apologies or was a guest is no action: the names under "Present:", "Apologies",
"Excusés", "Entschuldigt", "Ausentes" are listed as problems (nothing silently lost), even a list of one."""

from __future__ import annotations

import pytest

from accord.text.layout import import_text

EN = """Minutes of the network meeting, 9 April 2032

Present:
- Ines Duarte
- Omar Haddad
- Lena Holm

Apologies:
- Tariq Aziz

Actions
- Ines to send the draft charter to all members by 30 April
- Omar to book the venue for the autumn meeting
"""

FR_MD = """# Compte rendu de la réunion du 9 avril 2032

## Participants

* Hélène Roux
* Marc Lefèvre (Institut Ouest)

## Excusés

* Claire Petit

## Décisions

* Hélène enverra le projet de charte avant le 30 avril
* Marc réservera la salle pour la réunion d’automne
"""

DE = """Protokoll der Sitzung vom 9. April 2032

Anwesend:
• Petra Lang
• Felix Braun
Entschuldigt:
• Jonas Vogt

Aufgaben:
• Petra verschickt den Satzungsentwurf bis 30. April
• Felix bucht den Raum für die Herbstsitzung
"""

ES = """Acta de la reunión, 9 de abril de 2032

Asistentes:
- Marta Vidal
- Jorge Prieto
Ausentes:
- Ana Ruiz

Acuerdos:
- Marta enviará el borrador de estatutos antes del 30 de abril
- Jorge reservará la sala para la reunión de otoño
"""


@pytest.mark.parametrize(
    ("name", "text", "absent"),
    [
        ("minutes.txt", EN, "Tariq Aziz"),
        ("minutes.md", FR_MD, "Claire Petit"),
        ("minutes.txt", DE, "Jonas Vogt"),
        ("minutes.txt", ES, "Ana Ruiz"),
    ],
)
def test_attendance_lists_are_no_items_and_are_reported(name: str, text: str, absent: str) -> None:
    draft = import_text(name, text.encode())
    whats = [i.what for i in draft.items()]
    assert len(whats) == 2
    assert all(absent not in w for w in whats)
    assert any(absent in p.message and "only name people" in p.message for p in draft.problems)


def test_a_single_name_under_a_work_heading_stays_an_item() -> None:
    text = "Work plan 2032\n\nNext steps:\n- Omar Haddad\n"
    assert [i.what for i in import_text("plan.txt", text.encode()).items()] == ["Omar Haddad"]
