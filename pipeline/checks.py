"""Rules that a release must satisfy beyond single columns, as plain functions over DataFrames.

Belongs here: the structural rules whose failure means a bug: keys, foreign
keys, spans against the document texts, units that agree with their currency
column, entities without mentions. Each returns the failing rows, so the Dagster
checks in `pipeline.defs.checks` can show a sample and block the release. Rules
about a fact's content (plausible dates and values) quarantine single rows
instead: see `pipeline.quarantine`.
"""

from __future__ import annotations

import math

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
    """Rows whose `text` is not the body at [char_start, char_end), or whose evidence is not the body at
    `evidence_start` or does not cover the span."""
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
            ok = _evidence_covers(body, row.evidence, row.evidence_start, start, end)
        bad.append(not ok)
    return frame[pd.Series(bad, index=frame.index, dtype=bool)]


def _evidence_covers(body: str, evidence: object, evidence_start: object, start: int, end: int) -> bool:
    """Whether `evidence` is the body at `evidence_start` and covers [start, end): one slice, no search."""
    if not isinstance(evidence, str) or pd.isna(evidence_start):
        return False
    at = int(evidence_start)
    return at <= start and end <= at + len(evidence) and body[at:at + len(evidence)] == evidence
    pos = body.find(evidence, max(0, end - len(evidence)))
    while pos != -1 and pos <= start:
        if pos + len(evidence) >= end:
            return True
        pos = body.find(evidence, pos + 1)
    return False


def unit_violations(quantities: pd.DataFrame) -> pd.DataFrame:
    """Rows whose value is not a finite number, money without a currency code, or a currency code on a non-money
    unit: a bug in the extractor, not odd news (an unknown code or an implausible value is quarantined instead)."""
    bad = []
    for row in quantities.itertuples():
        money = row.unit == "currency"
        has_code = isinstance(row.currency, str) and bool(row.currency)
        bad.append(not math.isfinite(float(row.value)) or money != has_code)
    return quantities[pd.Series(bad, index=quantities.index, dtype=bool)]


def unmentioned_entities(entities: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Entities that no mention names."""
    return entities[~entities["entity_id"].isin(set(mentions["entity_id"]))]
