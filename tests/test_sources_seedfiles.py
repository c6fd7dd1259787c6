"""Seed files written by add/pull: stable names, the served bytes plus one address line, written whole."""
from __future__ import annotations

import os

import pytest

from generator.extract.convert_html import saved_from_address
from generator.sources import files
from generator.sources.seedfiles import save_seed, seed_file_name, served_bytes, with_address
from generator.sources.state import (
    FeedState,
    PullState,
    SeedRecord,
    StateError,
    load_state,
    save_state,
)

URL = "https://harbour.example/news/2026/11/huawei-deal.html?utm_source=rss"


@pytest.mark.parametrize(("title", "taken", "expected"), [
    ("Huawei signs a supply deal | Harbour Post", set(), "2026-11-30-huawei-signs-a-supply-deal.html"),
    ("Huawei signs a supply deal", {"2026-11-30-huawei-signs-a-supply-deal.html"},
     "2026-11-30-huawei-signs-a-supply-deal-2.html"),
    ("", set(), "2026-11-30-huawei-deal.html"),
    ("Harbour | News", set(), "2026-11-30-harbour-news.html"),
    ("<script>alert(1)</script> ../../etc", set(), "2026-11-30-script-alert-1-script-etc.html"),
])
def test_names_are_date_and_slug(title, taken, expected):
    assert seed_file_name("2026-11-30", title, URL, taken) == expected


def test_the_served_bytes_come_back_exactly_and_the_build_reads_the_address():
    for body in (b"<!DOCTYPE html>\n<html><p>x</p></html>", b"<html><p>x</p></html>",
                 b"\xef\xbb\xbf<!doctype html><html></html>", b"<html>\r\n</html>"):
        saved = with_address(body, URL)
        assert served_bytes(saved) == body
        assert saved_from_address(saved.decode("utf-8-sig")) == URL
        assert saved.lower().lstrip(b"\xef\xbb\xbf").startswith((b"<!doctype", b"<!-- saved from"))


def test_a_quote_or_bracket_in_the_address_cannot_end_the_comment():
    saved = with_address(b"<html></html>", 'https://h.example/a"--><script>')
    assert b"<script>" not in saved and saved_from_address(saved.decode()) == "https://h.example/a%22--%3E%3Cscript%3E"


def test_a_seed_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    def broken_disk(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", broken_disk)
    with pytest.raises(OSError):
        save_seed(tmp_path, "a.html", b"<html>" + b"x" * 100_000)
    assert list(tmp_path.iterdir()) == [], "no half-written seed and no temporary file left behind"


def test_a_seed_never_replaces_another(tmp_path):
    save_seed(tmp_path, "a.html", b"first")
    with pytest.raises(FileExistsError):
        save_seed(tmp_path, "a.html", b"second")
    assert (tmp_path / "a.html").read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html"]
    assert (tmp_path / "a.html").stat().st_mode & 0o777 == files.FILE_MODE


def test_the_state_file_round_trips_sorted(tmp_path):
    path = tmp_path / "pull-state.json"
    assert load_state(path) == PullState(), "no file yet: nothing pulled yet"
    state = PullState({"https://b.example/feed": FeedState('"e1"', "Mon, 30 Nov 2026 08:00:00 GMT", {"z": "s2",
                                                                                                     "a": "s1"})},
                      {"s1": SeedRecord("https://b.example/1", "ab" * 32)})
    save_state(path, state)
    assert load_state(path) == state
    text = path.read_text()
    assert text.index('"a"') < text.index('"z"') and text.endswith("}\n")


@pytest.mark.parametrize("text", ["{not json", '{"version": 99}', '{"version": 1, "seeds": {"x": {}}}', "[]"])
def test_a_damaged_state_file_is_refused_with_what_to_do(tmp_path, text):
    path = tmp_path / "pull-state.json"
    path.write_text(text)
    with pytest.raises(StateError, match="damaged .*restore it from git"):
        load_state(path)
