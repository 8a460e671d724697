"""Markdown (CommonMark + pipe tables) through markdown-it-py's token stream."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from accord.text.draft import Location
from accord.text.readers.blocks import (
    Blank,
    Block,
    Heading,
    ListItem,
    Paragraph,
    Table,
    clean_inline,
    links_of,
    promote_numbered_headings,
)
from accord.text.readers.text import _FOOTNOTE_DEF, classify_lines, decode_text, heading_number


def _style(inline: Token) -> str | None:
    kids = [k for k in inline.children or [] if not (k.type == "text" and not k.content.strip())]
    if len(kids) >= 3 and kids[0].type == "em_open" and kids[-1].type == "em_close":
        return "emphasis"
    if len(kids) >= 3 and kids[0].type == "strong_open" and kids[-1].type == "strong_close":
        return "strong"
    return None


MAX_BRACKETS = 64  # "[" or "(" on one line, or ">" quoting depth, beyond any a writer types


def markdown_is_safe(text: str) -> bool:
    """False for text that would make the Markdown parser quadratic: many brackets on a line, deep quotes,
    very long lines."""
    for line in text.split("\n"):
        if (
            len(line) > 20_000
            or line.count("[") > MAX_BRACKETS
            or line.count("](") > MAX_BRACKETS
            or len(line) - len(line.lstrip("> ")) > MAX_BRACKETS
        ):
            return False
    return True


def read_markdown(data: bytes | str) -> list[Block]:
    text = decode_text(data) if isinstance(data, bytes) else data
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not markdown_is_safe(text):
        # The Markdown parser is quadratic on runs of brackets; the text reader reads the same headings,
        # bullets and pipe tables line by line, in linear time.
        return classify_lines((ln, Location(line=n)) for n, ln in enumerate(text.split("\n"), start=1))
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    tokens = md.parse(text)
    blocks: list[Block] = []
    last_line = 0  # 0-based line after the previous block, to turn gaps back into Blank blocks
    lists: list[dict[str, object]] = []  # open lists: ordered?, next number
    item_marker: list[str] = []
    item_open_text: list[bool] = []
    table_no = 0
    i = 0

    def gap(tok: Token) -> None:
        nonlocal last_line
        if tok.map is None:
            return
        start = tok.map[0]
        if start > last_line and blocks:
            blocks.append(Blank(location=Location(line=last_line + 1), count=start - last_line))
        last_line = max(last_line, tok.map[1])

    while i < len(tokens):
        tok = tokens[i]
        if tok.type == "heading_open":
            gap(tok)
            inline = tokens[i + 1]
            raw = inline.content
            body = clean_inline(raw)
            number, body = heading_number(body)
            blocks.append(
                Heading(
                    int(tok.tag[1]), body, number, location=Location(line=(tok.map or [0])[0] + 1), links=links_of(raw)
                )
            )
            i += 3
            continue
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if tok.type == "ordered_list_open" else 0
            lists.append({"ordered": tok.type == "ordered_list_open", "n": start})
            i += 1
            continue
        if tok.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            i += 1
            continue
        if tok.type == "list_item_open":
            info = lists[-1]
            if info["ordered"]:
                n = int(info["n"])  # type: ignore[call-overload]
                item_marker.append(f"{tok.info or n}{tok.markup or '.'}")
                info["n"] = n + 1
            else:
                item_marker.append(tok.markup or "-")
            item_open_text.append(False)
            i += 1
            continue
        if tok.type == "list_item_close":
            item_marker.pop()
            item_open_text.pop()
            i += 1
            continue
        if tok.type == "paragraph_open":
            inline = tokens[i + 1]
            raw = inline.content
            line = (tok.map or [0])[0] + 1
            if item_marker:
                if not item_open_text[-1]:
                    gap(tok)
                    blocks.append(
                        ListItem(
                            len(lists) - 1,
                            clean_inline(raw),
                            item_marker[-1],
                            location=Location(line=line),
                            links=links_of(raw),
                        )
                    )
                    item_open_text[-1] = True
                else:  # a second paragraph inside one item continues its text
                    last_line = max(last_line, (tok.map or [0, 0])[1])
                    prev = next(b for b in reversed(blocks) if isinstance(b, ListItem))
                    prev.text = f"{prev.text} {clean_inline(raw)}".strip()
            else:
                gap(tok)
                style = _style(inline)
                lines = raw.split("\n")
                if (style is None and len(lines) > 1) or "\t" in raw or _FOOTNOTE_DEF.match(raw):
                    # Soft line breaks in Markdown are often the writer's lines (a title, then the period);
                    # read them as the text reader would, so both formats give the same blocks.
                    blocks.extend(classify_lines((ln, Location(line=line + k)) for k, ln in enumerate(lines)))
                else:
                    blocks.append(
                        Paragraph(clean_inline(raw), style, location=Location(line=line), links=links_of(raw))
                    )
            i += 3
            continue
        if tok.type == "table_open":
            gap(tok)
            table_no += 1
            header: list[str] | None = None
            rows: list[list[str]] = []
            locs: list[Location] = []
            links: list[str] = []
            cur: list[str] = []
            in_head = False
            j = i + 1
            while j < len(tokens) and tokens[j].type != "table_close":
                t = tokens[j]
                if t.type == "thead_open":
                    in_head = True
                elif t.type == "thead_close":
                    in_head = False
                elif t.type == "tr_open":
                    cur = []
                elif t.type == "inline":
                    cur.append(clean_inline(t.content))
                    links += links_of(t.content)
                elif t.type == "tr_close":
                    if in_head:
                        header = cur
                    else:
                        rows.append(cur)
                        locs.append(
                            Location(line=(t.map or [0])[0] + 1 if t.map else None, table=table_no, row=len(rows))
                        )
                j += 1
            blocks.append(
                Table(rows, header, locs, location=Location(line=(tok.map or [0])[0] + 1, table=table_no), links=links)
            )
            i = j + 1
            continue
        if tok.type == "html_block":
            gap(tok)
            line = (tok.map or [0])[0] + 1
            blocks.extend(
                classify_lines(
                    (ln, Location(line=line + k)) for k, ln in enumerate(tok.content.rstrip("\n").split("\n"))
                )
            )
            i += 1
            continue
        if tok.type in ("fence", "code_block"):
            gap(tok)
            line = (tok.map or [0])[0] + 1
            blocks.extend(
                classify_lines(
                    (ln, Location(line=line + k)) for k, ln in enumerate(tok.content.rstrip("\n").split("\n"))
                )
            )
            i += 1
            continue
        i += 1
    return promote_numbered_headings([b for b in blocks if not (isinstance(b, Paragraph) and not b.text)])
