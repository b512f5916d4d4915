"""Blocking asset checks: cross-table rules derived from the table declarations.

A failed check stops the release asset in the same run, so nothing that
breaks a rule is published.
"""

from __future__ import annotations

import dagster as dg
import pandas as pd

from pipeline import checks
from pipeline.metadata import load_schemas

SAMPLE_ROWS = 10
TABLES = [name for name in load_schemas()]


def asset_of(table: str) -> str:
    return f"core_{table}"


def _specs() -> list[dg.AssetCheckSpec]:
    specs = []
    for name, schema in load_schemas().items():
        specs.append(dg.AssetCheckSpec("primary_key_unique", asset=asset_of(name), blocking=True,
                                       description=f"{', '.join(schema.primary_key)} is unique and never null."))
        if schema.foreign_keys:
            specs.append(dg.AssetCheckSpec("foreign_keys_resolve", asset=asset_of(name), blocking=True,
                                           description="Every foreign key declared in schemas/ points at an existing row."))
        if "char_start" in schema.field_names:
            specs.append(dg.AssetCheckSpec("spans_match_text", asset=asset_of(name), blocking=True,
                                           description="text equals the normalised body at [char_start, char_end) and lies inside its evidence sentence."))
    return specs


def _result(table: str, check: str, failing: pd.DataFrame, total: int) -> dg.AssetCheckResult:
    metadata = {"failing_rows": dg.MetadataValue.int(len(failing)), "checked_rows": dg.MetadataValue.int(total)}
    if len(failing):
        metadata["failing_sample"] = dg.MetadataValue.md(failing.head(SAMPLE_ROWS).astype(str).to_markdown(index=False))
    return dg.AssetCheckResult(
        asset_key=asset_of(table), check_name=check, passed=failing.empty,
        severity=dg.AssetCheckSeverity.ERROR, metadata=metadata,
    )


@dg.multi_asset_check(
    specs=_specs(),
    ins={asset_of(name): dg.AssetIn(asset_of(name)) for name in TABLES},
    name="table_integrity",
    description="Primary keys, foreign keys and text spans across all tables.",
)
def table_integrity(**tables_by_asset):
    tables = {name: tables_by_asset[asset_of(name)] for name in TABLES}
    texts = tables["document_texts"]
    for name, schema in load_schemas().items():
        frame = tables[name]
        yield _result(name, "primary_key_unique", checks.primary_key_violations(frame, schema), len(frame))
        if schema.foreign_keys:
            yield _result(name, "foreign_keys_resolve", checks.foreign_key_violations(frame, schema, tables), len(frame))
        if "char_start" in schema.field_names:
            yield _result(name, "spans_match_text", checks.span_violations(frame, texts), len(frame))
