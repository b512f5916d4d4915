"""Builds that meet: two at once on one Dagster home and dist folder, two writers of one release, and the
next build after one was killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from conftest import REPO, SEED_DOCUMENT
from pipeline.locking import LOCK_NAME, BuildBusyError, BuildLock, sweep_staging
from pipeline.metadata import published_tables
from pipeline.release import ReleaseExistsError, write_release

TABLES = [s.name for s in published_tables()]


def _seeds(root: Path) -> Path:
    docs = root / "seeds" / "documents"
    docs.mkdir(parents=True)
    (docs / "d00.txt").write_bytes(SEED_DOCUMENT.read_bytes())
    return root / "seeds"


def _start(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "DAGSTER_HOME": str(root / "home"), "SOURCE_DATE_EPOCH": "1767225600"}
    return subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--seeds", str(root / "seeds"),
                             "--dist", str(root / "dist"), *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_builds_at_once_one_refuses_with_one_line_naming_the_other(tmp_path):
    _seeds(tmp_path)
    runs = [_start(tmp_path), _start(tmp_path)]
    outcomes = [(p.wait(timeout=300), *p.communicate()) for p in runs]
    codes = sorted(code for code, _, _ in outcomes)
    assert codes == [0, 1], outcomes
    _, out, err = next(o for o in outcomes if o[0] == 1)
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert err.startswith("error: another build is using ") and "run_id " in err and "pid " in err
    assert "Traceback" not in err and "sqlalchemy" not in err.lower()


def test_with_wait_the_second_build_queues_and_both_succeed(tmp_path):
    _seeds(tmp_path)
    runs = [_start(tmp_path, "--wait", "300"), _start(tmp_path, "--wait", "300")]
    outcomes = [(p.wait(timeout=600), *p.communicate()) for p in runs]
    assert [code for code, _, _ in outcomes] == [0, 0], [err[-2000:] for _, _, err in outcomes]
    folders = {out.strip().splitlines()[-1] for _, out, _ in outcomes}
    assert len(folders) == 1  # the same content: the second build is a no-op on the same folder
    assert any("waiting: another build is using" in err for _, _, err in outcomes)
    assert all("Traceback" not in err for _, _, err in outcomes)


def test_a_lock_names_its_holder_and_is_freed_with_its_process(tmp_path):
    with BuildLock([tmp_path], holder={"run_id": "abc", "pid": 1}):
        with pytest.raises(BuildBusyError, match="run_id abc"):
            BuildLock([tmp_path]).acquire()
    BuildLock([tmp_path]).acquire().release()  # free again
    # A process that dies holding it (SIGKILL) frees it: the kernel drops flock locks.
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from pipeline.locking import BuildLock; BuildLock([Path(sys.argv[1])]).acquire(); "
                               "print('held', flush=True); time.sleep(60)", str(tmp_path)],
                              cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(BuildBusyError):
        BuildLock([tmp_path]).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    BuildLock([tmp_path]).acquire().release()


def _tables(built_release: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_parquet(built_release / "data" / f"{t}.parquet") for t in TABLES}


@pytest.mark.parametrize("same", [True, False], ids=["identical", "different"])
def test_two_writers_of_one_release_one_publishes_the_other_is_told_it_exists(built, tmp_path, same):
    tables = _tables(built["release"])
    other = dict(tables, quantities=tables["quantities"].iloc[:1]) if not same else tables
    dist, results = tmp_path / "dist", {}
    start = threading.Barrier(2)

    def write(name, frames):
        start.wait()
        try:
            results[name] = write_release(frames, dist, "3.0.0")
        except Exception as error:  # noqa: BLE001 - the test looks at which
            results[name] = error

    threads = [threading.Thread(target=write, args=(n, f)) for n, f in (("a", tables), ("b", other))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    published = [r for r in results.values() if isinstance(r, Path)]
    refused = [r for r in results.values() if not isinstance(r, Path)]
    assert len(published) == 1 and len(refused) == 1, results
    assert isinstance(refused[0], ReleaseExistsError), repr(refused[0])
    assert "already exists" in str(refused[0])
    if same:
        assert "identical files" in str(refused[0])
    assert not [p for p in dist.iterdir() if p.name.startswith(".") and p.name != LOCK_NAME]


def test_the_next_build_sweeps_what_a_killed_build_left(tmp_path):
    _seeds(tmp_path)
    dist, home = tmp_path / "dist", tmp_path / "home"
    victim = _start(tmp_path)
    staging = None
    deadline = time.monotonic() + 240
    while staging is None and time.monotonic() < deadline and victim.poll() is None:
        hidden = [p for p in dist.glob(".*") if p.is_dir()] if dist.is_dir() else []
        staging = hidden[0] if hidden else None
        time.sleep(0.02)
    if staging is None:
        victim.kill()
        pytest.fail("the build finished before its staging folder was seen; cannot simulate the kill")
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=30)
    assert staging.is_dir()
    os.utime(staging, (time.time() - 60, time.time() - 60))  # the minimum age a sweep waits for
    with dg.DagsterInstance.from_config(str(home)) as instance:
        started = [r.run_id for r in instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.STARTED]))]
    assert len(started) == 1  # the killed run still says STARTED

    again = _start(tmp_path)
    code, out, err = again.wait(timeout=300), *again.communicate()
    assert code == 0, err[-3000:]
    assert not staging.exists()
    assert not [p for p in dist.iterdir() if p.name.startswith(".") and p.name != LOCK_NAME]
    assert f"Marked 1 run(s) failed whose build was killed: {started[0]}" in out
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert instance.get_run_by_id(started[0]).status == dg.DagsterRunStatus.FAILURE


def test_sweep_leaves_a_live_writers_staging_folder(tmp_path):
    from pipeline.locking import hold_staging

    live, dead = tmp_path / ".1.0.0.abc", tmp_path / ".1.0.0.def"
    live.mkdir(), dead.mkdir()
    old = time.time() - 60
    os.utime(live, (old, old)), os.utime(dead, (old, old))
    fd = hold_staging(live)
    try:
        assert sweep_staging(tmp_path) == [dead]
        assert live.is_dir()
    finally:
        os.close(fd)
