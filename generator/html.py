"""Saved HTML pages: trafilatura finds the article and the page's own metadata."""
from __future__ import annotations

import trafilatura

# trafilatura's metadata key -> our field name.
_HINT_KEYS = {"title": "title", "author": "author", "date": "date", "sitename": "publication", "url": "url"}


def html_to_text(html: str) -> tuple[str, dict]:
    """The article's text with one paragraph per line, and metadata hints from the page's markup."""
    document = trafilatura.bare_extraction(html, include_comments=False, include_tables=False,
                                           with_metadata=True, favor_precision=True)
    if document is None:
        return "", {}
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    hints = {ours: " ".join(str(data[theirs]).split()) for theirs, ours in _HINT_KEYS.items() if data.get(theirs)}
    if "author" in hints:
        hints["author"] = ", ".join(a.strip() for a in hints["author"].split(";") if a.strip())
    text = (data.get("text") or "").replace("\n", "\n\n")
    return text, hints
