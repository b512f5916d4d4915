"""The Great Expectations suite over the release tables, and its Data Docs report.

Belongs here: expectations derived from each table's declaration (columns,
required fields, keys, enums, patterns, minimums) plus the distributions a
healthy release shows, run with Great Expectations 1.x on the staged tables.
The Data Docs HTML goes into the release as its validation report; wall-clock
times and random ids that Great Expectations writes are replaced so that the
release stays byte-identical for the same inputs.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.metadata import TableSchema, published_tables

REPORT_DIR = "validation"
SUITE_PREFIX = "china_ai_facts"


@dataclass(frozen=True)
class ReportSummary:
    success: bool
    evaluated: int
    failed: list[str]  # "table: expectation (column)" for every failed blocking expectation
    warnings: list[str]  # failed distribution expectations: reported, not blocking

    def as_dict(self) -> dict[str, Any]:
        return {"success": self.success, "expectations_evaluated": self.evaluated, "failed": self.failed,
                "warnings": self.warnings, "report": f"{REPORT_DIR}/index.html", "tool": "great_expectations"}


def declared_expectations(schema: TableSchema) -> list:
    """Expectations that restate the declaration, so the report shows every rule the data meets."""
    import great_expectations.expectations as gxe

    out = [gxe.ExpectTableColumnsToMatchOrderedList(column_list=schema.field_names)]
    for f in schema.fields:
        if f.required:
            out.append(gxe.ExpectColumnValuesToNotBeNull(column=f.name))
        if f.unique:
            out.append(gxe.ExpectColumnValuesToBeUnique(column=f.name))
        if f.enum is not None:
            out.append(gxe.ExpectColumnValuesToBeInSet(column=f.name, value_set=list(f.enum)))
        if f.pattern is not None:
            out.append(gxe.ExpectColumnValuesToMatchRegex(column=f.name, regex=f.pattern))
        if f.minimum is not None:
            out.append(gxe.ExpectColumnValuesToBeBetween(column=f.name, min_value=f.minimum))
    if len(schema.primary_key) > 1:
        out.append(gxe.ExpectCompoundColumnsToBeUnique(column_list=list(schema.primary_key)))
    return out


def distribution_expectations(table: str) -> list:
    """What a healthy release looks like beyond single rows; a failure is a warning in the report.

    They do not block: an empty seeds folder, a corpus of undated texts or one extraordinary figure
    is still a valid release whose report says what is unusual.
    """
    import great_expectations.expectations as gxe

    spans = [gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start")]
    rules: dict[str, list] = {
        "documents": [
            gxe.ExpectTableRowCountToBeBetween(min_value=1),
            gxe.ExpectColumnMeanToBeBetween(column="word_count", min_value=20, max_value=20000),
            gxe.ExpectColumnProportionOfNonNullValuesToBeBetween(column="published_date", min_value=0.5),
        ],
        "quantities": spans + [
            gxe.ExpectColumnValuesToBeBetween(column="value", min_value=-1e15, max_value=1e16),
            gxe.ExpectColumnValueLengthsToBeBetween(column="text", min_value=1, max_value=80),
        ],
        "time_expressions": spans + [
            gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="end_date", column_B="start_date", or_equal=True),
            gxe.ExpectColumnValueLengthsToBeBetween(column="text", min_value=2, max_value=80),
        ],
        "mentions": spans + [gxe.ExpectColumnValueLengthsToBeBetween(column="text", min_value=1, max_value=120)],
        "roles": spans,
        "entities": [gxe.ExpectColumnValueLengthsToBeBetween(column="name", min_value=1, max_value=120)],
    }
    return rules.get(table, [])


_WALL_CLOCK = re.compile(r"\d{8}T\d{6}\.\d{6}Z")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_NAMESPACE = uuid.UUID("6f1c3e0a-6c55-4b8e-9d07-0c4b7d3f2a11")


def _stabilise(folder: Path, stamp: str) -> None:
    """Replace the run's wall-clock times and random ids in the generated HTML with stable values."""
    for path in sorted(folder.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        text = _WALL_CLOCK.sub(stamp, text)
        seen: dict[str, str] = {}

        def stable(match: re.Match) -> str:
            return seen.setdefault(match.group(0), str(uuid.uuid5(_NAMESPACE, f"{path.name}:{len(seen)}")))

        text = _UUID.sub(stable, text)
        path.write_text(text, encoding="utf-8")


def validate_release(tables: dict[str, pd.DataFrame], release_dir: Path, version: str, created: str) -> ReportSummary:
    """Run the suite on every published table and write Data Docs to RELEASE/validation/."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    out = release_dir / REPORT_DIR
    context = gx.get_context(mode="ephemeral")
    # Metric progress bars are noise in build logs.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    context.add_data_docs_site(site_name="release", site_config={
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(out)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    })
    source = context.data_sources.add_pandas("release")
    definitions = []
    batches = {}
    for schema in published_tables():
        asset = source.add_dataframe_asset(schema.name)
        batch = asset.add_batch_definition_whole_dataframe(f"{schema.name}_all")
        suite = context.suites.add(gx.ExpectationSuite(name=f"{SUITE_PREFIX}.{schema.name}"))
        for expectation in declared_expectations(schema):
            suite.add_expectation(expectation)
        for expectation in distribution_expectations(schema.name):
            expectation.meta = {"blocking": False}
            suite.add_expectation(expectation)
        definitions.append(context.validation_definitions.add(
            gx.ValidationDefinition(data=batch, suite=suite, name=f"{SUITE_PREFIX}.{schema.name}")))
        batches[schema.name] = _as_validatable(tables[schema.name], schema)
    run_time = datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ")
    failed: list[str] = []
    warnings: list[str] = []
    evaluated = 0
    for definition, (name, frame) in zip(definitions, batches.items()):
        # A checkpoint per table: each table is its own dataframe batch.
        checkpoint = context.checkpoints.add(gx.Checkpoint(
            name=f"{SUITE_PREFIX}.{name}", validation_definitions=[definition], result_format="SUMMARY",
            actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs", site_names=["release"])]))
        outcome = checkpoint.run(batch_parameters={"dataframe": frame},
                                 run_id=RunIdentifier(run_name=version, run_time=run_time))
        for result in outcome.run_results.values():
            evaluated += len(result.results)
            for r in result.results:
                if not r.success:
                    cfg = r.expectation_config
                    where = cfg.kwargs.get("column") or cfg.kwargs.get("column_list") or cfg.kwargs.get("column_A") or ""
                    blocking = (cfg.meta or {}).get("blocking", True)
                    (failed if blocking else warnings).append(f"{name}: {cfg.type} ({where})")
    context.build_data_docs(site_names=["release"])
    _stabilise(out, run_time.strftime("%Y%m%dT%H%M%S.000000Z"))
    return ReportSummary(success=not failed, evaluated=evaluated, failed=failed, warnings=warnings)


def _as_validatable(frame: pd.DataFrame, schema: TableSchema) -> pd.DataFrame:
    """Dates as datetimes, nullable dtypes as plain ones: what Great Expectations' pandas engine compares well."""
    out = frame.copy()
    for f in schema.fields:
        if f.type == "date":
            out[f.name] = pd.to_datetime(out[f.name])
        elif f.type == "integer":
            out[f.name] = out[f.name].astype("float64")
        elif f.type == "string":
            out[f.name] = out[f.name].astype(object).where(out[f.name].notna(), None)
    return out
