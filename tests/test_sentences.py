"""generator.knowledge.sentences: the sentence around a position, abbreviations kept whole."""
from __future__ import annotations

from generator.knowledge.sentences import MAX_SENTENCE_CHARS, sentence_at, sentence_spans


def test_spans_keep_abbreviations_and_closing_quotes():
    text = "The U.S. Commerce Dept. acted. “We never did,” he said. Mr. Ma agreed! Shares fell 10 percent."
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "The U.S. Commerce Dept. acted.", "“We never did,” he said.", "Mr. Ma agreed!", "Shares fell 10 percent."]


def test_sentence_at_a_position_and_a_long_run_is_cut():
    text = "First one. Second has Huawei in it. Third."
    assert sentence_at(text, text.index("Huawei")) == "Second has Huawei in it."
    long = "word " * 300
    assert len(sentence_at(long, 10)) <= MAX_SENTENCE_CHARS + 2 and sentence_at(long, 10).endswith("…")
