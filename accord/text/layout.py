"""Blocks -> Draft: find the title, period, theme, chair, sections and items of a planning document.

The rules recognise structure, not particular files: a What/Who/When table is found by its header words in
any order, a process timeline by its dated steps, an event programme by its objectives, tracks and dated
sessions. The field-by-field reading follows docs/import-formats.md (and shared/design/domain.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from accord.text.draft import Draft, DraftItem, DraftSection, ItemKind, Location, PlanKind, Problem
from accord.text.readers.blocks import (
    SECTION_LABEL_WORDS,
    Blank,
    Block,
    Footnote,
    Heading,
    ListItem,
    Paragraph,
    Table,
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
from accord.text.who import parse_who, who_from_text

__all__ = ["build_draft", "import_text"]


# --- time: a thin, tolerant layer over accord.text.when ------------------------------------------------

def _parse_when(text: str, context: Context | int | None, *, deadline_column: bool = False) -> Timeframe:
    from accord.text import when

    return when.parse_when(text, context, deadline_column=deadline_column)


def _find_when(text: str, context: Context | int | None) -> Timeframe | None:
    """The time a free-text segment holds, or None when it holds none."""
    from accord.text import when

    finder = getattr(when, "find_when", None)
    if finder is not None:
        found = finder(text, context)
        if found is None:
            return None
        # when.find_when gives Found(timeframe, phrase); accept a bare Timeframe too.
        tf = found if isinstance(found, Timeframe) else getattr(found, "timeframe", None)
        return tf if isinstance(tf, Timeframe) else _parse_when(text, context)
    tf = _parse_when(text, context)
    return tf if tf.understood else None


def _parse_sequence(texts: list[str], context: Context | int | None) -> list[Timeframe]:
    from accord.text import when

    return list(when.parse_sequence(texts, context))


# --- words that carry structure ----------------------------------------------------------------------------

_HEADER_ROLES: dict[str, tuple[str, ...]] = {
    "what": ("what", "activity", "activities", "action", "actions", "task", "tasks", "milestone", "milestones",
             "item", "items", "deliverable", "deliverables", "description", "measure", "measures",
             "initiative", "initiatives", "topic", "work item", "what will be done", "output", "outputs"),
    "who": ("who", "lead", "leads", "leader", "responsible", "owner", "owners", "person responsible",
            "responsibility", "responsibilities", "partner", "partners", "contact", "by whom", "in charge",
            "lead partner", "lead organisation", "lead organization", "organisation", "organization",
            "responsible person", "who leads"),
    "when": ("when", "date", "dates", "timeline", "timing", "deadline", "target date", "due", "due date",
             "period", "time", "schedule", "by when", "timeframe", "time frame", "planned date", "month"),
    "notes": ("notes", "note", "comments", "comment", "remarks", "details"),
    # A Status column (Accord's own exports have one) gives the item's status when its words are one.
    "status": ("status", "state", "progress", "statut", "état", "stand", "estado"),
}
# The same roles in French, German and Spanish ("Quoi ? / Qui ? / Quand ?", "Was? / Wer? / Wann?",
# "¿Qué? / ¿Quién? / ¿Cuándo?").
_HEADER_ROLES["what"] += (
    "quoi", "activité", "activités", "tâche", "tâches", "mesure", "livrable", "livrables", "étape", "étapes",
    "was", "maßnahme", "massnahme", "maßnahmen", "aktivität", "aktivitäten", "aufgabe", "aufgaben", "vorhaben",
    "schritt", "schritte", "meilenstein", "meilensteine",
    "qué", "que", "actividad", "actividades", "acción", "acciones", "tarea", "tareas", "medida", "hito", "hitos",
    "etapa", "etapas", "paso", "pasos", "step", "steps", "stage", "stages", "phase", "phases")
_HEADER_ROLES["who"] += (
    "qui", "responsable", "responsables", "pilote", "porteur", "chef de file", "partenaires",
    "wer", "verantwortlich", "verantwortung", "zuständig", "zuständigkeit", "federführung", "partner",
    "quién", "quien", "responsables", "socios", "encargado", "lead by", "led by")
_HEADER_ROLES["when"] += (
    "quand", "calendrier", "échéance", "échéancier", "date limite", "délai", "période",
    "wann", "zeitraum", "zeitplan", "termin", "frist", "bis wann", "datum",
    "cuándo", "cuando", "plazo", "fecha", "fechas", "calendario", "período", "periodo")
# Event programmes: "Time | Session | Speakers".
_HEADER_ROLES["what"] += ("session", "sessions", "title", "agenda item", "programme item", "séance", "thema",
                          "sesión")
_HEADER_ROLES["who"] += ("speaker", "speakers", "moderator", "moderators", "moderation", "panellists", "panelists",
                         "facilitator", "host", "organiser", "organizer", "intervenants", "intervenant",
                         "referent", "referenten", "ponentes", "ponente")
_HEADER_ROLES["when"] += ("heure", "horaire", "uhrzeit", "zeit", "hora", "horario")
_HEADER_ROLES["notes"] += ("remarques", "commentaires", "observations", "bemerkungen", "anmerkungen",
                           "observaciones", "notas")
_DEADLINE_HEADERS = {"deadline", "due", "due date", "target date", "by when", "échéance", "date limite", "frist",
                     "bis wann", "plazo", "fecha límite"}
_CLOCK_HEADERS = {"time", "times", "hour", "hours", "heure", "horaire", "uhrzeit", "zeit", "hora", "horario"}
# A table whose What column is headed "Step" / "Milestone" is a process timeline: its rows are milestones.
_MILESTONE_HEADERS = {"step", "steps", "stage", "stages", "phase", "phases", "milestone", "milestones", "étape",
                      "étapes", "schritt", "schritte", "meilenstein", "meilensteine", "hito", "hitos", "etapa",
                      "etapas", "paso", "pasos"}
_SECTION_LABEL = re.compile(rf"^{SECTION_LABEL_WORDS}(?:\s+(?:\d{{1,2}}|[IVX]{{1,5}}|(?-i:[A-H])))?\s*[:.–—-]\s+", re.I)
_WP_TITLE = re.compile(
    r"work\s*-?\s*(?:programme|program|plan)|action\s+plan|programme\s+of\s+work|plan\s+of\s+action|"
    r"arbeitsprogramm|programme\s+de\s+travail|programa\s+de\s+trabajo|roadmap", re.I)
_SP_WORDS = re.compile(r"strategic\s+priorit|priorities|strategy|strategie|stratégi|prioritäten", re.I)
_EVENT_TITLE = re.compile(
    r"\b(?:dialogue|conference|summit|forum|symposium|workshop|congress|meeting|convention|colloquium|"
    r"assembly|week|days|festival|seminar|webinar|ministerial)\b", re.I)
_OBJECTIVES_LABEL = re.compile(r"^(?:objectives?|goals?|aims?|purposes?|expected\s+results?)\s*:?$", re.I)
_PROGRAMME_LABEL = re.compile(
    r"^(?:(?:the\s+)?programme|program|agenda|schedule|sessions|programme\s+at\s+a\s+glance|draft\s+agenda"
    r"|ordre\s+du\s+jour|programme\s+détaillé|tagesordnung|ablauf|programa|orden\s+del\s+día|agenda\s+provisional)"
    r"\s*:?$", re.I)
# "09:30–11:00 Opening session", "9.30 - 11.00: Panel", "14h00–15h30 Atelier", "10:00 Welcome".
_TIME_SLOT = re.compile(
    r"^(?P<time>\d{1,2}[:.h]\d{2}(?:\s*(?:[-–—]|to|bis|à|a)\s*\d{1,2}[:.h]\d{2})?(?:\s*(?:am|pm|h))?)"
    r"\s*(?:[:|–—-]\s*)?(?P<title>\S.*)$", re.I)
_TRACKS_LABEL = re.compile(
    r"^(?:thematic\s+(?:tracks?|areas?|strands?|pillars?)|tracks|themes|streams|thematic\s+focus|topics"
    r"|axes(?:\s+thématiques)?|thèmes|volets\s+thématiques|themen(?:felder|bereiche)?|ejes(?:\s+temáticos)?"
    r"|líneas\s+temáticas|temas)\s*:?$", re.I)
_CLOCK_ONLY = re.compile(r"^\s*\d{1,2}[:.h]\d{2}(?:\s*(?:[-–—]|to|bis|à|a)\s*\d{1,2}[:.h]\d{2})?\s*(?:am|pm|h)?\s*$",
                         re.I)
_FOLLOW_UP_LABEL = re.compile(
    r"^(?:follow[\s-]?up|next\s+steps|action\s+points|actions|preparations?|to\s+do|tasks|suivi|prochaines\s+étapes"
    r"|nächste\s+schritte|vorbereitung|seguimiento|próximos\s+pasos|preparación)\s*:?$", re.I)
_OUTPUTS_LABEL = re.compile(r"^(?:outputs?|outcomes?|deliverables?|expected\s+outputs?|results?)\s*:?$", re.I)
_THEME_MARKERS = {"❑", "□", "■", "▪", "➢", "►"}
_THEME_LINE = re.compile(r"^(?:guiding\s+theme|theme|motto|leitmotiv|leitmotif|slogan|thème(?:\s+directeur)?|devise"
                         r"|leitthema|leitmotto|motto|lema|tema(?:\s+central)?)\s*:\s*(.+)$", re.I)
_CHAIR_LINE = re.compile(
    r"^(?:chaired\s+by|chair(?:ed)?|chairs|chairing|chairmanship|chair\s+organisation|presidency|presided\s+by"
    r"|présidence|présidé(?:e)?\s+par|sous\s+la\s+présidence\s+de|vorsitz|unter\s+(?:dem\s+)?vorsitz\s+von"
    r"|presidencia|presidida\s+por|bajo\s+la\s+presidencia\s+de)\s*:?\s+(.+)$", re.I)
_PERIOD_LINE = re.compile(
    r"^(?:period|period\s+covered|duration|timeframe|time\s+frame|période|période\s+couverte|durée|zeitraum"
    r"|laufzeit|periodo|período|duración|vigencia)\s*:\s*(.+)$", re.I)
_STATUS_LINE = re.compile(r"^status\s*:\s*(.+)$", re.I)
_VERSION = re.compile(r"(?:\bn[°º]|\bno\.|\bnr\.|#)\s*(\d+)|\b(?:version|v\.?)\s*(\d+(?:\.\d+)?)\b", re.I)
_DRAFT = re.compile(r"\b(?:draft|entwurf|projet|borrador|proposal)\b", re.I)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_YEAR_SPAN = re.compile(r"(?<![\d/.])(?:19|20)\d{2}\s*[-–—/]\s*(?:(?:19|20)\d{2}|\d{2})(?![\d/.-])")
_MONTHS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b|\b(?:spring|summer|autumn|fall|winter)"
    r"\b|\bQ[1-4]\b|\bH[12]\b|\bsemester\b", re.I)
_ARROW = re.compile(r"\s*(?:→|->|⇒|➔|➝)\s*")
_DOUBT_WHAT = re.compile(
    r"\((?:\s*(?:tbc|tbd|to be confirmed|to be decided|tentative|provisional|possibly|maybe|\?|à confirmer"
    r"|a confirmer|à définir|provisoire|zu bestätigen|vorläufig|tbd\.|por confirmar|a confirmar|provisional"
    r"|por definir)\s*\??\s*)\)"
    r"|^\s*(?:éventuel(?:le)?(?:ment)?|possiblement|eventuell|möglicherweise|posible(?:mente)?|quizás)\b"
    r"|^\s*(?:potential(?:ly)?|possibl[ey]|tentative(?:ly)?|maybe|perhaps|eventually)\b|\benvisag(?:ed?|ing)\b"
    r"|\(\s*(?:if|when)\s+(?:possible|feasible|funded)\s*\)", re.I)
_STATEMENT_START = re.compile(
    r"^(?:the|this|these|those|it|we|our|they|there|all|each|every|such|its|their|in\s+\w+,)\b", re.I)
_STATEMENT_VERB = re.compile(
    r"\b(?:is|are|was|were|do|does|did|will|can|could|should|must|may|provide|provides|represent|represents|"
    r"mean|means|involve|involves|remain|remains|has|have|aim|aims|serve|serves|continue|continues|prevails?)\b",
    re.I)
_TIMELINE_TITLE = re.compile(
    r"\b(?:timeline|time\s+line|consultation|process|roadmap|road\s+map|milestones?|steps|calendar|schedule|"
    r"next\s+steps|procedure)\b", re.I)
_ITEM_LABEL = re.compile(
    r"^(?:activities|actions|planned\s+activities|planned\s+actions|tasks|what\s+we\s+will\s+do|measures|"
    r"deliverables|work\s+plan|key\s+actions|priorities|initiatives)\s*:?$", re.I)
_LEADING_TIME = re.compile(r"^(?P<when>[^:–—]{3,40}?)(?:\s+[–—-]\s+|\s*:\s+)(?P<what>\S.*)$")
_FIELD = re.compile(r"^\s*([^:;()]{2,30}?)\s*:\s*(\S.*)$")
_FIELDS_IN_PARENS = re.compile(r"\s*\(([^()]{3,200})\)\s*$")
_DASH_SEP = re.compile(r"\s+[–—-](?:\s+|$)")
_DASH_CELL = re.compile(r"^[-–—_.\s]*$")
_QUOTES = "\"'“”„«»‘’"


def _strip_quotes(text: str) -> str:
    text = text.strip()
    while len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text


_WORK_WORDS = re.compile(
    r"\b(?:actions?|activities|activités|tasks?|tâches|deliverables?|livrables|milestones?|steps|étapes"
    r"|maßnahmen|aktivitäten|aufgaben|schritte|acciones|actividades|tareas|hitos|pasos)\b", re.I)


def _introduces_narrative(text: str) -> bool:
    """ "… the implementation of:", "Le réseau propose :" introduce points of the narrative; "Key actions for
    2027:" introduces the section's items."""
    return len(re.findall(r"\w+", text)) >= 3 and not _WORK_WORDS.search(text)


def _doubtful(what: str) -> bool:
    return bool(_DOUBT_WHAT.search(what))


def _header_word(cell: str) -> str:
    return " ".join(re.sub(r"[?:*.!¿¡]+", " ", cell).strip().lower().split())


# A column naming the priority each row belongs to: one table for the whole programme.
_SECTION_COLUMN = re.compile(rf"^{SECTION_LABEL_WORDS}(?:\s*(?:/|and|&)\s*\w+)?$", re.I)


def _header_role(cell: str) -> str | None:
    word = _header_word(cell)
    if not word:
        return None
    if _SECTION_COLUMN.match(word) and word not in _HEADER_ROLES["what"]:
        return "section"
    for role, words in _HEADER_ROLES.items():
        if word in words:
            return role
    for role, words in _HEADER_ROLES.items():
        if any(re.fullmatch(rf"{re.escape(w)}(?:\s*\(.*\))?|(?:\w+\s+)?{re.escape(w)}", word) for w in words
               if len(w) > 3):
            return role
    return None


@dataclass(slots=True)
class _Columns:
    roles: dict[str, int]
    deadline: bool = False
    milestones: bool = False


def _table_header(cells: list[str]) -> _Columns | None:
    roles: dict[str, int] = {}
    deadline = milestones = False
    for i, cell in enumerate(cells):
        role = _header_role(cell)
        if role and role not in roles:
            roles[role] = i
            if role == "when":
                deadline = _header_word(cell) in _DEADLINE_HEADERS
            if role == "what":
                milestones = _header_word(cell) in _MILESTONE_HEADERS
    if "what" in roles and ("who" in roles or "when" in roles):
        return _Columns(roles, deadline, milestones)
    if "who" in roles and "when" in roles and len(cells) >= 3:
        # The action column sometimes carries the priority's name instead of "What".
        free = next((i for i in range(len(cells)) if i not in roles.values()), None)
        if free is None and "section" in roles:
            free = roles.pop("section")
        if free is None:
            return None
        roles["what"] = free
        return _Columns(roles, deadline)
    return None


# --- the raw structure, before times are read ------------------------------------------------------------

@dataclass(slots=True)
class _Item:
    kind: ItemKind
    what: str
    location: Location
    who_raw: str | None = None
    has_who_column: bool = False
    when_raw: str | None = None
    deadline: bool = False
    details: list[str] = field(default_factory=list)
    continued: bool = False
    timeframe: Timeframe | None = None
    owners: list[str] | None = None
    status: str | None = None
    status_raw: str | None = None


@dataclass(slots=True)
class _Section:
    number: str | None = None
    title: str | None = None
    narrative: list[str] = field(default_factory=list)
    context: Context | None = None
    items: list[_Item] = field(default_factory=list)
    outputs: list[_Item] = field(default_factory=list)
    location: Location = field(default_factory=Location)
    milestones: bool = False
    level: int | None = None
    key: str | None = None  # the Priority cell that opened it, in a one-table programme


def _expand(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    for b in blocks:
        if isinstance(b, Table):
            out.extend(b.to_rows())
            out.append(Blank(location=b.location))
        else:
            out.append(b)
    return out


def _text(b: Block) -> str:
    if isinstance(b, (Heading, Paragraph, ListItem, Footnote)):
        return b.text
    if isinstance(b, TableRow):
        return " ".join(b.cells)
    return ""


class _Stream:
    """Blocks with a cursor; blank runs are kept so slide breaks can be told from paragraph breaks."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.i = 0

    def peek(self, skip_blank: bool = True, offset: int = 0) -> Block | None:
        j = self.i
        seen = 0
        while j < len(self.blocks):
            b = self.blocks[j]
            if skip_blank and isinstance(b, Blank):
                j += 1
                continue
            if seen == offset:
                return b
            seen += 1
            j += 1
        return None

    def gap_before_next(self) -> int:
        """Blank lines between the cursor and the next block."""
        j, gap = self.i, 0
        while j < len(self.blocks) and isinstance(blank := self.blocks[j], Blank):
            gap += blank.count
            j += 1
        return gap

    def skip_blank(self) -> None:
        while self.i < len(self.blocks) and isinstance(self.blocks[self.i], Blank):
            self.i += 1

    def next(self) -> Block | None:
        self.skip_blank()
        if self.i < len(self.blocks):
            b = self.blocks[self.i]
            self.i += 1
            return b
        return None

    def done(self) -> bool:
        self.skip_blank()
        return self.i >= len(self.blocks)


# --- the document head ------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Head:
    title: str = ""
    title_period: Timeframe | None = None
    version: str | None = None
    status: str | None = None
    period: Timeframe | None = None
    theme: str | None = None
    chair: str | None = None
    title_block: Block | None = None
    title_level: int | None = None
    subtitle: str | None = None
    preamble: list[str] = field(default_factory=list)
    day: tuple[str, Timeframe] | None = None  # a date line of the head: (its date words, their time)


def _head_field(text: str) -> bool:
    """A line of the document's head that names a field: theme, chair, status, period."""
    return bool(_THEME_LINE.match(text) or _CHAIR_LINE.match(text) or _STATUS_LINE.match(text)
                or _PERIOD_LINE.match(text))


def _calendar_words(text: str) -> bool:
    """Whether a text names months, seasons, quarters or halves, in any language the time reader knows."""
    from accord.text import when

    flags = when.MONTH | when.SEASON | when.QUARTER | when.HALF | when.QN | when.HN
    return any(when._LEX.get(w, (0, 0))[0] & flags for w in re.findall(r"[a-z0-9]+", when._fold(text.lower())))


def _is_period_text(text: str, context: Context | int | None) -> Timeframe | None:
    """A line that is nothing but a span of time ("July – December 2021", "January-June 2022")."""
    if len(text) > 60 or not (_calendar_words(text) or _YEAR.search(text)):
        return None
    tf = _parse_when(text, context)
    if tf.start is None or tf.end is None or tf.note.strip():
        return None
    if (tf.end - tf.start).days < 27:
        return None  # a single day under the title is the date of the document or meeting, not the plan's span
    return tf


def _title_parts(text: str, context: Context | int | None) -> tuple[str, Timeframe | None]:
    m = re.search(r"\s*\(([^()]{4,60})\)\s*$", text)
    if m and (_calendar_words(m.group(1)) or _YEAR.search(m.group(1))):
        tf = _parse_when(m.group(1), context)
        if tf.start is not None and tf.end is not None:
            return text[: m.start()].strip(), tf
    # "Work Plan July – December 2026", "Programme of Work, second half of 2026": a span of months ends it.
    for sep in re.finditer(r"(?:\s*[,:–—-]\s*|\s+)", text):
        tail = text[sep.end():]
        if sep.start() == 0 or not tail or not _calendar_words(tail):
            continue
        span = _is_period_text(tail, context)
        if span is not None:
            return text[: sep.start()].strip(), span
    return text, None


def _spans(timeframes: Iterable[Timeframe | None]) -> list[tuple[date, date]]:
    """(first day, last day) of each dated timeframe."""
    out: list[tuple[date, date]] = []
    for tf in timeframes:
        if tf is not None and tf.start is not None:
            out.append((tf.start, tf.end or tf.start))
    return out


def _year_context(text: str) -> Context | None:
    years = {int(y) for y in _YEAR.findall(text)}
    if len(years) == 1 and not _calendar_words(text):
        return Context.year(years.pop())
    return None


# --- kinds ------------------------------------------------------------------------------------------------

def _detect_kind(title: str, blocks: list[Block]) -> PlanKind:
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    if _WP_TITLE.search(title):
        return PlanKind.WORK_PROGRAMME
    if _SP_WORDS.search(title) or any(_SP_WORDS.search(h) for h in headings):
        return PlanKind.STRATEGIC_PRIORITIES
    event_signals = 0
    if _EVENT_TITLE.search(title):
        event_signals += 1
    if re.search(r"\(\s*\d{1,2}\s*(?:[-–]\s*\d{1,2}\s*)?[A-Za-z]+\.?\s+\d{4}\s*\)", title):
        event_signals += 1
    texts = [collapse(_text(b)) for b in blocks]
    if any(_OBJECTIVES_LABEL.match(t) for t in texts):
        event_signals += 1
    if any(_OUTPUTS_LABEL.match(t) for t in texts):
        event_signals += 1
    if any(isinstance(b, ListItem) and b.marker in _THEME_MARKERS for b in blocks):
        event_signals += 1
    if any(isinstance(b, (Paragraph, Heading)) and _PROGRAMME_LABEL.match(b.text.strip()) for b in blocks):
        event_signals += 1
    if sum(1 for b in blocks if isinstance(b, (Paragraph, ListItem)) and _TIME_SLOT.match(b.text.strip())) >= 2:
        event_signals += 1  # "09:30–11:00 Opening session": an agenda
    # A table with a Who column is a work programme's, unless its times are hours of a day (an agenda).
    has_who_table = any(isinstance(b, TableRow) and (h := _table_header(b.cells)) and "who" in h.roles
                        and not (h.roles.get("when") is not None
                                 and _header_word(b.cells[h.roles["when"]]) in _CLOCK_HEADERS)
                        for b in blocks)
    if event_signals >= 2 and not has_who_table:
        return PlanKind.EVENT
    if has_who_table or any(isinstance(b, Heading) and re.match(r"priority\b", b.text, re.I) for b in blocks):
        return PlanKind.WORK_PROGRAMME
    if event_signals >= 2:
        return PlanKind.EVENT
    return PlanKind.STRATEGIC_PRIORITIES if any(isinstance(b, ListItem) for b in blocks) else \
        PlanKind.WORK_PROGRAMME


# --- the builder -------------------------------------------------------------------------------------------

class _Builder:
    def __init__(self, blocks: Sequence[Block], source: str, context: Context | None) -> None:
        self.source = source
        self.context_arg = context
        self.footnotes: list[str] = []
        self.links: list[str] = []
        self.problems: list[Problem] = []
        kept: list[Block] = []
        for b in _expand(blocks):
            for url in b.links:
                self._link(url)
            if isinstance(b, Footnote):
                self.footnotes.append(b.text)
                continue
            kept.append(b)
        self.blocks = kept
        self.sections: list[_Section] = []
        # The context "→ when" segments are read in while the structure is found (a section's own year first).
        self.head_ctx: Context | int | None = context
        self.known: list[str] = []

    def _link(self, url: str) -> None:
        if url not in self.links:
            self.links.append(url)

    # head ----------------------------------------------------------------------------------------------
    def read_head(self, s: _Stream) -> _Head:
        head = _Head()
        first = s.peek()
        year_hint = self._year_hint()
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
        # A second line that names the kind of plan ("Programme of Work, second half of 2026") under a title
        # that does not is a subtitle: it tells the kind, and its span of months is the period.
        sub = s.peek(skip_blank=True)
        if (head.title and isinstance(sub, Paragraph) and len(sub.text) <= 120 and sub.style != "emphasis"
                and (_WP_TITLE.search(sub.text) or _SP_WORDS.search(sub.text))
                and not (_WP_TITLE.search(head.title) or _SP_WORDS.search(head.title))
                and not (_THEME_LINE.match(sub.text) or _CHAIR_LINE.match(sub.text))):
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
            if m := _THEME_LINE.match(text):
                head.theme = _strip_quotes(m.group(1))
            elif m := _CHAIR_LINE.match(text):
                head.chair = _strip_quotes(m.group(1))
            elif m := _STATUS_LINE.match(text):
                head.status = "draft" if _DRAFT.search(m.group(1)) else m.group(1).strip().lower()
            elif head.period is None and (tf := self._period_line(text, year_hint)):
                head.period = tf
            elif head.day is None and (day := self._day_in(text)) is not None:
                head.day = day  # "Vienna, 2 July 2026": the day of a one-day event (the line stays too)
                head.preamble.append(text)
            elif b.style == "emphasis" and head.theme is None and len(text) <= 300:
                head.theme = _strip_quotes(text)
            elif len(text) > 200 or len(s.blocks) - s.i < 3:
                break  # prose: the document has no head beyond its title
            else:
                head.preamble.append(text)
            s.next()
        return head

    def _bold_heading(self, b: Block, nxt: Block | None) -> bool:
        """A short, wholly bold line that opens prose, a table or a list: a heading typed without a heading style."""
        if not (isinstance(b, Paragraph) and b.style == "strong" and looks_like_heading_text(b.text)
                and len(b.text.split()) <= 12) or _head_field(b.text):
            return False
        if isinstance(nxt, (TableRow, ListItem)):
            return True
        return isinstance(nxt, Paragraph) and nxt.style != "strong" and not _head_field(nxt.text) \
            and nxt.text.rstrip().endswith((".", "!", "?", ":"))

    def _day_in(self, text: str) -> tuple[str, Timeframe] | None:
        """The one day (or few days) a short head line names, with its place or other words around it."""
        if len(text) > 80:
            return None
        found = _find_when(text, self.context_arg)
        if found is None or found.start is None or found.precision not in (Precision.DAY, Precision.DAYS):
            return None
        from accord.text import when

        hit = when.find_when(text, self.context_arg)
        return (hit.phrase if hit else text), found

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

        def new_section(**kw: object) -> _Section:
            nonlocal cur, columns, last_row_item, lists_in_section
            cur = _Section(**kw)  # type: ignore[arg-type]
            self.sections.append(cur)
            columns = None
            last_row_item = None
            lists_in_section = 0
            return cur

        while not s.done():
            gap = s.gap_before_next()
            b = s.next()
            if b is None:
                break
            if isinstance(b, Paragraph) and self._bold_heading(b, s.peek()):
                number, words = heading_number(b.text)
                if number and not _SECTION_LABEL.match(b.text):
                    b = Heading(section_level or 2, words, number, location=b.location, links=b.links)
                else:
                    b = Heading(section_level or 2, b.text, number, location=b.location, links=b.links)
            if isinstance(b, Heading):
                if _ITEM_LABEL.match(b.text) and cur is not None:
                    continue  # "### Activities" under a priority introduces its items
                if (cur is not None and section_level is not None and b.level > section_level and not b.number
                        and not _YEAR.search(b.text)):
                    if isinstance(s.peek(), (TableRow, ListItem)) and cur.items:
                        # A sub-heading between two tables of a section: the second table is a part of its own.
                        keep, parent = columns, cur
                        new_section(title=b.text, location=b.location, milestones=parent.milestones,
                                    level=b.level)
                        columns = keep
                    else:  # a sub-heading before the items reads as part of the narrative
                        cur.narrative.append(b.text)
                    continue
                if section_level is None or not b.number or b.level <= section_level:
                    section_level = b.level if section_level is None else min(section_level, b.level)
                title = _SECTION_LABEL.sub("", b.text).strip() or b.text
                new_section(number=b.number, title=title, context=_year_context(b.text), location=b.location,
                            milestones=bool(_TIMELINE_TITLE.search(b.text)), level=b.level)
                continue
            if isinstance(b, TableRow):
                header = _table_header(b.cells)
                if header is not None:
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
                if b.full_width and columns is not None and (texts := [c for c in b.cells if c.strip()]) \
                        and len(texts) == 1 and not has_continuation_marker(texts[0]):
                    # One merged cell across the table ("Access agreements"): a sub-heading of the table.
                    keep, above = columns, cur
                    new_section(title=texts[0], location=b.location,
                                milestones=bool(above and above.milestones), level=above.level if above else None)
                    columns = keep
                    continue
                if columns is not None and (col := columns.roles.get("section")) is not None \
                        and col < len(b.cells) and (label := b.cells[col].strip()) \
                        and (cur is None or label != cur.key):
                    # "1. Communication" in the Priority column: the rows from here on are that priority's.
                    keep = columns
                    number, title = heading_number(label)
                    new_section(number=number, title=_SECTION_LABEL.sub("", title).strip() or title,
                                location=b.location, key=label)
                    columns = keep
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                if columns is None:
                    columns = self._implicit_columns(b)
                last_row_item = self._row(cur, b, columns, last_row_item)
                continue
            if isinstance(b, Paragraph):
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                if _ITEM_LABEL.match(b.text):
                    continue
                nxt = s.peek()
                if b.text.rstrip().endswith(":") and isinstance(nxt, ListItem) and _introduces_narrative(b.text):
                    # "... the implementation of:" then bullets: the list belongs to the narrative.
                    parts = [b.text]
                    while isinstance(s.peek(), ListItem):
                        li = s.next()
                        assert isinstance(li, ListItem)
                        parts.append(("- " if li.level == 0 else "  - ") + li.text)
                    cur.narrative.append(" ".join(parts))
                    continue
                # Prose between a row and its continuation is the section's, not the row's.
                cur.narrative.append(b.text)
                continue
            if isinstance(b, ListItem):
                run = [b]
                while isinstance(s.peek(skip_blank=False), ListItem) or (
                        isinstance(s.peek(), ListItem) and s.gap_before_next() <= 1
                        and (s.peek().level > 0 or True)):  # type: ignore[union-attr]
                    nb = s.next()
                    assert isinstance(nb, ListItem)
                    run.append(nb)
                if cur is None:
                    new_section(location=b.location)
                assert cur is not None
                self._list_run(cur, run, lists_in_section, gap)
                if self.sections[-1] is not cur:
                    cur = self.sections[-1]
                    columns = None
                lists_in_section += 1
                continue

    def _implicit_columns(self, row: TableRow) -> _Columns:
        self.problems.append(Problem("table without a What / Who / When header: columns read in that order",
                                     row.location, "table"))
        roles = {"what": 0}
        if len(row.cells) >= 3:
            roles.update(who=1, when=2)
        elif len(row.cells) == 2:
            roles["when"] = 1
        return _Columns(roles)

    def _row(self, sec: _Section, row: TableRow, cols: _Columns, last: _Item | None) -> _Item | None:
        def cell(role: str) -> str:
            i = cols.roles.get(role)
            return row.cells[i].strip() if i is not None and i < len(row.cells) else ""

        if all(_DASH_CELL.match(c) for c in row.cells):
            return None  # "--" rows and empty rows fill space in Word, they say nothing
        what, who, when, notes = cell("what"), cell("who"), cell("when"), cell("notes")
        placed = {i for i in cols.roles.values()}
        extra = [c.strip() for i, c in enumerate(row.cells)
                 if i not in placed and c.strip() and not re.fullmatch(r"[\d.)#]+", c.strip())]
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
        item = _Item(ItemKind.MILESTONE if sec.milestones else ItemKind.ACTION, strip_continuation(what), row.location,
                     who_raw=strip_continuation(who) or None, has_who_column="who" in cols.roles,
                     when_raw=strip_continuation(when) or None, deadline=cols.deadline,
                     continued=has_continuation_marker(what) or has_continuation_marker(who)
                     or has_continuation_marker(when))
        if notes:
            item.details.append(notes)
        self._status_of(item, cell("status"))
        item.details.extend(extra)  # cells of columns the header does not name stay with their row
        sec.items.append(item)
        return item

    def _list_run(self, sec: _Section, run: list[ListItem], lists_before: int, gap: int) -> None:
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
                    joined += (" " if joined[-1] in ".!?;:" else ". ")
                joined += t
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
                if not self._field_of(parent, li.text):
                    parent.details.append(li.text)
                continue
            if triples is not None and li.level == top[0].level:
                what, who, when = triples[id(li)]
                it = _Item(kind, what, li.location, who_raw=who or None, has_who_column=True, when_raw=when or None)
            else:
                it = self._bullet_item(li, ctx)
            it.kind = kind
            sec.items.append(it)
            parent = it

    def _dash_triples(self, top: list[ListItem], ctx: Context | int | None
                      ) -> dict[int, tuple[str, str, str]] | None:
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

    def _bullet_item(self, li: ListItem, ctx: Context | int | None) -> _Item:
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
        return _Item(ItemKind.ACTION, what, li.location, when_raw=when)

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

        def report_skipped() -> None:
            # Context slides, thanks and logos are not part of the plan, but nothing goes unmentioned.
            if skipped:
                texts = [collapse(_text(x)) for x in skipped if collapse(_text(x))]
                if texts:
                    self.problems.append(Problem(
                        f"{len(texts)} line(s) not read as part of the plan: " + " / ".join(texts),
                        skipped[0].location, "text"))
                skipped.clear()

        while not s.done():
            b = s.next()
            if b is None:
                break
            text = _text(b)
            if isinstance(b, (Paragraph, Heading)) and _OBJECTIVES_LABEL.match(text.strip()):
                report_skipped()
                session_sec = None
                sec = _Section(title=re.sub(r"\s*:\s*$", "", text.strip()), location=b.location)
                self.sections.append(sec)
                self._gather_list(s, sec, ItemKind.OBJECTIVE)
                continue
            if isinstance(b, (Paragraph, Heading)) and _TRACKS_LABEL.match(text.strip()) and \
                    isinstance(s.peek(), ListItem):
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
            if isinstance(b, (Paragraph, Heading)) and _FOLLOW_UP_LABEL.match(text.strip()) and \
                    isinstance(s.peek(), ListItem):
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
            if isinstance(b, (Paragraph, Heading)) and self._is_day_header(text) and \
                    isinstance(s.peek(), TableRow):
                current_day = text.strip()  # the day of the programme table that follows
                continue
            if self._is_slot(b) and current_day is not None and (programme_title or session_sec) \
                    and self._is_day_header(current_day):
                # Time slots of a one-day event, under "Programme": the day is the event's.
                s.i -= 1
                b = Paragraph(current_day, location=b.location)
                text = current_day
            if isinstance(b, (Paragraph, Heading)) and self._is_day_header(text) and \
                    self._is_slot(s.peek()):
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
                    item = _Item(ItemKind.SESSION, m.group("title"), slot.location,
                                 when_raw=f"{text.strip()}, {m.group('time')}")
                    if isinstance(slot, ListItem):
                        while isinstance(nested := s.peek(), ListItem) and nested.level > slot.level:
                            s.next()
                            item.details.append(nested.text)
                    session_sec.items.append(item)
                continue
            if isinstance(b, Paragraph) and self._is_date_line(text):
                nxt = s.peek()
                if isinstance(nxt, (Paragraph, Heading)) and not self._is_date_line(nxt.text) and not \
                        _OUTPUTS_LABEL.match(nxt.text) and not _OBJECTIVES_LABEL.match(nxt.text):
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
                    if isinstance(lab, (Paragraph, Heading)) and _OUTPUTS_LABEL.match(lab.text):
                        s.next()
                        for li, sub in self._take_list(s):
                            session_sec.outputs.append(self._output(li, text, sub))
                    continue
            if isinstance(b, (Paragraph, Heading)) and _OUTPUTS_LABEL.match(text.strip()) and \
                    isinstance(s.peek(), ListItem):
                report_skipped()
                target = session_sec
                if target is None:
                    target = _Section(title=re.sub(r"\s*:\s*$", "", text.strip()), location=b.location)
                    self.sections.append(target)
                for li, sub in self._take_list(s):
                    target.outputs.append(self._output(li, None, sub))
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
                    continue
                cells = " | ".join(c.strip() for c in b.cells if c.strip())
                self.problems.append(Problem(f"table row not read as part of the plan: {cells!r}", b.location,
                                             "table"))
                continue
            if isinstance(b, (Paragraph, ListItem, Heading)):
                skipped.append(b)
        report_skipped()

    def _starts_part(self, text: str) -> bool:
        """A paragraph that opens the next part of an event document, so it cannot be a detail of a track."""
        t = text.strip()
        return bool(_OBJECTIVES_LABEL.match(t) or _OUTPUTS_LABEL.match(t) or _PROGRAMME_LABEL.match(t)
                    or _TRACKS_LABEL.match(t) or self._is_day_header(t))

    def _is_slot(self, b: Block | None) -> bool:
        return isinstance(b, (Paragraph, ListItem)) and bool(_TIME_SLOT.match(b.text.strip()))

    def _is_day_header(self, text: str) -> bool:
        """"Day 1 – 14 May 2026", "Thursday, 14 May 2026", "Jour 2 : 15 mai": one day, with at most its label."""
        text = re.sub(r"^(?:day|jour|journée|tag|d[ií]a)\s+\d{1,2}\s*[:,.–—-]?\s*", "", text.strip(), flags=re.I)
        return self._is_date_line(text)

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
        draft = Draft(source=self.source, kind=kind, title=head.title, subtitle=head.subtitle, theme=head.theme,
                      chair=head.chair, status=head.status, version_label=head.version,
                      preamble=list(head.preamble))
        period = head.period or head.title_period or (head.day[1] if kind == PlanKind.EVENT and head.day else None)
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
                tfs = iter(_parse_sequence(raws, plan_ctx or ctx)) if raws else iter([])
                for it in sec.items:
                    if it.when_raw:
                        it.timeframe = next(tfs, None)
                steps = _spans(it.timeframe for it in sec.items)
                if steps and sec.context is None:
                    sec.context = Context(min(a for a, _ in steps), max(b for _, b in steps))
                for it in sec.items:
                    who = who_from_text(it.what)
                    it.owners = who.owners
                    it.who_raw = who.raw
            else:
                cache: dict[str, Timeframe] = {}
                for it in [*sec.items, *sec.outputs]:
                    if it.when_raw:
                        key = f"{it.when_raw}\x00{it.deadline}"
                        if key not in cache:
                            cache[key] = _parse_when(it.when_raw, ctx, deadline_column=it.deadline)
                        it.timeframe = cache[key]
        if plan_ctx is None and kind == PlanKind.EVENT:
            days = _spans(it.timeframe for sec in self.sections for it in sec.items)
            if days:
                plan_ctx = Context(min(a for a, _ in days), max(b for _, b in days))
        if plan_ctx is not None:
            draft.period_start, draft.period_end = plan_ctx.start, plan_ctx.end
        for part in self.sections:
            if not (part.number or part.title or part.narrative or part.items or part.outputs):
                continue  # a header row that opened a section before its Priority column named one
            out = DraftSection(number=part.number, title=part.title,
                               narrative=collapse(" ".join(part.narrative)) or None,
                               context=part.context if (part.context and (part.title is not None or part.milestones))
                               else None, location=part.location)
            for it in [*part.items, *part.outputs]:
                out.items.append(self._draft_item(it))
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

    def _draft_item(self, it: _Item) -> DraftItem:
        tf = it.timeframe
        if it.kind == ItemKind.MILESTONE or not it.has_who_column:
            owners, open_call = list(it.owners or []), False
            who_raw = it.who_raw
        else:
            who = parse_who(it.who_raw, self.known)
            owners, open_call, who_raw = who.owners, who.open_call, it.who_raw
        if it.when_raw and tf is not None and not tf.understood and not tf.tentative:
            self.problems.append(Problem(f"time not understood: {it.when_raw!r}", it.location, "when"))
        return DraftItem(kind=it.kind, what=collapse(it.what), who_raw=who_raw, owners=owners,
                         open_call=open_call, when_raw=it.when_raw, timeframe=tf,
                         tentative=bool((tf is not None and tf.tentative) or _doubtful(it.what)),
                         details=collapse(" ".join(it.details)) or None, location=it.location, status=it.status,
                         status_raw=it.status_raw)


def build_draft(blocks: Sequence[Block], source: str, *, context: Context | None = None,
                known: Iterable[str] = ()) -> Draft:
    """`known`: names of organisations the network knows, so an owner cell never splits inside one
    ("VDI/VDE-IT")."""
    b = _Builder(blocks, source, context)
    b.known = list(known)
    s = _Stream(b.blocks)
    head = b.read_head(s)
    period = head.period or head.title_period
    if period is not None and period.start and period.end:
        b.head_ctx = Context(period.start, period.end)
    elif context is None:
        b.head_ctx = b._year_hint()
    kind = _detect_kind(f"{head.title} {head.subtitle or ''}", b.blocks)
    if kind == PlanKind.EVENT:
        b.read_event(s, head)
    else:
        b.read_sections(s, head)
    return b.finish(head, kind)


def import_text(name: str, data: bytes, *, context: Context | None = None, known: Iterable[str] = ()) -> Draft:
    """Read a document of any supported format and understand it: the whole import, minus the database."""
    from accord.text.readers import read_document

    blocks = read_document(name, data)
    draft = build_draft(blocks, name, context=context, known=known)
    draft.checksum = hashlib.sha256(data).hexdigest()
    return draft
