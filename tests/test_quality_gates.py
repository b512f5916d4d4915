"""Quality gates block bad releases; lineage, data versions and provenance can be read back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import pandas as pd
import pytest

from conftest import make_seeds, make_settings, run_build
from pipeline.extract import entities as entities_module
from pipeline.extract import facts
from pipeline.extract import quantities as quantities_module
from pipeline.extract import roles as roles_module
from pipeline.extract import times as times_module


def _failed_checks(result) -> set[tuple[str, str]]:
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    return {(c.asset_key.to_user_string(), c.check_name) for c in evaluations if not c.passed}


def _nothing_published(dist: Path) -> bool:
    return not dist.exists() or not any(dist.iterdir())


def _wrap(name, change):
    real = getattr(facts, name)

    def wrapped(*args):
        return change(real(*args))

    return wrapped


def _bad_foreign_key(tables):
    entities, aliases, mentions = tables
    mentions.loc[0, "entity_id"] = "no-such-entity"
    return entities, aliases, mentions


def _unmentioned_entity(tables):
    entities, aliases, mentions = tables
    extra = entities.iloc[:1].copy()
    extra["entity_id"], extra["name"], extra["parent_entity_id"] = "orphan-entity", "Orphan Entity", None
    return pd.concat([entities, extra], ignore_index=True), aliases, mentions


def _currency_on_a_count(frame):
    frame.loc[0, "unit"], frame.loc[0, "currency"] = "count", "USD"
    return frame


def _dangling_parent(tables):
    entities, aliases, mentions = tables
    entities.loc[0, "parent_entity_id"] = "no-such-parent"
    return entities, aliases, mentions


def _dangling_role_organisation(frame):
    frame.loc[0, "organization_entity_id"] = "no-such-organisation"
    return frame


@pytest.mark.parametrize("function,change,expected", [
    ("quantities", _currency_on_a_count, {("core_quantities", "units_consistent")}),
    ("entity_tables", _dangling_parent, {("core_entities", "foreign_keys_resolve")}),
    ("roles", _dangling_role_organisation, {("core_roles", "foreign_keys_resolve")}),
    ("entity_tables", _bad_foreign_key, {("core_mentions", "foreign_keys_resolve")}),
    ("entity_tables", _unmentioned_entity, {("core_mentions", "every_entity_mentioned")}),
])
def test_each_blocking_check_stops_the_release(tmp_path, monkeypatch, function, change, expected):
    monkeypatch.setattr(facts, function, _wrap(function, change))
    result = run_build(make_settings(make_seeds(tmp_path), tmp_path / "dist"))
    assert not result.success
    assert _failed_checks(result) == expected
    assert _nothing_published(tmp_path / "dist")


def _duplicate_first(frame):
    return pd.concat([frame, frame.iloc[:1]], ignore_index=True)


@pytest.mark.parametrize("function,asset", [
    ("quantities", "core_quantities"), ("time_expressions", "core_time_expressions"), ("roles", "core_roles"),
])
def test_primary_key_check_blocks_even_without_the_schema_gate(tmp_path, monkeypatch, function, asset):
    """Pandera also rejects duplicate keys; with it out of the way the Dagster check still blocks."""
    from pipeline.defs import tables

    monkeypatch.setattr(tables, "validated", lambda table, frame: (frame, {}))
    monkeypatch.setattr(facts, function, _wrap(function, _duplicate_first))
    result = run_build(make_settings(make_seeds(tmp_path), tmp_path / "dist"))
    assert (asset, "primary_key_unique") in _failed_checks(result)
    assert _nothing_published(tmp_path / "dist")


def test_failed_expectation_suite_publishes_nothing(tmp_path, monkeypatch):
    import great_expectations.expectations as gxe

    from pipeline import expectations

    real = expectations.declared_expectations
    monkeypatch.setattr(expectations, "declared_expectations", lambda schema: real(schema) + (
        [gxe.ExpectTableRowCountToBeBetween(max_value=0)] if schema.name == "documents" else []))
    result = run_build(make_settings(make_seeds(tmp_path), tmp_path / "dist"))
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure and e.step_key == "out_release")
    assert "Great Expectations suite failed" in failure.event_specific_data.error.to_string()
    assert _nothing_published(tmp_path / "dist")


def test_validation_report_is_in_the_release(built):
    release = built["release"]
    package = json.loads((release / "datapackage.json").read_text())
    assert package["validation"]["success"] is True and package["validation"]["expectations_evaluated"] > 50
    assert package["validation"]["report"] == "validation/report.html"
    # one self-contained page instead of Great Expectations' Data Docs site (fonts, scripts, images)
    assert [p.name for p in (release / "validation").iterdir()] == ["report.html"]
    page = (release / "validation" / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    for external in ("<script", "<link", "src=", "@import", "url(", "http://", "https://"):
        assert external not in page, external
    from pipeline.metadata import published_tables
    for table in published_tables():
        assert f'<h2 id="{table.name}">' in page and f"china_ai_facts.{table.name}" in page
    evaluated = package["validation"]["expectations_evaluated"]
    assert f"<tr><th>expectations evaluated</th><td>{evaluated}</td></tr>" in page
    assert page.count('<tr class="passed">') == evaluated
    assert "expect_column_values_to_be_in_set" in page and "value_set = [" in page and "unexpected of" in page
    # the whole release stays small: data, descriptor, card, report and checksums
    assert sum(p.stat().st_size for p in release.rglob("*") if p.is_file()) < 1_000_000


def test_datapackage_records_provenance(built):
    release = built["release"]
    package = json.loads((release / "datapackage.json").read_text())
    pipeline = package["pipeline"]
    assert len(pipeline["git_commit"] or "") == 40
    assert pipeline["extractors"] == {
        "quantities": f"quantities/{quantities_module.VERSION}", "time_expressions": f"time_expressions/{times_module.VERSION}",
        "entities": f"entities/{entities_module.VERSION}", "roles": f"roles/{roles_module.VERSION}"}
    assert {"dagster", "pandas", "pyarrow", "pandera", "great-expectations"} <= set(pipeline["libraries"])
    docs = pd.read_parquet(release / "data" / "documents.parquet")
    assert {s["sha256"] for s in package["sources"]} == set(docs.sha256)
    assert all("title" in s for s in package["sources"])
    assert any(s.get("publisher") == "Xinhua" for s in package["sources"])
    for table, count in package["row_counts"].items():
        assert len(pd.read_parquet(release / "data" / f"{table}.parquet")) == count


def test_every_fact_row_names_its_extractor(built):
    data = built["release"] / "data"
    for table, module in (("quantities", quantities_module), ("time_expressions", times_module),
                          ("mentions", entities_module), ("entities", entities_module), ("roles", roles_module)):
        assert set(pd.read_parquet(data / f"{table}.parquet").extractor) == {f"{module.EXTRACTOR}/{module.VERSION}"}


def test_lineage_data_versions_and_metadata_read_back_through_dagster(tmp_path):
    seeds = make_seeds(tmp_path)
    home = tmp_path / "dagster_home"
    home.mkdir()
    with dg.DagsterInstance.from_config(str(home)) as instance:
        assert run_build(make_settings(seeds, tmp_path / "dist"), instance).success
        source = instance.get_latest_data_version_record(dg.AssetKey("source_documents"), is_source=True)
        source_version = source.event_log_entry.asset_observation.tags["dagster/data_version"]
        raw = instance.get_latest_materialization_event(dg.AssetKey("raw_documents")).asset_materialization
        assert raw.tags["dagster/data_version"] == source_version
        assert raw.tags["dagster/input_data_version/source_documents"] == source_version
        quantities = instance.get_latest_materialization_event(dg.AssetKey("core_quantities")).asset_materialization
        assert quantities.tags["dagster/code_version"] == quantities_module.VERSION
        documents = instance.get_latest_materialization_event(dg.AssetKey("core_documents")).asset_materialization
        assert quantities.tags["dagster/input_data_version/core_documents"] == documents.tags["dagster/data_version"]
        assert quantities.metadata["dagster/row_count"].value == len(
            pd.read_parquet(tmp_path / "dist" / "9.9.9" / "data" / "quantities.parquet"))
        assert set(quantities.metadata["null_counts"].value) >= {"currency", "unit_symbol"}
        assert "preview" in quantities.metadata

        # A changed document gives the source a new data version, and Dagster sees raw_documents as stale.
        doc = next((seeds / "documents").glob("t01_*.txt"))
        doc.write_text(doc.read_text() + "\nA new closing line.\n")
        defs = __import__("pipeline.definitions", fromlist=["x"]).build_definitions(make_settings(seeds, tmp_path / "dist"))
        defs.resolve_job_def("observe_sources").execute_in_process(instance=instance)
        newer = instance.get_latest_data_version_record(dg.AssetKey("source_documents"), is_source=True)
        assert newer.event_log_entry.asset_observation.tags["dagster/data_version"] != source_version
        # Dagster's own staleness resolver (the one behind the UI's "stale" badge; not yet public API).
        from dagster._core.definitions.data_version import StaleStatus
        from dagster._utils.test.data_versions import get_stale_status_resolver

        resolver = get_stale_status_resolver(instance, list(defs.assets))
        assert resolver.get_status(dg.AssetKey("raw_documents")) == StaleStatus.STALE
        assert resolver.get_status(dg.AssetKey("raw_entity_registry")) == StaleStatus.FRESH
