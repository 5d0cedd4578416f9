"""A preheated kernel taken by a page is replaced only once no page is being drawn or
waiting: the replacement runs the whole notebook, and while pages are drawn it took the
cores they need (issue 11, many pages at once)."""

from __future__ import annotations

import asyncio
import threading

from leven.core.web import pool
from leven.core.web.pool import refill_when_quiet
from leven.core.web.queue import PageQueue


class FakeManager:
    """Voila's pooling kernel manager, as far as the refill goes: who asked to fill what."""

    fill_delay = 0.01

    def __init__(self) -> None:
        self.filled: list[tuple[str, float | None]] = []

    def fill_if_needed(self, delay: float | None = None, notebook_name: str | None = None,
                       **_kwargs: object) -> None:
        self.filled.append((notebook_name, delay))


def run(coroutine: object) -> None:
    """In a thread of its own: the browser tests before may leave a loop running in this one."""
    failed: list[BaseException] = []

    def target() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as error:  # handed to the test
            failed.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(30)
    if failed:
        raise failed[0]


def test_start_up_fills_at_once():
    manager = FakeManager()
    refill_when_quiet(manager, PageQueue(limit=2))
    manager.fill_if_needed(delay=0, notebook_name="gas.ipynb")
    assert manager.filled == [("gas.ipynb", 0)]


def test_a_taken_kernel_is_replaced_only_when_no_page_is_drawn_or_waiting(monkeypatch):
    monkeypatch.setattr(pool, "LOOK_SECONDS", 0.01)
    manager, queue = FakeManager(), PageQueue(limit=1)
    original = manager.fill_if_needed
    refill_when_quiet(manager, queue)

    async def scenario() -> None:
        _, drawn = queue.enter()
        place, ticket = queue.enter()  # a second page waits in the queue
        assert place == 1
        manager.fill_if_needed(notebook_name="gas.ipynb")  # Voila: the kernel was taken
        manager.fill_if_needed(notebook_name="gas.ipynb")  # taken again: one refill
        await asyncio.sleep(0.1)
        assert manager.filled == []  # a page is being drawn and one waits
        queue.leave(drawn)
        _, second = queue.enter(ticket)  # the waiting page goes on: still drawing
        await asyncio.sleep(0.1)
        assert manager.filled == []
        queue.sent(second)
        queue.shown("kernel-of-the-second-page")
        await asyncio.sleep(0.1)
        assert manager.filled == [("gas.ipynb", 0)]  # quiet: replaced, once

    run(scenario())
    assert original is not manager.fill_if_needed


def test_without_preheating_nothing_is_changed():
    class NoPool:
        pass

    manager = NoPool()
    refill_when_quiet(manager, PageQueue(limit=1))
    assert not hasattr(manager, "fill_if_needed")
