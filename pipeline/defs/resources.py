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
    max_quarantine_share: float
    # a development build (dist/VERSION.dev+DIGEST) or the numbered release dist/VERSION; see pipeline.release
    dev_build: bool = False
    keep_dev_builds: int = 5

    @classmethod
    def from_settings(cls, settings: Settings) -> "PipelineSettings":
        return cls(
            seeds_dir=str(settings.seeds_dir),
            dist_dir=str(settings.dist_dir),
            version=settings.version,
            reference_dir=str(settings.reference_dir),
            max_bytes=settings.max_bytes,
            max_quarantine_share=settings.max_quarantine_share,
            dev_build=settings.dev_build,
            keep_dev_builds=settings.keep_dev_builds,
        )

    @property
    def seeds_path(self) -> Path:
        return Path(self.seeds_dir)
