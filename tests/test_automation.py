"""The schedule, the seeds sensor and the run-failure sensor, evaluated through the real Definitions.

Sensor ticks only evaluate (nothing is built); the failed run is a tiny job executed in process.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import dagster as dg
import pytest

from pipeline.definitions import BUILD_JOB, build_definitions
from pipeline.defs import automation
from pipeline.defs.ingestion import inputs_version
from pipeline.ingest.documents import DEFAULT_MAX_BYTES
from pipeline.ingest.files import read_inputs
from pipeline.ingest.snapshot import compare, snapshot
from pipeline.settings import DEFAULT_REFERENCE, Settings


def doc(title: str, body: str) -> str:
    return f"date 2024-05-01 {title}\n{body}\n"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    docs = tmp_path / "seeds" / "documents"
    docs.mkdir(parents=True)
    (docs / "a.txt").write_text(doc("Baidu raises", "Baidu raised 1 billion yuan in May 2024."), encoding="utf-8")
    (docs / "b.txt").write_text(doc("SenseTime hires", "SenseTime hired 300 engineers."), encoding="utf-8")
    return tmp_path / "seeds"


@pytest.fixture
def defs(seeds: Path, tmp_path: Path) -> dg.Definitions:
    return build_definitions(Settings(seeds_dir=seeds, dist_dir=tmp_path / "dist", version="9.9.9",
                                      reference_dir=DEFAULT_REFERENCE))


def tick(defs: dg.Definitions, cursor: str | None):
    """Evaluate one tick of the seeds sensor with the Definitions' own settings resource, as the daemon does."""
    sensor = defs.resolve_sensor_def("seeds_changed")
    return sensor.evaluate_tick(dg.build_sensor_context(cursor=cursor, definitions=defs, resources=defs.resources))


def test_first_tick_requests_one_build_keyed_by_the_source_data_version(defs, seeds):
    data = tick(defs, None)
    assert len(data.run_requests) == 1
    request = data.run_requests[0]
    assert defs.resolve_sensor_def("seeds_changed").job_name == BUILD_JOB
    assert request.job_name in (None, BUILD_JOB)
    # The run key is what the observed source asset records as its data version.
    assert request.run_key == inputs_version(read_inputs(seeds, DEFAULT_MAX_BYTES))
    assert request.tags[automation.TRIGGER_TAG] == "seeds_changed"
    assert request.tags[automation.CHANGES_TAG] == "2 added, 0 changed, 0 removed"
    assert set(automation._load_cursor(data.cursor)) == {"documents/a.txt", "documents/b.txt"}


def test_no_change_skips(defs):
    first = tick(defs, None)
    second = tick(defs, first.cursor)
    assert second.run_requests == []
    assert "no document added, changed or removed" in second.skip_message
    assert second.cursor == first.cursor


def test_added_changed_and_removed_documents_each_request_one_build(defs, seeds):
    docs = seeds / "documents"
    cursor = tick(defs, None).cursor
    keys = set()
    for edit, summary in [
        (lambda: (docs / "c.txt").write_text(doc("Moonshot", "Moonshot AI launched Kimi."), encoding="utf-8"),
         "1 added, 0 changed, 0 removed"),
        (lambda: (docs / "a.txt").write_text(doc("Baidu raises", "Baidu raised 2 billion yuan."), encoding="utf-8"),
         "0 added, 1 changed, 0 removed"),
        (lambda: (docs / "b.txt").unlink(), "0 added, 0 changed, 1 removed"),
    ]:
        edit()
        data = tick(defs, cursor)
        assert len(data.run_requests) == 1, summary
        assert data.run_requests[0].tags[automation.CHANGES_TAG] == summary
        keys.add(data.run_requests[0].run_key)
        cursor = data.cursor
        assert tick(defs, cursor).run_requests == []  # and quiet again until the next change
    assert len(keys) == 3


def test_hidden_files_and_a_touch_without_new_bytes_do_not_trigger(defs, seeds):
    cursor = tick(defs, None).cursor
    (seeds / "documents" / ".notes.txt").write_text("scratch", encoding="utf-8")
    a = seeds / "documents" / "a.txt"
    a.write_bytes(a.read_bytes())
    assert tick(defs, cursor).run_requests == []


def test_snapshot_compare_is_plain():
    assert not compare({"x": "1"}, {"x": "1"})
    changes = compare({"x": "1", "y": "2"}, {"x": "9", "z": "3"})
    assert (changes.added, changes.changed, changes.removed) == (("z",), ("x",), ("y",))


def test_snapshot_matches_the_inputs_a_build_reads(seeds):
    hashes = snapshot(seeds, DEFAULT_MAX_BYTES)
    assert list(hashes) == [raw.source_file for raw in read_inputs(seeds, DEFAULT_MAX_BYTES)]


def test_schedule_requests_the_build_daily_and_starts_stopped(defs):
    schedule = defs.resolve_schedule_def("daily_build")
    assert schedule.job_name == BUILD_JOB
    assert schedule.cron_schedule == "0 3 * * *"
    assert schedule.execution_timezone == "UTC"
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    context = dg.build_schedule_context(scheduled_execution_time=datetime(2025, 1, 2, 3, 0, tzinfo=timezone.utc))
    data = schedule.evaluate_tick(context)
    assert len(data.run_requests) == 1
    assert data.run_requests[0].job_name in (None, BUILD_JOB)
    assert data.run_requests[0].tags[automation.TRIGGER_TAG] == "schedule"


def test_sensors_start_stopped(defs):
    for name in ("seeds_changed", "record_run_failure"):
        assert defs.resolve_sensor_def(name).default_status == dg.DefaultSensorStatus.STOPPED


@dg.op
def explode():
    raise ValueError("the seeds folder\nis on fire")


@dg.job
def failing_job():
    explode()


def test_failed_run_is_recorded_once_in_alerts_log_and_tagged(tmp_path):
    instance = dg.DagsterInstance.ephemeral(tempdir=str(tmp_path / "home"))
    result = failing_job.execute_in_process(instance=instance, raise_on_error=False)
    assert not result.success
    run_id = result.dagster_run.run_id
    context = dg.build_run_status_sensor_context(
        sensor_name="record_run_failure", dagster_event=result.get_run_failure_event(),
        dagster_instance=instance, dagster_run=result.dagster_run)

    automation.record_run_failure(context)
    automation.record_run_failure(context)  # a second look at the same run records nothing new

    log = tmp_path / "home" / "alerts.log"
    lines = log.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    moment, logged_run, job, reason = lines[0].split("\t")
    datetime.strptime(moment, "%Y-%m-%dT%H:%M:%SZ")
    assert (logged_run, job) == (run_id, "failing_job")
    assert reason == "explode: ValueError: the seeds folder is on fire"
    tags = instance.get_run_by_id(run_id).tags
    assert tags[automation.ALERT_TAG] == "recorded"
    assert tags[automation.FAILURE_REASON_TAG] == reason
