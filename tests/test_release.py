"""The whole graph materialized through Dagster on real files, read back with other tools."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tarfile
from datetime import date, datetime, timezone
from pathlib import Path

import dagster as dg
import duckdb
import pandas as pd
import polars as pl
import pytest
from frictionless import Package, validate

from conftest import REPO, make_seeds, make_settings, run_build
from pipeline.definitions import build_definitions
from pipeline.metadata import published_tables
from pipeline.release import (ReleaseExistsError, archive_paths, prune_dev_builds, update_latest,
                              write_release)

TABLES = [t.name for t in published_tables()]


def test_every_asset_materialized_with_metadata(built):
    result = built["result"]
    keys = {e.asset_key.to_user_string() for e in result.all_events if e.is_step_materialization}
    expected = {"raw_documents", "raw_entity_registry", "core_documents", "core_document_texts",
                "core_rejected_documents", "core_quantities", "core_time_expressions", "core_entities",
                "core_entity_aliases", "core_mentions", "core_roles", "out_release"}
    assert expected <= keys
    checks = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    assert checks and all(c.passed for c in checks)
    mat = result.asset_materializations_for_node("core_quantities")[0]
    assert mat.metadata["dagster/row_count"].value > 10
    assert "preview" in mat.metadata and "null_counts" in mat.metadata


def test_graph_has_lineage_and_code_versions():
    defs = build_definitions()
    graph = defs.resolve_asset_graph()
    release = dg.AssetKey("out_release")
    parents = {k.to_user_string() for k in graph.get(release).parent_keys}
    assert {"core_documents", "core_quantities", "core_roles", "core_mentions"} <= parents
    assert {k.to_user_string() for k in graph.get(dg.AssetKey("core_roles")).parent_keys} == {
        "core_document_texts", "core_mentions", "core_entities"}
    for key in graph.get_all_asset_keys():
        if graph.get(key).is_materializable:  # the observed source has a data version instead
            assert graph.get(key).code_version, key


def test_release_layout_and_datapackage(built):
    release = built["release"]
    assert release.name == "9.9.9"
    package = json.loads((release / "datapackage.json").read_text())
    assert package["name"] == "china-ai-facts" and package["version"] == "9.9.9"
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert {s["source_file"] for s in package["sources"]} >= {"documents/d00.txt"}
    for table in TABLES:
        for suffix in ("parquet", "csv"):
            path = release / "data" / f"{table}.{suffix}"
            assert path.is_file()
            name = table if suffix == "csv" else f"{table}-parquet"
            resource = next(r for r in package["resources"] if r["name"] == name)
            assert resource["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            size = resource["bytes"] if suffix == "csv" else resource["file_bytes"]
            assert size == path.stat().st_size
    assert (release / "README.md").read_text().count("### `") == len(TABLES)


def test_frictionless_validates_the_release(built):
    report = validate(str(built["release"] / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_duckdb_reads_values(built):
    data = built["release"] / "data"
    con = duckdb.connect()
    row = con.execute(
        f"select value, unit, qualifier, currency from '{data}/quantities.parquet' where text = '5,100'").fetchone()
    assert row == (5100.0, "count", "more_than", None)
    money = con.execute(
        f"select value, currency from '{data}/quantities.parquet' where text = '1.9 billion yuan'").fetchone()
    assert money == (1.9e9, "CNY")
    when = con.execute(
        f"select start_date, end_date from '{data}/time_expressions.parquet' where text = 'Sept. 28'").fetchone()
    assert when == (date(2025, 9, 28), date(2025, 9, 28))
    role = con.execute(f"""
        select p.name, r.title, o.name from '{data}/roles.parquet' r
        join '{data}/entities.parquet' p on p.entity_id = r.person_entity_id
        left join '{data}/entities.parquet' o on o.entity_id = r.organization_entity_id
        where p.name = 'Liu Liehong'""").fetchone()
    assert role == ("Liu Liehong", "head", "National Data Administration")


def test_polars_reads_every_table_and_csv_agrees(built):
    data = built["release"] / "data"
    for table in TABLES:
        parquet = pl.read_parquet(data / f"{table}.parquet")
        csv = pl.read_csv(data / f"{table}.csv", infer_schema=False)
        assert parquet.columns == csv.columns
        assert parquet.height == csv.height
        as_text = parquet.with_columns(pl.all().cast(pl.String))
        for column in parquet.columns:
            left = as_text[column].to_list()
            right = csv[column].to_list()
            if parquet.schema[column] == pl.Float64:
                left = [None if v is None else float(v) for v in parquet[column].to_list()]
                right = [None if v is None else float(v) for v in right]
            right = [v[1:] if isinstance(v, str) and v.startswith("'") and not (l or "").startswith("'") else v
                     for v, l in zip(right, left)]
            assert left == right, (table, column)


def test_documents_table(built):
    docs = pd.read_parquet(built["release"] / "data" / "documents.parquet")
    seed = docs.set_index("source_file").loc["documents/d00.txt"]
    assert seed["title"] == "Chinese AI models rise to global prominence"
    assert seed["published_date"] == date(2025, 10, 28)
    assert seed["sha256"] == hashlib.sha256((REPO / "seeds/documents/d00.txt").read_bytes()).hexdigest()
    assert seed["language"] == "en" and seed["word_count"] > 500
    chips = docs.set_index("source_file").loc["documents/t01_chips.txt"]
    assert chips["publisher"] == "Xinhua"


def test_offsets_index_the_normalised_body(built):
    from pipeline.ingest.documents import parse_document, RawInput

    raw = (REPO / "seeds/documents/d00.txt").read_bytes()
    body = parse_document(RawInput("documents/d00.txt", raw)).body
    mentions = pd.read_parquet(built["release"] / "data" / "mentions.parquet")
    docs = pd.read_parquet(built["release"] / "data" / "documents.parquet")
    seed_id = docs.loc[docs.source_file == "documents/d00.txt", "document_id"].item()
    rows = mentions[mentions.document_id == seed_id]
    assert len(rows) > 20
    assert all(body[r.char_start:r.char_end] == r.text for r in rows.itertuples())


def test_builds_are_byte_identical(built, tmp_path):
    again = run_build(make_settings(built["settings"].seeds_dir, tmp_path / "dist"))
    assert again.success
    other = Path(again.output_for_node("out_release"))
    for path in sorted(built["release"].rglob("*")):
        if path.is_file():
            assert path.read_bytes() == (other / path.relative_to(built["release"])).read_bytes(), path.name
    # the download archive too: same entries, times, owners and modes, same gzip header
    mine, theirs = archive_paths(built["release"].parent, "9.9.9")[0], archive_paths(other.parent, "9.9.9")[0]
    assert mine.read_bytes() == theirs.read_bytes()


def test_release_is_immutable(built, tmp_path):
    dist = built["release"].parent
    tables = {t: pd.read_parquet(built["release"] / "data" / f"{t}.parquet") for t in TABLES}
    before = {p: p.read_bytes() for p in built["release"].rglob("*") if p.is_file()}
    with pytest.raises(ReleaseExistsError, match="already exists"):  # written once, whatever the content
        write_release(tables, dist, "9.9.9")
    assert {p: p.read_bytes() for p in built["release"].rglob("*") if p.is_file()} == before
    tables["quantities"] = tables["quantities"].iloc[:1]
    with pytest.raises(ReleaseExistsError, match="new --version"):
        write_release(tables, dist, "9.9.9")
    assert not [p for p in dist.iterdir() if p.name.startswith(".")]


def test_invalid_row_fails_validation_and_publishes_nothing(tmp_path, monkeypatch):
    from pipeline.extract import facts

    real = facts.quantities

    def broken(documents, document_texts):
        frame = real(documents, document_texts)
        frame.loc[0, "unit"] = "furlongs"
        return frame

    monkeypatch.setattr(facts, "quantities", broken)
    seeds = make_seeds(tmp_path)
    result = run_build(make_settings(seeds, tmp_path / "dist"))
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure and e.step_key == "core_quantities")
    assert "failed validation" in failure.event_specific_data.error.message
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_span_violation_blocks_the_release(tmp_path, monkeypatch):
    from pipeline.extract import facts

    real = facts.time_expressions

    def shifted(documents, document_texts):
        frame = real(documents, document_texts)
        frame.loc[0, "char_start"] = frame.loc[0, "char_start"] + 1  # passes pandera, breaks the span rule
        return frame

    monkeypatch.setattr(facts, "time_expressions", shifted)
    seeds = make_seeds(tmp_path)
    result = run_build(make_settings(seeds, tmp_path / "dist"))
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    failed = {(c.asset_key.to_user_string(), c.check_name) for c in evaluations if not c.passed}
    assert failed == {("core_time_expressions", "spans_match_text")}
    assert not result.success
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_cli_prints_the_release_path(tmp_path):
    seeds = make_seeds(tmp_path)
    env = {"DAGSTER_HOME": str(tmp_path / "dagster_home"), "PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1767225600"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "release", "--seeds", str(seeds), "--dist", str(tmp_path / "dist"),
         "--version", "1.2.3"], cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert Path(last) == tmp_path / "dist" / "1.2.3"
    package = Package(str(Path(last) / "datapackage.json"))
    assert package.custom.get("created") == "2026-01-01T00:00:00Z" or package.to_dict()["created"] == "2026-01-01T00:00:00Z"
    # the run is recorded in the persistent instance
    with dg.DagsterInstance.from_config(str(tmp_path / "dagster_home")) as instance:
        assert sorted(r.job_name for r in instance.get_runs()) == ["build_release", "observe_sources"]


def test_cli_reports_a_missing_seeds_folder(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", "--seeds", str(tmp_path / "nope"),
                           "--dist", str(tmp_path / "dist")], cwd=REPO, capture_output=True, text=True,
                          env={"DAGSTER_HOME": str(tmp_path / "h"), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 2
    assert "does not exist" in done.stderr and "--seeds" in done.stderr


def test_sha256sums_lists_every_file_and_passes_sha256sum(built):
    release = built["release"]
    sums = (release / "SHA256SUMS").read_bytes()
    assert sums.endswith(b"\n") and b"\r" not in sums
    listed = [line.split("  ", 1)[1] for line in sums.decode().splitlines()]
    files = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
    assert listed == sorted(listed) and set(listed) == files - {"SHA256SUMS"}
    assert {"README.md", "datapackage.json", "validation/report.html", "data/quantities.parquet"} <= set(listed)
    done = subprocess.run(["sha256sum", "--check", "--strict", "SHA256SUMS"], cwd=release, capture_output=True,
                          text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": OK") == len(listed)
    archive, checksum = archive_paths(release.parent, release.name)
    done = subprocess.run(["sha256sum", "--check", "--strict", checksum.name], cwd=release.parent,
                          capture_output=True, text=True, env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and done.stdout == f"{archive.name}: OK\n", done.stdout + done.stderr


def test_the_archive_is_reproducible(built):
    release = built["release"]
    archive, _ = archive_paths(release.parent, release.name)
    assert archive.name == "china-ai-facts-9.9.9.tar.gz"
    raw = archive.read_bytes()
    assert raw[:4] == b"\x1f\x8b\x08\x00" and raw[4:8] == b"\0\0\0\0"  # no file name, mtime 0
    created = json.loads((release / "datapackage.json").read_text())["created"]
    epoch = datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
    with tarfile.open(archive) as tar:
        members = tar.getmembers()
        names = [m.name for m in members]
        assert names == sorted(names) and names[0] == "china-ai-facts-9.9.9"
        for member in members:
            assert (member.uid, member.gid, member.uname, member.gname, member.mtime) == (0, 0, "", "", epoch)
            assert member.isdir() or member.isreg()
            assert member.mode == (0o755 if member.isdir() else 0o644)
        files = {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in members if m.isreg()}
    assert files == {p.relative_to(release).as_posix(): p.read_bytes() for p in release.rglob("*") if p.is_file()}


def test_latest_names_the_numbered_release(built):
    assert os.readlink(built["release"].parent / "latest") == "9.9.9"  # relative


def _fake_release(dist: Path, name: str) -> None:
    (dist / name / "data").mkdir(parents=True)
    (dist / name / "datapackage.json").write_text("{}")


def test_latest_is_the_highest_version_not_the_last_written(tmp_path, monkeypatch):
    dist = tmp_path / "dist"
    for name in ("0.9.0", "0.10.0-rc1", "0.10.0", "0.11.0.dev+0123abcd", "0.2.0"):
        _fake_release(dist, name)
    assert update_latest(dist) == dist / "latest"
    assert os.readlink(dist / "latest") == "0.10.0"  # 0.10.0 > 0.9.0 > 0.2.0; development builds never count
    _fake_release(dist, "0.3.0")  # an older number written later
    update_latest(dist)
    assert os.readlink(dist / "latest") == "0.10.0"
    _fake_release(dist, "1.0.0")
    update_latest(dist)
    assert (dist / "latest").resolve() == (dist / "1.0.0").resolve()

    def no_symlinks(*args, **kwargs):
        raise OSError("symlinks are not supported here")

    monkeypatch.setattr(os, "symlink", no_symlinks)
    _fake_release(dist, "1.0.1")
    update_latest(dist)  # replaces the symlink by a text file, atomically
    assert not (dist / "latest").is_symlink() and (dist / "latest").read_text() == "1.0.1\n"
    assert not [p for p in dist.iterdir() if p.name.startswith(".")]


def test_pruning_a_development_build_deletes_its_archive(tmp_path):
    dist = tmp_path / "dist"
    names = ["0.1.0", *(f"0.2.0.dev+{i:08x}" for i in range(4))]
    for age, name in enumerate(names):
        _fake_release(dist, name)
        for path in archive_paths(dist, name):
            path.write_text("archive")
        os.utime(dist / name, (1_000_000 + age, 1_000_000 + age))
    removed = prune_dev_builds(dist, 2)
    assert sorted(p.name for p in removed) == ["0.2.0.dev+00000000", "0.2.0.dev+00000001"]
    kept = ["0.1.0", "0.2.0.dev+00000002", "0.2.0.dev+00000003"]
    assert sorted(p.name for p in dist.iterdir()) == sorted(
        [*kept, *(p.name for name in kept for p in archive_paths(dist, name))])
