"""Find the input files of a seeds folder safely: no path may lead outside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawInput:
    """One input file: its bytes, or why it was refused before reading."""

    source_file: str  # relative to the seeds folder, forward slashes
    content: bytes | None
    refusal: tuple[str, str] | None = None  # (reason, message)


def documents_folder(seeds_dir: Path) -> Path:
    """Where the input documents are: `SEEDS/documents/` when it exists, else SEEDS itself."""
    sub = seeds_dir / "documents"
    return sub if sub.is_dir() else seeds_dir


def display_path(path: Path, seeds_dir: Path) -> str:
    """The path relative to the seeds folder, printable even when the name is not valid UTF-8."""
    rel = os.fsencode(os.path.relpath(path, seeds_dir).replace(os.sep, "/"))
    # Backslashes are doubled first, so an escaped byte ("\\xe9") never equals a name that spells it out.
    return rel.replace(b"\\", b"\\\\").decode("utf-8", errors="backslashreplace")


def read_inputs(seeds_dir: Path, max_bytes: int) -> list[RawInput]:
    """Every file below the documents folder, in path order; hidden files and folders are skipped.

    A symlink whose target lies outside the documents folder is refused, and so
    is a symlinked folder (its files are read from their real place or not at
    all); files over `max_bytes` are refused without being read.
    """
    folder = documents_folder(seeds_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"seeds folder {seeds_dir} does not exist; pass --seeds DIR with a folder of documents")
    root = folder.resolve()
    inputs: list[RawInput] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames.sort()
        for name in list(dirnames):
            path = here / name
            if name.startswith("."):
                dirnames.remove(name)
            elif path.is_symlink():
                dirnames.remove(name)
                inside = _inside(path, root)
                inputs.append(RawInput(display_path(path, seeds_dir), None, (
                    "symlinked_folder" if inside else "outside_seeds",
                    "a symlink to a folder inside the seeds folder; its files are read from their real place, remove the link"
                    if inside else "a symlink that leads outside the seeds folder; copy the files in instead of linking")))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            inputs.append(_read_file(here / name, seeds_dir, root, max_bytes))
    return sorted(inputs, key=lambda i: i.source_file)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def _read_file(path: Path, seeds_dir: Path, root: Path, max_bytes: int) -> RawInput:
    shown = display_path(path, seeds_dir)
    if path.is_symlink() and not _inside(path, root):
        return RawInput(shown, None, ("outside_seeds", "a symlink that leads outside the seeds folder; copy the file in instead of linking"))
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return RawInput(shown, None, ("too_large", f"{size} bytes is over the {max_bytes}-byte limit; split the file "
                                          "or raise the limit with --max-bytes"))
        if not path.is_file():
            return RawInput(shown, None, ("unsupported_format", "not a regular file (a device, pipe or socket); remove it"))
        return RawInput(shown, path.read_bytes())
    except OSError as exc:
        return RawInput(shown, None, ("unreadable", f"the file cannot be read ({exc.strerror}); check its permissions"))
