"""One odd fact never stops a release: plausibility rules quarantine rows; only a broken extractor blocks."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import make_seeds, make_settings, run_build
from pipeline import quarantine
from pipeline.extract import facts

ODD_NEWS = """ date 2025-06-10 Hospital group bets on AI triage

SHANGHAI, June 10 -- Founded in 1907, the Lakeside Hospital Group now runs 14 clinics and aims to reach carbon
neutrality by 2060, its president said on Tuesday.

Outpatient visits fell 12 percent last year, a negative growth rate of -12 percent, while the number of tokens its
models processed passed 1 quintillion. The group paid \u20bf5 million for a data platform and 3 million yuan for
servers.
"""


def _failed_checks(result) -> set[tuple[str, str]]:
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    return {(c.asset_key.to_user_string(), c.check_name) for c in evaluations if not c.passed}


def _odd_seeds(root: Path) -> Path:
    seeds = make_seeds(root)
    (seeds / "documents" / "odd.txt").write_text(ODD_NEWS, encoding="utf-8")
    return seeds


def _read(release: Path, table: str) -> pd.DataFrame:
    return duckdb.connect().execute(f"select * from read_parquet('{release / 'data' / (table + '.parquet')}')").df()


def test_odd_but_true_facts_build_and_every_row_is_accounted_for(tmp_path):
    result = run_build(make_settings(_odd_seeds(tmp_path), tmp_path / "dist"))
    assert result.success, _failed_checks(result)
    release = Path(result.output_for_node("out_release"))
    times, quantities = _read(release, "time_expressions"), _read(release, "quantities")
    held = _read(release, "quarantined_facts")
    # The 1907 founding date and the 2060 target are ordinary news: published, not quarantined.
    starts = set(times["start_date"].astype(str))
    assert {"1907-01-01", "2060-01-01"} <= starts
    # The unknown currency sign is not money without a code: it is a measure, or quarantined; never lost.
    assert quantities["text"].str.contains("5 million").any() or held["text"].str.contains("5 million").any()
    # A negative growth rate and "1 quintillion" are plausible values.
    assert -12.0 in set(quantities.loc[quantities["unit"] == "percent", "value"])
    assert 1e18 in set(quantities["value"])
    # Every extracted row is either published or quarantined, never both and never lost.
    for table, key in (("time_expressions", "time_id"), ("quantities", "quantity_id")):
        extracted = result.output_for_node("core_" + table)
        published = set(_read(release, table)[key])
        withheld = set(held.loc[held["table"] == table, "fact_id"])
        assert published | withheld == set(extracted[key]) and not published & withheld


def _date_in_500(frame):
    frame.loc[0, "start_date"] = frame.loc[0, "end_date"] = date(500, 1, 1)
    return frame


def _percent_below_minus_100(frame):
    frame.loc[0, "unit"], frame.loc[0, "value"], frame.loc[0, "currency"] = "percent", -150.0, None
    return frame


def _unknown_currency(frame):
    frame.loc[0, "unit"], frame.loc[0, "currency"] = "currency", "XYZ"
    return frame


def _fraction_above_one(frame):
    frame.loc[0, "unit"], frame.loc[0, "value"], frame.loc[0, "currency"] = "fraction", 1.5, None
    return frame


def _end_before_start(frame):
    frame.loc[0, "end_date"] = frame.loc[0, "start_date"] - timedelta(days=3)
    return frame


def _wrap(name, change):
    real = getattr(facts, name)
    return lambda *args: change(real(*args))


@pytest.mark.parametrize("function,change,rule", [
    ("time_expressions", _date_in_500, "dates_plausible"),
    ("time_expressions", _end_before_start, "dates_plausible"),
    ("quantities", _percent_below_minus_100, "values_plausible"),
    ("quantities", _unknown_currency, "values_plausible"),
    ("quantities", _fraction_above_one, "values_plausible"),
])
def test_one_implausible_row_is_quarantined_and_the_release_goes_on(tmp_path, monkeypatch, function, change, rule):
    monkeypatch.setattr(facts, function, _wrap(function, change))
    result = run_build(make_settings(make_seeds(tmp_path), tmp_path / "dist"))
    assert result.success, _failed_checks(result)
    release = Path(result.output_for_node("out_release"))
    held = _read(release, "quarantined_facts")
    key = {"time_expressions": "time_id", "quantities": "quantity_id"}[function]
    odd = result.output_for_node("core_" + function)[key].iloc[0]
    assert held.loc[held["fact_id"] == odd, "rule"].tolist() == [rule]
    assert held.loc[held["fact_id"] == odd, "reason"].str.len().iloc[0] > 10
    assert odd not in set(_read(release, function)[key])


def _shift_500_years(frame):
    frame["start_date"] = frame["start_date"].map(lambda d: d.replace(year=d.year + 500, day=min(d.day, 28)))
    frame["end_date"] = frame["end_date"].map(lambda d: d.replace(year=d.year + 500, day=min(d.day, 28)))
    return frame


def test_a_broken_extractor_trips_the_share_limit_and_nothing_is_published(tmp_path, monkeypatch):
    monkeypatch.setattr(facts, "time_expressions", _wrap("time_expressions", _shift_500_years))
    result = run_build(make_settings(make_seeds(tmp_path), tmp_path / "dist"))
    assert not result.success
    assert _failed_checks(result) == {("core_quarantined_facts", "quarantine_within_limit")}
    assert not (tmp_path / "dist").exists() or not any((tmp_path / "dist").iterdir())


def test_share_limit_is_declared_once_and_overridable(tmp_path, monkeypatch):
    monkeypatch.setattr(facts, "time_expressions", _wrap("time_expressions", _shift_500_years))
    settings = make_settings(make_seeds(tmp_path), tmp_path / "dist")
    from dataclasses import replace
    result = run_build(replace(settings, max_quarantine_share=1.0))
    assert result.success
    release = Path(result.output_for_node("out_release"))
    assert len(_read(release, "time_expressions")) == 0
    assert (_read(release, "quarantined_facts")["table"] == "time_expressions").sum() > 10


def test_limit_counts_a_share_with_a_grace_for_small_tables():
    assert quarantine.limit_of(10_000) == 200
    assert quarantine.limit_of(10) == quarantine.GRACE_ROWS
    held = pd.DataFrame({"table": ["quantities"] * 3, "rule": ["values_plausible"] * 3})
    tables = {"quantities": pd.DataFrame(index=range(100)), "time_expressions": pd.DataFrame(index=range(5))}
    over = quarantine.share_violations(tables, held)
    assert over["table"].tolist() == ["quantities"] and over["quarantined"].tolist() == [3]


def test_training_compute_figures_pass_and_a_runaway_scale_is_withheld():
    from pipeline.quarantine import _value_reasons

    frame = pd.DataFrame({"value": [1e26, 1e31], "unit": ["other", "count"], "currency": [None, None]})
    reasons = _value_reasons(frame, None)
    assert reasons[0] is None  # "10^26 FLOPs", the compute threshold AI rules name
    assert "beyond any figure" in reasons[1]
