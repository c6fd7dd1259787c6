"""Read seed files: find them safely, decode any encoding, split off the user's override block.

This is the only per-seed stage that touches the file system.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import yaml

from ..records import Level, Problem, Seed
from ..site.addresses import ADDRESSES_FILE
from . import linear
from .convert_markdown import looks_like_markdown
from .safe_yaml import UnsafeYaml, load_front_matter

# Fields a seed's own front-matter may set, with the types each accepts.
OVERRIDE_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "subtitle": (str, type(None)),
    "author": (str, list, type(None)),
    "date": (str, dt.date, type(None)),
    "publication": (str, type(None)),
    "url": (str, type(None)),
    "companies": (list,),
    "topics": (list,),
    "summary": (str,),
    "slug": (str,),
}

# Magic numbers of binary formats people drop into folders by mistake.
_MAGIC = {
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)",
    b"%PDF": "PDF document",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x7fELF": "executable",
    b"\x1f\x8b": "gzip archive",
    b"Rar!": "RAR archive",
    b"\xd0\xcf\x11\xe0": "old Office document",
}
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Control characters: dropped from text (line breaks are kept), escaped in file names.
_TEXT_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_BREAK_TAG = linear.compile(r"<br\s{0,4}/?>", re.IGNORECASE)
_LINE_BREAKS = re.compile("[\x0b\x0c\x85\u2028\u2029]")
# Bidirectional embeddings, overrides and isolates: "Ban \u202eexe.gnp\u202c Lifted" shows as "Ban
# png.exe Lifted". Removed from the text (the seed file keeps them); escaped, with the marks, in
# file names.
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{_BIDI_CONTROLS}]")
_NAME_BIDI = re.compile(f"[{_BIDI_CONTROLS}\u200e\u200f\u061c]")
# Every space separator (Unicode category Zs) becomes a plain space.
_SPACE_SEPARATORS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u202f\u205f\u3000"
)
_SPACES = str.maketrans(dict.fromkeys(_SPACE_SEPARATORS, " "))
# A front-matter line: `key:` (value or nothing after), a list item, a continuation or a comment.
_YAML_LINE = re.compile(
    r"""^(?:(?:[\w"'][\w"' .-]{0,60}|'[^'\n]{0,80}'|"[^"\n]{0,80}")\s*:(?:\s|$)|\s|-(?:\s|$)|\#)"""
)
MAX_FRONT_MATTER_CHARS = 20_000
_OVER_LIMIT = f", and over {MAX_FRONT_MATTER_CHARS:,} characters"


def _what_is_wrong(exc: Exception) -> str:
    return "cannot be read safely" if isinstance(exc, UnsafeYaml) else "is not valid YAML"

# A saved page starts with page structure: a doctype, <html>, <head> or <body>, after at most an
# XML declaration and comments ("<!-- saved from url=... -->"). A text that merely mentions a
# `<div>`, or Markdown with a line of inline HTML, is not a page.
_PAGE_START = linear.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[^>]*-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE,
)


def find_seed_files(seeds_dir: Path) -> tuple[list[Path], list[Problem]]:
    """Every regular file under seeds_dir, sorted; anything else there is reported, never silently
    skipped.

    Hidden files and folders, symbolic links that lead outside seeds/ (or nowhere), links to folders
    and special files (pipes, sockets, devices) are not read; each gets a Problem naming it.
    """
    root = seeds_dir.resolve()
    files: list[Path] = []
    problems: list[Problem] = []

    def skip(path: Path, level: Level, message: str) -> None:
        problems.append(Problem(seed_name(path, seeds_dir), "ingest", level, message))

    for folder, dirs, names in os.walk(
        seeds_dir,
        onerror=lambda exc: skip(
            Path(exc.filename or seeds_dir),
            Level.ERROR,
            f"cannot open this folder ({exc.strerror}); check its permissions",
        ),
    ):
        here = Path(folder)
        for d in sorted(dirs):
            path = here / d
            if d.startswith("."):
                skip(
                    path,
                    Level.INFO,
                    "hidden folder skipped with everything in it; rename it without the "
                    "leading dot to publish its files",
                )
            elif path.is_symlink():
                where = _link_target(path, root)
                if where == "inside":
                    skip(
                        path,
                        Level.INFO,
                        "symbolic link to a folder inside seeds/ was not followed; its files "
                        "are read where they really are",
                    )
                else:
                    skip(
                        path,
                        Level.ERROR,
                        f"symbolic link {_LINK_PROBLEMS[where]} was not followed; copy the "
                        "folder's files into seeds/ instead",
                    )
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (here / d).is_symlink())
        for n in sorted(names):
            path = here / n
            if n.startswith("."):
                skip(
                    path,
                    Level.INFO,
                    "hidden file skipped; rename it without the leading dot to publish it",
                )
            elif path.is_symlink() and _link_target(path, root) != "inside":
                skip(
                    path,
                    Level.ERROR,
                    f"symbolic link {_LINK_PROBLEMS[_link_target(path, root)]} was not "
                    "followed; copy the file itself into seeds/",
                )
            elif here == seeds_dir and n == ADDRESSES_FILE:
                continue  # the build's own record of page addresses, not an article
            elif path.is_file():
                files.append(path)
            elif path.is_symlink():
                skip(
                    path,
                    Level.ERROR,
                    "symbolic link that does not lead to a readable file; "
                    "replace it with the file itself",
                )
            else:
                skip(
                    path,
                    Level.ERROR,
                    "not a regular file (a pipe, socket or device); remove it from seeds/",
                )
    return sorted(files), problems


_LINK_PROBLEMS = {
    "outside": "pointing outside seeds/",
    "broken": "to something that does not exist",
    "loop": "in a loop of links",
}


def _link_target(path: Path, root: Path) -> str:
    """Where a symbolic link finally leads: inside (root), outside, broken (nothing there) or
    loop."""
    try:
        target = path.resolve(strict=True)
    except RuntimeError:  # Python 3.11 and 3.12 raise this for a loop
        return "loop"
    except OSError as exc:
        return "loop" if exc.errno == errno.ELOOP else "broken"
    return "inside" if target.is_relative_to(root) else "outside"


def seed_name(path: Path, seeds_dir: Path) -> str:
    """The seed's name in reports: its path under seeds/, printable even for odd file names.

    Bytes that are not UTF-8 become `\\xff`, control characters `\\x1b` and bidirectional controls
    `\\u202e`, so a name can neither break the report's layout, send escape codes to a terminal,
    nor display reversed.
    """
    # The seeds were found by joining names onto seeds_dir, so its text is their prefix: cutting
    # it off is what relative_to does, without parsing both paths (a quarter of a second per
    # 10,000 seeds in a build with nothing to do).
    whole, prefix = str(path), str(seeds_dir).rstrip("/") + "/"
    if whole.startswith(prefix) and prefix != "/":
        raw = whole[len(prefix):]
    else:
        raw = path.relative_to(seeds_dir).as_posix()
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    text = _NAME_CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    return _NAME_BIDI.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def strip_bidi(text: str) -> str:
    """The text without bidirectional embedding, override and isolate controls, which can make a
    title or a name display reversed."""
    return _BIDI.sub("", text)


def read_seed(path: Path, name: str, max_bytes: int) -> Seed:
    """Read one seed file into a Seed; never raises for bad content, reports it instead.

    A file over max_bytes is refused before any of it is read; the read itself stops at
    max_bytes + 1 in case the file grows meanwhile, so memory stays bounded.
    """
    too_big = (
        "over the limit of {limit:,} bytes (limits.max_seed_bytes in digest.yml), so it "
        "was not read; "
        "trim it to the article text, split it, or raise the limit"
    )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refused(
                name, size, f"file is {size:,} bytes, " + too_big.format(limit=max_bytes)
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return _refused(
            name,
            0,
            f"cannot read the file ({exc.strerror or exc}); check that it exists and "
            "that its permissions allow reading",
        )
    if len(data) > max_bytes:
        return _refused(
            name,
            len(data),
            "file grew while it was read and is now " + too_big.format(limit=max_bytes),
        )
    return decode_seed(name, data)


def decode_seed(name: str, data: bytes) -> Seed:
    """Turn raw bytes into a Seed with normalised text, format and overrides; never raises."""
    digest = hashlib.sha256(data).hexdigest()
    kind = _binary_kind(data)
    if kind:
        return Seed(
            name,
            digest,
            len(data),
            problems=(
                Problem(
                    name,
                    "ingest",
                    Level.ERROR,
                    f"binary file ({kind}), not an article; remove it from seeds/, or save "
                    "the article as plain text (.txt) or as a web page (.html) and put "
                    "that in instead",
                ),
            ),
        )
    text, encoding, problems = _decode(name, data)
    nuls = (
        data.count(b"\x00")
        if encoding.startswith("utf-8") or encoding in ("cp1252", "latin-1")
        else 0
    )
    if nuls:
        problems.append(
            Problem(
                name,
                "ingest",
                Level.WARNING,
                f"{nuls} NUL byte{'s were' if nuls > 1 else ' was'} "
                "removed from the text; check the seed was saved completely",
            )
        )
    text = normalise(text)
    hints, text = split_clipping(text)
    overrides, text, override_problems = split_overrides(name, text)
    fmt = detect_format(text, name, has_front_matter=bool(overrides or hints))
    fmt = "markdown" if hints and fmt == "text" else fmt  # web clippers write Markdown
    if fmt == "text" and "<" in text:
        # a line break copied as its markup ("Dan Childs <br>News Unit"): in a page it is markup
        text = _BREAK_TAG.sub("\n", text)
    seed = Seed(
        name,
        digest,
        len(data),
        text,
        fmt,
        encoding,
        overrides,
        hints,
        (*problems, *override_problems),
    )
    if not text.strip():
        if not data:
            message = "the file is empty (0 bytes); paste the article text into it or delete it"
        elif overrides or override_problems:
            message = (
                "the file has a front-matter block but no article text under it; paste the article "
                "text below the closing --- line"
            )
        else:
            message = (
                f"the file holds only blank space ({len(data):,} bytes of spaces and line breaks); "
                "paste the article text into it or delete it"
            )
        return _with_problem(seed, Level.ERROR, message)
    return seed


def _refused(name: str, size: int, message: str) -> Seed:
    return Seed(name, "", size, problems=(Problem(name, "ingest", Level.ERROR, message),))


def _with_problem(seed: Seed, level: Level, message: str) -> Seed:
    return replace(seed, problems=(*seed.problems, Problem(seed.name, "ingest", level, message)))


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _ in _BOMS) or _looks_utf16(data):
        return None
    sample = data[:65536]
    # A stray NUL in a long text is removed with a warning; many of them mean a binary format.
    if sample.count(0) > max(2, len(sample) // 1000):
        return "contains NUL bytes"
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return "mostly control bytes" if sample and controls / len(sample) > 0.1 else None


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)
"""The control bytes a text does not hold (all below the space but tab, line feed, vertical tab,
form feed and carriage return), deleted at C speed to count them: a loop in Python over each
byte of 64 KB cost a third of a millisecond per seed."""


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * len(odd) and min(
        even.count(0), odd.count(0)
    ) < 0.05 * len(odd)


_ENCODING_NAMES = {"cp1252": "Windows-1252 (Western European)", "latin-1": "Latin-1 (ISO 8859-1)"}


def _decode(name: str, data: bytes) -> tuple[str, str, list[Problem]]:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec, []
    if _looks_utf16(data):
        codec = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return data.decode(codec, errors="replace"), codec, []
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few broken bytes (a bad copy, a truncated character): keep it UTF-8, flag
    # the damage.
    lenient = data.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for c in lenient if c > "\x7f" and c != "\ufffd")
    if good > bad:
        return (
            lenient,
            "utf-8",
            [
                Problem(
                    name,
                    "ingest",
                    Level.WARNING,
                    (
                        f"{bad} byte sequence{'s are' if bad > 1 else ' is'} not valid UTF-8 and "
                        "shown as \ufffd; check "
                        "those places against the original and save the file as UTF-8"
                    ),
                )
            ],
        )
    # Imported here: a build with nothing to do finds the seeds with this module and decodes none.
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    guess = results.best()
    # Western texts often fit a dozen code pages equally well (cp775, iso8859_4 ...): Windows-1252
    # wins unless the detector found something that reads clearly better (Cyrillic, CJK, Greek ...).
    western = min(
        (m.chaos for m in results if m.encoding in ("cp1252", "latin_1", "iso8859_15")),
        default=None,
    )
    if guess and guess.encoding and (western is None or western > guess.chaos + 0.01):
        return (
            data.decode(guess.encoding, errors="replace"),
            guess.encoding,
            [_not_utf8(name, guess.encoding)],
        )
    for codec in ("cp1252", "latin-1"):
        try:
            return data.decode(codec), codec, [_not_utf8(name, codec)]
        except UnicodeDecodeError:
            continue
    return (
        lenient,
        "utf-8",
        [
            Problem(  # not reached: Latin-1 decodes any bytes; kept as a safety net
                name,
                "ingest",
                Level.WARNING,
                "text is not valid in any known encoding; unreadable bytes were replaced "
                "by \ufffd; save the file as UTF-8",
            )
        ],
    )


def _not_utf8(name: str, codec: str) -> Problem:
    return Problem(
        name,
        "ingest",
        Level.INFO,
        f"the file is not UTF-8; it was read as "
        f"{_ENCODING_NAMES.get(codec, codec)}. If letters look wrong on the page, save it as UTF-8",
    )


_PLAIN_LINE = re.compile("[\x20-\x7e\u2018\u2019\u201c\u201d\u2013\u2014\u2026]*\n?")
"""Printable ASCII and the curly quotes, dashes and ellipsis of news text: nothing for ftfy to
repair. Mojibake always holds a character outside this set (the lead byte of a UTF-8 sequence
read as Windows-1252, Latin-1, Mac Roman or another single-byte code page is a letter or sign
that is not here), and so do the controls and escapes ftfy removes."""


@cache
def _ftfy():
    """ftfy's fix_text and its settings, imported on the first text to repair: a build with
    nothing to do needs this module only to find the seeds, and ftfy took 75 ms to import."""
    import ftfy

    settings = ftfy.TextFixerConfig(
        uncurl_quotes=False, unescape_html=False, fix_character_width=False
    )
    return ftfy.fix_text, settings


def _fix_mojibake(text: str) -> str:
    """ftfy.fix_text, line by line as ftfy itself works, skipping the plain-ASCII lines it would
    return unchanged: most lines of a clipping, and ftfy costs about 0.1 ms a line."""
    fix_text, config = _ftfy()
    out, start = [], 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        line = text[start:end]
        out.append(line if _PLAIN_LINE.fullmatch(line) else fix_text(line, config))
        start = end
    return "".join(out)


def normalise(text: str) -> str:
    """Repair mojibake and unify line breaks and spaces so later stages see one shape of text."""
    text = _fix_mojibake(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _LINE_BREAKS.sub("\n", text)
    text = _TEXT_CONTROL.sub("", _INVISIBLE.sub("", text))
    text = strip_bidi(text)
    # Most texts hold none of these: looking for each is cheaper than translating every character.
    if any(space in text for space in _SPACE_SEPARATORS):
        text = text.translate(_SPACES)
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"
    glued = _LEADING_DATE_FIELD.match(text)
    return f"{glued.group('field')}\n\n{text[glued.end() - 1 :]}" if glued else text


# A page's date field glued before its first line, as some page stores and exporters write it
# ("date 2019-05-15 WASHINGTON, May 15 (Reuters) - ..."): a date line of its own, so neither the
# headline nor the dateline carries it.
_LEADING_DATE_FIELD = linear.compile(
    r"\s*(?P<field>(?i:date):?[ \t]+(?:19|20)\d{2}-[01]\d-[0-3]\d"
    r"(?:[T ][0-2]\d:[0-5]\d(?::[0-5]\d)?Z?)?)[ \t]+\S"
)


def detect_format(text: str, name: str = "", has_front_matter: bool = False) -> str:
    """html, markdown or text, decided from the content.

    Markup in a plain .txt clipping is text the reader should see as typed, so a file is read as
    Markdown only when it says so: a .md name, or a front-matter block, with Markdown in the body.
    """
    if _PAGE_START.search(text[:5000]):
        return "html"
    says_markdown = has_front_matter or name.lower().endswith((".md", ".markdown"))
    return "markdown" if says_markdown and looks_like_markdown(text) else "text"


# Web clippers (Obsidian Web Clipper, MarkDownload, Zotero...) write the page's metadata as
# front-matter. A block with one of these keys is a clipping's record of the page, not the user's
# correction.
_CLIPPER_MARKERS = frozenset(
    {"source", "created", "clipped", "published", "date_saved", "date_clipped",
     # Joplin's and read-later exporters' names for the page address and the time of the clip
     "source_url", "clipped_at", "saved_at"}
)
_CLIPPER_FIELDS = {
    "title": "title",
    "source": "url",
    "url": "url",
    "link": "url",
    "original_url": "url",
    "source_url": "url",
    "canonical_url": "url",
    "author": "author",
    "authors": "author",
    "creator": "author",
    "published": "date",
    "date_published": "date",
    "published_at": "date",
    "site": "publication",
    "site_name": "publication",
    "sitename": "publication",
    "publisher": "publication",
    # the page's description tag: not shown as a field, but it tells a dek from a headline
    "description": "description",
}
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")


def split_clipping(text: str) -> tuple[dict, str]:
    """Take a web clipper's front-matter off the text as hints about the page; other text is
    returned as is."""
    match = _FRONT_MATTER.match(text)
    if not match or len(match.group(1) or "") > MAX_FRONT_MATTER_CHARS:
        return {}, text
    try:
        raw = load_front_matter("\n" + (match.group(1) or ""))
    # not a clipping; split_overrides reports what is wrong with the block
    except Exception:  # noqa: BLE001
        return {}, text
    if not isinstance(raw, dict) or not _CLIPPER_MARKERS & {str(k).casefold() for k in raw}:
        return {}, text
    hints = {}
    for key, value in raw.items():
        field_name = _CLIPPER_FIELDS.get(str(key).casefold())
        value = _clipped_value(value)
        if field_name and value and field_name not in hints:
            hints[field_name] = value
    return hints, text[match.end() :]


def _clipped_value(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if isinstance(value, list):
        return ", ".join(v for v in (_clipped_value(x) for x in value) if v)
    if not isinstance(value, str):
        return ""
    return " ".join(_WIKI_LINK.sub(r"\1", value).split())


def split_overrides(name: str, text: str) -> tuple[dict, str, list[Problem]]:
    """Take a leading YAML front-matter block off the text and validate it as field overrides.

    Only a block of `key: value` lines counts as front-matter. Anything else between two leading
    `---` lines (a headline set off by rules, a huge block) stays article text, so nothing is lost.
    """
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    block, rest = match.group(1) or "", text[match.end() :]
    lines = [line for line in block.split("\n") if line.strip()]
    if len(block) > MAX_FRONT_MATTER_CHARS or not all(_YAML_LINE.match(line) for line in lines):
        return (
            {},
            text,
            [
                Problem(
                    name,
                    "ingest",
                    Level.INFO,
                    (
                        "the text starts with a block between two --- lines that is not "
                        "front-matter (not `key: value` lines"
                        f"{_OVER_LIMIT if len(block) > MAX_FRONT_MATTER_CHARS else ''}"
                        "); it was kept as article text"
                    ),
                )
            ],
        )
    try:
        # The leading newline stands for the opening --- line, so YAML's line numbers are
        # the file's.
        raw = load_front_matter("\n" + block) or {}
    except yaml.YAMLError as exc:
        mark, problem = (
            getattr(exc, "problem_mark", None),
            getattr(exc, "problem", None) or "syntax error",
        )
        where = f" at line {mark.line + 1}" if mark else ""
        advice = (
            "remove one of them"
            if "twice" in problem
            else "remove the YAML tag (`!!...`); only plain values are read"
            if "tag" in problem
            else "write each value out in full; anchors and aliases are not read"
            if "alias" in problem or "anchor" in problem
            else "fix that line (a value containing `: ` or ` #` must be in quotes)"
        )
        return (
            {},
            rest,
            [
                Problem(
                    name,
                    "ingest",
                    Level.WARNING,
                    (
                        f"front-matter block {_what_is_wrong(exc)} "
                        f"({problem}{where}), so none of its overrides were used; "
                        f"{advice}"
                    ),
                )
            ],
        )
    # deep nesting (RecursionError), impossible dates (ValueError) ...
    except Exception as exc:  # noqa: BLE001
        return (
            {},
            rest,
            [
                Problem(
                    name,
                    "ingest",
                    Level.WARNING,
                    (
                        f"front-matter block could not be read ({type(exc).__name__}: "
                        f"{_short(str(exc))}), so none of its "
                        "overrides were used; write plain `key: value` lines, with dates "
                        "as YYYY-MM-DD"
                    ),
                )
            ],
        )
    if not isinstance(raw, dict):
        return (
            {},
            rest,
            [
                Problem(
                    name,
                    "ingest",
                    Level.WARNING,
                    "front-matter block is not a mapping of `key: value` lines; its overrides were "
                    "ignored",
                )
            ],
        )
    if raw and not any(str(key) in OVERRIDE_TYPES for key in raw):
        keys = ", ".join(repr(_short(k, 40)) for k in list(raw)[:5])
        return (
            {},
            text,
            [
                Problem(
                    name,
                    "ingest",
                    Level.WARNING,
                    (
                        "the block between the leading --- lines has no known front-matter key "
                        f"({keys}), so it was kept as "
                        f"article text; to correct a field use one of: {', '.join(OVERRIDE_TYPES)}"
                    ),
                )
            ],
        )
    return _checked(name, raw, rest)


def _short(text: object, limit: int = 60) -> str:
    """A seed's value quoted in a message: one line, cut to length, and without backticks, which the
    report would show as code."""
    value = " ".join(str(text).replace("`", "'").split())
    return value if len(value) <= limit else value[:limit] + "…"


_TYPE_WORDS = {str: "text", list: "a list of texts", type(None): "empty", dt.date: "a date"}
_EXAMPLES = {
    "title": "title: The headline",
    "subtitle": "subtitle: The line under it",
    "author": "author: Jane Doe",
    "date": "date: 2021-05-31",
    "publication": "publication: Reuters",
    "url": "url: https://example.com/article",
    "companies": "companies: [Huawei, ZTE]",
    "topics": "topics: [entity-list]",
    "summary": "summary: One sentence.",
    "slug": "slug: my-article",
}


def _checked(name: str, raw: dict, rest: str) -> tuple[dict, str, list[Problem]]:
    overrides: dict = {}
    problems: list[Problem] = []

    def ignored(message: str) -> None:
        problems.append(Problem(name, "ingest", Level.WARNING, message))

    for key, value in raw.items():
        label = repr(_short(key, 40))
        key = str(key)
        allowed = OVERRIDE_TYPES.get(key)
        if allowed is None:
            ignored(
                f"front-matter key {label} is unknown and was ignored; check its spelling "
                f"(known keys: {', '.join(OVERRIDE_TYPES)})"
            )
        elif not isinstance(value, allowed) or not _items_are_strings(value):
            expected = " or ".join(dict.fromkeys(_TYPE_WORDS.get(t, t.__name__) for t in allowed))
            ignored(
                f"front-matter key {label} must be {expected}, not {_describe(value)}; it was "
                "ignored. "
                f"Write it like `{_EXAMPLES[key]}`"
            )
        elif key == "date" and not _valid_date(value):
            ignored(
                f"front-matter date {_short(value, 40)!r} is not a date written YYYY-MM-DD; it "
                "was ignored. "
                f"Write it like `{_EXAMPLES[key]}`"
            )
        elif (
            key == "url"
            and value is not None
            and not re.match(r"https?://[^\s/]", value.strip(), re.IGNORECASE)
        ):
            ignored(
                f"front-matter url {_short(value, 60)!r} is not an http:// or https:// address; "
                "it was ignored. "
                "Use the address of the original article"
            )
        else:
            overrides[key] = _clean_override(key, value)
    return overrides, rest, problems


def _describe(value: object) -> str:
    if isinstance(value, list):
        others = sorted({_describe(v) for v in value if not isinstance(v, str)})
        return f"a list containing {', '.join(others)}" if others else "a list"
    words = {dict: "a mapping", bool: "true/false", int: "a number", float: "a number", str: "text"}
    return words.get(type(value), type(value).__name__)


def _items_are_strings(value: object) -> bool:
    return not isinstance(value, list) or all(isinstance(v, str) for v in value)


def _valid_date(value: object) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    return (
        bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()))
        and _iso_date(value.strip()) is not None
    )


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _clean_override(key: str, value: object) -> object:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if key == "author" and isinstance(value, list):
        return ", ".join(" ".join(v.split()) for v in value if v.strip()) or None
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return tuple(" ".join(v.split()) for v in value)
    return value
