"""`accord when`: one phrase, or a TSV file of phrases and contexts, printed as Timeframe JSON."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def run(*args: str) -> list[dict[str, object]]:
    out = io.StringIO()
    call_command("when", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_phrase_prints_its_timeframe() -> None:
    [got] = run("Last week of November / early December", "--context", "2021-07-01..2021-12-31")
    assert got == {
        "text": "Last week of November / early December",
        "start": "2021-11-24",
        "end": "2021-12-10",
        "precision": "days",
        "recurrence": None,
        "tentative": False,
        "deadline": False,
        "note": "",
    }


def test_a_year_is_a_context() -> None:
    [got] = run("January", "--context", "2018")
    assert (got["start"], got["end"]) == ("2018-01-01", "2018-01-31")


def test_without_context_a_year_less_date_is_not_placed() -> None:
    [got] = run("January")
    assert (got["start"], got["end"], got["precision"]) == (None, None, "open")


def test_deadline_column() -> None:
    [got] = run("end of June", "--context", "2022", "--deadline")
    assert (got["start"], got["end"], got["deadline"]) == (None, "2022-06-30", True)


def test_notes_and_non_ascii_are_printed_as_written() -> None:
    [got] = run("Special session avril 2022 (à confirmer)")
    assert got["start"] == "2022-04-01" and got["tentative"] is True and got["note"] == "Special session"
    assert got["text"] == "Special session avril 2022 (à confirmer)"


def test_tsv_file_prints_one_object_per_line_in_order(tmp_path: Path) -> None:
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text(
        "phrase\tcontext\n"
        "12 October\t2017-10-01..2018-01-31\n"
        "January\t2017-10-01..2018-01-31\n"
        "asap\t2018\n"
        "Q4 2021 / Q1 2022\t\n"
        "no context column at all\n"
        "\t2021\n",
        encoding="utf-8",
    )
    got = run("--tsv", str(tsv))
    assert [g["text"] for g in got] == [
        "12 October",
        "January",
        "asap",
        "Q4 2021 / Q1 2022",
        "no context column at all",
        "",
    ]
    assert [g["start"] for g in got] == ["2017-10-12", "2018-01-01", "2018-01-01", "2021-10-01", None, None]
    assert got[3]["end"] == "2022-03-31"


def test_tsv_without_header_reads_the_first_line(tmp_path: Path) -> None:
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("July 2021\t2021\r\nFall 2021\t2021\r\n", encoding="utf-8")
    got = run("--tsv", str(tsv))
    assert [(g["start"], g["end"]) for g in got] == [("2021-07-01", "2021-07-31"), ("2021-09-01", "2021-11-30")]


def test_tsv_empty_context_takes_the_command_context(tmp_path: Path) -> None:
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("phrase\tcontext\nJanuary\t\nJanuary\t2018\n", encoding="utf-8")
    got = run("--tsv", str(tsv), "--context", "2021-07-01..2021-12-31")
    assert [g["start"] for g in got] == ["2022-01-01", "2018-01-01"]


def test_tsv_from_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "sys.stdin",
        io.StringIO("phrase\tcontext\nmid-December\t2017\nOngoing\t2022\nOngoing\t2022-01-01..2022-06-30\n"),
    )
    got = run("--tsv", "-")
    assert [(g["start"], g["end"], g["recurrence"]) for g in got] == [
        ("2017-12-11", "2017-12-20", None),
        (None, None, "ongoing"),  # a year only places dates: a recurrence without bounds keeps none
        ("2022-01-01", "2022-06-30", "ongoing"),  # a period is the plan's: the recurrence spans it
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["July", "--context", "2021-13"], "--context: context '2021-13': expected a year"),
        (["July", "--context", "21"], "expected a year (2021) or a period"),
        (["July", "--context", "2021-07-01..2021-13-01"], "is not a year (2021) or a period"),
        (["July", "--context", "2021-12-31..2021-01-01"], "is before start"),
        ([], "Give a phrase"),
        (["July", "--tsv", "x.tsv"], "not both"),
        (["--tsv", "/nonexistent/phrases.tsv"], "--tsv /nonexistent/phrases.tsv"),
    ],
)
def test_bad_input_is_a_clear_error(args: list[str], message: str) -> None:
    with pytest.raises(CommandError) as info:
        run(*args)
    assert message in str(info.value)


def test_bad_context_in_a_tsv_line_names_the_line_and_prints_nothing(tmp_path: Path) -> None:
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("phrase\tcontext\nJuly\t2021\nAugust\tsometime\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"phrases.tsv, line 3: context"):
        call_command("when", "--tsv", str(tsv), stdout=out)
    assert out.getvalue() == ""


def test_document_options_reach_every_context(tmp_path: Path) -> None:
    [got] = run("04/07", "--context", "2022", "--monthfirst")
    assert (got["start"], got["end"]) == ("2022-04-07", "2022-04-07")
    [got] = run("04/07", "--context", "2022", "--dayfirst")
    assert got["start"] == "2022-07-04"
    [got] = run("week 3", "--week1", "2022-01-10")
    assert (got["start"], got["end"]) == ("2022-01-24", "2022-01-30")
    [got] = run("10:00-11:30", "--event-day", "2026-05-14")
    assert (got["start"], got["end"]) == ("2026-05-14", "2026-05-14")
    tsv = tmp_path / "phrases.tsv"
    tsv.write_text("03/04\t2021\n03/04\t\n", encoding="utf-8")
    got = run("--tsv", str(tsv), "--context", "2023", "--monthfirst")
    assert [g["start"] for g in got] == ["2021-03-04", "2023-03-04"]


def test_document_options_are_checked() -> None:
    with pytest.raises(CommandError, match="--event-day: '14 May' is not a date"):
        run("10:00", "--event-day", "14 May")
    with pytest.raises(CommandError, match="need a context"):
        run("04/07/2022", "--monthfirst")
