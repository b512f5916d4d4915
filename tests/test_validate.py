"""`python -m pipeline validate`: a good release passes, a tampered one fails naming the file, a hostile archive
is refused without writing anything outside the temporary folder."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import stat
import tarfile
import tempfile
import zipfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.__main__ import main
from pipeline.release import archive_paths, write_checksums
from pipeline.validate import UnsafeArchiveError, safe_extract


def validate(path: Path, capsys) -> tuple[int, str]:
    status = main(["validate", str(path)])
    return status, capsys.readouterr().out


@pytest.fixture
def copy(built, tmp_path) -> Path:
    """A copy of the session's release to tamper with."""
    return Path(shutil.copytree(built["release"], tmp_path / built["release"].name))


def reseal(folder: Path) -> None:
    """Make SHA256SUMS and the Parquet hashes in datapackage.json agree with the files again (a careful forger)."""
    path = folder / "datapackage.json"
    package = json.loads(path.read_text())
    for resource in package["resources"]:
        if resource["format"] == "parquet":
            data = (folder / resource["path"]).read_bytes()
            resource["hash"], resource["file_bytes"] = f"sha256:{hashlib.sha256(data).hexdigest()}", len(data)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
    write_checksums(folder)


def test_a_good_release_and_its_archive_are_valid(built, capsys):
    release = built["release"]
    status, out = validate(release, capsys)
    assert status == 0, out
    assert out.startswith(f"valid: {release}") and len(out.splitlines()) == 1
    archive, _ = archive_paths(release.parent, release.name)
    status, out = validate(archive, capsys)
    assert status == 0, out
    assert "valid:" in out


def test_one_changed_byte_in_a_parquet_file_is_found(copy, capsys):
    path = copy / "data" / "quantities.parquet"
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    status, out = validate(copy, capsys)
    assert status == 1
    lines = out.splitlines()
    assert any(line.startswith(f"{copy}/data/quantities.parquet: SHA-256 does not match SHA256SUMS") for line in lines)
    assert any("data/quantities.parquet: SHA-256 does not match its hash in datapackage.json" in line for line in lines)
    assert all("fix:" in line for line in lines[:-1])
    assert lines[-1].startswith(f"invalid: {copy}")


def test_a_removed_csv_row_is_found_even_with_sha256sums_fixed(copy, capsys):
    path = copy / "data" / "quantities.csv"
    path.write_text("".join(path.read_text().splitlines(keepends=True)[:-1]))
    write_checksums(copy)  # SHA256SUMS agrees with the changed file; datapackage.json does not
    status, out = validate(copy, capsys)
    assert status == 1
    problems = [line for line in out.splitlines() if "data/quantities.csv" in line]
    assert any("hash-count" in line for line in problems), out
    assert any("row_counts" in line for line in problems), out
    assert "SHA256SUMS" not in out


def test_unlisted_and_missing_files_are_named(copy, capsys):
    (copy / "notes.txt").write_text("added later\n")
    (copy / "validation" / "report.html").unlink()
    status, out = validate(copy, capsys)
    assert status == 1
    assert f"{copy}/notes.txt: is not listed in SHA256SUMS" in out
    assert f"{copy}/validation/report.html: is listed in SHA256SUMS but missing" in out


def test_schema_and_foreign_key_violations_are_found_when_every_hash_agrees(copy, capsys):
    mentions = pq.read_table(copy / "data" / "mentions.parquet")
    frame = mentions.to_pandas()
    frame.loc[0, "entity_id"] = "no-such-entity"
    pq.write_table(mentions.from_pandas(frame, schema=mentions.schema, preserve_index=False),
                   copy / "data" / "mentions.parquet")
    quantities = pq.read_table(copy / "data" / "quantities.parquet")
    frame = quantities.to_pandas()
    frame.loc[0, "unit"] = "furlongs"
    pq.write_table(quantities.from_pandas(frame, schema=quantities.schema, preserve_index=False),
                   copy / "data" / "quantities.parquet")
    reseal(copy)
    status, out = validate(copy, capsys)
    assert status == 1
    lines = out.splitlines()[:-1]
    assert {line.split(": ", 1)[0] for line in lines} == {f"{copy}/data/mentions.parquet", f"{copy}/data/quantities.parquet"}
    # the declared schema and the key check (pipeline.checks), and Frictionless's own reading of the same files
    assert any("data/mentions.parquet: 1 row(s) whose entity_id do not resolve to entities.entity_id" in line
               for line in lines), out
    assert any("data/quantities.parquet: column unit fails isin" in line and "'furlongs'" in line for line in lines), out
    assert any("data/mentions.parquet: Frictionless foreign-key" in line for line in lines), out
    assert "SHA256SUMS" not in out and "hash" not in out


def test_a_missing_path_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nope")]) == 2
    assert "does not exist" in capsys.readouterr().out


def _add(tar: tarfile.TarFile, name: str, data: bytes = b"x", **attrs) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    for key, value in attrs.items():
        setattr(info, key, value)
    tar.addfile(info, io.BytesIO(data) if info.isreg() else None)


def test_a_hostile_archive_is_refused_and_writes_nothing(built, tmp_path, monkeypatch, capsys):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # where validate unpacks
    absolute = tmp_path / "absolute_evil"
    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(hostile, "w:gz") as tar:
        tar.add(built["release"], arcname="china-ai-facts-9.9.9")  # a real release, then the attack
        _add(tar, "../evil")
        _add(tar, str(absolute))
        _add(tar, "china-ai-facts-9.9.9/passwd", type=tarfile.SYMTYPE, linkname="/etc/passwd")
        _add(tar, "china-ai-facts-9.9.9/hard", type=tarfile.LNKTYPE, linkname="china-ai-facts-9.9.9/README.md")
        _add(tar, "china-ai-facts-9.9.9/fifo", type=tarfile.FIFOTYPE)
    status, out = validate(hostile, capsys)
    assert status == 1
    for member, why in (("../evil", "'..'"), (str(absolute), "absolute path"), ("china-ai-facts-9.9.9/passwd",
                        "symbolic link"), ("china-ai-facts-9.9.9/hard", "hard link"), ("china-ai-facts-9.9.9/fifo",
                        "FIFO")):
        assert any(line.startswith(f"hostile.tar.gz:{member}: ") and why in line for line in out.splitlines()), out
    assert not (scratch / "evil").exists() and not (tmp_path / "evil").exists() and not absolute.exists()
    assert list(scratch.iterdir()) == []  # the temporary folder is gone, and nothing was written beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hostile.tar.gz", "tmp"]


def test_a_hostile_zip_is_refused(tmp_path):
    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as bundle:
        bundle.writestr("release/ok.txt", "fine")
        bundle.writestr("../evil", "x")
        link = zipfile.ZipInfo("release/link")
        link.create_system, link.external_attr = 3, (stat.S_IFLNK | 0o777) << 16
        bundle.writestr(link, "/etc/passwd")
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(UnsafeArchiveError) as refused:
        safe_extract(hostile, target)
    named = {p.file for p in refused.value.problems}
    assert named == {"hostile.zip:../evil", "hostile.zip:release/link"}
    assert list(target.iterdir()) == [] and not (tmp_path / "evil").exists()


def test_too_many_members_or_too_many_bytes_are_refused(tmp_path):
    archive = tmp_path / "big.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for i in range(20):
            _add(tar, f"r/f{i:02}", b"0123456789")
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(UnsafeArchiveError, match="more than 10 members"):
        safe_extract(archive, target, max_members=10)
    with pytest.raises(UnsafeArchiveError, match="more than 100 bytes"):
        safe_extract(archive, target, max_bytes=100)
    assert list(target.iterdir()) == []
    safe_extract(archive, target)  # within the limits: unpacked
    assert len(list((target / "r").iterdir())) == 20


def test_a_changed_archive_fails_its_checksum_file(built, tmp_path, capsys):
    archive, checksum = archive_paths(built["release"].parent, built["release"].name)
    copied = Path(shutil.copy(archive, tmp_path / archive.name))
    shutil.copy(checksum, tmp_path / checksum.name)
    with open(copied, "ab") as handle:
        handle.write(b"\0" * 512)  # not the published bytes
    status, out = validate(copied, capsys)
    assert status == 1
    assert f"{archive.name}: SHA-256 does not match {checksum.name}" in out
