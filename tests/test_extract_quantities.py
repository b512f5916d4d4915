"""Tests for pipeline.extract.quantities: one case per supported pattern, plus negatives."""

from __future__ import annotations

import math

import pytest

from pipeline.extract.quantities import EXTRACTOR, VERSION, Quantity, extract_quantities


def _find(sentence: str, text: str) -> Quantity:
    found = [q for q in extract_quantities(sentence) if q.text == text]
    assert found, f"{text!r} not found in {[q.text for q in extract_quantities(sentence)]}"
    return found[0]


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-3)


def test_module_identity():
    assert EXTRACTOR == "quantities"
    assert VERSION.count(".") == 2


# ---------------------------------------------------------------- positives
# (sentence, text, value, unit, currency or unit_symbol, qualifier)
CASES = [
    # digits, separators, decimals
    ("The platform now serves 4,250 corporate clients.", "4,250", 4250, "count", None, "exact"),
    ("Average latency dropped to 0.35 percent of the old figure.", "0.35 percent", 0.35, "percent", None, "exact"),
    ("The survey covered 812 factories.", "812", 812, "count", None, "exact"),
    # scale words and suffixes
    ("Users sent 2.4 trillion queries to the assistant.", "2.4 trillion", 2.4e12, "count", None, "exact"),
    ("The lab trained a model with 70B parameters.", "70B", 70e9, "count", None, "exact"),
    ("The open model supports 128K tokens of context.", "128K", 128e3, "count", None, "exact"),
    ("The service has 1.1bn registered accounts.", "1.1bn", 1.1e9, "count", None, "exact"),
    ("The app logged 3M downloads in its first week.", "3M", 3e6, "count", None, "exact"),
    # number words
    ("The consortium has seven founding members.", "seven", 7, "count", None, "exact"),
    ("Regulators approved twenty-five new services.", "twenty-five", 25, "count", None, "exact"),
    ("Two million households signed up.", "Two million", 2e6, "count", None, "exact"),
    ("About a dozen vendors bid for the contract.", "a dozen", 12, "count", None, "about"),
    ("The city opened a million square feet of offices to a million users.", "a million", 1e6, "count", None, "exact"),
    # fractions
    ("The cost fell to one-third of last year's level.", "one-third", 1 / 3, "fraction", None, "exact"),
    ("Nearly two-thirds of the buyers were state firms.", "two-thirds", 2 / 3, "fraction", None, "about"),
    ("Exports made up three-quarters of sales.", "three-quarters", 0.75, "fraction", None, "exact"),
    ("Roughly a quarter of the budget goes to chips.", "a quarter", 0.25, "fraction", None, "about"),
    ("Only a tenth of the clinics had a license.", "a tenth", 0.1, "fraction", None, "exact"),
    ("Prices dropped by a fifth after the launch.", "a fifth", 0.2, "fraction", None, "exact"),
    ("Almost a third of the staff work remotely.", "a third", 1 / 3, "fraction", None, "about"),
    ("More than half of the respondents use chatbots.", "half", 0.5, "fraction", "", "more_than"),
    ("Fewer than one in 10 schools offer the course.", "one in 10", 0.1, "fraction", None, "less_than"),
    ("Two out of three engineers prefer the tool.", "Two out of three", 2 / 3, "fraction", None, "exact"),
    ("Seven in 10 shoppers paid by phone.", "Seven in 10", 0.7, "fraction", None, "exact"),
    # percent and percentage points
    ("Margins improved 12 percent in the quarter.", "12 percent", 12, "percent", None, "exact"),
    ("Revenue grew 8.5 per cent on the year.", "8.5 per cent", 8.5, "percent", None, "exact"),
    ("The index climbed 2.3% on Monday.", "2.3%", 2.3, "percent", None, "exact"),
    ("Its share rose 4 percentage points in a year.", "4 percentage points", 4, "percentage_point", None, "exact"),
    ("The tax would fall by half a percentage point.", "half a percentage point", 0.5, "percentage_point", None, "exact"),
    # multiples
    ("Demand grew 120-fold after the price cut.", "120-fold", 120, "multiple", None, "exact"),
    ("Output rose 1.8-fold from the prior year.", "1.8-fold", 1.8, "multiple", None, "exact"),
    ("The new board offers four times the bandwidth of the last one.", "four times", 4, "multiple", None, "exact"),
    ("Orders were 65 times the number on offer.", "65 times", 65, "multiple", None, "exact"),
    ("The retail tranche was oversubscribed 900 times.", "900 times", 900, "multiple", None, "exact"),
    ("The update makes inference 3x faster.", "3x", 3, "multiple", None, "exact"),
    ("The rival spent twice as much on research.", "twice", 2, "multiple", None, "exact"),
    ("The firm hopes to double its data centre capacity.", "double", 2, "multiple", None, "exact"),
    ("Shipments doubled in the spring.", "doubled", 2, "multiple", None, "exact"),
    ("Bookings tripled after the holiday.", "tripled", 3, "multiple", None, "exact"),
    ("Usage rose fivefold.", "fivefold", 5, "multiple", None, "exact"),
    ("It was a more than 40-fold jump.", "40-fold", 40, "multiple", None, "more_than"),
    # money
    ("The startup raised US$1.5 billion from investors.", "US$1.5 billion", 1.5e9, "currency", "USD", "exact"),
    ("The chip unit was valued at $12 billion.", "$12 billion", 12e9, "currency", "USD", "exact"),
    ("A rival raised $800m last month.", "$800m", 8e8, "currency", "USD", "exact"),
    ("The bank lent €200m to the project.", "€200m", 2e8, "currency", "EUR", "exact"),
    ("The deal is worth £1.2bn.", "£1.2bn", 1.2e9, "currency", "GBP", "exact"),
    ("The tablet sells for ¥2,499 online.", "¥2,499", 2499, "currency", "CNY", "exact"),
    ("Shares closed at HK$42.15.", "HK$42.15", 42.15, "currency", "HKD", "exact"),
    ("The fab will cost NT$300 billion.", "NT$300 billion", 3e11, "currency", "TWD", "exact"),
    ("The city set aside RMB 5 billion for robotics.", "RMB 5 billion", 5e9, "currency", "CNY", "exact"),
    ("The province set aside 3 billion RMB for chips.", "3 billion RMB", 3e9, "currency", "CNY", "exact"),
    ("Sales reached 1.2 trillion yuan last year.", "1.2 trillion yuan", 1.2e12, "currency", "CNY", "exact"),
    ("The insurer paid 40 million US dollars.", "40 million US dollars", 4e7, "currency", "USD", "exact"),
    ("The fine came to 7 million euros.", "7 million euros", 7e6, "currency", "EUR", "exact"),
    ("Each token costs 0.5 yuan per million input tokens.", "0.5 yuan", 0.5, "currency", "CNY", "exact"),
    # measurements
    ("The national grid of clusters reached 1,240 EFLOPS.", "1,240 EFLOPS", 1240, "other", "EFLOPS", "exact"),
    ("The site provides 45,000 petaflops of compute.", "45,000 petaflops", 45000, "other", "petaflops", "exact"),
    ("Peak load hit 2.3 gigawatts in July.", "2.3 gigawatts", 2.3, "other", "gigawatts", "exact"),
    ("The foundry makes 5 nm chips.", "5 nm", 5, "other", "nm", "exact"),
    ("The headset weighs about 75 grams.", "75 grams", 75, "other", "grams", "about"),
    ("The terminal moved 12.5 million TEUs.", "12.5 million TEUs", 12.5e6, "other", "TEU", "exact"),
    ("The hub handled 8 million twenty-foot equivalent units.", "8 million twenty-foot equivalent units",
     8e6, "other", "TEU", "exact"),
    ("The new hall runs at a PUE of 1.18.", "1.18", 1.18, "other", "PUE", "exact"),
    ("The card carries 96GB of memory.", "96GB", 96, "other", "GB", "exact"),
    # compound adjectives
    ("Engineers finished a 500-kilovolt line.", "500-kilovolt", 500, "other", "kilovolt", "exact"),
    ("The phone has a 50-megapixel sensor.", "50-megapixel", 50, "other", "megapixel", "exact"),
    ("The city launched a 10-billion-yuan fund.", "10-billion-yuan", 1e10, "currency", "CNY", "exact"),
    ("The lab is training a trillion-parameter model.", "trillion-parameter", 1e12, "count", None, "exact"),
    ("They built a 20,000-card cluster.", "20,000-card", 20000, "count", None, "exact"),
    # qualifiers
    ("Some 350 teams took part.", "350", 350, "count", None, "about"),
    ("The fund holds approximately $3 billion.", "$3 billion", 3e9, "currency", "USD", "about"),
    ("The group employs close to 9,000 people.", "9,000", 9000, "count", None, "about"),
    ("Deliveries topped 80,000 units.", "80,000", 80000, "count", None, "more_than"),
    ("Spending exceeded 2 billion yuan.", "2 billion yuan", 2e9, "currency", "CNY", "more_than"),
    ("The app has over 90 million users.", "90 million", 9e7, "count", None, "more_than"),
    ("Revenue must be at least 500 million yuan.", "500 million yuan", 5e8, "currency", "CNY", "at_least"),
    ("Grants go to firms with 50 staff or more.", "50", 50, "count", None, "at_least"),
    ("The sedan is priced from 189,000 yuan.", "189,000 yuan", 189000, "currency", "CNY", "at_least"),
    ("The robot dog sells from 16,000 yuan.", "16,000 yuan", 16000, "currency", "CNY", "at_least"),
    ("Phones priced under 3,000 yuan qualify.", "3,000 yuan", 3000, "currency", "CNY", "less_than"),
    ("Less than 5 percent of chips were imported.", "5 percent", 5, "percent", None, "less_than"),
    ("The subsidy is capped at 800 yuan.", "800 yuan", 800, "currency", "CNY", "at_most"),
    ("Shares jumped as much as 11 percent.", "11 percent", 11, "percent", None, "at_most"),
    ("The window handles up to 64,000 tokens.", "64,000", 64000, "count", None, "at_most"),
    ("No more than 20 firms will be chosen.", "20", 20, "count", None, "at_most"),
    ("At least one supplier has pulled out.", "one", 1, "count", None, "at_least"),
    ("Imports of ~40% were reported.", "40%", 40, "percent", None, "about"),
    # more held-out style forms
    ("The group raised Rmb8bn from local funds.", "Rmb8bn", 8e9, "currency", "CNY", "exact"),
    ("A court fined the firm 2.5 million Chinese yuan.", "2.5 million Chinese yuan", 2.5e6, "currency", "CNY",
     "exact"),
    ("The insurer bought a 15-percent stake.", "15-percent", 15, "percent", None, "exact"),
    ("The robot's speed improved by a factor of four.", "four", 4, "multiple", None, "exact"),
    ("The bot is queried over 50,000 times a day.", "50,000", 50000, "count", None, "more_than"),
    ("A nine-member committee will review bids.", "nine-member", 9, "count", None, "exact"),
    ("Upward of 3,000 drones were delivered.", "3,000", 3000, "count", None, "more_than"),
    ("Margins ended just short of 10 percent.", "10 percent", 10, "percent", None, "less_than"),
    ("The pack stores 80 kWh of energy.", "80 kWh", 80, "other", "kWh", "exact"),
    ("Orders grew 40 percent, with 12 billion going to chips, after spending 30 billion yuan.",
     "12 billion", 12e9, "count", None, "exact"),
    ("The city spent 30 billion yuan, with 12 billion going to chips.", "12 billion", 12e9, "currency", "CNY",
     "exact"),
]


@pytest.mark.parametrize("sentence,text,value,unit,extra,qualifier", CASES, ids=[c[1] for c in CASES])
def test_pattern(sentence, text, value, unit, extra, qualifier):
    q = _find(sentence, text)
    assert sentence[q.char_start:q.char_end] == q.text
    assert _close(q.value, value)
    assert q.unit == unit
    if unit == "currency":
        assert q.currency == extra
    else:
        assert q.currency is None
    if unit == "other":
        assert q.unit_symbol == extra
    else:
        assert q.unit_symbol is None
    assert q.qualifier == qualifier


# ---------------------------------------------------------------- ranges and conversions
def _triples(sentence):
    return [(q.text, round(q.value, 6), q.unit, q.currency, q.qualifier) for q in extract_quantities(sentence)]


def test_range_percent_first_end_borrows_unit():
    assert _triples("Analysts expect margins of 15 to 20 percent.") == [
        ("15", 15, "percent", None, "range"), ("20 percent", 20, "percent", None, "range")]


def test_range_currency_first_end_borrows_scale_and_currency():
    assert _triples("A plant costs from 300 million to 600 million yuan.") == [
        ("300 million", 3e8, "currency", "CNY", "range"), ("600 million yuan", 6e8, "currency", "CNY", "range")]


def test_range_between_with_symbols():
    assert _triples("The listing could raise between HK$2 billion and HK$3 billion.") == [
        ("HK$2 billion", 2e9, "currency", "HKD", "range"), ("HK$3 billion", 3e9, "currency", "HKD", "range")]


def test_range_counts():
    assert _triples("Prompts of 8,000 to 64,000 tokens are billed higher.") == [
        ("8,000", 8000, "count", None, "range"), ("64,000", 64000, "count", None, "range")]


def test_range_hyphen_and_scale_borrowing():
    assert _triples("The round may reach $4-6 billion.") == [
        ("$4", 4e9, "currency", "USD", "range"), ("6 billion", 6e9, "currency", "USD", "range")]


def test_range_percentage_point():
    assert _triples("The plan may add 0.3 to 0.5 percentage point to growth.") == [
        ("0.3", 0.3, "percentage_point", None, "range"),
        ("0.5 percentage point", 0.5, "percentage_point", None, "range")]


def test_change_is_not_a_range():
    # "fell X to Y" with different units, and "rose from X to Y", are changes, not ranges.
    assert _triples("Net profit fell 9 percent to 2.1 billion yuan.") == [
        ("9 percent", 9, "percent", None, "exact"), ("2.1 billion yuan", 2.1e9, "currency", "CNY", "exact")]
    got = _triples("The share rose from 20 percent to 35 percent.")
    assert [g[4] for g in got] == ["exact", "exact"]


def test_bracketed_conversion_takes_qualifier():
    assert _triples("The group will invest more than 70 billion yuan ($9.8 billion).") == [
        ("70 billion yuan", 7e10, "currency", "CNY", "more_than"),
        ("$9.8 billion", 9.8e9, "currency", "USD", "more_than")]


def test_bracketed_conversion_exact():
    assert _triples("Sales hit 3.6 billion yuan ($500 million).") == [
        ("3.6 billion yuan", 3.6e9, "currency", "CNY", "exact"), ("$500 million", 5e8, "currency", "USD", "exact")]


def test_range_with_number_words():
    assert _triples("The plant will cost between four and five billion yuan.") == [
        ("four", 4e9, "currency", "CNY", "range"), ("five billion yuan", 5e9, "currency", "CNY", "range")]


def test_parallel_list_shares_qualifier():
    got = _triples("The site hosts over 30 million songs and 90 million clips.")
    assert [(g[0], g[4]) for g in got] == [("30 million", "more_than"), ("90 million", "more_than")]


def test_event_count_times_is_count():
    q = extract_quantities("The app was installed 250 million times.")
    assert [(x.text, x.unit, x.value) for x in q] == [("250 million", "count", 2.5e8)]


def test_list_shares_unit():
    assert _triples("Tickets cost 280 and 380 yuan.") == [
        ("280", 280, "currency", "CNY", "exact"), ("380 yuan", 380, "currency", "CNY", "exact")]


def test_offsets_in_document():
    body = "Intro line.\n\nThe fund raised 5 billion yuan.\n\nIt has 30 staff."
    qs = extract_quantities(body)
    assert [q.text for q in qs] == ["5 billion yuan", "30"]
    for q in qs:
        assert body[q.char_start:q.char_end] == q.text
    assert qs[0].char_start < qs[1].char_start


def test_subject_is_noun_after_count():
    q = _find("The region is home to 640 robotics firms.", "640")
    assert q.subject and "robotics firms" in q.subject


# ---------------------------------------------------------------- negatives
NEGATIVES = [
    "The policy took effect in 2024 and runs through 2021-2025 targets.",
    "The model was released on Sept. 28 and updated on June 30.",
    "The filing is dated Dec. 30, 2024.",
    "The briefing began at 9:30 a.m. and ended at 4 pm.",
    "The rollout will take 18 months.",
    "Results arrived within one week.",
    "The pilot ran for three years.",
    "The app creates a five-second clip in three minutes.",
    "Charging takes two to three hours.",
    "He is 52 years old, and a 38-year-old engineer joined him.",
    "Hundreds of millions of people use it, and billions of yuan were spent.",
    "A few firms and dozens of startups joined.",
    "It streams 1080p and 4K video over 5G networks.",
    "It was the first such deal and the company's third generation chip.",
    "The app ranked No. 1 in the store's top 10 list.",
    "The hospital is rated Grade 3A.",
    "GPT-4 and Claude 3.5 trail Qwen2.5 on the test.",
    "Hunyuan Image 3.0 and Kling 2.1 launched alongside Seedance 1.0.",
    "Huawei showed the Ascend 910C, the Ascend 950PR, the Atlas 950 and CloudMatrix 384.",
    "Nvidia's NVL144 rack and Unitree's Walker S2 were on show, as was Kimi K2.",
    "The 14th Five-Year Plan set new goals.",
    "The team released Qwen3-235B-A22B last spring.",
    "Call the hotline at 400-800-1234 or +86 10 6512 3456.",
    "No one expected the one that won to arrive one day.",
    "At any one time the system is busy.",
    "The hub is one of the largest in Asia.",
    "Revenue was strong in the first half and the second half.",
    "Sales were strong in the first quarter and the third quarter.",
    "The firm is a third-party supplier and a double-digit grower.",
    "The chip is the 910B, and the 970 will follow.",
    "The launch is scheduled for 2025-10-28.",
    "Meetings happen twice a year and three times a week.",
    "The Two Sessions opened as the Fortune 500 list came out.",
    "The 2025 World AI Conference opened in Shanghai.",
    "The firm runs a one-stop shop and a two-way platform with a three-pronged plan.",
    "\"We will grow,\" said Zhang Min, 47, after the meeting.",
    "The iPhone 16 Pro and the Mate 70 went on sale with Wi-Fi 7 support.",
    "The deal closed in mid-2025 after the post-2020 boom, as the 2025-26 season began.",
    "The scoreboard read 21-17 at the end.",
    "Tencent (0700.HK) and SMIC (0981) were listed.",
    "People aged 18 to 35 and events on Jan. 5-7 are covered.",
    "The so-called battle of a hundred models goes on.",
    "Of the five largest banks, none joined, said the Two Sessions delegates.",
]


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_negative(sentence):
    assert extract_quantities(sentence) == []


def test_rank_cutoff_is_not_counted():
    assert [q.text for q in extract_quantities("Chinese labs hold nine of the top 10 spots.")] == ["nine"]


def test_one_of_eight():
    assert [q.text for q in extract_quantities("The park is one of eight pilot zones.")] == ["eight"]


def test_rate_base_is_not_a_quantity():
    got = extract_quantities("Output tokens cost 4 yuan per 1 million tokens.")
    assert [q.text for q in got] == ["4 yuan"]


def test_durations_next_to_quantities():
    got = extract_quantities("Usage grew more than 200-fold in just 18 months.")
    assert [(q.text, q.qualifier) for q in got] == [("200-fold", "more_than")]


def test_order_and_determinism():
    body = "It has 3 plants, 40 percent of output and $2 billion in debt."
    a, b = extract_quantities(body), extract_quantities(body)
    assert a == b
    assert [q.char_start for q in a] == sorted(q.char_start for q in a)


def test_dash_range_after_a_prefixed_amount_keeps_the_currency():
    found = [(q.text, q.value, q.currency, q.qualifier) for q in extract_quantities(
        "Start-ups offered RMB2.5mn-3mn (US$350,000-420,000) a year to senior researchers.")]
    assert found == [("RMB2.5mn", 2.5e6, "CNY", "range"), ("3mn", 3e6, "CNY", "range"),
                     ("US$350,000", 350000.0, "USD", "range"), ("420,000", 420000.0, "USD", "range")]


def test_ordinal_of_a_scale_word_is_not_a_quantity():
    assert extract_quantities("The plant rolled out its 5 millionth battery pack.") == []


def test_number_in_a_clause_about_age_is_not_a_quantity():
    assert extract_quantities("The median age of the fishermen is now above 55.") == []
    assert [q.text for q in extract_quantities("Staff over the age of 50 make up 30 percent of the total.")] == ["30 percent"]


# ---------------------------------------------------------------- 1.1.0: shapes of news writing
def _got(sentence):
    return [(q.text, round(q.value, 6), q.unit, q.currency or q.unit_symbol, q.qualifier)
            for q in extract_quantities(sentence)]


def test_compound_adjectives_with_scale_and_noun():
    assert _got("Baidu showed a 7-billion-parameter version of its model.") == [
        ("7-billion-parameter", 7e9, "count", None, "exact")]
    assert _got("Ningxia is wiring up a 10,000-GPU cluster.") == [("10,000-GPU", 10000, "count", None, "exact")]
    assert _got("Hefei launched a 60-billion-yuan fund for chip start-ups.") == [
        ("60-billion-yuan", 6e10, "currency", "CNY", "exact")]
    assert _got("Rivals are racing to train a trillion-parameter system.") == [
        ("trillion-parameter", 1e12, "count", None, "exact")]


def test_context_length_with_k_or_m_suffix_is_a_count():
    assert _got("The lab's model has a 128K context window.") == [("128K", 128000, "count", None, "exact")]
    assert _got("A 256K-token window is now standard.") == [("256K-token", 256000, "count", None, "exact")]
    assert _got("The upgrade brings a 1M-token context.") == [("1M-token", 1e6, "count", None, "exact")]
    assert _got("Its context window doubled to 64K.")[-1] == ("64K", 64000, "count", None, "exact")


def test_k_format_label_is_decided_by_the_following_word():
    assert extract_quantities("The drone films in 4K and 8K video.") == []
    assert extract_quantities("Its new set-top box plays 8K content.") == []
    assert extract_quantities("The trailer was shot in 4K.") == []


def test_slash_fraction():
    assert _got("Only 1/8 of the servers use domestic chips.") == [("1/8", 0.125, "fraction", None, "exact")]
    assert _got("Nearly 2/3 of the pilots succeeded.") == [("2/3", 0.666667, "fraction", None, "about")]
    assert _got("About one-eighth of the budget goes to data labelling.") == [
        ("one-eighth", 0.125, "fraction", None, "about")]


def test_slash_that_is_a_date_a_rating_or_a_schedule_is_not_a_fraction():
    assert extract_quantities("The support desk works 24/7 and the 11/11 sale starts soon.") == []
    assert extract_quantities("Reviewers rated it 4/5, and buyers gave it 3/5 stars.") == []
    assert extract_quantities("The memo was issued on 3/4 last year.") == []


def test_coins_are_money_in_whole_units():
    assert _got("Each query costs 3 cents.") == [("3 cents", 0.03, "currency", "USD", "exact")]
    assert _got("The fee is 20 HK cents per message.") == [("20 HK cents", 0.2, "currency", "HKD", "exact")]
    assert _got("A ride costs 50 fen, a bottle 8 jiao.") == [
        ("50 fen", 0.5, "currency", "CNY", "exact"), ("8 jiao", 0.8, "currency", "CNY", "exact")]
    assert _got("Stickers sell for 5¢ each.") == [("5¢", 0.05, "currency", "USD", "exact")]
    assert _got("Calls cost 2 to 4 cents.") == [
        ("2", 0.02, "currency", "USD", "range"), ("4 cents", 0.04, "currency", "USD", "range")]


def test_quadrillion_quintillion_sextillion():
    assert _got("The grid ran 1 quintillion operations, then 2.5 sextillion.") == [
        ("1 quintillion", 1e18, "count", None, "exact"), ("2.5 sextillion", 2.5e21, "count", None, "exact")]
    assert _got("The firm served 3 quadrillion tokens.") == [("3 quadrillion", 3e15, "count", None, "exact")]


def test_zero_is_a_number_word():
    assert _got("Rural deposits grew zero percent.") == [("zero percent", 0, "percent", None, "exact")]
    # A bound of zero in a clause about a margin or rate is 0 percent; otherwise a count.
    assert _got("The operating margin of the unit dipped below zero.") == [("zero", 0, "percent", None, "less_than")]
    assert _got("The plant cut defects to zero.") == [("zero", 0, "count", None, "exact")]


def test_zero_in_set_phrases_is_not_a_quantity():
    assert extract_quantities(
        "The city wants zero-emission buses, a zero tolerance policy, net zero by 2060 and "
        "apps at zero cost, and analysts hope to zero in on the winners.") == []


def test_small_number_words_counting_things():
    assert [q.text for q in extract_quantities("Three banks and the four insurers signed.")] == ["Three", "four"]
    # A superlative makes a rank cut-off only after "of the": "the five biggest labs" is a count.
    assert [q.text for q in extract_quantities("Drones are among the two leading exports of the town.")] == ["two"]
    assert [q.text for q in extract_quantities("Staff at the five biggest labs got raises.")] == ["five"]
    assert [q.text for q in extract_quantities("Of the six largest carriers, two signed.")] == ["two"]


def test_number_words_in_idioms_and_ranks_are_not_quantities():
    assert extract_quantities("Nine times out of ten, the cheaper chatbot wins.") == []
    assert extract_quantities("Finding such talent is one in a million.") == []
    assert extract_quantities("It is the world's number two foundry and one of the top three.") == []


def test_currency_signs_map_to_iso_codes():
    got = _got("Units raised ₩5 billion, ₹20 billion, R$300 million, £40 million, €7 million, "
               "₽3 billion, ฿2 billion, ₺50 million, ₱1 billion, MX$9 million and JP¥4 billion.")
    assert [g[3] for g in got] == ["KRW", "INR", "BRL", "GBP", "EUR", "RUB", "THB", "TRY", "PHP", "MXN", "JPY"]
    assert all(g[2] == "currency" for g in got)


def test_yen_sign_follows_the_currency_word_of_its_sentence():
    assert _got("Sony earmarked ¥80 billion, or 80 billion yen, for sensors.")[0][3] == "JPY"
    assert _got("The speaker sells for ¥399.")[0][3] == "CNY"
    assert _got("The yuan gained on the yen, and the phone costs ¥2,999.")[0][3] == "CNY"


def test_unmapped_currency_sign_is_a_measure_not_money_without_a_code():
    assert _got("The fund holds ₿120 in reserve.") == [("₿120", 120, "other", "₿", "exact")]


STOCK_CODES = [
    "Horizon Robotics (9660.HK) opened higher.",
    "The shares trade under stock code 9660.",
    "The company listed on HKEX: 9660 on Friday.",
    "Kweichow Moutai (600519.SH) and iFlytek (002230.SZ) fell.",
    "Horizon (9660 HK) and Cambricon (688256) gained.",
    "Unisound (Hong Kong: 9678) rose.",
    "Call 400 820 8820 or (852) 2345 6789 for details.",
]


@pytest.mark.parametrize("sentence", STOCK_CODES)
def test_stock_codes_and_phone_numbers_are_not_quantities(sentence):
    assert extract_quantities(sentence) == []


def test_stock_code_next_to_real_figures():
    assert [q.text for q in extract_quantities("Zhipu (stock code 2513) rose 12 percent to HK$80.")] == [
        "12 percent", "HK$80"]
    assert [q.text for q in extract_quantities("It sold 500 US chips and 300 HK phones.")] == ["500", "300"]


def test_halve_is_a_fraction():
    assert _got("Moonshot plans to halve its API prices.") == [("halve", 0.5, "fraction", None, "exact")]
    assert _got("Rivals halved theirs within days.") == [("halved", 0.5, "fraction", None, "exact")]


def test_area_and_concentration_units():
    assert _got("A 12,000-square-metre lab opened.") == [
        ("12,000-square-metre", 12000, "other", "square-metre", "exact")]
    assert _got("Dust fell to 0.5 parts per million, or 2 ppb.") == [
        ("0.5 parts per million", 0.5, "other", "parts per million", "exact"), ("2 ppb", 2, "other", "ppb", "exact")]


def test_bare_end_of_a_duration_is_not_a_count():
    assert extract_quantities("Delivery times shrank from nine days to four.") == []
    assert extract_quantities("Approval now takes 2.5 hours, down from seven.") == []
    assert [q.text for q in extract_quantities("It offers two-year loans to 300 farms.")] == ["300"]


def test_qualifiers_of_news_verbs_and_comparatives():
    assert _got("Monthly users passed 40 million in May.")[0][4] == "more_than"
    assert _got("Parliament passed three laws.")[0][4] == "exact"
    assert _got("Inputs longer than 32,000 tokens cost more.")[0][4] == "more_than"
    assert _got("It scored within 2 percentage points of the leader.")[0][4] == "at_most"
    assert _got("The 300-plus suppliers met in Wuxi.")[0][4] == "more_than"


def test_conversion_in_brackets_takes_the_qualifier_of_the_amount_it_converts():
    assert [g[4] for g in _got("The park will cost 45 billion yuan (about $6.3 billion).")] == ["exact", "exact"]
    assert [g[4] for g in _got("It raised nearly 2 billion yuan (around $280 million).")] == ["about", "about"]


def test_falling_pair_and_change_verbs_are_changes_not_ranges():
    assert [g[4] for g in _got("Robots had lowered the scrap rate at two plants from 9 percent to 4 percent.")] == [
        "exact", "exact", "exact"]
    assert [g[4] for g in _got("Its share is set to climb from roughly a fifth to a third.")] == ["about", "exact"]
    assert [g[4] for g in _got("Tickets range from 70 to 90 yuan.")] == ["range", "range"]


def test_parallel_figures_share_a_leading_qualifier():
    assert [g[4] for g in _got("Cloud and devices make up about 61.5 percent and 30.2 percent of sales.")] == [
        "about", "about"]


@pytest.mark.parametrize("text,value", [
    ("Margins moved -12 percent in the quarter.", -12.0),
    ("Visits changed by \u22123.5 percent.", -3.5),
    ("The index moved minus 2 percentage points.", -2.0),
])
def test_negative_sign_before_a_figure(text, value):
    assert value in {q.value for q in extract_quantities(text)}


def test_hyphen_between_figures_is_a_range_not_a_sign():
    assert all(q.value > 0 for q in extract_quantities("Prices rose 10-12 percent."))
