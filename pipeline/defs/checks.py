"""Blocking asset checks: cross-table rules derived from the table declarations.

A failed check stops the release asset in the same run, so nothing that
breaks a rule is published.
"""


import dagster as dg
import pandas as pd

from pipeline import checks
from pipeline.metadata import load_schemas

SAMPLE_ROWS = 10
TABLES = [name for name in load_schemas()]


def asset_of(table: str) -> str:
    return f"core_{table}"


def _specs(name: str, extra_deps: list[str]) -> list[dg.AssetCheckSpec]:
    schema = load_schemas()[name]
    asset = asset_of(name)

    def spec(check: str, description: str) -> dg.AssetCheckSpec:
        return dg.AssetCheckSpec(check, asset=asset, blocking=True, description=description, additional_deps=extra_deps)

    specs = [spec("primary_key_unique", f"{', '.join(schema.primary_key)} is unique and never null.")]
    if schema.foreign_keys:
        specs.append(spec("foreign_keys_resolve", "Every foreign key declared in schemas/ points at an existing row."))
    if "char_start" in schema.field_names:
        specs.append(spec("spans_match_text", "text equals the normalised body at [char_start, char_end) and lies inside its evidence sentence."))
    return specs


def _result(table: str, check: str, failing: pd.DataFrame, total: int) -> dg.AssetCheckResult:
    metadata = {"failing_rows": dg.MetadataValue.int(len(failing)), "checked_rows": dg.MetadataValue.int(total)}
    if len(failing):
        metadata["failing_sample"] = dg.MetadataValue.md(failing.head(SAMPLE_ROWS).astype(str).to_markdown(index=False))
    return dg.AssetCheckResult(
        asset_key=asset_of(table), check_name=check, passed=failing.empty,
        severity=dg.AssetCheckSeverity.ERROR, metadata=metadata,
    )


def table_checks(name: str) -> dg.AssetChecksDefinition:
    """The blocking checks of one table, reading only the tables its rules need."""
    schema = load_schemas()[name]
    needs = {asset_of(name)} | {asset_of(fk.resource) for fk in schema.foreign_keys}
    has_spans = "char_start" in schema.field_names
    if has_spans:
        needs.add(asset_of("document_texts"))

    @dg.multi_asset_check(
        specs=_specs(name, sorted(needs - {asset_of(name)})),
        ins={asset: dg.AssetIn(asset) for asset in sorted(needs)},
        name=f"{name}_integrity",
        description=f"Keys and spans of table {name!r}.",
    )
    def _check(**inputs):
        tables = {t: inputs[asset_of(t)] for t in TABLES if asset_of(t) in inputs}
        frame = tables[name]
        yield _result(name, "primary_key_unique", checks.primary_key_violations(frame, schema), len(frame))
        if schema.foreign_keys:
            yield _result(name, "foreign_keys_resolve", checks.foreign_key_violations(frame, schema, tables), len(frame))
        if has_spans:
            yield _result(name, "spans_match_text", checks.span_violations(frame, tables["document_texts"]), len(frame))

    return _check


ALL_CHECKS = [table_checks(name) for name in TABLES]
