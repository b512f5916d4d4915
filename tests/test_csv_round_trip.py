"""CSV that every reader reads: cells with line breaks, quotes, commas, tabs, formula starters and characters
outside the BMP come back from DuckDB and pandas exactly as the Parquet file holds them (after the documented
apostrophe rule), in every published table."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from pipeline.metadata import published_tables
from pipeline.release import csv_safe, write_csv, write_parquet

NASTY = [
    "bare\rcarriage return",
    "=evil\r=evil()",
    "line one\nline two",
    "windows\r\nline end",
    'a "quoted" word',
    "comma, inside",
    "tab\tinside",
    "\tstarts with a tab",
    "\rstarts with a carriage return",
    "=1+1",
    "+86 10 1234",
    "-40 percent",
    "@SUM(A1:A9)",
    "non-BMP \U0001F600 and \U00020000",
    "'already an apostrophe",
    '",\r\n"',
    "plain",
]
ROWS = 2 * len(NASTY)


def _synthetic(schema) -> pd.DataFrame:
    """ROWS rows of the table: every text column cycles through NASTY (shifted per column), row 0 holds nulls
    where the declaration allows them."""
    columns = {}
    for k, field in enumerate(schema.fields):
        values = []
        for i in range(ROWS):
            if i == 0 and not field.required:
                values.append(None)
            elif field.type == "string":
                values.append(NASTY[(i + k) % len(NASTY)])
            elif field.type == "integer":
                values.append(i)
            elif field.type == "number":
                values.append(i + 0.25)
            elif field.type == "boolean":
                values.append(i % 2 == 0)
            else:
                values.append(date(2025, 1, 1 + i % 28))
        columns[field.name] = values
    return schema.conform(pd.DataFrame(columns))


@pytest.mark.parametrize("schema", published_tables(), ids=lambda s: s.name)
def test_every_table_round_trips_through_csv(schema, tmp_path):
    frame = _synthetic(schema)
    parquet, csv = tmp_path / f"{schema.name}.parquet", tmp_path / f"{schema.name}.csv"
    write_parquet(frame, schema, parquet)
    write_csv(frame, schema, csv)
    con = duckdb.connect()
    names = [f.name for f in schema.fields]
    expected = con.execute(f"select * from read_parquet('{parquet}')").fetchall()
    assert len(expected) == ROWS
    guarded = [tuple(csv_safe(v) for v in row) for row in expected]

    # DuckDB with the declared types (the line the dataset card prints), row by row.
    seen = con.execute(f"select * from {schema.duckdb_read_csv(str(csv))}").fetchall()
    assert len(seen) == ROWS
    for want, got in zip(guarded, seen):
        assert got == want

    # pandas, every column as text: the same rows, the text cells exactly.
    read = pd.read_csv(csv, dtype=str, keep_default_na=False, na_values=[""])
    assert list(read.columns) == names and len(read) == ROWS
    for i, want in enumerate(guarded):
        for name, value in zip(names, want):
            if schema.field(name).type == "string":
                got = read.at[i, name]
                assert (None if pd.isna(got) else got) == value, (schema.name, i, name)


def test_a_formula_never_starts_a_csv_line(tmp_path):
    """The split row that a bare carriage return used to make began with `=evil`, past the formula guard."""
    schema = next(s for s in published_tables() if s.name == "documents")
    write_csv(_synthetic(schema), schema, tmp_path / "documents.csv")
    text = (tmp_path / "documents.csv").read_bytes().decode("utf-8")
    lines = text.split("\r\n")
    records = pd.read_csv(tmp_path / "documents.csv", dtype=str, keep_default_na=False)
    assert len(records) == ROWS
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in records.to_numpy().ravel() if cell)
    assert lines[-1] == "" and len(lines) >= ROWS + 2
