"""Per-seed checks on the generated article pages: the front-matter holds what a careful reader
takes off each seed's text, and the body is the article without the page furniture around it."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
REQUIRED_KEYS = ("title", "subtitle", "author", "date", "publication", "url", "companies", "topics",
                 "summary", "seed", "seed_sha256", "words")

# What a careful reader takes off each seed. Keys not listed are not checked here.
EXPECTED = {
    "000_5163b31a66d99eb6.txt": {
        "title": "China Threatens Reducing Exports to the USA",
        "author": "John Honovich",
        "date": "2017-08-23",
        "publication": "IPVM",
        "redacted": True,
    },
    "001_a884d1ac60f28a38.txt": {
        "title": "US widens its campaign against Chinese tech companies with eye on surveillance firms",
        "author": None,
        "date": None,
        "publication": "South China Morning Post",
    },
    "002_b6c9b4640bf99f55.txt": {
        "title": "Hikvision Could Be The Next Chinese Company To Face US Ban",
        "author": None,
        "date": None,  # the text only says "Updated on", with no date after it
        "publication": None,
    },
    "003_8cd7fb29f0623cd7.txt": {
        "title": "US to reportedly blacklist Chinese surveillance camera giant Hikvision",
        "subtitle": "The reported ban on Hikvision comes at a time when US is restricting technology exports "
                    "to several leading Chinese technology companies, including Huawei.",
        "author": "Cyrus Lee",
        "date": None,
        "publication": "ZDNet",
    },
    "004_03eeca9beadfc501.txt": {
        "title": "China\u2019s Biggest Surveillance Company Could be Next on the White House\u2019s Hit List",
        "author": "David Gilbert",
        "date": "2019-05-22",
        "publication": "VICE News",
        "url": "https://news.vice.com/en_us/article/d3ndbq/chinas-biggest-surveillance-company-could-be-next-on-the-"
               "white-houses-hit-list",
    },
}

# Page furniture that must not reach any article body, as (description, regex over the body).
FURNITURE = [
    ("advertisement line", r"(?m)^\s*Advertisement\s*$"),
    ("comment form prompt", r"Leave a (Comment|Reply)"),
    ("comment form small print", r"Your email address will not be published"),
    ("related-links heading", r"Related (Coverage|Reports)"),
    ("recent-reports list", r"Recent Reports"),
    ("newsletter prompt", r"Get more with myNEWS"),
    ("photo caption", r"Photo: Reuters"),
    ("embedded related headline",
     r"Steve Bannon says killing Huawei more important than trade deal with China"),
    ("embedded related headline", r"Hikvision\u2019s meteoric rise coincides with surveillance boom"),
    ("inline 'See:' link", r"(?m)^\s*See: "),
    ("paywall sign-up furniture", r"Already a member\?|Read this IPVM report for free"),
    ("publisher footer", r"(?m)^\s*Editorial standards\s*$"),
]


def split_page(text: str) -> tuple[dict, str]:
    match = re.match(r"---\n(.*?\n)---\n(.*)\Z", text, re.DOTALL)
    assert match, "page does not start with a YAML front-matter block"
    return yaml.safe_load(match.group(1)), match.group(2)


@pytest.fixture(scope="module")
def pages(generated_docs) -> dict[str, tuple[dict, str]]:
    """seed file name -> (front-matter, Markdown body) of its article page."""
    found: dict[str, tuple[dict, str]] = {}
    for path in sorted((generated_docs / "articles").glob("*.md")):
        if path.name == "index.md":
            continue
        fm, body = split_page(path.read_text(encoding="utf-8"))
        assert "seed" in fm, f"{path.name} has no `seed` key"
        assert fm["seed"] not in found, f"two article pages for {fm['seed']}"
        found[fm["seed"]] = (fm, body)
    return found


def page_for(pages, seed: str) -> tuple[dict, str]:
    assert seed in pages, f"no article page with seed: {seed} (pages for {sorted(pages)})"
    return pages[seed]


def as_text(value):
    """Dates may be written quoted or as YAML dates; compare them as ISO text."""
    return None if value is None else str(value)


def test_every_seed_has_one_article_page(pages):
    assert sorted(pages) == sorted(p.name for p in SEEDS.iterdir() if p.is_file() and p.suffix == ".txt")


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_front_matter_matches_the_text(pages, seed):
    fm, _ = page_for(pages, seed)
    for key, expected in EXPECTED[seed].items():
        actual = as_text(fm.get(key)) if key == "date" else fm.get(key)
        assert actual == expected, f"{seed}: {key} is {actual!r}, expected {expected!r}"


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_required_keys_and_types(pages, seed):
    fm, _ = page_for(pages, seed)
    missing = [k for k in REQUIRED_KEYS if k not in fm]
    assert not missing, f"{seed}: front-matter lacks {missing}"
    assert isinstance(fm["title"], str) and fm["title"].strip()
    for key in ("subtitle", "author", "publication", "url"):
        value = fm[key]
        assert value is None or (isinstance(value, str) and value.strip()), f"{seed}: bad {key} {value!r}"
    date = as_text(fm["date"])
    assert date is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), f"{seed}: date {date!r}"
    assert isinstance(fm["companies"], list) and all(isinstance(c, str) for c in fm["companies"])
    assert isinstance(fm["topics"], list) and all(isinstance(t, str) for t in fm["topics"])
    assert isinstance(fm["summary"], str) and fm["summary"].strip(), f"{seed}: empty summary"
    assert fm["seed"] == seed
    assert fm["seed_sha256"] == hashlib.sha256((SEEDS / seed).read_bytes()).hexdigest()
    assert type(fm["words"]) is int and fm["words"] > 0, f"{seed}: words = {fm['words']!r}"
    if not fm.get("redacted"):
        assert fm["words"] >= 200, f"{seed}: only {fm['words']} words for a full article"


def test_companies_and_topics_come_from_the_config(pages, digest_config):
    names = {c.name for c in digest_config.companies}
    slugs = {t.slug for t in digest_config.topics}
    for seed, (fm, _) in pages.items():
        assert set(fm["companies"]) <= names, f"{seed}: unknown companies {set(fm['companies']) - names}"
        assert set(fm["topics"]) <= slugs, f"{seed}: unknown topics {set(fm['topics']) - slugs}"
        assert "Hikvision" in fm["companies"], f"{seed}: every seed is about Hikvision, got {fm['companies']}"


def test_scmp_subtitle_keeps_both_bullet_points(pages):
    fm, _ = page_for(pages, "001_a884d1ac60f28a38.txt")
    subtitle = fm["subtitle"] or ""
    bullets = [
        ("China\u2019s hi-tech champions are being denied access to US components because of national "
         "security concerns"),
        ("US fears Chinese surveillance firms\u2019 products can be used to aid espionage, according to "
         "media reports"),
    ]
    for bullet in bullets:
        assert bullet in subtitle, f"subtitle {subtitle!r} lacks the bullet point {bullet!r}"


def test_vice_url_has_no_tracking_parameter(pages):
    fm, body = page_for(pages, "004_03eeca9beadfc501.txt")
    assert "fbclid" not in (fm["url"] or "")
    assert "fbclid" not in body


def test_paywalled_article_has_comments(pages):
    fm, _ = page_for(pages, "000_5163b31a66d99eb6.txt")
    assert fm["redacted"] is True
    assert isinstance(fm["comments"], int) and fm["comments"] > 0


@pytest.mark.parametrize("what,pattern", FURNITURE, ids=[f"{w}:{p[:24]}" for w, p in FURNITURE])
def test_no_page_furniture_in_bodies(pages, what, pattern):
    hits = [(seed, m.group(0)) for seed, (_, body) in sorted(pages.items())
            for m in [re.search(pattern, body)] if m]
    assert not hits, f"{what} left in the article body: {hits}"


def test_no_asterisk_noise_in_paywalled_body(pages):
    _, body = page_for(pages, "000_5163b31a66d99eb6.txt")
    # four or more asterisks in a row, escaped (\*) or not: the paywall's redaction noise
    run = re.search(r"(?:\\?\*){4,}", body)
    assert not run, f"asterisks left in the body: ...{body[max(0, run.start() - 60):run.end() + 20]!r}..."


def test_paywall_notice_is_visible(pages):
    _, body = page_for(pages, "000_5163b31a66d99eb6.txt")
    notice = re.search(r'(?m)^!!! \w+ "[^"]*[Pp]aywall[^"]*"', body)
    assert notice, "the paywalled article has no visible paywall notice (an admonition naming the paywall)"
    collapsed = re.search(r'(?m)^\?\?\?\+? \w+ "[^"]*[Pp]aywall', body)
    assert not collapsed, "the paywall notice must not be collapsed"


def test_reader_comments_are_collapsed_and_kept_out_of_the_body(pages):
    _, body = page_for(pages, "000_5163b31a66d99eb6.txt")
    marker = '??? quote "Reader comments'
    assert marker in body, "reader comments are not in a collapsed `??? quote \"Reader comments` block"
    main, comments = body.split(marker, 1)
    for comment in ("i call China's bluff",
                    "There are no winners in a trade war between the worlds two largest",
                    "I believe the Trump administration will focus more on raw goods"):
        assert comment in comments, f"comment {comment!r} missing from the Reader comments block"
        assert comment not in main, f"comment {comment!r} is in the main body"
    # The collapsed block's content is indented under the marker until the block ends.
    first_comment_line = next(line for line in comments.splitlines()[1:] if line.strip())
    assert first_comment_line.startswith("    "), f"comment not inside the block: {first_comment_line!r}"
    assert "Comments (11)" not in body


@pytest.mark.parametrize("seed,first,last", [
    ("000_5163b31a66d99eb6.txt", "The US government has launched a probe into China's alleged theft",
     "look at the potential ramifications for the video surveillance market"),
    ("001_a884d1ac60f28a38.txt", "Hikvision Digital Technology\u2019s presence loomed large",
     "heading for a trade war of attrition between China and the US."),
    ("002_b6c9b4640bf99f55.txt", "Hikvision is a Chinese surveillance technology giant",
     "could hurt its sales outside China."),
    ("003_8cd7fb29f0623cd7.txt", "The Trump administration is considering slapping a US export ban",
     "to track the Uyghur Muslim population in the Xinjiang region via surveillance cameras."),
    ("004_03eeca9beadfc501.txt", "For months, the White House has been looking for a way to punish China",
     "how they should make adjustments to their business models."),
])
def test_article_text_is_kept(pages, seed, first, last):
    """Cleaning must not eat the story: its first and last paragraphs are on the page."""
    _, body = page_for(pages, seed)
    main = body.split('??? quote "Reader comments', 1)[0]
    flat = " ".join(main.replace("\\", "").split())
    assert first in flat, f"{seed}: first paragraph missing"
    assert last in flat, f"{seed}: last paragraph missing"
