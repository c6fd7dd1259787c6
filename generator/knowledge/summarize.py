"""Extractive summaries: the lead sentence for the one-line summary, TextRank for key points.

News puts its most important sentence first, so the lead is the summary; key points are the
sentences most similar to the rest of the article (TextRank over word overlap).

Sentences come from sentencex (Wikimedia's rule-based segmenter, compiled Rust with a linear-time
regex engine): about 70 times faster than syntok here, and it leaves contractions ("don't") and
semicolons alone, which syntok rewrote ("donot") or split on. Only a bounded leading part of each
paragraph is segmented, so the stage costs the same for a 2 MB one-line seed as for a news story.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import numpy
import sentencex

from ..records import Article

SUMMARY_WORDS = 45
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "said",
        "says",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "not",
        "no",
        "than",
        "then",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "about",
        "into",
        "over",
        "after",
        "before",
        "also",
        "more",
        "most",
    ]
)


SEGMENTED_CHARS = 30_000
"""How much of one paragraph is cut into sentences: far more than the lead and the MAX_POOL
key-point candidates (at most 60 words each) can use, so a huge paragraph costs no more."""
_LIST_NUMBER = re.compile(r"\d{1,3}[.)]")
"""A numbered list item's label ("1."), which is not a sentence of its own."""
_SPLIT_INITIALS = re.compile(r"(?:^|[\s(-])[A-Z]\.$")
"""A piece ending in one capital and a full stop, as in "non-U." before "S. affiliates"."""
_INITIAL_START = re.compile(r"[A-Z]\.")


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph, with abbreviations such as "U.S." and "Co." kept whole.

    Only the first SEGMENTED_CHARS characters are read; a sentence cut there is left out.
    """
    head = text[:SEGMENTED_CHARS]
    found = sentencex.get_sentence_boundaries("en", head)
    spans = [(b["start_index"], b["end_index"]) for b in found]
    if len(text) > SEGMENTED_CHARS and len(spans) > 1:
        spans.pop()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and _continues(head[slice(*merged[-1])].strip(), head[start:end].strip()):
            merged[-1] = (merged[-1][0], end)  # the text between stays as it was ("non-U.S.")
        elif head[start:end].strip():
            merged.append((start, end))
    return [head[start:end].strip() for start, end in merged]


def _continues(previous: str, piece: str) -> bool:
    """Whether `piece` is the rest of the sentence before it, which the segmenter cut wrongly."""
    if not piece:
        return False
    # "WASHINGTON (Reuters) - ..." is one sentence with its dateline
    dateline = piece.startswith(("-", "–", "—")) and not previous.endswith((".", "!", "?"))
    numbered = _LIST_NUMBER.fullmatch(previous) is not None  # "1." "The order"
    # "non-U." "S.": the start of the piece is asked first, a search of the sentence before only
    # when it starts with an initial (rarely)
    initials = _INITIAL_START.match(piece) and _SPLIT_INITIALS.search(previous)
    return bool(dateline or numbered or initials)


def lead_summary(article: Article) -> str:
    """The first real sentence(s) of the body, up to about SUMMARY_WORDS words."""
    for block in article.blocks:
        if block.kind != "p" or len(block.text.split()) < 12:
            continue
        picked: list[str] = []
        for sentence in sentences(block.text):
            if picked and len(" ".join(picked).split()) + len(sentence.split()) > SUMMARY_WORDS:
                break
            picked.append(sentence)
        text = " ".join(picked)
        words = text.split()
        return text if len(words) <= SUMMARY_WORDS + 15 else " ".join(words[:SUMMARY_WORDS]) + "…"
    return article.subtitle or ""


MAX_POOL = 60  # TextRank is quadratic; the lead of a long piece is where the news is
TIE_DIGITS = 9


def key_points(article: Article, count: int = 3) -> tuple[str, ...]:
    """The `count` most central sentences among the first MAX_POOL, in the order they appear."""
    pool: list[str] = []
    for block in article.blocks:
        if block.kind == "p" and len(pool) < MAX_POOL:
            pool += [s for s in sentences(block.text) if 8 <= len(s.split()) <= 60]
    pool = pool[:MAX_POOL]
    if len(pool) <= count:
        return tuple(pool)
    bags = [{w.lower() for w in _WORD.findall(s)} - _STOP for s in pool]
    # Rounded, so sentences whose scores differ only by float noise tie, and the earlier one wins
    scores = [round(score, TIE_DIGITS) for score in _textrank(bags)]
    best = sorted(sorted(range(len(pool)), key=lambda i: (-scores[i], i))[:count])
    return tuple(pool[i] for i in best)


def _textrank(bags: list[set[str]], damping: float = 0.85, rounds: int = 30) -> list[float]:
    """PageRank over the sentence-similarity graph (a pool is <= MAX_POOL sentences).

    Element-wise numpy only, no matrix product: BLAS would start threads that, on a busy
    machine, cost more than the arithmetic, and its summation order differs between builds.
    """
    weights = _similarities(bags)
    totals = weights.sum(axis=1)
    totals[totals == 0] = 1.0
    # flow[i, j]: the share of sentence j's weight that flows to sentence i
    flow = (weights / totals[:, None]).T
    scores = numpy.ones(len(bags))
    for _ in range(rounds):
        new = (1 - damping) + damping * (flow * scores).sum(axis=1)
        if numpy.abs(new - scores).max() < 1e-6:
            return new.tolist()
        scores = new
    return scores.tolist()


def _similarities(bags: list[set[str]]) -> numpy.ndarray:
    """Shared words over log(size a) + log(size b) for each pair; 0 on the diagonal and for bags
    of fewer than two words. A bag is a bit mask over the pool's words, so a pair costs one AND
    and a bit count."""
    vocabulary = {word: i for i, word in enumerate(sorted(set().union(*bags)))}
    masks = [sum(1 << vocabulary[word] for word in bag) for bag in bags]
    logs = [math.log(len(bag)) if len(bag) >= 2 else None for bag in bags]
    weights = numpy.zeros((len(bags), len(bags)))
    for i, (mask, log) in enumerate(zip(masks, logs)):
        for j in range(i + 1, len(bags)):
            if log is None or logs[j] is None:
                continue
            shared = (mask & masks[j]).bit_count()
            if shared:
                weights[i, j] = weights[j, i] = shared / (log + logs[j])
    return weights


def summarize(article: Article) -> Article:
    words = sum(len(b.text.split()) for b in article.blocks if b.kind != "redacted")
    summary = article.overrides.get("summary") or lead_summary(article)
    return replace(article, summary=summary, key_points=key_points(article), words=words)
