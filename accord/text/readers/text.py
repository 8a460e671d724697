"""Plain text, as people paste it out of Word and slides: tab-separated tables, bullets of every kind,
numbered headings, Markdown headings and pipe tables, and stray HTML fragments (<p>, <i>, <sup>, <br>)."""

from __future__ import annotations

import re
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
_SUBNUMBER_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})+)\s+(?P<text>[^\s\d.].{0,150})$")
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
    lines = join_open_pipe_rows(aligned_tables_to_tabs(text.split("\n")))
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
            or any(ch.isdigit() for ch in head)
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
                col = max((c for c in range(len(columns)) if columns[c] <= pos + 2), default=-1)
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
        if len(rows) >= 1 and sum(1 for r in rows if sum(1 for c in r if c) >= 2) >= 1:
            out[i] = "\t".join(t for _, t in starts)
            for k, row in enumerate(rows, start=i + 1):
                out[k] = "\t".join(row)
            i = j
        else:
            i += 1
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
