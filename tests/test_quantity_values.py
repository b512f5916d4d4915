"""Quantities whose value must be right: signs, scale words, powers of ten, invisible characters inside
numbers, years, ranges that end in a fraction word, improper fractions and Unicode fractions.

Each sentence is written for this project in the style of the news it reads. Every case runs the
extractor as the pipeline does (`pipeline.extract.facts.quantities` calls `extract_quantities` on the
normalised body) and checks value, unit, qualifier, that the published `text` is the body at
[char_start, char_end), and that no quantity would trip the plausibility rules of `pipeline.quarantine`.
"""

from __future__ import annotations

import math

import pytest

from pipeline.extract.quantities import Quantity, extract_quantities
from pipeline.text import normalise_body


def _extract(sentence: str) -> tuple[str, list[Quantity]]:
    """The normalised body and its quantities, each checked against the body and the value rules."""
    body = normalise_body(sentence)
    found = extract_quantities(body)
    for q in found:
        assert body[q.char_start:q.char_end] == q.text, q
        assert math.isfinite(q.value), q
        assert q.unit != "fraction" or 0 <= q.value <= 1, q
        assert q.unit != "percent" or q.value >= -100, q
        assert (q.unit == "currency") == bool(q.currency), q
    return body, found


def _one(sentence: str, text: str) -> Quantity:
    body, found = _extract(sentence)
    hits = [q for q in found if q.text == text]
    assert hits, f"{text!r} not found in {[(q.text, q.value, q.unit) for q in found]}"
    return hits[0]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9)


# ---------------------------------------------------------------- 1. a leading minus sign is the value's sign
@pytest.mark.parametrize("sentence,text,value,unit,code,qualifier", [
    ("Net profit at the Hangzhou chip designer fell -40 percent in the third quarter.",
     "-40 percent", -40, "percent", None, "exact"),
    ("Shipments of AI servers changed \u221240 percent on the month, the association said.",
     "\u221240 percent", -40, "percent", None, "exact"),
    ("The start-up's gross margin was -3.5% last year.", "-3.5%", -3.5, "percent", None, "exact"),
    ("Its share of the cloud market moved -0.5 percentage points in the quarter.",
     "-0.5 percentage points", -0.5, "percentage_point", None, "exact"),
    ("Orders for inference chips grew minus 40 percent in Shenzhen.",
     "minus 40 percent", -40, "percent", None, "exact"),
    # the qualifier before the sign still applies
    ("Operating margin at the robotics unit came in at about -5 percent of revenue.",
     "-5 percent", -5, "percent", None, "about"),
    # a sign after the currency sign
    ("The cloud arm booked an operating result of US$-1.2 billion for the year.",
     "US$-1.2 billion", -1.2e9, "currency", "USD", "exact"),
])
def test_a_leading_minus_sign_is_the_sign_of_the_value(sentence, text, value, unit, code, qualifier):
    q = _one(sentence, text)
    assert (_close(q.value, value), q.unit, q.currency, q.qualifier) == (True, unit, code, qualifier), q


def test_both_ends_of_a_negative_range_take_the_unit_and_the_sign():
    _, found = _extract("Analysts expect margins at smaller model start-ups to range from -40 to -25 percent this year.")
    assert [(q.text, q.value, q.unit, q.qualifier) for q in found] == [
        ("-40", -40, "percent", "range"), ("-25 percent", -25, "percent", "range")]


@pytest.mark.parametrize("sentence,values", [
    ("Sales of smart glasses rose 30-40 percent in the first half.", [30, 40]),  # a range dash
    ("The three-year plan funds 12 start-ups and a 20-member panel.", [12, 20]),  # hyphens joining words
])
def test_a_hyphen_that_is_not_a_sign_leaves_the_value_positive(sentence, values):
    _, found = _extract(sentence)
    assert [q.value for q in found] == values


# ---------------------------------------------------------------- 2. scale words, quadrillion and quintillion
@pytest.mark.parametrize("sentence,text,value,unit,code", [
    ("Chinese models processed 1 quintillion tokens last year, the ministry said.",
     "1 quintillion", 1e18, "count", None),
    ("The province's data exchanges settled 1.2 quadrillion yuan of trades.",
     "1.2 quadrillion yuan", 1.2e15, "currency", "CNY"),
    ("The lab is assembling a 1-quintillion-token training corpus.", "1-quintillion-token", 1e18, "count", None),
    ("One quadrillion yuan is the figure the think tank gives.", "One quadrillion yuan", 1e15, "currency", "CNY"),
    # "half a" with the two largest scale words
    ("Data centres in Guizhou will handle half a quadrillion requests a day.",
     "half a quadrillion", 5e14, "count", None),
    ("The national compute network served half a quintillion operations.",
     "half a quintillion", 5e17, "count", None),
    # a plural scale word after a number, as some translated reports write it
    ("Local media put the value of the data trade at 2 quadrillions yuan, a figure the bureau did not confirm.",
     "2 quadrillions yuan", 2e15, "currency", "CNY"),
    ("The platform says its users have generated 3 millions images.", "3 millions", 3e6, "count", None),
])
def test_scale_words_apply_in_every_shape(sentence, text, value, unit, code):
    q = _one(sentence, text)
    assert (_close(q.value, value), q.unit, q.currency) == (True, unit, code), q


def test_an_ordinal_of_a_large_scale_word_is_not_a_quantity():
    _, found = _extract("The chatbot answered its 1 quadrillionth query on Monday.")
    assert found == []


# ---------------------------------------------------------------- 3. powers of ten are one value
@pytest.mark.parametrize("sentence,text,value,unit,code", [
    ("A Beijing think tank put the cumulative bill for compute at 10^18 yuan.", "10^18 yuan", 1e18, "currency", "CNY"),
    ("A Beijing think tank put the cumulative bill for compute at 10**18 yuan.", "10**18 yuan", 1e18, "currency", "CNY"),
    ("A Beijing think tank put the cumulative bill for compute at 10\u00b9\u2078 yuan.",
     "10\u00b9\u2078 yuan", 1e18, "currency", "CNY"),
    ("A Beijing think tank put the cumulative bill for compute at 1e18 yuan.", "1e18 yuan", 1e18, "currency", "CNY"),
    ("The ministry expects 1.5\u00d710^12 yuan of AI output by the end of the decade.",
     "1.5\u00d710^12 yuan", 1.5e12, "currency", "CNY"),
    ("The ministry expects 1.5 x 10^12 yuan of AI output by the end of the decade.",
     "1.5 x 10^12 yuan", 1.5e12, "currency", "CNY"),
    ("The new cluster can run 10^18 operations each second.", "10^18", 1e18, "count", None),
    ("Each transistor switches in about 10^-9 seconds of compute time, engineers said.", None, None, None, None),
])
def test_a_power_of_ten_is_one_value(sentence, text, value, unit, code):
    _, found = _extract(sentence)
    if text is None:  # a duration: no quantity, and never the exponent alone
        assert found == []
        return
    assert [q.text for q in found] == [text]
    q = found[0]
    assert (_close(q.value, value), q.unit, q.currency) == (True, unit, code), q


# ---------------------------------------------------------------- 4. invisible characters inside a number
@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_an_invisible_character_does_not_split_a_number(mark):
    sentence = f"Tickets for the Shenzhen AI expo cost 5{mark}000 yuan, and 12 percent sold out in a day."
    body, found = _extract(sentence)
    assert [(q.text, q.value, q.unit) for q in found] == [
        (f"5{mark}000 yuan", 5000, "currency"), ("12 percent", 12, "percent")]
    assert found[0].char_start == body.index("5")
    assert found[1].char_start == body.index("12 percent")


def test_invisible_characters_keep_offsets_of_every_later_quantity():
    sentence = "The\u200b fund backed 1,\u200b500 start-ups and -\u200b3.5 percent of them failed; 7\u00ad5 remain."
    body, found = _extract(sentence)
    assert [(q.text, q.value) for q in found] == [
        ("1,\u200b500", 1500), ("-\u200b3.5 percent", -3.5), ("7\u00ad5", 75)]


def test_invisible_characters_pass_the_span_check_of_the_release():
    import pandas as pd

    from pipeline.checks import span_violations
    from pipeline.extract import facts

    body = normalise_body("The Hefei plant\u200b employs 3\u2060200 engineers and spent 4\ufeff500 yuan each on training.")
    texts = pd.DataFrame({"document_id": ["d1"], "body": [body]})
    docs = pd.DataFrame({"document_id": ["d1"], "published_date": [None]})
    table = facts.quantities(docs, texts)
    assert sorted(table["value"]) == [3200, 4500]
    assert span_violations(table, texts).empty


# ---------------------------------------------------------------- 5. years are not counts
@pytest.mark.parametrize("sentence", [
    "The Shanghai instrument maker, founded in 1898, now builds sensors for humanoid robots.",
    "Planners want the coastal compute hub to run on tidal power by 2150 at the latest.",
    "The archive has been digitised since 1949 and fed to a language model.",
    "The boom of the 1990s did not reach the inland provinces.",
    "2150 was the year the researchers chose for their long-range scenario.",
    "The institute's records date from 1898 to 1912, before the dynasty fell.",
    "Temple records from circa 1200 were scanned by the Hangzhou team.",
    "The Ningbo port archive, kept 1850-1912, was the first to be digitised.",
    "The model was trained on gazettes printed between 1850 and 1912.",
])
def test_a_year_is_not_a_count(sentence):
    _, found = _extract(sentence)
    assert found == []


@pytest.mark.parametrize("sentence,text,value,unit", [
    ("The robot maker now has 1898 employees across four plants.", "1898", 1898, "count"),
    ("The Ningxia data centre bought 2150 GPUs in the spring.", "2150", 2150, "count"),
    ("A ticket to the summit costs 2,150 yuan.", "2,150 yuan", 2150, "currency"),
    ("The city said it will open 1500 new charging stations in 2026.", "1500", 1500, "count"),
    ("The start-up grew from 1500 to 1800 engineers in a year.", "1500", 1500, "count"),
    ("The robot maker cut its staff by 1500 last year.", "1500", 1500, "count"),
])
def test_a_four_digit_count_stays_a_quantity(sentence, text, value, unit):
    q = _one(sentence, text)
    assert (q.value, q.unit) == (value, unit), q


# ---------------------------------------------------------------- 6. a range does not copy a fraction word's unit
def test_a_plain_number_does_not_take_the_unit_of_a_fraction_word():
    _, found = _extract("Domestic chips' share of new data centres will move from 20 to one-third by 2027.")
    got = {q.text: (q.value, q.unit) for q in found}
    assert got["one-third"] == (pytest.approx(1 / 3), "fraction")
    assert got.get("20", (20, "count"))[1] != "fraction"


# ---------------------------------------------------------------- 7. improper fraction words
@pytest.mark.parametrize("sentence,text,value", [
    ("Output at the Hefei module plant reached five-thirds of its level a year earlier.", "five-thirds", 5 / 3),
    ("Token traffic on the platform grew to seven-fourths of the March figure.", "seven-fourths", 7 / 4),
])
def test_an_improper_fraction_word_is_a_multiple(sentence, text, value):
    q = _one(sentence, text)
    assert (_close(q.value, value), q.unit) == (True, "multiple"), q


def test_the_parts_of_a_whole_are_not_a_share():
    _, found = _extract("The two halves of the merged chip group will list separately.")
    assert found == []


# ---------------------------------------------------------------- Unicode fractions
@pytest.mark.parametrize("sentence,text,value,unit", [
    ("About \u00bd of the surveyed factories use an AI quality inspector.", "\u00bd", 0.5, "fraction"),
    ("Inference demand rose 2\u00bd times after the price cut.", "2\u00bd times", 2.5, "multiple"),
    ("The assistant gained 1\u00bd million users in a week.", "1\u00bd million", 1.5e6, "count"),
])
def test_a_unicode_fraction_is_its_value(sentence, text, value, unit):
    q = _one(sentence, text)
    assert (_close(q.value, value), q.unit) == (True, unit), q
