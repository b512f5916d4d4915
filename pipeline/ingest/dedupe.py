"""Near-duplicate detection: the same story republished with small edits is kept once.

Documents are compared by the Jaccard similarity of their word 5-gram sets.
Candidates come from MinHash signatures (one-permutation hashing into 32 bins)
and locality-sensitive hashing in 8 bands of 4 rows, so a corpus is never
compared pair by pair: a pair at Jaccard 0.8 shares a band with probability
about 0.98, a pair at 0.3 with about 0.06; every candidate is then checked
exactly.
"""

from __future__ import annotations

import zlib
import re
from collections import defaultdict

SHINGLE = 5
BINS = 32
BANDS = 8
ROWS = BINS // BANDS
THRESHOLD = 0.8
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_EMPTY = 1 << 64


def tokens(text: str) -> list[str]:
    """Words; in Chinese, Japanese or Korean text, which has no spaces, each character is a token."""
    return _TOKEN.findall(text.lower())


def shingles(text: str) -> set[int]:
    words = tokens(text)
    if len(words) < SHINGLE:
        return {_hash(" ".join(words))} if words else set()
    return {_hash(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _hash(text: str) -> int:
    # Two fast, deterministic 32-bit checksums make one 64-bit shingle hash (Python's hash() varies per run).
    data = text.encode("utf-8")
    return zlib.crc32(data) << 32 | zlib.adler32(data)


def signature(grams: set[int]) -> tuple[int, ...]:
    """One-permutation MinHash: the smallest hash in each of BINS bins, empty bins filled from the next."""
    mins = [_EMPTY] * BINS
    for h in grams:
        b = h % BINS
        v = h // BINS
        if v < mins[b]:
            mins[b] = v
    if all(m == _EMPTY for m in mins):
        return tuple(mins)
    filled = list(mins)
    for i in range(BINS):
        j = i
        while filled[i] == _EMPTY:
            j = (j + 1) % BINS
            filled[i] = mins[j] + (j - i) % BINS * 7919 if mins[j] != _EMPTY else _EMPTY
    return tuple(filled)


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class NearDuplicateIndex:
    """Add documents in order; `match` names an earlier document the new one nearly repeats."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._sets: dict[str, set[int]] = {}
        self._buckets: dict[tuple, list[str]] = defaultdict(list)

    def match(self, key: str, text: str) -> tuple[str, float] | None:
        grams = shingles(text)
        sig = signature(grams)
        bands = [(b, sig[b * ROWS:(b + 1) * ROWS]) for b in range(BANDS)]
        candidates: dict[str, None] = {}
        for band in bands:
            for other in self._buckets.get(band, ()):
                candidates[other] = None
        best = None
        for other in candidates:
            score = jaccard(grams, self._sets[other])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (other, score)
        if best is None:
            self._sets[key] = grams
            for band in bands:
                self._buckets[band].append(key)
        return best
