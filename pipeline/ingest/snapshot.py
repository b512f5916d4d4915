"""A snapshot of a seeds folder: each input's content hash, and what changed between two snapshots.

The inputs are the ones a build reads (`files.read_inputs`: same folder, same order, hidden files
skipped, symlinks and oversized files refused), and a file's hash covers exactly what
`source_documents`' data version covers: its bytes, or, for an input refused before reading, the
refusal. Two snapshots are equal exactly when that data version is. Plain functions, no Dagster import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.files import RawInput, read_inputs


def file_hash(raw: RawInput) -> str:
    """The sha256 of the input's bytes, or `refused:` and the sha256 of why it was refused."""
    if raw.refusal is not None:
        return "refused:" + hashlib.sha256(repr(raw.refusal).encode()).hexdigest()
    return hashlib.sha256(raw.content or b"").hexdigest()


def file_hashes(inputs: Iterable[RawInput]) -> dict[str, str]:
    """Each input's path (relative to the seeds folder) and `file_hash`, in path order."""
    return {raw.source_file: file_hash(raw) for raw in inputs}


def snapshot(seeds_dir: Path, max_bytes: int) -> dict[str, str]:
    """The `file_hashes` of every input a build of `seeds_dir` would read."""
    return file_hashes(read_inputs(seeds_dir, max_bytes))


@dataclass(frozen=True)
class Changes:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """`2 added, 1 changed, 0 removed`."""
        return f"{len(self.added)} added, {len(self.changed)} changed, {len(self.removed)} removed"


def compare(old: Mapping[str, str], new: Mapping[str, str]) -> Changes:
    """Which paths appeared, changed content, or disappeared from `old` to `new`."""
    return Changes(
        added=tuple(sorted(set(new) - set(old))),
        changed=tuple(sorted(p for p in set(new) & set(old) if new[p] != old[p])),
        removed=tuple(sorted(set(old) - set(new))),
    )
