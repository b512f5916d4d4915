"""The release asset: writes the validated tables as a versioned release under dist/."""


from pathlib import Path

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.metadata import published_tables
from pipeline.provenance import provenance
from pipeline.release import write_release

RELEASE_VERSION = "1.0.0"
PUBLISHED = [schema.name for schema in published_tables()]


@dg.asset(
    group_name="release",
    code_version=RELEASE_VERSION,
    ins={f"core_{name}": dg.AssetIn(f"core_{name}") for name in PUBLISHED},
    compute_kind="parquet",
)
def out_release(settings: PipelineSettings, **tables) -> dg.Output[str]:
    """Parquet + CSV for every published table and datapackage.json, in DIST/VERSION/ (written atomically)."""
    frames = {name: tables[f"core_{name}"] for name in PUBLISHED}
    folder = write_release(frames, Path(settings.dist_dir), settings.version, provenance())
    return dg.Output(str(folder), metadata={
        "release_path": dg.MetadataValue.path(str(folder)),
        "version": dg.MetadataValue.text(settings.version),
        "row_counts": dg.MetadataValue.json({name: len(frame) for name, frame in frames.items()}),
    })
