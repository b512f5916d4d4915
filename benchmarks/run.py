"""Extraction throughput: our extractors against off-the-shelf glue, on the same generated corpus.

Prints words per second per core (one process, CPU time) for: our full extraction
(normalisation, sentences, quantities, time expressions, entities, roles); spaCy's
tokenizer and rule-based sentence splitter alone; and the glue a user would write
(quantulum3 and dateparser over spaCy's sentences). Writes the figures to
benchmarks/results.json. Run with `make bench`.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import corpus  # noqa: E402

from pipeline.extract import quantities, times  # noqa: E402
from pipeline.extract.entities import EntityFinder  # noqa: E402
from pipeline.extract.registry import load_registry  # noqa: E402
from pipeline.extract.roles import extract_roles  # noqa: E402
from pipeline.ingest.documents import RawInput, parse_document  # noqa: E402
from pipeline.settings import DEFAULT_REFERENCE  # noqa: E402
from pipeline.text import SentenceIndex  # noqa: E402


def _timed(fn, docs) -> tuple[float, int]:
    start = time.process_time()
    words = fn(docs)
    return time.process_time() - start, words


def ours(docs) -> int:
    """Extraction only: documents are ingested before the clock starts (the ingestion benchmark times that)."""
    return extract_all(ingested(docs))


def ingested(docs):
    return [parse_document(RawInput(f"documents/g{i}.txt", text.encode("utf-8"))) for i, text in enumerate(docs)]


def extract_all(parsed) -> int:
    finder = EntityFinder(load_registry(DEFAULT_REFERENCE / "entities.csv"))
    words = 0
    for doc in parsed:
        body = doc.body
        words += doc.word_count
        index = SentenceIndex(body)
        quantities.extract_quantities(body)
        times.extract_time_expressions(body, doc.published_date)
        mentions = finder.find(body).mentions
        extract_roles(body, mentions, index)
    return words


def _sentencizer():
    """spaCy's rule-based sentence splitter on a blank English pipeline (no model download)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_sentences(docs) -> int:
    nlp = _sentencizer()
    words = 0
    for text in docs:
        body = text.split("\n", 1)[1]
        words += len(body.split())
        list(nlp(body).sents)
    return words


def glue(docs) -> int:
    import dateparser.search
    from quantulum3 import parser

    nlp = _sentencizer()
    words = 0
    for text in docs:
        header, body = text.split("\n", 1)
        published = date.fromisoformat(header.split()[1])
        words += len(body.split())
        for sent in nlp(body).sents:
            parser.parse(sent.text)
            dateparser.search.search_dates(sent.text, languages=["en"],
                                           settings={"RELATIVE_BASE": _midnight(published)})
    return words


def _midnight(d: date):
    from datetime import datetime

    return datetime(d.year, d.month, d.day)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=2000)
    ap.add_argument("--glue-documents", type=int, default=200,
                    help="the glue is slow: it runs on the first N documents (its rate is per word, so comparable)")
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.json")
    args = ap.parse_args()
    docs = corpus(args.documents)
    results = {"documents": len(docs), "python": platform.python_version(), "machine": platform.machine()}
    seconds, words = _timed(extract_all, ingested(docs))
    results["ours"] = {"documents": len(docs), "words": words, "cpu_seconds": round(seconds, 3),
                       "words_per_second_per_core": round(words / seconds)}
    for name, fn, n in (("spacy_sentencizer", spacy_sentences, len(docs)), ("glue_quantulum3_dateparser", glue, args.glue_documents)):
        try:
            seconds, words = _timed(fn, docs[:n])
        except ImportError as exc:
            results[name] = {"skipped": f"{exc}; run `make bench` to install requirements-bench.lock"}
            continue
        results[name] = {"documents": n, "words": words, "cpu_seconds": round(seconds, 3),
                         "words_per_second_per_core": round(words / seconds)}
    if "words_per_second_per_core" in results.get("glue_quantulum3_dateparser", {}):
        results["speedup_over_glue"] = round(results["ours"]["words_per_second_per_core"]
                                             / results["glue_quantulum3_dateparser"]["words_per_second_per_core"], 1)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"{'pipeline':34s} {'docs':>6s} {'words':>9s} {'cpu s':>8s} {'words/s/core':>13s}")
    for name in ("ours", "spacy_sentencizer", "glue_quantulum3_dateparser"):
        r = results.get(name, {})
        if "skipped" in r:
            print(f"{name:34s} skipped: {r['skipped']}")
            continue
        print(f"{name:34s} {r['documents']:6d} {r['words']:9d} {r['cpu_seconds']:8.2f} {r['words_per_second_per_core']:13,d}")
    if "speedup_over_glue" in results:
        print(f"ours is {results['speedup_over_glue']}x the glue's throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main())
