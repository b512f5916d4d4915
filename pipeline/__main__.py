"""Command line: `python -m pipeline build [--seeds DIR] [--dist DIR] [--version V]`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.settings import DEFAULT_DAGSTER_HOME, DEFAULT_DIST, DEFAULT_SEEDS, Settings, reference_dir_for
from pipeline.ingest.documents import DEFAULT_MAX_BYTES


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
    if not result.success:
        print("error: the build failed; nothing was published. Failed steps:", file=sys.stderr)
        for event in result.all_events:
            if event.is_step_failure:
                error = event.event_specific_data.error
                while error.cause is not None:  # the user's exception, not Dagster's wrapper
                    error = error.cause
                print(f"  {event.step_key}: {error.message.strip()}", file=sys.stderr)
        for event in result.all_events:
            if event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
                data = event.event_specific_data
                print(f"  check {data.asset_key.to_user_string()}:{data.check_name} failed", file=sys.stderr)
        return 1
    materialized = [e for e in result.all_events if e.is_step_materialization]
    if not any(e.asset_key == dg.AssetKey("out_release") for e in materialized):
        print("error: a blocking check failed; nothing was published", file=sys.stderr)
        for event in result.all_events:
            if event.event_type_value == "ASSET_CHECK_EVALUATION" and not event.event_specific_data.passed:
                data = event.event_specific_data
                print(f"  check {data.asset_key.to_user_string()}:{data.check_name} failed", file=sys.stderr)
        return 1
    print(result.output_for_node("out_release"))
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        return build(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
