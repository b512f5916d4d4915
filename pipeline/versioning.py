"""The dataset's version scheme, declared once: what a release may be called and how versions sort.

Belongs here: parsing, checking and ordering release names. Everything else (the CLI, the release
writer, the changelog's choice of the previous release, `dist/latest`) asks this module.

Numbered releases follow Semantic Versioning 2.0.0 (https://semver.org), applied to the data:

- MAJOR.MINOR.PATCH, optionally with a pre-release label: `1.4.0`, `2.0.0-rc.1`.
- MAJOR goes up when a published table or column is removed or renamed, or a column's type or
  meaning changes: a user's query may break.
- MINOR goes up when tables, columns or facts are added, or an extractor gains rules: queries keep
  working and return more.
- PATCH goes up for corrections: wrong values fixed, metadata and documentation.
- Build metadata (`+...`) is not used in a numbered release's name: the `+` is reserved for
  development builds, so the two kinds of folder can never be confused.

A numbered release folder, DIST/VERSION, is immutable: writing a version that exists with other
content is refused. A development build is DIST/VERSION.dev+DIGEST, the version it leads to, then
`.dev+` and the first 8 hex digits of its content digest (e.g. `0.2.0.dev+3f9c2a1b`).

Precedence is SemVer's: numeric parts compare as numbers (0.10.0 > 0.9.0) and a pre-release sorts
before its release (1.0.0-rc.1 < 1.0.0).
"""

from __future__ import annotations

import re
from typing import NamedTuple

DEV_SUFFIX = ".dev"
DIGEST_LENGTH = 8

_IDENT = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
# SemVer 2.0.0 without build metadata, e.g. "1.4.0" or "2.0.0-rc.1".
RELEASE_VERSION = re.compile(
    rf"(?P<major>0|[1-9][0-9]*)\.(?P<minor>0|[1-9][0-9]*)\.(?P<patch>0|[1-9][0-9]*)"
    rf"(?:-(?P<pre>{_IDENT}(?:\.{_IDENT})*))?"
)
# VERSION.dev+<8 hex digits>: a development build's folder, never a numbered release's.
DEV_BUILD_NAME = re.compile(rf"(?P<base>{RELEASE_VERSION.pattern}){re.escape(DEV_SUFFIX)}\+(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})")
MAX_LENGTH = 64


class Version(NamedTuple):
    """A parsed release version; compare with `precedence()`, not with tuple order."""

    major: int
    minor: int
    patch: int
    pre: tuple[str, ...]


def parse(name: str) -> Version | None:
    """The version a release name states, None when it is not one.

    >>> parse("2.0.0-rc.1")
    Version(major=2, minor=0, patch=0, pre=('rc', '1'))
    >>> parse("v1.0") is None
    True
    """
    match = RELEASE_VERSION.fullmatch(name) if len(name) <= MAX_LENGTH else None
    if match is None:
        return None
    pre = tuple(match["pre"].split(".")) if match["pre"] else ()
    return Version(int(match["major"]), int(match["minor"]), int(match["patch"]), pre)


def precedence(version: Version) -> tuple:
    """A sort key that orders versions by SemVer precedence.

    >>> sorted(["1.0.0", "0.10.0", "1.0.0-rc.1", "0.9.0"], key=lambda n: precedence(parse(n)))
    ['0.9.0', '0.10.0', '1.0.0-rc.1', '1.0.0']
    """
    # A release outranks its pre-releases; numeric identifiers sort below alphanumeric ones.
    pre = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in version.pre)
    return version.major, version.minor, version.patch, 0 if version.pre else 1, pre


def version_problem(version: str, numbered: bool = True) -> str | None:
    """Why `version` cannot name a release (None when it can).

    `numbered=False` checks the version a development build leads to, which follows the same scheme.

    >>> version_problem("1.2.0") is None
    True
    >>> version_problem("latest").startswith("version 'latest' is not a release version")
    True
    """
    if DEV_BUILD_NAME.fullmatch(version):
        return (f"version {version!r} has the form of a development build (VERSION.dev+DIGEST); "
                "give a plain version such as 0.2.0")
    if "+" in version:
        what = "a development build adds its own (.dev+DIGEST)" if not numbered else \
            "'+' is reserved for development builds"
        return f"version {version!r} has a '+' label, and {what}; give a plain version such as 0.2.0"
    if parse(version) is None:
        return (f"version {version!r} is not a release version; releases use Semantic Versioning, "
                "MAJOR.MINOR.PATCH with an optional -PRERELEASE (e.g. 0.2.0 or 1.0.0-rc.1; "
                "see pipeline/versioning.py)")
    return None


def dev_build_name(version: str, digest: str) -> str:
    """The folder of a development build leading to `version` whose content digest is `digest`.

    >>> dev_build_name("0.2.0", "3f9c2a1b77e0")
    '0.2.0.dev+3f9c2a1b'
    """
    return f"{version}{DEV_SUFFIX}+{digest[:DIGEST_LENGTH]}"


def is_dev_build(name: str) -> bool:
    """Whether a folder name is a development build's.

    >>> is_dev_build("0.2.0.dev+3f9c2a1b"), is_dev_build("0.2.0")
    (True, False)
    """
    return DEV_BUILD_NAME.fullmatch(name) is not None
