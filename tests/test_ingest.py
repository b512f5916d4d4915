"""Ingestion of the seed text format: documents or recorded rejections, never a crash."""

from datetime import date

from pipeline.ingest.documents import Document, RawInput, Rejection, ingest, ingestion_tables, parse_document

SEED = b" date 2026-02-03 Robots on the line\n\nSHENZHEN, Feb. 2 (Xinhua) -- A maker said on Monday it sold 500 robots.\n"


def test_seed_format():
    doc = parse_document(RawInput("documents/a.txt", SEED))
    assert isinstance(doc, Document)
    assert doc.title == "Robots on the line"
    assert doc.published_date == date(2026, 2, 3)
    assert doc.publisher == "Xinhua"
    assert doc.body.startswith("SHENZHEN, Feb. 2")
    assert len(doc.document_id) == 16 and doc.word_count == 14


def test_document_id_is_stable_and_content_derived():
    a = parse_document(RawInput("documents/a.txt", SEED))
    b = parse_document(RawInput("documents/elsewhere/b.txt", SEED.replace(b"\n", b"\r\n")))
    assert a.document_id == b.document_id


def test_malformed_header_date_is_rejected_with_the_fix():
    bad = parse_document(RawInput("documents/bad.txt", b" date 2026-02-30 Title\n\nBody text."))
    assert isinstance(bad, Rejection) and bad.reason == "bad_header"
    assert "documents/bad.txt" in bad.message and "YYYY-MM-DD" in bad.message


def test_bad_inputs_are_recorded():
    cases = {
        "documents/empty.txt": (b"", "empty_file"),
        "documents/blob.txt": (b"\x00\x01\x02binary", "binary_file"),
        "documents/damaged.txt": (b"\xef\xbb\xbf date 2026-01-01 T\n\ncaf\xc3\xa9 \xff\xfe", "undecodable"),
        "documents/header_only.txt": (b" date 2026-01-01 Title only\n", "no_text"),
        "documents/image.png": (b"\x89PNG\r\n\x1a\n", "binary_file"),
        "documents/notes.docx": (b"Just some words in an unknown file type.", "unsupported_format"),
    }
    for name, (content, reason) in cases.items():
        out = parse_document(RawInput(name, content))
        assert isinstance(out, Rejection) and out.reason == reason, name
        assert name in out.message


def test_too_large_file():
    out = parse_document(RawInput("documents/big.txt", SEED * 100), max_bytes=1000)
    assert isinstance(out, Rejection) and out.reason == "too_large" and "--max-bytes" in out.message


def test_exact_duplicates_are_kept_once():
    docs, rejected = ingest([RawInput("documents/a.txt", SEED), RawInput("documents/copy.txt", SEED)])
    assert [d.source_file for d in docs] == ["documents/a.txt"]
    assert rejected[0].reason == "duplicate" and rejected[0].duplicate_of == docs[0].document_id


def test_every_input_is_accounted_for():
    inputs = [RawInput("documents/a.txt", SEED), RawInput("documents/empty.txt", b""),
              RawInput("documents/copy.txt", SEED)]
    documents, texts, rejected = ingestion_tables(inputs)
    assert len(documents) + len(rejected) == len(inputs)
    assert list(texts["document_id"]) == list(documents["document_id"])


def test_text_without_header_takes_its_first_line_as_title():
    doc = parse_document(RawInput("documents/plain.txt", b"A headline\n\nThe body of the story."))
    assert doc.title == "A headline" and doc.published_date is None and doc.body == "The body of the story."
