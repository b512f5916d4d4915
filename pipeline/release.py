"""The release: Parquet + CSV for every published table and a Frictionless datapackage.

Belongs here: writing a release folder atomically and deterministically, the
`datapackage.json` descriptor, the dataset card, and the names of release folders.

Two kinds of folder live under dist/ (the names and their order: pipeline/versioning.py):

- a numbered release, DIST/VERSION (Semantic Versioning, e.g. `0.2.0`), written by
  `python -m pipeline release`. It is immutable: writing a version that exists with other content
  is refused.
- a development build, DIST/VERSION.dev+DIGEST (e.g. `0.1.0.dev+3f9c2a1b`), written by
  `make dataset`, `python -m pipeline build` and the Dagster schedule and sensor. DIGEST is the
  first 8 hex digits of `content_digest()` of the staged folder, so the name follows from the
  content: the same inputs, code and commit give the same folder (rebuilding is a no-op), anything
  else a new one. Inside, the version reads VERSION.dev. Only the newest few are kept.
"""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import DATASET_NAME, __version__
from pipeline.changes import changelog_markdown, diff_releases
from pipeline.hashing import sha256_of  # noqa: F401  (re-exported: tests and callers use it here)
from pipeline.locking import folder_lock, hold_staging
from pipeline.expectations import validate_release
from pipeline.metadata import TableSchema, published_tables
from pipeline.settings import release_timestamp
from pipeline.versioning import (  # noqa: F401  (re-exported: the CLI and tests use them here)
    DEV_BUILD_NAME, DEV_SUFFIX, DIGEST_LENGTH, dev_build_name, parse, precedence, version_problem,
)

DATASET_TITLE = "China AI facts: quantities, entities, dates and roles from news about China's AI industry"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
# Spreadsheet programs run a cell that starts with one of these as a formula (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class ReleaseValidationError(RuntimeError):
    """The Great Expectations suite failed on the staged release."""


class ReleaseExistsError(RuntimeError):
    """A release of this version exists with different content."""


def content_digest(folder: Path) -> str:
    """SHA-256 of the folder's data files and datapackage.json, in hex.

    The same as `cd FOLDER && LC_ALL=C sha256sum data/* datapackage.json | sha256sum`: the digest of
    the `sha256sum` listing (file hash, two spaces, relative path, newline) in path order.
    """
    files = [*(p for p in (folder / "data").iterdir() if p.is_file()), folder / "datapackage.json"]
    paths = sorted(p.relative_to(folder).as_posix() for p in files)
    listing = "".join(f"{sha256_of(folder / path)}  {path}\n" for path in paths)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def dev_builds(dist_dir: Path) -> list[Path]:
    """The development builds in DIST, newest first (by folder modification time)."""
    if not dist_dir.is_dir():
        return []
    builds = [p for p in dist_dir.iterdir()
              if DEV_BUILD_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink()
              and (p / "datapackage.json").is_file()]
    return sorted(builds, key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)


def previous_release(dist_dir: Path, version: str, dev_build: bool = False) -> Path | None:
    """The release a new release of VERSION is compared with in its CHANGELOG.md, None when there is none.

    That is the newest numbered release in DIST older than VERSION by SemVer precedence (0.10.0 is newer
    than 0.9.0, 1.0.0-rc1 older than 1.0.0); for a development build, the newest numbered release. Only
    folders named by a release version that hold datapackage.json and data/ count: development builds,
    symlinks and hidden (staging) folders never do.
    """
    if not dist_dir.is_dir():
        return None
    releases = [p for p in dist_dir.iterdir()
                if parse(p.name) and not p.is_symlink()
                and (p / "datapackage.json").is_file() and (p / "data").is_dir()]
    if not dev_build:
        this = parse(version)
        releases = [p for p in releases if p.name != version
                    and (this is None or precedence(parse(p.name)) < precedence(this))]
    return max(releases, key=lambda p: precedence(parse(p.name)), default=None)


def prune_dev_builds(dist_dir: Path, keep: int, current: Path | None = None) -> list[Path]:
    """Delete all but the `keep` newest development builds in DIST; returns the deleted folders.

    `current` is always kept; `keep` <= 0 keeps everything. Numbered releases are never touched.
    """
    if keep <= 0:
        return []
    builds = dev_builds(dist_dir)
    if current is not None and current in builds:
        builds.remove(current)
        builds.insert(0, current)
    removed = builds[keep:]
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
        for path in archive_paths(dist_dir, folder.name):  # its download archive and that archive's checksum
            path.unlink(missing_ok=True)
    return removed


def csv_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_parquet(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    table = pa.Table.from_pandas(frame, schema=schema.arrow, preserve_index=False)
    table = table.replace_schema_metadata(schema.arrow.metadata)
    pq.write_table(table, path, compression="zstd", write_statistics=True)


def write_csv(frame: pd.DataFrame, schema: TableSchema, path: Path) -> None:
    """The table as RFC 4180 CSV: UTF-8, a header, CRLF line ends, and any cell holding a comma, quote, CR or
    LF in quotes.

    The CRLF line end is what makes Python's csv writer quote a cell with a bare carriage return: with a
    "\n" line end it writes "\r" unquoted, which DuckDB refuses and pandas splits into a new row.
    """
    out = frame.copy()
    for f in schema.fields:
        if f.type == "string":
            out[f.name] = out[f.name].map(csv_safe, na_action="ignore")
        elif f.type == "number":
            # repr-exact floats, no trailing ".0" noise differences between platforms
            out[f.name] = out[f.name].map(lambda v: None if pd.isna(v) else repr(float(v)))
    out.to_csv(path, index=False, lineterminator="\r\n", encoding="utf-8")


def _resource(schema: TableSchema, path: Path, root: Path, fmt: str) -> dict[str, Any]:
    rel = path.relative_to(root).as_posix()
    resource: dict[str, Any] = {
        "name": schema.name if fmt == "csv" else f"{schema.name}-parquet",
        "title": schema.title,
        "description": schema.description,
        "path": rel,
        "profile": "tabular-data-resource",
        "format": fmt,
        "mediatype": "text/csv" if fmt == "csv" else "application/vnd.apache.parquet",
        "hash": f"sha256:{sha256_of(path)}",
        "schema": schema.frictionless(),
    }
    if fmt == "csv":
        resource["encoding"] = "utf-8"
        resource["bytes"] = path.stat().st_size
    else:
        # frictionless-py cannot count Parquet bytes; keep the size where it does not check it.
        resource["file_bytes"] = path.stat().st_size
    return resource


def _sources(documents: pd.DataFrame) -> list[dict[str, Any]]:
    sources = []
    for row in documents.sort_values("source_file").itertuples():
        source = {"title": row.title, "source_file": row.source_file, "sha256": row.sha256,
                  "document_id": row.document_id}
        if isinstance(row.url, str) and row.url.startswith(("https://", "http://")):
            source["path"] = row.url  # only web addresses; anything else could point a reader elsewhere
        elif isinstance(row.url, str):
            source["url_as_given"] = row.url
        if isinstance(row.publisher, str):
            source["publisher"] = row.publisher
        if isinstance(row.published_date, date):
            source["published_date"] = row.published_date.isoformat()
        sources.append(source)
    return sources


def _latest_input(documents: pd.DataFrame) -> datetime | None:
    dates = [d for d in documents["published_date"] if isinstance(d, date)]
    if not dates:
        return None
    latest = max(dates)
    return datetime(latest.year, latest.month, latest.day, tzinfo=timezone.utc)


def load_examples() -> str:
    """The card's "Loading" section: one line per tool, paths relative to the release folder."""
    quantities = next(s for s in published_tables() if s.name == "quantities")
    return "\n".join([
        "## Loading",
        "",
        "Run from this folder (or prefix the paths with it). Parquet keeps the exact types: integers as int64,",
        "dates as date32, no unsigned integers or nanosecond timestamps, so Spark reads them too.",
        "",
        "```python",
        'import duckdb; duckdb.sql("select unit, count(*) from \'data/quantities.parquet\' group by unit")',
        'import polars as pl; pl.read_parquet("data/entities.parquet")',
        'import pandas as pd; pd.read_parquet("data/time_expressions.parquet")',
        "```",
        "",
        "The CSV files read with their declared types in DuckDB; for example:",
        "",
        "```python",
        f'duckdb.sql("select * from {quantities.duckdb_read_csv("data/quantities.csv")}")',
        "```",
        "",
        "With the pipeline installed, `import pipeline; tables = pipeline.load(\"PATH\")` returns every table as",
        "pandas DataFrames, from this folder or its archive.",
        "",
    ])


def dataset_card(version: str, tables: dict[str, pd.DataFrame], provenance: dict[str, Any],
                 dev_build: bool = False) -> str:
    lines = [
        f"# {DATASET_TITLE}",
        "",
        f"Version {version}. License: {LICENSE['title']} ({LICENSE['name']}).",
        "Numbered releases follow Semantic Versioning applied to the data: MAJOR when a table or column",
        "is removed, renamed or changes type or meaning; MINOR when tables, columns or facts are added;",
        "PATCH for corrections.",
        "",
    ]
    if dev_build:
        lines += [
            "This is a development build, not a numbered release. Its folder is named",
            f"`{version}+DIGEST`, DIGEST being the first {DIGEST_LENGTH} hex digits of",
            "`LC_ALL=C sha256sum data/* datapackage.json | sha256sum` run in the folder.",
            "",
        ]
    lines += [
        "Every table is published twice: `data/<table>.parquet` (exact types) and `data/<table>.csv`.",
        "`datapackage.json` describes both (Frictionless Data Package v1) with each file's SHA-256.",
        "",
        "## Text offsets",
        "",
        "`char_start`/`char_end` index a document's normalised body: Unicode NFC, line breaks as `\\n`,",
        "each line stripped, other whitespace runs folded to one space, paragraphs separated by one blank",
        "line. Offsets count Unicode code points. Full texts are not republished: `documents.sha256` lets",
        "you check your own copy of a source file.",
        "",
        "## CSV and spreadsheets",
        "",
        "The CSV files follow RFC 4180: UTF-8, a header row, CRLF line ends, and every cell that holds a comma,",
        "a double quote, a carriage return or a line feed in double quotes (a quote inside doubled).",
        "",
        "A CSV text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading",
        "apostrophe (`'`) so that spreadsheet software shows it as text instead of running it as a formula",
        "(OWASP CSV injection guidance). The Parquet files keep the exact values.",
        "",
        "## Validation",
        "",
        "`validation/report.html` is the Great Expectations report on every table of this release (one",
        "self-contained page: each expectation, its arguments, its result and the observed value); a",
        "release is only written when every expectation and every blocking check passed.",
        "",
        "## Verifying a copy",
        "",
        "`SHA256SUMS` lists the SHA-256 of every other file in this folder: `sha256sum -c SHA256SUMS`",
        "run in the folder checks them. The whole folder is also published as one reproducible archive,",
        "`china-ai-facts-<version>.tar.gz`, with its checksum in `china-ai-facts-<version>.tar.gz.sha256`",
        "(`sha256sum -c` it beside the archive). `python -m pipeline validate FOLDER_OR_ARCHIVE`, in the",
        "pipeline's repository, checks the checksums, the Frictionless descriptor, every table against its",
        "declared schema and the keys across tables.",
        "",
        "## Row counts",
        "",
        "| table | rows |",
        "| --- | --- |",
    ]
    lines += [f"| `{name}` | {len(frame)} |" for name, frame in tables.items()]
    lines += ["", load_examples(), "## Extractors", ""]
    lines += [f"- `{name}`: {label}" for name, label in sorted(provenance.get("extractors", {}).items())]
    lines += ["", "## Tables", ""]
    lines += [schema.markdown() for schema in published_tables()]
    return "\n".join(lines) + "\n"


def write_release(
    tables: dict[str, pd.DataFrame],
    dist_dir: Path,
    version: str,
    provenance: dict[str, Any] | None = None,
    *,
    dev_build: bool = False,
) -> Path:
    """Write a release folder atomically; returns it.

    A numbered release goes to DIST/VERSION. A development build (`dev_build=True`) is labelled
    VERSION.dev inside and goes to DIST/VERSION.dev+DIGEST, named after its staged content
    (see `content_digest`). The same content written again is a no-op.

    Raises ReleaseExistsError when a numbered release of VERSION exists (identical or not) or a development build
    exists with other files, ValueError when VERSION does not
    follow the version scheme (pipeline/versioning.py).
    """
    problem = version_problem(version, numbered=not dev_build)
    if problem:
        raise ValueError(problem)
    provenance = provenance or {}
    schemas = {s.name: s for s in published_tables()}
    missing = set(schemas) - set(tables)
    if missing:
        raise KeyError(f"release is missing tables {sorted(missing)}")
    dist_dir.mkdir(parents=True, exist_ok=True)
    label = f"{version}{DEV_SUFFIX}" if dev_build else version
    staging = Path(tempfile.mkdtemp(prefix=f".{label}.", dir=dist_dir))
    # Held until the folder is published or removed: a sweep by a later build sees this writer is alive.
    owner = hold_staging(staging)
    archive: Path | None = None
    try:
        data = staging / "data"
        data.mkdir()
        resources = []
        for name, schema in schemas.items():
            frame = schema.conform(tables[name])
            parquet_path, csv_path = data / f"{name}.parquet", data / f"{name}.csv"
            write_parquet(frame, schema, parquet_path)
            write_csv(frame, schema, csv_path)
            resources.append(_resource(schema, csv_path, staging, "csv"))
            resources.append(_resource(schema, parquet_path, staging, "parquet"))
        documents = tables["documents"]
        created = release_timestamp(_latest_input(documents))
        report = validate_release({n: schema.conform(tables[n]) for n, schema in schemas.items()}, staging, label, created)
        if not report.success:
            raise ReleaseValidationError(
                f"the Great Expectations suite failed on {len(report.failed)} expectation(s): "
                f"{'; '.join(report.failed[:10])}; nothing was published. Fix the rows these expectations name.")
        package = {
            "profile": "tabular-data-package",
            "name": DATASET_NAME,
            "title": DATASET_TITLE,
            "version": label,
            "created": created,
            "licenses": [LICENSE],
            "sources": _sources(documents),
            "row_counts": {name: int(len(tables[name])) for name in schemas},
            "validation": report.as_dict(),
            "pipeline": {"name": "china-ai-facts", "version": __version__, **provenance},
            "resources": resources,
        }
        (staging / "datapackage.json").write_text(
            json.dumps(package, indent=2, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
        (staging / "README.md").write_text(
            dataset_card(label, {n: tables[n] for n in schemas}, provenance, dev_build=dev_build), encoding="utf-8")
        # CHANGELOG.md: the changes since the previous numbered release (pipeline/changes.py, as `python -m
        # pipeline diff` prints them). A folder that exists keeps its changelog, so writing the same content again
        # stays a no-op after a newer release appeared.
        name = dev_build_name(version, content_digest(staging)) if dev_build else version
        previous = previous_release(dist_dir, version, dev_build=dev_build)
        kept = dist_dir / name / "CHANGELOG.md"
        (staging / "CHANGELOG.md").write_text(kept.read_text(encoding="utf-8") if kept.is_file() else changelog_markdown(
            diff_releases(previous, staging), previous.name if previous else None, name), encoding="utf-8")
        # Keep these last: SHA256SUMS lists every file written above, and the archive holds them all.
        write_checksums(staging)
        os.chmod(staging, 0o755)
        final = dist_dir / (dev_build_name(version, content_digest(staging)) if dev_build else version)
        archive = _stage_archive(staging, dist_dir, final.name, created)
        _publish(staging, final, dev_build)
        _publish_archive(archive, dist_dir, final.name)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if archive is not None:
            archive.unlink(missing_ok=True)
        raise
    finally:
        if owner is not None:
            os.close(owner)
    if not dev_build:
        update_latest(dist_dir)
    return final


def _publish(staging: Path, final: Path, dev_build: bool) -> None:
    """Rename STAGING to FINAL atomically.

    A development build that exists with the same files is a success (the same content, the same name). A
    numbered release that exists is refused, identical or not: releases are written once. The check and the
    rename happen under DIST's lock, so of two writers racing for one name exactly one publishes and the other
    is told the release exists (never a bare "Directory not empty").
    """
    with folder_lock(final.parent):
        if not (final.exists() or final.is_symlink()):
            os.rename(staging, final)
            return
    identical = _same_tree(staging, final)
    shutil.rmtree(staging)
    if dev_build and identical:
        os.utime(final)  # the newest build again, for prune_dev_builds
        return
    if dev_build:
        raise ReleaseExistsError(
            f"development build {final} already exists with other files although its data and "
            "datapackage.json are identical; delete that folder and build again")
    raise ReleaseExistsError(
        f"release {final} already exists ({'with identical files' if identical else 'with different content'}); "
        "releases are immutable, so nothing was changed: publish with a new --version "
        "(python -m pipeline release --version X), or delete the old folder if it was never shared")


def _same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    if files_a != files_b:
        return False
    return all(filecmp.cmp(a / f, b / f, shallow=False) for f in files_a)


# ---- Checksums, the download archive and dist/latest -------------------------------------------------------------

CHECKSUMS = "SHA256SUMS"
LATEST = "latest"
ARCHIVE_SUFFIX = ".tar.gz"
FILE_MODE, DIR_MODE = 0o644, 0o755


def write_checksums(folder: Path) -> Path:
    """Write FOLDER/SHA256SUMS over every other file in FOLDER, in `sha256sum -c` format.

    One line per file, "<sha256 hex>  <path relative to FOLDER>", sorted by path, LF line endings:
    `cd FOLDER && sha256sum -c SHA256SUMS` checks them. It must run after every other writer.
    """
    lines = []
    for path in _release_files(folder):
        rel = path.relative_to(folder).as_posix()
        if rel == CHECKSUMS:
            continue
        if "\\" in rel or "\n" in rel:
            raise ValueError(f"{rel!r}: a release file name must not hold a backslash or a line break")
        lines.append(f"{sha256_of(path)}  {rel}\n")
    target = folder / CHECKSUMS
    target.write_bytes("".join(lines).encode("utf-8"))
    return target


def _release_files(folder: Path) -> list[Path]:
    """Every file under FOLDER, sorted by relative path; anything but folders and regular files is an error."""
    files = []
    for path in folder.rglob("*"):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            raise ValueError(f"{path}: a release holds only folders and regular files")
        if path.is_file():
            files.append(path)
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def archive_name(name: str) -> str:
    """The download archive of the release folder NAME: china-ai-facts-NAME.tar.gz, beside the folder."""
    return f"{DATASET_NAME}-{name}{ARCHIVE_SUFFIX}"


def archive_paths(dist_dir: Path, name: str) -> tuple[Path, Path]:
    """The archive of the release folder NAME and its checksum file (`sha256sum -c` format)."""
    archive = dist_dir / archive_name(name)
    return archive, archive.with_name(archive.name + ".sha256")


def write_archive(folder: Path, target: Path, top: str, mtime: int) -> None:
    """A reproducible .tar.gz of FOLDER whose entries sit under TOP/.

    Entries in path order, every mtime MTIME, uid/gid 0 with no owner or group names, modes 0644 (files) and
    0755 (folders), POSIX pax format without extended headers; gzip header with mtime 0 and no file name.
    The same files and MTIME give the same bytes.
    """
    def entry(name: str, mode: int, kind: bytes, size: int = 0) -> tarfile.TarInfo:
        info = tarfile.TarInfo(name)
        info.type, info.mode, info.size, info.mtime = kind, mode, size, mtime
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    paths = sorted((p for p in folder.rglob("*")), key=lambda p: p.relative_to(folder).as_posix())
    with target.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as compressed, \
            tarfile.open(fileobj=compressed, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(entry(top, DIR_MODE, tarfile.DIRTYPE))
        for path in paths:
            name = f"{top}/{path.relative_to(folder).as_posix()}"
            if path.is_symlink() or not (path.is_file() or path.is_dir()):
                raise ValueError(f"{path}: a release holds only folders and regular files")
            if path.is_dir():
                tar.addfile(entry(name, DIR_MODE, tarfile.DIRTYPE))
            else:
                with path.open("rb") as handle:
                    tar.addfile(entry(name, FILE_MODE, tarfile.REGTYPE, path.stat().st_size), handle)


def _epoch(created: str) -> int:
    return int(datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


def _stage_archive(staging: Path, dist_dir: Path, name: str, created: str) -> Path:
    """The archive of the staged release NAME, written to a hidden file in DIST (renamed by _publish_archive)."""
    handle, tmp = tempfile.mkstemp(prefix=f".{archive_name(name)}.{os.getpid()}.", dir=dist_dir)
    os.close(handle)
    path = Path(tmp)
    try:
        write_archive(staging, path, f"{DATASET_NAME}-{name}", _epoch(created))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _publish_archive(staged: Path, dist_dir: Path, name: str) -> None:
    """Move the staged archive into place and write its checksum file beside it, each atomically."""
    archive, checksum = archive_paths(dist_dir, name)
    line = f"{sha256_of(staged)}  {archive.name}\n"
    os.chmod(staged, FILE_MODE)
    os.replace(staged, archive)
    _replace_text(checksum, line)


def _replace_text(path: Path, text: str) -> None:
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def newest_release(dist_dir: Path) -> Path | None:
    """The numbered release in DIST with the highest version (0.10.0 above 0.9.0, 1.0.0 above 1.0.0-rc1), or None.

    Decided by comparing the version numbers of the releases present, not by which was written last.
    """
    return previous_release(dist_dir, "", dev_build=True)


def update_latest(dist_dir: Path) -> Path | None:
    """Point DIST/latest at the newest numbered release, atomically; returns DIST/latest (None: nothing to name).

    DIST/latest is a relative symlink (`latest -> 0.2.0`); where symlinks cannot be made, a text file holding the
    folder name and a newline. Development builds never change it. A real folder named `latest` is left alone.
    """
    link = dist_dir / LATEST
    with folder_lock(dist_dir):  # two releases finishing at once: the later one sees both
        newest = newest_release(dist_dir)
        if newest is None or (link.exists() and link.is_dir() and not link.is_symlink()):
            return None
        if link.is_symlink() and os.readlink(link) == newest.name:
            return link
        tmp = dist_dir / f".{LATEST}.{os.getpid()}.{os.urandom(4).hex()}"
        try:
            try:
                os.symlink(newest.name, tmp, target_is_directory=True)
            except (OSError, NotImplementedError):
                tmp.write_bytes(f"{newest.name}\n".encode("utf-8"))
            os.replace(tmp, link)
        except BaseException:
            if tmp.is_symlink() or tmp.exists():
                tmp.unlink()
            raise
    return link
