"""Builds that do not trip over each other, and the clean-up after builds that were killed.

Belongs here: the lock one build holds on its Dagster home and on its dist folder, the name of the build
that holds it, and the sweep of what a killed build leaves behind (staging folders, temporary files and runs
still marked STARTED). Nothing here imports Dagster at module level: runs are swept through the instance the
caller passes.

Locks are `flock` locks on a small file. The kernel drops them when their process ends, however it ends
(`kill -9` too), so a lock is never stale; the file only says who holds it, for the message.

Example:

>>> import tempfile, pathlib
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> with BuildLock([home], holder={"run_id": "r1"}):
...     try:
...         BuildLock([home], holder={"run_id": "r2"}).acquire()
...     except BuildBusyError as busy:
...         print(busy.holder["run_id"])
r1
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock, builds are not locked
    fcntl = None

LOCK_NAME = ".china-ai-facts-build.lock"
# Tags the command line puts on its runs, so a later build can tell its own orphaned runs.
PID_TAG = "china-ai-facts/pid"
HOST_TAG = "china-ai-facts/host"
# Hidden temporary files of the release writer carry their writer's pid: ".<name>.<pid>.<random>".
_TEMP_FILE = re.compile(r"\..+\.(?P<pid>\d+)\.[A-Za-z0-9_]+")


class BuildBusyError(RuntimeError):
    """Another build holds the lock; `holder` says which (pid, host, command, run id, start time)."""

    def __init__(self, folder: Path, holder: dict[str, Any]):
        self.folder, self.holder = folder, holder
        super().__init__(describe_busy(folder, holder))


def describe_busy(folder: Path, holder: dict[str, Any]) -> str:
    """One line naming the build that holds FOLDER's lock and what to do."""
    who = ", ".join(f"{key} {holder[key]}" for key in ("run_id", "pid", "host", "started") if holder.get(key))
    command = f" (`{holder['command']}`)" if holder.get("command") else ""
    return (f"another build is using {folder}: {who or 'holder unknown'}{command}; wait for it to finish, "
            "or pass --wait to queue behind it")


def current_holder(run_id: str | None = None) -> dict[str, Any]:
    """Who this process is, as written into the lock file."""
    return {
        "run_id": run_id,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": " ".join(["python -m pipeline", *sys.argv[1:]]) if sys.argv else None,
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


class BuildLock:
    """Exclusive locks on several folders (a Dagster home, a dist folder), taken in path order.

    `wait` is how many seconds to wait for a busy lock (0: refuse at once with BuildBusyError).
    """

    def __init__(self, folders: list[Path], holder: dict[str, Any] | None = None, wait: float = 0.0,
                 on_wait=None):
        self.folders = sorted({Path(f).resolve() for f in folders})  # one order everywhere: no deadlock
        self.holder = holder or current_holder()
        self.wait, self.on_wait = wait, on_wait
        self._fds: list[int] = []

    def acquire(self) -> "BuildLock":
        try:
            for folder in self.folders:
                self._fds.append(self._lock(folder))
        except BaseException:
            self.release()
            raise
        return self

    def release(self) -> None:
        while self._fds:
            os.close(self._fds.pop())  # closing drops the flock

    def __enter__(self) -> "BuildLock":
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _lock(self, folder: Path) -> int:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is None:
            return fd
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = read_holder(path)
                    os.close(fd)
                    raise BuildBusyError(folder, holder) from None
                if not told and self.on_wait:
                    self.on_wait(describe_busy(folder, read_holder(path)).split(";")[0])
                    told = True
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, (json.dumps(self.holder, sort_keys=True) + "\n").encode("utf-8"), 0)
        return fd


def read_holder(path: Path) -> dict[str, Any]:
    """What the lock file at PATH says about its holder ({} when it cannot be read)."""
    for _ in range(5):  # the holder may be writing it this instant
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            time.sleep(0.05)
    return {}


class folder_lock:
    """An exclusive lock on a folder itself for a short critical section (blocking flock on the folder's own
    descriptor, a no-op where there is none), so no lock file is left behind.

    e.g. `with folder_lock(dist): ...` around the check and rename that publish a release.
    """

    def __init__(self, folder: Path):
        self.folder, self.fd = folder, None

    def __enter__(self) -> "folder_lock":
        try:
            self.fd = os.open(self.folder, os.O_RDONLY)
            if fcntl is not None:
                fcntl.flock(self.fd, fcntl.LOCK_EX)
        except OSError:
            if self.fd is not None:
                os.close(self.fd)
            self.fd = None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing releases the lock


# ---- what killed builds leave behind ------------------------------------------------------------------------------

def hold_staging(folder: Path) -> int | None:
    """Lock a staging folder for as long as the returned descriptor is open (None where there is no flock).

    A folder whose lock can be taken has no living writer: `sweep_staging` removes it.
    """
    if fcntl is None:
        return None
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return fd


def sweep_staging(dist_dir: Path) -> list[Path]:
    """Remove the hidden staging folders and temporary files in DIST whose writer is gone; returns them.

    A staging folder is gone when its flock can be taken; a temporary file ".<name>.<pid>.<random>" when no
    process has its pid on this host. The lock file itself and anything else are left alone.
    """
    removed: list[Path] = []
    if fcntl is None or not dist_dir.is_dir():
        return removed
    for path in sorted(dist_dir.iterdir()):
        if not path.name.startswith(".") or path.name == LOCK_NAME:
            continue
        if path.is_dir() and not path.is_symlink():
            if _staging_gone(path):
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
        elif _temp_gone(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


# A staging folder younger than this is left alone: its writer may be between creating and locking it.
STAGING_MIN_AGE_SECONDS = 5.0


def _staging_gone(folder: Path) -> bool:
    try:
        if time.time() - folder.stat().st_mtime < STAGING_MIN_AGE_SECONDS:
            return False
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def _temp_gone(path: Path) -> bool:
    match = _TEMP_FILE.fullmatch(path.name)
    return bool(match) and not pid_alive(int(match["pid"]))


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_orphaned_runs(instance) -> list[str]:
    """Mark failed the runs this command line started on this host that are still in progress but whose
    process is gone (killed); returns their run ids. Call it holding the home's BuildLock."""
    from dagster import DagsterRunStatus, RunsFilter

    in_progress = [DagsterRunStatus.STARTED, DagsterRunStatus.STARTING, DagsterRunStatus.NOT_STARTED,
                   DagsterRunStatus.CANCELING]
    failed = []
    host = socket.gethostname()
    for run in instance.get_runs(RunsFilter(statuses=in_progress, tags={HOST_TAG: host})):
        pid = run.tags.get(PID_TAG, "")
        if pid.isdigit() and not pid_alive(int(pid)):
            instance.report_run_failed(run, message=f"the build process (pid {pid}) ended without finishing "
                                                    "this run (killed?); marked failed by the next build")
            failed.append(run.run_id)
    return failed
