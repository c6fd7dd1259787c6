"""Extractive summaries: the lead sentence for the one-line summary, TextRank for key points.

News puts its most important sentence first, so the lead is the summary; key points are the
sentences most similar to the rest of the article (TextRank over word overlap).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from syntok import segmenter

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


def sentences(text: str) -> list[str]:
    """Sentences of a paragraph, with abbreviations such as "U.S." and "Co." kept whole."""
    out = []
    for paragraph in segmenter.process(text):
        for sentence in paragraph:
            joined = "".join(token.spacing + token.value for token in sentence).strip()
            if out and joined.startswith(("-", "–", "—")) and not out[-1].endswith((".", "!", "?")):
                out[-1] += (
                    " " + joined
                )  # "WASHINGTON (Reuters) - ..." is one sentence with its dateline
            elif joined:
                out.append(joined)
    return out


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
    scores = _textrank(bags)
    best = sorted(sorted(range(len(pool)), key=lambda i: (-scores[i], i))[:count])
    return tuple(pool[i] for i in best)


def _textrank(bags: list[set[str]], damping: float = 0.85, rounds: int = 30) -> list[float]:
    n = len(bags)
    weights = [
        [_similarity(bags[i], bags[j]) if i != j else 0.0 for j in range(n)] for i in range(n)
    ]
    totals = [sum(row) or 1.0 for row in weights]
    # incoming[i]: (j, share of j's weight that flows to i), zero edges left out
    incoming = [
        [(j, weights[j][i] / totals[j]) for j in range(n) if weights[j][i]] for i in range(n)
    ]
    scores = [1.0] * n
    for _ in range(rounds):
        new = [(1 - damping) + damping * sum(w * scores[j] for j, w in edges) for edges in incoming]
        if max(abs(a - b) for a, b in zip(new, scores)) < 1e-6:
            return new
        scores = new
    return scores


def _similarity(a: set[str], b: set[str]) -> float:
    if len(a) < 2 or len(b) < 2:
        return 0.0
    return len(a & b) / (math.log(len(a)) + math.log(len(b)))


def summarize(article: Article) -> Article:
    words = sum(len(b.text.split()) for b in article.blocks if b.kind != "redacted")
    summary = article.overrides.get("summary") or lead_summary(article)
    return replace(article, summary=summary, key_points=key_points(article), words=words)
