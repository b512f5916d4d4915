"""Dagster wiring, one module per concern: ingestion, extraction, checks, release.

Assets here are thin: they call the plain functions in `pipeline.ingest`,
`pipeline.extract`, `pipeline.checks` and `pipeline.release`, validate the
result against the table's declaration and attach metadata.
"""
