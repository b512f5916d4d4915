"""Readers for each input format; each turns decoded text into items (one per document) or rejections.

Formats: the seed text format (` date YYYY-MM-DD Title` first line), plain text,
Markdown with YAML front matter, saved HTML pages (trafilatura), JSON Lines
exports and RSS/Atom feeds (feedparser). A format is chosen by content first,
then by file extension.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath

from pipeline.ingest.clean import (REPLACEMENT, character_reference_note, repair_character_references,
                                   repair_character_references_in_bytes)

WHOLE_FILE = "whole file"
TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
SUPPORTED = "seed .txt, plain .txt, Markdown (.md) with YAML front matter, HTML (.html), JSON Lines (.jsonl), RSS/Atom (.xml, .rss, .atom)"


@dataclass(frozen=True)
class Item:
    """One document found in an input file, before normalisation."""

    item: str
    title: str | None
    text: str
    published_date: date | None
    date_source: str  # header | front_matter | html_metadata | feed | jsonl | dateline | none
    url: str | None = None
    publisher: str | None = None
    language: str | None = None
    notes: tuple[str, ...] = ()  # what the reader repaired, for `documents.ingestion_notes`


@dataclass(frozen=True)
class Problem:
    """Why an item (or a whole file) is not a document: a reason code and what to do."""

    item: str
    reason: str
    message: str


# ---------------------------------------------------------------- detection
_HTML_HEAD = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html)", re.IGNORECASE | re.DOTALL)
_FEED_HEAD = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*(?:<\?xml-stylesheet[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b", re.DOTALL)
_JSON_LINE = re.compile(r"^\s*\{")


def detect_format(source_file: str, text: str) -> str | None:
    """seed_text | plain_text | markdown | html | jsonl | feed, or None when no reader fits."""
    suffix = PurePosixPath(source_file).suffix.lower()
    head = text[:2048]
    if _FEED_HEAD.match(head):
        return "feed"
    if _HTML_HEAD.match(head):
        return "html"
    if suffix in JSONL_SUFFIXES or (suffix not in MARKDOWN_SUFFIXES | HTML_SUFFIXES and _JSON_LINE.match(head)
                                    and head.lstrip().split("\n", 1)[0].rstrip().endswith("}")):
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES or head.startswith("---\n") or head.startswith("---\r\n"):
        return "markdown"
    if _SEED_HEADER.match(text.split("\n", 1)[0]):
        return "seed_text"
    if suffix in TEXT_SUFFIXES:
        return "plain_text"
    return None


# ---------------------------------------------------------------- dates
_SEED_HEADER = re.compile(r"^\ufeff?\s*date\s+(\S+)\s+(.*\S)\s*$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for m in names}
_MONTH = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
# "October 28, 2025" / "Oct. 28, 2025" / "28 October 2025" / "2025-10-28", alone on a line or in a dateline.
_DATE_MDY = re.compile(_MONTH + r"\s+(\d{1,2}),?\s+(\d{4})")
_DATE_DMY = re.compile(r"(\d{1,2})\s+" + _MONTH + r",?\s+(\d{4})")
_DATE_ISO_ANY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+(?:, [A-Za-z .]+)?, (?P<date>.{6,22}?)\s*(?:\((?P<agency>[A-Za-z][\w .&-]+)\))?\s*[-\u2013\u2014]{1,2}")


def parse_iso_date(value: object) -> date | None:
    """A date from an ISO string (date or datetime), a date or a datetime; None when it is not one."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    match = _ISO_DATE.match(value.strip())
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _written_date(text: str) -> date | None:
    for pattern, order in ((_DATE_MDY, "mdy"), (_DATE_DMY, "dmy")):
        match = pattern.search(text)
        if match:
            if order == "mdy":
                month, day, year = match.group(1), match.group(2), match.group(3)
            else:
                day, month, year = match.group(1), match.group(2), match.group(3)
            try:
                key = month.lower().rstrip(".")
                return date(int(year), _MONTHS.get(key) or _MONTHS[key[:3]], int(day))
            except (KeyError, ValueError):
                return None
    match = _DATE_ISO_ANY.search(text)
    if match:
        return parse_iso_date(match.group(0))
    return None


def inferred_date(body: str) -> date | None:
    """The publication date a header-less text gives in its first lines: a date line or a dateline with a year."""
    for line in [l.strip() for l in body.split("\n") if l.strip()][:4]:
        if len(line) <= 40:
            found = _written_date(line)
            if found:
                return found
        match = _DATELINE.match(line)
        if match:
            found = _written_date(match.group("date"))
            if found:
                return found
    return None


def dateline_agency(body: str) -> str | None:
    for line in [l.strip() for l in body.split("\n") if l.strip()][:3]:
        match = _DATELINE.match(line)
        if match and match.group("agency"):
            return match.group("agency").strip()
    return None


# ---------------------------------------------------------------- readers
def read_text(text: str) -> list[Item | Problem]:
    """The seed format, or plain text whose first line is the title."""
    first, _, rest = text.partition("\n")
    header = _SEED_HEADER.match(first)
    if header:
        stamp, title = header.groups()
        published = parse_iso_date(stamp) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stamp) else None
        if published is None:
            return [Problem(WHOLE_FILE, "bad_header",
                            f"header date {stamp!r} is not a calendar date; write the first line as 'date YYYY-MM-DD Title'")]
        return [Item(WHOLE_FILE, title, rest, published, "header")]
    lines = text.strip().split("\n")
    title = lines[0].strip() if lines else ""
    body = "\n".join(lines[1:]) if len(lines) > 1 else ""
    published = inferred_date(body)
    return [Item(WHOLE_FILE, title, body, published, "dateline" if published else "none")]


def read_markdown(text: str) -> list[Item | Problem]:
    """Markdown with YAML front matter (title, date, url, publisher, language); the body as plain text."""
    import yaml

    meta: dict = {}
    body = text
    if text.startswith("---"):
        parts = re.split(r"^---\s*$", text, maxsplit=2, flags=re.MULTILINE)
        if len(parts) < 3:
            return [Problem(WHOLE_FILE, "bad_header", "front matter opens with '---' but never closes; end it with a '---' line")]
        try:
            loaded = yaml.safe_load(parts[1])
        except yaml.YAMLError as exc:
            return [Problem(WHOLE_FILE, "bad_header", f"front matter is not valid YAML ({str(exc).splitlines()[0]}); fix the YAML between the '---' lines")]
        except (ValueError, OverflowError) as exc:  # YAML parses "2024-13-01" as a date and fails
            return [Problem(WHOLE_FILE, "bad_date", f"front matter holds an impossible date ({exc}); write dates as YYYY-MM-DD")]
        if loaded is not None and not isinstance(loaded, dict):
            return [Problem(WHOLE_FILE, "bad_header", "front matter must be a YAML mapping (key: value lines)")]
        meta = loaded or {}
        body = parts[2]
    published = None
    if meta.get("date") not in (None, ""):
        published = parse_iso_date(meta["date"] if not isinstance(meta["date"], str) else meta["date"].strip())
        if published is None:
            return [Problem(WHOLE_FILE, "bad_date", f"front matter date {meta['date']!r} is not a date; write it as YYYY-MM-DD")]
    paragraphs, heading = markdown_text(body)
    title = _str(meta.get("title")) or heading
    if not title and paragraphs:
        title = paragraphs[0][:120]
    return [Item(WHOLE_FILE, title, "\n\n".join(paragraphs), published, "front_matter" if published else "none",
                 url=_str(meta.get("url")), publisher=_str(meta.get("publisher")), language=_str(meta.get("language")))]


def markdown_text(source: str) -> tuple[list[str], str | None]:
    """Paragraphs of plain text from Markdown (markdown-it tokens), and the first heading."""
    from markdown_it import MarkdownIt

    paragraphs: list[str] = []
    heading = None
    in_heading = False
    for token in MarkdownIt("commonmark").parse(source):
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            text = "".join(child.content if child.type in ("text", "code_inline") else " " if child.type in ("softbreak", "hardbreak") else ""
                           for child in token.children or [])
            text = " ".join(text.split())
            if not text:
                continue
            if in_heading and heading is None:
                heading = text
                continue
            paragraphs.append(text)
        elif token.type in ("fence", "code_block"):
            continue
    return paragraphs, heading


def html_fragment_text(fragment: str) -> str:
    """Paragraphs of text from an HTML fragment (lxml), scripts and styles dropped."""
    import lxml.html

    if not fragment.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several parser errors on broken markup
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    blocks = []
    for el in root.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"):
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n\n".join(b for b in blocks if b)


# Fewer words than this left after boilerplate removal means the page held no article.
MIN_HTML_WORDS = 30


def read_html(text: str, source_file: str) -> list[Item | Problem]:
    """The main text and metadata of a saved web page (trafilatura); navigation, ads and scripts dropped."""
    import trafilatura

    text, bad_references = repair_character_references(text)
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception as exc:  # trafilatura surfaces lxml errors on pathological markup
        return [Problem(WHOLE_FILE, "no_text", f"the HTML could not be parsed ({type(exc).__name__}); save the page again")]
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or len(body.split()) < MIN_HTML_WORDS:
        found = len(body.split()) if body else 0
        return [Problem(WHOLE_FILE, "no_text", f"the HTML page has no article text ({found} words outside navigation "
                        "and scripts); save the article page itself")]
    published = parse_iso_date(getattr(doc, "date", None))
    publisher = getattr(doc, "sitename", None) or None
    title = getattr(doc, "title", None)
    lines = body.split("\n")
    if title and lines and " ".join(lines[0].split()) == " ".join(title.split()):
        body = "\n".join(lines[1:])  # the headline repeated as the first line of the text
    return [Item(WHOLE_FILE, title, body.replace("\n", "\n\n"), published,
                 "html_metadata" if published else "none", url=getattr(doc, "url", None) or None,
                 publisher=publisher, language=getattr(doc, "language", None) or None,
                 notes=(character_reference_note(bad_references, "the page"),) if bad_references else ())]


_TEXT_KEYS = ("text", "content", "body", "article", "full_text")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "publishedAt", "pubDate", "datetime")
_URL_KEYS = ("url", "link", "canonical_url")
_PUBLISHER_KEYS = ("publisher", "source", "site", "outlet")


def _first(record: dict, keys: tuple[str, ...]):
    for key in keys:
        value = record.get(key)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        if value not in (None, ""):
            return value
    return None


def _str(value) -> str | None:
    return str(value).strip() or None if value is not None else None


def read_jsonl(text: str) -> list[Item | Problem]:
    """One document per line; a bad line is rejected alone."""
    out: list[Item | Problem] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        item = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(Problem(item, "bad_json", f"line {number} is not JSON ({exc.msg} at column {exc.colno}); fix or remove the line"))
            continue
        except RecursionError:
            out.append(Problem(item, "bad_json", f"line {number} nests too deeply to read; fix or remove the line"))
            continue
        if not isinstance(record, dict):
            out.append(Problem(item, "bad_json", f"line {number} is JSON but not an object; write one {{...}} object per line"))
            continue
        body = _first(record, _TEXT_KEYS)
        if not isinstance(body, str) or not body.strip():
            out.append(Problem(item, "no_text", f"line {number} has no text; give the article in a 'text' field"))
            continue
        raw_date = _first(record, _DATE_KEYS)
        published = parse_iso_date(raw_date) if raw_date is not None else None
        if raw_date is not None and published is None:
            out.append(Problem(item, "bad_date", f"line {number} has date {raw_date!r}, not an ISO date; write it as YYYY-MM-DD"))
            continue
        out.append(Item(item, _str(_first(record, _TITLE_KEYS)), body, published, "jsonl" if published else "none",
                        url=_str(_first(record, _URL_KEYS)), publisher=_str(_first(record, _PUBLISHER_KEYS)),
                        language=_str(record.get("language") or record.get("lang"))))
    if not out:
        out.append(Problem(WHOLE_FILE, "no_text", "the JSON Lines file has no records; remove it or add one object per line"))
    return out


# An entry with fewer words than this is a teaser, not the article.
MIN_FEED_WORDS = 40


def read_feed(data: bytes) -> list[Item | Problem]:
    """RSS or Atom entries that carry the full article (feedparser); summaries alone are rejected."""
    import feedparser

    # feedparser crashes on a reference to a lone surrogate (&#xD800;), losing every entry of the feed.
    data, bad_references = repair_character_references_in_bytes(data)
    parsed = feedparser.parse(data)
    if not parsed.entries:
        why = f" ({parsed.bozo_exception})" if parsed.get("bozo") else ""
        return [Problem(WHOLE_FILE, "bad_feed", f"no feed entries could be read{why}; check the file is a complete RSS or Atom feed")]
    publisher = _str(parsed.feed.get("title"))
    language = _str(parsed.feed.get("language"))
    out: list[Item | Problem] = []
    for number, entry in enumerate(parsed.entries, start=1):
        item = f"entry {number}"
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        html = max(contents, key=len) if contents else ""
        body = html_fragment_text(html)
        if len(body.split()) < MIN_FEED_WORDS:
            summary = html_fragment_text(entry.get("summary", "") or "")
            if len(summary.split()) >= MIN_FEED_WORDS:
                body = summary
        if len(body.split()) < MIN_FEED_WORDS:
            out.append(Problem(item, "no_text", f"entry {number} ({entry.get('title', 'untitled')!r}) carries no full text, "
                               f"only {len(body.split())} words; add the article itself (HTML or text)"))
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
        title, url = _str(entry.get("title")), _str(entry.get("link"))
        # A repaired reference shows as U+FFFD; only the entries that hold one get the note.
        repaired = bad_references and REPLACEMENT in "".join(v or "" for v in (title, body, url, publisher))
        out.append(Item(item, title, body, published, "feed" if published else "none", url=url, publisher=publisher,
                        language=language, notes=(character_reference_note(bad_references, "the feed"),) if repaired else ()))
    return out
