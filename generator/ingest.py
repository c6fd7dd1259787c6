"""Read seed files: find them safely, decode any encoding, split off the user's override block.

This is the only per-seed stage that touches the file system.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import replace
from pathlib import Path

import ftfy
import yaml
from charset_normalizer import from_bytes

from .records import Level, Problem, Seed

# Fields a seed's own front-matter may set, with the types each accepts.
OVERRIDE_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,), "subtitle": (str, type(None)), "author": (str, list, type(None)),
    "date": (str, dt.date, type(None)), "publication": (str, type(None)), "url": (str, type(None)),
    "companies": (list,), "topics": (list,), "summary": (str,), "slug": (str,),
}

# Magic numbers of binary formats people drop into folders by mistake.
_MAGIC = {
    b"\x89PNG": "PNG image", b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)", b"%PDF": "PDF document",
    b"GIF8": "GIF image", b"\xff\xd8\xff": "JPEG image", b"\x7fELF": "executable",
    b"\x1f\x8b": "gzip archive", b"Rar!": "RAR archive", b"\xd0\xcf\x11\xe0": "old Office document",
}
_BOMS = [(b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")]
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, unescape_html=False, fix_character_width=False)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_HTML_HINT = re.compile(r"<(?:!doctype html|html|head|body|article|div|p)\b", re.I)


def find_seed_files(seeds_dir: Path) -> tuple[list[Path], list[Problem]]:
    """All regular files under seeds_dir, sorted; symlinks leading outside and hidden files are reported."""
    root = seeds_dir.resolve()
    files: list[Path] = []
    problems: list[Problem] = []
    for path in sorted(seeds_dir.rglob("*")):
        name = path.relative_to(seeds_dir).as_posix()
        if any(part.startswith(".") for part in path.relative_to(seeds_dir).parts):
            problems.append(Problem(name, "ingest", Level.INFO,
                                    "hidden file skipped; rename it without the leading dot to publish it"))
        elif path.is_symlink() and not path.resolve().is_relative_to(root):
            problems.append(Problem(name, "ingest", Level.ERROR,
                                    "symbolic link pointing outside seeds/ was not followed; copy the file in"))
        elif path.is_file():
            files.append(path)
    return files, problems


def read_seed(path: Path, name: str, max_bytes: int) -> Seed:
    """Read one seed file into a Seed; never raises for bad content, reports it instead."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refused(name, size, f"file is {size:,} bytes, over the limit of {max_bytes:,} "
                            "(limits.max_seed_bytes in digest.yml); it was not read")
        data = path.read_bytes()
    except OSError as exc:
        return _refused(name, 0, f"cannot read the file: {exc.strerror or exc}")
    return decode_seed(name, data)


def decode_seed(name: str, data: bytes) -> Seed:
    """Turn raw bytes into a Seed with normalised text, format and overrides."""
    digest = hashlib.sha256(data).hexdigest()
    kind = _binary_kind(data)
    if kind:
        return Seed(name, digest, len(data), problems=(
            Problem(name, "ingest", Level.ERROR, f"binary file ({kind}), not an article; remove it from seeds/"),))
    text, encoding, problems = _decode(name, data)
    text = normalise(text)
    overrides, text, override_problems = split_overrides(name, text)
    fmt = detect_format(text)
    seed = Seed(name, digest, len(data), text, fmt, encoding, overrides, (*problems, *override_problems))
    if not text.strip():
        return _with_problem(seed, Level.ERROR, "the file is empty (no text after decoding); "
                             "paste the article text into it or delete it")
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
    if b"\x00" in sample:
        return "contains NUL bytes"
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return "mostly control bytes" if sample and controls / len(sample) > 0.1 else None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: ASCII-heavy text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2], sample[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * len(odd) and min(even.count(0), odd.count(0)) < 0.05 * len(odd)


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
    guess = from_bytes(data[:200_000]).best()
    # Short Western texts are often misdetected, so only trust a guess outside the Latin family.
    if guess and guess.encoding and not re.match(r"(cp125|latin|iso8859_(1|15)$|mac_|ascii)", guess.encoding):
        return data.decode(guess.encoding, errors="replace"), guess.encoding, []
    for codec in ("cp1252", "latin-1"):
        try:
            return data.decode(codec), codec, []
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace"), "utf-8", [Problem(
        name, "ingest", Level.WARNING, "text is not valid in any known encoding; unreadable bytes were replaced")]


def normalise(text: str) -> str:
    """Repair mojibake and unify line breaks and spaces so later stages see one shape of text."""
    text = ftfy.fix_text(text, _FTFY)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _INVISIBLE.sub("", text)
    text = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


def detect_format(text: str) -> str:
    """html when the text is markup, else text; decided from content, not the file name."""
    head = text[:5000]
    tags = len(re.findall(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]", head))
    if _HTML_HINT.search(head[:1000]) and tags > 5:
        return "html"
    return "text"


def split_overrides(name: str, text: str) -> tuple[dict, str, list[Problem]]:
    """Take a leading YAML front-matter block off the text and validate it as field overrides."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text, []
    rest = text[match.end():]
    try:
        raw = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        return {}, rest, [Problem(name, "ingest", Level.WARNING,
                                  f"front-matter block is not valid YAML{where}; its overrides were ignored")]
    if not isinstance(raw, dict):
        return {}, rest, [Problem(name, "ingest", Level.WARNING,
                                  "front-matter block is not a mapping of keys; its overrides were ignored")]
    return _checked(name, raw, rest)


def _checked(name: str, raw: dict, rest: str) -> tuple[dict, str, list[Problem]]:
    overrides: dict = {}
    problems: list[Problem] = []
    for key, value in raw.items():
        key = str(key)
        if key not in OVERRIDE_TYPES:
            problems.append(Problem(name, "ingest", Level.WARNING, f"front-matter key {key!r} is unknown and was "
                                    f"ignored (known keys: {', '.join(OVERRIDE_TYPES)})"))
        elif not isinstance(value, OVERRIDE_TYPES[key]) or not _items_are_strings(value):
            problems.append(Problem(name, "ingest", Level.WARNING, f"front-matter key {key!r} has the wrong type "
                                    f"({type(value).__name__}) and was ignored"))
        elif key == "date" and not _valid_date(value):
            problems.append(Problem(name, "ingest", Level.WARNING,
                                    f"front-matter date {value!r} is not YYYY-MM-DD and was ignored"))
        else:
            overrides[key] = _clean_override(key, value)
    return overrides, rest, problems


def _items_are_strings(value: object) -> bool:
    return not isinstance(value, list) or all(isinstance(v, str) for v in value)


def _valid_date(value: object) -> bool:
    if value is None or isinstance(value, dt.date):
        return True
    try:
        dt.date.fromisoformat(str(value))
        return True
    except ValueError:
        return False


def _clean_override(key: str, value: object) -> object:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if key == "author" and isinstance(value, list):
        return ", ".join(v.strip() for v in value) or None
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return tuple(" ".join(v.split()) for v in value)
    return value
