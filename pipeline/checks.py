"""Rules that a release must satisfy beyond single columns, as plain functions over DataFrames.

Belongs here: keys, foreign keys, spans against the document texts, plausible
dates, value ranges and currency codes, entities without mentions. Each returns
the failing rows, so the Dagster checks in `pipeline.defs.checks` can show a
sample and block the release.
"""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from pipeline.metadata import TableSchema


def primary_key_violations(frame: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """Rows whose primary key is null or repeated."""
    key = list(schema.primary_key)
    nulls = frame[key].isna().any(axis=1)
    dupes = frame.duplicated(subset=key, keep=False)
    return frame[nulls | dupes]


def foreign_key_violations(frame: pd.DataFrame, schema: TableSchema, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows whose declared foreign keys do not resolve (null keys are allowed)."""
    bad = pd.Series(False, index=frame.index)
    for fk in schema.foreign_keys:
        target = frame if fk.resource == schema.name else tables[fk.resource]
        valid = set(map(tuple, target[list(fk.reference_fields)].astype(object).itertuples(index=False)))
        values = frame[list(fk.fields)].astype(object)
        present = values.notna().all(axis=1)
        resolved = pd.Series([tuple(v) in valid for v in values.itertuples(index=False)], index=frame.index, dtype=bool)
        bad |= present & ~resolved
    return frame[bad]


def span_violations(frame: pd.DataFrame, document_texts: pd.DataFrame) -> pd.DataFrame:
    """Rows whose `text` is not the body at [char_start, char_end) or lies outside its evidence sentence."""
    if frame.empty:
        return frame
    bodies = dict(zip(document_texts["document_id"], document_texts["body"]))
    bad = []
    for row in frame.itertuples():
        body = bodies.get(row.document_id)
        start, end = int(row.char_start), int(row.char_end)
        ok = body is not None and 0 <= start < end <= len(body)
        if ok and hasattr(row, "text"):
            ok = body[start:end] == row.text
        if ok and hasattr(row, "evidence"):
            ok = _inside_evidence(body, row.evidence, start, end)
        bad.append(not ok)
    return frame[pd.Series(bad, index=frame.index, dtype=bool)]


def _inside_evidence(body: str, evidence: object, start: int, end: int) -> bool:
    """Whether some occurrence of `evidence` in the body covers [start, end)."""
    if not isinstance(evidence, str) or len(evidence) < end - start:
        return False
    pos = body.find(evidence, max(0, end - len(evidence)))
    while pos != -1 and pos <= start:
        if pos + len(evidence) >= end:
            return True
        pos = body.find(evidence, pos + 1)
    return False


# A calendar window around the publication date outside which a resolved date is an error.
YEARS_BEFORE_PUBLICATION = 80
YEARS_AFTER_PUBLICATION = 40
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def date_violations(time_expressions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Rows that end before they start, or fall outside a plausible window of the publication date."""
    published = dict(zip(documents["document_id"], documents["published_date"]))
    bad = []
    for row in time_expressions.itertuples():
        start, end = row.start_date, row.end_date
        pub = published.get(row.document_id)
        low, high = EARLIEST_DATE, LATEST_DATE
        if isinstance(pub, date):
            low = max(low, _shift_years(pub, -YEARS_BEFORE_PUBLICATION))
            high = min(high, _shift_years(pub, YEARS_AFTER_PUBLICATION))
        bad.append(not (isinstance(start, date) and isinstance(end, date) and start <= end and low <= start and end <= high))
    return time_expressions[pd.Series(bad, index=time_expressions.index, dtype=bool)]


def _shift_years(day: date, years: int) -> date:
    return day.replace(year=day.year + years, day=min(day.day, 28))


def value_violations(quantities: pd.DataFrame) -> pd.DataFrame:
    """Fractions outside 0..1, percentages below -100, money without a valid ISO 4217 code (or a code without money)."""
    from babel.numbers import list_currencies

    codes = list_currencies()
    bad = []
    for row in quantities.itertuples():
        value = float(row.value)
        ok = math.isfinite(value)
        if row.unit == "fraction":
            ok = ok and 0 <= value <= 1
        elif row.unit == "percent":
            ok = ok and value >= -100  # growth such as "up 425 percent" is valid
        if row.unit == "currency":
            ok = ok and isinstance(row.currency, str) and row.currency in codes
        else:
            ok = ok and not isinstance(row.currency, str)
        bad.append(not ok)
    return quantities[pd.Series(bad, index=quantities.index, dtype=bool)]


def unmentioned_entities(entities: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Entities that no mention names."""
    return entities[~entities["entity_id"].isin(set(mentions["entity_id"]))]
