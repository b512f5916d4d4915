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
    assert (times.EXTRACTOR, times.VERSION) == ("time_expressions", "1.0.0")


def test_empty_text():
    assert extract_time_expressions("", TUE) == []


def test_fiscal_year_ending_in_a_month():
    found = extract_time_expressions("Spending will rise in the fiscal year ending in March 2027, it said.", date(2026, 5, 4))
    assert [(t.text, t.start_date, t.end_date) for t in found] == [
        ("the fiscal year ending in March 2027", date(2026, 4, 1), date(2027, 3, 31))]
