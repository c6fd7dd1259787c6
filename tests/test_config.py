"""Config errors are named precisely with their location, and the build refuses to start (exit 2)
rather than guess: unknown keys, wrong types, an alias shared by two companies, invalid regular
expressions, duplicate YAML keys and unreadable files."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.config import DEFAULT_MAX_SEED_BYTES, ConfigError, load_config, parse_config

ROOT = Path(__file__).resolve().parent.parent
DIGEST_YML = ROOT / "digest.yml"
RAW = yaml.safe_load(DIGEST_YML.read_text(encoding="utf-8"))
N_COMPANIES = len(RAW["companies"])
N_ALIASES = len(RAW["companies"][0]["aliases"])  # of the first company
HUAWEI = next(i for i, c in enumerate(RAW["companies"]) if c["name"] == "Huawei")


def edited(edit) -> dict:
    raw = copy.deepcopy(RAW)
    edit(raw)
    return raw


def error(raw) -> str:
    with pytest.raises(ConfigError) as info:
        parse_config(raw, "digest.yml")
    return str(info.value)


def test_the_project_config_is_valid():
    config = load_config(DIGEST_YML)
    assert config.companies and config.topics and config.max_seed_bytes == 5_000_000
    assert len(config.fingerprint) == 16


def test_limits_are_optional():
    config = parse_config(edited(lambda raw: raw.pop("limits")))
    assert config.max_seed_bytes == DEFAULT_MAX_SEED_BYTES
    assert parse_config(edited(lambda raw: raw.update(limits={"max_seed_bytes": 123}))).max_seed_bytes == 123


# ---- unknown keys ------------------------------------------------------------------------------------

@pytest.mark.parametrize("edit,expected", [
    (lambda r: r.update(colour="blue"), "digest.yml: unknown key 'colour'"),
    (lambda r: r["site"].update(titel="x"), ("digest.yml: site: unknown key 'titel' (allowed: title, description, "
                                            "subject, url); did you mean 'title'?")),
    (lambda r: r["limits"].update(max_seed_mb=5), "digest.yml: limits: unknown key 'max_seed_mb'"),
    (lambda r: r["companies"][2].update(alises=["x"]), "digest.yml: companies[2]: unknown key 'alises'"),
    (lambda r: r["topics"][1].update(keyword=["x"]), "digest.yml: topics[1]: unknown key 'keyword'"),
    (lambda r: r["publications"][0].update(domain=["x"]), "digest.yml: publications[0]: unknown key 'domain'"),
])
def test_unknown_key_is_named_with_its_location(edit, expected):
    assert expected in error(edited(edit))


def test_a_close_misspelling_gets_a_suggestion():
    assert "did you mean 'aliases'?" in error(edited(lambda r: r["companies"][2].update(alises=["x"])))


# ---- wrong types --------------------------------------------------------------------------------------

@pytest.mark.parametrize("edit,expected", [
    (lambda r: r.update(site="Digest"), "digest.yml: site: expected a mapping of keys, got text"),
    (lambda r: r["site"].update(title=5), "digest.yml: site.title: expected text, got a whole number (5)"),
    (lambda r: r.update(companies={"name": "x"}), "digest.yml: companies: expected a list, got a mapping"),
    (lambda r: r.update(topics=None), "digest.yml: topics: expected a list, got nothing (an empty value)"),
    (lambda r: r["companies"].append("Huawei"), f"companies[{N_COMPANIES}]: expected a mapping of `key: value` lines, got text"),
    (lambda r: r["companies"][0].update(aliases="Hik"), "digest.yml: companies[0].aliases: expected a list, got text"),
    (lambda r: r["companies"][0]["aliases"].append(5), (f"digest.yml: companies[0].aliases[{N_ALIASES}]: expected a "
                                                       "non-empty string, got 5")),
    (lambda r: r["companies"][0]["aliases"].append("  "), f"companies[0].aliases[{N_ALIASES}]: expected a non-empty"),
    (lambda r: r["topics"][0].update(min_mentions="2"), ("digest.yml: topics[0].min_mentions: expected a whole "
                                                        "number, got text ('2')")),
    (lambda r: r["topics"][0].update(min_mentions=True), ("topics[0].min_mentions: expected a whole number, "
                                                         "got true/false")),
    (lambda r: r["topics"][0].update(min_mentions=0), "topics[0].min_mentions: must be 1 or more, got 0"),
    (lambda r: r["limits"].update(max_seed_bytes="5MB"), ("digest.yml: limits.max_seed_bytes: expected a whole "
                                                         "number, got text ('5MB')")),
    (lambda r: r["limits"].update(max_seed_bytes=1.5), "limits.max_seed_bytes: expected a whole number"),
    (lambda r: r["limits"].update(max_seed_bytes=-1), "limits.max_seed_bytes: must be a positive number"),
    (lambda r: r["limits"].update(max_seed_bytes=False), ("limits.max_seed_bytes: expected a whole number, "
                                                         "got true/false")),
])
def test_wrong_type_is_named_with_its_location(edit, expected):
    assert expected in error(edited(edit))


@pytest.mark.parametrize("edit,expected", [
    (lambda r: r.pop("site"), "digest.yml: missing required key 'site'"),
    (lambda r: r["companies"][3].pop("name"), "digest.yml: companies[3]: missing required key 'name'"),
    (lambda r: r["topics"][2].pop("title"), "digest.yml: topics[2]: missing required key 'title'"),
    (lambda r: r["companies"][3].update(name="  "), "digest.yml: companies[3].name: a company needs a name"),
    (lambda r: r["companies"][3].update(name="!!!"), "companies[3]: the name '!!!' gives no usable page name"),
    (lambda r: r["companies"][3].update(slug="../x"), "companies[3].slug: '../x' is not a slug; use 'x'"),
    (lambda r: r["topics"][0].update(slug="Entity List"), "topics[0].slug: 'Entity List' is not a slug"),
    (lambda r: r["topics"][0].update(keywords=[], patterns=[], signals={}),
     "topics[0]: a topic needs at least one keyword"),
])
def test_missing_or_unusable_values(edit, expected):
    assert expected in error(edited(edit))


# ---- duplicates ---------------------------------------------------------------------------------------

def test_an_alias_shared_by_two_companies_names_both_places():
    first, second = RAW["companies"][0], RAW["companies"][1]
    alias = first["aliases"][-1]
    message = error(edited(lambda r: r["companies"][1]["aliases"].append(alias)))
    assert message == (f"digest.yml: companies[1].aliases[{len(second['aliases'])}]: alias {alias!r} is claimed by "
                       f"both {first['name']!r} (companies[0].aliases[{N_ALIASES - 1}]) and {second['name']!r}; an "
                       "alias must name one company, so remove it from one of them")


def test_an_alias_clash_ignores_case_and_includes_names():
    first, second = RAW["companies"][0]["name"], RAW["companies"][1]["name"]
    assert f"alias {first.upper()!r} is claimed by both {first!r} (companies[0].name) and {second!r}" in \
        error(edited(lambda r: r["companies"][1]["aliases"].append(first.upper())))


@pytest.mark.parametrize("edit,expected", [
    (lambda r: r["companies"].append({"name": "huawei", "slug": "huawei-2"}),
     f"digest.yml: companies[{N_COMPANIES}]: duplicate name 'huawei' (already used by companies[{HUAWEI}])"),
    (lambda r: r["companies"].append({"name": "Other", "slug": "huawei"}),
     f"digest.yml: companies[{N_COMPANIES}]: duplicate slug 'huawei' (already used by companies[{HUAWEI}])"),
    (lambda r: r["topics"].append(dict(r["topics"][0], title="Again")),
     (f"digest.yml: topics[{len(RAW['topics'])}]: duplicate slug {RAW['topics'][0]['slug']!r} "
     "(already used by topics[0])")),
])
def test_duplicates_are_named(edit, expected):
    assert expected in error(edited(edit))


# ---- regular expressions ----------------------------------------------------------------------------------

@pytest.mark.parametrize("pattern,detail", [
    ("(unclosed", "missing ), unterminated subpattern at position 0"),
    ("[a-", "unterminated character set"),
    ("*x", "nothing to repeat"),
    ("(?P<n>a)(?P<n>b)", "redefinition of group name"),
])
def test_an_invalid_regular_expression_is_named_with_its_location(pattern, detail):
    message = error(edited(lambda r: r["topics"][3].setdefault("patterns", []).append(pattern)))
    index = len(RAW["topics"][3].get("patterns", []))
    assert f"digest.yml: topics[3].patterns[{index}]: invalid regular expression {pattern!r}: " in message
    assert detail in message


# ---- the file itself --------------------------------------------------------------------------------------

def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "digest.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def load_error(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        load_config(path)
    return str(info.value)


def test_a_key_given_twice_is_an_error_not_a_silent_override(tmp_path):
    text = DIGEST_YML.read_text(encoding="utf-8") + "\ncompanies:\n  - name: Only\n"
    line = text.count("\n", 0, text.rindex("\ncompanies:")) + 2
    message = load_error(write(tmp_path, text))
    assert f"line {line}, column 1: found the key 'companies' twice" in message
    assert str(tmp_path / "digest.yml") in message


def test_a_key_given_twice_inside_a_company(tmp_path):
    message = load_error(write(tmp_path, "site: {title: t}\ntopics: []\ncompanies:\n  - name: A\n    name: B\n"))
    assert "line 5, column 5: found the key 'name' twice (first on line 4)" in message


@pytest.mark.parametrize("text,expected", [
    ("site: {title: t\n", "not valid YAML: line 2"),
    ("site:\n  title: a: b\n", "not valid YAML: line 2, column 11: mapping values are not allowed"),
    ("", "the config file is empty"),
    ("# only a comment\n", "the config file is empty"),
    ("- a\n- b\n", "expected a mapping of `key: value` lines, got a list"),
    ("site: !!python/object/apply:os.system ['echo hi']\n", "not valid YAML"),
    (b"site: {title: caf\xe9}\n", "not UTF-8"),
    ("site: " + "[" * 3000, "digest.yml"),
])
def test_an_unreadable_file_is_named(tmp_path, text, expected):
    assert expected in load_error(write(tmp_path, text))


def test_a_missing_file_is_named(tmp_path):
    assert "cannot read the config file" in load_error(tmp_path / "nope.yml")


# ---- the build refuses to start ----------------------------------------------------------------------------

BROKEN = {
    "unknown key": (lambda r: r["companies"][0].update(alises=["x"]), "companies[0]: unknown key 'alises'"),
    "wrong type": (lambda r: r["topics"][0].update(min_mentions="two"), "topics[0].min_mentions: expected a whole"),
    "shared alias": (lambda r: r["companies"][1]["aliases"].append("Hikvision"), "alias 'Hikvision' is claimed"),
    "invalid regex": (lambda r: r["topics"][0].update(patterns=["(x"]), "topics[0].patterns[0]: invalid regular"),
}


@pytest.mark.parametrize("command", ["build", "generate", "check"])
@pytest.mark.parametrize("case", sorted(BROKEN))
def test_the_build_refuses_to_start_on_a_config_error(tmp_path, command, case):
    edit, expected = BROKEN[case]
    config = tmp_path / "digest.yml"
    config.write_text(yaml.safe_dump(edited(edit), allow_unicode=True, sort_keys=False), encoding="utf-8")
    seeds, docs, site = tmp_path / "seeds", tmp_path / "docs", tmp_path / "site"
    seeds.mkdir()
    (seeds / "a.txt").write_text("A Headline About Huawei\n\nBy Jane Doe\n\nSome text of the article here.\n")
    args = [command, "--seeds", str(seeds), "--config", str(config)]
    args += [] if command == "check" else ["--docs", str(docs)]
    args += ["--site", str(site), "--mkdocs-config", str(ROOT / "mkdocs.yml")] if command == "build" else []
    result = CliRunner().invoke(main, args)
    out = result.output + (result.stderr if result.stderr not in result.output else "")
    assert result.exit_code == 2, out
    assert f"config error: {config}: " in out and expected in out
    assert not docs.exists() and not site.exists()


def test_search_settings_are_optional_and_read():
    plain = parse_config(edited(lambda raw: raw.pop("search"))).search
    assert (plain.engine, plain.pagefind_from, plain.variants) == ("auto", 300, ())
    config = load_config(DIGEST_YML).search
    assert ("Uyghur", "Uighur", "Uygur") in config.variants


@pytest.mark.parametrize(("search", "expected"), [
    ({"engine": "elastic"}, "search.engine: 'elastic' is not one of auto, lunr, pagefind"),
    ({"pagefind_from": -1}, "search.pagefind_from: must be 0 or more"),
    ({"variants": [["Uyghur"]]}, "search.variants[0]: expected a list of two or more spellings"),
    ({"variants": [["Uyghur", ""]]}, "search.variants[0][1]: expected a non-empty string"),
    ({"engines": "lunr"}, "unknown key 'engines'"),
])
def test_bad_search_settings_are_named(search, expected):
    assert expected in error(edited(lambda raw: raw.update(search=search)))
