"""The blocks every reader yields, whatever the format, and the inline clean-up they share.

A reader's only job is to turn a file into a flat list of blocks in reading order; deciding what is a title,
a section or an item is the layout's job (accord.text.layout), so one set of rules serves every format.
Text in blocks is already clean: markup removed, white space collapsed, footnote references dropped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, fields
from typing import Any

from accord.text.draft import Location

__all__ = [
    "Blank",
    "Block",
    "Footnote",
    "Heading",
    "ListItem",
    "Paragraph",
    "Table",
    "TableRow",
    "block_from_json",
    "block_to_json",
    "clean_inline",
    "collapse",
    "continues_previous",
    "find_urls",
    "has_continuation_marker",
    "promote_numbered_headings",
    "strip_continuation",
]


@dataclass(slots=True)
class Block:
    location: Location = field(default_factory=Location, kw_only=True)
    links: list[str] = field(default_factory=list, kw_only=True)


@dataclass(slots=True)
class Heading(Block):
    level: int
    text: str
    number: str | None = None


@dataclass(slots=True)
class Paragraph(Block):
    text: str
    # "emphasis" (the whole paragraph in italics), "strong", "title" (a Word Title style) or None.
    style: str | None = None


@dataclass(slots=True)
class ListItem(Block):
    level: int
    text: str
    marker: str = "-"


@dataclass(slots=True)
class TableRow(Block):
    cells: list[str]
    header: bool = False
    # One merged cell across the whole row (Word, HTML colspan, a PDF span): a heading inside the table.
    full_width: bool = False


@dataclass(slots=True)
class Table(Block):
    rows: list[list[str]]
    header: list[str] | None = None
    row_locations: list[Location] = field(default_factory=list)
    # Indices (0-based, in `rows`) of rows that are one cell merged across the whole width.
    full_width_rows: set[int] = field(default_factory=set)
    # Spreadsheets: the sheet's name, and the sheet's 1-based column number of each cell position (the rows'
    # sheet row numbers are in `row_locations`). None and [] for every other format.
    sheet: str | None = None
    columns: list[int] = field(default_factory=list)

    def to_rows(self) -> list[TableRow]:
        """The table as rows, so the layout treats real tables and tab-separated lines the same way."""
        out: list[TableRow] = []
        table_no = self.location.table
        if self.header is not None:
            out.append(
                TableRow(
                    list(self.header),
                    header=True,
                    location=Location(line=self.location.line, page=self.location.page, table=table_no, row=0),
                )
            )
        for i, cells in enumerate(self.rows, start=1):
            loc = (
                self.row_locations[i - 1]
                if i - 1 < len(self.row_locations)
                else Location(line=self.location.line, page=self.location.page, table=table_no, row=i)
            )
            out.append(TableRow(list(cells), location=loc, full_width=i - 1 in self.full_width_rows))
        return out


@dataclass(slots=True)
class Footnote(Block):
    marker: str
    text: str


@dataclass(slots=True)
class Blank(Block):
    """One or more empty lines; `count` lets the layout tell a paragraph break from a slide break."""

    count: int = 1


# --- inline clean-up -------------------------------------------------------------------------------------

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_REF = re.compile(r"<sup>\s*(?:\d+|[*†‡]|[ivx]+)\s*</sup>", re.I)
_MD_FOOTREF = re.compile(r"\[\^[^\]\s]+\](?!:)")
# A superscript digit glued to a word or closing punctuation is a footnote reference ("Conferences¹");
# standalone at the start of a line it is a footnote definition, handled by the readers.
_UNICODE_REF = re.compile(rf"(?<=[\w\)\].,;:’”\"'!?])[{_SUPERSCRIPT_DIGITS}]+")
_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>")
_BLOCK_TAGS = {"p", "br", "div", "li", "tr", "td", "th", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6"}
# Link text stops at the next bracket, so a line of many "[" is read in linear time.
_MD_LINK = re.compile(r"!?\[([^\]\[]*)\]\(([^)\s]{1,2048}+)(?:\s+\"[^\"]*\")?\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_MD_EM_UNDER = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_MD_CODE = re.compile(r"`([^`]*)`")
_URL = re.compile(r"https?://[^\s<>\"'“”)\]]+")
_WS = re.compile(r"\s+")
# Markers a writer leaves for the reader of the Word file, not part of the content.
# "(table continued below)" says the next row continues this one; "(continued)" at the start of a row says the
# row continues the previous one. In English, French, German and Spanish.
_CONTINUATION = re.compile(
    r"\(\s*(?:(?:table|tableau|tabelle|tabla)\s+)?(?:continued\s+(?:below|on\s+(?:the\s+)?next\s+page|overleaf)"
    r"|suite\s+(?:ci-dessous|page\s+suivante|à\s+la\s+page\s+suivante)|à\s+suivre"
    r"|fortsetzung\s+(?:unten|auf\s+der\s+nächsten\s+seite|nächste\s+seite)|wird\s+fortgesetzt"
    r"|contin[uú]a\s+(?:abajo|en\s+la\s+p[aá]gina\s+siguiente))\s*\)",
    re.I,
)
_CONTINUES_PREVIOUS = re.compile(
    r"^\s*\(\s*(?:continued|cont(?:'d|inued)?\.?|ctd\.?|suite|fortsetzung|forts\.|fortgesetzt|continuaci[oó]n"
    r"|cont\.)\s*\)\s*",
    re.I,
)


def collapse(text: str) -> str:
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def find_urls(text: str) -> list[str]:
    return [u.rstrip(".,;:") for u in _URL.findall(text)]


def has_continuation_marker(text: str) -> bool:
    return bool(_CONTINUATION.search(text))


def strip_continuation(text: str) -> str:
    return collapse(_CONTINUES_PREVIOUS.sub("", _CONTINUATION.sub("", text)))


def continues_previous(text: str) -> bool:
    """A cell that starts "(continued)": its row is the rest of the row before."""
    return bool(_CONTINUES_PREVIOUS.match(text))


def strip_html(text: str) -> str:
    """Tags out, entities decoded; block tags become spaces so words of two paragraphs do not merge."""
    text = _SUP_REF.sub("", text)

    def tag(m: re.Match[str]) -> str:
        return " " if m.group(1).lower() in _BLOCK_TAGS else ""

    return html.unescape(_TAG.sub(tag, text))


def strip_markdown(text: str) -> str:
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_LINK.sub(lambda m: m.group(1) if m.group(1).strip() else m.group(2), text)
    text = _MD_CODE.sub(r"\1", text)
    if text.count("**") + text.count("__") > 64:
        # Many unclosed openers make the pairing below quadratic: a line like that is not prose; drop the marks.
        text = text.replace("**", "").replace("__", "")
    for _ in range(2):  # nested **bold *italic*** needs two passes
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EM_STAR.sub(r"\1", text)
        text = _MD_EM_UNDER.sub(r"\1", text)
    return text


def drop_footnote_refs(text: str) -> str:
    text = _SUP_REF.sub("", text)
    text = _MD_FOOTREF.sub("", text)
    return _UNICODE_REF.sub("", text)


def clean_inline(text: str, *, markdown: bool = True, html_tags: bool = True) -> str:
    """The words of a line as a person reads them: no tags, no emphasis marks, no footnote references,
    no continuation markers, white space collapsed. Link syntax keeps its text."""
    if not text:
        return ""  # (the empty cells of a wide grid: most of them)
    if html_tags and "<" in text:
        text = strip_html(text)
    if markdown:
        text = strip_markdown(text)
    # Continuation markers stay: the layout needs them to join a row to its continuation, then drops them.
    return collapse(drop_footnote_refs(text))


def links_of(raw: str) -> list[str]:
    urls = [m.group(2) for m in _MD_LINK.finditer(raw)]
    urls += re.findall(r"href=[\"']([^\"']+)[\"']", raw)
    urls += find_urls(raw)
    seen: dict[str, None] = {}
    for u in urls:
        if u.startswith(("http://", "https://", "mailto:")):
            seen.setdefault(u.rstrip(".,;:"), None)
    return list(seen)


# --- numbered headings -----------------------------------------------------------------------------------

# Words that label a numbered section, in English, French, German and Spanish ("Priority 2:", "Priorité 1 :",
# "Schwerpunkt 3:", "Prioridad 1:").
SECTION_LABEL_WORDS = (
    r"(?:priority|priorities|objective|goal|aim|track|thematic\s+track|theme|area|pillar|work\s*stream|"
    r"work\s*package|section|topic|chapter|part|strand|axis|action\s+area|focus(?:\s+area)?|"
    r"priorit[ée]|objectif|axe|volet|th[èe]me|chantier|domaine|orientation|"
    r"priorit[äa]t|schwerpunkt|ziel|handlungsfeld|arbeitspaket|themenfeld|bereich|s[äa]ule|"
    r"prioridad|objetivo|eje|l[íi]nea(?:\s+de\s+acci[óo]n)?|[áa]rea|tema|pilar|[áa]mbito)"
)
_LABELLED = re.compile(rf"^{SECTION_LABEL_WORDS}\b[^:]{{0,20}}:", re.I)
_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)[.)]?$")


def looks_like_heading_text(text: str) -> bool:
    """Short, not a sentence: the text a numbered heading carries."""
    return 0 < len(text) <= 160 and not text.rstrip().endswith((".", ";", ",")) and "\t" not in text


def promote_numbered_headings(blocks: list[Block]) -> list[Block]:
    """A numbered list item standing alone ("1. Priority: ...", then prose) is a heading, not a list.

    Word, Markdown and plain text all write numbered headings as "1." lines; what tells them from a numbered
    list is that they carry a label ("Priority:") or stand alone between paragraphs.
    """
    out: list[Block] = []
    for i, block in enumerate(blocks):
        if isinstance(block, ListItem) and _NUMBER.match(block.marker) and block.level == 0:
            number = _NUMBER.match(block.marker).group(1)  # type: ignore[union-attr]
            prev = _neighbour(blocks, i, -1)
            nxt = _neighbour(blocks, i, 1)
            alone = not (isinstance(prev, ListItem) and prev.level == 0 and _NUMBER.match(prev.marker)) and not (
                isinstance(nxt, ListItem) and nxt.level == 0 and _NUMBER.match(nxt.marker)
            )
            opens_sub = isinstance(nxt, Heading) and (nxt.number or "").startswith(f"{number}.")  # "1." then "1.1"
            if _LABELLED.match(block.text) or (
                alone
                and looks_like_heading_text(block.text)
                and (isinstance(nxt, (Paragraph, Table, TableRow)) or opens_sub)
            ):
                out.append(Heading(2, block.text, number, location=block.location, links=block.links))
                continue
        out.append(block)
    return out


def _neighbour(blocks: list[Block], i: int, step: int) -> Block | None:
    j = i + step
    while 0 <= j < len(blocks):
        if not isinstance(blocks[j], Blank):
            return blocks[j]
        j += step
    return None


# --- blocks as JSON (the reading worker sends them to the importing process) ------------------------------

_KINDS: dict[str, type[Block]] = {}


def _kinds() -> dict[str, type[Block]]:
    if not _KINDS:
        for cls in (Heading, Paragraph, ListItem, TableRow, Table, Footnote, Blank):
            _KINDS[cls.__name__] = cls
    return _KINDS


def _location_json(loc: Location) -> dict[str, int]:
    return loc.to_json()


def block_to_json(block: Block) -> dict[str, object]:
    """A block as plain JSON values; `block_from_json` gives it back equal."""
    out: dict[str, object] = {"kind": type(block).__name__}
    for f in fields(block):
        value = getattr(block, f.name)
        if isinstance(value, Location):
            out[f.name] = _location_json(value)
        elif f.name == "row_locations":
            out[f.name] = [_location_json(v) for v in value]
        elif isinstance(value, set):
            out[f.name] = sorted(value)
        else:
            out[f.name] = value
    return out


def block_from_json(data: dict[str, Any]) -> Block:
    cls = _kinds()[str(data["kind"])]
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            continue
        value = data[f.name]
        if f.name == "location":
            value = Location(**value)
        elif f.name == "row_locations":
            value = [Location(**v) for v in value]
        elif f.name == "full_width_rows":
            value = set(value)
        kwargs[f.name] = value
    return cls(**kwargs)
