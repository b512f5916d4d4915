"""What `python -m pipeline` prints: a line per asset as it finishes, a progress bar over documents
during extraction and a summary of the release; Dagster's own event log only with --verbose.

Belongs here: turning Dagster events and a release's datapackage.json into lines for people.
stdout carries the report and, as its last line, the release folder (scripts read that line);
stderr carries errors, warnings and the progress bar.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import sys
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import dagster as dg

from pipeline.extract import facts

# Extraction passes over at least this many documents show a progress bar (on a terminal only).
PROGRESS_MIN_DOCUMENTS = 300
NAME_WIDTH = 26
ROW_COUNT = "dagster/row_count"


class Reporter:
    """Receives the runs' Dagster events as they happen and prints what a person wants to see."""

    def __init__(self, verbose: bool = False, out: TextIO | None = None, err: TextIO | None = None):
        self.verbose = verbose
        self._opened: list[TextIO] = []
        self.out = out or self._beside_capture(sys.stdout)
        self.err = err or self._beside_capture(sys.stderr)
        self.step: str | None = None
        self.pending: dict[str, list[tuple[str, int | None]]] = {}
        self.release_metadata: dict[str, Any] = {}

    # -- Dagster side ---------------------------------------------------------------------------------

    def loggers(self) -> dict[str, tuple[dg.LoggerDefinition, Mapping[str, Any]]]:
        """The run loggers for `pipeline.definitions.run_build`: this reporter, plus Dagster's console
        logger at DEBUG when verbose (without it nothing of Dagster's event log reaches the terminal)."""
        reporter = self

        @dg.logger(description="One line per asset for the command line.")
        def report(_init_context) -> logging.Logger:
            log = logging.Logger("china_ai_facts.report", level=logging.DEBUG)
            log.addHandler(_EventHandler(reporter))
            return log

        loggers: dict[str, tuple[dg.LoggerDefinition, Mapping[str, Any]]] = {"report": (report, {})}
        if self.verbose:
            loggers["console"] = (dg.colored_console_logger, {"log_level": "DEBUG", "name": "dagster"})
        return loggers

    def handle(self, event: dg.DagsterEvent) -> None:
        kind = event.event_type_value
        if kind == "STEP_START":
            self.step = event.step_key
        elif event.is_step_materialization:
            materialization = event.event_specific_data.materialization
            name = materialization.asset_key.to_user_string()
            rows = materialization.metadata.get(ROW_COUNT)
            self.pending.setdefault(event.step_key, []).append((name, None if rows is None else int(rows.value)))
            if name == "out_release":
                self.release_metadata = {k: v.value for k, v in materialization.metadata.items()}
        elif event.is_step_success:
            seconds = event.event_specific_data.duration_ms / 1000
            for i, (name, rows) in enumerate(self.pending.pop(event.step_key, [])):
                count = "" if rows is None else f"{rows:,} rows"
                # a step that materializes several assets (entities, aliases, mentions) has one duration
                timing = f"{seconds:6.1f} s" if i == 0 else ""
                self.say(f"  {name:<{NAME_WIDTH}}{count:>14}  {timing}".rstrip())
        elif event.is_step_failure:
            self.pending.pop(event.step_key, None)
            print(f"  {event.step_key:<{NAME_WIDTH}}        failed", file=self.err, flush=True)

    # -- extraction progress --------------------------------------------------------------------------

    def progress(self, documents: list) -> Any:
        """`facts.progress`: a progress bar over the documents of one extraction pass when there are many."""
        if len(documents) < PROGRESS_MIN_DOCUMENTS:
            return documents
        from tqdm import tqdm

        # disable=None: drawn on a terminal only, never into a log file
        return tqdm(documents, desc=f"  {self.step or 'extracting'}", unit="doc", leave=False, file=self.err,
                    disable=None, dynamic_ncols=True)

    @contextmanager
    def installed(self) -> Iterator[None]:
        """Show the extraction progress bar while the build runs."""
        previous = facts.progress
        facts.progress = self.progress
        try:
            yield
        finally:
            facts.progress = previous

    # -- the end ----------------------------------------------------------------------------------------

    def summary(self, folder: Path) -> None:
        """The release folder, each table's row count, quarantined facts and rejected inputs."""
        package = _read_json(folder / "datapackage.json")
        counts: dict[str, int] = package.get("row_counts") or {}
        dev_build = bool(self.release_metadata.get("dev_build", folder.name != package.get("version")))
        self.say("")
        if dev_build:
            self.say(f"Development build {folder.name} (publish a numbered release with "
                        "`python -m pipeline release --version X`)")
        else:
            self.say(f"Release {folder.name}")
        for table, rows in counts.items():
            self.say(f"  {table:<{NAME_WIDTH}}{rows:>9,} rows")
        if "quarantined_facts" in counts:
            self.say(f"Quarantined facts: {counts['quarantined_facts']:,} (withheld from their tables; "
                        "listed in data/quarantined_facts.csv)")
        rejected = counts.get("rejected_documents", 0)
        reasons = _reasons(folder / "data" / "rejected_documents.csv") if rejected else Counter()
        detail = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0])))
        self.say(f"Rejected inputs: {rejected:,}" + (f" ({detail}; see data/rejected_documents.csv)" if detail else ""))
        pruned = int(self.release_metadata.get("pruned_dev_builds") or 0)
        if pruned:
            self.say(f"Removed {pruned} older development build{'s' if pruned > 1 else ''} from {folder.parent}")

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def close(self) -> None:
        for stream in self._opened:
            stream.close()
        self._opened.clear()

    def _beside_capture(self, stream: TextIO) -> TextIO:
        """A stream on the same file as `stream` (a terminal, a pipe) that Dagster's capture of step output
        leaves alone: while a step runs Dagster points file descriptors 1 and 2 at its compute log files."""
        try:
            copy = os.fdopen(os.dup(stream.fileno()), "w", buffering=1, encoding=stream.encoding or "utf-8",
                             errors="replace")
        except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
            return stream  # not backed by a file descriptor (e.g. captured by a test)
        stream.flush()
        self._opened.append(copy)
        return copy


class _EventHandler(logging.Handler):
    """Passes the Dagster event of each log record to the reporter."""

    def __init__(self, reporter: Reporter):
        super().__init__(level=logging.DEBUG)
        self.reporter = reporter

    def emit(self, record: logging.LogRecord) -> None:
        meta = getattr(record, "dagster_meta", None) or {}
        event = meta.get("dagster_event") if isinstance(meta, dict) else None
        if event is None:
            event = getattr(record, "dagster_event", None)
        if event is not None:
            self.reporter.handle(event)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _reasons(path: Path) -> Counter:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return Counter(row.get("reason") or "?" for row in csv.DictReader(handle))
    except OSError:
        return Counter()
