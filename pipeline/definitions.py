"""The Dagster code location: assets, checks, job and resources, assembled thinly."""

from __future__ import annotations

import dagster as dg

from pipeline.defs import checks, extraction, ingestion, release
from pipeline.defs.resources import PipelineSettings
from pipeline.settings import Settings

BUILD_JOB = "build_release"


def build_definitions(settings: Settings | None = None) -> dg.Definitions:
    settings = settings or Settings.from_env()
    assets = dg.load_assets_from_modules([ingestion, extraction, release])
    return dg.Definitions(
        assets=assets,
        asset_checks=checks.ALL_CHECKS,
        jobs=[dg.define_asset_job(BUILD_JOB, selection=dg.AssetSelection.all(), description="Seeds to a validated release.")],
        resources={"settings": PipelineSettings.from_settings(settings)},
    )


defs = build_definitions()
