"""Times that are not at the edge of an item: inside its sentence, or on lines of their own under it."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.text.layout import import_text
from accord.text.timeframe import Context
from tests.text.builders import build_docx_spec, build_pdf_spec

MID_SENTENCE = [
    (
        "en",
        [
            "Consult the regional councils in October/November 2027 (comments on the route are expected)",
            "Draft the project description by the end of March 2028",
            "Board election June 2028",
        ],
    ),
    (
        "fr",
        [
            "Consulter les conseils régionaux en octobre/novembre 2027 (des avis sont attendus)",
            "Rédiger la description du projet avant fin mars 2028",
            "Élection du bureau juin 2028",
        ],
    ),
    (
        "de",
        [
            "Anhörung der Gemeinderäte im Oktober/November 2027 (Stellungnahmen werden erwartet)",
            "Projektskizze bis Ende März 2028",
            "Wahl des Vorstands Juni 2028",
        ],
    ),
    (
        "es",
        [
            "Consulta a los consejos regionales en octubre/noviembre de 2027 (se esperan comentarios)",
            "Redactar la descripción del proyecto antes de finales de marzo de 2028",
            "Elección de la junta junio de 2028",
        ],
    ),
]


def _expected_mid_sentence(items: list) -> None:
    assert len(items) == 3
    first, second, third = (i.timeframe for i in items)
    assert first is not None and (first.start, first.end) == (dt.date(2027, 10, 1), dt.date(2027, 11, 30))
    assert second is not None and second.end == dt.date(2028, 3, 31)
    assert third is not None and (third.start, third.end) == (dt.date(2028, 6, 1), dt.date(2028, 6, 30))


@pytest.mark.parametrize("lang,bullets", MID_SENTENCE, ids=[m[0] for m in MID_SENTENCE])
@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_a_time_inside_a_bullet_dates_it_and_the_sentence_stays_whole(lang: str, bullets: list[str], fmt: str) -> None:
    if fmt == "txt":
        data = ("Further schedule:\n\n" + "".join(f"  • {b}\n" for b in bullets)).encode()
    elif fmt == "md":
        data = ("# Schedule\n\n" + "".join(f"- {b}\n" for b in bullets)).encode()
    else:
        data = build_docx_spec("# Schedule\n" + "".join(f"- {b}\n" for b in bullets))
    items = import_text(f"plan.{fmt}", data).items()
    _expected_mid_sentence(items)
    assert items[0].what.startswith(bullets[0].split(" (")[0][:30])  # the words around the time are kept


def test_a_time_before_the_plans_year_is_a_reference_not_the_items_time() -> None:
    data = (
        b"# Priorities 2028\n\n- Building on the strategy adopted in 2026, widen the membership\n"
        b"- Launch the alumni programme\n"
    )
    items = import_text("plan.md", data).items()
    assert items[0].timeframe is None and items[0].when_raw is None


TIME_LINES = [
    ("Jun-27", "Dec-27", dt.date(2027, 6, 1), dt.date(2027, 12, 31)),
    ("Sep-27", "Apr 28", dt.date(2027, 9, 1), dt.date(2028, 4, 30)),
    ("March 2027", "May 2027", dt.date(2027, 3, 1), dt.date(2027, 5, 31)),
    ("janvier 2028", "mars 2028", dt.date(2028, 1, 1), dt.date(2028, 3, 31)),
]


@pytest.mark.parametrize("first,last,start,end", TIME_LINES)
@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf"])
def test_time_lines_under_a_numbered_item_are_its_start_and_end(
    first: str, last: str, start: dt.date, end: dt.date, fmt: str
) -> None:
    lines = [
        "Commitment 4: a shared data portal",
        "1. Design the portal with the member agencies.",
        first,
        last,
        "A first version was designed and shown to the agencies at their spring meeting.",
        "2. Open the portal to the public.",
        "Jan-29",
        "The launch waits for the security review.",
    ]
    if fmt == "txt":
        data = "\n".join(lines).encode()
    elif fmt == "docx":
        data = build_docx_spec("\n".join(lines))
    else:
        data = build_pdf_spec("\n".join(lines))
    items = import_text(f"plan.{fmt}", data, context=Context.year(2027, stated=False)).items()
    assert [i.what.rstrip(".") for i in items][:2] == [
        "Design the portal with the member agencies",
        "Open the portal to the public",
    ]
    tf = items[0].timeframe
    assert tf is not None and (tf.start, tf.end) == (start, end)
    second = items[1].timeframe
    assert second is not None and second.start == dt.date(2029, 1, 1)


def test_a_time_line_after_prose_is_not_an_items_time() -> None:
    data = b"Plan\n\n1. Design the portal.\nThe design is described in the annex.\nJun-27\n"
    items = import_text("plan.txt", data).items()
    assert items[0].timeframe is None


MINUTES = {
    "en": ("Attendees: Ana Ruiz, Tom Berg", "Summary:", "We chose the topic.", "Actions for next week:"),
    "fr": ("Présents : Ana Ruiz, Tom Berg", "Résumé :", "Nous avons choisi le sujet.", "Pour la semaine prochaine :"),
    "de": ("Anwesend: Ana Ruiz, Tom Berg", "Zusammenfassung:", "Wir haben das Thema gewählt.", "Für nächste Woche:"),
    "es": ("Asistentes: Ana Ruiz, Tom Berg", "Resumen:", "Elegimos el tema.", "Para la próxima semana:"),
}


def _minutes_spec(lang: str, days: list[str]) -> str:
    people, summary, prose, label = MINUTES[lang]
    out = ["**Team meeting notes**", ""]
    for i, day in enumerate(days):
        out += [f"**{day} - Week {i + 1}**", people, "", f"**{summary}**", prose, "", f"**{label}**"]
        out += ["- Write the interview questions", "- Book a room for the client visit", ""]
    return "\n".join(out)


@pytest.mark.parametrize("lang", sorted(MINUTES))
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_next_week_label_in_dated_minutes_dates_its_bullets_from_the_meetings_day(lang: str, fmt: str) -> None:
    spec = _minutes_spec(lang, ["14/01/27", "21/01/27"])  # Thursdays
    data = build_docx_spec(spec) if fmt == "docx" else build_pdf_spec(spec)
    items = import_text(f"minutes.{fmt}", data).items()
    assert [i.what for i in items] == ["Write the interview questions", "Book a room for the client visit"] * 2
    spans = [(i.timeframe.start, i.timeframe.end) for i in items if i.timeframe]
    first_week = (dt.date(2027, 1, 18), dt.date(2027, 1, 24))
    second_week = (dt.date(2027, 1, 25), dt.date(2027, 1, 31))
    assert spans == [first_week, first_week, second_week, second_week]


def test_a_label_with_a_month_over_a_markdown_list_dates_the_items_and_their_own_time_wins() -> None:
    data = (
        b"# Plan 2027\n\nBefore the summer break:\n\n- Send the survey\n- Count the answers by 15 May\n\n"
        b"Other business\n\n- Renew the hosting contract\n"
    )
    items = import_text("plan.md", data).items()
    assert [i.what for i in items][:2] == ["Send the survey", "Count the answers by 15 May"]
    first, second = items[0].timeframe, items[1].timeframe
    assert second is not None and second.end == dt.date(2027, 5, 15)
    assert first is not None and first.end is not None and first.end <= dt.date(2027, 8, 31)


def test_a_line_that_only_mentions_a_year_is_no_label_of_time() -> None:
    data = b"# Roadmap 2027\n\nfrom the vision 2030 discussion:\n\n- Notifications\n- Key management\n"
    items = import_text("plan.md", data).items()
    assert all(i.timeframe is None for i in items)
