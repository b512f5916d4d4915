"""Output bounded by the input: a document that is one enormous sentence gives a release of about the size
a normally punctuated document gives, because every fact carries a window of its sentence, not all of it."""

from __future__ import annotations

import random
from pathlib import Path

import duckdb

from conftest import make_settings, run_build
from pipeline.text import EVIDENCE_LIMIT

CLAUSES = [
    "Alibaba Group and Baidu said on March 3, 2025 that Tencent had put 5 billion yuan into Zhipu AI",
    "Zhang Wei, chief executive of Moonshot AI, noted that revenue grew 40 percent",
    "Huawei shipped 12,000 Ascend chips to iFlytek in January",
]


def _release_of(root: Path, body: str) -> Path:
    docs = root / "seeds" / "documents"
    docs.mkdir(parents=True)
    (docs / "long.txt").write_text("One long sentence\n\n" + body + "\n", encoding="utf-8")
    result = run_build(make_settings(root / "seeds", root / "dist"))
    assert result.success, [e.message for e in result.all_events if e.is_failure]
    return Path(result.output_for_node("out_release"))


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def test_a_long_single_sentence_gives_a_release_bounded_by_its_input(tmp_path):
    rng = random.Random(13)
    clauses = [rng.choice(CLAUSES) for _ in range(900)]
    one_sentence = ", and ".join(clauses) + "."  # ~70 KB, no sentence end until the last character
    punctuated = ". ".join(clauses) + "."

    long_release = _release_of(tmp_path / "long", one_sentence)
    normal_release = _release_of(tmp_path / "normal", punctuated)

    con = duckdb.connect()
    longest = con.execute(
        f"select max(length(evidence)), count(*) from read_parquet('{long_release}/data/mentions.parquet')").fetchall()
    assert longest[0][1] > 2000 and longest[0][0] <= EVIDENCE_LIMIT
    # Every evidence covers its span: the fact's text sits in it at char_start - evidence_start.
    for table in ("mentions", "quantities", "time_expressions"):
        rows = con.execute(f"select text, char_start, char_end, evidence_start, evidence "
                           f"from read_parquet('{long_release}/data/{table}.parquet')").fetchall()
        assert rows, table
        for text, start, end, at, evidence in rows:
            assert len(evidence) <= EVIDENCE_LIMIT and evidence[start - at:end - at] == text
    # Before the window a 100 KB sentence gave a 745 MB release; now it is a small multiple of the input,
    # and within a small factor of the same text split into sentences.
    assert _size(long_release) < 40 * len(one_sentence.encode())
    assert _size(long_release) < 3 * _size(normal_release)
