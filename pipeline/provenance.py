"""What produced a release: pipeline commit, extractor versions and key library versions."""

from __future__ import annotations

import subprocess
from importlib import metadata

from pipeline.extract import entities, quantities, roles, times
from pipeline.settings import REPO_ROOT

KEY_LIBRARIES = ("dagster", "pandas", "pyarrow", "pandera", "frictionless", "great-expectations")


def git_commit() -> str | None:
    """The checked-out commit, or None outside a git checkout or with uncommitted changes unknown."""
    try:
        out = subprocess.run(["git", "-C", str(REPO_ROOT), "rev-parse", "HEAD"], capture_output=True, text=True,
                             timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def library_versions() -> dict[str, str]:
    versions = {}
    for name in KEY_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def extractors() -> dict[str, str]:
    return {m.EXTRACTOR: f"{m.EXTRACTOR}/{m.VERSION}" for m in (quantities, times, entities, roles)}


def provenance() -> dict:
    return {"git_commit": git_commit(), "extractors": extractors(), "libraries": library_versions()}
