"""Turn raw input files into `documents`, `document_texts` and `rejected_documents` rows.

One input ends in exactly one place: a document, or a rejection whose message
names the file, the problem and the fix.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pipeline.text import normalise_body, word_count

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DOCUMENT_SUFFIXES = (".txt",)

# The seed format's first line: " date 2025-10-28 Chinese AI models rise ...".
_HEADER = re.compile(r"^\s*date\s+(\S+)\s+(.*\S)\s*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A dateline naming its agency: "BEIJING, Jan. 21 (Xinhua) --".
_DATELINE_AGENCY = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Za-z .]+)?, [A-Z][a-z]{2,8}\.? \d{1,2} \(([A-Za-z][\w .&-]+)\) ?--")


@dataclass(frozen=True)
class RawInput:
    source_file: str  # relative to the seeds folder, forward slashes
    content: bytes


@dataclass(frozen=True)
class Document:
    document_id: str
    source_file: str
    title: str
    published_date: date | None
    publisher: str | None
    url: str | None
    language: str
    word_count: int
    sha256: str
    body: str


@dataclass(frozen=True)
class Rejection:
    source_file: str
    item: str
    reason: str
    message: str
    duplicate_of: str | None = None


def documents_folder(seeds_dir: Path) -> Path:
    """Where the input documents are: `SEEDS/documents/` when it exists, else SEEDS itself."""
    sub = seeds_dir / "documents"
    return sub if sub.is_dir() else seeds_dir


def read_inputs(seeds_dir: Path) -> list[RawInput]:
    """Every regular file below the documents folder, in path order."""
    folder = documents_folder(seeds_dir)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"seeds folder {seeds_dir} does not exist; pass --seeds DIR with a folder of documents"
        )
    inputs = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        inputs.append(RawInput(path.relative_to(seeds_dir).as_posix(), path.read_bytes()))
    return inputs


def document_id_of(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")


def guess_language(text: str) -> str:
    """ISO 639-1 code by script: mostly Han characters make Chinese, otherwise English."""
    sample = text[:5000]
    han, latin = len(_HAN.findall(sample)), len(_LATIN.findall(sample))
    return "zh" if han > 0.3 * (han + latin) and han else "en"


def publisher_from_dateline(body: str) -> str | None:
    match = _DATELINE_AGENCY.match(body)
    return match.group(1) if match else None


def parse_document(raw: RawInput, max_bytes: int = DEFAULT_MAX_BYTES) -> Document | Rejection:
    """Read one seed-format text file, or say why it cannot be read."""
    name = raw.source_file
    if not name.lower().endswith(DOCUMENT_SUFFIXES):
        return Rejection(name, "whole file", "unsupported_format",
                         f"{name}: no reader for this file type; save the document as UTF-8 .txt "
                         "with a first line 'date YYYY-MM-DD Title'")
    if len(raw.content) == 0:
        return Rejection(name, "whole file", "empty_file", f"{name}: the file is empty; remove it or add the article text")
    if len(raw.content) > max_bytes:
        return Rejection(name, "whole file", "too_large",
                         f"{name}: {len(raw.content)} bytes is over the {max_bytes}-byte limit; split the file "
                         "or raise the limit with --max-bytes")
    if b"\x00" in raw.content[:8192]:
        return Rejection(name, "whole file", "binary_file",
                         f"{name}: the file holds binary data, not text; remove it from the seeds folder")
    try:
        text = raw.content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Rejection(name, "whole file", "undecodable",
                         f"{name}: not valid UTF-8 (byte {exc.start}); re-save the file as UTF-8")
    first, _, rest = text.partition("\n")
    header = _HEADER.match(first)
    if header:
        stamp, title = header.groups()
        try:
            if not _ISO_DATE.match(stamp):
                raise ValueError(stamp)
            published = date.fromisoformat(stamp)
        except ValueError:
            return Rejection(name, "whole file", "bad_header",
                             f"{name}: header date {stamp!r} is not a calendar date; write the first line as "
                             "'date YYYY-MM-DD Title'")
        body = normalise_body(rest)
    else:
        # No header: the first non-empty line is the title; the date is unknown.
        body_all = normalise_body(text)
        title, _, remainder = body_all.partition("\n")
        body, published = normalise_body(remainder) or body_all, None
    if not body.strip():
        return Rejection(name, "whole file", "no_text", f"{name}: the document has a header but no body text; add the article text")
    return Document(
        document_id=document_id_of(body),
        source_file=name,
        title=" ".join(title.split()),
        published_date=published,
        publisher=publisher_from_dateline(body),
        url=None,
        language=guess_language(body),
        word_count=word_count(body),
        sha256=hashlib.sha256(raw.content).hexdigest(),
        body=body,
    )


def ingest(inputs: list[RawInput], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[list[Document], list[Rejection]]:
    """Parse every input; exact duplicates (same normalised body) are kept once."""
    documents: list[Document] = []
    rejections: list[Rejection] = []
    seen: dict[str, Document] = {}
    for raw in inputs:
        parsed = parse_document(raw, max_bytes)
        if isinstance(parsed, Rejection):
            rejections.append(parsed)
        elif parsed.document_id in seen:
            kept = seen[parsed.document_id]
            rejections.append(Rejection(
                raw.source_file, "whole file", "duplicate",
                f"{raw.source_file}: same text as {kept.source_file}; it is published once, remove the copy",
                duplicate_of=kept.document_id))
        else:
            seen[parsed.document_id] = parsed
            documents.append(parsed)
    return documents, rejections


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
