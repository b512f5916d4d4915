"""Where the pipeline reads and writes, configured from the environment.

Belongs here: paths and knobs with their defaults, and the one rule for
timestamps (SOURCE_DATE_EPOCH, never the wall clock).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pipeline import __version__
from pipeline.ingest.documents import DEFAULT_MAX_BYTES
from pipeline.quarantine import MAX_QUARANTINE_SHARE

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO_ROOT / "seeds"
DEFAULT_DIST = REPO_ROOT / "dist"
DEFAULT_REFERENCE = DEFAULT_SEEDS / "reference"
DEFAULT_DAGSTER_HOME = REPO_ROOT / ".dagster"
# How many development builds (dist/VERSION.dev+DIGEST) a build keeps; 0 keeps all.
DEFAULT_KEEP_DEV_BUILDS = 5


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path
    dist_dir: Path
    version: str
    reference_dir: Path
    max_bytes: int = DEFAULT_MAX_BYTES
    # The share of a fact table that may be quarantined before the release is blocked (pipeline.quarantine).
    max_quarantine_share: float = MAX_QUARANTINE_SHARE
    # True: a development build, dist/VERSION.dev+DIGEST named after its content (`make dataset`, the
    # schedule and sensors); False: the numbered release dist/VERSION, immutable (`python -m pipeline release`).
    dev_build: bool = False
    keep_dev_builds: int = DEFAULT_KEEP_DEV_BUILDS

    @classmethod
    def from_env(cls) -> "Settings":
        """Settings from CHINA_AI_FACTS_* variables, defaulting to the repository's folders.

        These are the settings of runs started in Dagster (UI, schedule, sensors): development builds.
        """
        return cls(
            seeds_dir=Path(os.environ.get("CHINA_AI_FACTS_SEEDS", DEFAULT_SEEDS)),
            dist_dir=Path(os.environ.get("CHINA_AI_FACTS_DIST", DEFAULT_DIST)),
            version=os.environ.get("CHINA_AI_FACTS_VERSION", __version__),
            reference_dir=Path(os.environ.get("CHINA_AI_FACTS_REFERENCE", DEFAULT_REFERENCE)),
            max_bytes=int(os.environ.get("CHINA_AI_FACTS_MAX_BYTES", DEFAULT_MAX_BYTES)),
            max_quarantine_share=float(os.environ.get("CHINA_AI_FACTS_MAX_QUARANTINE_SHARE", MAX_QUARANTINE_SHARE)),
            dev_build=True,
            keep_dev_builds=int(os.environ.get("CHINA_AI_FACTS_KEEP_DEV_BUILDS", DEFAULT_KEEP_DEV_BUILDS)),
        )


def reference_dir_for(seeds_dir: Path) -> Path:
    """A seeds folder's own `reference/` when it has one, else the repository's registry."""
    own = seeds_dir / "reference"
    return own if own.is_dir() else DEFAULT_REFERENCE


def release_timestamp(latest_input: datetime | None) -> str:
    """The release's `created` time: SOURCE_DATE_EPOCH when set, else the newest input date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc)
    elif latest_input is not None:
        moment = latest_input.astimezone(timezone.utc)
    else:
        moment = datetime(1970, 1, 1, tzinfo=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
