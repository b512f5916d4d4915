"""Nothing silently lost, metadata that is clean: unreadable folders, old line endings, lone
surrogates, language names and control characters, through the functions the Dagster assets call."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from ingest_samples import HTML, jsonl, rss, story
from pipeline.ingest.documents import Document, Rejection, ingest, ingestion_tables, parse_input
from pipeline.ingest.files import RawInput, read_inputs
from pipeline.metadata import table_schema

MAX_BYTES = 1024 * 1024
SURROGATES = range(0xD800, 0xE000)
# C0 and C1 control characters, DEL and the zero-width characters no one-line field may hold.
FORBIDDEN_IN_ONE_LINE = {chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]} | set("\u200b\u200c\u200d\u2060\ufeff")


def parse(name: str, content: bytes) -> list:
    return parse_input(RawInput(f"documents/{name}", content))


def only(name: str, content: bytes):
    out = parse(name, content)
    assert len(out) == 1, out
    return out[0]


def has_surrogate(value) -> bool:
    return isinstance(value, str) and any(ord(ch) in SURROGATES for ch in value)


def assert_clean(parsed: Document | Rejection) -> None:
    """Every text field encodes as UTF-8, and one-line fields hold no control or zero-width character."""
    for name, value in parsed.__dict__.items():
        assert not has_surrogate(value), (name, value)
    if isinstance(parsed, Document):
        for name in ("title", "publisher", "url", "language", "source_file", "source_item"):
            value = getattr(parsed, name)
            assert value is None or not set(value) & FORBIDDEN_IN_ONE_LINE, (name, value)
            assert value is None or value == value.strip() and "  " not in value, (name, value)


def validate(documents: pd.DataFrame, rejected: pd.DataFrame) -> None:
    """The pandera schemas the Dagster outputs are checked against."""
    table_schema("documents").pandera.validate(documents)
    table_schema("rejected_documents").pandera.validate(rejected)


# ---------------------------------------------------------------- 1. unreadable folders and files
@pytest.fixture
def locked(tmp_path, monkeypatch):
    """Lock a path with mode 000; as root (who reads it anyway) reading it is made to fail the same way."""
    locked_paths: list[Path] = []
    real_scandir, real_read_bytes = os.scandir, Path.read_bytes

    def denied(path) -> OSError:
        return PermissionError(13, "Permission denied", os.fspath(path))

    def scandir(path="."):
        if any(Path(os.fspath(path)) == p for p in locked_paths):
            raise denied(path)
        return real_scandir(path)

    def read_bytes(self):
        if self in locked_paths:
            raise denied(self)
        return real_read_bytes(self)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)

    def lock(path: Path) -> Path:
        path.chmod(0)
        locked_paths.append(path)
        return path

    yield lock
    for path in locked_paths:  # so pytest can remove the temporary folder
        path.chmod(stat.S_IRWXU)


def test_an_unreadable_folder_is_a_rejection_that_says_how_to_fix_it(tmp_path, locked):
    docs = tmp_path / "seeds" / "documents"
    (docs / "locked").mkdir(parents=True)
    (docs / "locked" / "inside.txt").write_text(f" date 2026-01-01 Inside\n\n{story(1)}")
    (docs / "ok.txt").write_text(f" date 2026-01-01 Fine\n\n{story(2)}")
    locked(docs / "locked")
    inputs = read_inputs(tmp_path / "seeds", MAX_BYTES)
    documents, _, rejected = ingestion_tables(inputs)
    validate(documents, rejected)
    assert list(documents.source_file) == ["documents/ok.txt"]
    row = rejected.set_index("source_file").loc["documents/locked"]
    assert (row["item"], row["reason"]) == ("whole file", "unreadable")
    # the path, the problem and the fix
    assert row["message"].startswith("documents/locked:")
    assert "Permission denied" in row["message"] and "chmod" in row["message"]


def test_an_unreadable_file_is_a_rejection_that_says_how_to_fix_it(tmp_path, locked):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "secret.txt").write_text(f" date 2026-01-01 S\n\n{story(3)}")
    locked(seeds / "secret.txt")
    [rejection] = ingest(read_inputs(seeds, MAX_BYTES))[1]
    assert (rejection.source_file, rejection.reason) == ("secret.txt", "unreadable")
    assert rejection.message.startswith("secret.txt:") and "Permission denied" in rejection.message
    assert "chmod" in rejection.message


def test_the_seeds_folder_itself_unreadable_stops_with_the_fix(tmp_path, locked):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    locked(seeds)
    with pytest.raises(PermissionError, match="chmod"):
        read_inputs(seeds, MAX_BYTES)


# ---------------------------------------------------------------- 2. old Mac line endings
@pytest.mark.parametrize("name,content,title", [
    ("seed.txt", f" date 2026-01-05 Old Mac seed\r\r{story(1)}\rSecond paragraph.", "Old Mac seed"),
    ("plain.txt", f"An old Mac headline\r\r{story(2)}\r\rSecond paragraph.", "An old Mac headline"),
    ("notes.md", f"---\rtitle: Front matter on CR lines\rdate: 2026-01-05\r---\r\r{story(3)}\r\rSecond paragraph.",
     "Front matter on CR lines"),
    ("mixed.txt", f" date 2026-01-05 Mixed endings\r\n\r\n{story(4)}\rSecond paragraph.", "Mixed endings"),
])
def test_carriage_return_line_endings_are_read(name, content, title):
    doc = only(name, content.encode())
    assert isinstance(doc, Document), doc
    assert doc.title == title and "\r" not in doc.body
    assert doc.body.endswith("Second paragraph.") and doc.body.count("\n") >= 1


def test_json_lines_with_carriage_return_line_endings_are_read():
    lines = [json.dumps({"title": f"T{n}", "text": story(n), "date": "2026-01-05"}) for n in (1, 2)]
    out = parse("old.jsonl", "\r".join(lines).encode())
    assert [(o.source_item, o.title) for o in out] == [("line 1", "T1"), ("line 2", "T2")]


# ---------------------------------------------------------------- 3. lone surrogates
def test_a_lone_surrogate_in_one_json_line_repairs_that_line_and_says_so():
    # json.dumps writes a lone surrogate as a "\\ud800" escape, as exporters do
    text = jsonl([{"title": "Broken \ud800 title", "text": story(1) + " Odd \udfff char.", "date": "2026-01-05"},
                  {"title": "Fine", "text": story(2), "date": "2026-01-05"}])
    assert "\\ud800" in text  # a JSON escape of a lone surrogate, as exporters write it
    out = parse("export.jsonl", text.encode())
    assert [type(o).__name__ for o in out] == ["Document", "Document"]
    broken, fine = out
    assert broken.title == "Broken \ufffd title" and "Odd \ufffd char." in broken.body
    assert "U+FFFD" in broken.ingestion_notes and "title" in broken.ingestion_notes and "text" in broken.ingestion_notes
    assert fine.ingestion_notes is None
    for o in out:
        assert_clean(o)


@pytest.mark.parametrize("name,content", [
    ("title.jsonl", '{"title": "A \\ud800 title", "publisher": "P\\udc00", "url": "https://x.example/\\ud800", '
                    f'"language": "e\\udc00n", "text": "{story(5)}"}}\n'),
    ("front.md", f'---\ntitle: "A \\ud800 title"\npublisher: "P\\udc00"\n---\n\n{story(6)}\n'),
    ("wire.xml", rss([("A &#xD800; title", story(7), "")]).replace("Example Wire", "Example &#55296; Wire")),
    ("page.html", HTML.replace("said Dai Ming", "said &#xD800; Dai Ming")),
])
def test_a_lone_surrogate_never_leaves_ingestion(name, content):
    out = parse(name, content.encode())
    assert [type(o).__name__ for o in out] == ["Document"], out
    [doc] = out
    assert_clean(doc)
    assert "\ufffd" in doc.title + (doc.publisher or "") + doc.body
    assert "U+FFFD" in doc.ingestion_notes


def test_a_surrogate_in_a_given_source_path_is_repaired_in_every_row():
    raw = RawInput("documents/bad\udcff.txt", f" date 2026-01-05 T\n\n{story(8)}".encode())
    empty = RawInput("documents/empty\udcff.txt", b"")
    documents, rejected = ingest([raw, empty])
    assert documents[0].source_file == "documents/bad\ufffd.txt"
    assert rejected[0].source_file == "documents/empty\ufffd.txt" and not has_surrogate(rejected[0].message)


# ---------------------------------------------------------------- 4. languages
@pytest.mark.parametrize("declared,code", [
    ("中文", "zh"), ("汉语", "zh"), ("Chinese", "zh"), ("zh-CN", "zh"), ("zh-Hans", "zh"), ("zh_Hant_TW", "zh"),
    ("English", "en"), ("英文", "en"), ("英语", "en"), ("en_US", "en"), ("EN", "en"), ("en-GB", "en"), ("eng", "en"),
    ("és", None), ("español", "es"), ("Spanish", "es"), ("es-ES", "es"), ("Français", "fr"), ("Deutsch", "de"),
    ("日本語", "ja"), ("한국어", "ko"), ("Русский", "ru"), (" english ", "en"), ("Chinese (Simplified)", "zh"),
    ("Klingon", None), ("xx", None), ("x-pig-latin", None), ("12", None),
])
def test_declared_languages_become_iso_639_1_codes_or_a_note(declared, code):
    doc = only("lang.md", f"---\ntitle: T\nlanguage: {declared}\n---\n\n{story(9)}\n".encode())
    assert isinstance(doc, Document) and doc.language == code
    if code is None:
        assert "language" in doc.ingestion_notes and repr(declared.strip()) in doc.ingestion_notes
    documents, _, rejected = ingestion_tables([RawInput("documents/lang.md",
                                                        f"---\nlanguage: {declared}\n---\n\n{story(9)}\n".encode())])
    validate(documents, rejected)
    assert len(documents) == 1


def test_a_language_without_a_declaration_is_still_guessed_from_the_text():
    assert only("zh.txt", (" date 2026-01-05 中\n\n" + "人工智能产业快速发展。" * 10).encode()).language == "zh"
    assert only("en.txt", f" date 2026-01-05 E\n\n{story(1)}".encode()).language == "en"


# ---------------------------------------------------------------- 5. control and zero-width characters
def test_control_and_zero_width_characters_leave_one_line_metadata():
    record = {"title": "Line\rone\nand\ttwo\x00with\x1bcontrols\x85and\x9bC1 zero\u200bwidth\ufeff",
              "publisher": "\tExample\u2060 Wire\r\n", "url": " https://x.example/a\r\n/b\x00c\u200b ",
              "language": "e\u200bn", "text": story(10), "date": "2026-01-05"}
    doc = only("ctl.jsonl", jsonl([record]).encode())
    assert_clean(doc)
    assert doc.title == "Line one and two with controls and C1 zerowidth"
    assert doc.publisher == "Example Wire"
    assert doc.url == "https://x.example/a/bc"
    assert doc.language == "en"


def test_control_characters_in_front_matter_and_feeds_are_folded():
    md = only("m.md", f'---\ntitle: "A\\tB\\x1bC\\u200bD"\npublisher: "Pub\\nlisher"\n---\n\n{story(11)}\n'.encode())
    assert (md.title, md.publisher) == ("A B CD", "Pub lisher")
    feed = parse("f.xml", rss([("Tab\t&#x9;title\u200b", story(0), "")]).replace(
        "Example Wire", "Example\t\tWire&#x200B;").encode())
    assert (feed[0].title, feed[0].publisher) == ("Tab title", "Example Wire")


def test_file_names_with_control_characters_become_one_line_paths_that_stay_distinct(tmp_path):
    names = ["a\nb.txt", "a\rb.txt", "a\tb.txt", "a b.txt", "a\u200bb.txt", "ab.txt", "a\\x0ab.txt", "a\\u000ab.txt"]
    for n, name in enumerate(names):
        (tmp_path / name).write_text(f" date 2026-01-05 T{n}\n\n{story(n)}")
    inputs = read_inputs(tmp_path, MAX_BYTES)
    shown = [i.source_file for i in inputs]
    assert len(set(shown)) == len(names)
    for path in shown:
        assert not set(path) & FORBIDDEN_IN_ONE_LINE, path
    assert "a\\u000ab.txt" in shown and "a\\\\x0ab.txt" in shown  # an escape never equals a name that spells it
    documents, rejected = ingest(inputs)
    assert len(documents) == len(names) and not rejected


# ---------------------------------------------------------------- the whole build
def test_a_build_with_a_surrogate_title_and_a_chinese_language_name_succeeds(tmp_path, monkeypatch, capsys):
    from pipeline.__main__ import main

    docs = tmp_path / "seeds" / "documents"
    docs.mkdir(parents=True)
    (docs / "surrogate.jsonl").write_text(json.dumps({"title": "Chips \ud800 forecast", "text": story(1),
                                                      "date": "2026-01-05", "language": "English"}) + "\n")
    (docs / "chinese.md").write_text("---\ntitle: 人工智能\nlanguage: 中文\ndate: 2026-01-06\n---\n\n"
                                     + "人工智能产业快速发展，企业数量超过五千家。" * 6 + "\n", encoding="utf-8")
    (docs / "klingon.md").write_text(f"---\ntitle: Unknown tongue\nlanguage: Klingon\n---\n\n{story(2)}\n")
    (docs / "old_mac.txt").write_bytes(f" date 2026-01-07 Old Mac\r\r{story(3)}\r".encode())
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert main(["build", "--seeds", str(tmp_path / "seeds"), "--dist", str(tmp_path / "dist")]) == 0
    release = Path(capsys.readouterr().out.splitlines()[-1])
    documents = pd.read_parquet(release / "data" / "documents.parquet").set_index("source_file")
    rejected = pd.read_parquet(release / "data" / "rejected_documents.parquet")
    assert rejected.empty, rejected.to_dict("records")
    surrogate = documents.loc["documents/surrogate.jsonl"]
    assert (surrogate.title, surrogate.language) == ("Chips \ufffd forecast", "en")
    assert "U+FFFD" in surrogate.ingestion_notes
    chinese = documents.loc["documents/chinese.md"]
    assert (chinese.title, chinese.language, chinese.published_date) == ("人工智能", "zh", date(2026, 1, 6))
    klingon = documents.loc["documents/klingon.md"]
    assert pd.isna(klingon.language) and "'Klingon'" in klingon.ingestion_notes
    assert documents.loc["documents/old_mac.txt"].title == "Old Mac"
    csv = pd.read_csv(release / "data" / "documents.csv", dtype=str, encoding="utf-8")
    assert "Chips \ufffd forecast" in set(csv.title)
