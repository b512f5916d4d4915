"""Regression guard: extraction quality on the annotated test sets written for this project.

Builds tests/heldout/articles and tests/newsstyle/articles (a set in the style of real news, written blind to
the rules, with an old founding date that must not block a build) through the real pipeline and scores each
with the shared scorer
(../shared/eval/score.py, present beside the repository in development and CI). The floors sit
below the measured figures so that a rule change that breaks a pattern fails here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, make_settings, run_build

SCORER = REPO.parent / "shared" / "eval" / "score.py"
HELDOUT = REPO / "tests" / "heldout"
NEWSSTYLE = REPO / "tests" / "newsstyle"
FLOORS = {"quantities": 0.95, "entities": 0.93, "time_expressions": 0.95, "roles": 0.90}


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repository")
@pytest.mark.parametrize("folder,documents", [(HELDOUT, 24), (NEWSSTYLE, 14)], ids=["heldout", "newsstyle"])
def test_test_set_scores_stay_above_their_floors(tmp_path, folder, documents):
    result = run_build(make_settings(folder / "articles", tmp_path / "dist"))
    assert result.success
    release = Path(result.output_for_node("out_release"))
    out = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SCORER), str(release), str(folder / "articles"), str(folder / "gold"),
                    "--json", str(out)], check=True, capture_output=True, timeout=300)
    scores = json.loads(out.read_text())
    assert scores["documents"]["found"] == scores["documents"]["documents"] == documents
    assert scores["documents"]["date_ok"] == documents
    for category, floor in FLOORS.items():
        assert scores[category]["f1"] >= floor, (category, scores[category])
