"""Command line.

    python -m pipeline build   [--seeds DIR] [--dist DIR] [--version V] [--keep N] [--verbose]
    python -m pipeline release --version X [--seeds DIR] [--dist DIR] [--verbose]
    python -m pipeline diff    OLD NEW
    python -m pipeline validate PATH

`build` writes a development build, DIST/V.dev+DIGEST, named after its content: building the same
state again is a no-op, a new commit or other inputs give a new folder, and only the N newest
development builds are kept. `release` publishes the numbered release DIST/X and refuses to touch an
existing one. Both print a line per asset, a summary, and as their last line the folder written.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import uuid
import warnings
from pathlib import Path

from pipeline import __version__
from pipeline.ingest.documents import DEFAULT_MAX_BYTES
from pipeline.locking import HOST_TAG, PID_TAG, BuildBusyError, BuildLock, current_holder, fail_orphaned_runs
from pipeline.versioning import parse, version_problem
from pipeline.quarantine import MAX_QUARANTINE_SHARE
from pipeline.settings import (DEFAULT_DAGSTER_HOME, DEFAULT_DIST, DEFAULT_KEEP_DEV_BUILDS, DEFAULT_SEEDS, Settings,
                               reference_dir_for)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Build the china-ai-facts dataset.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser(
        "build", help="a development build: DIST/VERSION.dev+DIGEST, named after its content (make dataset)",
        description="Materialize every asset through Dagster and write a development build, "
                    "DIST/VERSION.dev+DIGEST, DIGEST being a hash of its data files and datapackage.json.")
    release = sub.add_parser(
        "release", help="publish the numbered release DIST/VERSION (refuses an existing one)",
        description="Materialize every asset through Dagster and publish the numbered release DIST/VERSION; "
                    "a version that exists is never overwritten.")
    for command in (build, release):
        command.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of input documents (default: seeds/)")
        command.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="where releases are written (default: dist/)")
        command.add_argument("--reference", type=Path, default=None,
                             help="folder with entities.csv (default: SEEDS/reference or seeds/reference)")
        command.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES,
                             help=f"largest input file accepted (default: {DEFAULT_MAX_BYTES})")
        command.add_argument("--max-quarantine-share", type=float, default=MAX_QUARANTINE_SHARE, metavar="SHARE",
                             help="block the release when more than this share of a fact table is quarantined "
                                  f"(default: {MAX_QUARANTINE_SHARE})")
        command.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                             help="when another build is using the same Dagster home or dist folder, wait up to "
                                  "SECONDS for it (default: 0, refuse at once naming the other build)")
        command.add_argument("-v", "--verbose", action="store_true", help="print Dagster's full event log (stderr)")
    build.add_argument("--version", default=__version__,
                       help=f"the version the build leads to; the folder is VERSION.dev+DIGEST (default: {__version__})")
    build.add_argument("--keep", type=int, default=DEFAULT_KEEP_DEV_BUILDS, metavar="N",
                       help=f"keep the N newest development builds in DIST, delete older ones; 0 keeps all "
                            f"(default: {DEFAULT_KEEP_DEV_BUILDS}); numbered releases are never deleted")
    release.add_argument("--version", required=True, help="the release's version, e.g. 0.2.0; DIST/VERSION must not exist")
    diff = sub.add_parser(
        "diff", help="compare two releases: rows added, removed and changed per table",
        description="Compare two release folders table by table, keyed by each table's primary key: rows added, "
                    "removed and changed (with the columns that changed) and a few example rows of each kind. "
                    "Each release's CHANGELOG.md holds the same comparison with the previous release.")
    diff.add_argument("old", type=Path, help="the older release: a folder (e.g. dist/0.1.0, or a name in dist/) "
                                             "or its .tar.gz/.zip archive")
    diff.add_argument("new", type=Path, help="the newer release: a folder or an archive")
    validate = sub.add_parser(
        "validate", help="check a release folder or its .tar.gz/.zip archive: checksums, datapackage, schemas, keys",
        description="Check a release folder or archive: every SHA256SUMS line and that no file is unlisted, "
                    "datapackage.json against Frictionless (and the Parquet files' hash and size), every table "
                    "against its declared schema, and keys across tables. An archive is unpacked safely into a "
                    "temporary folder (a member outside it, a link or a device refuses the archive). Prints one line "
                    "per problem; exit status 0 when valid, 1 when not, 2 when PATH does not exist.")
    validate.add_argument("path", type=Path, help="a release folder (dist/0.2.0) or archive (china-ai-facts-0.2.0.tar.gz)")
    return parser


def run_validate(args: argparse.Namespace) -> int:
    """`python -m pipeline validate PATH`: see pipeline.validate."""
    warnings.simplefilter("ignore")  # library notices are not problems of the release
    from pipeline.validate import main as validate_main

    return validate_main(args.path)


def run_diff(args: argparse.Namespace) -> int:
    """`python -m pipeline diff OLD NEW`: format_diff of two releases, each a folder (a bare name is looked up
    in dist/) or a downloaded .tar.gz/.zip archive, unpacked safely for the comparison."""
    from contextlib import ExitStack

    from pipeline.changes import diff_releases, format_diff, release_problem
    from pipeline.loading import NotAReleaseError, opened_release
    from pipeline.validate import UnsafeArchiveError

    paths = [DEFAULT_DIST / path if not path.exists() and (DEFAULT_DIST / path).exists() else path
             for path in (args.old, args.new)]
    with ExitStack() as stack:
        folders = []
        for path in paths:
            try:
                folders.append(stack.enter_context(opened_release(path)))
            except (NotAReleaseError, UnsafeArchiveError) as error:
                print(f"error: {error}", file=sys.stderr)
                return 1
            problem = release_problem(folders[-1])
            if problem:
                print(f"error: {problem}", file=sys.stderr)
                return 1
        print(format_diff(diff_releases(*folders)), end="")
    return 0


def run(args: argparse.Namespace, dev_build: bool) -> int:
    problem = version_problem(args.version, numbered=not dev_build)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    seeds = args.seeds.resolve()
    if not seeds.is_dir():
        print(f"error: seeds folder {seeds} does not exist; pass --seeds DIR with a folder of documents", file=sys.stderr)
        return 2
    dist = args.dist.resolve()
    target = dist / args.version
    if not dev_build and _refuse_existing(target, args.version, "was published before"):
        return 1
    settings = Settings(
        seeds_dir=seeds,
        dist_dir=dist,
        version=args.version,
        reference_dir=(args.reference or reference_dir_for(seeds)).resolve(),
        max_bytes=args.max_bytes,
        max_quarantine_share=args.max_quarantine_share,
        dev_build=dev_build,
        keep_dev_builds=getattr(args, "keep", 0),
    )
    # Run history and lineage persist in the repository's .dagster/ unless DAGSTER_HOME says otherwise.
    os.environ.setdefault("DAGSTER_HOME", str(DEFAULT_DAGSTER_HOME))
    home = Path(os.environ["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists() or not config.read_text(encoding="utf-8").strip():
        # Quiet by default: no first-run telemetry banner on the terminal (Dagster's own setting).
        config.write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    if not args.verbose:
        # Library deprecation notices are for the developers of this pipeline; --verbose shows them.
        warnings.simplefilter("ignore")
    import dagster as dg

    from pipeline.console import Reporter
    from pipeline.definitions import run_build
    from pipeline.provenance import git_dirty

    if not dev_build and git_dirty():
        print("warning: the working tree has uncommitted changes; the release records git_dirty: true",
              file=sys.stderr)
    run_id = str(uuid.uuid4())
    lock = BuildLock([home, dist], holder=current_holder(run_id), wait=args.wait,
                     on_wait=lambda line: print(f"waiting: {line}", file=sys.stderr, flush=True))
    try:
        # One build at a time per Dagster home (its SQLite storage) and per dist folder; taken before Dagster
        # opens the instance, so a second build never meets a half-created run database.
        lock.acquire()
    except BuildBusyError as busy:
        print(f"error: {busy}", file=sys.stderr)
        return 1
    if not dev_build and _refuse_existing(target, args.version, "was published while this build waited"):
        lock.release()
        return 1
    reporter = Reporter(verbose=args.verbose)
    try:
        reporter.say(f"Building {'a development build of ' if dev_build else 'release '}{args.version} from {seeds}")
        with dg.DagsterInstance.get() as instance, reporter.installed():
            orphaned = fail_orphaned_runs(instance)
            if orphaned:
                reporter.say(f"Marked {len(orphaned)} run(s) failed whose build was killed: {', '.join(orphaned)}")
            tags = {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}
            result = run_build(settings, instance, reporter.loggers(), tags=tags, run_id=run_id)
        released = any(e.is_step_materialization and e.asset_key == dg.AssetKey("out_release")
                       for e in result.all_events)
        if not result.success or not released:
            print("error: the build failed; nothing was published.", file=reporter.err, flush=True)
            _report_failures(result, reporter.err)
            return 1
        folder = Path(result.output_for_node("out_release"))
        reporter.summary(folder)
        reporter.say(str(folder))  # the last line: scripts (make eval, the tests) read the folder from it
        return 0
    finally:
        reporter.close()
        lock.release()


def _refuse_existing(target: Path, version: str, when: str) -> bool:
    """Print the refusal and return True when the numbered release TARGET exists (releases are immutable)."""
    if not (target.exists() or target.is_symlink()):
        return False
    print(f"error: {target} already exists: release {version} {when} and releases are immutable, so nothing was "
          f"built or changed. Pick a new version: python -m pipeline release --version "
          f"{_next_version(version, target.parent)}", file=sys.stderr)
    return True


def _next_version(version: str, dist: Path) -> str:
    """A version after `version` (the next patch, pipeline.versioning's scheme) that DIST does not hold yet."""
    parsed = parse(version)
    if parsed is None:
        return "X (a version not yet in " + str(dist) + ")"
    major, minor, patch = parsed.major, parsed.minor, parsed.patch + (0 if parsed.pre else 1)
    while (dist / f"{major}.{minor}.{patch}").exists():
        patch += 1
    return f"{major}.{minor}.{patch}"


def _report_failures(result, err=None) -> None:
    """Every failed step (with the user's exception, not Dagster's wrapper) and every failed check."""
    err = err or sys.stderr
    for event in result.all_events:
        if event.is_step_failure:
            error = event.event_specific_data.error
            while error.cause is not None:
                error = error.cause
            print(f"  {event.step_key}: {error.message.strip()}", file=err, flush=True)
        elif event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
            data = event.event_specific_data
            metadata = data.metadata or {}
            print(f"  rule {data.check_name} failed on {data.asset_key.to_user_string()}"
                  + (f" ({metadata['failing_rows'].value} of {metadata['checked_rows'].value} rows)"
                     if "failing_rows" in metadata else ""), file=err, flush=True)
            for key in ("failing_tables", "failing_sample"):
                if key in metadata:
                    print(_indent(metadata[key].value), file=err, flush=True)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line for line in str(text).splitlines())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return run(args, dev_build=True)
    if args.command == "release":
        return run(args, dev_build=False)
    if args.command == "diff":
        return run_diff(args)
    if args.command == "validate":
        return run_validate(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
