"""Properties of the time-expression reader that hold for any input (Hypothesis).

For any string and any context: parse_when never raises, keeps the text verbatim, and gives start <= end
whenever both are set; find_when and parse_sequence never raise either.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.text.timeframe import Context, Precision, Recurrence
from accord.text.when import find_when, parse_sequence, parse_when, parse_when_uncached

# Words and pieces the grammar knows, so that random phrases reach deep into it (plain random text mostly
# exercises the "no time here" path).
VOCABULARY = [
    "January",
    "feb",
    "March",
    "may",
    "June",
    "Sept.",
    "décembre",
    "März",
    "mayo",
    "août",
    "Jänner",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "hiver",
    "Herbst",
    "otoño",
    "été",
    "early",
    "mid",
    "mid-",
    "late",
    "end",
    "beginning",
    "start",
    "fin",
    "Ende",
    "Anfang",
    "finales",
    "début",
    "first",
    "second",
    "third",
    "last",
    "1st",
    "2nd",
    "1er",
    "2e",
    "1.",
    "week",
    "w/c",
    "KW",
    "semaine",
    "quarter",
    "semester",
    "half",
    "Halbjahr",
    "Q1",
    "Q4",
    "H2",
    "S1",
    "T3",
    "year",
    "the year",
    "this",
    "of",
    "de",
    "du",
    "vom",
    "the",
    "in",
    "during",
    "on",
    "between",
    "from",
    "since",
    "Started in",
    "by",
    "before",
    "until",
    "no later than",
    "due",
    "Deadline:",
    "at the latest",
    "after",
    "à partir de",
    "to",
    "or",
    "and",
    "et",
    "bis",
    "al",
    "-",
    "–",
    "/",
    ",",
    "..",
    "(",
    ")",
    "?",
    "~",
    ":",
    ";",
    "→",
    "tbc",
    "tbd",
    "(tbc?)",
    "to be confirmed",
    "à confirmer",
    "tentative",
    "possibly",
    "ongoing",
    "throughout",
    "continuous",
    "Periodically",
    "monthly",
    "every",
    "2",
    "weeks",
    "twice a month",
    "asap",
    "as soon as possible",
    "immediately",
    "Day 2 of 3-day Open Conference",
    "Morning of",
    "0",
    "1",
    "7",
    "12",
    "23",
    "29",
    "31",
    "32",
    "01",
    "99",
    "1900",
    "2021",
    "2022",
    "2024",
    "2099",
    "9999",
    "29 February",
    "31 August-1 September",
    "23/03/2022",
    "03/25/2025",
    "2022-03-23",
    "2021-22",
    "2022-13",
    "31.12.1999",
    "00/00/0000",
    "2021-07-01..2021-12-31",
    "İ",
    "ß",
    "\u00a0",
    "\t",
    "\n",
    "",
    "Oct-2",
    "2-Oct",
    "Ago-19",
    "dec-18",
    "22/04",
    "04/07",
    "12.05.",
    "2/29-3/1",
    "25/10–25/01",
    "or later",
    "onwards",
    ">=",
    "≥",
    ">",
    "Monday",
    "lundi",
    "2019 Q3",
    "3rd quarter",
    "week(3-10)",
    "weeks",
    "next",
    "next week",
    "la semaine prochaine",
    "10:00",
    "10:00-11:30",
    "2 pm",
    "14h30",
    "19:21:49 UTC",
    "(ish)",
    "or sooner",
    "extension requested",
    "Jahresende",
    "del año",
    "des Jahres",
    "KW12",
    "1Q22",
    "2022H2",
    "2021-03-05T10:00:00",
    "2021-03-05/2021-03-09",
    "24/7",
    "dès",
    "early-mid",
    "2016 June",
    "2015.3",
]

phrases = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(VOCABULARY), max_size=10).map(" ".join),
    st.lists(st.sampled_from(VOCABULARY), max_size=10).map("".join),
    st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=5)), max_size=8).map(" ".join),
)


@st.composite
def periods(draw: st.DrawFn) -> Context:
    a = draw(st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))
    b = draw(st.dates(min_value=a, max_value=date(9999, 12, 31)))
    return Context(a, b)


contexts = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=10_005),
    st.integers(min_value=1990, max_value=2030),
    periods(),
    st.integers(min_value=1990, max_value=2030).map(Context.year),
    st.builds(
        lambda c, dayfirst, week1, event_day, stated: Context(c.start, c.end, stated, dayfirst, week1, event_day),
        periods(),
        st.sampled_from([None, True, False]),
        st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
        st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))),
        st.booleans(),
    ),
)

FAST = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(tf_text: str, text: str, start: date | None, end: date | None) -> None:
    assert tf_text == text
    if start is not None and end is not None:
        assert start <= end, (text, start, end)


@FAST
@given(text=phrases, context=contexts, deadline_column=st.booleans())
def test_parse_when_never_raises_and_keeps_order(
    text: str, context: Context | int | None, deadline_column: bool
) -> None:
    tf = parse_when_uncached(text, context, deadline_column=deadline_column)
    check(tf.text, text, tf.start, tf.end)
    assert isinstance(tf.precision, Precision)
    assert tf.recurrence is None or isinstance(tf.recurrence, Recurrence)
    if deadline_column:
        assert tf.deadline and tf.start is None
    if tf.precision == Precision.OPEN:
        assert tf.end is None  # open: nothing, or only a start (asap, from, after)
    js = tf.to_json()
    assert js["text"] == text and set(js) == {
        "text",
        "start",
        "end",
        "precision",
        "recurrence",
        "tentative",
        "deadline",
        "note",
    }


@FAST
@given(text=phrases, context=contexts)
def test_cached_and_uncached_agree(text: str, context: Context | int | None) -> None:
    assert parse_when(text, context).to_json() == parse_when_uncached(text, context).to_json()


@FAST
@given(text=phrases, context=contexts)
def test_find_when_never_raises(text: str, context: Context | int | None) -> None:
    found = find_when(text, context)
    if found is not None:
        tf, phrase = found
        check(tf.text, text, tf.start, tf.end)
        assert tf.understood
        assert phrase and phrase in text
        a, b = found.span
        assert text[a:b] == phrase
        assert found.parts and all(a <= x < y <= b for x, y in found.parts)
        assert isinstance(found.rest, str) and len(found.rest) <= len(text)


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(st.one_of(st.none(), phrases), max_size=8), context=contexts)
def test_parse_sequence_never_raises(texts: list[str | None], context: Context | int | None) -> None:
    got = parse_sequence(texts, context)
    assert len(got) == len(texts)
    for tf, text in zip(got, texts, strict=True):
        check(tf.text, text or "", tf.start, tf.end)


@FAST
@given(year=st.integers(min_value=1900, max_value=2099), month=st.integers(min_value=1, max_value=12))
def test_a_month_with_its_year_is_that_month(year: int, month: int) -> None:
    names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    tf = parse_when(f"{names[month - 1]} {year}")
    assert tf.start == date(year, month, 1)
    assert tf.end is not None and tf.end.month == month and (tf.end.replace(day=1) == tf.start)
    assert tf.precision == Precision.MONTH


@FAST
@given(year=st.integers(min_value=1900, max_value=2099))
def test_winter_runs_into_the_next_february(year: int) -> None:
    tf = parse_when(f"winter {year}")
    leap = (year + 1) % 4 == 0 and ((year + 1) % 100 != 0 or (year + 1) % 400 == 0)
    assert (tf.start, tf.end) == (date(year, 12, 1), date(year + 1, 2, 29 if leap else 28))


@FAST
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_numeric_dates_read_day_first(day: date) -> None:
    assert parse_when(day.strftime("%d/%m/%Y")).start == day
    assert parse_when(day.isoformat()).end == day


@FAST
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)), context=periods())
def test_a_day_without_year_lands_in_or_after_the_context(day: date, context: Context) -> None:
    if context.start.year > 9000 or (day.month, day.day) == (2, 29):
        return
    tf = parse_when(f"{day.day} {day.strftime('%B')}", context)
    assert tf.start is not None and tf.start >= context.start
    assert (tf.start.month, tf.start.day) == (day.month, day.day)
    assert tf.start.year <= context.start.year + 1
