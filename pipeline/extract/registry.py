"""The reference registry of known entities (`seeds/reference/entities.csv`).

Belongs here: reading and checking the registry file, and the surface-form
index that entity linking looks names up in.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

ENTITY_TYPES = ("organization", "ai_model", "product", "person")
REGISTRY_COLUMNS = ["entity_id", "name", "entity_type", "parent_entity_id", "aliases", "source"]
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class RegistryError(ValueError):
    """The registry file breaks a rule; the message names the row and the fix."""


@dataclass(frozen=True)
class RegistryEntity:
    entity_id: str
    name: str
    entity_type: str
    parent_entity_id: str | None
    aliases: tuple[str, ...]
    source: str

    @property
    def surface_forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Registry:
    entities: dict[str, RegistryEntity]
    by_surface: dict[str, str]  # surface form -> entity_id

    def lookup(self, surface: str) -> RegistryEntity | None:
        entity_id = self.by_surface.get(surface)
        return self.entities[entity_id] if entity_id else None


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "entity"


def load_registry(path: Path) -> Registry:
    """Read and check the registry; every problem is reported with its line number."""
    if not path.is_file():
        raise RegistryError(f"{path}: registry file not found; the pipeline needs seeds/reference/entities.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != REGISTRY_COLUMNS:
            raise RegistryError(f"{path}: header must be {','.join(REGISTRY_COLUMNS)}; found {reader.fieldnames}")
        rows = list(reader)
    entities: dict[str, RegistryEntity] = {}
    by_surface: dict[str, str] = {}
    problems: list[str] = []
    for line, row in enumerate(rows, start=2):
        entity_id = row["entity_id"].strip()
        if not _SLUG.match(entity_id):
            problems.append(f"line {line}: entity_id {entity_id!r} is not a lowercase slug; use letters, digits and '-'")
            continue
        if entity_id in entities:
            problems.append(f"line {line}: entity_id {entity_id!r} is used twice; give each entity one row")
            continue
        if row["entity_type"] not in ENTITY_TYPES:
            problems.append(f"line {line}: entity_type {row['entity_type']!r} must be one of {', '.join(ENTITY_TYPES)}")
            continue
        if not row["source"].strip():
            problems.append(f"line {line}: {entity_id} has no source; say which document or public reference names it")
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        entity = RegistryEntity(entity_id, row["name"].strip(), row["entity_type"],
                                row["parent_entity_id"].strip() or None, aliases, row["source"].strip())
        entities[entity_id] = entity
        for surface in entity.surface_forms:
            other = by_surface.get(surface)
            if other and other != entity_id:
                problems.append(f"line {line}: surface form {surface!r} is used by {other} and {entity_id}; "
                                "keep it on one entity")
            by_surface[surface] = entity_id
    for entity in entities.values():
        if entity.parent_entity_id and entity.parent_entity_id not in entities:
            problems.append(f"{entity.entity_id}: parent {entity.parent_entity_id!r} has no row; add it or clear the parent")
        seen, parent = {entity.entity_id}, entity.parent_entity_id
        while parent in entities:
            if parent in seen:
                problems.append(f"{entity.entity_id}: its parents loop back through {parent!r}; break the cycle")
                break
            seen.add(parent)
            parent = entities[parent].parent_entity_id
    if problems:
        raise RegistryError(f"{path}: " + "; ".join(problems))
    return Registry(entities, by_surface)
