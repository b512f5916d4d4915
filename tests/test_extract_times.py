"""Time expressions: one case per supported pattern, the negatives, and the resolution rules."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from pipeline.extract import times
from pipeline.extract.times import TimeExpression, extract_time_expressions

TUE = date(2025, 10, 28)  # a Tuesday
GRANULARITIES = {"day", "week", "month", "quarter", "half", "year", "multi_year"}


def found(text: str, pub: date | None = TUE) -> list[tuple[str, str, str]]:
    """(text, start, end) of every expression, after checking offsets and order."""
    out = extract_time_expressions(text, pub)
    assert [e.char_start for e in out] == sorted(e.char_start for e in out)
    for e in out:
        assert text[e.char_start:e.char_end] == e.text
        assert e.start_date <= e.end_date
        assert e.granularity in GRANULARITIES
    return [(e.text, e.start_date.isoformat(), e.end_date.isoformat()) for e in out]


# (sentence, publication date, expected (text, start, end) in order)
PATTERNS = {
    # full and partial dates
    "month_day_year": ("The board met on October 3, 2024 to vote.", TUE,
                       [("October 3, 2024", "2024-10-03", "2024-10-03")]),
    "abbreviated_month_day_year": ("Filings closed Nov. 4, 2023, the agency said.", TUE,
                                   [("Nov. 4, 2023", "2023-11-04", "2023-11-04")]),
    "sept_day": ("A new chip went on sale on Sept. 9 in Shenzhen.", TUE,
                 [("Sept. 9", "2025-09-09", "2025-09-09")]),
    "sep_day_no_dot": ("Pre-orders opened Sep 30 for the phone.", TUE,
                       [("Sep 30", "2025-09-30", "2025-09-30")]),
    "day_month_year": ("The pact was signed on 2 March 2022 in Geneva.", TUE,
                       [("2 March 2022", "2022-03-02", "2022-03-02")]),
    "iso_date": ("The filing is dated 2024-12-05.", TUE, [("2024-12-05", "2024-12-05", "2024-12-05")]),
    "month_year": ("The lab opened in August 2021 near Suzhou.", TUE,
                   [("August 2021", "2021-08-01", "2021-08-31")]),
    "bare_month": ("Orders picked up in July, the firm said.", TUE, [("July", "2025-07-01", "2025-07-31")]),
    "day_range_same_month": ("The fair runs Nov. 5-7 in Wuzhen.", TUE, [("Nov. 5-7", "2025-11-05", "2025-11-07")]),
    "day_range_across_months": ("Voting ran from Dec. 29 to Jan. 3, 2024.", TUE,
                                [("from Dec. 29 to Jan. 3, 2024", "2023-12-29", "2024-01-03")]),
    # bare years
    "in_year": ("Profits fell in 2023 after a rough start.", TUE, [("2023", "2023-01-01", "2023-12-31")]),
    "year_as_modifier": ("Regulators set a 2026 target for the rollout.", TUE,
                         [("2026", "2026-01-01", "2026-12-31")]),
    "since_year": ("The start-up has grown fast since 2018.", TUE, [("2018", "2018-01-01", "2018-12-31")]),
    "year_in_event_name": ("Robots starred at the 2023 World Robot Conference.", TUE,
                           [("2023", "2023-01-01", "2023-12-31")]),
    "year_as_subject": ("2024 was a hard year for chipmakers.", TUE, [("2024", "2024-01-01", "2024-12-31")]),
    "decade": ("Such tools were rare in the 2010s.", TUE, [("the 2010s", "2010-01-01", "2019-12-31")]),
    "fiscal_year": ("Sales grew in fiscal 2024 and FY2025.", TUE,
                    [("fiscal 2024", "2024-01-01", "2024-12-31"), ("FY2025", "2025-01-01", "2025-12-31")]),
    # year ranges
    "year_range_hyphen": ("The plan for 2026-2030 was approved.", TUE, [("2026-2030", "2026-01-01", "2030-12-31")]),
    "year_range_in_brackets": ("The 15th Five-Year Plan period (2026-2030) starts soon.", TUE,
                               [("2026-2030", "2026-01-01", "2030-12-31")]),
    "year_range_to": ("Output doubled from 2019 to 2022.", TUE,
                      [("from 2019 to 2022", "2019-01-01", "2022-12-31")]),
    "year_range_between": ("Spending rose between 2020 and 2023.", TUE,
                           [("2020 and 2023", "2020-01-01", "2023-12-31")]),
    "year_range_short": ("The 2025-26 season begins.", TUE, [("2025-26", "2025-01-01", "2026-12-31")]),
    # datelines and date lines
    "xinhua_dateline": ("SHENZHEN, March 3 (Xinhua) -- A drone maker said it had grown.", date(2025, 3, 4),
                        [("March 3", "2025-03-03", "2025-03-03")]),
    "dateline_across_new_year": ("SHANGHAI, Dec. 31 -- Trading ended.", date(2026, 1, 1),
                                 [("Dec. 31", "2025-12-31", "2025-12-31")]),
    "dateline_with_region": ("KASHGAR, Xinjiang, May 9 -- Farmers planted.", date(2025, 5, 10),
                             [("May 9", "2025-05-09", "2025-05-09")]),
    "date_line_alone": ("November 2, 2025\n\nThe text starts here.", date(2025, 11, 2),
                        [("November 2, 2025", "2025-11-02", "2025-11-02")]),
    "time_stamp_line": ("09:45, July 7, 2024\n\nThe report follows.", date(2024, 7, 7),
                        [("July 7, 2024", "2024-07-07", "2024-07-07")]),
    # weekdays
    "weekday_same_day": ("The insurer said on Tuesday that claims rose.", TUE, [("Tuesday", "2025-10-28", "2025-10-28")]),
    "weekday_earlier": ("Shares slid on Friday before recovering.", TUE, [("Friday", "2025-10-24", "2025-10-24")]),
    "last_weekday": ("The app was updated last Wednesday.", TUE, [("last Wednesday", "2025-10-22", "2025-10-22")]),
    "weekday_range": ("The expo was held from Thursday to Saturday.", TUE,
                      [("from Thursday to Saturday", "2025-10-23", "2025-10-25")]),
    # relative to publication
    "a_year_ago": ("The service had few users a year ago.", TUE, [("a year ago", "2024-10-01", "2024-10-31")]),
    "two_years_ago": ("Prices were higher two years ago.", TUE, [("two years ago", "2023-10-01", "2023-10-31")]),
    "last_year": ("Exports jumped last year.", TUE, [("last year", "2024-01-01", "2024-12-31")]),
    "this_year_capitalised": ("This year brings more launches.", TUE, [("This year", "2025-01-01", "2025-12-31")]),
    "this_years": ("Analysts raised this year's forecast.", TUE, [("this year", "2025-01-01", "2025-12-31")]),
    "next_year": ("The fab will open next year.", TUE, [("next year", "2026-01-01", "2026-12-31")]),
    "of_the_year": ("It was the biggest deal of the year.", TUE, [("the year", "2025-01-01", "2025-12-31")]),
    "last_month": ("Sales cooled last month.", TUE, [("last month", "2025-09-01", "2025-09-30")]),
    "this_month": ("A rival is due to list this month.", TUE, [("this month", "2025-10-01", "2025-10-31")]),
    "earlier_this_month": ("Rules took effect earlier this month.", TUE,
                           [("earlier this month", "2025-10-01", "2025-10-31")]),
    "later_this_month": ("A vote is expected later this month.", TUE,
                         [("later this month", "2025-10-01", "2025-10-31")]),
    "last_week": ("Rumours spread last week.", TUE, [("last week", "2025-10-20", "2025-10-26")]),
    "this_week": ("Talks resume this week.", TUE, [("this week", "2025-10-27", "2025-11-02")]),
    "today_literal": ("The ministry said today it would cut fees.", TUE, [("today", "2025-10-28", "2025-10-28")]),
    "yesterday": ("The index fell yesterday.", TUE, [("yesterday", "2025-10-27", "2025-10-27")]),
    "last_month_name": ("The chip first shipped last November.", TUE,
                        [("last November", "2024-11-01", "2024-11-30")]),
    "month_last_year": ("The fund was set up in April last year.", TUE,
                        [("April last year", "2024-04-01", "2024-04-30")]),
    "same_month_last_year": ("Output in August beat the same month last year.", TUE,
                             [("August", "2025-08-01", "2025-08-31"),
                              ("the same month last year", "2024-08-01", "2024-08-31")]),
    "early_this_year": ("Demand dipped early this year.", TUE, [("early this year", "2025-01-01", "2025-01-31")]),
    "earlier_this_year": ("The firm hired a new chief earlier this year.", TUE,
                          [("earlier this year", "2025-01-01", "2025-12-31")]),
    "later_in_year": ("More models will follow later in 2025.", TUE,
                      [("later in 2025", "2025-10-28", "2025-12-31")]),
    # quarters and halves
    "first_quarter_no_year": ("Margins improved in the first quarter.", TUE,
                              [("the first quarter", "2025-01-01", "2025-03-31")]),
    "quarter_with_year": ("Deliveries begin in the third quarter of 2026.", TUE,
                          [("the third quarter of 2026", "2026-07-01", "2026-09-30")]),
    "q_notation": ("Revenue in Q2 2024 missed forecasts.", TUE, [("Q2 2024", "2024-04-01", "2024-06-30")]),
    "quarter_of_that_year": ("Trials start in the second quarter of 2027, with sales in the fourth quarter of that year.", TUE,
                             [("the second quarter of 2027", "2027-04-01", "2027-06-30"),
                              ("the fourth quarter of that year", "2027-10-01", "2027-12-31")]),
    "month_named_quarter": ("Bookings rose in the September quarter.", TUE,
                            [("the September quarter", "2025-07-01", "2025-09-30")]),
    "month_range_quarter": ("Profit fell in the July-September quarter.", TUE,
                            [("the July-September quarter", "2025-07-01", "2025-09-30")]),
    "current_year": ("Sales in the current year should top last year's.", TUE,
                     [("the current year", "2025-01-01", "2025-12-31"), ("last year", "2024-01-01", "2024-12-31")]),
    "current_quarter": ("Guidance for the current quarter was cut.", TUE,
                        [("the current quarter", "2025-10-01", "2025-12-31")]),
    "first_half_with_year": ("Losses narrowed in the first half of 2024.", TUE,
                             [("the first half of 2024", "2024-01-01", "2024-06-30")]),
    "h_notation": ("Shipments in H2 2024 set a record.", TUE, [("H2 2024", "2024-07-01", "2024-12-31")]),
    "second_half_no_year": ("A cheaper model is planned for the second half.", TUE,
                            [("the second half", "2025-07-01", "2025-12-31")]),
    "first_three_quarters": ("Investment grew in the first three quarters of 2024.", TUE,
                             [("the first three quarters of 2024", "2024-01-01", "2024-09-30")]),
    "first_months_of_the_year": ("Imports slowed in the first two months of the year.", TUE,
                                 [("the first two months of the year", "2025-01-01", "2025-02-28")]),
    "quarter_in_january_story": ("Sales in the fourth quarter were strong.", date(2026, 1, 15),
                                 [("the fourth quarter", "2025-10-01", "2025-12-31")]),
    # period boundaries
    "beginning_of_year": ("Fees were cut at the beginning of 2023.", TUE,
                          [("the beginning of 2023", "2023-01-01", "2023-01-31")]),
    "start_of_year": ("The rule applies from the start of 2026.", TUE,
                      [("the start of 2026", "2026-01-01", "2026-01-31")]),
    "end_of_month_year": ("Users topped 5 million by the end of March 2025.", TUE,
                          [("the end of March 2025", "2025-03-31", "2025-03-31")]),
    "end_of_month": ("Stocks were low at the end of August.", TUE,
                     [("the end of August", "2025-08-31", "2025-08-31")]),
    "end_of_last_year": ("Debt peaked at the end of last year.", TUE,
                         [("the end of last year", "2024-12-01", "2024-12-31")]),
    "end_of_the_year": ("The line should be ready by the end of the year.", TUE,
                        [("the end of the year", "2025-12-01", "2025-12-31")]),
    "end_of_year": ("The fleet will double by the end of 2027.", TUE,
                    [("the end of 2027", "2027-12-01", "2027-12-31")]),
    "early_year": ("A listing is possible in early 2026.", TUE, [("early 2026", "2026-01-01", "2026-01-31")]),
    "mid_year": ("The satellite launches in mid-2026.", TUE, [("mid-2026", "2026-06-01", "2026-07-31")]),
    "late_year": ("Mass production is slated for late 2028.", TUE, [("late 2028", "2028-12-01", "2028-12-31")]),
    "early_month": ("Tariffs rose in early March.", TUE, [("early March", "2025-03-01", "2025-03-10")]),
    "mid_month": ("The team reorganised in mid-June.", TUE, [("mid-June", "2025-06-11", "2025-06-20")]),
    "late_month": ("Prices spiked in late May.", TUE, [("late May", "2025-05-21", "2025-05-31")]),
    "late_last_month": ("The summit took place late last month.", TUE,
                        [("late last month", "2025-09-21", "2025-09-30")]),
    "end_of_quarter": ("Cash stood at 3 billion yuan at the end of the second quarter.", TUE,
                       [("the end of the second quarter", "2025-06-30", "2025-06-30")]),
    # by / through / until
    "by_year": ("Coverage should reach 80 percent by 2029.", TUE, [("by 2029", "2029-01-01", "2029-12-31")]),
    "through_year": ("Demand may grow 30 percent a year through 2031.", TUE,
                     [("through 2031", "2031-01-01", "2031-12-31")]),
    "until_year": ("The subsidy runs until 2027.", TUE, [("until 2027", "2027-01-01", "2027-12-31")]),
    # month ranges
    "between_months": ("Traffic fell between February and May.", TUE,
                       [("February and May", "2025-02-01", "2025-05-31")]),
    "two_months_joined": ("Output in March and April rose.", TUE,
                          [("March and April", "2025-03-01", "2025-04-30")]),
    "month_to_month_year": ("The pilot ran from May to September 2022.", TUE,
                            [("from May to September 2022", "2022-05-01", "2022-09-30")]),
    "month_range_past": ("Users fell between January and April, a tracker said.", date(2025, 11, 20),
                         [("January and April", "2025-01-01", "2025-04-30")]),
    # offsets from a named period
    "year_earlier_adjective": ("Sales in the first half of 2025 were 3 billion yuan, double the year-earlier level.", TUE,
                               [("the first half of 2025", "2025-01-01", "2025-06-30"),
                                ("year-earlier", "2024-01-01", "2024-06-30")]),
    "a_year_earlier_named": ("Profit in the third quarter of 2025 rose 9 percent from a year earlier.", TUE,
                             [("the third quarter of 2025", "2025-07-01", "2025-09-30"),
                              ("a year earlier", "2024-07-01", "2024-09-30")]),
    "a_year_earlier_previous_sentence": ("Revenue hit a record in March. That was 40 percent above a year earlier.", TUE,
                                         [("March", "2025-03-01", "2025-03-31"),
                                          ("a year earlier", "2024-03-01", "2024-03-31")]),
    "a_year_earlier_unanchored": ("Prices were 5 percent lower than a year earlier.", TUE,
                                  [("a year earlier", "2024-10-01", "2024-10-31")]),
    "same_period_a_year_earlier": ("Loans in the first nine months of 2025 beat the same period a year earlier.", TUE,
                                   [("the first nine months of 2025", "2025-01-01", "2025-09-30"),
                                    ("the same period a year earlier", "2024-01-01", "2024-09-30")]),
    "same_period_last_year": ("Sales in the second quarter beat the same period last year.", TUE,
                              [("the second quarter", "2025-04-01", "2025-06-30"),
                               ("the same period last year", "2024-04-01", "2024-06-30")]),
    "a_year_later": ("The first plant opens in the second half of 2026 and a larger one a year later.", TUE,
                     [("the second half of 2026", "2026-07-01", "2026-12-31"),
                      ("a year later", "2027-07-01", "2027-12-31")]),
    "previous_year": ("Output fell in 2023 after a boom the previous year.", TUE,
                      [("2023", "2023-01-01", "2023-12-31"), ("the previous year", "2022-01-01", "2022-12-31")]),
    "previous_month": ("Exports in May rose 4 percent from the previous month.", TUE,
                       [("May", "2025-05-01", "2025-05-31"), ("the previous month", "2025-04-01", "2025-04-30")]),
    "previous_quarter": ("Margins in the third quarter beat the previous quarter.", TUE,
                         [("the third quarter", "2025-07-01", "2025-09-30"),
                          ("the previous quarter", "2025-04-01", "2025-06-30")]),
    "same_quarter_a_year_ago": ("Ad sales in the June quarter trailed the same quarter a year ago.", TUE,
                                [("the June quarter", "2025-04-01", "2025-06-30"),
                                 ("the same quarter a year ago", "2024-04-01", "2024-06-30")]),
    "weekday_with_its_date": ("The chief spoke on Thursday, March 16, 2023, in Beijing.", TUE,
                              [("Thursday", "2023-03-16", "2023-03-16"), ("March 16, 2023", "2023-03-16", "2023-03-16")]),
    "month_of_the_same_year": ("It was founded in 2016 and funded in June of the same year.", TUE,
                               [("2016", "2016-01-01", "2016-12-31"),
                                ("June of the same year", "2016-06-01", "2016-06-30")]),
    "day_last_year": ("The labelling code took effect on Sept. 1 last year.", date(2026, 2, 10),
                      [("Sept. 1 last year", "2025-09-01", "2025-09-01")]),
    "year_before_plural_numbers": ("Investors judged the chipmaker on its 2025 numbers.", TUE,
                                   [("2025", "2025-01-01", "2025-12-31")]),
    "first_of_the_year": ("It was the exchange's first tech listing of the year.", TUE,
                          [("the year", "2025-01-01", "2025-12-31")]),
}


@pytest.mark.parametrize("sentence,pub,expected", PATTERNS.values(), ids=PATTERNS.keys())
def test_pattern(sentence, pub, expected):
    assert found(sentence, pub) == expected


NOT_TIME = {
    "durations": "Over the past three months, and in the next five years, within 18 months, it grew for two years.",
    "bare_duration": "The build took 18 months and the payback needs over the last year of sales.",
    "frequencies": "Tokens are counted daily, reports come out each year and demand grows 45 percent a year.",
    "age": "The 29-year-old founder and his 3-month-old start-up drew notice.",
    "vague": "Recently the firm, which currently leads and to date has sold most, is now in recent months "
             "and in the coming years a rival.",
    "today_nowadays": "Today, AI is part of daily life, and today's models are larger.",
    "today_nowadays_in_quote": "\"Chip design today is a team sport,\" the analyst said.",
    "back_references": "The same evening it said sales during the same period had doubled.",
    "seasons": "Summer releases and the winter lull shaped this summer.",
    "benchmark_label": "The model scored 87 on AIME 2025 and 71 on LiveCodeBench 2024.",
    "values": "It sold 2,000 units, cut the price to 1999 yuan and hired 2025 engineers, up 2024 percent.",
    "versions_and_products": "GPT-4, Qwen 2.5, the RTX 4090, a Kirin 9000S chip and a 1999-yuan phone.",
    "modal_may_and_verb_march": "May the best model win. Workers march in protest.",
    "holiday_weekday": "Black Friday sales beat Cyber Monday deals.",
    "event_relative": "A year after the launch the app was popular.",
    "year_on_year": "Revenue rose 12 percent year on year and year-on-year growth slowed.",
    "half_of_something": "The first half of the match was dull.",
    "award_of_the_year": "Readers named the tutoring chatbot AI app of the year.",
    "over_the_year": "Memory prices swung over the year and during the year, "
                     "and hiring stays slow for the rest of the year.",
    "holiday_shows_and_lowercase": "Robot dogs danced at the Spring Festival Gala before a week-long national holiday.",
    "japanese_golden_week": "Tourists flocked to Tokyo during Japan's Golden Week.",
}


@pytest.mark.parametrize("sentence", NOT_TIME.values(), ids=NOT_TIME.keys())
def test_not_time(sentence):
    assert found(sentence) == []


def test_offsets_point_into_a_multi_paragraph_body():
    body = ("BEIJING, Oct. 27 (Xinhua) -- A chip maker said on Monday it raised funds.\n\n"
            "It was founded in 2019. Sales in the first half of 2025 doubled from a year earlier.")
    got = extract_time_expressions(body, TUE)
    assert [(e.text, e.char_start, e.char_end) for e in got] == [
        ("Oct. 27", 9, 16),
        ("Monday", body.index("Monday"), body.index("Monday") + 6),
        ("2019", body.index("2019"), body.index("2019") + 4),
        ("the first half of 2025", body.index("the first"), body.index("the first") + 22),
        ("a year earlier", body.index("a year earlier"), body.index("a year earlier") + 14),
    ]
    # The dateline is not the period "a year earlier" counts back from.
    assert (got[-1].start_date, got[-1].end_date) == (date(2024, 1, 1), date(2024, 6, 30))


def test_no_expression_runs_across_paragraphs():
    assert found("Demand peaked in June\n\n2025 was calmer.", date(2025, 9, 1)) == [
        ("June", "2025-06-01", "2025-06-30"), ("2025", "2025-01-01", "2025-12-31")]


def test_without_publication_date_only_absolute_expressions():
    text = "In March 2024 the firm grew; last year it shrank, and on Tuesday it said sales in 2023 were flat."
    assert found(text, None) == [("March 2024", "2024-03-01", "2024-03-31"), ("2023", "2023-01-01", "2023-12-31")]


def test_undated_day_takes_the_nearest_year():
    assert found("The update lands on Jan. 5.", date(2025, 12, 20)) == [("Jan. 5", "2026-01-05", "2026-01-05")]
    assert found("The update landed on Dec. 28.", date(2026, 1, 3)) == [("Dec. 28", "2025-12-28", "2025-12-28")]


def test_since_month_is_in_the_past():
    assert found("Shares have doubled since January.", date(2025, 8, 21)) == [("January", "2025-01-01", "2025-01-31")]


def test_datetime_publication_date_is_accepted():
    assert found("Sales grew last year.", datetime(2025, 10, 28, 9, 30)) == [("last year", "2024-01-01", "2024-12-31")]


def test_granularity_and_frozen_dataclass():
    got = extract_time_expressions("In 2024, in June 2025, on Sept. 9, this week, in the first half of 2025, "
                                   "in the third quarter of 2025 and in 2021-2025.", TUE)
    assert [e.granularity for e in got] == ["year", "month", "day", "week", "half", "quarter", "multi_year"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        got[0].text = "x"
    assert isinstance(got[0], TimeExpression)


def test_extractor_label():
    assert (times.EXTRACTOR, times.VERSION) == ("time_expressions", "1.2.0")


def test_empty_text():
    assert extract_time_expressions("", TUE) == []


def test_fiscal_year_ending_in_a_month():
    found = extract_time_expressions("Spending will rise in the fiscal year ending in March 2027, it said.", date(2026, 5, 4))
    assert [(t.text, t.start_date, t.end_date) for t in found] == [
        ("the fiscal year ending in March 2027", date(2026, 4, 1), date(2027, 3, 31))]


def test_docstring_examples():
    import doctest

    assert doctest.testmod(times).failed == 0


# ---- dates without a year near a year end (GUIDELINES 3: the year nearest publication)
def test_undated_day_ahead_of_publication():
    assert found("The chip conference opens on December 21 in Hefei.", date(2025, 12, 1)) == [
        ("December 21", "2025-12-21", "2025-12-21")]


def test_undated_day_across_year_end_despite_reporting_verb():
    # "said" dates the saying, not the closing: the nearest Jan. 3 is next year's.
    assert found("Registration for the robotics summit closes Jan. 3, the organisers said.", date(2025, 12, 28)) == [
        ("Jan. 3", "2026-01-03", "2026-01-03")]
    assert found("The expo will be held on Jan. 3 in Wuxi.", date(2025, 12, 28)) == [
        ("Jan. 3", "2026-01-03", "2026-01-03")]


def test_undated_month_governed_by_a_past_verb():
    # The verb next to the date decides, not the "will" elsewhere in the sentence.
    assert found("The bank said it will top the 50 billion yuan it raised in February.", date(2025, 11, 25)) == [
        ("February", "2025-02-01", "2025-02-28")]
    assert found("The startup said on Jan. 3 that it had hired a new chief.", date(2025, 12, 28)) == [
        ("Jan. 3", "2025-01-03", "2025-01-03")]


# ---- named holidays and shopping festivals
HOLIDAYS = {
    "lunar_new_year_holiday": ("Rail trips rose 9 percent during the Lunar New Year holiday.", date(2025, 2, 10),
                               [("Lunar New Year holiday", "2025-01-28", "2025-02-04")]),
    "spring_festival_day": ("Cinemas sold out tickets on Spring Festival.", date(2026, 3, 1),
                            [("Spring Festival", "2026-02-17", "2026-02-17")]),
    "chinese_new_year": ("Factories reopened after Chinese New Year.", date(2024, 2, 20),
                         [("Chinese New Year", "2024-02-10", "2024-02-10")]),
    "year_before_the_holiday": ("Robot sales in the 2023 Spring Festival holiday doubled.", date(2025, 6, 1),
                                [("2023 Spring Festival holiday", "2023-01-21", "2023-01-27")]),
    "holiday_after_an_untabled_year": ("The 2028 Spring Festival holiday is far off.", date(2025, 6, 1),
                                       [("2028 Spring Festival holiday", "2028-01-25", "2028-02-01")]),
    "lunar_new_years_eve": ("The app crashed on Lunar New Year's Eve.", date(2025, 2, 3),
                            [("Lunar New Year's Eve", "2025-01-28", "2025-01-28")]),
    "golden_week": ("Golden Week travel set a record for ride-hailing apps.", date(2025, 10, 9),
                    [("Golden Week", "2025-10-01", "2025-10-07")]),
    "national_day_holiday": ("Drone shows lit up cities over the National Day holiday.", date(2025, 10, 9),
                             [("National Day holiday", "2025-10-01", "2025-10-07")]),
    "singles_day_and_double_11": ("Orders on Singles' Day, or Double 11, beat forecasts.", date(2025, 11, 12),
                                  [("Singles' Day", "2025-11-11", "2025-11-11"),
                                   ("Double 11", "2025-11-11", "2025-11-11")]),
    "last_years_singles_day": ("Sales beat last year's Singles' Day by a wide margin.", date(2025, 11, 12),
                               [("last year's Singles' Day", "2024-11-11", "2024-11-11")]),
    "shopping_festival_618": ("Smart glasses sold well in the 618 shopping festival.", date(2025, 6, 20),
                              [("618", "2025-06-18", "2025-06-18")]),
    "qingming": ("Cemeteries are offering AI avatars ahead of the Qingming Festival.", date(2026, 3, 20),
                 [("Qingming Festival", "2026-04-05", "2026-04-05")]),
    "dragon_boat": ("Delivery robots were busy at the Dragon Boat Festival.", date(2025, 6, 3),
                    [("Dragon Boat Festival", "2025-05-31", "2025-05-31")]),
    "mid_autumn": ("Mooncake orders are peaking before the Mid-Autumn Festival.", date(2024, 9, 1),
                   [("Mid-Autumn Festival", "2024-09-17", "2024-09-17")]),
    "may_day_holiday": ("Theme parks expect crowds over the May Day holiday.", date(2025, 4, 20),
                        [("May Day holiday", "2025-05-01", "2025-05-05")]),
}


@pytest.mark.parametrize("sentence,pub,expected", HOLIDAYS.values(), ids=HOLIDAYS.keys())
def test_holiday(sentence, pub, expected):
    assert found(sentence, pub) == expected


def test_holiday_takes_the_nearest_year():
    # Like a date without a year: the nearest one, but the past one when the sentence
    # tells of the past and nothing looks forward.
    assert found("Airlines are adding flights for Spring Festival.", date(2025, 12, 20)) == [
        ("Spring Festival", "2026-02-17", "2026-02-17")]
    assert found("Airlines added flights after Spring Festival.", date(2026, 3, 20)) == [
        ("Spring Festival", "2026-02-17", "2026-02-17")]
    assert found("Cinema sales hit a record over Spring Festival, the tracker said.", date(2026, 1, 5)) == [
        ("Spring Festival", "2025-01-29", "2025-01-29")]


def test_holiday_outside_the_tables_is_declined():
    assert found("Sales fell in the 2019 Spring Festival holiday.", TUE) == [("2019", "2019-01-01", "2019-12-31")]


# ---- periods named by their end
PERIOD_ENDING = {
    "year_ending_month_year": ("Subscribers doubled in the year ending August 2025.", date(2025, 11, 20),
                               [("the year ending August 2025", "2024-09-01", "2025-08-31")]),
    "months_ended_day": ("Cloud revenue in the 12 months ended June 30 reached 9 billion yuan.", date(2025, 11, 20),
                         [("the 12 months ended June 30", "2024-07-01", "2025-06-30")]),
    "three_months_ended_month": ("Sales in the three months ended March climbed 8 percent.", date(2025, 5, 21),
                                 [("the three months ended March", "2025-01-01", "2025-03-31")]),
    "quarter_ended_day": ("Chip exports in the quarter ended Sept. 30 set a record.", date(2025, 11, 20),
                          [("the quarter ended Sept. 30", "2025-07-01", "2025-09-30")]),
    "months_to_month_year": ("Losses narrowed in the six months to June 2024.", TUE,
                             [("the six months to June 2024", "2024-01-01", "2024-06-30")]),
    "week_to_day": ("Token usage jumped in the week to Oct. 12.", date(2025, 10, 21),
                    [("the week to Oct. 12", "2025-10-06", "2025-10-12")]),
    "quarter_that_ended": ("Margins in the quarter that ended in June were thin.", TUE,
                           [("the quarter that ended in June", "2025-04-01", "2025-06-30")]),
}


@pytest.mark.parametrize("sentence,pub,expected", PERIOD_ENDING.values(), ids=PERIOD_ENDING.keys())
def test_period_ending(sentence, pub, expected):
    assert found(sentence, pub) == expected


def test_a_count_before_to_a_month_names_no_period():
    assert found("The launch slipped by three months to May.", TUE) == [("May", "2025-05-01", "2025-05-31")]


# ---- "the previous quarter" after a reported quarter
def test_previous_quarter_counts_back_from_the_quarter_reported_earlier():
    text = ("In the third quarter, the cloud unit turned a profit. Costs fell. Staff numbers grew. "
            "Revenue was up 5 percent from the previous quarter.")
    assert found(text, date(2025, 11, 20)) == [("the third quarter", "2025-07-01", "2025-09-30"),
                                               ("the previous quarter", "2025-04-01", "2025-06-30")]


def test_preceding_quarter_across_a_year():
    assert found("Shipments in Q1 2024 fell from the preceding quarter.", TUE) == [
        ("Q1 2024", "2024-01-01", "2024-03-31"), ("the preceding quarter", "2023-10-01", "2023-12-31")]


def test_previous_quarters_do_not_chain():
    text = "In Q3 2025 sales beat the previous quarter, and margins also beat the previous quarter."
    assert [t[1] for t in found(text)] == ["2025-07-01", "2025-04-01", "2025-04-01"]


def test_previous_quarter_skips_multi_quarter_periods():
    text = ("Sales in the second quarter rose, and in the first three quarters of 2025 doubled, "
            "beating the previous quarter.")
    assert found(text)[-1] == ("the previous quarter", "2025-01-01", "2025-03-31")


def test_prior_quarter_without_a_reported_quarter_is_the_publications():
    assert found("Revenue rose 4 percent from the prior quarter.", date(2025, 5, 21)) == [
        ("the prior quarter", "2025-01-01", "2025-03-31")]
