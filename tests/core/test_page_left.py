"""A page closed before it said its widgets were shown frees its place in the queue.

Held for 30 s, that place kept the next page waiting and every taken preheated kernel from
being replaced (leven.core.web.pool), so the pages after it started kernels of their own.
"""

from __future__ import annotations

import tornado.web
from tornado.testing import AsyncHTTPTestCase

from leven.core.web.queue import PageQueue
from leven.core.web.server import ShutdownKernelHandler

KERNEL = "0f0e0d0c-0b0a-4908-8706-050403020100"


class FakeKernels(set):
    """The kernels the server runs (``in``) and their shutdown, recorded."""

    stopped: list[str]

    async def shutdown_kernel(self, kernel_id: str) -> None:
        self.stopped.append(kernel_id)
        self.discard(kernel_id)


class TestAPageLeftBeforeItWasShown(AsyncHTTPTestCase):
    def get_app(self) -> tornado.web.Application:
        self.queue = PageQueue(limit=2)
        self.kernels = FakeKernels({KERNEL})
        self.kernels.stopped = []
        return tornado.web.Application(
            [(r"/voila/api/shutdown/([0-9a-f-]+)", ShutdownKernelHandler, {"queue": self.queue})],
            kernel_manager=self.kernels)

    def _page_sent(self) -> None:
        place, slot = self.queue.enter()
        assert place == 0
        self.queue.sent(slot)  # its HTML went out; its widgets never said they were shown

    def test_its_place_is_freed_at_once(self):
        self._page_sent()
        self._page_sent()
        assert self.queue.drawing == 2 and self.queue.enter()[0] == 1  # a third one waits
        response = self.fetch(f"/voila/api/shutdown/{KERNEL}", method="POST", body="",
                              headers={"Sec-Fetch-Site": "same-origin"})
        assert response.code == 204
        assert self.queue.drawing == 1

    def test_a_kernel_the_server_does_not_run_frees_nothing(self):
        self._page_sent()
        response = self.fetch("/voila/api/shutdown/ffffffff-0000-4000-8000-000000000000",
                              method="POST", body="", headers={"Sec-Fetch-Site": "same-origin"})
        assert response.code == 204
        assert self.queue.drawing == 1

    def test_another_site_frees_nothing(self):
        self._page_sent()
        response = self.fetch(f"/voila/api/shutdown/{KERNEL}", method="POST", body="",
                              headers={"Sec-Fetch-Site": "cross-site"})
        assert response.code == 403
        assert self.queue.drawing == 1
