"""The Dagster code location: assets, checks, job and resources, assembled thinly."""

from __future__ import annotations

import dagster as dg

from pipeline.defs import checks, extraction, ingestion, release
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import Settings

BUILD_JOB = "build_release"
OBSERVE_JOB = "observe_sources"


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or Settings.from_env()
    assets = dg.load_assets_from_modules([ingestion, extraction, release])
    return dg.Definitions(
        assets=assets,
        asset_checks=checks.ALL_CHECKS,
        jobs=[
            dg.define_asset_job(BUILD_JOB, selection=dg.AssetSelection.all(), description="Seeds to a validated release."),
            dg.define_asset_job(OBSERVE_JOB, selection=dg.AssetSelection.all(include_sources=True) - dg.AssetSelection.all(),
                                description="Record the data version of the source documents."),
        ],
        resources={"settings": PipelineSettings.from_settings(settings)},
    )


defs = build_definitions()


def run_build(settings: Settings, instance: dg.DagsterInstance) -> dg.ExecuteInProcessResult:
    """Observe the source documents, then materialize every asset and check in process."""
    defs = build_definitions(settings)
    defs.resolve_job_def(OBSERVE_JOB).execute_in_process(instance=instance)
    return defs.resolve_job_def(BUILD_JOB).execute_in_process(instance=instance, raise_on_error=False)
