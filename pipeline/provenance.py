"""What produced a release: pipeline commit, extractor versions and key library versions."""

from __future__ import annotations

import subprocess
from importlib import metadata

from pipeline.extract import entities, quantities, roles, times
from pipeline.settings import REPO_ROOT

KEY_LIBRARIES = ("dagster", "pandas", "pyarrow", "pandera", "frictionless", "great-expectations")


def _git(*args: str) -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(REPO_ROOT), *args], capture_output=True, text=True, timeout=10, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def git_commit() -> str | None:
    """The checked-out commit, or None outside a git checkout."""
    return _git("rev-parse", "HEAD") or None


def git_dirty() -> bool | None:
    """Whether tracked files differ from the commit (the release was built from uncommitted code)."""
    status = _git("status", "--porcelain", "--untracked-files=no")
    return None if status is None else bool(status)


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
    return {"git_commit": git_commit(), "git_dirty": git_dirty(), "extractors": extractors(),
            "libraries": library_versions()}
