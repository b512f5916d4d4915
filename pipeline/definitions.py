"""The Dagster code location: assets, checks, jobs, schedule, sensors and resources, assembled thinly."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg

from pipeline.defs import automation, checks, extraction, ingestion, quarantine, release
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import Settings

BUILD_JOB = "build_release"
OBSERVE_JOB = "observe_sources"


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or Settings.from_env()
    assets = dg.load_assets_from_modules([ingestion, extraction, quarantine, release])
    return dg.Definitions(
        assets=assets,
        asset_checks=[*checks.ALL_CHECKS, quarantine.quarantine_within_limit],
        jobs=[
            dg.define_asset_job(BUILD_JOB, selection=dg.AssetSelection.all(), description="Seeds to a validated release."),
            dg.define_asset_job(OBSERVE_JOB, selection=dg.AssetSelection.all(include_sources=True) - dg.AssetSelection.all(),
                                description="Record the data version of the source documents."),
        ],
        schedules=[automation.daily_build(BUILD_JOB)],
        sensors=[automation.seeds_changed(BUILD_JOB), automation.record_run_failure],
        resources={"settings": PipelineSettings.from_settings(settings)},
    )


defs = build_definitions()


def run_build(
    settings: Settings,
    instance: dg.DagsterInstance,
    loggers: Mapping[str, tuple[dg.LoggerDefinition, Mapping[str, Any]]] | None = None,
    *,
    tags: Mapping[str, str] | None = None,
    run_id: str | None = None,
) -> dg.ExecuteInProcessResult:
    """Observe the source documents, then materialize every asset and check in process.

    `loggers` ({key: (logger definition, its config)}) replaces Dagster's default console logger,
    which prints the full event log to stderr, in both runs; the command line passes its own. `tags` go on
    both runs; `run_id` names the build run (the command line records it in its lock before the run starts).
    """
    defs = build_definitions(settings)

    def execute(name: str, **kwargs) -> dg.ExecuteInProcessResult:
        job = defs.resolve_job_def(name)
        if loggers is None:
            return job.execute_in_process(instance=instance, **kwargs)
        job = job.with_logger_defs({key: definition for key, (definition, _) in loggers.items()})
        run_config = {"loggers": {key: {"config": dict(config)} for key, (_, config) in loggers.items()}}
        return job.execute_in_process(run_config=run_config, instance=instance, **kwargs)

    execute(OBSERVE_JOB, tags=tags)
    return execute(BUILD_JOB, raise_on_error=False, tags=tags, run_id=run_id)
