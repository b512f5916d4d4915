"""Every input format and every bad case, through the plain functions and through the real Dagster assets."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import make_settings, run_build
from ingest_samples import HTML, MARKDOWN, atom, jsonl, mixed_folder_files, rss, story
from pipeline.ingest.documents import Document, Rejection, ingest, parse_input
from pipeline.ingest.files import RawInput, read_inputs

MAX_BYTES = 1024 * 1024


def parse(name: str, content: bytes) -> list:
    return parse_input(RawInput(f"documents/{name}", content))


def only(name: str, content: bytes):
    out = parse(name, content)
    assert len(out) == 1
    return out[0]


# ---------------------------------------------------------------- formats
def test_seed_format():
    doc = only("a.txt", f" date 2026-01-05 Title here\n\nBEIJING, Jan. 5 (Xinhua) -- {story(1)}".encode())
    assert (doc.format, doc.published_date, doc.published_date_source, doc.publisher) == (
        "seed_text", date(2026, 1, 5), "header", "Xinhua")


def test_plain_text_takes_its_title_from_the_first_line_and_infers_a_dateline_date():
    doc = only("b.txt", f"A plain headline\n\nSHANGHAI, March 3, 2026 (Reuters) - {story(2)}".encode())
    assert (doc.format, doc.title, doc.published_date, doc.published_date_source) == (
        "plain_text", "A plain headline", date(2026, 3, 3), "dateline")
    undated = only("c.txt", f"Another headline\n\n{story(3)}".encode())
    assert (undated.published_date, undated.published_date_source) == (None, "none")


def test_date_line_standing_alone_is_an_inferred_date():
    doc = only("d.txt", f"Headline\n\nOctober 28, 2025\n\n{story(4)}".encode())
    assert doc.published_date == date(2025, 10, 28) and doc.published_date_source == "dateline"


def test_markdown_front_matter():
    doc = only("notes.md", MARKDOWN.encode())
    assert (doc.format, doc.title, doc.published_date, doc.url, doc.publisher, doc.language) == (
        "markdown", "Lotus Semiconductor ships Peony chips", date(2026, 3, 2), "https://notes.example.org/lotus",
        "Example Notes", "en")
    assert "**" not in doc.body and "](" not in doc.body and "12,000 Peony X3 chips" in doc.body


def test_markdown_with_bad_front_matter_date():
    out = only("bad.md", b"---\ntitle: T\ndate: yesterday\n---\n\nBody text here.")
    assert isinstance(out, Rejection) and out.reason == "bad_date" and "YYYY-MM-DD" in out.message


def test_html_main_text_and_metadata():
    doc = only("page.html", HTML.encode())
    assert (doc.format, doc.title, doc.published_date, doc.publisher, doc.url) == (
        "html", "Harbor Bridge cuts AI chip forecast", date(2026, 2, 12), "Example News",
        "https://news.example.com/tech/harbor-bridge-chips")
    assert "1.2 million accelerators" in doc.body and "said Dai Ming" in doc.body
    for noise in ("SCRIPT_TEXT", "NAV_TEXT", "ADVERT_TEXT", "FOOTER_TEXT"):
        assert noise not in doc.body


def test_html_detected_by_content_whatever_the_extension():
    assert only("saved.txt", HTML.encode()).format == "html"


def test_html_without_article_text():
    out = only("login.html", b"<!DOCTYPE html><html><head><title>Login</title></head><body><nav>Home</nav></body></html>")
    assert isinstance(out, Rejection) and out.reason == "no_text"


def test_jsonl_bad_lines_are_rejected_alone():
    out = parse("export.jsonl", jsonl([
        {"title": "One", "text": story(5), "date": "2026-02-01", "url": "https://j.example.com/1", "publisher": "API"},
        "{broken",
        {"title": "No text"},
        ["not", "an", "object"],
        {"text": story(6), "date": "31/02/2026"},
        {"headline": "Two", "content": story(7), "published_at": "2026-02-02T10:00:00Z"},
    ]).encode())
    docs = [o for o in out if isinstance(o, Document)]
    rejected = {o.item: o.reason for o in out if isinstance(o, Rejection)}
    assert [(d.source_item, d.title, d.published_date) for d in docs] == [
        ("line 1", "One", date(2026, 2, 1)), ("line 6", "Two", date(2026, 2, 2))]
    assert docs[0].url == "https://j.example.com/1" and docs[0].publisher == "API"
    assert rejected == {"line 2": "bad_json", "line 3": "no_text", "line 4": "bad_json", "line 5": "bad_date"}


def test_rss_entries_with_full_content():
    out = parse("wire.xml", rss([("Full story", story(8), ""), ("Teaser", "", "")]).encode())
    doc, teaser = out
    assert isinstance(doc, Document) and doc.format == "feed" and doc.title == "Full story"
    assert (doc.published_date, doc.publisher, doc.url, doc.source_item) == (
        date(2026, 3, 10), "Example Wire", "https://feed.example.com/0", "entry 1")
    assert isinstance(teaser, Rejection) and teaser.reason == "no_text" and teaser.item == "entry 2"


def test_atom_feed():
    doc = only("atom.atom", atom("Atom story", story(9)).encode())
    assert (doc.format, doc.title, doc.published_date) == ("feed", "Atom story", date(2026, 4, 1))


@pytest.mark.parametrize("encoding,expected", [
    ("utf-8-sig", "utf-8"), ("utf-16", "utf-16"), ("gb18030", "gb18030"), ("big5", "big5"), ("latin-1", "cp1252"),
])
def test_encodings(encoding, expected):
    text = {"gb18030": "人工智能产业快速发展，企业数量超过五千家。" * 6,
            "big5": "人工智慧產業快速發展，企業數量超過五千家。" * 6}.get(encoding, story(10) + " Caf\u00e9 cr\u00e8me.")
    doc = only("enc.txt", f" date 2026-01-08 Encoded\n\n{text}".encode(encoding))
    assert doc.encoding == expected
    assert doc.body == text if encoding in ("gb18030", "big5") else "Caf\u00e9 cr\u00e8me." in doc.body
    if encoding in ("gb18030", "big5"):
        assert doc.language == "zh"


def test_text_is_normalised_to_nfc():
    doc = only("nfc.txt", " date 2026-01-08 T\n\nCafe\u0301 owners".encode())
    assert doc.body == "Caf\u00e9 owners"


# ---------------------------------------------------------------- bad cases
@pytest.mark.parametrize("name,content,reason", [
    ("empty.txt", b"", "empty_file"),
    ("blank.txt", b"   \n\n ", "empty_file"),
    ("binary.txt", bytes(range(256)) * 4, "binary_file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "binary_file"),
    ("damaged.txt", "\ufeff date 2026-01-13 D\n\nCaf\u00e9 ".encode() + b"\xff\xfe broken", "undecodable"),
    ("bad_header.txt", b" date 2026-13-45 Title\n\nBody.", "bad_header"),
    ("header_only.txt", b" date 2026-01-01 Title only\n", "no_text"),
    ("report.docx", b"Some words in a format without a reader.", "unsupported_format"),
])
def test_bad_inputs_are_recorded_with_the_fix(name, content, reason):
    out = only(name, content)
    assert isinstance(out, Rejection) and out.reason == reason
    assert out.message.startswith(f"documents/{name}") and ";" in out.message


def test_size_limit_is_configurable(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "big.txt").write_bytes(b" date 2026-01-01 Big\n\n" + b"word " * 1000)
    refused = read_inputs(folder, max_bytes=1000)[0]
    assert refused.content is None and refused.refusal[0] == "too_large"
    assert "--max-bytes" in parse_input(refused)[0].message
    assert read_inputs(folder, max_bytes=10_000)[0].content is not None


def test_exact_and_near_duplicates():
    base = f" date 2026-01-05 Story\n\n{story(1)}".encode()
    docs, rejected = ingest([
        RawInput("documents/a.txt", base),
        RawInput("documents/b.txt", base),
        RawInput("documents/c.txt", base + b" Editing by the wire desk."),
        RawInput("documents/d.txt", f" date 2026-01-05 Other\n\n{story(2)}".encode()),
    ])
    assert [d.source_file for d in docs] == ["documents/a.txt", "documents/d.txt"]
    reasons = {r.source_file: (r.reason, r.duplicate_of) for r in rejected}
    assert reasons == {"documents/b.txt": ("duplicate", docs[0].document_id),
                       "documents/c.txt": ("near_duplicate", docs[0].document_id)}


def test_symlinks_outside_the_seeds_folder_are_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(" date 2026-01-01 Secret\n\nDo not read.")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text(f" date 2026-01-01 Fine\n\n{story(1)}")
    os.symlink(outside / "secret.txt", seeds / "link.txt")
    os.symlink(outside, seeds / "linked_dir")
    os.symlink(seeds / "ok.txt", seeds / "inside_link.txt")
    inputs = {i.source_file: i for i in read_inputs(seeds, MAX_BYTES)}
    assert inputs["link.txt"].refusal[0] == "outside_seeds" and inputs["link.txt"].content is None
    assert inputs["linked_dir"].refusal[0] == "outside_seeds"
    assert inputs["inside_link.txt"].content is not None
    docs, rejected = ingest(list(inputs.values()))
    reasons = {r.source_file: r.reason for r in rejected}
    assert reasons.pop("link.txt") == "outside_seeds" and reasons.pop("linked_dir") == "outside_seeds"
    # the link inside the folder and its target are the same text: one is kept, the other recorded
    assert list(reasons.values()) == ["duplicate"] and set(reasons) <= {"ok.txt", "inside_link.txt"}
    assert len(docs) == 1


# ---------------------------------------------------------------- nothing lost: property-based
_NAMES = st.binary(min_size=1, max_size=40).filter(lambda n: b"/" not in n and b"\x00" not in n
                                                    and n not in (b".", b"..") and not n.startswith(b"."))
_SUFFIXES = st.sampled_from([b"", b".txt", b".md", b".html", b".jsonl", b".xml", b".rss", b".atom", b".docx"])
_STRUCTURED = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=800).map(str.encode),
    # shapes that reach the readers: front matter, JSON lines, markup, feeds, seed headers
    st.text(max_size=200).map(lambda t: f"---\n{t}\n---\nbody {t}".encode()),
    st.lists(st.text(max_size=60), max_size=5).map(lambda ls: "\n".join("{" + l for l in ls).encode()),
    st.text(max_size=300).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()),
    st.text(max_size=300).map(lambda t: f'<?xml version="1.0"?><rss><channel><item>{t}</item></channel></rss>'.encode()),
    st.text(max_size=300).map(lambda t: f" date 20{t[:2]}-01-01 {t}\n\n{t}".encode("utf-8", "surrogatepass")),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.tuples(_NAMES, _SUFFIXES), _STRUCTURED, max_size=6))
def test_arbitrary_bytes_and_names_never_raise_and_are_accounted_for(tmp_path_factory, files):
    seeds = tmp_path_factory.mktemp("prop")
    written = 0
    for (stem, suffix), content in files.items():
        try:
            (seeds / os.fsdecode(stem + suffix)).write_bytes(content)
        except OSError:  # a name the file system refuses (too long, reserved) is not an input
            continue
        written += 1
    inputs = read_inputs(seeds, MAX_BYTES)
    assert len({i.source_file for i in inputs}) == len(inputs) == len(list(seeds.iterdir())) <= written
    documents, rejected = ingest(inputs)
    places = [(d.source_file, d.source_item) for d in documents] + [(r.source_file, r.item) for r in rejected]
    assert len(places) == len(set(places)), "an input ended in two places"
    by_file = {}
    for source_file, item in places:
        by_file.setdefault(source_file, []).append(item)
    assert set(by_file) == {i.source_file for i in inputs}
    for items in by_file.values():
        # a file is one document or rejection, or else one per JSON Lines line / feed entry
        assert items == ["whole file"] or all(i.startswith(("line ", "entry ")) for i in items)


def test_names_that_are_not_utf8_do_not_collide(tmp_path):
    (tmp_path / os.fsdecode(b"caf\xe9.txt")).write_bytes(f" date 2026-01-01 A\n\n{story(1)}".encode())
    (tmp_path / "caf\\xe9.txt").write_bytes(f" date 2026-01-01 B\n\n{story(2)}".encode())
    names = [i.source_file for i in read_inputs(tmp_path, MAX_BYTES)]
    assert len(set(names)) == 2


@pytest.mark.parametrize("content,reason", [
    (b"---\ntitle: T\ndate: 2024-13-01\n---\n\nBody text here for the story.", "bad_date"),
    (b" date 0001-01-01 Ancient\n\nBody text.", "bad_date"),
    (b" date 9999-12-31 Far future\n\nBody text.", "bad_date"),
])
def test_impossible_dates_are_rejected(content, reason):
    out = only("odd.md" if content.startswith(b"---") else "odd.txt", content)
    assert isinstance(out, Rejection) and out.reason == reason


def test_deeply_nested_json_line_is_rejected_alone():
    out = parse("deep.jsonl", b"[" * 100000 + b"\n" + jsonl([{"text": story(3), "date": "2026-01-01"}]).encode())
    assert [getattr(o, "reason", "document") for o in out] == ["bad_json", "document"]


def test_a_reader_crash_is_recorded_not_raised(monkeypatch):
    from pipeline.ingest import formats

    monkeypatch.setattr(formats, "read_text", lambda text: 1 / 0)
    out = only("x.txt", f" date 2026-01-01 T\n\n{story(4)}".encode())
    assert isinstance(out, Rejection) and out.reason == "parse_failed" and "ZeroDivisionError" in out.message


# ---------------------------------------------------------------- the real assets on a mixed folder
def test_mixed_folder_through_dagster_accounts_for_every_input(tmp_path):
    seeds = tmp_path / "seeds" / "documents"
    seeds.mkdir(parents=True)
    for name, content in mixed_folder_files().items():
        (seeds / name).write_bytes(content)
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(" date 2026-01-01 Elsewhere\n\nSecret text.")
    os.symlink(outside, seeds / "escape.txt")
    settings = make_settings(tmp_path / "seeds", tmp_path / "dist")
    settings = type(settings)(**{**settings.__dict__, "max_bytes": MAX_BYTES})
    result = run_build(settings)
    assert result.success
    release = Path(result.output_for_node("out_release"))
    docs = pd.read_parquet(release / "data" / "documents.parquet")
    rejected = pd.read_parquet(release / "data" / "rejected_documents.parquet")
    places = [(r.source_file, r.source_item) for r in docs.itertuples()] + \
             [(r.source_file, r.item) for r in rejected.itertuples()]
    assert len(places) == len(set(places)), "an input ended in two places"
    # every file, every JSON Lines line and every feed entry is accounted for
    expected_items = {f"documents/{n}" for n in mixed_folder_files()} | {"documents/escape.txt"}
    assert {p[0] for p in places} == expected_items
    assert {p[1] for p in places if p[0] == "documents/export.jsonl"} == {f"line {i}" for i in range(1, 6)}
    assert {p[1] for p in places if p[0] == "documents/wire.xml"} == {"entry 1", "entry 2"}
    reasons = dict(zip(rejected.source_file + "#" + rejected.item, rejected.reason))
    assert reasons == {
        "documents/export.jsonl#line 3": "bad_json", "documents/export.jsonl#line 4": "no_text",
        "documents/export.jsonl#line 5": "bad_date", "documents/wire.xml#entry 2": "no_text",
        "documents/empty.txt#whole file": "empty_file", "documents/binary.txt#whole file": "binary_file",
        "documents/huge.txt#whole file": "too_large", "documents/damaged.txt#whole file": "undecodable",
        "documents/bad_header.txt#whole file": "bad_header", "documents/nothing.html#whole file": "no_text",
        "documents/seed_copy.txt#whole file": "duplicate", "documents/seed_republished.txt#whole file": "near_duplicate",
        "documents/escape.txt#whole file": "outside_seeds",
    }
    formats = docs.groupby("format").size().to_dict()
    assert formats == {"seed_text": 7, "plain_text": 2, "markdown": 1, "html": 1, "jsonl": 2, "feed": 2}
    # CSV cells cannot start a formula; Parquet keeps the exact value
    evil = docs[docs.source_file == "documents/formula.txt"].title.item()
    assert evil.startswith("=HYPERLINK")
    csv = pd.read_csv(release / "data" / "documents.csv", dtype=str)
    assert csv[csv.source_file == "documents/formula.txt"].title.item() == "'" + evil
    assert not csv.map(lambda v: isinstance(v, str) and v[:1] in "=+-@").any().any()


def test_near_duplicates_in_chinese_text_compare_characters():
    story_a = "阿里巴巴今年三月发布了新的大模型，参数规模达到三千亿。腾讯表示，过去一个季度接口调用量增长了四成。" * 3
    story_b = "华为的视觉模型已在两百条生产线上用于质量检测。百度称国产加速器出货量在五月达到十万片。" * 3
    docs, rejected = ingest([
        RawInput("documents/a.txt", f" date 2026-01-05 甲\n\n{story_a}".encode()),
        RawInput("documents/b.txt", f" date 2026-01-05 乙\n\n{story_a}新华社记者报道。".encode()),
        RawInput("documents/c.txt", f" date 2026-01-05 丙\n\n{story_b}".encode()),
    ])
    assert [d.source_file for d in docs] == ["documents/a.txt", "documents/c.txt"]
    assert [(r.source_file, r.reason) for r in rejected] == [("documents/b.txt", "near_duplicate")]
