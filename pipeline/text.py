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

# Characters that show nothing: soft hyphen, zero-width space, non-joiner, joiner, word joiner and byte order
# mark. They make equal-looking text differ and split numbers ("5\u200b000"): ingestion removes them from
# metadata, and the quantity extractor reads bodies as if they were absent. Declared once here for both.
INVISIBLE_CHARACTERS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
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

# A candidate end: terminal punctuation, closing quotes or brackets, then space. It starts only at the first mark of a
# run and never gives marks back: a long run of "!" or "." not followed by a space is then read once, not once per mark.
_END = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+(?=\s)")
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
    if _INITIALISM.search(word[-4:]):  # the last two letters decide; a long dotted word is not searched throughout
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


# The longest sentence the splitter returns. News sentences run to a few hundred characters (411 at most in the
# evaluation sets); a longer stretch with no sentence end (a flattened table, a list, text without full stops) is cut
# into pieces of at most this many characters, after the last "; " inside the limit, else the last ", ", else the last
# space, else at the limit itself. Extractors work sentence by sentence, so this bounds the work per sentence.
MAX_SENTENCE = 1000


def _pieces(body: str, start: int, end: int, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """The sentence body[start:end] as spans of at most `limit` characters: itself when it is short enough.

    >>> _pieces("aa bb, cc dd; ee ff", 0, 19, limit=8)
    [(0, 6), (7, 13), (14, 19)]
    """
    out = []
    while end - start > limit:
        cut = _cut(body, start, start + limit)
        out.append((start, cut))
        start = cut
        while start < end and body[start] == " ":
            start += 1
    if body[start:end].strip():
        out.append((start, end))
    return out


def _cut(body: str, lo: int, hi: int) -> int:
    """Where a piece of body[lo:] that ends by `hi` ends: after a "; " or ", ", before a space, else at `hi`."""
    for mark in ("; ", ", "):
        i = body.rfind(mark, lo + 1, hi + 1)
        if i != -1:
            return i + 1
    i = body.rfind(" ", lo + 1, hi + 1)
    return i if i != -1 else hi


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
                    spans += _pieces(body, start, end)
                start = end
                while start < para_end and body[start] == " ":
                    start += 1
        if body[start:para_end].strip():
            spans += _pieces(body, start, para_end)
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

    def evidence(self, start: int, end: int, limit: int = None) -> tuple[int, str]:
        """The evidence for [start, end): its offset in the body and its text, at most `limit` characters.

        The sentence that holds the span, or, for a longer sentence, a window of it around the span cut at
        word boundaries, so a fact never carries thousands of characters of evidence.

        >>> SentenceIndex("Qwen grew. DeepSeek R1 was released in January.").evidence(11, 22)
        (11, 'DeepSeek R1 was released in January.')
        """
        s, e = self.sentence_of(start, end)
        return evidence_window(self.body, s, e, start, end, EVIDENCE_LIMIT if limit is None else limit)


# The most characters of evidence a fact carries (more only when its own span is longer).
EVIDENCE_LIMIT = 300


def evidence_window(body: str, s: int, e: int, start: int, end: int, limit: int = EVIDENCE_LIMIT) -> tuple[int, str]:
    """The part of the sentence body[s:e] around the span [start, end) that fits in `limit` characters.

    The span is centred (room one side does not use goes to the other), and each end moves inwards to a
    word boundary unless that would cut into the span. Returns (offset in body, text).

    >>> evidence_window("a bb ccc dddd eeeee", 0, 19, 9, 13, limit=14)
    (5, 'ccc dddd')
    """
    if e - s <= limit:
        return s, body[s:e]
    room = max(0, limit - (end - start))
    left = min(start - s, room // 2)
    right = min(e - end, room - left)
    left = min(start - s, room - right)  # what the right side could not use
    lo, hi = start - left, end + right
    if lo > s and not body[lo - 1].isspace():  # cut inside a word: start after the next space instead
        space = body.find(" ", lo, start)
        lo = space + 1 if space != -1 else start
    if hi < e and not body[hi].isspace():
        space = body.rfind(" ", end, hi)
        hi = space if space != -1 else end
    while lo < start and body[lo].isspace():
        lo += 1
    while hi > end and body[hi - 1].isspace():
        hi -= 1
    return lo, body[lo:hi]
