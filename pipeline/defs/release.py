"""The release asset: writes the validated tables under dist/, as a development build or a numbered release."""


from pathlib import Path

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.locking import sweep_staging
from pipeline.metadata import published_tables
from pipeline.provenance import provenance
from pipeline.quarantine import withhold
from pipeline.release import prune_dev_builds, write_release

RELEASE_VERSION = "1.2.0"
PUBLISHED = [schema.name for schema in published_tables()]


@dg.asset(
    group_name="release",
    code_version=RELEASE_VERSION,
    ins={f"core_{name}": dg.AssetIn(f"core_{name}") for name in PUBLISHED},
    compute_kind="parquet",
)
def out_release(context: dg.AssetExecutionContext, settings: PipelineSettings, **tables) -> dg.Output[str]:
    """Parquet + CSV for every published table and datapackage.json, written atomically to
    DIST/VERSION.dev+DIGEST/ (a development build, named after its content) or DIST/VERSION/ (a numbered release)."""
    frames = {name: tables[f"core_{name}"] for name in PUBLISHED}
    # Rows a plausibility rule quarantined are published in `quarantined_facts`, not in their own table.
    frames = {name: withhold(name, frame, frames["quarantined_facts"]) for name, frame in frames.items()}
    swept = sweep_staging(Path(settings.dist_dir))
    if swept:
        context.log.warning(f"removed {len(swept)} staging folder(s) or temporary file(s) left by a build that was "
                            f"killed: {', '.join(p.name for p in swept)}")
    folder = write_release(frames, Path(settings.dist_dir), settings.version, provenance(),
                           dev_build=settings.dev_build)
    pruned = prune_dev_builds(folder.parent, settings.keep_dev_builds, folder) if settings.dev_build else []
    if pruned:
        context.log.info(f"removed {len(pruned)} older development build(s), keeping the {settings.keep_dev_builds} "
                         f"newest: {', '.join(p.name for p in pruned)}")
    return dg.Output(str(folder), metadata={
        "release_path": dg.MetadataValue.path(str(folder)),
        "version": dg.MetadataValue.text(folder.name),
        "dev_build": dg.MetadataValue.bool(settings.dev_build),
        "pruned_dev_builds": dg.MetadataValue.int(len(pruned)),
        "swept_staging": dg.MetadataValue.int(len(swept)),
        "row_counts": dg.MetadataValue.json({name: len(frame) for name, frame in frames.items()}),
    })
