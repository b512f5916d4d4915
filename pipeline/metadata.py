"""Table declarations: load `schemas/*.yaml` and derive every other schema from them.

Each table is declared once, as data, in `schemas/<table>.yaml`. This module is
the only reader of those files; from one `TableSchema` it derives the pandera
schema that validates the asset, the Arrow schema of the Parquet file, the
Frictionless table schema of `datapackage.json` and the field table of the
dataset card. Nothing else in the project spells out a column list.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pandera.pandas as pa
import pyarrow
import yaml
from pandera.engines import pandas_engine

SCHEMAS_DIR = Path(__file__).resolve().parent.parent / "schemas"

# One row per declared type: pandas dtype, pandera dtype, Arrow type, Frictionless type, DuckDB type.
_TYPES: dict[str, tuple[Any, Any, pyarrow.DataType, str, str]] = {
    "string": ("string", pd.StringDtype(), pyarrow.string(), "string", "VARCHAR"),
    "integer": ("Int64", pd.Int64Dtype(), pyarrow.int64(), "integer", "BIGINT"),
    "number": ("float64", "float64", pyarrow.float64(), "number", "DOUBLE"),
    "boolean": ("boolean", pd.BooleanDtype(), pyarrow.bool_(), "boolean", "BOOLEAN"),
    "date": ("object", pandas_engine.Date(), pyarrow.date32(), "date", "DATE"),
}


class SchemaDeclarationError(ValueError):
    """A file in schemas/ does not follow the declaration format."""


@dataclass(frozen=True)
class FieldSchema:
    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    @property
    def pandas_dtype(self) -> Any:
        return _TYPES[self.type][0]

    def pandera_column(self) -> pa.Column:
        checks = []
        if self.enum is not None:
            checks.append(pa.Check.isin(list(self.enum)))
        if self.pattern is not None:
            checks.append(pa.Check.str_matches(self.pattern))
        if self.minimum is not None:
            checks.append(pa.Check.ge(self.minimum))
        if self.maximum is not None:
            checks.append(pa.Check.le(self.maximum))
        return pa.Column(
            _TYPES[self.type][1],
            checks=checks,
            nullable=not self.required,
            unique=self.unique,
            description=self.description,
            title=self.name,
        )

    def arrow_field(self) -> pyarrow.Field:
        return pyarrow.field(
            self.name,
            _TYPES[self.type][2],
            nullable=not self.required,
            metadata={"description": self.description},
        )

    def frictionless(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "type": _TYPES[self.type][3],
            "description": self.description,
        }
        if self.type == "date":
            out["format"] = "default"
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.maximum is not None:
            constraints["maximum"] = self.maximum
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True)
class ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSchema:
    name: str
    title: str
    description: str
    publish: bool
    primary_key: tuple[str, ...]
    fields: tuple[FieldSchema, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default=())

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> FieldSchema:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} declares no field {name!r}")

    def empty_frame(self) -> pd.DataFrame:
        return self.conform(pd.DataFrame({f.name: [] for f in self.fields}))

    def conform(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The declared columns, in declared order, with declared dtypes.

        Raises KeyError naming the missing columns; extra columns are dropped.
        """
        missing = [n for n in self.field_names if n not in frame.columns]
        if missing:
            raise KeyError(f"table {self.name!r} is missing columns {missing}")
        out = frame.loc[:, self.field_names].copy()
        for f in self.fields:
            if f.type == "date":
                out[f.name] = out[f.name].astype(object).where(out[f.name].notna(), None)
            else:
                out[f.name] = out[f.name].astype(f.pandas_dtype)
        return out.reset_index(drop=True)

    @functools.cached_property
    def pandera(self) -> pa.DataFrameSchema:
        return pa.DataFrameSchema(
            {f.name: f.pandera_column() for f in self.fields},
            strict=True,
            ordered=True,
            unique=list(self.primary_key) if len(self.primary_key) > 1 else None,
            name=self.name,
            title=self.title,
            description=self.description,
        )

    @functools.cached_property
    def arrow(self) -> pyarrow.Schema:
        return pyarrow.schema(
            [f.arrow_field() for f in self.fields],
            metadata={
                "table": self.name,
                "title": self.title,
                "description": self.description,
                "primary_key": ",".join(self.primary_key),
            },
        )

    def frictionless(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "fields": [f.frictionless() for f in self.fields],
            "primaryKey": list(self.primary_key),
        }
        if self.foreign_keys:
            out["foreignKeys"] = [
                {
                    "fields": list(fk.fields),
                    # Frictionless v1 writes a self-reference as an empty resource name.
                    "reference": {
                        "resource": "" if fk.resource == self.name else fk.resource,
                        "fields": list(fk.reference_fields),
                    },
                }
                for fk in self.foreign_keys
            ]
        return out

    def duckdb_read_csv(self, path: str) -> str:
        """A DuckDB expression reading this table's CSV at `path` with every column's declared type.

        Declaring the text columns too keeps DuckDB from guessing a type from their first rows.
        e.g. `read_csv('data/roles.csv', types={'role_id': 'VARCHAR', ..., 'char_start': 'BIGINT'})`
        """
        types = ", ".join(f"'{f.name}': '{_TYPES[f.type][4]}'" for f in self.fields)
        return f"read_csv('{path}', types={{{types}}})"

    def markdown(self) -> str:
        """The table's section of the dataset card: description and a field table."""
        lines = [f"### `{self.name}`: {self.title}", "", self.description, ""]
        lines.append(f"Primary key: {', '.join(f'`{k}`' for k in self.primary_key)}.")
        for fk in self.foreign_keys:
            lines.append(
                f"Foreign key: {', '.join(fk.fields)} → `{fk.resource}`.{', '.join(fk.reference_fields)}."
            )
        lines += ["", "| field | type | required | description |", "| --- | --- | --- | --- |"]
        for f in self.fields:
            extra = f" One of: {', '.join(f'`{v}`' for v in f.enum)}." if f.enum else ""
            lines.append(
                f"| `{f.name}` | {f.type} | {'yes' if f.required else 'no'} | {f.description}{extra} |"
            )
        return "\n".join(lines) + "\n"


def _parse(path: Path) -> TableSchema:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields = tuple(
            FieldSchema(
                name=f["name"],
                type=f["type"],
                description=f["description"],
                required=bool(f.get("required", False)),
                unique=bool(f.get("unique", False)),
                enum=tuple(f["enum"]) if "enum" in f else None,
                pattern=f.get("pattern"),
                minimum=f.get("minimum"),
                maximum=f.get("maximum"),
            )
            for f in raw["fields"]
        )
        foreign_keys = tuple(
            ForeignKey(
                fields=tuple(fk["fields"]),
                resource=fk["reference"]["resource"],
                reference_fields=tuple(fk["reference"]["fields"]),
            )
            for fk in raw.get("foreign_keys", [])
        )
        table = TableSchema(
            name=raw["name"],
            title=raw["title"],
            description=" ".join(str(raw["description"]).split()),
            publish=bool(raw["publish"]),
            primary_key=tuple(raw["primary_key"]),
            fields=fields,
            foreign_keys=foreign_keys,
        )
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise SchemaDeclarationError(
            f"{path}: not a valid table declaration ({exc!r}); every table needs name, title, "
            "description, publish, primary_key and fields with name, type and description"
        ) from exc
    if table.name != path.stem:
        raise SchemaDeclarationError(f"{path}: declares table {table.name!r}; rename the file to {table.name}.yaml")
    for f in fields:
        if f.type not in _TYPES:
            raise SchemaDeclarationError(
                f"{path}: field {f.name!r} has type {f.type!r}; use one of {sorted(_TYPES)}"
            )
    for key in table.primary_key:
        table.field(key)
    return table


@functools.cache
def load_schemas(directory: Path = SCHEMAS_DIR) -> dict[str, TableSchema]:
    """Every table declaration, by table name, in file-name order."""
    tables = {}
    for path in sorted(directory.glob("*.yaml")):
        table = _parse(path)
        tables[table.name] = table
    return tables


def table_schema(name: str) -> TableSchema:
    try:
        return load_schemas()[name]
    except KeyError:
        raise KeyError(f"no table {name!r} is declared; add schemas/{name}.yaml") from None


def published_tables() -> list[TableSchema]:
    return [t for t in load_schemas().values() if t.publish]
