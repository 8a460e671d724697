"""Plain text, as people paste it out of Word and slides: tab-separated tables, bullets of every kind,
numbered headings, Markdown headings and pipe tables, and stray HTML fragments (<p>, <i>, <sup>, <br>)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import pairwise

from accord.text.draft import Location
from accord.text.readers.blocks import (
    SECTION_LABEL_WORDS,
    Blank,
    Block,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    TableRow,
    clean_inline,
    links_of,
    looks_like_heading_text,
    promote_numbered_headings,
)
from accord.text.when import is_date_name, starts_with_date

_BULLET = re.compile(r"^(?P<indent>[ \t\u00a0]*)(?P<marker>[-•*❑→◦▪■□➢►✓·●○–])[ \t\u00a0]+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<indent>[ \t\u00a0]*)(?P<marker>\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)])[ \t]+(?P<text>\S.*)$")
_LABEL_NUMBER = re.compile(
    rf"^(?P<label>{SECTION_LABEL_WORDS})\s+(?P<number>\d{{1,2}}|[IVX]{{1,5}}|(?-i:[A-H]))\s*[:.–—-]\s*"
    r"(?P<text>\S.*)$",
    re.I,
)
_SUBNUMBER_HEADING = re.compile(
    r"^(?!\d{1,2}\.(?:0\d\b|\d{2}\s*(?:uhr|h|hrs?|am|pm)\b))"  # "10.00 Uhr Workshop", "9.05 Welcome": a clock time
    r"(?P<number>\d{1,2}(?:\.\d{1,2})+)\s+(?P<text>[^\s\d.].{0,150})$",
    re.I,
)
# "I. Training diplomats", "IV) Running the network": a roman numeral and a short title, no full stop.
_ROMAN_HEADING = re.compile(r"^(?P<number>(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3}))[.)]\s+(?P<text>[^\s.a-z].{0,150})$")
_MD_HEADING = re.compile(r"^\s{0,3}(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_HTML_HEADING = re.compile(r"^\s*<h(?P<level>[1-6])[^>]*>(?P<text>.*?)</h(?P=level)>\s*$", re.I | re.S)
_HTML_LI = re.compile(r"^\s*<li[^>]*>(?P<text>.*?)(?:</li>)?\s*$", re.I | re.S)
_FOOTNOTE_DEF = re.compile(
    r"^\s*(?:(?P<uni>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)|\[\^(?P<md>[^\]\s]+)\]:|<sup>\s*(?P<sup>[\w*]+)\s*</sup>)\s*(?P<text>\S.*)$"
)
_PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_NUMBER_IN_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)[.)]?\s+(?P<text>\S.*)$")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def heading_number(text: str) -> tuple[str | None, str]:
    """The number a heading carries: "1. Priority: X" -> ("1", "Priority: X"); "Priority 2: X" -> ("2", ...)."""
    m = _NUMBER_IN_HEADING.match(text)
    if m:
        return m.group("number"), m.group("text")
    m = _LABEL_NUMBER.match(text)
    if m:
        return m.group("number"), text
    m = _ROMAN_HEADING.match(text)
    if m and looks_like_heading_text(m.group("text")):
        return m.group("number"), m.group("text")
    return None, text


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; Word on Windows saves cp1252, and latin-1 never fails."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


# Caps that keep reading linear whatever the file's shape: a longer line is cut at white space into lines of
# at most MAX_LINE characters, and a row keeps at most MAX_CELLS cells (empty cells past it are dropped; more
# filled cells than that is no table a person wrote, and the rest is kept as the last cell's text).
MAX_LINE = 20_000
MAX_CELLS = 256
MAX_RUN_ON_PARTS = 2_000


def read_text(data: bytes | str) -> list[Block]:
    text = decode_text(data) if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = join_open_pipe_rows(layout_tables_to_tabs(aligned_tables_to_tabs(text.split("\n"))))
    return classify_lines((line, Location(line=n)) for n, line in enumerate(lines, start=1))


def join_open_pipe_rows(lines: list[str]) -> list[str]:
    """A pipe table written without the leading "|" ("Time | Session | Room |" over "---|---|---|"), as
    web pages saved as text have them, whose cells may run over several lines: each row is gathered until it
    has as many "|" as its header and given the leading "|" the table reader expects. The line count is kept
    (a gathered row's other lines become blank), so locations still name the source line."""
    out = list(lines)
    i = 0
    while i + 1 < len(lines):
        head, sep = lines[i].strip(), lines[i + 1].strip()
        if "|" not in head or head.startswith("|") or not _PIPE_SEPARATOR.match(sep):
            i += 1
            continue
        need = head.count("|")
        out[i] = "| " + head + ("" if head.endswith("|") else " |")
        out[i + 1] = "|" + sep.lstrip("|")
        j = i + 2
        while j < len(lines) and (row := lines[j].strip()) and "|" in row and not _PIPE_SEPARATOR.match(row):
            start, parts = j, [row]
            while (
                " ".join(parts).count("|") < need
                and j + 1 < len(lines)
                and lines[j + 1].strip()
                and not _PIPE_SEPARATOR.match(lines[j + 1].strip())
            ):
                j += 1
                parts.append(lines[j].strip())
            joined = " ".join(parts)
            out[start] = "| " + joined + ("" if joined.endswith("|") else " |")
            for k in range(start + 1, j + 1):
                out[k] = ""
            j += 1
        i = j
    return out


def cut_long_line(line: str) -> list[str]:
    """A line of more than MAX_LINE characters as several, cut at the last white space before the limit."""
    if len(line) <= MAX_LINE:
        return [line]
    out: list[str] = []
    while len(line) > MAX_LINE:
        cut = max(line.rfind(" ", 0, MAX_LINE), line.rfind("\t", 0, MAX_LINE))
        if cut < MAX_LINE // 2:
            cut = MAX_LINE
        out.append(line[:cut])
        line = line[cut:].lstrip(" ")
    out.append(line)
    return out


# --- run-on paragraphs: slides saved as text, wiki pages flattened into one line -------------------------

# Bullet glyphs that never occur inside a sentence, and the ones that mark a sub-point beside them.
_INLINE_BULLET = re.compile(r"(?:(?<=\s)|^)([•▪●■►➢➤✓❑□◦○▫])\s+(?=\S)")
_SUB_GLYPHS = "◦○▫"
# "Page 3", "Slide 12", "Page 3 of 10", in English, French, German and Spanish: page furniture, not content.
_PAGE_MARKER_WORDS = r"(?:page|slide|seite|folie|diapositive|diapositiva|p[áa]gina|diapo)"
_PAGE_MARKER = re.compile(
    rf"(?:(?<=\s)|^){_PAGE_MARKER_WORDS}\s+\d{{1,4}}(?:\s*(?:/|of|sur|von|de)\s*\d{{1,4}})?"
    r"(?=\s|$)",
    re.I,
)
_PAGE_MARKER_LINE = re.compile(
    rf"^\s*(?:[-–—]?\s*{_PAGE_MARKER.pattern}\s*[-–—]?|[-–—]\s*\d{{1,4}}\s*[-–—])\s*$", re.I
)  # "Page 2", "Slide 3 of 9", "- 4 -"
# MediaWiki headings ("== Attendance ==") and bullets ("* item", "** sub-item").
_WIKI_HEADING = re.compile(r"^\s*(?P<eq>={1,6})\s*(?P<text>[^=].*?)\s*(?P=eq)\s*$")
_WIKI_INLINE_HEADING = re.compile(r"(?:(?<=\s)|^)(={1,6})\s*[^=\s][^=]{0,150}?\s*\1(?=\s|$)")
_WIKI_INLINE_BULLET = re.compile(r"(?<=\s)(\*{1,4})\s+(?=\S)")
_WIKI_EMPHASIS = re.compile(r"'{2,5}")


def split_run_on(line: str) -> list[str] | None:
    """The lines a run-on line stands for, or None when it is an ordinary line.

    Slides or a web page saved as text often arrive as one paragraph: "Slide 3 Title • point • point
    Slide 4 ...", or "= Minutes = == Attendance == * Ann * Bo". Two or more bullet glyphs that never occur
    inside a sentence (•, ▪, ●, ...), or two or more wiki headings, make a line run-on: it is split before
    each glyph, heading and page or slide marker, and the markers are dropped (a slide break stays as an
    empty line)."""
    stripped = line.strip()
    if len(stripped) < 40:
        return None
    bullets = [m for m in _INLINE_BULLET.finditer(stripped) if m.start() > 0]
    wiki = len(_WIKI_INLINE_HEADING.findall(stripped)) >= 2
    markers = list(_PAGE_MARKER.finditer(stripped))
    if len(bullets) < 2 and not wiki and not (markers and bullets):
        return None
    cuts: list[tuple[int, int, str]] = []  # (start, end of what is dropped, kind)
    for m in _INLINE_BULLET.finditer(stripped):
        cuts.append((m.start(), m.start(), "sub" if m.group(1) in _SUB_GLYPHS else "bullet"))
    for m in markers:
        cuts.append((m.start(), m.end(), "marker"))
    if wiki:
        for m in _WIKI_INLINE_HEADING.finditer(stripped):
            cuts.append((m.start(), m.start(), "heading"))
        for m in _WIKI_INLINE_BULLET.finditer(stripped):
            cuts.append((m.start(), m.end(), f"wiki{len(m.group(1))}"))
    if len(cuts) > MAX_RUN_ON_PARTS:
        return None  # thousands of glyphs on one line are no slides a person wrote: the line stays one paragraph
    cuts.sort()
    out: list[str] = []
    pos = 0
    pending = ""
    for start, end, kind in cuts:
        if start < pos:
            continue
        piece = stripped[pos:start].strip()
        if piece:
            out.append(pending + piece)
        pending = ""
        if kind == "marker":
            if out and out[-1] != "":
                out.append("")
                out.append("")
        elif kind == "sub":
            pending = "    "
        elif kind.startswith("wiki"):
            pending = "    " * (int(kind[4:]) - 1) + "* "
        pos = end
    piece = stripped[pos:].strip()
    if piece:
        out.append(pending + piece)
    if wiki:
        out = [_WIKI_EMPHASIS.sub("", ln) for ln in out]
    return out if len([ln for ln in out if ln.strip()]) >= 2 else None


# A day header glued to the words before it when line breaks were lost (slides, PDF or web pages saved as
# text): "...Welcome ProgrammeMonday, 3 June", "...of the daysDienstag, 4. Juni 2030". A lower-case letter, then
# a capitalised month or weekday name that starts a full date.
_GLUED_NAME = re.compile(r"(?<=[a-zß-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2})")
_NAME = re.compile(r"[^\W\d_]+")
_MAX_GLUED = 20  # cuts per line (and three times as many names tried): a line of thousands of glued names is no
# list of day headers


def split_glued_dates(line: str) -> list[str]:
    """The line, cut before each day header glued to the text before it: "Download the ProgramMonday,
    3 June" gives "Download the Program" and "Monday, 3 June". A capitalised name is cut off only when it
    is a month or weekday name and a full date starts there (`when.starts_with_date`); "DeMarco",
    "JuneBug", "ProjectMayflower" and "releaseMarch 2030" stay as they are."""
    cuts: list[int] = []
    tries = 0
    for m in _GLUED_NAME.finditer(line):
        word = _NAME.match(line, m.start())
        if word is None or not is_date_name(word.group()):
            continue
        tries += 1
        if tries > 3 * _MAX_GLUED:
            break
        if starts_with_date(line[m.start() :]):
            cuts.append(m.start())
            if len(cuts) >= _MAX_GLUED:
                break
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(line)]
    return [line[x:y].rstrip() for x, y in pairwise(bounds)]


_GAP = re.compile(r"\S(?: ?\S)*")  # a cell: words separated by single spaces
# A header cell that names a period of a Gantt chart: a year, a quarter or half ("Q3", "T2", "H1", "Q3 2031"),
# a project month ("M12"), a numbered week or month.
_PERIOD_LABEL = re.compile(
    r"^(?:(?:19|20)\d\d(?:/\d\d)?|[QTHSK][1-4](?:[\s/-]*(?:19|20)?\d\d)?|M\d{1,2}"
    r"|(?:week|wk|semaine|sem\.?|woche|kw|semana|month|mois|monat|mes)\s*\d{1,2})$",
    re.I,
)


def _cell_starts(line: str) -> list[tuple[int, str]]:
    """Where each cell of a space-aligned line starts, and its text (cells are apart by two spaces or more)."""
    return [(m.start(), m.group()) for m in _GAP.finditer(line.expandtabs(8))]


def aligned_tables_to_tabs(lines: list[str]) -> list[str]:
    """Tables typed with spaces (an e-mail, a PDF copied as text) as tab-separated lines.

    A run of lines is a table when its first line is a header (two or more short cells, no digits) and the
    cells of each line below fall under the header's cells, most of them starting within two characters of
    their column (a long cell may push the next one right). Lines with tabs, bullets or leading indentation
    are never part of one.
    """
    out = list(lines)
    i = 0
    while i < len(lines):
        head = lines[i]
        starts = _cell_starts(head) if head and not head[0].isspace() and "\t" not in head else []
        if (
            len(starts) < 2
            or _BULLET.match(head)
            or _NUMBERED.match(head)
            or _MD_HEADING.match(head)
            or any(any(ch.isdigit() for ch in t) and not _PERIOD_LABEL.match(t) for _, t in starts)
            or any(len(t) > 40 for _, t in starts)
        ):
            i += 1  # the first line of a typed table is its header: short words, no dates or times
            continue
        columns = [p for p, _ in starts]
        rows: list[list[str]] = []
        j = i + 1
        while j < len(lines) and lines[j].strip() and "\t" not in lines[j] and not lines[j][0].isspace():
            cells = _cell_starts(lines[j])
            placed: dict[int, str] = {}
            aligned = 0
            for pos, text in cells:
                # The column the cell falls in; a long cell may push the next one to the right.
                col = bisect_right(columns, pos + 2) - 1
                if col < 0 or col in placed or (placed and col < max(placed)):
                    placed = {}
                    break
                placed[col] = text
                aligned += abs(columns[col] - pos) <= 2
            if (
                not placed
                or 0 not in placed
                or aligned * 2 < len(cells)
                or (len(cells) == 1 and len(cells[0][1]) >= columns[1] + 8)
            ):
                break
            rows.append([placed.get(c, "") for c in range(len(columns))])
            j += 1
        wrapped = j < len(lines) and lines[j].strip() != "" and lines[j][0].isspace() and "\t" not in lines[j]
        # A first cell that wraps onto a line of its own ("Cartographie des acteurs de la" / "diplomatie
        # scientifique"): the laid-out table reader gathers it into its row.
        wrapped = wrapped or any(_wraps_on(above[0], row) for above, row in pairwise(rows))
        if wrapped and (j >= len(lines) or _is_layout_line(lines[j]) or not lines[j].strip()):
            # A cell wraps onto a line of its own: the laid-out table reader reads the table with its wrapped
            # lines; no piece of it is read here.
            while j < len(lines) and lines[j].strip() and "\t" not in lines[j]:
                j += 1
            i = j
            continue
        if len(rows) >= 1 and sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= 1:
            out[i] = "\t".join(t for _, t in starts)
            for k, row in enumerate(rows, start=i + 1):
                out[k] = "\t".join(row)
            i = j
        else:
            i += 1
    return out


# --- tables laid out with spaces over several lines (`pdftotext -layout`, a report copied as text) ----------

_GAP_CELL = re.compile(r"\S+(?: \S+)*")  # words apart by single spaces; two spaces or more part cells
_FOOTNOTE_TAIL = re.compile(r"\s\d{1,2}$")  # "Lead beneficiary 10": a footnote number glued to a header
_FLOWS_ON = re.compile(
    r"(?:[,;:/(&+-]|\b(?:and|or|of|the|for|to|in|on|with|et|ou|de|des|du|la|le|les|und|oder|der|die|das|von|"
    r"für|mit|zur|zum|bei|auf|im|y|o|el|los|las|del|en|con|para|por))$",
    re.I,
)
MAX_LAYOUT_ROWS = 2_000  # lines in one laid-out table; a longer run of lines is read as it is
MAX_HEADER_LINES = 12  # a header wraps over a few lines
_TOTAL = re.compile(
    r"^(?:grand\s+)?(?:sub-?)?totals?\b|^(?:sous-)?total\b|^(?:zwischen)?summe\b|^gesamt\b|^insgesamt\b|^suma\b", re.I
)


def _layout_cells(line: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _GAP_CELL.finditer(line.expandtabs(8))]


def _is_layout_line(line: str) -> bool:
    return (
        bool(line.strip())
        and "\t" not in line
        and "|" not in line
        and not _BULLET.match(line)
        and not _MD_HEADING.match(line)
        and not _PAGE_MARKER_LINE.match(line)
    )


def layout_tables_to_tabs(lines: list[str]) -> list[str]:
    """Tables laid out with spaces whose cells wrap over several lines, as `pdftotext -layout` gives them:
    columns are found from where the cells of all lines start (a start shared by two lines or more is a
    column), each line's cells are put in their columns, and a row is a line with a cell in the first column
    with the wrapped lines around it (a wrapped line goes to the nearer such line; when it is as near to both,
    to the one its text runs on into). The first row is the header. A run of lines is a table only when it has
    two columns or more, a header and two rows, and its lines keep to the columns (a line with two cells in one
    column is prose or a form, and the run is left as it is). Each row becomes one tab-separated line; the
    other lines of the row become blank, so locations still name the source line."""
    out = list(lines)
    i = 0
    n = len(lines)
    while i < n:
        if not _is_layout_line(lines[i]):
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_LAYOUT_ROWS and _is_layout_line(lines[j]):
            j += 1
        while i < j and not lines[i][:1].isspace() and len(_layout_cells(lines[i])) < 2:
            i += 1  # a heading or a sentence right above the table is no part of it
        found = _layout_table(lines[i:j])
        if found is not None:
            rows, used = found
            for k in range(i, i + used):
                out[k] = ""
            for at, cells in rows:
                out[i + at] = "\t".join(cells)
        i = j
    return out


def _layout_table(run: list[str]) -> tuple[list[tuple[int, list[str]]], int] | None:
    """The rows of a laid-out table (line index in the run, cells) and how many lines of the run it takes."""
    cells = [_layout_cells(line) for line in run]
    # A totals line ("Total 828.00", "Summe", "Sous-total") closes the table: it is no part of the last row.
    end = next((k for k, c in enumerate(cells) if k > 1 and c and _TOTAL.match(c[0][1])), len(cells))
    run, cells = run[:end], cells[:end]
    if len(run) < 3:
        return None
    if sum(1 for c in cells if len(c) >= 2) < 3:
        return None
    starts = sorted(p for line in cells for p, _ in line)
    columns: list[int] = []
    support: list[int] = []
    for p in starts:
        if columns and p - columns[-1] <= 2:
            support[-1] += 1
        else:
            columns.append(p)
            support.append(1)
    columns = [c for c, s in zip(columns, support, strict=True) if s >= 2]
    if len(columns) < 2 or len(columns) > MAX_CELLS or columns[0] > 2:
        return None
    placed: list[dict[int, str]] = []
    for line_cells in cells:
        row: dict[int, str] = {}
        for pos, text in line_cells:
            # A cell that runs over a column's start at a single space holds two cells ("Total 828.00").
            pieces = [(pos, text)]
            for c in columns[bisect_right(columns, pos) : bisect_left(columns, pos + len(text))]:
                head_pos, head = pieces[-1]
                cut = c - head_pos
                if 0 < cut < len(head) and head[cut - 1] == " ":
                    pieces[-1:] = [(head_pos, head[:cut].rstrip()), (c, head[cut:])]
            for p, t in pieces:
                col = max(bisect_right(columns, p + 2) - 1, 0)
                if col in row:
                    return None  # two cells in one column: the lines are no table
                row[col] = t
        placed.append(row)
    header_end = _header_end(placed)
    if header_end is None and _timed_rows(placed):
        header_end = -1  # no header, but the first column holds the hours of a programme
    if header_end is None:
        return None
    data = [
        k
        for k in range(header_end + 1, len(placed))
        if 0 in placed[k] and not (k > header_end + 1 and _wraps_on(placed[k - 1].get(0), placed[k]))
    ]
    if len(data) < 2:
        return None
    owner = _row_of_each_line(placed, data, header_end)
    gathered: dict[int, dict[int, list[str]]] = {k: {} for k in [-1, *data]}
    for k, row in enumerate(placed):
        for col, text in row.items():
            gathered[owner[k]].setdefault(col, []).append(text)
    if sum(1 for k in data if len(gathered[k]) >= 2) < 2:
        return None
    out: list[tuple[int, list[str]]] = []
    if header_end >= 0:
        header = [_FOOTNOTE_TAIL.sub("", _join_wrapped(gathered[-1].get(c, []))) for c in range(len(columns))]
        out.append((header_end, header))
    for k in data:
        out.append((k, [_join_wrapped(gathered[k].get(c, [])) for c in range(len(columns))]))
    return out, len(run)


def _wraps_on(above: str | None, row: list[str] | dict[int, str]) -> bool:
    """Whether a line that holds only a first cell goes on with the first cell above it: that text needs
    more ("… de la", "… for the", "… and"), or the line starts in lower case."""
    cells = [c for c in (row.values() if isinstance(row, dict) else row) if c]
    first = row.get(0) if isinstance(row, dict) else (row[0] if row else None)
    if not above or not first or len(cells) != 1:
        return False
    return _flows_on(above) or first[:1].islower()


_CLOCK_START = re.compile(r"^\d{1,2}[:.h]\d{2}\b")


def _timed_rows(placed: list[dict[int, str]]) -> bool:
    """Whether most lines that open a row start with an hour ("09:00 – 09:30", "14h00"): a programme laid out
    without a header."""
    firsts = [row[0] for row in placed if 0 in row]
    return len(firsts) >= 3 and sum(1 for t in firsts if _CLOCK_START.match(t)) * 3 >= len(firsts) * 2


def _headerish(text: str, above: bool) -> bool:
    """A header cell: a few words with no digit but a footnote number, or (under a header cell that wrapped)
    the footnote number alone."""
    if above and re.fullmatch(r"\d{1,2}", text):
        return True
    if _PERIOD_LABEL.match(text):
        return True  # "2031", "Q3", "M12", "Week 4": the periods of a Gantt chart's header
    text = _FOOTNOTE_TAIL.sub("", text)
    return len(text) <= 40 and not any(ch.isdigit() for ch in text)


def _header_end(placed: list[dict[int, str]]) -> int | None:
    """The last line of the header: the lines before the first with data (a digit outside a footnote
    number), through the last of them with a cell in the first column and the wrapped lines that finish a
    header cell left open ("Due Date (in" over "months)")."""
    prefix = 0
    seen: set[int] = set()
    while prefix < min(len(placed), MAX_HEADER_LINES) and all(
        _headerish(t, c in seen) for c, t in placed[prefix].items()
    ):
        seen.update(placed[prefix])
        prefix += 1
    firsts = [k for k in range(prefix) if 0 in placed[k]]
    if not firsts or sum(len(placed[k]) for k in range(firsts[-1] + 1)) < 2:
        return None
    # No line with data in the first lines (a table of words only): its header is its first line.
    end = firsts[-1] if prefix < min(len(placed), MAX_HEADER_LINES) else firsts[0]
    while end + 1 < prefix and all(
        _flows_on(_last_in(placed, end, col)) or _FOOTNOTE_TAIL.search(text) for col, text in placed[end + 1].items()
    ):
        end += 1
    return end


def _last_in(placed: list[dict[int, str]], upto: int, col: int) -> str | None:
    for k in range(upto, -1, -1):
        if col in placed[k]:
            return placed[k][col]
    return None


def _flows_on(text: str | None) -> bool:
    return text is not None and (bool(_FLOWS_ON.search(text)) or text.count("(") > text.count(")"))


def _row_of_each_line(placed: list[dict[int, str]], data: list[int], header_end: int) -> list[int]:
    """The row each line belongs to (-1: the header, lines 0 to header_end). A row is a line with a cell in
    the first column and the wrapped lines around it. Which way the wrapped lines go is decided for the whole
    table from their text: cells centred on the row's line (as `pdftotext -layout` places them) or hanging
    under it. The lines between two row lines are then cut where no cell's text runs on over the cut, nearest
    to an even split (centred) or with all lines under the upper row (hanging)."""
    owner = [-1] * len(placed)
    ends = [*data[1:], len(placed)]
    # Which way the wrapped lines run: into the row line under them (centred) or on from the row line above
    # (hanging). Lines between the header and the first row can only be centred.
    into = sum(_runs_on(placed, b - 1, b) for b in data if b - 1 > header_end) + 2 * (data[0] - header_end - 1)
    on = sum(_runs_on(placed, a, a + 1) for a, b in zip(data, ends, strict=True) if a + 1 < b)
    hanging = on > into
    for x in range(header_end + 1, data[0]):
        owner[x] = data[0]
    up = data[0] - header_end - 1
    for a, b in zip(data, ends, strict=True):
        owner[a] = a
        gap = b - a - 1
        if b == len(placed):
            best = gap
        else:
            prior = gap if hanging else up
            best = min(range(gap + 1), key=lambda s: (3 * _cuts_through(placed, a, b, a + s) + abs(s - prior), s))
        for x in range(a + 1, a + best + 1):
            owner[x] = a
        for x in range(a + best + 1, b):
            owner[x] = b
        up = gap - best
    return owner


def _runs_on(placed: list[dict[int, str]], upper: int, lower: int) -> int:
    """How many cells of line `upper` run on into line `lower` (a word that needs more, or a lower-case start)."""
    return sum(
        1
        for col, text in placed[upper].items()
        if (below := placed[lower].get(col)) is not None and (_flows_on(text) or below[:1].islower())
    )


def _cuts_through(placed: list[dict[int, str]], a: int, b: int, last: int) -> int:
    """How many cells' text runs on over a cut after line `last` (between row lines a and b)."""
    return _runs_on(placed, last, last + 1) if last + 1 <= b else 0


def _join_wrapped(parts: list[str]) -> str:
    out = ""
    for part in parts:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].isalpha():
            out += part
        else:
            out = f"{out} {part}" if out else part
    return out


def _cells(raw: str, sep: str) -> list[str]:
    parts = raw.split(sep)
    if len(parts) > MAX_CELLS:
        filled = [p for p in parts[MAX_CELLS - 1 :] if p.strip()]
        parts = parts[: MAX_CELLS - 1] + ([" ".join(filled)] if filled else [])
    return [clean_inline(c) for c in parts]


def _expand(lines: Iterable[tuple[str, Location]]) -> Iterable[tuple[str, Location]]:
    """Long lines cut, run-on lines split, day headers glued to the text before them cut off, page and slide
    markers on a line of their own dropped."""
    for raw, loc in lines:
        # A tab-separated row stays one line however long (its cells are capped instead).
        for piece in cut_long_line(raw) if len(raw) > MAX_LINE and "\t" not in raw else (raw,):
            if "\t" in piece:
                yield piece, loc
                continue
            if len(piece) < 40:
                if len(piece) < 60 and _PAGE_MARKER_LINE.match(piece):
                    yield "", loc
                    yield "", loc
                    continue
                for part in split_glued_dates(piece):
                    yield part, loc
                continue
            for line in split_run_on(piece) or [piece]:
                for part in split_glued_dates(line):
                    yield part, loc


def classify_lines(lines: Iterable[tuple[str, Location]], *, table_offset: int = 0) -> list[Block]:
    """One block per line (blank runs merged); shared by the text reader and the PDF reader's text lines."""
    blocks: list[Block] = []
    indents: list[int] = []  # indentation of each open list level, so nested bullets get their level
    table_no = table_offset
    in_table = False
    row_no = 0
    for raw, loc in _expand(lines):
        raw = raw.rstrip("\n")
        stripped = raw.replace("\u00a0", " ").strip()
        links = links_of(raw)
        if not stripped:
            if blocks and isinstance(blocks[-1], Blank):
                blocks[-1].count += 1
            else:
                blocks.append(Blank(location=loc))
            continue
        if "\t" in raw.strip(" \u00a0\n") or (stripped.startswith("|") and stripped.count("|") >= 2):
            if _PIPE_SEPARATOR.match(stripped):
                if blocks and isinstance(blocks[-1], TableRow):
                    blocks[-1].header = True
                continue
            if not in_table:
                table_no += 1
                in_table = True
                row_no = 0
            cells = _cells(raw.strip(" \xa0"), "\t") if "\t" in raw else _cells(stripped.strip("|"), "|")
            blocks.append(
                TableRow(
                    cells, location=Location(line=loc.line, page=loc.page, table=table_no, row=row_no), links=links
                )
            )
            row_no += 1
            continue
        # A blank line does not end a table (people leave them inside); any other block does.
        in_table = False
        m = _FOOTNOTE_DEF.match(raw)
        if m:
            marker = (m.group("uni") or "").translate(_SUPERSCRIPT) or m.group("md") or m.group("sup")
            blocks.append(Footnote(marker, clean_inline(m.group("text")), location=loc, links=links))
            continue
        m = _WIKI_HEADING.match(raw)
        if m and len(m.group("text")) <= 150:
            number, text = heading_number(clean_inline(m.group("text")))
            indents = []
            blocks.append(Heading(len(m.group("eq")), text, number, location=loc, links=links))
            continue
        m = _MD_HEADING.match(raw) or _HTML_HEADING.match(raw)
        if m:
            level = (
                len(m.group("hashes"))
                if "hashes" in m.groupdict() and m.group("hashes")
                else int(m.groupdict().get("level") or 1)
            )
            number, text = heading_number(clean_inline(m.group("text")))
            indents = []
            blocks.append(Heading(level, text, number, location=loc, links=links))
            continue
        m = _LABEL_NUMBER.match(stripped)
        if m and len(stripped) < 200:
            blocks.append(Heading(2, clean_inline(m.group("text")), m.group("number"), location=loc, links=links))
            continue
        m = _SUBNUMBER_HEADING.match(stripped)
        if m and looks_like_heading_text(m.group("text")) and not raw[:1].isspace():
            # "1.1 Annual meeting": a numbered sub-heading (a list item would be "1.1." or indented).
            indents = []
            blocks.append(Heading(3, clean_inline(m.group("text")), m.group("number"), location=loc, links=links))
            continue
        m = _ROMAN_HEADING.match(stripped)
        if m and looks_like_heading_text(m.group("text")) and not _BULLET.match(raw):
            indents = []
            blocks.append(Heading(2, clean_inline(m.group("text")), m.group("number"), location=loc, links=links))
            continue
        m = _BULLET.match(raw) or _NUMBERED.match(raw) or None
        if m and not _is_emphasis_line(stripped):
            indent = len(m.group("indent").expandtabs(4))
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            marker = m.group("marker")
            blocks.append(ListItem(len(indents) - 1, clean_inline(m.group("text")), marker, location=loc, links=links))
            continue
        m = _HTML_LI.match(raw)
        if m:
            blocks.append(ListItem(0, clean_inline(m.group("text")), "-", location=loc, links=links))
            continue
        indents = []
        blocks.append(Paragraph(clean_inline(raw), _style_of(stripped), location=loc, links=links))
    return promote_numbered_headings(blocks)


def _is_emphasis_line(stripped: str) -> bool:
    # "*The Sector ...*" is an italic paragraph, "* item" a bullet: the bullet needs the space after it.
    return stripped.startswith("**") and stripped.endswith("**") and len(stripped) > 4


def _style_of(stripped: str) -> str | None:
    s = re.sub(r"^<p[^>]*>|</p>$", "", stripped, flags=re.I).strip()
    if re.fullmatch(r"\*\*[^*].*[^*]\*\*|__[^_].*[^_]__", s):
        return "strong"
    if re.fullmatch(r"\*(?!\*)[^\s].*\*|_(?!_)\S.*_|<(i|em)>.*</(i|em)>", s, flags=re.I | re.S):
        return "emphasis"
    return None
