"""Blocking asset checks: the cross-table rules of `pipeline.checks`, one Dagster check each.

Key, foreign-key and span rules come from each table's declaration in
schemas/; the other structural rules are listed in RULES. A failed check stops
the release asset in the same run, so nothing that breaks a rule is published.
Content plausibility is not checked here: odd rows are quarantined
(`pipeline.defs.quarantine`).
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
    Rule("quantities", "units_consistent",
         "Every value is a finite number; money has a currency code and nothing else has one.",
         ("quantities",), checks.unit_violations),
    # Checked on mentions (which already read entities): a check on entities reading mentions would be a cycle.
    Rule("mentions", "every_entity_mentioned", "Every published entity is named by at least one mention.",
         ("mentions", "entities"), lambda mentions, entities: checks.unmentioned_entities(entities, mentions)),
]


# The columns that say which row failed and with what (document, text, value), in this order when present.
SAMPLE_COLUMNS = ("document_id", "text", "value", "unit", "currency", "start_date", "end_date", "char_start",
                  "char_end", "entity_id", "person_entity_id", "organization_entity_id", "parent_entity_id")


def _sample(failing: pd.DataFrame) -> str:
    """The first failing rows as a table a person reads on the terminal: the row's id and what failed."""
    columns = [failing.columns[0]] + [c for c in SAMPLE_COLUMNS if c in failing.columns and c != failing.columns[0]]
    sample = failing.head(SAMPLE_ROWS)[columns].astype(str)
    return sample.apply(lambda col: col.str.slice(0, 60)).to_markdown(index=False)


def _result(rule: Rule, failing: pd.DataFrame, total: int) -> dg.AssetCheckResult:
    metadata = {"failing_rows": dg.MetadataValue.int(len(failing)), "checked_rows": dg.MetadataValue.int(total)}
    if len(failing):
        metadata["failing_sample"] = dg.MetadataValue.md(_sample(failing))
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
