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


def test_a_closing_address_with_a_short_slug_spelling_the_headline_is_the_article_s():
    head = "Library extends opening hours for students\n\nBy Ines Carvalho | 04/02/2024\n\n"
    tail = (
        "\nYou may also like\nHarbour car park to close for repairs\n"
        "Oakford Mail, 3 Mill Lane\n{}\n"
    )
    own = "https://www.oakfordmail.co.uk/news/2024/library-hours"
    assert extract(head + BODY + tail.format(own)).url == own
    other = "https://www.oakfordmail.co.uk/news/2024/harbour-parking"  # the related story's
    assert extract(head + BODY + tail.format(other)).url is None


def test_a_clipped_from_line_gives_the_address():
    text = f"Library extends opening hours\n\n{BODY}\nClipped from: https://a.example/x/1\n"
    assert extract(text).url == "https://a.example/x/1"
    # a sentence that mentions clipping is not an address line
    prose = f"Library extends opening hours\n\n{BODY}\nClipped from the print edition of 3 May.\n"
    assert extract(prose).url is None


def test_export_and_citation_labels_before_the_address():
    url = "https://www.kelpbaygazette.example/news/ferry-fares-rise-for-the-winter-77"
    head = f"Ferry fares rise for the winter\n\nBy Tamsin Okoro\n\n{BODY}\n"
    for line in (f"Source URL: {url}", f"Original link: {url}", f"Retrieved from {url}",
                 f"Link to article: {url}", f"{url} (accessed 3 March 2024)"):
        assert extract(head + line + "\n").url == url, line
    # a related link or a picture's address is not the article's
    for line in (f"Related: {url}", f"Photo: {url}"):
        assert extract(head + line + "\n").url is None, line
