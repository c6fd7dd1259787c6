"""Regular expressions that run in linear time, whatever the seed text: compiled on RE2.

Python's `re` backtracks: a pattern with adjacent or nested unbounded quantifiers can take hours
on a line a few kilobytes long that almost matches. RE2 (google-re2) runs every pattern as an
automaton, in time linear in the text, and refuses what it cannot do that way (backreferences,
lookaround). A pattern that sees seed text is compiled here; one RE2 refuses fails at import, so
a super-linear pattern can never slip in unnoticed.

Python's meanings are kept where RE2's differ: `\\w` and `\\W` cover every script's letters and
digits (RE2's are ASCII), and the `re` flags become inline flags. (`\\b` stays ASCII in RE2: it
differs from Python's only between a non-ASCII letter and an ASCII one.)
"""
from __future__ import annotations

import logging
import re

import re2

# RE2 reports a refused pattern on stderr through absl logging, and raises as well; the raise is enough.
logging.getLogger("absl").setLevel(logging.ERROR)

_FLAGS = ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"))
_WORD = r"\pL\pN_"
_SUPPORTED_FLAGS = re.IGNORECASE | re.DOTALL | re.MULTILINE


class NotLinear(ValueError):
    """A pattern RE2 cannot run in linear time (a backreference, a lookaround ...)."""


def compile(pattern: str, flags: int = 0):
    """The pattern compiled on RE2, with Python's `re` flags and Unicode `\\w`.

    The result has the `re.Pattern` methods the extractors use: search, match, fullmatch, finditer,
    findall, sub, split. Raises NotLinear for a pattern RE2 refuses.
    """
    if flags & ~_SUPPORTED_FLAGS:
        raise NotLinear(f"unsupported flags {flags!r} for {pattern[:60]!r}")
    inline = "".join(letter for flag, letter in _FLAGS if flags & flag)
    translated = (f"(?{inline})" if inline else "") + unicode_words(pattern)
    try:
        return re2.compile(translated)
    except re2.error as exc:
        raise NotLinear(f"not a linear-time pattern ({exc}): {pattern[:80]!r}") from exc


def unicode_words(pattern: str) -> str:
    """`\\w` and `\\W` written as RE2 Unicode classes, inside and outside character classes."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            if escape == "w":
                out.append(_WORD if in_class else f"[{_WORD}]")
            elif escape == "W" and not in_class:
                out.append(f"[^{_WORD}]")
            elif escape == "W":
                raise NotLinear(f"\\W inside a character class is not supported: {pattern[:80]!r}")
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            # a `]` or `^]` right after the opening bracket is a literal, not the end of the class
            for literal in ("^]", "]", "^"):
                if pattern.startswith(literal, i + 1):
                    out.append(literal)
                    i += len(literal)
                    break
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        else:
            out.append(char)
        i += 1
    return "".join(out)


def find_closing(lower: str, name: str, start: int, memo: dict[str, int]) -> int:
    """Where `</name` first appears in `lower` (lowercased markup) at or after start, or -1.

    The memo remembers the last answer per element name, so asking for every one of 60,000
    unclosed `<script>` tags costs one scan of the page, not one scan per tag; `start` must
    therefore never decrease between calls with one memo.
    """
    known = memo.get(name)
    if known is not None and (known == -1 or known >= start):
        return known
    tag = f"</{name}"
    found = lower.find(tag, start)
    while found >= 0 and lower[found + len(tag):found + len(tag) + 1] not in _TAG_END:
        found = lower.find(tag, found + 1)  # `</p` of a `</pre>` does not close a `<p>`
    memo[name] = found
    return found


_TAG_END = frozenset(" \t\n\r\f>/")
