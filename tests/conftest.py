"""Shared fixtures: a seeds folder of real documents and one release built from it by Dagster."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipeline.definitions import BUILD_JOB, build_definitions
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


def run_build(settings: Settings) -> dg.ExecuteInProcessResult:
    """Materialize every asset and check through the real Definitions, in process."""
    defs = build_definitions(settings)
    job = defs.resolve_job_def(BUILD_JOB)
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("build")
    seeds = make_seeds(root)
    settings = make_settings(seeds, root / "dist")
    result = run_build(settings)
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    release = Path(result.output_for_node("out_release"))
    return {"result": result, "release": release, "settings": settings, "root": root}
