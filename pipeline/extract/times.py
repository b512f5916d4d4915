"""Time expressions: find dates and periods in news text and resolve them.

Belongs here: the rule set that finds calendar expressions in a document body
("Oct. 16, 2025", "last year", "the first half of 2025", "by 2030", "a year
earlier") and resolves each to inclusive start and end dates against the
publication date (GUIDELINES.md, section 3). Pure standard library; every rule
is a general pattern of English news writing.

How it works: each rule is a compiled regex plus a resolver. All rule matches
are collected, then taken left to right, longest first; a match whose resolver
declines (a bare year that is really a price, a weekday in "Black Friday")
leaves room for shorter matches. Resolvers run in text order so that offsets
("a year earlier", "that year") can look back at the periods already named.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta

EXTRACTOR = "time_expressions"
VERSION = "1.0.0"


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

# Month names are matched case-sensitively: lower-case "may" and "march" are verbs.
_MON_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_WD = "|".join(_WEEKDAYS)
_NUM = r"a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2}"


def _mon(name: str, full_only: bool = False) -> str:
    alts = _MON_FULL if full_only else f"{_MON_FULL}|{_MON_ABBR}"
    return rf"(?P<{name}>{alts})(?!\w)"


def _day(name: str) -> str:
    # Not followed by a letter, a digit, a time ("3:30") or a decimal part.
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"


def _year(name: str) -> str:
    return rf"(?P<{name}>(?:19|20)\d\d)(?!\w|[.,]\d)"


# A year named by a phrase rather than digits ("last year", "that year").
_REL_YEAR = r"(?:this|last|next|that|the\s+same|the\s+previous|the\s+following|the)\s+year(?![\w-])"

# Words before a bare month or bare year that mark it as a point in time.
_TIME_PREPS = frozenset(
    "in since from to until till through by of during before after between and or early late mid "
    "for around as into throughout starting beginning ending than at on".split()
)
# Words before a four-digit number that make it a count, not a year.
_COUNT_WORDS = frozenset(
    "about nearly almost approximately roughly some over least most total exceeded exceeding "
    "top no no. number article document".split()
)
# Labels whose number is a benchmark edition or a version, not a year ("AIME 2024").
_LABEL_BEFORE_YEAR = re.compile(
    r"^(?:AIME|HMMT|CNMO|MMLU\S*|GPQA\S*|BFCL\S*|SWE\S*|LiveCodeBench\S*|MATH|GSM8K|HumanEval\S*|"
    r"\S*[Bb]ench\S*|\S*Eval\S*|\S*Arena\S*|Windows|Office|Server|Studio|Edition|[Vv]ersion|[Vv]|"
    r"[Nn]o\.?|[Nn]umber|Article|Document|Model|Series)$"
)
# Units and counted nouns after a four-digit number that make it a value.
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s*cent\b|pct\b|yuan\b|renminbi\b|RMB\b|CNY\b|USD\b|HKD\b|dollars?\b|"
    r"euros?\b|pounds?\b|yen\b|won\b|rupees?\b|units?\b|people\b|times\b|-fold\b|fold\b|"
    r"km\b|kilometers?\b|kilometres?\b|meters?\b|metres?\b|tons?\b|tonnes?\b|MW\b|GW\b|kW\b|"
    r"TEUs?\b|GPUs?\b|yuan-|[A-Z]{2,}s\b)"
)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z-]*)")
# Plural nouns after a year that still read as years ("its 2024 results").
_YEAR_PLURALS = frozenset(
    "results earnings revenues figures sales levels targets goals plans rankings guidelines "
    "accounts statistics forecasts estimates reports elections games olympics finals talks".split()
)
_HOLIDAY_BEFORE_WEEKDAY = frozenset(
    "black cyber super good easter ash holy fat giving blue manic maundy palm whit plough".split()
)
# Verbs that mark "today" as the publication day rather than "nowadays".
_TODAY_LITERAL = re.compile(
    r"\b(?:said|says|announced|announces|released|releases|launched|launches|unveiled|unveils|"
    r"published|publishes|opened|opens|closed|closes|began|begins|started|starts|kicked\s+off|"
    r"held|holds|issued|issues|reported|reports|rose|fell|gained|dropped|jumped|slipped|signed|"
    r"signs|listed|lists|debuted|debuts|introduced|revealed|confirmed|told|will|is\s+set\s+to|"
    r"was\s+set\s+to)\b",
    re.I,
)
_CHANGE_VERBS = frozenset(
    "rose rise rising rises increased increase increasing grew grow growing fell fall falling "
    "dropped drop declined decline cut reduced expanded jumped surged up down climbed".split()
)


# ---------------------------------------------------------------- date helpers
def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), date(y, m, _last_day(y, m))


def _months(y: int, m1: int, m2: int) -> tuple[date, date]:
    """Months m1..m2 of year y; a range past December runs into the next year."""
    y2 = y + 1 if m2 < m1 else y
    return date(y, m1, 1), date(y2, m2, _last_day(y2, m2))


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
    s, e = span
    return _shift(s, months, False), _shift(e, months, True)


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
    past_only keeps spans that start on or before publication ("since January")."""
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
    """A quarter or half named without a year: the publication year's, unless it
    would start months after publication (a January story on "the fourth quarter")."""
    span = make(pub.year)
    if (span[0] - pub).days > 150:
        return make(pub.year - 1)
    return span


def _cumulative_year(make, pub: date) -> tuple[date, date]:
    """A year-to-date period ("the first three quarters") is reported after it ends."""
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
    if s.year == e.year and s.month == e.month:
        return "month" if s.day == 1 and e.day == _last_day(e.year, e.month) else "day"
    if s.day == 1 and e.day == _last_day(e.year, e.month):
        months = (e.year - s.year) * 12 + e.month - s.month + 1
        if s.year != e.year and s.month == 1 and e.month == 12:
            return "multi_year"
        if months == 3 and s.month in (1, 4, 7, 10):
            return "quarter"
        if months == 6 and s.month in (1, 7):
            return "half"
        if months == 12 and s.month == 1:
            return "year"
        return "month"
    return "day" if s.year == e.year else "multi_year"


def _month_num(token: str) -> int:
    return _MONTH_NUM[token[:3].lower()]


def _num(token: str) -> int:
    token = token.lower()
    return _NUMBER_WORDS[token] if token in _NUMBER_WORDS else int(token)


def _prev_word(text: str, pos: int) -> str:
    """The whitespace-delimited token before pos, without surrounding brackets or quotes."""
    i = pos
    while i > 0 and text[i - 1] == " ":
        i -= 1
    j = i
    while j > 0 and not text[j - 1].isspace():
        j -= 1
    return text[j:i].strip("\"'(\u201c\u2018[")


# ---------------------------------------------------------------- sentences
_SENT_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[A-Z0-9])|\n\s*\n")
_NO_END = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr prof sen rep gov gen st "
    "inc corp co ltd no vs".split()
)


def _sentence_starts(text: str) -> list[int]:
    """Approximate sentence start offsets; enough to tell "this sentence or the one before"."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        if m.group(0)[0] == ".":
            word = _prev_word(text, m.start()).lower()
            if word in _NO_END or (len(word) == 1 and word.isalpha()) or word.count(".") >= 1:
                continue
        starts.append(m.end())
    return starts


# ---------------------------------------------------------------- context
@dataclass
class _Found:
    expr: TimeExpression
    sentence: int
    anchor: bool  # may later expressions resolve offsets from it?


class _Context:
    def __init__(self, text: str, pub: date | None):
        self.text = text
        self.pub = pub
        self.found: list[_Found] = []
        self._starts: list[int] | None = None

    def sentence(self, pos: int) -> int:
        if self._starts is None:
            self._starts = _sentence_starts(self.text)
        return bisect_right(self._starts, pos) - 1

    def anchor(self, pos: int) -> tuple[date, date] | None:
        """The last period named in this sentence or the one before, if any."""
        sent = self.sentence(pos)
        for f in reversed(self.found):
            if f.sentence < sent - 1:
                break
            if f.anchor:
                return f.expr.start_date, f.expr.end_date
        return None

    def anchor_year(self, pos: int) -> int | None:
        """The year of the last single-year period named in the last few sentences."""
        sent = self.sentence(pos)
        for f in reversed(self.found):
            if f.sentence < sent - 3:
                break
            if f.anchor and f.expr.start_date.year == f.expr.end_date.year:
                return f.expr.start_date.year
        return None

    def since_before(self, pos: int) -> bool:
        return self.text[max(0, pos - 7):pos].lower().rstrip().endswith("since")

    def year_of(self, phrase: str, pos: int) -> int | None:
        """Resolve a year phrase: "this year", "last year", "that year", "the year"..."""
        p = re.sub(r"\s+", " ", phrase.lower()).replace(" year", "").strip()
        if p in ("that", "the same"):
            return self.anchor_year(pos)
        if p in ("the previous", "the following"):
            y = self.anchor_year(pos)
            if y is None:
                return None
            return y - 1 if p == "the previous" else y + 1
        if self.pub is None:
            return None
        return {"this": 0, "the": 0, "last": -1, "next": 1}[p] + self.pub.year


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
    span = _nearest(lambda y: (date(y, month, day),) * 2, c.pub, c.since_before(m.start()))
    return (span[0], span[1], "day") if span else None


def _r_dm(m, c):
    if not m["y"] and not re.fullmatch(_MON_FULL, m["m"]):
        return None
    return _r_md(m, c)


def _r_md_range(m, c):
    m1 = _month_num(m["m1"])
    m2 = _month_num(m["m2"]) if m["m2"] else m1
    d1, d2 = int(m["d1"]), int(m["d2"])
    if (m2, d2) <= (m1, d1) and m2 >= m1:
        return None

    def make(y):
        return date(y, m1, d1), date(y + (m2 < m1), m2, d2)

    if m["y"]:
        y = int(m["y"]) - (m2 < m1)
        s, e = make(y)
    elif c.pub is None:
        return None
    else:
        s, e = _nearest(make, c.pub)
    return s, e, "day"


def _r_my(m, c):
    s, e = _month(int(m["y"]), _month_num(m["m"]))
    return s, e, "month"


def _r_my_range(m, c):
    s = date(int(m["y1"]), _month_num(m["m1"]), 1)
    y2, m2 = int(m["y2"]), _month_num(m["m2"])
    e = date(y2, m2, _last_day(y2, m2))
    return (s, e, "month") if s < e else None


def _r_month_range(m, c):
    m1, m2 = _month_num(m["m1"]), _month_num(m["m2"])
    if m1 == m2:
        return None
    if m["conj"].strip().lower() == "and" and not m["pre"]:
        # "January and February" reads as one period only with full month names.
        if not (re.fullmatch(_MON_FULL, m["m1"]) and re.fullmatch(_MON_FULL, m["m2"])):
            return None
    if m["y"]:
        y2 = int(m["y"])
        s, e = _months(y2 - (m2 < m1), m1, m2)
    elif m["rel"]:
        y2 = c.year_of(m["rel"], m.start())
        if y2 is None:
            return None
        s, e = _months(y2 - (m2 < m1), m1, m2)
    else:
        if c.pub is None:
            return None
        s, e = _nearest(lambda y: _months(y, m1, m2), c.pub, c.since_before(m.start()))
    return s, e, "month"


def _r_month_rel_year(m, c):
    y = c.year_of(m["rel"], m.start())
    if y is None:
        return None
    s, e = _month(y, _month_num(m["m"]))
    return s, e, "month"


def _r_rel_month(m, c):
    # "last September" is September of the previous year, "next March" of the next.
    if c.pub is None:
        return None
    y = c.pub.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    s, e = _month(y, _month_num(m["m"]))
    return s, e, "month"


def _bare_month_ok(m, c) -> bool:
    text = c.text
    prev = _prev_word(text, m.start()).lower().rstrip(",")
    if prev.startswith("mid"):
        return True
    if prev in _TIME_PREPS:
        return True
    after = text[m.end():m.end() + 3]
    if after.startswith(("'s", "\u2019s")):
        return True
    if prev in ("a", "an", "the", "its", "their", "his", "her", "our"):
        nxt = _NEXT_WORD.match(text, m.end())
        return nxt is not None
    return False


def _r_bare_month(m, c):
    if c.pub is None or not _bare_month_ok(m, c):
        return None
    month = _month_num(m["m"])
    s, e = _nearest(lambda y: _month(y, month), c.pub, c.since_before(m.start()))
    return s, e, "month"


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
    return _month(y, month)  # earlier / later: the whole month


def _pos_of(m) -> str:
    for g in ("pos1", "pos2", "pos3", "pos4"):
        if m[g]:
            return m[g].lower()
    return ""


def _r_pos_month(m, c):
    month, pos = _month_num(m["m"]), _pos_of(m)
    if m["y"]:
        y = int(m["y"])
    elif m["rel"]:
        y = c.year_of(m["rel"], m.start())
        if y is None:
            return None
    else:
        if c.pub is None:
            return None
        y = _nearest(lambda yy: _month(yy, month), c.pub, c.since_before(m.start()))[0].year
    s, e = _month_part(y, month, pos)
    return s, e, _granularity((s, e))


def _r_pos_rel_month(m, c):
    if c.pub is None:
        return None
    rel = m["rel"].lower()
    y, month = _add_months(c.pub.year, c.pub.month, {"this": 0, "the": 0, "last": -1, "next": 1}[rel])
    s, e = _month_part(y, month, _pos_of(m))
    return s, e, _granularity((s, e))


def _r_pos_year(m, c):
    pos = _pos_of(m)
    if pos in ("earlier", "later") and m["y"] and " in " not in m.group(0).lower().replace("\n", " "):
        return None  # "earlier 2024 models" is not a time
    if m["y"]:
        y = int(m["y"])
    else:
        y = c.year_of(m["rel"], m.start())
        if y is None:
            return None
    if pos in ("early", "beginning", "start"):
        s, e = _month(y, 1)
    elif pos in ("mid", "middle"):
        s, e = date(y, 6, 1), date(y, 7, 31)
    elif pos in ("late", "end", "close"):
        s, e = _month(y, 12)
    elif pos == "later" and c.pub is not None and c.pub.year == y:
        # "later this year", "later in 2025": from publication to the year's end.
        s, e = c.pub, date(y, 12, 31)
    else:  # "earlier this year" and the like: the whole year
        s, e = date(y, 1, 1), date(y, 12, 31)
    return s, e, _granularity((s, e))


def _year_for_period(m, c, make, cumulative: bool = False):
    y = m["y"] or m.groupdict().get("y2")
    if y:
        return make(int(y))
    if m["rel"]:
        y = c.year_of(m["rel"], m.start())
        return None if y is None else make(y)
    if c.pub is None:
        return None
    return (_cumulative_year if cumulative else _period_year)(make, c.pub)


def _r_quarter(m, c):
    q = _ORDINALS[m["ord"].lower()]
    span = _year_for_period(m, c, lambda y: _quarter(y, q))
    return (*span, "quarter") if span else None


def _r_q_notation(m, c):
    q = int((m["q"] or m["q2"])[1])
    if m["y"] or m["y2"]:
        return (*_quarter(int(m["y"] or m["y2"]), q), "quarter")
    if m["yy"]:
        return (*_quarter(2000 + int(m["yy"]), q), "quarter")
    if c.pub is None:
        return None
    return (*_period_year(lambda y: _quarter(y, q), c.pub), "quarter")


def _r_half(m, c):
    h = _ORDINALS[m["ord"].lower()]
    span = _year_for_period(m, c, lambda y: _months(y, 6 * h - 5, 6 * h), cumulative=h == 1)
    return (*span, "half") if span else None


def _r_h_notation(m, c):
    h = int((m["h"] or m["h2"]).strip("H"))
    y = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else 2000 + int(m["yy"])
    return (*_months(y, 6 * h - 5, 6 * h), "half")


def _r_first_quarters(m, c):
    n = _num(m["n"])
    span = _year_for_period(m, c, lambda y: _months(y, 1, 3 * n), cumulative=True)
    return (*span, "quarter") if span else None


def _r_first_months(m, c):
    n = _num(m["n"])
    if not 1 <= n <= 11:
        return None
    if m["which"].lower() == "first":
        make = lambda y: _months(y, 1, n)  # noqa: E731
        span = _year_for_period(m, c, make, cumulative=True)
    else:
        # "the last three months of 2024"; without a year it is a duration.
        if not (m["y"] or m["rel"]):
            return None
        span = _year_for_period(m, c, lambda y: _months(y, 13 - n, 12))
    return (*span, "month") if span else None


def _r_month_quarter(m, c):
    m2 = _month_num(m["m2"])
    if m["m1"]:
        m1 = _month_num(m["m1"])
        if (m2 - m1) % 12 != 2:
            return None
    elif m2 % 3:
        return None  # "the December quarter" names a quarter by its last month
    else:
        m1 = m2 - 2
    make = lambda y: _months(y if m1 <= m2 else y - 1, m1, m2)  # noqa: E731
    if m["y"]:
        span = make(int(m["y"]))
    elif c.pub is None:
        return None
    else:
        span = _period_year(make, c.pub)
    return (*span, "quarter")


def _r_rel_quarter(m, c):
    if c.pub is None:
        return None
    w = m["w"].lower()
    if m["the"] is None and w not in ("last", "this", "next"):
        return None
    cur = (c.pub.year, (c.pub.month - 1) // 3 + 1)
    if w in ("current", "present", "this"):
        step = 0
    elif w in ("next", "coming"):
        step = 1
    else:
        step = -1
        # "up 5 percent from the previous quarter": the quarter before the one just named.
        a = c.anchor(m.start())
        if w != "last" and a and _granularity(a) == "quarter":
            cur = (a[0].year, (a[0].month - 1) // 3 + 1)
    y, mm = _add_months(cur[0], 3 * cur[1] - 2, 3 * step)
    return (*_quarter(y, (mm - 1) // 3 + 1), "quarter")


def _r_rel_unit(m, c):
    if c.pub is None:
        return None
    rel, unit, pub = m["rel"].lower(), m["unit"].lower(), c.pub
    step = {"last": -1, "this": 0, "next": 1}[rel]
    if unit == "year":
        y = pub.year + step
        return date(y, 1, 1), date(y, 12, 31), "year"
    if unit == "month":
        return (*_month(*_add_months(pub.year, pub.month, step)), "month")
    if unit == "week":
        s, e = _week(pub + timedelta(days=7 * step))
        return s, e, "week"
    # weekend: Saturday and Sunday of that week
    monday = _week(pub + timedelta(days=7 * step))[0]
    return monday + timedelta(days=5), monday + timedelta(days=6), "week"


def _r_the_weekend(m, c):
    if c.pub is None:
        return None
    # The most recent Saturday-Sunday on or before publication.
    sat = c.pub - timedelta(days=(c.pub.weekday() - 5) % 7)
    return sat, sat + timedelta(days=1), "week"


def _r_the_year(m, c):
    if c.pub is None:
        return None
    return date(c.pub.year, 1, 1), date(c.pub.year, 12, 31), "year"


def _r_ago(m, c):
    if c.pub is None:
        return None
    n, unit, pub = _num(m["n"]), m["unit"].lower().rstrip("s"), c.pub
    if unit == "decade":
        y = pub.year - 10 * n
        return date(y, 1, 1), date(y, 12, 31), "year"
    if unit in ("year", "month"):
        # "a year ago" is the month one year before publication.
        months = 12 * n if unit == "year" else n
        return (*_month(*_add_months(pub.year, pub.month, -months)), "month")
    if unit == "week":
        s, e = _week(pub - timedelta(days=7 * n))
        return s, e, "week"
    d = pub - timedelta(days=n)
    return d, d, "day"


def _offset_span(c, pos: int, months: int):
    """A named period shifted by `months`; without one, the publication month."""
    a = c.anchor(pos)
    if a is not None:
        s, e = _shift_span(a, months)
        return s, e, _granularity((s, e))
    if c.pub is None:
        return None
    return (*_month(*_add_months(c.pub.year, c.pub.month, months)), "month")


def _r_offset(m, c):
    n, unit = _num(m["n"]), m["unit"].lower().rstrip("s")
    months = n * {"year": 12, "month": 1, "quarter": 3}[unit]
    sign = 1 if m["dir"].lower() in ("later", "after") else -1
    return _offset_span(c, m.start(), sign * months)


def _r_year_earlier(m, c):
    return _offset_span(c, m.start(), -12)


def _r_same_period(m, c):
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    if m["y"]:
        a = c.anchor(m.start())
        if a is None:
            return None
        return _offset_span(c, m.start(), 12 * (int(m["y"]) - a[0].year))
    sign = 1 if ("later" in rel or "next" in rel) else -1
    return _offset_span(c, m.start(), 12 * sign)


def _r_prev_year(m, c):
    w = (m["w"] or m["w2"]).lower()
    sign = 1 if w in ("following", "after") else -1
    base = c.anchor_year(m.start())
    if base is None:
        if c.pub is None:
            return None
        base = c.pub.year
    y = base + sign
    return date(y, 1, 1), date(y, 12, 31), "year"


def _r_day_word(m, c):
    if c.pub is None:
        return None
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "today":
        after = c.text[m.end():m.end() + 2]
        if after in ("'s", "\u2019s"):
            return None
        window = c.text[max(0, m.start() - 80):m.end() + 60]
        if not _TODAY_LITERAL.search(window):
            return None
    step = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
    d = c.pub + timedelta(days=step)
    return d, d, "day"


def _weekday_ok(m, c) -> bool:
    return _prev_word(c.text, m.start()).lower() not in _HOLIDAY_BEFORE_WEEKDAY


def _r_weekday(m, c):
    if c.pub is None or not _weekday_ok(m, c):
        return None
    wd, pub = _WEEKDAY_NUM[m["w"].lower()], c.pub
    rel = (m["rel"] or "").lower()
    if rel == "last":
        back = (pub.weekday() - wd) % 7 or 7
        d = pub - timedelta(days=back)
    elif rel in ("next", "coming"):
        d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
    elif rel == "this":
        d = _week(pub)[0] + timedelta(days=wd)
    else:
        # A bare weekday is the latest such day on or before publication.
        d = pub - timedelta(days=(pub.weekday() - wd) % 7)
    return d, d, "day"


def _r_weekday_range(m, c):
    if c.pub is None or not _weekday_ok(m, c):
        return None
    if m["conj"].lower() == "and" and not m["btw"]:
        return None
    w1, w2 = _WEEKDAY_NUM[m["w1"].lower()], _WEEKDAY_NUM[m["w2"].lower()]
    s = c.pub - timedelta(days=(c.pub.weekday() - w1) % 7)
    return s, s + timedelta(days=(w2 - w1) % 7), "day"


def _year_value_context(m, c, start: int, end: int) -> bool:
    """False when the four digits at start..end read as a value or a label, not a year."""
    text = c.text
    prev = _prev_word(text, start)
    if _LABEL_BEFORE_YEAR.match(prev):
        return False
    low = prev.lower().rstrip(",")
    if low in _COUNT_WORDS or (low == "than" and _prev_word(text, start - len(prev) - 1).lower() in ("more", "less", "fewer")):
        return False
    if text[start - 1:start] in "$\u00a5\u20ac\u00a3#" and start > 0:
        return False
    if _UNIT_AFTER.match(text, end):
        return False
    nxt = _NEXT_WORD.match(text, end)
    if nxt and low not in _TIME_PREPS:
        word = nxt.group(1)
        # "2,000 units" is written with a comma in news style, but "its 2000 employees" is not.
        if word.endswith("s") and not word.endswith(("ss", "us")) and word not in _YEAR_PLURALS:
            return False
    return True


def _r_year_range(m, c):
    y1, raw2 = int(m["y1"]), m["y2"]
    conj = m["conj"].strip().lower()
    if len(raw2) == 2:
        if conj not in ("-", "\u2013", "\u2014", "/"):
            return None
        y2 = y1 // 100 * 100 + int(raw2)
    else:
        y2 = int(raw2)
    if conj == "and" and not m["pre"]:
        return None
    if not 0 < y2 - y1 <= 50:
        return None
    if not _year_value_context(m, c, m.start("y1"), m.end()):
        return None
    return date(y1, 1, 1), date(y2, 12, 31), "multi_year"


def _r_by_year(m, c):
    if _prev_word(c.text, m.start()).lower() in _CHANGE_VERBS:
        return None
    if _UNIT_AFTER.match(c.text, m.end()):
        return None
    y = int(m["y"])
    return date(y, 1, 1), date(y, 12, 31), "year"


def _r_fiscal(m, c):
    raw = m["y"] or m["y2"]
    y = int(raw) if len(raw) == 4 else 2000 + int(raw)
    return date(y, 1, 1), date(y, 12, 31), "year"


def _r_decade(m, c):
    y = int(m["y"])
    return date(y, 1, 1), date(y + 9, 12, 31), "multi_year"


def _r_year_end(m, c):
    if m["y"]:
        y = int(m["y"])
    else:
        if c.pub is None or _prev_word(c.text, m.start()).lower() not in ("by", "at", "before", "until", "till", "around", "toward", "towards", "near", "since"):
            return None
        y = c.pub.year
    return (*_month(y, 12), "month")


def _r_year(m, c):
    if not _year_value_context(m, c, m.start(), m.end()):
        return None
    y = int(m["y"])
    return date(y, 1, 1), date(y, 12, 31), "year"


# ---------------------------------------------------------------- rules
_Y = _year("y")
_POS_MONTH = (
    r"(?:(?P<pos1>(?i:early|late))\s+|(?P<pos2>(?i:mid))-?\s*"
    r"|(?:(?i:the)\s+)?(?P<pos3>beginning|start|end|middle|close)\s+of\s+|(?P<pos4>(?i:end))-)"
)
_POS_YEAR = (
    r"(?:(?P<pos1>early|late|earlier|later)\s+(?:in\s+)?|(?P<pos2>mid)-?\s*"
    r"|(?:the\s+)?(?P<pos3>beginning|start|end|middle|close)\s+of\s+|(?P<pos4>end)-)"
)
_OF_YEAR = rf"(?:\s+(?:of|in)\s+(?:(?:the\s+)?fiscal\s+(?:year\s+)?)?(?:{_Y}|(?P<rel>{_REL_YEAR}))|,?\s+{_year('y2')})?"

# (name, pattern, flags, resolver, may later offsets resolve from it?)
_RULE_SPECS = [
    ("iso", rf"(?<![\w.-])(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?![\w-])", 0, _r_iso, True),
    ("md_range_cross",
     rf"(?<!\w)(?:(?i:from)\s+)?{_mon('m1')}\s+{_day('d1')}\s*(?:-|\u2013|\u2014|\s(?i:to|through|until|till)\s)\s*"
     rf"{_mon('m2')}\s+{_day('d2')}(?:,?\s+{_Y})?", 0, _r_md_range, True),
    ("md_range",
     rf"(?<!\w)(?:(?i:from)\s+)?{_mon('m1')}\s+{_day('d1')}\s*(?:-|\u2013|\u2014|\s(?:to|through|and)\s)\s*"
     rf"{_day('d2')}(?:,?\s+{_Y})?(?P<m2>(?!))?", 0, _r_md_range, True),
    ("md", rf"(?<!\w){_mon('m')}\s+{_day('d')}(?:,?\s+{_Y})?", 0, _r_md, True),
    ("dm", rf"(?<![\w.,$])(?P<d>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_mon('m')}(?:,?\s+{_Y})?", 0, _r_dm, True),
    ("my_range",
     rf"(?<!\w)(?:(?i:from)\s+)?{_mon('m1')}\s+{_year('y1')}\s*(?:-|\u2013|\u2014|\s(?i:to|through|until|till)\s)\s*"
     rf"{_mon('m2')}\s+{_year('y2')}", 0, _r_my_range, True),
    ("month_quarter",
     rf"(?<!\w)(?i:the)\s+(?:{_mon('m1')}\s*(?:-|\u2013|\u2014|\s(?:to|through)\s)\s*)?{_mon('m2', True)}[\s-]quarter"
     rf"(?:\s+of\s+{_Y})?", 0, _r_month_quarter, True),
    ("month_range",
     rf"(?<!\w)(?:(?P<pre>(?i:between))\s+)?(?:(?i:from)\s+)?{_mon('m1')}\s*(?P<conj>-|\u2013|\u2014|/|\s(?:to|through|and|until|till)\s)\s*"
     rf"{_mon('m2')}(?:,?\s+{_Y}|\s+(?:of\s+)?(?P<rel>(?i:last|this|next)\s+year|that\s+year|the\s+same\s+year)(?![\w-]))?",
     0, _r_month_range, True),
    ("my", rf"(?<!\w){_mon('m')}(?:,|\s+of)?\s+{_Y}", 0, _r_my, True),
    ("month_rel_year",
     rf"(?<!\w){_mon('m')}(?:\s+of)?\s+(?P<rel>(?i:last|this|next)\s+year|that\s+year|the\s+(?:same|following|previous)\s+year)(?![\w-])",
     0, _r_month_rel_year, True),
    ("rel_month", rf"(?<!\w)(?P<rel>(?i:last|this|next))\s+{_mon('m', True)}", 0, _r_rel_month, True),
    ("pos_month",
     rf"(?<!\w){_POS_MONTH}{_mon('m')}(?:,?\s+{_Y}|\s+(?:of\s+)?(?P<rel>(?i:last|this|next)\s+year|that\s+year|the\s+same\s+year)(?![\w-]))?",
     0, _r_pos_month, True),
    ("pos_rel_month",
     r"(?<![\w-])(?:(?P<pos1>early|late|earlier|later)\s+|(?P<pos2>mid)-?\s*|(?:the\s+)?(?P<pos3>beginning|start|end|middle|close)\s+of\s+)"
     r"(?P<rel>this|last|next|the)\s+month(?![\w-])(?P<pos4>(?!))?", re.I, _r_pos_rel_month, True),
    ("pos_year", rf"(?<![\w-]){_POS_YEAR}(?:{_Y}|(?P<rel>{_REL_YEAR}))", re.I, _r_pos_year, True),
    ("quarter",
     r"(?<![\w-])(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|(?:final|last)(?=[\s-]+quarter\s+of\s))[\s-]+quarter"
     rf"(?!s){_OF_YEAR}(?!\s+of\s)", re.I, _r_quarter, True),
    ("first_quarters",
     rf"(?<![\w-])(?:the\s+)?first\s+(?P<n>two|three|2|3)\s+quarters(?:\s+of\s+(?:{_Y}|(?P<rel>{_REL_YEAR})))?(?!\s+of\s)",
     re.I, _r_first_quarters, True),
    ("first_months",
     rf"(?<![\w-])(?:the\s+)?(?P<which>first|last|final)\s+(?P<n>{_NUM})\s+months(?:\s+of\s+(?:{_Y}|(?P<rel>{_REL_YEAR})))?(?!\s+of\s)",
     re.I, _r_first_months, True),
    ("q_notation",
     rf"(?<![\w-])(?:(?P<q>Q[1-4])(?:\s*{_Y}|\s*'(?P<yy>\d\d)(?!\w))?|{_year('y2')}\s*(?P<q2>Q[1-4]))(?![\w-])",
     0, _r_q_notation, True),
    ("half",
     rf"(?<![\w-])(?:the\s+)?(?P<ord>first|second|latter|1st|2nd)[\s-]+half(?![\w-]){_OF_YEAR}(?!\s+of\s)",
     re.I, _r_half, True),
    ("h_notation",
     rf"(?<![\w-])(?:(?P<h>H[12])\s*(?:{_Y}|'(?P<yy>\d\d)(?!\w))|{_year('y2')}\s*(?P<h2>H[12]))(?![\w-])",
     0, _r_h_notation, True),
    ("rel_quarter",
     r"(?<![\w-])(?P<the>the\s+)?(?P<w>current|present|previous|preceding|prior|next|coming|last|this)\s+quarter(?![\w-])",
     re.I, _r_rel_quarter, True),
    ("same_period",
     r"(?<![\w-])(?:the\s+)?same\s+(?P<what>period|month|quarter|week|day|time|half)\s+(?:of\s+|in\s+)?"
     r"(?P<rel>last\s+year|(?:a|one)\s+year\s+(?:earlier|ago|before|prior|later)|the\s+(?:previous|prior|preceding)\s+year"
     rf"|the\s+year\s+before|next\s+year|{_Y})(?![\w-])", re.I, _r_same_period, False),
    ("offset",
     rf"(?<![\w-])(?P<n>{_NUM})\s+(?P<unit>years?|months?|quarters?)\s+"
     r"(?P<dir>earlier|later|(?:before|after|prior|previously)(?=\s*(?:[,.;:)\"\u201d]|$|and\b|when\b)))(?![\w-])",
     re.I, _r_offset, False),
    ("year_earlier", r"(?<![\w-])year-(?:earlier|ago|before)(?![\w-])", re.I, _r_year_earlier, False),
    ("prev_year",
     r"(?<![\w-])the\s+(?P<w>previous|prior|preceding|following)\s+year(?![\w-])"
     r"|(?<![\w-])the\s+year\s+(?P<w2>before|after)(?=\s*[,.;:)])", re.I, _r_prev_year, False),
    ("ago",
     r"(?<![\w-])(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})\s+"
     r"(?P<unit>years?|months?|weeks?|days?|decades?)\s+ago(?![\w-])", re.I, _r_ago, False),
    ("rel_unit", r"(?<![\w-])(?<!the\s)(?P<rel>last|this|next)\s+(?P<unit>year|month|week|weekend)(?![\w-])", re.I, _r_rel_unit, True),
    ("the_weekend", r"(?<![\w-])(?:over|during|at|on)\s+(?P<t>the\s+weekend)(?![\w-])", re.I, _r_the_weekend, False),
    ("the_year", r"(?<![\w-])of\s+(?P<t>the\s+year)(?![\w-])", 0, _r_the_year, True),
    ("day_word", r"(?<![\w-])(?P<w>today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening))(?![\w-])",
     re.I, _r_day_word, False),
    ("bare_month", rf"(?<![\w-]){_mon('m', True)}(?!-\w)", 0, _r_bare_month, True),
    ("weekday_range",
     rf"(?<!\w)(?:(?P<btw>(?i:between))\s+|(?i:from)\s+)?(?P<w1>{_WD})\s+(?P<conj>to|through|until|till|and|-)\s+(?P<w2>{_WD})(?!\w)",
     0, _r_weekday_range, False),
    ("weekday", rf"(?<!\w)(?:(?P<rel>(?i:last|this|next|coming))\s+)?(?P<w>{_WD})(?!\w)", 0, _r_weekday, False),
    ("year_range",
     r"(?<![\w$\u00a5\u20ac\u00a3.,/-])(?:(?P<pre>(?i:between))\s+|(?i:from)\s+)?(?P<y1>(?:19|20)\d\d)"
     r"\s*(?P<conj>-|\u2013|\u2014|/|\s(?i:to|through|and|until|till)\s)\s*(?P<y2>(?:19|20)\d\d|\d\d)(?!\w|%|[.,]\d)",
     0, _r_year_range, True),
    ("by_year", rf"(?<![\w-])(?i:by|through|until|till|thru)\s+{_Y}(?!-\w)", 0, _r_by_year, True),
    ("fiscal", rf"(?<![\w-])(?:(?i:fiscal)\s+(?:(?i:year)\s+)?{_Y}|FY\s?(?P<y2>(?:19|20)\d\d|\d\d))(?!\w)", 0, _r_fiscal, True),
    ("decade", r"(?<![\w-])(?:(?i:the)\s+)?(?P<y>(?:19|20)\d0)s(?![\w-])", 0, _r_decade, True),
    ("year_end", rf"(?<![\w-])(?:{_Y}\s+)?(?i:year-end)(?![\w-])", 0, _r_year_end, True),
    ("year", r"(?<![\w$\u00a5\u20ac\u00a3#@.,/'\u2019-])(?P<y>(?:19|20)\d\d)(?![\w%]|[.,/]\d|-\w|\s*[-\u2013\u2014]\s*\d)",
     0, _r_year, True),
]

_RULES = [(name, re.compile(pattern, flags), resolve, anchor) for name, pattern, flags, resolve, anchor in _RULE_SPECS]
# The prefix that ends a text span: "between" is not part of "January and April".
_LEADING_BETWEEN = re.compile(r"(?i:between)\s+")
# Cheap pre-check: a document without any of these cannot hold a time expression.
_TRIGGER = re.compile(
    r"\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|day|year|month|week|quarter|half|"
    r"tonight|night|morning|afternoon|evening",
    re.I,
)


_DATELINE_TAIL = re.compile(r"[^\S\n]*(?:\([^)\n]*\)[^\S\n]*)?(?:--|\u2014|\u2013|-|\n|$)")


def _is_dateline(text: str, m) -> bool:
    """A date opening a paragraph ("BEIJING, Jan. 21 (Xinhua) --") or standing alone
    dates the story; later offsets ("a year earlier") must not resolve from it."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    return m.start() - line_start < 60 and _DATELINE_TAIL.match(text, m.end()) is not None


def extract_time_expressions(text: str, published: date | None) -> list[TimeExpression]:
    """All time expressions in `text` (a whole normalised document body, paragraphs separated by blank lines), resolved against the publication date, in order of char_start. With published=None, relative expressions that need an anchor are skipped; absolute ones are still returned."""
    if isinstance(published, datetime):
        published = published.date()
    if not text or not _TRIGGER.search(text):
        return []
    candidates = []
    for order, (name, regex, resolve, anchor) in enumerate(_RULES):
        for m in regex.finditer(text):
            candidates.append((m.start(), -m.end(), order, m))
    candidates.sort(key=lambda t: (t[0], t[1], t[2]))

    ctx = _Context(text, published)
    taken_end = 0
    for start, neg_end, order, m in candidates:
        if start < taken_end:
            continue
        name, _regex, resolve, anchor = _RULES[order]
        try:
            out = resolve(m, ctx)
        except (ValueError, KeyError, TypeError):  # impossible dates such as "Feb. 30"
            out = None
        if out is None:
            continue
        s, e, gran = out
        if "t" in m.re.groupindex and m["t"]:
            t_start, t_end = m.start("t"), m.end("t")
        else:
            t_start, t_end = start, -neg_end
            lead = _LEADING_BETWEEN.match(text, t_start, t_end)
            if lead:
                t_start = lead.end()
        taken_end = -neg_end
        expr = TimeExpression(text[t_start:t_end], s, e, gran, t_start, t_end)
        is_anchor = anchor and not (name == "md" and _is_dateline(text, m))
        ctx.found.append(_Found(expr, ctx.sentence(t_start), is_anchor))
    return [f.expr for f in ctx.found]
