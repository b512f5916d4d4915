"""Comparing releases: pipeline/changes.py, `python -m pipeline diff` and each release's CHANGELOG.md."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO, make_seeds, make_settings, run_build
from pipeline.changes import changelog_markdown, diff_releases, format_diff, summary_line
from pipeline.release import previous_release, write_release

NEW_DOCUMENT = """\
 date 2026-04-02 Alibaba Cloud orders inference servers from Lotus Semiconductor

SHANGHAI, April 1 (Xinhua) -- Alibaba Cloud said on Wednesday it had ordered 8,000 inference servers \
from Lotus Semiconductor Co, with deliveries due by June 30, 2026.
"""
NEW_SOURCE = "documents/t99_servers.txt"
FACT_TABLES = ("quantities", "time_expressions", "mentions", "roles")


@pytest.fixture(scope="module")
def releases(tmp_path_factory):
    """Release 1.0.0 from the test seeds, then 1.1.0 after one more document, in the same dist/."""
    root = tmp_path_factory.mktemp("changes")
    seeds = make_seeds(root)
    dist = root / "dist"
    folders = {}
    for version in ("1.0.0", "1.1.0"):
        if version == "1.1.0":
            (seeds / NEW_SOURCE).write_text(NEW_DOCUMENT, encoding="utf-8")
        result = run_build(make_settings(seeds, dist, version))
        assert result.success, [e.message for e in result.all_events if e.is_failure]
        folders[version] = Path(result.output_for_node("out_release"))
    return folders


def _summary_lines(text: str) -> list[str]:
    """The per-table summary lines of format_diff or of a changelog's Summary section."""
    tables = [p.stem for p in sorted((REPO / "schemas").glob("*.yaml"))]
    return sorted(line.removeprefix("- ") for line in text.splitlines()
                  if any(line.removeprefix("- ").startswith(f"{t}: ") for t in tables))


def test_one_more_document_adds_rows_and_changes_none(releases):
    old, new = releases["1.0.0"], releases["1.1.0"]
    diff = diff_releases(old, new)
    documents = pd.read_parquet(new / "data" / "documents.parquet")
    added_id = documents.loc[documents.source_file == NEW_SOURCE, "document_id"].item()
    docs = diff.table("documents")
    assert (docs.added, docs.removed, docs.changed) == (1, 0, 0)
    assert docs.added_examples[0].key == {"document_id": added_id}
    assert docs.added_examples[0].context["source_file"] == NEW_SOURCE
    for name in FACT_TABLES:
        table = diff.table(name)
        rows = pd.read_parquet(new / "data" / f"{name}.parquet")
        # Stable fact ids: the earlier documents' facts keep their ids and values; the new rows are all its own.
        assert (table.removed, table.changed) == (0, 0), (name, summary_line(table))
        assert table.added == int((rows.document_id == added_id).sum()), name
        assert all(e.key and e.context.get("document_id", added_id) == added_id for e in table.added_examples)
    assert diff.table("quantities").added >= 1 and diff.table("time_expressions").added >= 1
    assert diff.table("mentions").added >= 2  # Alibaba Cloud, Lotus Semiconductor
    assert diff.table("rejected_documents").status == "unchanged"
    quantity = next(e for e in diff.table("quantities").added_examples if e.context["text"] == "8,000")
    assert quantity.context["value"] == 8000.0
    text = format_diff(diff)
    assert text.splitlines()[0] == "1.0.0 → 1.1.0"
    assert "documents: +1 added, -0 removed, ~0 changed; " in text
    assert f'+ document_id="{added_id}"  source_file="{NEW_SOURCE}"' in text


def test_changelog_names_the_previous_release_and_matches_diff(releases):
    old, new = releases["1.0.0"], releases["1.1.0"]
    first = (old / "CHANGELOG.md").read_text(encoding="utf-8")
    assert first.startswith("# Changelog of 1.0.0\n") and "First release" in first
    counts = json.loads((old / "datapackage.json").read_text())["row_counts"]
    for table, rows in counts.items():
        assert f"| `{table}` | {rows} |" in first
    second = (new / "CHANGELOG.md").read_text(encoding="utf-8")
    assert second.startswith("# Changelog of 1.1.0\n") and "Previous release: 1.0.0." in second
    text = format_diff(diff_releases(old, new))
    assert _summary_lines(second) == _summary_lines(text) and len(_summary_lines(text)) == len(counts)
    assert second == changelog_markdown(diff_releases(old, new), "1.0.0", "1.1.0")
    assert "CHANGELOG.md" not in [r["path"] for r in json.loads((new / "datapackage.json").read_text())["resources"]]


def test_diff_command_prints_the_same_numbers(releases):
    old, new = releases["1.0.0"], releases["1.1.0"]
    done = subprocess.run([sys.executable, "-m", "pipeline", "diff", str(old), str(new)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == format_diff(diff_releases(old, new))
    assert _summary_lines(done.stdout) == _summary_lines((new / "CHANGELOG.md").read_text(encoding="utf-8"))
    (old.parent / "not-a-release" / "data").mkdir(parents=True)
    for bad in (old.parent / "missing", old.parent / "not-a-release"):
        done = subprocess.run([sys.executable, "-m", "pipeline", "diff", str(old), str(bad)], cwd=REPO,
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1 and done.stdout == ""
        assert str(bad) in done.stderr and "release folder" in done.stderr


def test_rebuilding_a_dev_build_keeps_its_changelog(releases, tmp_path):
    """The same content written again is a no-op even after a newer numbered release appeared."""
    dist = tmp_path / "dist"
    shutil.copytree(releases["1.0.0"], dist / "1.0.0")
    tables = {p.stem: pd.read_parquet(p) for p in sorted((releases["1.1.0"] / "data").glob("*.parquet"))}
    build = write_release(tables, dist, "1.1.0", dev_build=True)
    changelog = (build / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.startswith(f"# Changelog of {build.name}\n") and "Previous release: 1.0.0." in changelog
    shutil.copytree(releases["1.1.0"], dist / "1.1.0")
    assert previous_release(dist, "1.1.0", dev_build=True) == dist / "1.1.0"
    assert write_release(tables, dist, "1.1.0", dev_build=True) == build
    assert (build / "CHANGELOG.md").read_text(encoding="utf-8") == changelog


def _release(folder: Path, tables: dict[str, pd.DataFrame]) -> Path:
    (folder / "data").mkdir(parents=True)
    for name, frame in tables.items():
        frame.to_parquet(folder / "data" / f"{name}.parquet", index=False)
    (folder / "datapackage.json").write_text(json.dumps({"name": "tiny", "resources": []}), encoding="utf-8")
    return folder


def test_diff_of_hand_made_releases(tmp_path):
    old = _release(tmp_path / "0.1.0", {
        "quantities": pd.DataFrame({
            "quantity_id": ["q1", "q2", "q3", "q4"], "document_id": ["d1"] * 4,
            "text": ["5%", "10 chips", "3 units", "7 GW"], "value": [0.05, 10.0, 3.0, None],
            "unit": ["fraction", "count", "count", "watt"]}),
        "entity_aliases": pd.DataFrame({"entity_id": ["e1", "e1"], "alias": ["A", "B"]}),
        "dropped": pd.DataFrame({"k": [1, 2]}),
    })
    new = _release(tmp_path / "0.2.0", {
        "quantities": pd.DataFrame({
            "quantity_id": ["q5", "q4", "q3", "q2"], "document_id": ["d2", "d1", "d1", "d1"],
            "text": ["1 GW", "7 GW", "3 units", "10 chips"], "value": [1e9, None, 3.0, 11.0],
            "unit": ["watt", "watt", "unit", "count"]}),
        "entity_aliases": pd.DataFrame({"entity_id": ["e1", "e1"], "alias": ["A", "B"]}),
    })
    diff = diff_releases(old, new)
    q = diff.table("quantities")
    assert q.key == ("quantity_id",)
    assert (q.added, q.removed, q.changed) == (1, 1, 2)
    assert q.changed_columns == {"unit": 1, "value": 1}  # the two nulls of q4 are equal
    assert [e.key["quantity_id"] for e in q.changed_examples] == ["q2", "q3"]
    assert q.changed_examples[0].changes == {"value": (10.0, 11.0)}
    assert q.changed_examples[1].changes == {"unit": ("count", "unit")}
    assert q.added_examples[0].key == {"quantity_id": "q5"} and q.added_examples[0].context["text"] == "1 GW"
    assert q.removed_examples[0].key == {"quantity_id": "q1"}
    aliases = diff.table("entity_aliases")
    assert aliases.key == ("entity_id", "alias") and aliases.status == "unchanged"
    assert diff.table("dropped").status == "removed" and diff.table("dropped").old_rows == 2
    text = format_diff(diff)
    assert "quantities: +1 added, -1 removed, ~2 changed (unit, value); 4 → 4 rows" in text
    assert '~ quantity_id="q2"  text="10 chips"  unit="count"  document_id="d1": value 10 → 11' in text
    assert "dropped: table removed, had 2 rows" in text and "entity_aliases: unchanged, 2 rows" in text
    markdown = changelog_markdown(diff, "0.1.0", "0.2.0")
    assert "Previous release: 0.1.0." in markdown and _summary_lines(markdown) == _summary_lines(text)
    # the other way round, and against itself
    back = diff_releases(new, old).table("quantities")
    assert (back.added, back.removed, back.changed) == (1, 1, 2)
    assert diff_releases(old, old).identical and "no differences" in format_diff(diff_releases(old, old))


def test_previous_release_compares_version_numbers(tmp_path):
    dist = tmp_path / "dist"
    for name in ("0.9.0", "0.10.0", "1.0.0-rc1", "1.0.0", "0.1.0.dev+0123abcd", ".1.1.0.staging"):
        _release(dist / name, {"documents": pd.DataFrame({"document_id": ["d"]})})
    (dist / "2.0.0").mkdir()  # not a release: no data/ nor datapackage.json
    (dist / "latest").symlink_to(dist / "1.0.0")
    assert previous_release(dist, "0.10.0") == dist / "0.9.0"
    assert previous_release(dist, "0.11.0") == dist / "0.10.0"
    assert previous_release(dist, "1.0.0") == dist / "1.0.0-rc1"
    assert previous_release(dist, "1.0.0-rc1") == dist / "0.10.0"
    assert previous_release(dist, "1.2.0") == dist / "1.0.0"
    assert previous_release(dist, "0.9.0") is None
    assert previous_release(dist, "0.1.0", dev_build=True) == dist / "1.0.0"
    assert previous_release(tmp_path / "nowhere", "1.0.0") is None


def test_diff_reads_downloaded_archives_like_folders(releases):
    old, new = releases["1.0.0"], releases["1.1.0"]
    archives = [old.parent / f"china-ai-facts-{v}.tar.gz" for v in ("1.0.0", "1.1.0")]
    assert all(a.is_file() for a in archives)
    done = subprocess.run([sys.executable, "-m", "pipeline", "diff", *map(str, archives)], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == format_diff(diff_releases(old, new))


def test_diff_refuses_a_folder_without_data(tmp_path):
    from pipeline.changes import NotAReleaseError

    with pytest.raises(NotAReleaseError, match="no data/"):
        diff_releases(tmp_path, tmp_path)
