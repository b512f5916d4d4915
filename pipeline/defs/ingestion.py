"""Ingestion assets: raw input files -> documents, their texts and rejections."""


import hashlib
from pathlib import Path

import dagster as dg

from pipeline.defs.resources import PipelineSettings
from pipeline.defs.tables import output
from pipeline.extract.registry import Registry, load_registry
from pipeline.ingest import documents as ingest
from pipeline.ingest.files import read_inputs

INGESTION_VERSION = "1.1.0"


@dg.observable_source_asset(group_name="ingestion", description="The input files of the seeds folder, versioned by their content.")
def source_documents(settings: PipelineSettings) -> dg.DataVersion:
    """Observed, not built: its data version is a hash of every input's path and bytes."""
    return dg.DataVersion(inputs_version(read_inputs(settings.seeds_path, settings.max_bytes)))


def inputs_version(inputs) -> str:
    digest = hashlib.sha256()
    for raw in inputs:
        digest.update(raw.source_file.encode("utf-8", "backslashreplace") + b"\0")
        digest.update(hashlib.sha256(raw.content or b"").digest() if raw.refusal is None else repr(raw.refusal).encode())
    return digest.hexdigest()[:24]


@dg.asset(group_name="ingestion", code_version=INGESTION_VERSION, compute_kind="python", deps=[source_documents])
def raw_documents(settings: PipelineSettings) -> dg.Output:
    """Every input file under the seeds folder, as bytes with its path."""
    inputs = read_inputs(settings.seeds_path, settings.max_bytes)
    return dg.Output(inputs, data_version=dg.DataVersion(inputs_version(inputs)), metadata={
        "dagster/row_count": dg.MetadataValue.int(len(inputs)),
        "seeds_dir": dg.MetadataValue.path(str(settings.seeds_path)),
        "total_bytes": dg.MetadataValue.int(sum(len(i.content or b"") for i in inputs)),
        "refused_before_reading": dg.MetadataValue.int(sum(i.refusal is not None for i in inputs)),
    })


@dg.multi_asset(
    group_name="ingestion",
    outs={
        "core_documents": dg.AssetOut(code_version=INGESTION_VERSION, description="Accepted documents (published as `documents`)."),
        "core_document_texts": dg.AssetOut(code_version=INGESTION_VERSION, description="Normalised body of each document (not published)."),
        "core_rejected_documents": dg.AssetOut(code_version=INGESTION_VERSION, description="Inputs that did not become documents, with the reason (published as `rejected_documents`)."),
    },
    compute_kind="python",
)
def core_documents(raw_documents, settings: PipelineSettings):
    documents, texts, rejected = ingest.ingestion_tables(raw_documents, settings.max_bytes)
    yield output("documents", documents, output_name="core_documents")
    yield output("document_texts", texts, output_name="core_document_texts")
    yield output("rejected_documents", rejected, output_name="core_rejected_documents")


@dg.observable_source_asset(group_name="ingestion", description="The reference registry file, versioned by its content.")
def source_entity_registry(settings: PipelineSettings) -> dg.DataVersion:
    """Observed, not built: its data version is the registry file's hash."""
    return dg.DataVersion(registry_version(Path(settings.reference_dir) / "entities.csv"))


def registry_version(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:24] if path.is_file() else "missing"


@dg.asset(group_name="ingestion", code_version=INGESTION_VERSION, compute_kind="python", deps=[source_entity_registry])
def raw_entity_registry(settings: PipelineSettings) -> dg.Output[Registry]:
    """The reference registry of known entities (seeds/reference/entities.csv)."""
    path = Path(settings.reference_dir) / "entities.csv"
    registry = load_registry(path)
    counts: dict[str, int] = {}
    for e in registry.entities.values():
        counts[e.entity_type] = counts.get(e.entity_type, 0) + 1
    return dg.Output(registry, data_version=dg.DataVersion(registry_version(path)), metadata={
        "dagster/row_count": dg.MetadataValue.int(len(registry.entities)),
        "by_type": dg.MetadataValue.json(counts),
        "surface_forms": dg.MetadataValue.int(len(registry.by_surface)),
    })
