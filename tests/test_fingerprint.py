"""generator/fingerprint.py: an article's fingerprint changes with anything set on it."""
from dataclasses import replace

from generator.fingerprint import base_digests, combined, fingerprint
from generator.records import Article

ORIGINAL = Article("a.txt", "0" * 64, title="Huawei signs a deal", slug="")


def test_fields_set_after_the_per_seed_stages_change_the_fingerprint():
    base = base_digests([ORIGINAL], {})["a.txt"]
    slugged = replace(ORIGINAL, slug="huawei-signs-a-deal")
    prints = {fingerprint(a, ORIGINAL, base)
              for a in (slugged, replace(slugged, story="x"), replace(slugged, copy_of="y"))}
    assert len(prints) == 3
    assert fingerprint(replace(slugged, story=None), ORIGINAL, base) == fingerprint(
        slugged, ORIGINAL, base)


def test_the_per_seed_result_is_part_of_it():
    other = replace(ORIGINAL, title="Huawei signs another deal")
    assert base_digests([ORIGINAL], {}) != base_digests([other], {})
    assert base_digests([ORIGINAL], {"a.txt": b"known"}) == {"a.txt": b"known"}


def test_combined_depends_on_order_and_content():
    assert combined(["a", "b"]) != combined(["b", "a"]) != combined(["a", "c"])
    assert combined(["ab"]) != combined(["a", "b"])
