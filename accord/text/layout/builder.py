"""Blocks -> sections and items, then times and owners -> Draft."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from accord.text import when
from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location, PlanKind, Problem
from accord.text.layout.columns import (
    _Columns,
    _header_role,
    _header_word,
    _table_header,
    gantt_header,
    roles_from_contents,
    settle_what,
)
from accord.text.layout.fields import (
    _doubtful,
    _introduces_narrative,
    _strip_quotes,
)
from accord.text.layout.grids import Grid, continued_grid, grid_header, grid_time, is_mark
from accord.text.layout.head import (
    _calendar_words,
    _Head,
    _head_field,
    _is_period_text,
    _spans,
    _title_parts,
    _year_context,
)
from accord.text.layout.lexicon import (
    _ACTIONS_CARRIED_BY,
    _ACTIONS_CARRIED_BY_DE,
    _ACTIONS_HEADING,
    _AGENDA_LABEL,
    _AMOUNT_ONLY,
    _ARROW,
    _ATTENDANCE_LABEL,
    _CHAIR_LINE,
    _CHART_TITLE,
    _CLOCK_ONLY,
    _CONTENTS_ENTRY,
    _CONTENTS_HEADING,
    _DASH_CELL,
    _DASH_SEP,
    _DEADLINE_HEADERS,
    _DRAFT,
    _EVENT_TITLE,
    _FIELD,
    _FIELDS_IN_PARENS,
    _FOLLOW_UP_LABEL,
    _GOALS_LEAD,
    _INLINE_TAG,
    _ITEM_LABEL,
    _LEAD_AGENT_FILLER,
    _LEAD_AGENT_SPLIT,
    _LEADING_TIME,
    _MINUTES_TITLE,
    _OBJECTIVES_LABEL,
    _OUTPUTS_LABEL,
    _PAGE_REF,
    _PERIOD_LINE,
    _PROGRAMME_LABEL,
    _SCALE_UNIT,
    _SECTION_LABEL,
    _SESSION_RESULTS_LABEL,
    _SP_WORDS,
    _STATEMENT_START,
    _STATEMENT_VERB,
    _STATUS_LINE,
    _THEME_LINE,
    _THEME_MARKERS,
    _TIME_SLOT,
    _TIMELINE_TITLE,
    _TRACKS_LABEL,
    _VERSION,
    _WP_TITLE,
    _YEAR,
    _YEAR_SPAN,
    WEEKDAYS,
)
from accord.text.layout.records import record_fields
from accord.text.layout.times import (
    _find_when,
    _parse_sequence,
    _parse_when,
)
from accord.text.layout.tree import (
    _expand,
    _Item,
    _Section,
    _Stream,
    _text,
)
from accord.text.readers.blocks import (
    Blank,
    Block,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    TableRow,
    collapse,
    continues_previous,
    find_urls,
    has_continuation_marker,
    looks_like_heading_text,
    strip_continuation,
)
from accord.text.readers.text import heading_number
from accord.text.status import read_status
from accord.text.timeframe import Context, Precision, Timeframe
from accord.text.who import action_tag, agent_in_text, parse_who, speaker_in_session, who_from_text

# A line that goes on from the one above: it starts in lower case (PDF and plain-text line wrapping).
_WRAPPED_LINE = re.compile(r"^[a-zà-ÿ(]")
_BULLET_GLYPH = re.compile(r"^\s*[•·▪◦‣●○■□➢►✓-]\s+")
# "Co-founders to coordinate all aspects …", "One partner will lead …": the doer before the clause.
_OWNER_CLAUSE = re.compile(r"^(?P<who>.{2,60}?)\s+(?:to|will|shall|is\s+to|are\s+to)\s+[a-z]")


def _owner_phrase(value: str) -> str:
    """The doer of an owner field written as a sentence; the field itself when it is a plain name."""
    m = _OWNER_CLAUSE.match(value)
    return m.group("who").strip() if m else value


_ALL_DAY = re.compile(
    r"^\s*(?:all[\s-]day|whole\s+day|full\s+day|toute\s+la\s+journée|ganztägig|ganzer\s+tag"
    r"|todo\s+el\s+día)\s*$",
    re.I,
)
# "Venue: The Royal Academy", "Chair: …": a labelled line (a colon and a space; "12:30" is not one).
_LABELLED = re.compile(r"^\s*[^\W\d][^:;()]{1,29}?\s*:\s+\S")
# A bullet that only names people or bodies: capitalised words (a role in brackets), joined by commas.
_NAME = (
    r"(?:[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|de|da|van|von|der|del|di|du|le|la)){0,4})"
    r"(?:\s*\([^()]{1,40}\))?"
)
_NAMES_ONLY = re.compile(rf"^{_NAME}(?:\s*,\s*{_NAME})*$")
_AGENT_KINDS = (ItemKind.ACTION, ItemKind.SESSION, ItemKind.OUTPUT)
_NAMED_TASK = re.compile(r"^(?P<who>[A-ZÀ-Þ][\w'’.-]*(?:\s+[A-ZÀ-Þ][\w'’.-]*){0,3})\s*:\s+(?P<rest>\S.*)$")
_OWNER_TAGS = {"OWNER", "OWNERS", "WHO", "LEAD", "RESPONSIBLE", "RESPONSABLE", "RESPONSABLES", "ZUSTÄNDIG"}
_OWNER_TAGS |= {"VERANTWORTLICH"}


# A time in brackets or between dashes inside an action's text: "Data capture (3rd - 9th of May): …",
# "Survey – March 2027 – all members".
_INLINE_TIME = re.compile(r"\s*\((?P<paren>[^()]{3,60})\)|\s+[–—-]\s+(?P<dash>[^–—]{3,40}?)\s+[–—-](?=\s)")


def _inline_time(text: str, ctx: Context | int | None) -> tuple[str, str, str | None] | None:
    """(the text without the time, the time's words, a description after a label) for the first bracketed or
    dashed time of a text."""
    for m in _INLINE_TIME.finditer(text):
        inner = m.group("paren") or m.group("dash")
        found = _find_when(inner, ctx)
        if found is None or (found.start is None and found.end is None):
            continue
        hit = when.find_when(inner, ctx)
        phrase = hit.phrase if hit is not None else inner
        if len(phrase) * 2 < len(inner.strip()):
            continue  # a bracket that only mentions a time among other words ("see the 2019 report")
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        if m.group("paren") and before and after.startswith(":") and len(after) > 1:
            # "Data capture (3rd - 9th of May): what it involves": the label is the action, the rest its detail.
            return collapse(before), inner.strip(), collapse(after[1:])
        rest = f"{before}{' ' if m.group('dash') else ''}{after}".strip()
        return collapse(rest), inner.strip(), None
    return None


def _narrative_parts(sec: _Section) -> list[str | list[str]]:
    """The narrative piece by piece when part of it was a bulleted list (paragraphs between lists joined as the
    flat narrative joins them); empty when it is prose only."""
    if not sec.narrative_lists:
        return []
    parts: list[str | list[str]] = []
    prose: list[str] = []

    def flush() -> None:
        if text := collapse(" ".join(prose)):
            parts.append(text)
        prose.clear()

    for i, piece in enumerate(sec.narrative):
        if i not in sec.narrative_lists:
            prose.append(piece)
            continue
        intro, bullets = sec.narrative_lists[i]
        if intro:
            prose.append(intro)
        flush()
        if kept := [collapse(b) for b in bullets if collapse(b)]:
            parts.append(kept)
    flush()
    return parts


def _time_only(text: str) -> bool:
    """A line that is a time and nothing else, whatever year the document gives it ("mars 2028", "Jun-27")."""
    hit = when.find_when(text, Context.year(2000, stated=False))
    return hit is not None and len(hit.phrase) >= len(text.strip(" .;:-–")) - 2


class _Builder:
    def __init__(self, blocks: Sequence[Block], source: str, context: Context | None) -> None:
        self.source = source
        self.context_arg = context
        self.footnotes: list[str] = []
        self.links: list[str] = []
        self.problems: list[Problem] = []
        kept: list[Block] = []
        contents: list[str] = []  # the entries of a table of contents, skipped
        in_contents = False
        for b in _expand(blocks):
            for url in b.links:
                self._link(url)
            if isinstance(b, Footnote):
                self.footnotes.append(b.text)
                continue
            if isinstance(b, (Heading, Paragraph, ListItem)):
                if _CONTENTS_HEADING.match(b.text.strip()):
                    in_contents = True
                    contents.append(b.text.strip())
                    continue
                entry = bool(_CONTENTS_ENTRY.search(b.text)) or (
                    in_contents and (bool(_PAGE_REF.match(b.text.strip())) or b.text.strip().isdigit())
                )
                if entry:
                    contents.append(b.text.strip())  # "Budget . . . . 12": a line of the contents, not content
                    continue
                in_contents = False
            elif in_contents and not isinstance(b, Blank):
                in_contents = False
            if (
                isinstance(b, ListItem)
                and b.level == 0
                and re.fullmatch(r"\d{1,2}\.", b.marker)
                and _calendar_words(b.text.split(" ", 1)[0])
            ):
                # "15. Oktober: …" is a day and its month (German and Nordic dates), not item 15 of a list.
                b = Paragraph(f"{b.marker} {b.text}", location=b.location, links=b.links)
            if (
                isinstance(b, Paragraph)
                and kept
                and isinstance(kept[-1], ListItem)
                and b.style is None
                and _WRAPPED_LINE.match(b.text)
                and not (kept[-1].text.rstrip().endswith((".", "!", "?")) and _time_only(b.text))
            ):
                # A hard-wrapped bullet (plain text, PDF lines): the line goes on from the bullet above.
                kept[-1] = ListItem(
                    kept[-1].level,
                    f"{kept[-1].text} {b.text}",
                    kept[-1].marker,
                    location=kept[-1].location,
                    links=[*kept[-1].links, *b.links],
                )
                continue
            kept.append(b)
        self.blocks = kept
        self._index: dict[int, int] | None = None  # position of each block, built when first needed
        if contents:
            self.problems.append(
                Problem(
                    f"table of contents, not read as content ({len(contents)} lines): "
                    + " / ".join(collapse(c) for c in contents[:12])
                    + (" …" if len(contents) > 12 else ""),
                    Location(),
                    "text",
                )
            )
        self.sections: list[_Section] = []
        # The context "→ when" segments are read in while the structure is found (a section's own year first).
        self.head_ctx: Context | int | None = context
        self.dayfirst: bool | None = None
        self.week1: date | None = None
        self.meeting_day: date | None = None  # the day of the meeting a record of minutes is of
        self.record_lines: list[str] = []  # "Label: value" facts of the document read from record tables
        self.known: list[str] = []
        self.lead_owner: tuple[str, list[str]] | None = None  # the doers a lead sentence names for the actions

    def decide_document(self) -> None:
        """Document-level passes before items are resolved: the order of numeric dates (from the document's
        unambiguous dates and weekdays) and the document's own week 1 (from its dated numbered weeks)."""
        texts = [_text(b) for b in self.blocks]
        self.dayfirst = when.decide_dayfirst(texts)
        self.week1 = when.decide_week1(texts, self.head_ctx)

    def decide_meeting_day(self, head: _Head) -> None:
        """The day of the meeting a record of minutes is of ("Minutes of the board meeting, 4 March 2030"):
        the one day its title names, or its first heading when the title does not name the meeting (a cover
        note above it), or its head. Relative times of its text ("in the next 6 months", "next week") count
        from it."""

        def day_of(text: str) -> date | None:
            hit = when.find_when(text, self.head_ctx) if _MINUTES_TITLE.search(text) else None
            tf = hit.timeframe if hit is not None else None
            return tf.start if tf is not None and tf.precision == Precision.DAY else None

        title = _text(head.title_block) if head.title_block is not None else ""
        first = next((b for b in self.blocks if isinstance(b, Heading) and b is not head.title_block), None)
        if (day := day_of(title)) is not None or (
            not _MINUTES_TITLE.search(title) and first is not None and (day := day_of(first.text)) is not None
        ):
            self.meeting_day = day
        elif (
            _MINUTES_TITLE.search(f"{head.title or ''} {head.subtitle or ''}")
            and head.day is not None
            and len(head.days) <= 1
            and head.day[1].precision == Precision.DAY
        ):
            self.meeting_day = head.day[1].start

    def doc(self, ctx: Context | int | None) -> Context | int | None:
        """A context that carries what the document as a whole says of its times."""
        if self.dayfirst is None and self.week1 is None and self.meeting_day is None:
            return ctx
        if isinstance(ctx, int):
            ctx = Context.year(ctx, stated=False)
        if ctx is None:
            return None
        return dataclasses.replace(
            ctx, dayfirst=self.dayfirst, week1=self.week1, event_day=ctx.event_day or self.meeting_day
        )

    def _link(self, url: str) -> None:
        if url not in self.links:
            self.links.append(url)

    # head ----------------------------------------------------------------------------------------------
    def read_head(self, s: _Stream) -> _Head:
        head = _Head()
        first = s.peek()
        year_hint = self._year_hint()
        styled = next((k for k in (1, 2) if isinstance(b := s.peek(offset=k), Paragraph) and b.style == "title"), None)
        if isinstance(first, Paragraph) and first.style != "title" and styled is not None:
            # A line or two above the Title-styled paragraph (the network's name, "Confidential"): the
            # document's title is the styled one; the lines above it stay with the header.
            for _ in range(styled):
                above = s.next()
                head.preamble.append(_text(above) if above is not None else "")
            first = s.peek()
        if isinstance(first, (Heading, Paragraph)) and len(first.text) <= 200:
            s.next()
            head.title_block = first
            head.title_level = first.level if isinstance(first, Heading) else None
            title, tf = _title_parts(first.text, self.context_arg or year_hint)
            if tf is None and (years := _YEAR_SPAN.search(first.text)):
                # "Action Plan 2026-2027": the years stay in the title and give the period.
                span = _parse_when(years.group(0), self.context_arg or year_hint)
                tf = span if span.start and span.end and not span.note.strip() else None
            if isinstance(first, Heading) and first.number:
                title = f"{first.number}. {title}"
            head.title, head.title_period = title, tf
            if tf is None and (day := self._day_in(first.text)) is not None and day[1].precision == Precision.DAY:
                head.day = day  # "Ocean data workshop, 4 March 2031": the day of the event or meeting
        # A second line that names the kind of plan ("Programme of Work, second half of 2026") under a title
        # that does not is a subtitle: it tells the kind, and its span of months is the period.
        sub = s.peek(skip_blank=True)
        if (
            head.title
            and isinstance(sub, Paragraph)
            and len(sub.text) <= 120
            and sub.style != "emphasis"
            and (_WP_TITLE.search(sub.text) or _SP_WORDS.search(sub.text))
            and not (_WP_TITLE.search(head.title) or _SP_WORDS.search(head.title))
            and not (_THEME_LINE.match(sub.text) or _CHAIR_LINE.match(sub.text))
        ):
            s.next()
            _words, tf = _title_parts(sub.text, self.context_arg or year_hint)
            head.subtitle = sub.text
            if tf is not None and head.title_period is None:
                head.title_period = tf
        for words in (head.title, head.subtitle or ""):
            vm = _VERSION.search(words)
            if vm and head.version is None:
                head.version = vm.group(0).strip()
            if _DRAFT.search(words):
                head.status = "draft"
        # The head runs until the first block that starts content: a heading, a table, a list.
        while True:
            b = s.peek(skip_blank=True)
            if not isinstance(b, Paragraph):
                break
            text = b.text
            if _OBJECTIVES_LABEL.match(text) or _OUTPUTS_LABEL.match(text) or _ITEM_LABEL.match(text):
                break
            nxt = s.peek(offset=1)
            if text.rstrip().endswith(":") and isinstance(nxt, (ListItem, TableRow)):
                break
            if self._starts_programme(text, nxt) or self._bold_heading(b, nxt):
                break
            if isinstance(nxt, TableRow) and self._day_line(text) is not None:
                break  # "June 8, Tuesday" over its table of sessions: the content starts here
            if head.day is not None and self._is_slot(b) and self._is_slot(nxt):
                break  # time slots under a title that gives the day: the programme starts here
            if self._is_slot(nxt) and self._is_day_header(text):
                break  # "Monday 3 June" over its time slots ("9.30–10.00 Opening"): the programme starts here
            at = s.i
            while at < len(s.blocks) and isinstance(s.blocks[at], Blank):
                at += 1
            if (
                _EVENT_TITLE.search(f"{head.title} {head.subtitle or ''}")
                and self._dated_segment(at)
                and any(self._dated_segment(j) for j in range(at + 2, min(len(s.blocks), at + 200)))
            ):
                break  # "9 June 2027" then a session's title, and more such days below: the programme starts here
            if action_tag(text) or (isinstance(nxt, Paragraph) and action_tag(nxt.text) and len(text) <= 80):
                break  # minutes: the items start here (or at the line that heads them)
            if (
                self._dated_line(text) is not None
                and isinstance(nxt, Paragraph)
                and self._dated_line(nxt.text) is not None
            ):
                break  # a timeline written as paragraphs starts here
            if (
                isinstance(nxt, Paragraph)
                and not _head_field(text)
                and not _head_field(nxt.text)
                and not self._period_line(nxt.text, year_hint)
                and (fields := record_fields(nxt.text))
                and (any(r == "who" for r, _v, _d in fields) or self._owner_field(s.peek(offset=2)))
            ):
                break  # this line titles a record ("WP 1 …" then "Partner responsible …"): content starts
            if m := _THEME_LINE.match(text):
                head.theme = _strip_quotes(m.group(1))
            elif m := _CHAIR_LINE.match(text):
                head.chair = _strip_quotes(m.group(1))
            elif m := _STATUS_LINE.match(text):
                head.status = "draft" if _DRAFT.search(m.group(1)) else m.group(1).strip().lower()
            elif head.period is None and (tf := self._period_line(text, year_hint)):
                head.period = tf
            elif self._session_block(b, s, at=1):
                break  # the first session of a programme
            elif (day := self._day_in(text)) is not None and (head.day is None or head.days):
                if head.day is None:
                    head.day = day  # "Vienna, 2 July 2026": the day of a one-day event (the line stays too)
                head.days.append(day)  # the day headings of a programme listed together
                head.preamble.append(text)
            elif b.style == "emphasis" and head.theme is None and len(text) <= 300:
                head.theme = _strip_quotes(text)
            elif len(text) > 200 or len(s.blocks) - s.i < 3:
                break  # prose: the document has no head beyond its title
            else:
                head.preamble.append(text)
            s.next()
        return head

    def _dated_segment(self, i: int) -> bool:
        """Whether block i is a line that is only a day, followed (after blank lines) by a paragraph that is not
        another day: a segment of a programme ("9 June 2027" / "Open Research Day")."""
        if i >= len(self.blocks) or not isinstance(b := self.blocks[i], Paragraph) or not self._is_date_line(b.text):
            return False
        j = i + 1
        while j < len(self.blocks) and isinstance(self.blocks[j], Blank):
            j += 1
        nxt = self.blocks[j] if j < len(self.blocks) else None
        return (
            isinstance(nxt, Paragraph)
            and not self._is_date_line(nxt.text)
            and not _OUTPUTS_LABEL.match(nxt.text)
            and not _LABELLED.match(nxt.text)  # "Participants: …" under a date: a meeting's record, not a segment
        )

    def _bold_heading(self, b: Block, nxt: Block | None) -> bool:
        """A short, wholly bold line that opens prose, a table or a list: a heading typed without a heading style."""
        if not (
            isinstance(b, Paragraph)
            and b.style == "strong"
            and looks_like_heading_text(b.text)
            and len(b.text.split()) <= 12
        ) or _head_field(b.text):
            return False
        if isinstance(nxt, (TableRow, ListItem)):
            return True
        if self._meeting_day(b.text) is not None and nxt is not None:
            return True  # "Meeting of 14 March 2027", "03/04/27 - Week 2": a dated block (minutes) opens
        return (
            isinstance(nxt, Paragraph)
            and nxt.style != "strong"
            and not _head_field(nxt.text)
            and nxt.text.rstrip().endswith((".", "!", "?", ":"))
        )

    def _meeting_day(self, text: str) -> Timeframe | None:
        """The day a short bold line dates a block by ("Meeting of 14 March 2027", "03/04/27 - Week 2"): one
        day, and at most a few other words."""
        if len(text) > 60 or len(text.split()) > 8 or text.rstrip().endswith(":"):
            return None
        # "03/04/27 - Week 2": the day, then a label of the block (its week number, its kind).
        for part in [text, *_DASH_SEP.split(text)]:
            found = self._day_in(part.strip()) if part.strip() else None
            if found is not None and found[1].precision == Precision.DAY and found[1].start is not None:
                return found[1]
        return None

    def _day_in(self, text: str) -> tuple[str, Timeframe] | None:
        """The one day (or few days) a short head line names, with its place or other words around it."""
        if len(text) > 80:
            return None
        found = _find_when(text, self.context_arg)
        if found is None or found.start is None or found.precision not in (Precision.DAY, Precision.DAYS):
            return None
        hit = when.find_when(text, self.context_arg)
        return (hit.phrase if hit else text), found

    def _day_line(self, text: str) -> Timeframe | None:
        """A line that is one day and at most its weekday ("May 15, Tuesday", "Mardi 15 mai 2027")."""
        if len(text) > 50 or not re.search(r"\d", text):
            return None
        tf = _parse_when(text.strip(), self.context_arg or self._year_hint())
        if tf.start is None or tf.precision not in (Precision.DAY, Precision.DAYS):
            return None
        rest = re.findall(r"[^\W\d_]+", tf.note.lower())
        return tf if all(w in WEEKDAYS for w in rest) else None

    def _period_line(self, text: str, year_hint: int | None) -> Timeframe | None:
        """ "July – December 2021" or "Period: January – June 2027" (Période, Zeitraum, Periodo)."""
        m = _PERIOD_LINE.match(text)
        return _is_period_text(m.group(1) if m else text, self.context_arg or year_hint)

    def _starts_programme(self, text: str, nxt: Block | None) -> bool:
        """A label ("Programme", "Agenda") or a day ("Day 1 – 14 May 2026") that opens an event's sessions."""
        return bool(_PROGRAMME_LABEL.match(text) or (self._is_day_header(text) and self._is_slot(nxt)))

    def _year_hint(self) -> int | None:
        for b in self.blocks[:12]:
            years = _YEAR.findall(_text(b))
            if years:
                return int(years[0])
        return None

    # work programmes and strategic priorities ----------------------------------------------------------
    def read_sections(self, s: _Stream, head: _Head) -> None:
        cur: _Section | None = None
        columns: _Columns | None = None
        last_row_item: _Item | None = None
        section_level: int | None = None
        lists_in_section = 0
        columns_table: int | None = None
        record: _Item | None = None  # the item a run of "Label: value" lines fills
        timeline_open = False  # inside a run of paragraphs that each start with a time
        record_section: _Section | None = None
        grid: Grid | None = None
        columns_width = 0
        time_tail: _Item | None = None  # the item just read, which a line holding only a time dates
        lead_when: str | None = None  # the time of a label line over the list that follows

        def new_section(**kw: object) -> _Section:
            nonlocal cur, columns, last_row_item, lists_in_section, record
            cur = _Section(**kw)  # type: ignore[arg-type]
            self.sections.append(cur)
            record = None
            columns = None
            last_row_item = None
            lists_in_section = 0
            return cur

        while not s.done():
            gap = s.gap_before_next()
            b = s.next()
            if b is None:
                break
            tail, time_tail = time_tail, None
            if (
                tail is not None
                and isinstance(b, Paragraph)
                and b.style in (None, "emphasis")
                and gap <= 1
                and self._only_time(b.text, any_year=True)
            ):
                # "2. Build the portal" then "Jun-27" and "Dec-27" on lines of their own: the item's time
                # (two such lines are its start and its end).
                text = b.text.strip(" .;:")
                if tail.when_raw is None:
                    tail.when_raw = text
                    time_tail = tail
                elif tail.when_raw.count(" – ") == 0 and not tail.deadline:
                    tail.when_raw = f"{tail.when_raw} – {text}"
                else:
                    cur_narr = self.sections[-1].narrative if self.sections else None
                    if cur_narr is not None:
                        cur_narr.append(b.text)
                continue
            if (
                isinstance(b, Paragraph)
                and isinstance(s.peek(), TableRow)
                and (day := self._day_line(b.text)) is not None
                and day.start is not None
            ):
                # "May 15, Tuesday" over a table of timed sessions: the rows below are on that day.
                new_section(
                    title=b.text.strip(),
                    location=b.location,
                    context=Context(day.start, day.end or day.start, event_day=day.start),
                )
                continue
            if (
                isinstance(b, Paragraph)
                and cur is not None
                and b.text.rstrip().endswith(":")
                and len(b.text) <= 80
                and (cur.context is not None and cur.context.event_day is not None)
                and not isinstance(s.peek(), ListItem)
            ):
                cur.narrative.append(b.text)  # "Notes:" inside a dated block of minutes: a label of its prose
                continue
            if (
                isinstance(b, Paragraph)
                and b.text.rstrip().endswith(":")
                and len(b.text) <= 80
                and isinstance(s.peek(), ListItem)
                and (label_time := self._label_time(b.text, (cur and cur.context) or self.head_ctx)) is not None
            ):
                # "Plan for next week:", "Before the summer break:" over a list: its items' time (an item's
                # own time wins); the label itself is not an item.
                lead_when = label_time
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                cur.narrative.append(b.text)
                continue
            if (
                isinstance(b, Paragraph)
                and self._bold_heading(b, s.peek())
                and not (_GOALS_LEAD.match(b.text.strip()) and isinstance(s.peek(), ListItem))
            ):
                number, words = heading_number(b.text)
                if number and not _SECTION_LABEL.match(b.text):
                    b = Heading(section_level or 2, words, number, location=b.location, links=b.links)
                else:
                    b = Heading(section_level or 2, b.text, number, location=b.location, links=b.links)
            if isinstance(b, Heading):
                if _ITEM_LABEL.match(b.text) and cur is not None:
                    continue  # "### Activities" under a priority introduces its items
                if (
                    cur is not None
                    and section_level is not None
                    and b.level > section_level
                    and not b.number
                    and not _YEAR.search(b.text)
                ):
                    if isinstance(s.peek(), (TableRow, ListItem)) and cur.items:
                        # A sub-heading between two tables of a section: the second table is a part of its own.
                        keep, parent = columns, cur
                        new_section(title=b.text, location=b.location, milestones=parent.milestones, level=b.level)
                        columns = keep
                    else:  # a sub-heading before the items reads as part of the narrative
                        cur.narrative.append(b.text)
                    continue
                if section_level is None or not b.number or b.level <= section_level:
                    section_level = b.level if section_level is None else min(section_level, b.level)
                title = _SECTION_LABEL.sub("", b.text).strip() or b.text
                day = self._meeting_day(b.text)
                new_section(
                    number=b.number,
                    title=title,
                    context=(
                        Context(day.start, day.start, event_day=day.start)
                        if day is not None and day.start is not None
                        else _year_context(b.text)
                    ),
                    location=b.location,
                    milestones=bool(_TIMELINE_TITLE.search(b.text)),
                    level=b.level,
                )
                continue
            if isinstance(b, TableRow):
                if grid is not None and b.location.table != grid.table:
                    # A time grid goes on over a page break as a new table without its header row: the
                    # same periods, mapped onto the narrower table from the right.
                    k = s.i - 2
                    while k > 0 and isinstance(s.blocks[k], Blank):
                        k -= 1
                    after_grid = isinstance(prev := s.blocks[k], TableRow) and prev.location.table == grid.table
                    grid = (
                        continued_grid(grid, b.location.table, len(b.cells))
                        if after_grid
                        and grid_header(b.cells, b.location.table, self.head_ctx) is None
                        and _table_header(b.cells) is None
                        and any(is_mark(c) for c in b.cells[1:])
                        else None
                    )
                if grid is None and (found_grid := grid_header(b.cells, b.location.table, self.head_ctx)):
                    grid = found_grid  # "Activity | Q1 2024 | Q2 2024 …": a Gantt chart typed as a table
                    if cur is None:
                        new_section(location=b.location)
                    continue
                if grid is not None:
                    if cur is None:
                        new_section(location=b.location)
                    assert cur is not None
                    if (group := self._grid_row(cur, b, grid)) is not None:
                        new_section(title=group, location=b.location, level=cur.level)
                    continue
                new_table = b.location.table is not None and b.location.table != columns_table
                if columns is not None and new_table and len(b.cells) != columns_width:
                    columns = None  # another table of another shape: its columns are its own
                columns_table, columns_width = b.location.table, len(b.cells)
                if new_table and (form := self._form_table(b, s)) is not None:
                    # "Meeting called by: | Ana | Note taker: | Tom": a form of labels and values, the
                    # document's facts; an "Agenda item:" field titles the part of the minutes that follows.
                    topic = next((v for label, v in form if _AGENDA_LABEL.match(label) and v), None)
                    if topic is not None:
                        new_section(title=topic, location=b.location)
                    columns = None
                    continue
                header = _table_header(b.cells)
                if header is not None:
                    header = settle_what(header, self._rows_after(s))
                    header.gantt = gantt_header(b.cells, self.head_ctx)
                    if cur is None:
                        new_section(location=b.location)
                    assert cur is not None
                    if header.milestones:
                        if cur.items:  # a timeline table after the section's own items: its own section
                            new_section(location=b.location, milestones=True)
                        else:
                            cur.milestones = True
                    columns = header
                    last_row_item = None
                    continue
                if (
                    (b.full_width or (columns is not None and self._group_row(b, columns, s)))
                    and columns is not None
                    and (texts := [c for c in b.cells if c.strip()])
                    and len(texts) == 1
                    and not has_continuation_marker(texts[0])
                ):
                    # One merged cell across the table ("Access agreements"): a sub-heading of the table.
                    keep, above = columns, cur
                    new_section(
                        title=texts[0],
                        location=b.location,
                        milestones=bool(above and above.milestones),
                        level=above.level if above else None,
                    )
                    columns = keep
                    continue
                if (
                    columns is not None
                    and (col := columns.roles.get("section")) is not None
                    and col < len(b.cells)
                    and (label := b.cells[col].strip())
                    and (cur is None or label != cur.key)
                ):
                    # "1. Communication" in the Priority column: the rows from here on are that priority's.
                    keep = columns
                    number, title = heading_number(label)
                    new_section(
                        number=number,
                        title=_SECTION_LABEL.sub("", title).strip() or title,
                        location=b.location,
                        key=label,
                    )
                    columns = keep
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                if columns is None and (new_table or b.location.table is None) and self._record_table(b, s):
                    continue
                if columns is None:
                    columns, header_row = self._implicit_columns(b, s)
                    if header_row:
                        self.problems.append(
                            Problem(
                                "header row names no column role, not an item: "
                                + repr(" | ".join(c.strip() for c in b.cells if c.strip())),
                                b.location,
                                "table",
                            )
                        )
                        continue
                last_row_item = self._row(cur, b, columns, last_row_item)
                continue
            if isinstance(b, Paragraph):
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                if _ITEM_LABEL.match(b.text):
                    continue
                if (fields := record_fields(b.text)) is not None and (
                    record is not None or self._record_ahead(fields, s)
                ):
                    if record is None or record_section is not cur:
                        record = self._open_record(cur, b)
                        record_section = cur
                    if record is not None:
                        self._fill_record(record, fields)
                        continue
                record = None  # a line that is not a field ends the record
                nxt = s.peek()
                if (
                    b.text.rstrip().endswith(":")
                    and isinstance(nxt, ListItem)
                    and (_introduces_narrative(b.text) or _GOALS_LEAD.match(b.text.strip()))
                ):
                    # "... the implementation of:" then bullets: the list belongs to the narrative.
                    parts = [b.text]
                    bullets: list[str] = []
                    while isinstance(nb := s.peek(), ListItem) or (
                        isinstance(nb, Paragraph)
                        and nb.style is None
                        and _WRAPPED_LINE.match(nb.text)
                        and not nb.text.rstrip().endswith(":")
                        and isinstance(s.peek(offset=1), ListItem)
                    ):
                        li = s.next()
                        if isinstance(li, ListItem):
                            parts.append(("- " if li.level == 0 else "  - ") + li.text)
                            bullets.append(li.text)
                        elif isinstance(li, Paragraph):
                            parts.append(li.text)  # the wrapped end of the bullet above (a PDF line)
                            if bullets:
                                bullets[-1] = f"{bullets[-1]} {li.text}"
                    cur.narrative_lists[len(cur.narrative)] = (b.text, bullets)
                    cur.narrative.append(" ".join(parts))
                    continue
                if action_tag(b.text):
                    # "ACTION: Mira to book the venue" in minutes: an item wherever it stands.
                    it = self._bullet_item(ListItem(0, b.text, location=b.location), cur.context or self.head_ctx)
                    cur.items.append(it)
                    continue
                if (step := self._dated_line(b.text)) is not None and (
                    (isinstance(nxt, Paragraph) and self._dated_line(nxt.text) is not None) or timeline_open
                ):
                    # "15 October to 30 November: Public consultation", then more such lines: a timeline
                    # written as paragraphs; each line is a step (the year carries over from line to line).
                    if not timeline_open and (cur.items or not cur.milestones):
                        if cur.items or cur.narrative:
                            new_section(location=b.location, level=cur.level)
                        assert cur is not None
                        cur.milestones = True
                    assert cur is not None
                    cur.items.append(_Item(ItemKind.MILESTONE, step[1], b.location, when_raw=step[0]))
                    timeline_open = True
                    continue
                timeline_open = False
                if (
                    cur.title
                    and _CHART_TITLE.search(cur.title)
                    and len(cur.title.split()) <= 3  # "Timeline", "Project timeline": the chart's own heading
                    and self._chart_line(b, s)
                ):
                    # "Timeline", then "Deploy traps", "Final report" …: the rows of a chart of tasks that the
                    # reader gave as lines (its bars are drawn, not written).
                    cur.items.append(_Item(ItemKind.ACTION, b.text.strip(), b.location))
                    continue
                # Prose between a row and its continuation is the section's, not the row's.
                cur.narrative.append(b.text)
                continue
            if isinstance(b, ListItem):
                run = [b]
                while isinstance(s.peek(skip_blank=False), ListItem) or (
                    isinstance(s.peek(), ListItem) and s.gap_before_next() <= 1
                ):
                    nb = s.next()
                    assert isinstance(nb, ListItem)
                    run.append(nb)
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                before = len(cur.items)
                self._list_run(cur, run, lists_in_section, gap)
                if lead_when is not None:
                    for it in cur.items[before:]:
                        if it.when_raw is None:
                            it.when_raw = lead_when
                    lead_when = None
                if self.sections[-1] is not cur:
                    cur = self.sections[-1]
                    columns = None
                if cur.items and cur.items[-1].when_raw is None and run[-1].level == 0:
                    time_tail = cur.items[-1]
                lists_in_section += 1
                continue

    def _chart_line(self, b: Paragraph, s: _Stream) -> bool:
        """A short line that is a row of a chart: a few words, no sentence, and another such line beside it."""

        def short(x: Block | None) -> bool:
            if not isinstance(x, Paragraph):
                return False
            t = x.text.strip()
            return (
                0 < len(t.split()) <= 10
                and len(t) <= 80
                and not t.endswith((".", ":", ";", ",", "•"))
                and not re.fullmatch(r"[\d\s.,%()-]+", t)
                and not _LABELLED.match(t)
            )

        k = s.i - 2  # the block before this line (s.i is past it)
        while k > 0 and isinstance(s.blocks[k], Blank):
            k -= 1
        before = s.blocks[k] if k >= 0 else None
        return short(b) and (short(s.peek()) or short(before))

    def _sub_action(self, parent: _Item, text: str) -> bool:
        """Whether a sub-bullet is an action of its own: its parent introduces a list (it ends with ":") and
        the sub-bullet is a sentence of work (four words or more), not a component ("Themes", "Speakers")."""
        return (parent.opens_list or parent.what.rstrip().endswith(":")) and len(text.split()) >= 4

    def _label_time(self, text: str, ctx: Context | int | None) -> str | None:
        """The time a short label names ("Plan for next week:", "Für den Herbst:"): the label's words, or None
        when it names none (or only a time before its block's own day)."""
        label = text.rstrip().rstrip(":").strip()
        hit = when.find_when(label, self.doc(ctx))
        if hit is None or (hit.timeframe.start is None and hit.timeframe.end is None):
            return None
        if len(re.findall(r"\w+", hit.timeframe.note)) > 2:
            return None  # a line that mentions a time ("from the 2030 discussion:"), not a label of one
        return label

    def _only_time(self, text: str, *, any_year: bool = False) -> bool:
        """Whether a text is a time and nothing else; `any_year`: also a time whose year the document leaves
        to its context ("Apr 18" in a document that states no year)."""
        if any_year and self.head_ctx is None:
            return _time_only(text)
        hit = when.find_when(text, self.head_ctx)
        return hit is not None and len(hit.phrase) >= len(text.strip(" .;:-–")) - 2

    def _dated_line(self, text: str) -> tuple[str, str] | None:
        """(time, step) of a paragraph that starts with a time and a colon or dash ("Mitte März 2010: …")."""
        if not text or len(text) > 400 or not (lead := _LEADING_TIME.match(text.strip())):
            return None
        tf = _parse_when(lead.group("when"), self.head_ctx)
        if not (tf.start or tf.end) or tf.note.strip():
            return None
        return lead.group("when").strip(), lead.group("what").strip()

    def _owner_field(self, b: Block | None) -> bool:
        fields = record_fields(b.text) if isinstance(b, Paragraph) else None
        return bool(fields and any(role == "who" for role, _v, _d in fields))

    def _record_ahead(self, fields: list[tuple[str, str, bool]], s: _Stream) -> bool:
        """Whether a field line opens a record: it, or a field line right after it, names an owner or a time."""
        if any(role in ("who", "when") for role, _v, _d in fields):
            return True
        nxt = s.peek()
        more = record_fields(nxt.text) if isinstance(nxt, Paragraph) else None
        return bool(more and any(role in ("who", "when") for role, _v, _d in more))

    def _open_record(self, sec: _Section, first: Block) -> _Item | None:
        """The item a record's fields describe: titled by the section's heading when the fields follow it
        directly, else by the short line just before them ("WP 2 Teaching strategies")."""
        if sec.narrative and len(sec.narrative[-1]) <= 200 and not sec.narrative[-1].rstrip().endswith(":"):
            sec.narrative_lists.pop(len(sec.narrative) - 1, None)
            title = sec.narrative.pop()
        elif not sec.items and not sec.narrative and sec.title:
            title = sec.title
        else:
            return None
        item = _Item(ItemKind.ACTION, title, first.location)
        sec.items.append(item)
        return item

    def _fill_record(self, item: _Item, fields: list[tuple[str, str, bool]]) -> None:
        for role, value, deadline in fields:
            if role == "who" and item.who_raw is None:
                item.who_raw, item.has_who_column = _owner_phrase(value), True
            elif role == "when" and item.when_raw is None:
                item.when_raw, item.deadline = value, deadline
            elif role == "status":
                self._status_of(item, value)
            else:
                item.details.append(value)

    def _grid_row(self, sec: _Section, row: TableRow, grid: Grid) -> str | None:
        """One row of a time grid: an item dated by its marked cells, or (one text, no mark) the title of
        the group of rows below it, returned."""
        texts = [(i, c.strip()) for i, c in enumerate(row.cells) if c.strip()]
        words = [(i, c) for i, c in texts if not is_mark(c)]
        if not words:
            if texts:
                self.problems.append(
                    Problem(
                        "grid row without an activity, not placed: " + repr(" | ".join(c for _, c in texts)),
                        row.location,
                        "table",
                    )
                )
            return None
        roles = {_header_role(h): i for i, h in sorted(grid.labels.items(), reverse=True)}
        who_i = roles.get("who")
        what_i, what = next(((i, c) for i, c in words if i == roles.get("what")), None) or next(
            ((i, c) for i, c in words if i != who_i), words[0]
        )
        tf = grid_time(grid, row.cells, what_i)
        if tf is None and len(words) == 1 and what_i != who_i:
            return what
        item = _Item(
            ItemKind.ACTION,
            _BULLET_GLYPH.sub("", what),
            row.location,
            when_raw=tf.text if tf is not None else None,
            timeframe=tf,
        )
        if who_i is not None:
            # "Activity | Lead | Q1 | Q2": the Lead cell is the owner (empty: nobody named).
            item.has_who_column = True
            item.who_raw = row.cells[who_i].strip() if who_i < len(row.cells) else ""
        item.details.extend(c for i, c in words if i not in (what_i, who_i))
        sec.items.append(item)
        return None

    def _form_table(self, first: TableRow, s: _Stream) -> list[tuple[str, str]] | None:
        """A table whose every row is "Label: | value" pairs (a minutes or report form): its pairs, with its
        rows consumed and its facts kept with the preamble and listed as a problem; None for any other table."""
        rows = [first]
        j = s.i
        while (
            j < len(s.blocks)
            and isinstance(nxt := s.blocks[j], TableRow)
            and nxt.location.table == first.location.table
        ):
            rows.append(nxt)
            j += 1
        pairs: list[tuple[str, str]] = []
        for r in rows:
            cells = [c.strip() for c in r.cells]
            while cells and not cells[-1]:
                cells.pop()
            if not cells or len(cells) > 8:
                return None
            for k in range(0, len(cells), 2):
                label, value = cells[k], (cells[k + 1] if k + 1 < len(cells) else "")
                if not label:
                    if value:
                        return None
                    continue
                if not label.endswith(":") or len(label) > 40 or value.endswith(":"):
                    return None
                pairs.append((label.rstrip(":").strip(), value))
        if not pairs:
            return None
        s.i = j
        facts = [f"{label}: {value}" for label, value in pairs if value]
        self.record_lines.extend(facts)
        self.problems.append(
            Problem(
                "form of labels and values read as the document's facts, not items: "
                + " / ".join(f"{label}: {value}" for label, value in pairs),
                first.location,
                "table",
            )
        )
        return pairs

    def _record_table(self, first: TableRow, s: _Stream) -> bool:
        """A small two-column table of labels and values ("Date and time | 10-06-2027, 10:00-11:30",
        "Venue | online"): the document's facts, not its items. Its lines join the preamble (the event day
        is read from it) and the rows are consumed."""
        rows = [first]
        j = s.i
        while j < len(s.blocks) and isinstance(nxt := s.blocks[j], TableRow):
            rows.append(nxt)
            j += 1
        if len(rows) > 6 or any(len([c for c in r.cells if c.strip()]) > 2 for r in rows):
            return False
        pairs = [
            ((r.cells[0] if r.cells else "").strip(), " ".join(c.strip() for c in r.cells[1:] if c.strip()))
            for r in rows
        ]
        if not all(label and len(label.split()) <= 4 and not label.endswith(".") for label, _v in pairs):
            return False
        dated = [v for _l, v in pairs if v and _find_when(v, self.head_ctx) is not None]
        if not dated or len(dated) * 2 > len(pairs):
            return False  # most values are times: a What | When table without header
        s.i = j
        self.record_lines.extend(f"{label}: {value}" for label, value in pairs if value)
        self.problems.append(
            Problem(
                "table of labels and values read as the document's facts, not items: "
                + " / ".join(f"{label}: {value}" for label, value in pairs),
                first.location,
                "table",
            )
        )
        return True

    def _rows_after(self, s: _Stream) -> list[list[str]]:
        """The cells of the (first 200) table rows that follow the current block, up to the table's end."""
        rows: list[list[str]] = []
        j = s.i
        while j < len(s.blocks) and len(rows) < 200:
            nxt = s.blocks[j]
            if isinstance(nxt, TableRow):
                rows.append(nxt.cells)
            elif not isinstance(nxt, Blank):
                break
            j += 1
        return rows

    def _implicit_columns(self, row: TableRow, s: _Stream | None = None) -> tuple[_Columns, bool]:
        """Columns of a table whose header names no roles: from the cells of all its rows when they tell,
        else What, Who, When in that order; either way a problem says so. True when the first row is a
        header that names no role (it is then not an item)."""
        rows: list[list[str]] = []
        if s is not None:
            j = s.i - 1
            while j < len(s.blocks) and isinstance(nxt := s.blocks[j], TableRow):
                rows.append(nxt.cells)
                j += 1
        found = roles_from_contents(rows, self.head_ctx) if rows else None
        if found is not None and found.confidence >= 0.5:
            named = ", ".join(
                f"{role} = column {i + 1}" for role, i in sorted(found.columns.roles.items(), key=lambda kv: kv[1])
            )
            self.problems.append(
                Problem(
                    f"table without a What / Who / When header: columns read from their cells ({named}; "
                    f"confidence {found.confidence:.2f})",
                    row.location,
                    "table",
                )
            )
            return found.columns, found.first_row_is_header
        self.problems.append(
            Problem("table without a What / Who / When header: columns read in that order", row.location, "table")
        )
        roles = {"what": 0}
        if len(row.cells) >= 3:
            roles.update(who=1, when=2)
        elif len(row.cells) == 2:
            roles["when"] = 1
        return _Columns(roles), False

    def _row(self, sec: _Section, row: TableRow, cols: _Columns, last: _Item | None) -> _Item | None:
        def cell(role: str) -> str:
            i = cols.roles.get(role)
            return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

        if all(_DASH_CELL.match(c) for c in row.cells):
            return None  # "--" rows and empty rows fill space in Word, they say nothing
        texts = [c.strip() for c in row.cells if c.strip()]
        if all(re.fullmatch(r"[\d\s.,%/:+-]+", t) for t in texts) or (len(texts) == 1 and _SCALE_UNIT.match(texts[0])):
            # "Month" over "1 2 3 … 12": the time scale of a chart, not work.
            self.problems.append(
                Problem(
                    f"row of a time scale or of numbers only, not an item: {' | '.join(texts)!r}", row.location, "table"
                )
            )
            return last
        what, who, when, notes = cell("what"), cell("who"), cell("when"), cell("notes")
        placed = {i for i in cols.roles.values()}
        extra = [
            c.strip()
            for i, c in enumerate(row.cells)
            if i not in placed and c.strip() and not re.fullmatch(r"[\d.)#]+", c.strip())
        ]
        if all(not strip_continuation(c) for c in row.cells):
            return last  # a row that only says "(continued on the next page)": the table goes on
        if last is not None and continues_previous(what):
            last.continued = True  # "(continued)" in the What cell: this row is the rest of the one before
        if last is not None and last.continued:
            # "(table continued below)": this row is the rest of the previous one.
            last.continued = has_continuation_marker(what) or has_continuation_marker(who)
            last.what = collapse(f"{last.what} {strip_continuation(what)}")
            if who:
                last.who_raw = collapse(f"{last.who_raw or ''} {strip_continuation(who)}")
            if when:
                last.when_raw = collapse(f"{last.when_raw or ''} {strip_continuation(when)}")
            if notes:
                last.details.append(notes)
            return last
        if not strip_continuation(what):
            if who or when or notes or extra:
                cells = " | ".join(c for c in (who, when, notes, *extra) if c)
                self.problems.append(Problem(f"row without a What, not placed: {cells!r}", row.location, "what"))
            return None
        if (
            last is not None
            and ((sec.items and sec.items[-1] is last) or last in sec.items)  # (the usual case without a scan)
            and last.what == strip_continuation(what)
            and (last.who_raw or "") == (strip_continuation(who) or "")
            and (last.when_raw or "") == (strip_continuation(when) or "")
        ):
            # The same What, Who and When as the row above (a spanning row a reader split in two): one item.
            self.problems.append(Problem(f"row repeats the row above, read once: {last.what!r}", row.location, "what"))
            return last
        item = _Item(
            ItemKind.MILESTONE if sec.milestones else ItemKind.ACTION,
            strip_continuation(what),
            row.location,
            who_raw=strip_continuation(who) or None,
            has_who_column="who" in cols.roles,
            when_raw=strip_continuation(when) or None,
            deadline=cols.deadline,
            continued=has_continuation_marker(what) or has_continuation_marker(who) or has_continuation_marker(when),
        )
        if notes:
            item.details.append(notes)
        self._status_of(item, cell("status"))
        item.details.extend(extra)  # cells of columns the header does not name stay with their row
        sec.items.append(item)
        return item

    def _group_row(self, row: TableRow, columns: _Columns, s: _Stream) -> bool:
        """A row of a Gantt-like table (its header names months, quarters or weeks) with only its What cell
        filled, over rows that fill more: the group the rows under it belong to ("Outreach" over its tasks),
        a heading of the table, not an action."""
        what = columns.roles.get("what")
        if not columns.gantt or what is None or what >= len(row.cells) or not row.cells[what].strip():
            return False
        if any(c.strip() for i, c in enumerate(row.cells) if i != what):
            return False
        following = self._rows_after(s)[:1]
        return bool(following) and any(c.strip() for i, c in enumerate(following[0]) if i != what)

    def _under_attendance(self, first: Block) -> bool:
        """Whether the line or heading right above a list labels who attended ("Apologies:", "Regrets")."""
        if self._index is None:
            self._index = {id(b): i for i, b in enumerate(self.blocks)}
        j = self._index.get(id(first), 0) - 1
        while j >= 0 and isinstance(self.blocks[j], Blank):
            j -= 1
        above = self.blocks[j] if j >= 0 else None
        return isinstance(above, (Paragraph, Heading)) and bool(_ATTENDANCE_LABEL.match(above.text.strip()))

    def _list_run(self, sec: _Section, run: list[ListItem], lists_before: int, gap: int) -> None:
        top = [li for li in run if li.level == 0] or run
        if all(_NAMES_ONLY.match(li.text.strip()) for li in run) and (
            len(top) >= 2 or (len(run) == 1 and run[0].text.count(",") >= 1) or self._under_attendance(run[0])
        ):
            # "Ana Lopez", "Ben Ode (Treasurer)", "A, B, C": who attended or was approved, not work to do.
            self.problems.append(
                Problem(
                    f"{len(run)} bullet(s) that only name people or bodies, not read as items: "
                    + " / ".join(li.text for li in run),
                    run[0].location,
                    "text",
                )
            )
            return
        kept = []
        for li in run:
            if li.level == 0 and self._only_time(li.text):
                self.problems.append(
                    Problem(f"bullet that is only a date, not read as an item: {li.text!r}", li.location, "text")
                )
                continue
            if _AMOUNT_ONLY.match(li.text.strip()):
                self.problems.append(
                    Problem(f"bullet that is only an amount, not read as an item: {li.text!r}", li.location, "text")
                )
                sec.narrative.append(li.text)
                continue
            kept.append(li)
        if not kept:
            return
        run = kept
        top = [li for li in run if li.level == 0] or run
        statements = sum(1 for li in top if _STATEMENT_START.match(li.text) and _STATEMENT_VERB.search(li.text))
        if statements * 5 >= len(top) * 3 and len(top) >= 2:
            # Bullets that state principles ("The priorities are ...") explain the section; they are not work.
            sentences = []
            for li in top:
                t = li.text.strip()
                sentences.append(t)
            joined = ""
            for t in sentences:
                if joined:
                    joined += " " if joined[-1] in ".!?;:" else ". "
                joined += t
            sec.narrative_lists[len(sec.narrative)] = (None, sentences)
            sec.narrative.append(joined)
            return
        ctx = sec.context or self.head_ctx
        triples = self._dash_triples(top, ctx)
        items = [self._bullet_item(li, ctx) for li in top]
        dated = all(it.when_raw for it in items)
        if dated and len(items) >= 2 and (lists_before > 0 or sec.items) and not sec.milestones:
            # A second list whose every step is dated, after the section's own items: a process timeline
            # without a heading of its own (how a plan was made), so a section of milestones.
            sec = _Section(location=run[0].location, milestones=True)
            self.sections.append(sec)
        kind = ItemKind.MILESTONE if sec.milestones else ItemKind.ACTION
        parent: _Item | None = None
        for li in run:
            if li.level > 0 and parent is not None:
                if self._field_of(parent, li.text):
                    continue
                if self._sub_action(parent, li.text):
                    # A sub-bullet that is work of its own under a parent that introduces it ("…, including
                    # these actions:"): an item that inherits the parent's time and owner.
                    child = self._bullet_item(li, ctx)
                    child.kind = kind
                    if child.when_raw is None and parent.when_raw is not None:
                        child.when_raw, child.deadline = parent.when_raw, parent.deadline
                    if child.who_raw is None and parent.who_raw is not None:
                        child.who_raw, child.has_who_column = parent.who_raw, parent.has_who_column
                    sec.items.append(child)
                    continue
                parent.details.append(li.text)
                continue
            if triples is not None and li.level == top[0].level:
                what, who, when = triples[id(li)]
                it = _Item(kind, what, li.location, who_raw=who or None, has_who_column=True, when_raw=when or None)
            else:
                it = self._bullet_item(li, ctx)
            it.kind = kind
            it.opens_list = li.text.rstrip().endswith(":")
            sec.items.append(it)
            parent = it

    def _dash_triples(self, top: list[ListItem], ctx: Context | int | None) -> dict[int, tuple[str, str, str]] | None:
        """Bullets written as "what – who – when" (a table typed as a list): each split in three, when every
        bullet has the two dashes and most end in a time or nothing."""
        if len(top) < 2:
            return None
        out: dict[int, tuple[str, str, str]] = {}
        timed = 0
        for li in top:
            parts = _DASH_SEP.split(li.text)
            if len(parts) < 3:
                return None
            what, who, when = " – ".join(p.strip() for p in parts[:-2]), parts[-2].strip(), parts[-1].strip()
            if not what:
                return None
            if not when or _parse_when(when, ctx).understood or _parse_when(when, ctx).tentative:
                timed += 1
            out[id(li)] = (what, who, when)
        return out if timed * 2 > len(top) else None

    def _tagged_item(self, li: ListItem, ctx: Context | int | None) -> _Item | None:
        """A bullet of minutes whose fields are tagged inline ("insurance: ACTION: Ana to send the forms.
        STATUS: on hold", "Website: OWNERS: Ana, Tom STATUS: ready"): the ACTION's text is the item (else the
        topic before the tags), OWNERS its owner cell, STATUS its status; None for a bullet without such tags."""
        tags = list(_INLINE_TAG.finditer(li.text))
        names = [m.group("tag").upper() for m in tags]
        acts = [i for i, n in enumerate(names) if n.startswith("ACTION")]
        owners = [i for i, n in enumerate(names) if n in _OWNER_TAGS]
        if not tags or not (acts or owners) or (len(tags) == 1 and tags[0].start() == 0):
            return None  # "ACTION (BH): …" alone is read by the doer patterns
        before = li.text[: tags[0].start()].strip()
        topic = before.split(":", 1)[0].strip() if before else ""
        values = [
            li.text[m.end() : (tags[k + 1].start() if k + 1 < len(tags) else len(li.text))].strip(" ;")
            for k, m in enumerate(tags)
        ]
        if acts:
            a = acts[0]
            who = tags[a].group("who")
            what = f"ACTION{who}: {values[a]}" if who else values[a]
        elif topic:
            what = topic
        else:
            return None
        item = _Item(ItemKind.ACTION, what, li.location)
        if acts and (named := _NAMED_TASK.match(what)):
            # "ACTION: Ana: draft the note": after the tag, a name before a colon is the doer.
            item.what, item.who_raw = named.group("rest"), named.group("who")
            item.owners = parse_who(named.group("who"), self.known).owners
        if acts and topic:
            item.details.append(before)
        for k, name in enumerate(names):
            value = values[k]
            if not value or (acts and k == acts[0]):
                continue
            if name in _OWNER_TAGS and item.who_raw is None:
                item.who_raw, item.has_who_column = value, True
            elif name in ("STATUS", "STATUT", "ESTADO"):
                self._status_of(item, value)
            elif name in ("DUE", "DEADLINE", "WHEN", "ÉCHÉANCE", "FRIST", "PLAZO") and item.when_raw is None:
                item.when_raw, item.deadline = value, name != "WHEN"
            else:
                item.details.append(value)
        if item.when_raw is None:
            item.when_raw = self._time_in_text(what, ctx)
        return item

    def _bullet_item(self, li: ListItem, ctx: Context | int | None) -> _Item:
        if (tagged := self._tagged_item(li, ctx)) is not None:
            return tagged
        m = _FIELDS_IN_PARENS.search(li.text)
        if m and _FIELD.match(m.group(1).split(";")[0]):
            # "Website refresh (Lead: CMI; by March 2027)": the parenthesis holds the row's other cells.
            item = _Item(ItemKind.ACTION, li.text[: m.start()].rstrip(), li.location)
            for part in re.split(r"\s*;\s*", m.group(1)):
                if not self._field_of(item, part) and part.strip():
                    if _find_when(part, ctx) is not None or _parse_when(part, ctx).understood:
                        item.when_raw = part.strip()
                    else:
                        item.details.append(part.strip())
            if item.who_raw is not None or item.when_raw is not None:
                return item
        what, when = self._split_arrow(li.text, ctx)
        if when is None and (lead := _LEADING_TIME.match(li.text)):
            # "15 September 2026 – Call for ideas", "January 2027: Publication": the time comes first.
            tf = _parse_when(lead.group("when"), ctx)
            if (tf.start or tf.end) and not tf.note.strip():
                return _Item(ItemKind.ACTION, lead.group("what"), li.location, when_raw=lead.group("when"))
        if when is None and (inline := _inline_time(what, ctx)) is not None:
            what, when, detail = inline
            item = _Item(ItemKind.ACTION, what, li.location, when_raw=when)
            if detail:
                item.details.append(detail)
            return item
        if when is None:
            when = self._time_in_text(what, ctx)
        return _Item(ItemKind.ACTION, what, li.location, when_raw=when)

    def _time_in_text(self, text: str, ctx: Context | int | None) -> str | None:
        """The time a bullet names anywhere in its sentence ("Survey of members in May 2027 with a short
        form", "Report due by the end of March"): its words, which stay in the text (cut out of the middle,
        the sentence would no longer read)."""
        hit = when.find_when(text, self.doc(ctx))
        if hit is None:
            return None
        tf = hit.timeframe
        if tf.start is None and tf.end is None and tf.recurrence is None:
            return None
        period = Context.year(ctx) if isinstance(ctx, int) else ctx
        if period is not None and tf.end is not None and tf.end < period.start:
            return None  # "building on the strategy adopted in 2016" in a plan for 2017: a past it refers to
        return hit.phrase.strip() or None

    def _field_of(self, item: _Item, text: str) -> bool:
        """ "Lead: CMI", "When: by June 2027", "Status: planned" under or beside an item: that cell of its row."""
        m = _FIELD.match(text)
        role = _header_role(m.group(1)) if m else None
        if m is None or role is None or role == "what":
            return False
        value = m.group(2).strip()
        if role == "who":
            item.who_raw, item.has_who_column = value, True
        elif role == "when":
            item.when_raw = value
            item.deadline = _header_word(m.group(1)) in _DEADLINE_HEADERS
        elif role == "status":
            self._status_of(item, value)
        else:
            item.details.append(value)
        return True

    def _status_of(self, item: _Item, text: str) -> None:
        """A Status cell: the item's status when the words name one, else a note kept with the item."""
        if not text.strip():
            return
        status = read_status(text)
        if status is None:
            item.details.append(text.strip())
        else:
            item.status, item.status_raw = status, text.strip()

    def _split_arrow(self, text: str, ctx: Context | int | None) -> tuple[str, str | None]:
        """In "X → Y → when", the last segment that holds a time is the when; the segments before stay."""
        segments = [seg.strip() for seg in _ARROW.split(text)]
        if len(segments) < 2:
            return text, None
        for i in range(len(segments) - 1, 0, -1):
            if _find_when(segments[i], ctx) is not None:
                return " → ".join(segments[:i]), segments[i]
        return " → ".join(segments), None

    # events ---------------------------------------------------------------------------------------------
    def read_event(self, s: _Stream, head: _Head | None = None) -> None:
        session_sec: _Section | None = None
        event_day = head.day[0] if head is not None and head.day is not None else None
        current_day = event_day
        programme_title: str | None = None
        track_title: str | None = None
        skipped: list[Block] = []
        # The session just read (its outputs follow it) and, for time slots under a day, that day's words.
        after_session = False
        last_day: str | None = None

        def report_skipped() -> None:
            # Context slides, thanks and logos are not part of the plan, but nothing goes unmentioned.
            if skipped:
                texts = [collapse(_text(x)) for x in skipped if collapse(_text(x))]
                if texts:
                    self.problems.append(
                        Problem(
                            f"{len(texts)} line(s) not read as part of the plan: " + " / ".join(texts),
                            skipped[0].location,
                            "text",
                        )
                    )
                skipped.clear()

        while not s.done():
            b = s.next()
            if b is None:
                break
            text = _text(b)
            just_after, after_session = after_session, False
            if isinstance(b, Paragraph) and self._session_block(b, s):
                # "14:00 - 16:30" / "Side event: …" / "Organiser: …": one session of a programme.
                report_skipped()
                if session_sec is None:
                    session_sec = _Section(title=programme_title, location=b.location)
                    self.sections.append(session_sec)
                title = s.next()
                assert isinstance(title, Paragraph)
                item = _Item(ItemKind.SESSION, title.text, title.location, when_raw=text.strip())
                while (
                    isinstance(nxt := s.peek(), Paragraph)
                    and not self._session_block(nxt, s, at=1)
                    and ((fields := record_fields(nxt.text)) is not None or _LABELLED.match(nxt.text))
                ):
                    s.next()
                    if fields is not None:
                        self._fill_record(item, fields)
                    else:
                        item.details.append(nxt.text)
                session_sec.items.append(item)
                after_session, last_day = True, None
                continue
            if (
                just_after
                and isinstance(b, (Paragraph, Heading))
                and _SESSION_RESULTS_LABEL.match(text.strip())
                and isinstance(s.peek(), ListItem)
            ):
                b = Paragraph("Outputs:", location=b.location)  # "Expected results" of a session: its outputs
                text = b.text
            if isinstance(b, (Paragraph, Heading)) and _OBJECTIVES_LABEL.match(text.strip()):
                report_skipped()
                session_sec = None
                sec = _Section(title=re.sub(r"\s*:\s*$", "", text.strip()), location=b.location)
                self.sections.append(sec)
                self._gather_list(s, sec, ItemKind.OBJECTIVE)
                continue
            if (
                isinstance(b, (Paragraph, Heading))
                and _TRACKS_LABEL.match(text.strip())
                and isinstance(s.peek(), ListItem)
            ):
                report_skipped()
                track_title = re.sub(r"\s*:\s*$", "", text.strip())
                if s.peek().marker not in _THEME_MARKERS:  # type: ignore[union-attr]
                    session_sec = None
                    sec = _Section(title=track_title, location=b.location)
                    self.sections.append(sec)
                    self._gather_list(s, sec, ItemKind.THEME)
                    track_title = None
                continue
            if isinstance(b, ListItem) and b.marker in _THEME_MARKERS:
                report_skipped()
                session_sec = None
                sec = _Section(title=track_title or self._previous_heading(b), location=b.location)
                track_title = None
                self.sections.append(sec)
                s.i -= 1
                while isinstance(s.peek(), ListItem) and s.peek().marker in _THEME_MARKERS:  # type: ignore
                    li = s.next()
                    assert isinstance(li, ListItem)
                    item = _Item(ItemKind.THEME, li.text, li.location)
                    while isinstance(s.peek(), Paragraph):
                        p = s.peek()
                        assert isinstance(p, Paragraph)
                        if self._is_date_line(p.text) or self._starts_part(p.text):
                            break
                        s.next()
                        item.details.append(p.text)
                        if s.gap_before_next() >= 2:
                            break
                    sec.items.append(item)
                continue
            if (
                isinstance(b, (Paragraph, Heading))
                and _FOLLOW_UP_LABEL.match(text.strip())
                and isinstance(s.peek(), ListItem)
            ):
                # "Follow-up", "Next steps": the work that prepares or follows the event, as actions.
                report_skipped()
                session_sec = None
                sec = _Section(title=re.sub(r"\s*:\s*$", "", text.strip()), location=b.location)
                self.sections.append(sec)
                for li, sub in self._take_list(s):
                    action = self._bullet_item(li, self.head_ctx)
                    for text in sub:
                        if not self._field_of(action, text):
                            action.details.append(text)
                    sec.items.append(action)
                continue
            if isinstance(b, (Paragraph, Heading)) and _PROGRAMME_LABEL.match(text.strip()):
                report_skipped()
                programme_title = re.sub(r"\s*:\s*$", "", text.strip())
                session_sec = None
                continue
            if isinstance(b, (Paragraph, Heading)) and self._is_day_header(text) and isinstance(s.peek(), TableRow):
                current_day = text.strip()  # the day of the programme table that follows
                continue
            if (
                self._is_slot(b)
                and current_day is not None
                and (programme_title or session_sec or (current_day == event_day and self._is_slot(s.peek())))
                and self._is_day_header(current_day)
            ):
                # Time slots of a one-day event, under "Programme": the day is the event's.
                s.i -= 1
                b = Paragraph(current_day, location=b.location)
                text = current_day
            if isinstance(b, (Paragraph, Heading)) and self._is_day_header(text) and self._is_slot(s.peek()):
                # "Day 1 – 14 May 2026" and its time slots: each slot is a session on that day.
                report_skipped()
                if session_sec is None:
                    session_sec = _Section(title=programme_title, location=b.location)
                    self.sections.append(session_sec)
                while self._is_slot(s.peek()):
                    slot = s.next()
                    assert isinstance(slot, (Paragraph, ListItem))
                    m = _TIME_SLOT.match(slot.text.strip())
                    assert m is not None
                    item = _Item(
                        ItemKind.SESSION, m.group("title"), slot.location, when_raw=f"{text.strip()}, {m.group('time')}"
                    )
                    if isinstance(slot, ListItem):
                        while isinstance(nested := s.peek(), ListItem) and nested.level > slot.level:
                            s.next()
                            item.details.append(nested.text)
                    session_sec.items.append(item)
                after_session, last_day = True, text.strip()
                continue
            if isinstance(b, Paragraph) and self._is_date_line(text):
                nxt = s.peek()
                if (
                    isinstance(nxt, (Paragraph, Heading))
                    and not self._is_date_line(nxt.text)
                    and not _OUTPUTS_LABEL.match(nxt.text)
                    and not _OBJECTIVES_LABEL.match(nxt.text)
                ):
                    report_skipped()
                    if session_sec is None:
                        session_sec = _Section(title=programme_title, location=b.location)
                        self.sections.append(session_sec)
                    title_block = s.next()
                    assert title_block is not None
                    item = _Item(ItemKind.SESSION, _text(title_block), title_block.location, when_raw=text)
                    while isinstance(s.peek(), Paragraph):
                        p = s.peek()
                        assert isinstance(p, Paragraph)
                        if self._is_date_line(p.text) or self._starts_part(p.text) or s.gap_before_next() >= 2:
                            break
                        s.next()
                        item.details.append(p.text)
                    session_sec.items.append(item)
                    lab = s.peek()
                    if (
                        isinstance(lab, (Paragraph, Heading))
                        and (_OUTPUTS_LABEL.match(lab.text) or _SESSION_RESULTS_LABEL.match(lab.text))
                        and isinstance(s.peek(offset=1), ListItem)
                    ):
                        s.next()
                        for li, sub in self._take_list(s):
                            out = self._output(li, text, sub)
                            out.part_of = item
                            session_sec.outputs.append(out)
                    after_session, last_day = True, None
                    continue
            if (
                isinstance(b, (Paragraph, Heading))
                and _OUTPUTS_LABEL.match(text.strip())
                and isinstance(s.peek(), ListItem)
            ):
                report_skipped()
                target = session_sec
                if target is None:
                    target = _Section(title=re.sub(r"\s*:\s*$", "", text.strip()), location=b.location)
                    self.sections.append(target)
                # Right after a session (or a day's sessions), the outputs are that segment's: they take its day
                # (or the session's time) and are shown with it.
                segment = target.items[-1] if just_after and target is session_sec and target.items else None
                if segment is not None and last_day is not None and not self._day_ahead(s):
                    segment = None  # after the last day's time slots: the outputs of the whole event
                for li, sub in self._take_list(s):
                    out = self._output(li, last_day if segment is not None else None, sub)
                    out.part_of = segment
                    target.outputs.append(out)
                continue
            if isinstance(b, TableRow):
                header = _table_header(b.cells)
                if header is not None and "when" in header.roles:
                    report_skipped()
                    session_sec = _Section(title=programme_title, location=b.location)
                    self.sections.append(session_sec)
                    last: _Item | None = None
                    while isinstance(s.peek(), TableRow):
                        row = s.next()
                        assert isinstance(row, TableRow)
                        last = self._row(session_sec, row, header, last)
                    for it in session_sec.items:
                        it.kind = ItemKind.SESSION
                        if it.when_raw and _CLOCK_ONLY.match(it.when_raw) and current_day:
                            it.when_raw = f"{current_day}, {it.when_raw}"  # "09:30–11:00" on the event's day
                    after_session, last_day = bool(session_sec.items), current_day
                    continue
                cells = " | ".join(c.strip() for c in b.cells if c.strip())
                self.problems.append(Problem(f"table row not read as part of the plan: {cells!r}", b.location, "table"))
                continue
            if isinstance(b, (Paragraph, ListItem, Heading)):
                skipped.append(b)
        report_skipped()

    def _session_block(self, b: Block, s: _Stream, at: int = 0) -> bool:
        """A time line ("09:00 - 12:00", "All day"), a title, then the session's fields with an organiser or
        speaker among them."""
        if not (isinstance(b, Paragraph) and (_CLOCK_ONLY.match(b.text) or _ALL_DAY.match(b.text))):
            return False
        if not isinstance(s.peek(offset=at), Paragraph):
            return False
        for k in (at + 1, at + 2, at + 3):
            nxt = s.peek(offset=k)
            if self._owner_field(nxt):
                return True
            if not (isinstance(nxt, Paragraph) and _LABELLED.match(nxt.text)):
                return False
        return False

    def _starts_part(self, text: str) -> bool:
        """A paragraph that opens the next part of an event document, so it cannot be a detail of a track."""
        t = text.strip()
        return bool(
            _OBJECTIVES_LABEL.match(t)
            or _OUTPUTS_LABEL.match(t)
            or _PROGRAMME_LABEL.match(t)
            or _TRACKS_LABEL.match(t)
            or self._is_day_header(t)
        )

    def _day_ahead(self, s: _Stream) -> bool:
        """Whether another day of the programme follows (so what stands here belongs to the day before it)."""
        return any(
            isinstance(b, (Paragraph, Heading)) and self._is_day_header(b.text) for b in s.blocks[s.i : s.i + 200]
        )

    def _is_slot(self, b: Block | None) -> bool:
        return isinstance(b, (Paragraph, ListItem)) and bool(_TIME_SLOT.match(b.text.strip()))

    def _is_day_header(self, text: str) -> bool:
        """ "Day 1 – 14 May 2026", "Thursday, 14 May 2026", "Jour 2 : 15 mai": one day, with at most its label."""
        text = re.sub(r"^(?:day|jour|journée|tag|d[ií]a)\s+\d{1,2}\s*[:,.–—-]?\s*", "", text.strip(), flags=re.I)
        # A day without its year ("Monday 3 June", "June 3, Monday") takes the document's year.
        return self._is_date_line(text) or self._day_line(text) is not None

    def _output(self, li: ListItem, day: str | None, details: list[str]) -> _Item:
        """An output of a session takes the session's day; one that states its own time ("(by June)") keeps it."""
        m = re.search(r"\s*\(([^()]+)\)\s*$", li.text)
        if m and _find_when(m.group(1), self.head_ctx) is not None:
            out = _Item(ItemKind.OUTPUT, li.text[: m.start()].rstrip(), li.location, when_raw=m.group(1).strip())
        else:
            out = _Item(ItemKind.OUTPUT, li.text, li.location, when_raw=day)
        out.details.extend(details)
        return out

    def _previous_heading(self, b: Block) -> str | None:
        idx = self.blocks.index(b)
        j = idx - 1
        while j >= 0 and isinstance(self.blocks[j], Blank):
            j -= 1
        if j >= 0 and isinstance(heading := self.blocks[j], Heading):
            return heading.text
        return None

    def _take_list(self, s: _Stream) -> list[tuple[ListItem, list[str]]]:
        """The items of a list, each with the texts of the bullets nested under it (its details)."""
        out: list[tuple[ListItem, list[str]]] = []
        while isinstance(s.peek(), ListItem):
            li = s.next()
            assert isinstance(li, ListItem)
            if li.level > 0 and out:
                out[-1][1].append(li.text)
                continue
            out.append((li, []))
        return out

    def _gather_list(self, s: _Stream, sec: _Section, kind: ItemKind) -> None:
        parent: _Item | None = None
        first_marker: str | None = None
        while isinstance(s.peek(), ListItem):
            nxt = s.peek()
            assert isinstance(nxt, ListItem)
            if nxt.level == 0 and (nxt.marker in _THEME_MARKERS or (first_marker and nxt.marker != first_marker)):
                break  # a list with other markers ("❑ tracks") is the next part of the document
            li = s.next()
            assert isinstance(li, ListItem)
            if li.level == 0:
                first_marker = first_marker or li.marker
            if li.level > 0 and parent is not None:
                parent.details.append(li.text)
                continue
            parent = _Item(kind, li.text, li.location)
            sec.items.append(parent)

    def _is_date_line(self, text: str) -> bool:
        text = text.strip()
        if len(text) > 50 or not re.search(r"\d", text):
            return False
        tf = _parse_when(text, self.context_arg)
        return tf.start is not None and tf.precision in (Precision.DAY, Precision.DAYS) and not tf.note.strip()

    # times, owners, the Draft ---------------------------------------------------------------------------
    def finish(self, head: _Head, kind: PlanKind) -> Draft:
        draft = Draft(
            source=self.source,
            kind=kind,
            title=head.title,
            subtitle=head.subtitle,
            theme=head.theme,
            chair=head.chair,
            status=head.status,
            version_label=head.version,
            preamble=[*head.preamble, *self.record_lines],
        )
        if (named := self._plan_heading(head, kind)) is not None:
            # "# Northern Network" then "# Work Programme 2027": the plan is named by the second heading; the
            # first (who wrote it) stays with the document's header.
            draft.title = named
            draft.preamble.insert(0, head.title)
        self._date_clock_times(head)
        self._attach_outputs()
        days = [tf for _w, tf in head.days if tf.start is not None]
        day_span = (
            Timeframe(
                text=" – ".join(w for w, _tf in head.days),
                start=days[0].start,
                end=days[-1].end or days[-1].start,
                precision=Precision.DAYS,
            )
            if len(days) > 1
            else None
        )
        period = (
            head.period
            or head.title_period
            or ((day_span or head.day[1]) if kind == PlanKind.EVENT and head.day else None)
        )
        plan_ctx: Context | None = None
        if period is not None and period.start and period.end:
            plan_ctx = Context(period.start, period.end)
        elif self.context_arg is not None:
            plan_ctx = self.context_arg
        else:
            spans = [sec.context for sec in self.sections if sec.context is not None]
            if spans:
                plan_ctx = Context(min(c.start for c in spans), max(c.end for c in spans))
            elif (hint := self._year_hint()) is not None:
                plan_ctx = None if kind == PlanKind.EVENT else Context.year(hint)
        for sec in self.sections:
            ctx: Context | int | None = sec.context or plan_ctx or self._year_hint()
            if sec.milestones:
                raws = [it.when_raw for it in sec.items if it.when_raw]
                tfs = iter(_parse_sequence(raws, self.doc(plan_ctx or ctx))) if raws else iter([])
                for it in sec.items:
                    if it.when_raw:
                        it.timeframe = next(tfs, None)
                        if it.deadline:  # a Target date / Due column: the step's date is its deadline
                            it.timeframe = _parse_when(it.when_raw, self.doc(plan_ctx or ctx), deadline_column=True)
                steps = _spans(it.timeframe for it in sec.items)
                if steps and sec.context is None:
                    sec.context = Context(min(a for a, _ in steps), max(b for _, b in steps))
                for it in sec.items:
                    if it.has_who_column:
                        continue  # an owner cell always wins: "milestone" names the kind, never the owner
                    who = who_from_text(it.what)
                    if not who.owners and (found := agent_in_text(it.what)) is not None:
                        who = found[0]  # "… durch das Sekretariat", "Ana to draft …"
                    it.owners = who.owners
                    it.who_raw = who.raw
            else:
                cache: dict[str, Timeframe] = {}
                for it in [*sec.items, *sec.outputs]:
                    if it.when_raw and it.timeframe is None:
                        key = f"{it.when_raw}\x00{it.deadline}"
                        if key not in cache:
                            cache[key] = _parse_when(it.when_raw, self.doc(ctx), deadline_column=it.deadline)
                        it.timeframe = cache[key]
        if plan_ctx is None and kind == PlanKind.EVENT:
            item_days = _spans(it.timeframe for sec in self.sections for it in sec.items)
            if item_days:
                plan_ctx = Context(min(a for a, _ in item_days), max(b for _, b in item_days))
        if plan_ctx is not None:
            draft.period_start, draft.period_end = plan_ctx.start, plan_ctx.end
        self._discussion_points(head)
        lead = self._lead_agents([*head.preamble, head.theme or ""])
        for part in self.sections:
            if not part.items and lead is None:
                lead = self._lead_agents(part.narrative)
            own = self._lead_agents(part.narrative) if part.items else None
            self.lead_owner = own or lead
            if not (part.number or part.title or part.narrative or part.items or part.outputs):
                continue  # a header row that opened a section before its Priority column named one
            out = DraftSection(
                number=part.number,
                title=part.title,
                narrative=collapse(" ".join(part.narrative)) or None,
                context=part.context if (part.context and (part.title is not None or part.milestones)) else None,
                location=part.location,
                narrative_parts=_narrative_parts(part),
            )
            made = [*part.items, *part.outputs]
            index = {id(it): i for i, it in enumerate(made)}
            for it in made:
                di = self._draft_item(it)
                if it.part_of is not None:
                    di.part_of = index.get(id(it.part_of))
                out.items.append(di)
            draft.sections.append(out)
        draft.footnotes = self.footnotes
        for done in draft.sections:
            for url in find_urls(done.narrative or ""):
                self._link(url)
            for item in done.items:
                for url in find_urls(item.what):
                    self._link(url)
        draft.links = self.links
        draft.problems = self.problems
        return draft

    def _plan_heading(self, head: _Head, kind: PlanKind) -> str | None:
        """The heading that names the plan when the title line does not: the one unnumbered heading of the
        title's own level that names a work programme or strategic priorities with its year ("Strategic
        priorities 2027" beside "Northern Network"). A heading below the title is a section of it, and several
        such headings ("… 2026", "… 2027") are the plan's parts."""
        if kind == PlanKind.EVENT or head.title_level is None or head.subtitle or not head.title:
            return None
        if _WP_TITLE.search(head.title) or _SP_WORDS.search(head.title):
            return None
        named = [
            sec.title
            for sec in self.sections
            if sec.title
            and not sec.number
            and sec.level == head.title_level
            and (_WP_TITLE.search(sec.title) or _SP_WORDS.search(sec.title))
            and (_YEAR.search(sec.title) or _calendar_words(sec.title))
        ]
        return named[0] if len(named) == 1 else None

    def _attach_outputs(self) -> None:
        """An output without a time of its own takes the time of the session it comes out of (once the session's
        clock time has its day)."""
        for sec in self.sections:
            for out in sec.outputs:
                if out.when_raw is None and out.part_of is not None and out.part_of.when_raw:
                    out.when_raw = out.part_of.when_raw

    def _discussion_points(self, head: _Head) -> None:
        """Minutes with a list of action items: the bullets of the other parts that name no doer, no time and
        no ACTION tag are the discussion ("General agreement in principle"), kept as their part's narrative
        and listed as a problem, not items."""
        if not _MINUTES_TITLE.search(f"{head.title or ''} {head.subtitle or ''}"):
            return
        listed = [sec for sec in self.sections if sec.title and _ACTIONS_HEADING.match(sec.title.strip()) and sec.items]
        if not listed:
            return
        for sec in self.sections:
            if sec in listed:
                continue
            kept: list[_Item] = []
            for it in sec.items:
                if (
                    it.kind == ItemKind.ACTION
                    and not it.has_who_column
                    and it.who_raw is None
                    and it.when_raw is None
                    and not action_tag(it.what)
                    and agent_in_text(it.what) is None
                ):
                    sec.narrative.append(it.what)
                    self.problems.append(
                        Problem(
                            f"discussion point of the minutes, not an action (the actions are listed under "
                            f"{listed[0].title!r}): {it.what!r}",
                            it.location,
                            "text",
                        )
                    )
                    continue
                kept.append(it)
            sec.items = kept

    def _lead_agents(self, texts: Sequence[str]) -> tuple[str, list[str]] | None:
        """(words, owners) of a sentence that says who carries out the actions ("Les actions sont portées par
        le pôle X, avec l’appui des missions A et B"): each body it names, lead and support."""
        for text in texts:
            m = _ACTIONS_CARRIED_BY.search(text) or _ACTIONS_CARRIED_BY_DE.search(text)
            if m is None:
                continue
            raw = collapse(m.group("who")).strip(" ,")
            owners: list[str] = []
            for part in _LEAD_AGENT_SPLIT.split(raw):
                name = _LEAD_AGENT_FILLER.sub("", part.strip(" ,")).strip()
                if name and len(name.split()) <= 8 and name.lower() not in {o.lower() for o in owners}:
                    owners.append(name)
            if owners:
                return raw, owners
        return None

    def _event_day(self, head: _Head) -> str | None:
        """The day of a one-day programme: a date line of the head, or a dated fact of a record table. When
        the head lists several days and the sessions do not say which is theirs, the span of the days."""
        if len(head.days) > 1:
            return f"{head.days[0][0]} – {head.days[-1][0]}"
        if head.day is not None:
            return head.day[0]
        for line in self.record_lines:
            if (day := self._day_in(line.split(":", 1)[-1].strip())) is not None:
                return day[0]
        return None

    def _date_clock_times(self, head: _Head) -> None:
        """Sessions timed by the hour only ("10:30") take the programme's day: the document-level event day."""
        timed = [
            it
            for sec in self.sections
            for it in sec.items
            if it.when_raw and (_CLOCK_ONLY.match(it.when_raw) or _ALL_DAY.match(it.when_raw))
        ]
        if not timed or (day := self._event_day(head)) is None:
            return
        for it in timed:
            it.when_raw = day if _ALL_DAY.match(it.when_raw or "") else f"{day}, {it.when_raw}"
            it.kind = ItemKind.SESSION if it.kind == ItemKind.ACTION else it.kind

    def _draft_item(self, it: _Item) -> DraftItem:
        tf = it.timeframe
        if (
            not it.has_who_column
            and it.who_raw is None
            and it.kind == ItemKind.SESSION
            and (found := speaker_in_session(it.what)) is not None
        ):
            # A programme's "Title – Speaker", "Title, Dr. Name", "Title (chair: Name)".
            who_found, it.what = found
            it.who_raw, it.owners = who_found.raw, who_found.owners
        if (
            not it.has_who_column
            and it.who_raw is None
            and it.kind in _AGENT_KINDS
            and (found := agent_in_text(it.what)) is not None
        ):
            # No owner cell: the doer the text names ("ACTION (RP + JG): …", "Ana: …", "Mira to …").
            who_found, it.what = found
            it.who_raw, it.owners = who_found.raw, who_found.owners
        if (
            not it.has_who_column
            and it.who_raw is None
            and not it.owners
            and it.kind in _AGENT_KINDS
            and self.lead_owner is not None
        ):
            # Nobody named in the item: the doers a lead sentence names for the actions ("The actions are
            # led by …").
            it.who_raw, it.owners = self.lead_owner
        if not it.has_who_column:
            owners, open_call = list(it.owners or []), False
            who_raw = it.who_raw
        else:
            who = parse_who(it.who_raw, self.known)
            owners, open_call, who_raw = who.owners, who.open_call, it.who_raw
        if it.when_raw and tf is not None and not tf.understood and not tf.tentative:
            self.problems.append(Problem(f"time not understood: {it.when_raw!r}", it.location, "when"))
        return DraftItem(
            kind=it.kind,
            what=collapse(it.what),
            who_raw=who_raw,
            owners=owners,
            open_call=open_call,
            when_raw=it.when_raw,
            timeframe=tf,
            tentative=bool((tf is not None and tf.tentative) or _doubtful(it.what)),
            details=collapse(" ".join(it.details)) or None,
            location=it.location,
            status=it.status,
            status_raw=it.status_raw,
        )
