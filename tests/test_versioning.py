"""The version scheme (pipeline/versioning.py): which names are releases, how they sort, and that the
package, pyproject and release writer all follow it."""

from __future__ import annotations

import doctest
import tomllib
from pathlib import Path

import pytest

import pipeline
from pipeline import versioning
from pipeline.release import write_release
from pipeline.versioning import dev_build_name, is_dev_build, parse, precedence, version_problem

ROOT = Path(__file__).resolve().parents[1]


def test_docstring_examples_hold():
    failures, tried = doctest.testmod(versioning)
    assert tried >= 6 and failures == 0


@pytest.mark.parametrize("name", ["0.1.0", "1.0.0", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha", "2.0.0-0.3.7",
                                  "1.0.0-x-y.7"])
def test_semantic_versions_name_releases(name):
    assert parse(name) is not None and version_problem(name) is None


@pytest.mark.parametrize("name", ["latest", "v1.0.0", "1.0", "1.0.0.0", "01.0.0", "1.0.0-01", "1.0.0-",
                                  "../1.0.0", "1.0.0+local", "0.1.0.dev+3f9c2a1b", ".1.0.0", "", "1" * 70 + ".0.0"])
def test_other_names_are_refused_with_the_scheme_named(name):
    problem = version_problem(name)
    assert problem and "version" in problem and ("0.2.0" in problem)


def test_semver_precedence():
    names = ["1.0.0", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
             "1.0.0-beta.2", "1.0.0-beta.11", "0.10.0", "0.9.0", "2.0.0"]
    ordered = sorted(names, key=lambda n: precedence(parse(n)))
    # The order semver.org section 11 gives, with 0.x and 2.0.0 around it.
    assert ordered == ["0.9.0", "0.10.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta",
                       "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "2.0.0"]


def test_dev_build_names_follow_from_the_version_they_lead_to():
    name = dev_build_name("0.2.0", "3f9c2a1b" + "0" * 56)
    assert name == "0.2.0.dev+3f9c2a1b" and is_dev_build(name) and parse(name) is None
    assert not is_dev_build("0.2.0") and not is_dev_build("0.2.0.dev+3F9C2A1B")
    assert version_problem("0.2.0", numbered=False) is None
    assert "+" in version_problem("0.2.0+x", numbered=False)


def test_the_package_version_follows_the_scheme():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert declared == pipeline.__version__ and version_problem(declared) is None


def test_the_release_writer_refuses_a_name_outside_the_scheme(tmp_path):
    with pytest.raises(ValueError, match="Semantic Versioning"):
        write_release({}, tmp_path / "dist", "v1")
    assert not (tmp_path / "dist").exists()
