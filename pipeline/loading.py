"""Load a release into DataFrames: `pipeline.load(path)` for Python users.

Belongs here: reading a release folder (or its .tar.gz / .zip archive, unpacked safely) into one pandas
DataFrame per published table, with the declared types: integers as Int64, dates as `datetime.date`, text as
strings. Nothing here needs Dagster.

Example:

>>> tables = load("dist/0.1.0")                                # doctest: +SKIP
>>> tables["quantities"][["text", "value", "unit"]].head()     # doctest: +SKIP
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from pipeline.validate import safe_extract



class NotAReleaseError(ValueError):
    """The path is not a release folder or archive; the message says what is missing."""


def load(path: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of the release at `path` (a folder, or a .tar.gz / .zip archive of one), by table name."""
    with opened_release(path) as folder:
        return _load_folder(folder)


def is_archive(path: Path) -> bool:
    """Whether `path` names a release archive this package can open (.tar.gz, .tgz, .zip)."""
    return path.name.endswith((".tar.gz", ".tgz")) or path.suffix == ".zip"


@contextmanager
def opened_release(path: str | Path) -> Iterator[Path]:
    """The release folder at `path`, or an archive of one unpacked safely into a temporary folder for the block.

    e.g. `with opened_release("dist/china-ai-facts-0.2.0.tar.gz") as folder: ...`
    """
    path = Path(path)
    if path.is_dir():
        yield path
    elif path.is_file() and is_archive(path):
        with tempfile.TemporaryDirectory() as tmp:
            yield _unpack(path, Path(tmp))
    else:
        raise NotAReleaseError(f"{path}: not a release folder or a .tar.gz/.zip archive of one; pass the folder "
                               "that holds datapackage.json (e.g. dist/0.1.0) or its archive")


def _load_folder(folder: Path) -> dict[str, pd.DataFrame]:
    descriptor = folder / "datapackage.json"
    if not descriptor.is_file():
        raise NotAReleaseError(f"{folder}: no datapackage.json; pass a release folder such as dist/0.1.0")
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    tables: dict[str, pd.DataFrame] = {}
    for resource in package["resources"]:
        if resource.get("format") != "parquet":
            continue
        name = resource["name"].removesuffix("-parquet")
        arrow = pq.read_table(folder / resource["path"])
        frame = arrow.to_pandas(types_mapper={"int64": pd.Int64Dtype(), "string": pd.StringDtype(),
                                              "large_string": pd.StringDtype(), "bool": pd.BooleanDtype()}.get,
                                date_as_object=True)
        tables[name] = frame
    return tables


def _unpack(archive: Path, target: Path) -> Path:
    """Unpack with the validator's safe extraction (no escaping paths, links or devices); the release folder."""
    safe_extract(archive, target)
    found = sorted(p.parent for p in target.rglob("datapackage.json"))
    if not found:
        raise NotAReleaseError(f"{archive}: the archive holds no datapackage.json")
    return found[0]
