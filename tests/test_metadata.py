"""Every schema is derived from one declaration per table in schemas/."""

import pyarrow as pa
import pytest

from pipeline.metadata import SchemaDeclarationError, _parse, load_schemas, published_tables

CONTRACT = {
    "documents": ["document_id", "source_file", "title", "published_date", "publisher", "url", "language", "word_count", "sha256"],
    "quantities": ["quantity_id", "document_id", "text", "value", "unit", "currency", "unit_symbol", "qualifier", "subject", "char_start", "char_end", "evidence", "extractor"],
    "entities": ["entity_id", "name", "entity_type", "parent_entity_id"],
    "entity_aliases": ["entity_id", "alias"],
    "mentions": ["mention_id", "document_id", "entity_id", "text", "char_start", "char_end"],
    "time_expressions": ["time_id", "document_id", "text", "start_date", "end_date", "granularity", "char_start", "char_end", "evidence"],
    "roles": ["role_id", "document_id", "person_entity_id", "title", "organization_entity_id", "char_start", "char_end", "evidence"],
}


def test_published_tables_hold_the_contract_columns():
    tables = {t.name: t for t in published_tables()}
    for name, columns in CONTRACT.items():
        assert name in tables
        assert all(c in tables[name].field_names for c in columns), name


@pytest.mark.parametrize("table", sorted(load_schemas()))
def test_derived_schemas_agree(table):
    schema = load_schemas()[table]
    assert list(schema.pandera.columns) == schema.field_names
    assert schema.arrow.names == schema.field_names
    assert [f["name"] for f in schema.frictionless()["fields"]] == schema.field_names
    assert schema.frictionless()["primaryKey"] == list(schema.primary_key)
    for f in schema.fields:
        assert schema.arrow.field(f.name).nullable == (not f.required)
    assert f"`{table}`" in schema.markdown()


def test_types_map_to_arrow():
    quantities = load_schemas()["quantities"]
    assert quantities.arrow.field("value").type == pa.float64()
    assert quantities.arrow.field("char_start").type == pa.int64()
    assert load_schemas()["documents"].arrow.field("published_date").type == pa.date32()


def test_bad_declaration_names_the_fix(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("name: broken\ntitle: x\ndescription: x\npublish: true\nprimary_key: [a]\nfields:\n  - name: a\n    type: text\n    description: x\n")
    with pytest.raises(SchemaDeclarationError, match="use one of"):
        _parse(path)


def test_pandera_rejects_an_invalid_row():
    schema = load_schemas()["quantities"]
    import pandas as pd

    row = dict(quantity_id="q", document_id="d", text="5", value=5.0, unit="furlongs", currency=None,
               unit_symbol=None, qualifier="exact", subject=None, char_start=0, char_end=1, evidence_start=0, evidence="5", extractor="x/1")
    frame = schema.conform(pd.DataFrame([row]))
    import pandera.errors

    with pytest.raises(pandera.errors.SchemaErrors):
        schema.pandera.validate(frame, lazy=True)
