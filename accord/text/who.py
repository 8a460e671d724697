"""Who does an item: owner cells as planners write them -> an ordered list of owners and an open call.

"ZSI/DLR-PT/CNRS", "ZSI or DLR-PT", "CNRS, other", "Any volunteers?", "InsSciDE Project will call for
submissions. + self-funded dinner?" all say who in their own way. The rules (docs/import-formats.md):
split on "/", ",", ";", "+", "&", " and ", " or " where they separate actors, never inside a known name;
filler is not an owner; a clause "X will ..." names X; a fragment that is an activity is not an actor.
Resolving "DLR" to "DLR-PT" is accord.text.matching's job, not this module's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["OwnersForm", "Who", "action_tag", "agent_in_text", "owners_form", "parse_who", "who_from_text"]


@dataclass(slots=True)
class Who:
    owners: list[str] = field(default_factory=list)
    open_call: bool = False
    raw: str | None = None


# Whole cells that ask for an owner instead of naming one.
_OPEN_CALL = re.compile(
    r"^(?:\?+|any\s+volunteers?\s*\??|volunteers?\s*(?:needed|wanted|welcome)?\s*\??|all\s+interested(?:\s+members)?"
    r"|anyone(?:\s+interested)?\s*\??|who\s*\?|tbd|tbc|t\.b\.d\.?|to\s+be\s+(?:determined|defined|confirmed)"
    r"|open(?:\s+call)?|n/?a|-+|–|—|all(?:\s+members)?\s+welcome|\(?open\)?|interested\s+members"
    r"|any\s+member|everyone\s*\??|xx+|…|\.\.\."
    # French, German, Spanish: "Volontaires ?", "à définir", "Freiwillige?", "N.N.", "¿Voluntarios?", "por definir"
    r"|¿?\s*(?:volontaires?|bénévoles?|freiwillige|voluntari[oa]s?)\s*\??|qui\s*\?|wer\s*\?|¿\s*qui[ée]n\s*\?"
    r"|[àa]\s+(?:d[ée]finir|d[ée]terminer|confirmer|pr[ée]ciser)|tous\s+les\s+int[ée]ress[ée]s|offen|n\.\s*n\.?|nn"
    r"|alle\s+interessierten|noch\s+offen|zu\s+bestimmen|por\s+(?:definir|determinar|confirmar)"
    r"|todos\s+los\s+interesados|cualquier\s+miembro)$",
    re.I,
)
# Filler that may close an owner list; a lone "other(s)" asks for more owners (open call), the rest do not.
_LONE_OTHER = re.compile(r"^(?:an?\s+)?others?(?:\s+members?)?\s*\??$", re.I)
_FILLER = re.compile(
    r"^(?:others?\s+by\s+invitation|by\s+invitation|etc\.?|and\s+others?|all\s+interested|tbd|tbc|\?+"
    r"|others?\s+(?:welcome|tbd|tbc|to\s+join)|and\s+more|\(?tbc\)?|\(?tbd\)?|support(?:ed)?\s+by\s+others)$",
    re.I,
)
_TRAILING_FILLER = re.compile(
    r"\s+(?:others?\s+by\s+invitation|by\s+invitation|(?:and\s+)?others?\s+(?:welcome|to\s+join)|etc\.?"
    r"|and\s+others)\s*$",
    re.I,
)
# Words that make a fragment a clause or an activity rather than an actor's name.
_MODALS = {
    "will",
    "shall",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "is",
    "are",
    "was",
    "were",
    "to",
    "has",
    "have",
    "does",
    "do",
}
_NOT_IN_NAMES = {
    "after",
    "before",
    "at",
    "to",
    "with",
    "in",
    "by",
    "from",
    "during",
    "about",
    "over",
    "plus",
    "via",
    "into",
    "per",
    "through",
    "until",
    "when",
    "if",
    "that",
    "which",
}
_NAME_CONNECTORS = {
    "of",
    "for",
    "de",
    "du",
    "des",
    "der",
    "die",
    "das",
    "für",
    "la",
    "le",
    "les",
    "del",
    "and",
    "&",
    "the",
    "van",
    "von",
    "y",
    "e",
    "und",
    "et",
    "on",
}
_PEOPLE_NOUNS = {
    "members",
    "member",
    "leads",
    "leaders",
    "partners",
    "staff",
    "team",
    "teams",
    "chairs",
    "coordinators",
    "co-founders",
    "organisers",
    "organizers",
    "officers",
    "fellows",
    "mitglieder",
    "membres",
    "miembros",
}
_ARTICLES = re.compile(r"^(?:the|a|an|our)\s+", re.I)
# "legal advisers of ARO", "responsables des GT": a common noun for people of a named body.
_PEOPLE_OF = re.compile(
    r"^(?:[^\W\d_A-Z][\w'’-]*\s+){1,3}"
    r"(?:of|for|from|at|de|des|du|de\s+la|der|von|del|de\s+los)\s+(?:the\s+)?(?P<name>\S.*)$"
)
# "RBRC Any volunteers?" (a continued cell joined to its row): the owner, then a call for more.
_TRAILING_OPEN = re.compile(
    r"^(?P<rest>.*?\S)\s+(?P<call>(?:any\s+)?volunteers?\s*\??|others?\s+welcome|tbd|tbc"
    r"|¿?\s*voluntari[oa]s\s*\?|volontaires?\s*\?|freiwillige\s*\?)$",
    re.I,
)
_SUPPORT = re.compile(
    r"\s+(?:with\s+(?:the\s+)?support\s+(?:of|from)|supported\s+by|in\s+(?:cooperation|collaboration|partnership)\s+with"
    r"|together\s+with|avec\s+(?:le\s+)?(?:soutien|l'appui)\s+(?:de|du|des)|en\s+(?:coopération|collaboration)\s+avec"
    r"|mit\s+(?:Unterstützung|Beteiligung)\s+(?:von|der|des)|in\s+Zusammenarbeit\s+mit|con\s+el\s+apoyo\s+de(?:l)?"
    r"|en\s+colaboración\s+con)\s+(?=[A-Z0-9\u00c0-\u024f\x00])",
    re.I,
)
_AND_OTHERS = re.compile(r"\s+(?:and|und|et|y)\s+(?:others?|andere|autres|otros)\s*$", re.I)


def _split_top(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Split on a pattern outside parentheses and quotes."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "([{“":
            depth += 1
        elif ch in ")]}”" and depth:
            depth -= 1
        elif depth == 0:
            m = pattern.match(text, i)
            if m and m.end() > m.start():
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return parts


# " and " / " or " separate actors only when an actor follows: "DLR-PT and Trio", not "self-registered and
# invited stakeholders".
_SEPARATOR = re.compile(r"\s*[/,;+&]\s*|\s+(?:and|or|und|et|y|ou|oder)\s+(?=[A-Z0-9\u00c0-\u024f])")


def _protect(text: str, known: Iterable[str]) -> tuple[str, dict[str, str]]:
    """Known names with separators inside ("VDI/VDE-IT") become placeholders so no split can cut them."""
    slots: dict[str, str] = {}
    for n, name in enumerate(sorted({k for k in known if k}, key=len, reverse=True)):
        if not re.search(r"[/,;+&]|\s(?:and|or)\s", name):
            continue
        pattern = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", re.I)
        key = f"\x00{n}\x00"

        def keep(m: re.Match[str], key: str = key) -> str:
            slots[key] = m.group(0)
            return key

        text = pattern.sub(keep, text)
    return text, slots


def _restore(text: str, slots: dict[str, str]) -> str:
    for key, value in slots.items():
        text = text.replace(key, value)
    return text


def _is_capitalised(token: str) -> bool:
    t = token.lstrip("\"'“(«")
    return bool(t) and (
        t[0].isupper() or t[0].isdigit() or "\x00" in t or (len(t) > 1 and any(c.isupper() for c in t[1:]))
    )  # "iGEM", "eTwinning"


def _actor(fragment: str) -> tuple[str | None, bool]:
    """The actor a fragment names, and whether the fragment was a clause ("X will ...").

    An actor is a short run of names: capitalised words, acronyms, joined by "of", "for", "de" ...; it may end
    in one common noun ("InsSciDE partners", "WG leaders"). Anything longer with a verb or a preposition is a
    clause (its subject is the actor) or an activity (no actor at all).
    """
    frag = fragment.strip().strip(",;:.").strip()
    frag = re.sub(
        r"\s*\((?:lead|leader|coordinator|tbc|tbd|\?|to be confirmed|chair)\)\s*", " ", frag, flags=re.I
    ).strip()
    frag = _ARTICLES.sub("", frag).strip()
    if not frag:
        return None, False
    tokens = frag.split()
    run: list[str] = []
    for tok in tokens:
        bare = tok.strip(",.;:?!")
        if _is_capitalised(tok) or (run and bare.lower() in _NAME_CONNECTORS):
            run.append(tok)
            continue
        break
    while run and run[-1].strip(",.;:?!").lower() in _NAME_CONNECTORS:
        run.pop()
    rest = tokens[len(run) :]
    if (
        not run
        and (m := _PEOPLE_OF.match(frag))
        and all(_is_capitalised(t) or t.lower() in _NAME_CONNECTORS for t in m.group("name").split())
    ):
        return frag.rstrip("?!.,;:").strip(), False
    if not run:
        # Lower-case names exist ("secretariat", "chair", "all members"), but a fragment with a verb or a
        # preposition is an activity ("self-funded dinner after the session"), not an actor.
        words = [t.strip(",.;:?!()").lower() for t in tokens]
        if len(words) <= 3 and not (set(words) & (_MODALS | _NOT_IN_NAMES)) and not frag.endswith("?"):
            return frag.rstrip("?").strip(), False
        return None, False
    name = " ".join(run)
    if not rest:
        return name.rstrip("?!.,;:").strip(), False
    first = rest[0].strip(",.;:?!").lower()
    if first in _MODALS or (
        first.endswith("s")
        and len(rest) > 1
        and first not in _NOT_IN_NAMES
        and rest[1].strip(",.;:").lower() not in _NOT_IN_NAMES | {"and", "or"}
    ):
        # "InsSciDE Project will call ...", "InsSciDE Project devotes ½ day ..." : the subject acts.
        return name.rstrip("?!.,;:").strip(), True
    if len(rest) == 1 and first not in _NOT_IN_NAMES:
        # One trailing common noun belongs to the name: "InsSciDE partners", "WG leaders".
        return (name + " " + rest[0]).rstrip("?!.,;:").strip(), False
    if len(rest) == 2 and rest[-1].strip(",.;:?!").lower() in _PEOPLE_NOUNS and first not in _NOT_IN_NAMES | _MODALS:
        # "All team members", "Board working-group leads": two words that end in people.
        return " ".join([name, *rest]).rstrip("?!.,;:").strip(), False
    if len(run) >= 1 and all(t.strip(",.;:?!").lower() in _NOT_IN_NAMES | _NAME_CONNECTORS for t in rest[:1]):
        # "Trio with support of ..." : the name before the preposition is still the actor.
        return name.rstrip("?!.,;:").strip(), True
    return None, False


_PARTICIPANT_NUMBER = re.compile(r"^\d{1,3}\s+[-–—]\s+(?=[^\W\d_])")


def parse_who(text: str | None, known: Iterable[str] = ()) -> Who:
    raw = " ".join(text.split()) if text else ""
    if not raw:
        return Who([], True, None)
    if _OPEN_CALL.match(raw.strip()):
        return Who([], True, raw)
    known = list(known)
    # "1 - NORDLAB", "12 – Tidewater Institute": a project form's participant number before the partner's short name.
    named = _PARTICIPANT_NUMBER.sub("", raw) or raw
    protected, slots = _protect(named, known)
    # "Lao Academy with the support of RBRC": the supporting body is an owner too, after the lead.
    protected = _SUPPORT.sub(" / ", protected)
    owners: list[str] = []
    open_call = False
    parts = [p.strip() for p in _split_top(protected, _SEPARATOR)]
    parts = [p for p in parts if p]
    for idx, part in enumerate(parts):
        if idx == len(parts) - 1 and _AND_OTHERS.search(part):
            open_call = True  # "MSC, SMI and others": like a trailing lone "others", more owners are welcome
            part = _AND_OTHERS.sub("", part)
        if (m := _TRAILING_OPEN.match(part)) and idx == len(parts) - 1:
            open_call = True
            part = m.group("rest")
        part = _TRAILING_FILLER.sub("", part).strip()
        if not part:
            continue
        restored = _restore(part, slots)
        if _LONE_OTHER.match(restored):
            if idx == len(parts) - 1:
                open_call = True
            continue
        if _FILLER.match(restored) or _OPEN_CALL.match(restored):
            continue
        if "\x00" in part and _restore(part, slots).strip() in {slots[k] for k in slots}:
            name: str | None = restored.strip()
        else:
            name, _clause = _actor(restored)
        if name and name.lower() not in {o.lower() for o in owners}:
            owners.append(name)
    if not owners and not open_call and parts:
        # Words, but no actor in them ("to be decided at the GA"): still nobody owns it.
        open_call = True
    return Who(owners, open_call, raw)


# --- how the owners were written -------------------------------------------------------------------------


@dataclass(slots=True)
class OwnersForm:
    """How a Who cell states its owners, kept beside them so a page can say it: `mode` is one of
    "all" (joint owners), "either" (one of those named), "and_others" (those named and more welcome),
    "open_call" (an explicit call for volunteers), "everyone" (everyone interested) and "unspecified"
    (nothing written); `note` keeps the words that name nobody ("Others by invitation", "etc.")."""

    mode: str
    note: str = ""


_EVERYONE = re.compile(
    r"^(?:all\s+interested(?:\s+members)?|anyone\s+interested|everyone\s*\??|interested\s+members|any\s+member"
    r"|all(?:\s+members)?\s+welcome|tous\s+les\s+int[ée]ress[ée]s|alle\s+interessierten|todos\s+los\s+interesados"
    r"|cualquier\s+miembro)$",
    re.I,
)
_EITHER = re.compile(r"\s(?:or|ou|oder|o)\s", re.I)
_NOTE_WORDS = re.compile(
    r"(?:^|[,;/+&]|\s)\s*(?P<note>others?\s+by\s+invitation|by\s+invitation|(?:and\s+)?others?\s+(?:welcome|to\s+join)"
    r"|etc\.?|support(?:ed)?\s+by\s+others|and\s+more)\s*$",
    re.I,
)


def owners_form(raw: str | None, owners: Iterable[str] = (), open_call: bool = False) -> OwnersForm:
    """How `raw` (a Who cell) states the `owners` parse_who found in it: see OwnersForm."""
    text = " ".join(raw.split()) if raw else ""
    named = [o for o in owners if o]
    if not text:
        return OwnersForm("unspecified")
    if not named:
        return OwnersForm("everyone" if _EVERYONE.match(text) else "open_call")
    note_match = _NOTE_WORDS.search(text)
    note = note_match.group("note").strip() if note_match else ""
    note = note[:1].upper() + note[1:]
    if _AND_OTHERS.search(text) or re.search(r"[,;/+&]\s*(?:an?\s+)?others?(?:\s+members?)?\s*\??$", text, re.I):
        return OwnersForm("and_others", note)
    if open_call:
        return OwnersForm("open_call", note)
    if len(named) >= 2 and _EITHER.search(text) and not re.search(r"[,;/+&]|\s(?:and|und|et|y)\s", text):
        return OwnersForm("either", note)
    return OwnersForm("all", note)


# --- agents named inside a step's sentence ---------------------------------------------------------------

# Bodies that act; meetings are places where things happen, so their name never makes an owner.
_BODY = re.compile(
    r"\b(?:board|committee|group|council|bureau|secretariat|team|sections?|units?|office|department|directorate"
    r"|management|wg|working\s+group|task\s+force|presidency|chairs?|trio|members|partners|network|panel"
    r"|steering\s+group|executive|cabinet)\b",
    re.I,
)
_MEETING = re.compile(
    r"\b(?:town\s*hall|assembly|meeting|conference|forum|summit|session|workshop|event|days?|retreat|plenary"
    r"|symposium|webinar|seminar|congress|fair|reception|dinner|lunch|ceremony|festival)\b",
    re.I,
)


def _name_run(words: list[str]) -> str | None:
    run: list[str] = []
    for w in words:
        bare = w.strip(",.;:?!")
        if _is_capitalised(w) or (run and bare.lower() in _NAME_CONNECTORS - {"and", "&"}):
            run.append(bare)
            if bare != w:
                break
            continue
        break
    while run and run[-1].lower() in _NAME_CONNECTORS:
        run.pop()
    return " ".join(run) or None


def who_from_text(what: str) -> Who:
    """The agent a step names in its own sentence: "input from Sections", "discussion at the Board".

    A body that receives ("Presentation to the Board") or a meeting where it happens ("at the Town Hall") is
    not the owner; the document has no owner column, so this is never an open call.
    """
    text = " ".join(what.split())
    candidates: list[str] = []
    for m in re.finditer(r"\b(from|at|by)\s+(?:the\s+|all\s+)?(.+)$", text, re.I):
        name = _name_run(m.group(2).split())
        if not name:
            continue
        prep = m.group(1).lower()
        if _MEETING.search(name):
            continue
        if prep == "at" and not _BODY.search(name):
            continue
        candidates.append(name)
    if not candidates:
        subject = re.match(r"^(?:the\s+)?(.+?)\s+(?:to|will|shall)\s+[a-z]", text, re.I)
        if subject:
            name = _name_run(subject.group(1).split())
            if name and name == subject.group(1).strip() and (_BODY.search(name) or re.search(r"\b[A-Z]{2,}\b", name)):
                candidates.append(name)
    owners: list[str] = []
    for c in candidates:
        if c not in owners:
            owners.append(c)
    return Who(owners, False, owners[0] if len(owners) == 1 else (", ".join(owners) or None))


# --- the doer named at the start of an action's own text -------------------------------------------------

# "ACTION (BH + JG): Review ...", "AP (Chair): ...", "TODO (all): ...": the parenthesis names the doers.
_ACTION_TAG = re.compile(
    r"^\s*(?:action(?:\s+items?)?|ap|todo|to\s+do|aktion|aufgabe|acción|tarea)\s*(?:\((?P<who>[^()]{1,120})\))?"
    r"\s*[:–—-]\s*(?P<rest>\S.*)$",
    re.I,
)
# A doer's name: capitalised words, initials or a short code ("Mira K", "J5", "Ana Lindqvist-Berg", "DLR-PT").
_NAME_WORD = r"(?:[A-Z\u00c0-\u00de][\w'’.-]*|[A-Z0-9]{2,}[\w-]*)"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_NAMES = rf"{_NAME}(?:\s*(?:,|&|\+|/|\band\b|\bwith\b|\bund\b|\bet\b|\by\b)\s*{_NAME})*"
# "Mira K to book the venue", "Tom to update the wiki": the doer, then "to" and the work.
_TO_VERB = re.compile(rf"^(?P<who>{_NAMES})\s+(?:to|will|shall)\s+(?!be\b)(?P<verb>[a-z][\w-]+)\b", re.U)
# "Ana Lindqvist-Berg: Draft the terms of reference", "Ana – draft the call": the doer, a colon or dash, the work.
_NAME_TASK = re.compile(rf"^(?P<who>{_NAMES})\s*(?::|\s[–—-])\s+(?P<rest>\S.*)$", re.U)
# First words that open a sentence or name a thing, never a doer ("Time to", "Need to", "Decisions to").
_NOT_A_DOER = {
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "we",
    "our",
    "they",
    "there",
    "need",
    "needs",
    "time",
    "how",
    "plan",
    "plans",
    "decision",
    "decisions",
    "ways",
    "way",
    "steps",
    "step",
    "next",
    "goal",
    "goals",
    "aim",
    "objective",
    "objectives",
    "agreement",
    "proposal",
    "motion",
    "vote",
    "note",
    "notes",
    "status",
    "item",
    "items",
    "topic",
    "topics",
    "question",
    "questions",
    "action",
    "actions",
    "task",
    "tasks",
    "deadline",
    "date",
    "dates",
    "when",
    "who",
    "what",
    "where",
    "why",
    "lead",
    "owner",
    "responsible",
    "budget",
    "cost",
    "costs",
    "total",
    "result",
    "results",
    "output",
    "outputs",
    "background",
    "summary",
    "present",
    "absent",
    "attendees",
    "attendance",
    "agenda",
    "minutes",
    "chair",
    "welcome",
    "reference",
    "references",
    "see",
    "phase",
    "stage",
    "priority",
    "event",
    "events",
    "meeting",
    "workshop",
    "session",
    "grants",
    "grant",
    "also",
    "please",
    "all",
    "everyone",
    "nobody",
    "none",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "q1",
    "q2",
    "q3",
    "q4",
    # the parts of a programme ("Keynote: …", "Panel – …")
    "keynote",
    "panel",
    "break",
    "lunch",
    "dinner",
    "coffee",
    "opening",
    "closing",
    "discussion",
    "presentation",
    "introduction",
    "reception",
    "registration",
    "plenary",
    "wrap-up",
    "conclusion",
    "conclusions",
    "remarks",
    "talk",
    "lecture",
    "debate",
    "visit",
    "tour",
    "excursion",
    "film",
    "poster",
    "posters",
    "demo",
    "update",
    "updates",
    "report",
    "reports",
    "review",
    "follow-up",
    "theme",
    "track",
    "day",
    "week",
    "month",
    "year",
}


_BY_AGENT = re.compile(
    r"\b(?:by|durch|par|por)\s+(?:the\s+|die\s+|der\s+|den\s+|das\s+|dem\s+|le\s+|la\s+|les\s+|l'|el\s+|los\s+|las\s+)?"
    r"(?P<who>(?:[A-ZÀ-Þ][\w-]*(?:\s+[A-ZÀ-Þ][\w-]*){0,3})|(?:board|committee|secretariat|chairs?|bureau"
    r"|steering\s+group|working\s+group|members|partners|staff|council|presidency))\s*[.;,)]?\s*$",
    re.U,
)


def _doer_names(text: str) -> list[str] | None:
    """The names of a doer phrase ("Mira and Tom", "RP + JG"), or None when it does not read as doers."""
    first = text.split()[0].strip(",.").lower() if text.split() else ""
    if not first or first in _NOT_A_DOER or re.search(r"\d{3,}", text):
        return None
    if re.search(r"(?<![A-Z])(?:tion|sion|ment|ing|ance|ence|ity|ness|ure|ung|heit|keit|ción|ité)\b", text.split()[0]):
        return None  # a noun of action ("Application to search engines", "Recruitment – …"), not a doer
    owners = parse_who(text).owners
    return owners or None


def action_tag(text: str) -> bool:
    """Whether a line is tagged as an action ("ACTION: …", "ACTION (RP): …", "TODO: …")."""
    return bool(_ACTION_TAG.match(" ".join(text.split())))


def agent_in_text(text: str) -> tuple[Who, str] | None:
    """The doer an action names at its start, and the action's text without a leading name label.

    "ACTION (RP + JG): Review the note" -> (RP, JG; "Review the note"); "Ana Lindqvist-Berg: Draft the terms" ->
    (Ana Lindqvist-Berg; "Draft the terms"); "Mira K to book the venue" -> (Mira K; the text unchanged).
    None when the text names no doer there ("Decisions to be made", "Time to vote").
    """
    raw = " ".join(text.split())
    if m := _ACTION_TAG.match(raw):
        rest = m.group("rest")
        if m.group("who"):
            who = parse_who(m.group("who"))
            return (
                (Who(who.owners, who.open_call or not who.owners, m.group("who").strip()), rest)
                if who.owners or who.open_call
                else None
            )
        found = agent_in_text(rest)
        return (found[0], rest) if found else None
    if (m := _TO_VERB.match(raw)) and (names := _doer_names(m.group("who"))):
        return Who(names, False, m.group("who")), raw
    if m := _BY_AGENT.search(raw):
        # "… to be approved by the Board", "… durch die Bezirksregierung": the agent of a passive.
        agent = m.group("who").strip()
        if agent.split()[0].lower() not in _NOT_A_DOER and not re.search(r"\d", agent):
            return Who([agent], False, agent), raw
    if (m := _NAME_TASK.match(raw)) and len(m.group("rest").split()) >= 2 and (names := _doer_names(m.group("who"))):
        doer = m.group("who")
        # One capitalised word before a colon is as often a label ("Keynote:") as a name: only a code
        # ("ZSI:", "J5:") or a name before a dash ("Ana – draft …") is taken for a doer there.
        one_word = len(doer.split()) == 1 and not re.fullmatch(r"[A-Z0-9][A-Z0-9-]+", doer)
        if len(doer.split()) <= 9 and not (one_word and ":" in raw[len(doer) : len(doer) + 3]):
            return Who(names, False, doer), m.group("rest")
    return None


# A session's speaker after its title: "Keynote on ocean data – Aino Virtanen", "Opening address, Dr. Ruth
# Okafor", "Panel on data (chair: Lena Holm)", "Table ronde (modération : Paul Durand)".
_SPEAKER_DASH = re.compile(r"^(?P<title>.+?\S)\s+[-–—]\s+(?P<who>[^-–—]+?)\s*$")
_SPEAKER_COMMA = re.compile(
    r"^(?P<title>.+?\S),\s+(?P<who>(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mme|M|Herr|Frau|Sr|Sra|Dra)\.?\s+[^,]+?)\s*$"
)
_SPEAKER_LABEL = re.compile(
    r"^(?P<title>.+?\S)\s*\(\s*(?:chair(?:ed\s+by)?|moderat(?:or|ed\s+by|ion|ion\s+by)|speakers?|presented\s+by|"
    r"with|modération|présidence|animé\s+par|intervenants?|moderation|vorsitz|referent(?:in)?|leitung|"
    r"modera(?:dor|dora|ción)?|ponentes?|preside)\s*:?\s*(?P<who>[^()]+?)\s*\)\s*$",
    re.I,
)
_SPEAKER_WORD = re.compile(
    r"^(?:[A-ZÀ-Þ][\w'’.-]*|[A-Z0-9]{2,}[\w-]*|&|and|et|und|y|e|de|da|del|des|du|la|le|van|von|der|den|di|al|bin)$"
)


def speaker_in_session(text: str) -> tuple[Who, str] | None:
    """The speaker, chair or organiser a programme names after a session's title, and the title without them.

    "Keynote on ocean data – Aino Virtanen" -> (Aino Virtanen; "Keynote on ocean data"); "Opening address,
    Dr. Ruth Okafor" -> (Dr. Ruth Okafor; "Opening address"); "Panel (chair: Lena Holm)" -> (Lena Holm;
    "Panel"). The part after the dash must read as names (capitalised words, at most eight, no digits);
    None otherwise ("Break – 30 minutes", "Lunch – on the terrace")."""
    raw = " ".join(text.split())
    for pattern in (_SPEAKER_LABEL, _SPEAKER_COMMA, _SPEAKER_DASH):
        m = pattern.match(raw)
        if m is None:
            continue
        who_text = m.group("who").strip(" .;")
        words = who_text.replace(",", " ").split()
        if not words or len(words) > 8 or re.search(r"\d", who_text) or not all(_SPEAKER_WORD.match(w) for w in words):
            continue
        if not words[0][:1].isupper() or words[0].lower().strip(".") in _NOT_A_DOER:
            continue
        who = parse_who(who_text)
        if who.owners:
            return Who(who.owners, False, who_text), m.group("title").strip()
    return None
