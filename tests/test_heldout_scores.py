"""Regression guard: extraction quality on the annotated test set written for this project.

Builds tests/heldout/articles through the real pipeline and scores it with the shared scorer
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
FLOORS = {"quantities": 0.95, "entities": 0.93, "time_expressions": 0.95, "roles": 0.90}


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside the repository")
def test_heldout_set_scores_stay_above_their_floors(tmp_path):
    result = run_build(make_settings(HELDOUT / "articles", tmp_path / "dist"))
    assert result.success
    release = Path(result.output_for_node("out_release"))
    out = tmp_path / "scores.json"
    subprocess.run([sys.executable, str(SCORER), str(release), str(HELDOUT / "articles"), str(HELDOUT / "gold"),
                    "--json", str(out)], check=True, capture_output=True, timeout=300)
    scores = json.loads(out.read_text())
    assert scores["documents"]["found"] == scores["documents"]["documents"] == 24
    assert scores["documents"]["date_ok"] == 24
    for category, floor in FLOORS.items():
        assert scores[category]["f1"] >= floor, (category, scores[category])
