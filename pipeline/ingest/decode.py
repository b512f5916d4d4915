"""Bytes to text: byte-order marks, UTF-8, then a maintained detector for legacy encodings.

The rule (documented in the dataset README): a byte-order mark decides (UTF-8,
UTF-16, UTF-32); UTF-16 without a BOM is recognised by its zero bytes; otherwise
strict UTF-8; a file that is almost UTF-8 but has a few invalid bytes is rejected
as damaged rather than guessed; otherwise mostly-ASCII text is read as
Windows-1252 (the Western superset of Latin-1 that English news sites used);
otherwise charset-normalizer picks the encoding (GB18030/GBK, Big5, ...). Line breaks
are then unified to "\\n" (`unify_line_breaks`) before any reader splits lines, and
bodies are normalised to NFC by `pipeline.text.normalise_body`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

# File signatures of common binary formats that are never documents.
_MAGIC = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"BZh",
          b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"RIFF")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


_NON_ASCII = bytes(range(128, 256))
# Control bytes that do not occur in text (tab, line feed, form feed and carriage return do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


class DecodeError(ValueError):
    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when NULs fall on every other byte, as in UTF-16 Latin text."""
    sample = data[:8192]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2 or 1
    if odd > 0.4 * half and even == 0:
        return "utf-16-le"
    if even > 0.4 * half and odd == 0:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    if data.startswith(_MAGIC):
        return True
    if any(data.startswith(bom) for bom, _ in _BOMS) or utf16_without_bom(data):
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample) - len(sample.translate(None, _CONTROL))
    return control > 0.1 * max(len(sample), 1)


def unify_line_breaks(text: str) -> str:
    """Windows ("\\r\\n") and old Mac ("\\r") line breaks as "\\n", so every reader splits lines alike.

    Without it a file with "\\r" line breaks is one long first line: a title and no body.

    >>> unify_line_breaks("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes) -> Decoded:
    """Text and the encoding it was read with; DecodeError says why not."""
    if looks_binary(data):
        raise DecodeError("binary_file", "the file holds binary data, not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeError("undecodable", f"starts with a {encoding} byte-order mark but byte {exc.start} "
                                  f"is not valid {encoding}") from exc
    utf16 = utf16_without_bom(data)
    if utf16:
        try:
            return Decoded(data.decode(utf16), utf16)
        except UnicodeDecodeError as exc:
            raise DecodeError("undecodable", f"looks like {utf16} but byte {exc.start} is not valid") from exc
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # UTF-8 with a few corrupt bytes: guessing another encoding would garble the valid text.
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd")
    multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if multibyte >= 2 * bad and multibyte > 0:
        raise DecodeError("undecodable", f"mostly UTF-8 but byte {first_bad} (and {bad - 1} more) is invalid; "
                          "the file is damaged: re-save or re-download it as UTF-8")
    non_ascii = len(data) - len(data.translate(None, _NON_ASCII))
    if non_ascii <= 0.05 * len(data):
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            return Decoded(data.decode("latin-1"), "latin-1")
    best = charset_normalizer.from_bytes(
        data, cp_exclusion=["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]).best()
    if best is None or best.encoding is None:
        raise DecodeError("undecodable", "no text encoding fits these bytes")
    return Decoded(str(best), best.encoding)
