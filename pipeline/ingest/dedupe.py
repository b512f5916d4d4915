"""Near-duplicate detection: the same story republished with small edits is kept once.

Documents are compared by the Jaccard similarity of their word 5-gram sets.
Candidates come from a bottom-k sketch (the k smallest shingle hashes, a
consistent sample), so a corpus is not compared pair by pair.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict

SHINGLE = 5
SKETCH = 16
THRESHOLD = 0.8
_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {_hash(" ".join(words))} if words else set()
    return {_hash(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class NearDuplicateIndex:
    """Add documents in order; `match` names an earlier document the new one nearly repeats."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._sets: dict[str, set[int]] = {}
        self._by_hash: dict[int, list[str]] = defaultdict(list)

    def match(self, key: str, text: str) -> tuple[str, float] | None:
        grams = shingles(text)
        sketch = sorted(grams)[:SKETCH]
        seen: dict[str, int] = defaultdict(int)
        for h in sketch:
            for other in self._by_hash.get(h, ()):
                seen[other] += 1
        best = None
        for other, _ in sorted(seen.items(), key=lambda kv: -kv[1]):
            score = jaccard(grams, self._sets[other])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (other, score)
        if best is None:
            self._sets[key] = grams
            for h in sketch:
                self._by_hash[h].append(key)
        return best
