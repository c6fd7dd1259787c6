"""A body-cleaning rule that reads the line-role model's roles (roles.py), as a rule among the
rules of parse.py.

The rules know furniture by its phrases and shapes; a promotion, a tag list or a "Back to news"
link in words no pattern has is kept as article text. The model, trained on the labelled pages,
reads a line with its neighbours. So, after the rules, a line every rule keeps as article text
is dropped when the model tags it as furniture (DROP_ROLES) with probability at least
DROP_CONFIDENCE, its reason naming the role and the probability (records.RoleReason), unless it
reads as a sentence or is a list's item: the model's mistakes, measured by cross-validation on
the development part, were the article's short closing sentences ("A spokesman declined to
comment.") and the items of a bulleted list, and losing a sentence of the article is worse than
keeping a line of furniture.

The opposite rule (keep a line a rule drops where the model is sure it is body) was measured too
and left out: at 0.9, 0.95 and 0.98 it kept no labelled sentence the rules drop, and kept one
line of furniture more.

The tags are the seed's, made once by the pipeline's roles stage (Article.roles); lines past
roles.MAX_TAGGED_LINES have none and are cleaned by the rules alone.
"""

from __future__ import annotations

from ..records import LineRoles, RoledLine, RoleReason
from . import patterns as P

DROP_ROLES = frozenset({"caption", "related", "chrome", "footer", "comment"})
"""Roles of lines that are neither the article's text nor its header."""
DROP_CONFIDENCE = 0.7
"""Chosen by two-fold cross-validation on the development part (bench/role_body_folds.py, a
model trained on one fold cleans the other): furniture dropped 92.1 % by the rules alone, 93.5 %
at 0.6, 93.3 % at 0.7, 92.8 % at 0.8, 92.6 % at 0.9, body kept 99.9 % at every one; the 174
unlabelled lines it dropped at 0.7 were all furniture (tag lists, "Go to full article", "Ready
for more?"), at 0.5 and 0.6 it also took a product's subheadings."""
SENTENCE_END = (".", "!", "?")
SENTENCE_MIN_WORDS = 4
CLOSING_QUOTES = "”’\"')"


def unit_roles(units: list[str], tags: LineRoles | None) -> list[RoledLine | None]:
    """The model's reading of each unit of parse.to_units: a unit that is one line of the text
    has its line's role. A unit parse joined from hard-wrapped lines has none (the model read
    its pieces, not the paragraph), nor have units past the tagged lines or after the two
    readings of the text part."""
    found: list[RoledLine | None] = [None] * len(units)
    lines = tags.lines if tags is not None else ()
    j = 0
    for i, unit in enumerate(units):
        if j >= len(lines):
            break
        k, joined = j + 1, lines[j].text
        while len(joined) < len(unit) and k < len(lines):
            joined += " " + lines[k].text
            k += 1
        if joined != unit:
            break  # the rules alone clean the rest
        found[i] = lines[j] if k == j + 1 else None
        j = k
    return found


def reads_as_sentence(line: str) -> bool:
    """Prose: a few words closed by a full stop, a question or exclamation mark, or two
    sentences and more (whatever closes the line: "... pointed us to the filing. ®")."""
    return len(line.split()) >= SENTENCE_MIN_WORDS and (
        line.rstrip(CLOSING_QUOTES).endswith(SENTENCE_END) or bool(P.SENTENCE_BREAK.search(line))
    )


def role_drop(line: RoledLine | None) -> RoleReason | None:
    """The reason to drop a line the rules keep: the model is sure it is furniture and it is no
    sentence; None to keep it."""
    if (
        line is None
        or line.role not in DROP_ROLES
        or line.confidence < DROP_CONFIDENCE
        or reads_as_sentence(line.text)
        or P.BULLET.match(line.text)  # a list's item: the model tags a product's features related
    ):
        return None
    return RoleReason(line.role, round(line.confidence, 2))
