"""generator.extract.metadata.url: the source address: tracking parameters, redirects and print
footers removed."""

from __future__ import annotations

from metadata_text import BODY, extract

from generator.extract.metadata import clean_url


def test_tracking_parameters_are_removed():
    assert clean_url("https://a.com/x?utm_source=t&id=3&fbclid=AbC") == "https://a.com/x?id=3"


def test_redirect_and_print_footer_addresses():
    assert (
        clean_url(
            "https://www.google.com/url?rct=j&sa=t&url=https%3A%2F%2Fasiatimes.com%2F2022%2F10%2Fa%2F"
            "&ct=ga&usg=AOv"
        )
        == "https://asiatimes.com/2022/10/a/"
    )
    a = extract(
        f"Huawei files legal challenge\n\nDecember 5, 2019\n\n{BODY}\nhttps://www.example.com/news/x 1/3\n"
    )
    assert a.url == "https://www.example.com/news/x"


def test_a_bare_address_after_related_links_is_the_article_s_when_its_slug_is_the_headline():
    head = "Netball side clinches promotion on the final whistle\n\nBy Marta Lindqvist\n\n"
    tail = "\nMore from News\nBin collection days change\n\n{}\n© Gazette 2024\n"
    own = "https://www.example.co.uk/news/24101/netball-side-clinches-promotion-on-the-final-whi/"
    assert extract(head + BODY + tail.format(own)).url == own
    other = "https://www.example.co.uk/news/24102/bin-collection-days-to-change-over/"
    assert extract(head + BODY + tail.format(other)).url is None
