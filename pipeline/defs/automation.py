"""Builds that run themselves: a daily schedule, a sensor on the seeds folder, and a record of failed runs.

All three start STOPPED; turn them on in `dagster dev` (Automation tab) with the daemon running.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import dagster as dg

from pipeline.defs.ingestion import inputs_version
from pipeline.defs.resources import PipelineSettings
from pipeline.ingest.files import read_inputs
from pipeline.ingest.snapshot import compare, file_hashes

TAG_PREFIX = "china_ai_facts"
TRIGGER_TAG = f"{TAG_PREFIX}/trigger"
DIGEST_TAG = f"{TAG_PREFIX}/corpus_digest"
CHANGES_TAG = f"{TAG_PREFIX}/changes"
ALERT_TAG = f"{TAG_PREFIX}/alert"
FAILURE_REASON_TAG = f"{TAG_PREFIX}/failure_reason"
ALERTS_LOG = "alerts.log"
REASON_TAG_LENGTH = 200


def daily_build(job_name: str) -> dg.ScheduleDefinition:
    """Build the release every day at 03:00 UTC."""
    return dg.ScheduleDefinition(
        name="daily_build",
        cron_schedule="0 3 * * *",
        execution_timezone="UTC",
        job_name=job_name,
        default_status=dg.DefaultScheduleStatus.STOPPED,
        tags={TRIGGER_TAG: "schedule"},
        description="Build the release from the seeds folder every day at 03:00 UTC.",
    )


def seeds_changed(job_name: str) -> dg.SensorDefinition:
    """One build when documents in the seeds folder are added, changed or removed."""

    @dg.sensor(
        name="seeds_changed",
        job_name=job_name,
        minimum_interval_seconds=60,
        default_status=dg.DefaultSensorStatus.STOPPED,
        description="Request a build when a document in the seeds folder is added, changed or removed.",
    )
    def _sensor(context: dg.SensorEvaluationContext, settings: PipelineSettings):
        inputs = read_inputs(settings.seeds_path, settings.max_bytes)
        current = file_hashes(inputs)
        previous = _load_cursor(context.cursor)
        changes = compare(previous or {}, current)
        if previous is not None and not changes:
            return dg.SkipReason(f"no document added, changed or removed in {settings.seeds_dir} ({len(current)} inputs)")
        # The run key is the data version `source_documents` records for these inputs.
        digest = inputs_version(inputs)
        for kind, paths in (("added", changes.added), ("changed", changes.changed), ("removed", changes.removed)):
            if paths:
                context.log.info(f"{kind}: {', '.join(paths[:20])}{' ...' if len(paths) > 20 else ''}")
        return dg.SensorResult(
            run_requests=[dg.RunRequest(run_key=digest, tags={
                TRIGGER_TAG: "seeds_changed", DIGEST_TAG: digest, CHANGES_TAG: changes.summary()})],
            cursor=json.dumps(current, sort_keys=True, separators=(",", ":")),
        )

    return _sensor


def _load_cursor(cursor: str | None) -> dict[str, str] | None:
    """The per-file hashes of the last tick that requested a run; None before the first (or if unreadable)."""
    if not cursor:
        return None
    try:
        hashes = json.loads(cursor)
    except ValueError:
        return None
    return hashes if isinstance(hashes, dict) else None


@dg.run_failure_sensor(
    name="record_run_failure",
    default_status=dg.DefaultSensorStatus.STOPPED,
    description=f"Append each failed run of this code location to $DAGSTER_HOME/{ALERTS_LOG} and tag the run.",
)
def record_run_failure(context: dg.RunFailureSensorContext) -> None:
    """One line in alerts.log (UTC time, run id, job, reason) and two tags on the run, once per run."""
    run = context.dagster_run
    stored = context.instance.get_run_by_id(run.run_id) or run
    if stored.tags.get(ALERT_TAG) == "recorded":
        return
    reason = failure_reason(context)
    moment = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    log = alerts_log(context.instance)
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as handle:
        handle.write("\t".join([moment, run.run_id, run.job_name, reason]) + "\n")
    context.instance.add_run_tags(run.run_id, {ALERT_TAG: "recorded", FAILURE_REASON_TAG: _shorten(reason)})


def alerts_log(instance: dg.DagsterInstance) -> Path:
    """`alerts.log` in the instance's root directory (DAGSTER_HOME, `.dagster/` by default)."""
    return Path(instance.root_directory) / ALERTS_LOG


def failure_reason(context: dg.RunFailureSensorContext) -> str:
    """Why the run failed, on one line: each failed step with its innermost error, else the run's error."""
    steps = [f"{e.step_key}: {_innermost(e.event_specific_data.error)}"
             for e in context.get_step_failure_events() if e.event_specific_data and e.event_specific_data.error]
    if steps:
        reason = "; ".join(steps)
    else:
        data = context.failure_event.event_specific_data
        error = getattr(data, "error", None)
        reason = _innermost(error) if error is not None else (context.failure_event.message or "unknown failure")
    return re.sub(r"\s+", " ", reason).strip()


def _innermost(error) -> str:
    """The user's exception rather than Dagster's wrapper around it."""
    while error.cause is not None:
        error = error.cause
    return error.message.strip()


def _shorten(text: str) -> str:
    return text if len(text) <= REASON_TAG_LENGTH else text[:REASON_TAG_LENGTH - 3] + "..."
