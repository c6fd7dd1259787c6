"""generator.extract.metadata.subtitle: subtitle rules: key points and dek lines under the
headline."""

from __future__ import annotations

from metadata_text import BODY, extract


def test_key_points_under_the_byline_are_the_subtitle():
    a = extract(
        "US chip stocks slide after Commerce bars American companies from selling to ZTE\n\n"
        "Published Mon, Apr 16 2018 5:41 PM EDT\n\nEvan Stroud\n\nKey Points\n"
        "Shares of optical component makers fell sharply in after-hours trading.\n"
        "The denial order bars US firms from selling parts to the telecom equipment maker.\n\n"
        f"VIDEO02:14\n\n{BODY}"
    )
    assert a.subtitle == (
        "Shares of optical component makers fell sharply in after-hours trading.; "
        "The denial order bars US firms from selling parts to the telecom equipment maker."
    )
    assert a.blocks[0].text.startswith("The Commerce Department added")
