"""Normalisation and sentence splitting."""

from pipeline.text import SentenceIndex, normalise_body, split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_normalise_folds_spaces_and_blank_lines():
    raw = "First\u00a0 line\t here.  \r\n\r\n\r\n  Second para.\n"
    assert normalise_body(raw) == "First line here.\n\nSecond para."


def test_normalise_is_nfc():
    assert normalise_body("Cafe\u0301") == "Caf\u00e9"


def test_abbreviated_months_do_not_split():
    assert sentences("On Sept. 28, the firm said it grew. Shares rose.") == [
        "On Sept. 28, the firm said it grew.", "Shares rose."]


def test_initialisms_and_company_suffixes():
    text = "The U.S. Commerce Department acted. Acme Inc. said sales rose 4.5 percent. It was No. 1 in Asia."
    assert sentences(text) == ["The U.S. Commerce Department acted.", "Acme Inc. said sales rose 4.5 percent.",
                               "It was No. 1 in Asia."]


def test_initialism_at_sentence_end_before_a_starter():
    assert sentences("Exports went to the U.S. The firm disagreed.") == ["Exports went to the U.S.", "The firm disagreed."]


def test_quotes_close_sentences():
    text = '"We will grow," said Ms. Li. "Costs fell." Analysts agreed.'
    assert sentences(text) == ['"We will grow," said Ms. Li.', '"Costs fell."', "Analysts agreed."]


def test_paragraphs_always_split():
    assert sentences("A headline without a period\n\nBody starts here.") == ["A headline without a period", "Body starts here."]


def test_sentence_index_finds_evidence():
    text = "One sentence here. Another with 42 items."
    index = SentenceIndex(text)
    start = text.index("42")
    assert index.evidence(start, start + 2) == (text.index("Another"), "Another with 42 items.")


def test_evidence_from_a_long_sentence_is_a_window_at_word_boundaries():
    # One 20,000-character "sentence": the evidence is at most 300 characters around the span.
    words = [f"word{i}" for i in range(3000)]
    body = " ".join(words[:1500]) + " Kling 2.1 " + " ".join(words[1500:]) + "."
    start = body.index("Kling")
    at, evidence = SentenceIndex(body).evidence(start, start + 9)
    assert len(evidence) <= 300 and body[at:at + len(evidence)] == evidence
    assert at < start and start + 9 < at + len(evidence)
    assert body[at - 1] == " " and body[at + len(evidence)] == " "  # whole words at both ends
    assert abs((start - at) - (at + len(evidence) - start - 9)) < 20  # centred on the span


def test_evidence_window_keeps_a_span_longer_than_the_limit():
    body = "x" * 500 + " " + "y" * 400 + " " + "z" * 500
    at, evidence = SentenceIndex(body).evidence(501, 901)
    assert (at, evidence) == (501, "y" * 400)
