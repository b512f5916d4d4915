"""Ingestion throughput: documents per second for each input format, on generated files.

Writes N files of each format (written for this benchmark from the generated
corpus) into a temporary seeds folder, then times reading and parsing them with
the pipeline's own ingestion functions (one process, CPU time). Run with
`make bench`; figures go to benchmarks/ingest_results.json.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from html import escape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402

from pipeline.ingest.documents import DEFAULT_MAX_BYTES, ingest  # noqa: E402
from pipeline.ingest.files import read_inputs  # noqa: E402


def _split(doc: str) -> tuple[str, str, str]:
    header, body = doc.split("\n", 1)
    _, stamp, title = header.split(" ", 3)[1:] if header.startswith(" ") else header.split(" ", 2)
    return stamp, title, body.strip()


CHINESE = [
    "{c}今年{m}月发布了新的大模型，参数规模达到{n}亿。", "{c}表示，过去一个季度接口调用量增长了{p}%。",
    "地方政府为{c}的数据中心提供了{n}万元算力补贴。", "{c}的视觉模型已在{n}条生产线上用于质量检测。",
    "分析人士预计，{c}明年的云服务收入将增长{p}%。", "{c}称，国产加速器出货量在{m}月达到{n}万片。",
    "{c}把模型价格下调了{p}%，每百万词元只需{n}元。", "监管部门在{m}月约谈了{c}等{n}家平台企业。",
]
COMPANIES_ZH = ["阿里巴巴", "腾讯", "百度", "华为", "字节跳动", "快手", "科大讯飞", "小米", "智谱", "月之暗面"]


def chinese_story(i: int) -> str:
    rng = random.Random(i)
    return "".join(rng.choice(CHINESE).format(c=rng.choice(COMPANIES_ZH), m=rng.randint(1, 12),
                                              n=rng.randint(2, 9999), p=rng.randint(2, 95)) for _ in range(12))


def render(fmt: str, doc: str, i: int) -> tuple[str, bytes]:
    stamp, title, body = _split(doc)
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    if fmt == "seed_text":
        return f"s{i:05d}.txt", doc.encode()
    if fmt == "plain_text":
        return f"p{i:05d}.txt", f"{title}\n\n{body}\n".encode()
    if fmt == "markdown":
        return f"m{i:05d}.md", (f"---\ntitle: {title}\ndate: {stamp}\npublisher: Bench Wire\n---\n\n# {title}\n\n"
                                + "\n\n".join(paragraphs) + "\n").encode()
    if fmt == "html":
        ps = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        return f"h{i:05d}.html", (
            f"<!DOCTYPE html><html><head><title>{escape(title)}</title>"
            f'<meta property="article:published_time" content="{stamp}T08:00:00Z"></head><body>'
            f"<nav><a href='/'>Home</a></nav><article><h1>{escape(title)}</h1>{ps}</article>"
            f"<footer>Copyright</footer></body></html>").encode()
    if fmt == "latin1_text":
        return f"l{i:05d}.txt", doc.replace("data centres", "caf\u00e9 centres").encode("latin-1", errors="replace")
    if fmt == "gb18030_text":
        # Chinese text in a legacy encoding: the detector has to find it.
        chinese = chinese_story(i)
        return f"g{i:05d}.txt", f" date {stamp} 中文报道 {i}\n\n{chinese}\n".encode("gb18030")
    raise ValueError(fmt)


def multi(fmt: str, docs: list[str]) -> tuple[str, bytes]:
    """One JSON Lines file or one RSS feed holding every document."""
    if fmt == "jsonl":
        lines = []
        for doc in docs:
            stamp, title, body = _split(doc)
            lines.append(json.dumps({"title": title, "date": stamp, "text": body, "publisher": "Bench API"}))
        return "export.jsonl", ("\n".join(lines) + "\n").encode()
    items = []
    for i, doc in enumerate(docs):
        stamp, title, body = _split(doc)
        ps = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
        items.append(f"<item><title>{escape(title)}</title><link>https://bench.example/{i}</link>"
                     f"<pubDate>{stamp}</pubDate><content:encoded><![CDATA[{ps}]]></content:encoded></item>")
    return "feed.xml", ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Bench</title>'
                        + "".join(items) + "</channel></rss>").encode()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=2000, help="documents per format")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "ingest_results.json")
    args = ap.parse_args()
    docs = corpus(args.documents, seed=7)
    results = {}
    for fmt in ("seed_text", "plain_text", "markdown", "html", "latin1_text", "gb18030_text", "jsonl", "feed"):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if fmt in ("jsonl", "feed"):
                name, data = multi(fmt, docs)
                (folder / name).write_bytes(data)
            else:
                for i, doc in enumerate(docs):
                    name, data = render(fmt, doc, i)
                    (folder / name).write_bytes(data)
            start = time.process_time()
            inputs = read_inputs(folder, DEFAULT_MAX_BYTES * 20)
            documents, rejected = ingest(inputs, DEFAULT_MAX_BYTES * 20)
            seconds = time.process_time() - start
        results[fmt] = {"files": len(inputs), "documents": len(documents), "rejected": len(rejected),
                        "cpu_seconds": round(seconds, 3), "documents_per_second": round(len(documents) / seconds, 1)}
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'format':14s} {'files':>6s} {'docs':>6s} {'rejected':>8s} {'cpu s':>8s} {'docs/s':>8s}")
    for fmt, r in results.items():
        print(f"{fmt:14s} {r['files']:6d} {r['documents']:6d} {r['rejected']:8d} {r['cpu_seconds']:8.2f} "
              f"{r['documents_per_second']:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
