"""The declared cascade: for each field, its rules from the surest to the weakest. The first rule
that gives a value wins; later rules never overwrite it.

Order per field: the seed's own front-matter (the user's correction), hints from a saved HTML
page or a web clipper, then the field module's text rules. Two finishing steps follow: a site
name after the headline is removed (title.without_site_suffix), and a fuller visible byline beats
a page's author tag (author.fuller_visible_byline).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

from ...config import Config
from ...records import Article, Found
from .. import patterns as P
from ..role_use import author_from_byline_role
from .author import (
    author_from_authors_block,
    author_from_bio,
    author_from_byline,
    author_from_closing_byline,
    author_from_contact_block,
    author_from_credit_line,
    author_from_footer_label,
    author_from_letter_signature,
    author_from_name_and_date,
    author_from_names_line,
    author_from_names_over_roles,
    author_from_sign_off,
    author_from_write_to,
    fuller_visible_byline,
)
from .base import Extractor, Result
from .date import (
    date_from_dateline,
    date_from_footer,
    date_from_header,
    date_from_url,
    date_from_visible_byline,
    hint_date,
)
from .names import split_names
from .publication import (
    copyright_holder,
    publication_from_byline,
    publication_from_byline_outlet,
    publication_from_credit_lines,
    publication_from_domain_mention,
    publication_from_edition_line,
    publication_from_first_line,
    publication_from_footer_address,
    publication_from_furniture_names,
    publication_from_host_masthead,
    publication_from_host_name,
    publication_from_language_switch,
    publication_from_logo_alt,
    publication_from_masthead,
    publication_from_newsletter_issue,
    publication_from_platform,
    publication_from_published_in,
    publication_from_repeated_masthead,
    publication_from_reprint_credit,
    publication_from_sender_label,
    publication_from_subscription_notice,
    publication_from_tagline_masthead,
    publication_from_title_site,
    publication_from_url,
    publication_from_url_table,
    publication_from_welcome_banner,
    publication_from_wire_credit,
)
from .publication_table import canonical
from .subtitle import subtitle_from_field, subtitle_from_header, subtitle_from_shown_description
from .title import (
    clean_title,
    title_from_email_subject,
    title_from_field,
    title_from_file_name,
    title_from_first_line,
    title_from_header,
    without_site_suffix,
)
from .url import clean_url, url_from_lines


def extract_metadata(article: Article, config: Config) -> Article:
    """Run every field's cascade and return the article with metadata and provenance filled."""
    values: dict[str, object] = {}
    found: dict[str, Found] = {}
    current = article  # with the fields found so far: later rules read them (the title, say)
    for name in FIELDS:
        for extractor in CASCADE[name]:
            result = extractor(current, config)
            if result is not None and result[0] not in (None, "", ()):
                values[name], found[name] = result
                current = replace(current, **{name: values[name]})
                break
    article = replace(article, **values, found=found)
    article = without_site_suffix(article, config)
    return fuller_visible_byline(article, config, CASCADE["author"][TEXT_RULES_FROM:])


def override(name: str) -> Extractor:
    """The value the user wrote into the seed's front-matter: a correction always wins."""

    def extract(article: Article, config: Config) -> Result:
        if name in article.overrides:
            return article.overrides[name], Found("seed front-matter", 1.0)
        return None

    return extract


def hint(name: str) -> Extractor:
    """A value from the page's own metadata (a saved page's meta tags, a web clipper's
    front-matter), cleaned like text-extracted values: an author tag may hold an outlet, a date
    tag a timestamp."""

    def extract(article: Article, config: Config) -> Result:
        value = article.hints.get(name)
        if not value:
            return None
        if name == "publication" and (P.DOMAIN_LINE.match(value) or _is_host(value, article)):
            # a page with no site-name tag: its host, which the extractor puts in its place, says
            # less than a name on the page, so the text rules are asked first (the bare domain
            # stays as their last resort)
            return None
        value = HINT_CLEANERS.get(name, lambda v, c: v)(value, config)
        return (value, Found("page metadata (saved page or clipper)", 0.85)) if value else None

    return extract


def _is_host(value: str, article: Article) -> bool:
    """ "corranherald.ie" as a site name: the host of the page's own address, which the HTML
    extractor writes in when the page names no site (any country domain, not only DOMAIN_LINE's)."""
    host = urlsplit(article.hints.get("url") or article.url or "").hostname or ""
    return bool(host) and value.casefold() == host.removeprefix("www.")


HINT_CLEANERS: dict[str, Callable[[str, Config], object]] = {
    "publication": lambda v, c: canonical(v, c),
    "author": lambda v, c: ", ".join(split_names(v, c)) or None,
    "date": hint_date,
    "url": lambda v, c: clean_url(v) if v.startswith(("http://", "https://")) else None,
    "title": lambda v, c: clean_title(v),
}

CASCADE: dict[str, list[Extractor]] = {
    "url": [override("url"), hint("url"), url_from_lines],
    "title": [
        override("title"),
        hint("title"),
        title_from_email_subject,  # a forwarded newsletter names its article in the subject
        title_from_field,  # an export's "Title:" field says so outright
        title_from_header,  # the headline line of the header
        title_from_first_line,  # no headline: the body's first sentence, marked unsure
        title_from_file_name,  # nothing else: the file name, so the page still has a title
    ],
    "subtitle": [
        override("subtitle"),
        subtitle_from_field,
        subtitle_from_header,
        subtitle_from_shown_description,  # the clipped page's description, shown as a line
        # a page's description tag is often a teaser written for search engines, so it comes
        # after the dek the page shows
        hint("subtitle"),
    ],
    "author": [
        override("author"),
        hint("author"),
        author_from_byline,  # "By Jane Doe": the explicit byline
        author_from_name_and_date,  # "Jane Doe | May 5, 2021"
        author_from_authors_block,  # "Authors" over names and roles (law firms, think tanks)
        author_from_names_over_roles,  # two or more writers, each over a role line
        author_from_names_line,  # a line of nothing but names under the headline
        author_from_credit_line,  # wire copy's closing "(Reporting by ...)"
        author_from_closing_byline,  # "By Jane Doe" as the last line
        author_from_write_to,  # "Write to Jane Doe at ..."
        author_from_contact_block,  # "To contact the reporters on this story:" over their lines
        author_from_footer_label,  # an "Author: X" line in the page footer
        author_from_byline_role,  # a line the line-role model tags byline, in a shape no rule knows
        author_from_sign_off,  # "— Jane Doe" closing a newsletter
        author_from_letter_signature,  # "Sir, –" ... "Jane Doe, Townsville" closing a letter
        author_from_bio,  # "Jane Doe is a reporter at ...": weakest, a bio may name a guest
    ],
    "date": [
        override("date"),
        hint("date"),
        date_from_visible_byline,  # "By Jane Doe | May 5, 2021" in a saved page's byline element
        date_from_header,  # a date line under (or above) the headline
        date_from_dateline,  # "BEIJING, May 5, 2019 --" opening the body
        date_from_footer,  # "Published ..." or a bare timestamp closing the page
        date_from_url,  # /2019/05/22/ in the source address
    ],
    "publication": [
        override("publication"),
        hint("publication"),
        publication_from_credit_lines,  # a copyright or "Source:" line naming a listed outlet
        publication_from_wire_credit,  # "(Reuters) -" in the dateline
        publication_from_byline,  # "By Jane Doe | Reuters"
        publication_from_sender_label,  # "From:" over "HM Treasury" on a government page
        publication_from_published_in,  # "Published in X" on a blogging platform
        publication_from_url_table,  # the address's domain is in the table
        publication_from_first_line,  # a listed name as the masthead line
        publication_from_furniture_names,  # a listed name anywhere in the page furniture
        publication_from_domain_mention,  # "www.fcc.gov" or "press@fcc.gov" in the furniture
        publication_from_edition_line,  # an e-paper's paper name over "Monday ... · Page 54"
        publication_from_reprint_credit,  # "Provided by X", "This report by X was first ..."
        publication_from_host_name,  # "Eastmoor Post" on the page of eastmoorpost.co.uk
        publication_from_logo_alt,  # "Oswell County seal image": the site's own logo
        publication_from_title_site,  # "<title>Headline | Site</title>" of a saved page
        copyright_holder(corporate=False),  # an unlisted copyright holder: "© 2021 Field & Flight"
        publication_from_byline_outlet,  # "Ramon Dizon - Visayas Daily Mirror"
        publication_from_footer_address,  # "Westvale Hospitals Health Trust" over its address
        publication_from_welcome_banner,  # "Welcome to the Parish of Lowmere" on top
        publication_from_language_switch,  # "MercoPress, en Español" on the first line
        publication_from_subscription_notice,  # "requires an active X subscription"
        publication_from_newsletter_issue,  # "this is issue #53 of The Week in Newsletters"
        publication_from_masthead,  # a short name above the page menu
        publication_from_tagline_masthead,  # a blog's name over its one-sentence motto
        publication_from_repeated_masthead,  # "THE HARROWGATE ECHO" on top, again at the foot
        copyright_holder(
            corporate=True
        ),  # "© Questex LLC": often the parent, so after the masthead
        publication_from_platform,  # the hosting platform, when no publisher is named
        publication_from_host_masthead,  # "glenmorrowherald.co.nz": "Glenmorrow Herald"
        publication_from_url,  # the bare domain, marked unsure
    ],
}
TEXT_RULES_FROM = 2
"""The author rules from this index on read the text (not the front-matter or page metadata)."""
FIELDS = ("url", "title", "subtitle", "author", "date", "publication")
