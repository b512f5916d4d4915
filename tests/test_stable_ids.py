"""Fact ids come from what a fact is (table, document, span; roles also person and organisation), so a rule
version bump or a new document leaves the ids of unchanged facts alone."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from conftest import make_seeds, make_settings, run_build
from pipeline.extract import quantities as quantities_module
from pipeline.extract import roles as roles_module
from pipeline.extract import times as times_module

ID_COLUMNS = {"quantities": "quantity_id", "time_expressions": "time_id", "mentions": "mention_id",
              "roles": "role_id"}
NEW_DOCUMENT = """ date 2025-04-02 Harbour Robotics raises funds

SHENZHEN, April 2 -- Harbour Robotics said on Wednesday it raised 300 million yuan. "Sales will rise 40 percent in 2025," said Lin Qiao, chief executive of Harbour Robotics.
"""


def _ids(release: Path) -> dict[str, pd.DataFrame]:
    return {table: pd.read_parquet(release / "data" / f"{table}.parquet") for table in ID_COLUMNS}


def _build(tmp_path: Path, seeds: Path, name: str) -> dict[str, pd.DataFrame]:
    result = run_build(make_settings(seeds, tmp_path / name / "dist"))
    assert result.success
    return _ids(Path(result.output_for_node("out_release")))


def test_a_rule_version_bump_keeps_every_id(tmp_path, monkeypatch):
    seeds = make_seeds(tmp_path)
    before = _build(tmp_path, seeds, "a")
    for module in (quantities_module, times_module, roles_module):
        monkeypatch.setattr(module, "VERSION", "99.0.0")
    after = _build(tmp_path, seeds, "b")
    for table, column in ID_COLUMNS.items():
        assert len(before[table]) > 0
        assert list(before[table][column]) == list(after[table][column]), table
    assert set(after["quantities"]["extractor"]) == {"quantities/99.0.0"}  # the rule set still shows per row


def test_a_new_document_leaves_the_other_ids_alone(tmp_path):
    seeds = make_seeds(tmp_path)
    before = _build(tmp_path, seeds, "a")
    (seeds / "documents" / "zz_new.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
    after = _build(tmp_path, seeds, "b")
    for table, column in ID_COLUMNS.items():
        old, new = set(before[table][column]), set(after[table][column])
        assert old <= new, table
        added = after[table][~after[table][column].isin(old)]
        assert len(added) and added["document_id"].nunique() == 1, table
