"""Blocking asset checks: the cross-table rules of `pipeline.checks`, one Dagster check each.

Key, foreign-key and span rules come from each table's declaration in
schemas/; the value rules are listed in RULES. A failed check stops the
release asset in the same run, so nothing that breaks a rule is published.
"""

from collections.abc import Callable
from dataclasses import dataclass

import dagster as dg
import pandas as pd

from pipeline import checks
from pipeline.metadata import load_schemas

SAMPLE_ROWS = 10
TABLES = list(load_schemas())


def asset_of(table: str) -> str:
    return f"core_{table}"


@dataclass(frozen=True)
class Rule:
    """One check: the tables it reads (the checked table first) and the function that returns failing rows."""

    table: str
    name: str
    description: str
    reads: tuple[str, ...]
    failing: Callable[..., pd.DataFrame]


def _declared_rules() -> list[Rule]:
    rules = []
    for name, schema in load_schemas().items():
        rules.append(Rule(name, "primary_key_unique", f"{', '.join(schema.primary_key)} is unique and never null.",
                          (name,), lambda frame, schema=schema: checks.primary_key_violations(frame, schema)))
        if schema.foreign_keys:
            targets = tuple(dict.fromkeys(fk.resource for fk in schema.foreign_keys if fk.resource != name))
            rules.append(Rule(
                name, "foreign_keys_resolve", "Every foreign key declared in schemas/ points at an existing row.",
                (name, *targets),
                lambda frame, *others, schema=schema, targets=targets: checks.foreign_key_violations(
                    frame, schema, {schema.name: frame, **dict(zip(targets, others))})))
        if "char_start" in schema.field_names:
            rules.append(Rule(name, "spans_match_text",
                              "text equals the normalised body at [char_start, char_end) and lies inside its evidence sentence.",
                              (name, "document_texts"), checks.span_violations))
    return rules


RULES = _declared_rules() + [
    Rule("time_expressions", "dates_plausible",
         f"start <= end, within {checks.YEARS_BEFORE_PUBLICATION} years before and {checks.YEARS_AFTER_PUBLICATION} "
         "years after the publication date.", ("time_expressions", "documents"), checks.date_violations),
    Rule("quantities", "values_in_range",
         "Fractions within 0..1, percentages not below -100, money with a valid ISO 4217 code and nothing else with one.",
         ("quantities",), checks.value_violations),
    # Checked on mentions (which already read entities): a check on entities reading mentions would be a cycle.
    Rule("mentions", "every_entity_mentioned", "Every published entity is named by at least one mention.",
         ("mentions", "entities"), lambda mentions, entities: checks.unmentioned_entities(entities, mentions)),
]


def _result(rule: Rule, failing: pd.DataFrame, total: int) -> dg.AssetCheckResult:
    metadata = {"failing_rows": dg.MetadataValue.int(len(failing)), "checked_rows": dg.MetadataValue.int(total)}
    if len(failing):
        metadata["failing_sample"] = dg.MetadataValue.md(failing.head(SAMPLE_ROWS).astype(str).to_markdown(index=False))
    return dg.AssetCheckResult(asset_key=asset_of(rule.table), check_name=rule.name, passed=failing.empty,
                               severity=dg.AssetCheckSeverity.ERROR, metadata=metadata)


def table_checks(name: str) -> dg.AssetChecksDefinition:
    """The blocking checks of one table, reading only the tables its rules need."""
    rules = [r for r in RULES if r.table == name]
    needs = sorted({asset_of(t) for r in rules for t in r.reads})
    extra = [a for a in needs if a != asset_of(name)]

    @dg.multi_asset_check(
        specs=[dg.AssetCheckSpec(r.name, asset=asset_of(name), blocking=True, description=r.description,
                                 additional_deps=extra) for r in rules],
        ins={asset: dg.AssetIn(asset) for asset in needs},
        name=f"{name}_integrity",
        description=f"Blocking rules of table {name!r}.",
    )
    def _check(**inputs):
        for rule in rules:
            frames = [inputs[asset_of(t)] for t in rule.reads]
            yield _result(rule, rule.failing(*frames), len(frames[0]))

    return _check


ALL_CHECKS = [table_checks(name) for name in TABLES]
