"""Canonical addresses: the key under which two links to one article compare equal."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from ..extract.metadata import clean_url

WEB_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters an address keeps as they are; any other (space, quote, <, >, non-ASCII) is %-encoded.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def is_web_address(url: str) -> bool:
    """An http:// or https:// address with a host: the only kind `digest add` and `pull` fetch."""
    try:
        parts = urlsplit(url.strip())
        return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)
    except ValueError:  # an unclosed [ in the host part
        return False


def printable_address(url: str) -> str:
    """The address with every character outside RFC 3986 %-encoded: safe in a comment, a message."""
    return quote(url.strip(), safe=_URL_SAFE)


def canonical_key(url: str) -> str:
    """One spelling per article: tracking parameters, fragment, `www.`, the default port, the
    http/https difference and a trailing slash are dropped; the other query parameters are sorted.

    Only for comparing: the address recorded in a seed is the one the server gave.
    """
    parts = urlsplit(clean_url(printable_address(url)))
    host = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: keep the address as it is written
        port = None
    if port and port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("web", host, path, query, ""))
