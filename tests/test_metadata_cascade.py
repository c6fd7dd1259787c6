"""generator.extract.metadata.cascade: the cascade as a whole: provenance for every field,
front-matter first, every seed format."""

from __future__ import annotations

from metadata_text import BODY, extract


def test_provenance_is_recorded_for_every_field_found():
    a = extract("Huawei sues US government over ban\n\nBy Jane Doe\nMarch 7, 2019\n\n" + BODY)
    assert {"title", "author", "date"} <= set(a.found)
    assert all(0 < f.confidence <= 1 for f in a.found.values())


def test_seed_front_matter_overrides_extraction():
    a = extract(
        "---\ntitle: Corrected title\ndate: 2020-01-02\nauthor: [A Person, B Person]\n---\n"
        "Wrong title\n\nBy Jane Doe\n\n" + BODY
    )
    assert (a.title, a.date, a.author) == ("Corrected title", "2020-01-02", "A Person, B Person")
    assert a.found["title"].method == "seed front-matter"


def test_saved_html_page_is_extracted():
    html = (
        "<!doctype html><html><head><title>Huawei ban widens | Example</title>"
        '<meta property="og:title" content="Huawei ban widens">'
        '<meta name="author" content="Jane Doe"><meta property="article:published_time" content="2020-05-15">'
        '</head><body><nav><a href="/">Home</a> <a href="/tech">Tech</a></nav><article><h1>Huawei ban widens</h1>'
        + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
        + "</article><footer>Subscribe to our newsletter</footer></body></html>"
    )
    a = extract(html)
    assert a.format == "html"
    assert a.title == "Huawei ban widens" and a.date == "2020-05-15" and a.author == "Jane Doe"
    assert "Commerce Department" in a.body_text and "Home" not in a.body_text


def test_markdown_seed_is_read_as_text_not_markup():
    md = (
        "---\ndate: 2021-05-05\n---\n# Huawei loses Android licence\n\n**By Jane Doe**\n\n"
        "The [Commerce Department](https://commerce.gov) added the company to the *Entity List* on Monday, "
        "officials said, citing national security concerns about its cameras.\n\n"
        "> The company said it would comply with all applicable laws and continue to serve customers.\n"
    )
    a = extract(md)
    assert a.format == "markdown"
    assert (a.title, a.author, a.date) == ("Huawei loses Android licence", "Jane Doe", "2021-05-05")
    assert "The Commerce Department added the company to the Entity List on Monday" in a.body_text
    assert "](" not in a.body_text and "**" not in a.body_text


def test_field_block_of_a_document_export():
    a = extract(
        "INTERNAL reading pack\n\nTitle: Japan's chip curbs are a bet on the alliance\n"
        "Subtitle: Tokyo's new export controls will cost its toolmakers in the short run.\n"
        "Author: Hiroshi Tanabe\nDate: 3 April 2023\nOutlet: Harbour Weekly (Opinion)\n\n" + BODY
    )
    assert (a.title, a.subtitle, a.author, a.date, a.publication) == (
        "Japan's chip curbs are a bet on the alliance",
        "Tokyo's new export controls will cost its toolmakers in the short run.",
        "Hiroshi Tanabe",
        "2023-04-03",
        "Harbour Weekly",
    )


def test_mainstream_layout_details():
    a = extract(
        f"Opinion The chip war needs allies more than it needs new lists\n\nBy the Editorial Board\n"
        f"December 3, 2024 at 6:12 p.m. EST\n\n{BODY}"
    )
    assert a.title == "The chip war needs allies more than it needs new lists" and a.author is None
    b = extract(
        f"TikTok ban bill clears the House\n\nOpinion by Dana Whitcombe\n\nMarch 13, 2024\n\n{BODY}"
    )
    assert b.author == "Dana Whitcombe"
    c = extract(f"Senators press Commerce on YMTC\n\nby Owen Hart - 09/07/22 5:26 PM ET\n\n{BODY}")
    assert c.date == "2022-09-07"
    d = extract(
        "Nvidia stock sinks after chipmaker flags $5.5 billion hit\n\nDana Ostrowski · Senior Reporter\n"
        f"April 16, 2025\n\n{BODY}"
    )
    assert d.author == "Dana Ostrowski" and d.subtitle is None
