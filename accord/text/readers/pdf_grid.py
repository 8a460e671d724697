"""Ruled tables of a PDF page in time near-linear in the page's size: pdfplumber's own table finding and cell
text, with the same results, without its quadratic passes.

pdfplumber's TableFinder looks, for every crossing of two rules, at every later crossing (quadratic in the
crossings: a Gantt export of 200 day columns holds tens of thousands), grows each table by passes over all
remaining cells, and Table.extract tests every character of the page against every row, then every
character of the row against every cell; cropping the page to a cell clips every object of the page. A
one-page Gantt chart (17,000 characters, 2,500 rectangles, 900 cells) took over 10 s that way. Here the
crossings are grouped by column and by row, the tables are the connected groups of cells sharing a corner,
and characters are found through buckets of the page. Each function gives what its pdfplumber
counterpart gives (tests/text/test_pdf_grid.py compares them).
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from pdfplumber.table import Row, Table, TableFinder, TableSettings
from pdfplumber.utils.geometry import clip_obj, obj_to_bbox
from pdfplumber.utils.text import chars_to_textmap, extract_text

Box = tuple[float, float, float, float]
Point = tuple[float, float]


def find_tables(page: Any, settings: dict[str, Any]) -> list[Table]:
    """page.find_tables(settings), the same tables."""
    finder = TableFinder.__new__(TableFinder)  # its edges, without its quadratic __init__
    finder.page = page
    finder.settings = TableSettings.resolve(settings)
    edges = finder.get_edges()
    crossings = edges_to_intersections(
        edges, finder.settings.intersection_x_tolerance, finder.settings.intersection_y_tolerance
    )
    return [GridTable(page, group) for group in cells_to_tables(intersections_to_cells(crossings))]


class GridTable(Table):
    """A pdfplumber Table whose rows are worked out once (its `rows` property sorts and groups every cell on
    each use, and the reader asks for them several times)."""

    @functools.cached_property
    def rows(self) -> list[Row]:  # type: ignore[override]
        return Table.rows.fget(self)  # type: ignore[attr-defined,no-any-return]


def edges_to_intersections(
    edges: Sequence[dict[str, Any]], x_tolerance: float = 1, y_tolerance: float = 1
) -> dict[Point, dict[str, list[dict[str, Any]]]]:
    """pdfplumber.table.edges_to_intersections: the horizontal rules are searched by their height, not all
    tried against every vertical rule."""
    v_edges = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    h_edges = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    h_tops = [h["top"] for h in h_edges]
    crossings: dict[Point, dict[str, list[dict[str, Any]]]] = {}
    for v in v_edges:
        # v["top"] <= h["top"] + tol and v["bottom"] >= h["top"] - tol, on the sorted tops (with a margin for
        # rounding; the exact test below decides).
        lo = bisect_left(h_tops, v["top"] - y_tolerance - 1e-6)
        hi = bisect_right(h_tops, v["bottom"] + y_tolerance + 1e-6)
        for h in h_edges[lo:hi]:
            if (
                (v["top"] <= (h["top"] + y_tolerance))
                and (v["bottom"] >= (h["top"] - y_tolerance))
                and (v["x0"] >= (h["x0"] - x_tolerance))
                and (v["x0"] <= (h["x1"] + x_tolerance))
            ):
                vertex = (v["x0"], h["top"])
                if vertex not in crossings:
                    crossings[vertex] = {"v": [], "h": []}
                crossings[vertex]["v"].append(v)
                crossings[vertex]["h"].append(h)
    return crossings


def intersections_to_cells(crossings: dict[Point, dict[str, list[dict[str, Any]]]]) -> list[Box]:
    """pdfplumber.table.intersections_to_cells: the crossings below and to the right of a point are its
    column's and its row's, not a scan of every later point; each point's rules are made sets once."""
    points = sorted(crossings)
    v_sets = {p: {obj_to_bbox(e) for e in crossings[p]["v"]} for p in points}
    h_sets = {p: {obj_to_bbox(e) for e in crossings[p]["h"]} for p in points}
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for p in points:  # sorted by (x, top): each column top-down, each row left to right
        columns.setdefault(p[0], []).append(p)
        rows.setdefault(p[1], []).append(p)
    position: dict[Point, list[int]] = {}  # a point's place in its column and in its row
    for column in columns.values():
        for k, p in enumerate(column):
            position[p] = [k, 0]
    for row in rows.values():
        for k, p in enumerate(row):
            position[p][1] = k

    def connects(p1: Point, p2: Point) -> bool:
        if p1[0] == p2[0] and not v_sets[p1].isdisjoint(v_sets[p2]):
            return True
        return p1[1] == p2[1] and not h_sets[p1].isdisjoint(h_sets[p2])

    cells: list[Box] = []
    for pt in points:
        at_column, at_row = position[pt]
        cell = _smallest_cell(pt, columns[pt[0]][at_column + 1 :], rows[pt[1]][at_row + 1 :], crossings, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(
    pt: Point,
    below: list[Point],
    right: list[Point],
    crossings: dict[Point, Any],
    connects: Any,
) -> Box | None:
    for below_pt in below:
        if not connects(pt, below_pt):
            continue
        for right_pt in right:
            if not connects(pt, right_pt):
                continue
            bottom_right = (right_pt[0], below_pt[1])
            if bottom_right in crossings and connects(bottom_right, right_pt) and connects(bottom_right, below_pt):
                return (pt[0], pt[1], bottom_right[0], bottom_right[1])
    return None


def cells_to_tables(cells: list[Box]) -> list[list[Box]]:
    """pdfplumber.table.cells_to_tables: the tables are the groups of cells connected by shared corners (what
    its passes over the remaining cells grow), found through the cells of each corner."""
    by_corner: dict[Point, list[int]] = {}
    corners = [((x0, top), (x0, bottom), (x1, top), (x1, bottom)) for x0, top, x1, bottom in cells]
    for i, four in enumerate(corners):
        for corner in four:
            by_corner.setdefault(corner, []).append(i)
    seen = [False] * len(cells)
    tables: list[list[Box]] = []
    for start in range(len(cells)):
        if seen[start]:
            continue
        seen[start] = True
        group, todo = [start], [start]
        while todo:
            i = todo.pop()
            for corner in corners[i]:
                for j in by_corner[corner]:
                    if not seen[j]:
                        seen[j] = True
                        group.append(j)
                        todo.append(j)
        tables.append([cells[i] for i in sorted(group)])
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


class PageChars:
    """A page's characters in square buckets of the page, so that those of a cell are found among the few in
    the buckets the cell covers instead of among all the page's."""

    SIZE = 24.0  # points: a few lines of text high
    WIDEST = 64  # buckets: a character whose box spans more (a damaged or hostile file) is tried for every box

    def __init__(self, chars: list[dict[str, Any]]) -> None:
        self.chars = chars
        # Built when first asked for (a page without tables needs neither): the characters by the bucket of
        # their middle, and in every bucket their box touches; those of no bucket are tried for every box.
        self._middles: tuple[dict[tuple[int, int], list[int]], list[int]] | None = None
        self._touched: tuple[dict[tuple[int, int], list[int]], list[int]] | None = None

    def _by_middle(self) -> tuple[dict[tuple[int, int], list[int]], list[int]]:
        if self._middles is None:
            buckets: dict[tuple[int, int], list[int]] = {}
            anywhere: list[int] = []
            for i, c in enumerate(self.chars):
                x, y = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
                span = self._span((x, y, x, y))
                if span is None:
                    anywhere.append(i)
                else:
                    buckets.setdefault((span[0], span[1]), []).append(i)
            self._middles = (buckets, anywhere)
        return self._middles

    def _by_box(self) -> tuple[dict[tuple[int, int], list[int]], list[int]]:
        if self._touched is None:
            buckets: dict[tuple[int, int], list[int]] = {}
            anywhere: list[int] = []
            for i, c in enumerate(self.chars):
                span = self._span((c["x0"], c["top"], c["x1"], c["bottom"]))
                if span is None:
                    anywhere.append(i)
                    continue
                kx0, ky0, kx1, ky1 = span
                for kx in range(kx0, kx1 + 1):
                    for ky in range(ky0, ky1 + 1):
                        buckets.setdefault((kx, ky), []).append(i)
            self._touched = (buckets, anywhere)
        return self._touched

    def _span(self, box: Box, widest: int | None = WIDEST) -> tuple[int, int, int, int] | None:
        """The buckets a box covers, or None when it is not finite or (`widest`) spans too many."""
        size = self.SIZE
        try:
            kx0, ky0, kx1, ky1 = int(box[0] // size), int(box[1] // size), int(box[2] // size), int(box[3] // size)
        except (OverflowError, ValueError, TypeError):
            return None
        if widest is not None and (kx1 - kx0 > widest or ky1 - ky0 > widest):
            return None
        return kx0, ky0, kx1, ky1

    def _candidates(self, index: tuple[dict[tuple[int, int], list[int]], list[int]], box: Box) -> list[int]:
        buckets, anywhere = index
        span = self._span(box, widest=None)
        if span is None:
            return list(range(len(self.chars)))
        kx0, ky0, kx1, ky1 = span
        found: set[int] = set(anywhere)
        if (kx1 - kx0 + 1) * (ky1 - ky0 + 1) <= len(buckets):
            for kx in range(kx0, kx1 + 1):
                for ky in range(ky0, ky1 + 1):
                    found.update(buckets.get((kx, ky), ()))
        else:  # a box larger than the filled part of the page: the filled buckets it covers
            for (kx, ky), members in buckets.items():
                if kx0 <= kx <= kx1 and ky0 <= ky <= ky1:
                    found.update(members)
        return sorted(found)

    def centred_in(self, box: Box) -> list[dict[str, Any]]:
        """The characters whose middle is in [x0, x1) × [top, bottom), in page order (Table.extract's rule)."""
        x0, top, x1, bottom = box
        out = []
        for i in self._candidates(self._by_middle(), box):
            c = self.chars[i]
            h_mid, v_mid = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
            if h_mid >= x0 and h_mid < x1 and v_mid >= top and v_mid < bottom:
                out.append(c)
        return out

    def cropped(self, box: Box) -> list[dict[str, Any]]:
        """The characters touching the box, clipped to it, in page order (what page.crop(box) holds)."""
        clipped = (clip_obj(self.chars[i], box) for i in self._candidates(self._by_box(), box))
        return [c for c in clipped if c is not None]


def extract_table(table: Table, chars: PageChars) -> list[list[str | None]]:
    """table.extract(): each cell's text, None for a cell covered by a merged neighbour."""
    out: list[list[str | None]] = []
    for row in table.rows:
        cells: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            inside = chars.centred_in(cell)
            cells.append(extract_text(inside) if inside else "")
        out.append(cells)
    return out


def text_lines(chars: PageChars, box: Box) -> list[dict[str, Any]]:
    """page.crop(box, strict=False).extract_text_lines(layout=False, strip=True)."""
    x0, top, x1, bottom = box
    textmap = chars_to_textmap(
        chars.cropped(box), layout=False, layout_bbox=box, layout_width=x1 - x0, layout_height=bottom - top
    )
    lines: list[dict[str, Any]] = textmap.extract_text_lines(strip=True, return_chars=True)
    return lines
