"""Validation and metadata shared by every table asset."""


import dagster as dg
import pandas as pd
import pandera.errors

from pipeline.metadata import TableSchema, table_schema

PREVIEW_ROWS = 10


def column_schema(schema: TableSchema) -> dg.TableSchema:
    return dg.TableSchema(columns=[
        dg.TableColumn(
            name=f.name,
            type=f.type,
            description=f.description,
            constraints=dg.TableColumnConstraints(nullable=not f.required, unique=f.unique),
        )
        for f in schema.fields
    ])


def table_metadata(frame: pd.DataFrame, schema: TableSchema) -> dict:
    nulls = {name: int(count) for name, count in frame.isna().sum().items()}
    preview = frame.head(PREVIEW_ROWS).astype(str)
    return {
        "dagster/row_count": dg.MetadataValue.int(len(frame)),
        "dagster/column_schema": column_schema(schema),
        "null_counts": dg.MetadataValue.json(nulls),
        "preview": dg.MetadataValue.md(preview.to_markdown(index=False) if len(preview) else "(no rows)"),
        "table": dg.MetadataValue.text(schema.name),
    }


def validated(table: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Validate lazily against the table's declaration; raise dagster.Failure listing every failure."""
    schema = table_schema(table)
    try:
        frame = schema.pandera.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        sample = cases.head(20).astype(str)
        raise dg.Failure(
            description=(
                f"table {table!r} failed validation against schemas/{table}.yaml: {len(cases)} failure(s) "
                f"in checks {sorted(set(cases['check'].astype(str)))[:10]}; nothing is published. "
                "Fix the extractor or the input that produced these rows."
            ),
            metadata={
                "failure_count": dg.MetadataValue.int(len(cases)),
                "failure_sample": dg.MetadataValue.md(sample.to_markdown(index=False)),
            },
        ) from exc
    checks = sum(len(column.checks) + (not column.nullable) + column.unique for column in schema.pandera.columns.values())
    metadata = table_metadata(frame, schema)
    metadata["schema_validation"] = dg.MetadataValue.text(
        f"passed: pandera schema from schemas/{table}.yaml, {len(schema.fields)} columns, {checks} column checks")
    return frame, metadata


def output(table: str, frame: pd.DataFrame, output_name: str = "result") -> dg.Output:
    """A validated table as a Dagster output with row counts, null counts and a preview."""
    frame, metadata = validated(table, frame)
    return dg.Output(frame, output_name=output_name, metadata=metadata)
