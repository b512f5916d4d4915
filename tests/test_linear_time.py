"""Every extractor is linear in its input: 4x the text takes about 4x the time, never 16x.

Each case builds an adversarial text of n and of 4n characters from one repeated shape (digit runs, hyphen chains,
comma lists, month names, titles, repeated dates, sentences with no full stop, ...) and runs a real extractor on both.
The check is the ratio time(4n) / time(n), measured here, not an absolute time: a linear extractor gives about 4, a
quadratic one about 16, so the bound of 6 leaves room for noise. Each timing is the best of 3 (more when the ratio is
near the bound), and each run repeats the call until it takes at least 30 ms, so that timer noise does not decide. The
shapes are the ones that were quadratic (or worse) before the extractors were made linear; the property test draws
more from the same ingredients.
"""

from __future__ import annotations

import gc
import time
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import text as text_module
from pipeline.extract import entities as entities_module
from pipeline.extract.entities import EntityFinder
from pipeline.extract.registry import load_registry
from pipeline.extract.roles import extract_roles
from pipeline.extract.times import extract_time_expressions
from pipeline.settings import DEFAULT_REFERENCE
from pipeline.text import split_sentences

FINDER = EntityFinder(load_registry(DEFAULT_REFERENCE / "entities.csv"))
PUBLISHED = date(2025, 10, 28)
MAX_RATIO = 6.0
MIN_RUN = 0.03  # seconds: a timed run repeats the call until it takes at least this long
REPEATS = 3


# The per-document caches (sentence spans, word positions): cleared before every call, so that each does all its work.
CACHES = [f for module in (text_module, entities_module) for f in vars(module).values() if hasattr(f, "cache_clear")]


def _fresh():
    for cache in CACHES:
        cache.cache_clear()


def _run(call, body: str, times: int) -> float:
    start = time.perf_counter()
    for _ in range(times):
        _fresh()
        call(body)
    return time.perf_counter() - start


def growth(call, make, n: int) -> float:
    """time(4n) / time(n) for `call` on the texts make(n) and make(4n), each the best of REPEATS runs (of up to
    three times as many when the ratio is near the bound).

    >>> growth(len, lambda n: "x" * n, 1000) < 100
    True
    """
    small, large = make(n), make(4 * n)
    for body in (small, large):
        getattr(call, "prepare", lambda _: None)(body)  # what the call needs that is not timed
    # With the garbage collector off, as timeit has it: its passes over a heap of match objects add time that grows
    # with everything allocated so far, not with the work the extractor does.
    gc.collect()
    gc.disable()
    try:
        once = _run(call, small, 1)
        times = max(1, int(MIN_RUN / max(once, 1e-6)) + 1)
        t_small = t_large = float("inf")
        for i in range(3 * REPEATS):  # small and large in turn, so a busy spell on the machine slows both alike
            t_small = min(t_small, _run(call, small, times))
            t_large = min(t_large, _run(call, large, times))
            if t_large > 5 * MAX_RATIO * t_small:
                break  # already far past the bound: more runs would only take long
            if i + 1 >= REPEATS and not MAX_RATIO <= t_large / t_small < 2 * MAX_RATIO:
                break  # clear either way; a borderline ratio (a noisy spell, most likely) gets more runs
    finally:
        gc.enable()
    return t_large / t_small


def repeat(unit: str, prefix: str = "", suffix: str = ""):
    """A maker of texts: `unit` repeated to about n characters, between `prefix` and `suffix`."""
    return lambda n: prefix + unit * max(1, (n - len(prefix) - len(suffix)) // len(unit)) + suffix


def numbered(unit):
    """A maker of texts from unit(0), unit(1), ...: a different name in each repeat."""
    def make(n: int) -> str:
        parts, size, i = [], 0, 0
        while size < n:
            parts.append(unit(i))
            size += len(parts[-1])
            i += 1
        return "".join(parts)
    return make


def _word(i: int) -> str:
    """A short lower-case word for each number: 0 -> "a", 26 -> "aa"."""
    out, i = "", i + 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(97 + r) + out
    return out


def find_entities(body: str):
    return FINDER.find(body)


def find_times(body: str):
    return extract_time_expressions(body, PUBLISHED)


class Roles:
    """extract_roles with the mentions found before the clock starts (the entity finder is timed on its own)."""

    def __init__(self):
        self.mentions = {}

    def prepare(self, body: str) -> None:
        if body not in self.mentions:
            self.mentions[body] = FINDER.find(body).mentions

    def __call__(self, body: str):
        return extract_roles(body, self.mentions[body])


# (case, extractor, text maker, n): the shapes that grew quadratically or worse, with where they did.
CASES = [
    # entities: patterns that backtracked over one long token or list
    ("product-code digits", find_entities, repeat("1", "A"), 5000),  # _PRODUCT_CODE
    ("name list with no and", find_entities, repeat("Aa, "), 5000),  # _NAME_LIST
    ("hyphen chain", find_entities, repeat("-1", "A", "-!"), 5000),  # _MODEL_HYPHEN
    ("long word before model", find_entities, repeat("x", "the Q"), 5000),  # _MODEL_BEFORE_NOUN
    ("possessive run", find_entities, repeat("Aa's ", "", "Group"), 1000),  # _ORG_RUN: _organisation per run
    # entities: per-mention rescans of the document or of every mention
    ("repeated version", find_entities, repeat("DeepSeek V4 "), 5000),  # _version_echoes
    ("repeated abbreviation", find_entities, repeat("Lumen Group (LG) "), 5000),  # _abbreviations
    ("lists with a known name", find_entities, repeat("Baidu, Aa, Ab and Ac. "), 20000),  # _coordinated
    ("people sharing a surname", find_entities,
     numbered(lambda i: f"Zhang {_word(i).capitalize()}, chief executive of Qa{_word(i)} Group, said. "), 5000),
    ("surname also named alone", find_entities,
     numbered(lambda i: f"said Zhang {_word(i).capitalize()}. surnamed Zhang. "), 20000),  # _short_forms
    # time expressions: a rescan of the sentence (or of the paragraph) for every date in it
    ("dates and ranges", find_times, repeat("January 1, February 2 - March 3 "), 5000),  # _Context.undated
    ("abbreviated dates", find_times, repeat("Jan. 1, "), 5000),  # undated, _is_dateline
    ("dates without spaces", find_times, repeat("January 1,"), 5000),
    ("offsets with no anchor", find_times, repeat("a year earlier "), 20000),  # _Context.anchor
    # roles: per-person scans of a sentence that never ends
    ("attributions with titles", Roles(), repeat("said Zhang Wei, chief executive of Alibaba Group. "), 5000),
    ("attributions", Roles(), repeat("said Zhang Wei, "), 5000),
    ("founders", Roles(), repeat("founded by Zhang Wei, "), 5000),
    ("who heads", Roles(), repeat("Zhang Wei, who heads "), 5000),
    ("the company's officer", Roles(), repeat("the company's chief executive Zhang Wei said. "), 5000),
    # sentence splitting, which times, roles and the document context all use
    ("dotted initialisms", split_sentences, repeat("A.", "", "xx. B"), 5000),  # _INITIALISM
    ("run of full stops", split_sentences, repeat(".", "a", "a"), 5000),  # _END
    ("run of exclamation marks", split_sentences, repeat("!", "a", "x b"), 5000),
]


@pytest.mark.parametrize("case,call,make,n", CASES, ids=[c[0] for c in CASES])
def test_time_grows_linearly(case, call, make, n):
    ratio = growth(call, make, n)
    assert ratio < MAX_RATIO, f"{case}: {len(make(4 * n))} characters took {ratio:.1f}x the time of {len(make(n))}"


def test_long_sentences_are_cut():
    """A stretch of 5,000 characters with no sentence end is read as pieces of at most MAX_SENTENCE characters."""
    body = "said Zhang Wei, chief executive of Alibaba Group. " * 100
    spans = split_sentences(body)
    assert max(e - s for s, e in spans) <= text_module.MAX_SENTENCE
    assert spans[0][0] == 0 and spans[-1][1] == len(body.rstrip())
    assert all(body[s:e] == body[s:e].strip() for s, e in spans)


# Ingredients of adversarial text: digits, capitals, hyphens, commas, month names, titles, attributions, dates.
INGREDIENTS = ["1", "A", "Aa", "Q", "x", "-", "-1", ",", ", ", ".", "!", "'s", "A.", " ", "and", "the", "its",
               "January", "Jan.", "March 3", "2025", "2025-2026", "Q3", "a year earlier", "the previous quarter",
               "chief executive of", "said Zhang Wei,", "Zhang Wei, who heads", "founded by", "Alibaba Group",
               "Lumen Group (LG)", "DeepSeek V4", "GLM-4.5", "Ministry of", "surnamed Zhang", "model", "chip"]
EXTRACTORS = {"entities": find_entities, "times": find_times, "roles": Roles()}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(st.sampled_from(INGREDIENTS), min_size=1, max_size=6),
       glue=st.sampled_from(["", " ", ", ", "-"]), extractor=st.sampled_from(sorted(EXTRACTORS)))
def test_adversarial_text_grows_linearly(pieces, glue, extractor):
    unit = glue.join(pieces) + " "
    ratio = growth(EXTRACTORS[extractor], repeat(unit), 16000)
    assert ratio < MAX_RATIO, f"{extractor} on {unit!r} repeated: 4x the text took {ratio:.1f}x the time"
