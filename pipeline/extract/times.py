"""Time expressions: find dates and periods in news text and resolve them.

Belongs here: the rule set that finds calendar expressions in a document body
("Oct. 16, 2025", "last year", "the first half of 2025", "by 2030", "a year
earlier") and resolves each to inclusive start and end dates against the
publication date (GUIDELINES.md, section 3). Pure standard library; every rule
is a general pattern of English news writing.

How it works: each rule is a compiled regex, an optional leading word it may
take ("the", "from", "between"), and a resolver. All rule matches are collected
and taken left to right, longest first; a match whose resolver declines (a
four-digit price, "Black Friday") leaves room for shorter matches. Resolvers run
in text order, so offsets ("a year earlier", "that year") can look back at the
periods already named.

Besides dates and periods, it reads named Chinese holidays and shopping festivals
("the Spring Festival holiday", "Golden Week", "Singles' Day"; the tables below),
periods named by their end ("the 12 months ended June 30", "the quarter ended
Sept. 30") and rankings within the year ("the largest listing of the year").
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pipeline.text import split_sentences

EXTRACTOR = "time_expressions"
VERSION = "1.2.0"


@dataclass(frozen=True)
class TimeExpression:
    text: str  # surface form exactly as in the input
    start_date: date  # inclusive
    end_date: date  # inclusive
    granularity: str  # day | week | month | quarter | half | year | multi_year
    char_start: int  # text == input[char_start:char_end]
    char_end: int


# ---------------------------------------------------------------- vocabulary
_MONTH_NUM = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_WEEKDAY_NUM = {w.lower(): i for i, w in enumerate(_WEEKDAYS)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4, "latter": 2,
}

# Speed: every pattern starts with a plain alternation of literal words (or a
# digit), never with re.IGNORECASE, a look-behind or an optional group. That
# lets the regex engine skip ahead to a possible first character; without it
# the extractor was several times slower. Word boundaries are checked in Python.
# Month names are case-sensitive anyway: lower-case "may" and "march" are verbs.
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_WD = "|".join(_WEEKDAYS)


def _words(*words: str) -> str:
    """A flat alternation of the words, each also capitalised: "Early|early|Late|late"."""
    return "|".join(alt for w in words for alt in (w[0].upper() + w[1:], w))


_NUM = _words("a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
              "eleven", "twelve") + r"|\d\d?"


def _mon(name: str, full_only: bool = False) -> str:
    alts = _MON_FULL if full_only else f"{_MON_FULL}|{_MON_ABBR}"
    return rf"(?P<{name}>{alts})(?!\w)"


def _day(name: str) -> str:
    # Not followed by a letter, a digit, a clock time ("3:30") or a decimal part.
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?!\w|[.,]\d)"


_Y = _year("y")
# A year named by words rather than digits ("last year", "that year", "the year").
_REL_YEAR = rf"(?:{_words('this', 'last', 'next')}|that|the\s+same|the\s+previous|the\s+following|the)\s+year(?![\w-])"
# "of 2026", "of that year", "in fiscal 2025", ", 2025" after a quarter or half.
_OF_YEAR = (
    rf"(?:\s+(?:of|in)\s+(?:(?:the\s+)?fiscal\s+(?:year\s+)?)?(?:{_Y}|(?P<rel>{_REL_YEAR}))"
    rf"|,?\s+{_year('y2')})?"
)
# Positions in a month or year: "early", "mid-", "late", "later in", "the end of",
# "end-". The word and what follows it are paired up in _position().
_POS = (
    rf"(?P<pos>{_words('early', 'late', 'earlier', 'later', 'mid', 'the', 'beginning', 'start', 'end', 'middle', 'close')})"
    r"(?P<tail>-\s*|\s+(?:(?:beginning|start|end|middle|close)\s+of|of|in)\s+|\s+)"
)
_MONTH_YEAR_REL = r"(?P<rel>(?:[Ll]ast|[Tt]his|[Nn]ext)\s+year|that\s+year|the\s+same\s+year)(?![\w-])"

# Words before a bare month or bare year that mark it as a point in time.
_TIME_PREPS = frozenset(
    "in since from to until till through by of during before after between and or early late mid "
    "for around as into throughout starting beginning ending than at on".split()
)
# Words before a four-digit number that make it a count, not a year.
_COUNT_WORDS = frozenset(
    "about nearly almost approximately roughly some over least most total exceeded exceeding "
    "top up down no no. number article document".split()
)
# Labels whose number is a benchmark edition or a version, not a year ("AIME 2024").
_LABEL_BEFORE_YEAR = re.compile(
    r"(?:AIME|HMMT|CNMO|MMLU\S*|GPQA\S*|BFCL\S*|SWE\S*|LiveCodeBench\S*|MATH|GSM8K|HumanEval\S*|"
    r"\S*[Bb]ench\S*|\S*Eval\S*|\S*Arena\S*|Windows|Office|Server|Studio|Edition|[Vv]ersion|[Vv]|"
    r"[Nn]o\.?|[Nn]umber|Article|Document|Model|Series)"
)
# Units and counted nouns after a four-digit number that make it a value.
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|pct\b|yuan\b|renminbi\b|RMB\b|CNY\b|USD\b|HKD\b|dollars?\b|"
    r"euros?\b|pounds?\b|yen\b|won\b|rupees?\b|units?\b|people\b|times\b|-?fold\b|"
    r"km\b|kilometers?\b|kilometres?\b|meters?\b|metres?\b|tons?\b|tonnes?\b|MW\b|GW\b|kW\b|"
    r"TEUs?\b|GPUs?\b|[A-Z]{2,}s\b)"
)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)")
# Words in -s after a year that still read as years: plural nouns ("its 2024 results")
# and verbs ("2025 was", "2024 marks").
_YEAR_PLURALS = frozenset(
    "results earnings revenues figures sales levels targets goals plans rankings guidelines "
    "accounts statistics forecasts estimates reports elections games olympics finals talks numbers "
    "was has is does marks remains sees saw brings looks proves becomes promises represents "
    "means seems appears shows comes makes takes gives starts begins ends opens closes "
    "witnesses holds runs needs requires calls sets".split()
)
_HOLIDAY_BEFORE_WEEKDAY = frozenset(
    "black cyber super good easter ash holy fat giving blue manic maundy palm whit plough".split()
)
# Words near "today" that make it the publication day rather than "nowadays".
_TODAY_LITERAL = re.compile(
    r"\b(?:said|says|announced|announces|released|releases|launched|launches|unveiled|unveils|"
    r"published|publishes|opened|opens|closed|closes|began|begins|started|starts|kicked\s+off|"
    r"held|holds|issued|issues|reported|reports|rose|fell|gained|dropped|jumped|slipped|signed|"
    r"signs|listed|lists|debuted|debuts|introduced|revealed|confirmed|told|will|trading|traded|"
    r"shares|[ap]\.m)\b",
    re.I,
)
_NOWADAYS_AFTER = re.compile(r",?\s+(?:is|are|has|have|remains|faces|stands|looks|needs|can|must)\b")
# A sentence with one of these may speak of a date still to come.
_FUTURE_CUE = re.compile(
    r"\b(?:will|would|shall|plans?|planned|planning|expects?|expected|expecting|scheduled|slated|"
    r"due|set\s+to|aims?|aiming|intends?|upcoming|forthcoming|coming|next|later|forecasts?|"
    r"projected|is\s+to|are\s+to|going\s+to|deadline|opens|begins|starts|kicks\s+off|"
    r"takes?\s+place|runs|takes?\s+effect|comes?\s+into\s+(?:force|effect)|effective|lands|arrives|"
    r"goes\s+on\s+sale)\b|'ll\b",
    re.I,
)
# Past-tense verbs: a sentence with one and no future cue tells of the past.
_PAST_CUE = re.compile(
    r"\b(?:was|were|had|did|said|[a-z]{2,}ed|lost|fell|rose|grew|began|saw|made|took|won|led|sold|bought|"
    r"told|came|went|got|gave|became|spent|brought|built|paid|held|kept|met|ran|sent|stood|swung|"
    r"thought|wrote|drew|drove|flew|knew|shown|hit|cut|set)\b"
)
_CHANGE_VERBS = frozenset(
    "rose rise rising rises increased increase increasing grew grow growing fell fall falling "
    "dropped drop declined decline cut reduced expanded jumped surged up down climbed".split()
)


# Words just before "of the year" that rank something within the year ("the largest
# listing of the year", "its first launch of the year"); without one, "of the year" is
# an award or a part ("AI app of the year", "the rest of the year"), not a time.
_RANKING_WORDS = frozenset(
    "most least top best worst first last final opening second third fourth fifth".split()
)
_EST_NOT_SUPERLATIVE = frozenset(
    "interest request contest protest harvest honest modest digest manifest forest invest suggest "
    "arrest conquest attest unrest midwest detest".split()
)
# Reporting verbs tell when something was said, not when what was said happens:
# "the beta ends Jan. 3, the company said" is a coming Jan. 3.
_REPORTING_VERBS = frozenset("said says told tells added adds noted notes stated states wrote writes".split())
# Words skipped when looking for the verb that governs a date ("pledged in February").
_LOCAL_SKIP = frozenset("on in at by from since until till before after for of during around as the".split())
# Before a past participle, these make it present or future ("will be held on Jan. 3").
_NOT_PAST_AUX = frozenset("be is are am being will would to shall can".split())


# ---------------------------------------------------------------- holidays
# Chinese holidays and shopping festivals, resolved to dates. The lunar and solar-term
# festivals move; their dates for 2020-2030 are tabled here (checked against the
# `holidays` and `chinese-calendar` packages). A year outside the tables is declined.
_LUNAR_NEW_YEAR = {  # first day of the first lunar month: "Spring Festival", "Lunar New Year"
    2020: (1, 25), 2021: (2, 12), 2022: (2, 1), 2023: (1, 22), 2024: (2, 10), 2025: (1, 29),
    2026: (2, 17), 2027: (2, 6), 2028: (1, 26), 2029: (2, 13), 2030: (2, 3),
}
# The official Spring Festival holiday (State Council notices) for the years announced;
# 2020 includes the extension to Feb. 2. Later years: the eve through the seventh day,
# the span the rules in force since 2025 give (Jan. 28 to Feb. 4 in 2025).
_SPRING_FESTIVAL_HOLIDAY = {
    2020: ((1, 24), (2, 2)), 2021: ((2, 11), (2, 17)), 2022: ((1, 31), (2, 6)), 2023: ((1, 21), (1, 27)),
    2024: ((2, 10), (2, 17)), 2025: ((1, 28), (2, 4)), 2026: ((2, 15), (2, 23)),
}
_QINGMING = {  # the Qingming solar term, "Tomb-Sweeping Day"
    2020: (4, 4), 2021: (4, 4), 2022: (4, 5), 2023: (4, 5), 2024: (4, 4), 2025: (4, 4),
    2026: (4, 5), 2027: (4, 5), 2028: (4, 4), 2029: (4, 4), 2030: (4, 5),
}
_DRAGON_BOAT = {  # fifth day of the fifth lunar month
    2020: (6, 25), 2021: (6, 14), 2022: (6, 3), 2023: (6, 22), 2024: (6, 10), 2025: (5, 31),
    2026: (6, 19), 2027: (6, 9), 2028: (5, 28), 2029: (6, 16), 2030: (6, 5),
}
_MID_AUTUMN = {  # fifteenth day of the eighth lunar month
    2020: (10, 1), 2021: (9, 21), 2022: (9, 10), 2023: (9, 29), 2024: (9, 17), 2025: (10, 6),
    2026: (9, 25), 2027: (9, 15), 2028: (10, 3), 2029: (9, 22), 2030: (9, 12),
}
# Fixed-date holidays: (the day, the holiday span a "holiday" or "Golden Week" phrase names).
# The week-long breaks are given their nominal spans; the State Council shifts them by a
# day or two some years (merged with Mid-Autumn, weekends swapped), which is not tabled.
_FIXED_HOLIDAYS = {
    "national_day": ((10, 1), ((10, 1), (10, 7))),
    "golden_week": ((10, 1), ((10, 1), (10, 7))),
    "may_day": ((5, 1), ((5, 1), (5, 5))),
    "singles_day": ((11, 11), None),
    "double_12": ((12, 12), None),
    "618": ((6, 18), None),
    "new_years_day": ((1, 1), None),
    "new_years_eve": ((12, 31), None),
}
# Shows and travel seasons named after a holiday are not the holiday itself.
_HOLIDAY_NOT_BEFORE = re.compile(r"\s+(?:[Gg]ala|[Ee]vening|[Tt]ravel\s+[Rr]ush|[Tt]ravel\s+[Ss]eason)\b")


def _table_day(table: dict, y: int) -> date:
    """The day a table gives for year y: _table_day(_DRAGON_BOAT, 2025) is 2025-05-31."""
    if y not in table:
        raise ValueError(f"no table entry for {y}")
    return date(y, *table[y])


def _holiday_key(name: str) -> str:
    """The table key of a holiday name: "Chinese New Year" and "Spring Festival" -> "spring_festival"."""
    first = name.split()[0].lower().rstrip("'\u2019")
    if first in ("lunar", "chinese", "spring"):
        return "spring_festival"
    if first == "new":
        return "new_years_eve" if name.endswith("Eve") else "new_years_day"
    if first.startswith("double"):
        return "double_12" if name.endswith(("12", "Twelve")) else "singles_day"
    return {"golden": "golden_week", "national": "national_day", "may": "may_day", "singles": "singles_day",
            "qingming": "qingming", "tomb-sweeping": "qingming", "tomb": "qingming", "dragon": "dragon_boat",
            "mid-autumn": "mid_autumn", "618": "618"}[first]


def _holiday_span(key: str, kind: str, y: int) -> tuple[date, date]:
    """The dates of a holiday in year y. kind is "day" (the festival itself), "holiday"
    (a "holiday", "break" or "Golden Week" phrase) or "eve" (the day before).

    >>> _holiday_span("spring_festival", "day", 2026)
    (datetime.date(2026, 2, 17), datetime.date(2026, 2, 17))
    >>> _holiday_span("spring_festival", "holiday", 2025)
    (datetime.date(2025, 1, 28), datetime.date(2025, 2, 4))
    >>> _holiday_span("golden_week", "day", 2025)
    (datetime.date(2025, 10, 1), datetime.date(2025, 10, 7))

    Qingming, Dragon Boat and Mid-Autumn are the festival day even as a "holiday":
    their short breaks move with the weekends from year to year."""
    if key == "spring_festival":
        day = _table_day(_LUNAR_NEW_YEAR, y)
        if kind == "holiday":
            if y in _SPRING_FESTIVAL_HOLIDAY:
                (m1, d1), (m2, d2) = _SPRING_FESTIVAL_HOLIDAY[y]
                return date(y, m1, d1), date(y, m2, d2)
            return day - timedelta(days=1), day + timedelta(days=6)
    elif key in ("qingming", "dragon_boat", "mid_autumn"):
        day = _table_day({"qingming": _QINGMING, "dragon_boat": _DRAGON_BOAT, "mid_autumn": _MID_AUTUMN}[key], y)
    else:
        (mm, dd), span = _FIXED_HOLIDAYS[key]
        if span is not None and kind != "eve" and (kind == "holiday" or key == "golden_week"):
            (m1, d1), (m2, d2) = span
            return date(y, m1, d1), date(y, m2, d2)
        day = date(y, mm, dd)
    if kind == "eve":
        day -= timedelta(days=1)
    return day, day


# ---------------------------------------------------------------- date helpers
def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, _last_day(y, m))


def _months(y: int, m1: int, m2: int) -> tuple[date, date]:
    """Months m1..m2 starting in year y; a range past December runs into the next year."""
    y2 = y + 1 if m2 < m1 else y
    return date(y, m1, 1), date(y2, m2, _last_day(y2, m2))


def _year_span(y: int) -> tuple[date, date]:
    return date(y, 1, 1), date(y, 12, 31)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + n
    return t // 12, t % 12 + 1


def _shift(d: date, months: int, keep_month_end: bool) -> date:
    y, m = _add_months(d.year, d.month, months)
    last = _last_day(y, m)
    if keep_month_end and d.day == _last_day(d.year, d.month):
        return date(y, m, last)
    return date(y, m, min(d.day, last))


def _shift_span(span: tuple[date, date], months: int) -> tuple[date, date]:
    return _shift(span[0], months, False), _shift(span[1], months, True)


def _quarter(y: int, q: int) -> tuple[date, date]:
    return _months(y, 3 * q - 2, 3 * q)


def _week(d: date) -> tuple[date, date]:
    monday = d - timedelta(days=d.weekday())
    return monday, monday + timedelta(days=6)


def _distance(span: tuple[date, date], pub: date) -> int:
    s, e = span
    if s <= pub <= e:
        return 0
    return min(abs((s - pub).days), abs((e - pub).days))


def _nearest(make, pub: date, past_only: bool = False):
    """The span make(year) nearest the publication date; ties go to the earlier year.
    past_only keeps spans that start on or before publication."""
    best = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            span = make(y)
        except ValueError:  # Feb. 29 in a common year
            continue
        if past_only and span[0] > pub:
            continue
        dist = _distance(span, pub)
        if best is None or dist < best[0]:
            best = (dist, span)
    return best[1] if best else None


def _period_year(make, pub: date) -> tuple[date, date]:
    """A quarter or half named without a year is the publication year's, unless it
    would start months after publication (a January story on "the fourth quarter")."""
    span = make(pub.year)
    if (span[0] - pub).days > 150:
        return make(pub.year - 1)
    return span


def _cumulative_year(make, pub: date) -> tuple[date, date]:
    """A year-to-date period ("the first three quarters") is reported once it is over."""
    span = make(pub.year)
    if (span[1] - pub).days > 150:
        return make(pub.year - 1)
    return span


def _granularity(span: tuple[date, date]) -> str:
    s, e = span
    days = (e - s).days + 1
    if days == 1:
        return "day"
    if days == 7 and s.weekday() == 0:
        return "week"
    whole_months = s.day == 1 and e.day == _last_day(e.year, e.month)
    if not whole_months:
        return "day" if days <= 366 else "multi_year"
    months = (e.year - s.year) * 12 + e.month - s.month + 1
    if months == 12 and s.month == 1:
        return "year"
    if s.year != e.year and s.month == 1 and e.month == 12:
        return "multi_year"
    if months == 3 and s.month in (1, 4, 7, 10):
        return "quarter"
    if months == 6 and s.month in (1, 7):
        return "half"
    return "month"


def _month_num(token: str) -> int:
    return _MONTH_NUM[token[:3].lower()]


def _num(token: str) -> int:
    token = token.lower()
    return _NUMBER_WORDS[token] if token in _NUMBER_WORDS else int(token)


def _prev_word(text: str, pos: int) -> str:
    """The whitespace-delimited token before pos, without opening brackets or quotes."""
    i = pos
    while i > 0 and text[i - 1] == " ":
        i -= 1
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:i].lstrip("\"'(\u201c\u2018[")


# ---------------------------------------------------------------- sentences
def _sentence_starts(text: str) -> list[int]:
    """Sentence starts from the pipeline's one splitter: enough to tell "this sentence or the one before"."""
    return [start for start, _ in split_sentences(text)] or [0]


# ---------------------------------------------------------------- context
@dataclass
class _Found:
    expr: TimeExpression
    sentence: int
    anchor: bool  # may later offsets ("a year earlier") resolve from it?
    rule: str = ""  # the name of the rule that found it


class _Context:
    """What resolvers may consult: the text, the publication date, what came before."""

    def __init__(self, text: str, pub: date | None):
        self.text = text
        self.pub = pub
        self.found: list[_Found] = []
        self.lead = ""  # the leading word taken by the match being resolved, lower-cased
        self.lead_match: re.Match | None = None
        self._starts: list[int] | None = None
        # What the look-backs need, kept up to date by add(), so none of them walks back through everything found.
        self._last_anchor: _Found | None = None
        self._last_year_anchor: _Found | None = None  # the last anchor within one calendar year
        self._last_quarter: tuple[date, date] | None = None
        self._tenses: dict[int, str | None] = {}  # sentence index -> _sentence_tense of it

    def add(self, found: _Found) -> None:
        """Record an expression found; expressions come in text order."""
        self.found.append(found)
        if found.anchor:
            self._last_anchor = found
            span = found.expr.start_date, found.expr.end_date
            if span[0].year == span[1].year:
                self._last_year_anchor = found
            if found.rule != "rel_quarter" and _granularity(span) == "quarter":
                self._last_quarter = span  # one calendar quarter: not "the first three quarters"

    def sentence(self, pos: int) -> int:
        if self._starts is None:
            self._starts = _sentence_starts(self.text)
        return bisect_right(self._starts, pos) - 1

    def sentence_text(self, pos: int) -> str:
        i = self.sentence(pos)
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return self.text[self._starts[i]:end]

    def anchor(self, pos: int) -> tuple[date, date] | None:
        """The last period named in this sentence or the one before, if any."""
        f = self._last_anchor
        if f is None or f.sentence < self.sentence(pos) - 1:
            return None
        return f.expr.start_date, f.expr.end_date

    def anchor_year(self, pos: int) -> int | None:
        """The year of the last single-year period named in the last few sentences."""
        f = self._last_year_anchor
        if f is None or f.sentence < self.sentence(pos) - 3:
            return None
        return f.expr.start_date.year

    def year_of(self, phrase: str, pos: int) -> int | None:
        """The year meant by "this year", "last year", "that year", "the year"..."""
        p = " ".join(phrase.lower().split()[:-1])
        if p in ("that", "the same"):
            return self.anchor_year(pos)
        if p in ("the previous", "the following"):
            y = self.anchor_year(pos)
            return None if y is None else y + (1 if p == "the following" else -1)
        if self.pub is None:
            return None
        return self.pub.year + {"this": 0, "the": 0, "last": -1, "next": 1}[p]

    def undated(self, make, pos: int):
        """The year for a date or month given without one: the nearest to publication,
        but the past one when the nearest lies ahead and the sentence is told in the
        past tense with nothing looking forward ("users fell between January and
        April" in a November story), and always the past one after "since"."""
        if self.text[max(0, pos - 7):pos].lower().rstrip().endswith("since"):
            return _nearest(make, self.pub, past_only=True)
        span = _nearest(make, self.pub)
        if span and span[0] > self.pub:
            tense = _local_tense(self.text, pos) or self.sentence_tense(pos)
            if tense == "past":
                return _nearest(make, self.pub, past_only=True) or span
        return span

    def sentence_tense(self, pos: int) -> str | None:
        """_sentence_tense of the sentence holding pos, worked out once per sentence (not once per date in it)."""
        i = self.sentence(pos)
        if i not in self._tenses:
            self._tenses[i] = _sentence_tense(self.sentence_text(pos))
        return self._tenses[i]

    def last_quarter(self) -> tuple[date, date] | None:
        """The last calendar quarter named so far in the text ("the third quarter", "Q3 2025",
        "the September quarter"), not counting quarters that are themselves offsets."""
        return self._last_quarter


def _sentence_tense(sentence: str) -> str | None:
    """"past" when the sentence has a past-tense verb (reporting verbs aside) and nothing
    looking forward: "users fell between January and April"."""
    if _FUTURE_CUE.search(sentence):
        return None
    for m in _PAST_CUE.finditer(sentence):
        if m.group(0) not in _REPORTING_VERBS:
            return "past"
    return None


def _local_tense(text: str, pos: int) -> str | None:
    """The tense of the verb that governs the date at pos, from the few words before it
    (prepositions skipped), or None when the word there is no verb.

    "it pledged in February" is past; "opens on Jan. 3", "is scheduled for Jan. 3" and
    "will be held on Jan. 3" look forward."""
    words = []
    i = pos
    while len(words) < 6:
        while i > 0 and text[i - 1] == " ":
            i -= 1
        j = i
        while j > 0 and not text[j - 1].isspace():
            j -= 1
        if j == i:
            break
        words.append(text[j:i])
        i = j
    for k, word in enumerate(words[:4]):
        if word[-1] in ",;:.!?()\"\u201d" or word[0] in "(\"\u201c":
            return None  # the clause ends before a verb turns up
        w = word.lower()
        if w in _LOCAL_SKIP:
            continue
        # The first other word decides: a verb governs the date, anything else leaves it open.
        if _FUTURE_CUE.fullmatch(w):
            return "future"
        if _PAST_CUE.fullmatch(w) and not w.endswith(("eed", "hundred")):
            if any(x.lower() in _NOT_PAST_AUX for x in words[k + 1:k + 3]):
                return None
            return "past"
        return None
    return None


# ---------------------------------------------------------------- resolvers
# Each takes (match, context) and returns (start, end, granularity), or None to decline.
def _r_iso(m, c):
    d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    return d, d, "day"


def _r_md(m, c):
    month, day = _month_num(m["m"]), int(m["d"])
    if m["y"]:
        d = date(int(m["y"]), month, day)
        return d, d, "day"
    if c.pub is None:
        return None
    span = c.undated(lambda y: (date(y, month, day),) * 2, m.start())
    return (*span, "day") if span else None


def _r_dm(m, c):
    if not 1 <= int(m["d"]) <= 31:
        return None
    if not m["y"] and not re.fullmatch(_MON_FULL, m["m"]):
        return None  # "5 Jan" without a year is too often something else
    return _r_md(m, c)


def _r_md_range(m, c):
    m1 = _month_num(m["m1"])
    m2 = _month_num(m["m2"]) if m.groupdict().get("m2") else m1
    d1, d2 = int(m["d1"]), int(m["d2"])
    if m2 == m1 and d2 <= d1:
        return None

    def make(y):
        return date(y, m1, d1), date(y + (m2 < m1), m2, d2)

    if m["y"]:
        span = make(int(m["y"]) - (m2 < m1))
    elif c.pub is None:
        return None
    else:
        span = c.undated(make, m.start())
    return (*span, "day") if span else None


def _r_my(m, c):
    return (*_month(int(m["y"]), _month_num(m["m"])), "month")


def _r_my_range(m, c):
    s = date(int(m["y1"]), _month_num(m["m1"]), 1)
    y2, m2 = int(m["y2"]), _month_num(m["m2"])
    e = date(y2, m2, _last_day(y2, m2))
    return (s, e, "month") if s < e else None


def _r_month_range(m, c):
    m1, m2 = _month_num(m["m1"]), _month_num(m["m2"])
    if m1 == m2:
        return None
    if m["conj"].strip() == "and" and c.lead != "between":
        # "January and February" reads as one period only with full month names.
        if not (re.fullmatch(_MON_FULL, m["m1"]) and re.fullmatch(_MON_FULL, m["m2"])):
            return None
    if m["y"]:
        y2 = int(m["y"])
    elif m["rel"]:
        y2 = c.year_of(m["rel"], m.start())
        if y2 is None:
            return None
    else:
        if c.pub is None:
            return None
        span = c.undated(lambda y: _months(y, m1, m2), m.start())
        return (*span, "month")
    return (*_months(y2 - (m2 < m1), m1, m2), "month")


def _r_month_rel_year(m, c):
    y = c.year_of(m["rel"], m.start())
    if y is None:
        return None
    return (*_month(y, _month_num(m["m"])), "month")


def _r_rel_month(m, c):
    # "last September" is September of the previous year, "next March" of the next.
    if c.pub is None:
        return None
    y = c.pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return (*_month(y, _month_num(m["m"])), "month")


def _bare_month_ok(m, c) -> bool:
    text = c.text
    prev = _prev_word(text, m.start()).lower().rstrip(",")
    if prev in _TIME_PREPS or prev.startswith("mid"):
        return True
    if text.startswith(("'s", "\u2019s"), m.end()):
        return True
    if prev in ("a", "an", "the", "its", "their", "his", "her", "our"):
        # "a March report", "the June reshuffle"
        return _NEXT_WORD.match(text, m.end()) is not None
    return False


def _r_bare_month(m, c):
    if c.pub is None or not _bare_month_ok(m, c):
        return None
    month = _month_num(m["m"])
    return (*c.undated(lambda y: _month(y, month), m.start()), "month")


def _position(m) -> str | None:
    """The position word of a _POS match ("early", "mid", "end"...), or None when the
    word and what follows it do not fit together ("the 2024", "late of")."""
    pos, tail = m["pos"].lower(), " ".join(m["tail"].split())
    if pos in ("early", "late", "earlier", "later"):
        return pos if tail in ("", "in") else None
    if pos == "mid":
        return pos if tail in ("-", "") else None
    if pos == "the":
        return tail.split()[0] if tail.endswith(" of") else None
    if tail == "of" or (pos == "end" and tail == "-"):
        return pos
    return None


def _month_part(y: int, month: int, pos: str) -> tuple[date, date]:
    last = _last_day(y, month)
    if pos in ("end", "close"):
        return date(y, month, last), date(y, month, last)
    if pos in ("early", "beginning", "start"):
        return date(y, month, 1), date(y, month, 10)
    if pos in ("mid", "middle"):
        return date(y, month, 11), date(y, month, 20)
    if pos == "late":
        return date(y, month, 21), date(y, month, last)
    return _month(y, month)  # "earlier this month", "later this month": the whole month


def _r_position(m, c):
    """"late January", "the end of June 2025", "late last month", "mid-2027", "later in 2025"."""
    pos = _position(m)
    if pos is None:
        return None
    in_word = " ".join(m["tail"].split()) == "in"
    if m["m"]:
        if pos in ("earlier", "later") or in_word:
            return None
        month = _month_num(m["m"])
        if m["y"]:
            y = int(m["y"])
        elif m["rel"]:
            y = c.year_of(m["rel"], m.start())
            if y is None:
                return None
        else:
            if c.pub is None:
                return None
            y = c.undated(lambda yy: _month(yy, month), m.start())[0].year
        span = _month_part(y, month, pos)
    elif m["mrel"]:
        if c.pub is None or in_word:
            return None
        step = {"this": 0, "the": 0, "last": -1, "next": 1}[m["mrel"]]
        span = _month_part(*_add_months(c.pub.year, c.pub.month, step), pos)
    else:
        if pos in ("earlier", "later") and m["yy"] and not in_word:
            return None  # "earlier 2024 models"
        y = int(m["yy"]) if m["yy"] else c.year_of(m["yrel"], m.start())
        if y is None:
            return None
        if pos in ("early", "beginning", "start"):
            span = _month(y, 1)
        elif pos in ("mid", "middle"):
            span = date(y, 6, 1), date(y, 7, 31)
        elif pos in ("late", "end", "close"):
            span = _month(y, 12)
        elif pos == "later" and c.pub is not None and c.pub.year == y:
            span = c.pub, date(y, 12, 31)  # "later this year": from publication to the year's end
        else:
            span = _year_span(y)  # "earlier this year": the whole year
    return (*span, _granularity(span))


def _year_for_period(m, c, make, cumulative: bool = False):
    y = m["y"] or m.groupdict().get("y2")
    if y:
        return make(int(y))
    if m.groupdict().get("rel"):
        y = c.year_of(m["rel"], m.start())
        return None if y is None else make(y)
    if c.pub is None:
        return None
    return (_cumulative_year if cumulative else _period_year)(make, c.pub)


def _boundary(span, c, granularity: str):
    """"the end of the first quarter" is its last day, "the start of the second half" its first."""
    lm = c.lead_match
    pos = lm["pos"] if lm is not None else None
    if pos in ("end", "close"):
        return span[1], span[1], "day"
    if pos in ("beginning", "start"):
        return span[0], span[0], "day"
    return (*span, granularity)


def _r_quarter(m, c):
    if m["ord"].lower() in ("last", "final") and not (m["y"] or m["y2"] or m["rel"]):
        return None  # "the last quarter" alone is the previous quarter (rel_quarter)
    q = _ORDINALS[m["ord"].lower()]
    span = _year_for_period(m, c, lambda y: _quarter(y, q))
    return _boundary(span, c, "quarter") if span else None


def _r_qh_notation(m, c):
    """"Q3 2025", "2025 Q3", "Q3'25", "Q3", "H1 2025", "2025 H1"."""
    kind, n = m["qh"][0], int(m["qh"][1])
    y = m["y"] or m.groupdict().get("y2")
    if y is None and m.groupdict().get("yy"):
        y = 2000 + int(m["yy"])
    if kind == "H":
        if n > 2 or y is None:
            return None  # a bare "H2" is too often a chip or a heading
        return (*_months(int(y), 6 * n - 5, 6 * n), "half")
    if y is not None:
        return (*_quarter(int(y), n), "quarter")
    if c.pub is None:
        return None
    return (*_period_year(lambda yy: _quarter(yy, n), c.pub), "quarter")


def _r_half(m, c):
    h = _ORDINALS[m["ord"].lower()]
    span = _year_for_period(m, c, lambda y: _months(y, 6 * h - 5, 6 * h), cumulative=h == 1)
    return _boundary(span, c, "half") if span else None


def _r_first_quarters(m, c):
    n = _num(m["n"])
    span = _year_for_period(m, c, lambda y: _months(y, 1, 3 * n), cumulative=True)
    return (*span, "quarter") if span else None


def _r_first_months(m, c):
    n = _num(m["n"])
    if not 1 <= n <= 11:
        return None
    if m["which"].lower() == "first":
        span = _year_for_period(m, c, lambda y: _months(y, 1, n), cumulative=True)
    elif m["y"] or m["rel"]:
        span = _year_for_period(m, c, lambda y: _months(y, 13 - n, 12))
    else:
        return None  # "the last three months" is a duration
    return (*span, "month") if span else None


def _r_month_quarter(m, c):
    if m["m2"]:
        m1, m2 = _month_num(m["m1"]), _month_num(m["m2"])
        if (m2 - m1) % 12 != 2:
            return None
    else:
        m2 = _month_num(m["m1"])
        if m2 % 3 or not re.fullmatch(_MON_FULL, m["m1"]):
            return None  # "the December quarter" names a quarter by its last month
        m1 = m2 - 2

    def make(y):
        return _months(y, m1, m2)

    if m["y"]:
        span = make(int(m["y"]) - (m2 < m1))
    elif c.pub is None:
        return None
    else:
        span = _period_year(make, c.pub)
    return (*span, "quarter")


def _r_rel_quarter(m, c):
    """"the current quarter", "next quarter", "last quarter": from the publication date's
    quarter. "the previous quarter" (or prior, preceding) is the one before the quarter last
    reported in the text: "In the third quarter, sales rose 8 percent from the previous
    quarter" is the second quarter; with no quarter named before, the publication's."""
    w = m["w"].lower()
    if c.lead != "the" and w not in ("last", "this", "next"):
        return None
    reported = c.last_quarter() if w in ("previous", "preceding", "prior") else None
    if reported is not None:
        cur = (reported[0].year, (reported[0].month - 1) // 3 + 1)
    elif c.pub is None:
        return None
    else:
        cur = (c.pub.year, (c.pub.month - 1) // 3 + 1)
    step = 0 if w in ("current", "present", "this") else 1 if w in ("next", "coming") else -1
    y, mm = _add_months(cur[0], 3 * cur[1] - 2, 3 * step)
    return (*_quarter(y, (mm - 1) // 3 + 1), "quarter")


def _r_rel_unit(m, c):
    if c.pub is None or c.lead:
        return None  # "over the last year" is a duration
    rel, unit, pub = m["rel"].lower(), m["unit"], c.pub
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        return (*_year_span(pub.year + step), "year")
    if unit == "month":
        return (*_month(*_add_months(pub.year, pub.month, step)), "month")
    monday = _week(pub + timedelta(days=7 * step))[0]
    if unit == "week":
        return monday, monday + timedelta(days=6), "week"
    return monday + timedelta(days=5), monday + timedelta(days=6), "week"  # the weekend


def _r_current_unit(m, c):
    """"the current year", "the current month", "the current week": the publication's."""
    if c.pub is None or c.lead != "the":
        return None
    unit, pub = m["unit"], c.pub
    if unit == "year":
        return (*_year_span(pub.year), "year")
    if unit == "month":
        return (*_month(pub.year, pub.month), "month")
    return (*_week(pub), "week")


def _r_the_weekend(m, c):
    if c.pub is None:
        return None
    sat = c.pub - timedelta(days=(c.pub.weekday() - 5) % 7)  # latest Saturday on or before
    return sat, sat + timedelta(days=1), "week"


def _ranked_before(text: str, pos: int) -> bool:
    """Is there a superlative or an ordinal among the few words before pos, in the same clause?

    "the largest initial public offering" and "its first launch" rank; "AI app" does not."""
    head = text[max(0, pos - 60):pos]
    for p in ",;:()\"\u201c\u201d.":
        head = head.rpartition(p)[2]
    for word in head.split()[-5:]:
        w = word.lower().split("-")[0]  # "best-selling"
        if w in _RANKING_WORDS or (len(w) > 5 and w.endswith("est") and w not in _EST_NOT_SUPERLATIVE):
            return True
    return False


def _r_the_year(m, c):
    """"the largest listing of the year": the publication year. Only after a ranking word;
    "AI app of the year" is an award and "the rest of the year" a span from now."""
    if c.pub is None or not _ranked_before(c.text, c.lead_match.start()):
        return None
    return (*_year_span(c.pub.year), "year")


def _r_ago(n: int, unit: str, c):
    if c.pub is None:
        return None
    pub = c.pub
    if unit == "decade":
        return (*_year_span(pub.year - 10 * n), "year")
    if unit in ("year", "month"):
        # "a year ago" is the month one year before publication.
        months = 12 * n if unit == "year" else n
        return (*_month(*_add_months(pub.year, pub.month, -months)), "month")
    if unit == "week":
        return (*_week(pub - timedelta(days=7 * n)), "week")
    d = pub - timedelta(days=n)
    return d, d, "day"


def _offset_span(c, pos: int, months: int):
    """The period named in this or the previous sentence, shifted by `months`;
    with none named, the publication month shifted."""
    a = c.anchor(pos)
    if a is not None:
        span = _shift_span(a, months)
        return (*span, _granularity(span))
    if c.pub is None:
        return None
    return (*_month(*_add_months(c.pub.year, c.pub.month, months)), "month")


_CLAUSE_END = re.compile(r"\s*(?:[,.;:)\"\u201d]|and\b|when\b|$)")


def _r_count_unit(m, c):
    """"two years ago" (from publication); "a year earlier", "a year later" (from the named period)."""
    n, unit, direction = _num(c.lead_match["n"]), m["unit"].rstrip("s"), m["dir"]
    if direction == "ago":
        return _r_ago(n, unit, c) if unit != "quarter" else None
    if direction in ("before", "after", "prior", "previously") and not _CLAUSE_END.match(c.text, m.end()):
        return None  # "a year after the launch" counts from an event, not the calendar
    if unit not in ("year", "month", "quarter"):
        return None
    months = n * {"year": 12, "month": 1, "quarter": 3}[unit]
    return _offset_span(c, m.start(), months if direction in ("later", "after") else -months)


def _r_year_earlier(m, c):
    return _offset_span(c, m.start(), -12)


def _r_same_period(m, c):
    """"the same period a year earlier", "the same month last year", "the same quarter of 2024":
    the period just named, a year back (or forward, or in the year given). "Last year" here
    counts from the named period: December 2025 data "up from the same month last year"
    compares with December 2024 even in a story published in 2026."""
    if m["y"]:
        a = c.anchor(m.start())
        return None if a is None else _offset_span(c, m.start(), 12 * (int(m["y"]) - a[0].year))
    rel = m["rel"]
    return _offset_span(c, m.start(), 12 if ("later" in rel or "next" in rel) else -12)


def _r_this_time_last_year(m, c):
    return None if c.pub is None else (*_month(c.pub.year - 1, c.pub.month), "month")


def _r_prev_year(m, c):
    """"the previous year", "the following year", "the previous month": next to the period just named."""
    sign = 1 if (m["w"] or m["w2"]) in ("following", "after") else -1
    if m["unit"] == "month":
        a = c.anchor(m.start())
        if a is not None and _granularity(a) == "month":
            return (*_month(*_add_months(a[0].year, a[0].month, sign)), "month")
        if c.pub is None:
            return None
        return (*_month(*_add_months(c.pub.year, c.pub.month, sign)), "month")
    base = c.anchor_year(m.start())
    if base is None:
        if c.pub is None:
            return None
        base = c.pub.year
    return (*_year_span(base + sign), "year")


def _r_day_word(m, c):
    if c.pub is None:
        return None
    w = " ".join(m["w"].lower().split())
    if w == "today":
        if c.text.startswith(("'s", "\u2019s"), m.end()):
            return None  # "today's AI models"
        # A reporting verb close by ("said today", "opened today") makes it the day;
        # "AI today is..." is nowadays.
        window = c.text[max(0, m.start() - 40):m.end() + 40]
        if _NOWADAYS_AFTER.match(c.text, m.end()) or not _TODAY_LITERAL.search(window):
            return None
    d = c.pub + timedelta(days={"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0))
    return d, d, "day"


def _r_weekday(m, c):
    if _prev_word(c.text, m.start()).lower() in _HOLIDAY_BEFORE_WEEKDAY:
        return None
    wd = _WEEKDAY_NUM[m["w"].lower()]
    dated = _WEEKDAY_DATE.match(c.text, m.end())
    if dated:
        # "Thursday, March 16, 2023": the date that follows says which Thursday.
        out = _r_md(dated, c)
        if out and out[0].weekday() == wd:
            return out
    if c.pub is None:
        return None
    pub = c.pub
    if c.lead == "last":
        d = pub - timedelta(days=(pub.weekday() - wd) % 7 or 7)
    elif c.lead in ("next", "coming"):
        d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    elif c.lead == "this":
        d = _week(pub)[0] + timedelta(days=wd)
    else:
        # A bare weekday is the latest such day on or before publication.
        d = pub - timedelta(days=(pub.weekday() - wd) % 7)
    return d, d, "day"


def _r_weekday_range(m, c):
    if c.pub is None or (m["conj"] == "and" and c.lead != "between"):
        return None
    w1, w2 = _WEEKDAY_NUM[m["w1"].lower()], _WEEKDAY_NUM[m["w2"].lower()]
    s = c.pub - timedelta(days=(c.pub.weekday() - w1) % 7)
    return s, s + timedelta(days=(w2 - w1) % 7), "day"


_WEEKDAY_DATE = re.compile(rf",?\s*\(?{_mon('m')}\s+{_day('d')}(?:,?\s+{_Y})?")


def _reads_as_year(c, start: int, end: int) -> bool:
    """False when the four digits at start..end are a value or a label, not a year."""
    text = c.text
    prev = _prev_word(text, start)
    if _LABEL_BEFORE_YEAR.fullmatch(prev):
        return False
    low = prev.lower().rstrip(",")
    if low in _COUNT_WORDS:
        return False
    if low == "than" and _prev_word(text, start - len(prev) - 1).lower() in ("more", "less", "fewer"):
        return False
    if _UNIT_AFTER.match(text, end):
        return False
    nxt = _NEXT_WORD.match(text, end)
    if nxt and low not in _TIME_PREPS:
        word = nxt.group(1)
        # News style writes "2,000 units" with a comma, but "its 2000 employees" happens.
        if word.endswith("s") and not word.endswith(("ss", "us")) and word not in _YEAR_PLURALS:
            return False
    return True


def _r_year_range(m, c):
    y1, raw2, conj = int(m["y1"]), m["y2"], m["conj"].strip()
    if len(raw2) == 2:
        if conj not in ("-", "\u2013", "\u2014", "/"):
            return None
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if conj == "and" and c.lead != "between":
        return None
    if not 0 < y2 - y1 <= 50 or not _reads_as_year(c, m.start(), m.end()):
        return None
    return date(y1, 1, 1), date(y2, 12, 31), "multi_year"


def _r_by_year(m, c):
    if _prev_word(c.text, m.start()).lower() in _CHANGE_VERBS or _UNIT_AFTER.match(c.text, m.end()):
        return None  # "rose by 2000 units"
    return (*_year_span(int(m["y"])), "year")


def _r_fiscal(m, c):
    raw = m["y"]
    if m["fy"].lower() == "fiscal" and len(raw) == 2:
        return None
    return (*_year_span(int(raw) if len(raw) == 4 else 2000 + int(raw)), "year")


_PERIOD_MONTHS = {"year": 12, "fisc": 12, "fina": 12, "half": 6, "quar": 3, "week": 0}


def _period_ending(months: int, mon: int, day: int | None, y: int) -> tuple[date, date]:
    """The `months` months (0: the week) that end on month/day of year y, or with that month.

    >>> _period_ending(12, 6, 30, 2025)
    (datetime.date(2024, 7, 1), datetime.date(2025, 6, 30))
    >>> _period_ending(3, 3, None, 2025)
    (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))"""
    if day is None:
        start = date(*_add_months(y, mon, 1 - months), 1)
        return start, date(y, mon, _last_day(y, mon))
    end = date(y, mon, day)
    if months == 0:
        return end - timedelta(days=6), end
    return _shift(end + timedelta(days=1), -months, False), end


def _r_period_ending(m, c):
    """A period named by its end: "the year ending August 2025", "the 12 months ended June 30",
    "the three months ended March", "the quarter ended Sept. 30", "the fiscal year ending in
    March 2026", "the six months to June". The period ("the 12 months", "the quarter that")
    is the rule's leading words. An end given without a year takes the year that puts that
    end nearest the publication date, like any date without a year."""
    lm = c.lead_match
    verb = m["verb"]
    if lm["n"]:
        months = _num(lm["n"])
        if not 1 <= months <= 36:
            return None
    else:
        months = _PERIOD_MONTHS[(lm["fy"] or lm["unit"]).lower()[:4]]
    if verb == "ends" and not lm["rel"]:
        return None  # "the year ends March 31" is a statement, not a period's name
    if verb in ("to", "through") and not lm["det"]:
        return None  # "the six months to June", "the week to Oct. 12"; not "cut by a quarter to March levels"
    if lm["unit"] and not lm["det"]:
        return None  # "a year ended", "each quarter ending": no period named
    if _prev_word(c.text, lm.start()).lower() in ("by", "another", "additional", "extra"):
        return None  # "delayed by three months ended..." moves a date
    mon = _month_num(m["m"])
    day = int(m["d"]) if m["d"] else None
    if months == 0 and day is None:
        return None  # "the week ended March" is no week
    if m["y"]:
        y = int(m["y"])
    elif c.pub is None:
        return None
    else:
        end = c.undated(lambda yy: (date(yy, mon, day),) * 2 if day else _month(yy, mon), m.start("m"))
        if end is None:
            return None
        y = end[0].year
    span = _period_ending(months, mon, day, y)
    gran = {12: "year", 6: "half", 3: "quarter", 0: "week"}.get(months) or _granularity(span)
    return (*span, gran)


def _r_md_rel_year(m, c):
    """"Sept. 1 last year", "March 3 this year", "June 5 of that year": a day in a year named by words."""
    y = c.year_of(m["rel"], m.start())
    if y is None:
        return None
    d = date(y, _month_num(m["m"]), int(m["d"]))
    return d, d, "day"


def _r_holiday(m, c):
    """A named holiday or shopping festival: "the Spring Festival holiday", "Golden Week",
    "Singles' Day", "the 2025 Dragon Boat Festival", "last year's Double 11". The year is the
    one given (before or after the name, or "this/last/next year's"), else the nearest one."""
    if _HOLIDAY_NOT_BEFORE.match(c.text, m.end()):
        return None  # "the Spring Festival Gala" is a show
    key = _holiday_key(m["name"])
    if key == "golden_week" and _prev_word(c.text, m.start()).lower() in ("japan's", "japan\u2019s", "japanese"):
        return None
    kind = "eve" if m["eve"] else "holiday" if m["hol"] else "day"

    def make(y):
        return _holiday_span(key, kind, y)

    lm = c.lead_match
    if m["y"]:
        span = make(int(m["y"]))
    elif lm is not None and lm["ly"]:
        span = make(int(lm["ly"]))
    elif lm is not None and lm["lrel"]:
        if c.pub is None:
            return None
        span = make(c.pub.year + {"this": 0, "last": -1, "next": 1}[lm["lrel"].lower()])
    elif c.pub is None:
        return None
    else:
        span = c.undated(make, m.start())
        if span is None:
            return None
    return (*span, _granularity(span))


def _r_decade(m, c):
    y = int(m["y"])
    return date(y, 1, 1), date(y + 9, 12, 31), "multi_year"


def _r_year_end(m, c):
    if c.pub is None or _prev_word(c.text, m.start()).lower() not in ("by", "at", "before", "until", "around", "since"):
        return None
    return (*_month(c.pub.year, 12), "month")


def _r_year(m, c):
    if not _reads_as_year(c, m.start(), m.end()):
        return None
    return (*_year_span(int(m["y"])), "year")


# ---------------------------------------------------------------- rules
_LEAD_THE = r"\b[Tt]he\s+$"
# "the end of the first quarter", "the beginning of the second half"
_LEAD_THE_BOUNDARY = r"(?:\b(?:[Tt]he\s+)?(?P<pos>end|beginning|start|close)\s+of\s+)?\b[Tt]he\s+$"
_LEAD_FROM = r"\b[Ff]rom\s+$"
_LEAD_RANGE = r"\b(?:[Bb]etween|[Ff]rom)\s+$"
# "the", "its", "their", with or without a count after it: "the 12 ", "its three ", "nine ".
_LEAD_PERIOD = (
    rf"(?:\b(?P<det>[Tt]he|[Ii]ts|[Tt]heir)\s+)?(?:\b(?P<n>{_NUM})\s+months|\b(?P<fy>[Ff]iscal|[Ff]inancial)\s+year"
    r"|\b(?P<unit>[Yy]ear|[Qq]uarter|[Hh]alf(?:[-\s]year)?|[Ww]eek))\s+(?:(?P<rel>that|which)\s+)?$"
)
# "the 2025 Spring Festival", "last year's Singles' Day"
_LEAD_HOLIDAY_YEAR = r"(?:\b(?P<ly>(?:19|20)\d\d)|\b(?P<lrel>[Tt]his|[Ll]ast|[Nn]ext)\s+year['\u2019]s)\s+$"


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern
    resolve: object
    anchor: bool = True  # may later offsets resolve from what it finds?
    lead: re.Pattern | None = None  # a word it may take before the match
    lead_required: bool = False
    lead_in_text: bool = True  # "between" never is
    not_after: str = ""  # characters besides letters and digits that may not come right before the match
    pretest: tuple[str, ...] = ()  # if given, the rule runs only on a text with one of these strings
    lead_window: int = 24  # how far back the leading words may start


def _rule(name, pattern, resolve, anchor=True, lead=None, lead_required=False, lead_in_text=True, not_after="",
          pretest=(), lead_window=24):
    return _Rule(name, re.compile(pattern), resolve, anchor,
                 re.compile(lead) if lead else None, lead_required, lead_in_text, not_after, pretest, lead_window)


_DASH_TO = r"(?:\s*[-\u2013\u2014]\s*|\s+(?:to|through|until|till)\s+)"
_RULES = [
    # A period named by its end: the pattern starts at the verb, which is rare, and the
    # period before it ("the 12 months", "the fiscal year that") is its leading words.
    _rule("period_ending",
          rf"(?P<verb>ended|ending|ends)\s+(?:in\s+|on\s+)?{_mon('m')}(?:\s+{_day('d')})?(?:,?\s+{_Y})?",
          _r_period_ending, lead=_LEAD_PERIOD, lead_required=True, lead_window=40),
    _rule("period_to", rf"(?P<verb>to|through)\s+{_mon('m')}(?:\s+{_day('d')})?(?:,?\s+{_Y})?",
          _r_period_ending, lead=_LEAD_PERIOD, lead_required=True, lead_window=40),
    _rule("holiday",
          r"(?P<name>(?:Lunar|Chinese)\s+New\s+Year|Spring\s+Festival|Golden\s+Week|National\s+Day(?!\s+of\b)"
          r"|Singles['\u2019]?\s+Day|Double[-\s](?:11|Eleven|12|Twelve)|618(?=\s+(?:mid-year\s+)?"
          r"(?:shopping\s+|sales\s+)?(?:festival|event|promotion))|Qingming(?:\s+Festival)?"
          r"|Tomb[-\s]Sweeping\s+(?:Day|Festival)|Dragon\s+Boat\s+Festival|Mid-Autumn\s+Festival|May\s+Day"
          r"|New\s+Year['\u2019]s\s+(?:Day|Eve))"
          r"(?P<eve>['\u2019]s\s+Eve|\s+Eve)?"
          r"(?P<hol>\s+(?:holidays?|break|vacation|[Gg]olden\s+[Ww]eek|week)(?![\w-]))?"
          rf"(?:\s+{_Y})?(?![\w-])", _r_holiday, lead=_LEAD_HOLIDAY_YEAR, not_after="-",
          pretest=("Day", "Festival", "New Year", "Week", "Double", "Qingming", "618 ")),
    _rule("iso", r"(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])", _r_iso, not_after=".-"),
    _rule("md_range_cross", rf"{_mon('m1')}\s+{_day('d1')}{_DASH_TO}{_mon('m2')}\s+{_day('d2')}(?:,?\s+{_Y})?",
          _r_md_range, lead=_LEAD_FROM),
    _rule("md_range", rf"{_mon('m1')}\s+{_day('d1')}(?:\s*[-\u2013\u2014]\s*|\s+(?:to|through|and)\s+){_day('d2')}(?:,?\s+{_Y})?",
          _r_md_range, lead=_LEAD_FROM),
    _rule("md_rel_year",
          rf"{_mon('m')}\s+{_day('d')},?\s+(?:of\s+)?(?P<rel>(?:last|this|next)\s+year|that\s+year"
          r"|the\s+(?:same|following|previous)\s+year)(?![\w-])", _r_md_rel_year),
    _rule("md", rf"{_mon('m')}\s+{_day('d')}(?:,?\s+{_Y})?", _r_md),
    _rule("dm", rf"(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?{_mon('m')}(?:,?\s+{_Y})?", _r_dm, not_after=".,$"),
    _rule("my_range", rf"{_mon('m1')}\s+{_year('y1')}{_DASH_TO}{_mon('m2')}\s+{_year('y2')}", _r_my_range,
          lead=_LEAD_FROM),
    _rule("month_quarter",
          rf"{_mon('m1')}(?:(?:\s*[-\u2013\u2014]\s*|\s+(?:to|through)\s+){_mon('m2', True)})?[\s-]quarter(?:\s+of\s+{_Y})?",
          _r_month_quarter, lead=_LEAD_THE),
    _rule("month_range",
          rf"{_mon('m1')}(?P<conj>\s*[-\u2013\u2014/]\s*|\s+(?:to|through|and|until|till)\s+){_mon('m2')}"
          rf"(?:,?\s+{_Y}|\s+(?:of\s+)?{_MONTH_YEAR_REL})?", _r_month_range, lead=_LEAD_RANGE),
    _rule("my", rf"{_mon('m')}(?:,|\s+of)?\s+{_Y}", _r_my),
    _rule("month_rel_year",
          rf"{_mon('m')}(?:\s+of)?\s+(?P<rel>(?:last|this|next)\s+year|that\s+year|the\s+(?:same|following|previous)\s+year)(?![\w-])",
          _r_month_rel_year),
    _rule("rel_month", rf"(?P<rel>{_words('last', 'this', 'next')})\s+{_mon('m', True)}", _r_rel_month),
    _rule("position",
          rf"{_POS}(?:{_mon('m')}(?:,?\s+{_Y}|\s+(?:of\s+)?{_MONTH_YEAR_REL})?"
          rf"|(?P<mrel>this|last|next|the)\s+month(?![\w-])|{_year('yy')}|(?P<yrel>{_REL_YEAR}))", _r_position),
    _rule("quarter",
          rf"(?P<ord>{_words('first', 'second', 'third', 'fourth', 'final', 'last')}|1st|2nd|3rd|4th)"
          rf"[\s-]+quarter(?!s){_OF_YEAR}(?!\s+of\s)", _r_quarter, lead=_LEAD_THE_BOUNDARY),
    _rule("first_quarters",
          rf"(?:First|first)\s+(?P<n>two|three|2|3)\s+quarters(?:\s+of\s+(?:{_Y}|(?P<rel>{_REL_YEAR})))?(?!\s+of\s)",
          _r_first_quarters, lead=_LEAD_THE),
    _rule("first_months",
          rf"(?P<which>{_words('first', 'last', 'final')})\s+(?P<n>{_NUM})\s+months(?:\s+of\s+(?:{_Y}|(?P<rel>{_REL_YEAR})))?(?!\s+of\s)",
          _r_first_months, lead=_LEAD_THE),
    _rule("qh_notation", rf"(?P<qh>[QH][1-4])(?:\s*{_Y}|\s*'(?P<yy>\d\d)(?!\w))?(?![\w-])", _r_qh_notation,
          not_after="-"),
    _rule("year_qh", rf"{_Y}\s*(?P<qh>[QH][1-4])(?![\w-])", _r_qh_notation, not_after="-"),
    _rule("half", rf"(?P<ord>{_words('first', 'second', 'latter')}|1st|2nd)[\s-]+half(?![\w-]){_OF_YEAR}(?!\s+of\s)",
          _r_half, lead=_LEAD_THE_BOUNDARY),
    _rule("rel_quarter",
          rf"(?P<w>{_words('current', 'present', 'previous', 'preceding', 'prior', 'next', 'coming', 'last', 'this')})"
          r"\s+quarter(?![\w-])", _r_rel_quarter, lead=_LEAD_THE),
    _rule("same_period",
          r"(?:Same|same)\s+(?:period|month|quarter|week|day|time|half)\s+(?:of\s+|in\s+)?"
          r"(?:(?P<rel>last\s+year|(?:a|one)\s+year\s+(?:earlier|ago|before|prior|later)|the\s+(?:previous|prior|preceding)\s+year"
          rf"|the\s+year\s+before|next\s+year)|{_Y})(?![\w-])", _r_same_period, anchor=False, lead=_LEAD_THE),
    # The count is the leading word: a pattern starting with a number or "a" would be tried
    # at almost every position, one starting with the unit is several times faster.
    _rule("count_unit",
          r"(?P<unit>years?|months?|quarters?|weeks?|days?|decades?)\s+"
          r"(?P<dir>ago|earlier|later|before|after|prior|previously)(?![\w-])", _r_count_unit, anchor=False,
          lead=rf"\b(?P<n>{_NUM})\s+$", lead_required=True),
    _rule("year_earlier", r"(?:Year|year)-(?:earlier|ago|before)(?![\w-])", _r_year_earlier, anchor=False),
    _rule("prev_year",
          r"(?:The|the)\s+(?:(?P<w>previous|prior|preceding|following)\s+(?P<unit>year|month)(?![\w-])"
          r"|year\s+(?P<w2>before|after)(?=\s*[,.;:)]))",
          _r_prev_year, anchor=False),
    _rule("this_time_last_year", r"(?:This|this)\s+time\s+last\s+year(?![\w-])", _r_this_time_last_year, anchor=False),
    _rule("rel_unit", rf"(?P<rel>{_words('last', 'this', 'next')})\s+(?P<unit>year|month|week|weekend)(?![\w-])",
          _r_rel_unit, lead=_LEAD_THE),
    _rule("current_unit", r"(?:Current|current)\s+(?P<unit>year|month|week)(?![\w-])", _r_current_unit, lead=_LEAD_THE),
    _rule("the_weekend", r"the\s+weekend(?![\w-])", _r_the_weekend, anchor=False,
          lead=r"\b(?:[Oo]ver|[Dd]uring|[Aa]t|[Oo]n)\s+$", lead_required=True, lead_in_text=False),
    _rule("the_year", r"the\s+year(?![\w-])", _r_the_year, lead=r"\bof\s+$", lead_required=True, lead_in_text=False),
    _rule("day_word",
          rf"(?P<w>{_words('today', 'yesterday', 'tomorrow', 'tonight')}|Last\s+night|last\s+night"
          r"|This\s+(?:morning|afternoon|evening)|this\s+(?:morning|afternoon|evening))(?![\w-])",
          _r_day_word, anchor=False),
    _rule("bare_month", rf"{_mon('m', True)}(?!-\w)", _r_bare_month),
    _rule("weekday_range", rf"(?P<w1>{_WD})\s+(?P<conj>to|through|until|till|and|-)\s+(?P<w2>{_WD})(?!\w)",
          _r_weekday_range, anchor=False, lead=_LEAD_RANGE),
    _rule("weekday", rf"(?P<w>{_WD})(?!\w)", _r_weekday, anchor=False,
          lead=r"\b(?:[Ll]ast|[Tt]his|[Nn]ext|[Cc]oming)\s+$"),
    _rule("year_range",
          r"(?P<y1>(?:19|20)\d\d)(?P<conj>\s*[-\u2013\u2014/]\s*|\s+(?:to|through|and|until|till)\s+)"
          r"(?P<y2>(?:19|20)\d\d|\d\d)(?!\w|%|[.,]\d)", _r_year_range, lead=_LEAD_RANGE,
          not_after="$\u00a5\u20ac\u00a3.,/-"),
    _rule("by_year", rf"(?:{_words('by', 'through', 'until', 'till', 'thru')})\s+{_Y}(?!-\w)", _r_by_year),
    _rule("fiscal", r"(?P<fy>Fiscal|fiscal|FY)(?:\s+(?:year\s+)?|\s?)(?P<y>(?:19|20)\d\d|\d\d)(?!\w)", _r_fiscal),
    _rule("decade", r"(?P<y>(?:19|20)\d0)s(?![\w-])", _r_decade, lead=_LEAD_THE, not_after="-'"),
    _rule("year_end", r"(?:Year|year)-end(?![\w-])", _r_year_end),
    _rule("year", r"(?P<y>(?:19|20)\d\d)(?![\w%]|[.,/]\d|-\w|\s*[-\u2013\u2014]\s*\d)", _r_year,
          not_after="$\u00a5\u20ac\u00a3#@.,/'\u2019-"),
]

# A date at the start of a paragraph ("BEIJING, Jan. 21 (Xinhua) --") or on a line of its own.
_DATELINE_TAIL = re.compile(r"[^\S\n]*(?:\([^)\n]*\)[^\S\n]*)?(?:--|\u2014|\u2013|-|\n|$)")


def _is_dateline(text: str, m) -> bool:
    """Datelines date the story; later offsets ("a year earlier") must not resolve from them."""
    # Only the last 60 characters can hold the line start that matters: no walk back through a long paragraph.
    line_start = text.rfind("\n", max(0, m.start() - 60), m.start()) + 1
    return m.start() - line_start < 60 and _DATELINE_TAIL.match(text, m.end()) is not None


def _blocked_before(text: str, pos: int, not_after: str) -> bool:
    """Is the match glued to the word before it ("v2025", "AI2024") or to a forbidden mark ("$2025")?"""
    if pos == 0:
        return False
    ch = text[pos - 1]
    return ch.isalnum() or ch == "_" or ch in not_after


def extract_time_expressions(text: str, published: date | None) -> list[TimeExpression]:
    """All time expressions in `text` (a whole normalised document body, paragraphs separated by blank lines), resolved against the publication date, in order of char_start. With published=None, relative expressions that need an anchor are skipped; absolute ones are still returned."""
    if isinstance(published, datetime):
        published = published.date()
    elif isinstance(published, str):
        published = date.fromisoformat(published[:10])
    if not text:
        return []
    # (start with the leading word, -end, rule order, match, leading word, its match)
    candidates = []
    for order, rule in enumerate(_RULES):
        if rule.pretest and not any(p in text for p in rule.pretest):
            continue  # cheaper than letting the pattern try every position
        for m in rule.regex.finditer(text):
            start = m.start()
            if _blocked_before(text, start, rule.not_after) or "\n" in m.group(0):
                continue  # glued to a word, or run across a line break into the next paragraph
            lead_start, lead, lm = start, "", None
            if rule.lead is not None:
                lm = rule.lead.search(text, max(0, start - rule.lead_window), start)
                if lm is not None and "\n" in lm.group(0):
                    lm = None
                if lm is not None:
                    lead_start, lead = lm.start(), lm.group(0).split()[0].lower()
                elif rule.lead_required:
                    continue
            candidates.append((lead_start, -m.end(), order, m, lead, lm))
    candidates.sort(key=lambda t: t[:3])

    ctx = _Context(text, published)
    taken_end = 0
    for lead_start, neg_end, order, m, lead, lm in candidates:
        if lead_start < taken_end:
            continue
        rule = _RULES[order]
        ctx.lead, ctx.lead_match = lead, lm
        try:
            out = rule.resolve(m, ctx)
        except ValueError:  # impossible dates such as "Feb. 30"
            out = None
        if out is None:
            continue
        taken_end = -neg_end
        t_start = lead_start if (rule.lead_in_text and lead and lead != "between") else m.start()
        start_date, end_date, granularity = out
        expr = TimeExpression(text[t_start:taken_end], start_date, end_date, granularity, t_start, taken_end)
        is_anchor = rule.anchor and not (rule.name == "md" and _is_dateline(text, m))
        ctx.add(_Found(expr, ctx.sentence(t_start), is_anchor, rule.name))
    return [f.expr for f in ctx.found]
