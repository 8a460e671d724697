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
placed (start and end stay null). What only the whole document can tell travels in the context (Context:
whether its period is stated, the order of its numeric dates, its own week 1, the day of its event); two
small pure functions decide the order and the week 1 from a document's texts (decide_dayfirst,
decide_week1).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from accord.text.timeframe import Context, Precision, Recurrence, Timeframe

__all__ = ["Found", "decide_dayfirst", "decide_week1", "document_context", "find_when", "parse_sequence", "parse_when"]

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
TIMES = 1 << 30  # once, twice: "twice a month"
EVENT = 1 << 31  # meeting, assembly...: "every General Assembly"
NEUTRAL = 1 << 32  # a phrase that blocks a marker reading ("due to")
POSTFROM = 1 << 33  # "or later", "onwards" after the date: an open start
YEARMOD = 1 << 34  # a part of the year in one word: "Jahresende", "year-end" (value as MOD)
ATTACHED = 1 << 35  # a month abbreviation that is also a word ("ago"): a month only with a day or a year
NEXT = 1 << 36  # next, prochaine, nächste, próxima: "next week" (after the event's day)
PAST = 1 << 37  # the words after "semaine" / "semana" that say "last": "la semaine dernière", "la semana pasada"

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
_add("ago", MONTH, 8)  # Spanish "agosto" ("Ago-19")
_add("may march mar set", WEAK)  # verbs and nouns too: a bare "may" needs a day, a year or a preposition
_add("ago set", ATTACHED)  # "2 years ago", "a set of": a month only with a day or a year

_add("spring springtime printemps fruhling fruhjahr primavera", SEASON, 0)
_add("summer summertime ete sommer verano", SEASON, 1)
_add("fall autumn automne herbst otono", SEASON, 2)
_add("winter wintertime hiver invierno", SEASON, 3)
_add("fall ete", WEAK)  # "fall" is a verb, "été" also means "been"

_add(
    "early beginning start begin debut anfang anfangs beginn principios principio inicios inicio comienzos comienzo",
    MOD,
    0,
)
_add("mid middle mi mitte mediados medio", MOD, 1)
_add("late end fin ende finales final fines", MOD, 2)

_add("first premier premiere erste erster ersten erstes primer primera primero", ORDW, 1)
_add("second deuxieme seconde zweite zweiter zweiten zweites segundo segunda", ORDW, 2)
_add("third troisieme dritte dritter dritten drittes tercer tercera tercero", ORDW, 3)
_add("fourth quatrieme vierte vierter vierten viertes cuarto cuarta", ORDW, 4)
_add("last final dernier derniere letzte letzter letzten letztes ultimo ultima", ORDW, -1)

_add(
    "next coming prochain prochaine prochains prochaines nachste nachsten nachstes kommende kommenden "
    "proxima proximo proximas proximos",
    NEXT,
)
_add("derniere dernier passee pasada pasado", PAST)
_add("week wk semaine woche kw cw semana w/c weeks wks semaines wochen semanas", WEEK)
_add("quarter trimestre quartal", QUARTER)
_add("semester half semestre halbjahr", HALF)
_add("q1 t1", QN, 1)
_add("q2 t2", QN, 2)
_add("q3 t3", QN, 3)
_add("q4 t4", QN, 4)
_add("h1 s1", HN, 1)
_add("h2 s2", HN, 2)
_add("year annee jahr jahres jahre ano", YEARW)
_add("yearend jahresende jahresausklang", YEARMOD, 2)
_add("jahresanfang jahresbeginn", YEARMOD, 0)
_add("jahresmitte", YEARMOD, 1)
_add("the this cette ce l le la el das dieses diesem este esta", THIS)

_add("of de del du d von vom der des", OF)
_add("de du vom von del", RANGEFROM)
_add(
    "in during on at around about for within over the en au aux le la l les dans pendant durant "
    "courant vers im am um zum zur dem den wahrend gegen el los durante hacia sometime approximately",
    FILLER,
)
_add("to until till through thru or and et ou au a bis und oder al hasta y o & jusqu'au", SEP)
_add("between entre zwischen", BETWEEN)
_add("by before until till due deadline avant bis vor antes hasta spatestens", DEADLINE)
_add("from since starting depuis ab seit desde beginnend", FROM)
_add("after apres nach despues", AFTER)

_add(
    "tbc tbd tba tbcd ish usually habituellement normalerweise ublicherweise normalmente "
    "tentative tentatively possibly possible envisaged envisioned potential potentially provisional "
    "provisionally maybe perhaps approx approximately circa ca provisoire eventuellement envisage "
    "vorlaufig voraussichtlich eventuell evtl moglicherweise vsl tentativo tentativa posiblemente "
    "aprox aproximadamente environ ungefahr etwa",
    TENT,
)
_add(
    "ongoing continuous continuously continual continually permanent permanently constantly "
    "continu continue permanente laufend fortlaufend kontinuierlich standig durchgehend dauerhaft "
    "continuo continua continuamente permanentemente",
    ONGOING,
)
_add("throughout", THROUGHOUT)
_add(
    "periodically periodic regularly recurring recurrent repeatedly monthly weekly daily quarterly "
    "yearly annually annual biweekly fortnightly bimonthly biannual biannually semiannual semiannually "
    "periodiquement regulierement mensuel mensuelle mensuellement hebdomadaire trimestriel trimestrielle "
    "annuel annuelle annuellement periodisch regelmassig regelmasig monatlich wochentlich "
    "vierteljahrlich jahrlich taglich periodicamente regularmente mensual mensualmente semanal "
    "semanalmente trimestral anual anualmente",
    PERIODIC,
)
_add("asap a.s.a.p a.s.a.p. immediately immediatement sofort umgehend inmediatamente", ASAP)
_add("every each chaque jeden jede jedes cada", EVERY)
_add(
    "day days week weeks month months year years quarter quarters semester semesters jour jours "
    "semaine semaines mois an ans annee annees tag tage tagen woche wochen monat monate monaten jahr "
    "jahre jahren dia dias semana semanas mes meses ano anos fortnight",
    UNIT,
)
_add(
    "two three four five six eight ten twelve other deux trois quatre six zwei drei vier sechs dos tres cuatro seis",
    NUMW,
)
_add("once twice thrice", TIMES)
_add("meeting meetings session sessions assembly ga board conference call calls reunion sitzung reunion", EVENT)
for _n, _names in enumerate(
    [  # value: Monday 0 ... Sunday 6
        "monday mon lundi lun montag mo lunes",
        "tuesday tue tues mardi dienstag di martes",
        "wednesday wed mercredi mittwoch miercoles mie",
        "thursday thu thur thurs jeudi jeu donnerstag jueves jue",
        "friday fri vendredi ven freitag fr viernes vie",
        "saturday sat samedi sam samstag sa sabado sab",
        "sunday sun dimanche dim sonntag domingo dom",
    ]
):
    _add(_names, WEEKDAY, _n)

# "the next 6 months", "les trois prochains mois": how many units a relative span counts, and its units.
_COUNT_WORDS: dict[str, int] = {}
for _n, _names in enumerate(
    [
        "one un une ein eine uno una",
        "two deux zwei dos",
        "three trois drei tres",
        "four quatre vier cuatro",
        "five cinq funf cinco",
        "six sechs seis",
        "seven sept sieben siete",
        "eight huit acht ocho",
        "nine neuf neun nueve",
        "ten dix zehn diez",
        "eleven onze elf",
        "twelve douze zwolf doce",
    ],
    start=1,
):
    for _w in _names.split():
        _COUNT_WORDS.setdefault(_w, _n)
_COUNT_WORDS["eighteen"] = _COUNT_WORDS["dix-huit"] = _COUNT_WORDS["achtzehn"] = _COUNT_WORDS["dieciocho"] = 18
_SPAN_UNITS: dict[str, tuple[str, int]] = {}  # word -> (unit, size): months of 1, years of 12 months...
for _unit, _size, _names in [
    ("days", 1, "days jours tage tagen dias"),
    ("days", 7, "weeks semaines wochen semanas"),
    ("months", 1, "months mois monate monaten meses"),
    ("months", 12, "years ans annees jahre jahren anos"),
]:
    for _w in _names.split():
        _SPAN_UNITS[_w] = (_unit, _size)

# Multi-word phrases, matched on consecutive words (an apostrophe or a hyphen may stand between them).
_PHRASES: dict[tuple[str, ...], tuple[int, int]] = {}


def _phrase(words: str, flags: int, value: int = 0) -> None:
    for p in words.split("|"):
        _PHRASES[tuple(p.split())] = (flags, value)


_phrase(
    "as soon as possible|as early as possible|right away|des que possible|au plus vite|au plus tot|"
    "so bald wie moglich|schnellstmoglich|baldmoglichst|lo antes posible|cuanto antes|"
    "lo mas pronto posible|a la brevedad",
    ASAP,
)
_phrase(
    "to be confirmed|to be determined|to be decided|to be defined|to be announced|to be scheduled|"
    "to be fixed|to be agreed|not yet fixed|a confirmer|a determiner|a definir|a preciser|peut etre|"
    "zu bestatigen|unter vorbehalt|noch offen|por confirmar|a confirmar|por determinar|por definir|"
    "a determinar|tal vez",
    TENT,
)
_phrase(
    "no later than|not later than|prior to|ahead of|in time for|d ici|jusqu a|jusqu au|date limite|"
    "antes de|antes del|fecha limite|bis zum|bis spatestens",
    DEADLINE | SEP,
)
_phrase("at the latest|au plus tard|a mas tardar|spatestens", DEADLINE | POSTDEADLINE)
_phrase(
    "started in|starting in|starting from|started|start in|starts in|as of|as from|beginning in|"
    "commencing|a partir de|a partir du|a compter de|a compter du|a partir del|ab dem",
    FROM,
)
_phrase("after the|apres le|apres la|nach dem|nach der|despues de|despues del", AFTER)
_phrase(
    "on going|en continu|en cours|all year round|all year|year round|en curso|de forma continua|"
    "tout au long de l annee|a lo largo del ano|todo el ano|ganzjahrig|das ganze jahr",
    ONGOING,
)
_phrase("tout au long de|tout au long du|a lo largo de|a lo largo del|durante todo|uber das ganze", THROUGHOUT)
_phrase(
    "bi weekly|semi annual|semi annually|bi monthly|bi annual|bi annually|from time to time|"
    "de temps en temps|de temps a autre|von zeit zu zeit|de vez en cuando|tous les mois|tous les trimestres|"
    "tous les ans|toutes les semaines|chaque mois|chaque trimestre|chaque annee|jeden monat|jedes quartal|"
    "jedes jahr|jede woche|alle drei monate|cada mes|cada trimestre|cada ano|cada semana|todos los meses|"
    "todos los anos|todas las semanas",
    PERIODIC,
)
_phrase("week commencing|week beginning|week starting|semaine du|woche vom|semana del", WEEK)
_phrase("due to|due diligence", NEUTRAL)
_phrase(
    "or later|and later|or after|and after|onwards|onward|and beyond|or beyond|and thereafter|et au dela|"
    "ou plus tard|ou apres|et apres|et suivantes|und spater|oder spater|und danach|und folgende|en adelante|"
    "o despues|o posterior|y posteriores|y siguientes|en lo sucesivo",
    POSTFROM,
)
_phrase(
    "or sooner|or earlier|if not sooner|ou plus tot|ou avant|oder fruher|oder eher|o antes|"
    "extension requested|extension pending|prolongation demandee|report demande|verlangerung beantragt|"
    "prorroga solicitada|extension solicitada|in der regel|por lo general",
    TENT,
)
_phrase("year end", YEARMOD, 2)
_phrase("a.s.a.p", ASAP)

_PHRASE_FIRST: dict[str, list[tuple[tuple[str, ...], tuple[int, int]]]] = {}
for _p, _fv in sorted(_PHRASES.items(), key=lambda kv: -len(kv[0])):
    _PHRASE_FIRST.setdefault(_p[0], []).append((_p, _fv))

# Which flags can begin a time expression (cheap test before trying the grammar).
_STARTS = MONTH | SEASON | MOD | ORDW | WEEK | QN | HN | THIS | WEEKDAY | YEARMOD | YEARW | NEXT
# Words that may stand just before an expression and belong to it.
_PREFIX = FILLER | DEADLINE | FROM | AFTER | THROUGHOUT | BETWEEN | THIS | WEEKDAY | RANGEFROM
# What makes a lone "May" or "summer" a time in free text: "in May", "by May", "this summer".
_STRONG_PREFIX = DEADLINE | FROM | AFTER | THROUGHOUT | BETWEEN
_TIME_PREPOSITIONS = frozenset(
    _words("in during en im durante pendant durant dans wahrend courant this cette ce dieses diesem este esta")
)
# Words that are only glue: a note chunk made of these alone is dropped.
_GLUE = FILLER | OF | SEP | THIS

# ---------------------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------------------

_NUM, _ORD, _DATE, _WORD, _PUNCT, _CLOCK = range(6)

_TOKEN_RE = re.compile(
    r"""
    (?P<lword>(?!(?:kw|cw|wk)\d|a\.s\.a\.p|w/c)[^\W\d_][^\W_]*)  # most tokens are words: tried first
  | (?P<iso>(?<!\w)(?<!\d\.)\d{4}(?P<isep>[-/.])\d\d?(?P=isep)\d\d?
        (?:t\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:z|[+-]\d\d:?\d\d)?)?(?![\w]|[-.]\d|/\d\d?(?!\d)))
  | (?P<wkn>(?<!\w)(?:kw|cw|wk)\d\d?(?![\w]|[.:]\d))
  | (?P<qfirst>(?<!\w)[1-4]q(?:\d\d|(?:19|20)\d\d)?(?!\w))
  | (?P<qlast>(?<!\w)(?:19|20)\d\d[qh][1-4](?!\w))
  | (?P<my>(?<!\w)(?<![\d./-])(?:0?[1-9]|1[0-2])[./-](?:19|20)\d\d(?![\w]|[./-]\d))
  | (?P<dmy>(?<!\w)(?<!\d\.)\d\d?(?P<sep>[./-])\d\d?(?P=sep)(?:\d{4}|\d\d)(?![\w]|[./-]\d))
  | (?P<clock>(?<![\w:./])(?:(?:[01]?\d|2[0-3])\.[0-5]\d\ ?[-–]\ ?(?:[01]?\d|2[0-3])\.[0-5]\d(?![\w.]|/\d)
        |\d\d?(?::\d\d){1,2}(?:\ ?[ap]\.?m\b\.?)?|\d\d?(?:\.\d\d)?\ ?(?:[ap]\.?m\b\.?|uhr\b)
        |\d\d?h\d\d(?!\w)))
  | (?P<dm>(?<![\w./])\d\d?(?:/\d\d?(?![\w]|[./]\d)|\.\d\d?\.(?!\d)))
  | (?P<ord>(?<!\w)\d\d?(?:st|nd|rd|th|ere|er|re|eme|e|º|°|ª)(?!\w))
  | (?P<num>(?<![^\W\d_])\d++(?![^\W\d_]))
  | (?P<word>a\.s\.a\.p\.?|w/c(?!\w)|[^\W_]+)
  | (?P<dots>\.\.)
  | (?P<punct>\S)
    """,
    re.VERBOSE,
)


class _Tok:
    __slots__ = ("cap", "date", "end", "flags", "kind", "num", "pair", "start", "text", "val")

    def __init__(self, kind: int, text: str, start: int, end: int) -> None:
        self.kind = kind
        self.text = text  # folded
        self.start = start
        self.end = end
        self.num = 0
        self.flags = 0
        self.val = 0
        self.cap = False
        self.date: tuple[int, int, int] | None = None  # (year, month, day); year 0 when none is written
        self.pair: tuple[int, int] | None = None  # a numeric date's first two numbers, before the order is known


_ELIDED = frozenset(("d", "l", "qu", "jusqu", "lorsqu", "puisqu"))  # "d'ici", "l'année", "jusqu'au"
_TIMEZONES = frozenset(
    (
        "utc",
        "gmt",
        "z",
        "cet",
        "cest",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "bst",
        "eet",
        "eest",
        "wet",
        "west",
        "mez",
        "mesz",
        "ist",
        "jst",
        "aest",
        "aedt",
    )
)


def _tokenize(original: str, folded: str, dayfirst: bool | None = None) -> list[_Tok]:
    toks: list[_Tok] = []
    numeric = False
    for m in _TOKEN_RE.finditer(folded):
        group = m.lastgroup
        s, e = m.span()
        text = m.group()
        if group == "lword" or group == "word":
            t = _Tok(_WORD, text, s, e)
            fv = _LEX.get(text)
            if fv is not None:
                t.flags, t.val = fv
            if text == "des" and original[s + 1] in "èÈ":  # "dès 2030": from; "des" is "of the"
                t.flags, t.val = FROM, 0
            t.cap = original[s].isupper()
        elif (
            group == "punct"
            and text == "'"
            and toks
            and toks[-1].kind == _WORD
            and toks[-1].end == s
            and toks[-1].text in _ELIDED
        ):
            toks[-1].end = e  # the elided article keeps its apostrophe: "d'", "l'"
            continue
        elif group == "clock":
            t = _Tok(_CLOCK, text, s, e)
        elif group == "dm":
            if text == "24/7":  # round the clock
                t = _Tok(_WORD, text, s, e)
                t.flags = ONGOING
            else:
                a, b = re.split(r"[./]", text.rstrip("."))
                t = _Tok(_DATE, text, s, e)
                t.pair = (int(a), int(b))
                t.date = (0, 0, 0)
                numeric = True
        elif group == "num":
            t = _Tok(_NUM, text, s, e)
            t.num = int(text) if len(text) < 10 else 10**9
        elif group == "ord":
            t = _Tok(_ORD, text, s, e)
            t.num = int(text[:2] if text[1].isdigit() else text[:1])
        elif group == "my":
            # "03/2026", "3.2026": a month and its year, read as "March 2026".
            month, year = re.split(r"[./-]", text)
            t = _Tok(_WORD, _MONTH_WORDS[int(month) - 1].split()[0], s, s + len(month))
            t.flags, t.val = MONTH, int(month)
            toks.append(t)
            t = _Tok(_NUM, year, e - len(year), e)
            t.num = int(year)
        elif group == "iso":
            t = _Tok(_DATE, text, s, e)
            y, mo, d = re.split(r"[-/.]", text.split("t", 1)[0])  # a time of day ("T10:00:00") is dropped
            t.date = (int(y), int(mo), int(d))
        elif group in ("qfirst", "qlast"):
            # "1Q22", "3Q 2023" (a quarter, then its year); "2022Q1", "2022H2" (a year, then its quarter or half)
            if group == "qfirst":
                q = _Tok(_WORD, "q" + text[0], s, s + 2)
                q.flags, q.val = QN, int(text[0])
                toks.append(q)
                if len(text) == 2:
                    continue
                t = _Tok(_NUM, text[2:], s + 2, e)
                t.num = int(text[2:]) if len(text) == 6 else _two_digit_year(int(text[2:]))
                if len(text) == 4:  # a two-digit year stands for its four digits
                    t.text = str(t.num)
            else:
                t = _Tok(_NUM, text[:4], s, s + 4)
                t.num = int(text[:4])
                toks.append(t)
                t = _Tok(_WORD, text[4:], s + 4, e)
                t.flags, t.val = (QN if text[4] == "q" else HN), int(text[5])
        elif group == "wkn":
            # "KW12", "CW12", "wk12": the week word glued to its number
            cut = len(text.rstrip("0123456789"))
            t = _Tok(_WORD, text[:cut], s, s + cut)
            t.flags, t.val = _LEX.get(text[:cut], (WEEK, 0))
            toks.append(t)
            t = _Tok(_NUM, text[cut:], s + cut, e)
            t.num = int(text[cut:])
        elif group == "dmy":
            t = _Tok(_DATE, text, s, e)
            a, b, c = re.split(r"[./-]", text)
            t.date = (_two_digit_year(int(c)) if len(c) == 2 else int(c), 0, 0)
            t.pair = (int(a), int(b))
            numeric = True
        else:
            t = _Tok(_PUNCT, text, s, e)
        toks.append(t)
    if numeric:
        _order_numeric(toks, dayfirst)
    if any(t.kind == _WORD and t.text in _PHRASE_FIRST for t in toks):
        toks = _merge_phrases(toks)
    return toks


def _two_digit_year(n: int) -> int:
    """ "'22", "04-Nov-21", "12/03/21": 00-69 are 2000-2069, 70-99 are 1970-1999."""
    return 2000 + n if n < 70 else 1900 + n


def _order_numeric(toks: list[_Tok], dayfirst: bool | None) -> None:
    """Day and month of the numeric dates of one phrase, in one order for all of them: the order a date of the
    phrase forces (03/25 can only be month first), else the document's (`dayfirst`), else day first. A date
    that the chosen order makes impossible is read the other way."""
    forced_day = forced_month = False
    for t in toks:
        if t.pair is not None:
            a, b = t.pair
            forced_month = forced_month or a <= 12 < b
            forced_day = forced_day or b <= 12 < a
    day_first = forced_day if forced_day != forced_month else dayfirst is not False
    for t in toks:
        if t.pair is not None and t.date is not None:
            a, b = t.pair
            d, mo = (a, b) if day_first else (b, a)
            if mo > 12 and d <= 12:
                d, mo = mo, d
            t.date = (t.date[0], mo, d)


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
    __slots__ = ("bare_weak", "clock", "day", "make", "month", "precision", "span", "year")

    def __init__(
        self,
        make: Maker,
        year: int | None,
        precision: Precision,
        bare_weak: bool = False,
        span: bool = False,
        month: int = 0,
        day: int = 0,
    ) -> None:
        self.make = make
        self.year = year
        self.precision = precision
        self.bare_weak = bare_weak  # a lone "May", "fall", "summer": free text needs more to read it as time
        self.span = span  # a range written inside one piece ("3 to 5 May", "2021-22"): "from" keeps its end
        self.month = month  # the month of a day or days piece (a bare day before it takes it: "from 4 to May 22")
        self.day = day  # the first day of a day or days piece
        self.clock = False  # a clock time on the event's day: it yields to any other date of the phrase


def _fixed(first: date, last: date) -> Maker:
    """A piece whose interval does not depend on the year (a numbered week of the document, the event's day)."""
    return lambda _yy: (first, last)


def _nth_weekday(y: int, m: int, weekday: int, n: int) -> Interval | None:
    """The n-th (1..5, -1 the last) given weekday (Monday 0) of a month; None when the month has no such day."""
    if not _ok_year(y):
        return None
    if n == -1:
        last = date(y, m, _mlen(y, m))
        d = last - timedelta(days=(last.weekday() - weekday) % 7)
    else:
        first = date(y, m, 1)
        d = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
        if d.month != m:
            return None
    return d, d


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

    __slots__ = ("clock", "ctx", "month_year", "n", "strict", "tent", "toks")

    def __init__(self, toks: list[_Tok], ctx: Context | None, strict: bool) -> None:
        self.toks = toks
        self.n = len(toks)
        self.ctx = ctx
        self.strict = strict
        self.tent = False  # a doubt marker read inside a date ("March 3 (ish), 2023")
        self.clock = False  # a clock time was read as the event's day
        self.month_year = False  # the phrase writes months with two-digit years ("Mar-19"): "Jun 20" is June 2020

    def _glued(self, i: int) -> bool:
        """Token i touches the token before it ("Oct-2", "2019-sep-1")."""
        return 0 < i < self.n and self.toks[i].start == self.toks[i - 1].end

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

    def _year_after(self, j: int, glued2: bool = False) -> tuple[int | None, int]:
        """An optional year after a month, season...: "2021", ", 2021", "de 2021", "of 2021", "'22",
        "del año 2031", "de l'année 2029", "des Jahres 2026", "-2018" (glued: "dec-2018", "2-Oct-2019").
        With `glued2`, a two-digit year glued by a dash also counts ("Ago-19", "04-Nov-21").
        Between the date and its year may stand a doubt in brackets ("March 3 (ish), 2023") and a clock
        time with its zone ("Mar 4 08:15:00 CET 2020")."""
        k = self._skip_inserts(j) if j < self.n and self.toks[j].kind in (_PUNCT, _CLOCK) else j
        if self._punct(k, "-/.") and self._glued(k) and self._glued(k + 1) and self.toks[k + 1].kind == _NUM:
            nt = self.toks[k + 1]
            if self._year_num(k + 1):  # "dec-2018", "KW12/2022", "Q1.2022"
                return nt.num, k + 2
            if glued2 and len(nt.text) == 2 and self.toks[k].text == "-":
                return _two_digit_year(nt.num), k + 2
        if self._punct(k, ",") or self._is(k, OF):
            k += 1
        if self._is(k, THIS) and (self._year_num(k + 1) or self._is(k + 1, YEARW)):  # "de la", "of the year"
            k += 1
        if self._is(k, YEARW) and self._year_num(k + 1):
            k += 1
        y = self._year_num(k)
        if y:
            if k > j and self._has_doubt(j, k):
                self.tent = True
            return y, k + 1
        if self._punct(j, "'") and j + 1 < self.n and self.toks[j + 1].kind == _NUM and len(self.toks[j + 1].text) == 2:
            return _two_digit_year(self.toks[j + 1].num), j + 2
        return None, j

    def _skip_inserts(self, j: int) -> int:
        """Past a bracketed doubt ("(ish)", "(tbc)", "(?)") and clock times with their zone, when a year
        follows them; else j."""
        k = j
        if self._punct(k, "(") and k + 1 < self.n:
            e = k + 1
            while e < self.n and e < k + 5 and not self._punct(e, ")"):
                t = self.toks[e]
                if not (t.flags & TENT or (t.kind == _PUNCT and t.text in "?.")):
                    return j
                e += 1
            if not self._punct(e, ")") or e == k + 1:
                return j
            k = e + 1
        while k < self.n and self.toks[k].kind == _CLOCK:
            k += 1
            if k < self.n and self.toks[k].text in _TIMEZONES:
                k += 1
        if k == j:
            return j
        if self._punct(k, ","):
            return k if self._year_num(k + 1) else j
        return k if self._year_num(k) else j

    def _has_doubt(self, j: int, k: int) -> bool:
        return any(self.toks[x].flags & TENT or self.toks[x].text == "?" for x in range(j, k))

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
        if k == _CLOCK:
            return self._clock(i)
        if k == _NUM or (k == _WORD and t.text in _COUNT_WORDS and self._is(i + 1, NEXT)):
            r = self._relative_span(i)
            if r is not None:
                return r
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
            y, j = self._year_after(i + 1, glued2=True)
            return _Piece(lambda yy: _months(yy, 3 * q - 2, 3 * q), y, Precision.QUARTER), j
        if f & HN:
            h = t.val
            y, j = self._year_after(i + 1, glued2=True)
            return _Piece(lambda yy: _months(yy, 6 * h - 5, 6 * h), y, Precision.HALF), j
        if f & YEARMOD:
            a, b = _YEAR_PART[t.val]
            prec = Precision.HALF if t.val == 1 else Precision.QUARTER
            y, j = self._year_after(i + 1)
            if y is None and self.ctx is not None:
                y = self.ctx.start.year
            return (_Piece(lambda yy: _months(yy, a, b), y, prec), j) if y is not None else None
        if f & YEARW and self._year_num(i + 1):  # "año 2031", "Jahr 2031"
            return self._year(i + 1)
        if f & NEXT:
            r = self._relative_span(i)
            if r is not None:
                return r
        if (
            f & (NEXT | THIS)
            and i + 1 < self.n
            and self.toks[i + 1].text in _ONE_WEEK
            and not self._is(i + 2, NEXT | PAST)
        ):  # "la semaine prochaine" is read from "semaine"
            return self._relative_week(1 if f & NEXT else 0, i + 2)
        if f & THIS and self._is(i + 1, YEARW):
            if self._year_num(i + 2):  # "the year 2034", "l'année 2017"
                return self._year(i + 2)
            if self.ctx is not None:
                cy = self.ctx.start.year
                return _Piece(lambda yy: _months(yy, 1, 12), cy, Precision.YEAR), i + 2
            return None
        if f & WEEKDAY:
            j = i + 1
            if self._punct(j, ",."):
                j += 1
            if j < self.n and (self._day_num(j) or self._is(j, MONTH) or self.toks[j].kind == _DATE):
                return self.atom(j)
        return None

    def _numeric_date(self, i: int) -> tuple[_Piece, int] | None:
        """ "23/03/2022", "2022-03-23", "2015/08/12", and without a year "22/04", "22.04." (the order of day
        and month is the phrase's, else the document's: Context.dayfirst). "11/12 May" is two days of May."""
        t = self.toks[i]
        d = t.date
        assert d is not None
        y, m, day = d
        if not y and t.pair is not None and self._is(i + 1, MONTH):
            a, b = t.pair
            if 1 <= a <= 31 and 1 <= b <= 31:
                mm = self.toks[i + 1].val
                yy2, j = self._year_after(self._skip_dot(i + 2))
                return self._days_piece(mm, [a, b], yy2), j
        if not (1 <= m <= 12 and 1 <= day <= 31):
            return None
        if not y:
            # In free text "1/2", "3/4", "2.1." may be fractions or numbers: a preposition or the segment alone
            # makes them dates; two two-digit numbers ("22/04", "04/07", "12.05.") are a date anyway.
            weak = self.strict and not re.fullmatch(r"\d\d[/.]\d\d\.?", t.text)
            return _Piece(lambda yy: _days(yy, m, day, day), None, Precision.DAY, weak, month=m, day=day), i + 1
        return _Piece(lambda yy: _days(yy, m, day, day), y, Precision.DAY, month=m, day=day), i + 1

    def _clock(self, i: int) -> tuple[_Piece, int] | None:
        """A clock time alone ("10:00", "10:00-11:30", "2 pm", "14h30 à 16h") is on the event's day
        (Context.event_day); without one it is no date."""
        ctx = self.ctx
        if ctx is None or ctx.event_day is None:
            return None
        j = i + 1
        if j + 1 < self.n and (self._punct(j, "-") or self._is(j, SEP)) and self.toks[j + 1].kind == _CLOCK:
            j += 2
        day = ctx.event_day
        p = _Piece(_fixed(day, day), day.year, Precision.DAY, month=day.month, day=day.day)
        p.clock = self.clock = True
        return p, j

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
        glued = False
        if self._is(j, OF) and self._is(j + 1, MONTH):
            j += 1
        elif self._punct(j, "-/") and self._glued(j) and self._glued(j + 1) and self._is(j + 1, MONTH):
            j += 1  # "2-Oct", "3/jan", "04-Nov-21"
            glued = True
        if not self._is(j, MONTH):
            return None
        m = self.toks[j].val
        j = self._skip_dot(j + 1)
        y, j = self._year_after(j, glued2=glued)
        return self._days_piece(m, days, y), j

    def _month_first(self, i: int, fixed_year: bool = False) -> tuple[_Piece, int] | None:
        """ "March 25-26, 2025", "May 1st", "July 2021", "junio de 2022", "January"."""
        t = self.toks[i]
        m = t.val
        j = self._skip_dot(i + 1)
        if (
            self._punct(j, "-/")
            and self._glued(j)
            and self._glued(j + 1)
            and self.toks[j + 1].kind == _NUM
            and len(self.toks[j + 1].text) <= 2
        ):
            # Glued: "Oct-2", "jan/3" (a day); "Ago-19", "dec-18" (a two-digit year, as spreadsheets write
            # months); "Oct-12-2019" (a day, then the year).
            nt = self.toks[j + 1]
            more = (
                self._punct(j + 2, "-/") and self._glued(j + 2) and self._glued(j + 3) and self.toks[j + 3].kind == _NUM
            )
            if (self.toks[j].text == "/" or len(nt.text) == 1 or more or fixed_year) and 1 <= nt.num <= 31:
                y, j2 = self._year_after(j + 2, glued2=True)
                return self._days_piece(m, [nt.num], y), j2
            if not fixed_year:
                self.month_year = True
                yy2 = _two_digit_year(nt.num)
                return _Piece(lambda yy: _months(yy, m, m), yy2, Precision.MONTH), j + 2
        if (
            self.month_year
            and not fixed_year
            and j < self.n
            and self.toks[j].kind == _NUM
            and len(self.toks[j].text) == 2
            and not self._year_after(j + 1)[0]
        ):
            yy3 = _two_digit_year(self.toks[j].num)  # "Mar-19 – Jun 20": the phrase's own way of writing months
            return _Piece(lambda yy: _months(yy, m, m), yy3, Precision.MONTH), j + 1
        tj = self.toks[j] if j < self.n else None
        if tj is not None and tj.kind == _DATE and tj.pair is not None and tj.date is not None and not tj.date[0]:
            a, b = tj.pair
            if 1 <= a <= 31 and 1 <= b <= 31:  # "March 11/12": two days
                y, j2 = self._year_after(j + 1)
                return self._days_piece(m, [a, b], y), j2
        if self._day_num(j) and not self._year_num(j):
            nxt = j + 1
            # "May 2 participants" is not a date, "June 5" is: a number after a month is a day unless a
            # unit follows it ("July 3 weeks")
            if not self._is(nxt, UNIT):
                days, j2 = self._day_list(j)
                y, j2 = self._year_after(j2)
                return self._days_piece(m, days, y), j2
        y, j2 = self._year_after(j)
        if y is None and t.flags & ATTACHED:
            return None
        bare = y is None and bool(t.flags & WEAK) and not (t.cap and not self.strict)
        return _Piece(lambda yy: _months(yy, m, m), y, Precision.MONTH, bare), j2

    def _days_piece(self, m: int, days: list[int], y: int | None) -> _Piece:
        if len(days) == 2 and days[0] > days[1]:
            # "30 au 2 octobre", "between 28 and 2 March": the first day is in the month before
            d0, d3 = days

            def across(yy: int) -> Interval | None:
                if not _ok_year(yy):
                    return None
                y0, m0 = _ym(yy, m - 1)
                if d0 > _mlen(y0, m0) or d3 > _mlen(yy, m):
                    return None
                return date(y0, m0, d0), date(yy, m, d3)

            return _Piece(across, y, Precision.DAYS, span=True, month=m, day=1)
        d1, d2 = min(days), max(days)
        prec = Precision.DAY if d1 == d2 else Precision.DAYS
        return _Piece(lambda yy: _days(yy, m, d1, d2), y, prec, span=d1 != d2, month=m, day=d1)

    def _year(self, i: int) -> tuple[_Piece, int]:
        """ "2021", "2021-22", "2022-03", "2015.3", "2015/3", "2022 Q1", "2022/H2", "2019 3rd quarter",
        "2016 June", "2019-sep-1", "2019 Sep 1"."""
        y = self.toks[i].num
        j = i + 1
        if self._punct(j, "-/.") and j + 1 < self.n:
            nt = self.toks[j + 1]
            glued = self._glued(j) and self._glued(j + 1)
            if nt.kind == _NUM and len(nt.text) <= 2 and glued:
                if nt.num == (y + 1) % 100 and len(nt.text) == 2 and self.toks[j].text != ".":  # 2021-22
                    return _Piece(lambda yy: _months(yy, 1, 24), y, Precision.YEAR, span=True), j + 2
                if 1 <= nt.num <= 12:  # 2022-03, 2015.3, 2015/3: a month
                    mm = nt.num
                    return _Piece(lambda yy: _months(yy, mm, mm), y, Precision.MONTH), j + 2
            if nt.flags & (QN | HN) or (nt.flags & MONTH and glued and self.toks[j].text != "."):
                j += 1
        if self._punct(j, ",") and self._is(j + 1, MONTH) and self._day_num(j + 2):
            j += 1  # "2019, June 4"
        if self._is(j, MONTH) and (self._glued(j) or not self.toks[j].flags & WEAK or self.toks[j].cap):
            r = self._month_first(j, fixed_year=True)
            if r is not None and r[0].year is None:
                r[0].year = y
                return r
        k = j + 1 if self._punct(j, ",") else j
        if k < self.n and (self.toks[k].kind in (_ORD, _NUM) or self._is(k, ORDW)) and not self._year_num(k):
            t = self.toks[k]
            nth = t.val if t.kind == _WORD else t.num
            r2 = self._ordinal(nth, self._skip_dot(k + 1) if t.kind == _NUM else k + 1)
            if r2 is not None and r2[0].year is None and r2[0].precision in (Precision.QUARTER, Precision.HALF):
                r2[0].year = y  # "2019 3rd quarter", "2019, second half"
                return r2
        if self._is(j, QN):
            q = self.toks[j].val
            return _Piece(lambda yy: _months(yy, 3 * q - 2, 3 * q), y, Precision.QUARTER), j + 1
        if self._is(j, HN):
            h = self.toks[j].val
            return _Piece(lambda yy: _months(yy, 6 * h - 5, 6 * h), y, Precision.HALF), j + 1
        return _Piece(lambda yy: _months(yy, 1, 12), y, Precision.YEAR), i + 1

    def _modified(self, i: int) -> tuple[_Piece, int] | None:
        """early / mid / late + month, season, year, quarter, half: "mid-December", "End 2021", "fin 2021",
        "finales de 2021", "end of June", "Anfang März", "late fall 2024", "end of the year", "end Q1 2022"
        (March); two of them span both: "early-mid March", "mid to late 2022"."""
        part = part2 = self.toks[i].val
        j = i + 1
        if (
            j + 1 < self.n
            and (self._punct(j, "-/") or (self._is(j, SEP) and self.toks[j].kind == _WORD))
            and self._is(j + 1, MOD)
            and self.toks[j + 1].val > part
        ):
            part2 = self.toks[j + 1].val
            j += 2
        if self._punct(j, "-"):
            j += 1
        if self._is(j, OF):
            j += 1
        if self._is(j, THIS) and self._is(j + 1, YEARW) and self._year_num(j + 2):
            j += 1  # "end of the year 2021", "fin de l'année 2029"
        if self._is(j, YEARW) and self._year_num(j + 1):
            j += 1  # "Mitte des Jahres 2026", "a mediados del año 2030"
        if self._is(j, THIS) and not self._is(j, MONTH):
            if self._is(j + 1, YEARW) and self.ctx is not None:
                return self._year_part(self.ctx.start.year, part, part2), j + 2
            j += 1
        if self._is(j, MONTH):
            m = self.toks[j].val
            y, k = self._year_after(self._skip_dot(j + 1))

            def days(yy: int) -> Interval | None:
                a, b = _month_part(yy, m, part), _month_part(yy, m, part2)
                return (a[0], b[1]) if a and b else None

            return _Piece(days, y, Precision.DAYS), k
        if self._is(j, SEASON):
            return self._season(j, part, j + 1, part2)
        if self._is(j, QN | HN):
            # "end Q1 2022": the quarter's last month; "mid-H2": the middle two months of the half
            t = self.toks[j]
            span = 1 if t.flags & QN else 2
            first = (3 * t.val - 2) if t.flags & QN else (6 * t.val - 5)
            m1, m2 = first + span * part, first + span * part2 + span - 1
            y, k = self._year_after(j + 1, glued2=True)
            return _Piece(lambda yy: _months(yy, m1, m2), y, Precision.MONTH), k
        y = self._year_num(j)
        if y:
            return self._year_part(y, part, part2), j + 1
        if self._is(j, YEARW) and self.ctx is not None:  # "end of year"
            return self._year_part(self.ctx.start.year, part, part2), j + 1
        return None

    def _year_part(self, y: int, part: int, part2: int) -> _Piece:
        """early Jan-Mar, mid Apr-Sep, late Oct-Dec of year y; "early to mid 2022" spans both."""
        a, b = _YEAR_PART[part][0], _YEAR_PART[part2][1]
        prec = Precision.QUARTER if part == part2 != 1 else Precision.HALF
        return _Piece(lambda yy: _months(yy, a, b), y, prec)

    def _season(self, i: int, part: int | None, j: int, part2: int | None = None) -> tuple[_Piece, int]:
        """ "Fall 2021", "automne 2021", "otoño de 2021", "winter 2021/22"; part: early/mid/late (to part2)."""
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
        mm, mm2 = sm + part, sm + (part if part2 is None else part2)
        return _Piece(lambda yy: _months(yy, mm, mm2), y, Precision.MONTH), k

    def _ordinal(self, n: int, j: int) -> tuple[_Piece, int] | None:
        """ "first week of March", "last week of November", "second semester", "1st half of 2022",
        "third quarter", "1. Quartal 2022", "premier semestre", "primer trimestre de 2022"."""
        if self._punct(j, "-"):
            j += 1
        if self._is(j, WEEKDAY) and (1 <= n <= 5 or n == -1):
            # "first Monday of March", "2nd Tuesday in May 2022", "le premier lundi de mars", "erster Montag
            # im März", "el último viernes de junio"
            wd = self.toks[j].val
            k = j + 1
            if self._is(k, OF) or self._is(k, FILLER):
                k += 1
            if self._is(k, MONTH):
                m = self.toks[k].val
                y, k2 = self._year_after(self._skip_dot(k + 1))
                return _Piece(lambda yy: _nth_weekday(yy, m, wd, n), y, Precision.DAY, month=m), k2
            return None
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
            if n == -1 and not self._is(k, MONTH | OF) and self._is(j, WEEK):
                return self._relative_week(-1, j + 1)  # "last week" in minutes of a dated meeting
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
        if (
            y is None
            and self._is(j + 1, OF)
            and self._is(j + 2, THIS)
            and self._is(j + 3, YEARW)
            and self.ctx is not None
        ):
            y, k = self.ctx.start.year, j + 4
        first = months * (part - 1) + 1
        return _Piece(lambda yy: _months(yy, first, first + months - 1), y, precision), k

    def _count(self, i: int) -> tuple[int, int] | None:
        """A count of units at i: "6", "three", "6-12", "6 to 12" (the larger end); and the index after it."""

        def one(x: int) -> int | None:
            if x >= self.n:
                return None
            t = self.toks[x]
            if t.kind == _NUM and len(t.text) <= 3 and 0 < t.num <= 120:
                return t.num
            return _COUNT_WORDS.get(t.text) if t.kind == _WORD else None

        n = one(i)
        if n is None:
            return None
        j = i + 1
        if j + 1 < self.n and (self._punct(j, "-") or self.toks[j].text in ("to", "a", "bis", "or", "ou", "oder", "o")):
            m = one(j + 1)
            if m is not None and m > n:
                return m, j + 2
        return n, j

    def _relative_span(self, i: int) -> tuple[_Piece, int] | None:
        """A span counted from the event's day (the meeting of the minutes): "next 6-12 months", "the coming
        two years" (NEXT, a count, units) and "les 6 prochains mois", "los próximos 12 meses", "den nächsten 6
        Monaten" (the count before or after NEXT): from that day to the day as many units later (the larger
        count of a range). Without an event day, or without a count ("in the coming weeks"), no date."""
        day = self.ctx.event_day if self.ctx is not None else None
        if day is None:
            return None
        if self._is(i, NEXT):
            c = self._count(i + 1)
            if c is None:
                return None
            n, j = c
        else:
            c = self._count(i)
            if c is None or not self._is(c[1], NEXT):
                return None
            n, j = c[0], c[1] + 1
        if j >= self.n or self.toks[j].text not in _SPAN_UNITS:
            return None
        unit, size = _SPAN_UNITS[self.toks[j].text]
        if unit == "days":
            last = day + timedelta(days=n * size)
        else:
            months = day.month - 1 + n * size
            y, m = day.year + months // 12, months % 12 + 1
            if y > 9999:
                return None
            last = date(y, m, min(day.day, calendar.monthrange(y, m)[1]))
        return _Piece(_fixed(day, last), day.year, Precision.DAYS, span=True), j + 1

    def _relative_week(self, k: int, j: int) -> tuple[_Piece, int] | None:
        """The week k weeks from the event's day (Monday to Sunday): "next week" (1), "this week" (0), "last
        week" (-1). Without an event day such a week is no date."""
        day = self.ctx.event_day if self.ctx is not None else None
        if day is None:
            return None
        monday = day - timedelta(days=day.weekday()) + timedelta(days=7 * k)
        return _Piece(_fixed(monday, monday + timedelta(days=6)), monday.year, Precision.WEEK), j

    def _week(self, i: int) -> tuple[_Piece, int] | None:
        """ "week of 1 May", "Week 01 May", "w/c 1 May", "semaine du 1er mai", "week 12 2022", "KW 12";
        "semaine prochaine", "semana pasada" (from the event's day)."""
        if self._is(i + 1, NEXT) or self._is(i + 1, PAST):
            return self._relative_week(1 if self._is(i + 1, NEXT) else -1, i + 2)
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
        paren = self._punct(j, "(")  # "week(3-10)"
        if paren:
            j += 1
        t = self.toks[j] if j < self.n else None
        if t is not None and t.kind == _NUM and 1 <= t.num <= 53 and len(t.text) <= 2:
            w = w2 = t.num
            k = j + 1
            if (
                k + 1 < self.n
                and (self._punct(k, "-") or self._is(k, SEP))
                and self.toks[k + 1].kind == _NUM
                and w < self.toks[k + 1].num <= 53
            ):
                w2 = self.toks[k + 1].num  # "weeks 3-10", "week 3 to 5"
                k += 2
            if paren:
                if not self._punct(k, ")"):
                    return None
                k += 1
            y, k = self._year_after(k)
            week1 = self.ctx.week1 if self.ctx is not None else None
            if y is None and week1 is not None:
                # The document's own week 1: "week 3" is the third week counted from its first day.
                first = week1 + timedelta(days=7 * (w - 1))
                last = week1 + timedelta(days=7 * w2 - 1)
                return _Piece(_fixed(first, last), first.year, Precision.WEEK, span=w2 > w), k
            if w2 > w:
                a, b = w, w2

                def weeks(yy: int) -> Interval | None:
                    s1, s2 = _iso_week(yy, a), _iso_week(yy, b)
                    return (s1[0], s2[1]) if s1 and s2 else None

                return _Piece(weeks, y, Precision.WEEK, span=True), k
            return _Piece(lambda yy: _iso_week(yy, w), y, Precision.WEEK), k
        return None

    # --- expressions ------------------------------------------------------------------------------------

    def expr(self, i: int) -> tuple[list[_Piece], int] | None:
        """Pieces joined by "-", "/", "to", "or", "and", "until"...: one interval covering them all."""
        r = self.atom(i)
        if r is None:
            rb = self._bare_day(i)
            if rb is None:
                return None
            pieces, j = rb
        else:
            pieces = [r[0]]
            j = r[1]
        n = self.n
        while j < n:
            k = self._joined(j)
            if k < 0:
                break
            r = self.atom(k)
            if r is None or r[0].clock:
                break
            pieces.append(r[0])
            j = r[1]
        return pieces, j

    def _joined(self, j: int) -> int:
        """Where the next piece starts when a joining word or sign stands at j ("-", "to", "or by", "et le"),
        else -1."""
        n = self.n
        t = self.toks[j]
        if not ((t.kind == _PUNCT and t.text in _JOIN_PUNCT) or (t.flags & SEP and t.kind == _WORD)):
            return -1
        k = j + 1
        if k < n and self.toks[k].flags & (SEP | DEADLINE) and self.toks[k].kind == _WORD:
            k += 1  # "- until", "or by"
        while k < n and self.toks[k].flags & (FILLER | THIS) and not self.toks[k].flags & _STARTS:
            k += 1
        if k < n and self.toks[k].flags & THIS and not self.atom(k):
            k += 1  # "to the end of June"
        return k

    def _bare_day(self, i: int) -> tuple[list[_Piece], int] | None:
        """A day whose month comes only after the next day: "from 4 to January 22, 1995", "entre le 3 et le 12
        septembre", "between 28 and 2 March" (28 February). It takes the month (and year) of what follows."""
        d = self._day_num(i)
        if not d or self._year_num(i) or i + 1 >= self.n:
            return None
        j = self._skip_dot(i + 1) if self.toks[i].kind == _NUM else i + 1
        if j >= self.n:
            return None
        k = self._joined(j)
        if k < 0 or k >= self.n or self.toks[k].kind not in (_NUM, _ORD, _WORD, _DATE):
            return None
        r = self.atom(k)
        if r is None or not r[0].month or r[0].clock:
            return None
        nxt = r[0]
        m, back = nxt.month, d > nxt.day
        make_next = nxt.make

        def first_day(yy: int) -> Interval | None:
            iv = make_next(yy)
            if iv is None:
                return None
            y2, m2 = (iv[0].year, m) if not back else _ym(iv[0].year, m - 1)
            return _days(y2, m2, d, d)

        bare = _Piece(first_day, nxt.year, Precision.DAY, month=m, day=d)
        nxt.span = True
        return [bare, nxt], r[1]


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
    """The earliest year in which the piece starts inside the context; else the one that covers the context's
    start ("Q2" read on 12 May 2027 is Q2 2025); else the first start after the context."""
    covering: Interval | None = None
    for y in range(ctx.start.year - 1, ctx.start.year + 9):
        iv = p.make(y)
        if iv is None:
            continue
        if iv[0] >= ctx.start:
            return covering if covering is not None and iv[0] > ctx.end else iv
        if iv[1] >= ctx.start:
            covering = iv
    return covering


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
    parts: tuple[tuple[int, int], ...] = ()  # each run of time words


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
_ONE_WEEK = frozenset(("week", "semaine", "woche", "semana"))


def _analyse(text: str, ctx: Context | None, deadline_column: bool = False, strict: bool = False) -> _Result:
    folded = _fold(text)
    toks = _tokenize(text, folded, ctx.dayfirst if ctx is not None else None)
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
        if t.kind != _PUNCT and (
            t.kind != _WORD or f & _STARTS or (t.text in _COUNT_WORDS and i + 1 < n and toks[i + 1].flags & NEXT)
        ):
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
        elif f & POSTFROM and exprs and exprs[-1].last >= i - 1 and exprs[-1].mode in ("", "from"):
            exprs[-1].mode = "from"  # "2012 or later", "from 2020 onwards"
            exprs[-1].last = i + 1
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
            supported = any(
                toks[k].text in _TIME_PREPOSITIONS or toks[k].flags & _STRONG_PREFIX for k in range(e.prefix, e.first)
            )
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

    return _build(
        text,
        toks,
        used,
        exprs,
        marks,
        ctx,
        deadline_column,
        tentative or p.tent,
        deadline or post_deadline,
        asap,
        recurrence,
        p.clock,
    )


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
            if t.text in "<>=≤≥" and not e.mode:
                # ">= 2019", "≥ 2019": from; "> 2019": after; "<= 2019", "< 2019": a deadline
                ops = t.text
                while (
                    k - 1 >= floor
                    and not used[k - 1]
                    and toks[k - 1].kind == _PUNCT
                    and toks[k - 1].text in "<>=≤≥"
                    and toks[k - 1].end == toks[k].start
                ):
                    k -= 1
                    ops = toks[k].text + ops
                if ops in (">=", "=>", "≥"):
                    e.mode = "" if multi else "from"
                elif ops == ">":
                    e.mode = "after"
                elif ops in ("<", "<=", "=<", "≤"):
                    e.mode = "deadline"
                else:
                    break
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
    """ "every 2 weeks", "each month", "every other week", "twice a month", "3 times a year",
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
    clock: bool = False,
) -> _Result:
    if clock and any(not pc.clock for e in exprs for pc in e.pieces):
        # A written date beats the event's day; the clock time stays in the note, as without an event day.
        for e in exprs:
            if all(pc.clock for pc in e.pieces):
                for k in range(e.prefix, e.last):
                    used[k] = 0
        exprs = [e for e in exprs if not all(pc.clock for pc in e.pieces)]
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
            precisions.extend(
                pc.precision for pc, iv in zip(e.pieces, ivs[k : k + len(e.pieces)], strict=True) if iv is not None
            )
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
            if ctx is not None and ctx.stated:  # the period the document states bounds the repetition
                start, end = ctx.start, ctx.end
        elif asap and ctx is not None:
            start = ctx.start

    if deadline or deadline_column:
        if end is not None or deadline_column:  # a Deadline column never gives a start, even for "asap"
            start = None
        deadline = True

    parts = _parts(toks, exprs, marks)
    span = (parts[0][0], parts[-1][1]) if parts else None
    return _Result(
        start, end, precision, recurrence, tentative, deadline, _note(text, toks, used), movable, span, parts
    )


def _parts(toks: list[_Tok], exprs: list[_Expr], marks: list[int]) -> tuple[tuple[int, int], ...]:
    """Where the time words are: (start, end) offsets of each run of them, a doubt right after a run
    ("Q3 2022 (tbc)", "May?") included."""
    if not marks and len(exprs) == 1:
        merged = [[exprs[0].prefix, exprs[0].last - 1]]
    else:
        merged = []
        for a, b in sorted([[e.prefix, e.last - 1] for e in exprs] + [[m, m] for m in marks]):
            if merged and a <= merged[-1][1] + 1:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
    if not merged:
        return ()
    n = len(toks)
    for r in merged:
        j = r[1] + 1
        opened = j < n and toks[j].text == "("
        j += opened
        k = j
        while k < n and (toks[k].flags & TENT or toks[k].text == "?"):
            k += 1
        if k > j:
            if not opened:
                r[1] = k - 1
            elif k < n and toks[k].text == ")":
                r[1] = k
    return tuple((toks[a].start, toks[b].end) for a, b in merged)


def _context(context: Context | int | None) -> Context | None:
    if isinstance(context, Context):
        return context
    if isinstance(context, int) and not isinstance(context, bool) and 1 <= context <= 9999:
        return Context.year(context, stated=False)
    return None


def _safe(text: str, ctx: Context | None, deadline_column: bool, strict: bool) -> _Result:
    try:
        return _analyse(text, ctx, deadline_column, strict)
    except (ValueError, OverflowError, IndexError):  # out-of-range years at the edges of the calendar
        return _Result(None, None, Precision.OPEN, None, False, deadline_column, " ".join(text.split()), False, None)


def _timeframe(text: str, r: _Result) -> Timeframe:
    return Timeframe(
        text=text,
        start=r.start,
        end=r.end,
        precision=r.precision,
        recurrence=r.recurrence,
        tentative=r.tentative,
        deadline=r.deadline,
        note=r.note,
    )


# ---------------------------------------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------------------------------------


def parse_when_uncached(text: str, context: Context | int | None = None, *, deadline_column: bool = False) -> Timeframe:
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

    What the rest of the document says travels in the Context (all optional, see Context):
    `stated` (a period the document states bounds recurrences without bounds of their own; an int
    context or `Context.year(y, stated=False)` only places dates), `dayfirst` (the order of numeric
    dates, see decide_dayfirst), `week1` (the first day of the document's own week 1: "week 3" counts
    from it) and `event_day` (the day of the event or meeting: a clock time alone and "next week" are
    read from it).

    Results are cached (the phrases of one network repeat); each call returns a fresh Timeframe.
    """
    text = text if isinstance(text, str) else ""
    return _timeframe(text, _cached(text, _context(context), deadline_column))


_CUT_SEPS = " \t-–—:,;|/·•→"
_ITEM_NUMBER = re.compile(r"(?:\d+|[a-z])(?:[.)]\d+)*[.)]?", re.IGNORECASE)


class Found(tuple[Timeframe, str]):
    """What find_when found: the Timeframe of the whole segment (the other words in its note) and the words
    of the segment that carry the time. A pair (timeframe, phrase), with where the time stands:

    - `span`: (start, end) offsets of `phrase` in the segment (`text[start:end] == phrase`);
    - `parts`: the offsets of each run of time words (one, or several: "opens 1 September and closes
      30 October" has two);
    - `rest`: the segment with the time words taken out and the dashes, colons or brackets that only
      framed them removed ("Draft the report – 15 March 2022 – ZSI" -> "Draft the report – ZSI").
    """

    span: tuple[int, int]
    parts: tuple[tuple[int, int], ...]

    def __new__(
        cls,
        timeframe: Timeframe,
        phrase: str,
        span: tuple[int, int] | None = None,
        parts: tuple[tuple[int, int], ...] = (),
    ) -> Found:
        self = super().__new__(cls, (timeframe, phrase))
        text = timeframe.text
        if span is None:
            at = text.find(phrase)
            span = (at, at + len(phrase)) if at >= 0 and phrase else (0, 0)
        self.span = span
        self.parts = parts or (span,)
        return self

    @property
    def rest(self) -> str:
        return _cut(self[0].text, self.parts)

    @property
    def timeframe(self) -> Timeframe:
        return self[0]

    @property
    def phrase(self) -> str:
        return self[1]


def _cut(text: str, parts: Sequence[tuple[int, int]]) -> str:
    """The text without the given runs; separators and brackets left around nothing go too."""
    out = text
    for s, e in sorted(parts, reverse=True):
        left, right = out[:s].rstrip(), out[e:].lstrip()
        if left.endswith(("(", "[")) and right.startswith((")", "]")):
            left, right = left[:-1].rstrip(), right[1:].lstrip()
        if not right or right[0] in _CUT_SEPS:
            if left and left[-1] in _CUT_SEPS:
                left = left.rstrip(_CUT_SEPS)  # "Draft – [time] – ZSI": one dash stays
            elif not left or left.endswith((".", ")")) or not right or _ITEM_NUMBER.fullmatch(left):
                right = right.lstrip(_CUT_SEPS)  # "3. [time]: launch", "Launch: [time]"
                left = left.rstrip(_CUT_SEPS) if not right else left
        if not left:
            right = right.lstrip(_CUT_SEPS)
        glue = "" if not (left and right) or right[0] in ",;.)" else " "
        out = left + glue + right
    return " ".join(out.split())


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

    The time may stand anywhere: between dashes ("Draft – 15 March 2022 – ZSI"), after an item number
    ("3. 15 March: launch"), in a field ("Status: completed in March 2022"), mid-sentence.

    Returns Found(timeframe, phrase) (a 2-tuple), or None. The Found also tells where the time stands
    (`span`, the offsets of `phrase`; `parts`, each run of time words) and gives the segment without it
    (`rest`: "Draft – ZSI"), for a caller that takes the time out of an item's text. A year-less date
    needs a context to be placed, so without one such a segment gives None. The context's document
    fields (dayfirst, week1, event_day) apply as in parse_when.
    """
    text = text if isinstance(text, str) else ""
    r = _safe(text, _context(context), False, True)
    tf = _timeframe(text, r)
    if not tf.understood or r.span is None:
        return None
    return Found(tf, text[r.span[0] : r.span[1]], r.span, r.parts)


def _first_day(r: _Result) -> date | None:
    return r.start or r.end


def _last_day(r: _Result) -> date | None:
    return r.end or r.start


def _candidates(text: str, around: int, ctx: Context | None) -> list[tuple[date, date, _Result]]:
    """The readings of a step with no written year, placed in each year near `around` (the document's other
    choices, such as the order of numeric dates, kept)."""
    out: list[tuple[date, date, _Result]] = []
    for y in range(max(1, around - 4), min(9999, around + 4) + 1):
        year = Context.year(y, stated=False)
        r = _safe(text, replace(ctx, start=year.start, end=year.end) if ctx else year, False, False)
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
            ok = [c for c in _candidates(steps[i], bound.year, ctx) if c[0] <= bound]
            if ok:
                results[i] = max(ok, key=lambda c: c[0])[2]
        limit = _last_day(results[i]) or limit

    # After it: forward from the dated step before, the earliest year that ends on or after its start.
    floor: date | None = None
    for i in range(len(steps)):
        if i > last_fixed and results[i].movable and floor is not None:
            bound = floor
            ok = [c for c in _candidates(steps[i], bound.year, ctx) if c[1] >= bound]
            if ok:
                results[i] = min(ok, key=lambda c: c[0])[2]
        floor = _first_day(results[i]) or floor
    return [_timeframe(t, r) for t, r in zip(steps, results, strict=True)]


# ---------------------------------------------------------------------------------------------------------
# The order of numeric dates in a document
# ---------------------------------------------------------------------------------------------------------

_NUMERIC_RE = re.compile(
    r"(?<![\w./-])(?:(?P<wd>[^\W\d_]+)\.?,?\s+)?"
    r"(?P<a>\d\d?)(?P<sep>[./])(?P<b>\d\d?)(?:(?P=sep)(?P<y>\d{4}|\d\d))?(?![\w]|[./-]?\d)"
    r"|(?<![\w./-])(?:(?P<wd2>[^\W\d_]+)\.?,?\s+)?(?P<a2>\d\d?)-(?P<b2>\d\d?)-(?P<y2>\d{4})(?![\w]|-\d)"
)
_MONTH_FIRST_LANGUAGES = frozenset(("en-us", "en_us", "us"))
_HAS_DIGIT = re.compile(r"\d")  # what the date patterns need (a text without one gives them nothing)


def decide_dayfirst(texts: Iterable[str], language: str | None = None) -> bool | None:
    """The order of day and month in the numeric dates of one document, for `Context.dayfirst`.

    Reads every numeric date of the document's texts: a date whose first number cannot be a month (22/04)
    says day first, one whose second number cannot be (04/22) says month first, and a weekday written
    before a full date ("Tue 04/07/2022") says which reading falls on that weekday. The side with more
    evidence wins. Without evidence (or on a tie) the language decides: US English ("en-US") is month
    first, any other language given ("en-GB", "fr", "de", "es"...) day first; no language: None (each
    date is then read day first unless only month first makes sense).
    """
    day = month = 0
    for text in texts:
        if not text or not _HAS_DIGIT.search(text):
            continue
        for m in _NUMERIC_RE.finditer(_fold(text)):
            if m.group("a") is not None:
                a, b, y, wd = int(m.group("a")), int(m.group("b")), m.group("y"), m.group("wd")
            else:
                a, b, y, wd = int(m.group("a2")), int(m.group("b2")), m.group("y2"), m.group("wd2")
            if not (1 <= a <= 31 and 1 <= b <= 31):
                continue
            if a > 12 >= b:
                day += 1
            elif b > 12 >= a:
                month += 1
            elif y is not None and wd is not None and (fv := _LEX.get(wd)) is not None and fv[0] & WEEKDAY:
                year = int(y) if len(y) == 4 else _two_digit_year(int(y))
                as_day = _weekday(year, b, a)
                as_month = _weekday(year, a, b)
                if as_day == fv[1] and as_month != fv[1]:
                    day += 1
                elif as_month == fv[1] and as_day != fv[1]:
                    month += 1
    if day != month:
        return day > month
    if language:
        return language.strip().lower() not in _MONTH_FIRST_LANGUAGES
    return None


def _weekday(y: int, m: int, d: int) -> int | None:
    try:
        return date(y, m, d).weekday()
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------------------
# A document's own week 1
# ---------------------------------------------------------------------------------------------------------

_WEEK_N_RE = re.compile(r"(?<![^\W\d_])(?:week|wk|semaine|woche|semana)\s*\(?\s*(\d{1,2})(?!\d)")
_DATED_WEEK = frozenset((Precision.DAY, Precision.DAYS, Precision.WEEK))


def decide_week1(texts: Iterable[str], context: Context | int | None = None) -> date | None:
    """The first day of a document's own week 1, for `Context.week1`, from its dated numbered weeks:
    "Week 1 (6 January 2025)", "Semaine 3 – 20 janvier" (week 1 two weeks before), "Woche 2 ab 13.01.2025".

    Each text that names one numbered week and a day (or days) beside it votes for that day minus the weeks
    before it; the most voted day wins (the earliest on a tie). A week with a year only ("week 12 2022", an
    ISO week) or without a day gives no vote; no vote: None (numbered weeks are then ISO weeks).
    """
    votes: dict[date, int] = {}
    for text in texts:
        if not text or not _HAS_DIGIT.search(text):
            continue
        matches = list(_WEEK_N_RE.finditer(_fold(text)))
        if len(matches) != 1:
            continue
        m = matches[0]
        n = int(m.group(1))
        if not 1 <= n <= 53:
            continue
        rest = f"{text[: m.start()]} {text[m.end() :]}"
        tf = parse_when(rest, context)
        if tf.start is None or tf.precision not in _DATED_WEEK:
            continue
        first = tf.start - timedelta(days=7 * (n - 1))
        votes[first] = votes.get(first, 0) + 1
    if not votes:
        return None
    return min(votes, key=lambda d: (-votes[d], d))


def document_context(
    texts: Sequence[str], context: Context, *, language: str | None = None, event_day: date | None = None
) -> Context:
    """`context` with what the document's texts tell about its times: the order of its numeric dates
    (decide_dayfirst), its own week 1 (decide_week1) and the event's day when the caller knows it. Fields the
    context already sets are kept."""
    dayfirst = context.dayfirst if context.dayfirst is not None else decide_dayfirst(texts, language)
    week1 = context.week1 or decide_week1(texts, replace(context, dayfirst=dayfirst))
    return replace(context, dayfirst=dayfirst, week1=week1, event_day=context.event_day or event_day)


def is_date_name(word: str) -> bool:
    """Whether a word is a month or weekday name (or its short form) in one of the languages read:
    "June", "Juin", "Dienstag", "Mié". Words that are also ordinary words ("May", "March") count too."""
    flags, _ = _LEX.get(_fold(word), (0, 0))
    return bool(flags & (MONTH | WEEKDAY)) and not flags & ATTACHED


def starts_with_date(text: str) -> bool:
    """Whether a text begins with a full date: a day of a month, with or without its weekday and year
    ("Monday, 3 June", "May 14, Monday", "Mardi 4 juin 2030"). Used to tell a day header glued to the
    words before it from an ordinary capitalised word ("JuneBug", "DeMarco")."""
    found = find_when(text[:80], 2000)  # any year: the question is only whether a day is named
    return (
        found is not None
        and found.span[0] == 0
        and found[0].start is not None
        and found[0].precision in (Precision.DAY, Precision.DAYS)
    )
