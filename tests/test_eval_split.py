"""The sealed split of the labelled set follows its rule and never moves (eval_split.py)."""

import itertools
from pathlib import Path

import pytest

from generator.eval_split import (
    DEV,
    SEALED,
    Batch,
    batch_of,
    compute_split,
    load_split,
    sealed_in_batch,
    shape_of,
    stratum,
    write_split,
)

EVAL = Path(__file__).resolve().parent / "data" / "eval"
SPLIT = load_split(EVAL / "split.yml")
FILES = sorted(p.name for p in (EVAL / "articles").iterdir() if p.is_file())


def test_recorded_split_is_what_the_rule_gives():
    """Nobody moved a text by hand, and no change to the rule moved the recorded split."""
    assert compute_split(FILES, SPLIT.batches).parts == SPLIT.parts


def test_every_article_is_in_exactly_one_part():
    assert sorted(SPLIT.parts[DEV] + SPLIT.parts[SEALED]) == FILES
    assert not set(SPLIT.parts[DEV]) & set(SPLIT.parts[SEALED])


def test_every_article_is_in_one_batch():
    outside = [n for n in FILES if batch_of(n, SPLIT.batches) is None]
    assert not outside, f"articles in no batch of split.yml (add a batch): {outside}"
    ranges = sorted((b.first, b.last) for b in SPLIT.batches)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(ranges)), "batches overlap"


def test_sealed_part_is_at_least_30_percent():
    assert len(SPLIT.parts[SEALED]) >= 0.30 * len(FILES)


@pytest.mark.parametrize(
    "batch", [b for b in SPLIT.batches if b.share], ids=lambda b: f"{b.first}-{b.last}"
)
def test_every_measuring_batch_gives_its_share(batch):
    members = [n for n in FILES if batch_of(n, (batch,))]
    sealed = [n for n in members if n in SPLIT.parts[SEALED]]
    largest_shape = max(sum(shape_of(m) == shape_of(n) for m in members) for n in members)
    assert abs(len(sealed) - batch.share * len(members)) <= max(1, largest_shape)


def test_each_stratum_gives_its_share():
    names = [f"{i:03d}_a-{i}.txt" for i in range(20)] + [
        f"{i:03d}_nodate-{i}.html" for i in range(20, 30)
    ]
    sealed = sealed_in_batch(names, 0.3)
    assert len([n for n in sealed if stratum(n) == ("txt", "")]) == 6
    assert len([n for n in sealed if stratum(n) == ("html", "nodate")]) == 3


def test_rule_is_deterministic_and_order_free():
    names = [f"{i:03d}_story-{i}.txt" for i in range(40)]
    assert sealed_in_batch(names, 0.35) == sealed_in_batch(list(reversed(names)), 0.35)
    assert len(sealed_in_batch(names, 0.35)) == 14


def test_a_tuning_batch_is_all_development():
    names = [f"{i:03d}_story-{i}.txt" for i in range(10)]
    split = compute_split(names, (Batch(0, 9, 0.0),))
    assert split.parts[SEALED] == () and len(split.parts[DEV]) == 10


def test_adding_a_file_to_an_old_batch_is_noticed():
    names = [f"{i:03d}_story-{i}.txt" for i in range(30)]
    before = compute_split(names, (Batch(0, 99, 0.35),))
    after = compute_split(names + ["030_story-30.txt"], (Batch(0, 99, 0.35),))
    assert after.parts != before.parts


def test_texts_of_one_page_shape_are_sealed_together():
    names = [f"{i:03d}_shape-{i % 7}--story-{i}.txt" for i in range(42)]
    sealed = set(sealed_in_batch(names, 0.35))
    for k in range(7):
        group = {n for n in names if shape_of(n) == f"shape-{k}"}
        assert group <= sealed or not group & sealed
    assert 0.25 <= len(sealed) / len(names) <= 0.45


def test_recorded_shapes_never_straddle_the_parts():
    for part, other in ((DEV, SEALED), (SEALED, DEV)):
        shapes = {shape_of(n) for n in SPLIT.parts[part]}
        assert not shapes & {shape_of(n) for n in SPLIT.parts[other]}


def test_shape_of_reads_the_mark():
    assert shape_of("250_hard-sport-scores-ticker--harriers.txt") == "hard-sport-scores-ticker"
    assert (
        shape_of("001_reuters-entity-list-eight-firms.txt")
        == "001_reuters-entity-list-eight-firms.txt"
    )


def test_stratum_reads_type_and_trap_word():
    assert stratum("036_nodate-caption-hikvision-uk.txt") == ("txt", "nodate")
    assert stratum("040_hard-diplomat-ai-champions.txt") == ("txt", "hard")
    assert stratum("161_reuters-fcc-dji-covered-list.html") == ("html", "")
    assert stratum("352_nodate-relative-time-only--bees-heat.txt") == ("txt", "nodate")


def test_write_and_load_round_trip(tmp_path):
    split = compute_split(FILES, SPLIT.batches)
    write_split(tmp_path / "split.yml", split)
    assert load_split(tmp_path / "split.yml") == split
