"""Find the input files of a seeds folder safely: no path may lead outside it, and none is skipped silently.

A folder or file that cannot be read becomes an input refused as `unreadable`, so it is listed in
`rejected_documents` with the fix; only an unreadable seeds folder itself stops the build.
"""

from __future__ import annotations

import errno
import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from pipeline.ingest.clean import escape_invisible


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
    """The path relative to the seeds folder, printable and on one line whatever bytes the name holds.

    Bytes that are not UTF-8 show as "\\xe9", invisible characters as "\\u000a" (a line feed) or
    "\\u200b"; backslashes are doubled first, so an escape never equals a name that spells it out, and
    two files never share a path. e.g. the file "a<LF>b.txt" shows as "a\\u000ab.txt".
    """
    rel = os.fsencode(os.path.relpath(path, seeds_dir).replace(os.sep, "/"))
    shown = rel.replace(b"\\", b"\\\\").decode("utf-8", errors="backslashreplace")
    return escape_invisible(shown)


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
    unreadable: list[OSError] = []  # os.walk skips a folder it cannot list unless told
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False, onerror=unreadable.append):
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
    for error in unreadable:
        if error.filename is not None and Path(error.filename) == folder:
            raise _seeds_folder_unreadable(folder, error)
        inputs.append(_unreadable_folder(Path(error.filename or folder), seeds_dir, error))
    return sorted(inputs, key=lambda i: i.source_file)


def _seeds_folder_unreadable(folder: Path, error: OSError) -> OSError:
    """The error that stops a build whose documents folder itself cannot be listed: nothing could be read."""
    return type(error)(error.errno, f"the seeds folder {folder} cannot be read ({error.strerror}); let the user "
                       f"who runs the build read it, e.g. chmod -R u+rX {shlex.quote(str(folder))}")


def _unreadable_folder(path: Path, seeds_dir: Path, error: OSError) -> RawInput:
    """A folder that cannot be listed, refused as `unreadable`: its files are missing, and the message says so.

    e.g. documents/locked: "the folder cannot be read (Permission denied), so none of its files are in this
    build; let the user who runs the build read it, e.g. chmod -R u+rX documents/locked in the seeds folder"
    """
    shown = display_path(path, seeds_dir)
    return RawInput(shown, None, ("unreadable", f"the folder cannot be read ({error.strerror}), so none of its "
                                  f"files are in this build; {_fix_for(error, shown, folder=True)}"))


def _fix_for(error: OSError, shown: str, folder: bool) -> str:
    """What to do about an OSError on reading `shown` (a path relative to the seeds folder)."""
    if error.errno in (errno.EACCES, errno.EPERM):
        command = f"chmod -R u+rX {shlex.quote(shown)}" if folder else f"chmod u+r {shlex.quote(shown)}"
        return f"let the user who runs the build read it, e.g. {command} in the seeds folder"
    return "check the disk, or copy the " + ("folder" if folder else "file") + " in again"


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
        return RawInput(shown, None, ("unreadable", f"the file cannot be read ({exc.strerror}); "
                                      f"{_fix_for(exc, shown, folder=False)}"))
