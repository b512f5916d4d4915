"""Extraction: facts found in a document's normalised body.

Belongs here: one module per kind of fact (quantities, time expressions,
entities, roles), each a plain function of text and reference data, and
`facts`, which turns their output into table rows with provenance. No
Dagster import.
"""
