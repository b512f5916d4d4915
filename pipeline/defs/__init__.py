"""Dagster wiring, one module per concern: ingestion, extraction, checks, release.

Assets here are thin: they call the plain functions in `pipeline.ingest`,
`pipeline.extract`, `pipeline.checks` and `pipeline.release`, validate the
result against the table's declaration and attach metadata.
"""

import warnings

import dagster as dg

# Data versions of observed sources (observable_source_asset, Output(data_version=...)) are Dagster beta
# APIs, used on purpose for lineage; their warnings would fill every build log.
warnings.filterwarnings("ignore", category=dg.BetaWarning)
