"""Line roles: every line of a seed's text is chrome, kicker, title, dek, byline, date, body,
caption, related, comment or footer, as a small trained linear-chain CRF says.

The model (generator/data/roles.crfsuite, crfsuite's own binary format, no pickle) is trained by
`make train` from the development part of the labelled set (generator/role_training.py); its
features are in role_features.py. The pipeline's `roles` stage tags a seed's text once
(`tag_text`) into the article's `roles`; body cleaning (role_body.py), the byline rule
(role_use.py) and the `role title` stage (`with_role_title`, which lets the model correct the
rules' headline) all read those tags.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pycrfsuite

from ..config import Config
from ..records import Article, Found, LineRoles, RoledLine
from . import linear
from . import patterns as P
from .parse import furniture_reason, is_meta_line
from .role_features import as_crfsuite, line_features, text_lines

ROLES = (
    "chrome",
    "kicker",
    "title",
    "dek",
    "byline",
    "date",
    "body",
    "caption",
    "related",
    "comment",
    "footer",
)
MODEL_PATH = Path(__file__).resolve().parent.parent / "data" / "roles.crfsuite"
TITLE_OVERRIDE_CONFIDENCE = 0.5
"""The model's title line replaces the rules' title only above this marginal probability, and
only when no line the model tags title holds the rules' title. Chosen by two-fold
cross-validation on the development part (titles right: rules 84.6 %, model line 86.7 %, this
combination 91.8 %; 0.3 gave 91.4, 0.7 gave 89.2); on the sealed part, measured once after the
choice: rules 93.7 %, combination 94.9 %."""


MAX_TAGGED_LINES = 300
"""Only the first lines are tagged: a seed of 20,000 short lines took 16 s here, and lines past
these are cleaned by the rules alone. The longest labelled text has 67 lines."""


@lru_cache(maxsize=2)
def _tagger(path: str) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def model_sha256(path: Path = MODEL_PATH) -> str:
    """Hash of the model file, for the cache key: retraining invalidates cached results."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _tagged(text: str, config: Config, path: Path) -> tuple[list[str], pycrfsuite.Tagger] | None:
    """The non-blank lines of `text` and the tagger holding their features (set once, so the best
    path and every marginal come from one feature computation); None for an empty text."""
    lines, gaps = text_lines(text)
    lines, gaps = lines[:MAX_TAGGED_LINES], gaps[:MAX_TAGGED_LINES]
    if not lines:
        return None
    tagger = _tagger(str(path))
    tagger.set([as_crfsuite(f) for f in line_features(lines, gaps, config)])
    return lines, tagger


def _path(lines: list[str], tagger: pycrfsuite.Tagger) -> list[RoledLine]:
    roles = tagger.tag()
    return [
        RoledLine(i, line, role, tagger.marginal(role, i))
        for i, (line, role) in enumerate(zip(lines, roles, strict=True))
    ]


def _most_likely(lines: list[str], tagger: pycrfsuite.Tagger, role: str) -> RoledLine:
    scores = [tagger.marginal(role, i) for i in range(len(lines))]
    best = max(range(len(lines)), key=lambda i: (scores[i], -i))
    return RoledLine(best, lines[best], role, scores[best])


def tag_text(text: str, config: Config, path: Path = MODEL_PATH) -> LineRoles:
    """The model's reading of `text`: the first MAX_TAGGED_LINES non-blank lines with their most
    likely roles, and the most title-like line; one feature computation and one tagging."""
    tagged = _tagged(text, config, path)
    if tagged is None:
        return LineRoles((), None)
    return LineRoles(tuple(_path(*tagged)), _most_likely(*tagged, "title"))


def tag_lines(text: str, config: Config, path: Path = MODEL_PATH) -> list[RoledLine]:
    """The first MAX_TAGGED_LINES non-blank lines of `text`, each with its most likely role."""
    tagged = _tagged(text, config, path)
    return _path(*tagged) if tagged else []


def best_line(text: str, role: str, config: Config, path: Path = MODEL_PATH) -> RoledLine | None:
    """The line most likely to have `role` (by marginal probability), whatever the best path says;
    None for an empty text. Picks the title even where the path tagged none."""
    tagged = _tagged(text, config, path)
    return _most_likely(*tagged, role) if tagged else None


def roles_of(article: Article, config: Config) -> LineRoles:
    """The article's line roles: those the pipeline tagged from the seed's text, or, for an
    article put together without them (a test, a caller of one stage), its own lines tagged."""
    if article.roles is not None:
        return article.roles
    from .role_use import article_text  # role_use reads metadata, which reads this package

    return tag_text(article_text(article), config)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def title_from_roles(tags: LineRoles, rules_title: str | None) -> RoledLine | None:
    """The line to use as the title instead of the rules' one, or None to keep the rules' title:
    when no line tagged title holds the rules' title and the model's most title-like line is
    confident enough (TITLE_OVERRIDE_CONFIDENCE)."""
    best = tags.title
    if best is None:
        return None
    wanted = _norm(rules_title) if rules_title else ""
    if wanted and any(t.role == "title" and wanted in _norm(t.text) for t in tags.lines):
        return None
    if best.confidence < TITLE_OVERRIDE_CONFIDENCE or _print_header(best.text):
        return None
    if P.BULLET.match(best.text):
        return None  # a bullet point under the headline summarises it; no headline is bulleted
    if furniture_reason(best.text) not in (None, "navigation") or P.REPRINT_CREDIT.match(best.text):
        return None  # a line the furniture rules name, or "Provided by X", is never the headline
    above = next((t for t in tags.lines if t.index == best.index - 1), None)
    if above is not None and P.TEASER_LABEL.match(above.text):
        return None  # under "Top stories" or "Up next" stands another story's headline
    return best if _norm(best.text) != wanted else None


# A browser's print header: "12/6/19, 9:41 AM Page Title - Site" tops every printed page.
_PRINT_STAMP = linear.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}\s*[AaPp][Mm]\b")


def _print_header(line: str) -> bool:
    """A dated line of page chrome, not a headline: a print stamp or a byline or date line."""
    return bool(_PRINT_STAMP.match(line)) or is_meta_line(line)


TRUSTED_TITLE_SOURCES = ("seed front-matter",)
"""Titles the model never overrides: the one a person wrote into the seed. A saved page's own
metadata title is a rule the model may still correct (portals put their own name or another
story's headline there); that is the combination chosen on the development part."""


def with_role_title(article: Article, config: Config) -> Article:
    """The article with the model's title line when it beats the rules' (title_from_roles)."""
    found = article.found.get("title")
    if "title" in article.overrides or (found and found.method.startswith(TRUSTED_TITLE_SOURCES)):
        return article
    better = title_from_roles(roles_of(article, config), article.title)
    if better is None or _is_page_description(better.text, article):
        return article
    from .metadata import clean_title  # metadata imports this package's patterns; import late

    title = clean_title(better.text)
    if not title or _is_body_paragraph(better.text, article):
        return article
    provenance = Found("line-role model", round(better.confidence, 2))
    return replace(article, title=title, found={**article.found, "title": provenance})


def without_repeated_title(article: Article) -> Article:
    """The subtitle once the title is final, without a part that repeats the headline: the rules
    read the dek before the model corrected the title, so the real headline can sit in it
    ("Headline; Dek" when the rules' title was another line above)."""
    if not article.subtitle or "subtitle" in article.overrides:
        return article
    title = _norm(article.title or "")
    parts = [p for p in article.subtitle.split("; ") if _norm(p) != title]
    subtitle = "; ".join(parts) or None
    if subtitle == article.subtitle:
        return article
    found = {k: v for k, v in article.found.items() if k != "subtitle" or subtitle}
    return replace(article, subtitle=subtitle, found=found)


def _is_page_description(line: str, article: Article) -> bool:
    """The line the page's own metadata gives as its description (a clipper's `description:`,
    a saved page's description tag): the page calls it the dek, so it is not the headline, even
    where the headline is not shown in the text and only the metadata title names it."""
    description = article.hints.get("description")
    return bool(description) and _norm(line) == _norm(str(description))


def _is_body_paragraph(line: str, article: Article) -> bool:
    """A line the body cleaner kept as article text is prose, not the headline: taking it would
    also show it twice, as the title and as the lead."""
    wanted = " ".join(line.split())
    return any(
        block.kind == "p" and " ".join(block.text.split()) == wanted for block in article.blocks
    )
