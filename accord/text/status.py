"""An item's status as planners write it in a Status column ("In progress", "terminé", "erledigt", "hecho").

`read_status` gives one of Accord's status values (planned, in_progress, done, dropped, carried_over) or None
when the words are not a status (they stay with the item as a note).
"""

from __future__ import annotations

import re

__all__ = ["STATUS_WORDS", "read_status"]

STATUS_WORDS: dict[str, tuple[str, ...]] = {
    "planned": (
        "planned",
        "not started",
        "to do",
        "todo",
        "open",
        "scheduled",
        "foreseen",
        "prévu",
        "prévue",
        "planifié",
        "planifiée",
        "à faire",
        "geplant",
        "offen",
        "vorgesehen",
        "previsto",
        "prevista",
        "planificado",
        "planificada",
        "pendiente",
    ),
    "in_progress": (
        "in progress",
        "ongoing",
        "started",
        "underway",
        "under way",
        "in preparation",
        "running",
        "en cours",
        "commencé",
        "in arbeit",
        "in bearbeitung",
        "laufend",
        "begonnen",
        "en curso",
        "en marcha",
        "en progreso",
        "iniciado",
    ),
    "done": (
        "done",
        "completed",
        "complete",
        "finished",
        "achieved",
        "delivered",
        "closed",
        "fait",
        "terminé",
        "terminée",
        "réalisé",
        "réalisée",
        "achevé",
        "achevée",
        "erledigt",
        "abgeschlossen",
        "fertig",
        "umgesetzt",
        "hecho",
        "terminado",
        "terminada",
        "completado",
        "completada",
        "realizado",
        "realizada",
    ),
    "dropped": (
        "dropped",
        "cancelled",
        "canceled",
        "abandoned",
        "discontinued",
        "withdrawn",
        "abandonné",
        "abandonnée",
        "annulé",
        "annulée",
        "gestrichen",
        "abgesagt",
        "verworfen",
        "cancelado",
        "cancelada",
        "abandonado",
        "abandonada",
        "descartado",
    ),
    "carried_over": (
        "carried over",
        "carried forward",
        "carry over",
        "moved to the next plan",
        "reporté",
        "reportée",
        "übertragen",
        "verschoben",
        "trasladado",
        "aplazado",
    ),
}
_WORDS = {word: status for status, words in STATUS_WORDS.items() for word in words}


def read_status(text: str | None) -> str | None:
    if not text:
        return None
    words = " ".join(re.sub(r"[.!:;✓✔]+", " ", text).strip().casefold().split())
    return _WORDS.get(words)
