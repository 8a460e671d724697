"""HTML pages and fragments through selectolax's lexbor parser; scripts, styles and page chrome are dropped."""

from __future__ import annotations

import html
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

from accord.text.draft import Location
from accord.text.readers.blocks import (
    Blank,
    Block,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    Table,
    clean_inline,
    collapse,
    drop_footnote_refs,
    promote_numbered_headings,
)
from accord.text.readers.text import _FOOTNOTE_DEF, classify_lines, decode_text, heading_number

_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "head",
    "nav",
    "svg",
    "iframe",
    "object",
    "form",
    "button",
    "footer",
)
# Word's "Save as web page": footnote references are <a href="#_ftn1">[1]</a>, the notes are paragraphs that
# start with a link back (<a href="#_ftnref1">[1]</a>), often in a div styled mso-element:footnote.
_NOTE_REF = re.compile(r"^\[?\s*(\d{1,3}|[ivx]{1,4}|[*†‡])\s*\]?$", re.I)
_BLOCK_CONTAINERS = {
    "div",
    "section",
    "article",
    "main",
    "body",
    "html",
    "header",
    "footer",
    "aside",
    "blockquote",
    "figure",
    "center",
    "dl",
    "dd",
    "dt",
    "details",
    "summary",
    "span",
    "font",
}
_INLINE = {
    "a",
    "b",
    "strong",
    "i",
    "em",
    "u",
    "span",
    "sup",
    "sub",
    "small",
    "mark",
    "code",
    "abbr",
    "cite",
    "q",
    "s",
    "font",
    "br",
    "img",
    "time",
    "-text",
}


def _node_text(node: LexborNode, *, lists: bool = False) -> str:
    """Text of a node with footnote references (<sup>1</sup>) dropped and <br> as a space. With `lists` (a
    table cell), the items of a list inside count too, joined by "; "."""
    parts: list[str] = []
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag == "br":
            parts.append(" ")
        elif tag == "sup":
            inner = collapse(child.text(deep=True))
            if not (inner.isdigit() or inner in {"*", "†", "‡"}):
                parts.append(inner)
        elif tag in ("ul", "ol") and lists:
            texts = [_node_text(li, lists=True) for li in child.iter() if li.tag == "li"]
            parts.append(" " + "; ".join(t for t in texts if t) + " ")
        elif tag in ("ul", "ol", "table") or (tag == "a" and _is_note_anchor(child)):
            continue
        else:
            parts.append(" " if tag in ("p", "div", "li") else "")
            inner = _node_text(child, lists=lists)
            raw = child.text(deep=True) or ""
            # White space at the edges of an inline element separates words ("1.<span>&nbsp;&nbsp;</span>Priority",
            # Word's list bullets "·<span>&nbsp;&nbsp;</span>Text"); inside a word it does not exist.
            lead = " " if raw[:1].isspace() else ""
            trail = " " if raw[-1:].isspace() else ""
            parts.append(f"{lead}{inner}{trail}" if inner else (" " if raw and raw.isspace() else ""))
    return collapse(drop_footnote_refs("".join(parts)))


def _is_note_anchor(node: LexborNode) -> bool:
    """<a href="#_ftn1">[1]</a>, <a href="#fn2"><sup>2</sup></a>: a link to a note, not words of the text."""
    href = node.attributes.get("href") or ""
    return href.startswith("#") and bool(_NOTE_REF.match(collapse(node.text(deep=True))))


def _note_definition(node: LexborNode) -> tuple[str, str] | None:
    """A paragraph that starts with a note's number linking back to its reference: (marker, text)."""
    first = next(
        (c for c in node.iter(include_text=True) if not (c.tag == "-text" and not (c.text_content or "").strip())), None
    )
    if first is None:
        return None
    note_start = (first.tag == "a" and _is_note_anchor(first)) or (
        first.tag == "sup" and _NOTE_REF.match(collapse(first.text(deep=True))) is not None
    )
    if not note_start:
        return None
    marker = collapse(first.text(deep=True)).strip("[] ")
    text = _node_text(node)
    return (marker, text) if text else None


def _links(node: LexborNode) -> list[str]:
    out: list[str] = []
    for a in node.css("a"):
        href = a.attributes.get("href") or ""
        if href.startswith(("http://", "https://", "mailto:")) and href not in out:
            out.append(href)
    return out


def _style(node: LexborNode) -> str | None:
    kids = [c for c in node.iter(include_text=True) if not (c.tag == "-text" and not (c.text_content or "").strip())]
    if len(kids) == 1 and kids[0].tag in ("i", "em"):
        return "emphasis"
    if len(kids) == 1 and kids[0].tag in ("b", "strong"):
        return "strong"
    return None


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.tables = 0
        self.n = 0  # running block number: HTML has no lines, so this stands in as a position

    def loc(self) -> Location:
        self.n += 1
        return Location(line=self.n)

    def walk(self, node: LexborNode) -> None:
        inline_run: list[str] = []

        def flush() -> None:
            text = collapse(" ".join(inline_run))
            inline_run.clear()
            if text:
                self.blocks.extend(classify_lines([(text, self.loc())]))

        for child in node.iter(include_text=True):
            tag = child.tag
            if tag in _INLINE and tag != "span":
                if tag == "-text":
                    inline_run.append(child.text_content or "")
                elif tag == "br":
                    flush()
                else:
                    inline_run.append(_node_text(child))
                continue
            flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                text = _node_text(child)
                number, text = heading_number(text)
                if text:
                    self.blocks.append(Heading(int(tag[1]), text, number, location=self.loc(), links=_links(child)))
            elif tag == "p":
                text = _node_text(child)
                if not text:
                    self.blocks.append(Blank(location=self.loc()))
                    continue
                note = _note_definition(child)
                if note is not None:
                    self.blocks.append(Footnote(note[0], note[1], location=self.loc()))
                    continue
                if _FOOTNOTE_DEF.match(child.html or "") or _FOOTNOTE_DEF.match(text):
                    self.blocks.extend(classify_lines([(child.html or text, self.loc())]))
                    continue
                raw_lines = [collapse(t) for t in (child.text(deep=True, separator="\n") or "").split("\n")]
                if "\t" in (child.text(deep=True) or ""):
                    self.blocks.extend(classify_lines([(ln, self.loc()) for ln in raw_lines]))
                    continue
                block = classify_lines([(text, self.loc())])
                if len(block) == 1 and isinstance(block[0], Paragraph):
                    block[0].style = _style(child)
                    block[0].links = _links(child)
                self.blocks.extend(block)
            elif tag in ("ul", "ol"):
                self.list(child, 0, tag == "ol")
            elif tag == "table":
                self.table(child)
            elif tag == "hr":
                self.blocks.append(Blank(location=self.loc(), count=2))
            elif tag in _DROP:
                continue
            elif tag == "pre":
                for ln in (child.text(deep=True) or "").split("\n"):
                    self.blocks.extend(classify_lines([(ln, self.loc())]))
            else:
                self.walk(child)
        flush()

    def list(self, node: LexborNode, level: int, ordered: bool) -> None:
        n = int(node.attributes.get("start") or 1) if ordered else 0
        for li in node.iter():
            if li.tag != "li":
                continue
            marker = f"{n}." if ordered else "-"
            n += 1
            text = _node_text(li)
            if text:
                self.blocks.append(ListItem(level, text, marker, location=self.loc(), links=_links(li)))
            for sub in li.iter():
                if sub.tag in ("ul", "ol"):
                    self.list(sub, level + 1, sub.tag == "ol")

    def table(self, node: LexborNode) -> None:
        self.tables += 1
        header: list[str] | None = None
        rows: list[list[str]] = []
        locs: list[Location] = []
        full_width: set[int] = set()
        width = 0
        for tr in node.css("tr"):
            # Rows of a table nested in a cell belong to that cell's text, not to this table.
            parent = tr.parent
            while parent is not None and parent.tag != "table":
                parent = parent.parent
            if parent is None or parent.mem_id != node.mem_id:
                continue
            cells = [c for c in tr.iter() if c.tag in ("td", "th")]
            texts: list[str] = []
            for c in cells:
                text = clean_inline(_node_text(c, lists=True), markdown=False)
                span = int(c.attributes.get("colspan") or 1) if (c.attributes.get("colspan") or "1").isdigit() else 1
                # A merged cell counts once in the text, and blanks keep later columns in their place.
                texts.append(text)
                texts.extend([""] * (min(span, 20) - 1))
            if header is None and not rows and cells and all(c.tag == "th" for c in cells):
                header = texts
                width = len(texts)
                continue
            width = max(width, len(texts))
            if len(cells) == 1 and len(texts) > 1 and len(texts) >= width:
                full_width.add(len(rows))  # one cell spanning the whole row
            rows.append(texts)
            locs.append(Location(line=self.n + 1, table=self.tables, row=len(rows)))
        self.blocks.append(
            Table(
                rows,
                header,
                locs,
                location=self.loc() and Location(line=self.n, table=self.tables),
                links=_links(node),
                full_width_rows=full_width,
            )
        )


MAX_DEPTH = 200  # elements inside elements; deeper than this, the page is read as text (its tags dropped)
_ANY_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*?(/?)>")
_VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "p",
    "li",
    "dt",
    "dd",
    "option",
    "tr",
    "td",
    "th",
}  # void, or closed implicitly by the next one
_BREAKS = {
    "p",
    "br",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "hr",
}


def nesting_depth(text: str) -> int:
    """How deep elements nest, by one linear pass over the tags (the parser itself is slow on deep trees)."""
    depth = deepest = 0
    for m in _ANY_TAG.finditer(text):
        tag = m.group(2).lower()
        if tag in _VOID or m.group(3):
            continue
        if m.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _as_text(text: str) -> list[Block]:
    from accord.text.readers.text import read_text

    def tag(m: re.Match[str]) -> str:
        return "\n" if m.group(2).lower() in _BREAKS else ""

    body = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", "", text)
    return read_text(html.unescape(_ANY_TAG.sub(tag, body)))


def read_html(data: bytes | str, name: str = "document") -> list[Block]:
    text = decode_text(data) if isinstance(data, bytes) else data
    if nesting_depth(text) > MAX_DEPTH:
        return _as_text(text)
    tree = LexborHTMLParser(text)
    for sel in _DROP:
        for node in tree.css(sel):
            node.decompose()
    root = tree.body or tree.root
    walker = _Walker()
    if root is not None:
        walker.walk(root)
    return promote_numbered_headings(walker.blocks)
