"""The PDF grid reader (accord.text.readers.pdf_grid) gives what pdfplumber's own table finding, cell text and
cropping give, on the shapes that made those quadratic: Gantt exports with a column per day, thin filled
rectangles as rules, bars, rounded bars, rows ruled over part of the width, wrapped cells. (How fast it is,
and that it stays linear in the page's size, is measured in bench/bench_import.py.)"""

from __future__ import annotations

import io
import random
from typing import Any

import pdfplumber
import pytest
from pdfplumber.table import TableFinder, TableSettings
from pdfplumber.table import cells_to_tables as plumber_cells_to_tables
from pdfplumber.table import edges_to_intersections as plumber_edges_to_intersections
from pdfplumber.table import intersections_to_cells as plumber_intersections_to_cells

from accord.text.readers import Table, pdf_grid, read_document
from accord.text.readers.text import read_text
from tests.text.builders import GANTT_OWNERS, build_gantt_pdf, build_pdf, gantt_task

SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}

SHAPES = [
    {"tasks": 8, "days": 30, "row_rules": "tasks"},
    {"tasks": 8, "days": 30, "row_rules": "all"},
    {"tasks": 8, "days": 30, "row_rules": "none"},
    {"tasks": 10, "days": 45, "row_rules": "tasks", "rounded": True, "wrapped": True},
    {"tasks": 6, "days": 20, "row_rules": "all", "bars": False, "wrapped": True},
    {"tasks": 1, "days": 3, "row_rules": "none"},
]


def _ordinary_pdf() -> bytes:
    text = "Plan\n\nWhat?\tWho?\tWhen?\n" + "".join(f"Task {i}\tZSI\tMay 2026\n" for i in range(30))
    return build_pdf(read_text(text))


def _pages(data: bytes) -> Any:
    return pdfplumber.open(io.BytesIO(data))


def _documents() -> list[tuple[str, bytes]]:
    docs = [(f"gantt-{n}", build_gantt_pdf(**shape)) for n, shape in enumerate(SHAPES)]  # type: ignore[arg-type]
    return [*docs, ("ordinary", _ordinary_pdf())]


DOCUMENTS = _documents()


@pytest.mark.parametrize(("label", "data"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_tables_found_are_pdfplumbers(label: str, data: bytes) -> None:
    with _pages(data) as pdf:
        for page in pdf.pages:
            theirs = page.find_tables(SETTINGS)
            ours = pdf_grid.find_tables(page, SETTINGS)
            assert [sorted(t.cells) for t in ours] == [sorted(t.cells) for t in theirs]
            assert [t.bbox for t in ours] == [t.bbox for t in theirs]
            assert theirs, "the shape has a ruled table"


@pytest.mark.parametrize(("label", "data"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_cell_texts_are_pdfplumbers(label: str, data: bytes) -> None:
    with _pages(data) as pdf:
        for page in pdf.pages:
            chars = pdf_grid.PageChars(page.chars)
            for table in page.find_tables(SETTINGS):
                assert pdf_grid.extract_table(table, chars) == table.extract()


@pytest.mark.parametrize(("label", "data"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_the_lines_of_a_cell_are_those_of_the_cropped_page(label: str, data: bytes) -> None:
    def key(lines: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(ln["text"], ln["x0"], ln["top"], ln["x1"], ln["bottom"], len(ln["chars"])) for ln in lines]

    with _pages(data) as pdf:
        for page in pdf.pages:
            chars = pdf_grid.PageChars(page.chars)
            boxes = [c for t in page.find_tables(SETTINGS) for c in t.cells]
            boxes += [(0.0, 0.0, float(page.width), float(page.height)), (5.0, 5.0, 5.5, 5.5)]  # all and nothing
            for box in boxes:
                theirs = page.crop(box, strict=False).extract_text_lines(layout=False, strip=True)
                assert key(pdf_grid.text_lines(chars, box)) == key(theirs)


def _random_edges(rng: random.Random, n: int) -> list[dict[str, Any]]:
    """Rules on a coarse lattice (so that many meet), some spanning, some short."""
    edges = []
    for _ in range(n):
        a, b = sorted(rng.sample(range(12), 2))
        at = rng.randrange(12)
        if rng.random() < 0.5:
            edges.append({"x0": at * 10.0, "x1": at * 10.0, "top": a * 10.0, "bottom": b * 10.0, "orientation": "v"})
        else:
            edges.append({"x0": a * 10.0, "x1": b * 10.0, "top": at * 10.0, "bottom": at * 10.0, "orientation": "h"})
    for e in edges:
        e["width"], e["height"] = e["x1"] - e["x0"], e["bottom"] - e["top"]
    return edges


@pytest.mark.parametrize("seed", range(40))
def test_crossings_cells_and_tables_of_random_rules_are_pdfplumbers(seed: int) -> None:
    rng = random.Random(seed)
    edges = _random_edges(rng, rng.randrange(2, 40))
    tolerance = rng.choice([0, 1, 3])
    theirs = plumber_edges_to_intersections(edges, tolerance, tolerance)
    ours = pdf_grid.edges_to_intersections(edges, tolerance, tolerance)
    assert ours == theirs
    cells = plumber_intersections_to_cells(theirs)
    assert pdf_grid.intersections_to_cells(ours) == cells
    assert [sorted(t) for t in pdf_grid.cells_to_tables(cells)] == [sorted(t) for t in plumber_cells_to_tables(cells)]


def test_the_finder_settings_are_pdfplumbers() -> None:
    data = build_gantt_pdf(4, 10)
    with _pages(data) as pdf:
        page = pdf.pages[0]
        finder = TableFinder(page, TableSettings.resolve(SETTINGS))
        assert [sorted(t.cells) for t in pdf_grid.find_tables(page, SETTINGS)] == [
            sorted(t.cells) for t in finder.tables
        ]


def test_characters_of_a_damaged_file_with_boxes_of_no_size_or_page_wide_are_still_found() -> None:
    chars = [
        {"x0": 10.0, "x1": 15.0, "top": 10.0, "bottom": 20.0, "text": "a"},
        {"x0": -1e12, "x1": 1e12, "top": 10.0, "bottom": 20.0, "text": "b"},  # spans every bucket
        {"x0": float("inf"), "x1": float("inf"), "top": 10.0, "bottom": 20.0, "text": "c"},
    ]
    index = pdf_grid.PageChars(chars)
    assert [c["text"] for c in index.centred_in((0.0, 0.0, 100.0, 100.0))] == ["a", "b"]
    assert [c["text"] for c in index.cropped((0.0, 0.0, 100.0, 100.0))] == ["a", "b"]
    assert [c["text"] for c in index.centred_in((0.0, 0.0, float("inf"), 100.0))] == ["a", "b"]


@pytest.mark.parametrize(("tasks", "days"), [(40, 120), (120, 260)])
def test_a_large_gantt_export_is_read_with_every_task(tasks: int, days: int) -> None:
    """Read by the worker, under its limits: a chart of thousands of rules, bars and day labels."""
    blocks = read_document("gantt.pdf", build_gantt_pdf(tasks, days))
    table = next(b for b in blocks if isinstance(b, Table))
    owners = {r[0]: r[1] for r in table.rows[1:]}
    assert {owners.get(gantt_task(i)) for i in range(tasks)} == set(GANTT_OWNERS)
    assert all(owners.get(gantt_task(i)) == GANTT_OWNERS[i % len(GANTT_OWNERS)] for i in range(tasks))
