"""Fact tables: run the extractors over every document and add provenance.

Belongs here: one function per published fact table, named after the table,
taking the upstream tables it is built from. Each row carries its document,
character span, evidence sentence and the extractor's name and version.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import asdict

import pandas as pd

from pipeline.extract import entities as entities_module
from pipeline.extract import quantities as quantities_module
from pipeline.extract import roles as roles_module
from pipeline.extract import times as times_module
from pipeline.extract.entities import EntityFinder, Mention
from pipeline.extract.registry import Registry
from pipeline.metadata import table_schema
from pipeline.text import SentenceIndex


def extractor_label(module) -> str:
    return f"{module.EXTRACTOR}/{module.VERSION}"


def fact_id(table: str, document_id: str, char_start: int, char_end: int, *more: object) -> str:
    """A fact's identifier from what it is: its table, document and span (and, for roles, the person and the
    organisation). Never the extractor's version or the row order, so a rule bump or a new document leaves the
    ids of unchanged facts alone and users' joins survive from one release to the next.

    >>> fact_id("quantities", "doc-1", 10, 15) == fact_id("quantities", "doc-1", 10, 15)
    True
    """
    parts = (table, document_id, char_start, char_end, *more)
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def progress(documents: list) -> list:
    """Wraps the (document_id, body) list of each extraction pass; the command line swaps in a progress bar."""
    return documents


def _texts(document_texts: pd.DataFrame) -> list[tuple[str, str]]:
    return progress(list(zip(document_texts["document_id"], document_texts["body"])))


def _span_facts(table: str, module, id_column: str, document_texts: pd.DataFrame, extract) -> pd.DataFrame:
    """Rows of a span fact table: what `extract(document_id, body)` finds, with id, evidence and extractor."""
    label = extractor_label(module)
    rows = []
    for document_id, body in _texts(document_texts):
        index = SentenceIndex(body)
        for fact in extract(document_id, body):
            row = asdict(fact)
            evidence_start, evidence = index.evidence(fact.char_start, fact.char_end)
            row.update({id_column: fact_id(table, document_id, fact.char_start, fact.char_end)},
                       document_id=document_id, evidence_start=evidence_start, evidence=evidence,
                       extractor=label)
            rows.append(row)
    return _frame(table, rows)


def quantities(documents: pd.DataFrame, document_texts: pd.DataFrame) -> pd.DataFrame:
    return _span_facts("quantities", quantities_module, "quantity_id", document_texts,
                       lambda _, body: quantities_module.extract_quantities(body))


def time_expressions(documents: pd.DataFrame, document_texts: pd.DataFrame) -> pd.DataFrame:
    published = {d: (None if p is None or pd.isna(p) else p) for d, p in zip(documents["document_id"], documents["published_date"])}
    return _span_facts("time_expressions", times_module, "time_id", document_texts,
                       lambda document_id, body: times_module.extract_time_expressions(body, published.get(document_id)))


def entity_tables(document_texts: pd.DataFrame, registry: Registry) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The `entities`, `entity_aliases` and `mentions` tables, linked across the corpus."""
    label = extractor_label(entities_module)
    finder = EntityFinder(registry)
    mention_rows = []
    names: dict[str, str] = {}
    types: dict[str, Counter] = defaultdict(Counter)
    parents: dict[str, str | None] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    first_seen: dict[str, str] = {}
    for document_id, body in _texts(document_texts):
        index = SentenceIndex(body)
        for m in finder.find(body).mentions:
            key = m.key
            names[key] = registry.entities[key].name if key in registry.entities else max(
                [names.get(key, ""), m.name], key=lambda n: (len(n), n))
            types[key][m.entity_type] += 1
            parents.setdefault(key, m.parent_entity_id)
            surfaces[key].add(m.text)
            first_seen.setdefault(key, document_id)
            evidence_start, evidence = index.evidence(m.start, m.end)
            mention_rows.append(dict(
                mention_id=fact_id("mentions", document_id, m.start, m.end),
                document_id=document_id, entity_id=key, text=m.text,
                char_start=m.start, char_end=m.end,
                evidence_start=evidence_start, evidence=evidence, extractor=label,
            ))
    # Only mentioned entities are published; a parent link points at the nearest ancestor that is published too.
    def published_parent(key: str) -> str | None:
        parent = registry.entities[key].parent_entity_id if key in registry.entities else parents.get(key)
        while parent is not None and parent not in names:
            parent = registry.entities[parent].parent_entity_id if parent in registry.entities else None
        return parent

    entity_rows, alias_rows = [], []
    for key in names:
        known = registry.entities.get(key)
        if known:
            entity_rows.append(dict(entity_id=key, name=known.name, entity_type=known.entity_type,
                                    parent_entity_id=published_parent(key), source=known.source, extractor=label))
            aliases = set(known.aliases) | surfaces.get(key, set())
            name = known.name
        else:
            entity_rows.append(dict(entity_id=key, name=names[key], entity_type=types[key].most_common(1)[0][0],
                                    parent_entity_id=published_parent(key),
                                    source=f"discovered in document {first_seen[key]}", extractor=label))
            aliases = surfaces[key]
            name = names[key]
        alias_rows += [dict(entity_id=key, alias=a) for a in sorted(aliases) if a != name]
    entities = _frame("entities", entity_rows).sort_values("entity_id", kind="stable")
    aliases = _frame("entity_aliases", alias_rows).drop_duplicates().sort_values(["entity_id", "alias"], kind="stable")
    return (entities.reset_index(drop=True), aliases.reset_index(drop=True), _frame("mentions", mention_rows))


def roles(document_texts: pd.DataFrame, mentions: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    label = extractor_label(roles_module)
    entity_type = dict(zip(entities["entity_id"], entities["entity_type"]))
    by_document = {doc: group for doc, group in mentions.groupby("document_id", sort=False)}
    rows = []
    for document_id, body in _texts(document_texts):
        group = by_document.get(document_id)
        if group is None:
            continue
        doc_mentions = [
            Mention(int(r.char_start), int(r.char_end), r.text, r.entity_id, r.text, entity_type[r.entity_id])
            for r in group.itertuples()
        ]
        index = SentenceIndex(body)
        for role in roles_module.extract_roles(body, doc_mentions, index):
            evidence_start, evidence = index.evidence(role.char_start, role.char_end)
            rows.append(dict(
                role_id=fact_id("roles", document_id, role.char_start, role.char_end, role.person_key,
                                role.organization_key),
                document_id=document_id, person_entity_id=role.person_key, title=role.title,
                organization_entity_id=role.organization_key, char_start=role.char_start,
                char_end=role.char_end, evidence_start=evidence_start, evidence=evidence, extractor=label,
            ))
    return _frame("roles", rows)


def _frame(table: str, rows: list[dict]) -> pd.DataFrame:
    schema = table_schema(table)
    if not rows:
        return schema.empty_frame()
    return schema.conform(pd.DataFrame(rows))
