"""Time expressions as planners write them -> Timeframe.

The conventions are those of docs/time-expressions.md (and shared/design/time-expressions.md); this module
is their one implementation. It is our own small grammar, standard library only: the date-parsing libraries
we tried lose modifiers ("mid-December", "End 2021"), second days ("2 and 3 February") and the plan's year.

How a phrase is read:

1. Fold it (lower case, accents off, typographic dashes and apostrophes to ASCII) character for character, so
   positions in the folded text are positions in the original and the note can be cut from the original words.
2. Cut it into tokens with one regular expression: numeric dates, ordinals ("1st", "1er"), numbers, words,
   punctuation. Each word is looked up in one lexicon (English, French, German, Spanish) that gives its roles
   (month, season, modifier, marker...) and a value; a few multi-word markers ("to be confirmed",
   "à partir de", "no later than") are merged into single tokens.
3. Scan left to right. Where a time expression starts, read it: pieces (a day, a list of days, a month, a
   part of a month, a week, a season, a quarter, a half, a year) joined by "-", "/", "to", "or", "and"...
   Each piece knows its interval for any year; the year is the one written, else it comes from the
   neighbouring pieces (a sequence runs forward), else from the context. Words just before an expression
   decide how it is used ("by" -> deadline, "from" -> start only, "throughout" -> ongoing, "after").
   Markers anywhere set flags: tentative, ongoing, periodic, asap, deadline.
4. What was not read as time or marker is the note ("Special session", "Day 2 of 3-day Open Conference").

Everything is pure and deterministic: no clock, no locale. Without a context, a date with no year is not
placed (start and end stay null).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from accord.text.timeframe import Context, Precision, Recurrence, Timeframe

__all__ = ["Found", "find_when", "parse_sequence", "parse_when"]

# ---------------------------------------------------------------------------------------------------------
# Folding: one character in, one character out, so offsets stay valid in the original text.
# ---------------------------------------------------------------------------------------------------------

_FOLD = str.maketrans(
    {
        **dict.fromkeys("àáâäãåā", "a"),
        "ç": "c",
        **dict.fromkeys("èéêëē", "e"),
        **dict.fromkeys("ìíîïī", "i"),
        "ñ": "n",
        **dict.fromkeys("òóôöõøō", "o"),
        **dict.fromkeys("ùúûüū", "u"),
        "ÿ": "y",
        "ß": "s",
        "œ": "o",
        "æ": "a",
        **dict.fromkeys("–—‐‑‒−―", "-"),
        **dict.fromkeys("’‘`´ʼ", "'"),
        **dict.fromkeys("\u00a0\u202f\u2009\u2007\t\r\n\f\v", " "),
    }
)


def _fold(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):  # a few characters (İ) grow when lowered: keep them as they are
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_FOLD)


# ---------------------------------------------------------------------------------------------------------
# The lexicon: every word Accord knows, with its roles (bit flags) and a value.
# ---------------------------------------------------------------------------------------------------------

MONTH = 1 << 0  # value 1..12
SEASON = 1 << 1  # value 0 spring, 1 summer, 2 fall, 3 winter
MOD = 1 << 2  # value 0 early, 1 mid, 2 late
ORDW = 1 << 3  # an ordinal word: value 1..4, -1 for "last"
WEEK = 1 << 4
QUARTER = 1 << 5  # the word "quarter"
HALF = 1 << 6  # the word "semester" / "half"
QN = 1 << 7  # Q1..Q4, T1..T4: value 1..4
HN = 1 << 8  # H1, H2, S1, S2: value 1..2
YEARW = 1 << 9  # the word "year"
OF = 1 << 10  # of, de, du, von...
FILLER = 1 << 11  # in, during, on, the... : dropped before a time expression
SEP = 1 << 12  # to, or, and, until... : joins pieces of one expression
DEADLINE = 1 << 13  # by, before, until, no later than...
FROM = 1 << 14  # from, since, started in...
AFTER = 1 << 15
TENT = 1 << 16  # tbc, tbd, tentative...
ONGOING = 1 << 17
PERIODIC = 1 << 18
ASAP = 1 << 19
THROUGHOUT = 1 << 20
EVERY = 1 << 21  # every, each, chaque, jeden, cada
UNIT = 1 << 22  # day, week, month, year (after "every")
WEEKDAY = 1 << 23
THIS = 1 << 24  # the, this, cette...: "the year" is the context's year
WEAK = 1 << 25  # also an ordinary word ("may", "march", "fall", "ete"): read as time only with support
POSTDEADLINE = 1 << 26  # "at the latest" after the date
RANGEFROM = 1 << 27  # de, du, vom, del: opens a range ("du 2 au 5 mai")
BETWEEN = 1 << 28
NUMW = 1 << 29  # two, three... and "other" (after "every")
TIMES = 1 << 30  # once, twice: "twice a year"
EVENT = 1 << 31  # meeting, assembly...: "every General Assembly"
NEUTRAL = 1 << 32  # a phrase that blocks a marker reading ("due to")

_LEX: dict[str, tuple[int, int]] = {}


def _words(text: str) -> list[str]:
    return text.split()


def _add(words: str, flags: int, value: int | None = None) -> None:
    """Give words a role; a value (month number, ordinal...) replaces the old one only when given."""
    for w in words.split():
        old_flags, old_value = _LEX.get(w, (0, 0))
        _LEX[w] = (old_flags | flags, old_value if value is None else value)


_MONTH_WORDS = [
    "january jan janvier janv januar janner enero ene",
    "february feb febr fevrier fevr fev februar febrero",
    "march mar mars marz maerz marzo",
    "april apr avril avr abril abr",
    "may mai mayo",
    "june jun juin juni junio",
    "july jul juillet juil juli julio",
    "august aug aout agosto",
    "september sep sept septembre septiembre setiembre set",
    "october oct octobre oktober okt octubre",
    "november nov novembre noviembre",
    "december dec decembre dezember dez diciembre dic",
]
for _n, _names in enumerate(_MONTH_WORDS, start=1):
    _add(_names, MONTH, _n)
_add("may march mar set", WEAK)  # verbs and nouns too: a bare "may" needs a day, a year or a preposition

_add("spring springtime printemps fruhling fruhjahr primavera", SEASON, 0)
_add("summer summertime ete sommer verano", SEASON, 1)
_add("fall autumn automne herbst otono", SEASON, 2)
_add("winter wintertime hiver invierno", SEASON, 3)
_add("fall ete", WEAK)  # "fall" is a verb, "été" also means "been"

_add("early beginning start begin debut anfang anfangs beginn principios principio inicios inicio "
     "comienzos comienzo", MOD, 0)
_add("mid middle mi mitte mediados medio", MOD, 1)
_add("late end fin ende finales final fines", MOD, 2)

_add("first premier premiere erste erster ersten erstes primer primera primero", ORDW, 1)
_add("second deuxieme seconde zweite zweiter zweiten zweites segundo segunda", ORDW, 2)
_add("third troisieme dritte dritter dritten drittes tercer tercera tercero", ORDW, 3)
_add("fourth quatrieme vierte vierter vierten viertes cuarto cuarta", ORDW, 4)
_add("last final dernier derniere letzte letzter letzten letztes ultimo ultima", ORDW, -1)

_add("week wk semaine woche kw semana w/c", WEEK)
_add("quarter trimestre quartal", QUARTER)
_add("semester half semestre halbjahr", HALF)
_add("q1 t1", QN, 1)
_add("q2 t2", QN, 2)
_add("q3 t3", QN, 3)
_add("q4 t4", QN, 4)
_add("h1 s1", HN, 1)
_add("h2 s2", HN, 2)
_add("year annee jahr ano", YEARW)
_add("the this cette ce l le la el das dieses diesem este esta", THIS)

_add("of de del du d von vom der des", OF)
_add("de du vom von del", RANGEFROM)
_add("in during on at around about for within over the en au aux le la l les dans pendant durant "
     "courant vers im am um wahrend gegen el los durante hacia sometime approximately", FILLER)
_add("to until till through thru or and et ou au a bis und oder al hasta y o & jusqu'au", SEP)
_add("between entre zwischen", BETWEEN)
_add("by before until till due deadline avant bis vor antes hasta spatestens", DEADLINE)
_add("from since starting depuis ab seit desde beginnend", FROM)
_add("after apres nach despues", AFTER)

_add("tbc tbd tba tbcd tentative tentatively possibly possible envisaged envisioned potential potentially "
     "provisional provisionally maybe perhaps approx approximately circa ca provisoire eventuellement envisage "
     "vorlaufig voraussichtlich eventuell evtl moglicherweise vsl tentativo tentativa posiblemente "
     "aprox aproximadamente environ ungefahr etwa", TENT)
_add("ongoing continuous continuously continual continually permanent permanently constantly "
     "continu continue permanente laufend fortlaufend kontinuierlich standig durchgehend dauerhaft "
     "continuo continua continuamente permanentemente", ONGOING)
_add("throughout", THROUGHOUT)
_add("periodically periodic regularly recurring recurrent repeatedly monthly weekly daily quarterly "
     "yearly annually annual biweekly fortnightly bimonthly biannual biannually semiannual semiannually "
     "periodiquement regulierement mensuel mensuelle mensuellement hebdomadaire trimestriel trimestrielle "
     "annuel annuelle annuellement periodisch regelmassig regelmasig monatlich wochentlich "
     "vierteljahrlich jahrlich taglich periodicamente regularmente mensual mensualmente semanal "
     "semanalmente trimestral anual anualmente", PERIODIC)
_add("asap a.s.a.p a.s.a.p. immediately immediatement sofort umgehend inmediatamente", ASAP)
_add("every each chaque jeden jede jedes cada", EVERY)
_add("day days week weeks month months year years quarter quarters semester semesters jour jours "
     "semaine semaines mois an ans annee annees tag tage tagen woche wochen monat monate monaten jahr "
     "jahre jahren dia dias semana semanas mes meses ano anos fortnight", UNIT)
_add("two three four five six eight ten twelve other deux trois quatre six zwei drei vier sechs dos tres "
     "cuatro seis", NUMW)
_add("once twice thrice", TIMES)
_add("meeting meetings session sessions assembly ga board conference call calls reunion sitzung reunion",
     EVENT)
_add("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat "
     "lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag "
     "samstag sonntag lunes martes miercoles jueves viernes sabado domingo", WEEKDAY)

# Multi-word phrases, matched on consecutive words (an apostrophe or a hyphen may stand between them).
_PHRASES: dict[tuple[str, ...], tuple[int, int]] = {}


def _phrase(words: str, flags: int, value: int = 0) -> None:
    for p in words.split("|"):
        _PHRASES[tuple(p.split())] = (flags, value)


_phrase("as soon as possible|as early as possible|right away|des que possible|au plus vite|au plus tot|"
        "so bald wie moglich|schnellstmoglich|baldmoglichst|lo antes posible|cuanto antes|"
        "lo mas pronto posible|a la brevedad", ASAP)
_phrase("to be confirmed|to be determined|to be decided|to be defined|to be announced|to be scheduled|"
        "to be fixed|to be agreed|not yet fixed|a confirmer|a determiner|a definir|a preciser|peut etre|"
        "zu bestatigen|unter vorbehalt|noch offen|por confirmar|a confirmar|por determinar|por definir|"
        "a determinar|tal vez", TENT)
_phrase("no later than|not later than|prior to|ahead of|in time for|d ici|jusqu a|jusqu au|date limite|"
        "antes de|fecha limite|bis zum|bis spatestens", DEADLINE | SEP)
_phrase("at the latest|au plus tard|a mas tardar|spatestens", DEADLINE | POSTDEADLINE)
_phrase("started in|starting in|starting from|started|start in|starts in|as of|as from|beginning in|"
        "commencing|a partir de|a partir du|a compter de|a compter du|a partir del|ab dem", FROM)
_phrase("after the|apres le|apres la|nach dem|nach der|despues de|despues del", AFTER)
_phrase("on going|en continu|en cours|all year round|all year|year round|en curso|de forma continua|"
        "tout au long de l annee|a lo largo del ano|todo el ano|ganzjahrig|das ganze jahr", ONGOING)
_phrase("tout au long de|tout au long du|a lo largo de|a lo largo del|durante todo|uber das ganze", THROUGHOUT)
_phrase("bi weekly|semi annual|semi annually|bi monthly|bi annual|bi annually|from time to time|"
        "de temps en temps|de temps a autre|von zeit zu zeit|de vez en cuando|tous les mois|tous les trimestres|"
        "tous les ans|toutes les semaines|chaque mois|chaque trimestre|chaque annee|jeden monat|jedes quartal|"
        "jedes jahr|jede woche|alle drei monate|cada mes|cada trimestre|cada ano|cada semana|todos los meses|"
        "todos los anos|todas las semanas", PERIODIC)
_phrase("week commencing|week beginning|week starting|semaine du|woche vom|semana del", WEEK)
_phrase("due to|due diligence", NEUTRAL)
_phrase("a.s.a.p", ASAP)

_PHRASE_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[int, int]]]] = {}
for _p, _fv in sorted(_PHRASES.items(), key=lambda kv: -len(kv[0])):
    _PHRASE_FIRST.setdefault(_p[0], []).append((_p, _fv))

# Which flags can begin a time expression (cheap test before trying the grammar).
_STARTS = MONTH | SEASON | MOD | ORDW | WEEK | QN | HN | THIS | WEEKDAY
# Words that may stand just before an expression and belong to it.
_PREFIX = FILLER | DEADLINE | FROM | AFTER | THROUGHOUT | BETWEEN | THIS | WEEKDAY | RANGEFROM
# What makes a lone "May" or "summer" a time in free text: "in May", "by May", "this summer".
_STRONG_PREFIX = DEADLINE | FROM | AFTER | THROUGHOUT | BETWEEN
_TIME_PREPOSITIONS = frozenset(_words("in during en im durante pendant durant dans wahrend courant "
                                      "this cette ce dieses diesem este esta"))
# Words that are only glue: a note chunk made of these alone is dropped.
_GLUE = FILLER | OF | SEP | THIS

# ---------------------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------------------

_NUM, _ORD, _DATE, _WORD, _PUNCT = range(5)

_TOKEN_RE = re.compile(
    r"""
    (?P<iso>(?<!\w)(?<!\d\.)\d{4}-\d\d?-\d\d?(?![\w]|-\d))
  | (?P<my>(?<!\w)(?<![\d./-])(?:0?[1-9]|1[0-2])[./](?:19|20)\d\d(?![\w]|[./-]\d))
  | (?P<dmy>(?<!\w)(?<!\d\.)\d\d?(?P<sep>[./-])\d\d?(?P=sep)(?:\d{4}|\d\d)(?![\w]|[./-]\d))
  | (?P<ord>(?<!\w)\d\d?(?:st|nd|rd|th|ere|er|re|eme|e|º|°|ª)(?!\w))
  | (?P<num>(?<![^\W\d_])\d++(?![^\W\d_]))
  | (?P<word>a\.s\.a\.p\.?|w/c(?!\w)|[^\W_]+)
  | (?P<dots>\.\.)
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)


class _Tok:
    __slots__ = ("cap", "date", "end", "flags", "kind", "num", "start", "text", "val")

    def __init__(self, kind: int, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text  # folded
        self.start = start
        self.end = end
        self.num = 0
        self.flags = 0
        self.val = 0
        self.cap = False
        self.date: tuple[int, int, int] | None = None


def _tokenize(original: str, folded: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _TOKEN_RE.finditer(folded):
        group = m.lastgroup
        s, e = m.span()
        text = m.group()
        if group == "word":
            t = _Tok(_WORD, text, s, e)
            fv = _LEX.get(text)
            if fv is not None:
                t.flags, t.val = fv
            t.cap = original[s].isupper()
        elif group == "num":
            t = _Tok(_NUM, text, s, e)
            t.num = int(text) if len(text) < 10 else 10**9
        elif group == "ord":
            t = _Tok(_ORD, text, s, e)
            t.num = int(text[:2] if text[1].isdigit() else text[:1])
        elif group == "my":
            # "03/2026", "3.2026": a month and its year, read as "March 2026".
            month, year = re.split(r"[./]", text)
            t = _Tok(_WORD, _MONTH_WORDS[int(month) - 1].split()[0], s, s + len(month))
            t.flags, t.val = MONTH, int(month)
            toks.append(t)
            t = _Tok(_NUM, year, e - len(year), e)
            t.num = int(year)
        elif group == "iso":
            t = _Tok(_DATE, text, s, e)
            y, mo, d = text.split("-")
            t.date = (int(y), int(mo), int(d))
        elif group == "dmy":
            t = _Tok(_DATE, text, s, e)
            a, b, c = re.split(r"[./-]", text)
            year = int(c) + 2000 if len(c) == 2 else int(c)
            first, second = int(a), int(b)
            # Day first, unless only month-first makes sense (03/23/2022).
            if first <= 12 < second:
                first, second = second, first
            t.date = (year, second, first)
        else:
            t = _Tok(_PUNCT, text, s, e)
        toks.append(t)
    if any(t.kind == _WORD and t.text in _PHRASE_FIRST for t in toks):
        toks = _merge_phrases(toks)
    return toks


def _merge_phrases(toks: list[_Tok]) -> list[_Tok]:
    out: list[_Tok] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        cands = _PHRASE_FIRST.get(t.text) if t.kind == _WORD else None
        matched = False
        if cands:
            for words, (flags, val) in cands:
                j, k = i + 1, 1
                while k < len(words) and j < n:
                    u = toks[j]
                    if u.kind == _PUNCT and u.text in "'-" and j + 1 < n:
                        j += 1
                        continue
                    if u.kind != _WORD or u.text != words[k]:
                        break
                    j += 1
                    k += 1
                if k == len(words):
                    m = _Tok(_WORD, " ".join(words), t.start, toks[j - 1].end)
                    m.flags, m.val, m.cap = flags, val, t.cap
                    out.append(m)
                    i = j
                    matched = True
                    break
        if not matched:
            out.append(t)
            i += 1
    return out


# ---------------------------------------------------------------------------------------------------------
# Intervals: each piece of an expression is a function year -> (first day, last day), None when impossible.
# ---------------------------------------------------------------------------------------------------------

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
Interval = tuple[date, date]
Maker = Callable[[int], Interval | None]


def _leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def _mlen(y: int, m: int) -> int:
    return 29 if m == 2 and _leap(y) else _MONTH_DAYS[m - 1]


def _ym(y: int, m: int) -> tuple[int, int]:
    """Normalise a month index that may run past December (winter: months 12, 13, 14)."""
    return y + (m - 1) // 12, (m - 1) % 12 + 1


def _ok_year(y: int) -> bool:
    return 1 <= y <= 9998


def _months(y: int, m1: int, m2: int) -> Interval | None:
    """From the first day of month m1 to the last of month m2 (m2 may exceed 12: next year)."""
    if not _ok_year(y):
        return None
    y1, mm1 = _ym(y, m1)
    y2, mm2 = _ym(y, m2)
    return date(y1, mm1, 1), date(y2, mm2, _mlen(y2, mm2))


def _days(y: int, m: int, d1: int, d2: int) -> Interval | None:
    if not _ok_year(y) or d1 < 1 or d2 > _mlen(y, m) or d1 > d2:
        return None
    return date(y, m, d1), date(y, m, d2)


def _nth_week(y: int, m: int, n: int) -> Interval | None:
    if not _ok_year(y):
        return None
    last = _mlen(y, m)
    if n == -1:
        return date(y, m, last - 6), date(y, m, last)
    return date(y, m, 7 * n - 6), date(y, m, min(7 * n, last))


def _month_part(y: int, m: int, part: int) -> Interval | None:
    """early 1-10, mid 11-20, late 21-last."""
    if not _ok_year(y):
        return None
    if part == 0:
        return date(y, m, 1), date(y, m, 10)
    if part == 1:
        return date(y, m, 11), date(y, m, 20)
    return date(y, m, 21), date(y, m, _mlen(y, m))


_SEASON_START = (3, 6, 9, 12)  # meteorological, northern hemisphere
_YEAR_PART = ((1, 3), (4, 9), (10, 12))  # early Jan-Mar, mid Apr-Sep, late Oct-Dec


def _iso_week(y: int, w: int) -> Interval | None:
    try:
        first = date.fromisocalendar(y, w, 1)
    except ValueError:
        return None
    return first, first + timedelta(days=6)


# ---------------------------------------------------------------------------------------------------------
# The grammar
# ---------------------------------------------------------------------------------------------------------


class _Piece:
    __slots__ = ("bare_weak", "make", "precision", "span", "year")

    def __init__(self, make: Maker, year: int | None, precision: Precision, bare_weak: bool = False,
                 span: bool = False) -> None:
        self.make = make
        self.year = year
        self.precision = precision
        self.bare_weak = bare_weak  # a lone "May", "fall", "summer": free text needs more to read it as time
        self.span = span  # a range written inside one piece ("3 to 5 May", "2021-22"): "from" keeps its end


@dataclass(slots=True)
class _Expr:
    first: int  # first token of the expression proper
    last: int  # one past its last token
    prefix: int  # first token of the words before it that belong to it ("by", "from", "during the")
    pieces: list[_Piece]
    mode: str = ""  # "", "deadline", "from", "after"
    ongoing: bool = False


_JOIN_PUNCT = frozenset({"-", "/", ",", "&", "+", "..", ";"})
_FINER = {p: i for i, p in enumerate(Precision)}


class _Parser:
    """One phrase's tokens and the grammar over them. Methods return (piece, next index) or None."""

    __slots__ = ("ctx", "n", "strict", "toks")

    def __init__(self, toks: list[_Tok], ctx: Context | None, strict: bool) -> None:
        self.toks = toks
        self.n = len(toks)
        self.ctx = ctx
        self.strict = strict

    # --- small readers ----------------------------------------------------------------------------------

    def _is(self, i: int, flag: int) -> bool:
        return i < self.n and bool(self.toks[i].flags & flag)

    def _punct(self, i: int, chars: str) -> bool:
        return i < self.n and self.toks[i].kind == _PUNCT and self.toks[i].text in chars

    def _day_num(self, i: int) -> int:
        """The day number at i (1..31, "1st", "01"), or 0."""
        if i < self.n:
            t = self.toks[i]
            if (t.kind == _NUM and len(t.text) <= 2) or t.kind == _ORD:
                return t.num if 1 <= t.num <= 31 else 0
        return 0

    def _year_num(self, i: int) -> int:
        if i < self.n:
            t = self.toks[i]
            if t.kind == _NUM and len(t.text) == 4 and 1900 <= t.num <= 2099:
                return t.num
        return 0

    def _year_after(self, j: int) -> tuple[int | None, int]:
        """An optional year after a month, season...: "2021", ", 2021", "de 2021", "of 2021", "'22"."""
        k = j
        if self._punct(k, ",") or self._is(k, OF):
            k += 1
            if self._is(k, THIS) and self._year_num(k + 1):  # "of the year 2021" is not worth it; "de la"
                k += 1
        y = self._year_num(k)
        if y:
            return y, k + 1
        if self._punct(j, "'") and j + 1 < self.n and self.toks[j + 1].kind == _NUM \
                and len(self.toks[j + 1].text) == 2:
            return 2000 + self.toks[j + 1].num, j + 2
        return None, j

    def _skip_dot(self, j: int) -> int:
        """Abbreviations and German ordinals carry a dot: "Sept.", "1. Mai"."""
        if self._punct(j, ".") and self.toks[j].start == self.toks[j - 1].end:
            return j + 1
        return j

    # --- pieces -----------------------------------------------------------------------------------------

    def atom(self, i: int) -> tuple[_Piece, int] | None:
        if i >= self.n:
            return None
        t = self.toks[i]
        k = t.kind
        if k == _DATE:
            return self._numeric_date(i)
        if k in (_NUM, _ORD):
            if self._year_num(i):
                return self._year(i)
            if self._day_num(i):
                r = self._day_first(i)
                if r is not None:
                    return r
                j = self._skip_dot(i + 1) if k == _NUM else i + 1
                if k == _ORD or j > i + 1:
                    return self._ordinal(t.num, j)
            return None
        if k != _WORD:
            return None
        f = t.flags
        if f & MONTH:
            return self._month_first(i)
        if f & MOD:
            r = self._modified(i)
            if r is not None:
                return r
        if f & ORDW:
            return self._ordinal(t.val, i + 1)
        if f & SEASON:
            return self._season(i, None, i + 1)
        if f & WEEK:
            return self._week(i)
        if f & QN:
            q = t.val
            y, j = self._year_after(i + 1)
            return _Piece(lambda yy: _months(yy, 3 * q - 2, 3 * q), y, Precision.QUARTER), j
        if f & HN:
            h = t.val
            y, j = self._year_after(i + 1)
            return _Piece(lambda yy: _months(yy, 6 * h - 5, 6 * h), y, Precision.HALF), j
        if f & THIS and self._is(i + 1, YEARW) and self.ctx is not None:
            cy = self.ctx.start.year
            return _Piece(lambda yy: _months(yy, 1, 12), cy, Precision.YEAR), i + 2
        if f & WEEKDAY:
            j = i + 1
            if self._punct(j, ",."):
                j += 1
            if j < self.n and (self._day_num(j) or self._is(j, MONTH) or self.toks[j].kind == _DATE):
                return self.atom(j)
        return None

    def _numeric_date(self, i: int) -> tuple[_Piece, int] | None:
        d = self.toks[i].date
        assert d is not None
        y, m, day = d
        if not (1 <= m <= 12 and 1 <= day <= 31):
            return None
        return _Piece(lambda yy: _days(yy, m, day, day), y, Precision.DAY), i + 1

    def _day_list(self, i: int) -> tuple[list[int], int]:
        """ "25-26", "2 and 3", "1, 2 and 3", "1er et 2": day numbers, and the index after them."""
        days = [self._day_num(i)]
        j = self._skip_dot(i + 1)
        while j + 1 < self.n:
            t = self.toks[j]
            if not ((t.kind == _PUNCT and t.text in "-,&/") or t.flags & SEP):
                break
            d = self._day_num(j + 1)
            if not d or self._year_num(j + 1):
                break
            days.append(d)
            j = self._skip_dot(j + 2)
        return days, j

    def _day_first(self, i: int) -> tuple[_Piece, int] | None:
        """ "12 October", "25-26 March 2025", "2 and 3 February", "1er mai", "1. Mai", "1 de mayo de 2021"."""
        days, j = self._day_list(i)
        if self._is(j, OF) and self._is(j + 1, MONTH):
            j += 1
        if not self._is(j, MONTH):
            return None
        m = self.toks[j].val
        j = self._skip_dot(j + 1)
        y, j = self._year_after(j)
        return self._days_piece(m, days, y), j

    def _month_first(self, i: int) -> tuple[_Piece, int] | None:
        """ "March 25-26, 2025", "May 1st", "July 2021", "junio de 2022", "January"."""
        t = self.toks[i]
        m = t.val
        j = self._skip_dot(i + 1)
        if self._day_num(j) and not self._year_num(j):
            nxt = j + 1
            # "May 2 participants" is not a date, "June 5" is: a number after a month is a day unless a
            # unit follows it ("July 3 weeks")
            if not self._is(nxt, UNIT):
                days, j2 = self._day_list(j)
                y, j2 = self._year_after(j2)
                return self._days_piece(m, days, y), j2
        y, j2 = self._year_after(j)
        bare = y is None and bool(t.flags & WEAK) and not (t.cap and not self.strict)
        return _Piece(lambda yy: _months(yy, m, m), y, Precision.MONTH, bare), j2

    def _days_piece(self, m: int, days: list[int], y: int | None) -> _Piece:
        d1, d2 = min(days), max(days)
        prec = Precision.DAY if d1 == d2 else Precision.DAYS
        return _Piece(lambda yy: _days(yy, m, d1, d2), y, prec, span=d1 != d2)

    def _year(self, i: int) -> tuple[_Piece, int]:
        """ "2021", "2021-22", "2022-03", "2022 Q1", "2022/H2"."""
        y = self.toks[i].num
        j = i + 1
        if self._punct(j, "-/") and j + 1 < self.n:
            nt = self.toks[j + 1]
            glued = self.toks[j].start == self.toks[i].end and nt.start == self.toks[j].end
            if nt.kind == _NUM and len(nt.text) == 2 and glued:
                if nt.num == (y + 1) % 100:  # 2021-22: two years
                    return _Piece(lambda yy: _months(yy, 1, 24), y, Precision.YEAR, span=True), j + 2
                if 1 <= nt.num <= 12 and self.toks[j].text == "-":  # 2022-03: a month
                    mm = nt.num
                    return _Piece(lambda yy: _months(yy, mm, mm), y, Precision.MONTH), j + 2
            if nt.flags & (QN | HN):
                j += 1
        if self._is(j, QN):
            q = self.toks[j].val
            return _Piece(lambda yy: _months(yy, 3 * q - 2, 3 * q), y, Precision.QUARTER), j + 1
        if self._is(j, HN):
            h = self.toks[j].val
            return _Piece(lambda yy: _months(yy, 6 * h - 5, 6 * h), y, Precision.HALF), j + 1
        return _Piece(lambda yy: _months(yy, 1, 12), y, Precision.YEAR), i + 1

    def _modified(self, i: int) -> tuple[_Piece, int] | None:
        """early / mid / late + month, season, year: "mid-December", "End 2021", "fin 2021", "finales de 2021",
        "end of June", "Anfang März", "late fall 2024", "end of the year"."""
        part = self.toks[i].val
        j = i + 1
        if self._punct(j, "-"):
            j += 1
        if self._is(j, OF):
            j += 1
        if self._is(j, THIS) and not self._is(j, MONTH):
            if self._is(j + 1, YEARW) and self.ctx is not None:
                cy = self.ctx.start.year
                a, b = _YEAR_PART[part]
                prec = Precision.HALF if part == 1 else Precision.QUARTER
                return _Piece(lambda yy: _months(yy, a, b), cy, prec), j + 2
            j += 1
        if self._is(j, MONTH):
            m = self.toks[j].val
            y, k = self._year_after(self._skip_dot(j + 1))
            return _Piece(lambda yy: _month_part(yy, m, part), y, Precision.DAYS), k
        if self._is(j, SEASON):
            return self._season(j, part, j + 1)
        y = self._year_num(j)
        if y:
            a, b = _YEAR_PART[part]
            prec = Precision.HALF if part == 1 else Precision.QUARTER
            return _Piece(lambda yy: _months(yy, a, b), y, prec), j + 1
        if self._is(j, YEARW) and self.ctx is not None:  # "end of year"
            a, b = _YEAR_PART[part]
            prec = Precision.HALF if part == 1 else Precision.QUARTER
            return _Piece(lambda yy: _months(yy, a, b), self.ctx.start.year, prec), j + 1
        return None

    def _season(self, i: int, part: int | None, j: int) -> tuple[_Piece, int]:
        """ "Fall 2021", "automne 2021", "otoño de 2021", "winter 2021/22"; part: early/mid/late."""
        t = self.toks[i]
        sm = _SEASON_START[t.val]
        y, k = self._year_after(j)
        if y is not None and t.val == 3 and self._punct(k, "/-") and k + 1 < self.n:
            nt = self.toks[k + 1]  # winter 2021/22 and winter 2021/2022 are one winter
            if nt.kind == _NUM and (nt.num == y + 1 or (len(nt.text) == 2 and nt.num == (y + 1) % 100)):
                k += 2
        bare = y is None and part is None and (bool(t.flags & WEAK) or self.strict)
        if part is None:
            return _Piece(lambda yy: _months(yy, sm, sm + 2), y, Precision.SEASON, bare), k
        mm = sm + part
        return _Piece(lambda yy: _months(yy, mm, mm), y, Precision.MONTH), k

    def _ordinal(self, n: int, j: int) -> tuple[_Piece, int] | None:
        """ "first week of March", "last week of November", "second semester", "1st half of 2022",
        "third quarter", "1. Quartal 2022", "premier semestre", "primer trimestre de 2022"."""
        if self._punct(j, "-"):
            j += 1
        if self._is(j, WEEK):
            k = j + 1
            if self._is(k, OF) or self._is(k, FILLER):
                k += 1
            if self._is(k, MONTH) and (1 <= n <= 5 or n == -1):
                m = self.toks[k].val
                y, k2 = self._year_after(self._skip_dot(k + 1))
                if n == 5:
                    n = -1
                return _Piece(lambda yy: _nth_week(yy, m, n), y, Precision.WEEK), k2
            return None
        if self._is(j, QUARTER) and (1 <= n <= 4 or n == -1):
            return self._part_of_year(j, 4 if n == -1 else n, 3, Precision.QUARTER)
        if self._is(j, HALF) and (n in (1, 2, -1)):
            return self._part_of_year(j, 2 if n == -1 else n, 6, Precision.HALF)
        return None

    def _part_of_year(self, j: int, part: int, months: int, precision: Precision) -> tuple[_Piece, int]:
        """The `part`-th quarter or half whose word stands at j, with the year after it ("second half of 2021",
        "Q4 of this year"); `months` is its length."""
        k = j + 1
        if self._is(k, OF):
            k += 1
        y, k = self._year_after(k)
        if y is None and self._is(j + 1, OF) and self._is(j + 2, THIS) and self._is(j + 3, YEARW) \
                and self.ctx is not None:
            y, k = self.ctx.start.year, j + 4
        first = months * (part - 1) + 1
        return _Piece(lambda yy: _months(yy, first, first + months - 1), y, precision), k

    def _week(self, i: int) -> tuple[_Piece, int] | None:
        """ "week of 1 May", "Week 01 May", "w/c 1 May", "semaine du 1er mai", "week 12 2022", "KW 12"."""
        j = i + 1
        if self._punct(j, ":"):
            j += 1
        if self._is(j, OF) or self._is(j, FILLER):
            j += 1
        if self._is(j, THIS) and not self._is(j, MONTH):
            j += 1
        r = None
        if j < self.n and (self.toks[j].kind in (_NUM, _ORD, _DATE) or self._is(j, MONTH | WEEKDAY)):
            r = self.atom(j)
        if r is not None:
            p, k = r
            if p.precision == Precision.DAY:
                inner = p.make

                def week(yy: int) -> Interval | None:
                    iv = inner(yy)
                    return (iv[0], iv[0] + timedelta(days=6)) if iv else None

                return _Piece(week, p.year, Precision.WEEK), k
        t = self.toks[j] if j < self.n else None
        if t is not None and t.kind == _NUM and 1 <= t.num <= 53 and len(t.text) <= 2:
            w = t.num
            y, k = self._year_after(j + 1)
            return _Piece(lambda yy: _iso_week(yy, w), y, Precision.WEEK), k
        return None

    # --- expressions ------------------------------------------------------------------------------------

    def expr(self, i: int) -> tuple[list[_Piece], int] | None:
        """Pieces joined by "-", "/", "to", "or", "and", "until"...: one interval covering them all."""
        r = self.atom(i)
        if r is None:
            return None
        pieces = [r[0]]
        j = r[1]
        n = self.n
        while j < n:
            t = self.toks[j]
            if not ((t.kind == _PUNCT and t.text in _JOIN_PUNCT) or (t.flags & SEP and t.kind == _WORD)):
                break
            k = j + 1
            if k < n and self.toks[k].flags & (SEP | DEADLINE) and self.toks[k].kind == _WORD:
                k += 1  # "- until", "or by"
            while k < n and self.toks[k].flags & (FILLER | THIS) and not self.toks[k].flags & _STARTS:
                k += 1
            if k < n and self.toks[k].flags & THIS and not self.atom(k):
                k += 1  # "to the end of June"
            r = self.atom(k)
            if r is None:
                break
            pieces.append(r[0])
            j = r[1]
        return pieces, j


# ---------------------------------------------------------------------------------------------------------
# Years: written, from neighbours (a sequence runs forward), from the context.
# ---------------------------------------------------------------------------------------------------------


def _latest_not_after(p: _Piece, limit: date) -> Interval | None:
    """The latest year in which the piece starts on or before `limit` (the end of the piece after it)."""
    for y in range(limit.year + 1, limit.year - 9, -1):
        iv = p.make(y)
        if iv is not None and iv[0] <= limit:
            return iv
    return None


def _earliest_from(p: _Piece, limit: date) -> Interval | None:
    """The earliest year in which the piece ends on or after `limit` (the start of the piece before it)."""
    for y in range(limit.year - 1, limit.year + 9):
        iv = p.make(y)
        if iv is not None and iv[1] >= limit:
            return iv
    return None


def _in_context(p: _Piece, ctx: Context) -> Interval | None:
    """The earliest year in which the piece starts inside the context, else the first start after it."""
    for y in range(ctx.start.year - 1, ctx.start.year + 9):
        iv = p.make(y)
        if iv is not None and iv[0] >= ctx.start:
            return iv
    return None


def _resolve(pieces: Sequence[_Piece], ctx: Context | None) -> list[Interval | None]:
    """Give every piece its interval (None where it has none)."""
    n = len(pieces)
    out: list[Interval | None] = [None] * n
    for i, p in enumerate(pieces):
        if p.year is not None:
            out[i] = p.make(p.year)
    # Before a written year, the pieces run up to it: "July - December 2021", "31 August-1 September 2021".
    nxt: Interval | None = None
    for i in range(n - 1, -1, -1):
        if pieces[i].year is not None:
            nxt = out[i] or nxt
        elif nxt is not None:
            out[i] = _latest_not_after(pieces[i], nxt[1])
            nxt = out[i] or nxt
    # After it (or when none is written), they run forward; the first takes its year from the context.
    prev: Interval | None = None
    for i in range(n):
        iv = out[i]
        if iv is None and pieces[i].year is None:
            if prev is not None:
                iv = _earliest_from(pieces[i], prev[0])
            elif ctx is not None:
                iv = _in_context(pieces[i], ctx)
            out[i] = iv
        if iv is not None:
            prev = iv
    return out


# ---------------------------------------------------------------------------------------------------------
# The scan: expressions, markers, note.
# ---------------------------------------------------------------------------------------------------------


class _Result(NamedTuple):
    start: date | None
    end: date | None
    precision: Precision
    recurrence: Recurrence | None
    tentative: bool
    deadline: bool
    note: str
    movable: bool  # dates but no year written: the context places it (parse_sequence re-places such steps)
    span: tuple[int, int] | None  # where the time words are, for find_when


_NOTE_STRIP = " \t\r\n,;:/-–—.|()[]{}→=*_~•·"


def _note(original: str, toks: list[_Tok], used: bytearray) -> str:
    chunks: list[str] = []
    i, n = 0, len(toks)
    while i < n:
        if used[i]:
            i += 1
            continue
        j = i
        words = False
        while j < n and not used[j]:
            t = toks[j]
            if t.kind != _PUNCT and not (t.flags & _GLUE and not t.flags & ~(_GLUE | OF | RANGEFROM)):
                words = True
            j += 1
        if words:
            chunk = original[toks[i].start : toks[j - 1].end].strip(_NOTE_STRIP)
            if chunk.count("(") > chunk.count(")"):
                chunk += ")"
            elif chunk.count(")") > chunk.count("("):
                chunk = "(" + chunk
            if chunk:
                chunks.append(" ".join(chunk.split()))
        i = j
    return "; ".join(chunks)


def _is_adjective(toks: list[_Tok], i: int) -> bool:
    """ "ongoing initiatives", "monthly newsletter": in free text a recurrence word before a plain word
    describes the word, it does not date the segment."""
    if i + 1 >= len(toks):
        return False
    t = toks[i + 1]
    return t.kind == _WORD and not t.flags & (_STARTS | SEP | FILLER | TENT | FROM | DEADLINE | OF | UNIT)


_DAY_LABELS = frozenset(("day", "jour", "journee", "tag", "dia"))


def _analyse(text: str, ctx: Context | None, deadline_column: bool = False, strict: bool = False) -> _Result:
    folded = _fold(text)
    toks = _tokenize(text, folded)
    n = len(toks)
    used = bytearray(n)
    p = _Parser(toks, ctx, strict)
    exprs: list[_Expr] = []
    tentative = deadline = asap = post_deadline = False
    recurrence: Recurrence | None = None
    marks: list[int] = []  # tokens read as recurrence / asap markers (they count as time for find_when)

    i = 0
    while i < n:
        t = toks[i]
        f = t.flags
        if t.kind == _WORD and t.text in _DAY_LABELS and i + 1 < n and toks[i + 1].kind == _NUM:
            # "Day 1 – 14 May 2026", "Jour 2": the number counts days of an event, it is not a date.
            i += 2
            continue
        if t.kind != _PUNCT and (t.kind != _WORD or f & _STARTS):
            r = p.expr(i)
            if r is not None:
                pieces, j = r
                e = _Expr(i, j, i, pieces)
                _claim_prefix(toks, used, e, exprs[-1].last if exprs else 0)
                for k in range(i, j):
                    used[k] = 1
                exprs.append(e)
                i = j
                continue
        if t.kind == _PUNCT:
            if t.text in "?~":
                tentative = True
                used[i] = 1
        elif f & NEUTRAL:
            pass
        elif f & TENT:
            tentative = True
            used[i] = 1
        elif f & ASAP:
            asap = True
            used[i] = 1
            marks.append(i)
        elif f & POSTDEADLINE and exprs and exprs[-1].last >= i - 1:
            post_deadline = True
            used[i] = 1
        elif f & (ONGOING | THROUGHOUT) and not (strict and _is_adjective(toks, i)):
            recurrence = recurrence or Recurrence.ONGOING
            used[i] = 1
            marks.append(i)
        elif f & PERIODIC and not (strict and _is_adjective(toks, i)):
            recurrence = Recurrence.PERIODIC
            used[i] = 1
            marks.append(i)
        elif f & (EVERY | TIMES) or (t.kind == _NUM and i + 1 < n and toks[i + 1].text == "times"):
            j = _every(toks, i)
            if j > i:
                recurrence = Recurrence.PERIODIC
                for k in range(i, j):
                    used[k] = 1
                    marks.append(k)
                i = j
                continue
        i += 1

    # In free text, a lone "May", "fall" or "summer" is a time only with a preposition or standing alone.
    if strict and exprs:
        alone = all(used[k] or toks[k].kind == _PUNCT for k in range(n) if not _in_any(k, exprs))
        kept: list[_Expr] = []
        for e in exprs:
            supported = any(toks[k].text in _TIME_PREPOSITIONS or toks[k].flags & _STRONG_PREFIX
                            for k in range(e.prefix, e.first))
            if all(pc.bare_weak for pc in e.pieces) and not supported and not alone:
                for k in range(e.first, e.last):
                    used[k] = 0
            else:
                kept.append(e)
        exprs = kept

    # A deadline word opening the phrase makes it a deadline even when what follows is not a date ("by the GA").
    for k in range(n):
        if toks[k].kind == _PUNCT:
            continue
        if toks[k].flags & DEADLINE and not toks[k].flags & NEUTRAL:
            deadline = True
        break

    return _build(text, toks, used, exprs, marks, ctx, deadline_column, tentative, deadline or post_deadline,
                  asap, recurrence)


def _in_any(k: int, exprs: list[_Expr]) -> bool:
    return any(e.prefix <= k < e.last for e in exprs)


def _claim_prefix(toks: list[_Tok], used: bytearray, e: _Expr, floor: int) -> None:
    """Words just before an expression that belong to it: "by", "from", "during the", "throughout",
    "between", "Monday", "du" (in "du 2 au 5 mai"). They set how the expression is used."""
    k = e.first - 1
    multi = len(e.pieces) > 1 or e.pieces[0].span
    while k >= floor and not used[k]:
        t = toks[k]
        f = t.flags
        if t.kind == _PUNCT:
            if k - 1 >= floor and (
                (t.text == "," and toks[k - 1].flags & WEEKDAY)  # "Tue, 25 March"
                or (t.text == ":" and toks[k - 1].flags & (DEADLINE | FROM))  # "Deadline: 30 June"
            ):
                k -= 1
                continue
            break
        if not f & (_PREFIX | OF) or f & NEUTRAL:
            break
        if f & (OF | RANGEFROM) and not f & (_PREFIX & ~RANGEFROM) and not multi:
            break  # "Morning of 23/06/2022": "of" belongs to the note
        if f & RANGEFROM and not f & (_PREFIX & ~RANGEFROM) and not multi:
            break
        if f & DEADLINE and not e.mode:
            e.mode = "deadline"
        elif f & FROM and not e.mode:
            e.mode = "" if multi else "from"
        elif f & AFTER and not e.mode:
            e.mode = "after"
        elif f & THROUGHOUT:
            e.ongoing = True
        elif f & RANGEFROM and multi:
            pass
        k -= 1
    e.prefix = k + 1
    for j in range(e.prefix, e.first):
        used[j] = 1


def _every(toks: list[_Tok], i: int) -> int:
    """ "every 2 weeks", "each month", "every other week", "twice a year", "3 times a year",
    "every General Assembly" (the event stays in the note). Returns the index after, or i."""
    n = len(toks)
    t = toks[i]
    if t.flags & TIMES or t.kind == _NUM:
        j = i + 1 if t.flags & TIMES else i + 2
        if j < n and toks[j].text in ("a", "per", "an", "each", "every", "par", "pro", "al", "por"):
            j += 1
            if j < n and toks[j].flags & UNIT:
                return j + 1
        return i
    j = i + 1
    if j < n and (toks[j].kind == _NUM or toks[j].flags & NUMW):
        j += 1
    if j < n and toks[j].flags & UNIT:
        return j + 1
    if j == i + 1 and j < n and toks[j].kind == _WORD and (toks[j].cap or toks[j].flags & EVENT):
        return i + 1
    return i


def _build(
    text: str,
    toks: list[_Tok],
    used: bytearray,
    exprs: list[_Expr],
    marks: list[int],
    ctx: Context | None,
    deadline_column: bool,
    tentative: bool,
    deadline: bool,
    asap: bool,
    recurrence: Recurrence | None,
) -> _Result:
    pieces = [pc for e in exprs for pc in e.pieces]
    ivs = _resolve(pieces, ctx) if pieces else []
    movable = bool(pieces) and all(pc.year is None for pc in pieces)

    start: date | None = None
    end: date | None = None
    precisions: list[Precision] = []
    only_open_ended = True
    k = 0
    for e in exprs:
        got = [iv for iv in ivs[k : k + len(e.pieces)] if iv is not None]
        if got:
            precisions.extend(pc.precision for pc, iv in zip(e.pieces, ivs[k : k + len(e.pieces)], strict=True)
                              if iv is not None)
            s: date | None = min(iv[0] for iv in got)
            en: date | None = max(iv[1] for iv in got)
            if e.mode == "after" and en is not None:
                s, en = en + timedelta(days=1), None
            elif e.mode == "from":
                en = None
            else:
                only_open_ended = False
            if e.mode == "deadline":
                deadline = True
            if e.ongoing:
                recurrence = recurrence or Recurrence.ONGOING
            if s is not None:
                start = s if start is None or s < start else start
            if en is not None:
                end = en if end is None or en > end else end
        k += len(e.pieces)
    if only_open_ended and start is not None:
        end = None

    if precisions:
        precision = min(precisions, key=_FINER.__getitem__)
        if precision == Precision.DAY and start != end and end is not None:
            precision = Precision.DAYS
    else:
        precision = Precision.OPEN

    if start is None and end is None:
        if recurrence is not None:
            precision = Precision.PERIOD
            if ctx is not None:
                start, end = ctx.start, ctx.end
        elif asap and ctx is not None:
            start = ctx.start

    if deadline or deadline_column:
        if end is not None or deadline_column:  # a Deadline column never gives a start, even for "asap"
            start = None
        deadline = True

    span = None
    first = [e.prefix for e in exprs] + marks
    last = [e.last - 1 for e in exprs] + marks
    if first:
        span = (toks[min(first)].start, toks[max(last)].end)
    return _Result(start, end, precision, recurrence, tentative, deadline, _note(text, toks, used),
                   movable, span)


def _context(context: Context | int | None) -> Context | None:
    if isinstance(context, Context):
        return context
    if isinstance(context, int) and not isinstance(context, bool) and 1 <= context <= 9999:
        return Context.year(context)
    return None


def _safe(text: str, ctx: Context | None, deadline_column: bool, strict: bool) -> _Result:
    try:
        return _analyse(text, ctx, deadline_column, strict)
    except (ValueError, OverflowError, IndexError):  # out-of-range years at the edges of the calendar
        return _Result(None, None, Precision.OPEN, None, False, deadline_column, " ".join(text.split()),
                       False, None)


def _timeframe(text: str, r: _Result) -> Timeframe:
    return Timeframe(text=text, start=r.start, end=r.end, precision=r.precision, recurrence=r.recurrence,
                     tentative=r.tentative, deadline=r.deadline, note=r.note)


# ---------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------


def parse_when_uncached(text: str, context: Context | int | None = None, *,
                        deadline_column: bool = False) -> Timeframe:
    """parse_when without the cache (for benchmarks and for callers that parse each phrase once)."""
    text = text if isinstance(text, str) else ""
    return _timeframe(text, _safe(text, _context(context), deadline_column, False))


@lru_cache(maxsize=16384)
def _cached(text: str, ctx: Context | None, deadline_column: bool) -> _Result:
    return _safe(text, ctx, deadline_column, False)


def parse_when(text: str, context: Context | int | None = None, *, deadline_column: bool = False) -> Timeframe:
    """Read a time phrase as planners write it ("Last week of November / early December", "Fall 2021",
    "23/03/2022 (Day 2 of 3-day Open Conference)", "Ongoing", "by end of June") in a context: the period
    of the plan or section (a Context) or a year (an int).

    Never raises. The text is kept verbatim in `text`; what was not read as time is in `note`; an
    unreadable phrase gives an open Timeframe (start = end = None, precision open). With
    `deadline_column=True` (the phrase stood in a column headed Deadline / Due / Target date) the
    Timeframe is a deadline: start is None and end is the end of what the phrase names.

    Results are cached (the phrases of one network repeat); each call returns a fresh Timeframe.
    """
    text = text if isinstance(text, str) else ""
    return _timeframe(text, _cached(text, _context(context), deadline_column))


class Found(NamedTuple):
    """What find_when found: the Timeframe of the whole segment (rest of the words in its note) and the
    words of the segment that carry the time."""

    timeframe: Timeframe
    phrase: str


def find_when(text: str, context: Context | int | None = None) -> Found | None:
    """Tell whether a free-text segment holds a time, and read it.

    For the importer's "→" bullets and similar free text: "community meeting to discuss priorities and
    programmes 1 and 2 February" holds "1 and 2 February" (in context 2018: 2018-02-01..2018-02-02, the rest
    of the words in the Timeframe's note); "focus on Ireland, Canada, Australia, Korea", "name to be
    determined!" and "sound judgement prevails" hold no time and give None.

    A segment holds a time when the reading gives a start, an end or a recurrence; a marker alone
    ("to be determined", "tbc") is not a time. Free text is read more carefully than a When cell: a lone
    "May", "fall" or "summer" needs a preposition or a year ("in May", "summer 2022"), and a recurrence word
    that qualifies a noun ("ongoing initiatives", "monthly newsletter") does not date the segment.

    Returns Found(timeframe, phrase) (a 2-tuple), or None. A year-less date needs a context to be placed,
    so without one such a segment gives None.
    """
    text = text if isinstance(text, str) else ""
    r = _safe(text, _context(context), False, True)
    tf = _timeframe(text, r)
    if not tf.understood or r.span is None:
        return None
    return Found(tf, text[r.span[0] : r.span[1]])


def _first_day(r: _Result) -> date | None:
    return r.start or r.end


def _last_day(r: _Result) -> date | None:
    return r.end or r.start


def _candidates(text: str, around: int) -> list[tuple[date, date, _Result]]:
    """The readings of a step with no written year, placed in each year near `around`."""
    out: list[tuple[date, date, _Result]] = []
    for y in range(max(1, around - 4), min(9999, around + 4) + 1):
        r = _safe(text, Context.year(y), False, False)
        a, b = _first_day(r), _last_day(r)
        if a is not None and b is not None:
            out.append((a, b, r))
    return out


def parse_sequence(texts: Sequence[str | None], context: Context | int | None = None) -> list[Timeframe]:
    """Read the dated steps of a milestone sequence (a consultation timeline, a roadmap) in order.

    Steps whose year is written are fixed. The steps before a fixed one run up to it: each takes the latest
    year that keeps it on or before the next dated step ("12 October", "30 October", "mid-December",
    "January 2018" -> October 2017 ... January 2018). Steps after the last fixed one (or all steps, when no
    year is written) run forward from the previous dated step, the first one taking its year from the
    context. Empty steps (None, "") keep their place and give open Timeframes.
    """
    ctx = _context(context)
    steps = [t if isinstance(t, str) else "" for t in texts]
    results = [_safe(t, ctx, False, False) for t in steps]
    fixed = [_first_day(r) is not None and not r.movable for r in results]
    last_fixed = max((i for i, f in enumerate(fixed) if f), default=-1)

    # Before the last fixed step: back from the dated step after, the latest year that starts on or before
    # its end ("12 October" before "throughout October" 2017 is 12 October 2017).
    limit: date | None = None
    for i in range(len(steps) - 1, -1, -1):
        if i < last_fixed and not fixed[i] and results[i].movable and limit is not None:
            bound = limit
            ok = [c for c in _candidates(steps[i], bound.year) if c[0] <= bound]
            if ok:
                results[i] = max(ok, key=lambda c: c[0])[2]
        limit = _last_day(results[i]) or limit

    # After it: forward from the dated step before, the earliest year that ends on or after its start.
    floor: date | None = None
    for i in range(len(steps)):
        if i > last_fixed and results[i].movable and floor is not None:
            bound = floor
            ok = [c for c in _candidates(steps[i], bound.year) if c[1] >= bound]
            if ok:
                results[i] = min(ok, key=lambda c: c[0])[2]
        floor = _first_day(results[i]) or floor
    return [_timeframe(t, r) for t, r in zip(steps, results, strict=True)]
