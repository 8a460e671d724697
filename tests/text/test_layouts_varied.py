"""Documents laid out differently, written by other people, import well too.

tests/text/fixtures/layouts/ holds planning documents of the kinds Accord's users write (invented
organisations and text), each deliberately laid out another way: Markdown with pipe tables in another column
order, an HTML export of a Word file, Word files with Title / Heading styles, merged cells and bullet styles, a
PDF whose ruled table runs over two pages, plain text with roman numerals and "what – who – when" bullets,
French, German and Spanish programmes, an event brief with sessions per day, strategic priorities with a
consultation table, and a table with blank lines, "(continued)" rows and cells the layout cannot place.

Each NAME.EXT has NAME.expected.json: the fields that matter of its import result, compared as the seeds are
(only the keys the expected file has; text after collapsing white space). DOCX and PDF documents are
described in NAME.docx.spec / NAME.pdf.spec and built at test time (tests/text/builders.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from accord.text.draft import Draft, ItemKind, PlanKind
from accord.text.layout import build_draft, import_text
from accord.text.matching import NameMatcher, resolve_draft_owners
from accord.text.readers import ListItem, Paragraph, detect_format, read_document
from tests.text.builders import build_docx, build_pdf, build_spec
from tests.text.test_readers import comparable
from tests.text.test_seeds import SEEDS, _seed_names, differences

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "layouts"
# What the network's matcher knows before the import: one organisation whose name holds a slash.
KNOWN = {"VDI/VDE-IT": ["VDI/VDE Innovation + Technik"]}


def _documents() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if not p.name.endswith(".expected.json") and p.name != "README.md")


def _bytes(name: str) -> tuple[str, bytes]:
    """The file as a user would upload it: spec files are built into their DOCX or PDF."""
    path = FIXTURES / name
    if name.endswith(".spec"):
        return name.removesuffix(".spec"), build_spec(name, path.read_text(encoding="utf-8"))
    return name, path.read_bytes()


def import_fixture(name: str) -> Draft:
    upload, data = _bytes(name)
    draft = import_text(upload, data)
    resolve_draft_owners(draft, NameMatcher(KNOWN))
    return draft


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    return {name: import_fixture(name).to_json() for name in _documents()}


def test_there_are_at_least_ten_documents_in_five_formats_and_four_languages() -> None:
    names = _documents()
    assert len(names) >= 10
    formats = {detect_format(*_bytes(n)) for n in names}
    assert formats == {"text", "markdown", "html", "docx", "pdf"}
    for n in names:
        assert (FIXTURES / f"{n.split('.')[0]}.expected.json").is_file(), n


@pytest.mark.parametrize("name", _documents())
def test_document_imports_to_its_expected_draft(name: str, results: dict[str, dict[str, Any]]) -> None:
    expected = json.loads((FIXTURES / f"{name.split('.')[0]}.expected.json").read_text(encoding="utf-8"))
    diff = differences(expected, results[name])
    assert not diff, "\n".join(diff)


@pytest.mark.parametrize("name", _documents())
def test_every_item_has_a_what_and_no_markup_or_markers(name: str, results: dict[str, dict[str, Any]]) -> None:
    text = json.dumps(results[name], ensure_ascii=False)
    for marker in ("<sup>", "<br", "[^", "(table continued", "(continued)", "(continúa", "**", "\t"):
        assert marker not in text, marker
    for section in results[name]["priorities"]:
        for item in section["actions"]:
            assert item["what"].strip()
            assert item["owners"] == [] or item["who_raw"], item


def test_a_known_name_with_a_slash_is_one_owner_in_the_layout_and_in_the_matcher() -> None:
    upload, data = _bytes("rhein-arbeitsprogramm-2026.docx.spec")
    plain = import_text(upload, data)
    first = plain.items()[0]
    assert first.who_raw == "FIO / VDI/VDE-IT" and first.owners == ["FIO", "VDI", "VDE-IT"]
    known = import_text(upload, data, known=["VDI/VDE-IT"])
    assert known.items()[0].owners == ["FIO", "VDI/VDE-IT"]
    resolve_draft_owners(plain, NameMatcher(KNOWN))
    assert plain.items()[0].owners == ["FIO", "VDI/VDE-IT"]


def test_rows_the_layout_cannot_place_and_times_it_cannot_read_are_problems_with_their_place() -> None:
    draft = import_fixture("mekong-work-programme-2027.txt")
    by_field = {p.field: p for p in draft.problems}
    unplaced = by_field["what"]
    assert "May 2027" in unplaced.message
    assert (unplaced.location.line, unplaced.location.table) == (23, 2)
    when = by_field["when"]
    assert "sometime next year" in when.message and when.location.line == 17
    # The row itself is kept, with its words, and the reviewer is told its time was not understood.
    report = next(i for i in draft.items() if i.what == "Technical report")
    assert report.when_raw == "sometime next year" and report.timeframe and report.timeframe.start is None


def test_head_lines_that_are_not_fields_are_kept_in_the_preamble() -> None:
    draft = import_fixture("alpine-action-plan-2027.docx.spec")
    assert draft.preamble == ["Adopted by the Steering Committee on 12 December 2026."]
    event = import_fixture("ocean-science-conference-2026.txt")
    assert event.preamble[0] == "Briefing note for the organising partners"
    assert "Venue: Harbour Congress Centre, Galway" in event.preamble


def test_an_event_table_that_is_not_a_programme_is_reported_not_dropped() -> None:
    text = (
        "Regional Water Summit (3-4 June 2027)\n\nObjectives:\n\n- Agree on data sharing\n\n"
        "Sponsor\tAmount\nAcme Foundation\t10 000\n\n3 June 2027\n\nOpening plenary\n"
    )
    draft = import_text("summit.txt", text.encode())
    assert draft.kind == PlanKind.EVENT
    assert [i.kind for i in draft.items()] == [ItemKind.OBJECTIVE, ItemKind.SESSION]
    rows = [p for p in draft.problems if p.field == "table"]
    assert [p.location.line for p in rows] == [7, 8]


def test_the_pdf_table_really_runs_over_two_pages_with_its_header_repeated() -> None:
    import io

    import pdfplumber

    _upload, data = _bytes("baltic-work-plan-2027.pdf.spec")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 2
        headers = [t.extract()[0] for page in pdf.pages for t in page.find_tables()]
    assert headers.count(["Activity", "Lead", "Deadline"]) >= 3  # page 1, page 2 (repeated), priority 2
    draft = import_fixture("baltic-work-plan-2027.pdf.spec")
    assert len(draft.sections[0].items) == 18
    assert not any("page" in (s.narrative or "") for s in draft.sections)  # the running footer is gone


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("name", [n for n in _documents() if n.endswith((".txt", ".md", ".html"))])
def test_the_same_document_saved_as_word_or_pdf_imports_to_the_same_draft(name: str, fmt: str) -> None:
    blocks = read_document(name, (FIXTURES / name).read_bytes())
    reference = comparable(build_draft(blocks, name).to_json())
    built = build_docx(blocks) if fmt == "docx" else build_pdf(blocks)
    assert comparable(import_text(f"copy.{fmt}", built).to_json()) == reference


@pytest.mark.parametrize("name", [n for n in _documents() if n.endswith(".docx.spec")])
def test_a_word_layout_printed_to_pdf_imports_to_the_same_draft(name: str) -> None:
    spec = (FIXTURES / name).read_text(encoding="utf-8")
    docx = import_text("plan.docx", build_spec(name, spec))
    pdf = import_text("plan.pdf", build_spec(name.replace(".docx.", ".pdf."), spec))
    assert comparable(pdf.to_json()) == comparable(docx.to_json())


def _cells_of(blocks: list[Any]) -> list[tuple[str, Any]]:
    from accord.text.layout import _table_header
    from accord.text.readers import Table, TableRow
    from accord.text.readers.blocks import strip_continuation

    rows: list[TableRow] = []
    for b in blocks:
        rows.extend(b.to_rows() if isinstance(b, Table) else [b] if isinstance(b, TableRow) else [])
    out = []
    for row in rows:
        if row.header or _table_header(row.cells) is not None:
            continue
        for cell in row.cells:
            text = strip_continuation(cell)
            if text.strip(" -–—_."):
                out.append((text, row.location))
    return out


@pytest.mark.parametrize("name", _documents())
def test_no_table_cell_is_silently_lost(name: str, results: dict[str, dict[str, Any]]) -> None:
    """Every cell of every row ends up in the draft: an item's field, a section title, details, or a problem."""
    upload, data = _bytes(name)
    everything = " ".join(" ".join(_strings(results[name])).split())
    lost = [
        (text, loc.describe())
        for text, loc in _cells_of(read_document(upload, data))
        if re.sub(r"^\d+[.)]\s*", "", " ".join(text.split())) not in everything
    ]  # "1. X": number, title
    assert not lost


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.parametrize("name", _seed_names())
def test_no_table_cell_of_a_seed_is_silently_lost(name: str) -> None:
    data = (SEEDS / name).read_bytes()
    everything = " ".join(" ".join(_strings(import_text(name, data).to_json())).split())
    lost = [text for text, _loc in _cells_of(read_document(name, data)) if " ".join(text.split()) not in everything]
    assert not lost


# Words that carry structure, not content: labels of the head and of sections, column names, continuation
# markers and the months of a period line (the period keeps them as dates).
STRUCTURE_WORDS = {
    "chair",
    "chaired",
    "presidency",
    "présidence",
    "presidencia",
    "vorsitz",
    "guiding",
    "theme",
    "thème",
    "motto",
    "leitthema",
    "period",
    "periodo",
    "zeitraum",
    "lead",
    "when",
    "timeline",
    "outputs",
    "expected",
    "january",
    "december",
    "janvier",
    "enero",
    "diciembre",
    "januar",
    "dezember",
    "june",
    "priority",
}


@pytest.mark.parametrize("name", _documents() + _seed_names())
def test_no_paragraph_or_bullet_is_silently_lost(name: str) -> None:
    """Every word of every paragraph and bullet is somewhere in the draft: title, preamble, narrative, an item,
    its details, or a problem (labels and the months of a period line aside)."""
    upload, data = _bytes(name) if (FIXTURES / name).exists() else (name, (SEEDS / name).read_bytes())
    words = {w.lower() for w in re.findall(r"\w{4,}", " ".join(_strings(import_text(upload, data).to_json())))}
    lost = [
        (b.text, missing)
        for b in read_document(upload, data)[1:]
        if isinstance(b, (Paragraph, ListItem))
        if (
            missing := [
                w for w in re.findall(r"\w{4,}", b.text) if w.lower() not in words and w.lower() not in STRUCTURE_WORDS
            ]
        )
    ]
    assert not lost
