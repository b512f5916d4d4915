"""The Great Expectations suite over the release tables, and its validation report.

Belongs here: expectations derived from each table's declaration (columns,
required fields, keys, enums, patterns, minimums) plus the distributions a
healthy release shows, run with Great Expectations 1.x on the staged tables.
The results go into the release as one self-contained HTML page,
`validation/report.html` (inline CSS, no scripts, nothing to download), rendered
here rather than by Data Docs, whose static assets weighed ~4.7 MB per release.
The page holds no wall-clock time or random id and lists expectations in a fixed
order, so the release stays byte-identical for the same inputs.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.metadata import TableSchema, published_tables

REPORT_DIR = "validation"
REPORT_FILE = "report.html"
SUITE_PREFIX = "china_ai_facts"


@dataclass(frozen=True)
class ReportSummary:
    success: bool
    evaluated: int
    failed: list[str]  # "table: expectation (column)" for every failed blocking expectation
    warnings: list[str]  # failed distribution expectations: reported, not blocking

    def as_dict(self) -> dict[str, Any]:
        return {"success": self.success, "expectations_evaluated": self.evaluated, "failed": self.failed,
                "warnings": self.warnings, "report": f"{REPORT_DIR}/{REPORT_FILE}", "tool": "great_expectations"}


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


def validate_release(tables: dict[str, pd.DataFrame], release_dir: Path, version: str, created: str) -> ReportSummary:
    """Run the suite on every published table and write the report to RELEASE/validation/report.html."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    # Metric progress bars are noise in build logs.
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    source = context.data_sources.add_pandas("release")
    run_id = RunIdentifier(run_name=version, run_time=datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ"))
    sections: list[TableReport] = []
    for schema in published_tables():
        asset = source.add_dataframe_asset(schema.name)
        batch = asset.add_batch_definition_whole_dataframe(f"{schema.name}_all")
        suite = context.suites.add(gx.ExpectationSuite(name=f"{SUITE_PREFIX}.{schema.name}"))
        for expectation in declared_expectations(schema):
            suite.add_expectation(expectation)
        for expectation in distribution_expectations(schema.name):
            expectation.meta = {"blocking": False}
            suite.add_expectation(expectation)
        definition = context.validation_definitions.add(
            gx.ValidationDefinition(data=batch, suite=suite, name=f"{SUITE_PREFIX}.{schema.name}"))
        # One run per table: each table is its own dataframe batch.
        outcome = definition.run(batch_parameters={"dataframe": _as_validatable(tables[schema.name], schema)},
                                 result_format="SUMMARY", run_id=run_id)
        sections.append(TableReport(schema.name, len(tables[schema.name]),
                                    sorted((_outcome(schema, r) for r in outcome.results), key=lambda o: o.order)))
    failed = [f"{s.table}: {o.type} ({o.where})" for s in sections for o in s.outcomes if o.status == "failed"]
    warnings = [f"{s.table}: {o.type} ({o.where})" for s in sections for o in s.outcomes if o.status == "warning"]
    summary = ReportSummary(success=not failed, evaluated=sum(len(s.outcomes) for s in sections),
                            failed=failed, warnings=warnings)
    out = release_dir / REPORT_DIR
    out.mkdir(parents=True, exist_ok=True)
    (out / REPORT_FILE).write_text(render_report(sections, summary, version, created, gx.__version__),
                                   encoding="utf-8", newline="\n")
    return summary


@dataclass(frozen=True)
class Outcome:
    """One expectation's result, reduced to what the report shows."""

    order: tuple  # (position of its first column in the declaration, type, arguments): a stable sort key
    type: str
    where: str  # the column(s) it is about, "" for the table
    arguments: list[tuple[str, Any]]
    status: str  # "passed", "failed" (blocking) or "warning" (a distribution expectation that failed)
    observed: str


@dataclass(frozen=True)
class TableReport:
    table: str
    rows: int
    outcomes: list[Outcome]


def _outcome(schema: TableSchema, result: Any) -> Outcome:
    config = result.expectation_config
    kwargs = {k: v for k, v in dict(config.kwargs).items() if k not in _NOT_ARGUMENTS}
    columns = kwargs.get("column") or kwargs.get("column_A") or kwargs.get("column_list") or []
    columns = [columns] if isinstance(columns, str) else list(columns)
    if kwargs.get("column_B"):
        columns.append(kwargs["column_B"])
    where = ", ".join(columns) if config.type != "expect_table_columns_to_match_ordered_list" else ""
    position = schema.field_names.index(columns[0]) if where and columns[0] in schema.field_names else -1
    arguments = sorted(kwargs.items())
    blocking = (config.meta or {}).get("blocking", True)
    status = "passed" if result.success else ("failed" if blocking else "warning")
    return Outcome(order=(position, config.type, _text(arguments)), type=config.type, where=where,
                   arguments=arguments, status=status, observed=_observed(result))


# Arguments that identify the run rather than the rule.
_NOT_ARGUMENTS = {"batch_id", "result_format", "catch_exceptions", "include_config"}
_SAMPLE = 10  # unexpected values shown for a failed expectation


def _observed(result: Any) -> str:
    info = result.exception_info or {}
    if info.get("raised_exception"):
        return "error: " + str(info.get("exception_message") or "the expectation raised an exception")
    found = result.result or {}
    if "observed_value" in found:
        return _text(found["observed_value"])
    if "unexpected_count" in found:
        text = f"{found['unexpected_count']} unexpected of {found.get('element_count', '?')}"
        if found.get("missing_count"):
            text += f" ({found['missing_count']} missing)"
        sample = found.get("partial_unexpected_list") or []
        if sample:
            text += "; e.g. " + _text(sample[:_SAMPLE])
        return text
    return ""


def _text(value: Any) -> str:
    """A short, deterministic rendering of an argument or an observed value."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)) and getattr(value, "ndim", 0) == 0:
        value = value.item()  # a NumPy scalar as the Python number it holds
    if isinstance(value, float):
        return repr(value) if value == value else "NaN"
    if isinstance(value, (list, tuple)):
        items = [_text(v) for v in value]
        if len(items) > 30:
            items = items[:30] + [f"... ({len(value)} in all)"]
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_text(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if value is None:
        return "null"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:72em;
padding:0 1em;color:#1f2328}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #d0d7de;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;margin:.6em 0}
th,td{border:1px solid #d0d7de;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.args,td.obs{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;
word-break:break-word}
table.summary{width:auto}table.summary td{font-weight:600}
.passed{color:#1a7f37}.failed{color:#cf222e;font-weight:600}.warning{color:#9a6700;font-weight:600}
tr.failed td{background:#ffebe9}tr.warning td{background:#fff8c5}
.muted{color:#59636e}
"""


def render_report(sections: list[TableReport], summary: ReportSummary, version: str, created: str,
                  tool_version: str) -> str:
    """The validation report: one self-contained HTML page (inline CSS, no scripts, nothing to load)."""
    e = html.escape
    verdict = "passed" if summary.success else "failed"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Validation report: china-ai-facts {e(version)}</title>",
        f"<style>{_CSS.strip()}</style>",
        "</head>",
        "<body>",
        f"<h1>Validation report: china-ai-facts {e(version)}</h1>",
        f'<p class="muted">Release created {e(created)}. Great Expectations {e(tool_version)}, one suite per '
        f"published table ({SUITE_PREFIX}.&lt;table&gt;). A failed expectation blocks the release; a warning "
        "(a distribution a healthy release shows) does not.</p>",
        '<table class="summary">',
        f'<tr><th>success</th><td class="{verdict}">{"yes" if summary.success else "no"}</td></tr>',
        f"<tr><th>expectations evaluated</th><td>{summary.evaluated}</td></tr>",
        f'<tr><th>failed</th><td class="{"failed" if summary.failed else "passed"}">{len(summary.failed)}</td></tr>',
        f'<tr><th>warnings</th><td class="{"warning" if summary.warnings else "passed"}">'
        f"{len(summary.warnings)}</td></tr>",
        "</table>",
    ]
    for title, items, css in (("Failed", summary.failed, "failed"), ("Warnings", summary.warnings, "warning")):
        if items:
            out.append(f'<p class="{css}">{title}:</p><ul>')
            out += [f"<li>{e(item)}</li>" for item in items]
            out.append("</ul>")
    out.append("<table><tr><th>table</th><th>rows</th><th>expectations</th><th>failed</th><th>warnings</th></tr>")
    for s in sections:
        counts = {k: sum(o.status == k for o in s.outcomes) for k in ("failed", "warning")}
        out.append(f'<tr><td><a href="#{e(s.table)}">{e(s.table)}</a></td><td>{s.rows}</td>'
                   f"<td>{len(s.outcomes)}</td><td>{counts['failed']}</td><td>{counts['warning']}</td></tr>")
    out.append("</table>")
    for s in sections:
        out.append(f'<h2 id="{e(s.table)}">{e(s.table)}</h2>')
        out.append(f'<p class="muted">{s.rows} row{"" if s.rows == 1 else "s"}; suite {SUITE_PREFIX}.{e(s.table)}, '
                   f"{len(s.outcomes)} expectations.</p>")
        out.append("<table><tr><th>expectation</th><th>column</th><th>arguments</th><th>result</th>"
                   "<th>observed value / unexpected</th></tr>")
        for o in s.outcomes:
            args = "<br>".join(f"{e(k)} = {e(_text(v))}" for k, v in o.arguments)
            out.append(f'<tr class="{o.status}"><td>{e(o.type)}</td><td>{e(o.where)}</td>'
                       f'<td class="args">{args}</td><td class="{o.status}">{o.status}</td>'
                       f'<td class="obs">{e(o.observed)}</td></tr>')
        out.append("</table>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


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
