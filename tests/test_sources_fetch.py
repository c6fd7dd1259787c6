"""The fetcher's scheduling and refusals, watched through httpx's MockTransport (no network at all);
the end-to-end cases against a real local server are in test_sources_clip.py."""
from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest

from generator.sources.fetch import Fetcher, FetchError, FetchLimits

LIMITS = FetchLimits(max_bytes=10_000, timeout=2, attempts=2, backoff=0.01, concurrency=2)
PAGE = b"<!DOCTYPE html><html><body><p>Text</p></body></html>"


class Watcher:
    """Answers every request after a short pause, counting requests in flight overall and per host."""

    def __init__(self) -> None:
        self.now: Counter = Counter()
        self.most: Counter = Counter()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        self.now[host] += 1
        self.now["all"] += 1
        self.most[host] = max(self.most[host], self.now[host])
        self.most["all"] = max(self.most["all"], self.now["all"])
        await asyncio.sleep(0.02)
        self.now[host] -= 1
        self.now["all"] -= 1
        return httpx.Response(200, content=PAGE, headers={"Content-Type": "text/html"})


def fetch_all(urls: list[str], handler, limits: FetchLimits = LIMITS) -> list:
    async def run():
        async with Fetcher(limits, httpx.MockTransport(handler)) as fetcher:
            return await asyncio.gather(*(fetcher.page(u) for u in urls), return_exceptions=True)
    return asyncio.run(run())


def test_hosts_are_fetched_in_parallel_up_to_the_limit_but_each_host_one_at_a_time():
    watcher = Watcher()
    urls = [f"https://{host}.example/{i}" for host in "abc" for i in range(3)]
    results = fetch_all(urls, watcher)
    assert all(r.body == PAGE for r in results)
    assert watcher.most["all"] == 2, "concurrency bounds the requests in flight"
    assert {watcher.most[f"{h}.example"] for h in "abc"} == {1}, "never two at once to one host"


def test_a_redirect_to_another_scheme_is_refused():
    def handler(request):
        return httpx.Response(302, headers={"Location": "ftp://files.example/a.html"})
    [result] = fetch_all(["https://a.example/x"], handler)
    assert isinstance(result, FetchError)
    assert str(result) == "redirected to an address that is not http:// or https://"


def test_a_connection_error_is_reported_without_retrying():
    calls = []

    def handler(request):
        calls.append(request)
        raise httpx.ConnectError("Name or service not known")
    [result] = fetch_all(["https://nowhere.example/x"], handler)
    assert str(result) == "could not connect (Name or service not known)"
    assert len(calls) == 1


@pytest.mark.parametrize(("content_type", "body", "ok"), [
    ("text/html; charset=windows-1252", PAGE, True), ("application/xhtml+xml", PAGE, True),
    ("", PAGE, True), ("", b"%PDF-1.4", False), ("application/json", b"{}", False),
    ("text/plain", b"Just text", False),
])
def test_only_html_is_a_page(content_type, body, ok):
    def handler(request):
        headers = {"Content-Type": content_type} if content_type else {}
        return httpx.Response(200, content=body, headers=headers)
    [result] = fetch_all(["https://a.example/x"], handler)
    assert (not isinstance(result, FetchError)) is ok, result


def test_the_charset_and_validators_are_kept():
    def handler(request):
        return httpx.Response(200, content=PAGE, headers={
            "Content-Type": 'text/html; charset="Shift_JIS"', "ETag": '"abc"',
            "Last-Modified": "Mon, 30 Nov 2026 08:00:00 GMT"})
    [result] = fetch_all(["https://a.example/x"], handler)
    assert (result.content_type, result.charset, result.etag, result.last_modified) == (
        "text/html", "Shift_JIS", '"abc"', "Mon, 30 Nov 2026 08:00:00 GMT")
