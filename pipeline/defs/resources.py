"""The pipeline's configuration as a Dagster resource."""


from pathlib import Path

import dagster as dg

from pipeline.settings import Settings


class PipelineSettings(dg.ConfigurableResource):
    """Folders and knobs of one build (defaults: the repository's seeds/ and dist/)."""

    seeds_dir: str
    dist_dir: str
    version: str
    reference_dir: str
    max_bytes: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "PipelineSettings":
        return cls(
            seeds_dir=str(settings.seeds_dir),
            dist_dir=str(settings.dist_dir),
            version=settings.version,
            reference_dir=str(settings.reference_dir),
            max_bytes=settings.max_bytes,
        )

    @property
    def seeds_path(self) -> Path:
        return Path(self.seeds_dir)
