"""The trained line-role model (generator/extract/roles.py, generator/data/roles.crfsuite)."""

from pathlib import Path

from generator.config import load_config
from generator.extract.roles import (
    MODEL_PATH,
    ROLES,
    TITLE_OVERRIDE_CONFIDENCE,
    best_line,
    model_sha256,
    tag_lines,
    tag_text,
    title_from_roles,
    without_repeated_title,
)

CONFIG = load_config(Path(__file__).resolve().parent.parent / "digest.yml")
TEXT = (
    "Skip to main content\nNews  Sport  Business  Weather\n\n"
    "Rail operator cuts weekend services on coastal line for six weeks of track work\n\n"
    "By Harriet Colby\n\n"
    "Published 12 May 2023\n\n"
    "Passengers on the coastal line face six weekends without trains from June while engineers replace "
    "a mile of track near the harbour, the operator said on Friday, with buses running between stations.\n\n"
    "The operator said the work had been planned for two years and could not be done at night because "
    "the track is too close to homes along the sea wall.\n\n"
    "Share this article\n\n"
    "© 2023 The Harbour Times\n"
)


def test_model_file_is_small_and_crfsuites_own_format():
    data = MODEL_PATH.read_bytes()
    assert data[:4] == b"lCRF"  # crfsuite's model magic, not a pickle
    assert len(data) < 1_000_000


def test_every_line_gets_one_known_role():
    tagged = tag_lines(TEXT, CONFIG)
    assert tagged[0].text == "Skip to main content"
    assert {t.role for t in tagged} <= set(ROLES)
    assert all(0.0 <= t.confidence <= 1.0 for t in tagged)
    roles = {t.text: t.role for t in tagged}
    assert (
        roles["Rail operator cuts weekend services on coastal line for six weeks of track work"]
        == "title"
    )
    assert roles["By Harriet Colby"] == "byline"
    assert roles["Published 12 May 2023"] == "date"
    assert roles["Skip to main content"] == "chrome"
    assert sum(r == "body" for r in roles.values()) == 2


def test_best_title_line():
    best = best_line(TEXT, "title", CONFIG)
    assert best is not None and best.text.startswith("Rail operator cuts")
    assert best_line("", "title", CONFIG) is None
    assert tag_lines("\n\n", CONFIG) == []


def test_model_hash_names_the_file():
    assert len(model_sha256()) == 64 and model_sha256() == model_sha256(MODEL_PATH)


def test_tag_text_gives_the_path_and_the_most_title_like_line_of_one_tagging():
    tags = tag_text(TEXT, CONFIG)
    assert list(tags.lines) == tag_lines(TEXT, CONFIG)
    assert tags.title == best_line(TEXT, "title", CONFIG)
    empty = tag_text("\n\n", CONFIG)
    assert (empty.lines, empty.title) == ((), None)


def test_title_from_roles_keeps_a_rules_title_the_model_agrees_with():
    rules = "Rail operator cuts weekend services on coastal line for six weeks of track work"
    assert title_from_roles(tag_text(TEXT, CONFIG), rules) is None


def test_title_from_roles_replaces_chrome_taken_for_the_title():
    better = title_from_roles(tag_text(TEXT, CONFIG), "Skip to main content")
    assert better is not None and better.text.startswith("Rail operator cuts")
    assert better.confidence >= TITLE_OVERRIDE_CONFIDENCE
    assert title_from_roles(tag_text(TEXT, CONFIG), None).text.startswith("Rail operator cuts")


def _article(title, method, overrides=None, tags=None):
    from generator.records import Article, Found
    return Article(seed="s.txt", seed_sha256="0" * 64, title=title, overrides=overrides or {},
                   found={"title": Found(method, 0.5)}, roles=tags or tag_text(TEXT, CONFIG))


def test_the_model_replaces_a_rules_title_it_is_sure_is_not_the_headline(monkeypatch):
    from generator.extract import roles
    line = roles.RoledLine(2, "EXCLUSIVE: Rail operator cuts weekend services", "title", 0.91)
    monkeypatch.setattr(roles, "title_from_roles", lambda tags, title: line)
    article = roles.with_role_title(_article("Skip to main content", "first line"), CONFIG)
    assert article.title == "Rail operator cuts weekend services"  # cleaned like any headline
    assert (article.found["title"].method, article.found["title"].confidence) == ("line-role model", 0.91)


def test_the_title_comes_from_the_articles_own_tags():
    from generator.extract import roles
    from generator.records import LineRoles
    line = roles.RoledLine(0, "Lighthouse keeper retires after forty winters", "title", 0.88)
    tags = LineRoles((roles.RoledLine(0, line.text, "title", 0.88),), line)
    article = roles.with_role_title(_article("Skip to main content", "first line", tags=tags), CONFIG)
    assert article.title == line.text


def test_a_front_matter_title_is_never_overridden(monkeypatch):
    from generator.extract import roles
    line = roles.RoledLine(2, "Some other line", "title", 0.99)
    monkeypatch.setattr(roles, "title_from_roles", lambda tags, title: line)
    article = _article("My title", "seed front-matter", {"title": "My title"})
    assert roles.with_role_title(article, CONFIG) is article


def test_no_better_line_keeps_the_rules_title():
    from generator.extract import roles
    title = "Rail operator cuts weekend services on coastal line for six weeks of track work"
    article = _article(title, "first prominent line")
    assert roles.with_role_title(article, CONFIG) is article


def test_a_seed_is_tagged_once_and_its_tags_are_not_kept(monkeypatch):
    # a development text whose byline only the model reads: body cleaning, the byline rule and
    # the title stage all need the roles
    from generator.extract import roles
    from generator.extract.ingest import decode_seed
    from generator.pipeline import process_seed
    calls = []
    tagged = roles._tagged
    monkeypatch.setattr(roles, "_tagged", lambda *a: calls.append(a[0]) or tagged(*a))
    name = "030_linkedin-ndaa-889-part-b.txt"
    data = (Path(__file__).resolve().parent / "data" / "eval" / "articles" / name).read_bytes()
    article = process_seed(decode_seed(name, data), CONFIG)
    assert article.found["author"].method == "line-role model: byline line"
    assert len(calls) == 1 and article.roles is None


def test_only_the_first_lines_are_tagged():
    from generator.extract.roles import MAX_TAGGED_LINES

    long_text = TEXT + "\n\n".join(f"Line {i} of a very long list." for i in range(2 * MAX_TAGGED_LINES))
    tagged = tag_lines(long_text, CONFIG)
    assert len(tagged) == MAX_TAGGED_LINES
    assert [t.text for t in tagged[:5]] == [t.text for t in tag_lines(TEXT, CONFIG)[:5]]


def _with_subtitle(subtitle, overrides=None):
    from generator.records import Article, Found
    return Article(seed="s.txt", seed_sha256="0" * 64, title="Choir tops the download chart",
                   subtitle=subtitle, overrides=overrides or {},
                   found={"subtitle": Found("line between headline and byline", 0.8)})


def test_a_dek_part_that_repeats_the_final_title_is_dropped():
    article = without_repeated_title(
        _with_subtitle("Choir  tops the download chart; Singers aged 80 recorded it in a barn")
    )
    assert article.subtitle == "Singers aged 80 recorded it in a barn"
    assert article.found["subtitle"].method == "line between headline and byline"


def test_a_dek_that_is_only_the_title_goes_with_its_provenance():
    article = without_repeated_title(_with_subtitle("choir tops the download chart"))
    assert article.subtitle is None and "subtitle" not in article.found


def test_a_dek_without_the_title_or_written_by_the_user_is_kept_as_it_is():
    kept = _with_subtitle("Singers aged 80 recorded it in a barn")
    assert without_repeated_title(kept) is kept
    mine = _with_subtitle("Choir tops the download chart", {"subtitle": "Choir tops the download chart"})
    assert without_repeated_title(mine) is mine


def test_the_model_never_takes_a_bullet_point_for_the_headline():
    from generator.records import LineRoles, RoledLine

    bullet = RoledLine(3, "• Members want a second survey of the seabed first", "title", 0.95)
    tags = LineRoles((RoledLine(0, "Skip to main content", "chrome", 0.9), bullet), bullet)
    assert title_from_roles(tags, "Skip to main content") is None
    plain = RoledLine(3, "Members want a second survey of the seabed first", "title", 0.95)
    assert title_from_roles(LineRoles((plain,), plain), "Skip to main content") == plain


def test_the_model_never_takes_a_line_the_furniture_rules_name_for_the_headline():
    from generator.records import LineRoles, RoledLine

    credit = RoledLine(1, "Provided by The Coastal Times", "title", 0.9)
    assert title_from_roles(LineRoles((credit,), credit), "Skip to main content") is None
