"""Shared fixtures: a seeds folder of real documents and one release built from it by Dagster."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipeline.definitions import run_build as pipeline_run_build
from pipeline.settings import DEFAULT_REFERENCE, Settings

REPO = Path(__file__).resolve().parent.parent
SEED_DOCUMENT = REPO / "seeds" / "documents" / "d00.txt"
TEST_DOCUMENTS = Path(__file__).resolve().parent / "documents"


def make_settings(seeds: Path, dist: Path, version: str = "9.9.9") -> Settings:
    return Settings(seeds_dir=seeds, dist_dir=dist, version=version, reference_dir=DEFAULT_REFERENCE)


def make_seeds(root: Path) -> Path:
    seeds = root / "seeds"
    docs = seeds / "documents"
    docs.mkdir(parents=True)
    shutil.copy(SEED_DOCUMENT, docs / "d00.txt")
    for path in sorted(TEST_DOCUMENTS.glob("*.txt")):
        shutil.copy(path, docs / path.name)
    return seeds


def run_build(settings: Settings, instance: dg.DagsterInstance | None = None) -> dg.ExecuteInProcessResult:
    """Observe the sources and materialize every asset and check through the real Definitions, in process."""
    return pipeline_run_build(settings, instance or dg.DagsterInstance.ephemeral())


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("build")
    seeds = make_seeds(root)
    settings = make_settings(seeds, root / "dist")
    result = run_build(settings)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    release = Path(result.output_for_node("out_release"))
    return {"result": result, "release": release, "settings": settings, "root": root}
