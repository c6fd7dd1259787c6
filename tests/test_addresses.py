"""Addresses that never move: the addresses file, forged clashes, title corrections, duplicates."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.records import Article, Found, Level
from generator.site.addresses import (
    ADDRESSES_FILE,
    Address,
    Addresses,
    dump_addresses,
    load_addresses,
    out_of_date,
    redirect_map,
    save_addresses,
)
from generator.site.slugs import HASH_CHARS, assign_slugs, base_slug, merge_duplicates


def make(seed: str, title: str, text: str, identity: str | None = None, **fields) -> Article:
    identity = identity or hashlib.sha256(text.encode()).hexdigest()
    return Article(
        seed=seed,
        seed_sha256=identity,
        identity=identity,
        title=title,
        found={"title": Found("header line", 0.9)},
        **fields,
    )


def publish(articles: list[Article], known: Addresses) -> list[Article]:
    return assign_slugs(merge_duplicates(articles, known), known)


def recorded(articles: list[Article]) -> Addresses:
    """What the addresses file holds after a build of these articles."""
    entries = yaml.safe_load(dump_addresses(tuple(articles)))["articles"]
    listed = [
        Address(e["address"], e["seed"], e["text"], tuple(e.get("redirects", ()))) for e in entries
    ]
    return Addresses({e.text: e for e in listed}, {e.seed: e for e in listed})


VICTIM = make("b-victim.txt", "Huawei Ban Lifted", "the victim's text")


def test_a_new_address_has_64_bits_of_hash():
    assert (
        base_slug(VICTIM) == f"huawei-ban-lifted-{VICTIM.identity[:HASH_CHARS]}"
        and HASH_CHARS * 4 >= 64
    )


def test_a_forged_clash_never_moves_the_existing_article():
    first = publish([VICTIM], Addresses({}, {}))
    # The attacker's text hash starts with the victim's 64 bits (no laptop finds one; here it is given).
    thief = make(
        "a-thief.txt", "Huawei Ban Lifted", "x", identity=VICTIM.identity[:HASH_CHARS] + "0" * 48
    )
    after = {a.seed: a for a in publish([thief, VICTIM], recorded(first))}
    assert after["b-victim.txt"].slug == first[0].slug
    assert after["a-thief.txt"].slug != first[0].slug
    assert any("already used by b-victim.txt" in p.message for p in after["a-thief.txt"].problems)


def test_an_old_six_digit_address_is_kept():
    old = f"huawei-ban-lifted-{VICTIM.identity[:6]}"
    known = Addresses({VICTIM.identity: Address(old, VICTIM.seed, VICTIM.identity)}, {})
    thief = make("a-thief.txt", "Huawei Ban Lifted", "y", identity=VICTIM.identity[:6] + "f" * 58)
    after = {a.seed: a.slug for a in publish([thief, VICTIM], known)}
    assert after["b-victim.txt"] == old and after["a-thief.txt"] == base_slug(thief)


TEXTS = st.lists(
    st.tuples(st.text(max_size=40), st.binary(min_size=1, max_size=12)),
    min_size=1,
    max_size=8,
    unique_by=lambda t: t[1],
)


def _articles(specs, prefix: str) -> list[Article]:
    return [
        make(f"{prefix}{i:02}.txt", title, body.hex()) for i, (title, body) in enumerate(specs)
    ]


@settings(max_examples=60, deadline=None)
@given(TEXTS, TEXTS, st.booleans())
def test_adding_any_seeds_never_changes_an_existing_address(existing, new, same_titles):
    old = _articles(existing, "old")
    first = publish(old, Addresses({}, {}))
    newcomers = _articles(new, "a")  # sorting before the existing seeds
    if same_titles:
        newcomers = [replace(n, title=old[i % len(old)].title) for i, n in enumerate(newcomers)]
        newcomers += [make("a-slug.txt", "T", "hand", overrides={"slug": a.slug}) for a in first]
    after = {a.seed: a.slug for a in publish(old + newcomers, recorded(first))}
    assert {a.seed: after[a.seed] for a in first} == {a.seed: a.slug for a in first}
    assert len(set(after.values())) == len(after)


def test_a_renamed_seed_and_an_edited_seed_keep_their_addresses():
    first = publish([VICTIM], Addresses({}, {}))
    renamed = replace(VICTIM, seed="renamed.txt")
    assert publish([renamed], recorded(first))[0].slug == first[0].slug
    edited = make(VICTIM.seed, VICTIM.title, "the victim's text, with a typo fixed")
    assert publish([edited], recorded(first))[0].slug == first[0].slug


def test_a_title_correction_moves_the_words_and_redirects_the_old_address():
    first = publish([VICTIM], Addresses({}, {}))
    corrected = replace(VICTIM, title="Huawei Ban Partly Lifted")
    [moved] = publish([corrected], recorded(first))
    assert moved.slug == f"huawei-ban-partly-lifted-{VICTIM.identity[:HASH_CHARS]}"
    assert moved.former_slugs == (first[0].slug,)
    assert redirect_map((moved,)) == {f"articles/{first[0].slug}.md": f"articles/{moved.slug}.md"}
    # the redirect is remembered, and nobody else may take the old address
    thief = make("a.txt", "T", "t", overrides={"slug": first[0].slug})
    again = {a.seed: a for a in publish([corrected, thief], recorded([moved]))}
    assert again[VICTIM.seed].former_slugs == (first[0].slug,)
    assert again["a.txt"].slug != first[0].slug


def test_a_duplicate_with_its_own_front_matter_never_changes_the_existing_page():
    first = publish([VICTIM], Addresses({}, {}))
    hijack = replace(
        VICTIM,
        seed="0-first.txt",
        title="Hijacked",
        overrides={"title": "Hijacked", "url": "https://evil.example/x"},
    )
    [page] = publish([hijack, VICTIM], recorded(first))
    assert (page.seed, page.title, page.slug, page.overrides) == (
        VICTIM.seed,
        VICTIM.title,
        first[0].slug,
        {},
    )
    [note] = [p for p in page.problems if p.stage == "identity"]
    assert note.seed == "0-first.txt" and note.level is Level.INFO
    assert (
        "same text as b-victim.txt" in note.message
        and "(title, url) was not applied" in note.message
    )


def test_a_seed_name_with_backticks_is_not_code_in_the_note():
    a, b = make("a`x`.txt", "T", "same"), make("b.txt", "T", "same")
    [page] = merge_duplicates([b, a])
    assert "`" not in page.problems[0].message


def test_the_file_round_trips_and_says_when_it_is_out_of_date(tmp_path):
    published = publish([VICTIM, make("c.txt", "Other Story", "other")], Addresses({}, {}))
    text = dump_addresses(tuple(published))
    assert out_of_date(tmp_path, text) and save_addresses(tmp_path, text)
    assert not out_of_date(tmp_path, text) and not save_addresses(tmp_path, text)
    known, problems = load_addresses(tmp_path)
    assert problems == [] and {e.address for e in known.by_text.values()} == {
        a.slug for a in published
    }


def test_a_broken_or_hostile_addresses_file_is_reported_not_trusted(tmp_path):
    for text in (
        "articles: [1, 2",
        "a: &a [x]\nb: *a",
        "articles:\n- address: !!python/object:os.system x\n",
    ):
        (tmp_path / ADDRESSES_FILE).write_text(text, encoding="utf-8")
        known, [problem] = load_addresses(tmp_path)
        assert (
            known.by_text == {}
            and problem.level is Level.ERROR
            and "git checkout" in problem.message
        )
