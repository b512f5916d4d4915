"""Ingestion: input files in a seeds folder become documents or recorded rejections.

Belongs here: finding input files, reading each format, and the rules that
decide whether an input becomes a document. Plain functions over bytes and
paths; no Dagster import.
"""
