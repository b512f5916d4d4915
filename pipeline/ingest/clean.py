"""Clean text before it leaves ingestion: no lone surrogate anywhere, metadata on one line.

Belongs here: the repairs every text field gets (lone surrogates become U+FFFD, with a note) and
the rules for one-line metadata fields (title, publisher, url, language): control characters and
zero-width characters out, whitespace folded. Bodies keep their own rule
(`pipeline.text.normalise_body`); file paths are escaped, not folded (`files.display_path`), so
two files never share a name.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.text import INVISIBLE_CHARACTERS

REPLACEMENT = "\ufffd"
_PAIR = re.compile(r"[\ud800-\udbff][\udc00-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# C0 and C1 controls, DEL, and the line and paragraph separators: none belongs in a one-line field.
_CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
_CONTROL = re.compile(f"[{_CONTROL_CHARACTERS}]")
# Invisible characters that make two equal-looking values differ.
_ZERO_WIDTH = re.compile(f"[{INVISIBLE_CHARACTERS}]")
_INVISIBLE = re.compile(f"[{_CONTROL_CHARACTERS}{INVISIBLE_CHARACTERS}]")  # both of the above
_SPACE_RUN = re.compile(r"\s+")
# A numeric character reference in HTML or XML: &#55296; or &#xD800;
_CHAR_REF = r"&#(?:[xX]0*([0-9a-fA-F]{1,12})|0*([0-9]{1,16}));"
_CHAR_REF_TEXT = re.compile(_CHAR_REF)
_CHAR_REF_BYTES = re.compile(_CHAR_REF.encode())


def repair_surrogates(text: str) -> tuple[str, list[str]]:
    """The text with surrogate pairs joined and lone surrogates replaced by U+FFFD, and the ones replaced.

    Lone surrogates come from JSON or YAML escapes ("\\ud800"); they cannot be written as UTF-8.

    >>> repair_surrogates("a\\ud800b\\ud83d\\ude00")
    ('a\\ufffdb\\U0001f600', ['\\ud800'])
    """
    if not _SURROGATE.search(text):
        return text, []
    joined = _PAIR.sub(lambda m: chr(0x10000 + (ord(m[0][0]) - 0xD800 << 10) + ord(m[0][1]) - 0xDC00), text)
    return _SURROGATE.sub(REPLACEMENT, joined), _SURROGATE.findall(joined)


def repair_field(field: str, text: str) -> tuple[str, str | None]:
    """`repair_surrogates` on one field, and the note that says what it replaced (None when nothing).

    >>> repair_field("title", "A \\ud800 title")
    ('A \\ufffd title', 'title: 1 lone surrogate (U+D800) replaced by U+FFFD')
    """
    repaired, replaced = repair_surrogates(text)
    if not replaced:
        return text, None
    plural = "s" if len(replaced) > 1 else ""
    shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in replaced})[:3])
    return repaired, f"{field}: {len(replaced)} lone surrogate{plural} ({shown}) replaced by U+FFFD"


def one_line(value: str | None) -> str | None:
    """A metadata value on one line: NFC, controls become a space, zero-width characters go, spaces folded.

    None when nothing is left.

    >>> one_line("Chips\\r\\n\\tforecast\\x00 cut\\u200b")
    'Chips forecast cut'
    """
    if value is None:
        return None
    text = _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", value))
    return " ".join(_CONTROL.sub(" ", text).split()) or None


def escape_invisible(text: str) -> str:
    """Controls and zero-width characters as visible "\\uXXXX" escapes, for a value that must stay distinct.

    For file paths: folding would give two files one path, so each character is spelled out instead.

    >>> escape_invisible("a\\nb\\u200bc")
    'a\\\\u000ab\\\\u200bc'
    """
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def clean_url(value: str | None) -> str | None:
    """A URL as a browser reads an href: controls and zero-width characters removed, inner spaces as %20.

    Removing rather than spacing joins a URL that a feed or front matter wrapped over two lines.

    >>> clean_url(" https://example.com/a\\n/b c\\u200b ")
    'https://example.com/a/b%20c'
    """
    if value is None:
        return None
    text = _ZERO_WIDTH.sub("", _CONTROL.sub("", value)).strip()
    return _SPACE_RUN.sub("%20", text) or None


def _is_bad_reference(match: re.Match) -> bool:
    """A reference to a lone surrogate or beyond U+10FFFF, which no text can hold."""
    value = int(match[1], 16) if match[1] else int(match[2])
    return 0xD800 <= value <= 0xDFFF or value > 0x10FFFF


def repair_character_references(markup: str) -> tuple[str, int]:
    """HTML or XML with references to lone surrogates or beyond U+10FFFF turned into &#xFFFD;, and how many.

    Parsers either crash on them (feedparser) or replace them silently (lxml); this way it is said.

    >>> repair_character_references("a &#xD800; b &#233; c &#1114112;")
    ('a &#xFFFD; b &#233; c &#xFFFD;', 2)
    """
    bad = [m for m in _CHAR_REF_TEXT.finditer(markup) if _is_bad_reference(m)]
    if not bad:
        return markup, 0
    return _CHAR_REF_TEXT.sub(lambda m: "&#xFFFD;" if _is_bad_reference(m) else m[0], markup), len(bad)


def repair_character_references_in_bytes(markup: bytes) -> tuple[bytes, int]:
    """`repair_character_references` on undecoded bytes (a feed is parsed from its bytes).

    >>> repair_character_references_in_bytes(b"<title>&#55296;</title>")
    (b'<title>&#xFFFD;</title>', 1)
    """
    bad = [m for m in _CHAR_REF_BYTES.finditer(markup) if _is_bad_reference(m)]
    if not bad:
        return markup, 0
    return _CHAR_REF_BYTES.sub(lambda m: b"&#xFFFD;" if _is_bad_reference(m) else m[0], markup), len(bad)


def character_reference_note(count: int, where: str) -> str:
    """The note for a document whose markup (`where`: "the page", "the feed") held `count` references that
    `repair_character_references` replaced.

    >>> character_reference_note(1, "the page")
    'markup: the page held 1 character reference to a lone surrogate or beyond U+10FFFF (e.g. &#xD800;); replaced by U+FFFD'
    """
    plural = "s" if count > 1 else ""
    return (f"markup: {where} held {count} character reference{plural} to a lone surrogate or beyond U+10FFFF "
            "(e.g. &#xD800;); replaced by U+FFFD")
