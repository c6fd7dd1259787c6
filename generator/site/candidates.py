"""The discovery section of the build report: company-like names the config does not know, with
counts, an example sentence and a digest.yml snippet to paste under `companies:`."""

from __future__ import annotations

from collections.abc import Sequence

from ..knowledge.discovery import discover, snippet
from ..records import Article
from .markup import Md

_FENCE = "~~~~"


def candidates_context(articles: Sequence[Article]) -> dict:
    """Template values for report.md.j2: `candidates` rows and the `candidates_yaml` block."""
    found = discover(articles)
    rows = [
        {
            "name": d.name,
            "spellings": ", ".join(d.spellings),
            "articles": d.articles,
            "rule": d.rule,
            "sentence": d.sentence,
            "seed": d.seed,
        }
        for d in found
    ]
    # Names come from a pattern of letters, digits and &'’- only, so they cannot close the fence.
    text = snippet(found).replace(_FENCE, "")
    block = Md(f"{_FENCE} yaml\n{text}{_FENCE}") if text else ""
    return {"candidates": rows, "candidates_yaml": block}
