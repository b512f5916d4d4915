"""Command line: `python -m pipeline build [--seeds DIR] [--dist DIR] [--version V]`."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.settings import DEFAULT_DAGSTER_HOME, DEFAULT_DIST, DEFAULT_SEEDS, Settings, reference_dir_for
from pipeline.ingest.documents import DEFAULT_MAX_BYTES


# A release folder name: no path separators, no leading dot.
VERSION_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+-]{0,63}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description="Build the china-ai-facts release.")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="materialize every asset through Dagster and write DIST/VERSION/")
    build.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of input documents (default: seeds/)")
    build.add_argument("--dist", type=Path, default=DEFAULT_DIST, help="where releases are written (default: dist/)")
    build.add_argument("--version", default=__version__, help=f"release version (default: {__version__})")
    build.add_argument("--reference", type=Path, default=None, help="folder with entities.csv (default: SEEDS/reference or seeds/reference)")
    build.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=f"largest input file accepted (default: {DEFAULT_MAX_BYTES})")
    return parser


def build(args: argparse.Namespace) -> int:
    # Run history and lineage persist in the repository's .dagster/ unless DAGSTER_HOME says otherwise.
    os.environ.setdefault("DAGSTER_HOME", str(DEFAULT_DAGSTER_HOME))
    home = Path(os.environ["DAGSTER_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").touch()
    import dagster as dg

    from pipeline.definitions import run_build

    if not VERSION_PATTERN.fullmatch(args.version):
        print(f"error: version {args.version!r} is not a release name; use letters, digits, '.', '+' and '-' "
              "starting with a letter or digit (e.g. 0.2.0)", file=sys.stderr)
        return 2
    seeds = args.seeds.resolve()
    if not seeds.is_dir():
        print(f"error: seeds folder {seeds} does not exist; pass --seeds DIR with a folder of documents", file=sys.stderr)
        return 2
    settings = Settings(
        seeds_dir=seeds,
        dist_dir=args.dist.resolve(),
        version=args.version,
        reference_dir=(args.reference or reference_dir_for(seeds)).resolve(),
        max_bytes=args.max_bytes,
    )
    with dg.DagsterInstance.get() as instance:
        result = run_build(settings, instance)
    released = any(e.is_step_materialization and e.asset_key == dg.AssetKey("out_release") for e in result.all_events)
    if not result.success or not released:
        print("error: the build failed; nothing was published.", file=sys.stderr)
        _report_failures(result)
        return 1
    print(result.output_for_node("out_release"))
    return 0


def _report_failures(result) -> None:
    """Every failed step (with the user's exception, not Dagster's wrapper) and every failed check."""
    for event in result.all_events:
        if event.is_step_failure:
            error = event.event_specific_data.error
            while error.cause is not None:
                error = error.cause
            print(f"  {event.step_key}: {error.message.strip()}", file=sys.stderr)
        elif event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
            data = event.event_specific_data
            print(f"  check {data.asset_key.to_user_string()}:{data.check_name} failed; see its failing_sample "
                  "in `dagster dev`", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return build(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
