"""Extraction assets: one per fact table, each a thin call into `pipeline.extract.facts`."""


import dagster as dg

from pipeline.defs.tables import output
from pipeline.extract import entities as entities_module
from pipeline.extract import facts
from pipeline.extract import quantities as quantities_module
from pipeline.extract import roles as roles_module
from pipeline.extract import times as times_module


@dg.asset(group_name="extraction", code_version=quantities_module.VERSION, compute_kind="python")
def core_quantities(core_documents, core_document_texts) -> dg.Output:
    """Quantities with normalised value, unit, currency and qualifier (published as `quantities`)."""
    return output("quantities", facts.quantities(core_documents, core_document_texts))


@dg.asset(group_name="extraction", code_version=times_module.VERSION, compute_kind="python")
def core_time_expressions(core_documents, core_document_texts) -> dg.Output:
    """Time expressions resolved against each document's publication date (published as `time_expressions`)."""
    return output("time_expressions", facts.time_expressions(core_documents, core_document_texts))


@dg.multi_asset(
    group_name="extraction",
    outs={
        "core_entities": dg.AssetOut(code_version=entities_module.VERSION, description="Canonical entities mentioned in the corpus (published as `entities`)."),
        "core_entity_aliases": dg.AssetOut(code_version=entities_module.VERSION, description="Other names of each entity (published as `entity_aliases`)."),
        "core_mentions": dg.AssetOut(code_version=entities_module.VERSION, description="Every entity mention with its span (published as `mentions`)."),
    },
    compute_kind="python",
)
def core_entities(core_document_texts, raw_entity_registry):
    entities, aliases, mentions = facts.entity_tables(core_document_texts, raw_entity_registry)
    yield output("entities", entities, output_name="core_entities")
    yield output("entity_aliases", aliases, output_name="core_entity_aliases")
    yield output("mentions", mentions, output_name="core_mentions")


@dg.asset(group_name="extraction", code_version=roles_module.VERSION, compute_kind="python")
def core_roles(core_document_texts, core_mentions, core_entities) -> dg.Output:
    """People's roles linked to person and organisation entities (published as `roles`)."""
    return output("roles", facts.roles(core_document_texts, core_mentions, core_entities))
