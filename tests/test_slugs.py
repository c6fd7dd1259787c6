"""Slugs: unique, URL-safe, and stable. A slug depends only on the article itself (its title and the
hash of its text), so adding, removing or renaming other seeds never moves an existing article."""
from __future__ import annotations

import hashlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records import Article, Found, Level
from generator.site.slugs import RESERVED, assign_slugs, base_slug, merge_duplicates

SETTINGS = settings(max_examples=100, deadline=None)
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def make(seed: str, title: str, text: str | None = None, **fields) -> Article:
    identity = hashlib.sha256((text if text is not None else seed).encode()).hexdigest()
    found = fields.pop("found", {"title": Found("header line", 0.9)})
    return Article(seed=seed, seed_sha256=identity, identity=identity, title=title, found=found, **fields)


def slugs(articles: list[Article]) -> dict[str, str]:
    return {a.seed: a.slug for a in assign_slugs(merge_duplicates(articles))}


# ---- base_slug -------------------------------------------------------------------------------------------

def test_slug_is_title_words_and_text_hash():
    a = make("a.txt", "Huawei Faces New Export Curbs!", "text")
    assert base_slug(a) == f"huawei-faces-new-export-curbs-{a.identity[:16]}"


def test_known_title_words_are_taken_and_new_ones_recorded():
    a, b = make("a.txt", "Huawei Faces New Export Curbs!", "a"), make("b.txt", "Dahua wins", "b")
    words = {"Huawei Faces New Export Curbs!": "kept-words"}
    got = {x.seed: x.slug for x in assign_slugs([a, b], words=words)}
    assert got == {"a.txt": f"kept-words-{a.identity[:16]}", "b.txt": f"dahua-wins-{b.identity[:16]}"}
    assert words["Dahua wins"] == "dahua-wins"
    assert slugs([a, b]) == {"a.txt": base_slug(a), "b.txt": base_slug(b)}  # no table: slugify


def test_long_title_is_cut_at_a_word():
    a = make("a.txt", "Word " * 40)
    words, _, digest = base_slug(a).rpartition("-")
    assert len(words) <= 60 and words.endswith("word") and digest == a.identity[:16]


def test_title_without_latin_letters_is_transliterated_or_falls_back():
    assert base_slug(make("a.txt", "华为遭禁")).startswith("hua-wei")
    assert base_slug(make("b.txt", "!!! ??? ---")).startswith("article-")
    assert base_slug(make("c.txt", "")).startswith("article-")


def test_hostile_titles_give_plain_slugs():
    for title in ("<script>alert(1)</script>", "../../etc/passwd", "a/b\\c", "--- : # !!python/object", "\x00\n\t"):
        assert SLUG.fullmatch(base_slug(make("x.txt", title)))


def test_title_from_the_file_name_is_not_used():
    a = make("my-old-name.txt", "my old name", found={"title": Found("seed file name", 0.1)})
    assert base_slug(a) == f"article-{a.identity[:16]}"


def test_hand_set_slug_wins_and_is_cleaned():
    assert base_slug(make("a.txt", "T", overrides={"slug": "My Own Slug"})) == "my-own-slug"
    assert base_slug(make("a.txt", "T", overrides={"slug": "../../../etc/passwd"})) == "etc-passwd"
    a = make("a.txt", "T", overrides={"slug": "!!!"})
    assert base_slug(a) == a.identity[:12]


# ---- assign_slugs --------------------------------------------------------------------------------------

def test_same_title_different_text_gives_different_slugs():
    one, two = make("1.txt", "Same Title Here", "one"), make("2.txt", "Same Title Here", "two")
    got = slugs([one, two])
    assert got["1.txt"] != got["2.txt"]
    assert got["1.txt"].startswith("same-title-here-") and got["2.txt"].startswith("same-title-here-")


def test_clashing_hand_set_slugs_get_suffixes_and_warnings():
    arts = [make(f"{i}.txt", "T", f"text {i}", overrides={"slug": "clash"}) for i in range(3)]
    arts.append(make("3.txt", "T", "text 3", overrides={"slug": f"clash-{arts[1].identity[:6]}"}))
    out = assign_slugs(arts)
    assert len({a.slug for a in out}) == 4
    warned = [a for a in out if any(p.stage == "identity" and p.level is Level.WARNING for p in a.problems)]
    assert len(warned) >= 2
    assert all("choose another `slug:`" in p.message for a in warned for p in a.problems)


def test_reserved_page_names_are_never_taken():
    out = assign_slugs([make(f"{n}.txt", "T", n, overrides={"slug": n}) for n in sorted(RESERVED)])
    assert all(a.slug not in RESERVED and a.slug.startswith(a.overrides["slug"] + "-") for a in out)
    assert all("a page of the site" in a.problems[-1].message for a in out)


# ---- merge_duplicates -------------------------------------------------------------------------------------

def test_identical_text_is_published_once_under_the_first_name():
    arts = [make("b.txt", "Title", "same"), make("a.txt", "Title", "same"), make("c.txt", "Title", "same")]
    for order in (arts, arts[::-1]):
        [kept] = merge_duplicates(order)
        assert kept.seed == "a.txt" and kept.duplicates == ("b.txt", "c.txt")
        notes = [p for p in kept.problems if p.level is Level.INFO]
        assert [(p.seed, p.message) for p in notes] == [
            ("b.txt", "same text as a.txt; published once, on that seed's page"),
            ("c.txt", "same text as a.txt; published once, on that seed's page")]


# ---- properties ------------------------------------------------------------------------------------------

TITLES = st.text(max_size=80)
ARTICLES = st.lists(st.tuples(TITLES, st.binary(min_size=1, max_size=16)), min_size=1, max_size=12,
                    unique_by=lambda t: t[1])


def build(specs, prefix="s") -> list[Article]:
    return [Article(seed=f"{prefix}{i:03}.txt", seed_sha256=hashlib.sha256(body).hexdigest(),
                    identity=hashlib.sha256(body).hexdigest(), title=title,
                    found={"title": Found("header line", 0.9)}) for i, (title, body) in enumerate(specs)]


@SETTINGS
@given(ARTICLES)
def test_slugs_are_unique_and_url_safe(specs):
    out = assign_slugs(build(specs))
    assert len({a.slug for a in out}) == len(out)
    assert all(SLUG.fullmatch(a.slug) and a.slug not in RESERVED for a in out)


@SETTINGS
@given(ARTICLES, ARTICLES)
def test_new_seeds_never_change_an_existing_slug(existing, new):
    bodies = {body for _, body in existing}
    new = [(t, b) for t, b in new if b not in bodies]
    before = slugs(build(existing))
    after = slugs(build(existing) + build(new, prefix="new"))
    assert {seed: after[seed] for seed in before} == before


@SETTINGS
@given(ARTICLES, st.randoms())
def test_renaming_or_reordering_seeds_never_changes_a_slug(specs, random):
    before = {a.identity: a.slug for a in assign_slugs(build(specs))}
    shuffled = list(specs)
    random.shuffle(shuffled)
    after = {a.identity: a.slug for a in assign_slugs(build(shuffled, prefix="renamed-"))}
    assert after == before


def test_a_hand_set_slug_never_takes_a_title_slug():
    existing = make("old.txt", "An Existing Story", "old text")
    taken = base_slug(existing)
    for i in range(20):  # whatever their hashes, thieves sort after title slugs
        thief = make(f"thief{i}.txt", "T", f"thief {i}", overrides={"slug": taken})
        out = {a.seed: a.slug for a in assign_slugs([thief, existing])}
        assert out["old.txt"] == taken and out[f"thief{i}.txt"] != taken
