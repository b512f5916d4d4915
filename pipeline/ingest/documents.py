"""Turn raw input files into `documents`, `document_texts` and `rejected_documents` rows.

Every input (a file, a JSON Lines line, a feed entry) ends in exactly one
place: a document, or a rejection whose message names the file, the problem
and the fix. Exact duplicates (same normalised body) and near duplicates
(a republication of the same story) are kept once and recorded.

No text leaves here that cannot be written as UTF-8: lone surrogates become
U+FFFD and `ingestion_notes` says so. Metadata fields are one line
(`clean.one_line`, `clean.clean_url`) and the language is an ISO 639-1 code,
or empty with a note when the declared language is unknown, so one document's
odd metadata never fails the table's schema and stops the build.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import date

from pipeline.ingest import formats
from pipeline.ingest.clean import clean_url, one_line, repair_field, repair_surrogates
from pipeline.ingest.decode import DecodeError, decode, unify_line_breaks
from pipeline.ingest.dedupe import NearDuplicateIndex
from pipeline.ingest.files import RawInput
from pipeline.ingest.formats import WHOLE_FILE, Item, Problem
from pipeline.ingest.language import language_code
from pipeline.text import normalise_body, word_count

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    document_id: str
    source_file: str
    source_item: str
    title: str
    published_date: date | None
    published_date_source: str
    publisher: str | None
    url: str | None
    language: str | None
    format: str
    encoding: str
    word_count: int
    sha256: str
    body: str
    ingestion_notes: str | None = None  # what was repaired or dropped, "; "-separated


@dataclass(frozen=True)
class Rejection:
    source_file: str
    item: str
    reason: str
    message: str
    duplicate_of: str | None = None


def document_id_of(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


def guess_language(text: str) -> str:
    """ISO 639-1 code by script: mostly Han characters make Chinese, otherwise English."""
    import re

    sample = text[:5000]
    han = len(re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]", sample))
    latin = len(re.findall(r"[A-Za-z\u00c0-\u024f]", sample))
    return "zh" if han and han > 0.3 * (han + latin) else "en"


def _reject(raw: RawInput, item: str, reason: str, message: str, duplicate_of: str | None = None) -> Rejection:
    where = raw.source_file + (f" ({item})" if item != WHOLE_FILE else "")
    # A message can quote the input (an exception's text), so it gets the same surrogate repair.
    return Rejection(raw.source_file, item, reason, repair_surrogates(f"{where}: {message}")[0], duplicate_of)


def parse_input(raw: RawInput, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document | Rejection]:
    """Every document in one input file, or the reasons its parts were rejected; never raises."""
    # A path that reached here with a lone surrogate would stop the release writer; files.display_path
    # never gives one, a caller building RawInput by hand might.
    raw = dataclasses.replace(raw, source_file=repair_surrogates(raw.source_file)[0])
    try:
        return _parse_input(raw, max_bytes)
    except Exception as exc:  # a reader's bug on one odd input must not stop the run: record it
        return [_reject(raw, WHOLE_FILE, "parse_failed", f"the file could not be read ({type(exc).__name__}: {exc}); "
                        "report it with the file attached, or remove it")]


def _parse_input(raw: RawInput, max_bytes: int) -> list[Document | Rejection]:
    if raw.refusal is not None:
        return [_reject(raw, WHOLE_FILE, *raw.refusal)]
    data = raw.content or b""
    if not data.strip():
        return [_reject(raw, WHOLE_FILE, "empty_file", "the file is empty; remove it or add the article text")]
    if len(data) > max_bytes:
        return [_reject(raw, WHOLE_FILE, "too_large", f"{len(data)} bytes is over the {max_bytes}-byte limit; split the "
                        "file or raise the limit with --max-bytes")]
    try:
        decoded = decode(data)
    except DecodeError as exc:
        fix = "remove it from the seeds folder" if exc.reason == "binary_file" else "re-save the file as UTF-8"
        return [_reject(raw, WHOLE_FILE, exc.reason, f"{exc}; {fix}")]
    text = unify_line_breaks(decoded.text.lstrip("\ufeff"))
    kind = formats.detect_format(raw.source_file, text)
    if kind is None:
        return [_reject(raw, WHOLE_FILE, "unsupported_format",
                        f"no reader for this file type; supported: {formats.SUPPORTED}")]
    if kind in ("seed_text", "plain_text"):
        items = formats.read_text(text)
    elif kind == "markdown":
        items = formats.read_markdown(text)
    elif kind == "html":
        items = formats.read_html(text, raw.source_file)
    elif kind == "jsonl":
        items = formats.read_jsonl(text)
    else:
        items = formats.read_feed(data)
    sha = hashlib.sha256(data).hexdigest()
    out: list[Document | Rejection] = []
    for item in items:
        if isinstance(item, Problem):
            out.append(_reject(raw, item.item, item.reason, item.message))
        else:
            out.append(_document(raw, item, kind, decoded.encoding, sha))
    return out


# Publication dates outside this window are typing errors, not news.
EARLIEST_PUBLICATION = date(1900, 1, 1)
LATEST_PUBLICATION = date(2100, 12, 31)


def _document(raw: RawInput, item: Item, kind: str, encoding: str, sha: str) -> Document | Rejection:
    if item.published_date is not None and not EARLIEST_PUBLICATION <= item.published_date <= LATEST_PUBLICATION:
        return _reject(raw, item.item, "bad_date", f"publication date {item.published_date.isoformat()} is outside "
                       f"{EARLIEST_PUBLICATION.year}-{LATEST_PUBLICATION.year}; correct the date")
    item, notes = repaired_item(item)
    body = normalise_body(item.text)
    if not body.strip():
        return _reject(raw, item.item, "no_text", "the document has no body text; add the article text")
    title = one_line(item.title) or one_line(body.split("\n", 1)[0][:120]) or ""
    publisher = one_line(item.publisher) or formats.dateline_agency(body)
    language, language_note = document_language(item.language, body)
    return Document(
        document_id=document_id_of(body), source_file=raw.source_file, source_item=item.item, title=title,
        published_date=item.published_date, published_date_source=item.date_source, publisher=publisher,
        url=clean_url(item.url), language=language, format=kind, encoding=encoding, word_count=word_count(body),
        sha256=sha, body=body, ingestion_notes="; ".join([*notes, *filter(None, [language_note])]) or None,
    )


def repaired_item(item: Item) -> tuple[Item, list[str]]:
    """The item with lone surrogates in its text fields replaced by U+FFFD, and the reader's and repairs' notes.

    e.g. a JSON line {"title": "A \\ud800 title", ...} gives the title "A \ufffd title" and the note
    "title: 1 lone surrogate (U+D800) replaced by U+FFFD".
    """
    notes = list(item.notes)
    changes = {}
    for field in ("title", "text", "url", "publisher", "language"):
        value = getattr(item, field)
        if value is not None:
            changes[field], note = repair_field(field, value)
            notes += [note] if note else []
    return dataclasses.replace(item, **changes), notes


def document_language(declared: str | None, body: str) -> tuple[str | None, str | None]:
    """The ISO 639-1 code of a document, and a note when the declared language is not one that is known.

    A declared language is mapped ("English" -> "en", "中文" -> "zh", "zh-CN" -> "zh"); none declared is
    guessed from the text; an unknown one is left empty rather than guessed, and the note quotes it.

    >>> document_language("Klingon", "Qapla'")
    (None, "language: 'Klingon' is not a language name or ISO 639-1 code; left empty (declare a code such as 'en' or 'zh')")
    """
    declared = one_line(declared)
    if declared is None:
        return guess_language(body), None
    code = language_code(declared)
    if code is None:
        return None, (f"language: {declared!r} is not a language name or ISO 639-1 code; left empty "
                      "(declare a code such as 'en' or 'zh')")
    return code, None


def parse_document(raw: RawInput, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Rejection:
    """The single document of a one-document file (seed text, plain text, Markdown, HTML)."""
    return parse_input(raw, max_bytes)[0]


def ingest(inputs: list[RawInput], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[Rejection]]:
    """Parse every input; exact and near duplicates are kept once and recorded as rejections."""
    documents: list[Document] = []
    rejections: list[Rejection] = []
    seen: dict[str, Document] = {}
    near = NearDuplicateIndex()
    for raw in inputs:
        for parsed in parse_input(raw, max_bytes):
            if isinstance(parsed, Rejection):
                rejections.append(parsed)
                continue
            kept = seen.get(parsed.document_id)
            if kept is not None:
                rejections.append(Rejection(
                    parsed.source_file, parsed.source_item, "duplicate",
                    f"{_where(parsed)}: same text as {_where(kept)}; it is published once, remove the copy",
                    duplicate_of=kept.document_id))
                continue
            similar = near.match(parsed.document_id, parsed.body)
            if similar is not None:
                other = seen[similar[0]]
                rejections.append(Rejection(
                    parsed.source_file, parsed.source_item, "near_duplicate",
                    f"{_where(parsed)}: {similar[1]:.0%} the same as {_where(other)} (a republication of the same "
                    "story); it is extracted once, from the first copy", duplicate_of=other.document_id))
                continue
            seen[parsed.document_id] = parsed
            documents.append(parsed)
    return documents, rejections


def _where(doc: Document) -> str:
    return doc.source_file + (f" ({doc.source_item})" if doc.source_item != WHOLE_FILE else "")


def ingestion_tables(inputs: list[RawInput], max_bytes: int = DEFAULT_MAX_BYTES):
    """The `documents`, `document_texts` and `rejected_documents` tables from raw inputs."""
    import pandas as pd

    from pipeline.metadata import table_schema

    documents, rejections = ingest(inputs, max_bytes)
    doc_rows = [{k: v for k, v in d.__dict__.items() if k != "body"} for d in documents]
    text_rows = [{"document_id": d.document_id, "body": d.body} for d in documents]
    rejected_rows = [r.__dict__ for r in rejections]

    def frame(table: str, rows: list[dict]) -> pd.DataFrame:
        schema = table_schema(table)
        return schema.conform(pd.DataFrame(rows)) if rows else schema.empty_frame()

    return frame("documents", doc_rows), frame("document_texts", text_rows), frame("rejected_documents", rejected_rows)
