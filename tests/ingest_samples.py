"""Input files of every supported format and every bad case, written for the tests."""

from __future__ import annotations

import json

STORY = ("Harbor Bridge Research said on Wednesday it now expects Chinese AI chip shipments to grow 35 percent "
         "this year, down from an earlier forecast of 50 percent, as supply of advanced packaging stays tight. "
         "The firm said domestic designers would ship about 1.2 million accelerators in 2026.")


def story(n: int) -> str:
    """A distinct article body (each differs enough not to be a near duplicate of another)."""
    topics = ["robot makers", "cloud providers", "chip designers", "hospital groups", "port operators",
              "car makers", "banks", "schools", "power grids", "media groups", "farm cooperatives", "city governments"]
    topic = topics[n % len(topics)]
    return (f"Report {n}: {topic.capitalize()} in China raised spending on AI systems by {10 + n} percent in the "
            f"first quarter, according to a survey of {200 + n * 7} {topic} published on Monday by Qinghe Capital. "
            f"About {n % 9 + 1} in 10 {topic} said they planned to deploy a large model before the end of the year, "
            f"and {topic} in the survey reported average savings of {3 + n % 5} million yuan each. Analysts said the "
            f"figures for {topic} reflected cheaper model prices and more local suppliers of computing power.")


HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbor Bridge cuts AI chip forecast | Example News</title>
<link rel="canonical" href="https://news.example.com/tech/harbor-bridge-chips">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2026-02-12T08:30:00+08:00">
<script>var tracker = "SCRIPT_TEXT_MUST_NOT_APPEAR";</script></head>
<body><nav><a href="/">Home</a> | <a href="/subscribe">NAV_TEXT_MUST_NOT_APPEAR</a></nav>
<div class="advert">Advertisement: ADVERT_TEXT_MUST_NOT_APPEAR</div>
<article><h1>Harbor Bridge cuts AI chip forecast</h1>
<p>SHENZHEN, Feb. 11 -- """ + STORY + """</p>
<p>"Packaging, not lithography, is the bottleneck this year," said Dai Ming, a senior analyst at Harbor Bridge Research.</p>
</article><footer>Copyright 2026 Example News. FOOTER_TEXT_MUST_NOT_APPEAR</footer></body></html>
"""

HTML_NO_ARTICLE = """<!DOCTYPE html><html><head><title>Login</title><script>var x = 1;</script></head>
<body><nav><a href="/">Home</a></nav><form><input name="user"></form></body></html>"""

MARKDOWN = """---
title: Lotus Semiconductor ships Peony chips
date: 2026-03-02
url: https://notes.example.org/lotus
publisher: Example Notes
language: en
---

# Lotus Semiconductor ships Peony chips

Lotus Semiconductor Co said it shipped **12,000** Peony X3 chips in February, *up 40 percent* from January.

- The chips go to [cloud providers](https://example.org) in Suzhou.
"""


def rss(entries: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>https://feed.example.com/{i}</link>"
        f"<pubDate>Tue, 10 Mar 2026 08:00:00 GMT</pubDate><description>Short teaser.</description>"
        + (f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>" if body else "")
        + "</item>"
        for i, (title, body, _) in enumerate(entries))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title>'
            f'<link>https://feed.example.com</link><language>en</language>{items}</channel></rss>\n')


def atom(title: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            '<title>Atom Wire</title><id>urn:example:atom</id><updated>2026-04-01T00:00:00Z</updated>'
            f'<entry><title>{title}</title><id>urn:example:1</id><link href="https://atom.example.com/1"/>'
            f'<published>2026-04-01T09:00:00Z</published><updated>2026-04-01T09:00:00Z</updated>'
            f'<content type="html">&lt;p&gt;{body}&lt;/p&gt;</content></entry></feed>\n')


def jsonl(records: list) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def mixed_folder_files() -> dict[str, bytes]:
    """Every format and every bad case; the value is the file's bytes."""
    chinese = "人工智能产业快速发展，企业数量超过五千家。" * 8
    traditional = "人工智慧產業快速發展，企業數量超過五千家。" * 8
    files = {
        "seed.txt": f" date 2026-01-05 Seed format story\n\nBEIJING, Jan. 5 (Xinhua) -- {story(1)}\n".encode(),
        "plain_dateline.txt": f"Plain text with a dateline\n\nBEIJING, Jan. 6, 2026 (Xinhua) -- {story(2)}\n".encode(),
        "plain_nodate.txt": f"Plain text without a date\n\n{story(3)}\n".encode(),
        "notes.md": MARKDOWN.encode(),
        "page.html": HTML.encode(),
        "export.jsonl": jsonl([
            {"title": "JSONL one", "text": story(4), "date": "2026-02-01", "url": "https://j.example.com/1", "publisher": "Example API"},
            {"title": "JSONL two", "text": story(5), "date": "2026-02-02T10:00:00Z"},
            "{not json at all",
            {"title": "No text here", "date": "2026-02-03"},
            {"title": "Bad date", "text": story(6), "date": "02/30/2026"},
        ]).encode(),
        "wire.xml": rss([("Feed story one", story(7), ""), ("Teaser only", "", "")]).encode(),
        "atom.atom": atom("Atom story", story(8)).encode(),
        "bom_utf8.txt": ("\ufeff date 2026-01-07 UTF-8 with BOM\n\n" + story(9)).encode("utf-8"),
        "utf16.txt": (" date 2026-01-08 UTF-16 file\n\n" + story(10)).encode("utf-16"),
        "gb18030.txt": (" date 2026-01-09 简体中文\n\n" + chinese).encode("gb18030"),
        "big5.txt": (" date 2026-01-10 繁體中文\n\n" + traditional).encode("big5"),
        "latin1.txt": (" date 2026-01-11 Latin-1 caf\u00e9 story\n\n" + story(11).replace("Analysts", "Caf\u00e9 analysts")).encode("latin-1"),
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "huge.txt": b" date 2026-01-12 Huge\n\n" + b"word " * 300_000,
        "damaged.txt": "\ufeff date 2026-01-13 Damaged\n\nCaf\u00e9 ".encode("utf-8") + b"\xff\xfe\xfd broken",
        "bad_header.txt": f" date 2026-13-45 Bad header\n\n{story(12)}\n".encode(),
        "nothing.html": HTML_NO_ARTICLE.encode(),
        "seed_copy.txt": f" date 2026-01-05 Seed format story\n\nBEIJING, Jan. 5 (Xinhua) -- {story(1)}\n".encode(),
        "seed_republished.txt": f" date 2026-01-06 Seed story republished\n\nBEIJING, Jan. 5 (Xinhua) -- {story(1)} Editing by Wire Desk.\n".encode(),
        "formula.txt": f" date 2026-01-14 =HYPERLINK(\"http://evil.example\",\"click\")\n\n{story(13)}\n".encode(),
    }
    return files
