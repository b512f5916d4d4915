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

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = REPO_ROOT / "seeds"
DEFAULT_DIST = REPO_ROOT / "dist"
DEFAULT_REFERENCE = DEFAULT_SEEDS / "reference"
DEFAULT_DAGSTER_HOME = REPO_ROOT / ".dagster"


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path
    dist_dir: Path
    version: str
    reference_dir: Path
    max_bytes: int = DEFAULT_MAX_BYTES

    @classmethod
    def from_env(cls) -> "Settings":
        """Settings from CHINA_AI_FACTS_* variables, defaulting to the repository's folders."""
        return cls(
            seeds_dir=Path(os.environ.get("CHINA_AI_FACTS_SEEDS", DEFAULT_SEEDS)),
            dist_dir=Path(os.environ.get("CHINA_AI_FACTS_DIST", DEFAULT_DIST)),
            version=os.environ.get("CHINA_AI_FACTS_VERSION", __version__),
            reference_dir=Path(os.environ.get("CHINA_AI_FACTS_REFERENCE", DEFAULT_REFERENCE)),
            max_bytes=int(os.environ.get("CHINA_AI_FACTS_MAX_BYTES", DEFAULT_MAX_BYTES)),
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
