"""Quantities: find counts, money, percentages, multiples, fractions and measurements.

Rule-based and deterministic (GUIDELINES.md, section 1). A cheap trigger regex
finds where a number may start and one precompiled pattern reads it (digits
with an optional currency sign, number words, fractions, multiplier words);
small anchored patterns then read its scale word and unit, and the words just
before it give the qualifier.
Years, dates, times of day, durations, ranks, stock codes and numbers inside
names are dropped. Adjacent figures joined by "to", "-" or "and" are linked so
that the first end of a range takes the unit of the second. Smaller shapes have
their own small rules, each with an example in its docstring: _zero, _parse_halve,
_slash_fraction, _share_or_multiple ("five-thirds"), _read_power ("10^18", "1.5×10^12"),
_read_subunit (coins), _k_reading ("128K context" vs "4K video"), _prefix_currency /
_yen_sign_currency, _is_ticker, _idiom, _reads_as_year / _year_range_start ("in 1898"),
_duration_carries, _is_change / _descends, _take_sign ("-40 percent") and _is_conversion.
Invisible characters (zero-width space, soft hyphen, ...) are read as absent while spans
still index the text as given (_visible). Standard library only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.text import INVISIBLE_CHARACTERS

EXTRACTOR = "quantities"
VERSION = "1.2.0"


@dataclass(frozen=True)
class Quantity:
    text: str  # surface form exactly as in the input
    value: float  # normalised value
    unit: str  # count | percent | percentage_point | multiple | fraction | currency | other
    currency: str | None  # ISO 4217 code when unit == "currency"
    unit_symbol: str | None  # the unit as written when unit == "other"
    qualifier: str  # exact | about | more_than | at_least | less_than | at_most | range
    subject: str | None  # what is counted or measured, free text
    char_start: int  # text == input[char_start:char_end]
    char_end: int


# ---------------------------------------------------------------- vocabulary
_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_SCALE = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12.0,
    "quadrillion": 1e15, "quintillion": 1e18, "sextillion": 1e21,
}
# Scale words as one regex alternative, longest first ("quadrillion" before "dozen").
_SCALE_WORDS_RX = "|".join(sorted(_SCALE, key=len, reverse=True))
_SUFFIX_SCALE = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "t": 1e12, "tn": 1e12, "trn": 1e12,
}
_DENOM = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100,
}
_MULT_WORDS = {
    "twice": 2, "thrice": 3, "double": 2, "doubles": 2, "doubled": 2, "doubling": 2,
    "triple": 3, "triples": 3, "tripled": 3, "tripling": 3,
    "quadruple": 4, "quadruples": 4, "quadrupled": 4, "quadrupling": 4,
}

# Currency signs written before the amount: "₩5 billion" is KRW, "₽3 billion" RUB. "¥" is
# CNY unless its sentence speaks of yen (_yen_sign_currency). A sign of Unicode's currency
# block that has no ISO 4217 code here ("₿") makes a measurement (unit "other") in that sign.
_CUR_SIGNS = {
    "$": "USD", "＄": "USD", "¥": "CNY", "￥": "CNY", "€": "EUR", "£": "GBP", "￡": "GBP",
    "₩": "KRW", "￦": "KRW", "₹": "INR", "₽": "RUB", "₺": "TRY", "₫": "VND", "฿": "THB",
    "₱": "PHP", "₪": "ILS", "₦": "NGN", "₴": "UAH", "₸": "KZT", "₮": "MNT", "₼": "AZN",
    "₾": "GEL", "₵": "GHS", "₲": "PYG", "₡": "CRC", "₭": "LAK", "៛": "KHR",
}
_CUR_SIGN_CLASS = "[" + re.escape("".join(_CUR_SIGNS)) + "\u20a0-\u20cf]"
# ISO codes written before the amount ("USD 5 million", "Rmb8bn").
_CUR_CODES_BEFORE = (
    "RMB Rmb CNY USD HKD EUR GBP JPY SGD TWD KRW INR AUD CAD CHF NZD MYR THB IDR VND RUB BRL MXN".split()
)
# Letters glued to "$" or "¥" before the amount.
_CUR_PREFIX = {
    "us$": "USD", "u.s.$": "USD", "hk$": "HKD", "nt$": "TWD", "s$": "SGD", "a$": "AUD", "au$": "AUD",
    "c$": "CAD", "ca$": "CAD", "r$": "BRL", "mx$": "MXN", "nz$": "NZD", "cn¥": "CNY", "jp¥": "JPY",
    **{code.lower(): ("CNY" if code == "Rmb" else code) for code in _CUR_CODES_BEFORE},
}
# Currency words and codes written after the amount.
_CUR_WORDS = [
    (r"(?:U\.S\.|US|American)\s+dollars?", "USD"),
    (r"(?:Hong\s+Kong|HK)\s+dollars?", "HKD"),
    (r"(?:New\s+)?(?:Taiwan|NT)\s+dollars?", "TWD"),
    (r"Singapore\s+dollars?", "SGD"),
    (r"Australian\s+dollars?", "AUD"),
    (r"Canadian\s+dollars?", "CAD"),
    (r"dollars?", "USD"),
    (r"(?:Chinese\s+)?(?:yuan|renminbi)|RMB|CNY", "CNY"),
    (r"euros?|EUR", "EUR"),
    (r"pounds?(?:\s+sterling)?|sterling|GBP", "GBP"),
    (r"(?:Japanese\s+)?yen|JPY", "JPY"),
    (r"(?:South\s+)?(?:Korean\s+)?won|KRW", "KRW"),
    (r"(?:Indian\s+)?rupees?|INR", "INR"),
    (r"(?:roubles?|rubles?)", "RUB"),
    (r"Swiss\s+francs?|CHF", "CHF"),
    (r"ringgit", "MYR"),
    (r"baht", "THB"),
    (r"USD", "USD"),
    (r"HKD", "HKD"),
    (r"SGD", "SGD"),
    (r"TWD", "TWD"),
]

# Units of measure (unit "other"). Symbols are case-sensitive, words are not.
_UNIT_SYMBOLS = (
    r"[EPTG]?FLOPS|[EPTG]FLOP/s|TOPS|nm|mm|cm|km|kg|mg|[GMkT]Wh|[GMkT]W|kV|(?:GB|TB|PB|EB|MB)(?:/s)?|"
    r"Gbps|Mbps|Tbps|GHz|MHz|mAh|TEUs?|°C|sq\s?m|m2|ppm|ppb|W"
)
_UNIT_WORDS = (
    r"(?:exa|peta|tera|giga)?flops?|(?:exa|peta|tera|giga)FLOPS|"
    r"(?:nano|milli|centi|kilo)?met(?:er|re)s?|miles?|"
    r"(?:kilo|milli)?grams?|tonnes?|tons?|"
    r"(?:giga|mega|kilo|tera)?watt[\s-]hours?|(?:giga|mega|kilo|tera)?watts?|"
    r"(?:kilo)?volts?|(?:giga|tera|peta|exa|mega)bytes?|megapixels?|"
    r"twenty-foot\s+equivalent\s+units?|square[\s-](?:kilo)?met(?:er|re)s?|hectares?|acres?|"
    r"(?:cubic\s+met(?:er|re)s?)|lit(?:er|re)s?|degrees\s+Celsius|inch(?:es)?|"
    r"qubits?|points?|"
    r"(?:square[\s-])?(?:feet|foot)|parts\s+per\s+(?:million|billion|trillion)"
)
# qubits are counted things, not measures; listed so their plural does not become "other".
_COUNTED_UNITS = {"qubit", "qubits"}

# Time words after a number: a duration, an age or a frequency, never a quantity.
_TIME_WORDS = (
    r"seconds?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|years?|yrs?|"
    r"decades?|centur(?:y|ies)|millenni(?:um|a)|milliseconds?|microseconds?|nanoseconds?|"
    r"semesters?|quarters?|weekends?|ms"
)

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

# Capitalised words that may stand just before a plain number without making it a name.
_FUNCTION_CAPS = frozenset(
    "the a an about around roughly nearly almost some over more less fewer under only just in on at "
    "by for from of to with and but or its their his her our these those all another each every up "
    "between approximately exactly than while when after before since until among across within "
    "without beyond above below as also then now yet so if that this like just another total "
    "overall combined altogether including plus nearly reaching about there here where which what "
    "both either neither least most many".split()
)
# Lower-case words before a plain number that make it a rank, a label or a rate base.
_RANK_BEFORE = frozenset(
    "top no no. number num. level tier grade phase stage version v article section chapter clause "
    "item rank ranked ranks ranking place category class type gate terminal hall booth route line "
    "lane floor step per aged age page pages figure table room zone #".split()
)
_PRODUCT_AFTER = re.compile(
    r" (?:Pro|Max|Ultra|Plus|Mini|Lite|Turbo|Air|SE|Flash|Thinking|Instruct|Preview|Series|Edition|Beta|"
    r"SuperPoD|SuperCluster|Chat|Coder|Omni|VL|MAX|PRO|ULTRA)\b"
)
_IDIOM_HUNDRED = re.compile(r"-(?:model|flowers|schools|regiments)\b", re.I)
_BATTLE_BEFORE = re.compile(r"\b(?:battle|war|race|contest)\s+of\s+$", re.I)
_FACTOR_BEFORE = re.compile(r"\bfactor\s+of\s+$", re.I)
_AGE_APPOSITIVE = re.compile(r"\b[A-Z][a-z]+, $")
_ORDINAL_SCALE = re.compile(
    r"[\s-](?:hundredth|thousandth|millionth|billionth|trillionth|quadrillionth|quintillionth|sextillionth)\b", re.I
)
# "the average age ... is above 60": a bare number in a clause about someone's age.
_AGE_CONTEXT = re.compile(r"\b(?:age|ages|aged)\b(?:(?!\b(?:percent|per cent|yuan|dollars)\b)[^,;])*$", re.I)
_LIST_MARKER = re.compile(r"[.)]\s")
_LINE_START = re.compile(r"(?:^|\n)[ \t]*$")
_SUPERLATIVE_AFTER = re.compile(r"\s+(?:[a-z]+est|most|top|leading|largest|biggest|best)\b")
_FN_WORDS_AFTER_THE = re.compile(
    r"\s*(?:[,.;:)!?]|$|\s(?:is|was|will|would|can|could|has|had|and|or|which|that|uses|offers|"
    r"runs|comes|delivers|features|supports)\b)"
)

# ---------------------------------------------------------------- main pattern
_NUM_WORD = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
    r"nineteen|ten|one|two|three|four|five|six|seven|eight|nine|zero"
)
# Unicode fraction characters: "½ of firms" is a share of 0.5, "2½ times" a multiple of 2.5.
_VULGAR = {
    "½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5,
    "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅐": 1 / 7, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8,
    "⅑": 1 / 9, "⅒": 1 / 10,
}
_VULGAR_CLASS = "[" + "".join(_VULGAR) + "]"
_DENOM_RX = (
    r"halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?|"
    r"hundredths?"
)
_MAIN = re.compile(
    r"""
    (?P<frac>\b(?P<fn>one|two|three|four|five|six|seven|eight|nine|ten|an?)(?P<fsep>-|\s+)
        (?P<fd>""" + _DENOM_RX + r""")\b)
  | (?P<inn>\b(?P<in1>one|two|three|four|five|six|seven|eight|nine|\d{1,3})\s+(?:in|out\s+of)
        (?:\s+every)?\s+(?!(?:19|20)\d\d\b)(?P<in2>two|three|four|five|six|seven|eight|nine|ten|
        twenty|hundred|a\s+hundred|\d{1,3}(?:,\d{3})*)\b)
  | (?P<mult>\b(?:twice|thrice|double[sd]?|doubling|triple[sd]?|tripling|quadruple[sd]?|quadrupling
        |(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)fold)\b)
  | (?P<half>\bhalf\b)
  | (?P<halve>\bhalv(?:e|ed|ing)\b)
  | (?P<ascale>\ban?)\s+(?=(?:""" + _SCALE_WORDS_RX + r""")\b)
  | (?:(?P<cur>(?:\b(?:US|U\.S\.\s?|HK|NT|S|A|AU|C|CA|R|MX|NZ)\$|\b(?:CN|JP)¥|""" + _CUR_SIGN_CLASS + r""")\s?
        |\b(?-i:""" + "|".join(_CUR_CODES_BEFORE) + r""")\s?)(?P<neg>[-\u2212](?=\d))?)?
    (?P<num>(?<![\d.,])(?:(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)""" + _VULGAR_CLASS + r"""?
        |""" + _VULGAR_CLASS + r"""))
  | (?P<word>\b(?:""" + _NUM_WORD + r"""))\b
    """,
    re.I | re.X,
)

# Where a number may start. Cheap to search: no re.I and word alternatives grouped by a
# first-letter class, so the engine rejects most positions at once; _MAIN is then matched
# only at these places, which keeps extraction fast.
def _grouped(words: list[str]) -> str:
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(w[1:])
    return "|".join(
        f"[{k}{k.upper()}](?:{'|'.join(sorted(v, key=len, reverse=True))})" for k, v in groups.items()
    )


_TRIGGER_WORDS = (
    list(_SMALL) + list(_TENS)
    + "half halve halved halving twice thrice double doubles doubled doubling triple triples tripled tripling "
      "quadruple quadruples quadrupled quadrupling".split()
    + [w + "fold" for w in "two three four five six seven eight nine ten twenty hundred thousand".split()]
)
_TRIGGER = re.compile(
    _CUR_SIGN_CLASS + r"|(?<![\d.,])\d|" + _VULGAR_CLASS
    +     r"|\b(?:" + _grouped(_TRIGGER_WORDS) + r")\b"
    r"|\b(?:(?:US|HK|NT|AU|CA|MX|NZ|[SACR])\$|(?:CN|JP)¥|U\.S\.\s?\$|(?:" + "|".join(_CUR_CODES_BEFORE) + r")(?=\s?\d)"
    r"|[Aa]n?(?=[\s-]+(?:" + _SCALE_WORDS_RX + r"|third|quarter|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth|hundredth)\b))"
)

# ---------------------------------------------------------------- tail patterns
_GLUED = re.compile(
    r"(?P<sfx>bn|mn|mln|bln|tn|trn|[kKmMbBT])(?![\w])"
    r"|(?P<x>[xX])(?![\w])"
    r"|(?P<pp>ppts?|pp)(?![\w])"
    r"|(?P<ord>st|nd|rd|th)(?![\w])"
    r"|(?P<usym>" + _UNIT_SYMBOLS + r")(?![\w])"
)
# A plural after a number is still its scale ("2 quadrillions yuan", as some translated reports write);
# without a number it is a vague magnitude ("millions of users") and never reaches here.
_SCALE_RX = re.compile(r"(?:\s+|-)(?P<sc>" + _SCALE_WORDS_RX + r")s?\b(?!-?s\b)", re.I)
_SCALE_ABBR = re.compile(r"\s?(?P<sc>bn|mn|mln|bln|tn|trn)\b", re.I)
_PERCENT = re.compile(
    r"(?P<pp>[\s-]*(?:percentage[\s-]points?|pct\.?\s+points?)|\s*(?:ppts?|pp)\b)"
    r"|(?P<pc>\s?%|[\s-]*(?:percent|per\s+cent|pct)\b)"
    r"|(?P<bp>\s*(?:basis\s+points?|bps)\b)",
    re.I,
)
_FOLD = re.compile(r"(?:-|\s)?fold\b", re.I)
_TIMES = re.compile(r"\s+times\b", re.I)
_CUR_AFTER = re.compile(
    r"(?:\s+|-)(?:" + "|".join(f"(?P<c{i}>{rx})" for i, (rx, _) in enumerate(_CUR_WORDS)) + r")\b"
)
_CUR_AFTER_CODES = [code for _, code in _CUR_WORDS]
# Coins after the amount: "3 cents" is USD 0.03, "20 HK cents" HKD 0.2, "50 fen" CNY 0.5, "8 jiao"
# CNY 0.8, "5¢" USD 0.05. Case-sensitive so that a capitalised name is not read as a coin.
_SUBUNIT_AFTER = re.compile(
    r"(?:\s+|-)(?:(?P<cc>US|U\.S\.|HK|Hong\s+Kong|euro|Singapore|S|NT|Taiwan)\s+)?(?P<sub>cents?|fen|jiao)\b"
    r"|(?P<sym>\s?¢)"
)
_SUBUNIT_CC = {"us": "USD", "u.s.": "USD", "hk": "HKD", "hong kong": "HKD", "euro": "EUR",
               "singapore": "SGD", "s": "SGD", "nt": "TWD", "taiwan": "TWD"}
_SUBUNIT = {"cent": ("USD", 0.01), "cents": ("USD", 0.01), "fen": ("CNY", 0.01), "jiao": ("CNY", 0.1)}
_TIME_AFTER = re.compile(
    r"(?:\s+|-)(?:(?:consecutive|straight|successive|full|more|additional|extra|working|business|"
    r"trading|calendar|light|long|short|whole|\w+-long)\s+)?(?:" + _TIME_WORDS + r")\b"
    r"|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock|GMT\b|UTC\b|BST\b|EST\b)"
    r"|-year-old|\s+years?\s+old\b",
    re.I,
)
_UNIT_AFTER = re.compile(
    r"(?:\s+|-)?(?P<us>" + _UNIT_SYMBOLS + r")(?![\w])|(?:\s+|-)(?P<uw>" + _UNIT_WORDS + r")\b"
)
_UNIT_WORDS_I = re.compile(r"(?:\s+|-)(?P<uw>" + _UNIT_WORDS + r")\b", re.I)
_COMPOUND = re.compile(r"-(?P<cn>[A-Za-z][a-z]+|[A-Z]{2,}s?)(?![\w-])")
_COMPOUND_BAD = frozenset(
    "star stars point points digit digits bit bits member-state year-old old odd th st nd rd "
    "way ways pronged legged dimensional fold plus stop off time sided faced edged handed minded track "
    "tier tiered speed step stage phase level grade class generation gen nation".split()
)
# "50 staff or more" (at least), "10,000-plus" (more than), "30 or so", up to two words after the figure.
_OR_MORE = re.compile(
    r"(?:\s+(?!or\b|and\b)[a-z][\w-]*){0,2}\s*(?:"
    r"(?P<al>or\s+(?:more|above|higher|greater|over)|and\s+(?:above|over|up))|(?P<mt>\+|-plus\b|plus\b)"
    r"|(?P<am>or\s+(?:less|fewer|below|lower|under)|and\s+below)|(?P<ab>or\s+so\b|-odd\b))",
    re.I,
)

# ---------------------------------------------------------------- context patterns
_QUAL_BEFORE = re.compile(
    r"(?:\b(?P<am>up\s+to|no\s+more\s+than|not\s+more\s+than|as\s+(?:much|many|high)\s+as|capped\s+at|"
    r"a\s+maximum\s+of|maximum\s+of|at\s+most|not\s+exceeding|no\s+higher\s+than|within)"
    r"|\b(?P<al>at\s+least|no\s+(?:less|fewer)\s+than|not\s+less\s+than|a\s+minimum\s+of|"
    r"minimum\s+of|as\s+(?:little|low|few)\s+as)"
    r"|\b(?P<mt>more\s+than|over|above|beyond|exceed(?:ed|ing|s)?|surpass(?:ed|ing|es)?|"
    r"topp(?:ed|ing)|tops|(?:greater|higher|larger|longer|bigger|wider|taller|heavier)\s+than|"
    r"in\s+excess\s+of|upwards?\s+of|north\s+of|a\s+more\s+than|(?P<pass>pass(?:ed|es|ing)?|cross(?:ed|es|ing)))"
    r"|\b(?P<lt>less\s+than|fewer\s+than|under|below|(?:lower|smaller|shorter|cheaper|lighter)\s+than|"
    r"shy\s+of|short\s+of)"
    r"|\b(?P<ab>about|around|roughly|nearly|almost|some|approximately|approx\.|close\s+to|circa|"
    r"approach(?:ed|ing|es)?|near(?:ing)?|an\s+estimated|estimated|in\s+the\s+region\s+of|on\s+the\s+order\s+of)"
    r"|(?P<tl>~))"
    r"\s*[(\"]?\s*$",
    re.I,
)
# Last words of the _QUAL_BEFORE phrases: a cheap pre-test, as most numbers have no qualifier.
_QUAL_LAST = frozenset(
    "to than as at of most least within over above beyond exceed exceeds exceeded exceeding surpass "
    "surpasses surpassed surpassing tops topped topping pass passes passed passing crosses crossed crossing "
    "under below about around roughly nearly almost some approximately approx circa approach approaches "
    "approached approaching near nearing estimated ~".split()
)
_LAST_WORD_REVERSED = re.compile(r"\s*[(\"]?\s*(?:\.?([A-Za-z]+)|(~))")


def _qual_before(pre: str) -> re.Match | None:
    """_QUAL_BEFORE at the end of `pre`, tried only when the last word can end a qualifier:
    "nearly 40 percent", "more than (", "~40%"."""
    m = _LAST_WORD_REVERSED.match(pre[::-1])
    if m is None or (m.group(2) is None and m.group(1)[::-1].lower() not in _QUAL_LAST):
        return None
    return _QUAL_BEFORE.search(pre)


_FROM_BEFORE = re.compile(
    r"\bfrom\s*(?:(?:about|around|roughly|nearly|almost|some|approximately|just|only)\s+)?$", re.I
)
# "passed 700 million downloads" is more than; "passed three laws", "passed 12 tests" count things passed.
_PASSED_ITEMS_AFTER = re.compile(
    r"(?:\s+new)?\s+(?:laws?|bills?|rules|regulations|tests?|exams?|checks|reviews|rounds|stages|"
    r"motions|resolutions|amendments)\b",
    re.I,
)
_PER_BEFORE = re.compile(r"\b(?:per|every|each)\s+$", re.I)
_START_AT_BEFORE = re.compile(r"\bstart(?:s|ing|ed)?\s+(?:at|from)\s*$", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*$", re.I)
_PRICE_CLAUSE = re.compile(
    r"\b(?:pric(?:e|ed|es|ing)|sells?|selling|sold|retails?|retailing|available|costs?|costing|"
    r"start(?:s|ing)?|fares?|rents?|rates?)\b[^,.;:]{0,40}$",
    re.I,
)
_CHANGE_VERBS = frozenset(
    "rose rise rises rising risen increased increase increases increasing grew grow grows growing "
    "grown jumped jump jumps jumping climbed climb climbs climbing surged surge surging soared soar "
    "soaring fell fall falls falling fallen dropped drop drops dropping declined decline declines "
    "declining decreased decrease decreasing slipped slip slid shrank shrink shrunk narrowed narrow "
    "narrowing widened widen widening expanded expand expanding cut cuts cutting reduced reduce "
    "reducing lowered lower raised raise raising lifted lift boosted boost went go moved move "
    "up down doubled tripled changed shifted improved improve dipped dip plunged plunge tumbled "
    "rebounded recovered slumped accelerated slowed edged ticked revised adjusted upgraded "
    "downgraded sharply slightly steadily gained gain gains".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.&-]*)\W{0,2}$")
_LAST_WORD = re.compile(r"([A-Za-z][\w'’.]*)\s*$")
_MONTH_BEFORE = re.compile(r"\b(?:" + _MONTHS + r")\.?\s+$")
_MONTH_AFTER = re.compile(r"\s+(?:of\s+)?(?:" + _MONTHS + r")\b")
_NAME_GLUE_BEFORE = re.compile(r"[A-Za-z][\w.]*[-–]$")
# "RMB1.5mn-2mn", "US$3bn-4bn": an amount with a scale suffix before the dash is a range, not a name.
_AMOUNT_BEFORE_DASH = re.compile(r"(?:^|[\s(])(?:[A-Z]{0,3}\$|RMB|Rmb|¥|€|£)?\s?\d[\d.,]*(?:mn|bn|tn|trn|m|b|k|M|B|K)[-–]$")
_PCT_NEXT = re.compile(r"\s?%")
_SPACES = re.compile(r"\s+")
_WORD_REST = re.compile(r"[\w.-]*")
_CHAIN = re.compile(r"\d+(?:[-/.:]\d+){2,}")
_DIGIT_GROUPS = re.compile(r" \d")
_DIGIT_GROUPS_BEFORE = re.compile(r"(?:^|[^\d,.])\d+ $")
# Nouns after "32B", "128K", "1M" that make the letter a scale, not part of a product name.
_SIZE_NOUN_AFTER = re.compile(
    r"(?:\s+|-)(?:(?:total|active|dense|MoE|activated|input|output|context)\s+)?(?:parameters?|params|tokens?|models?|"
    r"versions?|variants?|users?|downloads?|context|dense|MoE|active|total|vocabulary|weights)\b",
    re.I,
)
_SIZE_END_AFTER = re.compile(r"[,;:)]|\.(?!\w)|\s+(?:and|or|to)\s+\d")
_PUE_BEFORE = re.compile(r"\bPUE\b|power\s+usage\s+effectiveness", re.I)
_SENT_START = re.compile(r"(?:^|[.!?:;]\s+|\n|--\s*|—\s*|[-–]\s+|\(\s*)[\"'“‘]?$")
_TIMES_MULT_AFTER = re.compile(
    r"\s+(?:the|as|that|this|its|their|his|her|our|what|those|these|more|higher|larger|bigger|"
    r"faster|greater|cheaper|lower|smaller|over|compared|above|last|previous|a\s+year)\b",
    re.I,
)
_TIMES_FREQ_AFTER = re.compile(
    r"\s+(?:a|an|per|each|every)\s+(?:" + _TIME_WORDS + r")\b|\s+(?:daily|weekly|monthly|annually|a\s+year|a\s+day)\b",
    re.I,
)
_EVENT_VERBS = re.compile(
    r"\b(?:download(?:ed|s)?|view(?:ed|s)?|used|call(?:ed|s)?|accessed|visited|played|shared|cited|"
    r"streamed|watched|searched|installed|clicked|invoked|read|liked|retweeted|reposted|forwarded|"
    r"mentioned|viewed|run|tested|queried)\b[^.;]{0,40}$",
    re.I,
)
_TWICE_AFTER = re.compile(
    r"\s+(?:the|as|that|this|its|their|his|her|our|what|those|these|last|previous|more|over)\b", re.I
)
_DOUBLE_BAD_AFTER = re.compile(
    r"-|\s+(?:down|as|standards?|whammy|check|click|digits?|agents?|edged?|bed|room|shifts?)\b", re.I
)
_DOUBLE_BAD_BEFORE = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that)\s+$", re.I)
_HALF_BAD_BEFORE = re.compile(
    r"\b(?:first|second|latter|former|back|other|bottom|top|front|upper|lower|and\s+a|the|a)\s+$", re.I
)
_HALF_A = re.compile(
    r"\s+an?\s+(?:(?P<sc>" + _SCALE_WORDS_RX + r")\b|(?P<pp>percentage\s+points?)\b)", re.I
)
_HALF_BAD_AFTER = re.compile(r"-|\s+(?:an?\s|(?:" + _TIME_WORDS + r")\b)", re.I)
_ORD_FRAC_OK_AFTER = re.compile(
    r"\s*(?:[,.;:)!?\"”]|$)|\s+(?:of|in|on|at|from|to|by|for|last|this|next|than|and|or|but|since|"
    r"compared|over|while|as|a|an|the|with|year|during|among|between|versus|vs|after|before|until|within|"
    r"through|when|because|amid|despite|following|against|below|above|under|so|then|year-on-year|"
    r"percent|lower|higher|less|more|cheaper)\b",
    re.I,
)
_SPAN_BEFORE = re.compile(r"\b(?:first|last|past|next|previous|recent|coming|final)\s+$", re.I)
_OF_NOT_YEAR = re.compile(r"\s+of\b(?!\s+(?:\d{4}|the\s+year|this\s+year|last\s+year))", re.I)
_FRAC_BEFORE = re.compile(r"\b(?:by|about|nearly|roughly|almost|than|around|approximately|over|under)\s+$", re.I)
_QUARTER_BAD_AFTER = re.compile(r"\s+(?:earlier|later|ago|before|after|of\s+a\s+century|century)\b", re.I)
_QUARTER_BAD_BEFORE = re.compile(r"\b(?:in|within|per|every|each|once|twice|for|one|last|next|this)\s+$", re.I)
_ONE_OK_BEFORE = re.compile(
    r"\b(?:at\s+least|only|just|more\s+than|exactly|over|fewer\s+than|less\s+than|at\s+most|up\s+to|"
    r"no\s+more\s+than|a\s+minimum\s+of)\s+$",
    re.I,
)
_ONE_UNIT = re.compile(r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+point\b|yuan\b|dollar\b|euro\b|-?fold\b)", re.I)
_ONE_BAD_AFTER = re.compile(
    r"\s+(?:of|another|that|who|which|day|time|way|hand|thing|point|or|and|to|in|on|at|is|was)\b|-|\s*[,.;:]",
    re.I,
)
# A word of the subject: not a function word, a verb of reporting or a time word.
_SUBJECT_WORD = re.compile(
    r"\s+(?!(?:in|on|at|for|to|from|by|with|and|or|than|that|which|who|a|an|per|each|as|is|are|was|"
    r"were|has|have|had|will|would|can|could|may|might|should|must|do|does|did|this|last|next|of|the|"
    r"its|their|since|after|before|during|over|under|up|down|into|while|compared|year|years|month|"
    r"months|day|days|week|weeks|higher|lower|more|less|said|says|say|won|made|make|use|uses|now|"
    r"already|also|still|only|just|globally|worldwide|annually|daily|respectively|[a-z]{3,}ed)(?![\w'’-]))"
    r"([A-Za-z][\w'’-]*)",
    re.I,
)
_OF_THE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+)?", re.I)
# Between two figures of a parallel list: "200 million videos and 400 million images".
_PARALLEL_GAP = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s+(?:and|or)\s+")
# After a scaled figure with no unit: no counted noun follows, so an earlier currency carries over.
_NO_NOUN_AFTER = re.compile(
    r"\s*(?:[,.;:)]|$)|\s+(?:[a-z]+ed|going|being|coming|set|spent|put|in|for|on|of|to|from|at|by|a|an|the|"
    r"last|this|and|or|compared|"
    r"earlier|ago|previously|year|was|were|is|are|will|would|has|had|as|while|than|since|through|via)\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z\"“]|\n")
_CONNECTOR = re.compile(r"\s*(?:(?P<to>to|through|till)|(?P<dash>[-–—])|(?P<and>and)|(?P<or>or))\s*$", re.I)


def _num_value(s: str) -> float:
    """ "4,250" -> 4250.0, "2½" -> 2.5, "¾" -> 0.75."""
    frac = _VULGAR.get(s[-1], 0.0)
    if frac:
        s = s[:-1]
    return (float(s.replace(",", "")) if s else 0.0) + frac


def _word_value(w: str) -> float:
    w = w.lower()
    if w in _SMALL:
        return float(_SMALL[w])
    if "-" in w:
        tens, unit = w.split("-", 1)
        return float(_TENS[tens] + _SMALL[unit])
    return float(_TENS[w])


class _Cand:
    """A number found in the text, before linking and filtering."""

    __slots__ = (
        "start", "end", "num_end", "value", "unit", "currency", "symbol", "scaled", "bare",
        "reject", "qualifier", "is_word", "own_qual", "subject_from", "prefixed", "base", "coin",
    )

    def __init__(self, start: int, end: int, value: float) -> None:
        self.start = start
        self.end = end
        self.num_end = end  # end of the number and scale alone
        self.value = value
        self.base = value  # the number before any scale word
        self.unit: str | None = None
        self.currency: str | None = None
        self.symbol: str | None = None
        self.scaled = False
        self.bare = True
        self.reject: str | None = None
        self.qualifier = "exact"
        self.own_qual = False
        self.is_word = False
        self.subject_from = end
        self.prefixed = False
        self.coin = 1.0  # factor of a coin unit: 0.01 for "cents", 0.1 for "jiao"


# ---------------------------------------------------------------- parsing one match
def _read_scale(text: str, pos: int, c: _Cand) -> int:
    """Apply scale words after the number ("1.2 trillion", "3 hundred million", "5bn")."""
    for _ in range(2):
        m = _SCALE_RX.match(text, pos)
        if not m:
            break
        c.value *= _SCALE[m.group("sc").lower()]
        c.scaled = True
        pos = m.end()
    if not c.scaled:
        m = _SCALE_ABBR.match(text, pos)
        if m:
            c.value *= _SUFFIX_SCALE[m.group("sc").lower()]
            c.scaled = True
            pos = m.end()
    return pos


def _read_unit(text: str, pos: int, c: _Cand, allow_compound: bool) -> int:
    """Read the unit after number and scale; sets c.unit and returns the new end."""
    m = _PERCENT.match(text, pos)
    if m:
        if m.group("pp"):
            c.unit = "percentage_point"
        elif m.group("pc"):
            c.unit = "percent"
        else:
            c.unit, c.symbol = "other", "basis points"
        return m.end()
    m = _FOLD.match(text, pos)
    if m:
        c.unit = "multiple"
        return m.end()
    m = _TIME_AFTER.match(text, pos)
    if m:
        c.reject = "duration"
        return m.end()
    m = _SUBUNIT_AFTER.match(text, pos)
    if m:
        return _read_subunit(m, c)
    m = _CUR_AFTER.match(text, pos)
    if m:
        if c.currency is None:
            for i, code in enumerate(_CUR_AFTER_CODES):
                if m.group(f"c{i}"):
                    c.currency = code
                    break
        c.unit = "currency"
        return m.end()
    m = _UNIT_AFTER.match(text, pos) or _UNIT_WORDS_I.match(text, pos)
    if m:
        sym = m.groupdict().get("us") or m.group("uw")
        if sym.lower() in _COUNTED_UNITS:
            c.unit = "count"
            c.subject_from = pos
            return pos
        if sym.lower().startswith("twenty-foot") or sym.startswith("TEU"):
            c.symbol = "TEU"
        else:
            c.symbol = sym
        c.unit = "other"
        return m.end()
    m = _TIMES.match(text, pos)
    if m:
        return _read_times(text, pos, m.end(), c)
    if allow_compound:
        m = _COMPOUND.match(text, pos)
        if m:
            word = m.group("cn")
            if word.lower() in _COMPOUND_BAD:
                if word.lower() == "plus":
                    c.unit = "count"
                    return pos
                c.reject = "compound"
                return m.end()
            c.unit = "count"
            c.subject_from = m.end()
            return m.end()
    return pos


def _read_subunit(m: re.Match, c: _Cand) -> int:
    """A coin after the amount, kept in whole units: "3 cents" -> USD 0.03, "8 jiao" -> CNY 0.8."""
    code, factor = ("USD", 0.01) if m.group("sym") else _SUBUNIT[m.group("sub")]
    if m.group("cc"):
        code = _SUBUNIT_CC[_SPACES.sub(" ", m.group("cc").lower())]
    c.value *= factor
    c.coin = factor  # "3 to 5 cents": the first end takes the factor too (see _link)
    c.unit, c.currency = "currency", c.currency or code
    return m.end()


def _read_times(text: str, pos: int, end: int, c: _Cand) -> int:
    """ "N times": a multiple ("3 times the level"), an event count ("downloaded 5 million times")
    or a frequency ("three times a week")."""
    if _TIMES_FREQ_AFTER.match(text, end):
        if not c.scaled and c.value <= 20:
            c.reject = "frequency"
            return end
        c.unit = "count"  # "called 10,000 times a day": events per period
        c.subject_from = end
        return pos
    if _TIMES_MULT_AFTER.match(text, end):
        c.unit = "multiple"
        return end
    if c.value >= 1e6 and c.scaled or _EVENT_VERBS.search(text, max(0, c.start - 60), c.start):
        c.unit = "count"
        c.subject_from = end
        return pos
    c.unit = "multiple"
    return end


def _parse(text: str, m: re.Match) -> _Cand | None:
    g = m.group
    if g("num") is not None:
        return _parse_digits(text, m)
    if g("word") is not None:
        return _parse_word(text, m)
    if g("frac") is not None:
        return _parse_frac(text, m)
    if g("inn") is not None:
        return _parse_in(text, m)
    if g("mult") is not None:
        return _parse_mult(text, m)
    if g("half") is not None:
        return _parse_half(text, m)
    if g("halve") is not None:
        return _parse_halve(text, m)
    if g("ascale") is not None:
        return _parse_ascale(text, m)
    return None


def _parse_digits(text: str, m: re.Match) -> _Cand:
    start = m.start()
    num_s = m.group("num")
    c = _Cand(start, m.end(), _num_value(num_s))
    if m.group("neg"):
        c.value = c.base = -c.value  # "US$-1.2 billion": a sign after the currency sign
    cur = m.group("cur")
    if cur:
        c.currency = _prefix_currency(text, cur, start)
        c.unit = "currency"
        c.prefixed = True
        if c.currency is None:
            # A sign with no ISO 4217 code ("₿2"): a measurement in that sign, never money without a code.
            c.unit, c.symbol = "other", cur.strip()
    pos = m.end()
    num_start = m.start("num")
    before = text[num_start - 1] if num_start > 0 else " "
    # Glued to a letter on the left ("GPT4", "Qwen2.5", "K2") or after a named hyphen ("GPT-4").
    if not cur and (before.isalpha() or before == "_"):
        c.reject = "name"
    elif not cur and before in "-–" and _NAME_GLUE_BEFORE.search(text, max(0, num_start - 30), num_start) \
            and not _AMOUNT_BEFORE_DASH.search(text, max(0, num_start - 30), num_start):
        c.reject = "name"
    elif before in "#/:" or before == "+" and not _PCT_NEXT.match(text, pos) \
            or (before == "." and num_start > 1 and text[num_start - 2].isalnum()):
        c.reject = "identifier"
    elif len(num_s) > 1 and num_s[0] == "0" and num_s[1] != "." or len(num_s) >= 7 and num_s.isdigit():
        c.reject = "identifier"  # "010", "0700": codes and phone numbers, not amounts
    elif _DIGIT_GROUPS.match(text, pos) or _DIGIT_GROUPS_BEFORE.search(text, max(0, num_start - 12), num_start):
        c.reject = "identifier"  # "+86 10 8888 8888"
    chain = _CHAIN.match(text, num_start)
    if chain and not c.reject:
        c.reject = "identifier"  # "2025-10-28", "400-800-1234", "1.2.3"
        c.end = c.num_end = chain.end()
        return c
    if not c.reject:
        pos = _read_power(text, pos, c, num_s)
    nxt = text[pos] if pos < len(text) else " "
    if nxt.isalpha():
        gm = _GLUED.match(text, pos)
        if gm and not c.reject:
            if gm.group("sfx"):
                sfx = gm.group("sfx")
                k_reading = _k_reading(text, num_start, gm.end()) if sfx in "kK" and not cur else ""
                if k_reading == "label":
                    c.reject = "label"
                elif sfx in "KMBT" and not cur and not k_reading and not _size_suffix_ok(text, num_start, gm.end()):
                    c.reject = "name"  # "Ascend 910B", "the 910B chip"; "32B parameters" is fine
                else:
                    c.value *= _SUFFIX_SCALE[sfx.lower()]
                    c.scaled = True
                pos = gm.end()
            elif gm.group("x"):
                c.unit = "multiple"
                pos = gm.end()
            elif gm.group("pp"):
                c.unit = "percentage_point"
                pos = gm.end()
            elif gm.group("ord"):
                c.reject = "ordinal"
                pos = gm.end()
            else:
                c.unit = "other"
                c.symbol = gm.group("usym")
                if c.symbol.startswith("TEU"):
                    c.symbol = "TEU"
                pos = gm.end()
        else:
            c.reject = c.reject or "glued"
            pos = _WORD_REST.match(text, pos).end()
            c.end = c.num_end = pos
            return c
    elif nxt == ":" and pos + 1 < len(text) and text[pos + 1].isdigit():
        c.reject = "time"
    elif nxt == "/" and not c.reject and not cur and _slash_fraction(text, c, num_s, pos):
        return c
    elif nxt == "/" and pos + 1 < len(text) and text[pos + 1].isalnum():
        c.reject = "identifier"
    elif nxt == "." and pos + 1 < len(text) and text[pos + 1].isalpha():
        c.reject = "identifier"
    if c.reject:
        c.end = c.num_end = pos
        return c
    if not c.scaled:
        pos = _read_scale(text, pos, c)
    c.num_end = pos
    if c.unit is None or c.unit == "currency" and c.prefixed:
        if c.unit is None:
            pos = _read_unit(text, pos, c, allow_compound=True)
        else:
            # "$5 billion" may still be followed by a hyphen compound: "$5-billion fund".
            cm = _COMPOUND.match(text, pos)
            if cm and cm.group("cn").lower() not in _COMPOUND_BAD and not _TIME_AFTER.match(text, pos):
                c.subject_from = pos + 1
    c.end = pos
    c.subject_from = max(c.subject_from, pos) if c.unit != "count" else c.subject_from
    c.bare = c.unit is None and not c.scaled
    if c.bare and _FACTOR_BEFORE.search(text, max(0, c.start - 12), c.start):
        c.unit, c.bare = "multiple", False  # "by a factor of 3"
    elif c.bare and num_s in _VULGAR:
        c.unit, c.bare = "fraction", False  # "½ of the factories", like "half of the factories"
    return c


# A power written after the number: "^18", "**18", superscript "¹⁸", each after "10" or after a mantissa
# and a times sign ("1.5×10^12", "1.5 x 10^12"). Bounded repeats; a power too large for a float is
# rejected whole (_read_power), never read as two numbers.
_POWER = re.compile(
    r"(?P<times>\s?[x×✕*·]\s?10)?"
    r"(?:(?:\^|\*\*)(?P<exp>[-\u2212]?\d{1,6})|(?P<sup>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,6}))(?![\d⁰¹²³⁴⁵⁶⁷⁸⁹]|[.,]\d)"
)
_E_NOTATION = re.compile(r"[eE](?P<exp>[-+\u2212]?\d{1,3})(?![\w]|[.,]\d)")
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻\u2212", "0123456789--")


def _exponent(s: str) -> int:
    """ "18" -> 18, "−9" -> -9, "¹⁸" -> 18, "⁻³" -> -3."""
    return int(s.translate(_SUPERSCRIPT))


def _read_power(text: str, pos: int, c: _Cand, num_s: str) -> int:
    """A power after the number is part of its value: "10^18", "10**18", "10¹⁸" and "1e18" are 1e18;
    "1.5×10^12", "1.5 x 10^12" are 1.5e12; another base is read as written ("2^10" is 1024). Marks
    the figure scaled (never a bare year or rank) and returns the new end, or `pos` when no power
    follows. A superscript after another number ("40,000¹") is a footnote mark and is left alone."""
    m = _E_NOTATION.match(text, pos)
    if m is None:
        m = _POWER.match(text, pos)
        if m is None or m.group("sup") and not (m.group("times") or num_s == "10"):
            return pos  # no power; "40,000¹" is a footnote mark
    exp = _exponent(m.group("exp") or m.group("sup"))
    try:
        if m.re is _E_NOTATION or m.group("times"):
            value = c.value * 10.0 ** exp  # "1e18", "1.5×10^12"
        elif num_s == "10":
            value = 10.0 ** exp  # "10^18", "10¹⁸"
        else:
            value = c.value ** exp  # "2^10"
    except (OverflowError, ZeroDivisionError):
        value = 0.0
    if value == 0.0:
        c.reject = "formula"  # "10^400", "10^-400": beyond a float either way
        return m.end()
    c.value = c.base = value
    c.scaled = True
    return m.end()


_YEN_OR_YUAN = re.compile(r"\b(?:(?P<jp>yen|JPY)|yuan|RMB|Rmb|renminbi|CNY)\b")


def _prefix_currency(text: str, cur: str, pos: int) -> str | None:
    """ISO code of a sign or code before the amount: "US$" -> USD, "R$" -> BRL, "Rmb" -> CNY,
    "₽" -> RUB; "¥" -> _yen_sign_currency; a sign without an ISO code ("₿") -> None."""
    key = _SPACES.sub("", cur)
    code = _CUR_PREFIX.get(key.lower())
    if code:
        return code
    if key in "¥￥":
        return _yen_sign_currency(text, pos)
    return _CUR_SIGNS.get(key)


def _yen_sign_currency(text: str, pos: int) -> str:
    """ "¥" is shared by yuan and yen: JPY when its sentence names yen ("yen", "JPY") and not
    yuan ("yuan", "RMB", "renminbi", "CNY"), else CNY. "Sony set aside ¥30 billion, or 30 billion
    yen" is JPY; "¥2,499", "the yuan rose against the yen to ¥7.1" are CNY."""
    lo, hi = max(0, pos - 200), min(len(text), pos + 200)
    start = max(text.rfind(". ", lo, pos), text.rfind("\n", lo, pos))
    end = min((i for i in (text.find(". ", pos, hi), text.find("\n", pos, hi)) if i >= 0), default=hi)
    kinds = {bool(m.group("jp")) for m in _YEN_OR_YUAN.finditer(text, start + 1 if start >= 0 else lo, end)}
    return "JPY" if kinds == {True} else "CNY"


_SLASH_DEN = re.compile(r"/(?P<den>[1-9]\d{0,2})(?![\w/]|[.,:-]\d)")
_SLASH_DATE_BEFORE = re.compile(r"\b(?:on|since|until|dated)\s+$", re.I)
_SLASH_SCORE = re.compile(r"\b(?:scor\w*|rat(?:ed|ing|ings)|grade[sd]?|marks?)(?:\s+\w+){0,2}\s+$", re.I)
_SLASH_SCORE_AFTER = re.compile(r"\s+(?:stars?|points?|marks?)\b", re.I)


def _slash_fraction(text: str, c: _Cand, num_s: str, pos: int) -> bool:
    """ "1/8 of chips" is fraction 0.125: a whole numerator below a denominator of 2 to 10 or 100.
    Sets c and returns True. Dates ("6/18", "on 3/4"), "24/7" and ratings ("rated 4/5",
    "4/5 stars") are not fractions."""
    m = _SLASH_DEN.match(text, pos)
    if not m or not num_s.isdigit():
        return False
    num, den = int(num_s), int(m.group("den"))
    if not (0 < num < den and (den <= 10 or den == 100)):
        return False
    pre = text[max(0, c.start - 20):c.start]
    if _SLASH_DATE_BEFORE.search(pre) or _SLASH_SCORE.search(pre) or _SLASH_SCORE_AFTER.match(text, m.end()):
        return False
    c.value, c.unit, c.bare = num / den, "fraction", False
    c.end = c.num_end = m.end()
    return True


def _size_suffix_ok(text: str, start: int, end: int) -> bool:
    """ "32B parameters", "has 70B," are sizes; "the 910B chip", "Ascend 910B" are names."""
    if _SIZE_NOUN_AFTER.match(text, end):
        return True
    if not _SIZE_END_AFTER.match(text, end):
        return False
    wm = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return bool(wm) and wm.group(1).islower() and wm.group(1) not in ("the", "a", "an")


# The word after "128K", looking past a hyphen and past coordinated sizes ("4K and 8K video").
_K_NEXT_WORD = re.compile(r"(?:\s*(?:,|and|or|to|/|-)\s*\d+[kK]\b)*[\s-]*([A-Za-z]*)")
_K_LABEL_NOUNS = frozenset(
    "video videos resolution display displays screen screens tv tvs footage content streaming camera "
    "cameras monitor monitors ultra uhd hdr oled imaging image images quality film films movie movies "
    "projector projectors panel panels recording".split()
)
_K_COUNT_NOUNS = frozenset(
    "token tokens context contexts word words character characters parameter parameters params "
    "gpu gpus card cards chip chips user users download downloads star stars follower followers".split()
)
# A sentence about context or model size: "the window grew to 128K." is 128,000 tokens.
_K_SIZE_CONTEXT = re.compile(r"\b(?:tokens?|context|window|parameters?|words|characters)\b", re.I)


def _k_reading(text: str, start: int, pos: int) -> str:
    """How to read "K" after a number, by the following word: "count" ("a 128K context window",
    "128K-token", "10K GPUs"), "label" ("4K video", "4K and 8K video", "shot in 4K.") or ""
    (undecided: the letter rules of _size_suffix_ok decide). With no following word, a sentence
    about tokens or context windows makes it a count ("the window grew to 128K.")."""
    word = _K_NEXT_WORD.match(text, pos).group(1).lower()
    if word in _K_COUNT_NOUNS:
        return "count"
    if word in _K_LABEL_NOUNS:
        return "label"
    if not word:
        return "count" if _K_SIZE_CONTEXT.search(_sentence_before(text, start)) else "label"
    return ""


# Set phrases that start with a number word and hold no quantity.
_IDIOM_AT = re.compile(
    r"(?:nine|ninety-nine)\s+times\s+out\s+of\s+(?:ten|10|a\s+hundred|100)\b"  # "nine times out of ten": usually
    r"|one\s+in\s+an?\s+(?:hundred|thousand|million|billion)\b"  # "a one in a million chance": rare
    r"|two\s+cents['’]?\s+worth\b",  # "their two cents' worth": an opinion
    re.I,
)


def _idiom(text: str, m: re.Match) -> _Cand | None:
    """A rejected candidate covering an idiom at the number word, so that no number inside it is
    read: "Nine times out of ten the model is right" has no quantity."""
    im = _IDIOM_AT.match(text, m.start())
    if im is None:
        return None
    c = _Cand(m.start(), im.end(), 0.0)
    c.reject = "idiom"
    return c


def _parse_word(text: str, m: re.Match) -> _Cand | None:
    w = m.group("word")
    idiom = _idiom(text, m)
    if idiom is not None:
        return idiom
    c = _Cand(m.start(), m.end(), _word_value(w))
    c.is_word = True
    pos = _read_scale(text, m.end(), c)
    c.num_end = pos
    if w[0].isupper() and not _SENT_START.search(text, max(0, c.start - 6), c.start):
        return None  # "the Two Sessions", "Three Gorges": a capitalised number word mid-sentence is a name
    if w.lower() == "one" and not c.scaled and not _ONE_UNIT.match(text, pos):
        if (_ONE_OK_BEFORE.search(text, max(0, c.start - 25), c.start) and not _ONE_BAD_AFTER.match(text, pos)
                and not _TIME_AFTER.match(text, pos)):
            c.end = pos
            c.bare = True
            return c
        return None
    if w.lower() == "zero":
        return _zero(text, c, pos)
    # Hyphen compounds count ("a five-member panel") unless they are idioms ("two-way").
    pos = _read_unit(text, pos, c, allow_compound=True)
    if c.reject:
        c.end = pos
        return c
    c.end = pos
    c.bare = c.unit is None and not c.scaled
    if c.bare and _FACTOR_BEFORE.search(text, max(0, c.start - 12), c.start):
        c.unit, c.bare = "multiple", False  # "by a factor of three"
    return c


_ZERO_VERB_AFTER = re.compile(r"\s+(?:in\s+on|out)\b", re.I)
_ZERO_BOUND_BEFORE = re.compile(r"\b(?:below|above|under|over|to|near|at|than)\s+$", re.I)
_RATE_WORDS = re.compile(
    r"\b(?:margins?|rates?|growth|share|ratio|yields?|inflation|percent|per\s+cent)\b|%", re.I
)


def _zero(text: str, c: _Cand, pos: int) -> _Cand | None:
    """ "zero" is a number with a unit ("grew zero percent": 0 percent, "zero yuan") or as a bound
    after "below", "to", "near"...: "the margin slipped below zero" is 0 percent when the clause
    speaks of a rate or margin, else a count ("cut defects to zero"). "zero tolerance",
    "zero-emission", "net zero", "zero days", "at zero cost" and "to zero in on" are not quantities."""
    if c.scaled:
        return None
    end = _read_unit(text, pos, c, allow_compound=False)
    if c.reject or c.unit in ("count", "multiple"):
        return None  # "zero days", "zero qubits", "zero times"
    if c.unit is None:
        if (text.startswith("-", pos) or not _ZERO_BOUND_BEFORE.search(text, max(0, c.start - 8), c.start)
                or not _NO_NOUN_AFTER.match(text, pos) or _ZERO_VERB_AFTER.match(text, pos)):
            return None  # "zero-emission", "at zero cost", "to zero in on"
        c.unit = "percent" if _RATE_WORDS.search(_sentence_before(text, c.start)) else "count"
    c.end = end
    c.bare = False
    return c


def _parse_frac(text: str, m: re.Match) -> _Cand | None:
    fn, fd, sep = m.group("fn").lower(), m.group("fd").lower(), m.group("fsep")
    start, end = m.start(), m.end()
    if fn in ("a", "an"):
        if fd.endswith("s") or fd == "half":
            return None
        if text.startswith("-", end):
            return None
        if not (_ORD_FRAC_OK_AFTER.match(text, end) or _FRAC_BEFORE.search(text, max(0, start - 16), start)):
            return None  # "a third round", "a fifth consecutive year": ordinals
        if fd == "quarter" and (
            _QUARTER_BAD_AFTER.match(text, end)
            or (_QUARTER_BAD_BEFORE.search(text, max(0, start - 12), start) and not text.startswith(" of", end))
        ):
            return None
        num = 1.0
    else:
        num = float(_SMALL[fn])
        if sep != "-" and _SPAN_BEFORE.search(text, max(0, start - 12), start):
            return None  # "the first three quarters", "the past two quarters"
        if sep != "-" and not _OF_NOT_YEAR.match(text, end):
            # "two thirds of" is a share; "three quarters" alone is usually a span of time.
            if fd.startswith("quarter") or not _ORD_FRAC_OK_AFTER.match(text, end):
                return None
        if text.startswith("-", end):
            return None
    return _share_or_multiple(_Cand(start, end, num / _DENOM[fd]), num, _DENOM[fd])


def _share_or_multiple(c: _Cand, num: float, den: int) -> _Cand | None:
    """A fraction word is a share of a whole when below one ("two-thirds" 0.667); above one it is a
    multiple ("five-thirds of its level a year earlier" is 1.667 times it, "seven-fourths" 1.75);
    equal to one it names the parts of a whole ("the two halves of the group"), no quantity."""
    if num == den:
        return None
    c.unit = "fraction" if num < den else "multiple"
    c.bare = False
    return c


def _parse_in(text: str, m: re.Match) -> _Cand | None:
    a, b = m.group("in1").lower(), m.group("in2").lower()
    va = float(_SMALL[a]) if a in _SMALL else _num_value(a)
    if b in _SMALL:
        vb = float(_SMALL[b])
    elif b in _TENS:
        vb = float(_TENS[b])
    elif "hundred" in b:
        vb = 100.0
    else:
        vb = _num_value(b)
    if vb <= 0 or va > vb or _TIME_AFTER.match(text, m.end()):
        return None  # "5 in 10 minutes" is not a share
    c = _Cand(m.start(), m.end(), va / vb)
    c.unit = "fraction"
    c.bare = False
    return c


def _parse_mult(text: str, m: re.Match) -> _Cand | None:
    w = m.group("mult")
    start, end = m.start(), m.end()
    if w[0].isupper() and not _SENT_START.search(text, max(0, start - 6), start):
        return None  # "Double 11" is a name
    w = w.lower()
    if w.endswith("fold"):
        word = w[:-4]
        value = float(_SMALL.get(word) or _TENS.get(word) or _SCALE[word])
    elif w in ("twice", "thrice"):
        if not _TWICE_AFTER.match(text, end):
            return None
        value = float(_MULT_WORDS[w])
    else:
        if _DOUBLE_BAD_AFTER.match(text, end) or _DOUBLE_BAD_BEFORE.search(text, max(0, start - 8), start):
            return None
        value = float(_MULT_WORDS[w])
    c = _Cand(start, end, value)
    c.unit = "multiple"
    c.bare = False
    return c


def _parse_half(text: str, m: re.Match) -> _Cand | None:
    start, end = m.start(), m.end()
    if _HALF_BAD_BEFORE.search(text, max(0, start - 12), start):
        return None
    ha = _HALF_A.match(text, end)
    if ha:
        c = _Cand(start, ha.end(), 0.5)
        if ha.group("sc"):
            c.value *= _SCALE[ha.group("sc").lower()]
            c.scaled = True
            c.num_end = ha.end()
            pos = _read_unit(text, ha.end(), c, allow_compound=False)
            if c.reject:
                return None
            c.end = pos
            c.unit = c.unit or "count"
        else:
            c.unit = "percentage_point"
        c.bare = False
        return c
    if _HALF_BAD_AFTER.match(text, end):
        return None
    c = _Cand(start, end, 0.5)
    c.unit = "fraction"
    c.bare = False
    return c


def _parse_halve(text: str, m: re.Match) -> _Cand | None:
    """The verb "halve" is a share of one half, like "double" is a multiple of two: "plans to halve
    prices" is fraction 0.5. "the halving" (a noun after a determiner) and a capitalised name are not."""
    start, end = m.start(), m.end()
    if m.group("halve")[0].isupper() and not _SENT_START.search(text, max(0, start - 6), start):
        return None
    if _DOUBLE_BAD_BEFORE.search(text, max(0, start - 8), start):
        return None
    c = _Cand(start, end, 0.5)
    c.unit = "fraction"
    c.bare = False
    return c


def _parse_ascale(text: str, m: re.Match) -> _Cand | None:
    c = _Cand(m.start(), m.end("ascale"), 1.0)
    c.is_word = True
    pos = _read_scale(text, c.end, c)
    if not c.scaled:
        return None
    c.num_end = pos
    if _IDIOM_HUNDRED.match(text, pos) or _BATTLE_BEFORE.search(text, max(0, c.start - 16), c.start):
        return None  # "the battle of a hundred models", "a hundred-model war": an idiom
    if text.startswith("-", pos):
        # "a trillion-parameter model": the figure is the scale word and its noun.
        c.start = m.end()
    pos = _read_unit(text, pos, c, allow_compound=True)
    if c.reject:
        c.end = pos
        return c
    c.end = pos
    c.bare = False
    return c


# ---------------------------------------------------------------- context checks
def _bare_reject(text: str, c: _Cand) -> str | None:
    """Why a plain number (no unit, no scale) is not a quantity, or None."""
    s = c.start
    raw = text[s:c.num_end]
    v = c.value
    is_int = "." not in raw
    if not c.is_word and _reads_as_year(text, c, raw):
        return "year"
    pre = text[max(0, s - 40):s]
    if is_int and v <= 31 and not c.is_word:
        if _MONTH_BEFORE.search(pre) or _MONTH_AFTER.match(text, c.num_end):
            return "date"
    wm = _WORD_BEFORE.search(pre)
    prev = wm.group(1) if wm else ""
    low = prev.lower()
    if low in _RANK_BEFORE or low.rstrip(".") in _RANK_BEFORE:
        return "rank"
    if not c.is_word and _PRODUCT_AFTER.match(text, c.num_end):
        return "name"  # "16 Pro", "4.5 Turbo"
    if not c.is_word and prev and not prev.islower() and pre.endswith(" ") and not pre.endswith("  "):
        # "Atlas 950", "Hunyuan Image 3.0": a capitalised word right before is a name.
        if low not in _FUNCTION_CAPS and not re.search(r"['’]s$", prev) and pre.rstrip().endswith(prev):
            return "name"
    if not c.is_word and re.search(r"\bthe\s+$", pre, re.I) and _FN_WORDS_AFTER_THE.match(text, c.num_end):
        return "name"  # "the 970 ..." standing for a product
    if pre.endswith("(") and text.startswith(")", c.num_end):
        return "identifier"
    if _AGE_APPOSITIVE.search(pre) and text.startswith(",", c.num_end) and 10 <= v < 100:
        return "age"  # "Li Wei, 45, said"
    if _ORDINAL_SCALE.match(text, c.num_end):
        return "ordinal"  # "its 10 millionth processor"
    if 10 <= v < 120 and not c.is_word and _AGE_CONTEXT.search(_sentence_before(text, c.start)):
        return "age"  # "the average age of farmers is above 60"
    if _LIST_MARKER.match(text, c.num_end) and _LINE_START.search(pre):
        return "list marker"  # "1. First point"
    if _SUPERLATIVE_AFTER.match(text, c.num_end) and _OF_THE_BEFORE.search(pre):
        return "rank"  # "four of the five largest": a cut-off, like "the top 10"; "the three leading firms" counts
    if _is_ticker(text, c, pre):
        return "identifier"
    return None


# Words after which a bare four-digit number is a year: "in 1898", "by 2150", "since 1949", "circa
# 1200", "the spring of 1898", "May 1898", "summer 2150", "founded 1898", "dates back to 1898".
_YEAR_CUE_BEFORE = re.compile(
    r"\b(?:(?P<cue>in|since|until|till|before|after|during|by|from|circa|ca\.|c\.|year|fiscal|FY|back\s+to|"
    r"founded|established|born|spring|summer|autumn|winter|"
    r"(?:spring|summer|autumn|fall|winter|end|beginning|start|middle|turn)\s+of|" + _MONTHS + r")\.?)\s+$",
    re.I,
)
# The last word before "by" or "from" when they belong to a change ("cut by 1500", "rose from 1200").
_WORD_BEFORE_CUE = re.compile(r"([A-Za-z]+)\s+\w+\.?\s+$")
# What follows a number that is a count, not a year: a counted word ("1898 employees", "2150 GPUs"),
# also at the far end of a range ("from 1500 to 2000 employees").
_COUNTED_AFTER = re.compile(
    r"(?:\s*(?:to|and|or|-|–)\s*\d{1,3}(?:,?\d{3})?)?\s+(?:"
    r"(?!(?:in|on|at|by|for|from|to|of|and|or|but|the|a|an|when|as|after|before|that|which|with|while|until|"
    r"since|its|their|his|her|was|were|is|are|will|would|had|has|have|saw|marked|through|during|"
    r"onwards|onward|levels?|it|they|we|he|she|there|this|these|those|you|not|also|then|so|if|where|who|"
    r"whose|under|amid|against|into|per|via|alone|only|again|ago)\b)[a-z]|[A-Z]{2,}s\b)"
)
# A bare number opening a sentence and followed by a singular verb names a year: "2150 was the year ...".
_YEAR_VERB_AFTER = re.compile(r"\s+(?:was|is|will\s+be|saw|sees|marked|marks|brought)\b")


def _reads_as_year(text: str, c: _Cand, raw: str) -> bool:
    """A bare whole number of four digits that reads as a year. 1900 to 2100 always, unless a qualifier
    comes first ("about 2000"); 1000 to 2999 after a word that introduces a year ("founded in 1898",
    "by 2150", "circa 1200", "the spring of 1898"), or opening a sentence before "was"/"is" ("2150 was
    the year"), unless a counted word follows ("1898 employees", "2150 GPUs"). "2,150 yuan" has a
    unit and never gets here."""
    if not (raw.isdigit() and len(raw) == 4):
        return False
    v, s = int(raw), c.start
    pre = text[max(0, s - 30):s]
    if 1900 <= v <= 2100:
        return not _qual_before(pre)
    if not 1000 <= v <= 2999 or _COUNTED_AFTER.match(text, c.num_end):
        return False
    cue = _YEAR_CUE_BEFORE.search(pre)
    if cue and cue.group("cue").lower() in ("by", "from"):
        lw = _WORD_BEFORE_CUE.search(pre)
        if lw and lw.group(1).lower() in _CHANGE_VERBS:
            return False  # "cut by 1500", "rose from 1200 to ...": a change in a count
    if cue:
        return True
    return bool(_SENT_START.search(text, max(0, s - 6), s) and _YEAR_VERB_AFTER.match(text, c.num_end))


# "stock code 9660", "trading under the code 9660", "ticker: 2513".
_CODE_BEFORE = re.compile(r"\b(?:code|ticker|symbol)s?(?:\s+(?:number|no\.))?\s*:?\s*$", re.I)
# "HKEX: 9660", "(SSE: 688256)": an exchange, a colon, a code.
_EXCHANGE_COLON_BEFORE = re.compile(
    r"\b(?:HKEX|HKSE|SEHK|HKG|HK|SSE|SZSE|SHA|SHE|SH|SZ|BSE|NYSE|NASDAQ|Nasdaq|TYO|TSE|KRX|KOSDAQ|TWSE|SGX)"
    r"\s*:\s*$"
)
# "(Hong Kong: 2513)": any market name, a colon and a code of four to six digits in brackets.
_BRACKET_LABEL_BEFORE = re.compile(r"\(\s*[A-Z][\w .&-]{0,24}:\s*$")
# "(9660 HK)", "(9988 HK Equity)": a market suffix after a code in brackets ("9660.HK" is caught
# while parsing). Only inside brackets, so that "500 US firms" stays a count.
_TICKER_AFTER = re.compile(r"\s(?:HK|CH|SH|SZ|SS|KS|KQ|JP|JT|TT|US|SP)(?:\s+Equity)?\s*[),;]")
_IN_BRACKETS = re.compile(r"\([^()]{0,30}$")
_OF_THE_BEFORE = re.compile(r"\bof\s+the\s+$", re.I)


def _is_ticker(text: str, c: _Cand, pre: str) -> bool:
    """A plain integer that is a stock code: after "code"/"ticker", after an exchange and a colon,
    or before a market suffix. "Horizon (HKEX: 9660)", "stock code 9660", "(9660 HK)"."""
    digits = text[c.start:c.num_end]
    if c.is_word or not digits.isdigit():
        return False
    return bool(_CODE_BEFORE.search(pre) or _EXCHANGE_COLON_BEFORE.search(pre)
                or 4 <= len(digits) <= 6 and _BRACKET_LABEL_BEFORE.search(pre)
                or _TICKER_AFTER.match(text, c.num_end) and _IN_BRACKETS.search(pre))


def _sentence_before(text: str, pos: int) -> str:
    lo = max(0, pos - 150)
    chunk = text[lo:pos]
    cut = max(chunk.rfind(". "), chunk.rfind("\n"))
    return chunk[cut + 1:] if cut >= 0 else chunk


def _qualifier(text: str, c: _Cand) -> str:
    pre = text[max(0, c.start - 30):c.start]
    m = _qual_before(pre)
    if m and not (m.group("pass") and _PASSED_ITEMS_AFTER.match(text, c.end)):
        for key, q in (("am", "at_most"), ("al", "at_least"), ("mt", "more_than"), ("lt", "less_than"),
                       ("ab", "about"), ("tl", "about")):
            if m.group(key):
                # "some" as a determiner only when a number follows directly; "over" after a verb
                # of time ("over 18 months") is gone with the duration.
                return q
    m = _OR_MORE.match(text, c.end)
    if m:
        if m.group("al"):
            return "at_least"
        if m.group("mt"):
            return "more_than"
        if m.group("am"):
            return "at_most"
        return "about"
    if c.unit == "currency" and _START_AT_BEFORE.search(pre):
        return "at_least"  # "prices start at 1,999 yuan"
    if _FROM_BEFORE.search(pre) and c.unit == "currency":
        before_from = text[max(0, c.start - 60):c.start]
        before_from = before_from[: before_from.lower().rfind("from")]
        lw = _LAST_WORD.search(before_from)
        if _PRICE_CLAUSE.search(before_from) and not (lw and lw.group(1).lower() in _CHANGE_VERBS):
            return "at_least"
    return "exact"


def _subject(text: str, c: _Cand) -> str | None:
    pos = max(c.subject_from, c.num_end) if c.unit in ("count", None) else c.end
    m = _OF_THE.match(text, pos)
    if c.unit not in ("count", None):
        if not m:
            return None
    if m:
        pos = m.end() - 1
    words = []
    for _ in range(3):
        wm = _SUBJECT_WORD.match(text, pos)
        if not wm:
            break
        words.append(wm.group(1))
        pos = wm.end()
        if pos < len(text) and text[pos] in ",.;:)":
            break
    return " ".join(words) or None


# ---------------------------------------------------------------- linking
_CLAUSE_WORDS = re.compile(r"[A-Za-z]+")


def _is_change(text: str, a: _Cand) -> bool:
    """ "X to Y" after "from" and a verb of change in the same clause is a change, not a range:
    "had cut the share of idle time on key lines from 18 percent to 7 percent", "is set to rise
    from roughly a tenth to a quarter". "prices range from 70 to 80 yuan" is a range."""
    pre = text[max(0, a.start - 90):a.start]
    fm = _FROM_BEFORE.search(pre)
    if not fm:
        return False
    clause = re.split(r"[,;:.()]", pre[:fm.start()])[-1]
    return any(w.lower() in _CHANGE_VERBS for w in _CLAUSE_WORDS.findall(clause)[-10:])


def _descends(a: _Cand, b: _Cand) -> bool:
    """Two complete figures going down, "18 percent to 7 percent", "1.5 million to 800,000", are a
    change: a range is written from the low end."""
    return (a.unit is not None or a.scaled) and b.value < a.value


def _year_range_start(text: str, a: _Cand, b: _Cand) -> bool:
    """A bare four-digit number joined to a year is the first year of a span: "1850-1912", "between
    1850 and 1912". Not when a counted word follows the second ("from 1500 to 2000 employees")."""
    raw = text[a.start:a.num_end]
    return (a.bare and not a.is_word and raw.isdigit() and len(raw) == 4 and 1000 <= a.value <= 2999
            and not _COUNTED_AFTER.match(text, b.num_end))


_DURATION_GAP = re.compile(r",?\s+(?:(?:down|up)\s+)?(?:to|from|or)\s+$", re.I)


def _duration_carries(text: str, a: _Cand, b: _Cand, gap: str) -> bool:
    """A plain number right after a duration, with the time word left out, is the other end of that
    duration: "from nine days to four", "takes 2.5 hours, down from seven". Not when a noun follows it:
    "two-year loans to 300 firms"."""
    return (a.reject == "duration" and b.reject is None and b.bare and bool(_DURATION_GAP.match(gap))
            and bool(_NO_NOUN_AFTER.match(text, b.end)))


def _link(text: str, cands: list[_Cand]) -> None:
    """Ranges and lists: "50 to 60 percent", "between $4 and $5 billion", "2 or 3 hours"."""
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        gap = text[a.end:b.start]
        if len(gap) > 12 or a.reject == "glued":
            continue
        if _duration_carries(text, a, b, gap):
            b.reject = "duration"
            continue
        cm = _CONNECTOR.match(gap)
        if not cm or cm.end() != len(gap):
            continue
        if cm.group("dash") and (a.is_word or b.is_word or gap.strip() != gap.strip(" ") or " " in gap):
            continue
        if b.reject in ("duration", "frequency", "date", "time") and (a.bare or a.unit is None):
            a.reject = b.reject
            continue
        if b.reject == "year" and a.reject is None and _year_range_start(text, a, b):
            a.reject = "year"  # "1850-1912", "between 1850 and 1912"
            continue
        if a.reject == "year" and b.reject == "year":
            continue
        if (cm.group("dash") or cm.group("to")) and a.reject in ("name", "identifier", "year", "date", "rank") \
                and b.reject is None and b.bare:
            b.reject = a.reject  # "Jan. 5-7", "aged 18 to 35", "GPT-4-5"
            continue
        if a.reject or b.reject:
            continue
        if a.unit == "multiple" and b.unit != "multiple":
            continue  # "doubled to 64K", "grew 3-fold to 5 million": a change to a new level
        if a.unit is None and b.unit == "fraction":
            continue  # "from 20 to one-third": a plain number is no share, whatever the other end is
        if a.unit is not None and b.unit is None and not b.scaled and not (cm.group("dash") and a.unit == "currency"):
            continue  # "rose 1.2 percent to 3,350": the second figure is not a range end ("US$209,000-279,000" is)
        if cm.group("dash") and a.bare and b.bare and b.value <= a.value:
            a.reject = b.reject = "score"  # "won 21-17", "a 5-4 vote"
            continue
        pre = text[max(0, a.start - 40):a.start]
        is_range = False
        if cm.group("to") or cm.group("dash"):
            if a.unit is not None and b.unit is not None and (a.unit != b.unit or a.currency != b.currency):
                continue  # "rose 13 percent to 35 billion yuan": a change, not a range
            is_range = not (_is_change(text, a) or _descends(a, b))
        elif cm.group("and"):
            is_range = bool(_BETWEEN_BEFORE.search(pre))
        if b.unit is None and a.unit == "currency" and (is_range or cm.group("dash")):
            b.unit, b.currency, b.bare = "currency", a.currency, False  # "HK$4-5 billion"
        # The first end borrows unit, currency and scale from the second when it lacks them.
        if a.unit is None and b.unit is not None:
            a.unit, a.currency, a.symbol = b.unit, b.currency, b.symbol
            a.subject_from = b.subject_from
            a.value *= b.coin
        elif a.unit == "currency" and b.unit == "currency" and a.currency is None and not a.prefixed:
            a.currency = b.currency
        if a.unit == b.unit and not a.scaled and b.scaled and (is_range or cm.group("dash")):
            a.value *= b.value / (b.base or 1.0)
            a.scaled = True
        if a.unit is not None or a.scaled:
            a.bare = False
        if is_range:
            a.qualifier = b.qualifier = "range"
            a.own_qual = b.own_qual = True


# ---------------------------------------------------------------- public API
_CONVERSION_GAP = re.compile(
    r"\s*\(\s*(?:(?:about|around|roughly|approximately|approx\.|nearly|some|or|~)\s*)?"
)


def _is_conversion(text: str, prev: Quantity | None, c: _Cand, unit: str) -> bool:
    """An amount in brackets right after an amount in another currency converts it, and takes its
    qualifier (GUIDELINES 1): "more than 70 billion yuan ($9.8 billion)", "870 billion yuan (about
    $121 billion)"."""
    return (prev is not None and unit == "currency" and prev.unit == "currency" and prev.currency != c.currency
            and bool(_CONVERSION_GAP.fullmatch(text, prev.char_end, c.start)))


# A minus sign or "minus" right before a figure, not after a word or digit ("10-12" is a range).
_NEGATIVE_SIGN = re.compile(r"(?:(?<![\w.,%)\]-])[-\u2212]|\b[Mm]inus )$")


def _take_sign(text: str, c: _Cand) -> None:
    """A minus sign that is a sign belongs to the figure: "-40 percent", "(−3.5%)", "year-on-year -5%",
    "minus 2 points" are negative; "30-40 percent" (a range dash) and "a 20-member panel" (a hyphen
    joining words) are not. The figure then starts at the sign, so that a qualifier before it ("about
    -5 percent") and the other end of a range ("from -40 to -25 percent") are read past it. Shares and
    multiples have no sign."""
    if c.value <= 0 or c.unit in ("fraction", "multiple"):
        return
    sign = _NEGATIVE_SIGN.search(text, max(0, c.start - 6), c.start)
    if sign:
        c.start = sign.start()
        c.value, c.base = -c.value, -c.base


# Characters that show nothing (pipeline.text.INVISIBLE_CHARACTERS) split a number ("5\u200b000"), so they
# are read as absent.
_INVISIBLE = re.compile("[" + INVISIBLE_CHARACTERS + "]")


def _visible(text: str) -> tuple[str, list[int] | None]:
    """`text` without invisible characters, and where each kept character stands in `text` (None when
    there is nothing to drop).

    >>> _visible("5\u200b000 yuan")[0], _visible("5\u200b000 yuan")[1][:4]
    ('5000 yuan', [0, 2, 3, 4])
    """
    if _INVISIBLE.search(text) is None:
        return text, None
    where = [i for i, ch in enumerate(text) if ch not in INVISIBLE_CHARACTERS]
    return "".join(text[i] for i in where), where


def extract_quantities(text: str) -> list[Quantity]:
    """All quantities in `text` (a whole normalised document body, paragraphs
    separated by blank lines), in order of char_start.

    Invisible characters are read as absent ("5\u200b000 yuan" is 5000 yuan) while spans stay on `text`:
    `text[q.char_start:q.char_end] == q.text`, which then holds the invisible character.
    """
    visible, where = _visible(text)
    found = _extract(visible)
    if where is None:
        return found
    out = []
    for q in found:
        start, end = where[q.char_start], where[q.char_end - 1] + 1
        out.append(replace(q, text=text[start:end], char_start=start, char_end=end))
    return out


def _extract(text: str) -> list[Quantity]:
    """extract_quantities on a text without invisible characters."""
    cands: list[_Cand] = []
    pos = 0
    n = len(text)
    search = _TRIGGER.search
    match = _MAIN.match
    while pos < n:
        t = search(text, pos)
        if not t:
            break
        m = match(text, t.start())
        if not m:
            pos = t.end()
            continue
        c = _parse(text, m)
        if c is None:
            pos = m.end()
            continue
        cands.append(c)
        pos = max(m.end(), c.end)
    for c in cands:
        if c.reject is None and c.bare:
            c.reject = _bare_reject(text, c)
        if c.reject is None:
            _take_sign(text, c)
    _link(text, cands)
    for c in cands:
        if c.reject is None and _PER_BEFORE.search(text, max(0, c.start - 6), c.start):
            c.reject = "rate base"  # "0.8 yuan per million tokens": only the price counts
    out: list[Quantity] = []
    prev: Quantity | None = None
    prev_scaled = False
    for c in cands:
        if c.reject:
            continue
        unit = c.unit or "count"
        symbol = c.symbol
        if unit == "count" and c.bare and "." in text[c.start:c.num_end]:
            if not _PUE_BEFORE.search(_sentence_before(text, c.start)):
                continue
            unit, symbol = "other", "PUE"
        if (c.unit is None and c.scaled and prev is not None and prev.unit == "currency"
                and _NO_NOUN_AFTER.match(text, c.end) and not _SENTENCE_BREAK.search(text, prev.char_end, c.start)):
            # "spend 160 billion yuan, with 85 billion for chips": the currency is understood
            unit = "currency"
            c.currency = prev.currency
        qual = c.qualifier if c.own_qual else _qualifier(text, c)
        if _is_conversion(text, prev, c, unit) and prev.qualifier != "range" and not c.own_qual:
            qual = prev.qualifier  # "870 billion yuan (about $121 billion)" is exact like the yuan amount
        elif qual == "exact" and prev is not None and prev.qualifier not in ("exact", "range"):
            gap = text[prev.char_end:c.start]
            if (prev.unit == unit and _PARALLEL_GAP.fullmatch(gap)
                  and (c.scaled and prev_scaled or not c.scaled and not prev_scaled)):
                qual = prev.qualifier  # "over 200 million videos and 400 million images"
        start, end, value = c.start, c.end, c.value
        q = Quantity(
            text=text[start:end],
            value=value,
            unit=unit,
            currency=c.currency if unit == "currency" else None,
            unit_symbol=symbol if unit == "other" else None,
            qualifier=qual,
            subject=_subject(text, c),
            char_start=start,
            char_end=end,
        )
        out.append(q)
        prev = q
        prev_scaled = c.scaled
    return out
