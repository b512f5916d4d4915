"""Check a downloaded release: `python -m pipeline validate PATH`, PATH a release folder or a .tar.gz/.zip archive.

Belongs here: everything a user can check about a release without the pipeline's inputs, as plain functions
(no Dagster):

- every line of SHA256SUMS (Parquet files included), and that every file in the folder is listed;
- `datapackage.json` against Frictionless (CSV hashes, byte counts, types, constraints, keys), and the
  `hash` and `file_bytes` of the Parquet resources, which frictionless-py does not check;
- every table's Parquet file against the pandera schema derived from its declaration in schemas/;
- primary keys and foreign keys across tables (`pipeline.checks`).

An archive is unpacked into a temporary folder, safely: an archive with a member that would land outside that
folder (an absolute path, a `..` component), a symlink, a hard link, a device or a FIFO, with more than
MAX_MEMBERS members or more than MAX_TOTAL_BYTES of content is refused as a whole, before anything is written.

Every problem is one `Problem`: the file, what is wrong and what to do.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
import tarfile
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable

import pandas as pd

from pipeline.hashing import sha256_of

CHECKSUMS = "SHA256SUMS"  # pipeline.release.CHECKSUMS (not imported: that module pulls in the whole writer)
DESCRIPTOR = "datapackage.json"
MAX_MEMBERS = 10_000  # a release holds about 25 files
MAX_TOTAL_BYTES = 4 * 1024 ** 3  # unpacked content of an archive
MAX_ERRORS_PER_FILE = 5  # Frictionless and schema errors shown per file; the rest are counted
ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".tar.xz", ".tar.bz2", ".zip")
_SUMS_LINE = re.compile(r"([0-9a-fA-F]{64}) [ *](.+)")

REDOWNLOAD = "download the release again from where it was published"


@dataclass(frozen=True)
class Problem:
    file: str  # a path relative to the release folder (or the archive's name)
    message: str  # what is wrong
    fix: str  # what to do about it

    def line(self, prefix: str = "") -> str:
        """One line, always: a library's multi-line error message is folded into it."""
        return " ".join(f"{prefix}{self.file}: {self.message}; fix: {self.fix}".split())


class UnsafeArchiveError(ValueError):
    """The archive was refused before anything was unpacked; `problems` says which members and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.line() for p in problems))
        self.problems = problems


# ---- the command ---------------------------------------------------------------------------------------------------

def main(path: Path, out: Callable[[str], None] = print) -> int:
    """Validate PATH and print one line per problem; 0 when valid, 1 when not, 2 when PATH is not there."""
    if not path.exists():
        out(f"error: {path} does not exist; give a release folder (dist/0.2.0) or its archive "
            "(china-ai-facts-0.2.0.tar.gz)")
        return 2
    problems, prefix, checked = validate_path(path)
    if not problems:
        out(f"valid: {path} ({checked})")
        return 0
    for problem in problems:
        out(problem.line(prefix))
    out(f"invalid: {path}: {len(problems)} problem(s)")
    return 1


def validate_path(path: Path) -> tuple[list[Problem], str, str]:
    """(problems, prefix that turns a Problem's file into a path the user can find, summary of what was checked)."""
    if path.is_dir():
        problems, checked = validate_folder(path)
        return problems, f"{path}/", checked
    problems = _archive_checksum(path)
    with tempfile.TemporaryDirectory(prefix="china-ai-facts-validate-") as tmp:
        target = Path(tmp)
        try:
            safe_extract(path, target)
        except UnsafeArchiveError as exc:
            return problems + exc.problems, "", "nothing: the archive was refused"
        root = release_root(target)
        if root is None:
            return problems + [Problem(path.name, "holds no release: no datapackage.json at its top or in its one "
                                       "top folder", f"give a release archive; {REDOWNLOAD}")], "", ""
        found, checked = validate_folder(root)
        inside = root.relative_to(target).as_posix()
        prefix = f"{path}:" + ("" if inside == "." else f"{inside}/")
        return problems + found, prefix, checked


def release_root(folder: Path) -> Path | None:
    """The release inside an unpacked archive: FOLDER itself, or its one top folder, holding datapackage.json."""
    if (folder / DESCRIPTOR).is_file():
        return folder
    entries = list(folder.iterdir())
    if len(entries) == 1 and entries[0].is_dir() and not entries[0].is_symlink() and (entries[0] / DESCRIPTOR).is_file():
        return entries[0]
    return None


def _archive_checksum(archive: Path) -> list[Problem]:
    """ARCHIVE.sha256 beside the archive, when there is one, must hold the archive's SHA-256."""
    sidecar = archive.with_name(archive.name + ".sha256")
    if not sidecar.is_file():
        return []
    match = _SUMS_LINE.fullmatch(sidecar.read_text(encoding="utf-8", errors="replace").split("\n")[0].rstrip("\r"))
    if match is None:
        return [Problem(sidecar.name, "is not a sha256sum line ('<sha256>  <file name>')", REDOWNLOAD)]
    if match.group(1).lower() != sha256_of(archive):
        return [Problem(archive.name, f"SHA-256 does not match {sidecar.name}: the download is incomplete, damaged "
                        "or was changed", REDOWNLOAD)]
    return []


# ---- the folder ----------------------------------------------------------------------------------------------------

def validate_folder(folder: Path) -> tuple[list[Problem], str]:
    """Every check on a release folder; returns (problems, a summary of what was checked)."""
    problems = _odd_entries(folder)
    listed, found = _checksums(folder)
    problems += found
    descriptor, found = _descriptor(folder)
    problems += found
    tables: dict[str, pd.DataFrame] = {}
    if descriptor is not None:
        problems += _frictionless(folder, descriptor)
        problems += _parquet_resources(folder, descriptor)
    found, tables = _tables(folder, descriptor)
    problems += found
    problems += _keys(tables)
    checked = (f"{listed} files against {CHECKSUMS}, {DESCRIPTOR} against Frictionless, "
               f"{len(tables)} tables against their schemas and keys")
    return problems, checked


def _odd_entries(folder: Path) -> list[Problem]:
    """Symlinks and special files (never followed): a release holds only folders and regular files."""
    problems = []
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(root, name)
            if path.is_symlink():
                problems.append(Problem(_rel(path, folder), "is a symbolic link; a release holds only regular files",
                                        f"remove it; {REDOWNLOAD}"))
            elif not (path.is_file() or path.is_dir()):
                problems.append(Problem(_rel(path, folder), "is not a regular file", f"remove it; {REDOWNLOAD}"))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
    return sorted(problems, key=lambda p: p.file)


def _files(folder: Path) -> list[str]:
    """Every regular file under FOLDER (symlinks are not followed), as sorted relative paths."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(root, d))]
        for name in files:
            path = Path(root, name)
            if not path.is_symlink() and path.is_file():
                out.append(_rel(path, folder))
    return sorted(out)


def _rel(path: Path, folder: Path) -> str:
    return path.relative_to(folder).as_posix()


def _safe_relative(name: str) -> bool:
    """A relative path with no '..', no absolute start and no backslash: it stays inside the folder."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return False
    return ".." not in PurePosixPath(name).parts


def _checksums(folder: Path) -> tuple[int, list[Problem]]:
    """Every SHA256SUMS line matches its file; every file is listed. Returns (files checked, problems)."""
    sums = folder / CHECKSUMS
    if not sums.is_file() or sums.is_symlink():
        return 0, [Problem(CHECKSUMS, "is missing, so no file can be checked",
                           f"{REDOWNLOAD}; every release since the first with checksums has one")]
    problems = []
    listed: dict[str, str] = {}
    for number, line in enumerate(sums.read_bytes().decode("utf-8", errors="replace").split("\n"), start=1):
        if not line.strip():
            continue
        match = _SUMS_LINE.fullmatch(line.rstrip("\r"))
        if match is None:
            problems.append(Problem(CHECKSUMS, f"line {number} is not '<sha256>  <path>'", REDOWNLOAD))
            continue
        digest, name = match.group(1).lower(), match.group(2)
        if not _safe_relative(name):
            problems.append(Problem(CHECKSUMS, f"line {number} names {name!r}, a path outside the release folder",
                                    f"do not trust this release; {REDOWNLOAD}"))
            continue
        if name in listed:
            problems.append(Problem(CHECKSUMS, f"lists {name} twice", REDOWNLOAD))
            continue
        listed[name] = digest
    for name, digest in sorted(listed.items()):
        path = folder / name
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(name, f"is listed in {CHECKSUMS} but missing", f"restore it; {REDOWNLOAD}"))
        elif sha256_of(path) != digest:
            problems.append(Problem(name, f"SHA-256 does not match {CHECKSUMS}: the file was changed or damaged "
                                    "after the release was published", f"restore the file; {REDOWNLOAD}"))
    for name in _files(folder):
        if name != CHECKSUMS and name not in listed:
            problems.append(Problem(name, f"is not listed in {CHECKSUMS}: it was added after the release was "
                                    "published", f"remove it, or {REDOWNLOAD}"))
    return len(listed), problems


def _descriptor(folder: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """datapackage.json, parsed, when it is safe to hand to Frictionless (local, inline, known profiles)."""
    path = folder / DESCRIPTOR
    if path.is_symlink() or not path.is_file():
        return None, [Problem(DESCRIPTOR, "is missing: this is not a release folder",
                              "give the release's folder or archive (it holds datapackage.json)")]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem(DESCRIPTOR, f"is not valid JSON ({exc})", REDOWNLOAD)]
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        return None, [Problem(DESCRIPTOR, "is not a data package (no resources list)", REDOWNLOAD)]
    problems = []
    if descriptor.get("profile", "tabular-data-package") not in ("tabular-data-package", "data-package") \
            or "$schema" in descriptor:
        problems.append(Problem(DESCRIPTOR, "names a profile this pipeline does not write (it could make Frictionless "
                                "load a document from elsewhere)", f"do not trust this release; {REDOWNLOAD}"))
    for number, resource in enumerate(descriptor["resources"]):
        where = resource.get("path") if isinstance(resource, dict) else None
        label = f"resource {number}" + (f" ({where})" if isinstance(where, str) else "")
        if not isinstance(resource, dict) or not isinstance(where, str):
            problems.append(Problem(DESCRIPTOR, f"{label} has no single local path", REDOWNLOAD))
        elif not _safe_relative(where) or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", where):
            problems.append(Problem(DESCRIPTOR, f"{label} points outside the release folder",
                                    f"do not trust this release; {REDOWNLOAD}"))
        elif any(isinstance(resource.get(key), str) for key in ("schema", "dialect")) or \
                resource.get("profile", "tabular-data-resource") not in ("tabular-data-resource", "data-resource"):
            problems.append(Problem(DESCRIPTOR, f"{label} refers to a schema, dialect or profile outside the "
                                    "descriptor", f"do not trust this release; {REDOWNLOAD}"))
    return (None if problems else descriptor), problems


_FRICTIONLESS_FIX = {
    "hash-count": f"the file differs from the hash datapackage.json records: restore it; {REDOWNLOAD}",
    "byte-count": f"the file differs from the size datapackage.json records: restore it; {REDOWNLOAD}",
    "scheme-error": f"the file is missing or unreadable; {REDOWNLOAD}",
    "source-error": f"the file is missing or unreadable; {REDOWNLOAD}",
}


def _frictionless(folder: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """Frictionless's own validation of the data package (for the CSV files: hash, bytes, types, constraints)."""
    from frictionless import validate

    try:
        report = validate(str(folder / DESCRIPTOR))
    except Exception as exc:  # noqa: BLE001  (Frictionless raises many kinds; each is a problem to report)
        return [Problem(DESCRIPTOR, f"Frictionless could not validate it ({exc})", REDOWNLOAD)]
    problems = [Problem(DESCRIPTOR, f"{e.type}: {e.message}", REDOWNLOAD) for e in report.errors]
    for task in report.tasks:
        errors = list(task.errors)
        for error in errors[:MAX_ERRORS_PER_FILE]:
            fix = _FRICTIONLESS_FIX.get(error.type, f"the table does not meet its schema in {DESCRIPTOR}; {REDOWNLOAD}")
            problems.append(Problem(task.place or DESCRIPTOR, f"Frictionless {error.type}: {error.message}", fix))
        if len(errors) > MAX_ERRORS_PER_FILE:
            problems.append(Problem(task.place or DESCRIPTOR, f"and {len(errors) - MAX_ERRORS_PER_FILE} more "
                                    "Frictionless error(s)", REDOWNLOAD))
    return problems


def _parquet_resources(folder: Path, descriptor: dict[str, Any]) -> list[Problem]:
    """`hash` and `file_bytes` of every Parquet resource (frictionless-py checks neither for Parquet)."""
    problems = []
    for resource in descriptor["resources"]:
        name = resource["path"]
        if resource.get("format") != "parquet" and not name.endswith(".parquet"):
            continue
        path = folder / name
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(name, f"is described in {DESCRIPTOR} but missing", f"restore it; {REDOWNLOAD}"))
            continue
        recorded = str(resource.get("hash") or "")
        algorithm, _, digest = recorded.rpartition(":")
        if algorithm not in ("sha256", "") or not re.fullmatch(r"[0-9a-fA-F]{64}", digest):
            problems.append(Problem(name, f"{DESCRIPTOR} records no SHA-256 for it (hash {recorded!r})", REDOWNLOAD))
        elif digest.lower() != sha256_of(path):
            problems.append(Problem(name, f"SHA-256 does not match its hash in {DESCRIPTOR}: the file was changed "
                                    "or damaged", f"restore the file; {REDOWNLOAD}"))
        size = resource.get("file_bytes", resource.get("bytes"))
        if isinstance(size, int) and size != path.stat().st_size:
            problems.append(Problem(name, f"is {path.stat().st_size} bytes, {DESCRIPTOR} records {size}",
                                    f"restore the file; {REDOWNLOAD}"))
    return problems


def _tables(folder: Path, descriptor: dict[str, Any] | None) -> tuple[list[Problem], dict[str, pd.DataFrame]]:
    """Read every declared table's Parquet file and validate it against its pandera schema; row counts too."""
    import pandera.errors

    from pipeline.metadata import published_tables

    counts = (descriptor or {}).get("row_counts") or {}
    problems: list[Problem] = []
    tables: dict[str, pd.DataFrame] = {}
    for schema in published_tables():
        name = f"data/{schema.name}.parquet"
        path = folder / name
        if path.is_symlink() or not path.is_file():
            problems.append(Problem(name, f"is missing: every release holds table {schema.name}", REDOWNLOAD))
            continue
        try:
            frame = read_parquet(path)
        except Exception as exc:  # noqa: BLE001  (Arrow raises several kinds for a damaged file)
            problems.append(Problem(name, f"cannot be read as Parquet ({exc})", f"restore the file; {REDOWNLOAD}"))
            continue
        try:
            schema.pandera.validate(frame, lazy=True)
        except pandera.errors.SchemaErrors as exc:
            problems += _schema_problems(name, schema.name, exc.failure_cases)
            continue
        except pandera.errors.SchemaError as exc:
            problems.append(Problem(name, f"does not meet schemas/{schema.name}.yaml: {exc}", _SCHEMA_FIX))
            continue
        tables[schema.name] = frame
        expected = counts.get(schema.name)
        if isinstance(expected, int) and expected != len(frame):
            problems.append(Problem(name, f"has {len(frame)} rows, {DESCRIPTOR} row_counts says {expected}",
                                    f"restore the file; {REDOWNLOAD}"))
        csv = folder / f"data/{schema.name}.csv"
        if isinstance(expected, int) and csv.is_file() and not csv.is_symlink():
            rows = _csv_rows(csv)
            if rows is not None and rows != expected:
                problems.append(Problem(f"data/{schema.name}.csv", f"has {rows} rows, {DESCRIPTOR} row_counts says "
                                        f"{expected}", f"restore the file; {REDOWNLOAD}"))
    return problems, tables


_SCHEMA_FIX = ("the table does not meet the declaration of this pipeline version: validate with the pipeline "
               f"version and commit in {DESCRIPTOR} (pipeline.version, pipeline.git_commit), or {REDOWNLOAD}")


def read_parquet(path: Path) -> pd.DataFrame:
    """A release table as pandas with the declared dtypes (nullable integers, strings and booleans; dates as dates)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    mapping = {pa.int64(): pd.Int64Dtype(), pa.string(): pd.StringDtype(), pa.large_string(): pd.StringDtype(),
               pa.bool_(): pd.BooleanDtype()}
    return pq.read_table(path).to_pandas(types_mapper=mapping.get)


def _schema_problems(name: str, table: str, cases: pd.DataFrame) -> list[Problem]:
    """One problem per failing (column, check), with how many values failed and a few of them."""
    problems = []
    groups = cases.astype({"column": str, "check": str}).groupby(["column", "check"], sort=True, dropna=False)
    for number, ((column, check), rows) in enumerate(groups):
        if number == MAX_ERRORS_PER_FILE:
            problems.append(Problem(name, f"and {groups.ngroups - number} more failing check(s) against "
                                    f"schemas/{table}.yaml", _SCHEMA_FIX))
            break
        sample = ", ".join(repr(v) for v in rows["failure_case"].head(3))
        where = "the table" if column in ("None", "nan", table) else f"column {column}"
        problems.append(Problem(name, f"{where} fails {check} of schemas/{table}.yaml in {len(rows)} case(s) "
                                f"(e.g. {sample})", _SCHEMA_FIX))
    return problems


def _csv_rows(path: Path) -> int | None:
    import csv

    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return max(sum(1 for _ in csv.reader(handle)) - 1, 0)
    except (UnicodeDecodeError, csv.Error):
        return None  # Frictionless reports an unreadable CSV


def _keys(tables: dict[str, pd.DataFrame]) -> list[Problem]:
    """Primary keys unique and not null; declared foreign keys resolve (pipeline.checks), across the tables read."""
    from pipeline.checks import foreign_key_violations, primary_key_violations
    from pipeline.metadata import published_tables

    problems = []
    for schema in published_tables():
        frame = tables.get(schema.name)
        if frame is None:
            continue  # missing or failing its schema: already reported
        name = f"data/{schema.name}.parquet"
        bad = primary_key_violations(frame, schema)
        if len(bad):
            keys = ", ".join(repr(tuple(v)) for v in bad[list(schema.primary_key)].head(3).itertuples(index=False))
            problems.append(Problem(name, f"{len(bad)} row(s) with a null or repeated primary key "
                                    f"({', '.join(schema.primary_key)}; e.g. {keys})", f"restore the file; {REDOWNLOAD}"))
        for fk in schema.foreign_keys:
            if fk.resource != schema.name and fk.resource not in tables:
                continue  # the referenced table is missing or broken: already reported
            single = dataclasses.replace(schema, foreign_keys=(fk,))
            bad = foreign_key_violations(frame, single, tables)
            if len(bad):
                sample = ", ".join(repr(tuple(v)) for v in bad[list(fk.fields)].head(3).itertuples(index=False))
                problems.append(Problem(
                    name, f"{len(bad)} row(s) whose {', '.join(fk.fields)} do not resolve to "
                          f"{fk.resource}.{', '.join(fk.reference_fields)} (e.g. {sample})",
                    f"the tables come from different releases or were changed; {REDOWNLOAD}"))
    return problems


# ---- safe unpacking ------------------------------------------------------------------------------------------------

def safe_extract(archive: Path, target: Path, *, max_members: int = MAX_MEMBERS,
                 max_bytes: int = MAX_TOTAL_BYTES) -> None:
    """Unpack ARCHIVE (.tar, .tar.gz/.tgz/.tar.xz/.tar.bz2 or .zip) into the folder TARGET, or refuse it whole.

    Refused, before anything is written: a member whose path is absolute, holds a `..` component or a
    backslash, or repeats another's; a symlink, hard link, device, FIFO or other special member; more than
    MAX_MEMBERS members or more than MAX_TOTAL_BYTES of content. Files are created new (never through an
    existing link) and only as large as their headers say. Raises UnsafeArchiveError naming each refused member.
    """
    name = archive.name.lower()
    try:
        if name.endswith(".zip") or (not name.endswith(ARCHIVE_SUFFIXES) and zipfile.is_zipfile(archive)):
            _extract_zip(archive, target, max_members, max_bytes)
        else:
            _extract_tar(archive, target, max_members, max_bytes)
    except UnsafeArchiveError:
        raise
    except (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise UnsafeArchiveError([Problem(archive.name, f"cannot be read as a .tar.gz or .zip archive ({exc})",
                                          REDOWNLOAD)]) from exc


def _member_problem(name: str) -> str | None:
    """Why a member called NAME could be written outside the target (None: it cannot)."""
    if not name or "\x00" in name:
        return "has an empty or invalid name"
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "has an absolute path"
    if "\\" in name:
        return "has a backslash in its path"
    if ".." in name.split("/"):
        return "has a '..' component that would write outside the folder"
    return None


def _path_problem(path: str, seen: set[str], is_dir: bool) -> str | None:
    """A member path already unpacked, or empty for a file: refused in tar and zip archives alike."""
    if path in seen:
        return "appears twice"
    if not path and not is_dir:
        return "has an empty path"
    return None


def _normalised(name: str) -> str:
    return "/".join(part for part in name.split("/") if part not in ("", "."))


def _refuse(archive: Path, refused: list[tuple[str, str]]) -> None:
    if refused:
        raise UnsafeArchiveError([
            Problem(archive.name if member == "*" else f"{archive.name}:{member}", f"{why}; the archive was refused and nothing was unpacked",
                    f"do not use this archive; {REDOWNLOAD}")
            for member, why in refused])


def _extract_tar(archive: Path, target: Path, max_members: int, max_bytes: int) -> None:
    with tarfile.open(archive, mode="r:*") as tar:
        members: list[tuple[str, tarfile.TarInfo]] = []
        refused: list[tuple[str, str]] = []
        seen: set[str] = set()
        total = 0
        while True:
            member = tar.next()
            if member is None:
                break
            if len(members) + len(refused) >= max_members:
                refused.append(("*", f"has more than {max_members} members"))
                break
            why = _member_problem(member.name)
            if why is None:
                if member.issym():
                    why = f"is a symbolic link (to {member.linkname!r})"
                elif member.islnk():
                    why = f"is a hard link (to {member.linkname!r})"
                elif member.ischr() or member.isblk():
                    why = "is a device"
                elif member.isfifo():
                    why = "is a FIFO"
                elif not (member.isreg() or member.isdir()):
                    why = "is not a regular file or folder"
            path = _normalised(member.name)
            why = why or _path_problem(path, seen, member.isdir())
            if why is not None:
                refused.append((member.name, why))
                continue
            seen.add(path)
            total += member.size if member.isreg() else 0
            if total > max_bytes:
                refused.append(("*", f"unpacks to more than {max_bytes} bytes"))
                break
            members.append((path, member))
        _refuse(archive, refused)
        for path, member in members:
            if not path:
                continue  # "./": the target itself
            if member.isdir():
                _inside(target, path).mkdir(parents=True, exist_ok=True)
            else:
                _write(target, path, tar.extractfile(member), member.size)


def _extract_zip(archive: Path, target: Path, max_members: int, max_bytes: int) -> None:
    with zipfile.ZipFile(archive) as bundle:
        infos = bundle.infolist()
        refused: list[tuple[str, str]] = []
        if len(infos) > max_members:
            refused.append(("*", f"has more than {max_members} members"))
        if sum(i.file_size for i in infos) > max_bytes:
            refused.append(("*", f"unpacks to more than {max_bytes} bytes"))
        seen: set[str] = set()
        for info in infos[:max_members]:
            why = _member_problem(info.filename)
            kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
            if why is None:
                if kind == stat.S_IFLNK:
                    why = "is a symbolic link"
                elif kind not in (0, stat.S_IFREG, stat.S_IFDIR):
                    why = "is a device, FIFO or other special file"
                elif info.flag_bits & 0x1:
                    why = "is encrypted"
            path = _normalised(info.filename)
            why = why or _path_problem(path, seen, info.is_dir())
            if why is not None:
                refused.append((info.filename, why))
            seen.add(path)
        _refuse(archive, refused)
        for info in infos:
            path = _normalised(info.filename)
            if not path:
                continue
            if info.is_dir():
                _inside(target, path).mkdir(parents=True, exist_ok=True)
            else:
                with bundle.open(info) as source:
                    _write(target, path, source, info.file_size)


def _inside(target: Path, path: str) -> Path:
    """TARGET/PATH, checked once more to lie inside TARGET."""
    dest = target / path
    root = target.resolve()
    if root not in dest.resolve().parents:
        raise UnsafeArchiveError([Problem(path, "would be written outside the folder", REDOWNLOAD)])
    return dest


def _write(target: Path, path: str, source: Any, size: int) -> None:
    """Create TARGET/PATH (never through an existing file or link) with at most SIZE bytes from SOURCE."""
    dest = _inside(target, path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    written = 0
    with os.fdopen(os.open(dest, flags, 0o644), "wb") as out:
        while source is not None:
            block = source.read(min(1 << 20, size - written + 1))
            if not block:
                break
            written += len(block)
            if written > size:
                raise UnsafeArchiveError([Problem(path, "holds more bytes than its header says", REDOWNLOAD)])
            out.write(block)
