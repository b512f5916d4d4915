"""What changed between two releases: rows added, removed and changed, table by table.

Belongs here: comparing the Parquet files of two release folders, keyed by each table's primary key
(from its declaration in schemas/), and writing the result as terminal text (`python -m pipeline diff`)
or as a release's `CHANGELOG.md`. Nothing here needs Dagster.

A row is *added* when its key is only in the new release, *removed* when only in the old one, and
*changed* when the key is in both and any other column (of those both releases have) differs. Every
count comes from pandas merges on the key, never from a Python loop over the rows; only the few
examples shown per kind (the first ones by key, so the output is deterministic) are formatted one by one.

    diff = diff_releases(Path("dist/0.1.0"), Path("dist/0.2.0"))
    print(format_diff(diff))
    Path("CHANGELOG.md").write_text(changelog_markdown(diff, "0.1.0", "0.2.0"))
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import DATASET_NAME
from pipeline.metadata import load_schemas

EXAMPLES = 3
# The columns that say what a row is about, most telling first; examples show the key and up to
# MAX_CONTEXT of these (those the table has).
TELLING_COLUMNS = ("source_file", "title", "name", "alias", "text", "value", "unit", "currency", "start_date",
                   "end_date", "entity_type", "rule", "reason", "document_id")
MAX_CONTEXT = 4
MAX_TEXT = 60
# Integers, text and booleans read with pandas' nullable types, so a null never turns a column into floats.
_READ_TYPES = {pa.int64(): pd.Int64Dtype(), pa.int32(): pd.Int64Dtype(), pa.string(): pd.StringDtype("pyarrow"),
               pa.large_string(): pd.StringDtype("pyarrow"), pa.bool_(): pd.BooleanDtype()}


class NotAReleaseError(ValueError):
    """The folder is not a release (no data/ or no datapackage.json); the message says what is missing."""


@dataclass
class Example:
    """One row shown as an example: its key, a few telling columns and, for a changed row, old → new."""

    key: dict[str, Any]
    context: dict[str, Any] = field(default_factory=dict)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class TableDiff:
    """How one table differs between the old and the new release."""

    name: str
    key: tuple[str, ...]
    old_rows: int | None  # None: the table is not in the old release
    new_rows: int | None  # None: the table is not in the new release
    added: int = 0
    removed: int = 0
    changed: int = 0
    changed_columns: dict[str, int] = field(default_factory=dict)  # column -> rows where it differs, most first
    columns_added: tuple[str, ...] = ()
    columns_removed: tuple[str, ...] = ()
    added_examples: list[Example] = field(default_factory=list)
    removed_examples: list[Example] = field(default_factory=list)
    changed_examples: list[Example] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        """"added" or "removed" for a table in one release only, else "changed" or "unchanged"."""
        if self.old_rows is None:
            return "added"
        if self.new_rows is None:
            return "removed"
        if self.added or self.removed or self.changed or self.columns_added or self.columns_removed:
            return "changed"
        return "unchanged"


@dataclass
class ReleaseDiff:
    """Every table's TableDiff (by table name) between OLD (None: there is none) and NEW."""

    old: Path | None
    new: Path
    tables: list[TableDiff]
    extractors: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)  # name -> (old, new)

    @property
    def identical(self) -> bool:
        return self.old is not None and all(t.status == "unchanged" for t in self.tables)

    def table(self, name: str) -> TableDiff:
        return next(t for t in self.tables if t.name == name)


def release_problem(folder: Path, need_datapackage: bool = True) -> str | None:
    """Why FOLDER is not a release folder (None when it is one)."""
    if not folder.is_dir():
        return f"{folder} is not a folder; pass a release folder such as dist/0.1.0"
    missing = [name for name, ok in (("data/", (folder / "data").is_dir()),
                                     ("datapackage.json", (folder / "datapackage.json").is_file()
                                      or not need_datapackage)) if not ok]
    if missing:
        return (f"{folder} is not a release folder: it has no {' and no '.join(missing)}; "
                "pass a folder written by `python -m pipeline build` or `release`, such as dist/0.1.0")
    return None


def diff_releases(old: Path | None, new: Path, examples: int = EXAMPLES) -> ReleaseDiff:
    """Compare the Parquet tables of release folder OLD with those of NEW.

    NEW may be a release being staged: only its data/ folder is needed. OLD None gives the diff of a
    first release (every table added). Raises NotAReleaseError when a folder has no data/.
    """
    for folder in (old, new):
        if folder is not None:
            problem = release_problem(Path(folder), need_datapackage=False)
            if problem:
                raise NotAReleaseError(problem)
    new = Path(new)
    old = None if old is None else Path(old)
    old_files = _parquet_files(old) if old is not None else {}
    new_files = _parquet_files(new)
    old_package, new_package = _package(old), _package(new)
    tables = []
    for name in sorted(set(old_files) | set(new_files)):
        old_frame = _read(old_files[name]) if name in old_files else None
        new_frame = _read(new_files[name]) if name in new_files else None
        key = _primary_key(name, [p for p in (old_files.get(name), new_files.get(name)) if p is not None],
                           [f for f in (old_frame, new_frame) if f is not None], (old_package, new_package))
        tables.append(diff_table(name, key, old_frame, new_frame, examples))
    extractors = {}
    if old is not None:
        before = (old_package.get("pipeline") or {}).get("extractors") or {}
        after = (new_package.get("pipeline") or {}).get("extractors") or {}
        extractors = {n: (before.get(n), after.get(n)) for n in sorted(set(before) | set(after))
                      if before.get(n) != after.get(n)}
    return ReleaseDiff(old=old, new=new, tables=tables, extractors=extractors)


def diff_table(name: str, key: tuple[str, ...], old: pd.DataFrame | None, new: pd.DataFrame | None,
               examples: int = EXAMPLES) -> TableDiff:
    """The TableDiff of one table given both frames (None: the table is not in that release)."""
    diff = TableDiff(name=name, key=key, old_rows=None if old is None else len(old),
                     new_rows=None if new is None else len(new))
    if old is None or new is None:
        only = new if old is None else old
        sample = _sorted(only.drop_duplicates(list(key)), key).head(examples)
        (diff.added_examples if old is None else diff.removed_examples).extend(_examples(sample, key))
        return diff
    diff.columns_added = tuple(c for c in new.columns if c not in old.columns)
    diff.columns_removed = tuple(c for c in old.columns if c not in new.columns)
    common = [c for c in new.columns if c in old.columns]
    old, new = old[common], new[common]
    for label, frame in (("old", old), ("new", new)):
        duplicated = int(frame.duplicated(list(key)).sum())
        if duplicated:
            diff.notes.append(f"{duplicated} {label} row(s) repeat a key; only the first of each was compared")
    old = old.drop_duplicates(list(key))
    new = new.drop_duplicates(list(key))
    # Hash lookups of the keys for rows on one side only, an inner merge (unsorted) for rows on both.
    added = new.loc[_only_in(new, old, key)]
    removed = old.loc[_only_in(old, new, key)]
    both = old.merge(new, on=list(key), how="inner", suffixes=("__old", "__new"), sort=False)
    diff.added, diff.removed = len(added), len(removed)
    differs = {c: _differs(both[f"{c}__old"], both[f"{c}__new"]) for c in common if c not in key}
    if differs:
        mask = pd.concat(differs, axis=1).any(axis=1)
        counts = {c: int(d.sum()) for c, d in differs.items() if d.any()}
        diff.changed = int(mask.sum())
        diff.changed_columns = dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
    else:
        mask = pd.Series(False, index=both.index)
    diff.added_examples = _examples(_sorted(added, key).head(examples), key)
    diff.removed_examples = _examples(_sorted(removed, key).head(examples), key)
    changed = _sorted(both.loc[mask], key).head(examples)
    for _, row in changed.iterrows():
        changes = {c: (row[f"{c}__old"], row[f"{c}__new"]) for c in diff.changed_columns if differs[c].loc[row.name]}
        diff.changed_examples.append(Example(key={k: row[k] for k in key}, changes=changes,
                                             context=_context(row, [c for c in common if c not in changes], key, "__new")))
    return diff


# ---------------------------------------------------------------------------------------------- text


def summary_line(table: TableDiff) -> str:
    """One line per table, the same in `python -m pipeline diff` and CHANGELOG.md, e.g.
    `quantities: +12 added, -3 removed, ~5 changed (value); 140 → 149 rows`."""
    if table.status == "added":
        return f"{table.name}: new table, {_rows(table.new_rows)}"
    if table.status == "removed":
        return f"{table.name}: table removed, had {_rows(table.old_rows)}"
    if table.status == "unchanged":
        return f"{table.name}: unchanged, {_rows(table.new_rows)}"
    changed = f"~{table.changed} changed"
    if table.changed_columns:
        changed += f" ({', '.join(table.changed_columns)})"
    line = f"{table.name}: +{table.added} added, -{table.removed} removed, {changed}; " \
           f"{table.old_rows} → {table.new_rows} rows"
    if table.columns_added:
        line += f"; columns added: {', '.join(table.columns_added)}"
    if table.columns_removed:
        line += f"; columns removed: {', '.join(table.columns_removed)}"
    return line


def format_diff(diff: ReleaseDiff) -> str:
    """The terminal report: a heading, then one block per table (summary line, examples indented)."""
    lines = [f"{_name(diff.old) if diff.old else '(nothing)'} → {_name(diff.new)}"]
    lines += [f"extractor {n}: {a or '(none)'} → {b or '(none)'}" for n, (a, b) in diff.extractors.items()]
    for table in diff.tables:
        lines.append(summary_line(table))
        for mark, examples, total in (("+", table.added_examples, table.added or table.new_rows),
                                      ("-", table.removed_examples, table.removed or table.old_rows),
                                      ("~", table.changed_examples, table.changed)):
            lines += [f"  {mark} {_example_text(e, _plain)}" for e in examples]
            if examples and total and total > len(examples):
                lines.append(f"    ... and {total - len(examples)} more")
        lines += [f"  note: {note}" for note in table.notes]
    counts = {s: sum(t.status == s for t in diff.tables) for s in ("changed", "added", "removed", "unchanged")}
    if diff.old is None:
        lines.append(f"first release: {len(diff.tables)} tables")
    elif diff.identical:
        lines.append(f"no differences: all {len(diff.tables)} tables have the same rows")
    else:
        lines.append(f"tables: {counts['changed']} changed, {counts['added']} added, {counts['removed']} removed, "
                     f"{counts['unchanged']} unchanged")
    return "\n".join(lines) + "\n"


def changelog_markdown(diff: ReleaseDiff, old_name: str | None, new_name: str) -> str:
    """CHANGELOG.md of release NEW_NAME: what changed since OLD_NAME (None: a first release)."""
    lines = [f"# Changelog of {new_name}", ""]
    if diff.old is None or old_name is None:
        lines += [f"First release: there is no earlier numbered release to compare {new_name} with.", "",
                  "| table | rows |", "| --- | --- |"]
        lines += [f"| `{t.name}` | {t.new_rows} |" for t in diff.tables if t.new_rows is not None]
        return "\n".join(lines) + "\n"
    lines += [f"Previous release: {old_name}. Rows are matched by each table's primary key; a row is",
              "*changed* when any other column differs. Examples are the first rows by key.", ""]
    if diff.extractors:
        lines += ["## Extractors", ""]
        lines += [f"- `{n}`: {a or '(none)'} → {b or '(none)'}" for n, (a, b) in diff.extractors.items()]
        lines.append("")
    lines += ["## Summary", ""]
    if diff.identical:
        lines += [f"No differences: all {len(diff.tables)} tables have the same rows as {old_name}.", ""]
    lines += [f"- {summary_line(t)}" for t in diff.tables]
    for table in diff.tables:
        if table.status == "unchanged":
            continue
        lines += ["", f"## `{table.name}`", "", f"Key: {', '.join(f'`{k}`' for k in table.key)}."]
        for label, examples, total in (("Added", table.added_examples, table.added or table.new_rows),
                                       ("Removed", table.removed_examples, table.removed or table.old_rows),
                                       ("Changed", table.changed_examples, table.changed)):
            if not examples:
                continue
            shown = f"the first {len(examples)} of {total}" if total > len(examples) else f"all {total}"
            lines += ["", f"{label} ({shown}):", ""]
            lines += [f"- {_example_text(e, _code)}" for e in examples]
        if table.changed_columns:
            lines += ["", "Changed columns: " + ", ".join(f"`{c}` ({_rows(n)})" for c, n in table.changed_columns.items())
                      + "."]
        lines += [f"\nNote: {note}." for note in table.notes]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------- reading


def _parquet_files(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted((folder / "data").glob("*.parquet")) if p.is_file()}


def _package(folder: Path | None) -> dict[str, Any]:
    try:
        return json.loads((folder / "datapackage.json").read_text(encoding="utf-8")) if folder else {}
    except (OSError, ValueError):
        return {}


def _read(path: Path) -> pd.DataFrame:
    return pq.read_table(path).to_pandas(types_mapper=_READ_TYPES.get)


def _primary_key(name: str, paths: list[Path], frames: list[pd.DataFrame],
                 packages: tuple[dict[str, Any], ...]) -> tuple[str, ...]:
    """The table's declared primary key; else the one its Parquet file or datapackage.json records;
    else every column both releases have (then rows can only be added or removed)."""
    candidates: list[tuple[str, ...]] = []
    declared = load_schemas().get(name)
    if declared is not None:
        candidates.append(tuple(declared.primary_key))
    for path in paths:
        recorded = (pq.read_schema(path).metadata or {}).get(b"primary_key")
        if recorded:
            candidates.append(tuple(recorded.decode("utf-8").split(",")))
    for package in packages:
        for resource in package.get("resources", []):
            if resource.get("name") in (name, f"{name}-parquet"):
                key = (resource.get("schema") or {}).get("primaryKey")
                if key:
                    candidates.append(tuple([key] if isinstance(key, str) else key))
    for key in candidates:
        if key and all(k in frame.columns for frame in frames for k in key):
            return key
    return tuple(c for c in frames[0].columns if all(c in f.columns for f in frames))


def _sorted(frame: pd.DataFrame, key: tuple[str, ...]) -> pd.DataFrame:
    return frame.sort_values(list(key), kind="stable", na_position="last")


def _only_in(frame: pd.DataFrame, other: pd.DataFrame, key: tuple[str, ...]):
    """A mask of FRAME's rows whose key OTHER does not have (the keys of OTHER are unique)."""
    probe = frame[list(key)].merge(other[list(key)], on=list(key), how="left", indicator=True, sort=False)
    return (probe["_merge"] == "left_only").to_numpy()


def _differs(old: pd.Series, new: pd.Series) -> pd.Series:
    """Where two aligned columns differ; two nulls are equal."""
    old_na, new_na = old.isna(), new.isna()
    try:
        equal = (old == new)
    except (TypeError, ValueError):  # types changed between releases: compare as text
        equal = old.astype("string") == new.astype("string")
    equal = pd.Series(equal, index=old.index).astype("boolean").fillna(False).astype(bool)
    return ~(equal | (old_na & new_na))


def _context(row: pd.Series, columns, key: tuple[str, ...], suffix: str = "") -> dict[str, Any]:
    """The row's most telling columns (TELLING_COLUMNS order) that are not null, at most MAX_CONTEXT."""
    names = [c for c in TELLING_COLUMNS if c in columns and c not in key and not _null(row[f"{c}{suffix}"])]
    return {c: row[f"{c}{suffix}"] for c in names[:MAX_CONTEXT]}


def _examples(frame: pd.DataFrame, key: tuple[str, ...]) -> list[Example]:
    return [Example(key={k: row[k] for k in key}, context=_context(row, frame.columns, key))
            for _, row in frame.iterrows()]


def _null(value: Any) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))

# ---------------------------------------------------------------------------------------------- formatting


def _name(folder: Path) -> str:
    """The release's name: its folder's, without the archive's `china-ai-facts-` prefix when it was unpacked."""
    return folder.name.removeprefix(f"{DATASET_NAME}-")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _rows(n: int | None) -> str:
    return _count(n or 0, "row")


def _value(value: Any) -> str:
    """A value as text: null, numbers without float noise, dates as ISO, long text shortened."""
    if _null(value):
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, (date, datetime)):  # pd.Timestamp is a datetime
        return value.isoformat()
    if isinstance(value, str):
        text = " ".join(value.split())
        return json.dumps(text[: MAX_TEXT - 1] + "…" if len(text) > MAX_TEXT else text, ensure_ascii=False)
    return str(value)


def _plain(text: str) -> str:
    return text


def _code(text: str) -> str:
    """Markdown inline code that survives backticks in the value."""
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _example_text(example: Example, quote) -> str:
    parts = [", ".join(f"{k}={quote(_value(v))}" for k, v in example.key.items())]
    parts += [f"{c}={quote(_value(v))}" for c, v in example.context.items()]
    text = "  ".join(parts)
    if example.changes:
        text += ": " + "; ".join(f"{c} {quote(_value(a))} → {quote(_value(b))}"
                                 for c, (a, b) in example.changes.items())
    return text
