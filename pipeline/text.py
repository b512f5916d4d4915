"""Text normalisation and sentence splitting: the text every character offset refers to.

Belongs here: the one normalisation rule for document bodies, and the sentence
splitter that gives every fact its evidence sentence. Both are plain functions
of a string, used by ingestion and by every extractor.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right

_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_body(text: str) -> str:
    """The normalised body: the text that character offsets index.

    The rule (documented in the dataset README): Unicode NFC; line breaks to
    "\\n"; every line stripped; each run of other whitespace (tabs, no-break
    spaces, ...) folded to one space; runs of blank lines folded to one blank
    line, so paragraphs are separated by exactly "\\n\\n"; no leading or
    trailing blank lines.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n")


def word_count(text: str) -> int:
    return len(text.split())


# Words whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    mr mrs ms dr prof sen rep gov gen col lt st mt ft
    inc corp co ltd llc plc bros dept est approx vs etc
    no nos vol fig op ed eds al cf univ assn
    """.split()
)
# Dotted initialisms ("U.S.", "U.K.", "a.m.") end a sentence only before a word
# that usually starts one.
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}$")
_SENTENCE_STARTERS = frozenset(
    """
    The A An It Its He She They We I In On At By For But And Or So This That These
    Those There Here Meanwhile However Still Yet Also According While When After
    Before Since As If Analysts Shares China Chinese
    """.split()
)

# A candidate end: terminal punctuation, closing quotes or brackets, then space.
_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT_START = re.compile(r"\s+([\"'\u201c\u2018(\[]*)(\S+)")


def _ends_sentence(body: str, match: re.Match) -> bool:
    punct_start = match.start()
    nxt = _NEXT_START.match(body, match.end())
    if nxt is None:
        return True
    if "\n" in body[match.end() : nxt.start(2)]:
        return True
    following = nxt.group(2)
    first = following[0]
    if not (first.isupper() or first.isdigit() or nxt.group(1)):
        return False
    if body[punct_start] != ".":
        return True
    # The word before the period.
    word_start = punct_start
    while word_start > 0 and not body[word_start - 1].isspace() and body[word_start - 1] not in "\"'(\u201c":
        word_start -= 1
    word = body[word_start : punct_start + 1]
    bare = word.rstrip(".").lower()
    if bare in _ABBREVIATIONS:
        # "No. 1", "Sept. 28", "Inc. said": the next token continues the sentence.
        return False
    if _INITIALISM.search(word):
        return following.strip("\"'\u201c,") in _SENTENCE_STARTERS
    if len(bare) == 1 and bare.isalpha() and word[:1].isupper():
        # A middle initial ("John F. Kennedy").
        return False
    return True


def split_sentences(body: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over `body`; paragraphs always end sentences."""
    return list(_split_cached(body))


@functools.lru_cache(maxsize=4)
def _split_cached(body: str) -> tuple[tuple[int, int], ...]:
    # Several extractors split the same document in turn; the text is the cache key.
    return tuple(_split(body))


def _split(body: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    para_start = 0
    for para in body.split("\n"):
        para_end = para_start + len(para)
        start = para_start
        # Skip leading spaces of the paragraph (normalised bodies have none).
        for match in _END.finditer(body, para_start, para_end):
            if _ends_sentence(body, match):
                end = match.end()
                if body[start:end].strip():
                    spans.append((start, end))
                start = end
                while start < para_end and body[start] == " ":
                    start += 1
        if body[start:para_end].strip():
            spans.append((start, para_end))
        para_start = para_end + 1
    return spans


class SentenceIndex:
    """Find the sentence that holds a character span."""

    def __init__(self, body: str):
        self.body = body
        self.spans = split_sentences(body)
        self._starts = [s for s, _ in self.spans]

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self._starts, start) - 1
        if i < 0:
            return (start, end)
        s, e = self.spans[i]
        # A span that crosses a sentence end takes every sentence it touches.
        j = i
        while e < end and j + 1 < len(self.spans):
            j += 1
            e = self.spans[j][1]
        return (s, max(e, end))

    def evidence(self, start: int, end: int) -> str:
        s, e = self.sentence_of(start, end)
        return self.body[s:e]
