"""The labelled evaluation corpus in tests/data/eval is consistent: every article in articles/ has
an entry in labels.yml and every entry an article, the entries have the right keys, and every
labelled title, subtitle part, author, URL and keep/drop line (labels.yml or body.yml) is really
in its article.

These tests check the data, not the generator. Text is compared after collapsing whitespace; for
.html articles also after unescaping HTML entities and dropping tags.
"""
from __future__ import annotations

import codecs
import datetime
import html
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

EVAL = Path(__file__).resolve().parent / "data" / "eval"
ARTICLES = EVAL / "articles"
REQUIRED_KEYS = ["title", "subtitle", "author", "date", "publication", "url", "style"]
BODY_KEYS = ["keep", "drop"]
FILE_NAME = re.compile(r"\d{3}_[a-z0-9-]+\.(txt|html|md)")
TRACKING = re.compile(r"[?&#](utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_ga|_gl|ocid|pnespid|ito"
                      r"|cmpid|smid|from|storylink|guccounter|ns_\w+)=", re.IGNORECASE)
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]


def _load(path: Path) -> tuple[dict, str | None]:
    """The YAML mapping in path and None, or an empty mapping and why it could not be loaded."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        return {}, f"{path.name}: {exc}"
    if not isinstance(data, dict):
        return {}, f"{path.name}: top level is {type(data).__name__}, not a mapping"
    return data, None


LABELS, LABELS_ERROR = _load(EVAL / "labels.yml")
BODY, BODY_ERROR = _load(EVAL / "body.yml")
FILES = sorted(p.name for p in ARTICLES.iterdir() if p.is_file())
LABELLED = sorted(LABELS)


def _decode(data: bytes) -> str:
    """Articles are mostly UTF-8; a few are UTF-16 with a BOM or cp1252, as real saved pages are."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _collapse(text: str) -> str:
    return " ".join(text.split())


@cache
def article_text(name: str) -> str:
    """The article as one searchable string with whitespace collapsed. For HTML it is the visible
    text (tags dropped, entities unescaped) followed by the unescaped markup, so both text that
    spans inline tags and URLs in attributes are found."""
    path = ARTICLES / name
    if not path.is_file():
        pytest.fail(f"{name}: no such article file")
    text = _decode(path.read_bytes())
    if path.suffix != ".html":
        return _collapse(text)
    visible = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.DOTALL | re.IGNORECASE)
    visible = re.sub(r"<!--.*?-->|<[^>]*>", "", visible, flags=re.DOTALL)
    return _collapse(html.unescape(visible)) + "\n" + _collapse(html.unescape(text))


def assert_in_article(name: str, what: str, value: object) -> None:
    assert isinstance(value, str) and value.strip(), f"{name}: {what} must be a non-empty string, not {value!r}"
    assert _collapse(value) in article_text(name), f"{name}: {what} not found in the article: {value!r}"


def label(name: str, key: str) -> object:
    """One value of an article's label; a missing key reads as null (test_label_keys reports it)."""
    lab = LABELS[name]
    if not isinstance(lab, dict):
        pytest.fail(f"{name}: label is {type(lab).__name__}, not a mapping")
    return lab.get(key)


# --- the files as a whole ---------------------------------------------------------------------------------


def test_labels_yml_loads():
    assert LABELS_ERROR is None, LABELS_ERROR
    assert LABELS, "labels.yml is empty"


def test_body_yml_loads():
    assert BODY_ERROR is None, BODY_ERROR


def test_every_article_has_a_label_and_every_label_an_article():
    unlabelled = sorted(set(FILES) - set(LABELS))
    missing = sorted(set(LABELS) - set(FILES))
    assert not unlabelled and not missing, f"articles without a label: {unlabelled}; labels without an article: {missing}"


def test_body_yml_refers_to_existing_articles():
    missing = sorted(set(BODY) - set(FILES))
    assert not missing, f"body.yml entries without an article: {missing}"


def test_body_labels_are_in_one_place_only():
    """evaluate() lets body.yml replace keep/drop given in labels.yml, so an article has them in one file."""
    both = sorted(n for n in BODY if isinstance(LABELS.get(n), dict) and set(BODY_KEYS) & set(LABELS[n]))
    assert not both, f"keep/drop in both labels.yml and body.yml: {both}"


@pytest.mark.parametrize("file_name", ["labels.yml", "body.yml"])
def test_no_duplicate_keys(file_name):
    """yaml.safe_load keeps the last of two equal keys, so a repeated article would hide the first label."""
    duplicates = []
    stack = [yaml.compose((EVAL / file_name).read_text(encoding="utf-8"), Loader=yaml.SafeLoader)]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value]
            duplicates += sorted({k for k in keys if keys.count(k) > 1})
            stack += [v for _, v in node.value]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    assert not duplicates, f"{file_name}: repeated keys {duplicates}"


# --- one article at a time ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(FILES) | set(LABELS) | set(BODY)))
def test_file_name(name):
    assert FILE_NAME.fullmatch(name), f"{name}: file names look like NNN_short-name.txt, .html or .md"


@pytest.mark.parametrize("name", LABELLED)
def test_label_keys(name):
    lab = LABELS[name]
    assert isinstance(lab, dict), f"{name}: label is {type(lab).__name__}, not a mapping"
    expected = REQUIRED_KEYS + [k for k in BODY_KEYS if k in lab]
    assert list(lab) == expected, f"{name}: keys {list(lab)}, expected {expected}"


@pytest.mark.parametrize("name", LABELLED)
def test_title_is_in_article(name):
    assert_in_article(name, "title", label(name, "title"))


@pytest.mark.parametrize("key, separator, what", [("subtitle", "; ", "subtitle part"), ("author", ", ", "author")])
@pytest.mark.parametrize("name", LABELLED)
def test_listed_parts_are_in_article(name, key, separator, what):
    """Every subtitle part ("; "-joined bullets) and every author (", "-joined) appears in the article."""
    value = label(name, key)
    if value is not None:
        assert isinstance(value, str), f"{name}: {key} must be a string or null"
        for part in value.split(separator):
            assert_in_article(name, what, part)


@pytest.mark.parametrize("name", LABELLED)
def test_date_is_iso_or_null(name):
    date = label(name, "date")
    if date is None:
        return
    assert isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), (
        f"{name}: date must be a quoted \"YYYY-MM-DD\" or null, not {date!r}")
    try:
        datetime.date.fromisoformat(date)
    except ValueError as exc:
        pytest.fail(f"{name}: bad date {date!r}: {exc}")


@pytest.mark.parametrize("name", LABELLED)
def test_publication_and_style_are_filled_in(name):
    publication, style = label(name, "publication"), label(name, "style")
    assert publication is None or (isinstance(publication, str) and publication.strip()), (
        f"{name}: publication must be a non-empty string or null, not {publication!r}")
    assert isinstance(style, str) and style.strip(), f"{name}: style must be a non-empty string, not {style!r}"


@pytest.mark.parametrize("name", LABELLED)
def test_url_is_in_article(name):
    url = label(name, "url")
    if url is None:
        return
    assert isinstance(url, str) and re.fullmatch(r"https?://\S+", url), f"{name}: not a URL: {url!r}"
    # The labelled URL may be the start of a longer one in the text only where tracking parameters were cut.
    assert re.search(re.escape(url) + r"(?=[?#\s\"'<>]|$)", article_text(name)), f"{name}: url not in the article"


@pytest.mark.parametrize("name", LABELLED)
def test_url_has_no_tracking_parameters(name):
    url = label(name, "url")
    assert url is None or not TRACKING.search(url), f"{name}: url still has tracking parameters: {url}"


@pytest.mark.parametrize("name", LABELLED)
def test_keep_and_drop_lines_in_labels_are_in_article(name):
    label(name, "keep")  # fails unless the label is a mapping
    check_body_lines(name, {k: v for k, v in LABELS[name].items() if k in BODY_KEYS}, "labels.yml")


@pytest.mark.parametrize("name", sorted(BODY))
def test_body_yml_entry(name):
    entry = BODY[name]
    assert isinstance(entry, dict) and entry, f"{name}: body.yml entry must be a mapping with keep and/or drop"
    extra = [k for k in entry if k not in BODY_KEYS]
    assert not extra, f"{name}: body.yml keys other than keep/drop: {extra}"
    check_body_lines(name, entry, "body.yml")


def check_body_lines(name: str, entry: dict, source: str) -> None:
    for key, lines in entry.items():
        assert isinstance(lines, list) and lines, f"{name}: {source} {key} must be a non-empty list"
        for line in lines:
            assert_in_article(name, f"{source} {key} line", line)
    kept = {_collapse(x) for x in entry.get("keep") or () if isinstance(x, str)}
    dropped = {_collapse(x) for x in entry.get("drop") or () if isinstance(x, str)}
    assert not kept & dropped, f"{name}: {source} lines both kept and dropped: {sorted(kept & dropped)}"
