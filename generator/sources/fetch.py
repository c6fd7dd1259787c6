"""HTTP for `digest add` and `digest pull`: httpx with every limit a polite, safe clipper needs.

Requests run in parallel up to `concurrency`, but never two at a time to one host; a 5xx answer or a
timeout is retried with a doubling pause. Every refusal is a FetchError whose message says why in
plain words, ready for the summary.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import Self
from urllib.parse import urlsplit

import httpx

from .canonical import is_web_address

USER_AGENT = "digest-generator/0.1 (clips news articles for a reading digest)"
DEFAULT_TIMEOUT = 20.0  # seconds for one whole request, headers and body, redirects included
DEFAULT_MAX_REDIRECTS = 5
DEFAULT_ATTEMPTS = 3  # the first try and two retries
DEFAULT_BACKOFF = 1.0  # seconds before the first retry; doubled before each further one
DEFAULT_CONCURRENCY = 4
CHUNK_BYTES = 65_536
_OTHER_SCHEME = "redirected to an address that is not http:// or https://"
# What a web page may be served as; an address without a Content-Type is judged by its first bytes.
HTML_TYPES = ("text/html", "application/xhtml+xml")
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body")


@dataclass(frozen=True)
class FetchLimits:
    max_bytes: int
    """The same limit as for seed files (limits.max_seed_bytes in digest.yml)."""
    timeout: float = DEFAULT_TIMEOUT
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    attempts: int = DEFAULT_ATTEMPTS
    backoff: float = DEFAULT_BACKOFF
    concurrency: int = DEFAULT_CONCURRENCY


@dataclass(frozen=True)
class Response:
    url: str
    """The address the body came from, after redirects."""
    status: int
    body: bytes = b""
    content_type: str = ""
    """The media type without parameters, lower case ("text/html")."""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retries: int = 0


class FetchError(Exception):
    """The address could not be fetched; str() is the reason, worded for the summary."""


@dataclass
class Fetcher:
    """One shared client for a run; use as `async with Fetcher(limits) as fetcher`."""

    limits: FetchLimits
    transport: httpx.AsyncBaseTransport | None = None
    """None: the network; tests pass httpx.MockTransport to watch how requests are scheduled."""
    _client: httpx.AsyncClient | None = None
    _slots: asyncio.Semaphore | None = None
    _hosts: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def __aenter__(self) -> Self:
        self._client = httpx.AsyncClient(
            transport=self.transport,
            event_hooks={"request": [_refuse_other_schemes]},
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            timeout=httpx.Timeout(self.limits.timeout),
            headers={"User-Agent": USER_AGENT},
        )
        self._slots = asyncio.Semaphore(self.limits.concurrency)
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client:
            await self._client.aclose()

    async def page(self, url: str) -> Response:
        """A web page, refused unless it is HTML."""
        response = await self.get(
            url, {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"}
        )
        if not is_html(response):
            kind = response.content_type or "content without a type"
            raise FetchError(f"not a web page: the server sent {kind}; only HTML pages are saved")
        return response

    async def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """GET with retries on 5xx and timeouts; a 304 comes back as a Response without a body."""
        if not is_web_address(url):
            raise FetchError("not an http:// or https:// address; only web addresses are fetched")
        reason = ""
        for attempt in range(self.limits.attempts):
            if attempt:
                await asyncio.sleep(self.limits.backoff * 2 ** (attempt - 1))
            try:
                response = await self._once(url, headers or {})
            except (httpx.TimeoutException, TimeoutError):
                reason = f"timed out after {self.limits.timeout:g} s"
                continue
            if response.status < 500:
                return replace(response, retries=attempt)
            reason = f"the server answered {response.status} (a server error)"
        tries = self.limits.attempts
        raise FetchError(
            f"{reason}, {tries} time{'s' if tries > 1 else ''}" if tries > 1 else reason
        )

    async def _once(self, url: str, headers: dict[str, str]) -> Response:
        host = (urlsplit(url).hostname or "").lower()
        lock = self._hosts.setdefault(host, asyncio.Lock())
        assert self._client is not None and self._slots is not None, "use `async with Fetcher(...)`"
        # The time limit starts once it is this request's turn, not while it waits for the host.
        async with lock, self._slots:
            try:
                async with (
                    asyncio.timeout(self.limits.timeout),
                    self._client.stream("GET", url, headers=headers) as answer,
                ):
                    return await self._read(answer)
            except httpx.TooManyRedirects as exc:
                raise FetchError(
                    f"more than {self.limits.max_redirects} redirects (a redirect loop?); "
                    "open the address in a browser and use the one it ends at"
                ) from exc
            except httpx.TimeoutException:
                raise
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise FetchError(_transport_reason(exc)) from exc

    async def _read(self, answer: httpx.Response) -> Response:
        status = answer.status_code
        if status >= 500 or status == 304:
            return _response(answer, b"")
        if status >= 400:
            raise FetchError(f"the server answered {status} {answer.reason_phrase}".rstrip())
        if not 200 <= status < 300:
            raise FetchError(
                f"the server answered {status} {answer.reason_phrase}, not a page".rstrip()
            )
        declared = answer.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise FetchError(_too_big(f"{int(declared):,} bytes", self.limits.max_bytes))
        body = bytearray()
        async for chunk in answer.aiter_bytes(CHUNK_BYTES):
            body += chunk
            if len(body) > self.limits.max_bytes:
                raise FetchError(
                    _too_big(f"over {self.limits.max_bytes:,} bytes", self.limits.max_bytes)
                )
        return _response(answer, bytes(body))


async def _refuse_other_schemes(request: httpx.Request) -> None:
    """Every hop of a redirect chain must stay on http or https (no file:, ftp:, data:)."""
    if request.url.scheme not in ("http", "https"):
        raise FetchError(_OTHER_SCHEME)


def is_html(response: Response) -> bool:
    if response.content_type:
        return response.content_type in HTML_TYPES
    return response.body.lstrip()[:20].lower().startswith(_HTML_START)


def _response(answer: httpx.Response, body: bytes) -> Response:
    media, _, params = answer.headers.get("Content-Type", "").partition(";")
    charset = next(
        (
            p.split("=", 1)[1].strip(" \"'")
            for p in params.split(";")
            if p.strip().lower().startswith("charset=")
        ),
        None,
    )
    return Response(
        str(answer.url),
        answer.status_code,
        body,
        media.strip().lower(),
        charset or None,
        answer.headers.get("ETag"),
        answer.headers.get("Last-Modified"),
    )


def _too_big(size: str, limit: int) -> str:
    return (
        f"the page is {size}, over the limit of {limit:,} bytes "
        "(limits.max_seed_bytes in digest.yml); "
        "nothing was saved"
    )


def _transport_reason(exc: Exception) -> str:
    if isinstance(exc, httpx.UnsupportedProtocol):
        return _OTHER_SCHEME
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({_first_line(exc) or 'connection refused'})"
    if isinstance(exc, httpx.InvalidURL):
        return f"not a valid address ({_first_line(exc)})"
    return f"the connection failed ({type(exc).__name__}: {_first_line(exc) or 'no details'})"


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0][:200]
