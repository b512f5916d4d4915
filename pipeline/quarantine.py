"""Plausibility rules: one odd fact is withheld and reported, never fatal.

Belongs here: the rules about a fact's content (a date far from its publication, a percentage below -100, an
unknown currency code), the `quarantined_facts` table built from them, withholding those rows from the
published fact tables, and the share limit above which a table's withheld rows mean a broken extractor.
Rules about structure (keys, spans, types, units) are in `pipeline.checks` and block the release.

Example:

>>> import pandas as pd
>>> from datetime import date
>>> times = pd.DataFrame({"time_id": ["t1"], "document_id": ["d"], "text": ["2525"], "char_start": [0],
...     "char_end": [4], "evidence_start": [0], "evidence": ["In 2525."], "start_date": [date(2525, 1, 1)], "end_date": [date(2525, 12, 31)],
...     "extractor": ["time_expressions/9"]})
>>> docs = pd.DataFrame({"document_id": ["d"], "published_date": [date(2025, 3, 1)]})
>>> quarantined_facts({"time_expressions": times}, docs)[["fact_id", "rule"]].to_dict("records")
[{'fact_id': 't1', 'rule': 'dates_plausible'}]
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Callable

import pandas as pd

from pipeline.metadata import table_schema

# The era a news date may fall in: organisations founded a thousand years ago and targets a century ahead
# are ordinary news; a resolution bug (a year shifted by centuries, five digits, an end before its start) is not.
EARLIEST_DATE = date(1000, 1, 1)
YEARS_AFTER_PUBLICATION = 100
# A value no news figure reaches; anything beyond is a scale-word or power bug. Training compute is reported up
# to 10^26-10^27 FLOPs (the thresholds in AI rules are 10^25 and 10^26), so the bound sits well above that.
LARGEST_VALUE = 1e30
# Declared once: a table may have up to this share of its rows withheld before the release is blocked, and
# never fewer than GRACE_ROWS rows (so one odd fact in a small corpus never stops it).
MAX_QUARANTINE_SHARE = 0.02
GRACE_ROWS = 2
ID_COLUMNS = {"quantities": "quantity_id", "time_expressions": "time_id"}


@dataclass(frozen=True)
class Plausibility:
    """A rule over one fact table: `failing` gives, per row, None when it passes or the reason it fails."""

    table: str
    name: str
    description: str
    failing: Callable[[pd.DataFrame, dict], list[str | None]]
    value: Callable[[object], str]


def _published(documents: pd.DataFrame) -> dict:
    return {d: (p if isinstance(p, date) else None) for d, p in zip(documents["document_id"], documents["published_date"])}


def _date_reasons(frame: pd.DataFrame, published: dict) -> list[str | None]:
    """ "end before start", "before 1000", "more than 100 years after the publication date"."""
    reasons = []
    for row in frame.itertuples():
        start, end, pub = row.start_date, row.end_date, published.get(row.document_id)
        if not (isinstance(start, date) and isinstance(end, date)):
            reasons.append(None)  # a missing date is a type error: pandera and the structural checks block it
        elif end < start:
            reasons.append(f"ends ({end}) before it starts ({start})")
        elif start < EARLIEST_DATE:
            reasons.append(f"starts before {EARLIEST_DATE}, earlier than any date news reports")
        elif pub is not None and end > _add_years(pub, YEARS_AFTER_PUBLICATION):
            reasons.append(f"ends more than {YEARS_AFTER_PUBLICATION} years after the publication date {pub}")
        else:
            reasons.append(None)
    return reasons


def _add_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def _value_reasons(frame: pd.DataFrame, _: dict) -> list[str | None]:
    """Fractions outside 0..1, percentages below -100, unknown currency codes, values beyond any news figure."""
    from babel.numbers import list_currencies

    codes = list_currencies()
    reasons = []
    for row in frame.itertuples():
        value = float(row.value)
        if not math.isfinite(value) or abs(value) > LARGEST_VALUE:
            reasons.append(f"value {value:g} is beyond any figure news reports ({LARGEST_VALUE:g})")
        elif row.unit == "fraction" and not 0 <= value <= 1:
            reasons.append(f"a fraction must lie in 0..1, not {value:g}")
        elif row.unit == "percent" and value < -100:
            reasons.append(f"a percentage below -100 ({value:g}) cannot be a share or a change")
        elif row.unit == "currency" and isinstance(row.currency, str) and row.currency not in codes:
            reasons.append(f"{row.currency!r} is not an ISO 4217 currency code")
        else:
            reasons.append(None)
    return reasons


RULES = [
    Plausibility("time_expressions", "dates_plausible",
                 f"start <= end, on or after {EARLIEST_DATE}, and no more than {YEARS_AFTER_PUBLICATION} years after "
                 "the publication date.", _date_reasons,
                 lambda row: f"{row.start_date}..{row.end_date}"),
    Plausibility("quantities", "values_plausible",
                 "Fractions within 0..1, percentages not below -100, money in an ISO 4217 currency, "
                 f"|value| <= {LARGEST_VALUE:g}.", _value_reasons,
                 lambda row: f"{row.value:g} {row.currency if row.unit == 'currency' else row.unit}"),
]


def quarantined_facts(tables: dict[str, pd.DataFrame], documents: pd.DataFrame) -> pd.DataFrame:
    """The `quarantined_facts` rows: every fact that fails a plausibility rule, with the rule and the reason."""
    published = _published(documents)
    rows: dict[str, dict] = {}
    for rule in RULES:
        frame = tables.get(rule.table)
        if frame is None or frame.empty:
            continue
        for row, reason in zip(frame.itertuples(), rule.failing(frame, published)):
            if reason is None:
                continue
            fact_id = getattr(row, ID_COLUMNS[rule.table])
            if fact_id in rows:  # a second failing rule adds to the first
                rows[fact_id]["rule"] += f"; {rule.name}"
                rows[fact_id]["reason"] += f"; {reason}"
                continue
            rows[fact_id] = dict(fact_id=fact_id, table=rule.table, document_id=row.document_id, text=row.text,
                                 char_start=row.char_start, char_end=row.char_end,
                                 evidence_start=row.evidence_start, evidence=row.evidence,
                                 value=rule.value(row), rule=rule.name, reason=reason, extractor=row.extractor)
    schema = table_schema("quarantined_facts")
    ordered = sorted(rows.values(), key=lambda r: (r["table"], r["document_id"], r["char_start"], r["fact_id"]))
    return schema.conform(pd.DataFrame(ordered)) if ordered else schema.empty_frame()


def withhold(table: str, frame: pd.DataFrame, quarantined: pd.DataFrame) -> pd.DataFrame:
    """`frame` without the rows that `quarantined` withholds from `table`."""
    if table not in ID_COLUMNS or quarantined.empty:
        return frame
    held = set(quarantined.loc[quarantined["table"] == table, "fact_id"])
    return frame[~frame[ID_COLUMNS[table]].isin(held)].reset_index(drop=True)


def limit_of(rows: int, max_share: float = MAX_QUARANTINE_SHARE, grace_rows: int = GRACE_ROWS) -> int:
    """How many of a table's rows may be withheld before the release is blocked.

    >>> limit_of(1000), limit_of(10), limit_of(0)
    (20, 2, 2)
    """
    return max(grace_rows, math.floor(rows * max_share))


def share_violations(tables: dict[str, pd.DataFrame], quarantined: pd.DataFrame,
                     max_share: float = MAX_QUARANTINE_SHARE, grace_rows: int = GRACE_ROWS) -> pd.DataFrame:
    """One row per fact table whose withheld rows exceed the limit: a broken extractor, not odd news."""
    out = []
    for table in ID_COLUMNS:
        frame = tables.get(table)
        rows = 0 if frame is None else len(frame)
        held = int((quarantined["table"] == table).sum()) if not quarantined.empty else 0
        if held > limit_of(rows, max_share, grace_rows):
            out.append(dict(table=table, rows=rows, quarantined=held, share=round(held / rows, 4) if rows else 1.0,
                            limit=limit_of(rows, max_share, grace_rows),
                            rules=", ".join(sorted(set(quarantined.loc[quarantined["table"] == table, "rule"])))))
    return pd.DataFrame(out, columns=["table", "rows", "quarantined", "share", "limit", "rules"])
