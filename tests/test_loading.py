"""A built release loads in DuckDB, Polars, pandas and pyarrow with the declared types (and Spark-safe ones)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

import pipeline
from pipeline.metadata import published_tables

TABLES = [schema.name for schema in published_tables()]
DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
POLARS_TYPES = {"string": pl.String, "integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}


def _schema(table):
    return next(s for s in published_tables() if s.name == table)


@pytest.mark.parametrize("table", TABLES)
def test_parquet_has_no_type_spark_rejects(built, table):
    schema = pq.read_schema(built["release"] / "data" / f"{table}.parquet")
    for field in schema:
        assert not pa.types.is_unsigned_integer(field.type), (table, field)
        assert not (pa.types.is_timestamp(field.type) and field.type.unit == "ns"), (table, field)


@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_parquet_and_csv_with_the_declared_types(built, table):
    release, con = built["release"], duckdb.connect()
    declared = {f.name: DUCKDB_TYPES[f.type] for f in _schema(table).fields}
    parquet = con.execute(f"describe select * from read_parquet('{release}/data/{table}.parquet')").fetchall()
    assert {name: kind for name, kind, *_ in parquet} == declared
    # CSV with the declared types (the one-liner in the README): the same rows as the Parquet file.
    types = ", ".join(f"'{n}': '{t}'" for n, t in declared.items())
    csv = con.execute(f"select * from read_csv('{release}/data/{table}.csv', header=true, types={{{types}}}) "
                      "order by all").fetchall()
    pq_rows = con.execute(f"select * from read_parquet('{release}/data/{table}.parquet') order by all").fetchall()
    # CSV cells that would start a formula carry a leading apostrophe: compare the rest exactly.
    strip = lambda row: tuple(v[1:] if isinstance(v, str) and v.startswith("'") else v for v in row)  # noqa: E731
    assert [strip(r) for r in csv] == [strip(r) for r in pq_rows]


def test_duckdb_sees_dates_as_dates_and_integers_as_integers(built):
    rows = duckdb.connect().execute(
        f"select start_date, char_start from read_parquet('{built['release']}/data/time_expressions.parquet') limit 1"
    ).fetchall()
    assert isinstance(rows[0][0], date) and isinstance(rows[0][1], int)


@pytest.mark.parametrize("table", TABLES)
def test_polars_reads_parquet_and_csv_with_the_declared_types(built, table):
    release = built["release"]
    declared = {f.name: POLARS_TYPES[f.type] for f in _schema(table).fields}
    frame = pl.read_parquet(release / "data" / f"{table}.parquet")
    assert dict(frame.schema) == declared
    csv = pl.read_csv(release / "data" / f"{table}.csv", schema=declared)
    assert csv.height == frame.height


def test_pandas_and_pipeline_load_give_dates_and_integers(built):
    tables = pipeline.load(built["release"])
    assert set(tables) == set(TABLES)
    times = tables["time_expressions"]
    assert len(times) and all(isinstance(d, date) for d in times["start_date"])
    assert str(times["char_start"].dtype) == "Int64"
    assert str(tables["quantities"]["value"].dtype) == "float64"


def test_pyarrow_dataset_reads_every_table(built):
    for table in TABLES:
        dataset = ds.dataset(built["release"] / "data" / f"{table}.parquet", format="parquet")
        schema = dataset.schema
        for field in _schema(table).fields:
            kind = schema.field(field.name).type
            expected = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(),
                        "boolean": pa.bool_(), "date": pa.date32()}[field.type]
            assert kind == expected, (table, field.name, kind)
        assert dataset.count_rows() == len(pq.read_table(built["release"] / "data" / f"{table}.parquet"))


def test_load_refuses_what_is_not_a_release(tmp_path):
    with pytest.raises(ValueError, match="datapackage.json"):
        pipeline.load(tmp_path)


def test_the_cards_one_line_loads_run_in_the_release_folder(built, monkeypatch):
    """Every Python line in the README's "Loading" section runs as printed, from inside the release."""
    release = built["release"]
    card = (release / "README.md").read_text(encoding="utf-8")
    section = card.split("## Loading", 1)[1].split("\n## ", 1)[0]
    blocks = [b.split("```", 1)[0] for b in section.split("```python\n")[1:]]
    lines = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert any(line.startswith("import duckdb") for line in lines)
    assert any(line.startswith("import polars") for line in lines)
    assert any(line.startswith("import pandas") for line in lines)
    monkeypatch.chdir(release)
    namespace: dict = {}
    results = []
    for line in lines:
        exec(compile(line.replace("; ", "\n_ = ", 1) if line.startswith("import") else f"_ = {line}",
                     "<card>", "exec"), namespace)
        results.append(namespace["_"])
    quantities = pq.read_table(release / "data" / "quantities.parquet")
    csv_rows = results[-1].fetchall()  # the DuckDB CSV line, with declared types
    assert len(csv_rows) == quantities.num_rows > 0
    assert all(isinstance(row[[f.name for f in _schema("quantities").fields].index("char_start")], int)
               for row in csv_rows)
    assert len(results[1]) == pq.read_metadata(release / "data" / "entities.parquet").num_rows
