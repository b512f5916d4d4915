"""The command line: development builds named after their content, numbered releases that are never
overwritten, and output people can read (Dagster's event log only with --verbose)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd

from conftest import REPO, SEED_DOCUMENT
from pipeline import __version__
from pipeline import provenance as provenance_module
from pipeline.__main__ import main
from pipeline.console import PROGRESS_MIN_DOCUMENTS, Reporter
from pipeline.extract import facts
from pipeline.locking import LOCK_NAME
from pipeline.release import DEV_BUILD_NAME, archive_paths, content_digest, dev_build_name, prune_dev_builds

ASSET_LINE = re.compile(r"  core_quantities +[\d,]+ rows +\d+\.\d s")


def small_seeds(root: Path) -> Path:
    """One small document: the fastest real build."""
    docs = root / "seeds" / "documents"
    docs.mkdir(parents=True)
    (docs / "d00.txt").write_bytes(SEED_DOCUMENT.read_bytes())
    return root / "seeds"


def cli(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {"DAGSTER_HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_is_quiet_and_verbose_shows_dagster_events(tmp_path):
    seeds, dist = small_seeds(tmp_path), tmp_path / "dist"
    quiet = cli("build", "--seeds", str(seeds), "--dist", str(dist), home=tmp_path / "home")
    assert quiet.returncode == 0, quiet.stderr[-3000:]
    assert "DEBUG" not in quiet.stdout and "DEBUG" not in quiet.stderr
    lines = quiet.stdout.splitlines()
    assert len(lines) < 40
    assert any(ASSET_LINE.fullmatch(line) for line in lines), quiet.stdout
    assert any(line.startswith("Rejected inputs: 0") for line in lines)
    folder = Path(lines[-1])
    # the folder is named after its content: VERSION.dev+<8 hex digits of the data files' and datapackage's hash>
    assert folder.parent == dist and DEV_BUILD_NAME.fullmatch(folder.name)
    assert folder.name == dev_build_name(__version__, content_digest(folder))
    assert json.loads((folder / "datapackage.json").read_text())["version"] == f"{__version__}.dev"
    before = snapshot(folder)

    # the same state again: the same folder, nothing rewritten; --verbose prints Dagster's event log
    verbose = cli("build", "--seeds", str(seeds), "--dist", str(dist), "--verbose", home=tmp_path / "home")
    assert verbose.returncode == 0, verbose.stderr[-3000:]
    assert "STEP_SUCCESS" in verbose.stderr and "ASSET_MATERIALIZATION" in verbose.stderr
    assert verbose.stdout.splitlines()[-1] == str(folder)
    # the folder and its download archive; `latest` names numbered releases only
    # (and the build lock's file, which names the build holding it: pipeline/locking.py)
    assert sorted(p.name for p in dist.iterdir()) == sorted([LOCK_NAME, folder.name, *(p.name for p in archive_paths(dist, folder.name))])
    assert {k: v[0] for k, v in snapshot(folder).items()} == {k: v[0] for k, v in before.items()}


def test_a_new_commit_gives_a_new_dev_build(tmp_path, monkeypatch, capsys):
    seeds, dist = small_seeds(tmp_path), tmp_path / "dist"
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    folders = []
    for commit in ("a" * 40, "b" * 40):
        monkeypatch.setattr(provenance_module, "git_commit", lambda commit=commit: commit)
        assert main(["build", "--seeds", str(seeds), "--dist", str(dist)]) == 0
        folders.append(Path(capsys.readouterr().out.splitlines()[-1]))
    first, second = folders
    assert first != second and first.is_dir() and second.is_dir()
    assert {p.name for p in dist.iterdir()} == {LOCK_NAME, first.name, second.name, *(p.name for f in folders for p in archive_paths(dist, f.name))}
    commits = [json.loads((f / "datapackage.json").read_text())["pipeline"]["git_commit"] for f in folders]
    assert commits == ["a" * 40, "b" * 40]
    # the data are the same, only the provenance differs
    assert (first / "data" / "quantities.parquet").read_bytes() == (second / "data" / "quantities.parquet").read_bytes()


def test_release_refuses_an_existing_version(tmp_path, monkeypatch, capsys):
    seeds, dist = small_seeds(tmp_path), tmp_path / "dist"
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    args = ["release", "--version", "2.0.0", "--seeds", str(seeds), "--dist", str(dist)]
    assert main(args) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == str(dist / "2.0.0") and out[-2].startswith("Rejected inputs")
    assert json.loads((dist / "2.0.0" / "datapackage.json").read_text())["version"] == "2.0.0"
    before = snapshot(dist / "2.0.0")

    assert main(args) == 1
    captured = capsys.readouterr()
    assert str(dist / "2.0.0") in captured.err and "already exists" in captured.err
    assert "--version 2.0.1" in captured.err  # what to do: a new version
    assert captured.out == ""
    assert snapshot(dist / "2.0.0") == before  # nothing rewritten, not even touched
    assert sorted(p.name for p in dist.iterdir()) == [
        LOCK_NAME, "2.0.0", "china-ai-facts-2.0.0.tar.gz", "china-ai-facts-2.0.0.tar.gz.sha256", "latest"]


def test_versions_that_cannot_name_a_release(tmp_path, capsys):
    seeds = small_seeds(tmp_path)
    for args in (["release", "--version", "../x"], ["release", "--version", "0.1.0.dev+3f9c2a1b"],
                 ["build", "--version", "0.1.0+local"]):
        assert main([*args, "--seeds", str(seeds), "--dist", str(tmp_path / "dist")]) == 2, args
        assert capsys.readouterr().err.startswith("error: version")
    assert not (tmp_path / "dist").exists()


def test_prune_keeps_the_newest_dev_builds_and_every_release(tmp_path):
    dist = tmp_path / "dist"
    names = ["0.1.0", "0.2.0", *(f"0.2.0.dev+{i:08x}" for i in range(5))]
    for age, name in enumerate(names):
        (dist / name).mkdir(parents=True)
        (dist / name / "datapackage.json").write_text("{}")
        os.utime(dist / name, (1_000_000 + age, 1_000_000 + age))
    current = dist / "0.2.0.dev+00000000"  # the oldest, but the one just built
    removed = prune_dev_builds(dist, 2, current)
    assert sorted(p.name for p in removed) == ["0.2.0.dev+00000001", "0.2.0.dev+00000002", "0.2.0.dev+00000003"]
    assert sorted(p.name for p in dist.iterdir()) == ["0.1.0", "0.2.0", "0.2.0.dev+00000000", "0.2.0.dev+00000004"]
    assert prune_dev_builds(dist, 0) == []


def test_extraction_shows_a_progress_bar_over_many_documents():
    reporter = Reporter(out=sys.stdout, err=sys.stderr)
    many = pd.DataFrame({"document_id": [f"d{i}" for i in range(PROGRESS_MIN_DOCUMENTS)], "body": ["x"] * PROGRESS_MIN_DOCUMENTS})
    with reporter.installed():
        bar = facts._texts(many)
        few = facts._texts(many.head(3))
    assert type(bar).__name__ == "tqdm" and bar.total == PROGRESS_MIN_DOCUMENTS
    assert list(bar) == list(zip(many["document_id"], many["body"]))
    assert isinstance(few, list) and len(few) == 3
    assert isinstance(facts._texts(many), list)  # the hook is removed after the build


def test_runs_started_in_dagster_write_development_builds(monkeypatch):
    from pipeline.definitions import build_definitions

    monkeypatch.setenv("CHINA_AI_FACTS_KEEP_DEV_BUILDS", "3")
    settings = build_definitions().resources["settings"]  # Settings.from_env(), as `dagster dev` loads it
    assert settings.dev_build is True and settings.keep_dev_builds == 3


def test_a_blocked_build_names_the_rule_and_shows_the_failing_rows(tmp_path, monkeypatch, capsys):
    from pipeline.extract import facts

    real = facts.time_expressions

    def shifted(*args):  # a broken resolver: every date 500 years late
        frame = real(*args)
        for column in ("start_date", "end_date"):
            frame[column] = frame[column].map(lambda d: d.replace(year=d.year + 500, day=min(d.day, 28)))
        return frame

    monkeypatch.setattr(facts, "time_expressions", shifted)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    seeds, dist = small_seeds(tmp_path), tmp_path / "dist"
    assert main(["build", "--seeds", str(seeds), "--dist", str(dist)]) == 1
    captured = capsys.readouterr()
    assert "nothing was published" in captured.err
    assert "rule quarantine_within_limit failed on core_quarantined_facts" in captured.err
    # the failing rows: table, document, text and the value that failed, on the terminal
    assert "dates_plausible" in captured.err and "| document_id" in captured.err and "-01-01.." in captured.err
    assert not dist.exists() or not any(p.name[0] != "." for p in dist.iterdir())
