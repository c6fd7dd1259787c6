"""A small web server on 127.0.0.1 for the tests of `digest add` and `digest pull`: no test ever
reaches the internet. Routes are Python functions; the server counts hits and the most requests it
served at once. Its threads are daemons and every slow route sleeps a bounded time, so a test that
fails cannot leave anything running."""
from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[["Handler"], None]
MAX_SLEEP = 3.0  # seconds: the longest any route may stall


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:  # the name http.server calls
        server = self.server
        with server.lock:
            server.hits[self.path] += 1
            server.requests.append((self.path, dict(self.headers)))
            server.in_flight += 1
            server.max_in_flight = max(server.max_in_flight, server.in_flight)
        self._served = False
        try:
            route = server.routes.get(self.path) or server.routes.get(self.path.split("?")[0])
            if route is None:
                self.answer(404, b"not here", "text/plain")
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test); nothing to answer
        finally:
            self._leave()

    def _leave(self) -> None:
        """The request stops counting as in flight when its answer starts: once the client has the
        last byte it may send its next request, before this thread would get back to count."""
        if not self._served:
            self._served = True
            with self.server.lock:
                self.server.in_flight -= 1

    def answer(self, status: int, body: bytes = b"", content_type: str | None = "text/html; charset=utf-8",
               headers: dict[str, str] | None = None) -> None:
        self._leave()
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet in test output
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.hits: Counter = Counter()
        self.requests: list[tuple[str, dict]] = []
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def serve(self, path: str, body: bytes | str, content_type: str | None = "text/html; charset=utf-8",
              status: int = 200, headers: dict[str, str] | None = None, delay: float = 0.0) -> str:
        """Answer path with a fixed response (after delay seconds); returns the full address."""
        data = body.encode("utf-8") if isinstance(body, str) else body

        def route(handler: Handler) -> None:
            time.sleep(min(delay, MAX_SLEEP))
            handler.answer(status, data, content_type, headers)
        self.routes[path] = route
        return self.url(path)

    def headers_of(self, path: str) -> list[dict]:
        return [h for p, h in self.requests if p == path]


@contextmanager
def running() -> Iterator[Server]:
    server = Server()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
