"""A page closed before it said its widgets were shown frees its place in the queue.

Held for 30 s, that place kept the next page waiting and every taken preheated kernel from
being replaced (leven.core.web.pool), so the pages after it started kernels of their own.
The shutdown route runs in a Tornado server on a thread of its own (with its own event loop:
the test session may have one running already).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
import tornado.httpserver
import tornado.web

from leven.core.web.queue import PageQueue
from leven.core.web.server import ShutdownKernelHandler

KERNEL = "0f0e0d0c-0b0a-4908-8706-050403020100"
UNKNOWN = "ffffffff-0000-4000-8000-000000000000"


class FakeKernels(set):
    """The kernels the server runs (``in``) and their shutdown."""

    async def shutdown_kernel(self, kernel_id: str) -> None:
        self.discard(kernel_id)


@pytest.fixture
def site() -> Iterator[tuple[str, PageQueue]]:
    queue = PageQueue(limit=2)
    app = tornado.web.Application(
        [(r"/voila/api/shutdown/([0-9a-f-]+)", ShutdownKernelHandler, {"queue": queue})],
        kernel_manager=FakeKernels({KERNEL}))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def serve() -> None:
        asyncio.set_event_loop(loop)
        server = tornado.httpserver.HTTPServer(app)
        server.listen(port, "127.0.0.1")
        loop.call_soon(ready.set)
        loop.run_forever()
        server.stop()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    ready.wait(10)
    yield f"http://127.0.0.1:{port}/voila/api/shutdown/", queue
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


def _page_sent(queue: PageQueue) -> None:
    place, slot = queue.enter()
    assert place == 0
    queue.sent(slot)  # its HTML went out; its widgets never said they were shown


def _leave(url: str, site: str = "same-origin") -> int:
    request = urllib.request.Request(url, data=b"", method="POST",
                                     headers={"Sec-Fetch-Site": site})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_its_place_is_freed_at_once(site):
    url, queue = site
    _page_sent(queue)
    _page_sent(queue)
    assert queue.drawing == 2 and queue.enter()[0] == 1  # a third page waits
    assert _leave(url + KERNEL) == 204
    assert queue.drawing == 1


def test_a_kernel_the_server_does_not_run_frees_nothing(site):
    url, queue = site
    _page_sent(queue)
    assert _leave(url + UNKNOWN) == 204
    assert queue.drawing == 1


def test_another_site_frees_nothing(site):
    url, queue = site
    _page_sent(queue)
    assert _leave(url + KERNEL, site="cross-site") == 403
    assert queue.drawing == 1
